//! The HTML tokenizer (WHATWG HTML §13.2.5), with input stream preprocessing (§13.2.3.5).
//!
//! Design, for speed on template output:
//! - The input is preprocessed once (CR LF / CR → LF, copying only if a CR occurs), so no state
//!   ever sees a CR.
//! - Everything the states treat specially is ASCII, so the tokenizer works on UTF-8 bytes and
//!   scans for the next byte that matters (`scan::find`). Text comes out as a slice of the input
//!   unless something in it had to be decoded (a character reference, or U+0000 → U+FFFD), in
//!   which case the run is built in a reusable buffer.
//! - A tag, comment or doctype is parsed in one go from its `<` to its `>` (the input is all in
//!   memory), into reusable buffers: no allocation per token in steady state.
//! - Text runs end where a token must follow; the text before a `<` that starts markup is returned
//!   first and the markup on the next call, so the tree builder has processed the text before it
//!   answers `set_cdata_allowed` for the markup.
//!
//! Files: `text.rs` (data, RCDATA, RAWTEXT, PLAINTEXT, CDATA section), `script.rs` (script data and
//! its escapes), `tag.rs` (tags and attributes), `comment.rs` (markup declarations, comments),
//! `doctype.rs`, `char_ref.rs` with the generated `entities.rs`, `dedup.rs` (duplicate
//! attributes), `scan.rs` (byte scanning), `input.rs` (preprocessing).

mod char_ref;
mod comment;
mod dedup;
mod doctype;
mod entities;
mod input;
mod scan;
mod script;
mod tag;
mod text;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::atoms::Tag;
use crate::token::{Doctype, TagToken, TextState, Token};
use script::ScriptState;

