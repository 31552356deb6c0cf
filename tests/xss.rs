//! The XSS corpus (`tests/xss/payloads.json`, written by `tests/xss/generate.py`) through
//! `klartext::extract`: every payload embedded in a realistic article page, extracted with and
//! without a page URL and with the removed blocks rendered, and everything that reaches a
//! reader view checked by `tests/xss/check.rs` (allowlisted elements and attributes only, no
//! `on*`, no `style`, no script-capable URL scheme, escaped text, a safe lead image and safe
//! Markdown links). Every failing payload is reported before the test fails:
//! `cargo test --release --test xss -- --nocapture`.
//!
//! The browser half is `tests/e2e/xss.test.mjs`.

#[path = "xss/check.rs"]
mod check;

use klartext::{extract, Error, Options};
use serde_json::Value;

/// The corpus must not shrink below the size the hardening issue asks for.
const MIN_PAYLOADS: usize = 300;

struct Payload {
    id: u64,
    category: String,
    page: String,
}

fn corpus() -> Vec<Payload> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xss/payloads.json");
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(path).expect("tests/xss/payloads.json is readable"),
    )
    .expect("tests/xss/payloads.json is JSON");
    let template = json["template"].as_str().expect("a template");
    json["payloads"]
        .as_array()
        .expect("a payload list")
        .iter()
        .map(|p| {
            let id = p["id"].as_u64().expect("an id");
            let html = p["html"]
                .as_str()
                .expect("html")
                .replace("$XSS", &format!("__xss({id})"));
            let slot = match p["where"].as_str().expect("where") {
                "block" => "{{BLOCK}}",
                "inline" => "{{INLINE}}",
                "junk" => "{{JUNK}}",
                "head" => "{{HEAD}}",
                other => panic!("payload {id}: unknown slot {other}"),
            };
            let mut page = template.replace(slot, &html);
            for s in ["{{BLOCK}}", "{{INLINE}}", "{{JUNK}}", "{{HEAD}}"] {
                page = page.replace(s, "");
            }
            Payload {
                id,
                category: p["category"].as_str().expect("category").to_string(),
                page,
            }
        })
        .collect()
}

#[test]
fn checker_catches_what_it_must() {
    let bad = [
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" &#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"\u{1}vbscript:x\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<img srcset=\"/a.png 1x,javascript:x 2x\">",
        "<img srcset=\"/a.png (1x, javascript:x) 2x, data:text/html,x\">",
        "<p style=\"color:red\">x</p>",
        "<svg></svg>",
        "<p><script>x</script></p>",
        "<div id=\"kt-article\">x</div>",
        "<p>a < b</p>",
        "<p title='x'>y</p>",
        "<mi>outside math</mi>",
        "<!-- x -->",
        "<p>&copy</p>",
    ];
    for html in bad {
        assert!(!check::check_html(html).is_empty(), "not flagged: {html}");
    }
    let good = "<p class=\"klartext-video\"><a href=\"https://x.org/a?b=1&amp;c=2\">A &amp; B &lt;c&gt;</a></p>\
                <img src=\"data:image/png;base64,AAAA\" srcset=\"/a.png 1x, https://x.org/b.png 2x\" alt=\"&quot;\">\
                <math display=\"block\"><mi mathvariant=\"bold\">x</mi></math><a href=\"mailto:a@b.c\">m</a>";
    assert_eq!(check::check_html(good), Vec::<String>::new());
    assert!(!check::check_markdown("[x](javascript:alert(1))").is_empty());
    assert!(check::check_markdown("\\[x\\](javascript:alert(1))").is_empty());
}

/// The Markdown check reads code spans as CommonMark does, and errs on the strict side where
/// they meet links and autolinks.
#[test]
fn markdown_check_reads_code_spans() {
    // Inside a code span, text is code: shown as it is, no link.
    for md in [
        "`<javascript:alert(1)>`",
        "a `[x](javascript:y)` b",
        "``a`<img src=x onerror=alert(1)>`b``",
        "`a``<javascript:x>`",
        "\\\\`<javascript:x>`",
        "[`f()`](https://x.org/) `<b>`",
    ] {
        assert_eq!(check::check_markdown(md), Vec::<String>::new(), "{md}");
    }
    for md in [
        // Escaped backticks open no span; an escaped backslash does not escape.
        "\\`<javascript:x>\\`",
        "\\\\<javascript:x>",
        "\\\\](javascript:x)",
        // A run closes only with a run of the same length, on the same line.
        "`` <javascript:x> `",
        "`a <javascript:x> ``b",
        "` a\n<javascript:x> `",
        // A backtick inside an autolink or a link target opens no span.
        "<https://a.org/`> <javascript:x> `",
        "[a](https://a.org/`) <javascript:x> `",
        "[a](javascript:x`)`",
        // Spaces may stand before a link target.
        "[a]( javascript:x)",
        // `<` outside code: raw HTML.
        "<img src=x onerror=alert(1)>",
        "`a` <b>x</b> `c`",
    ] {
        assert!(!check::check_markdown(md).is_empty(), "not flagged: {md}");
    }
    // The export's code spans hold their text as it is, and pass.
    for html in [
        "<p><code>&lt;javascript:alert(1)&gt;</code></p>",
        "<p><code>a</code><code>``b`</code><code>&lt;img src=x onerror=alert(1)&gt;</code></p>",
        "<p>x\\<code>`&lt;javascript:y&gt;</code>`z</p>",
    ] {
        let md = klartext::html_to_markdown(html);
        assert!(md.contains('<'), "{md}");
        assert_eq!(
            check::check_markdown(&md),
            Vec::<String>::new(),
            "{html}\n{md}"
        );
    }
}

