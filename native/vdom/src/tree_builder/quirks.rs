//! Which compatibility mode a DOCTYPE puts the document in (WHATWG §13.2.6.4.1). Quirks mode
//! changes one tree-construction rule: a `<table>` start tag does not close an open `<p>`.

use crate::dom::QuirksMode;
use crate::token::Doctype;

/// Public identifier prefixes that mean quirks mode.
const QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
];

/// Public identifiers that mean quirks mode when they match exactly.
const QUIRKY_PUBLIC_IDS: &[&str] =
    &["-//w3o//dtd w3 html strict 3.0//en//", "-/w3c/dtd html 4.0 transitional/en", "html"];

/// System identifier that means quirks mode.
const QUIRKY_SYSTEM_ID: &str = "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd";

/// HTML 4.01 prefixes: quirks without a system identifier, limited quirks with one.
const HTML401_PREFIXES: &[&str] = &["-//w3c//dtd html 4.01 frameset//", "-//w3c//dtd html 4.01 transitional//"];

/// XHTML 1.0 prefixes: limited quirks.
const XHTML10_PREFIXES: &[&str] = &["-//w3c//dtd xhtml 1.0 frameset//", "-//w3c//dtd xhtml 1.0 transitional//"];

fn starts_with_ci(s: &[u8], prefix: &str) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The document mode a DOCTYPE token selects.
pub(crate) fn quirks_mode(d: &Doctype) -> QuirksMode {
    let public = d.public_id.as_deref();
    let system = d.system_id.as_deref();
    let p = public.unwrap_or(b"");
    if d.force_quirks
        || d.name.as_deref() != Some(b"html")
        || QUIRKY_PUBLIC_IDS.iter().any(|id| p.eq_ignore_ascii_case(id.as_bytes()))
        || system.is_some_and(|s| s.eq_ignore_ascii_case(QUIRKY_SYSTEM_ID.as_bytes()))
        || QUIRKY_PUBLIC_PREFIXES.iter().any(|pre| starts_with_ci(p, pre))
        || (system.is_none() && HTML401_PREFIXES.iter().any(|pre| starts_with_ci(p, pre)))
    {
        return QuirksMode::Quirks;
    }
    if XHTML10_PREFIXES.iter().any(|pre| starts_with_ci(p, pre))
        || (system.is_some() && HTML401_PREFIXES.iter().any(|pre| starts_with_ci(p, pre)))
    {
        return QuirksMode::LimitedQuirks;
    }
    QuirksMode::NoQuirks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(name: &str, public: Option<&str>, system: Option<&str>) -> Doctype {
        Doctype {
            name: Some(name.as_bytes().to_vec()),
            public_id: public.map(|s| s.as_bytes().to_vec()),
            system_id: system.map(|s| s.as_bytes().to_vec()),
            force_quirks: false,
        }
    }

    #[test]
    fn modes_follow_the_tables() {
        assert_eq!(quirks_mode(&dt("html", None, None)), QuirksMode::NoQuirks);
        assert_eq!(quirks_mode(&dt("htmlx", None, None)), QuirksMode::Quirks);
        assert_eq!(quirks_mode(&dt("html", Some("-//W3C//DTD HTML 4.01 Transitional//EN"), None)), QuirksMode::Quirks);
        assert_eq!(
            quirks_mode(&dt("html", Some("-//W3C//DTD HTML 4.01 Transitional//EN"), Some("x"))),
            QuirksMode::LimitedQuirks
        );
        assert_eq!(quirks_mode(&dt("html", Some("-//W3C//DTD XHTML 1.0 Strict//EN"), None)), QuirksMode::NoQuirks);
        assert_eq!(quirks_mode(&dt("html", Some("HTML"), None)), QuirksMode::Quirks);
    }
}
