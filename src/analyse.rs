//! Pass 1: stream the page once and fill the node table, plus the raw metadata (meta tags,
//! JSON-LD, `<title>`, `<html lang dir>`, `<base href>`) and a few short texts.

use crate::error::Error;
use crate::rules;
use crate::table::{flag, Captured, Node};
use crate::tags::Tag;
use crate::text;
use crate::tree::{is_foreign, keep_lexing, Gap, GapScan, Source, Walker, NONE};
use lol_html::html_content::{Element, TextType};
use lol_html::{element, HtmlRewriter, MemorySettings, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Metadata as found on the page, before any choice between sources.
#[derive(Debug, Default, Clone)]
pub struct RawMeta {
    pub title: String,
    /// `(name|property|itemprop, content)` of every `<meta>` with content, keys lowercased.
    pub metas: Vec<(String, String)>,
    pub json_ld: Vec<String>,
    pub lang: Option<String>,
    pub base_href: Option<String>,
    /// `<link rel=canonical href>`: the page's own URL when the caller gives none.
    pub canonical: Option<String>,
}

/// Everything pass 1 learns.
#[derive(Debug, Default)]
pub struct Analysis {
    pub nodes: NodeTable,
    pub captured: Vec<Captured>,
    pub meta: RawMeta,
}

/// The node table (it derefs to its rows), with where each element stands in the page: the
/// render pass uses that to parse only the parts of the page it writes.
#[derive(Debug, Default)]
pub struct NodeTable {
    rows: Vec<Node>,
    spans: Spans,
}

impl std::ops::Deref for NodeTable {
    type Target = [Node];
    fn deref(&self) -> &[Node] {
        &self.rows
    }
}

impl NodeTable {
    /// The elements' positions, when the page is small enough to have them recorded.
    pub fn spans(&self) -> Option<&Spans> {
        self.spans.valid.then_some(&self.spans)
    }
}

/// Where each element starts and ends in the page, in "ticks": `2 * offset + 1` for what a
/// start tag at `offset` does (implied end tags close elements there), `2 * offset` for an
/// end tag ending at `offset`, `2 * len` for the end of the page. Ticks order the events.
#[derive(Debug, Default)]
pub struct Spans {
    /// Byte offset of each element's start tag, with `FOREIGN` set for SVG and MathML content.
    start: Vec<u32>,
    /// Tick at which each element was closed (an element without content: the end of its
    /// start tag).
    close: Vec<u32>,
    /// Offsets fit (pages under 2 GiB).
    valid: bool,
}

impl Spans {
    pub const FOREIGN: u32 = 1 << 31;

    /// Byte offset of the element's start tag.
    pub fn start(&self, id: u32) -> usize {
        (self.start[id as usize] & !Self::FOREIGN) as usize
    }

    /// Whether lol_html parsed the element as SVG or MathML content.
    pub fn foreign(&self, id: u32) -> bool {
        self.start[id as usize] & Self::FOREIGN != 0
    }

    /// The tick at which the element was closed.
    pub fn close(&self, id: u32) -> u32 {
        self.close[id as usize]
    }

    pub fn start_tick(offset: usize) -> u32 {
        (2 * offset + 1) as u32
    }

    pub fn end_tag_tick(end_offset: usize) -> u32 {
        (2 * end_offset) as u32
    }
}

/// Most class and id strings whose hints are remembered.
const HINT_MEMO: usize = 4096;

/// FxHash (rustc's): a multiply per word, plenty for class names of one page.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.add(word);
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Longest text kept for one captured element (headings, bylines).
const CAPTURE_LIMIT: usize = 400;
/// Longest JSON-LD block kept (some pages embed megabytes of it).
const JSON_LD_LIMIT: usize = 2_000_000;

#[derive(Default)]
struct State {
    walker: Walker,
    out: Analysis,
    /// Indices into `out.captured` whose element is still open.
    active: Vec<usize>,
    closed: Vec<u32>,
    in_title: bool,
    /// The JSON-LD script whose text is being collected.
    json_ld_open: Option<u32>,
    title_done: bool,
    /// The class and id of the element being read (kept to reuse its buffer).
    class_id: String,
    /// The end tags and the text between start tags (the pass has no text handler).
    gaps: GapScan,
    /// `rules::class_hint` of the class and id strings seen (pages repeat them).
    hints: HashMap<Box<str>, rules::Hint, BuildHasherDefault<WordHasher>>,
}

pub fn analyse(html: &str) -> Result<Analysis, Error> {
    let mut state = State {
        gaps: GapScan::new(),
        ..State::default()
    };
    state.out.nodes.spans.valid = html.len() < (1 << 30);
    let state = Rc::new(RefCell::new(state));
    let on_element = Rc::clone(&state);
    let src = Source(html);
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
            let foreign = is_foreign(el);
            let opened = st.open(el, src, foreign);
            st.gaps
                .start_tag(opened, at, el.can_have_content(), foreign);
            Ok(())
        }))
        .append_document_content_handler(keep_lexing());
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .map_err(|e| Error::Parse(e.to_string()))?;
    rewriter.end().map_err(|e| Error::Parse(e.to_string()))?;
    let mut st = state.take();
    st.take_gap(src, html.len());
    let mut closed = std::mem::take(&mut st.closed);
    closed.clear();
    st.walker.finish(&mut closed);
    st.finish_closed(&closed, Spans::end_tag_tick(html.len()));
    // The table lives through the render pass: no spare capacity (up to half of it).
    let table = &mut st.out.nodes;
    table.rows.shrink_to_fit();
    table.spans.start.shrink_to_fit();
    table.spans.close.shrink_to_fit();
    Ok(st.out)
}

