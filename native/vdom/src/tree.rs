//! The flat tree: a parsed fragment in pre-order, as one byte buffer that is also the session's
//! snapshot. The gateway keeps these bytes per session and moves them (transfer, not copy) to
//! whichever worker runs the next event, so the format is position-independent and needs no
//! decoding beyond a validation pass.
//!
//! Layout (all integers little-endian):
//! ```text
//! header   "LLv1"  node_count:u32  blob_len:u32
//! records  node_count × 16 bytes, pre-order (record 0 is the container root)
//! blob     node payloads in the same pre-order
//! record   kind:u8 ns:u8 mode:u8 0:u8  own_len:u32  desc:u32  sub_len:u32
//! ```
//! `own_len` is the size of the node's own payload in the blob, `desc` the number of descendant
//! records, `sub_len` the blob bytes of the whole subtree. Because records hold only lengths, a
//! subtree is two contiguous byte ranges (records and blob) that compare equal with `memcmp`
//! wherever they sit: equal subtrees are skipped by the diff without walking them.
//!
//! Payloads: text and comment nodes store their data. Elements store
//! `varint name_len, name, varint attr_count, (attr_ns:u8, varint len, name, varint len, value)*`.

use crate::error::{Error, MAX_DEPTH};

/// Snapshot magic and format version.
pub const MAGIC: &[u8; 4] = b"LLv1";
/// Header size in bytes.
pub const HEADER: usize = 12;
/// Record size in bytes.
pub const REC: usize = 16;

/// Node kinds as stored in records.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Kind {
    Element = 0,
    Text = 1,
    Comment = 2,
    /// The live container itself (record 0 only).
    Root = 3,
}

/// `lv-update` modes as stored in records (and sent in `UPDATE_CHILDREN` ops).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Mode {
    /// Children are diffed.
    Replace = 0,
    /// `lv-update="ignore"`: children are never looked at after the first render.
    Ignore = 1,
    /// `lv-update="append"`: rendered children are added at the end (same-id children replaced).
    Append = 2,
    /// `lv-update="prepend"`: rendered children are added at the start (same-id children replaced).
    Prepend = 3,
}

impl Mode {
    /// The mode an `lv-update` attribute value selects (unknown values diff normally).
    pub fn from_attr(v: Option<&[u8]>) -> Mode {
        match v {
            Some(b"ignore") => Mode::Ignore,
            Some(b"append") => Mode::Append,
            Some(b"prepend") => Mode::Prepend,
            _ => Mode::Replace,
        }
    }

    /// The mode of an element from its `lv-update` value and whether it has an `lv-stream`
    /// attribute: a valid `lv-update` wins; else a stream container or text target appends (its
    /// children belong to the client's stream code, so the engine must never diff them).
    pub fn of_element(lv_update: Option<&[u8]>, has_lv_stream: bool) -> Mode {
        match Mode::from_attr(lv_update) {
            Mode::Replace if has_lv_stream => Mode::Append,
            mode => mode,
        }
    }
}

/// One decoded record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rec {
    pub kind: Kind,
    pub ns: u8,
    pub mode: Mode,
    pub own_len: u32,
    pub desc: u32,
    pub sub_len: u32,
}

/// A node's position: record index and blob offset of its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub idx: u32,
    pub off: u32,
}

/// A read-only view of a validated tree.
#[derive(Clone, Copy)]
pub struct TreeRef<'a> {
    recs: &'a [u8],
    blob: &'a [u8],
}

#[inline]
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// Reads a LEB128 varint at `*pos`, advancing it. `None` if truncated or over 32 bits.
#[inline]
pub fn read_varint(b: &[u8], pos: &mut usize) -> Option<u32> {
    let mut out: u32 = 0;
    let mut shift = 0;
    loop {
        let byte = *b.get(*pos)?;
        *pos += 1;
        if shift == 28 && byte > 0x0f {
            return None;
        }
        out |= ((byte & 0x7f) as u32) << shift;
        if byte & 0x80 == 0 {
            return Some(out);
        }
        shift += 7;
    }
}

