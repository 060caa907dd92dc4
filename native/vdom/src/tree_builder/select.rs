//! Customizable `<select>`: "when an option element is popped off the stack of open elements,
//! maybe clone an option into selectedcontent" (WHATWG §4.10.10). A `<selectedcontent>` inside
//! a `<select>` mirrors the selected option's children, and the parser-built tree includes that
//! copy, so the server must make it too.
//!
//! Which option is selected is decided the way the DOM does while the parser inserts options:
//! an option with a `selected` attribute becomes the selected one (the last such wins); if none
//! has been selected yet, the first enabled option is (for a single-choice drop-down select).
//! That state is kept per `select` as options are inserted (O(depth) per option for the
//! ancestor walk), so popping an option costs one lookup unless it actually has to clone.

use std::collections::HashMap;

use super::builder::TreeBuilder;
use crate::atoms::Tag;
use crate::dom::{AttrNs, Dom, NodeId, Ns, NONE};

/// Per-`select` selection state.
#[derive(Clone, Copy, Debug)]
struct SelectState {
    /// The option whose selectedness is true (single-choice selects), or NONE.
    selected: NodeId,
    /// The first `selectedcontent` descendant, or NONE.
    selectedcontent: NodeId,
    /// `multiple` is set: no option is cloned.
    multiple: bool,
    /// The display size is 1 (a drop-down): the first enabled option is selected by default.
    dropdown: bool,
}

/// Selection state of the selects seen so far.
pub(crate) struct SelectTracker {
    states: HashMap<NodeId, SelectState>,
    /// Nodes the clones may still create. Each option is cloned at most once, when popped, and
    /// the options that clone are never inside one another, so a parse clones at most about as
    /// many nodes as it created; the budget only guards that argument.
    budget: usize,
}

impl SelectTracker {
    /// A tracker for a parse of `input_len` bytes.
    pub(crate) fn new(input_len: usize) -> SelectTracker {
        SelectTracker { states: HashMap::new(), budget: input_len.saturating_mul(2).saturating_add(4096) }
    }
}

fn is_html(dom: &Dom, node: NodeId, tag: Tag) -> bool {
    dom.element(node).is_some_and(|e| e.ns == Ns::Html && e.tag == tag)
}

fn has_attr(dom: &Dom, node: NodeId, name: &[u8]) -> bool {
    dom.attrs_of(node).iter().any(|a| a.ns == AttrNs::None && dom.span(a.name) == name)
}

/// "The option element's nearest ancestor select".
fn nearest_select(dom: &Dom, option: NodeId) -> NodeId {
    let mut seen_optgroup = false;
    let mut cur = dom.parent(option);
    while cur != NONE {
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
    SelectState { selected: NONE, selectedcontent: NONE, multiple, dropdown: !multiple && display == 1 }
}

impl TreeBuilder {
    /// After an HTML `option` or `selectedcontent` element was inserted.
    pub(crate) fn select_hook_inserted(&mut self, node: NodeId, tag: Tag) {
        if tag == Tag::Option {
            let select = nearest_select(&self.dom, node);
            if select == NONE {
                return;
            }
            let dom = &self.dom;
            let state = self.select.states.entry(select).or_insert_with(|| new_state(dom, select));
            if has_attr(dom, node, b"selected") {
                state.selected = node;
            } else if state.selected == NONE && state.dropdown {
                let parent = dom.parent(node);
                let disabled = has_attr(dom, node, b"disabled")
                    || (is_html(dom, parent, Tag::Optgroup) && has_attr(dom, parent, b"disabled"));
                if !disabled {
                    state.selected = node;
                }
            }
        } else {
            // Every select ancestor whose first selectedcontent this is.
            let mut cur = self.dom.parent(node);
            while cur != NONE {
                if is_html(&self.dom, cur, Tag::Select) {
                    let dom = &self.dom;
                    let state = self.select.states.entry(cur).or_insert_with(|| new_state(dom, cur));
                    if state.selectedcontent == NONE {
                        state.selectedcontent = node;
                    }
                }
                cur = self.dom.parent(cur);
            }
        }
    }

    /// After an HTML `option` was popped: "maybe clone an option into selectedcontent".
    pub(crate) fn select_hook_popped(&mut self, option: NodeId) {
        if self.select.states.is_empty() {
            return;
        }
        let select = nearest_select(&self.dom, option);
        let Some(state) = self.select.states.get(&select).copied() else {
            return;
        };
        if state.multiple || state.selected != option || state.selectedcontent == NONE {
            return;
        }
        self.clone_option_into(option, state.selectedcontent);
    }

    /// "Clone an option into a selectedcontent": replaces `target`'s children with deep copies
    /// of `option`'s children. The source subtree is listed first (iteratively, no recursion)
    /// and copied afterwards, so a `selectedcontent` inside the option copies its old children
    /// once instead of chasing its own new ones.
    fn clone_option_into(&mut self, option: NodeId, target: NodeId) {
        const TOP: usize = usize::MAX;
        // (source, index of its parent's entry or TOP, goes into the parent's template contents)
        let mut order: Vec<(NodeId, usize, bool)> = Vec::new();
        let mut work: Vec<(NodeId, usize, bool)> = Vec::new();
        let start = work.len();
        work.extend(self.dom.children(option).map(|c| (c, TOP, false)));
        work[start..].reverse();
        while let Some((node, parent, in_contents)) = work.pop() {
            if order.len() >= self.select.budget {
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
        self.select.budget -= order.len();
        while let Some(c) = self.dom.children(target).next() {
            self.dom.detach(c);
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
