//! Diff tests over trees built directly (no parser): a model tree, a tiny JSON reader and an op
//! applier that mutates the model with plain vectors (the naive index arithmetic the Fenwick
//! version must agree with), and a naive reference diff that follows the same matching rules with
//! the simplest data structures (linear searches, O(n²) LIS, vector simulation of the children).

use super::diff_trees;
use super::lis::naive_lis_len;
use crate::tree::{Kind, Mode, TreeRef, TreeWriter};

// ---------------------------------------------------------------- model

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum M {
    Text(String),
    Comment(String),
    El { ns: u8, name: String, attrs: Vec<(String, String)>, kids: Vec<M>, mode: u8 },
}

fn el(name: &str, attrs: &[(&str, &str)], kids: Vec<M>) -> M {
    M::El {
        ns: 0,
        name: name.into(),
        attrs: attrs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
        kids,
        mode: 0,
    }
}
fn tx(s: &str) -> M {
    M::Text(s.into())
}

impl M {
    fn key(&self) -> Option<&str> {
        match self {
            M::El { attrs, .. } => {
                let get = |n: &str| attrs.iter().find(|a| a.0 == n).map(|a| a.1.as_str());
                get("lv-key").or(get("data-key")).or(get("id"))
            }
            _ => None,
        }
    }
    fn normalized(&self) -> M {
        match self {
            M::El { ns, name, attrs, kids, mode } => {
                let mut attrs = attrs.clone();
                attrs.sort();
                M::El { ns: *ns, name: name.clone(), attrs, kids: kids.iter().map(M::normalized).collect(), mode: *mode }
            }
            other => other.clone(),
        }
    }
}

pub(crate) fn write(nodes: &[M]) -> Vec<u8> {
    fn go(w: &mut TreeWriter, n: &M) {
        match n {
            M::Text(s) => w.leaf(Kind::Text, s.as_bytes()),
            M::Comment(s) => w.leaf(Kind::Comment, s.as_bytes()),
            M::El { ns, name, attrs, kids, mode } => {
                let mode = match mode {
                    1 => Mode::Ignore,
                    2 => Mode::Append,
                    3 => Mode::Prepend,
                    _ => Mode::Replace,
                };
                let a: Vec<(u8, &[u8], &[u8])> = attrs.iter().map(|(k, v)| (0u8, k.as_bytes(), v.as_bytes())).collect();
                w.open(*ns, mode, name.as_bytes(), a.into_iter()).unwrap();
                for k in kids {
                    go(w, k);
                }
                w.close();
            }
        }
    }
    let mut w = TreeWriter::new(0);
    for n in nodes {
        go(&mut w, n);
    }
    w.finish()
}

// ---------------------------------------------------------------- JSON

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum J {
    N(u64),
    S(String),
    A(Vec<J>),
}

pub(crate) fn parse_json(s: &str) -> J {
    fn value(b: &[u8], i: &mut usize) -> J {
        match b[*i] {
            b'[' => {
                *i += 1;
                let mut v = Vec::new();
                if b[*i] == b']' {
                    *i += 1;
                    return J::A(v);
                }
                loop {
                    v.push(value(b, i));
                    match b[*i] {
                        b',' => *i += 1,
                        b']' => {
                            *i += 1;
                            return J::A(v);
                        }
                        c => panic!("unexpected {}", c as char),
                    }
                }
            }
            b'"' => {
                *i += 1;
                let mut out = Vec::new();
                loop {
                    match b[*i] {
                        b'"' => {
                            *i += 1;
                            return J::S(String::from_utf8(out).unwrap());
                        }
                        b'\\' => {
                            *i += 1;
                            match b[*i] {
                                b'n' => out.push(b'\n'),
                                b't' => out.push(b'\t'),
                                b'r' => out.push(b'\r'),
                                b'u' => {
                                    let h = std::str::from_utf8(&b[*i + 1..*i + 5]).unwrap();
                                    let c = char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap();
                                    out.extend_from_slice(c.to_string().as_bytes());
                                    *i += 4;
                                }
                                c => out.push(c),
                            }
                            *i += 1;
                        }
                        c => {
                            assert!(c >= 0x20, "raw control character in JSON string");
                            out.push(c);
                            *i += 1;
                        }
                    }
                }
            }
            _ => {
                let st = *i;
                while b[*i].is_ascii_digit() {
                    *i += 1;
                }
                J::N(std::str::from_utf8(&b[st..*i]).unwrap().parse().unwrap())
            }
        }
    }
    let mut i = 0;
    let v = value(s.as_bytes(), &mut i);
    assert_eq!(i, s.len(), "trailing bytes in JSON");
    v
}

