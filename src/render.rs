//! Pass 2: stream the same bytes again and write the article. The output is built here from
//! scratch (lol_html's own output is discarded): only elements the decide phase kept and the
//! sanitiser allows are written, with allowlisted attributes, absolute URLs and re-escaped
//! text, so nothing from the page reaches the reader view unchecked. The plain-text version
//! is written alongside, with block boundaries as newlines.

use crate::decide::Action;
use crate::entities::{decode, escape_attr, escape_text};
use crate::error::Error;
use crate::rules;
use crate::sanitize::{self, AttrKind, Policy};
use crate::table::{flag, Node};
use crate::tags::Tag;
use crate::tree::{Walker, NONE};
use crate::url::{self, BaseUrl};
use lol_html::html_content::{Element, TextType};
use lol_html::{doc_text, element, HtmlRewriter, Settings};
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
    /// The text before tidying (lines not yet trimmed), which the mark ranges index; only
    /// kept when something was marked.
    pub raw_text: String,
}

/// The output ranges of one marked element.
#[derive(Debug, Default, Clone)]
pub struct Mark {
    /// Byte range in `Rendered::html`.
    pub html: (usize, usize),
    /// Byte range in `Rendered::raw_text`.
    pub raw_text: (usize, usize),
    /// Line range in the tidied `Rendered::text`.
    pub text: (usize, usize),
    /// The element's parent was rendered (it stood inside the output).
    pub inside: bool,
}

struct State<'a> {
    nodes: &'a [Node],
    /// Elements whose output ranges are recorded, ascending.
    marked: &'a [u32],
    actions: &'a [Action],
    base: Option<&'a BaseUrl>,
    walker: Walker,
    /// The name written for each element, to write its end tag.
    written: Vec<Option<&'static str>>,
    /// Root of a subtree the sanitiser removed while rendering.
    removed_until: u32,
    math_depth: u32,
    pre_depth: u32,
    pending_space: bool,
    /// Where the current paragraph's text starts in `out.text`.
    paragraph_start: Option<(u32, usize)>,
    closed: Vec<u32>,
    out: Rendered,
}

