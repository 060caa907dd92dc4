//! Turns the parser's linked DOM into the flat pre-order tree. This is the one place the arena's
//! shape (reparenting, foster parenting, template contents) is resolved into the order the
//! browser's `childNodes` show.

use crate::dom::{Dom, NodeId, NodeKind, NONE};
use crate::error::Error;
use crate::tree::{AttrRef, Kind, Mode, TreeWriter};

/// Writes the children of `root` (a fragment's root element or a document) as a flat tree whose
/// record 0 is the container. A `<template>` element's children are its contents (the client
/// descends into `template.content`). Returns the tree bytes and whether any element has an
/// `lv-update` mode (so the caller knows whether [`strip_unmanaged`] has work to do).
pub fn flatten(dom: &Dom, root: NodeId, capacity_hint: usize) -> Result<(Vec<u8>, bool), Error> {
    let mut w = TreeWriter::new(capacity_hint);
    // Iterative walk: each stack entry is the next child to visit at that depth.
    let mut stack: Vec<NodeId> = Vec::with_capacity(32);
    stack.push(dom.nodes[root as usize].first_child);
    while let Some(top) = stack.last_mut() {
        let id = *top;
        if id == NONE {
            stack.pop();
            if !stack.is_empty() {
                w.close();
            }
            continue;
        }
        let node = &dom.nodes[id as usize];
        *top = node.next_sibling;
        match &node.kind {
            NodeKind::Text(_) => w.leaf(Kind::Text, dom.text_of(id)),
            NodeKind::Comment(s) => w.leaf(Kind::Comment, dom.span(*s)),
            NodeKind::Element(e) => {
                let attrs = dom.attrs_of(id);
                let mode = Mode::of_element(dom.attr_value(id, b"lv-update"), dom.attr_value(id, b"lv-stream").is_some());
                let it = attrs.iter().map(|a| -> AttrRef<'_> { (a.ns as u8, dom.span(a.name), dom.span(a.value)) });
                w.open(e.ns as u8, mode, dom.span(e.name), it)?;
                let first = if e.template_contents != NONE {
                    dom.nodes[e.template_contents as usize].first_child
                } else {
                    node.first_child
                };
                stack.push(first);
            }
            // Documents, fragments and doctypes never appear inside a parsed fragment.
            NodeKind::Document | NodeKind::Fragment | NodeKind::Doctype { .. } => {}
        }
    }
    let unmanaged = w.has_unmanaged;
    Ok((w.finish(), unmanaged))
}

/// Copies a tree without the children of `lv-update` ignore/append/prepend elements: the server
/// never looks inside them again, so the snapshot does not keep them.
pub fn strip_unmanaged(bytes: &[u8]) -> Vec<u8> {
    let t = crate::tree::view_own(bytes);
    let mut w = TreeWriter::new(bytes.len());
    // Stack of remaining-children iterators; the root is already open in the writer.
    let mut stack = vec![t.children(t.root())];
    while let Some(it) = stack.last_mut() {
        match it.next() {
            None => {
                stack.pop();
                if !stack.is_empty() {
                    w.close();
                }
            }
            Some(at) => {
                let rec = t.rec(at);
                if rec.kind != Kind::Element {
                    w.copy_subtree(&t, at, &rec);
                    continue;
                }
                let el = t.element(at, &rec);
                let attrs: Vec<AttrRef<'_>> = el.attrs().collect();
                // Depth was checked when the tree was first written.
                let _ = w.open(rec.ns, rec.mode, el.name, attrs.into_iter());
                if rec.mode == Mode::Replace {
                    stack.push(t.children(at));
                } else {
                    w.close();
                }
            }
        }
    }
    w.finish()
}