impl J {
    fn arr(&self) -> &Vec<J> {
        match self {
            J::A(v) => v,
            other => panic!("expected array, got {other:?}"),
        }
    }
    fn num(&self) -> usize {
        match self {
            J::N(n) => *n as usize,
            other => panic!("expected number, got {other:?}"),
        }
    }
    fn str(&self) -> &str {
        match self {
            J::S(s) => s,
            other => panic!("expected string, got {other:?}"),
        }
    }
}

/// The model's `lv-update` mode, written independently of `Mode::of_element`: a valid
/// `lv-update` wins, else an `lv-stream` attribute makes an append container.
fn model_mode(attrs: &[(String, String)]) -> u8 {
    let update = attrs.iter().find(|(n, _)| n == "lv-update").map(|a| a.1.as_str());
    match update {
        Some("ignore") => 1,
        Some("append") => 2,
        Some("prepend") => 3,
        _ if attrs.iter().any(|(n, _)| n == "lv-stream") => 2,
        _ => 0,
    }
}

pub(crate) fn node_from_json(j: &J) -> M {
    match j {
        J::S(s) => M::Text(s.clone()),
        J::A(v) if v[0] == J::S("!".into()) => M::Comment(v[1].str().into()),
        J::A(v) => {
            let attrs: Vec<(String, String)> = v.get(1).map(|a| a.arr().chunks(2).map(|p| (p[0].str().to_string(), p[1].str().to_string())).collect()).unwrap_or_default();
            let kids = v.get(2).map(|k| k.arr().iter().map(node_from_json).collect()).unwrap_or_default();
            let ns = v.get(3).map(|n| n.num() as u8).unwrap_or(0);
            let name = v[0].str().to_string();
            let mode = model_mode(&attrs);
            M::El { ns, name, attrs, kids, mode }
        }
        J::N(_) => panic!("a node cannot be a number"),
    }
}

// ---------------------------------------------------------------- applier

fn children_at<'a>(root: &'a mut Vec<M>, path: &[J]) -> &'a mut Vec<M> {
    let mut cur = root;
    for p in path {
        match &mut cur[p.num()] {
            M::El { kids, .. } => cur = kids,
            other => panic!("path goes through a non-element {other:?}"),
        }
    }
    cur
}

fn node_at<'a>(root: &'a mut Vec<M>, path: &[J]) -> &'a mut M {
    let (last, parent) = path.split_last().expect("empty path for a node op");
    &mut children_at(root, parent)[last.num()]
}

