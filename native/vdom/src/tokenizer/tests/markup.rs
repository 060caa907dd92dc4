//! Markup declarations: comments (all the odd endings), bogus comments, DOCTYPEs, CDATA.

use super::support::*;
use crate::token::{TextState, Token};
use crate::tokenizer::Tokenizer;

#[test]
fn comments() {
    assert_eq!(tokens("<!-- hi -->x"), vec![comment(" hi "), chars("x")]);
    assert_eq!(tokens("<!---->"), vec![comment("")]);
    assert_eq!(tokens("<!----->"), vec![comment("-")]);
    assert_eq!(tokens("<!-- a -- b -->"), vec![comment(" a -- b ")]);
    assert_eq!(tokens("<!--a--->"), vec![comment("a-")]);
    assert_eq!(tokens("<!--a---->"), vec![comment("a--")]);
    assert_eq!(tokens("<!--<!-- nested -->"), vec![comment("<!-- nested ")]);
    assert_eq!(tokens("<!--a<!--->"), vec![comment("a<!-")]);
    assert_eq!(tokens("<!--a-b-c-->"), vec![comment("a-b-c")]);
    assert_eq!(tokens("<!--a->-->"), vec![comment("a->")]);
}

#[test]
fn abrupt_and_bang_endings() {
    assert_eq!(tokens("<!-->x"), vec![comment(""), chars("x")]);
    assert_eq!(tokens("<!--->x"), vec![comment(""), chars("x")]);
    assert_eq!(tokens("<!--a--!>x"), vec![comment("a"), chars("x")]);
    assert_eq!(tokens("<!--a--!->"), vec![comment("a--!->")]);
    assert_eq!(tokens("<!--a--!-->"), vec![comment("a--!")]);
    assert_eq!(tokens("<!--a--!b-->"), vec![comment("a--!b")]);
    assert_eq!(tokens("<!--a--b-->"), vec![comment("a--b")]);
}

#[test]
fn comments_cut_off_by_end_of_input() {
    assert_eq!(tokens("<!--"), vec![comment("")]);
    assert_eq!(tokens("<!---"), vec![comment("")]);
    assert_eq!(tokens("<!----"), vec![comment("")]);
    assert_eq!(tokens("<!--a"), vec![comment("a")]);
    assert_eq!(tokens("<!--a-"), vec![comment("a")]);
    assert_eq!(tokens("<!--a--"), vec![comment("a")]);
    assert_eq!(tokens("<!--a---"), vec![comment("a-")]);
    assert_eq!(tokens("<!--a--!"), vec![comment("a")]);
    assert_eq!(tokens("<!---a"), vec![comment("-a")]);
}

#[test]
fn comment_nulls_are_replaced() {
    assert_eq!(tokens("<!--a\0b-->"), vec![comment("a\u{FFFD}b")]);
    assert_eq!(tokens("<!\0>"), vec![comment("\u{FFFD}")]);
    assert_eq!(tokens("<?\0>"), vec![comment("?\u{FFFD}")]);
}

#[test]
fn bogus_comments() {
    assert_eq!(tokens("<!x>y"), vec![comment("x"), chars("y")]);
    assert_eq!(tokens("<!>"), vec![comment("")]);
    assert_eq!(tokens("<!"), vec![comment("")]);
    assert_eq!(tokens("<!-x-->"), vec![comment("-x--")]);
    assert_eq!(tokens("<!doctyp>"), vec![comment("doctyp")]);
    assert_eq!(tokens("<?"), vec![comment("?")]);
    assert_eq!(tokens("</3>"), vec![comment("3")]);
}

#[test]
fn cdata_only_in_foreign_content() {
    // In HTML content: a bogus comment whose data starts with `[CDATA[`.
    assert_eq!(tokens("<![CDATA[a<b]]>c"), vec![comment("[CDATA[a<b]]"), chars("c")]);
    let foreign = Setup { cdata: true, ..DATA };
    assert_eq!(run("<![CDATA[a<b>&amp;]]>c", foreign), vec![chars("a<b>&amp;c")]);
    assert_eq!(run("<![CDATA[]]>", foreign), vec![]);
    assert_eq!(run("<![CDATA[]]]>", foreign), vec![chars("]")]);
    assert_eq!(run("<![CDATA[a]]]]>", foreign), vec![chars("a]]")]);
    assert_eq!(run("<![CDATA[a]b]]c]]>", foreign), vec![chars("a]b]]c")]);
    // Cut off: everything is text, including trailing brackets.
    assert_eq!(run("<![CDATA[a]]", foreign), vec![chars("a]]")]);
    assert_eq!(run("<![CDATA[", foreign), vec![]);
    // U+0000 passes through as a null token (the tree builder replaces it in foreign content).
    assert_eq!(run("<![CDATA[a\0b]]>", foreign), vec![chars("a"), T::Null, chars("b")]);
    // Case matters for CDATA (not for DOCTYPE).
    assert_eq!(run("<![cdata[x]]>", foreign), vec![comment("[cdata[x]]")]);
}

