//! Unit tests driving the tree builder with a tiny scripted tokenizer (independent of the real
//! one): enough HTML syntax for tags, attributes, comments, DOCTYPEs and raw text, so the tests
//! below read as HTML. The html5lib suite (`tests/html5lib.rs`) covers the full grammar.

use super::*;
use crate::dump::dump_html5lib;
use crate::token::{Doctype, TagToken, TokenAttr};

/// A token owned by the script.
enum Owned {
    Start(TagToken),
    End(TagToken),
    Text(Vec<u8>),
    Null,
    Comment(Vec<u8>),
    Doctype(Doctype),
}

/// Tokenizes simple HTML on demand, honouring the builder's state switches.
struct Mini {
    input: Vec<u8>,
    pos: usize,
    state: TextState,
    last_start: Vec<u8>,
    current: Option<Owned>,
    /// Characters tokens are split into runs of at most this many bytes (at char boundaries),
    /// to exercise the builder's handling of arbitrarily split text.
    split: usize,
}

fn tag_token(name: &[u8], attrs: &[(&[u8], &[u8])], self_closing: bool) -> TagToken {
    let mut t = TagToken { tag: atoms::lookup(name), self_closing, name: name.to_vec(), ..TagToken::default() };
    for (n, v) in attrs {
        if t.attr_iter().any(|(x, _)| x == *n) {
            continue;
        }
        let ns = t.attr_bytes.len() as u32;
        t.attr_bytes.extend_from_slice(n);
        let vs = t.attr_bytes.len() as u32;
        t.attr_bytes.extend_from_slice(v);
        t.attrs.push(TokenAttr { name_start: ns, name_end: vs, value_start: vs, value_end: t.attr_bytes.len() as u32 });
    }
    t
}

impl Mini {
    fn new(input: &str, split: usize) -> Mini {
        Mini {
            input: input.as_bytes().to_vec(),
            pos: 0,
            state: TextState::Data,
            last_start: Vec::new(),
            current: None,
            split: split.max(1),
        }
    }

    fn text_run(&mut self, end: usize) -> Owned {
        let mut stop = end.min(self.pos.saturating_add(self.split));
        while stop < end && (self.input[stop] & 0xC0) == 0x80 {
            stop += 1;
        }
        let run = self.input[self.pos..stop].to_vec();
        self.pos = stop;
        Owned::Text(run)
    }

