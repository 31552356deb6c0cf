//! The safety check of extracted output, shared by `tests/xss.rs`, `tests/regressions.rs`
//! and the fuzz targets (`fuzz/`, which include this file by path).
//!
//! Independent of `src/sanitize.rs` on purpose: its own allowlist (what the reader view may
//! receive), its own tokenizer for the exact shape the render pass writes, a second look
//! through lol_html (a browser-grade tokenizer), and URL schemes read the way a browser
//! reads them (entities decoded, C0 controls and spaces trimmed, tabs and newlines dropped).
//! Every function returns the list of problems found, empty when the output is safe.

#![allow(dead_code)]

use lol_html::html_content::TextType;
use lol_html::{doc_comments, doc_text, element, HtmlRewriter, Settings};
use std::cell::RefCell;
use std::rc::Rc;

/// HTML elements the reader view may receive.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "math",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// MathML presentation elements (only inside `<math>`): no `annotation-xml`, no `maction`.
const MATHML_TAGS: &[&str] = &[
    "annotation",
    "menclose",
    "merror",
    "mfenced",
    "mfrac",
    "mi",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "ms",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "none",
    "semantics",
];

const MATHML_ATTRS: &[&str] = &[
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
    "rowspan",
    "linethickness",
    "notation",
    "width",
    "height",
    "depth",
    "encoding",
    "form",
    "largeop",
    "movablelimits",
    "symmetric",
];

/// How an attribute's value is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// A link target: http(s), mailto, tel, or relative.
    Link,
    /// An image: http(s), a raster `data:image/`, or relative.
    Image,
    /// A citation: http(s) or relative.
    Cite,
}

enum AttrRule {
    Text,
    Url(UrlUse),
    Srcset,
}

fn attr_rule(tag: &str, attr: &str, value: &str) -> Option<AttrRule> {
    use AttrRule::*;
    if matches!(attr, "title" | "lang" | "dir") {
        return Some(Text);
    }
    let in_math = MATHML_TAGS.contains(&tag);
    match (tag, attr) {
        ("a", "href") => Some(Url(UrlUse::Link)),
        ("img", "src") => Some(Url(UrlUse::Image)),
        ("img" | "source", "srcset") => Some(Srcset),
        ("img", "alt" | "width" | "height" | "sizes") => Some(Text),
        ("source", "type" | "media" | "sizes") => Some(Text),
        ("td" | "th", "colspan" | "rowspan" | "headers" | "scope" | "abbr") => Some(Text),
        ("col" | "colgroup", "span") => Some(Text),
        ("ol", "start" | "reversed" | "type") => Some(Text),
        ("li", "value") => Some(Text),
        ("time", "datetime") => Some(Text),
        ("blockquote" | "q" | "del" | "ins", "cite") => Some(Url(UrlUse::Cite)),
        ("details", "open") => Some(Text),
        ("math", "display") => Some(Text),
        // The render pass's own marker on a video link paragraph.
        ("p", "class") if value == "klartext-video" => Some(Text),
        (_, a) if in_math && MATHML_ATTRS.contains(&a) => Some(Text),
        _ => None,
    }
}