/// Applies ops (JSON) to a model, panicking on any op that does not fit the current tree.
pub(crate) fn apply(dom: &mut Vec<M>, ops: &str) {
    for op in parse_json(ops).arr() {
        let op = op.arr();
        let path = op[1].arr();
        match op[0].num() {
            0 => match node_at(dom, path) {
                M::Text(s) | M::Comment(s) => *s = op[2].str().into(),
                other => panic!("SET_TEXT on {other:?}"),
            },
            1 => match node_at(dom, path) {
                M::El { attrs, mode, .. } => {
                    let (n, v) = (op[2].str(), op[3].str());
                    match attrs.iter_mut().find(|a| a.0 == n) {
                        Some(a) => a.1 = v.into(),
                        None => attrs.push((n.into(), v.into())),
                    }
                    if n == "lv-update" || n == "lv-stream" {
                        *mode = model_mode(attrs);
                    }
                }
                other => panic!("SET_ATTR on {other:?}"),
            },
            2 => match node_at(dom, path) {
                M::El { attrs, mode, .. } => {
                    let before = attrs.len();
                    attrs.retain(|a| a.0 != op[2].str());
                    assert_eq!(attrs.len() + 1, before, "REMOVE_ATTR of a missing attribute");
                    *mode = model_mode(attrs);
                }
                other => panic!("REMOVE_ATTR on {other:?}"),
            },
            3 => *node_at(dom, path) = node_from_json(&op[2]),
            4 => {
                let kids = children_at(dom, path);
                let at = op[2].num();
                assert!(at <= kids.len(), "INSERT past the end");
                kids.insert(at, node_from_json(&op[3]));
            }
            5 => {
                let (last, parent) = path.split_last().unwrap();
                children_at(dom, parent).remove(last.num());
            }
            6 => {
                let kids = children_at(dom, path);
                let n = kids.remove(op[2].num());
                let to = op[3].num();
                assert!(to <= kids.len(), "MOVE past the end");
                kids.insert(to, n);
            }
            7 => {
                let mode = op[2].num();
                let kids = children_at(dom, path);
                let mut at = 0;
                for j in op[3].arr() {
                    let n = node_from_json(j);
                    let id = match &n {
                        M::El { attrs, .. } => attrs.iter().find(|a| a.0 == "id").map(|a| a.1.clone()),
                        _ => None,
                    };
                    let existing = id.and_then(|id| {
                        kids.iter().position(|k| matches!(k, M::El { attrs, .. } if attrs.iter().any(|a| a.0 == "id" && a.1 == id)))
                    });
                    match existing {
                        Some(p) => kids[p] = n,
                        None if mode == 3 => {
                            kids.insert(at, n);
                            at += 1;
                        }
                        None => kids.push(n),
                    }
                }
            }
            other => panic!("unknown opcode {other}"),
        }
    }
}

fn read_back(bytes: &[u8]) -> Vec<M> {
    let t = TreeRef::new(bytes).unwrap();
    let json = crate::serialize::to_json(&t);
    parse_json(&json).arr().iter().map(node_from_json).collect()
}

// ---------------------------------------------------------------- naive reference diff

/// Op counts by opcode.
type Counts = [usize; 8];

fn count_ops(ops: &str) -> Counts {
    let mut c = [0; 8];
    for op in parse_json(ops).arr() {
        c[op.arr()[0].num()] += 1;
    }
    c
}

fn compatible(a: &M, b: &M) -> bool {
    match (a, b) {
        (M::Text(_), M::Text(_)) | (M::Comment(_), M::Comment(_)) => true,
        (M::El { ns: n1, name: a1, .. }, M::El { ns: n2, name: a2, .. }) => n1 == n2 && a1 == a2 && a.key() == b.key(),
        _ => false,
    }
}

fn same_kind(a: &M, b: &M) -> bool {
    match (a, b) {
        (M::Text(_), M::Text(_)) | (M::Comment(_), M::Comment(_)) => true,
        (M::El { ns: n1, name: a1, .. }, M::El { ns: n2, name: a2, .. }) => n1 == n2 && a1 == a2,
        _ => false,
    }
}

/// The reference: same matching rules, naive structures. Returns op counts.
fn naive_diff(old: &[M], new: &[M]) -> Counts {
    let mut c = [0; 8];
    naive_children(old, new, &mut c);
    c
}

