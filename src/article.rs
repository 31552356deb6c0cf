//! The result of an extraction: a superset of Readability.js's `parse()` result.

use serde::Serialize;

/// Why a block was left out of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Ad,
    Jobs,
    Promo,
    Newsletter,
    Comments,
    Related,
    Share,
    Nav,
    Cookie,
    Other,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Ad,
        Category::Jobs,
        Category::Promo,
        Category::Newsletter,
        Category::Comments,
        Category::Related,
        Category::Share,
        Category::Nav,
        Category::Cookie,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Ad => "ad",
            Category::Jobs => "jobs",
            Category::Promo => "promo",
            Category::Newsletter => "newsletter",
            Category::Comments => "comments",
            Category::Related => "related",
            Category::Share => "share",
            Category::Nav => "nav",
            Category::Cookie => "cookie",
            Category::Other => "other",
        }
    }
}

/// How many blocks of one category were removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub category: Category,
    pub count: u32,
}

/// One removed block, for showing on demand what the reader view left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedBlock {
    pub category: Category,
    /// The block as sanitised HTML (the same allowlist as the article).
    pub html: String,
    /// The block as plain text.
    pub text: String,
    /// For a block that stood inside the article: the number of `textContent` lines before
    /// it (where it would be). `None` for page furniture around the article.
    pub position: Option<usize>,
}

/// An extracted article. Field names follow Readability.js (`textContent`, `siteName` …) in JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Text direction, `ltr` or `rtl`, when the page or its script says so.
    pub dir: Option<String>,
    pub lang: Option<String>,
    /// The article as sanitised HTML: allowlisted tags and attributes, absolute URLs.
    pub content: String,
    /// The article as plain text: entities decoded, block boundaries as newlines.
    pub text_content: String,
    /// Length of `text_content` in characters.
    pub length: usize,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lead_image: Option<String>,
    pub word_count: usize,
    /// What was left out, by category, in category order; categories with no block are omitted.
    pub removed: Vec<Removed>,
    /// The removed blocks themselves, in page order (only with `Options::removed_blocks`).
    pub removed_blocks: Vec<RemovedBlock>,
}