/// Decodes the character references a browser would decode in the render pass's output
/// (which only writes `&amp; &lt; &gt; &quot; &nbsp;`, but numeric ones are read too).
pub fn decode_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let named: &[(&str, char)] = &[
            ("amp;", '&'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("quot;", '"'),
            ("nbsp;", '\u{a0}'),
            ("apos;", '\''),
            ("Tab;", '\t'),
            ("NewLine;", '\n'),
            ("colon;", ':'),
        ];
        if let Some((n, c)) = named.iter().find(|(n, _)| after.starts_with(n)) {
            out.push(*c);
            rest = &after[n.len()..];
            continue;
        }
        if let Some(num) = after.strip_prefix('#') {
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            let len = digits
                .bytes()
                .take_while(|b| (*b as char).is_digit(radix))
                .count();
            if len > 0 {
                let code = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
                out.push(
                    char::from_u32(code)
                        .filter(|c| *c != '\0')
                        .unwrap_or('\u{FFFD}'),
                );
                let used = (after.len() - digits.len()) + len;
                rest = &after[used..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The scheme a browser reads from an attribute value (already entity-decoded), lowercased:
/// leading and trailing C0 controls and spaces trimmed, tabs and newlines removed anywhere.
pub fn browser_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        Some(scheme.to_ascii_lowercase())
    } else {
        None
    }
}

/// Raster image types allowed as `data:` URLs.
const DATA_IMAGES: &[&str] = &["png", "gif", "jpeg", "jpg", "webp", "avif"];

/// Checks one URL (entity-decoded) for its use; `Err` names the problem.
pub fn check_url(value: &str, use_: UrlUse) -> Result<(), String> {
    let scheme = browser_scheme(value);
    let ok = match (use_, scheme.as_deref()) {
        (_, None | Some("http" | "https")) => true,
        (UrlUse::Link, Some("mailto" | "tel")) => true,
        (UrlUse::Image, Some("data")) => {
            let cleaned: String = value
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            DATA_IMAGES.iter().any(|t| {
                cleaned
                    .strip_prefix("data:image/")
                    .and_then(|r| r.strip_prefix(t))
                    .is_some_and(|r| r.starts_with([';', ',']))
            })
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{use_:?} URL with scheme {:?}: {value:?}",
            scheme.unwrap_or_default()
        ))
    }
}

/// The URLs of a `srcset`, split the way the HTML standard's parser splits them (a comma
/// right after a URL or after a descriptor ends a candidate; parentheses group).
pub fn srcset_urls(value: &str) -> Vec<String> {
    let chars: Vec<char> = value.chars().collect();
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}');
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (is_space(chars[i]) || chars[i] == ',') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let start = i;
        while i < chars.len() && !is_space(chars[i]) {
            i += 1;
        }
        let mut url: String = chars[start..i].iter().collect();
        if url.ends_with(',') {
            while url.ends_with(',') {
                url.pop();
            }
            urls.push(url);
            continue;
        }
        urls.push(url);
        // Descriptors up to the comma that ends this candidate.
        let mut in_parens = false;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if in_parens {
                if c == ')' {
                    in_parens = false;
                }
            } else if c == '(' {
                in_parens = true;
            } else if c == ',' {
                break;
            }
        }
    }
    urls
}

fn check_attr(tag: &str, name: &str, raw_value: &str, problems: &mut Vec<String>) {
    let value = decode_refs(raw_value);
    match attr_rule(tag, name, &value) {
        None => problems.push(format!("attribute {name}=\"{raw_value}\" on <{tag}>")),
        Some(AttrRule::Text) => {}
        Some(AttrRule::Url(use_)) => {
            if let Err(e) = check_url(&value, use_) {
                problems.push(format!("<{tag} {name}>: {e}"));
            }
        }
        Some(AttrRule::Srcset) => {
            for url in srcset_urls(&value) {
                if let Err(e) = check_url(&url, UrlUse::Image) {
                    problems.push(format!("<{tag} srcset>: {e}"));
                }
            }
        }
    }
}

