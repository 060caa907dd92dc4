//! "in template", and the modes after the body: "after body", "in frameset",
//! "after frameset", "after after body", "after after frameset" (WHATWG §13.2.6.4.18–23).

use super::Mode;
use crate::atoms::Tag;
use crate::token::TagToken;
use crate::tree_builder::builder::{ws_prefix, Step, TreeBuilder};
use crate::tree_builder::stack::TooDeep;

impl TreeBuilder {
    /// Characters in the modes after the body. Whitespace is inserted (by the "in body" rules
    /// after the body, directly in the frameset modes); anything else reopens the body or, in
    /// the frameset modes, is dropped one character at a time.
    pub(super) fn epilogue_chars(&mut self, mode: Mode, text: &[u8]) -> Result<usize, TooDeep> {
        let ws = ws_prefix(text);
        if ws > 0 {
            match mode {
                Mode::AfterBody | Mode::AfterAfterBody | Mode::AfterAfterFrameset => {
                    // "Process using the in body rules", minus the reconstruction of active
                    // formatting elements, as Blink does: `<i><b>x</i></body> ` keeps the space
                    // out of a reopened `b`.
                    self.insert_text(&text[..ws]);
                    return Ok(ws);
                }
                _ => {
                    self.insert_text(&text[..ws]);
                    return Ok(ws);
                }
            }
        }
        match mode {
            Mode::AfterBody | Mode::AfterAfterBody => {
                self.mode = Mode::InBody;
                Ok(0)
            }
            _ => {
                let end = text.iter().position(|&b| crate::tree_builder::builder::is_ws(b)).unwrap_or(text.len());
                Ok(end)
            }
        }
    }

    /// Start tags in "in template" and the modes after the body.
    pub(super) fn epilogue_start_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InTemplate => self.template_start_tag(t),
            Mode::AfterBody | Mode::AfterAfterBody => {
                if t.tag != Tag::Html {
                    self.mode = Mode::InBody;
                }
                self.body_start_tag(t)
            }
            Mode::InFrameset => match t.tag {
                Tag::Html => self.body_start_tag(t),
                Tag::Frameset => {
                    self.insert_html(Tag::Frameset, t)?;
                    Ok(())
                }
                Tag::Frame => self.insert_void(Tag::Frame, t),
                Tag::Noframes => self.in_head_start_tag(t),
                _ => Ok(()),
            },
            _ => match t.tag {
                // After frameset, after after frameset.
                Tag::Html => self.body_start_tag(t),
                Tag::Noframes => self.in_head_start_tag(t),
                _ => Ok(()),
            },
        }
    }

    /// End tags in "in template" and the modes after the body.
    pub(super) fn epilogue_end_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InTemplate => {
                if t.tag == Tag::Template {
                    self.template_end_tag();
                }
                Ok(())
            }
            Mode::AfterBody => {
                if t.tag == Tag::Html {
                    if self.context.is_none() {
                        self.mode = Mode::AfterAfterBody;
                    }
                    return Ok(());
                }
                self.mode = Mode::InBody;
                self.body_end_tag(t)
            }
            Mode::AfterAfterBody => {
                self.mode = Mode::InBody;
                self.body_end_tag(t)
            }
            Mode::InFrameset => {
                if t.tag == Tag::Frameset {
                    if self.stack.len() <= 1 {
                        return Ok(());
                    }
                    self.pop();
                    if self.context.is_none() && !self.stack.current().is(Tag::Frameset) {
                        self.mode = Mode::AfterFrameset;
                    }
                }
                Ok(())
            }
            Mode::AfterFrameset => {
                if t.tag == Tag::Html {
                    self.mode = Mode::AfterAfterFrameset;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Start tags by the "in template" rules: the first table-ish tag decides the mode the
    /// template's contents are parsed in.
    fn template_start_tag(&mut self, t: &TagToken) -> Step {
        let next = match t.tag {
            Tag::Base
            | Tag::Basefont
            | Tag::Bgsound
            | Tag::Link
            | Tag::Meta
            | Tag::Noframes
            | Tag::Script
            | Tag::Style
            | Tag::Template => return self.in_head_start_tag(t),
            // `title` is missing from the spec's list here, as in Blink: it switches the
            // template to "in body" like any other start tag (`<template><title></title></p>`
            // gets its `p`); "in body" then handles it by the head rules all the same.
            Tag::Caption | Tag::Colgroup | Tag::Tbody | Tag::Tfoot | Tag::Thead => Mode::InTable,
            Tag::Col => Mode::InColumnGroup,
            Tag::Tr => Mode::InTableBody,
            Tag::Td | Tag::Th => Mode::InRow,
            _ => Mode::InBody,
        };
        self.template_modes.pop();
        self.template_modes.push(next);
        self.mode = next;
        self.start_tag_in(next, t)
    }
}
