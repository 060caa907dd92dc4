//! Character references (WHATWG HTML §13.2.5.72–80): `&name;`, `&#123;`, `&#x7B;`.
//!
//! The spec's states only decide two things: how many input characters the reference consumes and
//! what they turn into. When no reference is recognized the spec "flushes" the consumed characters
//! unchanged (and the ambiguous ampersand state passes the following alphanumerics through), so the
//! net effect is that the input is kept verbatim; `decode` reports that as `None` and the caller
//! simply carries on scanning after the `&`.

use super::entities::{ENTITIES, FIRST, HASH, HASH_BITS, MAX_NAME_LEN};

/// What a recognized character reference stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// A named reference: one or two characters.
    Str(&'static str),
    /// A numeric reference, already mapped per the spec's numeric character reference end state.
    Char(char),
}

impl Decoded {
    /// Appends the replacement text (UTF-8) to `out`.
    #[inline]
    pub(crate) fn push_to(self, out: &mut Vec<u8>) {
        match self {
            Decoded::Str(s) => out.extend_from_slice(s.as_bytes()),
            Decoded::Char(c) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// Decodes the character reference whose `&` is at `amp`. Returns the index just past the
/// consumed characters and the replacement, or `None` if the characters stay as they are.
/// `in_attribute` selects the attribute-value rule for legacy names (see `named`).
#[inline]
pub(crate) fn decode(src: &[u8], amp: usize, in_attribute: bool) -> Option<(usize, Decoded)> {
    match src.get(amp + 1)? {
        b'#' => numeric(src, amp + 2),
        b if b.is_ascii_alphanumeric() => named(src, amp + 1, in_attribute),
        _ => None,
    }
}

/// Named character reference state: the longest name in the table that the input starts with.
fn named(src: &[u8], start: usize, in_attribute: bool) -> Option<(usize, Decoded)> {
    let rest = &src[start..];
    // Names are alphanumerics with an optional final `;`, so only that prefix of the input can
    // match; its length is capped by the longest name, which keeps the work per `&` bounded.
    let run = rest.iter().take(MAX_NAME_LEN).take_while(|b| b.is_ascii_alphanumeric()).count();
    let with_semi = run < MAX_NAME_LEN && rest.get(run) == Some(&b';');
    let candidate = &rest[..run + with_semi as usize];

    // Fast path: when the whole run (with its `;`, else without) is a name, it is the longest
    // match; one hash probe finds it. This is the case for nearly every real reference.
    if let Some(entry) = exact(candidate).or_else(|| if with_semi { exact(&candidate[..run]) } else { None }) {
        return finish_named(rest, entry, in_attribute).map(|(len, d)| (start + len, d));
    }

    let first = candidate[0] as usize;
    if first >= 128 {
        return None;
    }
    let (mut lo, mut hi) = (FIRST[first] as usize, FIRST[first + 1] as usize);

    // Longest prefix: narrow [lo, hi) to the names starting with candidate[..k] one byte at a
    // time. In a sorted table the name equal to that prefix, if any, comes first in the range.
    let mut best: Option<(usize, usize)> = None; // (length, entry)
    let mut k = 1;
    loop {
        if lo >= hi {
            break;
        }
        if ENTITIES[lo].0.len() == k {
            best = Some((k, lo));
        }
        if k == candidate.len() {
            break;
        }
        let c = candidate[k];
        let range = &ENTITIES[lo..hi];
        let new_lo = lo + range.partition_point(|(n, _)| n.len() <= k || n[k] < c);
        let new_hi = lo + range.partition_point(|(n, _)| n.len() <= k || n[k] <= c);
        lo = new_lo;
        hi = new_hi;
        k += 1;
    }
    let (_, entry) = best?;
    finish_named(rest, entry, in_attribute).map(|(len, d)| (start + len, d))
}

/// The match of `ENTITIES[entry]` at the start of `rest`: its length and text, unless the
/// attribute rule keeps it verbatim.
#[inline]
fn finish_named(rest: &[u8], entry: usize, in_attribute: bool) -> Option<(usize, Decoded)> {
    let (name, value) = ENTITIES[entry];
    let len = name.len();
    if in_attribute && name.last() != Some(&b';') {
        // "For historical reasons": in an attribute value, a legacy name followed by `=` or an
        // alphanumeric is not a reference (`?a=1&copy=2` keeps its `&copy`).
        if let Some(&next) = rest.get(len) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    Some((len, Decoded::Str(value)))
}

/// FNV-1a, as the generator hashed the names for `HASH`.
#[inline]
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// Index in `ENTITIES` of the name equal to `name`.
#[inline]
fn exact(name: &[u8]) -> Option<usize> {
    let mask = (1usize << HASH_BITS) - 1;
    let mut slot = fnv1a(name) as usize & mask;
    loop {
        let entry = HASH[slot];
        if entry == u16::MAX {
            return None;
        }
        let candidate = ENTITIES[entry as usize].0;
        // A byte loop: names are short and this beats a call to memcmp.
        if candidate.len() == name.len() && candidate.iter().zip(name).all(|(a, b)| a == b) {
            return Some(entry as usize);
        }
        slot = (slot + 1) & mask;
    }
}

/// Numeric character reference states, `start` just past the `#`.
fn numeric(src: &[u8], start: usize) -> Option<(usize, Decoded)> {
    let hex = matches!(src.get(start), Some(b'x' | b'X'));
    let digits_start = start + hex as usize;
    let mut i = digits_start;
    // The spec's value grows without bound; anything past U+10FFFF maps to U+FFFD, so saturating
    // just above that keeps the arithmetic in range without changing the result.
    let mut value: u32 = 0;
    while let Some(&b) = src.get(i) {
        let digit = match b {
            b'0'..=b'9' => (b - b'0') as u32,
            b'a'..=b'f' if hex => (b - b'a' + 10) as u32,
            b'A'..=b'F' if hex => (b - b'A' + 10) as u32,
            _ => break,
        };
        value = (value * if hex { 16 } else { 10 } + digit).min(0x11_0000);
        i += 1;
    }
    if i == digits_start {
        // No digits: `&#` / `&#x` stay as they are.
        return None;
    }
    if src.get(i) == Some(&b';') {
        i += 1;
    }
    Some((i, Decoded::Char(numeric_value(value))))
}

/// Numeric character reference end state: the character a reference to code point `n` produces.
pub(crate) fn numeric_value(n: u32) -> char {
    match n {
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
        0x80..=0x9F => match WINDOWS_1252[(n - 0x80) as usize] {
            0 => char::from_u32(n).unwrap_or('\u{FFFD}'),
            mapped => char::from_u32(mapped as u32).unwrap_or('\u{FFFD}'),
        },
        // Noncharacters and other controls are parse errors but keep their value.
        _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
    }
}

/// The spec's replacement table for references to 0x80–0x9F (windows-1252's meanings); 0 means
/// the code point is kept (0x81, 0x8D, 0x8F, 0x90, 0x9D).
const WINDOWS_1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 0x80..
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, // 0x88..
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 0x90..
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178, // 0x98..
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str, in_attribute: bool) -> (usize, String) {
        match decode(src.as_bytes(), 0, in_attribute) {
            None => (0, String::new()),
            Some((end, d)) => {
                let mut out = Vec::new();
                d.push_to(&mut out);
                (end, String::from_utf8(out).unwrap())
            }
        }
    }

    #[test]
    fn table_is_sorted_and_indexed() {
        assert_eq!(ENTITIES.len(), 2231);
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
        for (i, (name, _)) in ENTITIES.iter().enumerate() {
            let b = name[0] as usize;
            assert!((FIRST[b] as usize..FIRST[b + 1] as usize).contains(&i));
        }
        assert_eq!(ENTITIES.iter().filter(|(n, _)| n.last() != Some(&b';')).count(), 106);
        assert_eq!(ENTITIES.iter().map(|(n, _)| n.len()).max(), Some(MAX_NAME_LEN));
    }

    #[test]
    fn hash_table_finds_every_name_and_only_those() {
        for (i, (name, _)) in ENTITIES.iter().enumerate() {
            assert_eq!(exact(name), Some(i));
        }
        assert_eq!(HASH.iter().filter(|&&e| e != u16::MAX).count(), ENTITIES.len());
        assert_eq!(exact(b"ampx"), None);
        assert_eq!(exact(b"am"), None);
    }

    #[test]
    fn every_name_decodes_to_itself() {
        for (name, value) in ENTITIES.iter() {
            let src = format!("&{}", std::str::from_utf8(name).unwrap());
            assert_eq!(text(&src, false), (src.len(), value.to_string()), "{src}");
        }
    }

    #[test]
    fn named_longest_match() {
        assert_eq!(text("&amp;", false), (5, "&".into()));
        assert_eq!(text("&amp", false), (4, "&".into()));
        assert_eq!(text("&ampx", false), (4, "&".into()));
        assert_eq!(text("&notin;", false), (7, "∉".into()));
        assert_eq!(text("&notit;", false), (4, "¬".into()));
        assert_eq!(text("&noti", false), (4, "¬".into()));
        assert_eq!(text("&nGt;", false), (5, "\u{226B}\u{20D2}".into()));
        assert_eq!(text("&Afr;", false), (5, "\u{1D504}".into()));
        assert_eq!(text("&Afr", false), (0, "".into()), "Afr needs its semicolon");
        assert_eq!(text("&xyz;", false), (0, "".into()));
        assert_eq!(text("&;", false), (0, "".into()));
        assert_eq!(text("& ", false), (0, "".into()));
        assert_eq!(text("&", false), (0, "".into()));
        assert_eq!(text("&CounterClockwiseContourIntegral;", false), (33, "∳".into()));
        assert_eq!(text("&CounterClockwiseContourIntegralX;", false), (0, "".into()));
        // A name that is a prefix of a longer one ("lt" of "ltimes;") stops where the input does.
        assert_eq!(text("&ltime", false), (3, "<".into()));
    }

    #[test]
    fn legacy_names_in_attributes() {
        assert_eq!(text("&amp=", true), (0, "".into()));
        assert_eq!(text("&ampx", true), (0, "".into()));
        assert_eq!(text("&amp1", true), (0, "".into()));
        assert_eq!(text("&amp;=", true), (5, "&".into()));
        assert_eq!(text("&amp ", true), (4, "&".into()));
        assert_eq!(text("&amp", true), (4, "&".into()));
        assert_eq!(text("&notit;", true), (0, "".into()));
        assert_eq!(text("&amp=", false), (4, "&".into()));
    }

    #[test]
    fn numeric_references() {
        assert_eq!(text("&#65;", false), (5, "A".into()));
        assert_eq!(text("&#65", false), (4, "A".into()));
        assert_eq!(text("&#x41;", false), (6, "A".into()));
        assert_eq!(text("&#X6a", false), (5, "j".into()));
        assert_eq!(text("&#x;", false), (0, "".into()));
        assert_eq!(text("&#;", false), (0, "".into()));
        assert_eq!(text("&#xg", false), (0, "".into()));
        assert_eq!(text("&#0;", false), (4, "\u{FFFD}".into()));
        assert_eq!(text("&#x80;", false), (6, "€".into()));
        assert_eq!(text("&#x81;", false), (6, "\u{81}".into()));
        assert_eq!(text("&#x9F;", false), (6, "Ÿ".into()));
        assert_eq!(text("&#xD800;", false), (8, "\u{FFFD}".into()));
        assert_eq!(text("&#x10FFFF;", false), (10, "\u{10FFFF}".into()));
        assert_eq!(text("&#x110000;", false), (10, "\u{FFFD}".into()));
        assert_eq!(text("&#99999999999999999999;", false), (23, "\u{FFFD}".into()));
        assert_eq!(text("&#0000000065;", false), (13, "A".into()));
        assert_eq!(text("&#13;", false), (5, "\r".into()));
        assert_eq!(text("&#1;", false), (4, "\u{1}".into()));
        assert_eq!(text("&#xFFFF;", false), (8, "\u{FFFF}".into()));
        assert_eq!(text("&#x41;=", true), (6, "A".into()), "no attribute rule for numbers");
    }
}
