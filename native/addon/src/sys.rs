//! Raw Node-API declarations: exactly the C functions and types this addon uses, nothing more.
//!
//! Written by hand because the `napi` crates cannot be fetched (the workspace builds offline with
//! only a Rust toolchain). The symbols are not linked against anything at build time: they resolve
//! from the `node` executable when the addon is `dlopen`ed (see `build.rs`). Signatures follow
//! `js_native_api.h` / `js_native_api_types.h` of Node-API version 8.
//!
//! C enums are declared as plain `c_int` aliases with constants rather than Rust enums, so a value
//! a newer Node returns that this file does not list is just an unknown number, never undefined
//! behaviour.
#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_int, c_void};

/// Opaque `struct napi_env__`.
#[repr(C)]
pub struct napi_env__ {
    _opaque: [u8; 0],
}
/// Opaque `struct napi_value__`.
#[repr(C)]
pub struct napi_value__ {
    _opaque: [u8; 0],
}
/// Opaque `struct napi_callback_info__`.
#[repr(C)]
pub struct napi_callback_info__ {
    _opaque: [u8; 0],
}

pub type napi_env = *mut napi_env__;
pub type napi_value = *mut napi_value__;
pub type napi_callback_info = *mut napi_callback_info__;
pub type napi_callback = Option<unsafe extern "C" fn(napi_env, napi_callback_info) -> napi_value>;

/// `napi_status`. Only `napi_ok` is tested for; other values are reported as numbers.
pub type napi_status = c_int;
pub const NAPI_OK: napi_status = 0;

/// `napi_valuetype`.
pub type napi_valuetype = c_int;
pub const NAPI_UNDEFINED: napi_valuetype = 0;
pub const NAPI_NULL: napi_valuetype = 1;
pub const NAPI_BOOLEAN: napi_valuetype = 2;
pub const NAPI_NUMBER: napi_valuetype = 3;
pub const NAPI_STRING: napi_valuetype = 4;
pub const NAPI_SYMBOL: napi_valuetype = 5;
pub const NAPI_OBJECT: napi_valuetype = 6;
pub const NAPI_FUNCTION: napi_valuetype = 7;
pub const NAPI_EXTERNAL: napi_valuetype = 8;
pub const NAPI_BIGINT: napi_valuetype = 9;

/// `napi_typedarray_type`.
pub type napi_typedarray_type = c_int;
pub const NAPI_INT8_ARRAY: napi_typedarray_type = 0;
pub const NAPI_UINT8_ARRAY: napi_typedarray_type = 1;
pub const NAPI_UINT8_CLAMPED_ARRAY: napi_typedarray_type = 2;
pub const NAPI_INT16_ARRAY: napi_typedarray_type = 3;
pub const NAPI_UINT16_ARRAY: napi_typedarray_type = 4;
pub const NAPI_INT32_ARRAY: napi_typedarray_type = 5;
pub const NAPI_UINT32_ARRAY: napi_typedarray_type = 6;
pub const NAPI_FLOAT32_ARRAY: napi_typedarray_type = 7;
pub const NAPI_FLOAT64_ARRAY: napi_typedarray_type = 8;
pub const NAPI_BIGINT64_ARRAY: napi_typedarray_type = 9;
pub const NAPI_BIGUINT64_ARRAY: napi_typedarray_type = 10;

/// `napi_property_attributes`: a plain data property (`writable | enumerable | configurable`),
/// like one made by assignment.
pub type napi_property_attributes = c_int;
pub const NAPI_DEFAULT_JSPROPERTY: napi_property_attributes = 1 | 2 | 4;

/// `napi_property_descriptor`.
#[repr(C)]
pub struct napi_property_descriptor {
    pub utf8name: *const c_char,
    pub name: napi_value,
    pub method: napi_callback,
    pub getter: napi_callback,
    pub setter: napi_callback,
    pub value: napi_value,
    pub attributes: napi_property_attributes,
    pub data: *mut c_void,
}

