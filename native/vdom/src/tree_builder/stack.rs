//! The stack of open elements and its "has an element in ... scope" queries.
//!
//! Each entry caches the element's tag and namespace so the rules never touch the arena to ask
//! "is the current node a `tr`". Two side tables keep the common questions O(1):
//! - `counts[tag]` is how many HTML elements with that tag are open, so "is there a `p` in button
//!   scope" answers `false` without a scan in the usual case where no `p` is open;
//! - `open[node]` says whether a node is on the stack at all (the formatting-element algorithms
//!   ask this for every list entry).
//!
//! Depth is capped at `max_depth` (an error, not a panic), so every scan is bounded by a constant
//! and a parse stays linear in its input.

use super::tags::{self, TagSet};
use crate::atoms::Tag;
use crate::dom::{NodeId, Ns, NONE};

/// One open element: its node and the name facts the rules test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Open {
    pub node: NodeId,
    pub tag: Tag,
    pub ns: Ns,
}

impl Open {
    /// A placeholder returned by queries on an empty stack (never inserted into).
    pub(crate) const NOTHING: Open = Open { node: NONE, tag: Tag::Other, ns: Ns::Html };

    /// An HTML element called `tag`.
    #[inline]
    pub(crate) fn is(self, tag: Tag) -> bool {
        self.tag == tag && self.ns == Ns::Html
    }

    /// An HTML element whose tag is in `set`.
    #[inline]
    pub(crate) fn is_in(self, set: TagSet) -> bool {
        self.ns == Ns::Html && set.contains(self.tag)
    }

    /// A MathML `mi`, `mo`, `mn`, `ms` or `mtext`.
    #[inline]
    pub(crate) fn is_mathml_text_integration_point(self) -> bool {
        self.ns == Ns::MathMl && tags::MATHML_TEXT_IP.contains(self.tag)
    }

    /// Member of the "special" category (any namespace).
    pub(crate) fn is_special(self) -> bool {
        match self.ns {
            Ns::Html => tags::SPECIAL.contains(self.tag),
            Ns::MathMl => tags::MATHML_TEXT_IP.contains(self.tag) || self.tag == Tag::AnnotationXml,
            Ns::Svg => tags::SVG_HTML_IP.contains(self.tag),
        }
    }

    /// Whether this element bounds a scope of the given kind.
    #[inline]
    fn bounds(self, kind: Scope) -> bool {
        match self.ns {
            Ns::Html => match kind {
                Scope::Default => tags::SCOPE.contains(self.tag),
                Scope::ListItem => tags::SCOPE.contains(self.tag) || self.tag == Tag::Ol || self.tag == Tag::Ul,
                Scope::Button => tags::SCOPE.contains(self.tag) || self.tag == Tag::Button,
                Scope::Table => tags::TABLE_SCOPE.contains(self.tag),
            },
            Ns::MathMl => {
                kind != Scope::Table && (tags::MATHML_TEXT_IP.contains(self.tag) || self.tag == Tag::AnnotationXml)
            }
            Ns::Svg => kind != Scope::Table && tags::SVG_HTML_IP.contains(self.tag),
        }
    }
}

/// A parse limit was exceeded: the stack of open elements (or the list of active formatting
/// elements) would hold this many entries. The driver turns it into `Error::TooDeep`; inside the
/// builder it stays one word so every step's result is returned in registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TooDeep(pub usize);

/// The kinds of "has an element in ... scope".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

/// The stack of open elements (index 0 is the `html` element; the last entry is the current node).
pub(crate) struct Stack {
    items: Vec<Open>,
    /// Open HTML elements per tag (index `Tag as usize`).
    counts: [u32; 256],
    /// `open[node]`: whether the node is on the stack. Grown on demand (node ids only increase).
    open: Vec<bool>,
    max_depth: usize,
}

impl Stack {
    /// An empty stack accepting at most `max_depth` entries.
    pub(crate) fn new(max_depth: usize) -> Stack {
        Stack { items: Vec::with_capacity(64), counts: [0; 256], open: Vec::new(), max_depth }
    }

    /// Number of open elements.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Entry `i` (0 = html element). Out of range yields [`Open::NOTHING`].
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Open {
        self.items.get(i).copied().unwrap_or(Open::NOTHING)
    }

    /// The current node, or [`Open::NOTHING`] when the stack is empty.
    #[inline]
    pub(crate) fn current(&self) -> Open {
        self.items.last().copied().unwrap_or(Open::NOTHING)
    }

    /// All entries, bottom (html) first.
    #[inline]
    pub(crate) fn items(&self) -> &[Open] {
        &self.items
    }

    /// How many HTML elements called `tag` are open.
    #[inline]
    pub(crate) fn count(&self, tag: Tag) -> u32 {
        self.counts[tag as usize & 255]
    }