fn naive_pair(o: &M, n: &M, force: bool, c: &mut Counts) {
    if force || std::mem::discriminant(o) != std::mem::discriminant(n) {
        c[3] += 1;
        return;
    }
    if o == n {
        return;
    }
    match (o, n) {
        (M::Text(a), M::Text(b)) | (M::Comment(a), M::Comment(b)) => {
            if a != b {
                c[0] += 1;
            }
        }
        (M::El { ns: n1, name: a1, attrs: t1, kids: k1, mode: m1 }, M::El { ns: n2, name: a2, attrs: t2, kids: k2, mode: m2 }) => {
            if n1 != n2 || a1 != a2 || m1 != m2 {
                c[3] += 1;
                return;
            }
            for (k, v) in t2 {
                if t1.iter().find(|a| &a.0 == k).map(|a| &a.1) != Some(v) {
                    c[1] += 1;
                }
            }
            for (k, _) in t1 {
                if !t2.iter().any(|a| &a.0 == k) {
                    c[2] += 1;
                }
            }
            match m2 {
                0 => naive_children(k1, k2, c),
                1 => {}
                _ => {
                    if k2.iter().any(|k| !matches!(k, M::Text(s) if s.bytes().all(|b| b.is_ascii_whitespace()))) {
                        c[7] += 1;
                    }
                }
            }
        }
        _ => unreachable!(),
    }
}

fn naive_children(old: &[M], new: &[M], c: &mut Counts) {
    let (mut lo, mut ho, mut hn) = (0, old.len(), new.len());
    while lo < ho && lo < hn && old[lo] == new[lo] {
        lo += 1;
    }
    while ho > lo && hn > lo && old[ho - 1] == new[hn - 1] {
        ho -= 1;
        hn -= 1;
    }
    let mut pairs = Vec::new();
    while lo < ho && lo < hn && compatible(&old[lo], &new[lo]) {
        pairs.push((lo, lo, false));
        lo += 1;
    }
    while ho > lo && hn > lo && compatible(&old[ho - 1], &new[hn - 1]) {
        ho -= 1;
        hn -= 1;
        pairs.push((ho, hn, false));
    }
    let (om, nm) = (&old[lo..ho], &new[lo..hn]);
    let count = |list: &[M], k: &str| list.iter().filter(|x| x.key() == Some(k)).count();
    let old_keyed = |x: &M| x.key().is_some_and(|k| count(om, k) == 1);
    let new_keyed = |x: &M| x.key().is_some_and(|k| count(nm, k) == 1);
    let mut src: Vec<Option<(usize, bool)>> = vec![None; nm.len()];
    let mut used = vec![false; om.len()];
    for (j, x) in nm.iter().enumerate() {
        if new_keyed(x) {
            if let Some(i) = om.iter().position(|y| y.key() == x.key()) {
                if old_keyed(&om[i]) && compatible(&om[i], x) {
                    src[j] = Some((i, false));
                    used[i] = true;
                }
            }
        }
    }
    let op: Vec<usize> = (0..om.len()).filter(|&i| !old_keyed(&om[i])).collect();
    let np: Vec<usize> = (0..nm.len()).filter(|&j| !new_keyed(&nm[j])).collect();
    for (&i, &j) in op.iter().zip(&np) {
        src[j] = Some((i, !same_kind(&om[i], &nm[j])));
        used[i] = true;
    }
    c[5] += used.iter().filter(|u| !**u).count();
    c[4] += src.iter().filter(|s| s.is_none()).count();
    let kept: Vec<usize> = (0..om.len()).filter(|&i| used[i]).collect();
    let seq: Vec<Option<u32>> = src.iter().map(|s| s.map(|(i, _)| kept.iter().position(|&k| k == i).unwrap() as u32)).collect();
    c[6] += kept.len() - naive_lis_len(&seq);
    for (j, s) in src.iter().enumerate() {
        if let Some((i, f)) = s {
            pairs.push((lo + i, lo + j, *f));
        }
    }
    for (i, j, f) in pairs {
        naive_pair(&old[i], &new[j], f, c);
    }
}

// ---------------------------------------------------------------- random trees

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