/// Appends a LEB128 varint.
#[inline]
pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl<'a> TreeRef<'a> {
    /// Validates `bytes` as a snapshot and returns a view of it. Checks every length, every
    /// nesting relation, the depth bound and every element payload's structure, so that later
    /// reads cannot go out of bounds.
    pub fn new(bytes: &'a [u8]) -> Result<TreeRef<'a>, Error> {
        let bad = |reason| Error::BadSnapshot { reason };
        if bytes.len() < HEADER || &bytes[0..4] != MAGIC {
            return Err(bad("not a liveloom snapshot (missing header)"));
        }
        let n = u32_at(bytes, 4) as usize;
        let blob_len = u32_at(bytes, 8) as usize;
        let recs_len = n.checked_mul(REC).ok_or(bad("node count overflows"))?;
        if n == 0 || HEADER + recs_len + blob_len != bytes.len() {
            return Err(bad("length does not match header"));
        }
        let t = TreeRef { recs: &bytes[HEADER..HEADER + recs_len], blob: &bytes[HEADER + recs_len..] };
        t.validate()?;
        Ok(t)
    }

    /// A view over parts the caller built itself (already consistent).
    pub(crate) fn from_parts(recs: &'a [u8], blob: &'a [u8]) -> TreeRef<'a> {
        TreeRef { recs, blob }
    }

    fn validate(&self) -> Result<(), Error> {
        let bad = |reason| Err(Error::BadSnapshot { reason });
        let n = self.len();
        // Stack of (end record index exclusive, end blob offset) of open ancestors.
        let mut stack: Vec<(u32, u32)> = Vec::with_capacity(32);
        let mut off: u32 = 0;
        for i in 0..n as u32 {
            while let Some(&(end, boff)) = stack.last() {
                if i < end {
                    break;
                }
                if i != end || off != boff {
                    return bad("subtree sizes are inconsistent");
                }
                stack.pop();
            }
            let base = i as usize * REC;
            let r = &self.recs[base..base + REC];
            let kind = match r[0] {
                0 => Kind::Element,
                1 => Kind::Text,
                2 => Kind::Comment,
                3 if i == 0 => Kind::Root,
                _ => return bad("unknown node kind"),
            };
            if i == 0 && kind != Kind::Root {
                return bad("first node is not the root");
            }
            if r[1] > 2 || r[2] > 3 || r[3] != 0 {
                return bad("bad namespace or mode");
            }
            let own = u32_at(r, 4);
            let desc = u32_at(r, 8);
            let sub = u32_at(r, 12);
            let end = (i as u64) + 1 + desc as u64;
            let bend = off as u64 + sub as u64;
            if end > n as u64 || bend > self.blob.len() as u64 || own > sub {
                return bad("node extends past the end");
            }
            if let Some(&(pend, pboff)) = stack.last() {
                if end > pend as u64 || bend > pboff as u64 {
                    return bad("child extends past its parent");
                }
            }
            if kind != Kind::Element && kind != Kind::Root && desc != 0 {
                return bad("text or comment with children");
            }
            let payload = &self.blob[off as usize..(off + own) as usize];
            match kind {
                Kind::Element => {
                    if !element_payload_ok(payload) {
                        return bad("element payload is malformed");
                    }
                }
                Kind::Root => {
                    if own != 0 {
                        return bad("root has a payload");
                    }
                }
                _ => {}
            }
            if desc > 0 {
                stack.push((end as u32, bend as u32));
                if stack.len() > MAX_DEPTH + 1 {
                    return bad("tree is deeper than the engine allows");
                }
            } else if own != sub {
                return bad("leaf subtree size differs from its payload");
            }
            off += own;
        }
        while let Some((end, boff)) = stack.pop() {
            if end != n as u32 || boff != off {
                return bad("subtree sizes are inconsistent");
            }
        }
        if off as usize != self.blob.len() {
            return bad("blob has trailing bytes");
        }
        Ok(())
    }

    /// Number of records.
    #[inline]
    pub fn len(&self) -> usize {
        self.recs.len() / REC
    }

    /// Always false: a valid tree has at least its root.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// The root (the container).
    #[inline]
    pub fn root(&self) -> At {
        At { idx: 0, off: 0 }
    }

    /// Record of node `at`.
    #[inline]
    pub fn rec(&self, at: At) -> Rec {
        let base = at.idx as usize * REC;
        let r = &self.recs[base..base + REC];
        Rec {
            kind: match r[0] {
                0 => Kind::Element,
                1 => Kind::Text,
                2 => Kind::Comment,
                _ => Kind::Root,
            },
            ns: r[1],
            mode: match r[2] {
                1 => Mode::Ignore,
                2 => Mode::Append,
                3 => Mode::Prepend,
                _ => Mode::Replace,
            },
            own_len: u32_at(r, 4),
            desc: u32_at(r, 8),
            sub_len: u32_at(r, 12),
        }
    }

    /// The node's own payload bytes.
    #[inline]
    pub fn payload(&self, at: At, rec: &Rec) -> &'a [u8] {
        &self.blob[at.off as usize..(at.off + rec.own_len) as usize]
    }

    /// The subtree's raw ranges (records, blob): two subtrees are equal iff both are byte-equal.
    #[inline]
    pub fn subtree_bytes(&self, at: At, rec: &Rec) -> (&'a [u8], &'a [u8]) {
        let r0 = at.idx as usize * REC;
        let r1 = r0 + (rec.desc as usize + 1) * REC;
        (&self.recs[r0..r1], &self.blob[at.off as usize..(at.off + rec.sub_len) as usize])
    }

    /// Whether the subtree at `a` in `self` equals the subtree at `b` in `other`.
    #[inline]
    pub fn same_subtree(&self, a: At, ra: &Rec, other: &TreeRef<'_>, b: At, rb: &Rec) -> bool {
        ra.desc == rb.desc && ra.sub_len == rb.sub_len && self.subtree_bytes(a, ra) == other.subtree_bytes(b, rb)
    }

    /// Children of `at`, in order.
    pub fn children(&self, at: At) -> ChildIter<'a> {
        let rec = self.rec(at);
        ChildIter {
            tree: *self,
            next: At { idx: at.idx + 1, off: at.off + rec.own_len },
            end: at.idx + 1 + rec.desc,
        }
    }

    /// Decodes an element payload.
    pub fn element(&self, at: At, rec: &Rec) -> ElementView<'a> {
        ElementView::parse(self.payload(at, rec))
    }
}

