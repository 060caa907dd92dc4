//! The "in body" insertion mode (WHATWG §13.2.6.4.7), the hot path: most tokens of a real page
//! are handled here, each by one `match` on its interned tag plus a scope check that the open
//! element counts usually answer without scanning.
//!
//! `<select>` follows the current ("customizable select") rules: there is no "in select" mode;
//! `select`, `option`, `optgroup`, `hr` and `input` have their own in-body rules and `</select>`
//! closes like a block.

use super::Mode;
use crate::atoms::Tag;
use crate::dom::{AttrNs, Ns, NONE};
use crate::token::{TagToken, TextState};
use crate::tree_builder::builder::{has_non_ws, Step, TreeBuilder, NO_ATTRS};
use crate::tree_builder::stack::Scope;
use crate::tree_builder::stack::TooDeep;
use crate::tree_builder::tags;

impl TreeBuilder {
    /// Characters by the "in body" rules (a lone `"\0"` is a NULL token: ignored).
    #[inline]
    pub(crate) fn body_chars(&mut self, text: &[u8]) -> Result<usize, TooDeep> {
        if text[0] == 0 {
            return Ok(1);
        }
        self.reconstruct_formatting()?;
        if self.frameset_ok && has_non_ws(text) {
            self.frameset_ok = false;
        }
        self.insert_text(text);
        Ok(text.len())
    }