const TAGS: &[&str] = &["div", "span", "li", "p", "b", "tr", "td", "svg"];
const TEXTS: &[&str] = &["", " ", "\n  ", "a", "b", "héllo \"q\" \\", "x<y>&z", "\u{1}\t"];

fn rand_node(r: &mut Rng, depth: usize, next_key: &mut usize) -> M {
    match r.below(10) {
        0..=2 => M::Text(TEXTS[r.below(TEXTS.len())].to_string()),
        3 => M::Comment(TEXTS[r.below(TEXTS.len())].to_string()),
        _ => {
            let mut attrs = Vec::new();
            if r.chance(50) {
                let key_attr = ["id", "data-key", "lv-key"][r.below(3)];
                // Mostly unique keys, sometimes a duplicate.
                let k = if r.chance(10) { 0 } else { *next_key += 1; *next_key };
                attrs.push((key_attr.to_string(), format!("k{k}")));
            }
            if r.chance(40) {
                attrs.push(("class".to_string(), TEXTS[r.below(TEXTS.len())].to_string()));
            }
            let n = if depth > 3 { 0 } else { r.below(6) };
            let kids = (0..n).map(|_| rand_node(r, depth + 1, next_key)).collect();
            let ns = if r.chance(5) { 1 } else { 0 };
            M::El { ns, name: TAGS[r.below(TAGS.len())].to_string(), attrs, kids, mode: 0 }
        }
    }
}

fn mutate_list(r: &mut Rng, list: &mut Vec<M>, depth: usize, next_key: &mut usize) {
    for _ in 0..r.below(4) {
        match r.below(9) {
            0 if !list.is_empty() => {
                let i = r.below(list.len());
                list.remove(i);
            }
            1 => {
                let i = r.below(list.len() + 1);
                let n = rand_node(r, depth, next_key);
                list.insert(i, n);
            }
            2 if list.len() > 1 => {
                let (a, b) = (r.below(list.len()), r.below(list.len()));
                list.swap(a, b);
            }
            3 => list.reverse(),
            4 if !list.is_empty() => {
                let i = r.below(list.len());
                let n = list.remove(i);
                let j = r.below(list.len() + 1);
                list.insert(j, n);
            }
            _ => {}
        }
    }
    for n in list.iter_mut() {
        match n {
            M::Text(s) | M::Comment(s) if r.chance(15) => *s = TEXTS[r.below(TEXTS.len())].to_string(),
            M::El { attrs, kids, name, .. } => {
                if r.chance(10) {
                    attrs.push(("title".into(), "t".into()));
                }
                if r.chance(10) && !attrs.is_empty() {
                    let i = r.below(attrs.len());
                    attrs.remove(i);
                }
                if r.chance(5) {
                    *name = TAGS[r.below(TAGS.len())].to_string();
                }
                if r.chance(60) {
                    mutate_list(r, kids, depth + 1, next_key);
                }
            }
            _ => {}
        }
    }
    // Adjacent text nodes cannot come out of a parser; drop empty ones and merge neighbours so
    // the model stays a tree a browser could hold.
    normalize(list);
}

fn normalize(list: &mut Vec<M>) {
    let mut out: Vec<M> = Vec::with_capacity(list.len());
    for n in list.drain(..) {
        match (out.last_mut(), n) {
            (_, M::Text(s)) if s.is_empty() => {}
            (Some(M::Text(a)), M::Text(b)) => a.push_str(&b),
            (_, mut n) => {
                if let M::El { kids, .. } = &mut n {
                    normalize(kids);
                }
                out.push(n)
            }
        }
    }
    *list = out;
}

fn check(a: &[M], b: &[M]) -> (String, Counts) {
    let (sa, sb) = (write(a), write(b));
    let old = TreeRef::new(&sa).unwrap();
    let new = TreeRef::new(&sb).unwrap();
    let (ops, n) = diff_trees(&old, &new).finish();
    let counts = count_ops(&ops);
    assert_eq!(counts.iter().sum::<usize>(), n as usize);
    let mut dom = read_back(&sa);
    apply(&mut dom, &ops);
    let got: Vec<M> = dom.iter().map(M::normalized).collect();
    let want: Vec<M> = read_back(&sb).iter().map(M::normalized).collect();
    assert_eq!(got, want, "ops {ops} did not turn A into B");
    (ops, counts)
}

