//! Data state, tag open, end tag open, tag names and the attribute states; U+0000 and CR.

use super::support::*;
use crate::atoms::Tag;
use crate::token::Token;
use crate::tokenizer::Tokenizer;

#[test]
fn text_and_tags() {
    assert_eq!(
        tokens("<ul>\n  <li>One</li>\n</ul>"),
        vec![
            start("ul", &[]),
            chars("\n  "),
            start("li", &[]),
            chars("One"),
            end("li"),
            chars("\n"),
            end("ul"),
        ]
    );
    assert_eq!(tokens(""), vec![]);
    assert_eq!(tokens("just text"), vec![chars("just text")]);
}

#[test]
fn text_is_borrowed_from_the_input_when_nothing_is_decoded() {
    let input = "<p>hello world</p>";
    let mut tok = Tokenizer::new(input);
    assert!(matches!(tok.next_token(), Token::StartTag(_)));
    match tok.next_token() {
        Token::Characters(text) => assert!(std::ptr::eq(text.as_ptr(), input[3..].as_ptr())),
        other => panic!("{other:?}"),
    }
}

#[test]
fn tag_and_attribute_names_are_lowercased_and_interned() {
    assert_eq!(
        tokens("<DIV CLASS=a Data-X=b>"),
        vec![start("div", &[("class", "a"), ("data-x", "b")])]
    );
    let mut tok = Tokenizer::new("<LI><my-Element><svg><foreignObject>");
    for expected in [Tag::Li, Tag::Other, Tag::Svg, Tag::ForeignObject] {
        match tok.next_token() {
            Token::StartTag(tag) => assert_eq!(tag.tag, expected),
            other => panic!("{other:?}"),
        }
    }
    // Non-ASCII bytes are kept as they are; only ASCII is lowercased. A tag must start with an
    // ASCII letter.
    assert_eq!(tokens("<aÄB Ü=1>"), vec![start("aÄb", &[("Ü", "1")])]);
    assert_eq!(tokens("<Äb>"), vec![chars("<Äb>")]);
}

#[test]
fn tag_open_cases() {
    // `<` not followed by a letter, `!`, `/` or `?` is text.
    assert_eq!(tokens("a < b <1 <"), vec![chars("a < b <1 <")]);
    assert_eq!(tokens("<>"), vec![chars("<>")]);
    // `</>` disappears; `</` at the end is text; `</` + other is a bogus comment.
    assert_eq!(tokens("a</>b"), vec![chars("ab")]);
    assert_eq!(tokens("a</"), vec![chars("a</")]);
    assert_eq!(tokens("</ x>y"), vec![comment(" x"), chars("y")]);
    assert_eq!(tokens("<?xml version?>z"), vec![comment("?xml version?"), chars("z")]);
    // End of input inside a tag drops the tag.
    assert_eq!(tokens("a<div class=\"x"), vec![chars("a")]);
    assert_eq!(tokens("a<div"), vec![chars("a")]);
    assert_eq!(tokens("a</div"), vec![chars("a")]);
    assert_eq!(tokens("<a b"), vec![]);
    assert_eq!(tokens("<a b="), vec![]);
    assert_eq!(tokens("<a b=c"), vec![]);
    assert_eq!(tokens("<a /"), vec![]);
}

#[test]
fn attribute_value_forms() {
    assert_eq!(
        tokens("<a x=\"1 2\" y='3 \"4\"' z=5 w = '6' v>"),
        vec![start("a", &[("x", "1 2"), ("y", "3 \"4\""), ("z", "5"), ("w", "6"), ("v", "")])]
    );
    // Unquoted values keep `"`, `'`, `<`, `=` and backticks; `>` ends them.
    assert_eq!(tokens("<a x=a\"b'c<d=e`f>"), vec![start("a", &[("x", "a\"b'c<d=e`f")])]);
    // Missing value: `>` right after `=`.
    assert_eq!(tokens("<a x=>"), vec![start("a", &[("x", "")])]);
    // Name characters that are parse errors.
    assert_eq!(tokens("<a \"x'<y=1>"), vec![start("a", &[("\"x'<y", "1")])]);
    // A leading `=` starts a name.
    assert_eq!(tokens("<a =x=1 ==2>"), vec![start("a", &[("=x", "1"), ("=", "2")])]);
    // No whitespace between attributes after a quoted value.
    assert_eq!(tokens("<a x=\"1\"y=\"2\">"), vec![start("a", &[("x", "1"), ("y", "2")])]);
    // Whitespace kinds: tab, LF, FF, space.
    assert_eq!(tokens("<a\tx=1\ny=2\x0Cz=3 >"), vec![start("a", &[("x", "1"), ("y", "2"), ("z", "3")])]);
    // Vertical tab is not whitespace.
    assert_eq!(tokens("<a\x0Bx=1>"), vec![start("a\x0bx=1", &[])]);
}