/// Iterator over children positions.
pub struct ChildIter<'a> {
    tree: TreeRef<'a>,
    next: At,
    end: u32,
}

impl Iterator for ChildIter<'_> {
    type Item = At;
    #[inline]
    fn next(&mut self) -> Option<At> {
        if self.next.idx >= self.end {
            return None;
        }
        let at = self.next;
        let r = self.tree.rec(at);
        self.next = At { idx: at.idx + 1 + r.desc, off: at.off + r.sub_len };
        Some(at)
    }
}

fn element_payload_ok(p: &[u8]) -> bool {
    // Structure only: every length fits. Text is not re-checked for UTF-8 here (that doubled the
    // cost of a diff); the JSON writer falls back to lossy decoding, so a corrupted snapshot can
    // at worst produce replacement characters, never invalid output.
    #[inline]
    fn skip(p: &[u8], pos: &mut usize) -> bool {
        match read_varint(p, pos) {
            Some(len) => match pos.checked_add(len as usize) {
                Some(end) if end <= p.len() => {
                    *pos = end;
                    true
                }
                _ => false,
            },
            None => false,
        }
    }
    let mut pos = 0;
    if !skip(p, &mut pos) {
        return false;
    }
    let Some(count) = read_varint(p, &mut pos) else { return false };
    for _ in 0..count {
        match p.get(pos) {
            Some(&ns) if ns <= 3 => pos += 1,
            _ => return false,
        }
        if !skip(p, &mut pos) || !skip(p, &mut pos) {
            return false;
        }
    }
    pos == p.len()
}

/// An element's name and attributes, read from its payload.
#[derive(Clone, Copy)]
pub struct ElementView<'a> {
    pub name: &'a [u8],
    attrs: &'a [u8],
    pub attr_count: u32,
}

/// One attribute: (namespace, qualified name, value).
pub type AttrRef<'a> = (u8, &'a [u8], &'a [u8]);

impl<'a> ElementView<'a> {
    /// Decodes a (validated) element payload.
    #[inline]
    pub fn parse(p: &'a [u8]) -> ElementView<'a> {
        let mut pos = 0;
        let nl = read_varint(p, &mut pos).unwrap_or(0) as usize;
        let name = &p[pos..pos + nl];
        pos += nl;
        let attr_count = read_varint(p, &mut pos).unwrap_or(0);
        ElementView { name, attrs: &p[pos..], attr_count }
    }

    /// The attributes in source order.
    pub fn attrs(&self) -> AttrIter<'a> {
        AttrIter { b: self.attrs, pos: 0, left: self.attr_count }
    }

    /// Value of the un-namespaced attribute `name`.
    pub fn attr(&self, name: &[u8]) -> Option<&'a [u8]> {
        self.attrs().find(|a| a.0 == 0 && a.1 == name).map(|a| a.2)
    }

    /// The diff key: `lv-key`, else `data-key`, else `id`.
    pub fn key(&self) -> Option<&'a [u8]> {
        let (mut lv, mut data, mut id) = (None, None, None);
        for (ns, n, v) in self.attrs() {
            if ns != 0 {
                continue;
            }
            match n {
                b"lv-key" => lv = Some(v),
                b"data-key" => data = Some(v),
                b"id" => id = Some(v),
                _ => {}
            }
        }
        lv.or(data).or(id)
    }
}

