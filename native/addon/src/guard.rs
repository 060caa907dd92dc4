//! Keeps Rust panics from crossing into Node.
//!
//! Unwinding out of an `extern "C"` function aborts the process (and before Rust 1.81 it was
//! undefined behaviour), which would take down the gateway and every session with it. Every entry
//! point Node calls runs its body through [`guarded`], which turns a panic into an ordinary
//! [`Failure`] that is thrown as `LIVELOOM_ERR_VDOM_INTERNAL`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{Failure, JsError};

// `catch_unwind` does nothing when panics abort; refuse to build such an addon rather than ship one
// that kills Node on the first engine bug.
#[cfg(panic = "abort")]
compile_error!("liveloom-native must be built with panic = \"unwind\" (see native/Cargo.toml)");

/// Runs `body`, converting a panic into an internal-error [`Failure`] naming `export`.
pub fn guarded<T>(export: &str, body: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    // AssertUnwindSafe: the closure only touches values created for this one call (arguments are
    // read into fresh buffers, results are fresh JS values), so nothing observes state a panic
    // left half-updated. There is no state shared between calls at all.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(JsError::internal(export, &format!("panic: {}", panic_message(&*payload))).into()),
    }
}

/// The text of a panic payload (`panic!` produces a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_of(failure: Failure) -> String {
        match failure {
            Failure::Throw(error) => {
                assert_eq!(error.code, "LIVELOOM_ERR_VDOM_INTERNAL");
                error.message
            }
            other => panic!("expected a thrown error, got {other}"),
        }
    }

    #[test]
    fn passes_results_through() {
        assert_eq!(guarded("parse", || Ok::<_, Failure>(7)).unwrap(), 7);
    }

    #[test]
    fn turns_a_str_panic_into_an_internal_error() {
        let failure = guarded::<()>("parse", || panic!("index out of bounds")).unwrap_err();
        assert!(message_of(failure).starts_with("liveloom's native addon failed inside parse() (panic: index out of bounds)"));
    }

    #[test]
    fn turns_a_formatted_panic_into_an_internal_error() {
        let failure = guarded::<()>("diff", || panic!("node {} missing", 42)).unwrap_err();
        assert!(message_of(failure).starts_with("liveloom's native addon failed inside diff() (panic: node 42 missing)"));
    }

    #[test]
    fn names_payloads_without_text() {
        let failure = guarded::<()>("toHtml", || std::panic::panic_any(17u8)).unwrap_err();
        assert!(message_of(failure).contains("(panic: a panic without a message)"));
    }
}
