//! Interned tag names. The tree builder decides almost everything by tag name; comparing a small
//! integer instead of bytes keeps each token's work to a few branches. Names not listed here are
//! `Tag::Other` and keep their bytes in the DOM arena.

macro_rules! tags {
    ($( $variant:ident => $name:literal, )*) => {
        /// A known (lower-case) tag name. `Other` is any name not in this list.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Default)]
        #[repr(u16)]
        pub enum Tag {
            #[default]
            Other = 0,
            $( $variant, )*
        }

        impl Tag {
            /// The lower-case name of a known tag (`""` for `Other`).
            pub fn name(self) -> &'static [u8] {
                match self {
                    Tag::Other => b"",
                    $( Tag::$variant => $name.as_bytes(), )*
                }
            }
        }

        /// Looks up an already lower-cased tag name.
        pub fn lookup(name: &[u8]) -> Tag {
            // Matching on the slice compiles to a length switch followed by short compares.
            match name {
                $( n if n == $name.as_bytes() => Tag::$variant, )*
                _ => Tag::Other,
            }
        }
    };
}

tags! {
    A => "a",
    Abbr => "abbr",
    Address => "address",
    AnnotationXml => "annotation-xml",
    Applet => "applet",
    Area => "area",
    Article => "article",
    Aside => "aside",
    Audio => "audio",
    B => "b",
    Base => "base",
    Basefont => "basefont",
    Bdi => "bdi",
    Bdo => "bdo",
    Bgsound => "bgsound",
    Big => "big",
    Blockquote => "blockquote",
    Body => "body",
    Br => "br",
    Button => "button",
    Canvas => "canvas",
    Caption => "caption",
    Center => "center",
    Cite => "cite",
    Code => "code",
    Col => "col",
    Colgroup => "colgroup",
    Data => "data",
    Datalist => "datalist",
    Dd => "dd",
    Del => "del",
    Desc => "desc",
    Details => "details",
    Dfn => "dfn",
    Dialog => "dialog",
    Dir => "dir",
    Div => "div",
    Dl => "dl",
    Dt => "dt",
    Em => "em",
    Embed => "embed",
    Fieldset => "fieldset",
    Figcaption => "figcaption",
    Figure => "figure",
    Font => "font",
    Footer => "footer",
    ForeignObject => "foreignobject",
    Form => "form",
    Frame => "frame",
    Frameset => "frameset",
    H1 => "h1",
    H2 => "h2",
    H3 => "h3",
    H4 => "h4",
    H5 => "h5",
    H6 => "h6",
    Head => "head",
    Header => "header",
    Hgroup => "hgroup",
    Hr => "hr",
    Html => "html",
    I => "i",
    Iframe => "iframe",
    Image => "image",
    Img => "img",
    Input => "input",
    Ins => "ins",
    Kbd => "kbd",
    Keygen => "keygen",
    Label => "label",
    Legend => "legend",
    Li => "li",
    Link => "link",
    Listing => "listing",
    Main => "main",
    Malignmark => "malignmark",
    Map => "map",
    Mark => "mark",
    Marquee => "marquee",
    Math => "math",
    Menu => "menu",
    Menuitem => "menuitem",
    Meta => "meta",
    Meter => "meter",
    Mglyph => "mglyph",
    Mi => "mi",
    Mn => "mn",
    Mo => "mo",
    Ms => "ms",
    Mtext => "mtext",
    Nav => "nav",
    Nobr => "nobr",
    Noembed => "noembed",
    Noframes => "noframes",
    Noscript => "noscript",
    Object => "object",
    Ol => "ol",
    Optgroup => "optgroup",
    Option => "option",
    Output => "output",
    P => "p",
    Param => "param",
    Path => "path",
    Picture => "picture",
    Plaintext => "plaintext",
    Pre => "pre",
    Progress => "progress",
    Q => "q",
    Rb => "rb",
    Rp => "rp",
    Rt => "rt",
    Rtc => "rtc",
    Ruby => "ruby",
    S => "s",
    Samp => "samp",
    Script => "script",
    Search => "search",
    Section => "section",
    Select => "select",
    Selectedcontent => "selectedcontent",
    Slot => "slot",
    Small => "small",
    Source => "source",
    Span => "span",
    Strike => "strike",
    Strong => "strong",
    Style => "style",
    Sub => "sub",
    Summary => "summary",
    Sup => "sup",
    Svg => "svg",
    Table => "table",
    Tbody => "tbody",
    Td => "td",
    Template => "template",
    Textarea => "textarea",
    Tfoot => "tfoot",
    Th => "th",
    Thead => "thead",
    Time => "time",
    Title => "title",
    Tr => "tr",
    Track => "track",
    Tt => "tt",
    U => "u",
    Ul => "ul",
    Var => "var",
    Video => "video",
    Wbr => "wbr",
    Xmp => "xmp",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_round_trips_every_known_name() {
        for tag in [Tag::A, Tag::AnnotationXml, Tag::ForeignObject, Tag::Li, Tag::Xmp, Tag::Tbody] {
            assert_eq!(lookup(tag.name()), tag);
        }
        assert_eq!(lookup(b"custom-element"), Tag::Other);
        assert_eq!(lookup(b""), Tag::Other);
        assert_eq!(lookup(b"DIV"), Tag::Other, "lookup expects lower case");
    }
}
