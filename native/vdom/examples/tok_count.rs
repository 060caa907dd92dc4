// temp: fixed work for cachegrind
use std::hint::black_box;
use vdom::token::Token;
use vdom::tokenizer::Tokenizer;
#[path = "tokenize_speed.rs"]
#[allow(dead_code)]
mod speed;
fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let html = match which.as_str() { "tags" => "<li><span></span></li>".repeat(100), "3attr" => "<li id=\"item-1\" data-id=\"1\" class=\"row\"></li>".repeat(100), _ => speed::page() };
    let mut sum = 0usize;
    let passes: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(200);
    for _ in 0..passes {
        let mut tok = Tokenizer::new(black_box(&html));
        loop { match tok.next_token() { Token::Eof => break, Token::StartTag(t) => sum += t.tag as usize + t.attrs.len(), Token::Characters(c) => sum += c.len(), _ => sum += 1 } }
    }
    println!("{sum}");
}