/// The HTML tokenizer over one input string.
pub struct Tokenizer<'a> {
    /// The preprocessed input (borrowed unless it contained a CR).
    input: Cow<'a, str>,
    machine: Machine,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input` in the data state.
    pub fn new(input: &'a str) -> Tokenizer<'a> {
        Tokenizer { input: input::normalize_newlines(input), machine: Machine::new() }
    }

    /// The next token; valid until the next call. After `Token::Eof`, every call returns
    /// `Token::Eof` again.
    pub fn next_token(&mut self) -> Token<'_> {
        let src = self.input.as_bytes();
        let m = &mut self.machine;
        match m.step(src) {
            Out::Chars(start, end) => Token::Characters(&src[start..end]),
            Out::Text => Token::Characters(&m.text),
            Out::Null => Token::NullCharacter,
            Out::StartTag => Token::StartTag(&m.tag),
            Out::EndTag => Token::EndTag(&m.tag),
            Out::Comment(start, end) => Token::Comment(&src[start..end]),
            Out::CommentText => Token::Comment(&m.text),
            Out::Doctype => Token::Doctype(&m.doctype),
            Out::Eof => Token::Eof,
        }
    }

    /// Switches state (the tree builder's "switch the tokenizer to the RCDATA state", ...).
    pub fn set_state(&mut self, state: TextState) {
        let m = &mut self.machine;
        m.mode = match state {
            TextState::Data => Mode::Data,
            TextState::Rcdata => Mode::Rcdata,
            TextState::Rawtext => Mode::Rawtext,
            TextState::ScriptData => Mode::ScriptData,
            TextState::Plaintext => Mode::Plaintext,
        };
        m.script = ScriptState::Data;
    }

    /// Sets the "last start tag name" (fragment parsing with a title/textarea/style/... context).
    /// `name` should be lower case, as tag tokens' names are.
    pub fn set_last_start_tag(&mut self, name: &[u8]) {
        self.machine.set_last_start_tag(crate::atoms::lookup(name), Some(name));
    }

    /// Whether `<![CDATA[` opens a CDATA section (the adjusted current node is not HTML).
    pub fn set_cdata_allowed(&mut self, allowed: bool) {
        self.machine.cdata_allowed = allowed;
    }
}

/// The tokenizer's state that is not a text state's position in the input: which family of
/// states it is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum Mode {
    #[default]
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
    /// CDATA section state (entered from the data state, returns to it).
    Cdata,
}

/// What `Machine::step` produced; `Tokenizer::next_token` turns it into a borrowed `Token`.
/// (Positions rather than slices, so the machine can hand back its own buffers and the input's.)
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Out {
    /// Characters `src[start..end]`.
    Chars(usize, usize),
    /// Characters in `Machine::text`.
    Text,
    Null,
    StartTag,
    EndTag,
    /// Comment data `src[start..end]`.
    Comment(usize, usize),
    /// Comment data in `Machine::text`.
    CommentText,
    Doctype,
    Eof,
}

/// A run of characters being collected, starting at `start`: borrowed from the input until
/// something in it must be decoded, after which it lives in `Machine::text` (`owned`), with
/// `start` marking the input not yet copied there.
struct Run {
    start: usize,
    owned: bool,
}

impl Run {
    fn at(start: usize) -> Run {
        Run { start, owned: false }
    }
}

/// Everything but the input, so the states can borrow the input while mutating themselves.
#[derive(Default)]
struct Machine {
    /// Position in the input of the next unconsumed byte.
    pos: usize,
    mode: Mode,
    /// The resting script data state, while `mode` is `ScriptData`.
    script: ScriptState,
    /// The last start tag emitted (or set for a fragment context): its atom, and its name in
    /// `last_start_name` when that is `Tag::Other` (a known tag's name is `Tag::name`, so the
    /// common case copies nothing). `None`: no start tag yet.
    last_start_tag: Option<Tag>,
    last_start_name: Vec<u8>,
    cdata_allowed: bool,
    tag: TagToken,
    doctype: Doctype,
    /// Text or comment data that could not be borrowed from the input.
    text: Vec<u8>,
    attr_set: dedup::AttrSet,
    atoms: tag::AtomCache,
}

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

impl Machine {
    /// A machine with buffers sized for typical tags, so a parse does not spend its first
    /// tokens growing them one reallocation at a time.
    fn new() -> Machine {
        let mut m = Machine::default();
        m.tag.name.reserve(16);
        m.tag.attrs.reserve(16);
        m.tag.attr_bytes.reserve(256);
        m.text.reserve(64);
        m
    }

    /// Runs the state machine to the next token.
    fn step(&mut self, src: &[u8]) -> Out {
        loop {
            let out = match self.mode {
                Mode::Data => self.data(src),
                Mode::Rcdata => self.raw_text(src, true),
                Mode::Rawtext => self.raw_text(src, false),
                Mode::ScriptData => self.script_data(src),
                Mode::Plaintext => self.plaintext(src),
                Mode::Cdata => self.cdata(src),
            };
            // `None`: the state changed without producing a token (an empty CDATA section).
            if let Some(out) = out {
                return out;
            }
        }
    }

    /// Records the last start tag: `tag`, and for `Tag::Other` its name (`name`, or the current
    /// tag token's).
    fn set_last_start_tag(&mut self, tag: Tag, name: Option<&[u8]>) {
        self.last_start_tag = Some(tag);
        if tag == Tag::Other {
            self.last_start_name.clear();
            self.last_start_name.extend_from_slice(name.unwrap_or(&self.tag.name));
        }
    }

    /// Input ended inside a construct the spec then drops (a tag): end-of-file.
    fn eof(&mut self, src: &[u8]) -> Out {
        self.pos = src.len();
        Out::Eof
    }

    /// Replaces `src[at..resume]` in `run` by `with` (U+FFFD when `None`), moving the run into
    /// `self.text` if it was still borrowed.
    #[inline]
    fn splice(&mut self, src: &[u8], run: &mut Run, at: usize, resume: usize, with: Option<char_ref::Decoded>) {
        if !run.owned {
            self.text.clear();
            run.owned = true;
        }
        self.text.extend_from_slice(&src[run.start..at]);
        match with {
            Some(decoded) => decoded.push_to(&mut self.text),
            None => self.text.extend_from_slice(REPLACEMENT),
        }
        run.start = resume;
    }

    /// The characters token for `run` ending at `end`, or `None` if it is empty.
    #[inline]
    fn finish(&mut self, src: &[u8], run: Run, end: usize) -> Option<Out> {
        if run.owned {
            self.text.extend_from_slice(&src[run.start..end]);
            Some(Out::Text)
        } else if end > run.start {
            Some(Out::Chars(run.start, end))
        } else {
            None
        }
    }

    /// Whether the `<` at `lt` starts an appropriate end tag for the RCDATA, RAWTEXT and script
    /// data end tag name states: `</`, the last start tag's name in any case (letters only, as
    /// those states buffer only letters), then whitespace, `/` or `>`. Reads at most the name's
    /// length ahead, and only over letters, so rescanning stays linear.
    fn is_appropriate_end_tag(&self, src: &[u8], lt: usize) -> bool {
        let name = match self.last_start_tag {
            None => return false,
            Some(Tag::Other) => &self.last_start_name[..],
            Some(tag) => tag.name(),
        };
        if name.is_empty() || src.get(lt + 1) != Some(&b'/') {
            return false;
        }
        let start = lt + 2;
        let Some(candidate) = src.get(start..start + name.len()) else { return false };
        candidate.iter().zip(name.iter()).all(|(&c, &n)| c.is_ascii_alphabetic() && c.to_ascii_lowercase() == n)
            && src.get(start + name.len()).is_some_and(|&b| scan::is_space(b) || b == b'/' || b == b'>')
    }

    /// At an appropriate end tag at `lt`: the pending text first if there is any (the end tag
    /// follows on the next call, found again at the same place), else the end tag.
    fn end_text_at_end_tag(&mut self, src: &[u8], run: Run, lt: usize) -> Option<Out> {
        self.pos = lt;
        if let Some(out) = self.finish(src, run, lt) {
            return Some(out);
        }
        Some(self.tag(src, lt + 2, true))
    }
}
