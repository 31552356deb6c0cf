//! Pass 2: stream the same bytes again and write the article. The output is built here from
//! scratch (lol_html's own output is discarded): only elements the decide phase kept and the
//! sanitiser allows are written, with allowlisted attributes, absolute URLs and re-escaped
//! text, so nothing from the page reaches the reader view unchecked. The plain-text version
//! is written alongside, with block boundaries as newlines.

use crate::analyse::{NodeTable, Spans};
use crate::decide::Action;
use crate::entities::{decode, escape_attr, escape_text};
use crate::error::Error;
use crate::rules;
use crate::sanitize::{self, AttrKind, Policy};
use crate::table::{flag, Node};
use crate::tags::Tag;
use crate::tree::{
    is_foreign, is_html_space, is_html_space_char, keep_lexing, Gap, GapScan, Source, Walker, NONE,
};
use crate::url::{self, BaseUrl};
use lol_html::html_content::{Element, TextType};
use lol_html::{element, HtmlRewriter, MemorySettings, Settings};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub text: String,
    /// Text of the first paragraph with any text, for the excerpt fallback.
    pub first_paragraph: Option<String>,
    /// The first image written.
    pub first_image: Option<String>,
    /// Where each marked element (see `render`) stood in the output, in the order given.
    pub marks: Vec<Mark>,
}

/// The output ranges of one marked element.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in `Rendered::html`.
    pub html: (usize, usize),
    /// Byte range in `Rendered::text` (while rendering: in the text not yet tidied).
    pub text: (usize, usize),
    /// Line range in `Rendered::text`.
    pub lines: (usize, usize),
    /// The element's parent was rendered (it stood inside the output).
    pub inside: bool,
    /// The element started inside a written `<math>`: its HTML alone needs `<math>` around it
    /// (MathML elements are allowed only there).
    pub in_math: bool,
}

/// The node table as the render pass reads it: the rows, and where each element stands in the
/// page when pass 1 recorded it (then only the parts of the page with kept elements are parsed).
#[derive(Clone, Copy)]
pub struct Table<'a> {
    nodes: &'a [Node],
    spans: Option<&'a Spans>,
}

impl<'a> From<&'a [Node]> for Table<'a> {
    fn from(nodes: &'a [Node]) -> Self {
        Table { nodes, spans: None }
    }
}

impl<'a> From<&'a NodeTable> for Table<'a> {
    fn from(table: &'a NodeTable) -> Self {
        Table {
            nodes: table,
            spans: table.spans(),
        }
    }
}

struct State<'a> {
    nodes: &'a [Node],
    /// Elements whose output ranges are recorded, ascending.
    marked: &'a [u32],
    actions: &'a [Action],
    base: Option<&'a BaseUrl>,
    walker: Walker,
    /// The name written for each element, to write its end tag: 1 + its index in `names`
    /// (0: not written). A byte per element, not a 16-byte `Option<&str>`.
    written: Vec<u8>,
    names: Vec<&'static str>,
    /// Root of a subtree the sanitiser removed while rendering.
    removed_until: u32,
    math_depth: u32,
    pre_depth: u32,
    pending_space: bool,
    /// Where the current paragraph's text starts in `out.text`.
    paragraph_start: Option<(u32, usize)>,
    closed: Vec<u32>,
    out: Rendered,
    /// Which entries of `out.marks` are set.
    mark_set: Vec<bool>,
    /// Parsing part of the page: pass 1's positions, which every start tag and every closing
    /// seen here must match (else `mismatch`, and the page is rendered whole).
    check: Option<&'a Spans>,
    /// Byte offset in the page of the part being parsed.
    offset: usize,
    mismatch: bool,
    /// Parsing a part: the elements open where it starts (outermost first) that are not closed
    /// yet. This parser never saw their start tags, so it gets no end tags for them: they are
    /// closed where pass 1 closed them.
    outer: Vec<u32>,
    /// Parsing the whole page: the last kept element; once past it with no kept element open,
    /// nothing more can be written and the parse stops (`stopped`).
    last_keep: Option<u32>,
    open_keep: u32,
    stopped: bool,
    /// The text and end tags between start tags.
    gaps: GapScan,
}

/// Ends the parse from a handler (the render pass has all it needs, or must start over).
const STOP: &str = "render: stop";

/// Renders the elements whose action is `Keep`. The output ranges of the elements in
/// `marked` (ascending ids) are recorded in `Rendered::marks`.
pub fn render<'a>(
    html: &str,
    table: impl Into<Table<'a>>,
    actions: &[Action],
    base: Option<&BaseUrl>,
    marked: &[u32],
) -> Result<Rendered, Error> {
    let table = table.into();
    let nodes = table.nodes;
    if let Some(spans) = table.spans {
        if let Some(out) = render_parts(html, nodes, spans, actions, base, marked) {
            return Ok(finish(out));
        }
    }
    render_whole(html, nodes, actions, base, marked, true)
}

