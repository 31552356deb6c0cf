//! Klartext: one-click reader mode. Finds the article in an HTML page and returns it as
//! sanitised HTML and plain text with its metadata, in two streaming passes of lol_html over
//! the page's bytes, with no DOM:
//!
//! 1. **analyse** (`analyse`): one row per element in a flat node table (text, link text and
//!    comma counts, class/id hints, flags) plus the raw metadata;
//! 2. **decide** (`metadata`, `decide`): pure Rust on the table: metadata chosen, boilerplate
//!    marked by category, candidates scored, the article root picked;
//! 3. **render** (`render`): the same bytes again, writing only what was kept and what the
//!    sanitiser (`sanitize`) allows.

#![forbid(unsafe_code)]

mod analyse;
mod article;
pub mod charset;
mod debug;
mod decide;
mod entities;
mod entity_table;
mod error;
mod markdown;
mod metadata;
mod readerable;
mod render;
mod rules;
mod sanitize;
mod table;
mod tags;
mod text;
mod tree;
mod url;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{Article, Category, Removed, RemovedBlock};
pub use debug::debug_table;
pub use error::Error;
pub use markdown::{article_to_markdown, html_to_markdown};
pub use readerable::is_probably_readerable;

/// How to extract.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page's URL: relative links and images are resolved against it (or against the
    /// page's `<base href>`, itself resolved against this URL).
    pub url: Option<String>,
    /// Pages larger than this many bytes are refused with `Error::TooLarge`.
    pub max_bytes: usize,
    /// Also render every removed block (`Article::removed_blocks`): one more pass.
    pub removed_blocks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            max_bytes: 256 * 1024 * 1024,
            removed_blocks: false,
        }
    }
}

impl Options {
    pub fn with_url(url: impl Into<String>) -> Self {
        Options {
            url: Some(url.into()),
            ..Options::default()
        }
    }
}

/// Extracts the article from a page.
pub fn extract(html: &str, options: &Options) -> Result<Article, Error> {
    check_input(html, options)?;
    let page_url = match &options.url {
        Some(u) if !u.trim().is_empty() => {
            Some(url::BaseUrl::parse(u).ok_or_else(|| Error::BadUrl(u.clone()))?)
        }
        _ => None,
    };

    // Pass 1: analyse.
    let analysis = analyse::analyse(html)?;

    // Decide: metadata first (the title and byline are taken out of the body), then the body.
    let meta = metadata::resolve(&analysis);
    let known = decide::Known::from_metadata(&meta);
    let decision = decide::decide(&analysis.nodes, &known);

    // Without a URL from the caller, the page's own canonical URL (or og:url) stands in.
    let page_url = page_url.or_else(|| {
        let own = analysis.meta.canonical.clone().or_else(|| {
            analysis
                .meta
                .metas
                .iter()
                .find(|(k, _)| k == "og:url")
                .map(|(_, v)| entities::decode(v).into_owned())
        });
        own.and_then(|u| url::BaseUrl::parse(&u))
    });
    // `<base href>` is itself relative to the page URL.
    let base = match (&analysis.meta.base_href, &page_url) {
        (Some(href), Some(page)) => url::BaseUrl::parse(&page.join(href)).or(page_url.clone()),
        (Some(href), None) => url::BaseUrl::parse(href),
        (None, page) => page.clone(),
    };

    // Pass 2: render (marking where the removed blocks stood).
    let block_ids: Vec<u32> = decision.blocks.iter().map(|(id, _)| *id).collect();
    let rendered = render::render(
        html,
        &analysis.nodes,
        &decision.actions,
        base.as_ref(),
        &block_ids,
    )?;
    if rendered.text.trim().is_empty() {
        return Err(Error::NoArticle);
    }
    let removed_blocks = if options.removed_blocks {
        removed_blocks(
            html,
            &analysis.nodes,
            &decision,
            &rendered,
            base.as_ref(),
            &block_ids,
        )?
    } else {
        Vec::new()
    };

    let lead_image = meta
        .image
        .as_deref()
        .map(|i| url::resolve(base.as_ref(), &entities::decode(i)))
        .and_then(|i| sanitize::safe_url(sanitize::AttrKind::ImageSrc, &i))
        .or(rendered.first_image);
    // As in Readability: without a description, the first paragraph is the excerpt.
    let excerpt = meta.excerpt.or(rendered.first_paragraph).or_else(|| {
        // No paragraph element at all (text in divs or between `<br>`s): its first line.
        rendered.text.lines().next().map(|l| l.trim().to_string())
    });
    let dir = direction(&analysis.nodes, decision.root)
        .or_else(|| text::script_direction(&rendered.text));
    Ok(Article {
        title: meta.title,
        byline: meta.byline,
        dir,
        lang: meta.lang,
        length: rendered.text.chars().count(),
        word_count: text::word_count(&rendered.text),
        content: rendered.html,
        text_content: rendered.text,
        excerpt,
        site_name: meta.site_name,
        published_time: meta.published_time,
        lead_image,
        removed: decision.removed,
        removed_blocks,
    })
}

