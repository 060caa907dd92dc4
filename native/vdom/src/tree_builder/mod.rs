//! The HTML5 tree construction stage (WHATWG §13.2.6) and the fragment parsing algorithm
//! (§13.4): tokens in, the exact DOM a browser builds out.
//!
//! Layout: `builder` (state, insertion primitives), `stack` (open elements and scopes),
//! `formatting` + `adoption` (active formatting elements, reconstruction, adoption agency),
//! `modes/` (the insertion modes), `foreign` (SVG/MathML), `quirks` (DOCTYPE modes), `select`
//! (customizable `<select>` cloning), `tags` (element categories).
//!
//! Limits for hostile input: the stack of open elements never exceeds
//! [`ParseOptions::max_depth`] (`Error::TooDeep`), so every scope scan is bounded by a constant
//! and parsing is linear; nothing here recurses on input-controlled depth.

mod adoption;
mod builder;
mod foreign;
mod formatting;
mod modes;
mod quirks;
mod select;
mod stack;
mod tags;

#[cfg(test)]
mod tests;

use crate::atoms::{self, Tag};
use crate::dom::{Dom, NodeId, Ns};
use crate::error::Error;
use crate::token::{TextState, Token};
use crate::tokenizer::Tokenizer;
use builder::{TreeBuilder, NO_ATTRS};
use modes::Mode;
use stack::{Open, TooDeep};

/// Parser settings.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// The scripting flag (browsers parse `innerHTML` with it on: `<noscript>` is raw text).
    pub scripting: bool,
    /// Deepest stack of open elements accepted before failing with `Error::TooDeep`.
    pub max_depth: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { scripting: true, max_depth: crate::error::MAX_DEPTH }
    }
}

/// The context element of fragment parsing.
#[derive(Clone, Debug)]
pub struct FragmentContext {
    pub ns: Ns,
    /// Local name, lower case for HTML (`div`, `body`, `td`, ...).
    pub name: Vec<u8>,
}

/// What the driver needs from a tokenizer. Implemented by [`Tokenizer`]; unit tests drive the
/// builder with scripted token sequences through it.
pub(crate) trait TokenSource {
    fn next_token(&mut self) -> Token<'_>;
    fn set_state(&mut self, state: TextState);
    fn set_cdata_allowed(&mut self, allowed: bool);
}

impl TokenSource for Tokenizer<'_> {
    #[inline]
    fn next_token(&mut self) -> Token<'_> {
        Tokenizer::next_token(self)
    }
    fn set_state(&mut self, state: TextState) {
        Tokenizer::set_state(self, state)
    }
    #[inline]
    fn set_cdata_allowed(&mut self, allowed: bool) {
        Tokenizer::set_cdata_allowed(self, allowed)
    }
}

/// Parses a whole document. Returns the arena; the document is node `Dom::DOCUMENT`.
pub fn parse_document(input: &str, opts: &ParseOptions) -> Result<Dom, Error> {
    check_size(input)?;
    let mut tok = Tokenizer::new(input);
    let b = TreeBuilder::new(input.len(), opts.scripting, opts.max_depth);
    run(b, &mut tok).map(|b| b.dom)
}

/// Parses `input` as the contents of `context` (the HTML fragment parsing algorithm, as
/// `innerHTML` does). Returns the arena and the node whose children are the result (the spec's
/// root `html` element).
pub fn parse_fragment(input: &str, context: &FragmentContext, opts: &ParseOptions) -> Result<(Dom, NodeId), Error> {
    check_size(input)?;
    let mut tok = Tokenizer::new(input);
    let (b, root) = fragment_builder(input.len(), context, opts, &mut tok)?;
    run(b, &mut tok).map(|b| (b.dom, root))
}

fn check_size(input: &str) -> Result<(), Error> {
    // The arena addresses its byte buffer with u32 offsets.
    if input.len() > (u32::MAX as usize) / 2 {
        return Err(Error::TooLarge { bytes: input.len() });
    }
    Ok(())
}

/// Sets up the fragment case (§13.4 steps 1–12): the root `html` element, the context element,
/// the tokenizer state the context implies, the template mode stack and the insertion mode.
pub(crate) fn fragment_builder<S: TokenSource>(
    input_len: usize,
    context: &FragmentContext,
    opts: &ParseOptions,
    src: &mut S,
) -> Result<(TreeBuilder, NodeId), Error> {
    if context.name.is_empty() {
        return Err(Error::BadContext { name: String::new() });
    }
    let lower = context.name.to_ascii_lowercase();
    let tag = atoms::lookup(&lower);
    // A template's contents belong to its inert "template contents owner document", which has
    // no browsing context, so browsers parse `template.innerHTML` with scripting disabled
    // (`<noscript>` content is markup there).
    let scripting = opts.scripting && !(context.ns == Ns::Html && tag == Tag::Template);
    let mut b = TreeBuilder::new(input_len, scripting, opts.max_depth);
    let ctx_node = b.dom.create_element(context.ns, tag, &context.name, std::iter::empty());
    let ctx = Open { node: ctx_node, tag, ns: context.ns };

    if context.ns == Ns::Html {
        let state = match tag {
            Tag::Title | Tag::Textarea => Some(TextState::Rcdata),
            Tag::Style | Tag::Xmp | Tag::Iframe | Tag::Noembed | Tag::Noframes => Some(TextState::Rawtext),
            Tag::Script => Some(TextState::ScriptData),
            Tag::Noscript if scripting => Some(TextState::Rawtext),
            Tag::Plaintext => Some(TextState::Plaintext),
            _ => None,
        };
        if let Some(state) = state {
            src.set_state(state);
        }
        // The tokenizer's "last start tag" stays unset: an appropriate end tag is one matching
        // a start tag this tokenizer emitted, and a fragment parse has emitted none, so
        // `<!-- </script> -->` parsed into a script element stays text, as in browsers.
    }

    let root = b.create_html_element(Tag::Html, &NO_ATTRS);
    b.dom.append(Dom::DOCUMENT, root);
    b.stack
        .push(Open { node: root, tag: Tag::Html, ns: Ns::Html })
        .map_err(|TooDeep(depth)| Error::TooDeep { depth })?;
    b.context = Some(ctx);
    if ctx.is(Tag::Template) {
        b.template_modes.push(Mode::InTemplate);
    }
    b.reset_insertion_mode();
    // The form element pointer would be the context's nearest form ancestor; the context here
    // is a detached element, so it stays null.
    Ok((b, root))
}

/// The driver loop: tokens flow from the tokenizer to the builder; the builder's tokenizer
/// state switches are applied after the token that caused them.
pub(crate) fn run<S: TokenSource>(mut b: TreeBuilder, src: &mut S) -> Result<TreeBuilder, Error> {
    loop {
        let foreign = b.stack.len() > 0 && b.adjusted_current().ns != Ns::Html;
        src.set_cdata_allowed(foreign);
        let tok = src.next_token();
        let eof = matches!(tok, Token::Eof);
        b.process(tok).map_err(|TooDeep(depth)| Error::TooDeep { depth })?;
        if let Some(state) = b.pending_state.take() {
            src.set_state(state);
        }
        if eof {
            return Ok(b);
        }
    }
}
