//! Errors of the extractor, one variant per way it can fail, each with a one-sentence message.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// Refused before parsing: the input is larger than `Options::max_bytes`.
    #[error("the page is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },

    /// The page URL given in the options is not an absolute http(s) or file URL.
    #[error("the page URL {0:?} is not an absolute URL")]
    BadUrl(String),

    /// The HTML parser stopped (for example when it ran out of its memory budget).
    #[error("the HTML could not be parsed: {0}")]
    Parse(String),

    /// The input does not look like an HTML document at all (binary data, an image, a PDF).
    #[error("the input is not HTML ({0})")]
    NotHtml(&'static str),

    /// Nothing on the page looks like an article.
    #[error("no article text was found on the page")]
    NoArticle,
}
