//! A safe view of one Node-API call: the only module (besides the entry trampoline in `lib.rs`)
//! that dereferences Node-API pointers.
//!
//! An [`Env`] is created for a single call from JavaScript and dropped when it returns. Byte
//! slices borrowed from `ArrayBuffer`s live as long as a shared borrow of the `Env`. They stay valid
//! because nothing can detach or resize a buffer unless JavaScript runs, and the only method here
//! that can run JavaScript ([`Env::named_property`], which may hit a getter or a proxy) takes
//! `&mut self`: the borrow checker rules out calling it while any borrowed bytes are alive. Results
//! are built with `napi_define_properties`, which defines own data properties without running
//! setters, so building them runs no JavaScript either.
//!
//! Every method returns `Failure::Napi` on a non-ok status instead of panicking: when a worker is
//! terminated mid-call, Node starts failing calls (`napi_pending_exception`/`napi_cannot_run_js`),
//! and the addon must simply unwind back to Node.

use std::ffi::{c_void, CStr};
use std::ptr;

use crate::error::{ErrorKind, Failure, JsError};
use crate::sys::{self, napi_env, napi_status, napi_value};

/// A JavaScript value handle, valid for the current call.
pub type Value = napi_value;

/// The Node-API environment of one call from JavaScript. Deliberately neither `Copy` nor `Clone`
/// (see the module comment).
pub struct Env {
    raw: napi_env,
}

/// What `napi_get_typedarray_info` reports, with the bytes already sliced to the view.
pub struct TypedArray<'a> {
    pub kind: sys::napi_typedarray_type,
    /// `None` for an element type this addon does not know (a newer Node may add one).
    pub bytes: Option<&'a [u8]>,
    pub buffer: Value,
}

/// What `napi_get_dataview_info` reports, with the bytes already sliced to the view.
pub struct DataView<'a> {
    pub bytes: &'a [u8],
    pub buffer: Value,
}

fn check(call: &'static str, status: napi_status) -> Result<(), Failure> {
    if status == sys::NAPI_OK {
        Ok(())
    } else {
        Err(Failure::Napi { call, status })
    }
}

/// Builds a slice from memory Node-API described, treating a null pointer (which Node reports for
/// empty and detached buffers) as empty.
///
/// # Safety
/// When `data` is non-null it must point to `len` initialized bytes that stay valid and unmodified
/// for `'a`.
unsafe fn bytes_from<'a>(data: *mut c_void, len: usize) -> &'a [u8] {
    if data.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: non-null and `len` bytes valid for `'a`, as this function's contract requires.
        unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) }
    }
}

impl Env {
    /// Wraps the environment Node passed to a callback.
    ///
    /// # Safety
    /// `raw` must be the `napi_env` of the call currently running on this thread, and the returned
    /// `Env` must be dropped before that call returns.
    pub unsafe fn from_raw(raw: napi_env) -> Self {
        Env { raw }
    }

    /// Reads up to `N` arguments; missing ones are `undefined` (Node-API fills them in).
    pub fn args<const N: usize>(&self, info: sys::napi_callback_info) -> Result<[Value; N], Failure> {
        let mut argv = [ptr::null_mut(); N];
        let mut argc = N;
        // SAFETY: `info` is this call's callback info; `argv` has room for `argc` handles and Node
        // writes at most that many; `this` and `data` are not requested (null is allowed).
        let status = unsafe {
            sys::napi_get_cb_info(self.raw, info, &mut argc, argv.as_mut_ptr(), ptr::null_mut(), ptr::null_mut())
        };
        check("napi_get_cb_info", status)?;
        Ok(argv)
    }

    /// The `data` pointer a function was created with.
    pub fn callback_data(&self, info: sys::napi_callback_info) -> Result<*mut c_void, Failure> {
        let mut data = ptr::null_mut();
        // SAFETY: `info` is this call's callback info; only `data` is requested, the rest are null.
        let status = unsafe {
            sys::napi_get_cb_info(self.raw, info, ptr::null_mut(), ptr::null_mut(), ptr::null_mut(), &mut data)
        };
        check("napi_get_cb_info", status)?;
        Ok(data)
    }

