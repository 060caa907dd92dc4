//! Script data states (WHATWG HTML §13.2.5.4, .15–.31): plain script data and its escaped and
//! double-escaped states (`<!--` … `<script>` … `</script>` … `-->` inside a script).
//!
//! Every character in these states is emitted as text (U+0000 as U+FFFD); the states only decide
//! where an appropriate end tag may end the script. So the text is scanned once, tracking which of
//! the seven "resting" states we are in; the in-between states (less-than sign, escape start,
//! end tag open/name, double escape start/end) are decided by looking a bounded distance ahead,
//! because each of them either emits what it consumed and lands in a resting state, or finds the
//! end tag. Letters, `/`, `!` and whitespace never change the resting state, so continuing the
//! scan right after the `<` (or `</`) reaches the same state the spec's longer path does.

use super::scan::{self, find, is_space};
use super::{Machine, Out, Run};

/// The resting states of script data.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) enum ScriptState {
    #[default]
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// Whether `src[at..]` is `script` (any case) followed by whitespace, `/` or `>`: the temporary
/// buffer test of the double escape start and double escape end states.
fn is_script_word(src: &[u8], at: usize) -> bool {
    src.get(at..at + 6).is_some_and(|w| w.eq_ignore_ascii_case(b"script"))
        && src.get(at + 6).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
}

impl Machine {
    /// Script data: returns the text up to an appropriate end tag (or end of input), then that
    /// end tag on the next call.
    pub(super) fn script_data(&mut self, src: &[u8]) -> Option<Out> {
        use ScriptState::*;
        let mut run = Run::at(self.pos);
        let mut j = self.pos;
        let mut st = self.script;
        loop {
            if matches!(st, Data) {
                j = find(src, j, &scan::RAWTEXT);
            } else if matches!(st, Escaped | DoubleEscaped) {
                j = find(src, j, &scan::SCRIPT_ESCAPED);
            }
            let Some(&c) = src.get(j) else { break };
            match c {
                0 => {
                    self.splice(src, &mut run, j, j + 1, None);
                    j += 1;
                    st = match st {
                        Data => Data,
                        Escaped | EscapedDash | EscapedDashDash => Escaped,
                        _ => DoubleEscaped,
                    };
                }
                b'-' => {
                    j += 1;
                    st = match st {
                        Data => Data,
                        Escaped => EscapedDash,
                        EscapedDash | EscapedDashDash => EscapedDashDash,
                        DoubleEscaped => DoubleEscapedDash,
                        DoubleEscapedDash | DoubleEscapedDashDash => DoubleEscapedDashDash,
                    };
                }
                b'>' => {
                    j += 1;
                    st = match st {
                        Data | EscapedDashDash | DoubleEscapedDashDash => Data,
                        Escaped | EscapedDash => Escaped,
                        _ => DoubleEscaped,
                    };
                }
                b'<' => match st {
                    Data | Escaped | EscapedDash | EscapedDashDash => {
                        if self.is_appropriate_end_tag(src, j) {
                            self.script = st;
                            return self.end_text_at_end_tag(src, run, j);
                        }
                        if st == Data {
                            // Script data escape start: `<!--` enters the escaped dash dash state;
                            // anything else after `<` is plain script data again.
                            if src.get(j + 1..j + 4) == Some(b"!--") {
                                st = EscapedDashDash;
                                j += 4;
                            } else {
                                j += 1;
                            }
                        } else {
                            // Script data escaped less-than sign state.
                            match src.get(j + 1) {
                                Some(b'/') => {
                                    st = Escaped;
                                    j += 2;
                                }
                                Some(b) if b.is_ascii_alphabetic() => {
                                    st = if is_script_word(src, j + 1) { DoubleEscaped } else { Escaped };
                                    j += 1;
                                }
                                _ => {
                                    st = Escaped;
                                    j += 1;
                                }
                            }
                        }
                    }
                    _ => {
                        // Script data double escaped less-than sign state: `</script` + delimiter
                        // ends the double escape; everything else stays double escaped.
                        if src.get(j + 1) == Some(&b'/') && is_script_word(src, j + 2) {
                            st = Escaped;
                            j += 2;
                        } else {
                            st = DoubleEscaped;
                            j += 1;
                        }
                    }
                },
                _ => {
                    j += 1;
                    st = match st {
                        Data => Data,
                        Escaped | EscapedDash | EscapedDashDash => Escaped,
                        _ => DoubleEscaped,
                    };
                }
            }
        }
        self.script = st;
        self.pos = src.len();
        Some(self.finish(src, run, src.len()).unwrap_or(Out::Eof))
    }
}
