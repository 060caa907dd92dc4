use std::hint::black_box;
use vdom::token::Token;
use vdom::tokenizer::Tokenizer;
fn main() {
    let html = "<li><span></span></li>".repeat(100);
    let mut sum = 0usize;
    for _ in 0..200000 {
        let mut tok = Tokenizer::new(black_box(&html));
        loop { match tok.next_token() { Token::Eof => break, Token::StartTag(t) => sum += t.tag as usize, _ => sum += 1 } }
    }
    println!("{sum}");
}
