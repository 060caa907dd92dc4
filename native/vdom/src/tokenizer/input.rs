//! Preprocessing the input stream (WHATWG HTML §13.2.3.5): every CR LF pair and every lone CR
//! becomes one LF before tokenization. Template output rarely contains CR, so the input is
//! borrowed as is unless a CR is present, and only then copied once. Doing it up front keeps CR
//! out of every state (and out of the byte scans) instead of checking for it everywhere.

use std::borrow::Cow;

/// `input` with newlines normalized.
pub(crate) fn normalize_newlines(input: &str) -> Cow<'_, str> {
    let bytes = input.as_bytes();
    if !has_cr(bytes) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            // A CR is ASCII, so slicing the str at it keeps character boundaries.
            out.push_str(&input[start..i]);
            out.push('\n');
            i += 1;
            if bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&input[start..]);
    Cow::Owned(out)
}

/// Whether `bytes` contains a CR. Whole blocks are tested without an early exit inside, so the
/// compiler can vectorize the test; this runs over every input, almost always finding nothing.
fn has_cr(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |found, &b| found | (b == b'\r')) {
            return true;
        }
    }
    blocks.remainder().contains(&b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\r\nd\r"), "a\nb\nc\n\n\nd\n");
        assert_eq!(normalize_newlines("\r\r"), "\n\n");
        assert_eq!(normalize_newlines("é\r\né"), "é\né");
    }

    #[test]
    fn input_without_cr_is_borrowed() {
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed("a\nb")));
    }
}
