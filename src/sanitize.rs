//! The reader view's allowlist: which elements are written, which are only unwrapped (their
//! content kept), which attributes survive and which URL schemes a link or image may use.
//! Everything not listed here is not written; the render pass builds its output only from
//! what this module lets through, re-escaping every text and value.

use crate::url;

/// What the render pass does with an element of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Written, under this (normalised) name.
    Write(&'static str),
    /// Not written; its content is.
    Unwrap,
    /// Neither it nor its content is written.
    Remove,
}

/// The policy for an HTML element (lowercased name). `in_math` is true inside `<math>`.
pub fn element_policy(name: &str, in_math: bool) -> Policy {
    if in_math {
        return match MATHML.binary_search(&name) {
            Ok(i) => Policy::Write(MATHML[i]),
            Err(_) => Policy::Remove,
        };
    }
    use Policy::*;
    match name {
        "p" => Write("p"),
        "div" | "main" | "header" | "footer" | "center" | "hgroup" => Write("div"),
        "article" | "section" => Write("section"),
        "h1" => Write("h1"),
        "h2" => Write("h2"),
        "h3" => Write("h3"),
        "h4" => Write("h4"),
        "h5" => Write("h5"),
        "h6" => Write("h6"),
        "ul" | "menu" => Write("ul"),
        "ol" => Write("ol"),
        "li" => Write("li"),
        "dl" => Write("dl"),
        "dt" => Write("dt"),
        "dd" => Write("dd"),
        "blockquote" => Write("blockquote"),
        "pre" | "listing" => Write("pre"),
        "code" | "tt" => Write("code"),
        "kbd" => Write("kbd"),
        "samp" => Write("samp"),
        "var" => Write("var"),
        "figure" => Write("figure"),
        "figcaption" => Write("figcaption"),
        "table" => Write("table"),
        "caption" => Write("caption"),
        "colgroup" => Write("colgroup"),
        "col" => Write("col"),
        "thead" => Write("thead"),
        "tbody" => Write("tbody"),
        "tfoot" => Write("tfoot"),
        "tr" => Write("tr"),
        "td" => Write("td"),
        "th" => Write("th"),
        "em" => Write("em"),
        "strong" => Write("strong"),
        "b" => Write("b"),
        "i" => Write("i"),
        "u" => Write("u"),
        "s" | "strike" => Write("s"),
        "del" => Write("del"),
        "ins" => Write("ins"),
        "sub" => Write("sub"),
        "sup" => Write("sup"),
        "small" => Write("small"),
        "mark" => Write("mark"),
        "q" => Write("q"),
        "cite" => Write("cite"),
        "abbr" => Write("abbr"),
        "dfn" => Write("dfn"),
        "time" => Write("time"),
        "address" => Write("address"),
        "br" => Write("br"),
        "hr" => Write("hr"),
        "wbr" => Write("wbr"),
        "img" => Write("img"),
        "picture" => Write("picture"),
        "source" => Write("source"),
        "a" => Write("a"),
        "details" => Write("details"),
        "summary" => Write("summary"),
        "ruby" => Write("ruby"),
        "rt" => Write("rt"),
        "rp" => Write("rp"),
        "bdi" => Write("bdi"),
        "bdo" => Write("bdo"),
        "math" => Write("math"),
        // Inline wrappers whose only meaning was styling.
        "span" | "font" | "big" | "nobr" | "data" | "marquee" | "html" | "body" | "label"
        | "legend" | "fieldset" | "output" => Unwrap,
        // Never content, never safe: scripts, styles, plugins, frames, forms, foreign markup.
        "script" | "style" | "template" | "noscript" | "iframe" | "frame" | "frameset"
        | "object" | "embed" | "applet" | "canvas" | "svg" | "form" | "input" | "button"
        | "select" | "option" | "optgroup" | "textarea" | "datalist" | "meta" | "link" | "base"
        | "title" | "head" | "xmp" | "plaintext" | "noembed" | "noframes" | "audio" | "video"
        | "track" | "param" | "map" | "area" | "dialog" | "portal" | "slot" => Remove,
        // Custom elements and anything unknown: keep the text, not the element.
        _ => Unwrap,
    }
}

