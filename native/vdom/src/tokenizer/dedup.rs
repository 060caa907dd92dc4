//! Duplicate attribute detection. The spec drops an attribute whose name is already on the tag.
//! Real tags have a handful of attributes, where comparing against each earlier name is fastest;
//! hostile input can put 100,000 on one tag, where that would be quadratic. Past `LINEAR_MAX`
//! attributes the names go into an open-addressing hash set (indices into the tag's attribute
//! list, hashed with std's randomly keyed SipHash so crafted names cannot force collisions).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use super::scan::NameKey;
use crate::token::TagToken;

/// Attribute counts up to this use the linear scan.
const LINEAR_MAX: usize = 16;

/// Reusable state for checking one tag's attribute names at a time.
#[derive(Default)]
pub(crate) struct AttrSet {
    /// Keys of the tag's attribute names so far, parallel to `TagToken::attrs`.
    keys: Vec<NameKey>,
    /// Slots hold attribute index + 1 (0 = empty). Empty vector = not in use for this tag.
    slots: Vec<u32>,
    hasher: Option<RandomState>,
}

impl AttrSet {
    /// Forgets the previous tag's names (cheap when the set was not needed).
    #[inline]
    pub(crate) fn reset(&mut self) {
        self.keys.clear();
        if !self.slots.is_empty() {
            self.slots.clear();
        }
    }

    /// Whether an attribute called `name` (whose key is `key`) is already on `tag`. If not, the caller is about to
    /// push it as attribute number `tag.attrs.len()`, and the set records it.
    #[inline]
    pub(crate) fn contains_or_insert(&mut self, tag: &TagToken, name: &[u8], key: NameKey) -> bool {
        let count = tag.attrs.len();
        if count < LINEAR_MAX {
            // Keys first: one integer compare settles names of up to 16 bytes.
            let duplicate = self
                .keys
                .iter()
                .enumerate()
                .any(|(i, &k)| k == key && (key.is_exact() || tag.attr(i).0 == name));
            if !duplicate {
                self.keys.push(key);
            }
            return duplicate;
        }
        if self.slots.is_empty() {
            self.rebuild(tag, count * 4);
        } else if (count + 1) * 2 > self.slots.len() {
            self.rebuild(tag, self.slots.len() * 2);
        }
        let hasher = self.hasher.get_or_insert_with(RandomState::new);
        let mask = self.slots.len() - 1;
        let mut slot = hasher.hash_one(name) as usize & mask;
        loop {
            match self.slots[slot] {
                0 => {
                    self.slots[slot] = count as u32 + 1;
                    return false;
                }
                i if tag.attr(i as usize - 1).0 == name => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Re-inserts every attribute of `tag` into a table of at least `capacity` slots.
    fn rebuild(&mut self, tag: &TagToken, capacity: usize) {
        let size = capacity.next_power_of_two().max(64);
        self.slots.clear();
        self.slots.resize(size, 0);
        let hasher = self.hasher.get_or_insert_with(RandomState::new);
        let mask = size - 1;
        for i in 0..tag.attrs.len() {
            let mut slot = hasher.hash_one(tag.attr(i).0) as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = i as u32 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::TokenAttr;

    fn push(tag: &mut TagToken, name: &[u8]) {
        let start = tag.attr_bytes.len() as u32;
        tag.attr_bytes.extend_from_slice(name);
        let end = tag.attr_bytes.len() as u32;
        tag.attrs.push(TokenAttr { name_start: start, name_end: end, value_start: end, value_end: end });
    }

    #[test]
    fn finds_duplicates_below_and_above_the_linear_limit() {
        let mut set = AttrSet::default();
        let mut tag = TagToken::default();
        for i in 0..1000 {
            let name = format!("a{i}");
            assert!(!set.contains_or_insert(&tag, name.as_bytes(), NameKey::of(name.as_bytes())));
            push(&mut tag, name.as_bytes());
            assert!(set.contains_or_insert(&tag, b"a0", NameKey::of(b"a0")));
            assert!(set.contains_or_insert(&tag, name.as_bytes(), NameKey::of(name.as_bytes())));
        }
        set.reset();
        let tag = TagToken::default();
        assert!(!set.contains_or_insert(&tag, b"a0", NameKey::of(b"a0")));
    }
}