/// Renders with one pass over the whole page; `stop_early`: the pass ends after the last kept
/// element.
fn render_whole(
    html: &str,
    nodes: &[Node],
    actions: &[Action],
    base: Option<&BaseUrl>,
    marked: &[u32],
    stop_early: bool,
) -> Result<Rendered, Error> {
    let state = Rc::new(RefCell::new(State::new(nodes, actions, base, marked)));
    if stop_early {
        state.borrow_mut().last_keep = actions
            .iter()
            .rposition(|a| *a == Action::Keep)
            .map(|i| i as u32);
    }
    match parse(&state, html) {
        Ok(()) => {}
        Err(_) if state.borrow().stopped => {}
        Err(e) => return Err(Error::Parse(e.to_string())),
    }
    let mut st = state.borrow_mut();
    let mut closed = std::mem::take(&mut st.closed);
    closed.clear();
    st.walker.finish(&mut closed);
    st.end_elements(&closed);
    if st.stopped {
        st.fill_marks(NONE);
    }
    Ok(finish(std::mem::take(&mut st.out)))
}

/// Bytes between two parts of the page that are still parsed as one. A new parser costs
/// little next to parsing: 0 to 256 measure the same on the article, and larger gaps are
/// slower for many small parts (the removed blocks, were they rendered with the table's
/// positions: 10% fewer instructions in all at 256 than the whole-page pass, 8% at 1 KB).
const MERGE_GAP: usize = 256;

/// A part of the page to parse: elements `first..` from byte `start` to byte `end`, where the
/// last kept element of the part is closed (at tick `close`).
struct Part {
    first: u32,
    start: usize,
    end: usize,
    close: u32,
}

/// Renders by parsing only the parts of the page that hold kept elements (a reader view keeps
/// a small share of a page). `None` when the page must be rendered whole: the parts are not
/// parsed exactly as in pass 1 (checked element by element), or start inside SVG or MathML.
fn render_parts(
    html: &str,
    nodes: &[Node],
    spans: &Spans,
    actions: &[Action],
    base: Option<&BaseUrl>,
    marked: &[u32],
) -> Option<Rendered> {
    let parts = plan(nodes, spans, actions);
    let state = Rc::new(RefCell::new(State::new(nodes, actions, base, marked)));
    state.borrow_mut().check = Some(spans);
    for (i, part) in parts.iter().enumerate() {
        let stack = stack_before(nodes, spans, actions, part.first)?;
        let input = html.get(part.start..part.end)?;
        {
            let mut st = state.borrow_mut();
            st.fill_marks(part.first);
            st.outer = stack.iter().map(|(id, _)| *id).collect();
            st.walker = Walker::resume(part.first, stack);
            st.offset = part.start;
        }
        let parsed = parse(&state, input);
        let mut st = state.borrow_mut();
        st.close_outer_before(part.close.saturating_add(1));
        if parsed.is_err() || st.mismatch {
            return None;
        }
        let mut closed = std::mem::take(&mut st.closed);
        closed.clear();
        st.walker.finish(&mut closed);
        // Whatever is still open closes later in the page; an element whose output range is
        // recorded must not, if more is written after this part.
        let last = i + 1 == parts.len();
        let late = |id: u32| spans.close(id) < part.close;
        let marked_late =
            |id: u32| spans.close(id) > part.close && marked.binary_search(&id).is_ok();
        if closed
            .iter()
            .any(|&id| late(id) || (!last && marked_late(id)))
        {
            return None;
        }
        st.end_elements(&closed);
        st.closed = closed;
    }
    let mut st = state.borrow_mut();
    st.fill_marks(NONE);
    Some(std::mem::take(&mut st.out))
}

/// The parts of the page to parse: each kept subtree, from its start tag to where it is closed,
/// with parts less than `MERGE_GAP` apart merged.
fn plan(nodes: &[Node], spans: &Spans, actions: &[Action]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let parent_kept = node.parent != NONE && actions[node.parent as usize] == Action::Keep;
        if actions[i] != Action::Keep || parent_kept {
            continue;
        }
        let id = i as u32;
        let start = spans.start(id);
        let close = spans.close(id);
        // An odd tick is a start tag at that offset (the part ends before it), an even one the
        // end of an end tag (or of the page).
        let end = (close / 2) as usize;
        match parts.last_mut() {
            Some(p) if start <= p.end + MERGE_GAP => {
                p.end = p.end.max(end);
                p.close = p.close.max(close);
            }
            _ => parts.push(Part {
                first: id,
                start,
                end,
                close,
            }),
        }
    }
    parts
}

/// The open elements just before the start tag of `first` (outermost first): the ancestors of
/// the element before it that were still open then. `None` if one is SVG or MathML content
/// (a fresh parser would not know it is inside it) or kept.
fn stack_before(
    nodes: &[Node],
    spans: &Spans,
    actions: &[Action],
    first: u32,
) -> Option<Vec<(u32, Tag)>> {
    let tick = Spans::start_tick(spans.start(first));
    let mut stack = Vec::new();
    let mut id = first.checked_sub(1).unwrap_or(NONE);
    while id != NONE {
        if spans.close(id) >= tick {
            if spans.foreign(id) || actions[id as usize] == Action::Keep {
                return None;
            }
            stack.push((id, nodes[id as usize].tag));
        }
        id = nodes[id as usize].parent;
    }
    stack.reverse();
    Some(stack)
}

