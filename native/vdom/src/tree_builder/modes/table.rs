//! The table modes: "in table", "in table text", "in caption", "in column group",
//! "in table body", "in row" and "in cell" (WHATWG §13.2.6.4.9–15), including foster parenting
//! of misplaced content.

use super::Mode;
use crate::atoms::Tag;
use crate::token::TagToken;
use crate::tree_builder::builder::{has_non_ws, ws_prefix, Step, TreeBuilder, NO_ATTRS};
use crate::tree_builder::stack::Scope;
use crate::tree_builder::stack::TooDeep;
use crate::tree_builder::tags;

impl TreeBuilder {
    /// Characters in "in table" (and "in table body"/"in row", which defer to it).
    pub(super) fn table_chars(&mut self, text: &[u8]) -> Result<usize, TooDeep> {
        if self.stack.current().is_in(tags::TABLE_TEXT_TARGETS) {
            self.table_text.clear();
            self.table_text_has_non_ws = false;
            self.original_mode = self.mode;
            self.mode = Mode::InTableText;
            return Ok(0);
        }
        // Anything else: foster parenting through the "in body" rules.
        self.foster_parenting = true;
        let r = self.body_chars(text);
        self.foster_parenting = false;
        r
    }

    /// Characters in "in table text": buffered until the next other token.
    pub(super) fn table_text_chars(&mut self, text: &[u8]) -> usize {
        if text[0] == 0 {
            return 1;
        }
        if !self.table_text_has_non_ws && has_non_ws(text) {
            self.table_text_has_non_ws = true;
        }
        self.table_text.extend_from_slice(text);
        text.len()
    }

    /// Leaves "in table text": inserts the pending characters (foster parented if any is not
    /// whitespace) and returns to the original mode.
    pub(crate) fn flush_table_text(&mut self) -> Step {
        let text = std::mem::take(&mut self.table_text);
        if !text.is_empty() {
            if self.table_text_has_non_ws {
                self.foster_parenting = true;
                let r = self.body_chars(&text);
                self.foster_parenting = false;
                r?;
            } else {
                self.insert_text(&text);
            }
        }
        self.table_text = text;
        self.table_text.clear();
        self.table_text_has_non_ws = false;
        self.mode = self.original_mode;
        Ok(())
    }

    /// Characters in "in column group": whitespace is inserted, anything else closes the
    /// column group (or is dropped when the current node is not a colgroup).
    pub(super) fn column_group_chars(&mut self, text: &[u8]) -> Result<usize, TooDeep> {
        let ws = ws_prefix(text);
        if ws > 0 {
            self.insert_text(&text[..ws]);
            return Ok(ws);
        }
        if !self.stack.current().is(Tag::Colgroup) {
            // Each character is its own ignored token; stop at the next whitespace.
            return Ok(text.iter().position(|&b| super::super::builder::is_ws(b)).unwrap_or(text.len()));
        }
        self.pop();
        self.mode = Mode::InTable;
        Ok(0)
    }

    /// "Anything else" in "in table": the token goes through "in body" with foster parenting.
    fn table_foster_start(&mut self, t: &TagToken) -> Step {
        self.foster_parenting = true;
        let r = self.body_start_tag(t);
        self.foster_parenting = false;
        r
    }

    fn table_foster_end(&mut self, t: &TagToken) -> Step {
        self.foster_parenting = true;
        let r = self.body_end_tag(t);
        self.foster_parenting = false;
        r
    }

