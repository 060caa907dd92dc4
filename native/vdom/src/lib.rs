//! liveloom's VDOM engine, pure Rust with no dependencies and no `unsafe`.
//!
//! HTML (the output of a template for one live container) is parsed exactly as a browser parses it
//! as the contents of a `<div>`, flattened into a compact pre-order tree whose bytes are the
//! session's snapshot, and diffed against the previous snapshot into patch ops encoded as JSON
//! text ready for the wire. See `docs/native.md`.
#![forbid(unsafe_code)]

pub mod atoms;
pub mod diff;
pub mod dom;
pub mod dump;
pub mod error;
pub mod flatten;
pub mod ops;
pub mod serialize;
pub mod token;
pub mod tokenizer;
pub mod tree;
pub mod tree_builder;

pub use error::Error;
pub use ops::OPCODES;

use dom::Ns;
use tree::TreeRef;
use tree_builder::{FragmentContext, ParseOptions};

/// Largest HTML accepted: offsets inside a tree are 32-bit, and decoded text can be slightly
/// longer than its source.
pub const MAX_INPUT: usize = 1 << 30;

/// The result of [`diff`].
#[derive(Debug)]
pub struct DiffOutput {
    /// The ops as a JSON array (see [`ops`]).
    pub ops: String,
    /// How many ops `ops` holds.
    pub op_count: u32,
    /// The new snapshot, to pass as `old_snapshot` next time.
    pub snapshot: Vec<u8>,
}

fn live_context() -> FragmentContext {
    FragmentContext { ns: Ns::Html, name: b"div".to_vec() }
}

/// Parses `html` as the contents of a `<div>` and returns the full flat tree (children of
/// `lv-update` containers included) and whether any such container exists.
fn parse_full(html: &str) -> Result<(Vec<u8>, bool), Error> {
    if html.len() > MAX_INPUT {
        return Err(Error::TooLarge { bytes: html.len() });
    }
    let (dom, root) = tree_builder::parse_fragment(html, &live_context(), &ParseOptions::default())?;
    flatten::flatten(&dom, root, html.len())
}

/// Parses the HTML of one live container into its snapshot.
pub fn parse(html: &str) -> Result<Vec<u8>, Error> {
    let (bytes, unmanaged) = parse_full(html)?;
    Ok(if unmanaged { flatten::strip_unmanaged(&bytes) } else { bytes })
}

/// Diffs the container's previous snapshot against its newly rendered HTML.
pub fn diff(old_snapshot: &[u8], html: &str) -> Result<DiffOutput, Error> {
    let old = TreeRef::new(old_snapshot)?;
    let (bytes, unmanaged) = parse_full(html)?;
    let new = tree::view_own(&bytes);
    let (ops, op_count) = diff::diff_trees(&old, &new).finish();
    let snapshot = if unmanaged { flatten::strip_unmanaged(&bytes) } else { bytes };
    Ok(DiffOutput { ops, op_count, snapshot })
}

/// A readable dump of a snapshot (html5lib style: one node a line, attributes sorted).
pub fn dump_snapshot(snapshot: &[u8]) -> Result<String, Error> {
    Ok(serialize::dump(&TreeRef::new(snapshot)?))
}

/// A snapshot serialized back to HTML.
pub fn to_html(snapshot: &[u8]) -> Result<String, Error> {
    Ok(serialize::to_html(&TreeRef::new(snapshot)?))
}

/// A snapshot's nodes in the ops' JSON node format (`[node, ...]`), for clients that build the
/// container from structure.
pub fn to_json(snapshot: &[u8]) -> Result<String, Error> {
    Ok(serialize::to_json(&TreeRef::new(snapshot)?))
}

/// Parses `html` (as a live container's contents) into the ops' JSON node format, keeping the
/// children of `lv-update` / `lv-stream` containers that a snapshot leaves out: for a render whose
/// nodes go to the client whole (a stream target's content, a fresh mount's container).
pub fn parse_nodes(html: &str) -> Result<String, Error> {
    let (bytes, _) = parse_full(html)?;
    Ok(serialize::to_json(&tree::view_own(&bytes)))
}

/// Parses `html` and dumps the tree in the html5lib tree-construction test format, for the
/// conformance tests and for debugging from JavaScript (`dumpHtml`). `context` is written the
/// html5lib way (`"div"`, `"svg path"`, `"math mi"`); `None` parses a whole document.
pub fn dump_html(html: &str, context: Option<&str>, scripting: bool) -> Result<String, Error> {
    if html.len() > MAX_INPUT {
        return Err(Error::TooLarge { bytes: html.len() });
    }
    let opts = ParseOptions { scripting, ..ParseOptions::default() };
    match context {
        Some(context) => {
            let (ns, name) = match context.split_once(' ') {
                Some(("svg", name)) => (Ns::Svg, name),
                Some(("math", name)) => (Ns::MathMl, name),
                _ => (Ns::Html, context),
            };
            let context = FragmentContext { ns, name: name.as_bytes().to_vec() };
            let (dom, root) = tree_builder::parse_fragment(html, &context, &opts)?;
            Ok(dump::dump_html5lib(&dom, root))
        }
        None => Ok(dump::dump_html5lib(&tree_builder::parse_document(html, &opts)?, dom::Dom::DOCUMENT)),
    }
}