    fn lex(&mut self) -> Option<Owned> {
        let inp = &self.input;
        if self.pos >= inp.len() {
            return None;
        }
        if self.state != TextState::Data {
            // No start tag emitted yet (fragment case): no end tag is appropriate.
            let end = if self.state == TextState::Plaintext || self.last_start.is_empty() {
                inp.len()
            } else {
                let mut close = b"</".to_vec();
                close.extend_from_slice(&self.last_start);
                let mut i = self.pos;
                loop {
                    if i >= inp.len() {
                        break inp.len();
                    }
                    if inp[i..].len() >= close.len() && inp[i..i + close.len()].eq_ignore_ascii_case(&close) {
                        break i;
                    }
                    i += 1;
                }
            };
            if end > self.pos {
                return Some(self.text_run(end));
            }
            self.state = TextState::Data;
        }
        let inp = &self.input;
        if inp[self.pos] == 0 {
            self.pos += 1;
            return Some(Owned::Null);
        }
        if inp[self.pos] != b'<' {
            let end = inp[self.pos..].iter().position(|&b| b == b'<' || b == 0).map_or(inp.len(), |i| self.pos + i);
            return Some(self.text_run(end));
        }
        let rest = &inp[self.pos..];
        if rest.starts_with(b"<!--") {
            let end = rest[4..].windows(3).position(|w| w == b"-->").map_or(rest.len(), |i| i + 4);
            let data = rest[4..end].to_vec();
            self.pos += (end + 3).min(rest.len());
            return Some(Owned::Comment(data));
        }
        if rest.len() > 2 && rest[..2].eq_ignore_ascii_case(b"<!") {
            let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
            let body = String::from_utf8_lossy(&rest[2..end]).to_string();
            self.pos += (end + 1).min(rest.len());
            let mut words = body.split_whitespace().skip(1);
            let name = words.next().map(|n| n.to_ascii_lowercase().into_bytes());
            return Some(Owned::Doctype(Doctype { name, ..Doctype::default() }));
        }
        let end_tag = rest.starts_with(b"</");
        let start = if end_tag { 2 } else { 1 };
        if rest.len() <= start || !rest[start].is_ascii_alphabetic() {
            self.pos += 1;
            return Some(Owned::Text(b"<".to_vec()));
        }
        let close = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let inner = &rest[start..close];
        let self_closing = inner.ends_with(b"/");
        let inner = if self_closing { &inner[..inner.len() - 1] } else { inner };
        let name_len = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        let mut attrs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        let mut i = name_len;
        while i < inner.len() {
            while i < inner.len() && inner[i].is_ascii_whitespace() {
                i += 1;
            }
            let ns = i;
            while i < inner.len() && !inner[i].is_ascii_whitespace() && inner[i] != b'=' {
                i += 1;
            }
            if ns == i {
                break;
            }
            let n = inner[ns..i].to_ascii_lowercase();
            let mut v = Vec::new();
            if i < inner.len() && inner[i] == b'=' {
                i += 1;
                if i < inner.len() && (inner[i] == b'"' || inner[i] == b'\'') {
                    let q = inner[i];
                    let vs = i + 1;
                    i = vs;
                    while i < inner.len() && inner[i] != q {
                        i += 1;
                    }
                    v = inner[vs..i.min(inner.len())].to_vec();
                    i += 1;
                } else {
                    let vs = i;
                    while i < inner.len() && !inner[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    v = inner[vs..i].to_vec();
                }
            }
            attrs.push((n, v));
        }
        self.pos += (close + 1).min(rest.len());
        let pairs: Vec<(&[u8], &[u8])> = attrs.iter().map(|(n, v)| (n.as_slice(), v.as_slice())).collect();
        let t = tag_token(&name, &pairs, self_closing);
        if end_tag {
            Some(Owned::End(t))
        } else {
            self.last_start = name;
            Some(Owned::Start(t))
        }
    }
}

impl TokenSource for Mini {
    fn next_token(&mut self) -> Token<'_> {
        self.current = self.lex();
        match &self.current {
            None => Token::Eof,
            Some(Owned::Start(t)) => Token::StartTag(t),
            Some(Owned::End(t)) => Token::EndTag(t),
            Some(Owned::Text(t)) => Token::Characters(t),
            Some(Owned::Null) => Token::NullCharacter,
            Some(Owned::Comment(c)) => Token::Comment(c),
            Some(Owned::Doctype(d)) => Token::Doctype(d),
        }
    }
    fn set_state(&mut self, state: TextState) {
        self.state = state;
    }
    fn set_cdata_allowed(&mut self, _allowed: bool) {}
}

fn doc_with(input: &str, opts: &ParseOptions, split: usize) -> Result<String, Error> {
    let mut src = Mini::new(input, split);
    let b = TreeBuilder::new(input.len(), opts.scripting, opts.max_depth);
    let b = run(b, &mut src)?;
    Ok(dump_html5lib(&b.dom, Dom::DOCUMENT))
}

fn doc(input: &str) -> String {
    let out = doc_with(input, &ParseOptions::default(), usize::MAX).expect("parses");
    // The same input split into one-byte runs must give the same tree.
    assert_eq!(doc_with(input, &ParseOptions::default(), 1).expect("parses"), out, "split runs differ");
    out
}

fn frag_with(input: &str, ctx: &str, opts: &ParseOptions) -> Result<String, Error> {
    let (ns, name) = match ctx.split_once(' ') {
        Some(("svg", n)) => (Ns::Svg, n),
        Some(("math", n)) => (Ns::MathMl, n),
        _ => (Ns::Html, ctx),
    };
    let mut src = Mini::new(input, usize::MAX);
    let context = FragmentContext { ns, name: name.as_bytes().to_vec() };
    let (b, root) = fragment_builder(input.len(), &context, opts, &mut src)?;
    let b = run(b, &mut src)?;
    Ok(dump_html5lib(&b.dom, root))
}

