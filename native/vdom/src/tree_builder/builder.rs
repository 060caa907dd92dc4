//! The tree builder's state and the primitive operations every insertion mode uses: where a node
//! goes ("the appropriate place for inserting a node", with foster parenting and template
//! contents), creating and inserting elements, comments and text, and popping the stack.

use super::formatting::Formatting;
use super::modes::Mode;
use super::select::SelectTracker;
use super::stack::{Open, Stack, TooDeep};
use super::tags::{self, TagSet};
use crate::atoms::Tag;
use crate::dom::{Dom, NodeId, Ns, Span, NONE};
use crate::token::{TagToken, TextState};

/// Result of a tree-construction step: the only failure is a limit (depth, list length).
pub(crate) type Step = Result<(), TooDeep>;

/// A start tag with no attributes, for the elements the rules create on their own (`html`,
/// `head`, `body`, `tbody`, `tr`, `colgroup`, `p`, `br`). `Vec::new` does not allocate.
pub(crate) static NO_ATTRS: TagToken =
    TagToken { tag: Tag::Other, self_closing: false, name: Vec::new(), attrs: Vec::new(), attr_bytes: Vec::new() };

/// The state of one parse.
pub(crate) struct TreeBuilder {
    pub(crate) dom: Dom,
    pub(crate) mode: Mode,
    /// Where the "text" and "in table text" modes return to.
    pub(crate) original_mode: Mode,
    pub(crate) template_modes: Vec<Mode>,
    pub(crate) stack: Stack,
    pub(crate) afe: Formatting,
    /// The head element pointer.
    pub(crate) head: NodeId,
    /// The form element pointer.
    pub(crate) form: NodeId,
    pub(crate) frameset_ok: bool,
    pub(crate) scripting: bool,
    /// The context element in the fragment case.
    pub(crate) context: Option<Open>,
    pub(crate) foster_parenting: bool,
    /// Drop a U+000A that starts the next token (after `<pre>`, `<listing>`, `<textarea>`).
    pub(crate) ignore_lf: bool,
    /// A tokenizer state switch the driver applies after the current token.
    pub(crate) pending_state: Option<TextState>,
    /// "Pending table character tokens", and whether any is not whitespace.
    pub(crate) table_text: Vec<u8>,
    pub(crate) table_text_has_non_ws: bool,
    pub(crate) select: SelectTracker,
    /// Interned names of known tags (`len == 0`: not interned yet), indexed by `Tag`.
    names: [Span; 256],
    /// Work counter for the complexity tests (stack entries scanned, bytes inserted).
    #[cfg(test)]
    pub(crate) ops: std::cell::Cell<u64>,
}

/// ASCII whitespace as the tree builder defines it (tab, LF, FF, CR, space).
#[inline]
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Length of the whitespace prefix of `text`.
#[inline]
pub(crate) fn ws_prefix(text: &[u8]) -> usize {
    text.iter().position(|&b| !is_ws(b)).unwrap_or(text.len())
}

/// Whether `text` has a character that is not whitespace.
#[inline]
pub(crate) fn has_non_ws(text: &[u8]) -> bool {
    text.iter().any(|&b| !is_ws(b))
}

impl TreeBuilder {
    /// A builder for a document (the stack starts empty, in the "initial" mode).
    pub(crate) fn new(input_len: usize, scripting: bool, max_depth: usize) -> TreeBuilder {
        TreeBuilder {
            dom: Dom::new(input_len),
            mode: Mode::Initial,
            original_mode: Mode::Initial,
            template_modes: Vec::new(),
            stack: Stack::new(max_depth.max(1)),
            // Generous safety net; see formatting.rs for why the live part is depth-bounded.
            afe: Formatting::new(max_depth.max(1).saturating_mul(32).max(1024)),
            head: NONE,
            form: NONE,
            frameset_ok: true,
            scripting,
            context: None,
            foster_parenting: false,
            ignore_lf: false,
            pending_state: None,
            table_text: Vec::new(),
            table_text_has_non_ws: false,
            select: SelectTracker::new(input_len),
            names: [Span::default(); 256],
            #[cfg(test)]
            ops: std::cell::Cell::new(0),
        }
    }

    /// Counts `n` units of work (tests assert totals; compiled out otherwise).
    #[inline(always)]
    pub(crate) fn tally(&self, n: usize) {
        #[cfg(test)]
        self.ops.set(self.ops.get() + n as u64);
        #[cfg(not(test))]
        let _ = n;
    }

    // ----- where nodes go -------------------------------------------------------------------

    /// The template contents of `node` if it is an HTML `template`, else `node` itself.
    #[inline]
    pub(crate) fn contents_or_self(&self, node: NodeId) -> NodeId {
        match self.dom.element(node) {
            Some(e) if e.template_contents != NONE => e.template_contents,
            _ => node,
        }
    }

