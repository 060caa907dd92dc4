//! The modes before the body: "initial", "before html", "before head", "in head",
//! "in head noscript" and "after head" (WHATWG §13.2.6.4.1–6).

use super::Mode;
use crate::atoms::Tag;
use crate::dom::{Dom, NodeId, Ns, NONE};
use crate::token::{Doctype, TagToken, TextState};
use crate::tree_builder::builder::{ws_prefix, Step, TreeBuilder, NO_ATTRS};
use crate::tree_builder::quirks;
use crate::tree_builder::stack::Open;
use crate::tree_builder::stack::TooDeep;

impl TreeBuilder {
    /// The DOCTYPE in the "initial" mode: the node, and the document's quirks mode.
    pub(super) fn initial_doctype(&mut self, d: &Doctype) {
        let name = d.name.as_deref().unwrap_or(b"");
        let public_id = d.public_id.as_deref().unwrap_or(b"");
        let system_id = d.system_id.as_deref().unwrap_or(b"");
        let node = self.dom.create_doctype(name, public_id, system_id);
        self.dom.append(Dom::DOCUMENT, node);
        self.dom.quirks_mode = quirks::quirks_mode(d);
        self.mode = Mode::BeforeHtml;
    }

    /// Creates the `html` element (from `tok`) as the document's child and pushes it.
    fn insert_root(&mut self, tok: &TagToken) -> Step {
        let node = self.create_html_element(Tag::Html, tok);
        self.dom.append(Dom::DOCUMENT, node);
        self.stack.push(Open { node, tag: Tag::Html, ns: Ns::Html })?;
        self.mode = Mode::BeforeHead;
        Ok(())
    }

    /// Inserts a `head` element (from `tok`) and makes it the head element pointer.
    fn insert_head(&mut self, tok: &TagToken) -> Step {
        self.head = self.insert_html(Tag::Head, tok)?;
        self.mode = Mode::InHead;
        Ok(())
    }

    /// The "anything else" transition of each prologue mode, for tokens it does not handle
    /// (the token is then reprocessed in the new mode).
    pub(super) fn prologue_anything_else(&mut self, mode: Mode) -> Step {
        match mode {
            Mode::Initial => {
                // No DOCTYPE: quirks mode (this parser never parses iframe srcdoc documents).
                self.dom.quirks_mode = crate::dom::QuirksMode::Quirks;
                self.mode = Mode::BeforeHtml;
            }
            Mode::BeforeHtml => self.insert_root(&NO_ATTRS)?,
            Mode::BeforeHead => self.insert_head(&NO_ATTRS)?,
            Mode::InHead => {
                self.pop();
                self.mode = Mode::AfterHead;
            }
            Mode::InHeadNoscript => {
                self.pop();
                self.mode = Mode::InHead;
            }
            _ => {
                // After head. Blink also resets the frameset-ok flag here (a template in the
                // head clears it; `<template></template><div><frameset>` still gets its
                // frameset in browsers), which no html5lib test contradicts.
                self.insert_html(Tag::Body, &NO_ATTRS)?;
                self.frameset_ok = true;
                self.mode = Mode::InBody;
            }
        }
        Ok(())
    }

    /// Characters in the prologue modes: leading whitespace is dropped (before the head) or
    /// inserted (from the head on); anything else ends the mode.
    pub(super) fn prologue_chars(&mut self, mode: Mode, text: &[u8]) -> Result<usize, TooDeep> {
        let ws = ws_prefix(text);
        if ws > 0 {
            match mode {
                Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => {}
                _ => self.insert_text(&text[..ws]),
            }
            return Ok(ws);
        }
        self.prologue_anything_else(mode)?;
        Ok(0)
    }