// ---------------------------------------------------------------- tests

#[test]
fn random_pairs_apply_exactly_and_agree_with_the_naive_reference() {
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    for round in 0..3000 {
        let mut next_key = 0;
        let n = r.below(8);
        let mut a: Vec<M> = (0..n).map(|_| rand_node(&mut r, 0, &mut next_key)).collect();
        normalize(&mut a);
        let b = if round % 10 == 0 {
            let mut b: Vec<M> = (0..r.below(8)).map(|_| rand_node(&mut r, 0, &mut next_key)).collect();
            normalize(&mut b);
            b
        } else {
            let mut b = a.clone();
            mutate_list(&mut r, &mut b, 0, &mut next_key);
            b
        };
        let (ops, counts) = check(&a, &b);
        assert_eq!(counts, naive_diff(&a, &b), "round {round}: ops {ops}");
        if a == b {
            assert_eq!(ops, "[]");
        }
    }
}

fn rows(n: usize, price_of: impl Fn(usize) -> String) -> Vec<M> {
    let mut kids = vec![tx("\n")];
    for i in 0..n {
        let id = format!("item-{i}");
        kids.push(el(
            "li",
            &[("id", &id), ("class", "row")],
            vec![
                el("span", &[("class", "name")], vec![tx(&format!("Item {i}"))]),
                tx(" "),
                el("span", &[("class", "price")], vec![tx(&price_of(i))]),
                el("button", &[("lv-click", "buy"), ("data-id", &i.to_string())], vec![tx("Buy")]),
            ],
        ));
        kids.push(tx("\n"));
    }
    vec![el("ul", &[("id", "list")], kids)]
}

#[test]
fn one_changed_row_of_500_is_one_set_text_op() {
    let a = rows(500, |i| format!("${i}.00"));
    let b = rows(500, |i| if i == 321 { "$9.99".into() } else { format!("${i}.00") });
    let (ops, _) = check(&a, &b);
    // ul is child 0; row 321 is child 1 + 2*321 of ul; price span is child 2; its text is child 0.
    assert_eq!(ops, "[[0,[0,643,2,0],\"$9.99\"]]");
}

#[test]
fn no_change_is_zero_ops() {
    let a = rows(100, |i| format!("{i}"));
    assert_eq!(check(&a, &a.clone()).0, "[]");
}

#[test]
fn reversing_100_keyed_rows_is_moves_only_and_minimal() {
    let a = rows(100, |i| format!("{i}"));
    let mut b = a.clone();
    if let M::El { kids, .. } = &mut b[0] {
        // Reverse the rows but keep the whitespace between them where it is.
        let mut li: Vec<M> = kids.iter().filter(|k| matches!(k, M::El { .. })).cloned().collect();
        li.reverse();
        let mut it = li.into_iter();
        for k in kids.iter_mut() {
            if matches!(k, M::El { .. }) {
                *k = it.next().unwrap();
            }
        }
    }
    let (ops, counts) = check(&a, &b);
    // The 99 whitespace nodes between rows pair in order and stay (they are the longest
    // increasing run); each of the 100 rows moves once.
    assert_eq!(counts[6], 100, "{ops}");
    assert_eq!(counts.iter().sum::<usize>(), 100);
}

