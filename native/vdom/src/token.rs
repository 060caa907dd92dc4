//! The tokens the tokenizer hands to the tree builder, and the tokenizer states the tree builder
//! may switch it to. Tokens borrow the tokenizer's reusable buffers (or the input), so producing
//! one allocates nothing; a token is valid until the next call to `Tokenizer::next_token`.

use crate::atoms::Tag;

/// A DOCTYPE token. `None` means "missing" (distinct from empty).
#[derive(Debug, Default, Clone)]
pub struct Doctype {
    pub name: Option<Vec<u8>>,
    pub public_id: Option<Vec<u8>>,
    pub system_id: Option<Vec<u8>>,
    pub force_quirks: bool,
}

/// A start or end tag. Names are lower-cased ASCII (other bytes kept as UTF-8); attribute names
/// likewise. Duplicate attributes have already been dropped (first one wins, as the spec says).
#[derive(Debug, Default)]
pub struct TagToken {
    /// The interned name, or `Tag::Other`.
    pub tag: Tag,
    pub self_closing: bool,
    /// Name bytes.
    pub name: Vec<u8>,
    /// Attribute name/value byte ranges into `attr_bytes`.
    pub attrs: Vec<TokenAttr>,
    pub attr_bytes: Vec<u8>,
}

/// One attribute of a tag token: ranges into [`TagToken::attr_bytes`].
#[derive(Debug, Clone, Copy)]
pub struct TokenAttr {
    pub name_start: u32,
    pub name_end: u32,
    pub value_start: u32,
    pub value_end: u32,
}

impl TagToken {
    /// Number of attributes.
    pub fn attr_count(&self) -> usize {
        self.attrs.len()
    }

    /// (name, value) of attribute `i`.
    pub fn attr(&self, i: usize) -> (&[u8], &[u8]) {
        let a = self.attrs[i];
        (
            &self.attr_bytes[a.name_start as usize..a.name_end as usize],
            &self.attr_bytes[a.value_start as usize..a.value_end as usize],
        )
    }

    /// All (name, value) pairs in source order.
    pub fn attr_iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        (0..self.attrs.len()).map(move |i| self.attr(i))
    }

    /// Value of the attribute called `name`.
    pub fn get_attr(&self, name: &[u8]) -> Option<&[u8]> {
        self.attr_iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// A token.
#[derive(Debug)]
pub enum Token<'t> {
    Doctype(&'t Doctype),
    StartTag(&'t TagToken),
    EndTag(&'t TagToken),
    Comment(&'t [u8]),
    /// A run of characters (UTF-8, never empty, never containing U+0000). Runs may be split
    /// anywhere between characters; the tree builder must not assume one run per text node.
    Characters(&'t [u8]),
    /// One U+0000 in the data state or in a CDATA section (the tree builder decides what it
    /// means there: ignored in body, U+FFFD in foreign content). In the RCDATA, RAWTEXT, script
    /// data and PLAINTEXT states the tokenizer itself replaces U+0000 with U+FFFD and emits it
    /// inside `Characters`.
    NullCharacter,
    Eof,
}

/// Tokenizer states the tree builder switches to (the spec's "switch the tokenizer to ...").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextState {
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
}