/// Renders the elements whose action is `Keep`. The output ranges of the elements in
/// `marked` (ascending ids) are recorded in `Rendered::marks`.
pub fn render(
    html: &str,
    nodes: &[Node],
    actions: &[Action],
    base: Option<&BaseUrl>,
    marked: &[u32],
) -> Result<Rendered, Error> {
    let state = Rc::new(RefCell::new(State {
        nodes,
        marked,
        actions,
        base,
        walker: Walker::new(),
        written: vec![None; nodes.len()],
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
    }));
    {
        // End-tag handlers must be `'static`, and the state borrows the table: they only queue
        // the id, and the queue is drained before the next element or text is handled.
        let ends: Rc<RefCell<Vec<u32>>> = Rc::default();
        let on_element = Rc::clone(&state);
        let on_text = Rc::clone(&state);
        let ends_el = Rc::clone(&ends);
        let ends_text = Rc::clone(&ends);
        // Not strict: ambiguous markup (a `<style>` inside `<svg>` in a table …) is parsed as
        // browsers do instead of stopping the rewriter with an error.
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let mut st = on_element.borrow_mut();
                st.drain_ends(&ends_el);
                let id = st.open(el);
                if let (Some(id), Some(handlers)) = (id, el.end_tag_handlers()) {
                    let queue = Rc::clone(&ends_el);
                    handlers.push(Box::new(move |_end| {
                        queue.borrow_mut().push(id);
                        Ok(())
                    }));
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |chunk| {
                let mut st = on_text.borrow_mut();
                st.drain_ends(&ends_text);
                if chunk.text_type() == TextType::Data {
                    st.text(chunk.as_str());
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        rewriter
            .write(html.as_bytes())
            .map_err(|e| Error::Parse(e.to_string()))?;
        rewriter.end().map_err(|e| Error::Parse(e.to_string()))?;
        state.borrow_mut().drain_ends(&ends);
    }
    let mut st = state.borrow_mut();
    let mut closed = std::mem::take(&mut st.closed);
    closed.clear();
    st.walker.finish(&mut closed);
    st.end_elements(&closed);
    let mut out = std::mem::take(&mut st.out);
    let lines = LineIndex::new(&out.text);
    for mark in &mut out.marks {
        mark.text = (lines.at(mark.raw_text.0), lines.at(mark.raw_text.1));
    }
    let tidy = tidy_text(&out.text);
    if out.marks.is_empty() {
        out.text = tidy;
    } else {
        out.raw_text = std::mem::replace(&mut out.text, tidy);
    }
    Ok(out)
}

/// Converts byte offsets of the untidied text into the number of non-empty lines before them,
/// which is the line index of that spot in the tidied text. The newlines are found once: one
/// scan per removed block made long pages with many blocks quadratic (a 50 MB page: minutes).
struct LineIndex<'a> {
    raw: &'a str,
    /// Byte offsets of the newlines after the leading whitespace.
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(raw: &'a str) -> Self {
        let lead = raw.len() - raw.trim_start_matches(is_html_space).len();
        let newlines = raw
            .bytes()
            .enumerate()
            .skip(lead)
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { raw, newlines }
    }

    fn at(&self, offset: usize) -> usize {
        let end = if self.raw.get(..offset).is_some() {
            offset
        } else {
            self.raw.len()
        };
        self.newlines.partition_point(|&i| i < end)
    }
}

impl State<'_> {
    /// Returns the element's id when it has content (and so an end tag to wait for).
    fn open(&mut self, el: &mut Element) -> Option<u32> {
        let name = el.tag_name();
        let tag = Tag::from_name(&name);
        let has_content = !tag.is_void() && el.can_have_content();
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        let (id, _) = self.walker.start(tag, has_content, &mut closed);
        self.end_elements(&closed);
        self.closed = closed;
        let idx = id as usize;
        if idx >= self.nodes.len() {
            return has_content.then_some(id);
        }
        let mark = self.marked.binary_search(&id).ok();
        if let Some(m) = mark {
            let parent = self.nodes[idx].parent;
            self.out.marks[m] = Mark {
                html: (self.out.html.len(), self.out.html.len()),
                raw_text: (self.out.text.len(), self.out.text.len()),
                text: (0, 0),
                inside: parent != NONE && self.actions[parent as usize] == Action::Keep,
            };
        }
        let id_out = self.open_kept(el, tag, &name, id, has_content);
        if let (Some(m), false) = (mark, has_content) {
            self.end_mark(m);
        }
        id_out
    }

    fn end_mark(&mut self, m: usize) {
        self.out.marks[m].html.1 = self.out.html.len();
        self.out.marks[m].raw_text.1 = self.out.text.len();
    }

    fn open_kept(
        &mut self,
        el: &mut Element,
        tag: Tag,
        name: &str,
        id: u32,
        has_content: bool,
    ) -> Option<u32> {
        let idx = id as usize;
        if self.actions[idx] != Action::Keep || self.is_removed(id) {
            return has_content.then_some(id);
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
            Policy::Write(written) => self.write_start(el, tag, written, id, has_content),
        }
        has_content.then_some(id)
    }

    fn is_removed(&self, id: u32) -> bool {
        self.removed_until != NONE
            && id >= self.removed_until
            && id <= self.nodes[self.removed_until as usize].end
    }

    fn write_start(
        &mut self,
        el: &Element,
        tag: Tag,
        name: &'static str,
        id: u32,
        has_content: bool,
    ) {
        let attrs = self.attributes(el, name);
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
            "math" => self.math_depth += 1,
            "pre" => self.pre_depth += 1,
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
            self.written[id as usize] = Some(name);
        }
    }

    /// The allowed attributes of an element, values decoded, URLs resolved and checked. Lazy
    /// images name their real source in `data-src` and friends; those win over a placeholder.
    fn attributes(&self, el: &Element, name: &'static str) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        let mut lazy_src: Option<String> = None;
        let mut lazy_srcset: Option<String> = None;
        for attr in el.attributes() {
            let attr_name = attr.name();
            if name == "img" || name == "source" {
                match attr_name.as_str() {
                    "data-src" | "data-lazy-src" | "data-original" | "data-url"
                    | "data-hi-res-src" => {
                        if lazy_src.is_none() {
                            lazy_src = Some(decode(&attr.value()).into_owned());
                        }
                        continue;
                    }
                    "data-srcset" | "data-lazy-srcset" => {
                        lazy_srcset = Some(decode(&attr.value()).into_owned());
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
            let value = decode(&attr.value()).into_owned();
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

    fn drain_ends(&mut self, queue: &RefCell<Vec<u32>>) {
        let ids = std::mem::take(&mut *queue.borrow_mut());
        for id in ids {
            self.close(id);
        }
    }

    fn close(&mut self, id: u32) {
        let mut closed = std::mem::take(&mut self.closed);
        closed.clear();
        self.walker.end(id, &mut closed);
        self.end_elements(&closed);
        self.closed = closed;
    }

    fn end_elements(&mut self, closed: &[u32]) {
        for &id in closed {
            if id == self.removed_until {
                self.removed_until = NONE;
            }
            let mark = self.marked.binary_search(&id).ok();
            let Some(name) = self.written.get_mut(id as usize).and_then(Option::take) else {
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
        let text = decode(raw);
        if self.pre_depth > 0 {
            escape_text(&text, &mut self.out.html);
            self.out.text.push_str(&text);
            return;
        }
        for (i, word) in text.split(is_html_space).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.pending_space {
                self.flush_space();
            }
            escape_text(word, &mut self.out.html);
            self.out.text.push_str(word);
        }
    }

    fn flush_space(&mut self) {
        self.pending_space = false;
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
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

/// HTML's whitespace (not Unicode's: a no-break space is content).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
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

/// The text is built tidy (no space at line starts or ends outside `<pre>`, no doubled
/// block breaks), so only its ends need trimming; `<pre>` lines keep their indentation.
fn tidy_text(text: &str) -> String {
    text.trim_matches(is_html_space).to_string()
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
}
