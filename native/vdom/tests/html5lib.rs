//! html5lib tree-construction conformance: every `.dat` test in the shared test data, parsed as
//! a document or as a fragment in its context, in each scripting mode it applies to, compared
//! with the expected html5lib dump.
//!
//! Every test without parse errors must pass; the rate over all tests (errors included: those
//! are exactly the odd inputs a server renderer must also get right) is printed, with the
//! failures, when run with `--nocapture`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use vdom::dom::{Dom, Ns};
use vdom::dump::dump_html5lib;
use vdom::tree_builder::{parse_document, parse_fragment, FragmentContext, ParseOptions};

/// One test case from a `.dat` file.
#[derive(Clone, Debug)]
struct Case {
    file: String,
    /// 1-based line of its `#data`.
    line: usize,
    data: String,
    /// Number of `#errors` plus `#new-errors` lines.
    errors: usize,
    /// `#document-fragment` context, as written (`td`, `svg path`, ...).
    fragment: Option<String>,
    /// `Some(true)` for `#script-on`, `Some(false)` for `#script-off`, None for both.
    scripting: Option<bool>,
    expected: String,
}

fn data_dir() -> PathBuf {
    // The project root is two levels above native/vdom; the shared test data sits beside it.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/html5lib-tree-construction")
}

/// Splits a `.dat` file into cases. A test ends at an empty line followed by `#data` (or at the
/// end of the file); text nodes may contain empty lines, so a blank line alone does not end one.
fn parse_dat(file: &str, text: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] != "#data" {
            i += 1;
            continue;
        }
        let start_line = i + 1;
        i += 1;
        let mut data = Vec::new();
        while i < lines.len() && lines[i] != "#errors" {
            data.push(lines[i]);
            i += 1;
        }
        i += 1;
        let mut errors = 0;
        let mut fragment = None;
        let mut scripting = None;
        let mut section = "#errors";
        let mut expected = Vec::new();
        while i < lines.len() {
            let l = lines[i];
            if section == "#document" {
                if l.is_empty() && (i + 1 >= lines.len() || lines[i + 1] == "#data") {
                    break;
                }
                expected.push(l);
                i += 1;
                continue;
            }
            match l {
                "#new-errors" | "#document" | "#script-on" | "#script-off" => {
                    section = l;
                    if l == "#script-on" {
                        scripting = Some(true);
                    } else if l == "#script-off" {
                        scripting = Some(false);
                    }
                }
                "#document-fragment" => {
                    i += 1;
                    fragment = lines.get(i).map(|s| s.to_string());
                }
                _ => {
                    if (section == "#errors" || section == "#new-errors") && !l.is_empty() {
                        errors += 1;
                    }
                }
            }
            i += 1;
        }
        let mut expected: String = expected.join("\n");
        expected.push('\n');
        cases.push(Case {
            file: file.to_string(),
            line: start_line,
            data: data.join("\n"),
            errors,
            fragment,
            scripting,
            expected,
        });
    }
    cases
}

fn run_case(case: &Case, scripting: bool) -> Result<String, String> {
    let opts = ParseOptions { scripting, ..ParseOptions::default() };
    match &case.fragment {
        Some(ctx) => {
            let (ns, name) = match ctx.split_once(' ') {
                Some(("svg", n)) => (Ns::Svg, n),
                Some(("math", n)) => (Ns::MathMl, n),
                _ => (Ns::Html, ctx.as_str()),
            };
            let context = FragmentContext { ns, name: name.as_bytes().to_vec() };
            let (dom, root) = parse_fragment(&case.data, &context, &opts).map_err(|e| format!("error: {e:?}"))?;
            Ok(dump_html5lib(&dom, root))
        }
        None => {
            let dom = parse_document(&case.data, &opts).map_err(|e| format!("error: {e:?}"))?;
            Ok(dump_html5lib(&dom, Dom::DOCUMENT))
        }
    }
}

