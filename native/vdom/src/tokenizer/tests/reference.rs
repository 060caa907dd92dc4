//! A naive reference tokenizer: the WHATWG HTML §13.2.5 states transcribed one by one over
//! `char`s, one character per step, with no lookahead tricks, no borrowing and no fast paths. It
//! shares only the entity table (data checked separately against the standard's list). The
//! differential tests run it and the real tokenizer over many generated inputs and demand the
//! same tokens.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::support::{push, state_after, Setup, T};
use crate::token::TextState;
use crate::tokenizer::entities::ENTITIES;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum S {
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
    TagOpen,
    EndTagOpen,
    TagName,
    RcdataLt,
    RcdataEndTagOpen,
    RcdataEndTagName,
    RawtextLt,
    RawtextEndTagOpen,
    RawtextEndTagName,
    ScriptDataLt,
    ScriptDataEndTagOpen,
    ScriptDataEndTagName,
    ScriptDataEscapeStart,
    ScriptDataEscapeStartDash,
    ScriptDataEscaped,
    ScriptDataEscapedDash,
    ScriptDataEscapedDashDash,
    ScriptDataEscapedLt,
    ScriptDataEscapedEndTagOpen,
    ScriptDataEscapedEndTagName,
    ScriptDataDoubleEscapeStart,
    ScriptDataDoubleEscaped,
    ScriptDataDoubleEscapedDash,
    ScriptDataDoubleEscapedDashDash,
    ScriptDataDoubleEscapedLt,
    ScriptDataDoubleEscapeEnd,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    AttrValueDq,
    AttrValueSq,
    AttrValueUnq,
    AfterAttrValueQuoted,
    SelfClosingStartTag,
    BogusComment,
    MarkupDeclOpen,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentLt,
    CommentLtBang,
    CommentLtBangDash,
    CommentLtBangDashDash,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    Doctype,
    BeforeDoctypeName,
    DoctypeName,
    AfterDoctypeName,
    AfterDoctypePublicKeyword,
    BeforeDoctypePublicId,
    DoctypePublicIdDq,
    DoctypePublicIdSq,
    AfterDoctypePublicId,
    BetweenDoctypeIds,
    AfterDoctypeSystemKeyword,
    BeforeDoctypeSystemId,
    DoctypeSystemIdDq,
    DoctypeSystemIdSq,
    AfterDoctypeSystemId,
    BogusDoctype,
    CdataSection,
    CdataSectionBracket,
    CdataSectionEnd,
    CharRef,
    NamedCharRef,
    AmbiguousAmpersand,
    NumericCharRef,
    HexCharRefStart,
    DecimalCharRefStart,
    HexCharRef,
    DecimalCharRef,
    NumericCharRefEnd,
}

fn names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| ENTITIES.iter().map(|(n, _)| String::from_utf8(n.to_vec()).unwrap()).collect())
}

fn value_of(name: &str) -> &'static str {
    ENTITIES.iter().find(|(n, _)| *n == name.as_bytes()).unwrap().1
}

/// The numeric character reference end state's mapping, written out from the standard's table.
fn numeric_value(n: u32) -> char {
    const TABLE: [(u32, u32); 27] = [
        (0x80, 0x20AC), (0x82, 0x201A), (0x83, 0x0192), (0x84, 0x201E), (0x85, 0x2026),
        (0x86, 0x2020), (0x87, 0x2021), (0x88, 0x02C6), (0x89, 0x2030), (0x8A, 0x0160),
        (0x8B, 0x2039), (0x8C, 0x0152), (0x8E, 0x017D), (0x91, 0x2018), (0x92, 0x2019),
        (0x93, 0x201C), (0x94, 0x201D), (0x95, 0x2022), (0x96, 0x2013), (0x97, 0x2014),
        (0x98, 0x02DC), (0x99, 0x2122), (0x9A, 0x0161), (0x9B, 0x203A), (0x9C, 0x0153),
        (0x9E, 0x017E), (0x9F, 0x0178),
    ];
    if n == 0 || n > 0x10FFFF || (0xD800..=0xDFFF).contains(&n) {
        return '\u{FFFD}';
    }
    match TABLE.iter().find(|(from, _)| *from == n) {
        Some(&(_, to)) => char::from_u32(to).unwrap(),
        None => char::from_u32(n).unwrap(),
    }
}