#[test]
fn self_closing_flag() {
    assert_eq!(tokens("<br/>"), vec![start_sc("br", &[])]);
    assert_eq!(tokens("<br />"), vec![start_sc("br", &[])]);
    assert_eq!(tokens("<img src=x/>"), vec![start("img", &[("src", "x/")])]);
    assert_eq!(tokens("<img src='x'/>"), vec![start_sc("img", &[("src", "x")])]);
    // `/` not followed by `>` is dropped and attribute parsing goes on.
    assert_eq!(tokens("<a / b>"), vec![start("a", &[("b", "")])]);
    assert_eq!(tokens("<a/b/>"), vec![start_sc("a", &[("b", "")])]);
    // End tags keep their flag and attributes (the tree builder ignores both).
    assert_eq!(
        tokens("</a x='1'/>"),
        vec![T::End { name: "a".into(), attrs: vec![("x".into(), "1".into())], self_closing: true }]
    );
}

#[test]
fn duplicate_attributes_keep_the_first() {
    assert_eq!(
        tokens("<a x=1 y=2 X=3 x y='4'>"),
        vec![start("a", &[("x", "1"), ("y", "2")])]
    );
    // Names differing after 16 bytes are different; equal long names are duplicates.
    let long = "<a abcdefghijklmnopq=1 abcdefghijklmnopr=2 ABCDEFGHIJKLMNOPQ=3>";
    assert_eq!(
        tokens(long),
        vec![start("a", &[("abcdefghijklmnopq", "1"), ("abcdefghijklmnopr", "2")])]
    );
    // Past the linear-scan limit.
    let mut html = String::from("<a");
    for i in 0..40 {
        html.push_str(&format!(" a{i}={i}"));
    }
    html.push_str(" a3=x a39=y A0=z>");
    let expected: Vec<(String, String)> = (0..40).map(|i| (format!("a{i}"), i.to_string())).collect();
    let expected: Vec<(&str, &str)> = expected.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(tokens(&html), vec![start("a", &expected)]);
}

#[test]
fn duplicates_are_per_tag() {
    assert_eq!(
        tokens("<a x=1><b x=2 x=3>"),
        vec![start("a", &[("x", "1")]), start("b", &[("x", "2")])]
    );
}

#[test]
fn null_characters() {
    // Data state: each U+0000 is its own token.
    assert_eq!(tokens("a\0b\0\0"), vec![chars("a"), T::Null, chars("b"), T::Null, T::Null]);
    // Tag and attribute names and values: U+FFFD.
    assert_eq!(
        tokens("<a\0b c\0=\"\0\" d='\0' e=\0>"),
        vec![start("a\u{FFFD}b", &[("c\u{FFFD}", "\u{FFFD}"), ("d", "\u{FFFD}"), ("e", "\u{FFFD}")])]
    );
    // A replaced name is still checked for duplicates.
    assert_eq!(tokens("<a b\0=1 B\u{FFFD}=2>"), vec![start("a", &[("b\u{FFFD}", "1")])]);
}

#[test]
fn carriage_returns_become_line_feeds() {
    assert_eq!(
        tokens("a\r\nb\rc<x y='1\r\n2'\r>\r\r\n"),
        vec![chars("a\nb\nc"), start("x", &[("y", "1\n2")]), chars("\n\n")]
    );
    assert_eq!(tokens("<!--a\r\nb-->"), vec![comment("a\nb")]);
    // A CR LF split by nothing else is one LF, never two.
    assert_eq!(tokens("\r\n\r\n"), vec![chars("\n\n")]);
}

#[test]
fn text_runs_end_before_markup_so_the_tree_builder_sees_text_first() {
    let mut tok = Tokenizer::new("ab<!-- c -->d");
    assert!(matches!(tok.next_token(), Token::Characters(b"ab")));
    assert!(matches!(tok.next_token(), Token::Comment(b" c ")));
    assert!(matches!(tok.next_token(), Token::Characters(b"d")));
    assert!(matches!(tok.next_token(), Token::Eof));
}

#[test]
fn last_start_tag_is_recorded_from_start_tags_only() {
    // After `<title>`, `</title>` ends RCDATA; `</b>` does not, even after `</b>` tokens earlier.
    assert_eq!(
        tokens("<b></b><title>x</b></title>"),
        vec![start("b", &[]), end("b"), start("title", &[]), chars("x</b>"), end("title")]
    );
}
