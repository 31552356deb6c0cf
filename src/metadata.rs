//! Metadata: chooses title, byline, excerpt, site name, date, language, direction and lead
//! image from what the analyse pass found, in Readability's order of trust (JSON-LD, then
//! meta tags, then the page itself).

use crate::analyse::Analysis;
use crate::entities::decode;
use crate::rules;
use crate::table::flag;
use crate::tags::Tag;
use crate::text::squash;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    /// og:image / JSON-LD image, unresolved.
    pub image: Option<String>,
    /// Headings that repeat the title (dropped from the body; the header shows the title).
    pub title_nodes: Vec<u32>,
    /// Elements holding the byline (dropped from the body; the header shows it).
    pub byline_nodes: Vec<u32>,
    /// JSON-LD `articleBody` length in characters, when the page states it.
    pub article_body_chars: Option<usize>,
}

/// What a JSON-LD Article object says.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    name: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    image: Option<String>,
    body_chars: Option<usize>,
}

pub fn resolve(analysis: &Analysis) -> Metadata {
    let meta = &analysis.meta;
    let values = meta_values(&meta.metas);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .filter_map(|k| values.get(*k))
            .map(|v| squash(v))
            .find(|v| !v.is_empty())
    };
    let ld = json_ld(&meta.json_ld);

    let document_title = squash(&decode(&meta.title));
    // JSON-LD `name` and `headline` should agree; where they differ, the one that matches the
    // document's title wins, else `name` (Readability's rule).
    let ld_title = match (&ld.name, &ld.headline) {
        (Some(name), Some(headline)) if name != headline => {
            let page = article_title(&document_title, analysis).unwrap_or_default();
            let name_matches = similarity(name, &page) > 0.75;
            let headline_matches = similarity(headline, &page) > 0.75;
            Some(
                if headline_matches && !name_matches {
                    headline
                } else {
                    name
                }
                .clone(),
            )
        }
        (Some(name), _) => Some(name.clone()),
        (None, headline) => headline.clone(),
    };
    let title = ld_title
        .or_else(|| {
            get(&[
                "dc:title",
                "dcterm:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .or_else(|| article_title(&document_title, analysis));

    let mut byline = ld.byline.clone().or_else(|| {
        get(&["dc:creator", "dcterm:creator", "author", "parsely-author"]).or_else(|| {
            get(&["article:author"]).filter(|a| !a.starts_with("http") && !a.contains("://"))
        })
    });
    let mut byline_nodes = Vec::new();
    for c in &analysis.captured {
        let node = &analysis.nodes[c.id as usize];
        // Page containers sometimes carry an "author" class (`<body class="single-author">`).
        let container = matches!(node.tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main);
        if !node.has(flag::BYLINE) || c.text.is_empty() || c.truncated || container {
            continue;
        }
        // An author element with an `itemprop="name"` inside names the author there alone.
        let end = node.end;
        let named = analysis.captured.iter().find(|n| {
            n.id > c.id && n.id <= end && analysis.nodes[n.id as usize].has(flag::ITEMPROP_NAME)
        });
        let text = squash(&decode(&named.unwrap_or(c).text));
        // Readability reports the element's text as it stands ("By Jane Doe"); the prefix is
        // only looked past to tell a name from a date or a bare "By".
        let name = strip_byline_prefix(&text);
        if name.is_empty() || text.chars().count() > 100 || looks_like_date(name) {
            continue;
        }
        match &byline {
            None => {
                byline = Some(
                    text.trim_end_matches([' ', '—', '–', '|', '·', ','])
                        .to_string(),
                );
                byline_nodes.push(c.id);
            }
            Some(b) if text.contains(b.as_str()) || b.contains(name) => byline_nodes.push(c.id),
            Some(_) => {}
        }
    }

    let mut title_nodes = Vec::new();
    if let Some(t) = &title {
        for c in &analysis.captured {
            let tag = analysis.nodes[c.id as usize].tag;
            if matches!(tag, Tag::H1 | Tag::H2) && similarity(t, &squash(&decode(&c.text))) >= 0.75
            {
                title_nodes.push(c.id);
            }
        }
    }

    let published = ld
        .published
        .clone()
        .or_else(|| get(&["article:published_time", "parsely-pub-date"]))
        .or_else(|| {
            analysis
                .captured
                .iter()
                .find_map(|c| c.datetime.as_deref().map(|d| d.trim().to_string()))
                .filter(|d| !d.is_empty())
        });

    Metadata {
        title,
        byline,
        excerpt: ld.excerpt.clone().or_else(|| {
            get(&[
                "dc:description",
                "dcterm:description",
                "og:description",
                "weibo:article:description",
                "weibo:webpage:description",
                "description",
                "twitter:description",
            ])
        }),
        site_name: ld.site_name.clone().or_else(|| get(&["og:site_name"])),
        published_time: published,
        lang: meta
            .lang
            .as_ref()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        // Set from the article's ancestors once the article is chosen (see `lib.rs`).
        dir: None,
        image: ld.image.clone().or_else(|| {
            get(&[
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
            ])
        }),
        title_nodes,
        byline_nodes,
        article_body_chars: ld.body_chars,
    }
}

/// Meta values by normalised key: `property` may list several names separated by spaces, and
/// `dc.title` means `dc:title`. Later tags win, as in Readability.
fn meta_values(metas: &[(String, String)]) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for (key, content) in metas {
        for name in key.split_whitespace() {
            let norm = name.replace('.', ":");
            // Decoded twice, like Readability (the DOM decodes once, then it unescapes again):
            // pages that escape their meta content twice still read right.
            values.insert(norm, decode(&decode(content)).into_owned());
        }
    }
    values
}

/// The title from `<title>` when nothing better says it: the site name after (or before) a
/// separator is cut off, unless that leaves too few words.
fn article_title(document_title: &str, analysis: &Analysis) -> Option<String> {
    let orig = document_title.trim();
    let headings = |tags: &[Tag]| -> Vec<String> {
        analysis
            .captured
            .iter()
            .filter(|c| tags.contains(&analysis.nodes[c.id as usize].tag) && !c.truncated)
            .map(|c| squash(&decode(&c.text)))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let h1s = headings(&[Tag::H1]);
    if orig.is_empty() {
        return h1s.into_iter().next();
    }
    let words = |s: &str| s.split_whitespace().count();
    let mut title = orig.to_string();
    let last_sep = rules::TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| orig.rfind(sep).map(|i| (i, sep.len())))
        .max();
    if let Some((i, _)) = last_sep {
        title = orig[..i].trim().to_string();
        if words(&title) < 3 {
            let first_sep = rules::TITLE_SEPARATORS
                .iter()
                .filter_map(|sep| orig.find(sep).map(|i| (i, sep.len())))
                .min();
            if let Some((j, l)) = first_sep {
                title = orig[j + l..].trim().to_string();
            }
        }
    } else if orig.contains(": ") {
        // "Section: Headline", unless a heading repeats the whole title.
        if !headings(&[Tag::H1, Tag::H2]).iter().any(|h| h == orig) {
            let last = orig.rfind(':').map_or(0, |i| i + 1);
            let first = orig.find(':').map_or(0, |i| i + 1);
            title = orig[last..].trim().to_string();
            if words(&title) < 3 {
                title = orig[first..].trim().to_string();
            } else if words(&orig[..first.saturating_sub(1)]) > 5 {
                title = orig.to_string();
            }
        }
    } else if (orig.len() > 150 || orig.len() < 15) && h1s.len() == 1 {
        title = h1s[0].clone();
    }
    // Too short a result means the cut went wrong, unless it only took off the site name.
    let orig_words = orig
        .split(|c: char| c.is_whitespace() || "|-\\/>»".contains(c))
        .filter(|w| !w.is_empty())
        .count();
    if words(&title) <= 4 && (last_sep.is_none() || words(&title) != orig_words.saturating_sub(1)) {
        title = orig.to_string();
    }
    Some(title)
}

fn strip_byline_prefix(text: &str) -> &str {
    let lower = text.to_lowercase();
    for p in rules::BYLINE_PREFIXES {
        if lower.starts_with(p) && text.is_char_boundary(p.len()) {
            return text[p.len()..].trim();
        }
    }
    text.trim()
}

fn looks_like_date(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    digits >= 4 && digits * 3 >= s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Readability's text similarity: the share of `b`'s tokens (by length) also found in `a`.
pub fn similarity(a: &str, b: &str) -> f32 {
    let tokenize = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect()
    };
    let ta = tokenize(a);
    let tb = tokenize(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let unique_len = unique
        .iter()
        .map(|t| t.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    let total_len = tb
        .iter()
        .map(|t| t.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    1.0 - unique_len as f32 / total_len.max(1) as f32
}

fn json_ld(blocks: &[String]) -> JsonLd {
    let mut found = JsonLd::default();
    for block in blocks {
        // Some pages wrap the JSON in CDATA or comment markers, as if it were XHTML script.
        let mut json = block.trim();
        for (open, close) in [
            ("<![CDATA[", "]]>"),
            ("<!--", "-->"),
            ("//<![CDATA[", "//]]>"),
        ] {
            if let Some(inner) = json.strip_prefix(open) {
                json = inner.trim_end().strip_suffix(close).unwrap_or(inner).trim();
            }
        }
        let Ok(value) = serde_json::from_str::<Value>(json) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        let Some(article) = objects.iter().find(|o| is_article_type(o.get("@type"))) else {
            continue;
        };
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(|s| squash(&decode(s)));
        found.headline = text(article.get("headline")).filter(|s| !s.is_empty());
        found.name = text(article.get("name")).filter(|s| !s.is_empty());
        found.byline = author_names(article.get("author"));
        found.excerpt = text(article.get("description")).filter(|s| !s.is_empty());
        found.site_name = article
            .get("publisher")
            .and_then(|p| text(p.get("name")))
            .filter(|s| !s.is_empty());
        found.published = text(article.get("datePublished")).filter(|s| !s.is_empty());
        found.image = image_url(article.get("image"));
        found.body_chars = article
            .get("articleBody")
            .and_then(Value::as_str)
            .map(|s| s.chars().count());
        break;
    }
    found
}

fn collect_objects<'v>(
    value: &'v Value,
    out: &mut Vec<&'v serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_objects(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(map);
            if let Some(graph) = map.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    let matches = |s: &str| {
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
            )
    };
    match t {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

fn author_names(v: Option<&Value>) -> Option<String> {
    let name_of = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(squash(&decode(s))),
            Value::Object(o) => o
                .get("name")
                .and_then(Value::as_str)
                .map(|s| squash(&decode(s))),
            _ => None,
        }
    };
    let names: Vec<String> = match v? {
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        other => name_of(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

fn image_url(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(|i| image_url(Some(i))),
        Value::Object(o) => o
            .get("url")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_matches_readability() {
        assert!(similarity("Nato und die Zukunft", "Nato und die Zukunft") > 0.99);
        assert!(similarity("Nato und die Zukunft", "Ganz anderes Thema") < 0.1);
    }

    #[test]
    fn byline_prefixes_and_dates() {
        assert_eq!(strip_byline_prefix("Von Redaktion X"), "Redaktion X");
        assert_eq!(strip_byline_prefix("By Jane Doe"), "Jane Doe");
        assert!(looks_like_date("2025-09-02"));
        assert!(!looks_like_date("Jane Doe"));
    }

    #[test]
    fn json_ld_graph_article() {
        let block = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
            {"@type":"NewsArticle","headline":"Head &amp; line","author":[{"name":"A"},{"name":"B"}],
             "datePublished":"2025-01-02","publisher":{"name":"Site"},"image":{"url":"/i.jpg"}}]}"#;
        let ld = json_ld(&[block.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Head & line"));
        assert_eq!(ld.byline.as_deref(), Some("A, B"));
        assert_eq!(ld.site_name.as_deref(), Some("Site"));
        assert_eq!(ld.image.as_deref(), Some("/i.jpg"));
    }
}
