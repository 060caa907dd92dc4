//! RCDATA, RAWTEXT, script data (with its escapes) and PLAINTEXT.

use super::support::*;
use crate::token::TextState;

#[test]
fn rcdata_decodes_references_and_ends_at_its_end_tag() {
    assert_eq!(
        tokens("<title>a &amp; <b> </titl </title-x> </TITLE >x"),
        vec![start("title", &[]), chars("a & <b> </titl </title-x> "), end("title"), chars("x")]
    );
    assert_eq!(
        tokens("<textarea></textarea foo='bar'/>"),
        vec![
            start("textarea", &[]),
            T::End { name: "textarea".into(), attrs: vec![("foo".into(), "bar".into())], self_closing: true }
        ]
    );
    // U+0000 becomes U+FFFD inside the text.
    assert_eq!(tokens("<title>a\0b</title>"), vec![start("title", &[]), chars("a\u{FFFD}b"), end("title")]);
    // Cut off: the partial end tag is text.
    assert_eq!(tokens("<title>a</title"), vec![start("title", &[]), chars("a</title")]);
    assert_eq!(tokens("<title>a</"), vec![start("title", &[]), chars("a</")]);
}

#[test]
fn rawtext_keeps_references() {
    assert_eq!(
        tokens("<style>a &amp; <!-- </b> --></style>"),
        vec![start("style", &[]), chars("a &amp; <!-- </b> -->"), end("style")]
    );
    assert_eq!(tokens("<xmp>\0</xmp>"), vec![start("xmp", &[]), chars("\u{FFFD}"), end("xmp")]);
}

#[test]
fn appropriate_end_tag_needs_the_last_start_tag() {
    // With no start tag emitted yet (fragment parsing without a context name), no end tag is
    // appropriate.
    assert_eq!(run("a</title>", Setup { state: TextState::Rcdata, ..DATA }), vec![chars("a</title>")]);
    assert_eq!(tokens_in(TextState::Rcdata, "title", "a</title>b"), vec![chars("a"), end("title"), chars("b")]);
    assert_eq!(tokens_in(TextState::Rawtext, "noembed", "</noembed\tx>"), vec![
        T::End { name: "noembed".into(), attrs: vec![("x".into(), "".into())], self_closing: false }
    ]);
    // A last start tag name with a non-letter can never be matched: those states buffer letters only.
    assert_eq!(tokens_in(TextState::Rawtext, "h1", "</h1>"), vec![chars("</h1>")]);
}

#[test]
fn script_data() {
    assert_eq!(
        tokens("<script>if (a < b && c) x = '</scrip>';</script>"),
        vec![start("script", &[]), chars("if (a < b && c) x = '</scrip>';"), end("script")]
    );
    assert_eq!(tokens("<script>\0</script>"), vec![start("script", &[]), chars("\u{FFFD}"), end("script")]);
    assert_eq!(tokens("<script>a</script"), vec![start("script", &[]), chars("a</script")]);
}

#[test]
fn script_data_escaped_still_ends_at_the_end_tag() {
    assert_eq!(
        tokens("<script><!-- a </script> b"),
        vec![start("script", &[]), chars("<!-- a "), end("script"), chars(" b")]
    );
    assert_eq!(
        tokens("<script><!-- --> </script>"),
        vec![start("script", &[]), chars("<!-- --> "), end("script")]
    );
}

#[test]
fn script_data_double_escaped_hides_the_end_tag() {
    // `<!--` then `<script>` double-escapes: the first `</script>` only ends the double escape.
    assert_eq!(
        tokens("<script><!--<script></script>x</script>y"),
        vec![start("script", &[]), chars("<!--<script></script>x"), end("script"), chars("y")]
    );
    // `-->` leaves the escape entirely, even from double escaped.
    assert_eq!(
        tokens("<script><!--<script>--></script>"),
        vec![start("script", &[]), chars("<!--<script>-->"), end("script")]
    );
    // `<scripts>` is not `<script>`; `<SCRIPT/` is.
    assert_eq!(
        tokens("<script><!--<scripts></script>"),
        vec![start("script", &[]), chars("<!--<scripts>"), end("script")]
    );
    assert_eq!(
        tokens("<script><!--<SCRIPT/></script></script>"),
        vec![start("script", &[]), chars("<!--<SCRIPT/></script>"), end("script")]
    );
    // Nulls in every escape state.
    assert_eq!(
        tokens("<script><!--\0-\0--\0<script>\0-\0--\0</script>"),
        vec![start("script", &[]), chars("<!--\u{FFFD}-\u{FFFD}--\u{FFFD}<script>\u{FFFD}-\u{FFFD}--\u{FFFD}</script>")]
    );
}

#[test]
fn script_escape_openers_need_all_their_characters() {
    assert_eq!(tokens("<script><!-</script>"), vec![start("script", &[]), chars("<!-"), end("script")]);
    assert_eq!(tokens("<script><!</script>"), vec![start("script", &[]), chars("<!"), end("script")]);
    assert_eq!(tokens("<script><!<!--<script></script>"), vec![start("script", &[]), chars("<!<!--<script></script>")]);
    // `-->` in plain script data means nothing.
    assert_eq!(tokens("<script>--><!--x--></script>"), vec![start("script", &[]), chars("--><!--x-->"), end("script")]);
    // `->` does not close an escape; `--->` does.
    assert_eq!(
        tokens("<script><!--<script>-></script>---></script>"),
        vec![start("script", &[]), chars("<!--<script>-></script>--->"), end("script")]
    );
}

#[test]
fn plaintext_never_ends() {
    assert_eq!(
        tokens("<plaintext></plaintext>&amp;<b>\0"),
        vec![start("plaintext", &[]), chars("</plaintext>&amp;<b>\u{FFFD}")]
    );
}

#[test]
fn state_switch_between_tokens() {
    // The tree builder switches after the start tag; text after it is then raw.
    assert_eq!(
        tokens("<iframe><b>&amp;</iframe><b>"),
        vec![start("iframe", &[]), chars("<b>&amp;"), end("iframe"), start("b", &[])]
    );
}