/// Runs one case on its own thread, so a panic or a hang is reported as that case's failure.
fn run_isolated(case: &Case, scripting: bool) -> Result<String, String> {
    let (tx, rx) = mpsc::channel();
    let c = case.clone();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| run_case(&c, scripting));
        let _ = tx.send(r.unwrap_or_else(|_| Err("panicked".to_string())));
    });
    rx.recv_timeout(Duration::from_secs(10)).unwrap_or_else(|_| Err("timed out (hang?)".to_string()))
}

fn short(s: &str, n: usize) -> String {
    let e = format!("{s:?}");
    if e.chars().count() > n {
        format!("{}…", e.chars().take(n).collect::<String>())
    } else {
        e
    }
}

/// The first line where `got` and `want` differ, for a one-line failure summary.
fn first_diff(got: &str, want: &str) -> String {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    for i in 0..g.len().max(w.len()) {
        let (a, b) = (g.get(i).copied().unwrap_or("<end>"), w.get(i).copied().unwrap_or("<end>"));
        if a != b {
            return format!("line {}: got {} want {}", i + 1, short(a, 60), short(b, 60));
        }
    }
    String::new()
}

#[test]
fn html5lib_tree_construction() {
    let dir = data_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "html5lib test data not found at {} ({e}); it belongs in shared/testdata/html5lib-tree-construction beside the project root",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "dat"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .dat files in {}", dir.display());

    let mut cases = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable .dat file");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        cases.extend(parse_dat(&name, &text));
    }

    let (mut passed, mut conforming, mut conforming_passed) = (0, 0, 0);
    // Per scripting mode: (runs, passed).
    let mut per_mode = [(0usize, 0usize); 2];
    let mut failures: Vec<String> = Vec::new();
    let mut conforming_failures: Vec<String> = Vec::new();
    for case in &cases {
        let modes: &[bool] = match case.scripting {
            Some(true) => &[true],
            Some(false) => &[false],
            None => &[true, false],
        };
        let mut ok_all = true;
        for &scripting in modes {
            let result = run_isolated(case, scripting);
            let ok = result.as_deref() == Ok(case.expected.as_str());
            per_mode[scripting as usize].0 += 1;
            if ok {
                per_mode[scripting as usize].1 += 1;
                continue;
            }
            ok_all = false;
            let ctx = case.fragment.as_deref().map(|c| format!(" in <{c}>")).unwrap_or_default();
            let why = match &result {
                Ok(got) => first_diff(got, &case.expected),
                Err(e) => e.clone(),
            };
            let summary = format!(
                "  {}:{} scripting {}{}: {}\n      {}",
                case.file,
                case.line,
                if scripting { "on" } else { "off" },
                ctx,
                short(&case.data, 100),
                why
            );
            if case.errors == 0 {
                conforming_failures.push(format!(
                    "{summary}\n--- want\n{}--- got\n{}",
                    case.expected,
                    result.unwrap_or_else(|e| e)
                ));
            } else {
                failures.push(summary);
            }
        }
        if ok_all {
            passed += 1;
        }
        if case.errors == 0 {
            conforming += 1;
            if ok_all {
                conforming_passed += 1;
            }
        }
    }

    let total = cases.len();
    println!(
        "html5lib: {passed}/{total} passed ({:.1}%), conforming {conforming_passed}/{conforming}",
        100.0 * passed as f64 / total.max(1) as f64
    );
    for (name, (runs, ok)) in [("off", per_mode[0]), ("on", per_mode[1])] {
        println!("  scripting {name}: {ok}/{runs} runs passed");
    }
    if !failures.is_empty() {
        println!("failing tests with parse errors ({}):", failures.len());
        for f in &failures {
            println!("{f}");
        }
    }
    if !conforming_failures.is_empty() {
        println!("failing conforming tests ({}):", conforming_failures.len());
        for f in &conforming_failures {
            println!("{f}");
        }
    }
    assert!(conforming_failures.is_empty(), "{} conforming html5lib tests fail", conforming_failures.len());
}
