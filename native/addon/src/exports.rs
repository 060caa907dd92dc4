//! The functions the addon exports to JavaScript: argument checks, one engine call, result
//! building. `native/index.d.ts` documents them for callers.

use crate::env::{Env, Key, Value};
use crate::error::Failure;
use crate::input;
use crate::sys::napi_callback_info;

/// One exported function: its JavaScript name and body. The table lives in a `static` whose
/// address is the callback data of the JavaScript function, so one trampoline serves them all and
/// there is no mutable state anywhere (each thread's `require` gets its own function objects
/// pointing at the same immutable table).
pub struct Export {
    pub name: &'static str,
    pub run: fn(&mut Env, napi_callback_info) -> Result<Value, Failure>,
}

/// Everything the addon exports, in the order it defines them.
pub static EXPORTS: [Export; 8] = [
    Export { name: "parse", run: parse },
    Export { name: "diff", run: diff },
    Export { name: "dumpSnapshot", run: dump_snapshot },
    Export { name: "dumpHtml", run: dump_html },
    Export { name: "toHtml", run: to_html },
    Export { name: "toJson", run: to_json },
    Export { name: "parseNodes", run: parse_nodes },
    Export { name: "opcodes", run: opcodes },
];

/// `parse(html) → ArrayBuffer`: the snapshot of `html` parsed as a `<div>`'s contents.
fn parse(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [html] = env.args::<1>(info)?;
    let html = input::html(env, html, "parse(html): html")?;
    let snapshot = vdom::parse(&html)?;
    env.create_array_buffer(&snapshot)
}

/// `diff(snapshot, html) → { ops, count, snapshot }`.
fn diff(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [snapshot, html] = env.args::<2>(info)?;
    let snapshot = input::snapshot(env, snapshot, "diff(snapshot, html): snapshot")?;
    let html = input::html(env, html, "diff(snapshot, html): html")?;
    let output = vdom::diff(snapshot, &html)?;
    let result = env.create_object()?;
    let properties = [
        (Key::Static(c"ops"), env.create_string(&output.ops)?),
        (Key::Static(c"count"), env.create_u32(output.op_count)?),
        (Key::Static(c"snapshot"), env.create_array_buffer(&output.snapshot)?),
    ];
    env.define(result, &properties)?;
    Ok(result)
}

/// `dumpSnapshot(snapshot) → string`: the html5lib-style tree dump of a snapshot.
fn dump_snapshot(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [snapshot] = env.args::<1>(info)?;
    let snapshot = input::snapshot(env, snapshot, "dumpSnapshot(snapshot): snapshot")?;
    let dump = vdom::dump_snapshot(snapshot)?;
    env.create_string(&dump)
}

/// `dumpHtml(html, options?) → string`: the html5lib-style tree dump of a parse.
fn dump_html(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [html, options] = env.args::<2>(info)?;
    // Options first: reading them may run getters, which must happen before `html`'s bytes are
    // borrowed (the `&mut Env` it takes makes the other order a compile error).
    let options = input::dump_options(env, options)?;
    let html = input::html(env, html, "dumpHtml(html, options): html")?;
    let dump = vdom::dump_html(&html, options.context.as_deref(), options.scripting)?;
    env.create_string(&dump)
}

/// `toHtml(snapshot) → string`: the HTML serialization of a snapshot.
fn to_html(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [snapshot] = env.args::<1>(info)?;
    let snapshot = input::snapshot(env, snapshot, "toHtml(snapshot): snapshot")?;
    let html = vdom::to_html(snapshot)?;
    env.create_string(&html)
}

/// `toJson(snapshot) → string`: the snapshot's nodes in the ops' JSON node format, for clients
/// that build a container from structure.
fn to_json(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [snapshot] = env.args::<1>(info)?;
    let snapshot = input::snapshot(env, snapshot, "toJson(snapshot): snapshot")?;
    let json = vdom::to_json(snapshot)?;
    env.create_string(&json)
}

/// `parseNodes(html) → string`: `html` parsed as a container's contents, as JSON nodes, with the
/// children of `lv-update` / `lv-stream` containers kept.
fn parse_nodes(env: &mut Env, info: napi_callback_info) -> Result<Value, Failure> {
    let [html] = env.args::<1>(info)?;
    let html = input::html(env, html, "parseNodes(html): html")?;
    let json = vdom::parse_nodes(&html)?;
    env.create_string(&json)
}

/// `opcodes() → Record<string, number>`: the engine's op numbers, so a test can check they match
/// the TypeScript protocol module. A fresh object each call: callers may mutate what they get.
fn opcodes(env: &mut Env, _info: napi_callback_info) -> Result<Value, Failure> {
    let result = env.create_object()?;
    let properties = vdom::OPCODES
        .iter()
        .map(|&(name, number)| Ok((Key::Value(env.create_string(name)?), env.create_u32(number)?)))
        .collect::<Result<Vec<_>, Failure>>()?;
    env.define(result, &properties)?;
    Ok(result)
}
