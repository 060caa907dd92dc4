//! DOCTYPE states (WHATWG HTML §13.2.5.53–.68), transcribed state by state: doctypes are rare,
//! and their missing-versus-empty identifiers and force-quirks flag decide the document's quirks
//! mode, so clarity wins over speed here.

use super::scan::is_space;
use super::{Machine, Out};

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

#[derive(Clone, Copy)]
enum S {
    Doctype,
    BeforeName,
    Name,
    AfterName,
    AfterPublicKeyword,
    BeforePublicId,
    PublicId(u8),
    AfterPublicId,
    BetweenIds,
    AfterSystemKeyword,
    BeforeSystemId,
    SystemId(u8),
    AfterSystemId,
    Bogus,
}

impl Machine {
    /// DOCTYPE state onwards, `i` just past `<!DOCTYPE`.
    pub(super) fn doctype(&mut self, src: &[u8], mut i: usize) -> Out {
        let d = &mut self.doctype;
        d.name = None;
        d.public_id = None;
        d.system_id = None;
        d.force_quirks = false;
        let mut state = S::Doctype;
        loop {
            let c = src.get(i).copied();
            // Every state emits the doctype with force-quirks on at end of input, except the bogus
            // DOCTYPE state, which emits it as it is.
            let Some(c) = c else {
                if !matches!(state, S::Bogus) {
                    d.force_quirks = true;
                }
                self.pos = i;
                return Out::Doctype;
            };
            i += 1;
            match state {
                S::Doctype => {
                    if !is_space(c) {
                        // `>` or a missing space: reconsume in the before DOCTYPE name state.
                        i -= 1;
                    }
                    state = S::BeforeName;
                }
                S::BeforeName => match c {
                    c if is_space(c) => {}
                    b'>' => {
                        d.force_quirks = true;
                        break;
                    }
                    _ => {
                        d.name = Some(Vec::new());
                        push_name_char(d.name.as_mut(), c);
                        state = S::Name;
                    }
                },
                S::Name => match c {
                    c if is_space(c) => state = S::AfterName,
                    b'>' => break,
                    _ => push_name_char(d.name.as_mut(), c),
                },
                S::AfterName => match c {
                    c if is_space(c) => {}
                    b'>' => break,
                    _ => {
                        let word = src.get(i - 1..i + 5);
                        if word.is_some_and(|w| w.eq_ignore_ascii_case(b"PUBLIC")) {
                            i += 5;
                            state = S::AfterPublicKeyword;
                        } else if word.is_some_and(|w| w.eq_ignore_ascii_case(b"SYSTEM")) {
                            i += 5;
                            state = S::AfterSystemKeyword;
                        } else {
                            d.force_quirks = true;
                            i -= 1;
                            state = S::Bogus;
                        }
                    }
                },
                S::AfterPublicKeyword | S::BeforePublicId => match c {
                    c if is_space(c) => {
                        if matches!(state, S::AfterPublicKeyword) {
                            state = S::BeforePublicId;
                        }
                    }
                    b'"' | b'\'' => {
                        d.public_id = Some(Vec::new());
                        state = S::PublicId(c);
                    }
                    b'>' => {
                        d.force_quirks = true;
                        break;
                    }
                    _ => {
                        d.force_quirks = true;
                        i -= 1;
                        state = S::Bogus;
                    }
                },
                S::PublicId(quote) | S::SystemId(quote) => {
                    let id = if matches!(state, S::PublicId(_)) { &mut d.public_id } else { &mut d.system_id };
                    match c {
                        c if c == quote => {
                            state = if matches!(state, S::PublicId(_)) { S::AfterPublicId } else { S::AfterSystemId };
                        }
                        0 => id.get_or_insert_with(Vec::new).extend_from_slice(REPLACEMENT),
                        b'>' => {
                            d.force_quirks = true;
                            break;
                        }
                        _ => id.get_or_insert_with(Vec::new).push(c),
                    }
                }
                S::AfterPublicId | S::BetweenIds => match c {
                    c if is_space(c) => {
                        if matches!(state, S::AfterPublicId) {
                            state = S::BetweenIds;
                        }
                    }
                    b'>' => break,
                    b'"' | b'\'' => {
                        d.system_id = Some(Vec::new());
                        state = S::SystemId(c);
                    }
                    _ => {
                        d.force_quirks = true;
                        i -= 1;
                        state = S::Bogus;
                    }
                },
                S::AfterSystemKeyword | S::BeforeSystemId => match c {
                    c if is_space(c) => {
                        if matches!(state, S::AfterSystemKeyword) {
                            state = S::BeforeSystemId;
                        }
                    }
                    b'"' | b'\'' => {
                        d.system_id = Some(Vec::new());
                        state = S::SystemId(c);
                    }
                    b'>' => {
                        d.force_quirks = true;
                        break;
                    }
                    _ => {
                        d.force_quirks = true;
                        i -= 1;
                        state = S::Bogus;
                    }
                },
                S::AfterSystemId => match c {
                    c if is_space(c) => {}
                    b'>' => break,
                    // Not a force-quirks case: the identifiers stand.
                    _ => {
                        i -= 1;
                        state = S::Bogus;
                    }
                },
                S::Bogus => {
                    if c == b'>' {
                        break;
                    }
                }
            }
        }
        self.pos = i;
        Out::Doctype
    }
}

/// Appends one byte of a DOCTYPE name: ASCII upper case lowered, U+0000 replaced.
#[inline]
fn push_name_char(name: Option<&mut Vec<u8>>, c: u8) {
    if let Some(name) = name {
        match c {
            0 => name.extend_from_slice(REPLACEMENT),
            _ => name.push(c.to_ascii_lowercase()),
        }
    }
}
