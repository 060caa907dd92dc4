//! Patch ops and their wire encoding: compact JSON text the gateway embeds in a frame without
//! parsing it again (`[[op, ...args], ...]`). Opcode numbers are declared in TypeScript under
//! `src/protocol/` and mirrored here; a test fails if the two drift.
//!
//! | op | args | meaning |
//! |----|------|---------|
//! | 0 SET_TEXT | path, text | set the data of a text or comment node |
//! | 1 SET_ATTR | path, name, value | set an attribute |
//! | 2 REMOVE_ATTR | path, name | remove an attribute |
//! | 3 REPLACE | path, node | replace a node with a new one built from `node` |
//! | 4 INSERT | parentPath, index, node | insert a new node so it ends at `index` |
//! | 5 REMOVE | path | remove a node |
//! | 6 MOVE | parentPath, from, to | move child `from` so it ends at index `to` |
//! | 7 UPDATE_CHILDREN | path, mode, [node] | `lv-update` append (2) / prepend (3): add children, replacing same-`id` ones |
//!
//! A path is the list of child indexes (over all child nodes) from the container. Ops apply in
//! order; each index refers to the DOM as the previous ops left it.
//!
//! A node is a JSON string (text), `["!", data]` (comment) or `[name, [attrName, value, ...],
//! [child, ...], ns]` for elements, where the attribute and child lists may be omitted when empty
//! and `ns` (1 SVG, 2 MathML) is omitted for HTML.

use crate::tree::{At, Kind, TreeRef};

/// Opcode numbers (mirrored by `src/protocol/opcodes.ts`).
pub mod op {
    pub const SET_TEXT: u32 = 0;
    pub const SET_ATTR: u32 = 1;
    pub const REMOVE_ATTR: u32 = 2;
    pub const REPLACE: u32 = 3;
    pub const INSERT: u32 = 4;
    pub const REMOVE: u32 = 5;
    pub const MOVE: u32 = 6;
    pub const UPDATE_CHILDREN: u32 = 7;
}

/// Every opcode by name, for the drift test and for JavaScript (`opcodes()`).
pub const OPCODES: &[(&str, u32)] = &[
    ("SET_TEXT", op::SET_TEXT),
    ("SET_ATTR", op::SET_ATTR),
    ("REMOVE_ATTR", op::REMOVE_ATTR),
    ("REPLACE", op::REPLACE),
    ("INSERT", op::INSERT),
    ("REMOVE", op::REMOVE),
    ("MOVE", op::MOVE),
    ("UPDATE_CHILDREN", op::UPDATE_CHILDREN),
];

/// Appends ops as JSON text.
pub struct OpWriter {
    out: String,
    count: u32,
}

impl Default for OpWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl OpWriter {
    /// An empty op list.
    pub fn new() -> OpWriter {
        let mut out = String::with_capacity(256);
        out.push('[');
        OpWriter { out, count: 0 }
    }

    /// Number of ops written.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The finished JSON array.
    pub fn finish(mut self) -> (String, u32) {
        self.out.push(']');
        (self.out, self.count)
    }

    fn begin(&mut self, code: u32, path: &[u32]) {
        if self.count > 0 {
            self.out.push(',');
        }
        self.count += 1;
        self.out.push('[');
        push_u32(&mut self.out, code);
        self.out.push(',');
        push_path(&mut self.out, path);
    }

    /// `[SET_TEXT, path, text]`
    pub fn set_text(&mut self, path: &[u32], text: &[u8]) {
        self.begin(op::SET_TEXT, path);
        self.out.push(',');
        push_str(&mut self.out, text);
        self.out.push(']');
    }

    /// `[SET_ATTR, path, name, value]`
    pub fn set_attr(&mut self, path: &[u32], name: &[u8], value: &[u8]) {
        self.begin(op::SET_ATTR, path);
        self.out.push(',');
        push_str(&mut self.out, name);
        self.out.push(',');
        push_str(&mut self.out, value);
        self.out.push(']');
    }

    /// `[REMOVE_ATTR, path, name]`
    pub fn remove_attr(&mut self, path: &[u32], name: &[u8]) {
        self.begin(op::REMOVE_ATTR, path);
        self.out.push(',');
        push_str(&mut self.out, name);
        self.out.push(']');
    }

    /// `[REPLACE, path, node]`
    pub fn replace(&mut self, path: &[u32], t: &TreeRef<'_>, at: At) {
        self.begin(op::REPLACE, path);
        self.out.push(',');
        push_node(&mut self.out, t, at);
        self.out.push(']');
    }

    /// `[INSERT, parentPath, index, node]`
    pub fn insert(&mut self, parent: &[u32], index: u32, t: &TreeRef<'_>, at: At) {
        self.begin(op::INSERT, parent);
        self.out.push(',');
        push_u32(&mut self.out, index);
        self.out.push(',');
        push_node(&mut self.out, t, at);
        self.out.push(']');
    }

    /// `[REMOVE, path]`
    pub fn remove(&mut self, path: &[u32]) {
        self.begin(op::REMOVE, path);
        self.out.push(']');
    }

