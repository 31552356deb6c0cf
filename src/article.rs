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
}
