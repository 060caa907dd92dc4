//! HTML serialization of a flat tree (the WHATWG "serializing HTML fragments" algorithm), and a
//! JSON dump in the ops' node format. Serializing and re-parsing yields the same tree for
//! everything the parser itself produced, which the tests check.

use crate::ops::push_node;
use crate::tree::{Kind, TreeRef};

const VOID: &[&[u8]] = &[
    b"area", b"base", b"basefont", b"bgsound", b"br", b"col", b"embed", b"frame", b"hr", b"img", b"input", b"keygen",
    b"link", b"meta", b"param", b"source", b"track", b"wbr",
];
const RAW_TEXT: &[&[u8]] = &[b"style", b"script", b"xmp", b"iframe", b"noembed", b"noframes", b"plaintext", b"noscript"];

/// Serializes the children of the container as HTML.
pub fn to_html(t: &TreeRef<'_>) -> String {
    let mut out = String::with_capacity(t.len() * 16);
    // Explicit stack of child iterators; the closing tag of an element is written when its
    // iterator is exhausted.
    let mut stack: Vec<(crate::tree::ChildIter<'_>, Option<(Vec<u8>, bool)>)> = vec![(t.children(t.root()), None)];
    while let Some((it, _)) = stack.last_mut() {
        let Some(at) = it.next() else {
            if let Some((_, Some((name, _)))) = stack.pop() {
                out.push_str("</");
                out.push_str(&String::from_utf8_lossy(&name));
                out.push('>');
            }
            continue;
        };
        let raw_parent = stack.last().and_then(|(_, p)| p.as_ref()).is_some_and(|p| p.1);
        let rec = t.rec(at);
        match rec.kind {
            Kind::Text => {
                let s = String::from_utf8_lossy(t.payload(at, &rec));
                if raw_parent {
                    out.push_str(&s);
                } else {
                    escape(&mut out, &s, false);
                }
            }
            Kind::Comment => {
                out.push_str("<!--");
                out.push_str(&String::from_utf8_lossy(t.payload(at, &rec)));
                out.push_str("-->");
            }
            Kind::Element | Kind::Root => {
                let el = t.element(at, &rec);
                let name = String::from_utf8_lossy(el.name);
                out.push('<');
                out.push_str(&name);
                for (_, n, v) in el.attrs() {
                    out.push(' ');
                    out.push_str(&String::from_utf8_lossy(n));
                    out.push_str("=\"");
                    escape(&mut out, &String::from_utf8_lossy(v), true);
                    out.push('"');
                }
                out.push('>');
                let html = rec.ns == 0;
                if html && VOID.contains(&el.name) {
                    continue;
                }
                if html && (el.name == b"pre" || el.name == b"textarea" || el.name == b"listing") {
                    // A leading newline in these is dropped by the parser: double it.
                    if let Some(first) = t.children(at).next() {
                        let fr = t.rec(first);
                        if fr.kind == Kind::Text && t.payload(first, &fr).first() == Some(&b'\n') {
                            out.push('\n');
                        }
                    }
                }
                let raw = html && RAW_TEXT.contains(&el.name);
                stack.push((t.children(at), Some((el.name.to_vec(), raw))));
            }
        }
    }
    out
}

fn escape(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attr => out.push_str("&quot;"),
            '<' if !attr => out.push_str("&lt;"),
            '>' if !attr => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// The container's children in the ops' node format: `[node, ...]`.
pub fn to_json(t: &TreeRef<'_>) -> String {
    let mut out = String::with_capacity(t.len() * 16);
    out.push('[');
    for (i, c) in t.children(t.root()).enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_node(&mut out, t, c);
    }
    out.push(']');
    out
}

/// An html5lib-style dump of a flat tree (one node a line, attributes sorted), for tests and for
/// people chasing a bug. Elements show their `lv-update` mode when it is not the default.
pub fn dump(t: &TreeRef<'_>) -> String {
    let mut out = String::new();
    let mut stack: Vec<(crate::tree::ChildIter<'_>, usize)> = vec![(t.children(t.root()), 0)];
    while let Some((it, depth)) = stack.last_mut() {
        let depth = *depth;
        let Some(at) = it.next() else {
            stack.pop();
            continue;
        };
        let rec = t.rec(at);
        let pad = "  ".repeat(depth);
        match rec.kind {
            Kind::Text => {
                out.push_str(&format!("| {pad}\"{}\"\n", String::from_utf8_lossy(t.payload(at, &rec))));
            }
            Kind::Comment => {
                out.push_str(&format!("| {pad}<!-- {} -->\n", String::from_utf8_lossy(t.payload(at, &rec))));
            }
            Kind::Element | Kind::Root => {
                let el = t.element(at, &rec);
                let prefix = match rec.ns {
                    1 => "svg ",
                    2 => "math ",
                    _ => "",
                };
                out.push_str(&format!("| {pad}<{prefix}{}>\n", String::from_utf8_lossy(el.name)));
                let mut attrs: Vec<(String, String)> = el
                    .attrs()
                    .map(|(ns, n, v)| {
                        let n = String::from_utf8_lossy(n).into_owned();
                        let shown = match ns {
                            1 | 2 | 3 => match n.split_once(':') {
                                Some((p, l)) => format!("{p} {l}"),
                                None => format!("xmlns {n}"),
                            },
                            _ => n,
                        };
                        (shown, String::from_utf8_lossy(v).into_owned())
                    })
                    .collect();
                attrs.sort();
                for (n, v) in attrs {
                    out.push_str(&format!("| {pad}  {n}=\"{v}\"\n"));
                }
                stack.push((t.children(at), depth + 1));
            }
        }
    }
    out
}