impl State {
    /// `foreign`: lol_html parsed the element as SVG or MathML content.
    fn open(&mut self, el: &mut Element, src: Source<'_>, foreign: bool) -> (u32, Tag) {
        let tag = Tag::from_name(&src.tag_name(el));
        let has_content = !tag.is_void() && el.can_have_content();
        let offset = el.source_location().bytes().start;
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        let (id, parent) = self.walker.start(tag, has_content, &mut closed);
        self.finish_closed(&closed, Spans::start_tick(offset));
        let spans = &mut self.out.nodes.spans;
        spans
            .start
            .push(offset as u32 | if foreign { Spans::FOREIGN } else { 0 });
        // Closed when its end tag is seen; an element without content where its start tag ends.
        spans
            .close
            .push(Spans::end_tag_tick(el.source_location().bytes().end));
        self.closed = closed;
        let depth = self.walker.depth() as u32;
        let mut node = Node::new(tag, parent, depth, id);
        if parent != NONE {
            let p = &mut self.out.nodes.rows[parent as usize];
            node.flags |= p.flags & (flag::IN_LINK | flag::IN_PRE | flag::IN_PAGE_LINK);
            // `<br>` separates lines, it does not make its parent a container of blocks.
            if (tag.is_block() && tag != Tag::Br) || tag == Tag::Img {
                p.flags |= flag::BLOCK_CHILD;
            }
        }
        self.read_attributes(el, src, tag, id, &mut node);
        match tag {
            Tag::Pre => node.flags |= flag::IN_PRE,
            Tag::Textarea => node.flags |= flag::TEXTAREA,
            Tag::Article | Tag::Main => node.flags |= flag::SEMANTIC,
            Tag::Title if !self.title_done && self.walker.depth() <= 3 => self.in_title = true,
            _ => {}
        }
        if tag.is_heading() || tag == Tag::Time || node.has(flag::BYLINE | flag::ITEMPROP_NAME) {
            self.active.push(self.out.captured.len());
            self.out.captured.push(Captured {
                id,
                ..Captured::default()
            });
        }
        self.out.nodes.rows.push(node);
        (id, tag)
    }