    /// "The appropriate place for inserting a node" with `target` as the override target (or
    /// the current node): `(parent, before)`, `before == NONE` meaning "append".
    #[inline]
    pub(crate) fn place_for(&self, target: Open) -> (NodeId, NodeId) {
        if self.foster_parenting && target.is_in(tags::FOSTER_TARGETS) {
            return self.foster_place();
        }
        if target.is(Tag::Template) {
            return (self.contents_or_self(target.node), NONE);
        }
        (target.node, NONE)
    }

    /// The foster-parenting location: before the last table, unless a template is open above
    /// it. Only the entries above the last table/template are scanned (at most the depth cap).
    fn foster_place(&self) -> (NodeId, NodeId) {
        let items = self.stack.items();
        for i in (0..items.len()).rev() {
            let e = items[i];
            self.tally(1);
            if e.is(Tag::Template) {
                return (self.contents_or_self(e.node), NONE);
            }
            if e.is(Tag::Table) {
                let parent = self.dom.nodes[e.node as usize].parent;
                if parent != NONE {
                    return (parent, e.node);
                }
                let above = if i > 0 { items[i - 1].node } else { e.node };
                return (self.contents_or_self(above), NONE);
            }
        }
        (self.contents_or_self(self.stack.get(0).node), NONE)
    }

    /// Inserts an already-created node at the appropriate place for the current node.
    #[inline]
    pub(crate) fn insert_node(&mut self, node: NodeId) {
        let (parent, before) = self.place_for(self.stack.current());
        if parent == NONE {
            return;
        }
        if before == NONE {
            self.dom.append(parent, node);
        } else {
            self.dom.insert_before(parent, node, before);
        }
    }

    // ----- creating and inserting -----------------------------------------------------------

    /// "Create an element for the token" in the HTML namespace. `tag` is the name to use
    /// (callers pass `Tag::Img` for `<image>`); unknown names take the token's bytes.
    #[inline]
    pub(crate) fn create_html_element(&mut self, tag: Tag, tok: &TagToken) -> NodeId {
        let name = self.tag_name_span(tag, tok);
        let ranges = tok.attrs.iter().map(|a| (a.name_start..a.name_end, a.value_start..a.value_end));
        let block: &[u8] = if tok.attrs.is_empty() { &[] } else { &tok.attr_bytes };
        self.dom.create_element_from_block(Ns::Html, tag, name, block, ranges)
    }

    /// The element name in the arena: known tags are interned once per parse and shared by
    /// every element with that name; other names are copied from the token.
    #[inline]
    fn tag_name_span(&mut self, tag: Tag, tok: &TagToken) -> Span {
        if tag == Tag::Other {
            return self.dom.intern(&tok.name);
        }
        let slot = &mut self.names[tag as usize & 255];
        if slot.len == 0 {
            *slot = self.dom.intern(tag.name());
        }
        *slot
    }

    /// "Insert an HTML element" for `tok` named `tag`: created, placed, pushed.
    #[inline]
    pub(crate) fn insert_html(&mut self, tag: Tag, tok: &TagToken) -> Result<NodeId, TooDeep> {
        let node = self.create_html_element(tag, tok);
        self.insert_node(node);
        self.stack.push(Open { node, tag, ns: Ns::Html })?;
        if tag == Tag::Option || tag == Tag::Selectedcontent {
            self.select_hook_inserted(node, tag);
        }
        Ok(node)
    }

    /// Inserts a void HTML element (inserted and immediately popped). It is still pushed for a
    /// moment, so the depth limit applies to it like to any element.
    #[inline]
    pub(crate) fn insert_void(&mut self, tag: Tag, tok: &TagToken) -> Step {
        self.insert_html(tag, tok)?;
        self.pop();
        Ok(())
    }

    /// "Insert a comment" at the appropriate place.
    pub(crate) fn insert_comment(&mut self, data: &[u8]) {
        let c = self.dom.create_comment(data);
        self.insert_node(c);
    }

    /// Appends a comment as the last child of `parent` (the document, the html element).
    pub(crate) fn append_comment_to(&mut self, parent: NodeId, data: &[u8]) {
        let c = self.dom.create_comment(data);
        self.dom.append(parent, c);
    }

    /// "Insert a character" for a run: merges with an adjacent text node (O(1) even when
    /// foster parenting alternates between text nodes; see `dom::TextData`).
    #[inline]
    pub(crate) fn insert_text(&mut self, text: &[u8]) {
        self.tally(text.len());
        let (parent, before) = self.place_for(self.stack.current());
        // Only the document (node 0) cannot hold text; fragments and elements can.
        if parent == NONE || parent == Dom::DOCUMENT {
            return;
        }
        if before == NONE {
            self.dom.append_text(parent, text);
        } else {
            self.dom.insert_text_before(parent, text, before);
        }
    }

