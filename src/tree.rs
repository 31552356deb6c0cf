//! The open-element stack both passes keep while lol_html streams the page.
//!
//! lol_html reports start tags in document order and, through end-tag handlers, the end tags
//! it matched; it does not apply the HTML standard's implied end tags (`<p>a<p>b` nests, a
//! `<div>` inside a `<p>` stays inside). Browsers do, and article statistics must follow the
//! browser's tree, so this walker closes `p`, `li`, `dt`/`dd`, table parts and `option` the way
//! tree construction does. Both passes run the same walker over the same bytes, so the n-th
//! start tag gets id n in both: that is how decisions made on the table reach the output.

use crate::tags::Tag;

/// "No element": the parent of the root, the current element before `<html>`.
pub const NONE: u32 = u32::MAX;

/// How far down the stack an implied-end-tag search looks. Real pages need a few levels; the
/// bound keeps pathological nesting (a million open `<span>`s) linear.
const SCOPE_SEARCH_LIMIT: usize = 64;

#[derive(Debug, Default)]
pub struct Walker {
    stack: Vec<(u32, Tag)>,
    open: Vec<bool>,
}

impl Walker {
    pub fn new() -> Self {
        Self::default()
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
        while let Some((id, _)) = self.stack.pop() {
            self.open[id as usize] = false;
            closed.push(id);
        }
    }

    fn pop_through(&mut self, target: u32, closed: &mut Vec<u32>) {
        while let Some((id, _)) = self.stack.pop() {
            self.open[id as usize] = false;
            closed.push(id);
            if id == target {
                break;
            }
        }
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
        if !matches!(
            tag,
            Title | Meta | Link | Base | Script | Style | Noscript | Template | Head
        ) {
            if let Some(id) = self.find_in_scope(|t| t == Head, |t| t == Html) {
                self.pop_through(id, closed);
            }
        }
        let target = match tag {
            Li => self.find_in_scope(|t| t == Li, list_scope_boundary),
            Dt | Dd => self.find_in_scope(|t| matches!(t, Dt | Dd), list_scope_boundary),
            Tr => self.find_in_scope(|t| t == Tr, |t| matches!(t, Table | Thead | Tbody | Tfoot)),
            Td | Th => self.find_in_scope(|t| matches!(t, Td | Th), |t| matches!(t, Tr | Table)),
            Thead | Tbody | Tfoot => {
                self.find_in_scope(|t| matches!(t, Thead | Tbody | Tfoot), |t| t == Table)
            }
            Option | Optgroup => self.find_in_scope(|t| t == Option, |t| t != Option),
            _ => None,
        };
        if let Some(id) = target {
            self.pop_through(id, closed);
        }
        if tag.closes_p() {
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