#[test]
fn cdata_allowed_is_read_when_the_markup_is_reached() {
    let mut tok = Tokenizer::new("a<![CDATA[x]]><![CDATA[y]]>");
    tok.set_cdata_allowed(true);
    assert!(matches!(tok.next_token(), Token::Characters(b"a")));
    tok.set_cdata_allowed(true);
    assert!(matches!(tok.next_token(), Token::Characters(b"x")));
    tok.set_cdata_allowed(false);
    assert!(matches!(tok.next_token(), Token::Comment(b"[CDATA[y]]")));
    assert!(matches!(tok.next_token(), Token::Eof));
}

#[test]
fn doctypes() {
    assert_eq!(tokens("<!DOCTYPE html>"), vec![doctype(Some("html"), None, None, false)]);
    assert_eq!(tokens("<!doctype HTML>"), vec![doctype(Some("html"), None, None, false)]);
    assert_eq!(tokens("<!DOCTYPEhtml>"), vec![doctype(Some("html"), None, None, false)]);
    assert_eq!(tokens("<!DOCTYPE>"), vec![doctype(None, None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE >"), vec![doctype(None, None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE"), vec![doctype(None, None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE html"), vec![doctype(Some("html"), None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE h\0tml>"), vec![doctype(Some("h\u{FFFD}tml"), None, None, false)]);
    assert_eq!(
        tokens("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">"),
        vec![doctype(
            Some("html"),
            Some("-//W3C//DTD HTML 4.01//EN"),
            Some("http://www.w3.org/TR/html4/strict.dtd"),
            false
        )]
    );
    assert_eq!(
        tokens("<!DOCTYPE html SYSTEM 'about:legacy-compat'>"),
        vec![doctype(Some("html"), None, Some("about:legacy-compat"), false)]
    );
    assert_eq!(tokens("<!DOCTYPE html public ''>"), vec![doctype(Some("html"), Some(""), None, false)]);
}

#[test]
fn doctype_missing_versus_empty_identifiers_and_quirks() {
    // Keyword without identifier: force quirks, identifier missing.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC>"), vec![doctype(Some("html"), None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE html SYSTEM>"), vec![doctype(Some("html"), None, None, true)]);
    // Identifier without whitespace after the keyword: still read.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC\"x\">"), vec![doctype(Some("html"), Some("x"), None, false)]);
    assert_eq!(tokens("<!DOCTYPE html SYSTEM'y'>"), vec![doctype(Some("html"), None, Some("y"), false)]);
    // System identifier straight after the public one.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC 'x''y'>"), vec![doctype(Some("html"), Some("x"), Some("y"), false)]);
    // `>` inside an identifier ends the doctype with force quirks.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC \"x>y\">"), vec![doctype(Some("html"), Some("x"), None, true), chars("y\">")]);
    // Unknown word after the name: bogus, force quirks.
    assert_eq!(tokens("<!DOCTYPE html FOO>x"), vec![doctype(Some("html"), None, None, true), chars("x")]);
    // Junk after the system identifier: bogus but not quirks.
    assert_eq!(tokens("<!DOCTYPE html SYSTEM 'y' junk>"), vec![doctype(Some("html"), None, Some("y"), false)]);
    // Junk where an identifier should be.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC x>"), vec![doctype(Some("html"), None, None, true)]);
    assert_eq!(tokens("<!DOCTYPE html PUBLIC 'a' x>"), vec![doctype(Some("html"), Some("a"), None, true)]);
    // Cut off inside identifiers.
    assert_eq!(tokens("<!DOCTYPE html PUBLIC 'a"), vec![doctype(Some("html"), Some("a"), None, true)]);
    assert_eq!(tokens("<!DOCTYPE html SYSTEM 'a' "), vec![doctype(Some("html"), None, Some("a"), true)]);
    // Bogus doctype cut off: not forced into quirks by the end of input.
    assert_eq!(tokens("<!DOCTYPE html SYSTEM 'a' x"), vec![doctype(Some("html"), None, Some("a"), false)]);
    // Nulls in identifiers are replaced; in a bogus doctype they vanish.
    assert_eq!(tokens("<!DOCTYPE a PUBLIC '\0' '\0'>"), vec![doctype(Some("a"), Some("\u{FFFD}"), Some("\u{FFFD}"), false)]);
}

#[test]
fn markup_is_not_recognized_in_text_states() {
    assert_eq!(
        tokens_in(TextState::Rawtext, "style", "<!-- x --><![CDATA[y]]><!DOCTYPE z>"),
        vec![chars("<!-- x --><![CDATA[y]]><!DOCTYPE z>")]
    );
}
