use std::hint::black_box;
use vdom::dom::Ns;
use vdom::tree_builder::{parse_fragment, FragmentContext, ParseOptions};
#[path = "tokenize_speed.rs"]
#[allow(dead_code)]
mod speed;
fn main() {
    let html = speed::page();
    let ctx = FragmentContext { ns: Ns::Html, name: b"div".to_vec() };
    let opts = ParseOptions::default();
    let passes: usize = std::env::args().nth(1).map(|s| s.parse().unwrap()).unwrap_or(200);
    let mut sum = 0;
    for _ in 0..passes { sum += parse_fragment(black_box(&html), &ctx, &opts).map(|(d, _)| d.nodes.len()).unwrap_or(0); }
    println!("{sum}");
}