    // ----- the stack ------------------------------------------------------------------------

    /// The adjusted current node: the context element when the stack holds only the fragment
    /// root, else the current node ([`Open::NOTHING`] on an empty stack).
    #[inline]
    pub(crate) fn adjusted_current(&self) -> Open {
        if self.stack.len() == 1 {
            if let Some(ctx) = self.context {
                return ctx;
            }
        }
        self.stack.current()
    }

    /// Pops the current node. The root `html` element is never popped before the end of input
    /// (no rule does that to a well-formed stack), which also keeps every "pop until" loop
    /// finite whatever state hostile input produces.
    #[inline]
    pub(crate) fn pop(&mut self) -> Open {
        if self.stack.len() <= 1 {
            return self.stack.current();
        }
        let e = self.stack.pop().unwrap_or(Open::NOTHING);
        if e.tag == Tag::Option && e.ns == Ns::Html {
            self.select_hook_popped(e.node);
        }
        e
    }

    /// Pops elements until an HTML element called `tag` has been popped.
    pub(crate) fn pop_until(&mut self, tag: Tag) {
        while self.stack.len() > 1 {
            if self.pop().is(tag) {
                break;
            }
        }
    }

    /// Pops elements until an HTML element whose tag is in `set` has been popped.
    pub(crate) fn pop_until_in(&mut self, set: TagSet) {
        while self.stack.len() > 1 {
            if self.pop().is_in(set) {
                break;
            }
        }
    }

    /// Pops elements until `node` has been popped.
    pub(crate) fn pop_until_node(&mut self, node: NodeId) {
        if !self.stack.contains(node) {
            return;
        }
        while self.stack.len() > 1 {
            if self.pop().node == node {
                break;
            }
        }
    }

    /// Pops until the current node is an HTML element in `set` ("clear the stack back to a
    /// table / table body / table row context").
    pub(crate) fn clear_stack_back_to(&mut self, set: TagSet) {
        while self.stack.len() > 1 && !self.stack.current().is_in(set) {
            self.pop();
        }
    }

    /// "Generate implied end tags", except for HTML elements called `except` (`Tag::Other`
    /// for none).
    #[inline]
    pub(crate) fn generate_implied_end_tags(&mut self, except: Tag) {
        loop {
            let cur = self.stack.current();
            if !cur.is_in(tags::IMPLIED_END) || cur.tag == except {
                return;
            }
            self.pop();
        }
    }

    /// "Generate all implied end tags thoroughly".
    pub(crate) fn generate_implied_end_tags_thoroughly(&mut self) {
        while self.stack.current().is_in(tags::IMPLIED_END_THOROUGH) {
            self.pop();
        }
    }

    /// "Close a p element".
    pub(crate) fn close_p(&mut self) {
        self.generate_implied_end_tags(Tag::P);
        self.pop_until(Tag::P);
    }

    /// "If the stack of open elements has a p element in button scope, close a p element."
    #[inline]
    pub(crate) fn close_p_in_button_scope(&mut self) {
        if self.stack.has_in_scope(Tag::P, super::stack::Scope::Button) {
            self.close_p();
        }
    }

    /// Whether an HTML `template` is open.
    #[inline]
    pub(crate) fn template_open(&self) -> bool {
        self.stack.count(Tag::Template) > 0
    }

    /// Whether `e` is an HTML integration point.
    pub(crate) fn is_html_integration_point(&self, e: Open) -> bool {
        match e.ns {
            Ns::Html => false,
            Ns::Svg => tags::SVG_HTML_IP.contains(e.tag),
            Ns::MathMl => {
                e.tag == Tag::AnnotationXml && self.dom.element(e.node).is_some_and(|d| d.mathml_html_integration_point)
            }
        }
    }

    /// Two elements have "the same tag name": interned tags compare as integers; names outside
    /// the atom table compare their bytes.
    pub(crate) fn same_name(&self, e: Open, tok: &TagToken) -> bool {
        if e.tag != tok.tag {
            return false;
        }
        if e.tag != Tag::Other {
            return true;
        }
        match self.dom.element(e.node) {
            Some(d) => self.dom.span(d.name) == tok.name.as_slice(),
            None => false,
        }
    }

    /// Like [`Self::same_name`] but the element's name is lower-cased first (foreign content end
    /// tags match `foreignObject` against `foreignobject`).
    pub(crate) fn same_name_lowercased(&self, e: Open, tok: &TagToken) -> bool {
        if e.tag != tok.tag {
            return false;
        }
        if e.tag != Tag::Other {
            return true;
        }
        match self.dom.element(e.node) {
            Some(d) => self.dom.span(d.name).eq_ignore_ascii_case(&tok.name),
            None => false,
        }
    }
}
