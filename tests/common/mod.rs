//! The expectation checker shared by the native and the browser tests: an Article (as JSON)
//! against an expectations file in the seed's format. Returns every failed line, not just the
//! first, so one run shows everything that is wrong.

#![allow(dead_code)]

use serde_json::Value;

/// Checks `article` (the Article serialised with camelCase keys) against `expect`.
pub fn check(article: &Value, expect: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let text = article["textContent"].as_str().unwrap_or("");
    let content = article["content"].as_str().unwrap_or("");

    let mut from = 0;
    for snippet in expect["contains_in_order"].as_array().into_iter().flatten() {
        let s = snippet.as_str().unwrap_or("");
        match text[from..].find(s) {
            Some(i) => from += i + s.len(),
            None if text.contains(s) => failures.push(format!("out of order: {s:?}")),
            None => failures.push(format!("missing from textContent: {s:?}")),
        }
    }
    for absent in expect["absent"].as_array().into_iter().flatten() {
        let s = absent.as_str().unwrap_or("");
        if content.contains(s) {
            failures.push(format!("present in content: {s:?}"));
        }
        if text.contains(s) {
            failures.push(format!("present in textContent: {s:?}"));
        }
    }
    for image in expect["images"].as_array().into_iter().flatten() {
        let url = image.as_str().unwrap_or("");
        let escaped = url.replace('&', "&amp;");
        if !content.contains(&format!("\"{escaped}\""))
            && !content.contains(&format!("\"{escaped} "))
        {
            failures.push(format!("image missing from content: {url}"));
        }
    }
    let fields = [
        ("title", "title"),
        ("byline", "byline"),
        ("site_name", "siteName"),
        ("published", "publishedTime"),
        ("lang", "lang"),
    ];
    for (key, field) in fields {
        let Some(want) = expect.get(key).and_then(Value::as_str) else {
            continue;
        };
        let got = article[field].as_str().unwrap_or("");
        let ok = if key == "lang" {
            same_language(got, want)
        } else {
            squash(got) == squash(want)
        };
        if !ok {
            failures.push(format!("{field}: got {got:?}, want {want:?}"));
        }
    }
    check_optional(article, expect, &mut failures);
    failures
}

/// The optional keys of the fixture expectations (`tests/fixtures/*.json`); the seed's files
/// have none of them, so they check nothing there.
///
/// - `dir`: the article's text direction, exactly (`"rtl"`);
/// - `excerpt`: the excerpt, whitespace-squashed, exactly;
/// - `removed`: `{"ad": 1}`: at least that many blocks removed in that category;
/// - `content_contains` / `content_absent`: strings (markup) that must / must not be in
///   `content`, for structure the text alone cannot show (`"<th"`, `"<iframe"`).
fn check_optional(article: &Value, expect: &Value, failures: &mut Vec<String>) {
    let content = article["content"].as_str().unwrap_or("");
    for (key, field) in [("dir", "dir"), ("excerpt", "excerpt")] {
        let Some(want) = expect.get(key).and_then(Value::as_str) else {
            continue;
        };
        let got = article[field].as_str().unwrap_or("");
        if squash(got) != squash(want) {
            failures.push(format!("{field}: got {got:?}, want {want:?}"));
        }
    }
    if let Some(removed) = expect.get("removed").and_then(Value::as_object) {
        for (category, want) in removed {
            let want = want.as_u64().unwrap_or(1);
            let got = article["removed"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|r| r["category"].as_str() == Some(category.as_str()))
                .and_then(|r| r["count"].as_u64())
                .unwrap_or(0);
            if got < want {
                failures.push(format!(
                    "removed {category}: got {got}, want at least {want} (removed: {})",
                    article["removed"]
                ));
            }
        }
    }
    for s in expect["content_contains"].as_array().into_iter().flatten() {
        let s = s.as_str().unwrap_or("");
        if !content.contains(s) {
            failures.push(format!("missing from content: {s:?}"));
        }
    }
    for s in expect["content_absent"].as_array().into_iter().flatten() {
        let s = s.as_str().unwrap_or("");
        if content.contains(s) {
            failures.push(format!("present in content: {s:?}"));
        }
    }
}

/// `lang` is the page's own attribute (as Readability reports it, e.g. `de-DE`); an
/// expectation of `de` names the language, so the primary subtags are compared.
fn same_language(got: &str, want: &str) -> bool {
    let primary = |s: &str| {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    got.eq_ignore_ascii_case(want) || (!want.contains('-') && primary(got) == primary(want))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