fn frag(input: &str, ctx: &str) -> String {
    frag_with(input, ctx, &ParseOptions::default()).expect("parses")
}

/// Builds the expected dump from lines written without the `| ` prefix.
fn lines(s: &str) -> String {
    s.lines().map(|l| format!("| {l}\n")).collect()
}

#[test]
fn implied_document_structure() {
    assert_eq!(
        doc("<p>One<p>Two"),
        lines("<html>\n  <head>\n  <body>\n    <p>\n      \"One\"\n    <p>\n      \"Two\"")
    );
}

#[test]
fn doctype_and_comments() {
    assert_eq!(
        doc("<!DOCTYPE html><!--a--><html><!--b--></html><!--c-->"),
        lines("<!DOCTYPE html>\n<!-- a -->\n<html>\n  <!-- b -->\n  <head>\n  <body>\n<!-- c -->")
    );
}

#[test]
fn adoption_agency_reparents_misnested_formatting() {
    assert_eq!(
        doc("<a><p>X</a>Y"),
        lines("<html>\n  <head>\n  <body>\n    <a>\n    <p>\n      <a>\n        \"X\"\n      \"Y\"")
    );
    assert_eq!(
        doc("<b>1<p>2</b>3</p>"),
        lines("<html>\n  <head>\n  <body>\n    <b>\n      \"1\"\n    <p>\n      <b>\n        \"2\"\n      \"3\"")
    );
}

#[test]
fn noahs_ark_keeps_three_identical_formatting_elements() {
    let out = doc("<p><b><b><b><b>x</p>y");
    assert_eq!(out.matches("<b>").count(), 4 + 3, "{out}");
}

#[test]
fn foster_parenting_text_and_elements() {
    assert_eq!(
        doc("<table>a<tr><td>b</td>c</tr></table>"),
        lines(
            "<html>\n  <head>\n  <body>\n    \"ac\"\n    <table>\n      <tbody>\n        <tr>\n          <td>\n            \"b\""
        )
    );
    assert_eq!(
        doc("<table><div>x</div></table>"),
        lines("<html>\n  <head>\n  <body>\n    <div>\n      \"x\"\n    <table>")
    );
}

#[test]
fn quirks_mode_keeps_p_open_for_table() {
    assert_eq!(doc("<p><table>"), lines("<html>\n  <head>\n  <body>\n    <p>\n      <table>"));
    assert_eq!(
        doc("<!DOCTYPE html><p><table>"),
        lines("<!DOCTYPE html>\n<html>\n  <head>\n  <body>\n    <p>\n    <table>")
    );
}

#[test]
fn foreign_content_names_and_breakout() {
    assert_eq!(
        doc("<svg viewbox='0 0 1 1'><foreignobject><p>x</p></foreignobject><clippath/></svg>"),
        lines(
            "<html>\n  <head>\n  <body>\n    <svg svg>\n      viewBox=\"0 0 1 1\"\n      <svg foreignObject>\n        <p>\n          \"x\"\n      <svg clipPath>"
        )
    );
    assert_eq!(
        doc("<math><mi><b>x</b></mi><p>y"),
        lines(
            "<html>\n  <head>\n  <body>\n    <math math>\n      <math mi>\n        <b>\n          \"x\"\n    <p>\n      \"y\""
        )
    );
}

#[test]
fn templates_have_contents() {
    assert_eq!(
        doc("<template><tr><td>x</template>"),
        lines(
            "<html>\n  <head>\n    <template>\n      content\n        <tr>\n          <td>\n            \"x\"\n  <body>"
        )
    );
}

