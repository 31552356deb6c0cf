//! The open-element stack both passes keep while lol_html streams the page.
//!
//! lol_html reports start tags in document order (`GapScan` reads the text and end tags
//! between them); the end tags close elements as lol_html matches them, without the HTML
//! standard's implied end tags (`<p>a<p>b` nests, a `<div>` inside a `<p>` stays inside).
//! Browsers do, and article statistics must follow the browser's tree, so this walker closes
//! `p`, `li`, `dt`/`dd`, table parts and `option` the way tree construction does. Both passes
//! run the same walker over the same bytes, so the n-th start tag gets id n in both: that is
//! how decisions made on the table reach the output.

use crate::tags::Tag;
use lol_html::html_content::{Attribute, Element, TextType};
use lol_html::{doc_comments, DocumentContentHandlers};
use std::borrow::Cow;
use std::ops::Range;

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

/// Finds the text and the end tags of a page without asking lol_html for them: both passes
/// register only an element handler. An end-tag handler per element made lol_html allocate and
/// run its handler machinery for every element, and a text handler made it validate and hand
/// over every text chunk (together about a quarter of a pass). Each start tag's event says
/// where the tag stands in the input, and the bytes between two start tags hold only what has
/// no event: text, end tags, comments, doctypes. This reads them as lol_html's tokenizer
/// does, including the text of `<script>`, `<style>`, `<title>` and the like, where only the
/// element's own end tag counts. Which elements an end tag closes is decided as lol_html
/// decides it: a stack of the elements that can have content, popped down to the nearest one
/// of the same name (ASCII case ignored); a stray end tag closes nothing.
#[derive(Debug, Default)]
pub struct GapScan {
    /// Where the last event ended: the bytes from here to the next event have no event.
    cursor: usize,
    /// lol_html's open elements: id, tag, where the start tag's name is in the input, and
    /// whether it is SVG or MathML content.
    open: Vec<(u32, Tag, u32, bool)>,
    /// Open elements of each tag (all of `Tag::Other` together), so that a stray end tag
    /// is mostly turned away at once.
    counts: Vec<u32>,
    /// The last start tag switched the tokenizer to this text type (a `<script>`, `<style>`,
    /// `<title>` …): its text runs to its own end tag, whose name is at this offset.
    raw: Option<(TextType, u32)>,
}

/// What lies between two events, in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// A text node: its bytes and type, the whole node at once.
    Text(Range<usize>, TextType),
    /// An end tag closed element `id` (innermost first); the end tag ends at this byte.
    End(u32, usize),
}

impl GapScan {
    pub fn new() -> Self {
        GapScan {
            counts: vec![0; Tag::Other as usize + 1],
            ..GapScan::default()
        }
    }

    /// A start tag at bytes `at` opened element `id`. `has_content`: lol_html lets it have
    /// content (it then waits for its end tag); `foreign`: SVG or MathML.
    pub fn start_tag(
        &mut self,
        (id, tag): (u32, Tag),
        at: Range<usize>,
        has_content: bool,
        foreign: bool,
    ) {
        // The tokenizer's context for this tag: lol_html reports an element at an integration
        // point (`<title>` or `<foreignObject>` in SVG, `<mi>` in MathML) as HTML, but decides
        // its text type in the foreign context around it.
        let in_foreign = self.in_foreign();
        if has_content {
            self.counts[tag as usize] += 1;
            self.open.push((id, tag, (at.start + 1) as u32, foreign));
        }
        self.cursor = self.cursor.max(at.end);
        // What lol_html's tree builder simulator switches the tokenizer to; in SVG and MathML
        // a `<style>` or `<title>` is an ordinary element.
        self.raw = (!foreign && !in_foreign)
            .then(|| raw_text_type(tag))
            .flatten()
            .map(|kind| (kind, (at.start + 1) as u32));
    }

    /// Whether there are bytes between the last event and the next one, at byte `next`.
    #[inline(always)]
    pub fn gap_before(&self, next: usize) -> bool {
        next > self.cursor
    }

