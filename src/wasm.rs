//! The JavaScript face, compiled only for wasm32. Thin by design: every function here calls
//! the same Rust that native tests cover, and maps errors to JS `Error`s in one place.

use crate::{Article, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A panic (a bug) then reads as a message in the console instead of "unreachable".
    console_error_panic_hook::set_once();
}

/// `extract(html, url?)`: the Article as a plain object, or a thrown `Error`.
#[wasm_bindgen]
pub fn extract(html: &str, url: Option<String>) -> Result<JsValue, JsError> {
    // The reader view offers the removed blocks on demand, so they are always rendered.
    let options = Options {
        url,
        removed_blocks: true,
        ..Options::default()
    };
    let article = crate::extract(html, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&article)
}

/// `isProbablyReaderable(html)`: whether the page looks like an article.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(html: &str) -> bool {
    crate::is_probably_readerable(html)
}

/// `toMarkdown(article)`: an Article object (`{title, byline, content}` suffice) or a string of
/// article HTML, as Markdown.
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown(article: JsValue) -> Result<String, JsError> {
    if let Some(html) = article.as_string() {
        return Ok(crate::html_to_markdown(&html));
    }
    let parts: MarkdownInput = serde_wasm_bindgen::from_value(article).map_err(|e| {
        JsError::new(&format!(
            "toMarkdown needs an article or an HTML string: {e}"
        ))
    })?;
    let article = Article {
        title: parts.title,
        byline: parts.byline,
        content: parts.content,
        ..Article::default()
    };
    Ok(crate::article_to_markdown(&article))
}

#[derive(serde::Deserialize)]
struct MarkdownInput {
    title: Option<String>,
    byline: Option<String>,
    #[serde(default)]
    content: String,
}

/// The crate version, for the UI and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(article: &Article) -> Result<JsValue, JsError> {
    // json_compatible: `None` becomes `null` and structs plain objects, as JSON would.
    article
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not convert the article: {e}")))
}