/// MathML presentation elements, sorted for binary search. No `annotation-xml` (it can carry
/// HTML), no `maction` (it can toggle hidden content in), no `href` attribute anywhere.
const MATHML: &[&str] = &[
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

/// How an allowed attribute's value is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    /// Plain text.
    Text,
    /// A link target: http(s), mailto, tel, resolved to absolute.
    Href,
    /// An image source: http(s) or a raster `data:image/`, resolved to absolute.
    ImageSrc,
    /// A `srcset` list of image sources.
    Srcset,
    /// A citation URL: http(s) only.
    Cite,
}

/// Whether `attr` is allowed on the written element `tag`, and as what.
pub fn attribute(tag: &str, attr: &str) -> Option<AttrKind> {
    use AttrKind::*;
    match (tag, attr) {
        (_, "title" | "lang") => Some(Text),
        (_, "dir") => Some(Text),
        ("a", "href") => Some(Href),
        ("img", "src") => Some(ImageSrc),
        ("img" | "source", "srcset") => Some(Srcset),
        ("img", "alt" | "width" | "height" | "sizes") => Some(Text),
        ("source", "type" | "media" | "sizes") => Some(Text),
        ("td" | "th", "colspan" | "rowspan" | "headers" | "scope" | "abbr") => Some(Text),
        ("col" | "colgroup", "span") => Some(Text),
        ("ol", "start" | "reversed" | "type") => Some(Text),
        ("li", "value") => Some(Text),
        ("time", "datetime") => Some(Text),
        ("blockquote" | "q" | "del" | "ins", "cite") => Some(Cite),
        ("details", "open") => Some(Text),
        ("math", "display") => Some(Text),
        (
            "mi" | "mo" | "mn" | "ms" | "mtext" | "mstyle" | "mfrac" | "mtable" | "mtd" | "mtr"
            | "mover" | "munder" | "munderover" | "menclose" | "mspace" | "mpadded" | "annotation",
            "mathvariant" | "displaystyle" | "scriptlevel" | "stretchy" | "fence" | "separator"
            | "lspace" | "rspace" | "accent" | "accentunder" | "columnalign" | "rowalign"
            | "columnspan" | "rowspan" | "linethickness" | "notation" | "width" | "height"
            | "depth" | "encoding" | "form" | "largeop" | "movablelimits" | "symmetric",
        ) => Some(Text),
        _ => None,
    }
}

/// Raster image types allowed as `data:` URLs (no SVG: it can carry script).
const DATA_IMAGE_TYPES: &[&str] = &[
    "data:image/png",
    "data:image/gif",
    "data:image/jpeg",
    "data:image/jpg",
    "data:image/webp",
    "data:image/avif",
];

/// Checks a URL that is already resolved (or relative without a base): the scheme must be
/// allowed for its use. Returns the URL to write.
pub fn safe_url(kind: AttrKind, resolved: &str) -> Option<String> {
    // Defence in depth: the same URL without invisible characters must pass too. Browsers
    // read `\u{FEFF}javascript:` as a relative URL, but a parser that drops a leading BOM or
    // zero-width character (lol_html's attribute values do) would read `javascript:`.
    // (They are all outside ASCII, where most URLs are.)
    let ok = scheme_allowed(kind, resolved)
        && (resolved.is_ascii() || {
            let visible: String = resolved.chars().filter(|c| !is_invisible(*c)).collect();
            visible.len() == resolved.len() || scheme_allowed(kind, &url::clean(&visible))
        });
    ok.then(|| resolved.to_string())
}

fn scheme_allowed(kind: AttrKind, url: &str) -> bool {
    match (kind, url::scheme_of(url).as_deref()) {
        (_, None) => true,
        (_, Some("http" | "https")) => true,
        (AttrKind::Href, Some("mailto" | "tel")) => true,
        (AttrKind::ImageSrc | AttrKind::Srcset, Some("data")) => {
            let lower = url.to_ascii_lowercase();
            DATA_IMAGE_TYPES
                .iter()
                .any(|t| lower.starts_with(t) && lower[t.len()..].starts_with([';', ',']))
        }
        _ => false,
    }
}