#[test]
fn keyed_permutations_move_exactly_n_minus_lis() {
    let mut r = Rng(77);
    for _ in 0..200 {
        let n = 1 + r.below(40);
        let a: Vec<M> = (0..n).map(|i| el("li", &[("data-key", &i.to_string())], vec![tx(&i.to_string())])).collect();
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            perm.swap(i, r.below(i + 1));
        }
        let b: Vec<M> = perm.iter().map(|&i| a[i].clone()).collect();
        let (_, counts) = check(&a, &b);
        let seq: Vec<Option<u32>> = perm.iter().map(|&i| Some(i as u32)).collect();
        assert_eq!(counts[6], n - naive_lis_len(&seq));
        assert_eq!(counts.iter().sum::<usize>(), counts[6]);
    }
}

#[test]
fn inserting_a_row_in_the_middle_inserts_the_row_and_its_whitespace() {
    let a = rows(100, |i| format!("{i}"));
    let mut b = a.clone();
    if let M::El { kids, .. } = &mut b[0] {
        kids.insert(101, el("li", &[("id", "new")], vec![tx("new")]));
        kids.insert(102, tx("\n"));
    }
    let (ops, counts) = check(&a, &b);
    assert_eq!(counts[4], 2, "{ops}");
    assert_eq!(counts.iter().sum::<usize>(), 2);
    // Placed right to left: the whitespace after the row first, then the row before it.
    assert_eq!(ops, "[[4,[0],101,\"\\n\"],[4,[0],101,[\"li\",[\"id\",\"new\"],[\"new\"]]]]");
}

#[test]
fn element_of_another_name_is_replaced_and_attributes_are_set_and_removed() {
    let a = vec![el("div", &[("a", "1"), ("b", "2")], vec![tx("x")]), el("p", &[], vec![])];
    let b = vec![el("div", &[("a", "1"), ("c", "3")], vec![tx("y")]), el("section", &[], vec![])];
    let (ops, _) = check(&a, &b);
    assert_eq!(ops, "[[1,[0],\"c\",\"3\"],[2,[0],\"b\"],[0,[0,0],\"y\"],[3,[1],[\"section\"]]]");
}

#[test]
fn namespaced_nodes_and_comments_are_encoded_structurally() {
    let svg = M::El { ns: 1, name: "svg".into(), attrs: vec![("viewBox".into(), "0 0 1 1".into())], kids: vec![], mode: 0 };
    let a = vec![tx("a")];
    let b = vec![M::Comment("c".into()), svg];
    let (ops, _) = check(&a, &b);
    assert_eq!(ops, "[[4,[],1,[\"svg\",[\"viewBox\",\"0 0 1 1\"],[],1]],[3,[0],[\"!\",\"c\"]]]");
}

fn with_mode(m: M, mode: u8, value: &str) -> M {
    match m {
        M::El { ns, name, mut attrs, kids, .. } => {
            attrs.push(("lv-update".into(), value.into()));
            M::El { ns, name, attrs, kids, mode }
        }
        other => other,
    }
}

#[test]
fn append_and_prepend_containers_send_only_rendered_children_and_keep_none() {
    let msg = |id: &str| el("p", &[("id", id)], vec![tx(id)]);
    for (mode, value) in [(2u8, "append"), (3u8, "prepend")] {
        let first = vec![with_mode(el("div", &[], vec![msg("m1"), tx("\n"), msg("m2")]), mode, value)];
        // The first render's snapshot keeps the container but not its children.
        let snap = crate::flatten::strip_unmanaged(&write(&first));
        let t = TreeRef::new(&snap).unwrap();
        assert_eq!(t.len(), 2);
        let second = vec![with_mode(el("div", &[], vec![msg("m3"), tx("\n"), msg("m1")]), mode, value)];
        let full = write(&second);
        let (ops, _) = diff_trees(&t, &TreeRef::new(&full).unwrap()).finish();
        assert_eq!(
            ops,
            format!("[[7,[0],{mode},[[\"p\",[\"id\",\"m3\"],[\"m3\"]],[\"p\",[\"id\",\"m1\"],[\"m1\"]]]]]")
        );
        // What the browser holds after applying: rendered m1 replaced in place, m3 added.
        let mut dom = read_back(&write(&first));
        apply(&mut dom, &ops);
        let M::El { kids, .. } = &dom[0] else { panic!() };
        let ids: Vec<String> = kids
            .iter()
            .map(|k| match k {
                M::El { kids, .. } => format!("{:?}", kids[0]),
                M::Text(_) => "ws".into(),
                M::Comment(_) => "c".into(),
            })
            .collect();
        let expect = if mode == 2 {
            vec!["Text(\"m1\")", "ws", "Text(\"m2\")", "Text(\"m3\")"]
        } else {
            vec!["Text(\"m3\")", "Text(\"m1\")", "ws", "Text(\"m2\")"]
        };
        assert_eq!(ids, expect);
        // No rendered children: no op at all.
        let empty = vec![with_mode(el("div", &[], vec![tx("\n")]), mode, value)];
        let (ops, _) = diff_trees(&t, &TreeRef::new(&write(&empty)).unwrap()).finish();
        assert_eq!(ops, "[]");
    }
}

