//! The wasm face under hostile input, in headless Chrome and Firefox (`wasm-pack test
//! --headless --chrome --firefox`): garbage, huge and deeply nested pages through
//! `klartext::wasm::extract`, `isProbablyReaderable` and `toMarkdown` end with `Ok` or with
//! an `Err` that JavaScript receives as an `Error` carrying a message, never with a trap
//! (a Rust panic in wasm32 is an `unreachable` trap, which would fail these tests), and the
//! module keeps working after every error: a normal page extracted after each of them gives
//! the same article as on a fresh module.
//!
//! Native tests cannot reach this: `tests/pathological.rs` and `tests/regressions.rs` cover the
//! same inputs natively; here the point is the wasm32 build (its 1 MB stack, its 32-bit
//! memory) and the error mapping in `src/wasm.rs`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://example.org/news/2025/story.html";

fn good_page() -> String {
    let p = "<p>The reading room keeps its doors open through floods, strikes, and winters, \
             and its librarians say they have never once turned a reader away.</p>";
    format!(
        "<html lang=en><head><title>The Reading Room</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>The Reading Room</h1>{p}{p}{p}{p}</article><footer>Footer</footer></body></html>"
    )
}

/// The article text of the good page: the module still works.
fn assert_still_works() {
    let v = klartext::wasm::extract(good_page().as_str().into(), Some(URL.into()), None)
        .unwrap_or_else(|_| panic!("the good page no longer extracts"));
    let text = js_sys::Reflect::get(&v, &JsValue::from_str("textContent"))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    assert!(
        text.contains("The reading room keeps its doors open"),
        "{text}"
    );
    assert!(klartext::wasm::is_probably_readerable(
        good_page().as_str().into()
    ));
}

/// Runs `extract`; an `Err` must reach JavaScript as an `Error` with a non-empty message.
/// Returns whether an article came back.
fn extract_ok_or_error(html: &str, url: Option<&str>) -> bool {
    match klartext::wasm::extract(html.into(), url.map(String::from), None) {
        Ok(v) => {
            assert!(v.is_object(), "an article is a plain object");
            true
        }
        Err(e) => {
            let value = JsValue::from(e);
            let error = value
                .dyn_ref::<js_sys::Error>()
                .unwrap_or_else(|| panic!("the error is not a JS Error: {value:?}"));
            let message = String::from(error.message());
            assert!(!message.is_empty(), "an error with a message");
            false
        }
    }
}

#[wasm_bindgen_test]
fn garbage_ends_with_ok_or_an_error_and_the_module_keeps_working() {
    let mut seed: u32 = 0x9e37_79b9;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let alphabet: &[&str] = &[
        "<",
        ">",
        "</",
        "<p>",
        "<div>",
        "</div>",
        "<a href=\"",
        "\"",
        "'",
        "=",
        "&",
        "&#",
        "&amp;",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<script>",
        "</script>",
        "<style>",
        "<svg>",
        "<math>",
        "<mtext>",
        "<table>",
        "<td>",
        "<select>",
        "<template>",
        "<textarea>",
        "<plaintext>",
        "<img srcset=\"",
        " 1x,",
        "javascript:",
        "\0",
        "\u{feff}",
        "é",
        "日本",
        "\u{10FFFF}",
        " ",
        "\n",
        "text, with commas, ",
        "<article>",
        "<h1>",
    ];
    let mut articles = 0;
    for round in 0..300 {
        let len = 1 + (next() % 400) as usize;
        let html: String = (0..len)
            .map(|_| alphabet[(next() as usize) % alphabet.len()])
            .collect();
        let url = match round % 3 {
            0 => None,
            1 => Some(URL),
            _ => Some("not a url"),
        };
        if extract_ok_or_error(&html, url) {
            articles += 1;
        }
        let _ = klartext::wasm::is_probably_readerable(html.as_str().into());
        let _ = klartext::wasm::to_markdown(JsValue::from_str(&html));
        if round % 50 == 0 {
            assert_still_works();
        }
    }
    assert_still_works();
    // Not an assertion on quality, just that the loop did something of both kinds.
    assert!(articles < 300);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_and_later_calls_work() {
    // No article, a bad URL, binary data, an empty string: each an Error, each followed by a
    // working call.
    let png = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR";
    for (html, url) in [
        ("<html><body><nav>menu</nav></body></html>", None),
        (good_page().as_str(), Some("no scheme here")),
        ("%PDF-1.7\n%\u{e2}\u{e3}", None),
        (png, None),
        ("", None),
    ] {
        assert!(
            !extract_ok_or_error(html, url),
            "expected an error for {html:?}"
        );
        assert_still_works();
    }
    // toMarkdown with something that is neither an article nor a string: an Error too.
    let e = klartext::wasm::to_markdown(JsValue::from_f64(42.0))
        .err()
        .map(JsValue::from)
        .expect("a number is refused");
    assert!(e.dyn_ref::<js_sys::Error>().is_some());
    assert_still_works();
}

/// wasm32's stack is 1 MB: any recursion over the element tree would trap at this depth
/// (20,000 levels leave 50 bytes a frame). 1,000,000 levels run natively in
/// tests/pathological.rs; here the debug build `wasm-pack test` runs must stay well within the
/// test runner's 20 s poll, one kind of nesting per test.
fn deep(open: &str, close: &str) {
    let depth = 20_000;
    let html = format!(
        "<html><body><article><h1>Deep</h1>{}<p>Deep inside, with commas, text, and more text, so there is something to read.</p>{}</article></body></html>",
        open.repeat(depth),
        close.repeat(depth)
    );
    extract_ok_or_error(&html, Some(URL));
    let _ = klartext::wasm::is_probably_readerable(html.as_str().into());
    let _ = klartext::wasm::to_markdown(JsValue::from_str(&html));
    assert_still_works();
}

#[wasm_bindgen_test]
fn deep_nesting_of_blocks() {
    deep("<div>", "</div>");
}

#[wasm_bindgen_test]
fn deep_nesting_of_unclosed_inline_elements() {
    deep("<b>", "");
}

#[wasm_bindgen_test]
fn deep_nesting_of_unclosed_tables() {
    deep("<table><tr><td>", "");
}

#[wasm_bindgen_test]
fn huge_input_ends_with_ok_or_an_error() {
    // 2 MB of article, one 1 MB text node, and 30,000 attributes on one element: sizes a debug
    // build (what `wasm-pack test` runs) gets through well within the test runner's 20 s poll
    // (the tests of one file run as one synchronous stretch; keep them all short);
    // the native test takes 50 MB, 20 MB and 1,000,000.
    let p = "<p>The harbour master keeps a ledger of every vessel, with its tonnage, its cargo, and the weather.</p>\n";
    let big = format!(
        "<html><body><article><h1>Big</h1>{}</article></body></html>",
        p.repeat((2 << 20) / p.len())
    );
    assert!(extract_ok_or_error(&big, Some(URL)));
    drop(big);
    let text_node = format!(
        "<html><body><article><h1>Long</h1><p>{}</p></article></body></html>",
        "lantern keeper, harbour ledger. ".repeat((1 << 20) / 32)
    );
    assert!(extract_ok_or_error(&text_node, None));
    drop(text_node);
    let attrs: String = (0..30_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let many = format!(
        "<html><body><article><h1>Attrs</h1><p{attrs}>A paragraph with very many attributes, commas, and text.</p>\
         <p>Another paragraph, with more text, so the article is long enough to be one.</p></article></body></html>"
    );
    extract_ok_or_error(&many, None);
    assert_still_works();
}