    /// `typeof value`, as a `napi_valuetype`.
    pub fn type_of(&self, value: Value) -> Result<sys::napi_valuetype, Failure> {
        let mut kind = sys::NAPI_UNDEFINED;
        // SAFETY: `value` is a live handle of this call; `kind` is a valid out-pointer.
        check("napi_typeof", unsafe { sys::napi_typeof(self.raw, value, &mut kind) })?;
        Ok(kind)
    }

    /// Runs one of the `napi_is_*` predicates.
    fn is(
        &self,
        call: &'static str,
        predicate: unsafe extern "C" fn(napi_env, napi_value, *mut bool) -> napi_status,
        value: Value,
    ) -> Result<bool, Failure> {
        let mut answer = false;
        // SAFETY: every predicate passed here has the `(env, value, *mut bool)` shape declared in
        // `sys`, accepts any value, and writes only `answer`.
        check(call, unsafe { predicate(self.raw, value, &mut answer) })?;
        Ok(answer)
    }

    pub fn is_array(&self, value: Value) -> Result<bool, Failure> {
        self.is("napi_is_array", sys::napi_is_array, value)
    }

    /// True for an `ArrayBuffer`; false for a `SharedArrayBuffer` and everything else.
    pub fn is_array_buffer(&self, value: Value) -> Result<bool, Failure> {
        self.is("napi_is_arraybuffer", sys::napi_is_arraybuffer, value)
    }

    pub fn is_detached(&self, array_buffer: Value) -> Result<bool, Failure> {
        self.is("napi_is_detached_arraybuffer", sys::napi_is_detached_arraybuffer, array_buffer)
    }

    pub fn is_typed_array(&self, value: Value) -> Result<bool, Failure> {
        self.is("napi_is_typedarray", sys::napi_is_typedarray, value)
    }

    pub fn is_data_view(&self, value: Value) -> Result<bool, Failure> {
        self.is("napi_is_dataview", sys::napi_is_dataview, value)
    }

    /// A boolean's value (the caller has checked the type).
    pub fn bool_value(&self, value: Value) -> Result<bool, Failure> {
        let mut answer = false;
        // SAFETY: `value` is a live handle; `answer` is a valid out-pointer.
        check("napi_get_value_bool", unsafe { sys::napi_get_value_bool(self.raw, value, &mut answer) })?;
        Ok(answer)
    }

    /// A string's UTF-8 bytes, written by V8 straight into the buffer that is returned (lone
    /// surrogates become U+FFFD, as when a browser encodes them).
    pub fn string_utf8(&self, value: Value) -> Result<String, Failure> {
        let bytes = self.string_bytes(value)?;
        // Node writes valid UTF-8, so this check never fails in practice; it costs a fast scan and
        // keeps one more `unsafe` out of the addon.
        String::from_utf8(bytes).map_err(|_| vdom::Error::InvalidUtf8.into())
    }

