//! The wasm face, in headless Chrome and Firefox (`wasm-pack test --headless --chrome
//! --firefox`): the JS API as JavaScript sees it, and the seed page extracted in the browser
//! against the same expectations as natively.

#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/seed_pages.rs"));

fn to_json(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).expect("the article is a plain object")
}

#[wasm_bindgen_test]
fn extract_returns_a_plain_object_with_readability_fields() {
    let para = "<p>Klartext keeps the article and removes the rest, in two passes over the bytes, with commas, clauses, and sentences.</p>";
    let html = format!(
        "<html lang=en><head><title>A title - Site</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>A title</h1>{p}{p}{p}<img src=pic.jpg alt=x></article>\
         <div class=newsletter><p>Subscribe to our newsletter now</p></div></body></html>",
        p = para
    );
    let v = klartext::wasm::extract(
        html.as_str().into(),
        Some("https://example.org/news/a.html".into()),
        None,
    )
    .unwrap_or_else(|_| panic!("extract failed"));
    let a = to_json(v);
    assert_eq!(a["lang"], "en");
    assert_eq!(a["dir"], serde_json::Value::Null);
    assert!(a["textContent"]
        .as_str()
        .unwrap_or("")
        .contains("Klartext keeps the article"));
    assert!(a["content"]
        .as_str()
        .unwrap_or("")
        .contains("https://example.org/news/pic.jpg"));
    assert!(!a["textContent"]
        .as_str()
        .unwrap_or("")
        .contains("Subscribe"));
    assert!(a["wordCount"].as_u64().unwrap_or(0) > 30);
    assert!(a["removed"].as_array().is_some_and(|r| !r.is_empty()));
    // The removed blocks themselves only when asked for (one more pass).
    assert_eq!(a["removedBlocks"].as_array().map(Vec::len), Some(0));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"removedBlocks".into(), &true.into())
        .unwrap_or_else(|_| panic!("Reflect.set"));
    let url = Some("https://example.org/news/a.html".into());
    let with = to_json(
        klartext::wasm::extract(html.as_str().into(), url, Some(options))
            .unwrap_or_else(|_| panic!("extract with removedBlocks failed")),
    );
    let blocks = with["removedBlocks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        blocks.iter().any(|b| b["html"]
            .as_str()
            .unwrap_or("")
            .contains("Subscribe to our newsletter")),
        "{blocks:?}"
    );
    assert_eq!(with["textContent"], a["textContent"]);
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_with_a_message() {
    let png = "\u{89}PNG\r\n\u{1a}\n binary";
    assert!(klartext::wasm::extract(png.into(), None, None).is_err());
    assert!(klartext::wasm::extract("<p>x</p>".into(), Some("not a url".into()), None).is_err());
    assert!(klartext::wasm::extract("".into(), None, None).is_err());
}

/// The page crosses into the module through `TextEncoder.encodeInto` in up to two steps
/// (`wasm::utf8`): whatever needs more UTF-8 bytes than UTF-16 units, and wherever it stands,
/// must arrive whole, as natively.
#[wasm_bindgen_test]
fn non_ascii_pages_arrive_whole() {
    let para = "Klartext keeps the article and removes the rest, in two passes over the bytes, with commas, clauses, and sentences.";
    for special in ["é", "日本語", "😀", "\u{FFFD}", "é😀"] {
        for at in [0, 1, 40, para.len()] {
            let text = format!("{}{special}{}", &para[..at], &para[at..]);
            let html = format!(
                "{special}<html><body><article><h1>T</h1><p>{text}</p><p>{text}</p><p>{text}</p></article></body></html>{}",
                if at == 0 { special } else { "" }
            );
            let a = to_json(
                klartext::wasm::extract(html.as_str().into(), None, None)
                    .unwrap_or_else(|_| panic!("extract failed on {html:?}")),
            );
            let native = klartext::extract(&html, &klartext::Options::default())
                .unwrap_or_else(|e| panic!("native extract failed on {html:?}: {e}"));
            assert_eq!(a["textContent"], native.text_content, "{html:?}");
            assert_eq!(a["content"], native.content, "{html:?}");
        }
    }
    // A lone surrogate is a valid JS string but no UTF-8: it arrives as U+FFFD.
    let page = |middle: &JsValue| {
        js_sys::JsString::from(format!("<body><p>{para} A").as_str())
            .concat(middle)
            .concat(&JsValue::from_str(&format!("B {para}</p></body>")))
    };
    let lone = js_sys::JsString::from_char_code(&[0xD800]);
    let a = to_json(
        klartext::wasm::extract(page(&lone), None, None)
            .unwrap_or_else(|_| panic!("extract failed with a lone surrogate")),
    );
    assert!(
        a["textContent"]
            .as_str()
            .is_some_and(|t| t.contains("A\u{FFFD}B")),
        "{a:?}"
    );
}

#[wasm_bindgen_test]
fn a_page_that_is_not_a_string_throws() {
    use wasm_bindgen::JsCast;
    for value in [
        JsValue::from_f64(42.0),
        JsValue::NULL,
        js_sys::Object::new().into(),
    ] {
        let html: js_sys::JsString = value.unchecked_into();
        let error = klartext::wasm::extract(html.clone(), None, None)
            .err()
            .map(JsValue::from)
            .expect("not a string is refused");
        assert!(error.dyn_ref::<js_sys::Error>().is_some());
        assert!(!klartext::wasm::is_probably_readerable(html));
    }
}

#[wasm_bindgen_test]
fn readerable_verdict() {
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
        .repeat(6);
    let page = format!("<body><p>{para}</p><p>{para}</p><p>{para}</p></body>");
    assert!(klartext::wasm::is_probably_readerable(page.as_str().into()));
    assert!(!klartext::wasm::is_probably_readerable(
        "<body><a href=/>Home</a></body>".into()
    ));
}

#[wasm_bindgen_test]
fn seed_pages_meet_their_expectations_in_the_browser() {
    if SEED_PAGES.is_empty() {
        web_sys_log("SKIPPED: no seed corpus was found at build time (set KLARTEXT_CORPUS)");
        return;
    }
    for (name, html, expect) in SEED_PAGES {
        let expect: serde_json::Value =
            serde_json::from_str(expect).expect("expectations are JSON");
        let v = klartext::wasm::extract((*html).into(), None, None)
            .unwrap_or_else(|_| panic!("{name} failed"));
        let failures = common::check(&to_json(v), &expect);
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    }
}

fn web_sys_log(msg: &str) {
    wasm_bindgen_test::console_log!("{}", msg);
}

#[wasm_bindgen_test]
fn to_markdown_takes_an_article_object() {
    let article = js_sys::Object::new();
    for (k, v) in [
        ("title", "A title"),
        ("byline", "By A. Writer"),
        ("content", "<p>One <em>paragraph</em>.</p>"),
    ] {
        js_sys::Reflect::set(&article, &k.into(), &v.into()).unwrap_or_else(|_| panic!("set"));
    }
    let md = klartext::wasm::to_markdown(article.into()).unwrap_or_else(|_| panic!("toMarkdown"));
    assert!(md.contains("A title"), "{md}");
    assert!(md.contains("By A. Writer"), "{md}");
    assert!(md.contains("One _paragraph_."), "{md}");
}
