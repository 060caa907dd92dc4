//! Where the time of one event goes inside the engine: `cargo run --release --example pipeline`.
//! Prints µs per stage (best of several rounds) for the 100-row page with one changed row.

use std::hint::black_box;
use std::time::Instant;

use vdom::dom::Ns;
use vdom::tree_builder::{parse_fragment, FragmentContext, ParseOptions};

fn page(changed: Option<usize>) -> String {
    let mut html = String::from("<ul id=\"products\" class=\"items\">\n");
    for i in 0..100 {
        let price = if Some(i) == changed { "$9.99".to_string() } else { format!("${}.00", i + 10) };
        html.push_str(&format!(
            "  <li id=\"item-{i}\" class=\"item\" data-id=\"{i}\" data-category=\"tools\">\n    <span class=\"name\">Item {i} — Deluxe widget</span>\n    <span class=\"price\">{price}</span>\n    <button lv-click=\"add_to_cart\" data-item-id=\"{i}\" data-qty=\"1\" class=\"btn btn-primary\">Add to cart</button>\n  </li>\n"
        ));
    }
    html.push_str("</ul>\n");
    html
}

fn time<F: FnMut()>(mut f: F) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..7 {
        let n = 300;
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
    best
}

fn main() {
    let a = page(None);
    let b = page(Some(57));
    let ctx = FragmentContext { ns: Ns::Html, name: b"div".to_vec() };
    let opts = ParseOptions::default();
    let snap = vdom::parse(&a).unwrap();
    let (dom, root) = parse_fragment(&b, &ctx, &opts).unwrap();
    let (flat, _) = vdom::flatten::flatten(&dom, root, b.len()).unwrap();
    println!("page: {} bytes; snapshot {} bytes", b.len(), snap.len());
    let t_parse = time(|| {
        black_box(parse_fragment(black_box(&b), &ctx, &opts).unwrap());
    });
    let t_flatten = time(|| {
        black_box(vdom::flatten::flatten(&dom, root, b.len()).unwrap());
    });
    let t_validate = time(|| {
        black_box(vdom::tree::TreeRef::new(black_box(&snap)).unwrap());
    });
    let t_diff = time(|| {
        let old = vdom::tree::TreeRef::new(&snap).unwrap();
        let new = vdom::tree::TreeRef::new(&flat).unwrap();
        black_box(vdom::diff::diff_trees(&old, &new).finish());
    });
    let t_all = time(|| {
        black_box(vdom::diff(black_box(&snap), black_box(&b)).unwrap());
    });
    println!("tree construction {t_parse:.1} µs ({:.0} MB/s)", b.len() as f64 / t_parse);
    println!("flatten           {t_flatten:.1} µs");
    println!("validate snapshot {t_validate:.1} µs");
    println!("validate x2 + diff {t_diff:.1} µs");
    println!("vdom::diff total  {t_all:.1} µs ({:.0} MB/s)", b.len() as f64 / t_all);
}