/// The Node-API version this addon is written against; reported to Node through
/// `node_api_module_get_api_version_v1`. Version 8 is what Node assumes for addons that do not
/// report one, and it has everything used here (`napi_is_detached_arraybuffer` is version 7).
pub const NAPI_VERSION: i32 = 8;

extern "C" {
    pub fn napi_create_function(
        env: napi_env,
        utf8name: *const c_char,
        length: usize,
        cb: napi_callback,
        data: *mut c_void,
        result: *mut napi_value,
    ) -> napi_status;
    pub fn napi_get_cb_info(
        env: napi_env,
        cbinfo: napi_callback_info,
        argc: *mut usize,
        argv: *mut napi_value,
        this_arg: *mut napi_value,
        data: *mut *mut c_void,
    ) -> napi_status;

    pub fn napi_typeof(env: napi_env, value: napi_value, result: *mut napi_valuetype) -> napi_status;
    pub fn napi_is_array(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;
    pub fn napi_is_arraybuffer(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;
    pub fn napi_is_detached_arraybuffer(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;
    pub fn napi_is_typedarray(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;
    pub fn napi_is_dataview(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;

    pub fn napi_get_value_bool(env: napi_env, value: napi_value, result: *mut bool) -> napi_status;
    pub fn napi_get_value_string_utf8(
        env: napi_env,
        value: napi_value,
        buf: *mut c_char,
        bufsize: usize,
        result: *mut usize,
    ) -> napi_status;
    pub fn napi_get_value_string_utf16(
        env: napi_env,
        value: napi_value,
        buf: *mut u16,
        bufsize: usize,
        result: *mut usize,
    ) -> napi_status;
    pub fn napi_get_arraybuffer_info(
        env: napi_env,
        arraybuffer: napi_value,
        data: *mut *mut c_void,
        byte_length: *mut usize,
    ) -> napi_status;
    pub fn napi_get_typedarray_info(
        env: napi_env,
        typedarray: napi_value,
        kind: *mut napi_typedarray_type,
        length: *mut usize,
        data: *mut *mut c_void,
        arraybuffer: *mut napi_value,
        byte_offset: *mut usize,
    ) -> napi_status;
    pub fn napi_get_dataview_info(
        env: napi_env,
        dataview: napi_value,
        byte_length: *mut usize,
        data: *mut *mut c_void,
        arraybuffer: *mut napi_value,
        byte_offset: *mut usize,
    ) -> napi_status;
    pub fn napi_get_named_property(
        env: napi_env,
        object: napi_value,
        utf8name: *const c_char,
        result: *mut napi_value,
    ) -> napi_status;

    pub fn napi_create_object(env: napi_env, result: *mut napi_value) -> napi_status;
    pub fn napi_create_uint32(env: napi_env, value: u32, result: *mut napi_value) -> napi_status;
    pub fn napi_create_string_utf8(
        env: napi_env,
        str: *const c_char,
        length: usize,
        result: *mut napi_value,
    ) -> napi_status;
    pub fn napi_create_arraybuffer(
        env: napi_env,
        byte_length: usize,
        data: *mut *mut c_void,
        result: *mut napi_value,
    ) -> napi_status;
    pub fn napi_define_properties(
        env: napi_env,
        object: napi_value,
        property_count: usize,
        properties: *const napi_property_descriptor,
    ) -> napi_status;

    pub fn napi_create_error(env: napi_env, code: napi_value, msg: napi_value, result: *mut napi_value) -> napi_status;
    pub fn napi_create_type_error(
        env: napi_env,
        code: napi_value,
        msg: napi_value,
        result: *mut napi_value,
    ) -> napi_status;
    pub fn napi_throw(env: napi_env, error: napi_value) -> napi_status;
    pub fn napi_is_exception_pending(env: napi_env, result: *mut bool) -> napi_status;
}
