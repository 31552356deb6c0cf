//! The open-element stack both passes keep while lol_html streams the page.
//!
//! lol_html reports start tags in document order and, through end-tag handlers, the end tags
//! it matched; it does not apply the HTML standard's implied end tags (`<p>a<p>b` nests, a
//! `<div>` inside a `<p>` stays inside). Browsers do, and article statistics must follow the
//! browser's tree, so this walker closes `p`, `li`, `dt`/`dd`, table parts and `option` the way
//! tree construction does. Both passes run the same walker over the same bytes, so the n-th
//! start tag gets id n in both: that is how decisions made on the table reach the output.

use crate::tags::Tag;
use lol_html::html_content::{Attribute, Element, EndTag};
use lol_html::HandlerResult;
use std::borrow::Cow;
use std::cell::RefCell;

/// "No element": the parent of the root, the current element before `<html>`.
pub const NONE: u32 = u32::MAX;

/// How far down the stack an implied-end-tag search looks. Real pages need a few levels; the
/// bound keeps pathological nesting (a million open `<span>`s) linear.
const SCOPE_SEARCH_LIMIT: usize = 64;

#[derive(Debug, Default)]
pub struct Walker {
    stack: Vec<(u32, Tag)>,
    open: Vec<bool>,
    /// How many elements of each `Watched` group are on the stack: an implied end tag is only
    /// searched for when one is.
    watched: [u32; WATCHED],
}

/// The elements implied end tags look for, in groups searched together.
const WATCHED: usize = 8;

fn watched(tag: Tag) -> Option<usize> {
    use Tag::*;
    Some(match tag {
        Head => 0,
        P => 1,
        Li => 2,
        Dt | Dd => 3,
        Tr => 4,
        Td | Th => 5,
        Thead | Tbody | Tfoot => 6,
        Option => 7,
        _ => return None,
    })
}

impl Walker {
    pub fn new() -> Self {
        Self::default()
    }

    /// A walker as it stood just before the start tag of element `next`, with `stack` (outermost
    /// first) open: for passes that parse only part of the page.
    pub fn resume(next: u32, stack: Vec<(u32, Tag)>) -> Self {
        let mut open = vec![false; next as usize];
        for &(id, _) in &stack {
            if let Some(o) = open.get_mut(id as usize) {
                *o = true;
            }
        }
        let mut watched_counts = [0; WATCHED];
        for &(_, tag) in &stack {
            if let Some(g) = watched(tag) {
                watched_counts[g] += 1;
            }
        }
        Walker {
            stack,
            open,
            watched: watched_counts,
        }
    }

    /// Ids handed out so far (the next id).
    pub fn count(&self) -> u32 {
        self.open.len() as u32
    }

