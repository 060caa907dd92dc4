//! Customizable `<select>`: `<selectedcontent>` elements mirror the selected option's children,
//! and the parser-built tree includes those copies, so the server must make them too.
//!
//! What browsers do (Blink, checked against Chromium with the differential fuzzer):
//! - "When an option element is popped off the stack of open elements, maybe clone an option
//!   into selectedcontent" (WHATWG §4.10.10): if the option is its select's selected option, every
//!   enabled `selectedcontent` of that select gets a deep copy of the option's children. Taking an
//!   option off the stack any other way (the adoption agency) counts too.
//! - Which option is selected is decided as the DOM does while options are inserted: one with a
//!   `selected` attribute becomes the selected one (the last wins); if none is selected yet, the
//!   first enabled option is, for a single-choice drop-down (no `multiple`, display size 1).
//!   `multiple` selects clone nothing.
//! - A `selectedcontent` is disabled (never filled) inside an `option`, inside another
//!   `selectedcontent`, or below two `select`s.
//! - Only in a connected tree (a document, outside template contents; not fragment parsing,
//!   which browsers run on a disconnected tree for `innerHTML`): a `selectedcontent` is refilled
//!   from the selected option whenever it is inserted (also when the adoption agency moves it),
//!   and all of a select's `selectedcontent`s are emptied when a new option becomes selected
//!   (the option is still empty at that point; popping it fills them).
//!
//! Costs: the state is per `select` (a hash map touched only by `option`/`selectedcontent`
//! elements); ancestor walks are capped; clones and refreshes draw on a budget proportional to
//! the input, so hostile nesting cannot make them quadratic.

use std::collections::HashMap;

use super::builder::TreeBuilder;
use crate::atoms::Tag;
use crate::dom::{AttrNs, Dom, NodeId, Ns, NONE};

/// Ancestor walks stop after this many steps (trees from hostile input only; real ones are far
/// shallower, and past the parser's depth cap browsers restructure the tree anyway).
const MAX_WALK: usize = 4096;

/// Per-`select` selection state.
#[derive(Clone, Debug)]
struct SelectState {
    /// The option whose selectedness is true (single-choice selects), or NONE.
    selected: NodeId,
    /// Enabled `selectedcontent` descendants, in insertion order.
    selectedcontents: Vec<NodeId>,
    /// `multiple` is set: no option is cloned.
    multiple: bool,
    /// The display size is 1 (a drop-down): the first enabled option is selected by default.
    dropdown: bool,
}

/// Selection state of the selects seen so far.
pub(crate) struct SelectTracker {
    states: HashMap<NodeId, SelectState>,
    /// Every `selectedcontent` element the parser created, enabled or not (the adoption agency
    /// may move one into or out of a place where it is enabled).
    selectedcontents: Vec<NodeId>,
    /// The select each enabled `selectedcontent` is attached to.
    owner: HashMap<NodeId, NodeId>,
    /// Work left for clones and refreshes (nodes copied, ancestors walked).
    budget: usize,
}

impl SelectTracker {
    /// A tracker for a parse of `input_len` bytes.
    pub(crate) fn new(input_len: usize) -> SelectTracker {
        SelectTracker {
            states: HashMap::new(),
            selectedcontents: Vec::new(),
            owner: HashMap::new(),
            budget: input_len.saturating_mul(2).saturating_add(16_384),
        }
    }
}

fn is_html(dom: &Dom, node: NodeId, tag: Tag) -> bool {
    dom.element(node).is_some_and(|e| e.ns == Ns::Html && e.tag == tag)
}

fn has_attr(dom: &Dom, node: NodeId, name: &[u8]) -> bool {
    dom.attrs_of(node).iter().any(|a| a.ns == AttrNs::None && dom.span(a.name) == name)
}

/// "The option element's nearest ancestor select".
fn option_select(dom: &Dom, option: NodeId) -> NodeId {
    let mut seen_optgroup = false;
    let mut cur = dom.parent(option);
    for _ in 0..MAX_WALK {
        if cur == NONE {
            break;
        }
        if let Some(e) = dom.element(cur) {
            if e.ns == Ns::Html {
                match e.tag {
                    Tag::Datalist | Tag::Hr | Tag::Option => return NONE,
                    Tag::Optgroup => {
                        if seen_optgroup {
                            return NONE;
                        }
                        seen_optgroup = true;
                    }
                    Tag::Select => return cur,
                    _ => {}
                }
            }
        }
        cur = dom.parent(cur);
    }
    NONE
}

