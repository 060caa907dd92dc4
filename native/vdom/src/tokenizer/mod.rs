//! PLACEHOLDER — being replaced by the HTML5 tokenizer (WHATWG §13.2.5). Signatures are the contract.

use crate::token::{TextState, Token};

/// The HTML tokenizer over one input string.
pub struct Tokenizer<'a> {
    input: &'a str,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input` in the data state.
    pub fn new(input: &'a str) -> Tokenizer<'a> {
        Tokenizer { input }
    }
    /// The next token; valid until the next call.
    pub fn next_token(&mut self) -> Token<'_> {
        let _ = self.input;
        Token::Eof
    }
    /// Switches state (the tree builder's "switch the tokenizer to the RCDATA state", ...).
    pub fn set_state(&mut self, _state: TextState) {}
    /// Sets the "last start tag name" (fragment parsing with a title/textarea/style/... context).
    pub fn set_last_start_tag(&mut self, _name: &[u8]) {}
    /// Whether `<![CDATA[` opens a CDATA section (the adjusted current node is not HTML).
    pub fn set_cdata_allowed(&mut self, _allowed: bool) {}
}
