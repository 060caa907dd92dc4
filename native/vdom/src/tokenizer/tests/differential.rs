//! The real tokenizer against the naive reference (`reference.rs`) on generated inputs: the same
//! tokens, for every starting state, with CDATA allowed and not.

use super::hostile::Rng;
use super::reference;
use super::support::*;
use crate::token::TextState;

/// Pieces that exercise every state: tag and markup openers, quotes, dashes, escapes, references.
const PIECES: &[&str] = &[
    "<", ">", "/", "!", "-", "--", "=", "\"", "'", "`", " ", "\t", "\n", "\r", "\r\n", "\x0C", "\0", "?", "[", "]",
    "]]>", "&", ";", "#", "x", "X", "a", "Z", "9", "é", "😀", "<a", "<B", "</", "</a", "<!--", "-->", "--!>", "<!-",
    "<!", "<!DOCTYPE", "<!doctype", " PUBLIC", " system", "html", "<![CDATA[", "<?", "<script>", "</script>", "<script",
    "</script", "<SCRIPT>", "<title>", "</title>", "</TITLE", "<style>", "</style>", "<textarea>", "<plaintext>",
    "&amp", "&amp;", "&lt", "&not", "&notin;", "&notit;", "&#", "&#x", "&#65", "&#x41;", "&#0;", "&#x80", "&#128",
    "&Afr;", "&copy", "&copy=", "&ampx", "&CounterClockwiseContourIntegral;", "id=", "x=1", " y='2'", " z=\"3\"", "/>",
    // Names around the 8- and 16-byte word boundaries of the name scanner, in both cases.
    "<DIV", "<Abcdefghijklmnopqrstu", " DATA-Some-LONG-attribute-NAME-x=", " aBcDeFgHiJkLmNoPqR='v'", " abcdefghijklmnop",
    " ABCDEFGHIJKLMNOP", " abcdefgh", " ABCDEFGH=", "<h1", "</H1", " @x", "\u{1}", "\u{b}", "<li id=item-1 class=row>",
];

fn generate(rng: &mut Rng) -> String {
    let n = rng.below(24);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

fn check(input: &str, setup: Setup) {
    let fast = run(input, setup);
    let slow = reference::run(input, setup);
    assert_eq!(fast, slow, "input {input:?} with {setup:?}");
}

#[test]
fn agrees_with_the_reference_on_generated_inputs() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let states = [
        (TextState::Data, None),
        (TextState::Data, Some("title")),
        (TextState::Rcdata, Some("title")),
        (TextState::Rcdata, None),
        (TextState::Rawtext, Some("style")),
        (TextState::ScriptData, Some("script")),
        (TextState::Plaintext, None),
    ];
    for round in 0..60_000 {
        let input = generate(&mut rng);
        let (state, last_start_tag) = states[round % states.len()];
        check(&input, Setup { state, last_start_tag, cdata: round % 2 == 0 });
    }
}

#[test]
fn agrees_with_the_reference_on_random_bytes() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for round in 0..5_000 {
        let bytes: Vec<u8> = (0..rng.below(60)).map(|_| b"<>/!-=&;#xa \"'\0\r]["[rng.below(18)]).collect();
        let input = String::from_utf8(bytes).unwrap();
        check(&input, Setup { state: TextState::Data, last_start_tag: None, cdata: round % 2 == 0 });
        check(&input, Setup { state: TextState::ScriptData, last_start_tag: Some("script"), cdata: false });
    }
}

#[test]
fn agrees_on_hand_picked_inputs() {
    for input in [
        "<script><!--<script>--></script>", "<!--a<!--->", "<a b=&notin c='&amp=' d=&#x41>", "<!DOCTYPE a PUBLIC'b'\"c\">",
        "<title>&#</title>", "<![CDATA[a]]]>", "&#x110000;&#128;&#xD800;", "<a\0b c\0d=\0>", "<!--\0-->",
    ] {
        check(input, DATA);
        check(input, Setup { cdata: true, ..DATA });
    }
}