/// The select a `selectedcontent` belongs to, or NONE when it is disabled or outside a select.
fn selectedcontent_select(dom: &Dom, sc: NodeId) -> NodeId {
    let mut select = NONE;
    let mut cur = dom.parent(sc);
    for _ in 0..MAX_WALK {
        if cur == NONE {
            break;
        }
        if is_html(dom, cur, Tag::Option) || is_html(dom, cur, Tag::Selectedcontent) {
            return NONE;
        }
        if is_html(dom, cur, Tag::Select) {
            if select != NONE {
                return NONE;
            }
            select = cur;
        }
        cur = dom.parent(cur);
    }
    select
}

/// Whether `ancestor` is `node` or one of its ancestors.
fn is_inclusive_ancestor(dom: &Dom, ancestor: NodeId, node: NodeId) -> bool {
    let mut cur = node;
    for _ in 0..MAX_WALK {
        if cur == NONE {
            return false;
        }
        if cur == ancestor {
            return true;
        }
        cur = dom.parent(cur);
    }
    false
}

/// "Rules for parsing non-negative integers", enough for `size`.
fn parse_size(v: &[u8]) -> Option<u64> {
    let v = match v.iter().position(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')) {
        Some(i) => &v[i..],
        None => return None,
    };
    let v = v.strip_prefix(b"+").unwrap_or(v);
    let digits = v.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    Some(v[..digits].iter().fold(0u64, |n, d| n.saturating_mul(10).saturating_add((d - b'0') as u64)))
}

fn new_state(dom: &Dom, select: NodeId) -> SelectState {
    let multiple = has_attr(dom, select, b"multiple");
    let size = dom.attr_value(select, b"size").and_then(parse_size).filter(|&n| n > 0);
    let display = size.unwrap_or(if multiple { 4 } else { 1 });
    SelectState { selected: NONE, selectedcontents: Vec::new(), multiple, dropdown: !multiple && display == 1 }
}

impl TreeBuilder {
    /// Whether `node` is connected: in a document parse and not inside template contents
    /// (those belong to the template's inert contents document).
    fn connected(&self, node: NodeId) -> bool {
        if self.context.is_some() {
            return false;
        }
        let mut cur = node;
        for _ in 0..MAX_WALK {
            let parent = self.dom.parent(cur);
            if parent == NONE {
                return cur == Dom::DOCUMENT;
            }
            cur = parent;
        }
        false
    }

    /// After an HTML `option` or `selectedcontent` element was inserted by the parser.
    pub(crate) fn select_hook_inserted(&mut self, node: NodeId, tag: Tag) {
        if tag == Tag::Option {
            self.option_inserted(node);
        } else {
            self.selectedcontent_inserted(node);
        }
    }

    fn option_inserted(&mut self, option: NodeId) {
        let select = option_select(&self.dom, option);
        if select == NONE {
            return;
        }
        let connected = self.connected(option);
        let dom = &self.dom;
        let state = self.select.states.entry(select).or_insert_with(|| new_state(dom, select));
        let before = state.selected;
        if has_attr(dom, option, b"selected") {
            state.selected = option;
        } else if state.selected == NONE && state.dropdown {
            let parent = dom.parent(option);
            let disabled = has_attr(dom, option, b"disabled")
                || (is_html(dom, parent, Tag::Optgroup) && has_attr(dom, parent, b"disabled"));
            if !disabled {
                state.selected = option;
            }
        }
        if connected && state.selected == option && before != option && !state.multiple && self.select.budget > 0 {
            // The selection changed in a document: every selectedcontent mirrors the (still
            // empty) option now.
            let targets = state.selectedcontents.clone();
            for sc in targets {
                self.clone_option_into(option, sc);
            }
        }
    }

    fn selectedcontent_inserted(&mut self, sc: NodeId) {
        self.select.selectedcontents.push(sc);
        self.register_selectedcontent(sc);
    }

