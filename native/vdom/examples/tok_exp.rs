use std::hint::black_box;
use std::time::Instant;
use vdom::token::Token;
use vdom::tokenizer::Tokenizer;
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
fn bench(name: &str, html: &str) {
    let mut n = 0; let mut t = Tokenizer::new(html); while !matches!(t.next_token(), Token::Eof) { n += 1; }
    for _ in 0..300 { black_box(tokenize(black_box(html))); }
    let start = Instant::now(); let iters = 3000;
    for _ in 0..iters { black_box(tokenize(black_box(html))); }
    let per = start.elapsed().as_secs_f64() / iters as f64;
    println!("{name:12} {:6} B {:5} tok {:7.1} µs {:6.0} MB/s {:5.1} ns/tok", html.len(), n, per*1e6, html.len() as f64/per/1e6, per*1e9/n as f64);
}
fn main() {
    let rep = |s: &str| s.repeat(100);
    bench("text", &rep("hello world this is some text ok\n"));
    bench("ws+tags", &rep("<li>\n    <span>\n    </span>\n</li>\n"));
    bench("tags", &rep("<li><span></span></li>"));
    bench("1attr", &rep("<li id=\"item-1\"></li>"));
    bench("3attr", &rep("<li id=\"item-1\" data-id=\"1\" class=\"row\"></li>"));
    bench("unq", &rep("<li id=item-1 data-id=1 class=row></li>"));
    bench("amp", &rep("a &amp; b &lt; c "));
}
