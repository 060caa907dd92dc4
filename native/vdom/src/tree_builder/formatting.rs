//! The list of active formatting elements (WHATWG §13.2.4.3) as a data structure; the algorithms
//! that also touch the tree (reconstruct, the adoption agency, Noah's Ark) are in `adoption.rs`.
//!
//! Bounds: every formatting element pushed is pushed right after "reconstruct the active
//! formatting elements", which puts every entry after the last marker on the stack of open
//! elements, so the entries after the last marker never exceed the stack depth (capped). Markers
//! can outlive their elements (`<td><object></td>` clears the object's marker, not the cell's),
//! so the whole list is also capped (`max_len`), generously, as a safety net; every search the
//! rules make stops at the last marker, so scans stay bounded by the depth either way.

use super::stack::TooDeep;
use crate::atoms::Tag;
use crate::dom::NodeId;

/// One entry: a scope marker or a formatting element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Marker,
    Element {
        node: NodeId,
        tag: Tag,
        /// Order-independent fingerprint of the attributes (Noah's Ark compares it first).
        attrs_hash: u64,
    },
}

/// The list of active formatting elements.
pub(crate) struct Formatting {
    list: Vec<Entry>,
    /// `listed[node]`: whether the node has an entry (O(1) "is node in the list").
    listed: Vec<bool>,
    max_len: usize,
}

impl Formatting {
    /// An empty list holding at most `max_len` entries.
    pub(crate) fn new(max_len: usize) -> Formatting {
        Formatting { list: Vec::new(), listed: Vec::new(), max_len }
    }

    /// Number of entries.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Entry `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<Entry> {
        self.list.get(i).copied()
    }

    /// Whether `node` has an entry.
    #[inline]
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        self.listed.get(node as usize).copied().unwrap_or(false)
    }

    fn mark(&mut self, e: Entry, on: bool) {
        if let Entry::Element { node, .. } = e {
            let i = node as usize;
            if i >= self.listed.len() {
                if !on {
                    return;
                }
                self.listed.resize(i + 1 + i / 2, false);
            }
            self.listed[i] = on;
        }
    }

    fn check_len(&self) -> Result<(), TooDeep> {
        if self.list.len() >= self.max_len {
            return Err(TooDeep(self.list.len() + 1));
        }
        Ok(())
    }

    /// Appends a marker.
    pub(crate) fn push_marker(&mut self) -> Result<(), TooDeep> {
        self.check_len()?;
        self.list.push(Entry::Marker);
        Ok(())
    }

    /// Appends an element entry (Noah's Ark has already made room).
    pub(crate) fn push(&mut self, e: Entry) -> Result<(), TooDeep> {
        self.check_len()?;
        self.mark(e, true);
        self.list.push(e);
        Ok(())
    }

    /// Index just past the last marker (0 when there is none): the entries the rules search.
    pub(crate) fn after_last_marker(&self) -> usize {
        self.list.iter().rposition(|e| *e == Entry::Marker).map_or(0, |i| i + 1)
    }

    /// Index of the last element entry called `tag` after the last marker.
    pub(crate) fn find_tag_after_marker(&self, tag: Tag) -> Option<usize> {
        for (i, e) in self.list.iter().enumerate().rev() {
            match *e {
                Entry::Marker => return None,
                Entry::Element { tag: t, .. } if t == tag => return Some(i),
                Entry::Element { .. } => {}
            }
        }
        None
    }

    /// Index of `node`'s entry (searching from the end; entries are usually near it).
    pub(crate) fn position(&self, node: NodeId) -> Option<usize> {
        if !self.contains(node) {
            return None;
        }
        self.list.iter().rposition(|e| matches!(*e, Entry::Element { node: n, .. } if n == node))
    }

    /// Removes entry `i`.
    pub(crate) fn remove_at(&mut self, i: usize) {
        if i < self.list.len() {
            let e = self.list.remove(i);
            self.mark(e, false);
        }
    }

    /// Removes `node`'s entry if it has one.
    pub(crate) fn remove(&mut self, node: NodeId) {
        if let Some(i) = self.position(node) {
            self.remove_at(i);
        }
    }

    /// Replaces entry `i` (the element keeps its place in the list).
    pub(crate) fn replace_at(&mut self, i: usize, e: Entry) {
        if let Some(old) = self.list.get(i).copied() {
            self.mark(old, false);
            self.mark(e, true);
            self.list[i] = e;
        }
    }

    /// Inserts an entry at index `i` (the adoption agency's bookmark).
    pub(crate) fn insert_at(&mut self, i: usize, e: Entry) -> Result<(), TooDeep> {
        self.check_len()?;
        let i = i.min(self.list.len());
        self.mark(e, true);
        self.list.insert(i, e);
        Ok(())
    }

    /// "Clear the list of active formatting elements up to the last marker".
    pub(crate) fn clear_to_last_marker(&mut self) {
        while let Some(e) = self.list.pop() {
            self.mark(e, false);
            if e == Entry::Marker {
                break;
            }
        }
    }
}

/// Order-independent fingerprint of an attribute list: equal lists always hash equal, so Noah's
/// Ark only runs the exact comparison on likely duplicates.
pub(crate) fn attrs_hash<'a>(attrs: impl Iterator<Item = (&'a [u8], &'a [u8])>) -> u64 {
    let mut sum: u64 = 0;
    let mut count: u64 = 0;
    for (name, value) in attrs {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in name {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3);
        for &b in value {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Finalize so sums of related hashes do not cancel.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        sum = sum.wrapping_add(h);
        count += 1;
    }
    sum ^ count.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(node: NodeId, tag: Tag) -> Entry {
        Entry::Element { node, tag, attrs_hash: 0 }
    }

    #[test]
    fn markers_bound_searches_and_clears() {
        let mut f = Formatting::new(100);
        f.push(el(1, Tag::B)).unwrap();
        f.push_marker().unwrap();
        f.push(el(2, Tag::I)).unwrap();
        assert_eq!(f.find_tag_after_marker(Tag::B), None);
        assert_eq!(f.find_tag_after_marker(Tag::I), Some(2));
        assert_eq!(f.after_last_marker(), 2);
        f.clear_to_last_marker();
        assert_eq!(f.len(), 1);
        assert!(f.contains(1));
        assert!(!f.contains(2));
    }

    #[test]
    fn length_is_capped() {
        let mut f = Formatting::new(2);
        f.push_marker().unwrap();
        f.push_marker().unwrap();
        assert!(f.push_marker().is_err());
    }

    #[test]
    fn attribute_hash_ignores_order() {
        let a: [(&[u8], &[u8]); 2] = [(b"id", b"1"), (b"class", b"x")];
        let b: [(&[u8], &[u8]); 2] = [(b"class", b"x"), (b"id", b"1")];
        assert_eq!(attrs_hash(a.into_iter()), attrs_hash(b.into_iter()));
        let c: [(&[u8], &[u8]); 2] = [(b"class", b"y"), (b"id", b"1")];
        assert_ne!(attrs_hash(a.into_iter()), attrs_hash(c.into_iter()));
    }
}
