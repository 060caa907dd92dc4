//! liveloom's Node-API addon: a thin, panic-proof bridge from JavaScript to the pure `vdom` crate.
//!
//! Layout: `sys` declares the raw Node-API functions, `env` wraps them safely for one call, `input`
//! validates arguments, `exports` holds the exported functions, `guard` turns panics into errors,
//! `error` is the error model. This file holds the two symbols Node looks up and the single
//! trampoline every exported function goes through.
//!
//! The addon keeps no state: no globals, no `static mut`, no instance data. Node calls
//! `napi_register_module_v1` once per thread that loads it (the main thread and each worker), and
//! all of them share only the immutable [`exports::EXPORTS`] table, so any number of worker
//! threads can use it at once and a terminated worker leaves nothing behind.

mod env;
mod error;
mod exports;
mod guard;
mod input;
mod sys;

use std::ffi::c_void;
use std::ptr;

use crate::env::{Env, Key};
use crate::error::{Failure, JsError};
use crate::exports::{Export, EXPORTS};
use crate::guard::guarded;
use crate::sys::{napi_callback_info, napi_env, napi_value};

/// Tells Node which Node-API version the addon targets (Node assumes 8 when this is missing; it is
/// exported anyway so the choice is explicit).
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    sys::NAPI_VERSION
}

/// Module initialisation, called by Node once per environment (main thread or worker) that loads
/// the addon. Exporting this symbol, rather than a static `napi_module` registered from a
/// constructor, is what makes the addon context-aware so worker threads may load it.
///
/// # Safety
/// Only Node may call this, with the environment and `exports` object of the initialisation
/// running on the current thread.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(raw_env: napi_env, exports: napi_value) -> napi_value {
    // SAFETY: Node passes the env of the module initialisation running now; `env` is dropped
    // before this function returns.
    let mut env = unsafe { Env::from_raw(raw_env) };
    match guarded("module initialisation", || register(&mut env, exports)) {
        Ok(()) => exports,
        Err(failure) => {
            report(&env, "module initialisation", failure);
            ptr::null_mut()
        }
    }
}

/// Defines one JavaScript function per entry of [`EXPORTS`] on `exports`.
fn register(env: &mut Env, exports: napi_value) -> Result<(), Failure> {
    let mut properties = Vec::with_capacity(EXPORTS.len());
    for export in &EXPORTS {
        let data = ptr::from_ref(export).cast_mut().cast::<c_void>();
        // SAFETY: `data` points into the `static` table, so it outlives every call of the
        // function; `call_export` is a Node-API callback that reads it back as `&Export`.
        let function = unsafe { env.create_function(export.name, Some(call_export), data)? };
        properties.push((Key::Value(env.create_string(export.name)?), function));
    }
    env.define(exports, &properties)
}

/// The callback behind every exported function: finds the [`Export`] the function was created
/// for, runs it with panics caught, and converts a failure into a thrown error.
unsafe extern "C" fn call_export(raw_env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: Node passes the env of the call running now; `env` is dropped before returning.
    let mut env = unsafe { Env::from_raw(raw_env) };
    let mut name = "a liveloom-native function";
    let outcome = guarded(name, || {
        let data = env.callback_data(info)?;
        // SAFETY: every function is created by `register` with a pointer to an element of the
        // `static` EXPORTS table as its data, so `data` is a valid `&'static Export`.
        let export: &'static Export = unsafe { &*data.cast::<Export>() };
        name = export.name;
        guarded(export.name, || (export.run)(&mut env, info))
    });
    match outcome {
        Ok(value) => value,
        Err(failure) => {
            report(&env, name, failure);
            ptr::null_mut()
        }
    }
}

/// Throws `failure` into JavaScript unless an exception is already on its way (a getter threw, or
/// the thread is being terminated), which then propagates as it is.
fn report(env: &Env, export: &str, failure: Failure) {
    if env.is_exception_pending() {
        return;
    }
    let error = match failure {
        Failure::Throw(error) => error,
        Failure::Napi { call, status } => {
            JsError::internal(export, &format!("{call} returned napi_status {status}"))
        }
    };
    env.throw(&error);
}