/// One lol_html pass over `input` (the page, or a part of it at `State::offset`).
fn parse(
    state: &Rc<RefCell<State<'_>>>,
    input: &str,
) -> Result<(), lol_html::errors::RewritingError> {
    let src = Source(input);
    // No text handler: the text comes from the gaps between start tags, as in pass 1.
    state.borrow_mut().gaps = GapScan::new();
    let on_element = Rc::clone(state);
    // Not strict: ambiguous markup (a `<style>` inside `<svg>` in a table …) is parsed as
    // browsers do instead of stopping the rewriter with an error.
    let settings = Settings::new()
        .with_strict(false)
        // The page is written in one piece: lol_html buffers only an unfinished last token.
        .with_memory_settings(MemorySettings::new().with_preallocated_parsing_buffer_size(0))
        .append_element_content_handler(element!("*", move |el| {
            let mut st = on_element.borrow_mut();
            let at = el.source_location().bytes();
            st.take_gap(src, at.start);
            if st.should_stop() {
                return Err(STOP.into());
            }
            let id = st.walker.count();
            let foreign = is_foreign(el);
            let tag = st.open(el, src, foreign);
            if st.mismatch {
                return Err(STOP.into());
            }
            st.gaps
                .start_tag((id, tag), at, el.can_have_content(), foreign);
            Ok(())
        }))
        .append_document_content_handler(keep_lexing());
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(input.as_bytes())?;
    rewriter.end()?;
    state.borrow_mut().take_gap(src, input.len());
    Ok(())
}

/// Line indexes of the marks, and the text tidied: white space trimmed at both ends, in
/// place (a tidied copy beside the text was the peak of memory on long articles), with the
/// marks' byte ranges moved along. The text is built tidy otherwise (no space at line starts
/// or ends outside `<pre>`, no doubled block breaks); `<pre>` lines keep their indentation.
fn finish(mut out: Rendered) -> Rendered {
    let text = &out.text;
    let lead = text.len() - text.trim_start_matches(is_html_space_char).len();
    let end = text.trim_end_matches(is_html_space_char).len().max(lead);
    if !out.marks.is_empty() {
        let lines = Lines::new(text);
        // What was trimmed is white space: a range keeps the same words.
        let tidied = |at: usize| at.clamp(lead, end) - lead;
        for mark in &mut out.marks {
            mark.lines = (lines.index(mark.text.0), lines.index(mark.text.1));
            mark.text = (tidied(mark.text.0), tidied(mark.text.1));
        }
    }
    out.text.truncate(end);
    out.text.replace_range(..lead, "");
    out
}

/// Converts byte offsets of the untidied text into the number of line breaks before them (not
/// counting those in leading whitespace), which is the line index of that spot in the tidied
/// text. The line breaks are found once: one scan per removed block made long pages with many
/// blocks quadratic (a 50 MB page: minutes).
struct Lines<'t> {
    raw: &'t str,
    /// Where the text starts after its leading whitespace.
    lead: usize,
    /// Offsets of the line breaks after `lead`.
    breaks: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(raw: &'t str) -> Self {
        let lead = raw.len() - raw.trim_start_matches(is_html_space_char).len();
        let breaks = raw.as_bytes()[lead..]
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| lead + i)
            .collect();
        Lines { raw, lead, breaks }
    }

    fn index(&self, offset: usize) -> usize {
        // An offset that is no place in the text stands for its end.
        let end = if self.raw.get(..offset).is_some() {
            offset
        } else {
            self.raw.len()
        };
        if end <= self.lead {
            return 0;
        }
        self.breaks.partition_point(|&b| b < end)
    }
}

impl<'a> State<'a> {
    fn new(
        nodes: &'a [Node],
        actions: &'a [Action],
        base: Option<&'a BaseUrl>,
        marked: &'a [u32],
    ) -> Self {
        State {
            nodes,
            marked,
            actions,
            base,
            walker: Walker::new(),
            written: vec![0; nodes.len()],
            names: Vec::new(),
            removed_until: NONE,
            math_depth: 0,
            pre_depth: 0,
            pending_space: false,
            paragraph_start: None,
            closed: Vec::new(),
            out: Rendered {
                marks: vec![Mark::default(); marked.len()],
                ..Rendered::default()
            },
            mark_set: vec![false; marked.len()],
            check: None,
            offset: 0,
            mismatch: false,
            last_keep: None,
            open_keep: 0,
            stopped: false,
            outer: Vec::new(),
            gaps: GapScan::new(),
        }
    }

    /// Past the last kept element, with none open: nothing more will be written.
    fn should_stop(&mut self) -> bool {
        if self.open_keep == 0 && self.last_keep.is_some_and(|l| self.walker.count() > l) {
            self.stopped = true;
        }
        self.stopped
    }

    /// Whether the element's parent is rendered.
    fn inside(&self, id: u32) -> bool {
        let parent = self.nodes[id as usize].parent;
        parent != NONE && self.actions[parent as usize] == Action::Keep
    }

    /// Records the marks of elements before `until` that were not parsed: the output stood
    /// still since the last part, so they start (and, unless still open when the next part
    /// starts, end) where it is now.
    fn fill_marks(&mut self, until: u32) {
        let now = (self.out.html.len(), self.out.text.len());
        for (m, &id) in self.marked.iter().enumerate() {
            if id >= until || id as usize >= self.nodes.len() {
                break;
            }
            if !self.mark_set[m] {
                self.mark_set[m] = true;
                self.out.marks[m] = Mark {
                    html: (now.0, now.0),
                    text: (now.1, now.1),
                    lines: (0, 0),
                    inside: self.inside(id),
                    in_math: self.math_depth > 0,
                };
            }
        }
    }

