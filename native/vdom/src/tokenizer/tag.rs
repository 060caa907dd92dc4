//! Start and end tags: the tag name, attribute name, attribute value (double-quoted,
//! single-quoted, unquoted), after attribute name/value, before attribute name and self-closing
//! start tag states (WHATWG HTML §13.2.5.8, .32–.40).
//!
//! The whole input is in memory, so a tag is parsed in one call from its name to its `>`; if the
//! input ends first the spec drops the tag and emits end-of-file, which is what `Out::Eof` means
//! here. The states collapse neatly: every way out of "after attribute value (quoted)", the tag
//! name and an unquoted value leads to the same place as the "before attribute name" state would
//! (whitespace is skipped, `/` and `>` handled, anything else starts an attribute), so one loop
//! head plays all of them.

use super::char_ref;
use super::scan::{self, find, skip_space, NameKey};
use super::{Machine, Mode, Out};
use crate::atoms;
use crate::token::TokenAttr;

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

impl Machine {
    /// Parses the tag whose name starts at `name_start` (just past `<` or `</`, at an ASCII
    /// letter). Leaves `self.pos` after the tag.
    pub(super) fn tag(&mut self, src: &[u8], name_start: usize, is_end: bool) -> Out {
        let tag = &mut self.tag;
        tag.name.clear();
        tag.attrs.clear();
        tag.attr_bytes.clear();
        tag.self_closing = false;
        self.attr_set.reset();

        // Tag name state.
        let (mut i, key) = read_name(&mut tag.name, src, name_start, scan::TAG_NAME_END);
        if i >= src.len() {
            return self.eof(src);
        }
        tag.tag = self.atoms.lookup(&tag.name, key);

        // Before attribute name state (and every state that behaves like it, see the module doc).
        loop {
            i = skip_space(src, i);
            match src.get(i) {
                None => return self.eof(src),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    // Self-closing start tag state.
                    i += 1;
                    match src.get(i) {
                        Some(b'>') => {
                            self.tag.self_closing = true;
                            i += 1;
                            break;
                        }
                        None => return self.eof(src),
                        // Reconsume in the before attribute name state.
                        Some(_) => continue,
                    }
                }
                Some(_) => match self.attribute(src, i) {
                    Some(next) => i = next,
                    None => return self.eof(src),
                },
            }
        }

        self.pos = i;
        self.mode = Mode::Data;
        if is_end {
            Out::EndTag
        } else {
            self.set_last_start_tag(self.tag.tag, None);
            Out::StartTag
        }
    }

    /// Parses one attribute starting at `i` (a byte that is not whitespace, `/` or `>`). Returns
    /// where the before-attribute-name state resumes, or `None` at end of input.
    fn attribute(&mut self, src: &[u8], mut i: usize) -> Option<usize> {
        let tag = &mut self.tag;
        let name_start = tag.attr_bytes.len();

        // Attribute name state. A leading `=` is part of the name; after that `=` ends it.
        // (`"`, `'` and `<` are parse errors but ordinary name characters.)
        let leading_equals = src[i] == b'=';
        if leading_equals {
            tag.attr_bytes.push(b'=');
            i += 1;
        }
        let (end, mut key) = read_name(&mut tag.attr_bytes, src, i, scan::ATTR_NAME_END);
        if end >= src.len() {
            return None;
        }
        i = end;
        let name_end = tag.attr_bytes.len();
        if leading_equals {
            key = NameKey::of(&tag.attr_bytes[name_start..name_end]);
        }
        // Leaving the attribute name state: a repeated name is dropped (its value still parsed).
        let duplicate = self.attr_set.contains_or_insert(tag, &tag.attr_bytes[name_start..name_end], key);

        // After attribute name state: only `=` leads to a value; anything else goes back to the
        // before attribute name state (which handles `/`, `>`, end of input, or a new name).
        let after = if src.get(i) == Some(&b'=') { i } else { skip_space(src, i) };
        let value_start = name_end;
        if src.get(after) == Some(&b'=') {
            // Before attribute value state.
            i = after + 1;
            if src.get(i).is_some_and(|&b| scan::is_space(b)) {
                i = skip_space(src, i);
            }
            i = match src.get(i) {
                None => return None,
                Some(b'"') => self.quoted_value(src, i + 1, &scan::DOUBLE_QUOTED)?,
                Some(b'\'') => self.quoted_value(src, i + 1, &scan::SINGLE_QUOTED)?,
                // `>` here: missing value; the before attribute name state emits the tag.
                Some(b'>') => i,
                Some(_) => self.unquoted_value(src, i)?,
            };
        } else {
            i = after;
        }

        let tag = &mut self.tag;
        if duplicate {
            tag.attr_bytes.truncate(name_start);
        } else {
            tag.attrs.push(TokenAttr {
                name_start: name_start as u32,
                name_end: name_end as u32,
                value_start: value_start as u32,
                value_end: tag.attr_bytes.len() as u32,
            });
        }
        Some(i)
    }

    /// Attribute value (double- or single-quoted) state, `i` just past the opening quote;
    /// `stops` is the quote, `&` and U+0000. Returns the index past the closing quote.
    #[inline(always)]
    fn quoted_value(&mut self, src: &[u8], mut i: usize, stops: &scan::ByteSet<3>) -> Option<usize> {
        let bytes = &mut self.tag.attr_bytes;
        loop {
            let end = find(src, i, stops);
            scan::push_span(bytes, src, i, end - i);
            match *src.get(end)? {
                0 => {
                    bytes.extend_from_slice(REPLACEMENT);
                    i = end + 1;
                }
                b'&' => i = push_char_ref(bytes, src, end),
                // The closing quote. After attribute value (quoted) state: every case continues
                // as the before attribute name state would.
                _ => return Some(end + 1),
            }
        }
    }

    /// Attribute value (unquoted) state. Returns the index of the whitespace or `>` that ends it.
    /// (`"`, `'`, `<`, `=` and `` ` `` are parse errors but ordinary value characters.)
    fn unquoted_value(&mut self, src: &[u8], mut i: usize) -> Option<usize> {
        let bytes = &mut self.tag.attr_bytes;
        loop {
            let end = find(src, i, &scan::UNQUOTED);
            bytes.extend_from_slice(&src[i..end]);
            match *src.get(end)? {
                0 => {
                    bytes.extend_from_slice(REPLACEMENT);
                    i = end + 1;
                }
                b'&' => i = push_char_ref(bytes, src, end),
                _ => return Some(end),
            }
        }
    }
}