    /// Whether `node` is on the stack (O(1)).
    #[inline]
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        self.open.get(node as usize).copied().unwrap_or(false)
    }

    #[inline]
    fn mark(&mut self, e: Open, on: bool) {
        if e.ns == Ns::Html {
            let c = &mut self.counts[e.tag as usize & 255];
            *c = if on { *c + 1 } else { c.saturating_sub(1) };
        }
        let i = e.node as usize;
        if i >= self.open.len() {
            if !on {
                return;
            }
            self.open.resize(i + 1 + i / 2, false);
        }
        self.open[i] = on;
    }

    /// Pushes an element; fails when the stack would grow past `max_depth`.
    #[inline]
    pub(crate) fn push(&mut self, e: Open) -> Result<(), TooDeep> {
        if self.items.len() >= self.max_depth {
            return Err(TooDeep(self.items.len() + 1));
        }
        self.mark(e, true);
        self.items.push(e);
        Ok(())
    }

    /// Pops the current node (None on an empty stack).
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Open> {
        let e = self.items.pop()?;
        self.mark(e, false);
        Some(e)
    }

    /// Index of `node` on the stack, searching from the top.
    pub(crate) fn position(&self, node: NodeId) -> Option<usize> {
        if !self.contains(node) {
            return None;
        }
        self.items.iter().rposition(|e| e.node == node)
    }

    /// Removes entry `i` (an element taken out of the middle of the stack).
    pub(crate) fn remove_at(&mut self, i: usize) -> Option<Open> {
        if i >= self.items.len() {
            return None;
        }
        let e = self.items.remove(i);
        self.mark(e, false);
        Some(e)
    }

    /// Removes `node` wherever it is on the stack.
    pub(crate) fn remove(&mut self, node: NodeId) -> bool {
        match self.position(node) {
            Some(i) => {
                self.remove_at(i);
                true
            }
            None => false,
        }
    }

    /// Inserts `e` at index `i` (the adoption agency places its new element below the furthest
    /// block). The adoption agency never grows the stack overall, but this still checks depth.
    pub(crate) fn insert_at(&mut self, i: usize, e: Open) -> Result<(), TooDeep> {
        if self.items.len() >= self.max_depth {
            return Err(TooDeep(self.items.len() + 1));
        }
        let i = i.min(self.items.len());
        self.mark(e, true);
        self.items.insert(i, e);
        Ok(())
    }

    /// Replaces entry `i` with `e`.
    pub(crate) fn replace_at(&mut self, i: usize, e: Open) {
        if let Some(old) = self.items.get(i).copied() {
            self.mark(old, false);
            self.mark(e, true);
            self.items[i] = e;
        }
    }

    /// "Has an element in `kind` scope" for the HTML element called `tag`.
    #[inline]
    pub(crate) fn has_in_scope(&self, tag: Tag, kind: Scope) -> bool {
        if self.count(tag) == 0 {
            return false;
        }
        for e in self.items.iter().rev() {
            if e.is(tag) {
                return true;
            }
            if e.bounds(kind) {
                return false;
            }
        }
        false
    }

    /// "Has an element in `kind` scope" for any HTML element whose tag is in `set`.
    pub(crate) fn has_any_in_scope(&self, set: TagSet, kind: Scope) -> bool {
        for e in self.items.iter().rev() {
            if e.is_in(set) {
                return true;
            }
            if e.bounds(kind) {
                return false;
            }
        }
        false
    }

    /// "Has an element in scope" for one particular node.
    pub(crate) fn has_node_in_scope(&self, node: NodeId, kind: Scope) -> bool {
        if !self.contains(node) {
            return false;
        }
        for e in self.items.iter().rev() {
            if e.node == node {
                return true;
            }
            if e.bounds(kind) {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(node: NodeId, tag: Tag) -> Open {
        Open { node, tag, ns: Ns::Html }
    }

    #[test]
    fn scope_queries_stop_at_boundaries() {
        let mut s = Stack::new(16);
        s.push(html(0, Tag::Html)).unwrap();
        s.push(html(1, Tag::Body)).unwrap();
        s.push(html(2, Tag::P)).unwrap();
        s.push(html(3, Tag::Button)).unwrap();
        assert!(s.has_in_scope(Tag::P, Scope::Default));
        assert!(!s.has_in_scope(Tag::P, Scope::Button));
        s.push(html(4, Tag::Table)).unwrap();
        assert!(!s.has_in_scope(Tag::P, Scope::Default));
        assert!(s.has_in_scope(Tag::Table, Scope::Table));
        assert!(s.contains(2));
        s.pop();
        s.pop();
        assert_eq!(s.count(Tag::Button), 0);
        assert!(!s.contains(3));
        s.push(Open { node: 5, tag: Tag::Title, ns: Ns::Svg }).unwrap();
        assert!(!s.has_in_scope(Tag::P, Scope::Default));
        assert!(s.has_in_scope(Tag::Html, Scope::Table));
    }

    #[test]
    fn depth_is_capped() {
        let mut s = Stack::new(3);
        for i in 0..3 {
            s.push(html(i, Tag::Div)).unwrap();
        }
        assert_eq!(s.push(html(9, Tag::Div)), Err(TooDeep(4)));
        assert_eq!(s.len(), 3);
    }
}
