//! The body of the fuzz target (`fuzz/fuzz_targets/extract.rs`), shared with
//! `tests/regressions.rs` so that an input the fuzzer stopped on is replayed exactly as it ran.
//! Included by path beside `check.rs`, which the including crate declares as `mod check` at
//! its root.

use klartext::{charset, extract, html_to_markdown, is_probably_readerable, Options};

/// One input: the first byte picks the options, so the fuzzer can steer them; the rest goes
/// through `charset::decode` (as the CLI reads files), `extract` with removed blocks on (with
/// or without a page URL) and the safety check on everything that reaches a reader view, then
/// `is_probably_readerable` and `html_to_markdown` on the same text. Panics when an invariant
/// breaks: a panic inside, or a returned Article that fails the check.
pub fn run(data: &[u8]) {
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
        let problems = crate::check::check_article(&article);
        assert!(
            problems.is_empty(),
            "unsafe output: {problems:#?}\ncontent: {}",
            article.content
        );
    }
    let _ = is_probably_readerable(&text);
    let _ = html_to_markdown(&text);
}