/// Format characters that show nothing: a BOM, zero-width spaces and joiners, direction marks
/// and embeddings, the word joiner and invisible operators, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Splits a `srcset` into (URL, descriptor) candidates the way the HTML standard's parser
/// does, so that what is checked here is what a browser would fetch: a comma right after a
/// URL, or after the descriptors, ends a candidate (`a.png 1x,b.png 2x` is two candidates),
/// while commas inside a URL (`/a,b.jpg`) or inside parentheses do not. Only a valid width,
/// density or height descriptor (`640w`, `1.5x`, `300h`) is kept; any other is dropped.
pub fn srcset_candidates(value: &str) -> Vec<(&str, &str)> {
    let is_space = crate::tree::is_html_space_char;
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(is_space).unwrap_or(rest.len());
        let url = &rest[..url_end];
        rest = &rest[url_end..];
        if url.ends_with(',') {
            out.push((url.trim_end_matches(','), ""));
            continue;
        }
        // The descriptors run to the next comma outside parentheses.
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let descriptors = rest[..end].trim_matches(is_space);
        rest = rest.get(end + 1..).unwrap_or("");
        let valid = |d: &str| {
            d.strip_suffix(['w', 'x', 'h']).is_some_and(|number| {
                !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            })
        };
        let descriptor = if valid(descriptors) { descriptors } else { "" };
        out.push((url, descriptor));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mathml_list_is_sorted() {
        let mut sorted = MATHML.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, MATHML);
    }

    #[test]
    fn dangerous_elements_go_with_their_content() {
        for name in [
            "script", "style", "iframe", "svg", "form", "object", "textarea", "noscript",
        ] {
            assert_eq!(element_policy(name, false), Policy::Remove, "{name}");
        }
        assert_eq!(element_policy("x-widget", false), Policy::Unwrap);
        assert_eq!(element_policy("p", true), Policy::Remove);
        assert_eq!(element_policy("mi", true), Policy::Write("mi"));
    }

    #[test]
    fn schemes_by_use() {
        assert!(safe_url(AttrKind::Href, "javascript:alert(1)").is_none());
        assert!(safe_url(AttrKind::Href, "JavaScript:alert(1)").is_none());
        assert!(safe_url(AttrKind::Href, "vbscript:x").is_none());
        assert!(safe_url(AttrKind::Href, "data:text/html,x").is_none());
        assert!(safe_url(AttrKind::ImageSrc, "data:image/svg+xml,<svg>").is_none());
        assert!(safe_url(AttrKind::ImageSrc, "data:image/png;base64,AAAA").is_some());
        assert!(safe_url(AttrKind::Href, "mailto:a@b.c").is_some());
        assert!(safe_url(AttrKind::Cite, "mailto:a@b.c").is_none());
        assert!(safe_url(AttrKind::Href, "https://x.org/").is_some());
        // Invisible characters do not hide a scheme.
        assert!(safe_url(AttrKind::Href, "\u{feff}javascript:alert(1)").is_none());
        assert!(safe_url(AttrKind::Href, "java\u{200b}script:alert(1)").is_none());
        assert!(safe_url(AttrKind::Href, "jav\u{ad}ascript:alert(1)").is_none());
        assert!(safe_url(AttrKind::Href, "https://x.org/a\u{200b}b").is_some());
        assert!(safe_url(AttrKind::Href, "\u{200e}/relative").is_some());
        assert!(attribute("a", "onclick").is_none());
        assert!(attribute("img", "style").is_none());
    }

    #[test]
    fn srcset_is_split_as_browsers_split_it() {
        assert_eq!(
            srcset_candidates("/a.jpg 696w, /b.jpg 1068w"),
            vec![("/a.jpg", "696w"), ("/b.jpg", "1068w")]
        );
        assert_eq!(srcset_candidates("/a,b.jpg 2x"), vec![("/a,b.jpg", "2x")]);
        assert_eq!(
            srcset_candidates("/a.png 1x,javascript:x 2x"),
            vec![("/a.png", "1x"), ("javascript:x", "2x")]
        );
        assert_eq!(
            srcset_candidates("/a.png,javascript:x"),
            vec![("/a.png,javascript:x", "")]
        );
        assert_eq!(
            srcset_candidates("/a.png, \njavascript:x 2x"),
            vec![("/a.png", ""), ("javascript:x", "2x")]
        );
        assert_eq!(
            srcset_candidates("/a.png (x, javascript:y) 2x, /c.png"),
            vec![("/a.png", ""), ("/c.png", "")]
        );
        // A descriptor ending in a multi-byte character (found by the fuzzer).
        assert_eq!(srcset_candidates("/a.png 1ª"), vec![("/a.png", "")]);
    }
}
