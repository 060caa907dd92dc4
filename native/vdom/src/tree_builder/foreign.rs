//! Foreign content: the rules for tokens inside SVG and MathML (WHATWG §13.2.6.5), inserting
//! foreign elements, and the name adjustments that give SVG its camel-cased tag and attribute
//! names and foreign attributes their namespaces (`xlink:href` → XLink namespace).

use super::builder::{has_non_ws, Step, TreeBuilder};
use super::stack::Open;
use super::tags;
use crate::atoms::Tag;
use crate::dom::{AttrNs, Ns};
use crate::token::TagToken;

/// SVG tag names whose DOM spelling differs from the lower-cased token name.
const SVG_TAGS: &[(&[u8], &[u8])] = &[
    (b"altglyph", b"altGlyph"),
    (b"altglyphdef", b"altGlyphDef"),
    (b"altglyphitem", b"altGlyphItem"),
    (b"animatecolor", b"animateColor"),
    (b"animatemotion", b"animateMotion"),
    (b"animatetransform", b"animateTransform"),
    (b"clippath", b"clipPath"),
    (b"feblend", b"feBlend"),
    (b"fecolormatrix", b"feColorMatrix"),
    (b"fecomponenttransfer", b"feComponentTransfer"),
    (b"fecomposite", b"feComposite"),
    (b"feconvolvematrix", b"feConvolveMatrix"),
    (b"fediffuselighting", b"feDiffuseLighting"),
    (b"fedisplacementmap", b"feDisplacementMap"),
    (b"fedistantlight", b"feDistantLight"),
    (b"fedropshadow", b"feDropShadow"),
    (b"feflood", b"feFlood"),
    (b"fefunca", b"feFuncA"),
    (b"fefuncb", b"feFuncB"),
    (b"fefuncg", b"feFuncG"),
    (b"fefuncr", b"feFuncR"),
    (b"fegaussianblur", b"feGaussianBlur"),
    (b"feimage", b"feImage"),
    (b"femerge", b"feMerge"),
    (b"femergenode", b"feMergeNode"),
    (b"femorphology", b"feMorphology"),
    (b"feoffset", b"feOffset"),
    (b"fepointlight", b"fePointLight"),
    (b"fespecularlighting", b"feSpecularLighting"),
    (b"fespotlight", b"feSpotLight"),
    (b"fetile", b"feTile"),
    (b"feturbulence", b"feTurbulence"),
    (b"foreignobject", b"foreignObject"),
    (b"glyphref", b"glyphRef"),
    (b"lineargradient", b"linearGradient"),
    (b"radialgradient", b"radialGradient"),
    (b"textpath", b"textPath"),
];

/// SVG attribute names whose DOM spelling differs from the lower-cased token name.
const SVG_ATTRS: &[(&[u8], &[u8])] = &[
    (b"attributename", b"attributeName"),
    (b"attributetype", b"attributeType"),
    (b"basefrequency", b"baseFrequency"),
    (b"baseprofile", b"baseProfile"),
    (b"calcmode", b"calcMode"),
    (b"clippathunits", b"clipPathUnits"),
    (b"diffuseconstant", b"diffuseConstant"),
    (b"edgemode", b"edgeMode"),
    (b"filterunits", b"filterUnits"),
    (b"glyphref", b"glyphRef"),
    (b"gradienttransform", b"gradientTransform"),
    (b"gradientunits", b"gradientUnits"),
    (b"kernelmatrix", b"kernelMatrix"),
    (b"kernelunitlength", b"kernelUnitLength"),
    (b"keypoints", b"keyPoints"),
    (b"keysplines", b"keySplines"),
    (b"keytimes", b"keyTimes"),
    (b"lengthadjust", b"lengthAdjust"),
    (b"limitingconeangle", b"limitingConeAngle"),
    (b"markerheight", b"markerHeight"),
    (b"markerunits", b"markerUnits"),
    (b"markerwidth", b"markerWidth"),
    (b"maskcontentunits", b"maskContentUnits"),
    (b"maskunits", b"maskUnits"),
    (b"numoctaves", b"numOctaves"),
    (b"pathlength", b"pathLength"),
    (b"patterncontentunits", b"patternContentUnits"),
    (b"patterntransform", b"patternTransform"),
    (b"patternunits", b"patternUnits"),
    (b"pointsatx", b"pointsAtX"),
    (b"pointsaty", b"pointsAtY"),
    (b"pointsatz", b"pointsAtZ"),
    (b"preservealpha", b"preserveAlpha"),
    (b"preserveaspectratio", b"preserveAspectRatio"),
    (b"primitiveunits", b"primitiveUnits"),
    (b"refx", b"refX"),
    (b"refy", b"refY"),
    (b"repeatcount", b"repeatCount"),
    (b"repeatdur", b"repeatDur"),
    (b"requiredextensions", b"requiredExtensions"),
    (b"requiredfeatures", b"requiredFeatures"),
    (b"specularconstant", b"specularConstant"),
    (b"specularexponent", b"specularExponent"),
    (b"spreadmethod", b"spreadMethod"),
    (b"startoffset", b"startOffset"),
    (b"stddeviation", b"stdDeviation"),
    (b"stitchtiles", b"stitchTiles"),
    (b"surfacescale", b"surfaceScale"),
    (b"systemlanguage", b"systemLanguage"),
    (b"tablevalues", b"tableValues"),
    (b"targetx", b"targetX"),
    (b"targety", b"targetY"),
    (b"textlength", b"textLength"),
    (b"viewbox", b"viewBox"),
    (b"viewtarget", b"viewTarget"),
    (b"xchannelselector", b"xChannelSelector"),
    (b"ychannelselector", b"yChannelSelector"),
    (b"zoomandpan", b"zoomAndPan"),
];

