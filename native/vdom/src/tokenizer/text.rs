//! The text states: data (with tag open and end tag open), RCDATA, RAWTEXT (with their
//! less-than sign and end tag states), PLAINTEXT and the CDATA section states
//! (WHATWG HTML §13.2.5.1–.3, .5–.14, .69–.71).

use super::char_ref;
use super::scan::{self, find};
use super::{Machine, Mode, Out, Run};

impl Machine {
    /// Data state: text up to the next markup, character references decoded, each U+0000 its
    /// own `Null` token (the tree builder decides what it means).
    pub(super) fn data(&mut self, src: &[u8]) -> Option<Out> {
        // Fast path: a tag straight after the previous token (`<li><span>`, `</span></li>`).
        if let Some(&[b'<', next]) = src.get(self.pos..self.pos + 2) {
            if next.is_ascii_alphabetic() {
                return Some(self.tag(src, self.pos + 1, false));
            }
            if next == b'/' && src.get(self.pos + 2).is_some_and(u8::is_ascii_alphabetic) {
                return Some(self.tag(src, self.pos + 2, true));
            }
        }
        let mut run = Run::at(self.pos);
        let mut j = self.pos;
        loop {
            j = find(src, j, &scan::DATA);
            let Some(&c) = src.get(j) else {
                self.pos = j;
                return Some(self.finish(src, run, j).unwrap_or(Out::Eof));
            };
            match c {
                b'<' => {
                    // Tag open state: only `!`, `/`, `?` and letters start markup; `</` at the
                    // very end is text; anything else leaves the `<` as text.
                    let starts_markup = match src.get(j + 1) {
                        Some(b'!' | b'?') => true,
                        Some(b'/') => j + 2 < src.len(),
                        Some(b) => b.is_ascii_alphabetic(),
                        None => false,
                    };
                    if !starts_markup {
                        j += 1;
                        continue;
                    }
                    if let Some(out) = self.finish(src, run, j) {
                        self.pos = j;
                        return Some(out);
                    }
                    if let Some(out) = self.markup(src, j) {
                        return Some(out);
                    }
                    // `</>` produced nothing, or a CDATA section opened: carry on from there.
                    if self.mode != Mode::Data {
                        return None;
                    }
                    j = self.pos;
                    run = Run::at(j);
                }
                b'&' => match char_ref::decode(src, j, false) {
                    Some((end, decoded)) => {
                        self.splice(src, &mut run, j, end, Some(decoded));
                        j = end;
                    }
                    None => j += 1,
                },
                _ => {
                    // U+0000: the text before it first, then the null on its own.
                    self.pos = j;
                    if let Some(out) = self.finish(src, run, j) {
                        return Some(out);
                    }
                    self.pos = j + 1;
                    return Some(Out::Null);
                }
            }
        }
    }

    /// The markup starting at the `<` at `lt` (tag open state onwards, `lt + 1` exists and is
    /// `!`, `/`, `?` or a letter). `None` when it produced no token.
    fn markup(&mut self, src: &[u8], lt: usize) -> Option<Out> {
        match src[lt + 1] {
            b'!' => self.markup_declaration(src, lt),
            b'?' => Some(self.bogus_comment(src, lt + 1)),
            b'/' => match src.get(lt + 2) {
                // End tag open state.
                Some(b) if b.is_ascii_alphabetic() => Some(self.tag(src, lt + 2, true)),
                Some(b'>') => {
                    // `</>` is dropped.
                    self.pos = lt + 3;
                    None
                }
                // (End of input after `</` was handled as text by the caller.)
                _ => Some(self.bogus_comment(src, lt + 2)),
            },
            _ => Some(self.tag(src, lt + 1, false)),
        }
    }

    /// RCDATA (`refs`: character references decoded) and RAWTEXT states: text up to an
    /// appropriate end tag, U+0000 replaced.
    pub(super) fn raw_text(&mut self, src: &[u8], refs: bool) -> Option<Out> {
        let mut run = Run::at(self.pos);
        let mut j = self.pos;
        loop {
            j = if refs { find(src, j, &scan::DATA) } else { find(src, j, &scan::RAWTEXT) };
            let Some(&c) = src.get(j) else {
                self.pos = j;
                return Some(self.finish(src, run, j).unwrap_or(Out::Eof));
            };
            match c {
                b'<' => {
                    if self.is_appropriate_end_tag(src, j) {
                        return self.end_text_at_end_tag(src, run, j);
                    }
                    j += 1;
                }
                b'&' => match char_ref::decode(src, j, false) {
                    Some((end, decoded)) => {
                        self.splice(src, &mut run, j, end, Some(decoded));
                        j = end;
                    }
                    None => j += 1,
                },
                _ => {
                    self.splice(src, &mut run, j, j + 1, None);
                    j += 1;
                }
            }
        }
    }

    /// PLAINTEXT state: the rest of the input is text, U+0000 replaced.
    pub(super) fn plaintext(&mut self, src: &[u8]) -> Option<Out> {
        let mut run = Run::at(self.pos);
        let mut j = self.pos;
        loop {
            j = find(src, j, &scan::NUL);
            if j >= src.len() {
                self.pos = src.len();
                return Some(self.finish(src, run, src.len()).unwrap_or(Out::Eof));
            }
            self.splice(src, &mut run, j, j + 1, None);
            j += 1;
        }
    }

    /// CDATA section state: text up to `]]>`, after which the data state resumes. U+0000 is
    /// emitted as it is (a `Null` token): the tree builder's rules for foreign content (and for
    /// MathML text integration points) decide what it becomes.
    pub(super) fn cdata(&mut self, src: &[u8]) -> Option<Out> {
        let start = self.pos;
        let mut j = start;
        loop {
            j = find(src, j, &scan::CDATA);
            match src.get(j) {
                None => {
                    // End of input in a CDATA section: the text, then end-of-file.
                    self.pos = j;
                    self.mode = Mode::Data;
                    return Some(if j > start { Out::Chars(start, j) } else { Out::Eof });
                }
                Some(0) => {
                    if j > start {
                        self.pos = j;
                        return Some(Out::Chars(start, j));
                    }
                    self.pos = j + 1;
                    return Some(Out::Null);
                }
                Some(_) => {
                    if src.get(j..j + 3) == Some(b"]]>") {
                        self.pos = j + 3;
                        self.mode = Mode::Data;
                        return if j > start { Some(Out::Chars(start, j)) } else { None };
                    }
                    j += 1;
                }
            }
        }
    }
}
