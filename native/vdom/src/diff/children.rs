//! Matching one parent's old and new children and emitting the structural ops.
//!
//! 1. Equal subtrees at the start and end are trimmed (one `memcmp` each): a change to one row
//!    of a long list touches only that row.
//! 2. Then compatible pairs (same kind, name and key) at both ends are paired and diffed.
//! 3. In the middle, children with a key unique on both sides (`lv-key`, `data-key`, `id`) match
//!    by key; the rest (unkeyed or duplicated keys) pair in order, a pair of different kinds
//!    becoming one `REPLACE`. Unmatched old children are removed, unmatched new ones inserted,
//!    and matched ones outside a longest increasing subsequence are moved.

use super::fenwick::Fenwick;
use super::lis::longest_increasing;
use super::Differ;
use crate::tree::{At, Kind, Rec, TreeRef};
use std::collections::HashMap;

/// A child with what matching needs.
#[derive(Clone, Copy)]
struct Child<'t> {
    at: At,
    rec: Rec,
    name: &'t [u8],
    key: Option<&'t [u8]>,
}

fn info<'t>(t: &TreeRef<'t>, at: At) -> Child<'t> {
    let rec = t.rec(at);
    if rec.kind == Kind::Element {
        let el = t.element(at, &rec);
        Child { at, rec, name: el.name, key: el.key() }
    } else {
        Child { at, rec, name: b"", key: None }
    }
}

/// Same kind, and for elements the same namespace, name and key: worth diffing in place.
fn compatible(a: &Child<'_>, b: &Child<'_>) -> bool {
    a.rec.kind == b.rec.kind && (a.rec.kind != Kind::Element || (a.rec.ns == b.rec.ns && a.name == b.name && a.key == b.key))
}

/// How a new child in the middle region is placed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    New,
    /// Matched with this old middle child; `true` = same position only (replace it).
    Old(usize, bool),
}

impl Differ<'_, '_> {
    /// Diffs the children of `o` and `n`, which sit at `self.path`.
    pub(super) fn children(&mut self, o: At, n: At) {
        let old = self.old;
        let new = self.new;
        let olds: Vec<Child<'_>> = old.children(o).map(|a| info(&old, a)).collect();
        let news: Vec<Child<'_>> = new.children(n).map(|a| info(&new, a)).collect();

        // Pairs (old index, new index, force_replace) to recurse into after structural ops.
        let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
        let same = |a: &Child<'_>, b: &Child<'_>| old.same_subtree(a.at, &a.rec, &new, b.at, &b.rec);

        let (mut lo, mut hi_o, mut hi_n) = (0usize, olds.len(), news.len());
        // Exact ends first, then compatible ends (which need diffing).
        while lo < hi_o && lo < hi_n && same(&olds[lo], &news[lo]) {
            lo += 1;
        }
        while hi_o > lo && hi_n > lo && same(&olds[hi_o - 1], &news[hi_n - 1]) {
            hi_o -= 1;
            hi_n -= 1;
        }
        while lo < hi_o && lo < hi_n && compatible(&olds[lo], &news[lo]) {
            pairs.push((lo, lo, false));
            lo += 1;
        }
        let mut tail: Vec<(usize, usize, bool)> = Vec::new();
        while hi_o > lo && hi_n > lo && compatible(&olds[hi_o - 1], &news[hi_n - 1]) {
            hi_o -= 1;
            hi_n -= 1;
            tail.push((hi_o, hi_n, false));
        }

        if lo < hi_o || lo < hi_n {
            self.middle(&olds[lo..hi_o], &news[lo..hi_n], lo, &mut pairs);
        }
        pairs.extend(tail.into_iter().rev());

        for (oi, ni, force) in pairs {
            self.path.push(ni as u32);
            self.pair(olds[oi].at, news[ni].at, force);
            self.path.pop();
        }
    }

