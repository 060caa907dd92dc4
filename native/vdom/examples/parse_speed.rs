//! Parse throughput (tokenizer + tree builder) on template-shaped output:
//! `cargo run --release --example parse_speed`. Uses the same 100-row list page as
//! `tokenize_speed`, parsed as the contents of a `<div>` (how live containers are parsed).

use std::hint::black_box;
use std::time::{Duration, Instant};

use vdom::dom::Ns;
use vdom::tree_builder::{parse_fragment, FragmentContext, ParseOptions};

#[path = "tokenize_speed.rs"]
#[allow(dead_code)]
mod speed;

fn main() {
    let html = speed::page();
    let ctx = FragmentContext { ns: Ns::Html, name: b"div".to_vec() };
    let opts = ParseOptions::default();
    let parse = |h: &str| parse_fragment(h, &ctx, &opts).map(|(dom, _)| dom.nodes.len()).unwrap_or(0);
    println!("page: {} bytes, {} nodes", html.len(), parse(&html));
    for _ in 0..200 {
        black_box(parse(black_box(&html)));
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut passes = 0u32;
        while start.elapsed() < Duration::from_millis(200) {
            for _ in 0..50 {
                black_box(parse(black_box(&html)));
            }
            passes += 50;
        }
        best = best.min(start.elapsed().as_secs_f64() / passes as f64);
    }
    println!("parse: {:.1} µs per page, {:.0} MB/s", best * 1e6, html.len() as f64 / best / 1e6);
}
