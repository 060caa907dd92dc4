//! liveloom's VDOM engine, pure Rust with no dependencies and no `unsafe`.
//!
//! HTML (the output of a template for one live container) is parsed exactly as a browser parses it
//! as the contents of a `<div>`, flattened into a compact pre-order tree whose bytes are the
//! session's snapshot, and diffed against the previous snapshot into patch ops encoded as JSON
//! text ready for the wire. See `docs/native.md`.
#![forbid(unsafe_code)]

pub mod atoms;
pub mod dom;
pub mod error;
pub mod token;
pub mod tokenizer;
pub mod tree_builder;

pub use error::Error;