    fn read_attributes(
        &mut self,
        el: &Element,
        source: Source<'_>,
        tag: Tag,
        id: u32,
        node: &mut Node,
    ) {
        let mut class_id = std::mem::take(&mut self.class_id);
        class_id.clear();
        let mut meta_key: Option<String> = None;
        let mut meta_content: Option<String> = None;
        let mut image_source = false;
        let mut src = Cow::Borrowed("");
        let mut canonical = false;
        let mut href = None;
        let attributes = if source.without_attributes(el) {
            &[]
        } else {
            el.attributes()
        };
        for attr in attributes {
            let name = source.attr_name(attr);
            let raw_value = source.attr_value(attr);
            let value: &str = &raw_value;
            match &*name {
                "class" | "id" => {
                    class_id.push(' ');
                    class_id.push_str(value);
                }
                "hidden" => node.flags |= flag::HIDDEN,
                "aria-hidden" if value.trim().eq_ignore_ascii_case("true") => {
                    node.flags |= flag::HIDDEN
                }
                "style" if rules::style_hides(value) => node.flags |= flag::HIDDEN,
                "role" => {
                    if let Some(c) = rules::role_category(value) {
                        node.junk = Some(c);
                    }
                    if matches!(value.trim(), "main" | "article") {
                        node.flags |= flag::SEMANTIC;
                    }
                }
                "itemprop" => {
                    if value.split_whitespace().any(|p| p == "articleBody") {
                        node.flags |= flag::SEMANTIC | flag::ARTICLE_BODY;
                    }
                    if value.split_whitespace().any(|p| p == "author") {
                        node.flags |= flag::BYLINE;
                    }
                    if value.split_whitespace().any(|p| p == "name") {
                        node.flags |= flag::ITEMPROP_NAME;
                    }
                    if tag == Tag::Meta && meta_key.is_none() {
                        meta_key = Some(value.trim().to_ascii_lowercase());
                    }
                }
                "rel" if tag == Tag::A && value.split_whitespace().any(|r| r == "author") => {
                    node.flags |= flag::BYLINE;
                }
                "name" | "property" if tag == Tag::Meta => {
                    meta_key = Some(value.trim().to_ascii_lowercase());
                }
                "content" if tag == Tag::Meta => meta_content = Some(value.to_owned()),
                "rel" if tag == Tag::Link => {
                    canonical = value
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"));
                }
                "href" if tag == Tag::Link => href = Some(raw_value.clone()),
                "href" if tag == Tag::A => {
                    // Only real links make link text: not `<a name>` anchors, and not
                    // `javascript:` pseudo-links, which the reader view shows as plain text.
                    let decoded = crate::entities::decode(value);
                    let v = crate::url::clean_borrowed(&decoded);
                    if !crate::url::has_scheme(&v, "javascript") {
                        node.flags |= flag::IN_LINK;
                        if v.starts_with('#') && v.len() > 1 {
                            node.flags |= flag::IN_PAGE_LINK;
                        }
                    }
                    if rules::is_share_url(&v) {
                        node.flags |= flag::SHARE_LINK;
                    }
                }
                "aria-label" => {
                    // Ad slots and consent layers often say what they are only here.
                    let label = crate::entities::decode(value).into_owned();
                    if let Some(c) = rules::label_category(&label) {
                        node.junk = node.junk.or(Some(c));
                    }
                }
                "dir" => match value.trim().to_ascii_lowercase().as_str() {
                    "rtl" => node.flags |= flag::DIR_RTL,
                    "ltr" => node.flags |= flag::DIR_LTR,
                    _ => {}
                },
                "type" if tag == Tag::Input && value.trim().eq_ignore_ascii_case("email") => {
                    node.flags |= flag::EMAIL_INPUT;
                }
                // Only a `<base>` of the head: one inside the body is injected or broken
                // markup, and would send every relative URL of the article to its host.
                "href"
                    if tag == Tag::Base
                        && self.out.meta.base_href.is_none()
                        && (node.parent == NONE
                            || matches!(
                                self.out.nodes.rows[node.parent as usize].tag,
                                Tag::Head | Tag::Html
                            )) =>
                {
                    self.out.meta.base_href = Some(crate::entities::decode(value).into());
                }
                "lang" if tag == Tag::Html => self.out.meta.lang = Some(value.to_owned()),
                "type"
                    if tag == Tag::Script
                        && value.trim().eq_ignore_ascii_case("application/ld+json") =>
                {
                    node.flags |= flag::JSON_LD;
                }
                "datetime" if tag == Tag::Time => {
                    if let Some(c) = self.out.captured.iter_mut().rev().find(|c| c.id == id) {
                        c.datetime = Some(value.to_owned());
                    } else {
                        self.out.captured.push(Captured {
                            id,
                            datetime: Some(value.to_owned()),
                            ..Captured::default()
                        });
                    }
                }
                "src" | "data-src" | "data-lazy-src" | "data-original" | "data-srcset"
                | "srcset" | "data-lazy-srcset" => {
                    if !value.trim().is_empty() && !value.trim_start().starts_with("data:") {
                        image_source = true;
                    }
                    if name == "src" {
                        src = raw_value.clone();
                    }
                }
                _ => {}
            }
        }
        if !class_id.is_empty() {
            let hint = match self.hints.get(class_id.as_str()) {
                Some(hint) => *hint,
                None => {
                    let hint = rules::class_hint(&class_id);
                    if self.hints.len() < HINT_MEMO {
                        self.hints.insert(class_id.as_str().into(), hint);
                    }
                    hint
                }
            };
            node.weight = hint.weight;
            if node.junk.is_none() {
                node.junk = hint.junk;
            }
            if hint.byline {
                node.flags |= flag::BYLINE;
            }
        }
        if matches!(tag, Tag::Img | Tag::Source) && image_source {
            node.flags |= flag::IMAGE;
        }
        if tag == Tag::Iframe && rules::video_embed(&src).is_some() {
            node.flags |= flag::VIDEO;
        }
        if canonical && self.out.meta.canonical.is_none() {
            self.out.meta.canonical = href.map(|h| crate::entities::decode(&h).into_owned());
        }
        if let (Some(k), Some(c)) = (meta_key, meta_content) {
            if !k.is_empty() {
                self.out.meta.metas.push((k, c));
            }
        }
        self.class_id = class_id;
    }

