//! Tokenizer tests: exact token sequences for every family of states, character references,
//! hostile input, and a differential test against a naive transcription of the standard.

mod char_refs;
mod data;
mod differential;
mod hostile;
mod markup;
mod reference;
mod support;
mod text_states;