#[test]
fn no_payload_survives_extraction() {
    let payloads = corpus();
    assert!(
        payloads.len() >= MIN_PAYLOADS,
        "only {} payloads (at least {MIN_PAYLOADS} expected)",
        payloads.len()
    );
    let mut failures: Vec<String> = Vec::new();
    let mut extracted = 0usize;
    let mut errors: Vec<String> = Vec::new();
    for p in &payloads {
        for url in [
            Some(format!("http://127.0.0.1:8000/xss/{}.html", p.id)),
            None,
        ] {
            let options = Options {
                url: url.clone(),
                removed_blocks: true,
                ..Options::default()
            };
            match extract(&p.page, &options) {
                Ok(article) => {
                    extracted += 1;
                    let problems = check::check_article(&article);
                    if !problems.is_empty() {
                        failures.push(format!(
                            "payload {} ({}, url {:?}):\n      {}\n    content: {}",
                            p.id,
                            p.category,
                            url,
                            problems.join("\n      "),
                            article.content
                        ));
                    }
                    // The payload sits after the article's first paragraphs: they must be there.
                    if !article.text_content.contains("KT-FIRST") {
                        failures.push(format!(
                            "payload {} ({}): the article was not found around the payload: {:?}",
                            p.id,
                            p.category,
                            article.text_content.chars().take(200).collect::<String>()
                        ));
                    }
                }
                Err(Error::NoArticle) | Err(Error::NotHtml(_)) => {
                    errors.push(format!("payload {} ({})", p.id, p.category));
                }
                Err(e) => failures.push(format!("payload {}: unexpected error {e}", p.id)),
            }
        }
    }
    println!(
        "payloads: {} ({} extractions, {} articles, {} pages without an article: {})",
        payloads.len(),
        payloads.len() * 2,
        extracted,
        errors.len(),
        errors.join(", ")
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} extractions unsafe or without the article (see above)",
        failures.len(),
        payloads.len() * 2
    );
}

/// The same corpus through `html_to_markdown` directly (the wasm `toMarkdown(html)` takes any
/// HTML string): no unsafe link target may come out of it.
#[test]
fn markdown_of_raw_payloads_has_no_unsafe_links() {
    let mut failures = Vec::new();
    for p in corpus() {
        let md = klartext::html_to_markdown(&p.page);
        let problems = check::check_markdown(&md);
        if !problems.is_empty() {
            failures.push(format!("payload {}: {}", p.id, problems.join("; ")));
        }
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} payloads", failures.len());
}

/// A `<base>` inside the body (injected, or broken markup) must not send the article's
/// relative URLs to its host; the head's `<base>` still counts.
#[test]
fn only_the_heads_base_counts() {
    let para =
        "<p>A paragraph of the article, with commas, words, and a sentence that goes on.</p>";
    let body = format!(
        "<article><h1>T</h1>{para}<img src=\"/img/a.png\">{para}<base href=\"https://evil.example/\">\
         <a href=\"/next\">next</a>{para}</article>"
    );
    let options = Options::with_url("https://news.example.org/story");
    let injected = extract(
        &format!("<html><head></head><body>{body}</body></html>"),
        &options,
    )
    .expect("an article");
    assert!(
        !injected.content.contains("evil.example"),
        "{}",
        injected.content
    );
    assert!(injected
        .content
        .contains("https://news.example.org/img/a.png"));
    let declared = extract(
        &format!("<html><head><base href=\"https://cdn.example.net/x/\"></head><body>{body}</body></html>"),
        &options,
    )
    .expect("an article");
    assert!(
        declared
            .content
            .contains("https://cdn.example.net/img/a.png"),
        "{}",
        declared.content
    );
}