    /// Start tags in the prologue modes.
    pub(super) fn prologue_start_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::Initial => {
                self.prologue_anything_else(mode)?;
                self.start_tag_in(self.mode, t)
            }
            Mode::BeforeHtml => {
                if t.tag == Tag::Html {
                    return self.insert_root(t);
                }
                self.prologue_anything_else(mode)?;
                self.start_tag_in(self.mode, t)
            }
            Mode::BeforeHead => match t.tag {
                Tag::Html => self.body_start_tag(t),
                Tag::Head => self.insert_head(t),
                _ => {
                    self.prologue_anything_else(mode)?;
                    self.start_tag_in(self.mode, t)
                }
            },
            Mode::InHead => self.in_head_start_tag(t),
            Mode::InHeadNoscript => match t.tag {
                Tag::Html => self.body_start_tag(t),
                Tag::Basefont | Tag::Bgsound | Tag::Link | Tag::Meta | Tag::Noframes | Tag::Style => {
                    self.in_head_start_tag(t)
                }
                Tag::Head | Tag::Noscript => Ok(()),
                _ => {
                    self.prologue_anything_else(mode)?;
                    self.start_tag_in(self.mode, t)
                }
            },
            _ => self.after_head_start_tag(t),
        }
    }

    /// End tags in the prologue modes.
    pub(super) fn prologue_end_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::Initial => {
                self.prologue_anything_else(mode)?;
                self.end_tag_in(self.mode, t)
            }
            Mode::BeforeHtml | Mode::BeforeHead => match t.tag {
                Tag::Head | Tag::Body | Tag::Html | Tag::Br => {
                    self.prologue_anything_else(mode)?;
                    self.end_tag_in(self.mode, t)
                }
                _ => Ok(()),
            },
            Mode::InHead => match t.tag {
                Tag::Head => {
                    self.pop();
                    self.mode = Mode::AfterHead;
                    Ok(())
                }
                Tag::Body | Tag::Html | Tag::Br => {
                    self.prologue_anything_else(mode)?;
                    self.end_tag_in(self.mode, t)
                }
                Tag::Template => {
                    self.template_end_tag();
                    Ok(())
                }
                _ => Ok(()),
            },
            Mode::InHeadNoscript => match t.tag {
                Tag::Noscript => {
                    self.pop();
                    self.mode = Mode::InHead;
                    Ok(())
                }
                Tag::Br => {
                    self.prologue_anything_else(mode)?;
                    self.end_tag_in(self.mode, t)
                }
                _ => Ok(()),
            },
            _ => match t.tag {
                // After head.
                Tag::Template => {
                    self.template_end_tag();
                    Ok(())
                }
                Tag::Body | Tag::Html | Tag::Br => {
                    self.prologue_anything_else(mode)?;
                    self.end_tag_in(self.mode, t)
                }
                _ => Ok(()),
            },
        }
    }

    /// Start tags by the "in head" rules (also used from other modes).
    pub(crate) fn in_head_start_tag(&mut self, t: &TagToken) -> Step {
        match t.tag {
            Tag::Html => self.body_start_tag(t),
            Tag::Base | Tag::Basefont | Tag::Bgsound | Tag::Link | Tag::Meta => self.insert_void(t.tag, t),
            Tag::Title => self.generic_text_element(t, TextState::Rcdata),
            Tag::Noscript if self.scripting => self.generic_text_element(t, TextState::Rawtext),
            Tag::Noframes | Tag::Style => self.generic_text_element(t, TextState::Rawtext),
            Tag::Noscript => {
                self.insert_html(Tag::Noscript, t)?;
                self.mode = Mode::InHeadNoscript;
                Ok(())
            }
            Tag::Script => self.generic_text_element(t, TextState::ScriptData),
            Tag::Template => {
                // Declarative shadow roots are not attached: the fragment parser (innerHTML) and
                // this engine's documents never allow them, so `shadowrootmode` is an ordinary
                // attribute and the template keeps its contents.
                self.insert_html(Tag::Template, t)?;
                self.afe.push_marker()?;
                self.frameset_ok = false;
                self.mode = Mode::InTemplate;
                self.template_modes.push(Mode::InTemplate);
                Ok(())
            }
            Tag::Head => Ok(()),
            _ => {
                self.prologue_anything_else(Mode::InHead)?;
                self.start_tag_in(self.mode, t)
            }
        }
    }

    /// The "generic raw text / RCDATA element parsing algorithm" (and `<script>`, which differs
    /// only in script bookkeeping this parser does not do).
    pub(crate) fn generic_text_element(&mut self, t: &TagToken, state: TextState) -> Step {
        self.insert_html(t.tag, t)?;
        self.pending_state = Some(state);
        self.original_mode = self.mode;
        self.mode = Mode::Text;
        Ok(())
    }

    /// `</template>` by the "in head" rules.
    pub(crate) fn template_end_tag(&mut self) {
        if !self.template_open() {
            return;
        }
        self.generate_implied_end_tags_thoroughly();
        self.pop_until(Tag::Template);
        self.afe.clear_to_last_marker();
        self.template_modes.pop();
        self.reset_insertion_mode();
    }

    /// Start tags in "after head".
    fn after_head_start_tag(&mut self, t: &TagToken) -> Step {
        match t.tag {
            Tag::Html => self.body_start_tag(t),
            Tag::Body => {
                self.insert_html(Tag::Body, t)?;
                self.frameset_ok = false;
                self.mode = Mode::InBody;
                Ok(())
            }
            Tag::Frameset => {
                self.insert_html(Tag::Frameset, t)?;
                self.mode = Mode::InFrameset;
                Ok(())
            }
            Tag::Base
            | Tag::Basefont
            | Tag::Bgsound
            | Tag::Link
            | Tag::Meta
            | Tag::Noframes
            | Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::Title => {
                // Parse error: the element goes into the head after all.
                let head: NodeId = self.head;
                if head == NONE {
                    return self.in_head_start_tag(t);
                }
                self.stack.push(Open { node: head, tag: Tag::Head, ns: Ns::Html })?;
                let r = self.in_head_start_tag(t);
                self.stack.remove(head);
                r
            }
            Tag::Head => Ok(()),
            _ => {
                self.prologue_anything_else(Mode::AfterHead)?;
                self.start_tag_in(self.mode, t)
            }
        }
    }
}