    /// Reads the text and end tags before the next start tag (at byte `next`).
    #[inline(always)]
    fn take_gap(&mut self, src: Source<'_>, next: usize) {
        if self.gaps.gap_before(next) {
            self.take_gap_slow(src, next);
        }
    }

    #[inline(never)]
    fn take_gap_slow(&mut self, src: Source<'_>, next: usize) {
        let mut gaps = std::mem::take(&mut self.gaps);
        gaps.take(src.0, next, &mut |gap| match gap {
            Gap::Text(at, kind) => {
                self.text(src.0.get(at).unwrap_or(""), kind);
            }
            Gap::End(id, end) => self.close(id, Spans::end_tag_tick(end)),
        });
        self.gaps = gaps;
    }

    fn close(&mut self, id: u32, tick: u32) {
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        self.walker.end(id, &mut closed);
        self.finish_closed(&closed, tick);
        self.closed = closed;
        if self.in_title && self.out.nodes[id as usize].tag == Tag::Title {
            self.in_title = false;
            self.title_done = true;
        }
    }

    fn finish_closed(&mut self, closed: &[u32], tick: u32) {
        if closed.is_empty() {
            return;
        }
        let last = self.walker.count().saturating_sub(1);
        for &id in closed {
            self.out.nodes.rows[id as usize].end = last;
            self.out.nodes.spans.close[id as usize] = tick;
        }
        let walker = &self.walker;
        self.active
            .retain(|&i| walker.is_open(self.out.captured[i].id));
    }