    /// The innermost open element, or `NONE`.
    pub fn current(&self) -> u32 {
        self.stack.last().map_or(NONE, |(id, _)| *id)
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    pub fn is_open(&self, id: u32) -> bool {
        self.open.get(id as usize).copied().unwrap_or(false)
    }

    /// Registers a start tag. Elements the standard closes before it are appended to `closed`
    /// (innermost first). Returns the new element's id and its parent. Elements without
    /// content (`has_content == false`: void or self-closing) are never pushed.
    pub fn start(&mut self, tag: Tag, has_content: bool, closed: &mut Vec<u32>) -> (u32, u32) {
        self.close_implied(tag, closed);
        let id = self.open.len() as u32;
        let parent = self.current();
        self.open.push(has_content);
        if has_content {
            self.stack.push((id, tag));
            if let Some(g) = watched(tag) {
                self.watched[g] += 1;
            }
        }
        (id, parent)
    }

    /// Registers an end tag reported for element `id`; closes it and anything still open
    /// inside it. An element already closed by an implied end tag is ignored.
    pub fn end(&mut self, id: u32, closed: &mut Vec<u32>) {
        if self.is_open(id) {
            self.pop_through(id, closed);
        }
    }

    /// Closes everything still open at the end of the document.
    pub fn finish(&mut self, closed: &mut Vec<u32>) {
        while let Some((id, tag)) = self.stack.pop() {
            self.popped(id, tag, closed);
        }
    }

    fn pop_through(&mut self, target: u32, closed: &mut Vec<u32>) {
        while let Some((id, tag)) = self.stack.pop() {
            self.popped(id, tag, closed);
            if id == target {
                break;
            }
        }
    }

    fn popped(&mut self, id: u32, tag: Tag, closed: &mut Vec<u32>) {
        self.open[id as usize] = false;
        if let Some(g) = watched(tag) {
            self.watched[g] -= 1;
        }
        closed.push(id);
    }

    /// Whether an element of `tag`'s `Watched` group is open.
    fn any_open(&self, tag: Tag) -> bool {
        watched(tag).is_some_and(|g| self.watched[g] > 0)
    }

    /// Finds the nearest open element matching `want`, searching down until an element that
    /// matches `stop` (a scope boundary).
    fn find_in_scope(&self, want: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<u32> {
        for (id, tag) in self.stack.iter().rev().take(SCOPE_SEARCH_LIMIT) {
            if want(*tag) {
                return Some(*id);
            }
            if stop(*tag) {
                return None;
            }
        }
        None
    }

    fn close_implied(&mut self, tag: Tag, closed: &mut Vec<u32>) {
        use Tag::*;
        // Body content (or `<body>` itself) ends an unclosed `<head>`, as in browsers; pages
        // with a broken `<meta>` would otherwise hide their whole body inside the head.
        if self.any_open(Head)
            && !matches!(
                tag,
                Title | Meta | Link | Base | Script | Style | Noscript | Template | Head
            )
        {
            if let Some(id) = self.find_in_scope(|t| t == Head, |t| t == Html) {
                self.pop_through(id, closed);
            }
        }
        let target = match tag {
            Li if self.any_open(Li) => self.find_in_scope(|t| t == Li, list_scope_boundary),
            Dt | Dd if self.any_open(Dt) => {
                self.find_in_scope(|t| matches!(t, Dt | Dd), list_scope_boundary)
            }
            Tr if self.any_open(Tr) => {
                self.find_in_scope(|t| t == Tr, |t| matches!(t, Table | Thead | Tbody | Tfoot))
            }
            Td | Th if self.any_open(Td) => {
                self.find_in_scope(|t| matches!(t, Td | Th), |t| matches!(t, Tr | Table))
            }
            Thead | Tbody | Tfoot if self.any_open(Thead) => {
                self.find_in_scope(|t| matches!(t, Thead | Tbody | Tfoot), |t| t == Table)
            }
            Option | Optgroup if self.any_open(Option) => {
                self.find_in_scope(|t| t == Option, |t| t != Option)
            }
            _ => None,
        };
        if let Some(id) = target {
            self.pop_through(id, closed);
        }
        if tag.closes_p() && self.any_open(P) {
            if let Some(id) = self.find_in_scope(|t| t == P, button_scope_boundary) {
                self.pop_through(id, closed);
            }
        }
        // A heading directly inside a heading closes it, as in tree construction.
        if tag.is_heading() && self.stack.last().is_some_and(|(_, t)| t.is_heading()) {
            let id = self.current();
            self.pop_through(id, closed);
        }
    }
}

thread_local! {
    /// Where the end tags lol_html reported end: one entry per element an end tag closed,
    /// innermost first, until the pass takes them (`EndTags::take`).
    static END_TAGS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn record_end_tag(end: &mut EndTag<'_>) -> HandlerResult {
    let offset = end.source_location().bytes().end;
    END_TAGS.with(|e| e.borrow_mut().push(offset));
    Ok(())
}

/// The elements of a pass that wait for their end tag. Their end-tag handler captures
/// nothing, so boxing it allocates nothing (a closure holding the pass's state and the
/// element's id did, for every element): lol_html runs the handlers of the elements an end tag
/// closes innermost first, each element's once, and those are the last ones registered that
/// are still waiting, so each record pairs with the element on top of `waiting`.
#[derive(Debug, Default)]
pub struct EndTags {
    waiting: Vec<u32>,
}

impl EndTags {
    /// For a new pass: records left by a pass that failed are dropped.
    pub fn new() -> Self {
        END_TAGS.with(|e| e.borrow_mut().clear());
        EndTags::default()
    }

    /// Registers the end-tag handler of element `id` (which must be able to have content).
    pub fn wait(&mut self, id: u32, el: &mut Element) {
        if let Some(handlers) = el.end_tag_handlers() {
            handlers.push(Box::new(record_end_tag));
            self.waiting.push(id);
        }
    }

    /// Whether end tags were seen since the last `take`.
    #[inline(always)]
    pub fn pending() -> bool {
        END_TAGS.with(|e| !e.borrow().is_empty())
    }

    /// The end tags seen since the last call, in order: (element id, byte offset where its
    /// end tag ends).
    pub fn take(&mut self, mut each: impl FnMut(u32, usize)) {
        END_TAGS.with(|e| {
            let mut ends = e.borrow_mut();
            if ends.is_empty() {
                return;
            }
            for &offset in ends.iter() {
                if let Some(id) = self.waiting.pop() {
                    each(id, offset);
                }
            }
            ends.clear();
        });
    }
}

/// The page's own text for the names and values lol_html reports. Its accessors
/// (`tag_name()`, `name()`, `value()`) build a `String` each time; the source locations let
/// both passes read the same text as slices of the page. Values are as lol_html gives them
/// (character references not decoded); names are ASCII-lowercased as lol_html lowercases them.
#[derive(Clone, Copy)]
pub struct Source<'h>(pub &'h str);

impl<'h> Source<'h> {
    /// The element's name, lowercased.
    pub fn tag_name(self, el: &Element) -> Cow<'h, str> {
        let start = el.source_location().bytes().start + 1;
        let name = self.0.get(start..).and_then(|rest| {
            let len = rest
                .bytes()
                .position(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' | b'>'))
                .unwrap_or(rest.len());
            rest.get(..len)
        });
        match name {
            Some(n) if !n.is_empty() => lowercase(n),
            _ => Cow::Owned(el.tag_name()),
        }
    }

    /// Whether the start tag is written without attributes (`<p>`): then lol_html need not
    /// be asked for them (it builds their list for every element it is asked about). False when
    /// unsure.
    pub fn without_attributes(self, el: &Element) -> bool {
        let start = el.source_location().bytes().start + 1;
        self.0.as_bytes().get(start..).is_some_and(|rest| {
            rest.iter()
                .find(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'/' | b'>'))
                == Some(&b'>')
        })
    }

    /// An attribute's name, lowercased.
    pub fn attr_name(self, attr: &Attribute) -> Cow<'h, str> {
        match attr
            .name_source_location()
            .and_then(|l| self.0.get(l.bytes()))
        {
            Some(n) => lowercase(n),
            None => Cow::Owned(attr.name()),
        }
    }

