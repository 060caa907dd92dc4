//! Tokenizer throughput on template-shaped output: `cargo run --release --example tokenize_speed`.
//!
//! Builds a 100-row `<ul>` like a rendered list template (ids, data attributes, spans, buttons,
//! indentation, a few escaped characters) and prints MB/s for tokenizing only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use vdom::token::Token;
use vdom::tokenizer::Tokenizer;

/// The benchmark page: ~27 KB, 100 `<li>` rows (also used by `parse_speed`).
pub fn page() -> String {
    let mut html = String::from("<ul class=\"items\" id=\"list\" data-count=\"100\">\n");
    for i in 0..100 {
        html.push_str(&format!(
            concat!(
                "  <li id=\"item-{i}\" data-id=\"{i}\" class=\"row{odd}\">\n",
                "    <span class=\"label\">Item {i} &amp; co</span>\n",
                "    <span class=\"count\">{c}</span>\n",
                "    <button phx-click=\"inc\" phx-value-id=\"{i}\">+1</button>\n",
                "    <button phx-click=\"remove\" phx-value-id=\"{i}\" class=\"danger\">Remove</button>\n",
                "  </li>\n",
            ),
            i = i,
            c = i * 7 % 13,
            odd = if i % 2 == 1 { " odd" } else { "" },
        ));
    }
    html.push_str("</ul>\n");
    html
}

/// Tokenizes `html` once; returns a checksum so the work cannot be optimized away.
fn tokenize(html: &str) -> usize {
    let mut tok = Tokenizer::new(html);
    let mut sum = 0;
    loop {
        match tok.next_token() {
            Token::Eof => return sum,
            Token::Characters(text) => sum += text.len(),
            Token::StartTag(tag) => sum += tag.attrs.len() + tag.tag as usize,
            Token::EndTag(tag) => sum += tag.tag as usize,
            _ => sum += 1,
        }
    }
}

fn main() {
    let html = page();
    let mut tokens = 0;
    let mut tok = Tokenizer::new(&html);
    while !matches!(tok.next_token(), Token::Eof) {
        tokens += 1;
    }
    println!("page: {} bytes, {} tokens", html.len(), tokens);

    // Warm up, then time whole passes for about a second, keeping the best of five rounds.
    for _ in 0..200 {
        black_box(tokenize(black_box(&html)));
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut passes = 0u32;
        while start.elapsed() < Duration::from_millis(200) {
            for _ in 0..50 {
                black_box(tokenize(black_box(&html)));
            }
            passes += 50;
        }
        best = best.min(start.elapsed().as_secs_f64() / passes as f64);
    }
    println!("tokenize: {:.1} µs per page, {:.0} MB/s", best * 1e6, html.len() as f64 / best / 1e6);
}