/// Renders the removed blocks themselves (one more pass over the bytes) and places each in
/// the article by the line it stood before. Given the table with its element positions, the
/// pass parses only the parts of the page that hold removed blocks, as the article's does.
fn removed_blocks(
    html: &str,
    nodes: &analyse::NodeTable,
    decision: &decide::Decision,
    article: &render::Rendered,
    base: Option<&url::BaseUrl>,
    block_ids: &[u32],
) -> Result<Vec<RemovedBlock>, Error> {
    let actions = decide::block_actions(nodes, &decision.out, &decision.blocks);
    let blocks = render::render(html, nodes, &actions, base, block_ids)?;
    Ok(decision
        .blocks
        .iter()
        .zip(&blocks.marks)
        .zip(&article.marks)
        .map(|(((_, category), mark), place)| RemovedBlock {
            category: *category,
            html: match &blocks.html[mark.html.0..mark.html.1] {
                // A block inside another one's MathML (their ranges overlap on malformed
                // pages) would otherwise hold MathML elements outside `<math>`.
                html if mark.in_math && !html.is_empty() => format!("<math>{html}</math>"),
                html => html.to_string(),
            },
            text: text::squash(blocks.text.get(mark.text.0..mark.text.1).unwrap_or("")),
            position: place.inside.then_some(place.lines.0),
        })
        .collect())
}

/// The text direction the page declares for the article: the nearest `dir` attribute on the
/// root's parent, the root, or further up (Readability's order).
fn direction(nodes: &[table::Node], root: u32) -> Option<String> {
    use table::flag;
    let root_node = nodes.get(root as usize)?;
    let mut chain = vec![root_node.parent, root];
    let mut p = root_node.parent;
    while p != tree::NONE {
        p = nodes[p as usize].parent;
        chain.push(p);
    }
    chain
        .into_iter()
        .filter(|&id| id != tree::NONE)
        .find_map(|id| {
            let n = &nodes[id as usize];
            if n.has(flag::DIR_RTL) {
                Some("rtl".to_string())
            } else if n.has(flag::DIR_LTR) {
                Some("ltr".to_string())
            } else {
                None
            }
        })
}

/// Refuses input that cannot be a web page before any work is done on it.
fn check_input(html: &str, options: &Options) -> Result<(), Error> {
    if html.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: html.len(),
            limit: options.max_bytes,
        });
    }
    let head = &html.as_bytes()[..html.len().min(1024)];
    let magic: &[(&[u8], &'static str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"%PDF", "a PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
    ];
    if let Some((_, what)) = magic.iter().find(|(m, _)| head.starts_with(m)) {
        return Err(Error::NotHtml(what));
    }
    let controls = head
        .iter()
        .filter(|b| **b < 0x09 || (0x0e..0x20).contains(*b))
        .count();
    if head.len() >= 64 && controls * 10 > head.len() {
        return Err(Error::NotHtml("binary data"));
    }
    Ok(())
}