    /// A whole text node (from `GapScan`).
    fn text(&mut self, s: &str, kind: TextType) {
        let current = self.walker.current();
        match kind {
            TextType::Data => {}
            TextType::RCData => {
                if self.in_title && self.out.meta.title.len() < CAPTURE_LIMIT {
                    self.out.meta.title.push_str(s);
                }
                return;
            }
            TextType::ScriptData => {
                if current != NONE
                    && self.out.nodes[current as usize].has(flag::JSON_LD)
                    && self.out.meta.json_ld.last().map_or(0, String::len) < JSON_LD_LIMIT
                {
                    match self.out.meta.json_ld.last_mut() {
                        Some(block) if self.json_ld_open == Some(current) => block.push_str(s),
                        _ => {
                            self.out.meta.json_ld.push(s.to_string());
                            self.json_ld_open = Some(current);
                        }
                    }
                }
                return;
            }
            _ => return,
        }
        if current == NONE {
            return;
        }
        // Most text nodes are the white space between tags: one character (a run counts as one)
        // and nothing to look for (6% of all instructions on `readability`, 2% on `l3s-gn1`).
        let blank = text::is_blank(s);
        let counts = if blank {
            text::Counts {
                chars: u32::from(!s.is_empty()),
                commas: 0,
            }
        } else {
            text::count(s)
        };
        let node = &mut self.out.nodes.rows[current as usize];
        if !blank {
            if rules::mentions_cookies(s) {
                node.flags |= flag::COOKIE_TEXT;
            }
            if node.text <= 1 && rules::starts_copyright(s) {
                node.flags |= flag::COPYRIGHT_TEXT;
            }
        }
        node.text += counts.chars;
        node.commas += counts.commas;
        if node.has(flag::IN_PAGE_LINK) {
            node.link_text += counts.chars * rules::IN_PAGE_LINK_WEIGHT_TENTHS / 10;
        } else if node.has(flag::IN_LINK) {
            node.link_text += counts.chars;
        }
        for &i in &self.active {
            let c = &mut self.out.captured[i];
            if c.text.len() + s.len() <= CAPTURE_LIMIT {
                c.text.push_str(s);
            } else {
                c.truncated = true;
            }
        }
        if !blank && s.len() <= rules::MAX_LABEL_CHARS * 4 {
            self.label(current, s);
        }
    }

    /// Checks a complete short text node against the label vocabulary.
    fn label(&mut self, current: u32, raw: &str) {
        // Text with no letter or digit is no label (most text nodes between tags are only
        // whitespace); without one it has no character reference either.
        if raw.is_ascii() && !raw.bytes().any(|b| b.is_ascii_alphanumeric()) {
            return;
        }
        let decoded = if raw.as_bytes().contains(&b'&') {
            crate::entities::decode(raw)
        } else {
            Cow::Borrowed(raw)
        };
        if let Some(cat) = rules::label_category(&decoded) {
            self.out.nodes.rows[current as usize].label = Some(cat);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text counted in each element of a page, by tag, in page order.
    fn texts(html: &str) -> Vec<(Tag, u32, bool)> {
        let analysis = analyse(html).expect("analysed");
        analysis
            .nodes
            .iter()
            .map(|n| (n.tag, n.text, n.label.is_some()))
            .collect()
    }

    #[test]
    fn white_space_alone_counts_one_character_and_marks_nothing() {
        // Three runs of white space in the div (a vertical tab is white space too), one in the
        // span; the label is found in text with white space around it.
        let found = texts("<div>\n\t <p>a, b</p>  <span> </span>\u{b}<p> Anzeige </p></div>");
        assert_eq!(
            found,
            vec![
                (Tag::Div, 3, false),
                (Tag::P, 4, false),
                (Tag::Span, 1, false),
                (Tag::P, 9, true),
            ]
        );
    }
}