    /// One pass over the string: the buffer is sized from the UTF-16 length (which V8 knows
    /// without scanning) at the 3-bytes-per-unit worst case, instead of first asking for the exact
    /// UTF-8 length, which costs a full extra scan. Measured on a 26 KB ASCII page: ~2.5 µs
    /// instead of ~6 µs (`Buffer.from(string)` takes ~6.6 µs). The over-allocation is transient.
    fn string_bytes(&self, value: Value) -> Result<Vec<u8>, Failure> {
        let mut units = 0usize;
        // SAFETY: a null buffer asks only for the length in UTF-16 code units, written to `units`.
        let status = unsafe { sys::napi_get_value_string_utf16(self.raw, value, ptr::null_mut(), 0, &mut units) };
        check("napi_get_value_string_utf16", status)?;
        // Every UTF-16 unit becomes at most 3 UTF-8 bytes (a surrogate pair, 2 units, becomes 4),
        // plus the terminator Node always writes. Node hands the size to V8 as an `int`; V8 caps
        // strings at 2^29 units, so this fits, but refuse rather than truncate if that ever changes.
        let capacity = units.saturating_mul(3).saturating_add(1);
        if capacity > i32::MAX as usize {
            return Err(vdom::Error::TooLarge { bytes: units }.into());
        }
        let mut buf: Vec<u8> = Vec::with_capacity(capacity);
        let mut written = 0usize;
        // SAFETY: `buf` owns `capacity` bytes and that is the size passed, so Node writes at most
        // `capacity - 1` bytes plus the terminator into it; `written` excludes the terminator.
        let status = unsafe {
            sys::napi_get_value_string_utf8(self.raw, value, buf.as_mut_ptr().cast(), capacity, &mut written)
        };
        check("napi_get_value_string_utf8", status)?;
        // SAFETY: Node initialized the first `written` bytes, and `written < capacity`.
        unsafe { buf.set_len(written.min(capacity - 1)) };
        Ok(buf)
    }

    /// The bytes of an `ArrayBuffer` (empty when detached: check [`Env::is_detached`] first).
    pub fn array_buffer_bytes(&self, array_buffer: Value) -> Result<&[u8], Failure> {
        let mut data = ptr::null_mut();
        let mut len = 0usize;
        // SAFETY: `array_buffer` is a live handle the caller checked with `is_array_buffer`; the
        // out-pointers are valid.
        let status = unsafe { sys::napi_get_arraybuffer_info(self.raw, array_buffer, &mut data, &mut len) };
        check("napi_get_arraybuffer_info", status)?;
        // SAFETY: Node reports the buffer's own memory and length; it stays valid while `self` is
        // shared-borrowed because no JavaScript can run meanwhile (see the module comment).
        Ok(unsafe { bytes_from(data, len) })
    }

