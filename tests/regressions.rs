//! Every input the fuzzer (`fuzz/`, see fuzz/README.md) has crashed, minimized and inline, run
//! the way the fuzz target runs it: the first byte picks the options, the rest goes through
//! `charset::decode`, `extract` (removed blocks on) with the safety check of
//! `tests/xss/check.rs`, `is_probably_readerable` and `html_to_markdown`. A new crash becomes
//! one more test here, named after what broke, with the date it was found.

#[path = "xss/check.rs"]
mod check;
#[path = "xss/fuzz_input.rs"]
mod fuzz_input;

/// The fuzz target's body (fuzz/fuzz_targets/extract.rs runs the same function).
use fuzz_input::run as run_like_the_fuzzer;
use klartext::html_to_markdown;

/// 2026-11-27, fuzz run 1 after ~28,700 executions: a `srcset` descriptor ending in a
/// multi-byte character (`×`, here from a lone 0xD7 byte read as windows-1252) was sliced
/// inside that character by `sanitize::srcset_candidates` → panic. Fixed in 059a18d.
#[test]
fn srcset_descriptor_ending_in_a_multibyte_character() {
    run_like_the_fuzzer(b"\x04<img srcset=\"/\n\xd7\">");
    // The same in UTF-8 and with other non-ASCII endings.
    run_like_the_fuzzer("\x00<p>text</p><img srcset=\"/a.png 2×\">".as_bytes());
    run_like_the_fuzzer("\x00<img srcset=\"/a.png 1ª, /b.png 2x€\">".as_bytes());
}

/// Found while writing the XSS corpus (payload 64, not by the fuzzer): `<style>` inside
/// `<select>` is ambiguous for a streaming parser; in lol_html's strict mode the rewriter
/// stopped with an error and `html_to_markdown` then used the poisoned rewriter → panic.
#[test]
fn ambiguous_raw_text_element_in_select() {
    run_like_the_fuzzer(
        b"\x04<article><p>One, two, three.</p><select><style></select><img src=x onerror=alert(1)></style><p>after</p></article>",
    );
    let md = html_to_markdown("<select><style></select><p>x</p></style>");
    assert!(md.len() < 100);
}

/// 2026-11-27, fuzz run 3 after ~41,000 executions: an href that starts with `<` is a
/// relative URL to a browser (safe in HTML), but the Markdown export wrote it raw into
/// `[text](<f:)`, where `<...>` is CommonMark's pointy destination: `<javascript:alert(1)>`
/// became a Markdown link to `javascript:alert(1)`. Fixed in markdown.rs (`<` and `>`
/// percent-encoded in link and image targets).
#[test]
fn markdown_link_target_starting_with_angle_bracket() {
    run_like_the_fuzzer(b"\"<a href=<f:>\xff");
    for page in [
        "<article><p><a href=\"<javascript:alert(1)>\">text</a></p></article>",
        "<article><p><a href=\"&lt;javascript:alert(1)&gt;\">text</a></p></article>",
        "<article><p><img src=\"<javascript:alert(1)>\" alt=\"x\"></p></article>",
    ] {
        let md = html_to_markdown(page);
        assert!(check::check_markdown(&md).is_empty(), "{md}");
        assert!(!md.contains("(<"), "{md}");
    }
}

/// 2026-11-28, fuzz run after ~211,000 executions: text in a table cell went into the
/// Markdown export unescaped (only `|` was), so a cell reading `<scheme:...>` (`&lt;...&gt;`
/// in the page) was a CommonMark autolink, `<javascript:alert(1)>` included. The fuzzer's
/// input was a malformed page whose whole article sat in a cell; this is the same by hand.
/// Fixed in 51301f4 (cell text escaped like any text).
#[test]
fn markdown_autolink_in_a_table_cell() {
    let prose = "The gearbox housing came apart after a week of soaking, with every bolt, \
                 washer and gasket laid out on the bench in the order it came off. ";
    let page = format!(
        "\x00<html><body><article><h1>The gearbox</h1><p>{}</p><table><tr><td>{}\
         &lt;javascript:alert(1)&gt;</td><td>[x](javascript:y)</td></tr></table></article>\
         </body></html>",
        prose.repeat(3),
        prose
    );
    run_like_the_fuzzer(page.as_bytes());
}

/// 2026-11-28, fuzz run after ~320,000 executions: `<math/>` (no content, no end tag) was
/// written as an open `<math>` that nothing closed, and MathML's policy stayed on for what
/// followed: an HTML `<mo>` in a removed block went out as MathML, outside any `<math>`.
/// Minimized by libFuzzer. Fixed in render.rs (self-closed SVG and MathML elements are
/// written closed).
#[test]
fn self_closed_math_element_left_open() {
    run_like_the_fuzzer(b"e<p>\x91<math/> <table><mo>\xe2`</mo><body>`");
}

/// 2026-11-28, fuzz run after ~166,000 executions: text of a `<pre>` read `<ta:text/html,…>`,
/// which the Markdown export writes inside a fenced code block, where CommonMark makes no
/// autolink of it; the check, which then read every line, flagged it. The check now skips
/// the lines of the writer's fences (see `check::check_markdown`) and still reads the rest.
#[test]
fn autolink_like_text_inside_a_code_block() {
    let code = [
        "<pre>&lt;javascript:alert(1)&gt;</pre>",
        "<pre>```\n&lt;javascript:alert(1)&gt;\n```</pre><p>after</p>",
        "<ul><li><pre>&lt;javascript:alert(1)&gt;</pre></li></ul>",
        "<blockquote><pre>&lt;javascript:alert(1)&gt;</pre></blockquote>",
    ];
    for html in code {
        let md = html_to_markdown(html);
        assert!(md.contains("<javascript:alert(1)>"), "{md}");
        assert!(check::check_markdown(&md).is_empty(), "{html}\n{md}");
    }
    // After a fence, after text ending in backticks, and after a fence line the writer never
    // writes (one with an info string, which CommonMark would accept), the check still reads.
    for md in [
        "```\ncode\n```\n<javascript:x>\n",
        "````\n```\n````\n<javascript:x>\n",
        "text ```\n<javascript:x>\n",
        "```js\n<javascript:x>\n",
    ] {
        assert!(!check::check_markdown(md).is_empty(), "{md}");
    }
}

/// 2026-11-28, fuzz run after ~273,000 executions: `<p><nav><math><mo>…</mo><body>x`. The
/// malformed nesting made two overlapping removed blocks, the `<nav>` and the `<mo>` inside
/// its `<math>`; the second block's HTML was a slice of the first's output, `<mo>…</mo>`,
/// MathML outside `<math>`. A block that starts inside a written `<math>` now gets `<math>`
/// around it.
#[test]
fn removed_block_inside_another_blocks_math() {
    run_like_the_fuzzer(b"\xff<p><nav><math><mo>\xe2\x88</mo><body>x");
}