#[test]
fn noscript_follows_the_scripting_flag() {
    let on = doc_with("<body><noscript><p>x</noscript>", &ParseOptions::default(), usize::MAX).unwrap();
    assert!(on.contains("\"<p>x\""), "{on}");
    let off_opts = ParseOptions { scripting: false, ..ParseOptions::default() };
    let off = doc_with("<body><noscript><p>x</noscript>", &off_opts, usize::MAX).unwrap();
    assert!(off.contains("<p>"), "{off}");
}

#[test]
fn fragments_follow_their_context() {
    assert_eq!(frag("<td>x", "tr"), lines("<td>\n  \"x\""));
    assert_eq!(frag("<td>x", "div"), lines("\"x\""));
    assert_eq!(frag("<b>a</b><tr>", "table"), lines("<b>\n  \"a\"\n<tbody>\n  <tr>"));
    assert_eq!(frag("</p>x", "svg path"), lines("<p>\n\"x\""));
    assert_eq!(frag("a<b>c", "textarea"), lines("\"a<b>c\""));
}

#[test]
fn select_clones_the_selected_option_into_selectedcontent() {
    assert_eq!(
        doc("<select><button><selectedcontent></button><option>X<option selected>Y"),
        lines(
            "<html>\n  <head>\n  <body>\n    <select>\n      <button>\n        <selectedcontent>\n          \"Y\"\n      <option>\n        \"X\"\n      <option>\n        selected=\"\"\n        \"Y\""
        )
    );
}

#[test]
fn nul_characters() {
    assert_eq!(doc("a\0b"), lines("<html>\n  <head>\n  <body>\n    \"ab\""));
    assert_eq!(doc("<svg>\0</svg>"), lines("<html>\n  <head>\n  <body>\n    <svg svg>\n      \"\u{FFFD}\""));
}

// ----- hostile input ---------------------------------------------------------------------------

#[test]
fn deep_nesting_fails_fast_with_too_deep() {
    let input = "<div>".repeat(100_000);
    let r = doc_with(&input, &ParseOptions::default(), usize::MAX);
    assert!(matches!(r, Err(Error::TooDeep { .. })), "{r:?}");
    let r = frag_with(&input, "div", &ParseOptions::default());
    assert!(matches!(r, Err(Error::TooDeep { .. })), "{r:?}");
}

#[test]
fn many_unclosed_formatting_elements_hit_the_limit_not_a_slow_path() {
    let input: String = (0..100_000).map(|i| format!("<b id={i}>")).collect();
    let r = frag_with(&input, "div", &ParseOptions::default());
    assert!(matches!(r, Err(Error::TooDeep { .. })), "{r:?}");
}

#[test]
fn depth_limit_is_the_option() {
    let opts = ParseOptions { max_depth: 10, ..ParseOptions::default() };
    assert!(frag_with(&"<div>".repeat(8), "div", &opts).is_ok());
    assert!(matches!(frag_with(&"<div>".repeat(10), "div", &opts), Err(Error::TooDeep { .. })));
}

/// Parses with the real tokenizer, returning the builder for inspection.
fn real_fragment(input: &str, ctx: &str) -> Result<TreeBuilder, Error> {
    let mut tok = crate::tokenizer::Tokenizer::new(input);
    let context = FragmentContext { ns: Ns::Html, name: ctx.as_bytes().to_vec() };
    let (b, _root) = fragment_builder(input.len(), &context, &ParseOptions::default(), &mut tok)?;
    run(b, &mut tok)
}