#[test]
fn ignored_containers_diff_attributes_only_and_mode_changes_replace() {
    let first = vec![with_mode(el("div", &[("class", "a")], vec![tx("one")]), 1, "ignore")];
    let snap = crate::flatten::strip_unmanaged(&write(&first));
    let t = TreeRef::new(&snap).unwrap();
    let second = vec![with_mode(el("div", &[("class", "b")], vec![tx("two")]), 1, "ignore")];
    let (ops, _) = diff_trees(&t, &TreeRef::new(&write(&second)).unwrap()).finish();
    assert_eq!(ops, "[[1,[0],\"class\",\"b\"]]");
    let plain = vec![el("div", &[("class", "b")], vec![tx("two")])];
    let (ops, _) = diff_trees(&t, &TreeRef::new(&write(&plain)).unwrap()).finish();
    assert_eq!(ops, "[[3,[0],[\"div\",[\"class\",\"b\"],[\"two\"]]]]");
}

#[test]
fn many_attributes_take_the_hashed_path() {
    let many = |skip: usize, val: &str| -> M {
        let attrs: Vec<(String, String)> = (0..2000).filter(|&i| i != skip).map(|i| (format!("a{i}"), if i == 7 { val.to_string() } else { "v".into() })).collect();
        M::El { ns: 0, name: "div".into(), attrs, kids: vec![], mode: 0 }
    };
    let (ops, counts) = check(&[many(5, "v")], &[many(9, "w")]);
    assert_eq!(counts[1], 2, "{ops}");
    assert_eq!(counts[2], 1, "{ops}");
}

#[test]
fn lv_stream_elements_are_append_containers_unless_lv_update_says_otherwise() {
    use crate::tree::Mode;
    assert_eq!(Mode::of_element(None, true), Mode::Append);
    assert_eq!(Mode::of_element(Some(b"ignore"), true), Mode::Ignore);
    assert_eq!(Mode::of_element(Some(b"prepend"), true), Mode::Prepend);
    assert_eq!(Mode::of_element(Some(b"nonsense"), true), Mode::Append);
    assert_eq!(Mode::of_element(None, false), Mode::Replace);
    // Through parse and diff: the container keeps no children; each render's children are sent.
    let first = crate::parse("<ul lv-stream=\"m\"><li id=\"a\">A</li></ul><p>1</p>").unwrap();
    let out = crate::diff(&first, "<ul lv-stream=\"m\">\n<li id=\"b\">B</li>\n</ul><p>2</p>").unwrap();
    assert_eq!(out.ops, "[[7,[0],2,[[\"li\",[\"id\",\"b\"],[\"B\"]]]],[0,[1,0],\"2\"]]");
    // A text target rendered empty never gets ops, whatever the client streamed into it.
    let target = crate::parse("<div lv-stream=\"answer\"></div>").unwrap();
    assert_eq!(crate::diff(&target, "<div lv-stream=\"answer\"></div>").unwrap().ops, "[]");
}
