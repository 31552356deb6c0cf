//! The JavaScript face, compiled only for wasm32. Thin by design: every function here calls
//! the same Rust that native tests cover, and maps errors to JS `Error`s in one place.

use crate::{Article, Options};
use js_sys::JsString;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A panic (a bug) reads as a message in the console instead of "unreachable", and the
    // caller gets a JS `RuntimeError`. wasm32 cannot unwind: the instance stops mid-call with
    // its borrows held and its stack pointer not restored, so every later call would fail or
    // run on corrupt state. The next call starts a fresh instance instead (checked with a
    // throwaway crate on wasm-bindgen 0.2.130: without this, calls after a panic all fail).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        wasm_bindgen::handler::schedule_reinit();
    }));
}

/// `extract(html, url?, options?)`: the Article as a plain object, or a thrown `Error`.
/// `options.removedBlocks: true` also renders every removed block (`removedBlocks`), one
/// more pass: the reader view asks for them after it has shown the article.
#[wasm_bindgen]
pub fn extract(
    html: JsString,
    url: Option<String>,
    options: Option<js_sys::Object>,
) -> Result<JsValue, JsError> {
    let options = Options {
        url,
        removed_blocks: options.is_some_and(|o| flag(&o, "removedBlocks")),
        ..Options::default()
    };
    let html = utf8(&html, options.max_bytes)?;
    let article = crate::extract(&html, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&article)
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// Writes as much of `source` as fits into `dest` (whole characters only).
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, dest: &mut [u8]) -> EncodeIntoResult;

    type EncodeIntoResult;
    /// UTF-16 code units of the source consumed.
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// The page as UTF-8 in the module's memory. A `&str` parameter would do this in
/// wasm-bindgen's glue, which copies the ASCII prefix of the string one character per
/// iteration of a JS loop: for the bench's pages (38 KB on average) 54–69 µs in Chromium and
/// 48 µs in Node, against 31 and 7 µs for `encodeInto`, which here writes straight into the
/// buffer. A page of `n` UTF-16 units takes at least `n` bytes, so it first gets `n`; what
/// did not fit (non-ASCII needs more) gets 3 bytes per unit left. Lone surrogates become
/// U+FFFD, as with `&str`.
fn utf8(html: &JsString, max_bytes: usize) -> Result<String, JsError> {
    if !html.is_string() {
        return Err(JsError::new("the page's HTML must be a string"));
    }
    let units = html.length() as usize;
    if units > max_bytes {
        // Its UTF-8 is at least as long: refused before a byte is copied.
        return Err(JsError::new(&format!(
            "the page is {units} characters, more than the limit of {max_bytes} bytes"
        )));
    }
    let encoder = TextEncoder::new();
    let mut bytes = vec![0; units];
    let first = encoder.encode_into(html, &mut bytes);
    let (read, mut written) = (first.read() as usize, first.written() as usize);
    if read < units {
        bytes.resize(written + (units - read) * 3, 0);
        let rest = html.slice(read as u32, units as u32);
        written += encoder.encode_into(&rest, &mut bytes[written..]).written() as usize;
    }
    bytes.truncate(written);
    // encodeInto writes only UTF-8: this check never fails (and without `unsafe` it is needed).
    String::from_utf8(bytes).map_err(|_| JsError::new("the page did not encode as UTF-8"))
}

/// Whether `object[name]` is `true` (anything else, a getter that throws included, is not).
fn flag(object: &js_sys::Object, name: &str) -> bool {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).is_ok_and(|v| v.as_bool() == Some(true))
}

/// `isProbablyReaderable(html)`: whether the page looks like an article.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(html: JsString) -> bool {
    utf8(&html, Options::default().max_bytes).is_ok_and(|h| crate::is_probably_readerable(&h))
}

/// `toMarkdown(article)`: an Article object (`{title, byline, content}` suffice) or a string of
/// article HTML, as Markdown.
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown(article: JsValue) -> Result<String, JsError> {
    if let Some(html) = article.as_string() {
        return Ok(crate::html_to_markdown(&html));
    }
    if !article.is_object() {
        return Err(JsError::new(
            "toMarkdown needs an article or an HTML string",
        ));
    }
    // Read field by field (a string or nothing): no deserialiser in the module for three fields.
    let field = |name: &str| {
        js_sys::Reflect::get(&article, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let article = Article {
        title: field("title"),
        byline: field("byline"),
        content: field("content").unwrap_or_default(),
        ..Article::default()
    };
    Ok(crate::article_to_markdown(&article))
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
