//! What an export can fail with, before it becomes a thrown JavaScript value.
//!
//! Pure Rust (no Node-API calls) so the mapping is unit-tested without Node; `env.rs` turns a
//! [`Failure`] into a thrown `Error`/`TypeError` whose `.code` is the stable code.

use std::fmt;

/// Code for a wrong argument type or shape (the caller's fault).
pub const BAD_ARGUMENT: &str = "LIVELOOM_ERR_VDOM_BAD_ARGUMENT";
/// Code for a bug in the addon or the engine (a caught panic, an unexpected Node-API status).
pub const INTERNAL: &str = "LIVELOOM_ERR_VDOM_INTERNAL";

/// Which JavaScript constructor the thrown error uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Error`: the input was well-typed but the engine refused it, or something broke inside.
    Error,
    /// `TypeError`: an argument had the wrong type.
    TypeError,
}

/// An error to throw into JavaScript: constructor, stable code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsError {
    pub kind: ErrorKind,
    pub code: &'static str,
    pub message: String,
}

impl JsError {
    /// A wrong argument: `TypeError` with [`BAD_ARGUMENT`]. `what` names the call and argument,
    /// e.g. `diff(snapshot)`; `expected` says what would have been accepted.
    pub fn bad_argument(what: &str, expected: &str, got: &str) -> Self {
        JsError {
            kind: ErrorKind::TypeError,
            code: BAD_ARGUMENT,
            message: format!("{what} must be {expected}, got {got}"),
        }
    }

    /// A bug: `Error` with [`INTERNAL`] and a request to report it.
    pub fn internal(export: &str, detail: &str) -> Self {
        JsError {
            kind: ErrorKind::Error,
            code: INTERNAL,
            message: format!(
                "liveloom's native addon failed inside {export}() ({detail}); this is a bug in liveloom, not in your app: please report it to the liveloom maintainers together with the HTML (and snapshot) that caused it"
            ),
        }
    }
}

impl From<vdom::Error> for JsError {
    fn from(error: vdom::Error) -> Self {
        JsError { kind: ErrorKind::Error, code: error.code(), message: error.to_string() }
    }
}

/// Why an export did not return a value.
#[derive(Debug)]
pub enum Failure {
    /// Throw this error.
    Throw(JsError),
    /// A Node-API call returned a non-ok status. Usually an exception is already pending (or the
    /// thread is being terminated), in which case nothing more is thrown.
    Napi { call: &'static str, status: i32 },
}

impl From<JsError> for Failure {
    fn from(error: JsError) -> Self {
        Failure::Throw(error)
    }
}

impl From<vdom::Error> for Failure {
    fn from(error: vdom::Error) -> Self {
        Failure::Throw(error.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Throw(error) => write!(f, "{}: {}", error.code, error.message),
            Failure::Napi { call, status } => write!(f, "{call} returned napi_status {status}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_argument_names_the_argument_and_expectation() {
        let error = JsError::bad_argument("parse(html)", "a string or a Uint8Array", "a number");
        assert_eq!(error.kind, ErrorKind::TypeError);
        assert_eq!(error.code, "LIVELOOM_ERR_VDOM_BAD_ARGUMENT");
        assert_eq!(error.message, "parse(html) must be a string or a Uint8Array, got a number");
    }

    #[test]
    fn vdom_errors_keep_their_code_and_message() {
        let error = JsError::from(vdom::Error::InvalidUtf8);
        assert_eq!(error.kind, ErrorKind::Error);
        assert_eq!(error.code, "LIVELOOM_ERR_VDOM_INVALID_UTF8");
        assert_eq!(error.message, vdom::Error::InvalidUtf8.to_string());
    }

    #[test]
    fn internal_errors_ask_for_a_report() {
        let error = JsError::internal("diff", "boom");
        assert_eq!(error.code, "LIVELOOM_ERR_VDOM_INTERNAL");
        assert!(error.message.starts_with("liveloom's native addon failed inside diff() (boom); this is a bug"));
        assert!(error.message.contains("please report it"));
    }
}