    /// The selectedcontent insertion steps: (re)attach `sc` to the select it now belongs to
    /// (none when disabled) and, in a document, refill it from that select's selected option.
    fn register_selectedcontent(&mut self, sc: NodeId) {
        if let Some(old) = self.select.owner.remove(&sc) {
            if let Some(state) = self.select.states.get_mut(&old) {
                self.select.budget = self.select.budget.saturating_sub(state.selectedcontents.len());
                state.selectedcontents.retain(|&x| x != sc);
            }
        }
        let select = selectedcontent_select(&self.dom, sc);
        if select == NONE {
            return;
        }
        self.select.owner.insert(sc, select);
        let dom = &self.dom;
        let state = self.select.states.entry(select).or_insert_with(|| new_state(dom, select));
        state.selectedcontents.push(sc);
        let (selected, multiple) = (state.selected, state.multiple);
        if !multiple && self.connected(sc) {
            self.clone_option_into(selected, sc);
        }
    }

    /// After an HTML `option` left the stack of open elements: "maybe clone an option into
    /// selectedcontent".
    pub(crate) fn select_hook_popped(&mut self, option: NodeId) {
        if self.select.selectedcontents.is_empty() || self.select.budget == 0 {
            return;
        }
        let select = option_select(&self.dom, option);
        let Some(state) = self.select.states.get(&select) else {
            return;
        };
        if state.multiple || state.selected != option || state.selectedcontents.is_empty() {
            return;
        }
        let targets = state.selectedcontents.clone();
        for sc in targets {
            self.clone_option_into(option, sc);
        }
    }

    /// After the adoption agency moved `moved` (with its subtree): the selectedcontents inside
    /// it were inserted again, so they are re-attached (the move can enable or disable one) and,
    /// in a document, refilled.
    pub(crate) fn select_hook_moved(&mut self, moved: NodeId) {
        if self.select.selectedcontents.is_empty() || self.select.budget == 0 {
            return;
        }
        let mut inside: Vec<NodeId> = Vec::new();
        for &sc in &self.select.selectedcontents {
            // Charge a walk's worth of work per check.
            if self.select.budget < 64 {
                return;
            }
            self.select.budget -= 64;
            if is_inclusive_ancestor(&self.dom, moved, sc) {
                inside.push(sc);
            }
        }
        for sc in inside {
            self.register_selectedcontent(sc);
        }
    }

    /// "Clone an option into a selectedcontent": replaces `target`'s children with deep copies
    /// of `option`'s children (`option == NONE` empties it). The source subtree is listed first
    /// (iteratively, no recursion) and copied afterwards, so a target inside the option copies
    /// its old children once instead of chasing its own new ones.
    fn clone_option_into(&mut self, option: NodeId, target: NodeId) {
        const TOP: usize = usize::MAX;
        if self.select.budget == 0 {
            return;
        }
        // (source, index of its parent's entry or TOP, goes into the parent's template contents)
        let mut order: Vec<(NodeId, usize, bool)> = Vec::new();
        if option != NONE {
            let mut work: Vec<(NodeId, usize, bool)> = self.dom.children(option).map(|c| (c, TOP, false)).collect();
            work.reverse();
            while let Some((node, parent, in_contents)) = work.pop() {
                if order.len() >= self.select.budget {
                    // Out of budget: stop mirroring for the rest of this parse.
                    self.select.budget = 0;
                    return;
                }
                let index = order.len();
                order.push((node, parent, in_contents));
                let start = work.len();
                work.extend(self.dom.children(node).map(|c| (c, index, false)));
                let tc = template_contents(&self.dom, node);
                if tc != NONE {
                    work.extend(self.dom.children(tc).map(|c| (c, index, true)));
                }
                work[start..].reverse();
            }
        }
        self.select.budget = self.select.budget.saturating_sub(order.len() + 1);
        while let Some(c) = self.dom.children(target).next() {
            self.dom.detach(c);
            self.select.budget = self.select.budget.saturating_sub(1);
        }
        let mut copies: Vec<NodeId> = Vec::with_capacity(order.len());
        for (node, parent, in_contents) in order {
            let copy = self.dom.clone_node_shallow(node);
            let parent = match parent {
                TOP => target,
                p if in_contents => template_contents(&self.dom, copies[p]),
                p => copies[p],
            };
            if parent != NONE {
                self.dom.append(parent, copy);
            }
            copies.push(copy);
        }
    }
}

fn template_contents(dom: &Dom, node: NodeId) -> NodeId {
    dom.element(node).map_or(NONE, |e| e.template_contents)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn size_attribute_parses_like_the_dom() {
        assert_eq!(parse_size(b" +3x"), Some(3));
        assert_eq!(parse_size(b"x"), None);
        assert_eq!(parse_size(b""), None);
    }
}
