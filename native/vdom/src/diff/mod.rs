//! The diff: old flat tree + new flat tree → ops (see [`crate::ops`] for the op set).
//!
//! Order of ops under each parent: removals (highest index first), then moves and inserts
//! (computed right to left against a Fenwick tree so each carries its index at the moment it
//! applies), then the ops inside each kept child at its final index. A parent's structural ops
//! therefore always precede any op addressing a node below it, and every path is valid when its
//! op is applied.

mod children;
pub mod fenwick;
pub mod lis;
#[cfg(test)]
mod tests;

use crate::ops::OpWriter;
use crate::tree::{At, Kind, Mode, Rec, TreeRef};

/// Computes the ops that turn `old` into `new`.
pub fn diff_trees(old: &TreeRef<'_>, new: &TreeRef<'_>) -> OpWriter {
    let mut d = Differ { old: *old, new: *new, w: OpWriter::new(), path: Vec::with_capacity(16) };
    let (ro, rn) = (old.rec(old.root()), new.rec(new.root()));
    if !old.same_subtree(old.root(), &ro, new, new.root(), &rn) {
        d.children(old.root(), new.root());
    }
    d.w
}

struct Differ<'o, 'n> {
    old: TreeRef<'o>,
    new: TreeRef<'n>,
    w: OpWriter,
    /// Path of the node being diffed (child indexes from the container).
    path: Vec<u32>,
}

impl Differ<'_, '_> {
    /// Diffs a matched pair at `self.path`. `force_replace` pairs nodes that only share a position.
    fn pair(&mut self, o: At, n: At, force_replace: bool) {
        let ro = self.old.rec(o);
        let rn = self.new.rec(n);
        if force_replace || ro.kind != rn.kind {
            self.w.replace(&self.path, &self.new, n);
            return;
        }
        if self.old.same_subtree(o, &ro, &self.new, n, &rn) {
            return;
        }
        match rn.kind {
            Kind::Text | Kind::Comment => {
                let (a, b) = (self.old.payload(o, &ro), self.new.payload(n, &rn));
                if a != b {
                    self.w.set_text(&self.path, b);
                }
            }
            Kind::Element | Kind::Root => self.element(o, &ro, n, &rn),
        }
    }

    fn element(&mut self, o: At, ro: &Rec, n: At, rn: &Rec) {
        let eo = self.old.element(o, ro);
        let en = self.new.element(n, rn);
        if ro.ns != rn.ns || eo.name != en.name || ro.mode != rn.mode {
            self.w.replace(&self.path, &self.new, n);
            return;
        }
        if self.old.payload(o, ro) != self.new.payload(n, rn) {
            attributes::diff(&mut self.w, &self.path, &eo, &en);
        }
        match rn.mode {
            Mode::Replace => self.children(o, n),
            Mode::Ignore => {}
            Mode::Append | Mode::Prepend => {
                let added: Vec<At> = self
                    .new
                    .children(n)
                    .filter(|&c| {
                        let r = self.new.rec(c);
                        // Whitespace between rows would pile up with every update.
                        !(r.kind == Kind::Text && self.new.payload(c, &r).iter().all(u8::is_ascii_whitespace))
                    })
                    .collect();
                if !added.is_empty() {
                    self.w.update_children(&self.path, rn.mode as u8, &self.new, &added);
                }
            }
        }
    }
}

mod attributes {
    //! Attribute changes of one matched element.
    use crate::ops::OpWriter;
    use crate::tree::ElementView;
    use std::collections::HashMap;

    /// Past this many attributes, lookups go through a hash map so hostile elements with
    /// thousands of attributes stay linear.
    const LINEAR_LIMIT: u32 = 16;

    pub fn diff(w: &mut OpWriter, path: &[u32], old: &ElementView<'_>, new: &ElementView<'_>) {
        if old.attr_count <= LINEAR_LIMIT && new.attr_count <= LINEAR_LIMIT {
            for (_, name, value) in new.attrs() {
                match old.attrs().find(|a| a.1 == name) {
                    Some((_, _, v)) if v == value => {}
                    _ => w.set_attr(path, name, value),
                }
            }
            for (_, name, _) in old.attrs() {
                if !new.attrs().any(|a| a.1 == name) {
                    w.remove_attr(path, name);
                }
            }
        } else {
            let old_map: HashMap<&[u8], &[u8]> = old.attrs().map(|a| (a.1, a.2)).collect();
            let new_map: HashMap<&[u8], &[u8]> = new.attrs().map(|a| (a.1, a.2)).collect();
            for (_, name, value) in new.attrs() {
                if old_map.get(name) != Some(&value) {
                    w.set_attr(path, name, value);
                }
            }
            for (_, name, _) in old.attrs() {
                if !new_map.contains_key(name) {
                    w.remove_attr(path, name);
                }
            }
        }
    }
}