#[test]
fn foster_parenting_alternation_stays_linear() {
    // Text, cells and stray inline elements alternating inside a table: every text run is
    // foster parented before the table (merging into one text node), every <i> too.
    let unit = "ab<tr><td>c</td></tr>d<i>e</i>";
    let mut input = String::from("<table>");
    while input.len() < 1 << 20 {
        input.push_str(unit);
    }
    let b = real_fragment(&input, "div").expect("parses");
    let n = input.len() as u64;
    // Work: foster-parenting scans and inserted text bytes stay proportional to the input.
    assert!(b.ops.get() < 4 * n, "{} ops for {} bytes", b.ops.get(), n);
    // Memory: nodes, buffer bytes and out-of-line text stay proportional too.
    let owned: usize = b
        .dom
        .nodes
        .iter()
        .map(|x| match &x.kind {
            crate::dom::NodeKind::Text(crate::dom::TextData::Owned(v)) => v.capacity(),
            _ => 0,
        })
        .sum();
    assert!(b.dom.nodes.len() < input.len() / 4, "{} nodes", b.dom.nodes.len());
    assert!(b.dom.bytes.len() + owned < input.len() * 3, "{} + {} bytes", b.dom.bytes.len(), owned);
    // And the tree is the expected one: before the table, per repetition, the merged text
    // "abd" then the <i>.
    let reps = (input.len() - "<table>".len()) / unit.len();
    let html = b.dom.children(Dom::DOCUMENT).next().expect("root");
    let kids: Vec<NodeId> = b.dom.children(html).collect();
    assert_eq!(kids.len(), 2 * reps + 1);
    assert_eq!(b.dom.text_of(kids[0]), b"abd");
}

#[test]
fn real_tokenizer_hostile_shapes_hit_limits_fast() {
    let deep = "<div>".repeat(100_000);
    assert!(matches!(real_fragment(&deep, "div"), Err(Error::TooDeep { .. })));
    let bold: String = (0..100_000).map(|i| format!("<b id={i}>")).collect();
    assert!(matches!(real_fragment(&bold, "div"), Err(Error::TooDeep { .. })));
    // Unclosed formatting elements reopened after every block: the reconstruction work per
    // paragraph is bounded by the list, which Noah's Ark keeps at 3 per identical element.
    let para = "<p><b><i><u>x</p>".repeat(20_000);
    let b = real_fragment(&para, "div").expect("parses");
    assert!(b.ops.get() < 8 * para.len() as u64, "{} ops", b.ops.get());
}

#[test]
fn random_bytes_never_panic() {
    const SNIPPETS: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "=",
        "\"",
        "'",
        "&",
        "&amp;",
        "<!--",
        "-->",
        "<!DOCTYPE html>",
        "<![CDATA[",
        "]]>",
        "<table>",
        "<td>",
        "<tr>",
        "<svg>",
        "<math>",
        "<mi>",
        "<select>",
        "<option>",
        "<template>",
        "</template>",
        "<b>",
        "</b>",
        "<a>",
        "</a>",
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<textarea>",
        "<plaintext>",
        "<foreignObject>",
        "<annotation-xml encoding=text/html>",
        "<frameset>",
        "<body>",
        "<html>",
        "\0",
        " ",
        "\n",
        "x",
        "é",
        "<selectedcontent>",
        "<button>",
        "<noscript>",
        "<style>",
        "<title>",
        "<caption>",
    ];
    for seed in 1..300u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let len = (rng.next() % 400) as usize;
        // Half the inputs are raw random bytes, half a soup of markup fragments and bytes.
        let mut bytes = Vec::with_capacity(len * 4);
        for _ in 0..len {
            if seed % 2 == 0 || rng.next().is_multiple_of(3) {
                bytes.push(rng.next() as u8);
            } else {
                bytes.extend_from_slice(SNIPPETS[(rng.next() % SNIPPETS.len() as u64) as usize].as_bytes());
            }
        }
        let input = String::from_utf8_lossy(&bytes).into_owned();
        for scripting in [true, false] {
            let opts = ParseOptions { scripting, ..ParseOptions::default() };
            let _ = parse_document(&input, &opts);
            for (ns, ctx) in [
                (Ns::Html, "div"),
                (Ns::Html, "table"),
                (Ns::Html, "select"),
                (Ns::Html, "template"),
                (Ns::Html, "title"),
                (Ns::Svg, "foreignObject"),
                (Ns::MathMl, "mi"),
            ] {
                let context = FragmentContext { ns, name: ctx.as_bytes().to_vec() };
                let _ = parse_fragment(&input, &context, &opts);
            }
        }
    }
}