    /// Start tags in the table modes.
    pub(super) fn table_start_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InTable | Mode::InTableText => self.in_table_start_tag(t),
            Mode::InCaption => match t.tag {
                Tag::Caption
                | Tag::Col
                | Tag::Colgroup
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr => {
                    if self.close_caption() {
                        return self.start_tag_in(self.mode, t);
                    }
                    Ok(())
                }
                _ => self.body_start_tag(t),
            },
            Mode::InColumnGroup => match t.tag {
                Tag::Html => self.body_start_tag(t),
                Tag::Col => self.insert_void(Tag::Col, t),
                Tag::Template => self.in_head_start_tag(t),
                _ => {
                    if !self.stack.current().is(Tag::Colgroup) {
                        return Ok(());
                    }
                    self.pop();
                    self.mode = Mode::InTable;
                    self.start_tag_in(Mode::InTable, t)
                }
            },
            Mode::InTableBody => match t.tag {
                Tag::Tr => {
                    self.clear_stack_back_to(tags::TABLE_BODY_CONTEXT);
                    self.insert_html(Tag::Tr, t)?;
                    self.mode = Mode::InRow;
                    Ok(())
                }
                Tag::Th | Tag::Td => {
                    self.clear_stack_back_to(tags::TABLE_BODY_CONTEXT);
                    self.insert_html(Tag::Tr, &NO_ATTRS)?;
                    self.mode = Mode::InRow;
                    self.start_tag_in(Mode::InRow, t)
                }
                Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Tfoot | Tag::Thead => {
                    if !self.stack.has_any_in_scope(tags::TABLE_SECTIONS, Scope::Table) {
                        return Ok(());
                    }
                    self.clear_stack_back_to(tags::TABLE_BODY_CONTEXT);
                    self.pop();
                    self.mode = Mode::InTable;
                    self.start_tag_in(Mode::InTable, t)
                }
                _ => self.in_table_start_tag(t),
            },
            Mode::InRow => match t.tag {
                Tag::Th | Tag::Td => {
                    self.clear_stack_back_to(tags::TABLE_ROW_CONTEXT);
                    self.insert_html(t.tag, t)?;
                    self.mode = Mode::InCell;
                    self.afe.push_marker()
                }
                Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr => {
                    if self.close_row() {
                        return self.start_tag_in(Mode::InTableBody, t);
                    }
                    Ok(())
                }
                _ => self.in_table_start_tag(t),
            },
            _ => match t.tag {
                // In cell.
                Tag::Caption
                | Tag::Col
                | Tag::Colgroup
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr => {
                    if !self.stack.has_any_in_scope(tags::CELLS, Scope::Table) {
                        return Ok(());
                    }
                    self.close_cell();
                    self.start_tag_in(Mode::InRow, t)
                }
                _ => self.body_start_tag(t),
            },
        }
    }

    /// Start tags by the "in table" rules.
    fn in_table_start_tag(&mut self, t: &TagToken) -> Step {
        match t.tag {
            Tag::Caption => {
                self.clear_stack_back_to(tags::TABLE_CONTEXT);
                self.afe.push_marker()?;
                self.insert_html(Tag::Caption, t)?;
                self.mode = Mode::InCaption;
                Ok(())
            }
            Tag::Colgroup => {
                self.clear_stack_back_to(tags::TABLE_CONTEXT);
                self.insert_html(Tag::Colgroup, t)?;
                self.mode = Mode::InColumnGroup;
                Ok(())
            }
            Tag::Col => {
                self.clear_stack_back_to(tags::TABLE_CONTEXT);
                self.insert_html(Tag::Colgroup, &NO_ATTRS)?;
                self.mode = Mode::InColumnGroup;
                self.start_tag_in(Mode::InColumnGroup, t)
            }
            Tag::Tbody | Tag::Tfoot | Tag::Thead => {
                self.clear_stack_back_to(tags::TABLE_CONTEXT);
                self.insert_html(t.tag, t)?;
                self.mode = Mode::InTableBody;
                Ok(())
            }
            Tag::Td | Tag::Th | Tag::Tr => {
                self.clear_stack_back_to(tags::TABLE_CONTEXT);
                self.insert_html(Tag::Tbody, &NO_ATTRS)?;
                self.mode = Mode::InTableBody;
                self.start_tag_in(Mode::InTableBody, t)
            }
            Tag::Table => {
                if !self.stack.has_in_scope(Tag::Table, Scope::Table) {
                    return Ok(());
                }
                self.pop_until(Tag::Table);
                self.reset_insertion_mode();
                self.start_tag_in(self.mode, t)
            }
            Tag::Style | Tag::Script | Tag::Template => self.in_head_start_tag(t),
            Tag::Input => {
                let hidden = t.get_attr(b"type").is_some_and(|v| v.eq_ignore_ascii_case(b"hidden"));
                if !hidden {
                    return self.table_foster_start(t);
                }
                self.insert_void(Tag::Input, t)
            }
            Tag::Form => {
                // As browsers do (Blink, WebKit): inside a template the form is kept even though
                // the spec text drops it; only the form element pointer blocks a second form.
                let in_template = self.template_open();
                if self.form != crate::dom::NONE && !in_template {
                    return Ok(());
                }
                let node = self.insert_html(Tag::Form, t)?;
                if !in_template {
                    self.form = node;
                }
                self.pop();
                Ok(())
            }
            _ => self.table_foster_start(t),
        }
    }

    /// End tags in the table modes.
    pub(super) fn table_end_tag(&mut self, mode: Mode, t: &TagToken) -> Step {
        match mode {
            Mode::InTable | Mode::InTableText => self.in_table_end_tag(t),
            Mode::InCaption => match t.tag {
                Tag::Caption => {
                    self.close_caption();
                    Ok(())
                }
                Tag::Table => {
                    if self.close_caption() {
                        return self.end_tag_in(self.mode, t);
                    }
                    Ok(())
                }
                Tag::Body
                | Tag::Col
                | Tag::Colgroup
                | Tag::Html
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr => Ok(()),
                _ => self.body_end_tag(t),
            },
            Mode::InColumnGroup => match t.tag {
                Tag::Colgroup => {
                    if self.stack.current().is(Tag::Colgroup) {
                        self.pop();
                        self.mode = Mode::InTable;
                    }
                    Ok(())
                }
                Tag::Col => Ok(()),
                Tag::Template => {
                    self.template_end_tag();
                    Ok(())
                }
                _ => {
                    if !self.stack.current().is(Tag::Colgroup) {
                        return Ok(());
                    }
                    self.pop();
                    self.mode = Mode::InTable;
                    self.end_tag_in(Mode::InTable, t)
                }
            },
            Mode::InTableBody => match t.tag {
                Tag::Tbody | Tag::Tfoot | Tag::Thead => {
                    if self.stack.has_in_scope(t.tag, Scope::Table) {
                        self.clear_stack_back_to(tags::TABLE_BODY_CONTEXT);
                        self.pop();
                        self.mode = Mode::InTable;
                    }
                    Ok(())
                }
                Tag::Table => {
                    if !self.stack.has_any_in_scope(tags::TABLE_SECTIONS, Scope::Table) {
                        return Ok(());
                    }
                    self.clear_stack_back_to(tags::TABLE_BODY_CONTEXT);
                    self.pop();
                    self.mode = Mode::InTable;
                    self.end_tag_in(Mode::InTable, t)
                }
                Tag::Body | Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Html | Tag::Td | Tag::Th | Tag::Tr => Ok(()),
                _ => self.in_table_end_tag(t),
            },
            Mode::InRow => match t.tag {
                Tag::Tr => {
                    self.close_row();
                    Ok(())
                }
                Tag::Table => {
                    if self.close_row() {
                        return self.end_tag_in(Mode::InTableBody, t);
                    }
                    Ok(())
                }
                Tag::Tbody | Tag::Tfoot | Tag::Thead => {
                    if !self.stack.has_in_scope(t.tag, Scope::Table) {
                        return Ok(());
                    }
                    if self.close_row() {
                        return self.end_tag_in(Mode::InTableBody, t);
                    }
                    Ok(())
                }
                Tag::Body | Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Html | Tag::Td | Tag::Th => Ok(()),
                _ => self.in_table_end_tag(t),
            },
            _ => match t.tag {
                // In cell.
                Tag::Td | Tag::Th => {
                    if !self.stack.has_in_scope(t.tag, Scope::Table) {
                        return Ok(());
                    }
                    self.generate_implied_end_tags(Tag::Other);
                    self.pop_until(t.tag);
                    self.afe.clear_to_last_marker();
                    self.mode = Mode::InRow;
                    Ok(())
                }
                Tag::Body | Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Html => Ok(()),
                Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr => {
                    if !self.stack.has_in_scope(t.tag, Scope::Table) {
                        return Ok(());
                    }
                    self.close_cell();
                    self.end_tag_in(Mode::InRow, t)
                }
                _ => self.body_end_tag(t),
            },
        }
    }

    /// End tags by the "in table" rules.
    fn in_table_end_tag(&mut self, t: &TagToken) -> Step {
        match t.tag {
            Tag::Table => {
                if self.stack.has_in_scope(Tag::Table, Scope::Table) {
                    self.pop_until(Tag::Table);
                    self.reset_insertion_mode();
                }
                Ok(())
            }
            Tag::Body
            | Tag::Caption
            | Tag::Col
            | Tag::Colgroup
            | Tag::Html
            | Tag::Tbody
            | Tag::Td
            | Tag::Tfoot
            | Tag::Th
            | Tag::Thead
            | Tag::Tr => Ok(()),
            Tag::Template => {
                self.template_end_tag();
                Ok(())
            }
            _ => self.table_foster_end(t),
        }
    }

    /// Closes the caption if one is in table scope; false when there is none (the token is
    /// then ignored).
    fn close_caption(&mut self) -> bool {
        if !self.stack.has_in_scope(Tag::Caption, Scope::Table) {
            return false;
        }
        self.generate_implied_end_tags(Tag::Other);
        self.pop_until(Tag::Caption);
        self.afe.clear_to_last_marker();
        self.mode = Mode::InTable;
        true
    }

    /// Closes the row if a `tr` is in table scope (then the mode is "in table body").
    fn close_row(&mut self) -> bool {
        if !self.stack.has_in_scope(Tag::Tr, Scope::Table) {
            return false;
        }
        self.clear_stack_back_to(tags::TABLE_ROW_CONTEXT);
        self.pop();
        self.mode = Mode::InTableBody;
        true
    }

    /// "Close the cell".
    fn close_cell(&mut self) {
        self.generate_implied_end_tags(Tag::Other);
        self.pop_until_in(tags::CELLS);
        self.afe.clear_to_last_marker();
        self.mode = Mode::InRow;
    }
}