    /// Start tags by the "in body" rules.
    pub(crate) fn body_start_tag(&mut self, t: &TagToken) -> Step {
        let tag = t.tag;
        match tag {
            Tag::Div
            | Tag::Ul
            | Tag::Ol
            | Tag::P
            | Tag::Section
            | Tag::Article
            | Tag::Nav
            | Tag::Header
            | Tag::Footer
            | Tag::Main
            | Tag::Aside
            | Tag::Address
            | Tag::Blockquote
            | Tag::Center
            | Tag::Details
            | Tag::Dialog
            | Tag::Dir
            | Tag::Dl
            | Tag::Fieldset
            | Tag::Figcaption
            | Tag::Figure
            | Tag::Hgroup
            | Tag::Menu
            | Tag::Search
            | Tag::Summary => {
                self.close_p_in_button_scope();
                self.insert_html(tag, t)?;
                Ok(())
            }
            Tag::Li => self.body_list_item(t, tag),
            Tag::Dd | Tag::Dt => self.body_list_item(t, tag),
            Tag::A => {
                if let Some(i) = self.afe.find_tag_after_marker(Tag::A) {
                    let old = match self.afe.get(i) {
                        Some(crate::tree_builder::formatting::Entry::Element { node, .. }) => node,
                        _ => NONE,
                    };
                    if !self.adoption_agency(Tag::A)? {
                        self.any_other_end_tag(t);
                    }
                    if old != NONE {
                        self.afe.remove(old);
                        self.stack.remove(old);
                    }
                }
                self.reconstruct_formatting()?;
                let node = self.insert_html(Tag::A, t)?;
                self.push_formatting(node, Tag::A, t)
            }
            Tag::B
            | Tag::Big
            | Tag::Code
            | Tag::Em
            | Tag::Font
            | Tag::I
            | Tag::S
            | Tag::Small
            | Tag::Strike
            | Tag::Strong
            | Tag::Tt
            | Tag::U => {
                self.reconstruct_formatting()?;
                let node = self.insert_html(tag, t)?;
                self.push_formatting(node, tag, t)
            }
            Tag::Nobr => {
                self.reconstruct_formatting()?;
                if self.stack.has_in_scope(Tag::Nobr, Scope::Default) {
                    if !self.adoption_agency(Tag::Nobr)? {
                        self.any_other_end_tag(t);
                    }
                    self.reconstruct_formatting()?;
                }
                let node = self.insert_html(Tag::Nobr, t)?;
                self.push_formatting(node, Tag::Nobr, t)
            }
            Tag::Button => {
                if self.stack.has_in_scope(Tag::Button, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                    self.pop_until(Tag::Button);
                }
                self.reconstruct_formatting()?;
                self.insert_html(Tag::Button, t)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Input => {
                if self.context.is_some_and(|c| c.is(Tag::Select)) {
                    return Ok(());
                }
                if self.stack.has_in_scope(Tag::Select, Scope::Default) {
                    self.pop_until(Tag::Select);
                }
                self.reconstruct_formatting()?;
                self.insert_void(Tag::Input, t)?;
                let hidden = t.get_attr(b"type").is_some_and(|v| v.eq_ignore_ascii_case(b"hidden"));
                if !hidden {
                    self.frameset_ok = false;
                }
                Ok(())
            }
            Tag::Img | Tag::Br | Tag::Area | Tag::Embed | Tag::Keygen | Tag::Wbr => {
                self.reconstruct_formatting()?;
                self.insert_void(tag, t)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Image => {
                // Parse error: treated as `img`.
                self.reconstruct_formatting()?;
                self.insert_void(Tag::Img, t)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Param | Tag::Source | Tag::Track => self.insert_void(tag, t),
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                self.close_p_in_button_scope();
                if self.stack.current().is_in(tags::HEADINGS) {
                    self.pop();
                }
                self.insert_html(tag, t)?;
                Ok(())
            }
            Tag::Pre | Tag::Listing => {
                self.close_p_in_button_scope();
                self.insert_html(tag, t)?;
                self.ignore_lf = true;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Form => {
                let in_template = self.template_open();
                if self.form != NONE && !in_template {
                    return Ok(());
                }
                self.close_p_in_button_scope();
                let node = self.insert_html(Tag::Form, t)?;
                if !in_template {
                    self.form = node;
                }
                Ok(())
            }
            Tag::Plaintext => {
                self.close_p_in_button_scope();
                self.insert_html(Tag::Plaintext, t)?;
                self.pending_state = Some(TextState::Plaintext);
                Ok(())
            }
            Tag::Table => {
                if self.dom.quirks_mode != crate::dom::QuirksMode::Quirks {
                    self.close_p_in_button_scope();
                }
                self.insert_html(Tag::Table, t)?;
                self.frameset_ok = false;
                self.mode = Mode::InTable;
                Ok(())
            }
            Tag::Hr => {
                self.close_p_in_button_scope();
                if self.stack.has_in_scope(Tag::Select, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                }
                self.insert_void(Tag::Hr, t)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Select => {
                if self.context.is_some_and(|c| c.is(Tag::Select)) {
                    return Ok(());
                }
                if self.stack.has_in_scope(Tag::Select, Scope::Default) {
                    self.pop_until(Tag::Select);
                    return Ok(());
                }
                self.reconstruct_formatting()?;
                self.insert_html(Tag::Select, t)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Option => {
                if self.stack.has_in_scope(Tag::Select, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Optgroup);
                } else if self.stack.current().is(Tag::Option) {
                    self.pop();
                }
                self.reconstruct_formatting()?;
                self.insert_html(Tag::Option, t)?;
                Ok(())
            }
            Tag::Optgroup => {
                if self.stack.has_in_scope(Tag::Select, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                } else if self.stack.current().is(Tag::Option) {
                    self.pop();
                }
                self.reconstruct_formatting()?;
                self.insert_html(Tag::Optgroup, t)?;
                Ok(())
            }
            Tag::Textarea => {
                self.insert_html(Tag::Textarea, t)?;
                self.ignore_lf = true;
                self.pending_state = Some(TextState::Rcdata);
                self.original_mode = self.mode;
                self.frameset_ok = false;
                self.mode = Mode::Text;
                Ok(())
            }
            Tag::Xmp => {
                self.close_p_in_button_scope();
                self.reconstruct_formatting()?;
                self.frameset_ok = false;
                self.generic_text_element(t, TextState::Rawtext)
            }
            Tag::Iframe => {
                self.frameset_ok = false;
                self.generic_text_element(t, TextState::Rawtext)
            }
            Tag::Noembed => self.generic_text_element(t, TextState::Rawtext),
            Tag::Noscript if self.scripting => self.generic_text_element(t, TextState::Rawtext),
            Tag::Applet | Tag::Marquee | Tag::Object => {
                self.reconstruct_formatting()?;
                self.insert_html(tag, t)?;
                self.afe.push_marker()?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Rb | Tag::Rtc => {
                if self.stack.has_in_scope(Tag::Ruby, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                }
                self.insert_html(tag, t)?;
                Ok(())
            }
            Tag::Rp | Tag::Rt => {
                if self.stack.has_in_scope(Tag::Ruby, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Rtc);
                }
                self.insert_html(tag, t)?;
                Ok(())
            }
            Tag::Math => {
                self.reconstruct_formatting()?;
                self.insert_foreign(Ns::MathMl, t)
            }
            Tag::Svg => {
                self.reconstruct_formatting()?;
                self.insert_foreign(Ns::Svg, t)
            }
            Tag::Html => {
                if !self.template_open() {
                    let html = self.stack.get(0).node;
                    self.dom.add_missing_attrs(html, t.attr_iter().map(|(n, v)| (AttrNs::None, n, v)));
                }
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
            | Tag::Title => self.in_head_start_tag(t),
            Tag::Body => {
                let second = self.stack.get(1);
                if self.stack.len() > 1 && second.is(Tag::Body) && !self.template_open() {
                    self.frameset_ok = false;
                    self.dom.add_missing_attrs(second.node, t.attr_iter().map(|(n, v)| (AttrNs::None, n, v)));
                }
                Ok(())
            }
            Tag::Frameset => {
                let second = self.stack.get(1);
                if self.stack.len() == 1 || !second.is(Tag::Body) || !self.frameset_ok {
                    return Ok(());
                }
                self.dom.detach(second.node);
                while self.stack.len() > 1 {
                    self.pop();
                }
                self.insert_html(Tag::Frameset, t)?;
                self.mode = Mode::InFrameset;
                Ok(())
            }
            Tag::Caption
            | Tag::Col
            | Tag::Colgroup
            | Tag::Frame
            | Tag::Head
            | Tag::Tbody
            | Tag::Td
            | Tag::Tfoot
            | Tag::Th
            | Tag::Thead
            | Tag::Tr => Ok(()),
            _ => {
                // Any other start tag (including noscript with scripting off).
                self.reconstruct_formatting()?;
                self.insert_html(tag, t)?;
                Ok(())
            }
        }
    }

    /// `li`, `dd` and `dt` start tags: close an open item of the same kind unless a special
    /// element (other than address, div, p) intervenes.
    fn body_list_item(&mut self, t: &TagToken, tag: Tag) -> Step {
        self.frameset_ok = false;
        let items = self.stack.items();
        let mut close = Tag::Other;
        for e in items.iter().rev() {
            let hit = if tag == Tag::Li { e.is(Tag::Li) } else { e.is(Tag::Dd) || e.is(Tag::Dt) };
            if hit {
                close = e.tag;
                break;
            }
            if e.is_special() && !(e.is(Tag::Address) || e.is(Tag::Div) || e.is(Tag::P)) {
                break;
            }
        }
        if close != Tag::Other {
            self.generate_implied_end_tags(close);
            self.pop_until(close);
        }
        self.close_p_in_button_scope();
        self.insert_html(tag, t)?;
        Ok(())
    }

    /// End tags by the "in body" rules.
    pub(crate) fn body_end_tag(&mut self, t: &TagToken) -> Step {
        let tag = t.tag;
        match tag {
            Tag::Div
            | Tag::Ul
            | Tag::Ol
            | Tag::Section
            | Tag::Article
            | Tag::Nav
            | Tag::Header
            | Tag::Footer
            | Tag::Main
            | Tag::Aside
            | Tag::Address
            | Tag::Blockquote
            | Tag::Button
            | Tag::Center
            | Tag::Details
            | Tag::Dialog
            | Tag::Dir
            | Tag::Dl
            | Tag::Fieldset
            | Tag::Figcaption
            | Tag::Figure
            | Tag::Hgroup
            | Tag::Listing
            | Tag::Menu
            | Tag::Pre
            | Tag::Search
            | Tag::Select
            | Tag::Summary => {
                if self.stack.has_in_scope(tag, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                    self.pop_until(tag);
                }
                Ok(())
            }
            Tag::P => {
                if !self.stack.has_in_scope(Tag::P, Scope::Button) {
                    self.insert_html(Tag::P, &NO_ATTRS)?;
                }
                self.close_p();
                Ok(())
            }
            Tag::Li => {
                if self.stack.has_in_scope(Tag::Li, Scope::ListItem) {
                    self.generate_implied_end_tags(Tag::Li);
                    self.pop_until(Tag::Li);
                }
                Ok(())
            }
            Tag::Dd | Tag::Dt => {
                if self.stack.has_in_scope(tag, Scope::Default) {
                    self.generate_implied_end_tags(tag);
                    self.pop_until(tag);
                }
                Ok(())
            }
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                if self.stack.has_any_in_scope(tags::HEADINGS, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                    self.pop_until_in(tags::HEADINGS);
                }
                Ok(())
            }
            Tag::A
            | Tag::B
            | Tag::Big
            | Tag::Code
            | Tag::Em
            | Tag::Font
            | Tag::I
            | Tag::Nobr
            | Tag::S
            | Tag::Small
            | Tag::Strike
            | Tag::Strong
            | Tag::Tt
            | Tag::U => {
                if !self.adoption_agency(tag)? {
                    self.any_other_end_tag(t);
                }
                Ok(())
            }
            Tag::Applet | Tag::Marquee | Tag::Object => {
                if self.stack.has_in_scope(tag, Scope::Default) {
                    self.generate_implied_end_tags(Tag::Other);
                    self.pop_until(tag);
                    self.afe.clear_to_last_marker();
                }
                Ok(())
            }
            Tag::Br => {
                // Parse error: treated as `<br>` without attributes.
                self.reconstruct_formatting()?;
                self.insert_void(Tag::Br, &NO_ATTRS)?;
                self.frameset_ok = false;
                Ok(())
            }
            Tag::Form => {
                if !self.template_open() {
                    let node = self.form;
                    self.form = NONE;
                    if node == NONE || !self.stack.has_node_in_scope(node, Scope::Default) {
                        return Ok(());
                    }
                    self.generate_implied_end_tags(Tag::Other);
                    self.stack.remove(node);
                } else {
                    // Inside a template, browsers (Blink) close the form like "any other end
                    // tag": `<template><form><p></form>x` keeps the text in the p. The spec's
                    // "form in scope, then pop until form" would close the p as well.
                    self.any_other_end_tag(t);
                }
                Ok(())
            }
            Tag::Body => {
                if self.stack.has_in_scope(Tag::Body, Scope::Default) {
                    self.mode = Mode::AfterBody;
                }
                Ok(())
            }
            Tag::Html => {
                if self.stack.has_in_scope(Tag::Body, Scope::Default) {
                    self.mode = Mode::AfterBody;
                    return self.end_tag_in(Mode::AfterBody, t);
                }
                Ok(())
            }
            Tag::Template => {
                self.template_end_tag();
                Ok(())
            }
            _ => {
                self.any_other_end_tag(t);
                Ok(())
            }
        }
    }

    /// "Any other end tag" in body: close the nearest open HTML element with this name unless
    /// a special element is open above it.
    pub(crate) fn any_other_end_tag(&mut self, t: &TagToken) {
        let items = self.stack.items();
        let mut target = None;
        for i in (0..items.len()).rev() {
            let e = items[i];
            if e.ns == Ns::Html && self.same_name(e, t) {
                target = Some(e);
                break;
            }
            if e.is_special() {
                return;
            }
        }
        if let Some(e) = target {
            self.generate_implied_end_tags(e.tag);
            // `generate_implied_end_tags(e.tag)` keeps elements called e.tag; for names outside
            // the atom table (`Tag::Other` is never in the implied set) nothing is lost.
            self.pop_until_node(e.node);
        }
    }
}
