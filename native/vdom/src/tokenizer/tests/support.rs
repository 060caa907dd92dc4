//! Test helpers: owned tokens, and a driver that switches text states after start tags the way
//! the tree builder does (title/textarea → RCDATA, script → script data, ...).

use crate::token::{TextState, Token};
use crate::tokenizer::Tokenizer;

/// An owned token, for exact assertions. Adjacent character runs are merged (the tokenizer may
/// split them anywhere); each U+0000 passed through is its own `Null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum T {
    Doctype { name: Option<String>, public: Option<String>, system: Option<String>, quirks: bool },
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    Comment(String),
    Chars(String),
    Null,
}

/// Shorthand constructors for expectations.
pub fn start(name: &str, attrs: &[(&str, &str)]) -> T {
    T::Start {
        name: name.into(),
        attrs: attrs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        self_closing: false,
    }
}

pub fn start_sc(name: &str, attrs: &[(&str, &str)]) -> T {
    match start(name, attrs) {
        T::Start { name, attrs, .. } => T::Start { name, attrs, self_closing: true },
        _ => unreachable!(),
    }
}

pub fn end(name: &str) -> T {
    T::End { name: name.into(), attrs: vec![], self_closing: false }
}

pub fn chars(text: &str) -> T {
    T::Chars(text.into())
}

pub fn comment(text: &str) -> T {
    T::Comment(text.into())
}

pub fn doctype(name: Option<&str>, public: Option<&str>, system: Option<&str>, quirks: bool) -> T {
    T::Doctype {
        name: name.map(Into::into),
        public: public.map(Into::into),
        system: system.map(Into::into),
        quirks,
    }
}

/// The text state the tree builder switches to after a start tag (scripting enabled).
pub fn state_after(name: &str) -> Option<TextState> {
    match name {
        "title" | "textarea" => Some(TextState::Rcdata),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(TextState::Rawtext),
        "script" => Some(TextState::ScriptData),
        "plaintext" => Some(TextState::Plaintext),
        _ => None,
    }
}

/// How a run starts: initial state, last start tag, CDATA allowed.
#[derive(Clone, Copy, Debug)]
pub struct Setup<'s> {
    pub state: TextState,
    pub last_start_tag: Option<&'s str>,
    pub cdata: bool,
}

pub const DATA: Setup<'static> = Setup { state: TextState::Data, last_start_tag: None, cdata: false };

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("tokenizer output must be UTF-8")
}

/// Pushes `t`, merging character runs.
pub fn push(out: &mut Vec<T>, t: T) {
    if let (T::Chars(more), Some(T::Chars(prev))) = (&t, out.last_mut()) {
        prev.push_str(more);
        return;
    }
    out.push(t);
}

/// Every token of `input` from the real tokenizer, switching states after start tags.
pub fn run(input: &str, setup: Setup) -> Vec<T> {
    let mut tok = Tokenizer::new(input);
    tok.set_state(setup.state);
    if let Some(name) = setup.last_start_tag {
        tok.set_last_start_tag(name.as_bytes());
    }
    let mut out = Vec::new();
    // Guards against a tokenizer that never reaches end-of-file.
    let mut budget = input.len() * 2 + 10;
    loop {
        budget -= 1;
        assert!(budget > 0, "tokenizer does not terminate");
        tok.set_cdata_allowed(setup.cdata);
        let mut switch = None;
        let t = match tok.next_token() {
            Token::Eof => break,
            Token::Characters(c) => {
                assert!(!c.is_empty(), "empty character run");
                assert!(!c.contains(&0), "U+0000 inside a character run");
                T::Chars(text(c))
            }
            Token::NullCharacter => T::Null,
            Token::Comment(c) => T::Comment(text(c)),
            Token::Doctype(d) => T::Doctype {
                name: d.name.as_deref().map(text),
                public: d.public_id.as_deref().map(text),
                system: d.system_id.as_deref().map(text),
                quirks: d.force_quirks,
            },
            Token::StartTag(tag) => {
                assert_eq!(tag.tag, crate::atoms::lookup(&tag.name));
                let name = text(&tag.name);
                switch = state_after(&name);
                let attrs = tag.attr_iter().map(|(n, v)| (text(n), text(v))).collect();
                T::Start { name, attrs, self_closing: tag.self_closing }
            }
            Token::EndTag(tag) => {
                assert_eq!(tag.tag, crate::atoms::lookup(&tag.name));
                let attrs = tag.attr_iter().map(|(n, v)| (text(n), text(v))).collect();
                T::End { name: text(&tag.name), attrs, self_closing: tag.self_closing }
            }
        };
        push(&mut out, t);
        if let Some(state) = switch {
            tok.set_state(state);
        }
    }
    // End-of-file is sticky.
    assert!(matches!(tok.next_token(), Token::Eof));
    assert!(matches!(tok.next_token(), Token::Eof));
    out
}

/// `run` from the data state.
pub fn tokens(input: &str) -> Vec<T> {
    run(input, DATA)
}

/// `run` from `state` with `last_start_tag` set (as fragment parsing in such a context does).
pub fn tokens_in(state: TextState, last_start_tag: &str, input: &str) -> Vec<T> {
    run(input, Setup { state, last_start_tag: Some(last_start_tag), cdata: false })
}