    /// Returns the element's tag. `foreign`: lol_html parsed it as SVG or MathML content.
    fn open(&mut self, el: &mut Element, src: Source<'_>, foreign: bool) -> Tag {
        let name = src.tag_name(el);
        let tag = Tag::from_name(&name);
        let has_content = !tag.is_void() && el.can_have_content();
        let offset = self.offset + el.source_location().bytes().start;
        if let Some(spans) = self.check {
            let id = self.walker.count();
            if id as usize >= self.nodes.len()
                || spans.start(id) != offset
                || spans.foreign(id) != foreign
                || self.nodes[id as usize].tag != tag
            {
                self.mismatch = true;
                return tag;
            }
        }
        self.close_outer_before(Spans::start_tick(offset));
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        let (id, _) = self.walker.start(tag, has_content, &mut closed);
        self.closed_at(&closed, Spans::start_tick(offset));
        self.closed = closed;
        let idx = id as usize;
        if idx >= self.nodes.len() {
            return tag;
        }
        if has_content && self.actions[idx] == Action::Keep {
            self.open_keep += 1;
        }
        let mark = self.marked.binary_search(&id).ok();
        if let Some(m) = mark {
            self.mark_set[m] = true;
            self.out.marks[m] = Mark {
                html: (self.out.html.len(), self.out.html.len()),
                text: (self.out.text.len(), self.out.text.len()),
                lines: (0, 0),
                inside: self.inside(id),
                in_math: self.math_depth > 0,
            };
        }
        self.open_kept(el, src, tag, &name, id, has_content);
        if let (Some(m), false) = (mark, has_content) {
            self.end_mark(m);
        }
        tag
    }

    /// Closes the elements open since before the part (`outer`) that pass 1 closed before
    /// `tick`, the tick of the event about to be handled, each with whatever is still open
    /// inside it, as pass 1 did.
    fn close_outer_before(&mut self, tick: u32) {
        let Some(spans) = self.check else {
            return;
        };
        while let Some(&id) = self.outer.last() {
            let close = spans.close(id);
            if close >= tick {
                break;
            }
            self.outer.pop();
            if self.walker.is_open(id) {
                self.close(id, close);
            }
        }
    }

    /// Elements closed by an event at `tick`: when parsing a part, pass 1 closed them there too.
    fn closed_at(&mut self, closed: &[u32], tick: u32) {
        if let Some(spans) = self.check {
            if closed.iter().any(|&id| spans.close(id) != tick) {
                self.mismatch = true;
            }
        }
        self.end_elements(closed);
    }

    fn end_mark(&mut self, m: usize) {
        self.out.marks[m].html.1 = self.out.html.len();
        self.out.marks[m].text.1 = self.out.text.len();
    }

    fn open_kept(
        &mut self,
        el: &mut Element,
        src: Source<'_>,
        tag: Tag,
        name: &str,
        id: u32,
        has_content: bool,
    ) {
        let idx = id as usize;
        if self.actions[idx] != Action::Keep || self.is_removed(id) {
            return;
        }
        let policy = if tag == Tag::Iframe && self.nodes[idx].has(flag::VIDEO) {
            self.video_link(el);
            Policy::Remove
        } else {
            sanitize::element_policy(name, self.math_depth > 0)
        };
        // A table cell or row chosen as the article's root would be invalid on its own.
        let parent = self.nodes[idx].parent;
        let is_root = parent == NONE || self.actions[parent as usize] != Action::Keep;
        let policy = match policy {
            Policy::Write(
                "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "li" | "dd" | "dt",
            ) if is_root => Policy::Write("div"),
            other => other,
        };
        match policy {
            Policy::Remove => self.removed_until = id,
            Policy::Unwrap => {}
            Policy::Write(written) => self.write_start(el, src, tag, written, id, has_content),
        }
    }

    fn is_removed(&self, id: u32) -> bool {
        self.removed_until != NONE
            && id >= self.removed_until
            && id <= self.nodes[self.removed_until as usize].end
    }

    fn write_start(
        &mut self,
        el: &Element,
        src: Source<'_>,
        tag: Tag,
        name: &'static str,
        id: u32,
        has_content: bool,
    ) {
        let attrs = self.attributes(el, src, name);
        // A link without a safe target is just its text; an image without a source is nothing.
        if name == "a" && !attrs.iter().any(|(n, _)| *n == "href") {
            return;
        }
        if name == "img" && !attrs.iter().any(|(n, _)| *n == "src" || *n == "srcset") {
            return;
        }
        if tag.is_block() {
            self.block_boundary();
        } else if self.pending_space {
            self.flush_space();
        }
        let html = &mut self.out.html;
        html.push('<');
        html.push_str(name);
        for (n, v) in &attrs {
            html.push(' ');
            html.push_str(n);
            html.push_str("=\"");
            escape_attr(v, html);
            html.push('"');
        }
        html.push('>');
        // An SVG or MathML element written `<mi/>` has no content and gets no end tag from
        // the page: closed here, or in the reader view it would hold what follows it (and a
        // `<math/>` would leave MathML's policy on for the rest of the article).
        let self_closed = !has_content && !tag.is_void();
        if self_closed {
            html.push_str("</");
            html.push_str(name);
            html.push('>');
        }
        match name {
            "img" if self.out.first_image.is_none() => {
                self.out.first_image = attrs
                    .iter()
                    .find(|(n, _)| *n == "src")
                    .map(|(_, v)| v.clone());
            }
            // A `<br>` breaks the line; runs of them make at most one blank line.
            "br" if self.pre_depth > 0 || !self.out.text.ends_with("\n\n") => {
                self.out.text.push('\n')
            }
            "math" if !self_closed => self.math_depth += 1,
            "pre" if !self_closed => self.pre_depth += 1,
            _ => {}
        }
        // The excerpt's paragraph: a `<p>`, or a container of text only (Readability turns
        // those divs into paragraphs before it takes the first one).
        let paragraph = name == "p"
            || (matches!(tag, Tag::Div | Tag::Section | Tag::Center | Tag::Font)
                && !self.nodes[id as usize].has(flag::BLOCK_CHILD));
        if paragraph && self.out.first_paragraph.is_none() && self.paragraph_start.is_none() {
            self.paragraph_start = Some((id, self.out.text.len()));
        }
        if has_content {
            let index = match self.names.iter().position(|n| *n == name) {
                Some(i) => i,
                None => {
                    self.names.push(name);
                    self.names.len() - 1
                }
            };
            // Fewer than 255 names exist (the sanitiser's allowlist): the index fits.
            self.written[id as usize] = u8::try_from(index + 1).unwrap_or(0);
        }
    }