/// xorshift64*: a tiny deterministic generator for the fuzz tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[test]
fn random_tag_soup_never_panics() {
    const NAMES: &[&str] = &[
        "div",
        "p",
        "b",
        "i",
        "a",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "caption",
        "col",
        "colgroup",
        "select",
        "option",
        "optgroup",
        "template",
        "svg",
        "math",
        "mi",
        "foreignobject",
        "desc",
        "annotation-xml",
        "li",
        "ul",
        "dd",
        "form",
        "button",
        "nobr",
        "object",
        "frameset",
        "frame",
        "body",
        "html",
        "head",
        "title",
        "textarea",
        "script",
        "style",
        "plaintext",
        "hr",
        "input",
        "selectedcontent",
        "font",
        "h1",
        "x-y",
        "noscript",
        "ruby",
        "rt",
        "rtc",
        "pre",
        "image",
        "br",
        "mtext",
        "marquee",
        "applet",
    ];
    for seed in 1..400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut s = String::new();
        for _ in 0..(rng.next() % 200) {
            let name = NAMES[(rng.next() % NAMES.len() as u64) as usize];
            match rng.next() % 6 {
                0 => s.push_str(&format!("</{name}>")),
                1 => s.push_str(" x "),
                2 => s.push('\0'),
                3 => s.push_str(&format!("<{name} color=1 encoding=text/html/>")),
                _ => s.push_str(&format!("<{name}>")),
            }
        }
        for ctx in ["div", "table", "tr", "select", "template", "svg path", "math mi", "html", "frameset"] {
            let _ = frag_with(&s, ctx, &ParseOptions::default());
        }
        let _ = doc_with(&s, &ParseOptions::default(), 3);
        let _ = doc_with(&s, &ParseOptions { scripting: false, max_depth: 40 }, usize::MAX);
    }
}

// ----- where the builder follows browsers (Chromium) over the spec text -----------------------

/// Parses with the real tokenizer and dumps (`ctx` as in the html5lib format, `#document` for a
/// document with scripting on).
fn real(ctx: &str, input: &str) -> String {
    if ctx == "#document" {
        let dom = parse_document(input, &ParseOptions::default()).expect("parses");
        return dump_html5lib(&dom, Dom::DOCUMENT);
    }
    let (ns, name) = match ctx.split_once(' ') {
        Some(("svg", n)) => (Ns::Svg, n),
        Some(("math", n)) => (Ns::MathMl, n),
        _ => (Ns::Html, ctx),
    };
    let context = FragmentContext { ns, name: name.as_bytes().to_vec() };
    let (dom, root) = parse_fragment(input, &context, &ParseOptions::default()).expect("parses");
    dump_html5lib(&dom, root)
}

#[test]
fn select_bounds_scopes_and_stays_special() {
    assert_eq!(real("div", "<center><select></center>X"), lines("<center>\n  <select>\n    \"X\""));
    assert_eq!(real("div", "<p><select></p>X"), lines("<p>\n  <select>\n    <p>\n    \"X\""));
    assert_eq!(real("div", "<ul><li><select><li>X"), lines("<ul>\n  <li>\n    <select>\n      <li>\n        \"X\""));
    assert_eq!(
        real("div", "<font><select><option>a</option></font></select>"),
        lines("<font>\n  <select>\n    <option>\n      \"a\"")
    );
}

#[test]
fn search_is_not_special_as_in_chromium() {
    assert_eq!(real("div", "<span><search></span>X"), lines("<span>\n  <search>\n\"X\""));
}

#[test]
fn forms_in_templates_follow_browsers() {
    assert_eq!(
        real("div", "<template><form><p></form>x"),
        lines("<template>\n  content\n    <form>\n      <p>\n        \"x\"")
    );
    assert_eq!(
        real("div", "<form id=0><template><table><form id=1>x"),
        lines("<form>\n  id=\"0\"\n  <template>\n    content\n      \"x\"\n      <table>\n        <form>\n          id=\"1\"")
    );
}

#[test]
fn text_in_a_template_in_table_mode_reopens_formatting() {
    assert_eq!(
        real("tr", "<template><colgroup><a><th></tbody>  "),
        lines("<template>\n  content\n    <colgroup>\n    <a>\n    <tbody>\n      <tr>\n        <th>\n    <a>\n      \"  \"")
    );
}

