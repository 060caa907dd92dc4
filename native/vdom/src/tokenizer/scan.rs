//! Finding the next byte of interest. Every character the tokenizer treats specially is ASCII, and
//! in UTF-8 an ASCII byte never occurs inside a multi-byte character, so the states scan bytes and
//! copy or borrow whole spans between the bytes that matter.
//!
//! The scan is word-at-a-time (SWAR): eight bytes are tested against each wanted byte with a
//! handful of integer operations, which keeps long text and attribute values cheap while staying
//! in safe, portable code.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of the result is set for the bytes of `word` equal to `b`. Only the lowest
/// flagged byte is exact (a borrow can flag a byte above a real match), which is all `find` uses.
#[inline(always)]
fn eq_mask(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * b as u64);
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// A set of bytes to scan for: a table for byte-at-a-time tests, the bytes for the word loop.
pub(crate) struct ByteSet<const N: usize> {
    table: [bool; 256],
    bytes: [u8; N],
}

impl<const N: usize> ByteSet<N> {
    /// The set of `bytes`.
    pub(crate) const fn new(bytes: [u8; N]) -> ByteSet<N> {
        let mut table = [false; 256];
        let mut k = 0;
        while k < N {
            table[bytes[k] as usize] = true;
            k += 1;
        }
        ByteSet { table, bytes }
    }
}

/// Index of the first byte at or after `from` in `set`, or `bytes.len()`.
#[inline(always)]
pub(crate) fn find<const N: usize>(bytes: &[u8], from: usize, set: &ByteSet<N>) -> usize {
    let Some(rest) = bytes.get(from..) else { return bytes.len() };
    if N > 4 {
        // Past four wanted bytes the word test costs more than a table lookup per byte.
        return match rest.iter().position(|&b| set.table[b as usize]) {
            Some(k) => from + k,
            None => bytes.len(),
        };
    }
    // Word at a time from the start: most runs in template output are short (indentation,
    // attribute values), and one word test with one well-predicted branch beats a byte loop
    // whose exit is mispredicted.
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let mut mask = 0;
        for b in set.bytes {
            mask |= eq_mask(word, b);
        }
        if mask != 0 {
            return offset + (mask.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if set.table[b as usize] {
            return offset + k;
        }
    }
    bytes.len()
}

/// Appends `bytes[from..from + len]` to `out`. Short spans (names, most attribute values) are
/// copied as a fixed 16-byte block and trimmed, which compiles to one vector store instead of a
/// call to memcpy.
#[inline(always)]
pub(crate) fn push_span(out: &mut Vec<u8>, bytes: &[u8], from: usize, len: usize) {
    if len <= 16 {
        if let Some(block) = bytes.get(from..from + 16) {
            let keep = out.len() + len;
            let mut word = [0u8; 16];
            word.copy_from_slice(block);
            out.extend_from_slice(&word);
            out.truncate(keep);
            return;
        }
    }
    out.extend_from_slice(&bytes[from..from + len]);
}

/// Data and RCDATA: markup, character references, U+0000.
pub(crate) static DATA: ByteSet<3> = ByteSet::new([b'<', b'&', 0]);
/// RAWTEXT and script data.
pub(crate) static RAWTEXT: ByteSet<2> = ByteSet::new([b'<', 0]);
/// Script data escaped and double escaped states.
pub(crate) static SCRIPT_ESCAPED: ByteSet<3> = ByteSet::new([b'<', b'-', 0]);
/// PLAINTEXT.
pub(crate) static NUL: ByteSet<1> = ByteSet::new([0]);
/// CDATA section.
pub(crate) static CDATA: ByteSet<2> = ByteSet::new([b']', 0]);
/// Comment state.
pub(crate) static DASH: ByteSet<1> = ByteSet::new([b'-']);
/// Bogus comment state.
pub(crate) static GT: ByteSet<1> = ByteSet::new([b'>']);
/// Attribute value (double-quoted) state.
pub(crate) static DOUBLE_QUOTED: ByteSet<3> = ByteSet::new([b'"', b'&', 0]);
/// Attribute value (single-quoted) state.
pub(crate) static SINGLE_QUOTED: ByteSet<3> = ByteSet::new([b'\'', b'&', 0]);
/// Attribute value (unquoted) state.
pub(crate) static UNQUOTED: ByteSet<7> = ByteSet::new([b'\t', b'\n', b'\x0C', b' ', b'>', b'&', 0]);

/// A tag or attribute name's first 16 bytes packed into an integer (names never contain U+0000,
/// so zero padding is unambiguous) and its length: equal keys of names up to 16 bytes mean equal
/// names, tested in one compare instead of a call to memcmp.
/// `word` with its ASCII upper-case bytes lowercased, and whether there were any. Per byte,
/// exact (no carries between bytes): a byte is upper case when its low seven bits exceed 0x40
/// and stay below 0x5B and its top bit is clear.
#[inline(always)]
fn lowercase_word(word: u64) -> (u64, bool) {
    let low7 = word & (ONES * 0x7F);
    let above_40 = low7 + ONES * (0x7F - 0x40);
    let below_5b = ONES * (0x7F + 0x5B) - low7;
    let upper = above_40 & below_5b & !word & HIGHS;
    (word | (upper >> 2), upper != 0)
}

/// `KEY_MASKS[len]` keeps the first `len` bytes of a 16-byte little-endian window.
static KEY_MASKS: [[u64; 2]; 17] = {
    let mut masks = [[0u64; 2]; 17];
    let mut len = 1;
    while len <= 16 {
        let n = len - 1;
        masks[len] = masks[len - 1];
        masks[len][n / 8] |= 0xFF << (8 * (n % 8));
        len += 1;
    }
    masks
};

#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub(crate) struct NameKey {
    /// Bytes 0..8 and 8..16, little-endian (two words: shifting a u128 by a variable amount is
    /// far slower than shifting a u64).
    pub(crate) head: [u64; 2],
    pub(crate) len: usize,
}