    /// Matches and places the middle region. `base` is its index in the parent's child list
    /// (equal on both sides, since everything before it was paired one to one).
    fn middle(&mut self, om: &[Child<'_>], nm: &[Child<'_>], base: usize, pairs: &mut Vec<(usize, usize, bool)>) {
        // Keys usable for matching occur exactly once on each side where they occur at all.
        let mut old_keys: HashMap<&[u8], (usize, u32)> = HashMap::new();
        for (i, c) in om.iter().enumerate() {
            if let Some(k) = c.key {
                old_keys.entry(k).and_modify(|e| e.1 += 1).or_insert((i, 1));
            }
        }
        let mut new_key_count: HashMap<&[u8], u32> = HashMap::new();
        for c in nm {
            if let Some(k) = c.key {
                *new_key_count.entry(k).or_insert(0) += 1;
            }
        }
        let old_keyed = |c: &Child<'_>| c.key.is_some_and(|k| old_keys[k].1 == 1);
        let new_keyed = |c: &Child<'_>| c.key.is_some_and(|k| new_key_count[k] == 1);

        let mut source = vec![Source::New; nm.len()];
        let mut old_used = vec![false; om.len()];
        for (j, c) in nm.iter().enumerate() {
            if !new_keyed(c) {
                continue;
            }
            if let Some(&(i, 1)) = c.key.and_then(|k| old_keys.get(k)) {
                if compatible(&om[i], c) {
                    source[j] = Source::Old(i, false);
                    old_used[i] = true;
                }
            }
        }
        // Unkeyed children pair in order; different kinds at the same place become a replace.
        let old_pool = om.iter().enumerate().filter(|(_, c)| !old_keyed(c)).map(|(i, _)| i);
        let new_pool = nm.iter().enumerate().filter(|(_, c)| !new_keyed(c)).map(|(j, _)| j);
        for (i, j) in old_pool.zip(new_pool) {
            let a = &om[i];
            let b = &nm[j];
            let same_kind = a.rec.kind == b.rec.kind && (a.rec.kind != Kind::Element || (a.rec.ns == b.rec.ns && a.name == b.name));
            source[j] = Source::Old(i, !same_kind);
            old_used[i] = true;
        }

        // Removals, highest index first so lower indexes stay valid.
        for i in (0..om.len()).rev() {
            if !old_used[i] {
                self.path.push((base + i) as u32);
                self.w.remove(&self.path);
                self.path.pop();
            }
        }

        // Rank of each kept old child among the kept ones, in old order.
        let mut rank = vec![0u32; om.len()];
        let mut kept = 0u32;
        for i in 0..om.len() {
            if old_used[i] {
                rank[i] = kept;
                kept += 1;
            }
        }
        let seq: Vec<Option<u32>> = source
            .iter()
            .map(|s| match s {
                Source::Old(i, _) => Some(rank[*i]),
                Source::New => None,
            })
            .collect();
        let stays = longest_increasing(&seq);

        // Positions: for each slot s (the s-th kept old child, or the end), the children that
        // will be placed right before it (in new order), then the slot's original occupant.
        let m = kept as usize;
        let mut group = vec![usize::MAX; nm.len()];
        let mut group_size = vec![0usize; m + 1];
        let mut slot = m;
        for j in (0..nm.len()).rev() {
            if stays[j] {
                slot = seq[j].unwrap_or(0) as usize;
            } else {
                group[j] = slot;
                group_size[slot] += 1;
            }
        }
        let mut group_start = vec![0usize; m + 1];
        let mut acc = 0;
        for s in 0..=m {
            group_start[s] = acc;
            acc += group_size[s] + usize::from(s < m);
        }
        let total = acc;
        let orig_pos = |s: usize| group_start[s] + group_size[s];
        let mut member_pos = vec![0usize; nm.len()];
        let mut filled = vec![0usize; m + 1];
        for j in 0..nm.len() {
            if !stays[j] {
                let s = group[j];
                member_pos[j] = group_start[s] + filled[s];
                filled[s] += 1;
            }
        }
        let mut occupied = vec![0i32; total];
        for s in 0..m {
            occupied[orig_pos(s)] = 1;
        }
        let mut fen = Fenwick::from_values(&occupied);

        for j in (0..nm.len()).rev() {
            if stays[j] {
                continue;
            }
            match source[j] {
                Source::Old(i, _) => {
                    let from_pos = orig_pos(rank[i] as usize);
                    let from = base as u32 + fen.before(from_pos);
                    fen.add(from_pos, -1);
                    let to = base as u32 + fen.before(member_pos[j]);
                    fen.add(member_pos[j], 1);
                    if from != to {
                        self.w.move_child(&self.path, from, to);
                    }
                }
                Source::New => {
                    let to = base as u32 + fen.before(member_pos[j]);
                    fen.add(member_pos[j], 1);
                    self.w.insert(&self.path, to, &self.new, nm[j].at);
                }
            }
        }

        for (j, s) in source.iter().enumerate() {
            if let Source::Old(i, force) = *s {
                pairs.push((base + i, base + j, force));
            }
        }
    }
}