    /// The allowed attributes of an element, values decoded, URLs resolved and checked. Lazy
    /// images name their real source in `data-src` and friends; those win over a placeholder.
    fn attributes(
        &self,
        el: &Element,
        src: Source<'_>,
        name: &'static str,
    ) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        let mut lazy_src: Option<String> = None;
        let mut lazy_srcset: Option<String> = None;
        for attr in el.attributes() {
            let attr_name = src.attr_name(attr);
            if name == "img" || name == "source" {
                match &*attr_name {
                    "data-src" | "data-lazy-src" | "data-original" | "data-url"
                    | "data-hi-res-src" => {
                        if lazy_src.is_none() {
                            lazy_src = Some(decode(&src.attr_value(attr)).into_owned());
                        }
                        continue;
                    }
                    "data-srcset" | "data-lazy-srcset" => {
                        lazy_srcset = Some(decode(&src.attr_value(attr)).into_owned());
                        continue;
                    }
                    _ => {}
                }
            }
            let Some(kind) = sanitize::attribute(name, &attr_name) else {
                continue;
            };
            let Some(static_name) = static_attr_name(&attr_name) else {
                continue;
            };
            let raw = src.attr_value(attr);
            let value = decode(&raw);
            if let Some(v) = self.attr_value(kind, &value) {
                out.push((static_name, v));
            }
        }
        // Lazy loaders keep the real source in `data-src` and a placeholder (a data: GIF, a
        // spinner, a tiny preview) in `src`: the lazy source always wins.
        if let Some(src) = lazy_src.and_then(|s| self.attr_value(AttrKind::ImageSrc, &s)) {
            match out.iter().position(|(n, _)| *n == "src") {
                Some(i) => out[i].1 = src,
                None if name == "img" => out.push(("src", src)),
                None => {}
            }
        }
        if let Some(set) = lazy_srcset.and_then(|s| self.attr_value(AttrKind::Srcset, &s)) {
            out.retain(|(n, _)| *n != "srcset");
            out.push(("srcset", set));
        }
        out
    }

    fn attr_value(&self, kind: AttrKind, value: &str) -> Option<String> {
        match kind {
            AttrKind::Text => Some(value.to_string()),
            AttrKind::Srcset => {
                let parts: Vec<String> = sanitize::srcset_candidates(value)
                    .into_iter()
                    .filter_map(|(u, d)| {
                        let resolved = sanitize::safe_url(kind, &url::resolve(self.base, u))?;
                        Some(if d.is_empty() {
                            resolved
                        } else {
                            format!("{resolved} {d}")
                        })
                    })
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            _ => {
                if value.trim().is_empty() {
                    return None;
                }
                sanitize::safe_url(kind, &url::resolve(self.base, value))
            }
        }
    }

    /// A video player iframe becomes a paragraph with a link to the video.
    fn video_link(&mut self, el: &Element) {
        let src = el
            .get_attribute("src")
            .map(|s| decode(&s).into_owned())
            .unwrap_or_default();
        let Some(provider) = rules::video_embed(&src) else {
            return;
        };
        let resolved = url::resolve(self.base, &src);
        let Some(href) = sanitize::safe_url(AttrKind::Href, &watch_url(&resolved)) else {
            return;
        };
        let title = el
            .get_attribute("title")
            .map(|t| decode(&t).trim().to_string())
            .filter(|t| !t.is_empty());
        let label = match title {
            Some(t) => format!("Video ({provider}): {t}"),
            None => format!("Video ({provider})"),
        };
        self.block_boundary();
        self.out
            .html
            .push_str("<p class=\"klartext-video\"><a href=\"");
        escape_attr(&href, &mut self.out.html);
        self.out.html.push_str("\">");
        escape_text(&label, &mut self.out.html);
        self.out.html.push_str("</a></p>");
        self.out.text.push_str(&label);
        self.block_boundary();
    }

    /// Reads the text and end tags before the next start tag (at byte `next` of the part
    /// being parsed). Stops at the first text once nothing more can be written.
    #[inline(always)]
    fn take_gap(&mut self, src: Source<'_>, next: usize) {
        if self.gaps.gap_before(next) {
            self.take_gap_slow(src, next);
        }
    }

    #[inline(never)]
    fn take_gap_slow(&mut self, src: Source<'_>, next: usize) {
        let mut gaps = std::mem::take(&mut self.gaps);
        let offset = self.offset;
        gaps.take(src.0, next, &mut |gap| {
            if self.stopped {
                return;
            }
            match gap {
                Gap::End(id, end) => self.close(id, Spans::end_tag_tick(offset + end)),
                Gap::Text(at, kind) => {
                    if self.should_stop() {
                        return;
                    }
                    if !self.outer.is_empty() {
                        self.close_outer_before(Spans::start_tick(offset + at.start));
                    }
                    if kind == TextType::Data {
                        self.text(src.0.get(at).unwrap_or(""));
                    }
                }
            }
        });
        self.gaps = gaps;
    }

    fn close(&mut self, id: u32, tick: u32) {
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        self.walker.end(id, &mut closed);
        self.closed_at(&closed, tick);
        self.closed = closed;
    }

    fn end_elements(&mut self, closed: &[u32]) {
        for &id in closed {
            if self.actions.get(id as usize) == Some(&Action::Keep) {
                self.open_keep = self.open_keep.saturating_sub(1);
            }
            if id == self.removed_until {
                self.removed_until = NONE;
            }
            let mark = self.marked.binary_search(&id).ok();
            let written = self.written.get_mut(id as usize).map_or(0, std::mem::take);
            let Some(&name) = self.names.get(usize::from(written).wrapping_sub(1)) else {
                if let Some(m) = mark {
                    self.end_mark(m);
                }
                continue;
            };
            let tag = self.nodes[id as usize].tag;
            match name {
                "math" => self.math_depth = self.math_depth.saturating_sub(1),
                "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
                _ => {}
            }
            if tag.is_block() || matches!(name, "p" | "div" | "section" | "li") {
                self.pending_space = false;
            }
            self.out.html.push_str("</");
            self.out.html.push_str(name);
            self.out.html.push('>');
            if tag.is_block() {
                self.block_boundary();
            }
            if let Some(m) = mark {
                self.end_mark(m);
            }
            if let Some((pid, start)) = self.paragraph_start {
                if pid == id {
                    let text = self.out.text[start..].trim();
                    if !text.is_empty() {
                        self.out.first_paragraph = Some(text.to_string());
                    }
                    self.paragraph_start = None;
                }
            }
        }
    }

    fn text(&mut self, raw: &str) {
        let current = self.walker.current();
        if current == NONE || current as usize >= self.nodes.len() {
            return;
        }
        if self.actions[current as usize] != Action::Keep || self.is_removed(current) {
            return;
        }
        // The white space between tags (most text nodes): a space, if any text follows.
        if self.pre_depth == 0 && !raw.is_empty() && raw.bytes().all(is_html_space) {
            self.pending_space = true;
            return;
        }
        let text = decode(raw);
        if self.pre_depth > 0 {
            escape_text(&text, &mut self.out.html);
            self.out.text.push_str(&text);
            return;
        }
        // Most text is words with one space between them: written in one piece, as the loop
        // below would write it.
        let b = text.as_bytes();
        if b.first().is_some_and(|&c| c != b' ')
            && b.last().is_some_and(|&c| c != b' ')
            && !b.iter().any(|&c| c != b' ' && is_html_space(c))
            && !text.contains("  ")
        {
            if self.pending_space {
                self.flush_space();
            }
            escape_text(&text, &mut self.out.html);
            self.out.text.push_str(&text);
            return;
        }
        // Words between HTML spaces (ASCII bytes, so the cuts fall between characters).
        let mut rest: &str = &text;
        let mut first = true;
        loop {
            let cut = rest.bytes().position(is_html_space);
            let word = &rest[..cut.unwrap_or(rest.len())];
            if !first {
                self.pending_space = true;
            }
            first = false;
            if !word.is_empty() {
                if self.pending_space {
                    self.flush_space();
                }
                escape_text(word, &mut self.out.html);
                self.out.text.push_str(word);
            }
            match cut {
                Some(at) => rest = &rest[at + 1..],
                None => break,
            }
        }
    }

    fn flush_space(&mut self) {
        self.pending_space = false;
        // After a space already written (`<b>a </b><i> b</i>`: one before `<i>`, one inside
        // it) a second would show in the text as two.
        let t = &self.out.text;
        if !t.is_empty() && !t.ends_with('\n') && !t.ends_with(' ') {
            self.out.html.push(' ');
            self.out.text.push(' ');
        }
    }

    fn block_boundary(&mut self) {
        self.pending_space = false;
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            while self.out.text.ends_with(' ') {
                self.out.text.pop();
            }
            self.out.text.push('\n');
        }
    }
}