#[test]
fn end_tags_at_a_foreign_fragment_root_use_the_html_rules() {
    assert_eq!(real("svg foreignObject", "<li><u></li></u><select>"), lines("<li>\n  <u>\n<select>"));
}

#[test]
fn template_contents_parse_with_scripting_off() {
    assert_eq!(real("template", "<noscript><b>x</b></noscript>"), lines("<noscript>\n  <b>\n    \"x\""));
    assert_eq!(real("div", "<noscript><b>x</b></noscript>"), lines("<noscript>\n  \"<b>x</b>\""));
}

#[test]
fn selectedcontent_mirroring_follows_browsers() {
    // Every enabled selectedcontent is filled; one inside an option is disabled.
    assert_eq!(
        real("div", "<select><button><selectedcontent></selectedcontent><selectedcontent></selectedcontent></button><option>A"),
        lines("<select>\n  <button>\n    <selectedcontent>\n      \"A\"\n    <selectedcontent>\n      \"A\"\n  <option>\n    \"A\"")
    );
    assert_eq!(
        real("div", "<select><option><selectedcontent>  "),
        lines("<select>\n  <option>\n    <selectedcontent>\n      \"  \"")
    );
    // In a document (connected tree) a selectedcontent is filled when inserted...
    assert_eq!(
        real("#document", "<select><option>A</option><selectedcontent>x</selectedcontent>"),
        lines("<html>\n  <head>\n  <body>\n    <select>\n      <option>\n        \"A\"\n      <selectedcontent>\n        \"Ax\"")
    );
    // ...but not in a fragment (innerHTML builds a disconnected tree).
    assert_eq!(
        real("div", "<select><option>A</option><selectedcontent>x</selectedcontent>"),
        lines("<select>\n  <option>\n    \"A\"\n  <selectedcontent>\n    \"x\"")
    );
    // `multiple` selects clone nothing.
    assert_eq!(
        real("div", "<select multiple><button><selectedcontent></button><option>A"),
        lines("<select>\n  multiple=\"\"\n  <button>\n    <selectedcontent>\n  <option>\n    \"A\"")
    );
}

#[test]
fn head_templates_do_not_block_a_frameset_and_after_body_space_stays_plain() {
    assert_eq!(
        real("#document", "<template></template><div><frameset>"),
        lines("<html>\n  <head>\n    <template>\n      content\n  <frameset>")
    );
    assert_eq!(
        real("#document", "<i><b>x</i></body> "),
        lines("<html>\n  <head>\n  <body>\n    <i>\n      <b>\n        \"x\"\n    \" \"")
    );
}

#[test]
fn selectedcontent_copies_stay_bounded_on_hostile_input() {
    // Many mirrors of many selected options: each pop would copy the option into every
    // selectedcontent (quadratic); the copy budget keeps the work proportional to the input.
    let mut input = String::from("<select><button>");
    input.push_str(&"<selectedcontent></selectedcontent>".repeat(3000));
    input.push_str("</button>");
    input.push_str(&"<option selected><b>x</b><i>y</i>".repeat(3000));
    for doc in [true, false] {
        let dom = if doc {
            parse_document(&input, &ParseOptions::default()).expect("parses")
        } else {
            let context = FragmentContext { ns: Ns::Html, name: b"div".to_vec() };
            parse_fragment(&input, &context, &ParseOptions::default()).expect("parses").0
        };
        assert!(dom.nodes.len() < 8 * input.len(), "{} nodes for {} bytes", dom.nodes.len(), input.len());
    }
}

#[test]
fn svg_end_tags_are_case_adjusted_before_the_html_rules_and_title_leaves_template_mode() {
    assert_eq!(
        real("math mi", "<foreignObject><svg></foreignObject><embed>"),
        lines("<foreignobject>\n  <svg svg>\n  <embed>")
    );
    assert_eq!(real("template", "<title></title></p>"), lines("<title>\n<p>"));
}