    /// An attribute's value as written.
    pub fn attr_value(self, attr: &Attribute) -> Cow<'h, str> {
        match attr.value_source_location() {
            Some(l) => match self.0.get(l.bytes()) {
                Some(v) => Cow::Borrowed(v),
                None => Cow::Owned(attr.value()),
            },
            // Written without a value (`<div hidden>`); added attributes have no location
            // either, but the passes add none.
            None if attr.name_source_location().is_some() => Cow::Borrowed(""),
            None => Cow::Owned(attr.value()),
        }
    }
}

/// Whether lol_html parsed the element as SVG or MathML content.
pub fn is_foreign(el: &Element) -> bool {
    el.namespace_uri() != "http://www.w3.org/1999/xhtml"
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn button_scope_boundary(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Html | Table
            | Td
            | Th
            | Caption
            | Button
            | Object
            | Marquee
            | Applet
            | Template
            | Svg
            | Math
    )
}

/// Elements an implied `</li>`, `</dt>` or `</dd>` does not reach past: the "special"
/// elements of the standard except `address`, `div` and `p`.
fn list_scope_boundary(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Ul | Ol
            | Menu
            | Dl
            | Table
            | Td
            | Th
            | Body
            | Html
            | Article
            | Section
            | Nav
            | Aside
            | Blockquote
            | Figure
            | Main
            | Header
            | Footer
            | Form
            | Fieldset
            | Details
            | Button
            | Template
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds (tag, is_start) events and returns each element's parent.
    fn parents(events: &[(&str, bool)]) -> Vec<u32> {
        let mut w = Walker::new();
        let mut closed = Vec::new();
        let mut parents = Vec::new();
        let mut ids: Vec<(String, u32)> = Vec::new();
        for (name, start) in events {
            let tag = Tag::from_name(name);
            if *start {
                let (id, parent) = w.start(tag, !tag.is_void(), &mut closed);
                parents.push(parent);
                ids.push((name.to_string(), id));
            } else if let Some(pos) = ids.iter().rposition(|(n, _)| n == name) {
                let id = ids.remove(pos).1;
                w.end(id, &mut closed);
            }
        }
        parents
    }

    #[test]
    fn p_and_li_close_implicitly() {
        // <div><p>a<p>b</div><ul><li>x<li>y</ul>
        let p = parents(&[
            ("div", true),
            ("p", true),
            ("p", true),
            ("div", false),
            ("ul", true),
            ("li", true),
            ("li", true),
            ("ul", false),
        ]);
        assert_eq!(p, vec![NONE, 0, 0, NONE, 3, 3]);
    }

    #[test]
    fn div_leaves_the_paragraph() {
        // <p>one<div>two</div>three</p>
        let p = parents(&[("p", true), ("div", true), ("div", false), ("p", false)]);
        assert_eq!(p, vec![NONE, NONE]);
    }

    #[test]
    fn body_content_leaves_an_unclosed_head() {
        // <html><head><title></title><div>..</div>
        let p = parents(&[
            ("html", true),
            ("head", true),
            ("title", true),
            ("title", false),
            ("div", true),
        ]);
        assert_eq!(p, vec![NONE, 0, 1, 0]);
    }

    #[test]
    fn nested_lists_keep_their_items() {
        // <ul><li>a<ul><li>b</ul><li>c</ul>
        let p = parents(&[
            ("ul", true),
            ("li", true),
            ("ul", true),
            ("li", true),
            ("ul", false),
            ("li", true),
            ("ul", false),
        ]);
        assert_eq!(p, vec![NONE, 0, 1, 2, 0]);
    }
}