/// Attribute names as `'static` strings, for the names the sanitiser can allow.
fn static_attr_name(name: &str) -> Option<&'static str> {
    const NAMES: &[&str] = &[
        "title",
        "lang",
        "dir",
        "href",
        "src",
        "srcset",
        "alt",
        "width",
        "height",
        "sizes",
        "type",
        "media",
        "colspan",
        "rowspan",
        "headers",
        "scope",
        "abbr",
        "span",
        "start",
        "reversed",
        "value",
        "datetime",
        "cite",
        "open",
        "display",
        "mathvariant",
        "displaystyle",
        "scriptlevel",
        "stretchy",
        "fence",
        "separator",
        "lspace",
        "rspace",
        "accent",
        "accentunder",
        "columnalign",
        "rowalign",
        "columnspan",
        "linethickness",
        "notation",
        "depth",
        "encoding",
        "form",
        "largeop",
        "movablelimits",
        "symmetric",
    ];
    NAMES.iter().find(|n| **n == name).copied()
}

/// The page of a video rather than its player.
fn watch_url(src: &str) -> String {
    if let Some(i) = src.find("/embed/") {
        if src.contains("youtube") {
            let id = src[i + 7..]
                .split(['?', '&', '#', '/'])
                .next()
                .unwrap_or("");
            if !id.is_empty() {
                return format!("https://www.youtube.com/watch?v={id}");
            }
        }
    }
    if let Some(i) = src.find("player.vimeo.com/video/") {
        let id = src[i + 23..].split(['?', '#', '/']).next().unwrap_or("");
        if !id.is_empty() {
            return format!("https://vimeo.com/{id}");
        }
    }
    src.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_pages() {
        assert_eq!(
            watch_url("https://www.youtube.com/embed/abc123?rel=0"),
            "https://www.youtube.com/watch?v=abc123"
        );
        assert_eq!(
            watch_url("https://player.vimeo.com/video/42"),
            "https://vimeo.com/42"
        );
    }

    /// Pages to render in every way: the fixtures, and markup where parsing a part of the
    /// page could go wrong (implied end tags, stray end tags, SVG and MathML, raw text).
    /// With `KLARTEXT_RENDER_CORPUS=DIR`, the pages in DIR too.
    fn pages() -> Vec<String> {
        let html_in = |dir: std::path::PathBuf| -> Vec<String> {
            let mut pages: Vec<String> = std::fs::read_dir(dir)
                .map(|d| {
                    d.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "html"))
                        .filter_map(|p| std::fs::read_to_string(p).ok())
                        .collect()
                })
                .unwrap_or_default();
            pages.sort();
            pages
        };
        let mut pages =
            html_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
        if let Ok(dir) = std::env::var("KLARTEXT_RENDER_CORPUS") {
            pages.extend(html_in(dir.into()));
        }
        let tricky = [
            "<div><p>a<p>b</div><ul><li>x<li>y</ul><p>c<div>d</div>e</p>",
            "<body><div id=a><p>one<b>two</div></b>three</p><div>four</span></div></body>",
            "<p>a</p></div></div><p>b<table><tr><td>c<td>d</table>e</p><li>f</li></ul>",
            "<div><svg><style>x</style><p>in svg<title>t</title></svg><p>after</p></div>",
            "<math><mi>x</mi><mtext><p>text</p></mtext></math><p>p</p><svg><foreignObject><p>f</p></foreignObject></svg>",
            "<div><textarea><p>no</p></textarea><script>var a='</div>';</script><style>p{}</style><p>y</p></div>",
            "<div><p>a &amp; b &#8217; &nbsp; c</p><pre>  x\n  y</pre><!-- </div> --><p>z</p></div>",
            "<h1>T</h1><h2>x<h3>y</h3></h2><dl><dt>a<dd>b<dt>c</dl><select><option>a<option>b</select>",
            "<html><head><title>t</title><meta charset=utf-8><div>body before body</div><body><p>x",
            "<table><tbody><tr><td><p>cell</p></td></tr></tbody></table><p>tail</p><p>",
            "<div><img src=a.png><br><p>x<br/>y</p><iframe src=\"https://www.youtube.com/embed/abc\"></iframe></div>",
            "<P CLASS=X>Upper <B>case</B></P><DIV><SPAN>s</SPAN></DIV>",
        ];
        pages.extend(tricky.iter().map(|s| s.to_string()));
        pages
    }

    /// A small deterministic generator (no dependency for tests).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    /// Kept subtrees with holes, and marked elements, chosen at random.
    fn random_choice(nodes: &[Node], rng: &mut Lcg) -> (Vec<Action>, Vec<u32>) {
        let n = nodes.len();
        let mut actions = vec![Action::Drop; n];
        for _ in 0..1 + rng.below(4) {
            let root = rng.below(n);
            actions[root] = Action::Keep;
            for i in root + 1..=(nodes[root].end as usize).min(n - 1) {
                let p = nodes[i].parent;
                if p != NONE && actions[p as usize] == Action::Keep && rng.below(8) != 0 {
                    actions[i] = Action::Keep;
                }
            }
        }
        let mut marked: Vec<u32> = (0..rng.below(6)).map(|_| rng.below(n) as u32).collect();
        marked.sort_unstable();
        marked.dedup();
        (actions, marked)
    }

    fn assert_same(a: &Rendered, b: &Rendered, what: &str) {
        assert_eq!(a.html, b.html, "{what}: html");
        assert_eq!(a.text, b.text, "{what}: text");
        assert_eq!(
            a.first_paragraph, b.first_paragraph,
            "{what}: first paragraph"
        );
        assert_eq!(a.first_image, b.first_image, "{what}: first image");
        assert_eq!(a.marks, b.marks, "{what}: marks");
    }

    #[test]
    fn parts_and_early_stop_render_as_the_whole_page() {
        let known = crate::decide::Known::default();
        let base = BaseUrl::parse("https://example.com/a/b.html");
        let mut rng = Lcg(7);
        let mut parts_used = 0;
        for (p, html) in pages().iter().enumerate() {
            let analysis = crate::analyse::analyse(html).expect("analysed");
            let nodes = &analysis.nodes;
            if nodes.is_empty() {
                continue;
            }
            let decision = crate::decide::decide(nodes, &known);
            let block_ids: Vec<u32> = decision.blocks.iter().map(|(id, _)| *id).collect();
            let blocks = crate::decide::block_actions(nodes, &decision.out, &decision.blocks);
            let mut choices = vec![
                (decision.actions.clone(), block_ids.clone()),
                (blocks, block_ids),
            ];
            choices.extend((0..12).map(|_| random_choice(nodes, &mut rng)));
            for (c, (actions, marked)) in choices.iter().enumerate() {
                let what = format!("page {p}, choice {c}");
                let whole = render_whole(html, nodes, actions, base.as_ref(), marked, false)
                    .expect("whole");
                let stopped = render_whole(html, nodes, actions, base.as_ref(), marked, true)
                    .expect("stopped");
                assert_same(&whole, &stopped, &format!("{what}, early stop"));
                let spans = nodes.spans().expect("spans");
                if let Some(out) = render_parts(html, nodes, spans, actions, base.as_ref(), marked)
                {
                    parts_used += 1;
                    assert_same(&whole, &finish(out), &format!("{what}, parts"));
                }
            }
        }
        assert!(parts_used > 500, "parts rendered only {parts_used} times");
    }

    /// The article's HTML and text of a paragraph holding `inner`, everything kept.
    fn paragraph(inner: &str) -> (String, String) {
        let html = format!("<p>{inner}</p>");
        let analysis = crate::analyse::analyse(&html).expect("analysed");
        let actions = vec![Action::Keep; analysis.nodes.len()];
        let out = render(&html, &analysis.nodes, &actions, None, &[]).expect("rendered");
        (out.html, out.text)
    }

    #[test]
    fn white_space_in_text_becomes_one_space() {
        // Text in one piece, word by word (runs, tabs, line breaks, an edge), and white space
        // alone between elements.
        let cases = [
            ("a b c", "<p>a b c</p>", "a b c"),
            ("a  b\tc\n d", "<p>a b c d</p>", "a b c d"),
            (" a b ", "<p>a b</p>", "a b"),
            ("x &amp; y &lt; z", "<p>x &amp; y &lt; z</p>", "x & y < z"),
            (
                "a\u{a0}b \u{a0}",
                "<p>a&nbsp;b &nbsp;</p>",
                "a\u{a0}b \u{a0}",
            ),
            ("a\u{b}b", "<p>a\u{b}b</p>", "a\u{b}b"),
            ("<b>a</b> <i>b</i>", "<p><b>a</b> <i>b</i></p>", "a b"),
            ("<b>a</b>\n\t <i>b</i>\n", "<p><b>a</b> <i>b</i></p>", "a b"),
            ("<b>a </b><i> b</i>", "<p><b>a</b> <i>b</i></p>", "a b"),
            (
                "<b>a </b> <i> b </i> c",
                "<p><b>a</b> <i>b</i> c</p>",
                "a b c",
            ),
            ("a<br> \n<br>b", "<p>a<br><br>b</p>", "a\n\nb"),
        ];
        for (inner, html, text) in cases {
            assert_eq!(
                paragraph(inner),
                (html.to_string(), text.to_string()),
                "{inner:?}"
            );
        }
    }

    #[test]
    fn self_closed_svg_and_mathml_elements_are_closed() {
        // `<math/>` has no content and gets no end tag from the page. Written open, it held
        // the rest of the paragraph in the reader view and left MathML's policy on: the span
        // and its text were dropped, and `<mo>` (an HTML element here) went out as MathML.
        assert_eq!(
            paragraph("x<math/> <span><mo>y</mo></span>"),
            ("<p>x<math></math> y</p>".to_string(), "x y".to_string())
        );
        // Inside MathML a self-closed element is closed where it stands.
        assert_eq!(
            paragraph("<math><mi>a</mi><mrow/><mi>b</mi></math>").0,
            "<p><math><mi>a</mi><mrow></mrow><mi>b</mi></math></p>"
        );
    }

    #[test]
    fn marks_index_the_tidied_text() {
        // White space before and after everything (trimmed in place) and marks that start and
        // end in it: each mark's byte range still holds its element's words.
        let html = "<div>\n  <p> One two</p>\n  <p>Three </p>\n <span> </span></div>";
        let analysis = crate::analyse::analyse(html).expect("analysed");
        let actions = vec![Action::Keep; analysis.nodes.len()];
        let marked: Vec<u32> = (0..analysis.nodes.len() as u32).collect();
        let out = render(html, &analysis.nodes, &actions, None, &marked).expect("rendered");
        assert_eq!(out.text, "One two\nThree");
        let words: Vec<String> = out
            .marks
            .iter()
            .map(|m| crate::text::squash(&out.text[m.text.0..m.text.1]))
            .collect();
        assert_eq!(words, ["One two Three", "One two", "Three", ""]);
        let lines: Vec<(usize, usize)> = out.marks.iter().map(|m| m.lines).collect();
        assert_eq!(lines, [(0, 2), (0, 1), (1, 2), (2, 2)]);
    }

    #[test]
    fn line_indexes_count_breaks_after_leading_space() {
        let by_definition = |raw: &str, offset: usize| {
            let before = raw.get(..offset).unwrap_or(raw);
            before
                .trim_start_matches(is_html_space_char)
                .matches('\n')
                .count()
        };
        for raw in ["", "\n\n a\nb\n\nc", "x\ny", " \t\n", "é\nü\n"] {
            let lines = Lines::new(raw);
            for offset in 0..raw.len() + 3 {
                assert_eq!(
                    lines.index(offset),
                    by_definition(raw, offset),
                    "{raw:?} {offset}"
                );
            }
        }
    }
}
