//! One target for the whole public surface, fed raw bytes:
//! bytes → `charset::decode` (as the CLI reads files) → `extract` (removed blocks on, with or
//! without a page URL) → the safety check of `tests/xss/check.rs` on everything that reaches
//! a reader view; and `is_probably_readerable` and `html_to_markdown` on the same text.
//! Invariants: no panic, no abort, and a returned Article passes the safety check.
//! The first byte picks the options, so the fuzzer can steer them.

#![no_main]

#[path = "../../tests/xss/check.rs"]
mod check;

use klartext::{charset, extract, html_to_markdown, is_probably_readerable, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (flags, bytes) = match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, data),
    };
    let forced = match flags & 0b11 {
        1 => Some("windows-1252"),
        2 => Some("shift_jis"),
        _ => None,
    };
    let Ok((text, _)) = charset::decode(bytes, forced) else {
        return;
    };
    let url = match (flags >> 2) & 0b11 {
        0 => None,
        1 => Some("https://example.org/news/2025/story.html?x=1".to_string()),
        2 => Some("http://127.0.0.1:8000/a/b/".to_string()),
        _ => Some("file:///tmp/page.html".to_string()),
    };
    let options = Options {
        url,
        removed_blocks: true,
        ..Options::default()
    };
    if let Ok(article) = extract(&text, &options) {
        let problems = check::check_article(&article);
        assert!(
            problems.is_empty(),
            "unsafe output: {problems:#?}\ncontent: {}",
            article.content
        );
    }
    let _ = is_probably_readerable(&text);
    let _ = html_to_markdown(&text);
});