impl NameKey {
    /// The key of `name`.
    #[inline(always)]
    pub(crate) fn of(name: &[u8]) -> NameKey {
        let mut head = [0u64; 2];
        for (n, &b) in name.iter().take(16).enumerate() {
            head[n / 8] |= (b as u64) << (8 * (n % 8));
        }
        NameKey { head, len: name.len() }
    }

    /// The key of the name `bytes[from..from + len]` once ASCII-lowercased, and whether it had
    /// upper case. Usually a 16-byte window load, a mask (a name never contains U+0000, so the
    /// mask is the only padding) and a word-wise lowercase.
    #[inline(always)]
    pub(crate) fn of_input(bytes: &[u8], from: usize, len: usize) -> (NameKey, bool) {
        if len <= 16 {
            if let Some(window) = bytes.get(from..from + 16) {
                let mut lo = [0u8; 8];
                let mut hi = [0u8; 8];
                lo.copy_from_slice(&window[..8]);
                hi.copy_from_slice(&window[8..]);
                let [m0, m1] = KEY_MASKS[len];
                let (lo, lo_upper) = lowercase_word(u64::from_le_bytes(lo) & m0);
                let (hi, hi_upper) = lowercase_word(u64::from_le_bytes(hi) & m1);
                return (NameKey { head: [lo, hi], len }, lo_upper | hi_upper);
            }
        }
        let name = bytes.get(from..from + len).unwrap_or_default();
        let upper = name.iter().any(u8::is_ascii_uppercase);
        let mut head = [0u64; 2];
        for (n, &b) in name.iter().take(16).enumerate() {
            head[n / 8] |= (b.to_ascii_lowercase() as u64) << (8 * (n % 8));
        }
        (NameKey { head, len }, upper)
    }

    /// Whether equal keys alone prove equal names.
    #[inline(always)]
    pub(crate) fn is_exact(self) -> bool {
        self.len <= 16
    }
}

/// The tokenizer's whitespace: tab, line feed, form feed, space (carriage returns never reach the
/// states: preprocessing turned them into line feeds).
#[inline(always)]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// Index of the first non-whitespace byte at or after `from` (or `bytes.len()`).
#[inline(always)]
pub(crate) fn skip_space(bytes: &[u8], mut from: usize) -> usize {
    while let Some(&b) = bytes.get(from) {
        if !is_space(b) {
            break;
        }
        from += 1;
    }
    from
}

/// Class bits of a byte inside a tag or attribute name.
const UPPER: u8 = 1;
/// Ends a tag name: whitespace, `/`, `>`, U+0000 (the caller replaces it and goes on).
pub(crate) const TAG_NAME_END: u8 = 2;
/// Ends an attribute name: the same bytes, and `=`.
pub(crate) const ATTR_NAME_END: u8 = 4;

static NAME_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = b'A';
    while b <= b'Z' {
        t[b as usize] = UPPER;
        b += 1;
    }
    let ends = [b'\t', b'\n', 0x0C, b' ', b'/', b'>', 0];
    let mut k = 0;
    while k < ends.len() {
        t[ends[k] as usize] = TAG_NAME_END | ATTR_NAME_END;
        k += 1;
    }
    t[b'=' as usize] = ATTR_NAME_END;
    t
};