/// Iterator over an element's attributes.
pub struct AttrIter<'a> {
    b: &'a [u8],
    pos: usize,
    left: u32,
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = AttrRef<'a>;
    #[inline]
    fn next(&mut self) -> Option<AttrRef<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let ns = self.b[self.pos];
        self.pos += 1;
        let nl = read_varint(self.b, &mut self.pos)? as usize;
        let name = &self.b[self.pos..self.pos + nl];
        self.pos += nl;
        let vl = read_varint(self.b, &mut self.pos)? as usize;
        let value = &self.b[self.pos..self.pos + vl];
        self.pos += vl;
        Some((ns, name, value))
    }
}

/// Builds a tree in pre-order: `open` an element (children follow), `leaf` text or comments,
/// `close` the element. Sizes are patched in on `close`.
pub struct TreeWriter {
    recs: Vec<u8>,
    blob: Vec<u8>,
    open: Vec<(u32, u32)>,
    max_depth: usize,
    /// Whether any element has an `lv-update` mode other than `Replace`.
    pub has_unmanaged: bool,
}

impl TreeWriter {
    /// A writer whose root (the container) is already open. `capacity_hint` is the HTML length.
    pub fn new(capacity_hint: usize) -> TreeWriter {
        let mut w = TreeWriter {
            recs: Vec::with_capacity(HEADER + capacity_hint + REC * 4),
            blob: Vec::with_capacity(capacity_hint + 16),
            open: Vec::with_capacity(32),
            max_depth: MAX_DEPTH,
            has_unmanaged: false,
        };
        w.recs.extend_from_slice(MAGIC);
        w.recs.extend_from_slice(&[0; 8]);
        w.push_rec(Kind::Root, 0, Mode::Replace, 0);
        w.open.push((0, 0));
        w
    }

    fn push_rec(&mut self, kind: Kind, ns: u8, mode: Mode, own: u32) {
        self.recs.extend_from_slice(&[kind as u8, ns, mode as u8, 0]);
        self.recs.extend_from_slice(&own.to_le_bytes());
        self.recs.extend_from_slice(&[0; 8]);
    }

    fn count(&self) -> u32 {
        ((self.recs.len() - HEADER) / REC) as u32
    }

    /// Adds a text or comment node.
    pub fn leaf(&mut self, kind: Kind, data: &[u8]) {
        self.push_rec(kind, 0, Mode::Replace, data.len() as u32);
        let base = self.recs.len() - 4;
        self.recs[base..].copy_from_slice(&(data.len() as u32).to_le_bytes());
        self.blob.extend_from_slice(data);
    }

    /// Opens an element; its children follow until [`TreeWriter::close`].
    pub fn open<'x, I>(&mut self, ns: u8, mode: Mode, name: &[u8], attrs: I) -> Result<(), Error>
    where
        I: ExactSizeIterator<Item = AttrRef<'x>>,
    {
        if self.open.len() > self.max_depth {
            return Err(Error::TooDeep { depth: self.open.len() });
        }
        let idx = self.count();
        let start = self.blob.len() as u32;
        write_varint(&mut self.blob, name.len() as u32);
        self.blob.extend_from_slice(name);
        write_varint(&mut self.blob, attrs.len() as u32);
        for (ans, n, v) in attrs {
            self.blob.push(ans);
            write_varint(&mut self.blob, n.len() as u32);
            self.blob.extend_from_slice(n);
            write_varint(&mut self.blob, v.len() as u32);
            self.blob.extend_from_slice(v);
        }
        let own = self.blob.len() as u32 - start;
        self.push_rec(Kind::Element, ns, mode, own);
        self.has_unmanaged |= mode != Mode::Replace;
        self.open.push((idx, start));
        Ok(())
    }

    /// Copies a whole subtree of another tree (already validated) as the next child.
    pub fn copy_subtree(&mut self, from: &TreeRef<'_>, at: At, rec: &Rec) {
        let (r, b) = from.subtree_bytes(at, rec);
        self.recs.extend_from_slice(r);
        self.blob.extend_from_slice(b);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if self.open.len() <= 1 {
            return;
        }
        let (idx, start) = self.open.pop().unwrap_or((0, 0));
        self.patch(idx, start);
    }

    fn patch(&mut self, idx: u32, start: u32) {
        let desc = self.count() - idx - 1;
        let sub = self.blob.len() as u32 - start;
        let base = HEADER + idx as usize * REC;
        self.recs[base + 8..base + 12].copy_from_slice(&desc.to_le_bytes());
        self.recs[base + 12..base + 16].copy_from_slice(&sub.to_le_bytes());
    }

