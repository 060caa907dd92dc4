//! The insertion modes and the tree construction dispatcher (WHATWG §13.2.6): which rules a
//! token is processed by. Each group of modes lives in its own file; this one routes tokens,
//! splits character runs where a mode treats whitespace and other characters differently, and
//! implements "reset the insertion mode appropriately".
//!
//! Character runs: the tokenizer may split text anywhere, and a mode may treat the leading
//! whitespace of a run one way and the rest another (then switch mode and reprocess). So every
//! mode's character rule consumes a prefix of the run and reports how much it consumed; the
//! loop in [`TreeBuilder::characters`] feeds the rest to whatever mode is current next. A rule
//! that consumes nothing always switches mode first, and every chain of such switches ends in a
//! mode that consumes (in body, in table text, foreign content), so the loop always progresses.

mod body;
mod epilogue;
mod prologue;
mod table;

use super::builder::{Step, TreeBuilder};
use super::stack::Open;
use crate::atoms::Tag;
use crate::dom::Ns;
use crate::token::{Doctype, TagToken, Token};
use crate::tree_builder::stack::TooDeep;

/// The insertion modes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

impl TreeBuilder {
    /// Processes one token from the tokenizer.
    pub(crate) fn process(&mut self, tok: Token<'_>) -> Step {
        if let Token::Characters(mut text) = tok {
            if self.ignore_lf {
                self.ignore_lf = false;
                if text.first() == Some(&b'\n') {
                    text = &text[1..];
                }
            }
            return self.characters(text);
        }
        self.ignore_lf = false;
        if let Token::NullCharacter = tok {
            return self.characters(b"\0");
        }
        if self.mode == Mode::InTableText {
            self.flush_table_text()?;
        }
        match tok {
            Token::StartTag(t) => {
                if self.start_tag_is_foreign(t) {
                    self.foreign_start_tag(t)
                } else {
                    self.start_tag_in(self.mode, t)
                }
            }
            Token::EndTag(t) => {
                if self.content_is_foreign() {
                    self.foreign_end_tag(t)
                } else {
                    self.end_tag_in(self.mode, t)
                }
            }
            Token::Comment(c) => {
                if self.content_is_foreign() {
                    self.insert_comment(c);
                    Ok(())
                } else {
                    self.comment_in(self.mode, c);
                    Ok(())
                }
            }
            Token::Doctype(d) => {
                if !self.content_is_foreign() {
                    self.doctype_in(self.mode, d);
                }
                Ok(())
            }
            Token::Eof => self.eof_in(self.mode),
            Token::Characters(_) | Token::NullCharacter => Ok(()),
        }
    }

    /// Whether a token other than a start tag or characters goes to the foreign content rules:
    /// the adjusted current node exists and is not HTML.
    #[inline]
    fn content_is_foreign(&self) -> bool {
        self.stack.len() > 0 && self.adjusted_current().ns != Ns::Html
    }

    /// The dispatcher's test for a start tag.
    #[inline]
    fn start_tag_is_foreign(&self, t: &TagToken) -> bool {
        if self.stack.len() == 0 {
            return false;
        }
        let acn = self.adjusted_current();
        if acn.ns == Ns::Html {
            return false;
        }
        if acn.is_mathml_text_integration_point() && t.tag != Tag::Mglyph && t.tag != Tag::Malignmark {
            return false;
        }
        if acn.ns == Ns::MathMl && acn.tag == Tag::AnnotationXml && t.tag == Tag::Svg {
            return false;
        }
        !self.is_html_integration_point(acn)
    }

    /// The dispatcher's test for characters.
    #[inline]
    fn chars_are_foreign(&self) -> bool {
        if self.stack.len() == 0 {
            return false;
        }
        let acn = self.adjusted_current();
        acn.ns != Ns::Html && !acn.is_mathml_text_integration_point() && !self.is_html_integration_point(acn)
    }

    /// Processes a character run (a lone `"\0"` stands for a NULL character token).
    pub(crate) fn characters(&mut self, mut text: &[u8]) -> Step {
        while !text.is_empty() {
            let used = if self.chars_are_foreign() {
                self.foreign_characters(text);
                text.len()
            } else {
                self.chars_in(self.mode, text)?
            };
            text = &text[used.min(text.len())..];
        }
        Ok(())
    }

    /// Processes a prefix of a character run in `mode`; returns how many bytes it consumed
    /// (0 only after switching to another mode that will consume them).
    pub(crate) fn chars_in(&mut self, mode: Mode, text: &[u8]) -> Result<usize, TooDeep> {
        match mode {
            Mode::Initial
            | Mode::BeforeHtml
            | Mode::BeforeHead
            | Mode::InHead
            | Mode::InHeadNoscript
            | Mode::AfterHead => self.prologue_chars(mode, text),
            Mode::InBody | Mode::InCaption | Mode::InCell | Mode::InTemplate => self.body_chars(text),
            Mode::Text => {
                self.insert_text(text);
                Ok(text.len())
            }
            Mode::InTable | Mode::InTableBody | Mode::InRow => self.table_chars(text),
            Mode::InTableText => Ok(self.table_text_chars(text)),
            Mode::InColumnGroup => self.column_group_chars(text),
            Mode::AfterBody
            | Mode::InFrameset
            | Mode::AfterFrameset
            | Mode::AfterAfterBody
            | Mode::AfterAfterFrameset => self.epilogue_chars(mode, text),
        }
    }

