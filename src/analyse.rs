//! Pass 1: stream the page once and fill the node table, plus the raw metadata (meta tags,
//! JSON-LD, `<title>`, `<html lang dir>`, `<base href>`) and a few short texts.

use crate::error::Error;
use crate::rules;
use crate::table::{flag, Captured, Node};
use crate::tags::Tag;
use crate::text;
use crate::tree::{Walker, NONE};
use lol_html::html_content::{Element, TextType};
use lol_html::{doc_text, element, HtmlRewriter, Settings};
use std::cell::RefCell;
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
    pub nodes: Vec<Node>,
    pub captured: Vec<Captured>,
    pub meta: RawMeta,
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
    /// Text of the current text node, while it is short enough to be a label.
    pending: String,
    pending_overflow: bool,
    closed: Vec<u32>,
    in_title: bool,
    /// The JSON-LD script whose text is being collected.
    json_ld_open: Option<u32>,
    title_done: bool,
}

pub fn analyse(html: &str) -> Result<Analysis, Error> {
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = Rc::clone(&state);
    let on_text = Rc::clone(&state);
    // Not strict: ambiguous markup (a `<style>` inside `<svg>` in a table …) is parsed as
    // browsers do instead of stopping the rewriter with an error.
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", move |el| {
            let id = on_element.borrow_mut().open(el);
            if let Some(handlers) = el.end_tag_handlers() {
                let state = Rc::clone(&on_element);
                handlers.push(Box::new(move |_end| {
                    state.borrow_mut().close(id);
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            let last = chunk.last_in_text_node();
            on_text
                .borrow_mut()
                .text(chunk.as_str(), chunk.text_type(), last);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter
        .write(html.as_bytes())
        .map_err(|e| Error::Parse(e.to_string()))?;
    rewriter.end().map_err(|e| Error::Parse(e.to_string()))?;
    let mut st = state.take();
    let mut closed = std::mem::take(&mut st.closed);
    closed.clear();
    st.walker.finish(&mut closed);
    st.finish_closed(&closed);
    Ok(st.out)
}

impl State {
    fn open(&mut self, el: &mut Element) -> u32 {
        let name = el.tag_name();
        let tag = Tag::from_name(&name);
        let has_content = !tag.is_void() && el.can_have_content();
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        let (id, parent) = self.walker.start(tag, has_content, &mut closed);
        self.finish_closed(&closed);
        self.closed = closed;
        let depth = self.walker.depth() as u32;
        let mut node = Node::new(tag, parent, depth, id);
        if parent != NONE {
            let p = &mut self.out.nodes[parent as usize];
            node.flags |= p.flags & (flag::IN_LINK | flag::IN_PRE);
            // `<br>` separates lines, it does not make its parent a container of blocks.
            if (tag.is_block() && tag != Tag::Br) || tag == Tag::Img {
                p.flags |= flag::BLOCK_CHILD;
            }
        }
        self.read_attributes(el, tag, id, &mut node);
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
        self.out.nodes.push(node);
        id
    }

    fn read_attributes(&mut self, el: &Element, tag: Tag, id: u32, node: &mut Node) {
        let mut class_id = String::new();
        let mut meta_key: Option<String> = None;
        let mut meta_content: Option<String> = None;
        let mut image_source = false;
        let mut src = String::new();
        let mut canonical = false;
        let mut href: Option<String> = None;
        for attr in el.attributes() {
            let name = attr.name();
            match name.as_str() {
                "class" | "id" => {
                    class_id.push(' ');
                    class_id.push_str(&attr.value());
                }
                "hidden" => node.flags |= flag::HIDDEN,
                "aria-hidden" if attr.value().trim().eq_ignore_ascii_case("true") => {
                    node.flags |= flag::HIDDEN
                }
                "style" => {
                    let v: String = attr
                        .value()
                        .to_ascii_lowercase()
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if v.contains("display:none") || v.contains("visibility:hidden") {
                        node.flags |= flag::HIDDEN;
                    }
                }
                "role" => {
                    let v = attr.value();
                    if let Some(c) = rules::role_category(&v) {
                        node.junk = Some(c);
                    }
                    if matches!(v.trim(), "main" | "article") {
                        node.flags |= flag::SEMANTIC;
                    }
                }
                "itemprop" => {
                    let v = attr.value();
                    if v.split_whitespace().any(|p| p == "articleBody") {
                        node.flags |= flag::SEMANTIC | flag::ARTICLE_BODY;
                    }
                    if v.split_whitespace().any(|p| p == "author") {
                        node.flags |= flag::BYLINE;
                    }
                    if v.split_whitespace().any(|p| p == "name") {
                        node.flags |= flag::ITEMPROP_NAME;
                    }
                    if tag == Tag::Meta && meta_key.is_none() {
                        meta_key = Some(v.trim().to_ascii_lowercase());
                    }
                }
                "rel"
                    if tag == Tag::A && attr.value().split_whitespace().any(|r| r == "author") =>
                {
                    node.flags |= flag::BYLINE;
                }
                "name" | "property" if tag == Tag::Meta => {
                    meta_key = Some(attr.value().trim().to_ascii_lowercase());
                }
                "content" if tag == Tag::Meta => meta_content = Some(attr.value()),
                "rel" if tag == Tag::Link => {
                    canonical = attr
                        .value()
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"));
                }
                "href" if tag == Tag::Link => href = Some(attr.value()),
                "href" if tag == Tag::A => {
                    // Only real links make link text: not `<a name>` anchors, and not
                    // `javascript:` pseudo-links, which the reader view shows as plain text.
                    let v = crate::url::clean(&crate::entities::decode(&attr.value()));
                    if crate::url::scheme_of(&v).as_deref() != Some("javascript") {
                        node.flags |= flag::IN_LINK;
                    }
                    if rules::is_share_url(&v) {
                        node.flags |= flag::SHARE_LINK;
                    }
                }
                "aria-label" => {
                    // Ad slots and consent layers often say what they are only here.
                    let label = crate::entities::decode(&attr.value()).into_owned();
                    if let Some(c) = rules::label_category(&label) {
                        node.junk = node.junk.or(Some(c));
                    }
                }
                "dir" => match attr.value().trim().to_ascii_lowercase().as_str() {
                    "rtl" => node.flags |= flag::DIR_RTL,
                    "ltr" => node.flags |= flag::DIR_LTR,
                    _ => {}
                },
                "type"
                    if tag == Tag::Input && attr.value().trim().eq_ignore_ascii_case("email") =>
                {
                    node.flags |= flag::EMAIL_INPUT;
                }
                // Only a `<base>` of the head: one inside the body is injected or broken
                // markup, and would send every relative URL of the article to its host.
                "href"
                    if tag == Tag::Base
                        && self.out.meta.base_href.is_none()
                        && (node.parent == NONE
                            || matches!(
                                self.out.nodes[node.parent as usize].tag,
                                Tag::Head | Tag::Html
                            )) =>
                {
                    self.out.meta.base_href = Some(crate::entities::decode(&attr.value()).into());
                }
                "lang" if tag == Tag::Html => self.out.meta.lang = Some(attr.value()),
                "type"
                    if tag == Tag::Script
                        && attr
                            .value()
                            .trim()
                            .eq_ignore_ascii_case("application/ld+json") =>
                {
                    node.flags |= flag::JSON_LD;
                }
                "datetime" if tag == Tag::Time => {
                    if let Some(c) = self.out.captured.iter_mut().rev().find(|c| c.id == id) {
                        c.datetime = Some(attr.value());
                    } else {
                        self.out.captured.push(Captured {
                            id,
                            datetime: Some(attr.value()),
                            ..Captured::default()
                        });
                    }
                }
                "src" | "data-src" | "data-lazy-src" | "data-original" | "data-srcset"
                | "srcset" | "data-lazy-srcset" => {
                    let v = attr.value();
                    if !v.trim().is_empty() && !v.trim_start().starts_with("data:") {
                        image_source = true;
                    }
                    if name == "src" {
                        src = v;
                    }
                }
                _ => {}
            }
        }
        if !class_id.is_empty() {
            let hint = rules::class_hint(&class_id);
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
    }

    fn close(&mut self, id: u32) {
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        self.walker.end(id, &mut closed);
        self.finish_closed(&closed);
        self.closed = closed;
        if self.in_title && self.out.nodes[id as usize].tag == Tag::Title {
            self.in_title = false;
            self.title_done = true;
        }
    }

    fn finish_closed(&mut self, closed: &[u32]) {
        if closed.is_empty() {
            return;
        }
        let last = self.walker.count().saturating_sub(1);
        for &id in closed {
            self.out.nodes[id as usize].end = last;
        }
        let walker = &self.walker;
        self.active
            .retain(|&i| walker.is_open(self.out.captured[i].id));
    }

    fn text(&mut self, s: &str, kind: TextType, last: bool) {
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
        let counts = text::count(s);
        let node = &mut self.out.nodes[current as usize];
        if rules::mentions_cookies(s) {
            node.flags |= flag::COOKIE_TEXT;
        }
        node.text += counts.chars;
        node.commas += counts.commas;
        if node.has(flag::IN_LINK) {
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
        // Short text nodes are kept until complete and checked against the label vocabulary.
        if !self.pending_overflow {
            if self.pending.len() + s.len() <= rules::MAX_LABEL_CHARS * 4 {
                self.pending.push_str(s);
            } else {
                self.pending_overflow = true;
            }
        }
        if last {
            if !self.pending_overflow {
                let decoded = crate::entities::decode(&self.pending);
                if let Some(cat) = rules::label_category(&decoded) {
                    self.out.nodes[current as usize].label = Some(cat);
                }
            }
            self.pending.clear();
            self.pending_overflow = false;
        }
    }
}
