//! The algorithms over the list of active formatting elements that change the tree:
//! pushing with the Noah's Ark clause, reconstructing the active formatting elements, and the
//! adoption agency algorithm (WHATWG §13.2.4.3, §13.2.6.4.7 "adoption agency algorithm").
//!
//! Costs: the outer loop runs at most 8 times and the inner loop walks the stack between the
//! formatting element and the furthest block, both bounded by the depth cap; list lookups use
//! O(1) membership flags and search only the entries after the last marker.

use super::builder::{Step, TreeBuilder};
use super::formatting::{attrs_hash, Entry};
use super::stack::{Open, Scope, TooDeep};
use crate::atoms::Tag;
use crate::dom::{Attr, NodeId, Ns};
use crate::token::TagToken;

impl TreeBuilder {
    /// Whether two elements have the same attributes (names, namespaces and values, in any
    /// order). Sorting makes hostile attribute lists cost O(n log n), not O(n²).
    fn same_attrs(&self, a: NodeId, b: NodeId) -> bool {
        let (xa, xb) = (self.dom.attrs_of(a), self.dom.attrs_of(b));
        if xa.len() != xb.len() {
            return false;
        }
        let key = |x: &Attr| (x.ns as u8, self.dom.span(x.name), self.dom.span(x.value));
        if xa.iter().zip(xb).all(|(p, q)| key(p) == key(q)) {
            return true;
        }
        let mut ka: Vec<_> = xa.iter().map(key).collect();
        let mut kb: Vec<_> = xb.iter().map(key).collect();
        ka.sort_unstable();
        kb.sort_unstable();
        ka == kb
    }

    /// "Push onto the list of active formatting elements" for the element just inserted for
    /// `tok`, after removing the earliest of three identical entries (Noah's Ark).
    pub(crate) fn push_formatting(&mut self, node: NodeId, tag: Tag, tok: &TagToken) -> Step {
        let hash = attrs_hash(tok.attr_iter());
        let start = self.afe.after_last_marker();
        let mut count = 0;
        let mut earliest = None;
        for i in start..self.afe.len() {
            if let Some(Entry::Element { node: n, tag: t, attrs_hash: h }) = self.afe.get(i) {
                if t == tag && h == hash && self.same_attrs(n, node) {
                    count += 1;
                    earliest.get_or_insert(i);
                }
            }
        }
        if count >= 3 {
            if let Some(i) = earliest {
                self.afe.remove_at(i);
            }
        }
        self.afe.push(Entry::Element { node, tag, attrs_hash: hash })
    }

    /// "Reconstruct the active formatting elements": reopens, in order, the entries after the
    /// last marker that are no longer on the stack.
    #[inline]
    pub(crate) fn reconstruct_formatting(&mut self) -> Step {
        let len = self.afe.len();
        if len == 0 {
            return Ok(());
        }
        match self.afe.get(len - 1) {
            Some(Entry::Element { node, .. }) if !self.stack.contains(node) => {}
            _ => return Ok(()),
        }
        self.reconstruct_slow(len)
    }

    #[cold]
    #[inline(never)]
    fn reconstruct_slow(&mut self, len: usize) -> Step {
        // Rewind to the first entry after the last marker or open element.
        let mut first = len - 1;
        while first > 0 {
            match self.afe.get(first - 1) {
                Some(Entry::Element { node, .. }) if !self.stack.contains(node) => first -= 1,
                _ => break,
            }
        }
        for i in first..len {
            self.tally(1);
            if let Some(Entry::Element { node, tag, attrs_hash }) = self.afe.get(i) {
                let new = self.dom.clone_element(node);
                self.insert_node(new);
                self.stack.push(Open { node: new, tag, ns: Ns::Html })?;
                self.afe.replace_at(i, Entry::Element { node: new, tag, attrs_hash });
            }
        }
        Ok(())
    }

    /// The adoption agency algorithm for an end tag called `subject` (a formatting tag).
    /// Returns `Ok(false)` when the caller must continue with "any other end tag" instead.
    pub(crate) fn adoption_agency(&mut self, subject: Tag) -> Result<bool, TooDeep> {
        let cur = self.stack.current();
        if cur.is(subject) && !self.afe.contains(cur.node) {
            self.pop();
            return Ok(true);
        }
        for _ in 0..8 {
            let Some(fe_index) = self.afe.find_tag_after_marker(subject) else {
                return Ok(false);
            };
            let Some(Entry::Element { node: fe, tag: fe_tag, attrs_hash: fe_hash }) = self.afe.get(fe_index) else {
                return Ok(false);
            };
            let Some(fe_pos) = self.stack.position(fe) else {
                self.afe.remove_at(fe_index);
                return Ok(true);
            };
            if !self.stack.has_node_in_scope(fe, Scope::Default) {
                return Ok(true);
            }
            let items = self.stack.items();
            let Some(fb_pos) = (fe_pos + 1..items.len()).find(|&i| items[i].is_special()) else {
                self.pop_until_node(fe);
                self.afe.remove(fe);
                return Ok(true);
            };
            let furthest = items[fb_pos];
            let common = if fe_pos > 0 { items[fe_pos - 1] } else { items[0] };

            let mut bookmark = fe_index;
            let mut node_pos = fb_pos;
            let mut last = furthest;
            let mut inner = 0;
            loop {
                inner += 1;
                self.tally(1);
                node_pos -= 1;
                let node = self.stack.get(node_pos);
                if node.node == fe || node_pos == 0 {
                    break;
                }
                let mut entry = self.afe.position(node.node);
                if inner > 3 {
                    if let Some(i) = entry {
                        self.afe.remove_at(i);
                        if i < bookmark {
                            bookmark -= 1;
                        }
                        entry = None;
                    }
                }
                let Some(li) = entry else {
                    if let Some(gone) = self.stack.remove_at(node_pos) {
                        if gone.is(Tag::Option) {
                            self.select_hook_popped(gone.node);
                        }
                    }
                    continue;
                };
                let hash = match self.afe.get(li) {
                    Some(Entry::Element { attrs_hash, .. }) => attrs_hash,
                    _ => 0,
                };
                let new = self.dom.clone_element(node.node);
                let new_open = Open { node: new, ..node };
                self.afe.replace_at(li, Entry::Element { node: new, tag: node.tag, attrs_hash: hash });
                self.stack.replace_at(node_pos, new_open);
                if last.node == furthest.node {
                    bookmark = li + 1;
                }
                self.dom.append(new, last.node);
                last = new_open;
            }

            let (parent, before) = self.place_for(common);
            self.dom.insert_before(parent, last.node, before);

            let new = self.dom.clone_element(fe);
            self.dom.reparent_children(furthest.node, new);
            self.dom.append(furthest.node, new);

            if let Some(i) = self.afe.position(fe) {
                self.afe.remove_at(i);
                if i < bookmark {
                    bookmark -= 1;
                }
            }
            self.afe.insert_at(bookmark, Entry::Element { node: new, tag: fe_tag, attrs_hash: fe_hash })?;

            self.stack.remove(fe);
            let fb_now = self.stack.position(furthest.node).unwrap_or(self.stack.len().saturating_sub(1));
            self.stack.insert_at(fb_now + 1, Open { node: new, tag: fe_tag, ns: Ns::Html })?;
            // Everything this round moved lies under the furthest block now.
            self.select_hook_moved(furthest.node);
        }
        Ok(true)
    }
}