/// Reads the output as the strict shape the render pass writes: `<name attr="value">`,
/// `</name>`, and text with `& < >` escaped. Anything else is a problem.
fn strict_scan(html: &str, problems: &mut Vec<String>) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut math_depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let start = i;
                i += 1;
                let closing = b.get(i) == Some(&b'/');
                if closing {
                    i += 1;
                }
                let name_start = i;
                while i < b.len() && (b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) {
                    i += 1;
                }
                let name = &html[name_start..i];
                if name.is_empty() {
                    problems.push(format!("raw '<' at byte {start}: {}", snippet(html, start)));
                    i = start + 1;
                    continue;
                }
                let known = HTML_TAGS.contains(&name)
                    || (MATHML_TAGS.contains(&name) && (math_depth > 0 || closing));
                if !known {
                    problems.push(format!("element <{name}> not allowed"));
                }
                if name == "math" {
                    if closing {
                        math_depth = math_depth.saturating_sub(1);
                    } else {
                        math_depth += 1;
                    }
                }
                if closing {
                    if b.get(i) != Some(&b'>') {
                        problems.push(format!("malformed end tag: {}", snippet(html, start)));
                    }
                    i += 1;
                    continue;
                }
                loop {
                    match b.get(i) {
                        Some(b'>') => {
                            i += 1;
                            break;
                        }
                        Some(b' ') => {
                            i += 1;
                            let attr_start = i;
                            while i < b.len()
                                && (b[i].is_ascii_lowercase() || b[i] == b'-' || b[i] == b':')
                            {
                                i += 1;
                            }
                            let attr = &html[attr_start..i];
                            if attr.is_empty()
                                || b.get(i) != Some(&b'=')
                                || b.get(i + 1) != Some(&b'"')
                            {
                                problems
                                    .push(format!("malformed attribute: {}", snippet(html, start)));
                                break;
                            }
                            i += 2;
                            let value_start = i;
                            while i < b.len() && b[i] != b'"' {
                                if b[i] == b'<' || b[i] == b'>' {
                                    problems.push(format!(
                                        "unescaped '{}' in attribute: {}",
                                        b[i] as char,
                                        snippet(html, start)
                                    ));
                                }
                                i += 1;
                            }
                            check_attr(name, attr, &html[value_start..i.min(b.len())], problems);
                            i += 1;
                        }
                        _ => {
                            problems.push(format!("malformed start tag: {}", snippet(html, start)));
                            break;
                        }
                    }
                }
            }
            b'>' => {
                problems.push(format!("raw '>' in text at byte {i}: {}", snippet(html, i)));
                i += 1;
            }
            b'&' => {
                let rest = &html[i + 1..];
                let ok = ["amp;", "lt;", "gt;", "quot;", "nbsp;"]
                    .iter()
                    .any(|r| rest.starts_with(r));
                if !ok {
                    problems.push(format!("raw '&' in text: {}", snippet(html, i)));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

fn snippet(s: &str, at: usize) -> String {
    let mut end = (at + 80).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = at.min(end);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    format!("{:?}", &s[start..end])
}

/// A second reading of the output through lol_html: the elements and attributes a browser's
/// tokenizer sees, and no comments, doctypes or raw-text content.
fn tokenizer_scan(html: &str, problems: &mut Vec<String>) {
    let found: Rc<RefCell<Vec<String>>> = Rc::default();
    let on_el = Rc::clone(&found);
    let on_text = Rc::clone(&found);
    let on_comment = Rc::clone(&found);
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| {
            let name = el.tag_name();
            let mut p = on_el.borrow_mut();
            if !HTML_TAGS.contains(&name.as_str()) && !MATHML_TAGS.contains(&name.as_str()) {
                p.push(format!("lol_html sees element <{name}>"));
            }
            for attr in el.attributes() {
                let n = attr.name();
                let v = attr.value();
                let mut own = Vec::new();
                check_attr(&name, &n, &v, &mut own);
                p.extend(own.into_iter().map(|e| format!("lol_html: {e}")));
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |t| {
            if t.text_type() != TextType::Data && !t.as_str().is_empty() {
                on_text.borrow_mut().push(format!(
                    "lol_html sees {:?} text: {:?}",
                    t.text_type(),
                    t.as_str()
                ));
            }
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(move |c| {
            on_comment
                .borrow_mut()
                .push(format!("comment in output: {:?}", c.text()));
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let result = rewriter.write(html.as_bytes()).and_then(|_| rewriter.end());
    if let Err(e) = result {
        problems.push(format!("lol_html could not read the output: {e}"));
    }
    problems.extend(found.borrow_mut().drain(..));
}

/// Checks sanitised article HTML (the `content` of an Article or a removed block's `html`).
pub fn check_html(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<style",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<svg",
        "<base",
        "<meta",
        "<link",
        "<template",
        "<noscript",
        "<textarea",
        "<xmp",
        "<plaintext",
        "<!--",
    ] {
        if lower.contains(bad) {
            problems.push(format!("contains {bad}"));
        }
    }
    strict_scan(html, &mut problems);
    tokenizer_scan(html, &mut problems);
    problems.sort();
    problems.dedup();
    problems
}

/// Markdown link and image targets (`](target)` and `<scheme:...>` autolinks) must be safe.
/// Lines inside a fenced code block are code, never links, and are not checked. A fence is
/// recognised only as the export writes it: a line of three or more backticks and nothing
/// else after its blockquote markers, indentation and list marker, closed by a line of at
/// least as many. (The writer makes its fences longer than any run of backticks in the code
/// and escapes backticks in text, so no other line looks like one.) Other lines are read as
/// inline text, code spans included (`check_markdown_line`).
pub fn check_markdown(md: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fence: Option<usize> = None;
    for line in md.split('\n') {
        // Blockquote markers, indentation and a list item's marker (`- `, `12. `).
        let mut bare = line.trim_start_matches([' ', '>']);
        let digits = bare.len() - bare.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if let Some(item) = bare.strip_prefix("- ").or_else(|| {
            (digits > 0)
                .then(|| bare[digits..].strip_prefix(". "))
                .flatten()
        }) {
            bare = item.trim_start_matches(' ');
        }
        let ticks = bare.len() - bare.trim_start_matches('`').len();
        let fence_line = ticks >= 3 && bare[ticks..].trim().is_empty();
        match fence {
            Some(open) => {
                if fence_line && ticks >= open {
                    fence = None;
                }
                continue;
            }
            None if fence_line => {
                fence = Some(ticks);
                continue;
            }
            None => check_markdown_line(line, &mut problems),
        }
    }
    problems
}

/// The link, autolink and raw HTML checks of `check_markdown` on one line outside code
/// blocks, read left to right as CommonMark reads inline text:
/// - a backslash escapes the punctuation character after it;
/// - a run of backticks opens a code span that the next run of the same length closes;
///   what is inside is code, shown as it is, and not checked;
/// - `](` starts a link target and `<` an autolink or raw HTML: they are checked wherever
///   they stand outside a code span.
///
/// On the strict side of CommonMark: a span must close on the same line, and from a `<` or
/// `](` to the next `>` or `)` (what an autolink or a target could take in) a backtick opens
/// no span, so a span can never hide what CommonMark would read as a link.
fn check_markdown_line(md: &str, problems: &mut Vec<String>) {
    let b = md.as_bytes();
    let run_at = |at: usize| b[at..].iter().take_while(|&&c| c == b'`').count();
    // Backticks before this index open no code span.
    let mut spans_from = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
            b'`' => {
                let n = run_at(i);
                let open = i >= spans_from;
                i += n;
                if open {
                    // The closing run: the next run of exactly `n` backticks.
                    let mut j = i;
                    while j < b.len() {
                        let m = run_at(j);
                        if m == n {
                            i = j + n;
                            break;
                        }
                        j += m.max(1);
                    }
                }
            }
            b'<' => {
                let after = &md[i + 1..];
                let end = after.find(['>', ' ', '\n']).unwrap_or(after.len());
                if after[end..].starts_with('>') {
                    if let Err(e) = check_url(&after[..end], UrlUse::Link) {
                        problems.push(format!("markdown autolink: {e}"));
                    }
                }
                // The writer escapes `<` in text and writes no autolinks: one left outside code
                // is raw HTML (`<img onerror=…>`) or an autolink.
                if after.starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c)) {
                    problems.push(format!("markdown: `<` outside code: {}", snippet(md, i)));
                }
                spans_from = spans_from.max(after.find('>').map_or(b.len(), |e| i + 2 + e));
                i += 1;
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                // CommonMark allows spaces before the target.
                let rest = &md[i + 2..];
                let target_start = rest.trim_start_matches([' ', '\t']);
                let end = target_start
                    .find([')', ' ', '\n'])
                    .unwrap_or(target_start.len());
                let target = target_start[..end].trim_start_matches('<');
                // Link and image targets look the same here: either use's rules may pass.
                if check_url(target, UrlUse::Image).is_err() {
                    if let Err(e) = check_url(target, UrlUse::Link) {
                        problems.push(format!("markdown link: {e}"));
                    }
                }
                spans_from = spans_from.max(rest.find(')').map_or(b.len(), |e| i + 3 + e));
                i += 2;
            }
            _ => i += 1,
        }
    }
}

/// Checks everything of an Article that reaches a reader view as markup or URL: the content,
/// every removed block, the lead image, and the Markdown export.
pub fn check_article(article: &klartext::Article) -> Vec<String> {
    let mut problems = check_html(&article.content);
    for (i, block) in article.removed_blocks.iter().enumerate() {
        problems.extend(
            check_html(&block.html)
                .into_iter()
                .map(|p| format!("removed block {i}: {p}")),
        );
    }
    if let Some(lead) = &article.lead_image {
        if let Err(e) = check_url(lead, UrlUse::Image) {
            problems.push(format!("leadImage: {e}"));
        }
    }
    problems.extend(check_markdown(&klartext::article_to_markdown(article)));
    problems
}