    /// `[MOVE, parentPath, from, to]`
    pub fn move_child(&mut self, parent: &[u32], from: u32, to: u32) {
        self.begin(op::MOVE, parent);
        self.out.push(',');
        push_u32(&mut self.out, from);
        self.out.push(',');
        push_u32(&mut self.out, to);
        self.out.push(']');
    }

    /// `[UPDATE_CHILDREN, path, mode, [node...]]`
    pub fn update_children(&mut self, path: &[u32], mode: u8, t: &TreeRef<'_>, nodes: &[At]) {
        self.begin(op::UPDATE_CHILDREN, path);
        self.out.push(',');
        push_u32(&mut self.out, mode as u32);
        self.out.push_str(",[");
        for (i, at) in nodes.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_node(&mut self.out, t, *at);
        }
        self.out.push_str("]]");
    }
}

fn push_u32(out: &mut String, v: u32) {
    // Small and common: avoid the formatting machinery.
    if v < 10 {
        out.push((b'0' + v as u8) as char);
    } else {
        let mut buf = [0u8; 10];
        let mut i = buf.len();
        let mut v = v;
        while v > 0 {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        for &b in &buf[i..] {
            out.push(b as char);
        }
    }
}

fn push_path(out: &mut String, path: &[u32]) {
    out.push('[');
    for (i, &p) in path.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_u32(out, p);
    }
    out.push(']');
}

/// Bytes that must be escaped inside a JSON string.
const fn escape_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
}
static NEEDS_ESCAPE: [bool; 256] = escape_table();

/// Writes `s` (UTF-8, validated upstream) as a JSON string literal.
pub fn push_str(out: &mut String, s: &[u8]) {
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        if !NEEDS_ESCAPE[b as usize] {
            continue;
        }
        push_utf8(out, &s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
        start = i + 1;
    }
    push_utf8(out, &s[start..]);
    out.push('"');
}

fn push_utf8(out: &mut String, s: &[u8]) {
    // Every tree's text was validated as UTF-8 (parsed from a &str, or checked in
    // TreeRef::new); the lossy fallback only guards against a future caller breaking that.
    match std::str::from_utf8(s) {
        Ok(v) => out.push_str(v),
        Err(_) => out.push_str(&String::from_utf8_lossy(s)),
    }
}

/// Writes the node at `at` (and its subtree) in the structural node format.
pub fn push_node(out: &mut String, t: &TreeRef<'_>, at: At) {
    let rec = t.rec(at);
    match rec.kind {
        Kind::Text => push_str(out, t.payload(at, &rec)),
        Kind::Comment => {
            out.push_str("[\"!\",");
            push_str(out, t.payload(at, &rec));
            out.push(']');
        }
        Kind::Element | Kind::Root => {
            let el = t.element(at, &rec);
            out.push('[');
            push_str(out, el.name);
            let has_children = rec.desc > 0;
            if el.attr_count > 0 || has_children || rec.ns != 0 {
                out.push_str(",[");
                for (i, (_, n, v)) in el.attrs().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_str(out, n);
                    out.push(',');
                    push_str(out, v);
                }
                out.push(']');
            }
            if has_children || rec.ns != 0 {
                out.push_str(",[");
                for (i, c) in t.children(at).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    // Depth is bounded by MAX_DEPTH (checked when the tree was built or validated).
                    push_node(out, t, c);
                }
                out.push(']');
            }
            if rec.ns != 0 {
                out.push(',');
                push_u32(out, rec.ns as u32);
            }
            out.push(']');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_exactly_what_json_requires() {
        let mut s = String::new();
        push_str(&mut s, "a\"b\\c\n\u{1}é€</script>".as_bytes());
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001é€</script>\"");
    }

    #[test]
    fn numbers_and_paths() {
        let mut w = OpWriter::new();
        w.remove(&[0, 10, 4_294_967_295]);
        w.move_child(&[], 12, 3);
        assert_eq!(w.finish(), ("[[5,[0,10,4294967295]],[6,[],12,3]]".to_string(), 2));
    }
}

#[cfg(test)]
mod drift {
    use super::OPCODES;

    /// The TypeScript definition is the source of truth; this fails if Rust disagrees with it.
    #[test]
    fn opcodes_match_the_typescript_protocol() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/protocol/ops.ts");
        let ts = std::fs::read_to_string(path).expect("src/protocol/ops.ts must exist");
        let body = ts.split("export const Op = {").nth(1).and_then(|s| s.split("} as const").next()).expect("Op block");
        let mut found: Vec<(String, u32)> = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && l.contains(':'))
            .map(|l| {
                let (name, num) = l.split_once(':').unwrap();
                (name.trim().to_string(), num.trim().trim_end_matches(',').parse().unwrap())
            })
            .collect();
        found.sort_by_key(|(_, n)| *n);
        let rust: Vec<(String, u32)> = OPCODES.iter().map(|(n, c)| (n.to_string(), *c)).collect();
        assert_eq!(found, rust);
    }
}
