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

pub use article::{Article, Category, Removed};
pub use debug::debug_table;
pub use error::Error;
pub use readerable::is_probably_readerable;

/// How to extract.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page's URL: relative links and images are resolved against it (or against the
    /// page's `<base href>`, itself resolved against this URL).
    pub url: Option<String>,
    /// Pages larger than this many bytes are refused with `Error::TooLarge`.
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            max_bytes: 256 * 1024 * 1024,
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
    let known = decide::Known {
        byline_nodes: meta.byline_nodes.clone(),
        title_nodes: meta.title_nodes.clone(),
    };
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

    // Pass 2: render.
    let rendered = render::render(html, &analysis.nodes, &decision.actions, base.as_ref())?;
    if rendered.text.trim().is_empty() {
        return Err(Error::NoArticle);
    }

    let lead_image = meta
        .image
        .as_deref()
        .map(|i| url::resolve(base.as_ref(), &entities::decode(i)))
        .and_then(|i| sanitize::safe_url(sanitize::AttrKind::ImageSrc, &i))
        .or(rendered.first_image);
    // As in Readability: without a description, the first paragraph is the excerpt.
    let excerpt = meta.excerpt.or(rendered.first_paragraph);
    Ok(Article {
        title: meta.title,
        byline: meta.byline,
        dir: meta.dir,
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
