//! Reads and validates export arguments, producing `TypeError`s that name the argument and what
//! was expected.

use std::borrow::Cow;

use crate::env::{Env, Value};
use crate::error::{Failure, JsError};
use crate::sys;

/// What an `html` argument accepts, for messages.
const HTML_EXPECTED: &str = "a string or a Uint8Array of UTF-8 bytes";
/// What a `snapshot` argument accepts, for messages.
const SNAPSHOT_EXPECTED: &str =
    "an ArrayBuffer or a view over one (Uint8Array, Buffer, other TypedArray or DataView) holding a snapshot returned by parse() or diff()";

/// An `html` argument: a JavaScript string (copied once into Rust as UTF-8) or a `Uint8Array`
/// (borrowed in place, checked to be UTF-8).
pub fn html<'a>(env: &'a Env, value: Value, what: &str) -> Result<Cow<'a, str>, Failure> {
    match env.type_of(value)? {
        sys::NAPI_STRING => Ok(Cow::Owned(env.string_utf8(value)?)),
        sys::NAPI_OBJECT if env.is_typed_array(value)? => {
            let view = env.typed_array(value)?;
            let bytes = match view.bytes {
                Some(bytes) if view.kind == sys::NAPI_UINT8_ARRAY => bytes,
                _ => return Err(JsError::bad_argument(what, HTML_EXPECTED, &describe(env, value)?).into()),
            };
            unshared(env, view.buffer, what, HTML_EXPECTED)?;
            let text = std::str::from_utf8(bytes).map_err(|_| vdom::Error::InvalidUtf8)?;
            Ok(Cow::Borrowed(text))
        }
        _ => Err(JsError::bad_argument(what, HTML_EXPECTED, &describe(env, value)?).into()),
    }
}

/// A `snapshot` argument: the bytes of an `ArrayBuffer`, or of any typed array or `DataView`
/// (honouring its `byteOffset`/`byteLength`, so a slice of Node's shared `Buffer` pool works),
/// borrowed in place.
pub fn snapshot<'a>(env: &'a Env, value: Value, what: &str) -> Result<&'a [u8], Failure> {
    if env.type_of(value)? == sys::NAPI_OBJECT {
        if env.is_array_buffer(value)? {
            not_detached(env, value, what)?;
            return env.array_buffer_bytes(value);
        }
        if env.is_typed_array(value)? {
            let view = env.typed_array(value)?;
            unshared(env, view.buffer, what, SNAPSHOT_EXPECTED)?;
            not_detached(env, view.buffer, what)?;
            if let Some(bytes) = view.bytes {
                return Ok(bytes);
            }
        }
        if env.is_data_view(value)? {
            let view = env.data_view(value)?;
            unshared(env, view.buffer, what, SNAPSHOT_EXPECTED)?;
            not_detached(env, view.buffer, what)?;
            return Ok(view.bytes);
        }
    }
    Err(JsError::bad_argument(what, SNAPSHOT_EXPECTED, &describe(env, value)?).into())
}

/// Options of `dumpHtml`: `{ context?: string, scripting?: boolean }`.
pub struct DumpOptions {
    /// `None` parses a whole document.
    pub context: Option<String>,
    /// Whether the parser's scripting flag is set (browsers: yes, so it defaults to `true`).
    pub scripting: bool,
}