    /// The element type, bytes (honouring `byteOffset` and `byteLength`) and buffer of a typed array.
    pub fn typed_array(&self, value: Value) -> Result<TypedArray<'_>, Failure> {
        let mut kind = sys::NAPI_UINT8_ARRAY;
        let mut length = 0usize;
        let mut data = ptr::null_mut();
        let mut buffer = ptr::null_mut();
        let mut offset = 0usize;
        // SAFETY: `value` is a live handle the caller checked with `is_typed_array`; all
        // out-pointers are valid.
        let status = unsafe {
            sys::napi_get_typedarray_info(self.raw, value, &mut kind, &mut length, &mut data, &mut buffer, &mut offset)
        };
        check("napi_get_typedarray_info", status)?;
        // `length` counts elements; `data` already points at `byteOffset` within the buffer.
        let bytes = element_size(kind).map(|size| {
            // SAFETY: Node reports the view's own memory (already adjusted by the offset), and
            // `length` elements of `size` bytes lie inside its buffer; it stays valid while `self`
            // is shared-borrowed because no JavaScript can run meanwhile.
            unsafe { bytes_from(data, length * size) }
        });
        Ok(TypedArray { kind, bytes, buffer })
    }

    /// The bytes (honouring `byteOffset` and `byteLength`) and buffer of a `DataView`.
    pub fn data_view(&self, value: Value) -> Result<DataView<'_>, Failure> {
        let mut len = 0usize;
        let mut data = ptr::null_mut();
        let mut buffer = ptr::null_mut();
        let mut offset = 0usize;
        // SAFETY: `value` is a live handle the caller checked with `is_data_view`; all out-pointers
        // are valid.
        let status =
            unsafe { sys::napi_get_dataview_info(self.raw, value, &mut len, &mut data, &mut buffer, &mut offset) };
        check("napi_get_dataview_info", status)?;
        // SAFETY: as for typed arrays: Node's own pointer (already offset) and byte length, valid
        // while `self` is shared-borrowed.
        Ok(DataView { bytes: unsafe { bytes_from(data, len) }, buffer })
    }

    /// `object[name]`. May run JavaScript (a getter, a proxy trap), which could detach a buffer,
    /// hence `&mut self`: no borrowed bytes can be alive across it.
    pub fn named_property(&mut self, object: Value, name: &CStr) -> Result<Value, Failure> {
        let mut result = ptr::null_mut();
        // SAFETY: `object` is a live handle of an object; `name` is NUL-terminated.
        let status = unsafe { sys::napi_get_named_property(self.raw, object, name.as_ptr(), &mut result) };
        check("napi_get_named_property", status)?;
        Ok(result)
    }

    pub fn create_object(&self) -> Result<Value, Failure> {
        let mut result = ptr::null_mut();
        // SAFETY: `result` is a valid out-pointer.
        check("napi_create_object", unsafe { sys::napi_create_object(self.raw, &mut result) })?;
        Ok(result)
    }

    pub fn create_u32(&self, value: u32) -> Result<Value, Failure> {
        let mut result = ptr::null_mut();
        // SAFETY: `result` is a valid out-pointer.
        check("napi_create_uint32", unsafe { sys::napi_create_uint32(self.raw, value, &mut result) })?;
        Ok(result)
    }

    /// A JavaScript string from UTF-8 text (Node copies it).
    pub fn create_string(&self, text: &str) -> Result<Value, Failure> {
        let mut result = ptr::null_mut();
        // SAFETY: `text` points to `text.len()` bytes of valid UTF-8; an explicit length means no
        // terminator is needed.
        let status =
            unsafe { sys::napi_create_string_utf8(self.raw, text.as_ptr().cast(), text.len(), &mut result) };
        check("napi_create_string_utf8", status)?;
        Ok(result)
    }

    /// A fresh V8-owned `ArrayBuffer` holding a copy of `bytes`.
    ///
    /// Deliberately not `napi_create_external_arraybuffer` over the Rust `Vec`: Node marks external
    /// buffers as not detachable, so `postMessage(buf, [buf])` silently *copies* them instead of
    /// moving them (measured on Node 20: the sender's buffer stays intact). Snapshots travel
    /// between the gateway and a worker on every event, so they must be plain V8 buffers, which
    /// transfer for free; copying one here once costs about as much as a `memcpy`.
    pub fn create_array_buffer(&self, bytes: &[u8]) -> Result<Value, Failure> {
        let mut data = ptr::null_mut();
        let mut result = ptr::null_mut();
        // SAFETY: the out-pointers are valid; Node allocates `bytes.len()` bytes.
        let status = unsafe { sys::napi_create_arraybuffer(self.raw, bytes.len(), &mut data, &mut result) };
        check("napi_create_arraybuffer", status)?;
        if !bytes.is_empty() && !data.is_null() {
            // SAFETY: `data` points to the `bytes.len()` bytes Node just allocated for a buffer no
            // one else can see yet, so the regions cannot overlap.
            unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), data.cast::<u8>(), bytes.len()) };
        }
        Ok(result)
    }

    /// Defines plain data properties (`writable`, `enumerable`, `configurable`) on `object`.
    ///
    /// `napi_define_properties` defines own properties instead of assigning them, so setters an app
    /// may have put on `Object.prototype` never run (and no JavaScript runs at all).
    pub fn define(&self, object: Value, properties: &[(Key<'_>, Value)]) -> Result<(), Failure> {
        let descriptors: Vec<sys::napi_property_descriptor> = properties
            .iter()
            .map(|&(key, value)| {
                let (utf8name, name) = match key {
                    Key::Static(name) => (name.as_ptr(), ptr::null_mut()),
                    Key::Value(name) => (ptr::null(), name),
                };
                sys::napi_property_descriptor {
                    utf8name,
                    name,
                    method: None,
                    getter: None,
                    setter: None,
                    value,
                    attributes: sys::NAPI_DEFAULT_JSPROPERTY,
                    data: ptr::null_mut(),
                }
            })
            .collect();
        // SAFETY: `descriptors` holds `len()` initialized descriptors, each with exactly one of a
        // NUL-terminated name or a live name handle, and a live value handle; it outlives the call.
        let status =
            unsafe { sys::napi_define_properties(self.raw, object, descriptors.len(), descriptors.as_ptr()) };
        check("napi_define_properties", status)
    }

    /// A JavaScript function that calls `callback` with `data`.
    ///
    /// # Safety
    /// `data` must stay valid for as long as the function can be called (in practice: point to a
    /// `static`), and `callback` must follow the Node-API callback contract.
    pub unsafe fn create_function(
        &self,
        name: &str,
        callback: sys::napi_callback,
        data: *mut c_void,
    ) -> Result<Value, Failure> {
        let mut result = ptr::null_mut();
        // SAFETY: `name` points to `name.len()` bytes of UTF-8 (explicit length, no terminator
        // needed); `callback` and `data` meet the contract the caller promised.
        let status = unsafe {
            sys::napi_create_function(self.raw, name.as_ptr().cast(), name.len(), callback, data, &mut result)
        };
        check("napi_create_function", status)?;
        Ok(result)
    }

    /// Throws `error` as a JavaScript `Error`/`TypeError` with `.code` set.
    ///
    /// Best effort: if Node refuses (the thread is being torn down) there is nobody left to tell.
    pub fn throw(&self, error: &JsError) {
        let Ok(code) = self.create_string(error.code) else { return };
        let Ok(message) = self.create_string(&error.message) else { return };
        let mut value = ptr::null_mut();
        // SAFETY: live string handles for code and message; `value` is a valid out-pointer. Passing
        // a code makes Node set the `code` property on the new error.
        let status = unsafe {
            match error.kind {
                ErrorKind::Error => sys::napi_create_error(self.raw, code, message, &mut value),
                ErrorKind::TypeError => sys::napi_create_type_error(self.raw, code, message, &mut value),
            }
        };
        if status == sys::NAPI_OK {
            // SAFETY: `value` is the error just created. The status is ignored on purpose (see above).
            unsafe { sys::napi_throw(self.raw, value) };
        }
    }

    /// Whether a JavaScript exception is already pending (then nothing else should be thrown).
    pub fn is_exception_pending(&self) -> bool {
        let mut pending = false;
        // SAFETY: `pending` is a valid out-pointer.
        let status = unsafe { sys::napi_is_exception_pending(self.raw, &mut pending) };
        status != sys::NAPI_OK || pending
    }
}

/// A property name for [`Env::define`].
#[derive(Clone, Copy)]
pub enum Key<'a> {
    /// A name known at compile time.
    Static(&'a CStr),
    /// A JavaScript string handle.
    Value(Value),
}

/// Bytes per element of a typed array kind; `None` for kinds this file does not know (a newer
/// Node could add one, e.g. `Float16Array`).
fn element_size(kind: sys::napi_typedarray_type) -> Option<usize> {
    Some(match kind {
        sys::NAPI_INT8_ARRAY | sys::NAPI_UINT8_ARRAY | sys::NAPI_UINT8_CLAMPED_ARRAY => 1,
        sys::NAPI_INT16_ARRAY | sys::NAPI_UINT16_ARRAY => 2,
        sys::NAPI_INT32_ARRAY | sys::NAPI_UINT32_ARRAY | sys::NAPI_FLOAT32_ARRAY => 4,
        sys::NAPI_FLOAT64_ARRAY | sys::NAPI_BIGINT64_ARRAY | sys::NAPI_BIGUINT64_ARRAY => 8,
        _ => return None,
    })
}
