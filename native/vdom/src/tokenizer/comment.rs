//! Markup declaration open, comment and bogus comment states (WHATWG HTML §13.2.5.41–.52), and
//! the entry into a CDATA section.
//!
//! Comment data is always the input between the opener and the closing `-->`/`--!>` (minus a
//! trailing `-`, `--` or `--!` cut off by end of input), with U+0000 replaced: the states only
//! ever append characters they consumed, in order, and hold back at most the dashes and bang that
//! might start the terminator. So a comment is borrowed from the input, and copied only when it
//! contains U+0000. The comment less-than sign states only report nested-comment parse errors
//! (every path through them appends exactly what it consumed and lands where the comment, end dash
//! or end state would), so they are not modelled.

use super::scan::{self, find};
use super::{Machine, Mode, Out};

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// Where the comment scanner is: how many held-back terminator characters precede `j`.
#[derive(Clone, Copy)]
enum CommentState {
    /// Comment state (nothing held back).
    Text,
    /// Comment end dash state (`-` held back).
    EndDash,
    /// Comment end state (`--` held back).
    End,
    /// Comment end bang state (`--!` held back).
    EndBang,
}

impl Machine {
    /// Markup declaration open state, `lt` at the `<` of `<!`.
    pub(super) fn markup_declaration(&mut self, src: &[u8], lt: usize) -> Option<Out> {
        let i = lt + 2;
        let rest = &src[i.min(src.len())..];
        if rest.starts_with(b"--") {
            return Some(self.comment(src, i + 2));
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
            return Some(self.doctype(src, i + 7));
        }
        if rest.starts_with(b"[CDATA[") && self.cdata_allowed {
            self.mode = Mode::Cdata;
            self.pos = i + 7;
            // The caller's loop continues in the CDATA section state.
            return None;
        }
        // Bogus comment, including `<![CDATA[` in HTML content, whose data starts with `[CDATA[`.
        Some(self.bogus_comment(src, i))
    }

    /// Bogus comment state from `start` to the next `>` (or end of input).
    pub(super) fn bogus_comment(&mut self, src: &[u8], start: usize) -> Out {
        let end = find(src, start, &scan::GT);
        self.pos = (end + 1).min(src.len());
        self.comment_out(src, start, end)
    }

    /// Comment start state onwards, `start` just past `<!--`.
    fn comment(&mut self, src: &[u8], start: usize) -> Out {
        // Comment start and comment start dash states: `<!-->` and `<!--->` are empty comments.
        let (mut state, mut j) = match (src.get(start), src.get(start + 1)) {
            (Some(b'>'), _) => {
                self.pos = start + 1;
                return Out::Comment(start, start);
            }
            (Some(b'-'), Some(b'>')) => {
                self.pos = start + 2;
                return Out::Comment(start, start);
            }
            (Some(b'-'), Some(b'-')) => (CommentState::End, start + 2),
            (Some(b'-'), None) => {
                self.pos = start + 1;
                return Out::Comment(start, start);
            }
            _ => (CommentState::Text, start),
        };
        // Whether the comment text ends at `j` minus the held-back characters, ending the token
        // (end of input) or consuming a `>` at `j`.
        let (data_end, next) = loop {
            match state {
                CommentState::Text => {
                    j = find(src, j, &scan::DASH);
                    if j == src.len() {
                        break (j, j);
                    }
                    state = CommentState::EndDash;
                    j += 1;
                }
                CommentState::EndDash => match src.get(j) {
                    None => break (j - 1, j),
                    Some(b'-') => {
                        state = CommentState::End;
                        j += 1;
                    }
                    Some(_) => state = CommentState::Text,
                },
                CommentState::End => match src.get(j) {
                    None => break (j - 2, j),
                    Some(b'>') => break (j - 2, j + 1),
                    Some(b'!') => {
                        state = CommentState::EndBang;
                        j += 1;
                    }
                    // A third dash: the first one is comment text, two are still held back.
                    Some(b'-') => j += 1,
                    Some(_) => state = CommentState::Text,
                },
                CommentState::EndBang => match src.get(j) {
                    None => break (j - 3, j),
                    Some(b'>') => break (j - 3, j + 1),
                    Some(b'-') => {
                        state = CommentState::EndDash;
                        j += 1;
                    }
                    Some(_) => state = CommentState::Text,
                },
            }
        };
        self.pos = next;
        // `<!---` + `-` leaves End with nothing before the held-back dashes: clamp at `start`.
        self.comment_out(src, start, data_end.max(start))
    }

    /// The comment token for `src[start..end]`, borrowed unless U+0000 must be replaced.
    fn comment_out(&mut self, src: &[u8], start: usize, end: usize) -> Out {
        let data = &src[start..end];
        if !data.contains(&0) {
            return Out::Comment(start, end);
        }
        self.text.clear();
        for (k, part) in data.split(|&b| b == 0).enumerate() {
            if k > 0 {
                self.text.extend_from_slice(REPLACEMENT);
            }
            self.text.extend_from_slice(part);
        }
        Out::CommentText
    }
}