/// Attributes that get a namespace on foreign elements; the DOM keeps the qualified name.
const FOREIGN_ATTRS: &[(&[u8], AttrNs)] = &[
    (b"xlink:actuate", AttrNs::XLink),
    (b"xlink:arcrole", AttrNs::XLink),
    (b"xlink:href", AttrNs::XLink),
    (b"xlink:role", AttrNs::XLink),
    (b"xlink:show", AttrNs::XLink),
    (b"xlink:title", AttrNs::XLink),
    (b"xlink:type", AttrNs::XLink),
    (b"xml:lang", AttrNs::Xml),
    (b"xml:space", AttrNs::Xml),
    (b"xmlns", AttrNs::Xmlns),
    (b"xmlns:xlink", AttrNs::Xmlns),
];

fn lookup(table: &'static [(&'static [u8], &'static [u8])], name: &[u8]) -> Option<&'static [u8]> {
    table.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

/// The DOM local name of an SVG element for a (lower-case) token name.
pub(crate) fn svg_tag_name(name: &[u8]) -> &[u8] {
    lookup(SVG_TAGS, name).unwrap_or(name)
}

/// An attribute of a foreign element after the adjustments for namespace `ns`.
fn adjust_attr(ns: Ns, name: &[u8]) -> (AttrNs, &[u8]) {
    let name: &[u8] = match ns {
        Ns::Svg => lookup(SVG_ATTRS, name).unwrap_or(name),
        Ns::MathMl if name == b"definitionurl" => b"definitionURL",
        _ => name,
    };
    // Only names with a colon or starting with "xml" can be foreign attributes.
    if name.len() >= 5 && name.starts_with(b"x") {
        if let Some((_, ans)) = FOREIGN_ATTRS.iter().find(|(k, _)| *k == name) {
            return (*ans, name);
        }
    }
    (AttrNs::None, name)
}

impl TreeBuilder {
    /// "Insert a foreign element" for `t` in `ns`, with the attribute adjustments; pops it
    /// again if the tag was self-closing.
    pub(crate) fn insert_foreign(&mut self, ns: Ns, t: &TagToken) -> Step {
        let local: &[u8] = match ns {
            Ns::Svg => svg_tag_name(&t.name),
            _ => &t.name,
        };
        let node = self.dom.create_element(
            ns,
            t.tag,
            local,
            t.attr_iter().map(|(n, v)| {
                let (ans, name) = adjust_attr(ns, n);
                (ans, name, v)
            }),
        );
        if ns == Ns::MathMl && t.tag == Tag::AnnotationXml {
            let ip = t.get_attr(b"encoding").is_some_and(|v| {
                v.eq_ignore_ascii_case(b"text/html") || v.eq_ignore_ascii_case(b"application/xhtml+xml")
            });
            if let Some(e) = self.dom.element_mut(node) {
                e.mathml_html_integration_point = ip;
            }
        }
        self.insert_node(node);
        self.stack.push(Open { node, tag: t.tag, ns })?;
        if t.self_closing {
            self.pop();
        }
        Ok(())
    }

    /// Characters in foreign content.
    pub(crate) fn foreign_characters(&mut self, text: &[u8]) {
        if text[0] == 0 {
            self.insert_text("\u{FFFD}".as_bytes());
            return;
        }
        if self.frameset_ok && has_non_ws(text) {
            self.frameset_ok = false;
        }
        self.insert_text(text);
    }

    /// A start tag in foreign content.
    pub(crate) fn foreign_start_tag(&mut self, t: &TagToken) -> Step {
        let breakout = tags::BREAKOUT.contains(t.tag)
            || (t.tag == Tag::Font
                && (t.get_attr(b"color").is_some() || t.get_attr(b"face").is_some() || t.get_attr(b"size").is_some()));
        if breakout {
            self.break_out_of_foreign_content();
            return self.start_tag_in(self.mode, t);
        }
        let ns = self.adjusted_current().ns;
        self.insert_foreign(ns, t)
    }

    /// Parse error: pops foreign elements until an HTML element or integration point is current
    /// (the token is then handled by the HTML rules).
    fn break_out_of_foreign_content(&mut self) {
        loop {
            let cur = self.stack.current();
            if self.stack.len() <= 1
                || cur.ns == Ns::Html
                || cur.is_mathml_text_integration_point()
                || self.is_html_integration_point(cur)
            {
                break;
            }
            self.pop();
        }
    }

    /// An end tag in foreign content: closes the nearest foreign element with this name, or
    /// hands the tag to the HTML rules once an HTML element is reached.
    pub(crate) fn foreign_end_tag(&mut self, t: &TagToken) -> Step {
        if t.tag == Tag::Br || t.tag == Tag::P {
            self.break_out_of_foreign_content();
            return self.end_tag_in(self.mode, t);
        }
        // Only the fragment root can be an HTML current node here (the adjusted current node is
        // then the foreign context element). The spec ignores the tag; browsers (Blink's
        // foreign-content end tag handling starts from the current node) hand it to the HTML
        // rules, so `</u>` in an `svg foreignObject` fragment still closes formatting.
        if self.stack.current().ns == Ns::Html {
            return self.end_tag_as_html(t);
        }
        let len = self.stack.len();
        let mut i = len;
        while i > 0 {
            i -= 1;
            let node = self.stack.get(i);
            if i == 0 {
                return Ok(());
            }
            if self.same_name_lowercased(node, t) {
                self.pop_until_node(node.node);
                return Ok(());
            }
            let above = self.stack.get(i - 1);
            if above.ns == Ns::Html {
                return self.end_tag_as_html(t);
            }
        }
        Ok(())
    }

    /// Hands a foreign-content end tag to the HTML rules. Blink case-adjusts an SVG end tag's
    /// name before anything else, so `</foreignObject>` reaches the HTML rules as
    /// `foreignObject` and closes no HTML `foreignobject` element; that is reproduced here with a
    /// name no HTML element has.
    fn end_tag_as_html(&mut self, t: &TagToken) -> Step {
        if self.adjusted_current().ns == Ns::Svg {
            let adjusted = svg_tag_name(&t.name);
            if adjusted != t.name.as_slice() {
                let renamed = TagToken {
                    tag: Tag::Other,
                    self_closing: t.self_closing,
                    name: adjusted.to_vec(),
                    attrs: Vec::new(),
                    attr_bytes: Vec::new(),
                };
                return self.end_tag_in(self.mode, &renamed);
            }
        }
        self.end_tag_in(self.mode, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjusts_names() {
        assert_eq!(svg_tag_name(b"foreignobject"), b"foreignObject");
        assert_eq!(svg_tag_name(b"g"), b"g");
        assert_eq!(adjust_attr(Ns::Svg, b"viewbox"), (AttrNs::None, &b"viewBox"[..]));
        assert_eq!(adjust_attr(Ns::MathMl, b"definitionurl"), (AttrNs::None, &b"definitionURL"[..]));
        assert_eq!(adjust_attr(Ns::Svg, b"xlink:href"), (AttrNs::XLink, &b"xlink:href"[..]));
        assert_eq!(adjust_attr(Ns::MathMl, b"xmlns"), (AttrNs::Xmlns, &b"xmlns"[..]));
        assert_eq!(adjust_attr(Ns::Svg, b"xml:base"), (AttrNs::None, &b"xml:base"[..]));
    }
}