/// Scans a tag or attribute name from `from` up to the first byte whose class has the `end` bit
/// (`TAG_NAME_END` or `ATTR_NAME_END`) or the end of input. Returns that index, the key of the
/// scanned bytes ASCII-lowercased, and whether any was upper case.
///
/// Eight bytes at a time: the bytes that end a name are `/`, `>`, (`=`,) and whitespace or
/// U+0000, all at or below 0x20, so one word test flags every possible end, and the table only
/// confirms the first flagged byte (it rejects the other controls below 0x21, which real names
/// never contain). Names are short and vary in length, so a byte loop would pay a mispredicted
/// exit on nearly every name.
#[inline(always)]
pub(crate) fn scan_name(bytes: &[u8], from: usize, end: u8) -> (usize, NameKey, bool) {
    let mut k = from;
    let stop = 'scan: loop {
        let Some(chunk) = bytes.get(k..k + 8) else {
            // The last few bytes: one at a time.
            while let Some(&b) = bytes.get(k) {
                if NAME_CLASS[b as usize] & end != 0 {
                    break;
                }
                k += 1;
            }
            break 'scan k;
        };
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        // Bytes at or below 0x20 (exact for the lowest flagged byte, like `eq_mask`).
        let mut mask = word.wrapping_sub(ONES * 0x21) & !word & HIGHS;
        mask |= eq_mask(word, b'/') | eq_mask(word, b'>');
        if end & ATTR_NAME_END != 0 {
            mask |= eq_mask(word, b'=');
        }
        if mask == 0 {
            k += 8;
            continue;
        }
        let at = (mask.trailing_zeros() / 8) as usize;
        if NAME_CLASS[chunk[at] as usize] & end != 0 {
            break 'scan k + at;
        }
        // A control character that does not end the name: go on after it.
        k += at + 1;
    };
    let (key, upper) = NameKey::of_input(bytes, from, stop - from);
    (stop, key, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious implementation `find` must agree with.
    fn naive(bytes: &[u8], from: usize, wanted: &[u8]) -> usize {
        (from..bytes.len()).find(|&i| wanted.contains(&bytes[i])).unwrap_or(bytes.len())
    }

    #[test]
    fn find_agrees_with_naive_scan_at_every_offset_and_length() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..80 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // Mostly letters, sometimes a wanted byte or a byte just around one.
                    [b'a', b'b', b'<', b'&', 0, b';', b'=', 0xFF, 0x80][(seed % 9) as usize]
                })
                .collect();
            for from in 0..=len + 1 {
                assert_eq!(find(&bytes, from, &ByteSet::new([b'<', b'&', 0])), naive(&bytes, from, b"<&\0"));
                assert_eq!(find(&bytes, from, &ByteSet::new([b'='])), naive(&bytes, from, b"="));
                let many = ByteSet::new([b'<', b'&', 0, b';', b'\t', b' ']);
                assert_eq!(find(&bytes, from, &many), naive(&bytes, from, b"<&\0;\t "));
            }
        }
    }

    #[test]
    fn push_span_copies_exactly() {
        let src: Vec<u8> = (0..40u8).collect();
        for from in 0..40 {
            for len in 0..=40 - from {
                let mut out = vec![7u8];
                push_span(&mut out, &src, from, len);
                assert_eq!(out[0], 7);
                assert_eq!(&out[1..], &src[from..from + len]);
            }
        }
    }

    #[test]
    fn name_keys() {
        assert_eq!(NameKey::of(b"id"), NameKey::of(b"id"));
        assert_ne!(NameKey::of(b"id"), NameKey::of(b"ie"));
        assert_ne!(NameKey::of(b"a"), NameKey::of(b"aa"));
        assert!(NameKey::of(b"0123456789abcdef").is_exact());
        assert!(!NameKey::of(b"0123456789abcdefg").is_exact());
        // Every byte value: the word-wise lowercase agrees with `to_ascii_lowercase`.
        for b in 0..=255u8 {
            let (word, upper) = lowercase_word(u64::from_le_bytes([b, b'a', b, b'Z', 0xFF, b, 0x40, b]));
            let expected = [b, b'a', b, b'Z', 0xFF, b, 0x40, b].map(|c| c.to_ascii_lowercase());
            assert_eq!(word.to_le_bytes(), expected);
            assert!(upper);
            assert_eq!(lowercase_word(b as u64).1, b.is_ascii_uppercase());
        }
    }

    #[test]
    fn scan_name_stops_and_keys() {
        assert_eq!(scan_name(b"div class", 0, TAG_NAME_END), (3, NameKey::of(b"div"), false));
        assert_eq!(scan_name(b"DiV>", 0, TAG_NAME_END), (3, NameKey::of(b"div"), true));
        let padded = b"ul id=x class=y>and more text";
        assert_eq!(scan_name(padded, 0, TAG_NAME_END), (2, NameKey::of(b"ul"), false));
        assert_eq!(scan_name(padded, 3, ATTR_NAME_END), (5, NameKey::of(b"id"), false));
        assert_eq!(scan_name(b"0123456789abcdefXYZ>", 0, TAG_NAME_END).1, NameKey::of(b"0123456789abcdefxyz"));
        assert_eq!(scan_name(b"a=b c", 0, TAG_NAME_END).0, 3);
        assert_eq!(scan_name(b"a=b c", 0, ATTR_NAME_END).0, 1);
        assert_eq!(scan_name(b"ab\0c", 0, TAG_NAME_END).0, 2);
        assert_eq!(scan_name(b"abc", 5, TAG_NAME_END).0, 5);
        let long = b"Data-Some-Very-Long-Name/";
        assert_eq!(scan_name(long, 0, ATTR_NAME_END), (24, NameKey::of(b"data-some-very-long-name"), true));
    }
}
