//! The html5lib tree-construction test format (`#document` section): one node a line,
//! `| ` then two spaces per depth, attributes sorted by name under their element, `svg ` and
//! `math ` prefixes on foreign elements, `xlink href` for namespaced attributes and `content`
//! above a template's contents. Used by the conformance suite and for readable test failures.

use crate::dom::{AttrNs, Dom, NodeId, NodeKind, Ns, NONE};

enum Work {
    /// A node at a depth.
    Node(NodeId, usize),
    /// The "content" line of a template, then its contents' children.
    Content(NodeId, usize),
}

/// Dumps the children of `root` (the document, or the root returned by fragment parsing) in
/// the html5lib format, one line per node, each line ending with `\n`.
pub fn dump_html5lib(dom: &Dom, root: NodeId) -> String {
    let mut out = String::new();
    let mut work: Vec<Work> = Vec::new();
    push_children(dom, root, 0, &mut work);
    while let Some(w) = work.pop() {
        match w {
            Work::Content(contents, depth) => {
                line(&mut out, depth, "content");
                push_children(dom, contents, depth + 1, &mut work);
            }
            Work::Node(id, depth) => match &dom.nodes[id as usize].kind {
                NodeKind::Doctype { name, public_id, system_id } => {
                    let (n, p, s) = (text(dom.span(*name)), text(dom.span(*public_id)), text(dom.span(*system_id)));
                    if p.is_empty() && s.is_empty() {
                        line(&mut out, depth, &format!("<!DOCTYPE {n}>"));
                    } else {
                        line(&mut out, depth, &format!("<!DOCTYPE {n} \"{p}\" \"{s}\">"));
                    }
                }
                NodeKind::Comment(s) => line(&mut out, depth, &format!("<!-- {} -->", text(dom.span(*s)))),
                NodeKind::Text(_) => line(&mut out, depth, &format!("\"{}\"", text(dom.text_of(id)))),
                NodeKind::Element(e) => {
                    let prefix = match e.ns {
                        Ns::Html => "",
                        Ns::Svg => "svg ",
                        Ns::MathMl => "math ",
                    };
                    line(&mut out, depth, &format!("<{prefix}{}>", text(dom.span(e.name))));
                    let mut attrs: Vec<(String, String)> = dom
                        .attrs_of(id)
                        .iter()
                        .map(|a| (attr_name(a.ns, &text(dom.span(a.name))), text(dom.span(a.value))))
                        .collect();
                    attrs.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
                    for (n, v) in attrs {
                        line(&mut out, depth + 1, &format!("{n}=\"{v}\""));
                    }
                    if e.template_contents != NONE {
                        work.push(Work::Content(e.template_contents, depth + 1));
                    }
                    push_children(dom, id, depth + 1, &mut work);
                }
                NodeKind::Document | NodeKind::Fragment => push_children(dom, id, depth, &mut work),
            },
        }
    }
    out
}

/// Queues the children of `id` so they pop in document order.
fn push_children(dom: &Dom, id: NodeId, depth: usize, work: &mut Vec<Work>) {
    let start = work.len();
    work.extend(dom.children(id).map(|c| Work::Node(c, depth)));
    work[start..].reverse();
}

fn line(out: &mut String, depth: usize, s: &str) {
    out.push_str("| ");
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(s);
    out.push('\n');
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The html5lib "attribute name string": namespaced attributes show a prefix and the local
/// name (`xlink href`), others their name as is (`xlink:href` in no namespace stays so).
fn attr_name(ns: AttrNs, qualified: &str) -> String {
    let local = qualified.rsplit(':').next().unwrap_or(qualified);
    match ns {
        AttrNs::None => qualified.to_string(),
        AttrNs::XLink => format!("xlink {local}"),
        AttrNs::Xml => format!("xml {local}"),
        AttrNs::Xmlns => format!("xmlns {local}"),
    }
}

/// Order by UTF-16 code units, as the format requires (differs from byte order only for
/// characters beyond U+FFFF against U+E000..U+FFFF).
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atoms::Tag;

    #[test]
    fn dumps_nested_elements_sorted_attributes_and_foreign_prefixes() {
        let mut dom = Dom::new(0);
        let html = dom.create_element(Ns::Html, Tag::Html, b"html", []);
        dom.append(Dom::DOCUMENT, html);
        let svg = dom.create_element(
            Ns::Svg,
            Tag::Svg,
            b"svg",
            [(AttrNs::XLink, &b"xlink:href"[..], &b"#a"[..]), (AttrNs::None, &b"a"[..], &b"1"[..])],
        );
        dom.append(html, svg);
        dom.append_text(html, b"hi");
        let t = dom.create_element(Ns::Html, Tag::Template, b"template", []);
        dom.append(html, t);
        let contents = dom.element(t).unwrap().template_contents;
        let c = dom.create_comment(b"x");
        dom.append(contents, c);
        let got = dump_html5lib(&dom, Dom::DOCUMENT);
        let want = "| <html>\n|   <svg svg>\n|     a=\"1\"\n|     xlink href=\"#a\"\n|   \"hi\"\n|   <template>\n|     content\n|       <!-- x -->\n";
        assert_eq!(got, want);
    }
}
