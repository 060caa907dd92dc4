//! Errors the engine returns. Each has a stable code (surfaced to JavaScript as
//! `LIVELOOM_ERR_VDOM_*`) and a message that says what to do.

use std::fmt;

/// Maximum element nesting the parser accepts. Browsers restructure deeper trees in
/// engine-specific ways (Blink and WebKit re-parent past 512 levels), so a deeper tree could not be
/// kept equal to the browser's DOM; refusing it also bounds every stack scan, keeping parsing linear.
pub const MAX_DEPTH: usize = 512;

/// Why parsing or diffing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The HTML nests elements deeper than [`MAX_DEPTH`].
    TooDeep { depth: usize },
    /// The HTML is larger than the engine's 32-bit offsets can address.
    TooLarge { bytes: usize },
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// A snapshot could not be decoded (wrong version, truncated or corrupted).
    BadSnapshot { reason: &'static str },
    /// The fragment context element is not one the engine parses in.
    BadContext { name: String },
}

impl Error {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::TooDeep { .. } => "LIVELOOM_ERR_VDOM_TOO_DEEP",
            Error::TooLarge { .. } => "LIVELOOM_ERR_VDOM_TOO_LARGE",
            Error::InvalidUtf8 => "LIVELOOM_ERR_VDOM_INVALID_UTF8",
            Error::BadSnapshot { .. } => "LIVELOOM_ERR_VDOM_BAD_SNAPSHOT",
            Error::BadContext { .. } => "LIVELOOM_ERR_VDOM_BAD_CONTEXT",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooDeep { depth } => write!(
                f,
                "the rendered HTML nests elements more than {MAX_DEPTH} deep (reached {depth}); browsers restructure such trees differently, so flatten the template (often an unclosed tag repeated in a loop)"
            ),
            Error::TooLarge { bytes } => write!(
                f,
                "the rendered HTML is {bytes} bytes, over the 1 GiB the engine accepts; render less per view"
            ),
            Error::InvalidUtf8 => write!(f, "the HTML given to the engine is not valid UTF-8; pass a JavaScript string or UTF-8 bytes"),
            Error::BadSnapshot { reason } => write!(
                f,
                "the VDOM snapshot cannot be read ({reason}); it was corrupted or made by another engine version: re-render the view from scratch"
            ),
            Error::BadContext { name } => write!(
                f,
                "cannot parse a fragment in the context of <{name}>; use a container element such as div or body"
            ),
        }
    }
}

impl std::error::Error for Error {}