/// Reads `dumpHtml`'s options. Reading properties can run getters, so this takes `&mut Env` and
/// must run before any bytes are borrowed from other arguments (the borrow checker enforces it).
pub fn dump_options(env: &mut Env, value: Value) -> Result<DumpOptions, Failure> {
    let mut options = DumpOptions { context: None, scripting: true };
    match env.type_of(value)? {
        sys::NAPI_UNDEFINED | sys::NAPI_NULL => return Ok(options),
        sys::NAPI_OBJECT if !env.is_array(value)? => {}
        _ => {
            let got = describe(env, value)?;
            return Err(JsError::bad_argument("dumpHtml(html, options): options", "an object or undefined", &got).into());
        }
    }
    let context = env.named_property(value, c"context")?;
    match env.type_of(context)? {
        sys::NAPI_UNDEFINED => {}
        sys::NAPI_STRING => options.context = Some(env.string_utf8(context)?),
        _ => {
            let got = describe(env, context)?;
            let expected = "a string such as \"div\" or \"svg path\", or undefined for a whole document";
            return Err(JsError::bad_argument("dumpHtml(html, options): options.context", expected, &got).into());
        }
    }
    let scripting = env.named_property(value, c"scripting")?;
    match env.type_of(scripting)? {
        sys::NAPI_UNDEFINED => {}
        sys::NAPI_BOOLEAN => options.scripting = env.bool_value(scripting)?,
        _ => {
            let got = describe(env, scripting)?;
            return Err(JsError::bad_argument("dumpHtml(html, options): options.scripting", "a boolean or undefined", &got).into());
        }
    }
    Ok(options)
}

/// Refuses views over a `SharedArrayBuffer`: another thread could write to it while the engine
/// reads, which is a data race (and makes the result meaningless). `napi_is_arraybuffer` is false
/// for shared buffers, which is how they are told apart on Node-API 8.
fn unshared(env: &Env, buffer: Value, what: &str, expected: &str) -> Result<(), Failure> {
    if env.is_array_buffer(buffer)? {
        Ok(())
    } else {
        Err(JsError::bad_argument(what, expected, "a view over a SharedArrayBuffer (copy it into an ArrayBuffer first)").into())
    }
}

/// Refuses a detached buffer with a message that says why it is empty: in liveloom this means a
/// snapshot was already transferred to another thread.
fn not_detached(env: &Env, buffer: Value, what: &str) -> Result<(), Failure> {
    if env.is_detached(buffer)? {
        let got = "a detached ArrayBuffer (it was transferred to another thread; pass the copy that thread returned)";
        Err(JsError::bad_argument(what, SNAPSHOT_EXPECTED, got).into())
    } else {
        Ok(())
    }
}

/// Names a value's type for messages: `a number`, `null`, `an ArrayBuffer`, `a Float64Array`...
fn describe(env: &Env, value: Value) -> Result<String, Failure> {
    let name = match env.type_of(value)? {
        sys::NAPI_UNDEFINED => "undefined",
        sys::NAPI_NULL => "null",
        sys::NAPI_BOOLEAN => "a boolean",
        sys::NAPI_NUMBER => "a number",
        sys::NAPI_STRING => "a string",
        sys::NAPI_SYMBOL => "a symbol",
        sys::NAPI_BIGINT => "a bigint",
        sys::NAPI_FUNCTION => "a function",
        sys::NAPI_EXTERNAL => "an external value",
        _ if env.is_array_buffer(value)? => "an ArrayBuffer",
        _ if env.is_typed_array(value)? => typed_array_name(env.typed_array(value)?.kind),
        _ if env.is_data_view(value)? => "a DataView",
        _ if env.is_array(value)? => "an array",
        // Every other object (including a SharedArrayBuffer, which Node-API 8 cannot name).
        _ => "an object",
    };
    Ok(name.to_owned())
}

fn typed_array_name(kind: sys::napi_typedarray_type) -> &'static str {
    match kind {
        sys::NAPI_INT8_ARRAY => "an Int8Array",
        sys::NAPI_UINT8_ARRAY => "a Uint8Array",
        sys::NAPI_UINT8_CLAMPED_ARRAY => "a Uint8ClampedArray",
        sys::NAPI_INT16_ARRAY => "an Int16Array",
        sys::NAPI_UINT16_ARRAY => "a Uint16Array",
        sys::NAPI_INT32_ARRAY => "an Int32Array",
        sys::NAPI_UINT32_ARRAY => "a Uint32Array",
        sys::NAPI_FLOAT32_ARRAY => "a Float32Array",
        sys::NAPI_FLOAT64_ARRAY => "a Float64Array",
        sys::NAPI_BIGINT64_ARRAY => "a BigInt64Array",
        sys::NAPI_BIGUINT64_ARRAY => "a BigUint64Array",
        _ => "a typed array",
    }
}
