//! Hostile input: random bytes, unclosed everything, huge tags and values. Nothing may panic,
//! and the output must stay sane (UTF-8, no U+0000 in text, end-of-file reached).

use super::support::*;
use crate::token::{TextState, Token};
use crate::tokenizer::Tokenizer;

/// A seeded xorshift generator, so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_bytes_in_every_state() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let states = [TextState::Data, TextState::Rcdata, TextState::Rawtext, TextState::ScriptData, TextState::Plaintext];
    for round in 0..400 {
        let len = rng.below(2000);
        // Bias towards the bytes the states care about.
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.below(4) {
                0 => {
                    let special = b"<>/!-=&;#x\"' \n\r\0[]?aZ";
                    special[rng.below(special.len())]
                }
                _ => rng.next() as u8,
            })
            .collect();
        let input = String::from_utf8_lossy(&bytes);
        let setup = Setup { state: states[round % 5], last_start_tag: Some("script"), cdata: round % 3 == 0 };
        // `run` checks UTF-8, non-empty runs without U+0000, termination and sticky EOF.
        run(&input, setup);
    }
}

#[test]
fn unclosed_everything() {
    for input in [
        "<", "</", "<a", "<a ", "<a b", "<a b=", "<a b='", "<a b=\"x", "<a b=x", "<a/", "<!", "<!-", "<!--", "<!--x-",
        "<!--x--", "<!--x--!", "<!DOCTYPE", "<!DOCTYPE x PUBLIC \"", "<!DOCTYPE x SYSTEM '", "<?", "&", "&#", "&#x",
        "&am", "<script><!--<script>", "<title>&", "<textarea></textarea", "<![CDATA[",
    ] {
        run(input, DATA);
        run(input, Setup { cdata: true, ..DATA });
    }
}

#[test]
fn one_hundred_thousand_attributes() {
    let mut html = String::from("<div");
    for i in 0..100_000 {
        html.push_str(&format!(" a{i}=v"));
    }
    // Every one also duplicated, in reverse order.
    for i in (0..100_000).rev() {
        html.push_str(&format!(" A{i}=w"));
    }
    html.push('>');
    let start = std::time::Instant::now();
    let mut tok = Tokenizer::new(&html);
    match tok.next_token() {
        Token::StartTag(tag) => {
            assert_eq!(tag.attr_count(), 100_000);
            assert_eq!(tag.attr(0), (&b"a0"[..], &b"v"[..]));
            assert_eq!(tag.attr(99_999), (&b"a99999"[..], &b"v"[..]));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(tok.next_token(), Token::Eof));
    // Linear: well under a second even in a debug build (a quadratic check would take minutes).
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn huge_values_and_names() {
    let value = "x".repeat(1 << 20);
    let html = format!("<a v=\"{value}\" w='{value}' u={value} {value}=1>{value}");
    let mut tok = Tokenizer::new(&html);
    match tok.next_token() {
        Token::StartTag(tag) => {
            assert_eq!(tag.attr_count(), 4);
            for i in 0..3 {
                assert_eq!(tag.attr(i).1.len(), 1 << 20);
            }
            assert_eq!(tag.attr(3).0.len(), 1 << 20);
        }
        other => panic!("{other:?}"),
    }
    match tok.next_token() {
        Token::Characters(text) => assert_eq!(text.len(), 1 << 20),
        other => panic!("{other:?}"),
    }
    assert!(matches!(tok.next_token(), Token::Eof));
}

#[test]
fn pathological_repetitions_stay_linear() {
    // Each of these would rescan quadratically with a naive lookahead.
    let n = 200_000;
    let cases = [
        (TextState::Rcdata, "</titl".repeat(n)),
        (TextState::ScriptData, "<!--<script".repeat(n)),
        (TextState::ScriptData, "</scrip<".repeat(n)),
        (TextState::Data, "&amp".repeat(n)),
        (TextState::Data, "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".repeat(n / 8)),
        (TextState::Data, "<!--".repeat(n)),
        (TextState::Data, "<a".repeat(n)),
        (TextState::Data, "-".repeat(n)),
    ];
    for (state, input) in cases {
        let start = std::time::Instant::now();
        let last_start_tag = Some(if state == TextState::Rcdata { "title" } else { "script" });
        run(&input, Setup { state, last_start_tag, cdata: false });
        assert!(start.elapsed().as_secs() < 10, "{:?}", &input[..20]);
    }
    let comment = format!("<!--{}", "--!".repeat(n));
    run(&comment, DATA);
}

#[test]
fn ten_megabytes() {
    let row = "<li id=\"r\" class='a b'>text &amp; more</li>\n<!-- c --><script>x<y</script>";
    let html = row.repeat(10 * 1024 * 1024 / row.len());
    let mut tok = Tokenizer::new(&html);
    let mut starts = 0;
    loop {
        match tok.next_token() {
            Token::Eof => break,
            Token::StartTag(tag) => {
                starts += 1;
                if tag.name == b"script" {
                    tok.set_state(TextState::ScriptData);
                }
            }
            _ => {}
        }
    }
    assert_eq!(starts, 2 * (10 * 1024 * 1024 / row.len()));
}
