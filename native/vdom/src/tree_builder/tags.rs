//! The element categories the tree construction rules test, as 256-bit sets of interned tags, so
//! "is the current node one of these eleven names" is one shift and one mask instead of a chain
//! of byte comparisons. All sets here are for the HTML namespace; foreign elements that count
//! (MathML text integration points, SVG `foreignObject`/`desc`/`title`) are tested by namespace
//! next to the callers.

use crate::atoms::Tag;

/// A set of interned tags.
#[derive(Clone, Copy)]
pub(crate) struct TagSet([u64; 4]);

impl TagSet {
    /// Builds a set at compile time. A tag past the 256th would fail the build here (the
    /// `assert!` runs in const evaluation), not silently fall out of the set.
    pub(crate) const fn of(tags: &[Tag]) -> TagSet {
        let mut bits = [0u64; 4];
        let mut i = 0;
        while i < tags.len() {
            let t = tags[i] as usize;
            assert!(t < 256, "TagSet holds tags 0..256");
            bits[t >> 6] |= 1u64 << (t & 63);
            i += 1;
        }
        TagSet(bits)
    }

    /// Whether `tag` is in the set.
    #[inline]
    pub(crate) fn contains(self, tag: Tag) -> bool {
        let t = tag as usize;
        t < 256 && (self.0[t >> 6] >> (t & 63)) & 1 != 0
    }
}

use Tag::*;

/// The "special" category (HTML namespace part). `search` is left out as Chromium leaves it
/// out (`<span><search></span>x` closes the span around the search there); the spec lists it,
/// and no html5lib test tells the two apart.
pub(crate) const SPECIAL: TagSet = TagSet::of(&[
    Address, Applet, Area, Article, Aside, Base, Basefont, Bgsound, Blockquote, Body, Br, Button, Caption, Center, Col,
    Colgroup, Dd, Details, Dir, Div, Dl, Dt, Embed, Fieldset, Figcaption, Figure, Footer, Form, Frame, Frameset, H1,
    H2, H3, H4, H5, H6, Head, Header, Hgroup, Hr, Html, Iframe, Img, Input, Keygen, Li, Link, Listing, Main, Marquee,
    Menu, Meta, Nav, Noembed, Noframes, Noscript, Object, Ol, P, Param, Plaintext, Pre, Script, Section, Select,
    Source, Style, Summary, Table, Tbody, Td, Template, Textarea, Tfoot, Th, Thead, Title, Tr, Track, Ul, Wbr, Xmp,
]);

/// "Generate implied end tags" pops these.
pub(crate) const IMPLIED_END: TagSet = TagSet::of(&[Dd, Dt, Li, Optgroup, Option, P, Rb, Rp, Rt, Rtc]);

/// "Generate all implied end tags thoroughly" pops these.
pub(crate) const IMPLIED_END_THOROUGH: TagSet =
    TagSet::of(&[Caption, Colgroup, Dd, Dt, Li, Optgroup, Option, P, Rb, Rp, Rt, Rtc, Tbody, Td, Tfoot, Th, Thead, Tr]);

/// HTML elements that bound "has an element in scope" (and list item and button scope).
/// `select` is one since the "in select" modes went away (customizable select), as browsers
/// parse it: `<b><select></b>x` and `<p><select></p>x` keep the text inside the select.
pub(crate) const SCOPE: TagSet = TagSet::of(&[Applet, Caption, Html, Table, Td, Th, Marquee, Object, Select, Template]);

/// HTML elements that bound "has an element in table scope".
pub(crate) const TABLE_SCOPE: TagSet = TagSet::of(&[Html, Table, Template]);

/// h1 to h6.
pub(crate) const HEADINGS: TagSet = TagSet::of(&[H1, H2, H3, H4, H5, H6]);

/// Current nodes under which text and misplaced content are foster parented.
pub(crate) const FOSTER_TARGETS: TagSet = TagSet::of(&[Table, Tbody, Tfoot, Thead, Tr]);

/// Current nodes whose character tokens go to the "in table text" mode. The spec also lists
/// `template`; Blink does not (text there goes through "in body", reconstructing formatting:
/// `<template><a><tr></tr>x` keeps the x in a reopened `a`), and no html5lib test differs.
pub(crate) const TABLE_TEXT_TARGETS: TagSet = TagSet::of(&[Table, Tbody, Tfoot, Thead, Tr]);

/// "Clear the stack back to a table context" stops at these.
pub(crate) const TABLE_CONTEXT: TagSet = TagSet::of(&[Table, Template, Html]);

/// "Clear the stack back to a table body context" stops at these.
pub(crate) const TABLE_BODY_CONTEXT: TagSet = TagSet::of(&[Tbody, Tfoot, Thead, Template, Html]);

/// "Clear the stack back to a table row context" stops at these.
pub(crate) const TABLE_ROW_CONTEXT: TagSet = TagSet::of(&[Tr, Template, Html]);

/// tbody, thead, tfoot.
pub(crate) const TABLE_SECTIONS: TagSet = TagSet::of(&[Tbody, Tfoot, Thead]);

/// td, th.
pub(crate) const CELLS: TagSet = TagSet::of(&[Td, Th]);

/// Start tags that break out of foreign content (plus `font` with color/face/size).
pub(crate) const BREAKOUT: TagSet = TagSet::of(&[
    B, Big, Blockquote, Body, Br, Center, Code, Dd, Div, Dl, Dt, Em, Embed, H1, H2, H3, H4, H5, H6, Head, Hr, I, Img,
    Li, Listing, Menu, Meta, Nobr, Ol, P, Pre, Ruby, S, Small, Span, Strong, Strike, Sub, Sup, Table, Tt, U, Ul, Var,
]);

/// MathML text integration points (MathML namespace).
pub(crate) const MATHML_TEXT_IP: TagSet = TagSet::of(&[Mi, Mo, Mn, Ms, Mtext]);

/// SVG HTML integration points (SVG namespace).
pub(crate) const SVG_HTML_IP: TagSet = TagSet::of(&[ForeignObject, Desc, Title]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_is_exact() {
        assert!(SPECIAL.contains(Tag::Div));
        assert!(!SPECIAL.contains(Tag::Span));
        assert!(!SPECIAL.contains(Tag::Other));
        assert!(IMPLIED_END.contains(Tag::Rtc));
        assert!(!IMPLIED_END.contains(Tag::Td));
        assert!(IMPLIED_END_THOROUGH.contains(Tag::Td));
    }
}