    /// Reads what lies between the last event and the next one, at byte `next`.
    /// (`each` is a trait object: one copy of this serves both passes in the wasm module.)
    pub fn take(&mut self, src: &str, next: usize, each: &mut dyn FnMut(Gap)) {
        let b = src.as_bytes();
        let end = next.min(b.len());
        let mut i = self.cursor.min(end);
        if let Some((kind, name_at)) = self.raw.take() {
            let name = tag_name_at(src, name_at as usize).as_bytes();
            let text_end = match kind {
                TextType::PlainText => end,
                TextType::ScriptData => script_data_end(b, i, end),
                _ => raw_text_end(b, i, end, name),
            };
            if text_end > i {
                each(Gap::Text(i..text_end, kind));
            }
            i = text_end;
        }
        let mut text_from = i;
        let text = |from: usize, to: usize, each: &mut dyn FnMut(Gap)| {
            if to > from {
                each(Gap::Text(from..to, TextType::Data));
            }
        };
        while let Some(lt) = b.get(i..end).and_then(|gap| memchr::memchr(b'<', gap)) {
            let at = i + lt;
            let after = |k: usize| b.get(at + k).copied().filter(|_| at + k < end);
            let markup_end = match (after(1), after(2)) {
                (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => {
                    let name = tag_name_at(src, at + 2);
                    let close = tag_close(b, at + 2 + name.len(), end);
                    text(text_from, at, each);
                    if let Some(close) = close {
                        self.end_tag(src, name, close, each);
                    }
                    // The input may end inside the tag, which is then no tag at all.
                    i = close.unwrap_or(end);
                    text_from = i;
                    continue;
                }
                // `</>` is dropped. The text on either side is one node in the DOM, but goes
                // out as two pieces, as lol_html hands it over in two chunks.
                (Some(b'/'), Some(b'>')) => {
                    text(text_from, at, each);
                    i = at + 3;
                    text_from = i;
                    continue;
                }
                (Some(b'!'), Some(b'-')) if after(3) == Some(b'-') => {
                    Some(comment_close(b, at + 4, end))
                }
                (Some(b'!'), Some(b'[')) if self.in_foreign() && b[at..end].starts_with(CDATA) => {
                    let from = at + CDATA.len();
                    let to = cdata_end(b, from, end);
                    text(text_from, at, each);
                    if to > from {
                        each(Gap::Text(from..to, TextType::CDataSection));
                    }
                    i = (to + 3).min(end);
                    text_from = i;
                    continue;
                }
                (Some(b'!' | b'/'), _) => Some(bogus_close(b, at + 2, end)),
                (Some(b'?'), _) => Some(bogus_close(b, at + 1, end)),
                _ => None,
            };
            match markup_end {
                Some(close) => {
                    text(text_from, at, each);
                    i = close;
                    text_from = close;
                }
                None => i = at + 1,
            }
        }
        text(text_from, end, each);
        self.cursor = next;
    }

    /// Whether the tokenizer reads CDATA sections here: the innermost open element is SVG or
    /// MathML content (lol_html's own test is its namespace stack; they differ only just
    /// inside an integration point such as `<foreignObject>`).
    fn in_foreign(&self) -> bool {
        self.open.last().is_some_and(|&(_, _, _, foreign)| foreign)
    }

    fn end_tag(&mut self, src: &str, name: &str, close: usize, each: &mut dyn FnMut(Gap)) {
        let tag = Tag::from_name(&lowercase(name));
        if self.counts[tag as usize] == 0 {
            return;
        }
        // A name outside `Tag` is looked for among the nearest open elements only: lol_html
        // looks through all of them (it counts open elements by name), but that would make a
        // page of deeply nested custom elements and stray end tags for others quadratic.
        let depth = if tag == Tag::Other {
            OTHER_END_TAG_SEARCH
        } else {
            usize::MAX
        };
        let Some(at) = self
            .open
            .iter()
            .rev()
            .take(depth)
            .position(|&(_, t, name_at, _)| {
                t == tag
                    && (tag != Tag::Other
                        || tag_name_at(src, name_at as usize).eq_ignore_ascii_case(name))
            })
            .map(|from_top| self.open.len() - 1 - from_top)
        else {
            return;
        };
        while self.open.len() > at {
            let Some((id, t, _, _)) = self.open.pop() else {
                break;
            };
            self.counts[t as usize] -= 1;
            each(Gap::End(id, close));
        }
    }
}

const CDATA: &[u8] = b"<![CDATA[";

/// How far down the open elements an end tag with a name outside `Tag` is looked for.
const OTHER_END_TAG_SEARCH: usize = 256;

/// The text type an HTML start tag switches the tokenizer to, as lol_html's tree builder
/// simulator decides.
fn raw_text_type(tag: Tag) -> Option<TextType> {
    use Tag::*;
    match tag {
        Textarea | Title => Some(TextType::RCData),
        Plaintext => Some(TextType::PlainText),
        Script => Some(TextType::ScriptData),
        Style | Iframe | Xmp | Noembed | Noframes | Noscript => Some(TextType::RawText),
        _ => None,
    }
}

/// Whether an end tag for `name` starts at `at` (`</name` then a space, `/` or `>`), the only
/// markup inside RCDATA and RAWTEXT.
fn end_tag_for(b: &[u8], at: usize, end: usize, name: &[u8]) -> bool {
    b.get(at..at + 2) == Some(b"</") && tag_name_is(b, at + 2, end, name)
}

/// Whether the tag name at `at` is `name` (ASCII case ignored): `name`, then a space, `/` or
/// `>` before `end`.
fn tag_name_is(b: &[u8], at: usize, end: usize, name: &[u8]) -> bool {
    let after = at + name.len();
    b.get(at..after)
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && after < end
        && (is_html_space(b[after]) || matches!(b[after], b'/' | b'>'))
}

/// Where RCDATA or RAWTEXT text starting at `from` ends: the `<` of its element's end tag.
fn raw_text_end(b: &[u8], from: usize, end: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = b.get(i..end).and_then(|g| memchr::memchr(b'<', g)) {
        if end_tag_for(b, i + p, end, name) {
            return i + p;
        }
        i += p + 1;
    }
    end
}

/// Where script data starting at `from` ends: the `<` of its `</script>`, following the
/// standard's script data states: `<!--` escapes until a `-->`, and a `<script>` inside an
/// escape hides the next `</script>` (old pages write scripts with `document.write` that way).
fn script_data_end(b: &[u8], from: usize, end: usize) -> usize {
    const NAME: &[u8] = b"script";
    let script_at = |k: usize| tag_name_is(b, k, end, NAME);
    let (mut escaped, mut double) = (false, false);
    let mut i = from;
    while i < end {
        if !escaped {
            let Some(p) = memchr::memchr(b'<', &b[i..end]) else {
                return end;
            };
            i += p;
            if end_tag_for(b, i, end, NAME) {
                return i;
            }
            if b[i..end].starts_with(b"<!--") {
                // The escape starts on the two dashes, read below as a run of dashes.
                escaped = true;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        let Some(p) = memchr::memchr2(b'-', b'<', &b[i..end]) else {
            return end;
        };
        i += p;
        if b[i] == b'-' {
            let run = b[i..end].iter().take_while(|&&c| c == b'-').count();
            i += run;
            // `-->` (two dashes or more) ends the escape, double or not.
            if run >= 2 && b.get(i) == Some(&b'>') && i < end {
                (escaped, double) = (false, false);
                i += 1;
            }
            continue;
        }
        if !double {
            if end_tag_for(b, i, end, NAME) {
                return i;
            }
            if script_at(i + 1) {
                double = true;
                i += 1 + NAME.len() + 1;
                continue;
            }
        } else if b.get(i + 1) == Some(&b'/') && script_at(i + 2) {
            double = false;
            i += 2 + NAME.len() + 1;
            continue;
        }
        i += 1;
    }
    end
}

/// The tag name starting at byte `at` (it ends where the tokenizer ends it).
fn tag_name_at(src: &str, at: usize) -> &str {
    let rest = src.get(at..).unwrap_or("");
    let len = rest
        .bytes()
        .position(|b| is_html_space(b) || b == b'/' || b == b'>')
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Where a tag whose name ends at `from` ends (just after its `>`), reading its attributes
/// as the tokenizer does (a quoted value may hold a `>`); `None` if it does not end before.
fn tag_close(b: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        match b[i] {
            b'>' => return Some(i + 1),
            c if is_html_space(c) || c == b'/' => i += 1,
            _ => {
                // A name (a leading `=` belongs to it), then perhaps a value.
                i += 1;
                while i < end && !(is_html_space(b[i]) || matches!(b[i], b'/' | b'>' | b'=')) {
                    i += 1;
                }
                while i < end && is_html_space(b[i]) {
                    i += 1;
                }
                if i < end && b[i] == b'=' {
                    i += 1;
                    while i < end && is_html_space(b[i]) {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(&q @ (b'"' | b'\'')) if i < end => {
                            i = b[i + 1..end]
                                .iter()
                                .position(|&c| c == q)
                                .map_or(end, |p| i + 1 + p + 1);
                        }
                        _ => {
                            while i < end && !is_html_space(b[i]) && b[i] != b'>' {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

/// Where a comment whose text starts at `from` ends: `-->` or `--!>`, or at once for
/// `<!-->` and `<!--->`.
fn comment_close(b: &[u8], from: usize, end: usize) -> usize {
    let gap = &b[from.min(end)..end];
    if gap.first() == Some(&b'>') {
        return from + 1;
    }
    if gap.starts_with(b"->") {
        return from + 2;
    }
    let mut k = 0;
    while let Some(p) = gap.get(k..).and_then(|g| g.iter().position(|&c| c == b'>')) {
        let gt = k + p;
        if gap[..gt].ends_with(b"--") || gap[..gt].ends_with(b"--!") {
            return from + gt + 1;
        }
        k = gt + 1;
    }
    end
}

/// Where the text of a CDATA section starting at `from` ends: at its `]]>`, or at `end`.
fn cdata_end(b: &[u8], from: usize, end: usize) -> usize {
    let mut k = from;
    while let Some(p) = b.get(k..end).and_then(|g| memchr::memchr(b'>', g)) {
        let gt = k + p;
        if gt >= from + 2 && &b[gt - 2..gt] == b"]]" {
            return gt - 2;
        }
        k = gt + 1;
    }
    end
}

/// Where a bogus comment (or doctype) ends: its first `>`.
fn bogus_close(b: &[u8], from: usize, end: usize) -> usize {
    b.get(from..end)
        .and_then(|gap| gap.iter().position(|&c| c == b'>'))
        .map_or(end, |p| from + p + 1)
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
        match tag_name_at(self.0, el.source_location().bytes().start + 1) {
            "" => Cow::Owned(el.tag_name()),
            name => lowercase(name),
        }
    }

    /// Whether the start tag is written without attributes (`<p>`): then lol_html need not
    /// be asked for them (it builds their list for every element it is asked about). False when
    /// unsure.
    pub fn without_attributes(self, el: &Element) -> bool {
        let start = el.source_location().bytes().start + 1;
        let name = tag_name_at(self.0, start);
        self.0.as_bytes().get(start + name.len()) == Some(&b'>')
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

/// White space as HTML defines it (not Unicode's: a no-break space is content): space, tab,
/// line feed, form feed, carriage return, not the vertical tab.
pub fn is_html_space_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// `is_html_space_char` of a byte of UTF-8 (no byte of a multi-byte character is one).
pub fn is_html_space(b: u8) -> bool {
    is_html_space_char(char::from(b))
}

/// A comment handler that does nothing, for speed. Without it lol_html leaves its lexer for its
/// tag scanner after each tag, and for every start tag the element handler matches it goes back
/// (a boxed error each way) and lexes the tag again from a bookmark. With it, both passes
/// execute 4.3% fewer instructions on `l3s-gn1` and 3.1% fewer on `readability` (callgrind).
pub fn keep_lexing<'h>() -> DocumentContentHandlers<'h> {
    doc_comments!(|_| Ok(()))
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

    /// Markup where reading end tags and attributes from the bytes could go wrong.
    const TRICKY: &[&str] = &[
        "<div><p>a<p>b</div><ul><li>x<li>y</ul>",
        "<div><!-- </div> --><span>t</span></div>",
        "<div><!--></div><!---></div>x<!-- a --!></div></div>",
        "<!DOCTYPE html PUBLIC \"a>b\"><html><body><p>x</p></body></html>",
        "<div><script>var s = '</div>'; if (a<b) {}</script></div><p>after</p>",
        "<div><style>p > a { }</style><textarea></div></textarea><title></span></title></div>",
        "<div></div a=\">\" b='>' c=>after<span>s</span>",
        "<div></><p>a</ x>b</1>c<?php echo 1 ?>d</p></div>",
        "<DIV><Span>x</SPAN></div><P>y</p>",
        "<my-el><x-y>a</X-Y><x-y>b</my-el>c</x-y>",
        "<svg><![CDATA[</svg>]]><path d='M0'/><g></g></svg><p>p</p>",
        "<svg><![CDATA[]]></svg><math><mi>x</mi></math>",
        "<div><div><div></span></b></em>x</div></div></div>",
        "<p><br></br><img src=a></img>x</p><table><tr><td>1<td>2</table>",
        "<div><noscript><img src=x></noscript><iframe><p>no</p></iframe></div>",
        "<template><p>a</template></p>",
        "a < b <3 c</ y> d &lt; <div>e</div>",
        "<div a=b c d='e' f=\"g\" =h/i j = k></div>",
        "<div/class=x><img/src='y'/></div>",
        "<div id=\"a'b\" class='c\"d' title=e\"f>x</div>",
        "<div><!-- unterminated </div>",
        "<div><span>unclosed",
        "<div></div",
        "<plaintext></div><p>",
        "<xmp></div></xmp><noembed></p></noembed><noframes></i></noframes>",
        "<p>a << b < c</>d <3 e</p><p>x&amp;y &lt;z</p>",
        "<script><!-- document.write('<script src=a></script>'); --></script><p>after</p>",
        "<script><!--<script></script>--></script>x</script><p>y</p>",
        "<script>a<!--b--></script><script><!-- <SCRIPT> </script> --> </SCRIPT>z</script>",
        "<script>if (a<!--b) {}</scriptx></script ><b>b</b>",
        "<script><!-- x -- > </script>y<!--->z<script>-->",
        "<script><!--a--><script>x</script>y</script><script><!--><script>1</script>2</script>",
        "<script><!--a-><script>x</script>y</script>z</script><p>",
        "<title>a <b> &amp; </title x></titlex></title><textarea>1</textarea>2",
        "<svg><title>t</title><desc><style>s</style></desc><style>p</style></svg>",
        "<svg><foreignObject><style>a</style><p>b</p></foreignObject><script>c</script></svg>",
        "<svg><![CDATA[ a > b ]]><g><![CDATA[</g>]]></g></svg><![CDATA[ not cdata ]]>text",
        "<math><mi><script>1<2</script></mi><mo>+</mo><ms><style>x</style></ms></math>",
        "<svg><p>exits<style>s</style></svg>",
        "<noscript><p>no</p></noscript><iframe></iframe><style></style>end",
        "<title>unterminated</title",
        "<script>never ends",
        "<plaintext><p>all </plaintext> text",
    ];

    /// What lol_html reports and what `GapScan` reads, for comparison: end tags as (element
    /// id, end offset), sorted; text as (range, type) with neighbouring ranges of one type
    /// merged (lol_html cuts text into chunks where it likes).
    #[derive(Debug, Default, PartialEq)]
    struct Seen {
        ends: Vec<(u32, usize)>,
        text: Vec<(usize, usize, String)>,
    }

    impl Seen {
        fn text(&mut self, at: Range<usize>, kind: TextType) {
            let kind = format!("{kind:?}");
            if at.is_empty() {
                return;
            }
            match self.text.last_mut() {
                Some(last) if last.1 == at.start && last.2 == kind => last.1 = at.end,
                _ => self.text.push((at.start, at.end, kind)),
            }
        }
    }

    /// Runs one lol_html pass with real end-tag handlers and a text handler beside a
    /// `GapScan`, which gets only the start tags, as the passes do. Returns what lol_html
    /// reported and what the scan read.
    fn both_ways(html: &str) -> [Seen; 2] {
        use lol_html::html_content::EndTag;
        use lol_html::{doc_text, element, HtmlRewriter, Settings};
        use std::cell::RefCell;
        use std::rc::Rc;
        let theirs: Rc<RefCell<Seen>> = Rc::default();
        let ours: Rc<RefCell<Seen>> = Rc::default();
        let scan = Rc::new(RefCell::new(GapScan::new()));
        let next_id = Rc::new(RefCell::new(0u32));
        let src = Source(html);
        let record = |ours: &Rc<RefCell<Seen>>| {
            let ours = Rc::clone(ours);
            move |gap: Gap| match gap {
                Gap::End(id, end) => ours.borrow_mut().ends.push((id, end)),
                Gap::Text(at, kind) => ours.borrow_mut().text(at, kind),
            }
        };
        let on_el = record(&ours);
        let (th, th2, s1, ids) = (
            Rc::clone(&theirs),
            Rc::clone(&theirs),
            Rc::clone(&scan),
            Rc::clone(&next_id),
        );
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let at = el.source_location().bytes();
                s1.borrow_mut().take(html, at.start, &mut &on_el);
                let id = *ids.borrow();
                *ids.borrow_mut() += 1;
                let tag = Tag::from_name(&src.tag_name(el));
                let has_content = el.can_have_content();
                s1.borrow_mut()
                    .start_tag((id, tag), at, has_content, is_foreign(el));
                if let Some(list) = el.end_tag_handlers() {
                    let th = Rc::clone(&th);
                    list.push(Box::new(move |end: &mut EndTag<'_>| {
                        let end = end.source_location().bytes().end;
                        th.borrow_mut().ends.push((id, end));
                        Ok(())
                    }));
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |chunk| {
                let at = chunk.source_location().bytes();
                th2.borrow_mut().text(at, chunk.text_type());
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        rewriter.write(html.as_bytes()).expect("write");
        rewriter.end().expect("end");
        scan.borrow_mut().take(html, html.len(), &mut record(&ours));
        let mut theirs = theirs.take();
        let mut ours = ours.take();
        theirs.ends.sort_unstable();
        ours.ends.sort_unstable();
        [theirs, ours]
    }

    #[test]
    fn gaps_read_from_the_bytes_match_lol_html() {
        for html in TRICKY {
            let [theirs, ours] = both_ways(html);
            assert_eq!(theirs, ours, "{html:?}");
        }
    }

    /// Every page of a folder, both ways; returns how many were compared.
    fn compare_folder(dir: &std::path::Path) -> usize {
        let mut n = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten() {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).expect("page");
                let Ok((html, _)) = crate::charset::decode(&bytes, None) else {
                    continue;
                };
                let [theirs, ours] = both_ways(&html);
                assert_eq!(theirs, ours, "{path:?}");
                n += 1;
            }
        }
        n
    }

    #[test]
    fn gaps_match_lol_html_on_our_fixtures() {
        let n = compare_folder(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures").as_ref());
        assert!(n >= 50, "only {n} fixtures");
    }

    /// The shared corpora too, when they are there (`$KLARTEXT_CORPUS`, default
    /// `../shared/corpus`): some 750 real pages of all ages.
    #[test]
    fn gaps_match_lol_html_on_the_corpus() {
        let root = std::env::var("KLARTEXT_CORPUS").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").to_string()
        });
        let mut n = 0;
        for corpus in ["seed", "readability", "l3s-gn1"] {
            n += compare_folder(&std::path::Path::new(&root).join(corpus).join("html"));
        }
        if n == 0 {
            eprintln!("SKIPPED: no corpus at {root} (set KLARTEXT_CORPUS)");
        }
    }
}