    /// Processes a start tag by the rules of `mode`.
    pub(crate) fn start_tag_in(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InBody => self.body_start_tag(t),
            Mode::Initial
            | Mode::BeforeHtml
            | Mode::BeforeHead
            | Mode::InHead
            | Mode::InHeadNoscript
            | Mode::AfterHead => self.prologue_start_tag(mode, t),
            Mode::Text => Ok(()),
            Mode::InTable
            | Mode::InTableText
            | Mode::InCaption
            | Mode::InColumnGroup
            | Mode::InTableBody
            | Mode::InRow
            | Mode::InCell => self.table_start_tag(mode, t),
            Mode::InTemplate
            | Mode::AfterBody
            | Mode::InFrameset
            | Mode::AfterFrameset
            | Mode::AfterAfterBody
            | Mode::AfterAfterFrameset => self.epilogue_start_tag(mode, t),
        }
    }

    /// Processes an end tag by the rules of `mode`.
    pub(crate) fn end_tag_in(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InBody => self.body_end_tag(t),
            Mode::Initial
            | Mode::BeforeHtml
            | Mode::BeforeHead
            | Mode::InHead
            | Mode::InHeadNoscript
            | Mode::AfterHead => self.prologue_end_tag(mode, t),
            Mode::Text => {
                self.pop();
                self.mode = self.original_mode;
                Ok(())
            }
            Mode::InTable
            | Mode::InTableText
            | Mode::InCaption
            | Mode::InColumnGroup
            | Mode::InTableBody
            | Mode::InRow
            | Mode::InCell => self.table_end_tag(mode, t),
            Mode::InTemplate
            | Mode::AfterBody
            | Mode::InFrameset
            | Mode::AfterFrameset
            | Mode::AfterAfterBody
            | Mode::AfterAfterFrameset => self.epilogue_end_tag(mode, t),
        }
    }

    /// Processes a comment by the rules of `mode`.
    pub(crate) fn comment_in(&mut self, mode: Mode, data: &[u8]) {
        match mode {
            Mode::Initial | Mode::BeforeHtml | Mode::AfterAfterBody | Mode::AfterAfterFrameset => {
                self.append_comment_to(crate::dom::Dom::DOCUMENT, data)
            }
            Mode::AfterBody => {
                let html = self.stack.get(0).node;
                self.append_comment_to(html, data)
            }
            _ => self.insert_comment(data),
        }
    }

    /// Processes a DOCTYPE token by the rules of `mode` (only "initial" keeps it).
    pub(crate) fn doctype_in(&mut self, mode: Mode, d: &Doctype) {
        if mode == Mode::Initial {
            self.initial_doctype(d);
        }
    }

    /// Processes the end of input by the rules of `mode`. Modes that "reprocess" the end of
    /// input in another mode loop here instead of recursing (closing one template per round).
    pub(crate) fn eof_in(&mut self, mut mode: Mode) -> Step {
        loop {
            match mode {
                Mode::Initial
                | Mode::BeforeHtml
                | Mode::BeforeHead
                | Mode::InHead
                | Mode::InHeadNoscript
                | Mode::AfterHead => self.prologue_anything_else(mode)?,
                Mode::Text => {
                    self.pop();
                    self.mode = self.original_mode;
                }
                Mode::InBody
                | Mode::InTable
                | Mode::InTableText
                | Mode::InCaption
                | Mode::InColumnGroup
                | Mode::InTableBody
                | Mode::InRow
                | Mode::InCell
                | Mode::InTemplate => {
                    if self.template_modes.is_empty() || !self.template_open() {
                        self.stop_parsing();
                        return Ok(());
                    }
                    self.pop_until(Tag::Template);
                    self.afe.clear_to_last_marker();
                    self.template_modes.pop();
                    self.reset_insertion_mode();
                }
                Mode::AfterBody
                | Mode::InFrameset
                | Mode::AfterFrameset
                | Mode::AfterAfterBody
                | Mode::AfterAfterFrameset => {
                    self.stop_parsing();
                    return Ok(());
                }
            }
            mode = self.mode;
        }
    }

    /// "Stop parsing": pops every open element (an `option` popped here may still fill a
    /// `selectedcontent`).
    pub(crate) fn stop_parsing(&mut self) {
        while let Some(e) = self.stack.pop() {
            if e.tag == Tag::Option && e.ns == Ns::Html {
                self.select_hook_popped(e.node);
            }
        }
    }

    /// "Reset the insertion mode appropriately".
    pub(crate) fn reset_insertion_mode(&mut self) {
        let len = self.stack.len();
        for i in (0..len).rev() {
            let last = i == 0;
            let node: Open = match (last, self.context) {
                (true, Some(ctx)) => ctx,
                _ => self.stack.get(i),
            };
            if node.ns != Ns::Html {
                if last {
                    self.mode = Mode::InBody;
                    return;
                }
                continue;
            }
            let mode = match node.tag {
                Tag::Td | Tag::Th if !last => Mode::InCell,
                Tag::Tr => Mode::InRow,
                Tag::Tbody | Tag::Thead | Tag::Tfoot => Mode::InTableBody,
                Tag::Caption => Mode::InCaption,
                Tag::Colgroup => Mode::InColumnGroup,
                Tag::Table => Mode::InTable,
                Tag::Template => *self.template_modes.last().unwrap_or(&Mode::InBody),
                Tag::Head if !last => Mode::InHead,
                Tag::Body => Mode::InBody,
                Tag::Frameset => Mode::InFrameset,
                Tag::Html => {
                    if self.head == crate::dom::NONE {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ if last => Mode::InBody,
                _ => continue,
            };
            self.mode = mode;
            return;
        }
        self.mode = Mode::InBody;
    }
}