fn is_ws(c: Option<char>) -> bool {
    matches!(c, Some('\t' | '\n' | '\x0C' | ' '))
}

fn alpha(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphabetic())
}

fn alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

struct Tag {
    end: bool,
    name: String,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    /// The attribute being built, and whether it duplicates an earlier one.
    current: Option<(String, String, bool)>,
}

struct Doctype {
    name: Option<String>,
    public: Option<String>,
    system: Option<String>,
    quirks: bool,
}

struct R<'s> {
    input: Vec<char>,
    pos: usize,
    state: S,
    return_state: S,
    out: Vec<T>,
    tag: Option<Tag>,
    comment: String,
    doctype: Option<Doctype>,
    temp: String,
    code: u32,
    last_start: Option<String>,
    setup: Setup<'s>,
}

/// The reference tokenization of `input`.
pub fn run(input: &str, setup: Setup) -> Vec<T> {
    let input = input.replace("\r\n", "\n").replace('\r', "\n");
    let state = match setup.state {
        TextState::Data => S::Data,
        TextState::Rcdata => S::Rcdata,
        TextState::Rawtext => S::Rawtext,
        TextState::ScriptData => S::ScriptData,
        TextState::Plaintext => S::Plaintext,
    };
    let mut r = R {
        input: input.chars().collect(),
        pos: 0,
        state,
        return_state: S::Data,
        out: Vec::new(),
        tag: None,
        comment: String::new(),
        doctype: None,
        temp: String::new(),
        code: 0,
        last_start: setup.last_start_tag.map(String::from),
        setup,
    };
    while r.step() {}
    r.out
}

