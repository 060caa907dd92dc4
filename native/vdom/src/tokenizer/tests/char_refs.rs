//! Character references as the data, RCDATA and attribute value states see them.

use super::support::*;
use crate::token::{TextState, Token};
use crate::tokenizer::Tokenizer;

#[test]
fn named_references_in_text() {
    assert_eq!(tokens("a &amp; b &lt;c&gt; &quot;&apos;"), vec![chars("a & b <c> \"'")]);
    // Legacy names work without the semicolon, others do not.
    assert_eq!(tokens("&amp &copy2 &notin &notit; &Afr &Afr;"), vec![chars("& ©2 ¬in ¬it; &Afr 𝔄")]);
    // Unknown names and bare ampersands stay.
    assert_eq!(tokens("&foo; & &; &#; &#x; &1"), vec![chars("&foo; & &; &#; &#x; &1")]);
    // Two code points.
    assert_eq!(tokens("&NotEqualTilde;"), vec![chars("\u{2242}\u{338}")]);
}

#[test]
fn legacy_names_in_attributes() {
    assert_eq!(
        tokens("<a href='?a=1&copy=2&copy;=3&amp;b&ampx&amp1&amp-&amp'>"),
        vec![start("a", &[("href", "?a=1&copy=2©=3&b&ampx&amp1&-&")])]
    );
    // Same rule in unquoted and double-quoted values.
    assert_eq!(tokens("<a x=&lt=1 y=\"&lt=\" z=&lt;=>"), vec![start("a", &[("x", "&lt=1"), ("y", "&lt="), ("z", "<=")])]);
    // The longest match of `&notin` is the legacy `not`, followed by an alphanumeric: kept.
    assert_eq!(tokens("<a x='&notin'>"), vec![start("a", &[("x", "&notin")])]);
}

#[test]
fn numeric_references() {
    assert_eq!(tokens("&#65;&#x42;&#X43&#0068"), vec![chars("ABCD")]);
    assert_eq!(tokens("&#0;&#x110000;&#xD800;&#xDFFF;"), vec![chars("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")]);
    assert_eq!(tokens("&#x80;&#x8D;&#x9F;&#150;"), vec![chars("€\u{8D}Ÿ–")]);
    assert_eq!(tokens("&#x1F600;&#xFDD0;&#x1;"), vec![chars("😀\u{FDD0}\u{1}")]);
    assert_eq!(tokens("&#12345678901234567890;x"), vec![chars("\u{FFFD}x")]);
    // In attributes too, no legacy rule for numbers.
    assert_eq!(tokens("<a x='&#65=&#x42b'>"), vec![start("a", &[("x", "A=\u{42b}")])]);
}

#[test]
fn references_in_rcdata_only() {
    assert_eq!(tokens_in(TextState::Rcdata, "title", "&lt;&amp"), vec![chars("<&")]);
    assert_eq!(tokens_in(TextState::Rawtext, "style", "&lt;"), vec![chars("&lt;")]);
    assert_eq!(tokens_in(TextState::ScriptData, "script", "&lt;"), vec![chars("&lt;")]);
    assert_eq!(tokens_in(TextState::Plaintext, "plaintext", "&lt;"), vec![chars("&lt;")]);
}

#[test]
fn references_never_produce_null_or_cr_surprises() {
    // `&#0;` is U+FFFD, not a null token; `&#13;` is a real CR (no newline normalization).
    assert_eq!(tokens("&#0;&#13;&#x0D;"), vec![chars("\u{FFFD}\r\r")]);
}

#[test]
fn decoded_text_is_one_run_with_its_surroundings() {
    let mut tok = Tokenizer::new("Tom &amp; Jerry<b>");
    assert!(matches!(tok.next_token(), Token::Characters(b"Tom & Jerry")));
    assert!(matches!(tok.next_token(), Token::StartTag(_)));
}

#[test]
fn longest_match_at_end_of_input() {
    assert_eq!(tokens("&am"), vec![chars("&am")]);
    assert_eq!(tokens("&amp"), vec![chars("&")]);
    assert_eq!(tokens("&ampe"), vec![chars("&e")]);
    assert_eq!(tokens("&#"), vec![chars("&#")]);
    assert_eq!(tokens("&#x"), vec![chars("&#x")]);
    assert_eq!(tokens("&#x4"), vec![chars("\u{4}")]);
}