    /// Finishes the tree: closes everything and returns the snapshot bytes.
    pub fn finish(mut self) -> Vec<u8> {
        while self.open.len() > 1 {
            self.close();
        }
        self.patch(0, 0);
        let n = self.count();
        let blob_len = self.blob.len() as u32;
        self.recs[4..8].copy_from_slice(&n.to_le_bytes());
        self.recs[8..12].copy_from_slice(&blob_len.to_le_bytes());
        let mut out = self.recs;
        out.extend_from_slice(&self.blob);
        out
    }
}

/// Splits finished snapshot bytes into a view without re-validating (for bytes this crate built).
pub(crate) fn view_own(bytes: &[u8]) -> TreeRef<'_> {
    let n = u32_at(bytes, 4) as usize;
    TreeRef::from_parts(&bytes[HEADER..HEADER + n * REC], &bytes[HEADER + n * REC..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = TreeWriter::new(0);
        w.open(0, Mode::Replace, b"ul", [(0u8, &b"class"[..], &b"l"[..])].into_iter()).unwrap();
        w.leaf(Kind::Text, b"\n ");
        w.open(0, Mode::Replace, b"li", [(0u8, &b"id"[..], &b"a"[..])].into_iter()).unwrap();
        w.leaf(Kind::Text, b"A");
        w.close();
        w.leaf(Kind::Comment, b"c");
        w.close();
        w.leaf(Kind::Text, b"tail");
        w.finish()
    }

    #[test]
    fn writer_output_validates_and_navigates() {
        let bytes = sample();
        let t = TreeRef::new(&bytes).unwrap();
        assert_eq!(t.len(), 7);
        let kids: Vec<At> = t.children(t.root()).collect();
        assert_eq!(kids.len(), 2);
        let ul = kids[0];
        let rec = t.rec(ul);
        assert_eq!(rec.desc, 4);
        let el = t.element(ul, &rec);
        assert_eq!(el.name, b"ul");
        assert_eq!(el.attr(b"class"), Some(&b"l"[..]));
        let li = t.children(ul).nth(1).unwrap();
        let lrec = t.rec(li);
        assert_eq!(t.element(li, &lrec).key(), Some(&b"a"[..]));
        let tail = kids[1];
        let trec = t.rec(tail);
        assert_eq!(t.payload(tail, &trec), b"tail");
    }

    #[test]
    fn every_truncation_and_byte_flip_is_rejected_or_valid_never_a_panic() {
        let bytes = sample();
        for cut in 0..bytes.len() {
            assert!(TreeRef::new(&bytes[..cut]).is_err(), "truncated at {cut}");
        }
        for i in 0..bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                if let Ok(t) = TreeRef::new(&b) {
                    // A flip that still validates must still be navigable everywhere.
                    let mut stack = vec![t.root()];
                    while let Some(at) = stack.pop() {
                        let r = t.rec(at);
                        if r.kind == Kind::Element {
                            let e = t.element(at, &r);
                            let _ = e.attrs().count();
                        }
                        stack.extend(t.children(at));
                    }
                }
            }
        }
    }

    #[test]
    fn key_precedence_is_lv_key_then_data_key_then_id() {
        let mut w = TreeWriter::new(0);
        let attrs: [AttrRef; 3] = [(0, b"id", b"i"), (0, b"data-key", b"d"), (0, b"lv-key", b"l")];
        w.open(0, Mode::Replace, b"li", attrs.into_iter()).unwrap();
        w.close();
        let attrs2: [AttrRef; 2] = [(0, b"id", b"i"), (0, b"data-key", b"d")];
        w.open(0, Mode::Replace, b"li", attrs2.into_iter()).unwrap();
        w.close();
        let bytes = w.finish();
        let t = TreeRef::new(&bytes).unwrap();
        let keys: Vec<_> = t.children(t.root()).map(|a| t.element(a, &t.rec(a)).key().unwrap().to_vec()).collect();
        assert_eq!(keys, vec![b"l".to_vec(), b"d".to_vec()]);
    }

    #[test]
    fn varints_round_trip() {
        for v in [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut b = Vec::new();
            write_varint(&mut b, v);
            let mut pos = 0;
            assert_eq!(read_varint(&b, &mut pos), Some(v));
            assert_eq!(pos, b.len());
        }
        assert_eq!(read_varint(&[0xff, 0xff, 0xff, 0xff, 0x7f], &mut 0), None);
    }
}