impl R<'_> {
    fn emit_char(&mut self, c: char) {
        if c == '\0' {
            self.out.push(T::Null);
        } else {
            push(&mut self.out, T::Chars(c.to_string()));
        }
    }

    fn emit_str(&mut self, s: &str) {
        for c in s.chars() {
            self.emit_char(c);
        }
    }

    fn new_tag(&mut self, end: bool) {
        self.tag = Some(Tag { end, name: String::new(), self_closing: false, attrs: vec![], current: None });
    }

    fn tag(&mut self) -> &mut Tag {
        self.tag.as_mut().unwrap()
    }

    /// Finishes the current attribute (dropping it if it duplicates an earlier one).
    fn finish_attr(&mut self) {
        let tag = self.tag();
        if let Some((name, value, dup)) = tag.current.take() {
            if !dup {
                tag.attrs.push((name, value));
            }
        }
    }

    fn new_attr(&mut self, name: &str) {
        self.finish_attr();
        self.tag().current = Some((name.to_string(), String::new(), false));
    }

    /// Leaving the attribute name state: mark a duplicate.
    fn check_dup(&mut self) {
        let tag = self.tag();
        if let Some((name, _, dup)) = tag.current.as_mut() {
            *dup = tag.attrs.iter().any(|(n, _)| n == name);
        }
    }

    fn attr_name(&mut self) -> &mut String {
        &mut self.tag().current.as_mut().unwrap().0
    }

    fn attr_value(&mut self) -> &mut String {
        &mut self.tag().current.as_mut().unwrap().1
    }

    fn emit_tag(&mut self) {
        self.finish_attr();
        let tag = self.tag.take().unwrap();
        self.state = S::Data;
        if tag.end {
            self.out.push(T::End { name: tag.name, attrs: tag.attrs, self_closing: tag.self_closing });
        } else {
            self.last_start = Some(tag.name.clone());
            if let Some(s) = state_after(&tag.name) {
                self.state = match s {
                    TextState::Data => S::Data,
                    TextState::Rcdata => S::Rcdata,
                    TextState::Rawtext => S::Rawtext,
                    TextState::ScriptData => S::ScriptData,
                    TextState::Plaintext => S::Plaintext,
                };
            }
            self.out.push(T::Start { name: tag.name, attrs: tag.attrs, self_closing: tag.self_closing });
        }
    }

    fn emit_comment(&mut self) {
        let c = std::mem::take(&mut self.comment);
        self.out.push(T::Comment(c));
    }

    fn emit_doctype(&mut self) {
        let d = self.doctype.take().unwrap();
        self.out.push(T::Doctype { name: d.name, public: d.public, system: d.system, quirks: d.quirks });
    }

    fn new_doctype(&mut self) {
        self.doctype = Some(Doctype { name: None, public: None, system: None, quirks: false });
    }

    fn dt(&mut self) -> &mut Doctype {
        self.doctype.as_mut().unwrap()
    }

    fn appropriate(&self) -> bool {
        let tag = self.tag.as_ref().unwrap();
        self.last_start.as_deref() == Some(tag.name.as_str())
    }

    fn in_attribute(&self) -> bool {
        matches!(self.return_state, S::AttrValueDq | S::AttrValueSq | S::AttrValueUnq)
    }

    fn flush_temp(&mut self) {
        let temp = std::mem::take(&mut self.temp);
        if self.in_attribute() {
            self.attr_value().push_str(&temp);
        } else {
            self.emit_str(&temp);
        }
    }

    fn starts_with(&self, word: &str, ci: bool) -> bool {
        let chars: Vec<char> = word.chars().collect();
        if self.pos + chars.len() > self.input.len() {
            return false;
        }
        self.input[self.pos..self.pos + chars.len()]
            .iter()
            .zip(&chars)
            .all(|(a, b)| if ci { a.eq_ignore_ascii_case(b) } else { a == b })
    }

    /// One step of the state machine; false after end-of-file was emitted.
    fn step(&mut self) -> bool {
        let c = self.input.get(self.pos).copied();
        self.pos += 1;
        let reconsume = |r: &mut R, s: S| {
            r.pos -= 1;
            r.state = s;
        };
        match self.state {
            S::Data => match c {
                Some('&') => {
                    self.return_state = S::Data;
                    self.state = S::CharRef;
                }
                Some('<') => self.state = S::TagOpen,
                None => return false,
                Some(c) => self.emit_char(c),
            },
            S::Rcdata => match c {
                Some('&') => {
                    self.return_state = S::Rcdata;
                    self.state = S::CharRef;
                }
                Some('<') => self.state = S::RcdataLt,
                Some('\0') => self.emit_char('\u{FFFD}'),
                None => return false,
                Some(c) => self.emit_char(c),
            },
            S::Rawtext | S::ScriptData => match c {
                Some('<') => self.state = if self.state == S::Rawtext { S::RawtextLt } else { S::ScriptDataLt },
                Some('\0') => self.emit_char('\u{FFFD}'),
                None => return false,
                Some(c) => self.emit_char(c),
            },
            S::Plaintext => match c {
                Some('\0') => self.emit_char('\u{FFFD}'),
                None => return false,
                Some(c) => self.emit_char(c),
            },
            S::TagOpen => match c {
                Some('!') => self.state = S::MarkupDeclOpen,
                Some('/') => self.state = S::EndTagOpen,
                c if alpha(c) => {
                    self.new_tag(false);
                    reconsume(self, S::TagName);
                }
                Some('?') => {
                    self.comment.clear();
                    reconsume(self, S::BogusComment);
                }
                None => {
                    self.emit_char('<');
                    return false;
                }
                _ => {
                    self.emit_char('<');
                    reconsume(self, S::Data);
                }
            },
            S::EndTagOpen => match c {
                c if alpha(c) => {
                    self.new_tag(true);
                    reconsume(self, S::TagName);
                }
                Some('>') => self.state = S::Data,
                None => {
                    self.emit_str("</");
                    return false;
                }
                _ => {
                    self.comment.clear();
                    reconsume(self, S::BogusComment);
                }
            },
            S::TagName => match c {
                c if is_ws(c) => self.state = S::BeforeAttrName,
                Some('/') => self.state = S::SelfClosingStartTag,
                Some('>') => self.emit_tag(),
                Some('\0') => self.tag().name.push('\u{FFFD}'),
                None => return false,
                Some(c) => self.tag().name.push(c.to_ascii_lowercase()),
            },
            S::RcdataLt | S::RawtextLt => match c {
                Some('/') => {
                    self.temp.clear();
                    self.state = if self.state == S::RcdataLt { S::RcdataEndTagOpen } else { S::RawtextEndTagOpen };
                }
                _ => {
                    self.emit_char('<');
                    let back = if self.state == S::RcdataLt { S::Rcdata } else { S::Rawtext };
                    reconsume(self, back);
                }
            },
            S::RcdataEndTagOpen | S::RawtextEndTagOpen | S::ScriptDataEndTagOpen | S::ScriptDataEscapedEndTagOpen => {
                let (name_state, back) = match self.state {
                    S::RcdataEndTagOpen => (S::RcdataEndTagName, S::Rcdata),
                    S::RawtextEndTagOpen => (S::RawtextEndTagName, S::Rawtext),
                    S::ScriptDataEndTagOpen => (S::ScriptDataEndTagName, S::ScriptData),
                    _ => (S::ScriptDataEscapedEndTagName, S::ScriptDataEscaped),
                };
                if alpha(c) {
                    self.new_tag(true);
                    reconsume(self, name_state);
                } else {
                    self.emit_str("</");
                    reconsume(self, back);
                }
            }
            S::RcdataEndTagName | S::RawtextEndTagName | S::ScriptDataEndTagName | S::ScriptDataEscapedEndTagName => {
                let back = match self.state {
                    S::RcdataEndTagName => S::Rcdata,
                    S::RawtextEndTagName => S::Rawtext,
                    S::ScriptDataEndTagName => S::ScriptData,
                    _ => S::ScriptDataEscaped,
                };
                match c {
                    c if is_ws(c) && self.appropriate() => self.state = S::BeforeAttrName,
                    Some('/') if self.appropriate() => self.state = S::SelfClosingStartTag,
                    Some('>') if self.appropriate() => self.emit_tag(),
                    Some(c) if c.is_ascii_alphabetic() => {
                        self.tag().name.push(c.to_ascii_lowercase());
                        self.temp.push(c);
                    }
                    _ => {
                        self.tag = None;
                        self.emit_str("</");
                        let temp = std::mem::take(&mut self.temp);
                        self.emit_str(&temp);
                        reconsume(self, back);
                    }
                }
            }
            S::ScriptDataLt => match c {
                Some('/') => {
                    self.temp.clear();
                    self.state = S::ScriptDataEndTagOpen;
                }
                Some('!') => {
                    self.state = S::ScriptDataEscapeStart;
                    self.emit_str("<!");
                }
                _ => {
                    self.emit_char('<');
                    reconsume(self, S::ScriptData);
                }
            },
            S::ScriptDataEscapeStart => match c {
                Some('-') => {
                    self.state = S::ScriptDataEscapeStartDash;
                    self.emit_char('-');
                }
                _ => reconsume(self, S::ScriptData),
            },
            S::ScriptDataEscapeStartDash => match c {
                Some('-') => {
                    self.state = S::ScriptDataEscapedDashDash;
                    self.emit_char('-');
                }
                _ => reconsume(self, S::ScriptData),
            },
            S::ScriptDataEscaped | S::ScriptDataEscapedDash | S::ScriptDataEscapedDashDash => match c {
                Some('-') => {
                    self.state = match self.state {
                        S::ScriptDataEscaped => S::ScriptDataEscapedDash,
                        _ => S::ScriptDataEscapedDashDash,
                    };
                    self.emit_char('-');
                }
                Some('<') => self.state = S::ScriptDataEscapedLt,
                Some('>') if self.state == S::ScriptDataEscapedDashDash => {
                    self.state = S::ScriptData;
                    self.emit_char('>');
                }
                Some('\0') => {
                    self.state = S::ScriptDataEscaped;
                    self.emit_char('\u{FFFD}');
                }
                None => return false,
                Some(c) => {
                    self.state = S::ScriptDataEscaped;
                    self.emit_char(c);
                }
            },
            S::ScriptDataEscapedLt => match c {
                Some('/') => {
                    self.temp.clear();
                    self.state = S::ScriptDataEscapedEndTagOpen;
                }
                c if alpha(c) => {
                    self.temp.clear();
                    self.emit_char('<');
                    reconsume(self, S::ScriptDataDoubleEscapeStart);
                }
                _ => {
                    self.emit_char('<');
                    reconsume(self, S::ScriptDataEscaped);
                }
            },
            S::ScriptDataDoubleEscapeStart | S::ScriptDataDoubleEscapeEnd => {
                let start = self.state == S::ScriptDataDoubleEscapeStart;
                match c {
                    Some(ch @ ('\t' | '\n' | '\x0C' | ' ' | '/' | '>')) => {
                        let is_script = self.temp == "script";
                        self.state = match (start, is_script) {
                            (true, true) | (false, false) => S::ScriptDataDoubleEscaped,
                            _ => S::ScriptDataEscaped,
                        };
                        self.emit_char(ch);
                    }
                    Some(ch) if ch.is_ascii_alphabetic() => {
                        self.temp.push(ch.to_ascii_lowercase());
                        self.emit_char(ch);
                    }
                    _ => {
                        let back = if start { S::ScriptDataEscaped } else { S::ScriptDataDoubleEscaped };
                        reconsume(self, back);
                    }
                }
            }
            S::ScriptDataDoubleEscaped | S::ScriptDataDoubleEscapedDash | S::ScriptDataDoubleEscapedDashDash => match c {
                Some('-') => {
                    self.state = match self.state {
                        S::ScriptDataDoubleEscaped => S::ScriptDataDoubleEscapedDash,
                        _ => S::ScriptDataDoubleEscapedDashDash,
                    };
                    self.emit_char('-');
                }
                Some('<') => {
                    self.state = S::ScriptDataDoubleEscapedLt;
                    self.emit_char('<');
                }
                Some('>') if self.state == S::ScriptDataDoubleEscapedDashDash => {
                    self.state = S::ScriptData;
                    self.emit_char('>');
                }
                Some('\0') => {
                    self.state = S::ScriptDataDoubleEscaped;
                    self.emit_char('\u{FFFD}');
                }
                None => return false,
                Some(c) => {
                    self.state = S::ScriptDataDoubleEscaped;
                    self.emit_char(c);
                }
            },
            S::ScriptDataDoubleEscapedLt => match c {
                Some('/') => {
                    self.temp.clear();
                    self.state = S::ScriptDataDoubleEscapeEnd;
                    self.emit_char('/');
                }
                _ => reconsume(self, S::ScriptDataDoubleEscaped),
            },
            S::BeforeAttrName => match c {
                c if is_ws(c) => {}
                Some('/' | '>') | None => reconsume(self, S::AfterAttrName),
                Some('=') => {
                    self.new_attr("=");
                    self.state = S::AttrName;
                }
                _ => {
                    self.new_attr("");
                    reconsume(self, S::AttrName);
                }
            },
            S::AttrName => match c {
                c if is_ws(c) => {
                    self.check_dup();
                    reconsume(self, S::AfterAttrName);
                }
                Some('/' | '>') | None => {
                    self.check_dup();
                    reconsume(self, S::AfterAttrName);
                }
                Some('=') => {
                    self.check_dup();
                    self.state = S::BeforeAttrValue;
                }
                Some('\0') => self.attr_name().push('\u{FFFD}'),
                Some(c) => self.attr_name().push(c.to_ascii_lowercase()),
            },
            S::AfterAttrName => match c {
                c if is_ws(c) => {}
                Some('/') => self.state = S::SelfClosingStartTag,
                Some('=') => self.state = S::BeforeAttrValue,
                Some('>') => self.emit_tag(),
                None => return false,
                _ => {
                    self.new_attr("");
                    reconsume(self, S::AttrName);
                }
            },
            S::BeforeAttrValue => match c {
                c if is_ws(c) => {}
                Some('"') => self.state = S::AttrValueDq,
                Some('\'') => self.state = S::AttrValueSq,
                Some('>') => self.emit_tag(),
                _ => reconsume(self, S::AttrValueUnq),
            },
            S::AttrValueDq | S::AttrValueSq => {
                let quote = if self.state == S::AttrValueDq { '"' } else { '\'' };
                match c {
                    Some(q) if q == quote => self.state = S::AfterAttrValueQuoted,
                    Some('&') => {
                        self.return_state = self.state;
                        self.state = S::CharRef;
                    }
                    Some('\0') => self.attr_value().push('\u{FFFD}'),
                    None => return false,
                    Some(c) => self.attr_value().push(c),
                }
            }
            S::AttrValueUnq => match c {
                c if is_ws(c) => self.state = S::BeforeAttrName,
                Some('&') => {
                    self.return_state = S::AttrValueUnq;
                    self.state = S::CharRef;
                }
                Some('>') => self.emit_tag(),
                Some('\0') => self.attr_value().push('\u{FFFD}'),
                None => return false,
                Some(c) => self.attr_value().push(c),
            },
            S::AfterAttrValueQuoted => match c {
                c if is_ws(c) => self.state = S::BeforeAttrName,
                Some('/') => self.state = S::SelfClosingStartTag,
                Some('>') => self.emit_tag(),
                None => return false,
                _ => reconsume(self, S::BeforeAttrName),
            },
            S::SelfClosingStartTag => match c {
                Some('>') => {
                    self.tag().self_closing = true;
                    self.emit_tag();
                }
                None => return false,
                _ => reconsume(self, S::BeforeAttrName),
            },
            S::BogusComment => match c {
                Some('>') => {
                    self.state = S::Data;
                    self.emit_comment();
                }
                None => {
                    self.emit_comment();
                    return false;
                }
                Some('\0') => self.comment.push('\u{FFFD}'),
                Some(c) => self.comment.push(c),
            },
            S::MarkupDeclOpen => {
                self.pos -= 1;
                if self.starts_with("--", false) {
                    self.pos += 2;
                    self.comment.clear();
                    self.state = S::CommentStart;
                } else if self.starts_with("DOCTYPE", true) {
                    self.pos += 7;
                    self.state = S::Doctype;
                } else if self.starts_with("[CDATA[", false) {
                    self.pos += 7;
                    if self.setup.cdata {
                        self.state = S::CdataSection;
                    } else {
                        self.comment = "[CDATA[".into();
                        self.state = S::BogusComment;
                    }
                } else {
                    self.comment.clear();
                    self.state = S::BogusComment;
                }
            }
            S::CommentStart => match c {
                Some('-') => self.state = S::CommentStartDash,
                Some('>') => {
                    self.state = S::Data;
                    self.emit_comment();
                }
                _ => reconsume(self, S::Comment),
            },
            S::CommentStartDash => match c {
                Some('-') => self.state = S::CommentEnd,
                Some('>') => {
                    self.state = S::Data;
                    self.emit_comment();
                }
                None => {
                    self.emit_comment();
                    return false;
                }
                _ => {
                    self.comment.push('-');
                    reconsume(self, S::Comment);
                }
            },
            S::Comment => match c {
                Some('<') => {
                    self.comment.push('<');
                    self.state = S::CommentLt;
                }
                Some('-') => self.state = S::CommentEndDash,
                Some('\0') => self.comment.push('\u{FFFD}'),
                None => {
                    self.emit_comment();
                    return false;
                }
                Some(c) => self.comment.push(c),
            },
            S::CommentLt => match c {
                Some('!') => {
                    self.comment.push('!');
                    self.state = S::CommentLtBang;
                }
                Some('<') => self.comment.push('<'),
                _ => reconsume(self, S::Comment),
            },
            S::CommentLtBang => match c {
                Some('-') => self.state = S::CommentLtBangDash,
                _ => reconsume(self, S::Comment),
            },
            S::CommentLtBangDash => match c {
                Some('-') => self.state = S::CommentLtBangDashDash,
                _ => reconsume(self, S::CommentEndDash),
            },
            S::CommentLtBangDashDash => reconsume(self, S::CommentEnd),
            S::CommentEndDash => match c {
                Some('-') => self.state = S::CommentEnd,
                None => {
                    self.emit_comment();
                    return false;
                }
                _ => {
                    self.comment.push('-');
                    reconsume(self, S::Comment);
                }
            },
            S::CommentEnd => match c {
                Some('>') => {
                    self.state = S::Data;
                    self.emit_comment();
                }
                Some('!') => self.state = S::CommentEndBang,
                Some('-') => self.comment.push('-'),
                None => {
                    self.emit_comment();
                    return false;
                }
                _ => {
                    self.comment.push_str("--");
                    reconsume(self, S::Comment);
                }
            },
            S::CommentEndBang => match c {
                Some('-') => {
                    self.comment.push_str("--!");
                    self.state = S::CommentEndDash;
                }
                Some('>') => {
                    self.state = S::Data;
                    self.emit_comment();
                }
                None => {
                    self.emit_comment();
                    return false;
                }
                _ => {
                    self.comment.push_str("--!");
                    reconsume(self, S::Comment);
                }
            },
            S::Doctype => match c {
                c if is_ws(c) => self.state = S::BeforeDoctypeName,
                None => {
                    self.new_doctype();
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => reconsume(self, S::BeforeDoctypeName),
            },
            S::BeforeDoctypeName => match c {
                c if is_ws(c) => {}
                Some('>') => {
                    self.new_doctype();
                    self.dt().quirks = true;
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.new_doctype();
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                Some(c) => {
                    self.new_doctype();
                    let c = if c == '\0' { '\u{FFFD}' } else { c.to_ascii_lowercase() };
                    self.dt().name = Some(c.to_string());
                    self.state = S::DoctypeName;
                }
            },
            S::DoctypeName => match c {
                c if is_ws(c) => self.state = S::AfterDoctypeName,
                Some('>') => {
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                Some(c) => {
                    let c = if c == '\0' { '\u{FFFD}' } else { c.to_ascii_lowercase() };
                    self.dt().name.as_mut().unwrap().push(c);
                }
            },
            S::AfterDoctypeName => match c {
                c if is_ws(c) => {}
                Some('>') => {
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => {
                    self.pos -= 1;
                    if self.starts_with("PUBLIC", true) {
                        self.pos += 6;
                        self.state = S::AfterDoctypePublicKeyword;
                    } else if self.starts_with("SYSTEM", true) {
                        self.pos += 6;
                        self.state = S::AfterDoctypeSystemKeyword;
                    } else {
                        self.dt().quirks = true;
                        self.state = S::BogusDoctype;
                    }
                }
            },
            S::AfterDoctypePublicKeyword | S::BeforeDoctypePublicId => match c {
                c if is_ws(c) => {
                    if self.state == S::AfterDoctypePublicKeyword {
                        self.state = S::BeforeDoctypePublicId;
                    }
                }
                Some('"') => {
                    self.dt().public = Some(String::new());
                    self.state = S::DoctypePublicIdDq;
                }
                Some('\'') => {
                    self.dt().public = Some(String::new());
                    self.state = S::DoctypePublicIdSq;
                }
                Some('>') => {
                    self.dt().quirks = true;
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => {
                    self.dt().quirks = true;
                    reconsume(self, S::BogusDoctype);
                }
            },
            S::DoctypePublicIdDq | S::DoctypePublicIdSq | S::DoctypeSystemIdDq | S::DoctypeSystemIdSq => {
                let public = matches!(self.state, S::DoctypePublicIdDq | S::DoctypePublicIdSq);
                let quote = if matches!(self.state, S::DoctypePublicIdDq | S::DoctypeSystemIdDq) { '"' } else { '\'' };
                match c {
                    Some(q) if q == quote => {
                        self.state = if public { S::AfterDoctypePublicId } else { S::AfterDoctypeSystemId };
                    }
                    Some('>') => {
                        self.dt().quirks = true;
                        self.state = S::Data;
                        self.emit_doctype();
                    }
                    None => {
                        self.dt().quirks = true;
                        self.emit_doctype();
                        return false;
                    }
                    Some(c) => {
                        let c = if c == '\0' { '\u{FFFD}' } else { c };
                        let d = self.dt();
                        if public { d.public.as_mut() } else { d.system.as_mut() }.unwrap().push(c);
                    }
                }
            }
            S::AfterDoctypePublicId | S::BetweenDoctypeIds => match c {
                c if is_ws(c) => {
                    if self.state == S::AfterDoctypePublicId {
                        self.state = S::BetweenDoctypeIds;
                    }
                }
                Some('>') => {
                    self.state = S::Data;
                    self.emit_doctype();
                }
                Some('"') => {
                    self.dt().system = Some(String::new());
                    self.state = S::DoctypeSystemIdDq;
                }
                Some('\'') => {
                    self.dt().system = Some(String::new());
                    self.state = S::DoctypeSystemIdSq;
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => {
                    self.dt().quirks = true;
                    reconsume(self, S::BogusDoctype);
                }
            },
            S::AfterDoctypeSystemKeyword | S::BeforeDoctypeSystemId => match c {
                c if is_ws(c) => {
                    if self.state == S::AfterDoctypeSystemKeyword {
                        self.state = S::BeforeDoctypeSystemId;
                    }
                }
                Some('"') => {
                    self.dt().system = Some(String::new());
                    self.state = S::DoctypeSystemIdDq;
                }
                Some('\'') => {
                    self.dt().system = Some(String::new());
                    self.state = S::DoctypeSystemIdSq;
                }
                Some('>') => {
                    self.dt().quirks = true;
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => {
                    self.dt().quirks = true;
                    reconsume(self, S::BogusDoctype);
                }
            },
            S::AfterDoctypeSystemId => match c {
                c if is_ws(c) => {}
                Some('>') => {
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.dt().quirks = true;
                    self.emit_doctype();
                    return false;
                }
                _ => reconsume(self, S::BogusDoctype),
            },
            S::BogusDoctype => match c {
                Some('>') => {
                    self.state = S::Data;
                    self.emit_doctype();
                }
                None => {
                    self.emit_doctype();
                    return false;
                }
                _ => {}
            },
            S::CdataSection => match c {
                Some(']') => self.state = S::CdataSectionBracket,
                None => return false,
                Some(c) => self.emit_char(c),
            },
            S::CdataSectionBracket => match c {
                Some(']') => self.state = S::CdataSectionEnd,
                _ => {
                    self.emit_char(']');
                    reconsume(self, S::CdataSection);
                }
            },
            S::CdataSectionEnd => match c {
                Some(']') => self.emit_char(']'),
                Some('>') => self.state = S::Data,
                _ => {
                    self.emit_str("]]");
                    reconsume(self, S::CdataSection);
                }
            },
            S::CharRef => {
                self.temp = "&".into();
                match c {
                    c if alnum(c) => reconsume(self, S::NamedCharRef),
                    Some('#') => {
                        self.temp.push('#');
                        self.state = S::NumericCharRef;
                    }
                    _ => {
                        self.flush_temp();
                        let back = self.return_state;
                        reconsume(self, back);
                    }
                }
            }
            S::NamedCharRef => {
                self.pos -= 1;
                // The longest prefix of the input that is a name in the table.
                let mut matched = None;
                for len in (1..=32).rev() {
                    if self.pos + len > self.input.len() {
                        continue;
                    }
                    let candidate: String = self.input[self.pos..self.pos + len].iter().collect();
                    if names().contains(&candidate) {
                        matched = Some(candidate);
                        break;
                    }
                }
                match matched {
                    Some(name) => {
                        self.pos += name.chars().count();
                        self.temp.push_str(&name);
                        let next = self.input.get(self.pos).copied();
                        if self.in_attribute() && !name.ends_with(';') && (next == Some('=') || alnum(next)) {
                            self.flush_temp();
                        } else {
                            self.temp = value_of(&name).to_string();
                            self.flush_temp();
                        }
                        self.state = self.return_state;
                    }
                    None => {
                        self.flush_temp();
                        self.state = S::AmbiguousAmpersand;
                    }
                }
            }
            S::AmbiguousAmpersand => match c {
                Some(ch) if ch.is_ascii_alphanumeric() => {
                    if self.in_attribute() {
                        self.attr_value().push(ch);
                    } else {
                        self.emit_char(ch);
                    }
                }
                _ => {
                    let back = self.return_state;
                    reconsume(self, back);
                }
            },
            S::NumericCharRef => {
                self.code = 0;
                match c {
                    Some(ch @ ('x' | 'X')) => {
                        self.temp.push(ch);
                        self.state = S::HexCharRefStart;
                    }
                    _ => reconsume(self, S::DecimalCharRefStart),
                }
            }
            S::HexCharRefStart | S::DecimalCharRefStart => {
                let hex = self.state == S::HexCharRefStart;
                if c.is_some_and(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }) {
                    reconsume(self, if hex { S::HexCharRef } else { S::DecimalCharRef });
                } else {
                    self.flush_temp();
                    let back = self.return_state;
                    reconsume(self, back);
                }
            }
            S::HexCharRef | S::DecimalCharRef => {
                let radix = if self.state == S::HexCharRef { 16 } else { 10 };
                match c.and_then(|c| c.to_digit(radix)) {
                    Some(d) => self.code = self.code.saturating_mul(radix).saturating_add(d),
                    None if c == Some(';') => self.state = S::NumericCharRefEnd,
                    None => reconsume(self, S::NumericCharRefEnd),
                }
            }
            S::NumericCharRefEnd => {
                // This state consumes nothing.
                self.pos -= 1;
                self.temp = numeric_value(self.code).to_string();
                self.flush_temp();
                self.state = self.return_state;
            }
        }
        true
    }
}
