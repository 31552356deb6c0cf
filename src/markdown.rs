//! Markdown export of an article. It reads the article's own sanitised HTML (which this crate
//! wrote, so it is well-formed and uses only allowlisted elements) with lol_html once more and
//! writes CommonMark with GitHub tables.

use crate::article::Article;
use crate::entities::decode;
use crate::sanitize::{self, AttrKind};
use crate::url;
use lol_html::html_content::{Element, TextType};
use lol_html::{doc_text, element, HtmlRewriter, Settings};
use std::cell::RefCell;
use std::rc::Rc;

/// The article as Markdown: the title as a heading, the byline, then the body.
pub fn article_to_markdown(article: &Article) -> String {
    let mut out = String::new();
    if let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
        out.push_str("# ");
        out.push_str(&escape(title.trim()));
        out.push_str("\n\n");
    }
    if let Some(byline) = article.byline.as_deref().filter(|b| !b.trim().is_empty()) {
        out.push('_');
        out.push_str(&escape(byline.trim()));
        out.push_str("_\n\n");
    }
    out.push_str(&html_to_markdown(&article.content));
    out
}

/// Converts sanitised article HTML to Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let state = Rc::new(RefCell::new(Writer::default()));
    let ends: Rc<RefCell<Vec<String>>> = Rc::default();
    {
        let on_el = Rc::clone(&state);
        let on_text = Rc::clone(&state);
        let ends_el = Rc::clone(&ends);
        let ends_text = Rc::clone(&ends);
        // Not strict: ambiguous markup (a `<style>` inside `<svg>` in a table …) is parsed as
        // browsers do instead of stopping the rewriter with an error.
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                let mut w = on_el.borrow_mut();
                w.drain(&ends_el);
                let name = el.tag_name();
                w.start(&name, el);
                if let Some(handlers) = el.end_tag_handlers() {
                    let queue = Rc::clone(&ends_el);
                    handlers.push(Box::new(move |_| {
                        queue.borrow_mut().push(name);
                        Ok(())
                    }));
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |t| {
                let mut w = on_text.borrow_mut();
                w.drain(&ends_text);
                if t.text_type() == TextType::Data {
                    w.text(&decode(t.as_str()));
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // The input is our own output: a parse error cannot happen, and would only cut the
        // export short, never fail it.
        if rewriter.write(html.as_bytes()).is_ok() {
            let _ = rewriter.end();
        }
    }
    state.borrow_mut().drain(&ends);
    let mut w = state.take();
    w.flush();
    w.out.trim_end().to_string() + "\n"
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The paragraph being collected.
    line: String,
    /// Line prefixes of enclosing blockquotes and list items.
    prefixes: Vec<String>,
    /// Enclosing lists: `Some(next number)` for ordered ones.
    lists: Vec<Option<u32>>,
    /// The marker of a list item whose first line is not written yet.
    marker: Option<String>,
    /// Open `<pre>` elements: inside one, markup is no Markdown and text is taken as it is.
    pre: usize,
    /// Open `<s>` / `<del>` elements: only the outermost writes `~~`.
    strike: usize,
    /// The open code span: where its text starts in `line` (the delimiters are written when it
    /// ends, longer than any run of backticks in it) and how many `<code>` elements are open.
    code: Option<(usize, usize)>,
    links: Vec<String>,
    table: Option<Table>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header_rows: usize,
    cell: Option<String>,
}

impl Writer {
    fn drain(&mut self, ends: &RefCell<Vec<String>>) {
        let names = std::mem::take(&mut *ends.borrow_mut());
        for name in names {
            self.end(&name);
        }
    }

    fn start(&mut self, name: &str, el: &Element) {
        // Inside a code block only line breaks count: no element may end the block early
        // (`flush`) or put Markdown into it.
        if self.pre > 0 {
            match name {
                "pre" => self.pre += 1,
                "br" => self.line.push('\n'),
                _ => {}
            }
            return;
        }
        // Only text goes into a code span: inline markup inside it is left out, a line break
        // is a space, and a block ends the span (`flush`).
        if let Some((at, open)) = self.code {
            match name {
                "code" => self.code = Some((at, open + 1)),
                "br" => self.line.push(' '),
                _ if writes_inline_markup(name) => {}
                // A block ends the span (`flush`); other elements write nothing.
                _ => self.block(name, el),
            }
            return;
        }
        self.block(name, el);
    }

    /// An element outside code blocks and code spans.
    fn block(&mut self, name: &str, el: &Element) {
        match name {
            "p" | "div" | "section" | "figure" | "figcaption" | "dl" | "dt" | "dd" | "details"
            | "summary" | "address" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<usize>().unwrap_or(2);
                self.line.push_str(&"#".repeat(level));
                self.line.push(' ');
            }
            "blockquote" => {
                self.flush();
                self.prefixes.push("> ".into());
            }
            "ul" | "ol" => {
                self.flush();
                let start = el
                    .get_attribute("start")
                    .and_then(|s| s.trim().parse().ok());
                self.lists.push((name == "ol").then(|| start.unwrap_or(1)));
            }
            "li" => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.prefixes.push(" ".repeat(marker.len()));
                self.marker = Some(marker);
            }
            "pre" => {
                self.flush();
                self.pre += 1;
                // The fence is set when the block ends (see `end`).
                self.line.push_str("```\n");
            }
            // Table cells are plain text.
            "code" if self.table.is_none() => {
                // Right after another span the two runs of backticks would make one.
                if self.line.ends_with('`') {
                    self.line.push(' ');
                }
                self.code = Some((self.line.len(), 1));
            }
            "strong" | "b" => self.line.push_str("**"),
            "em" | "i" | "cite" => self.line.push('_'),
            "s" | "del" => {
                // Nested, `~~~~` at the start of a line would open a fenced code block.
                if self.strike == 0 {
                    self.line.push_str("~~");
                }
                self.strike += 1;
            }
            "br" => self.line.push_str("  \n"),
            "hr" => {
                self.flush();
                self.line.push_str("---");
                self.flush();
            }
            "a" => {
                let href = safe(el, "href", AttrKind::Href);
                if !href.is_empty() {
                    self.line.push('[');
                }
                self.links.push(href);
            }
            "img" => {
                let alt = el
                    .get_attribute("alt")
                    .map(|a| decode(&a).into_owned())
                    .unwrap_or_default();
                let src = safe(el, "src", AttrKind::ImageSrc);
                if !src.is_empty() {
                    self.line
                        .push_str(&format!("![{}]({})", escape(&alt), url_part(&src)));
                }
            }
            "table" => {
                self.flush();
                self.table = Some(Table::default());
            }
            "tr" => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            "td" | "th" => {
                if let Some(t) = &mut self.table {
                    if name == "th" && t.rows.len() == 1 {
                        t.header_rows = 1;
                    }
                    t.cell = Some(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.pre > 0 && name != "pre" {
            return;
        }
        if let Some((at, open)) = self.code {
            match name {
                "code" if open > 1 => self.code = Some((at, open - 1)),
                "code" => self.end_code(),
                _ if writes_inline_markup(name) => {}
                // A block ends the span (`flush`); other elements write nothing.
                _ => self.block_end(name),
            }
            return;
        }
        self.block_end(name);
    }

    /// The end of an element outside code blocks and code spans.
    fn block_end(&mut self, name: &str) {
        match name {
            "p" | "div" | "section" | "figure" | "figcaption" | "dl" | "dt" | "dd" | "details"
            | "summary" | "address" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.flush(),
            "blockquote" => {
                self.flush();
                self.prefixes.pop();
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                self.prefixes.pop();
                self.marker = None;
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                if self.pre > 0 {
                    return;
                }
                if !self.line.ends_with('\n') {
                    self.line.push('\n');
                }
                // A run of backticks in the code as long as the fence would close the block
                // there, and what follows would be Markdown again: the fences are longer than
                // the longest run.
                let longest = longest_backtick_run(self.line.get(3..).unwrap_or(""));
                let fence = "`".repeat(longest.max(2) + 1);
                self.line.insert_str(0, &fence[3..]);
                self.line.push_str(&fence);
                self.flush();
            }
            "strong" | "b" => self.line.push_str("**"),
            "em" | "i" | "cite" => self.line.push('_'),
            "s" | "del" => {
                self.strike = self.strike.saturating_sub(1);
                if self.strike == 0 {
                    self.line.push_str("~~");
                }
            }
            "a" => {
                let href = self.links.pop().unwrap_or_default();
                if !href.is_empty() {
                    self.line.push_str(&format!("]({})", url_part(&href)));
                }
            }
            "td" | "th" => {
                if let Some(t) = &mut self.table {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.rows.last_mut()) {
                        // (`escape` has escaped `|`, which would end the cell.)
                        row.push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
            }
            "table" => {
                if let Some(t) = self.table.take() {
                    self.write_table(t);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            // Escaped as any text: `<javascript:x>` in a cell would be an autolink.
            cell.push_str(&escape(s));
            return;
        }
        if self.pre > 0 {
            self.line.push_str(s);
        } else if self.code.is_some() {
            // A line break inside a span would let the next line start a block.
            self.line.push_str(&s.replace(['\n', '\r'], " "));
        } else {
            self.line.push_str(&escape(s));
        }
    }

    /// Ends the open code span: its text as it is, between runs of backticks one longer than
    /// the longest inside it. A space pads the text when it starts or ends with a backtick
    /// (which would join the delimiter) or starts and ends with a space (which CommonMark
    /// strips).
    fn end_code(&mut self) {
        let Some((at, _)) = self.code.take() else {
            return;
        };
        // False past the end too: then the line was replaced since the span opened.
        if !self.line.is_char_boundary(at) {
            return;
        }
        let text = self.line.split_off(at);
        if text.trim().is_empty() {
            self.line.push_str(&text);
            return;
        }
        let ticks = "`".repeat(longest_backtick_run(&text) + 1);
        let pad = if text.starts_with('`')
            || text.ends_with('`')
            || (text.starts_with(' ') && text.ends_with(' '))
        {
            " "
        } else {
            ""
        };
        for part in [&ticks, pad, &text, pad, &ticks] {
            self.line.push_str(part);
        }
    }

    /// Ends the current block: writes it with the prefixes of its enclosing blocks.
    fn flush(&mut self) {
        self.end_code();
        let text = std::mem::take(&mut self.line);
        let text = if self.pre > 0 || text.starts_with("```") {
            text
        } else {
            text.trim().to_string()
        };
        if text.is_empty() {
            return;
        }
        let in_list = !self.lists.is_empty();
        let depth = self.prefixes.len();
        for (i, line) in text.split('\n').enumerate() {
            for (level, prefix) in self.prefixes.iter().enumerate() {
                // The innermost list item's first line carries its marker instead.
                if level + 1 == depth && i == 0 {
                    if let Some(marker) = self.marker.take() {
                        self.out.push_str(&marker);
                        continue;
                    }
                }
                self.out.push_str(prefix);
            }
            self.out.push_str(line);
            self.out.push('\n');
        }
        if !in_list {
            let quote: String = self.prefixes.iter().map(|p| p.trim_end()).collect();
            self.out.push_str(&quote);
            self.out.push('\n');
        }
    }

    fn write_table(&mut self, t: Table) {
        let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut rows = t.rows.into_iter().filter(|r| !r.is_empty());
        let header = if t.header_rows > 0 {
            rows.next().unwrap_or_default()
        } else {
            vec![String::new(); columns]
        };
        let line = |cells: &[String]| {
            let mut s = String::from("|");
            for i in 0..columns {
                s.push(' ');
                s.push_str(cells.get(i).map_or("", String::as_str));
                s.push_str(" |");
            }
            s
        };
        self.line = line(&header);
        self.line.push('\n');
        self.line
            .push_str(&format!("|{}", " --- |".repeat(columns)));
        for row in rows {
            self.line.push('\n');
            self.line.push_str(&line(&row));
        }
        self.flush();
    }
}

/// An attribute holding a URL, decoded and cleaned, or "" when its scheme is not allowed for
/// that use: the input may be any HTML (the wasm API takes a string), not only our own.
fn safe(el: &Element, attr: &str, kind: AttrKind) -> String {
    el.get_attribute(attr)
        .map(|v| url::clean(&decode(&v)))
        .and_then(|v| sanitize::safe_url(kind, &v))
        .unwrap_or_default()
}

/// The elements `block` and `block_end` write inline Markdown for (left out inside a code
/// span, which takes only text).
fn writes_inline_markup(name: &str) -> bool {
    matches!(
        name,
        "a" | "img" | "strong" | "b" | "em" | "i" | "cite" | "s" | "del"
    )
}

/// The length of the longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for b in s.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Escapes the characters that would start Markdown syntax inside running text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL inside `(...)`: spaces and parentheses would end it early, and a `<` would start a
/// `<...>` destination (`(<javascript:x>)` is a link to `javascript:x`) or, left unclosed, an
/// autolink; all are percent-encoded (found by the fuzzer).
fn url_part(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_inline_and_links() {
        let md = html_to_markdown(
            "<h2>Head</h2><p>One <strong>two</strong> <a href=\"https://x.org/a\">three</a>.</p>\
             <blockquote><p>Quoted</p></blockquote><ul><li>a</li><li>b</li></ul><ol><li>x</li></ol>\
             <pre>fn main() {\n    1\n}</pre><p><img src=\"https://x.org/i.png\" alt=\"pic\"></p>",
        );
        assert!(md.contains("## Head\n"), "{md}");
        assert!(md.contains("One **two** [three](https://x.org/a)."), "{md}");
        assert!(md.contains("> Quoted"), "{md}");
        assert!(md.contains("- a\n- b\n"), "{md}");
        assert!(md.contains("1. x"), "{md}");
        assert!(md.contains("```\nfn main() {\n    1\n}\n```"), "{md}");
        assert!(md.contains("![pic](https://x.org/i.png)"), "{md}");
    }

    /// Nothing in a code block or in text may open or close a fenced code block: what follows
    /// would be read as Markdown (`<javascript:x>` an autolink) or the rest of the export as code.
    #[test]
    fn code_blocks_cannot_be_left_early() {
        // A run of backticks in the code: the fences are longer.
        assert_eq!(
            html_to_markdown("<pre>```\n&lt;javascript:x&gt;\n`````</pre><p>after</p>"),
            "``````\n```\n<javascript:x>\n`````\n``````\n\nafter\n"
        );
        // Markup inside a code block is no Markdown and does not end the block.
        assert_eq!(
            html_to_markdown("<pre>a<p>b</p><b>c</b><br><a href=\"https://x.org/\">d</a></pre>"),
            "```\nabc\nd\n```\n"
        );
        // Tildes in text are escaped, and nested strikethrough writes one `~~`: neither can
        // start a line with `~~~`.
        assert_eq!(html_to_markdown("<p>~~~</p>"), "\\~\\~\\~\n");
        assert_eq!(
            html_to_markdown("<p><del><s>x</s></del> y</p>"),
            "~~x~~ y\n"
        );
    }

    /// Inline code is written as it is, between backticks that nothing inside can close.
    #[test]
    fn inline_code_is_written_as_it_is() {
        assert_eq!(
            html_to_markdown("<p>Use <code>a_b</code> and <code>Vec&lt;T&gt;</code>.</p>"),
            "Use `a_b` and `Vec<T>`.\n"
        );
        // Backticks inside: longer delimiters, padded when the code starts or ends with one;
        // padded too when it starts and ends with a space; two spans apart.
        assert_eq!(
            html_to_markdown(
                "<p><code>a`b</code> <code>`x`</code> <code> y </code> <code>a</code><code>b</code></p>"
            ),
            "``a`b`` `` `x` `` `  y  ` `a` `b`\n"
        );
        // Markup inside is left out, a line break is a space, a block ends the span.
        assert_eq!(
            html_to_markdown("<p><code>foo<span>bar</span><b>baz</b>\nqux</code> after_</p>"),
            "`foobarbaz qux` after\\_\n"
        );
        assert_eq!(
            html_to_markdown("<ul><li><code>x</li><li>y</code></li></ul>"),
            "- `x`\n- y\n"
        );
        // Table cells stay plain text.
        assert!(
            html_to_markdown("<table><tr><td><code>a_b</code></td></tr></table>")
                .contains("| a\\_b |")
        );
    }

    #[test]
    fn tables_and_escaping() {
        let md = html_to_markdown(
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1|2</td><td>*3*</td></tr></table>",
        );
        assert!(
            md.contains("| A | B |\n| --- | --- |\n| 1\\|2 | \\*3\\* |"),
            "{md}"
        );
        // Text in a cell is escaped like any text: no autolink, link or emphasis from it.
        let md = html_to_markdown(
            "<table><tr><td>&lt;javascript:alert(1)&gt; [x](javascript:y) _z_</td></tr></table>",
        );
        assert!(
            md.contains("| \\<javascript:alert(1)\\> \\[x\\](javascript:y) \\_z\\_ |"),
            "{md}"
        );
        assert_eq!(html_to_markdown("<p>a_b *c*</p>"), "a\\_b \\*c\\*\n");
        assert_eq!(
            html_to_markdown("<a href=\" java&#9;script:x()\">t</a>"),
            "t\n"
        );
    }
}