/// Tag name or attribute name state from `i`: appends the name to `out` (ASCII lower case,
/// U+0000 replaced) and returns the index of the byte that ended it (`src.len()` at end of
/// input) and the name's key.
#[inline(always)]
fn read_name(out: &mut Vec<u8>, src: &[u8], i: usize, end_class: u8) -> (usize, NameKey) {
    let start = out.len();
    let (mut end, mut key, mut upper) = scan::scan_name(src, i, end_class);
    scan::push_span(out, src, i, end - i);
    let had_null = src.get(end) == Some(&0);
    if had_null {
        // Rare: U+0000 inside the name. Replace each, and key the whole name afterwards.
        while src.get(end) == Some(&0) {
            out.extend_from_slice(REPLACEMENT);
            let (next, _, more_upper) = scan::scan_name(src, end + 1, end_class);
            out.extend_from_slice(&src[end + 1..next]);
            upper |= more_upper;
            end = next;
        }
    }
    if upper {
        out[start..].make_ascii_lowercase();
    }
    if had_null {
        key = NameKey::of(&out[start..]);
    }
    (end, key)
}

/// Character reference in an attribute value at `amp`: appends its text (decoded, or the `&`
/// verbatim) and returns where scanning resumes.
#[inline]
fn push_char_ref(bytes: &mut Vec<u8>, src: &[u8], amp: usize) -> usize {
    match char_ref::decode(src, amp, true) {
        Some((end, decoded)) => {
            decoded.push_to(bytes);
            end
        }
        None => {
            bytes.push(b'&');
            amp + 1
        }
    }
}

/// Interning tag names through a small cache: template output repeats the same few names
/// (`li`, `span`, `button`), and a hit costs one integer compare instead of a walk through the
/// atom list.
pub(crate) struct AtomCache {
    entries: [(NameKey, atoms::Tag); 64],
}

impl Default for AtomCache {
    fn default() -> Self {
        AtomCache { entries: [(NameKey::default(), atoms::Tag::Other); 64] }
    }
}

impl AtomCache {
    /// `atoms::lookup(name)` (`key` is `name`'s), remembered for names of up to 16 bytes.
    #[inline]
    pub(crate) fn lookup(&mut self, name: &[u8], key: NameKey) -> atoms::Tag {
        if !key.is_exact() || key.len == 0 {
            return atoms::lookup(name);
        }
        let slot = ((key.head[0] ^ key.head[1]).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize;
        let entry = &mut self.entries[slot];
        if entry.0 == key {
            return entry.1;
        }
        let tag = atoms::lookup(name);
        *entry = (key, tag);
        tag
    }
}
