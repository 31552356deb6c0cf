//! Pathological inputs through the real CLI (`env!("CARGO_BIN_EXE_klartext")`, one child
//! process per case, under `/usr/bin/time` for wall and CPU time and peak resident memory): a 50 MB
//! page, nesting 1,000,000 deep, 1,000,000 attributes on one element, a 20 MB text node,
//! 1,000,000 unclosed paragraphs, 100,000 nested links, 100,000 nested custom elements with
//! as many stray end tags, a 10 MB script full of `<!--` escapes, NUL bytes, invalid UTF-8
//! (the CLI's charset path), and binary files (PNG, PDF, gzip, all-NUL).
//!
//! Each case must end with a result (exit 0, one JSON line with the article) or a clear error
//! (exit 1, one JSON line `{"file", "error"}` with a message): never a panic (exit 101), an
//! abort or a crash by signal (a stack overflow is SIGSEGV/SIGABRT), never silence.
//!
//! Bounds, loose on purpose (the machine is shared; these catch runaways, not regressions):
//! - wall time ≤ 60 s per case;
//! - peak memory ≤ 192 × the input size + 256 MB. Dense markup is what costs: every element
//!   is a row of the node table plus parser and walker state, about 400 bytes, so a page of
//!   1,000,000 unclosed `<b>` (3 bytes each) peaks near 130 × its size; text costs far less.
//!
//! The table is printed on every run: `cargo test --release --test pathological -- --nocapture`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_klartext");
const MAX_SECONDS: f64 = 60.0;
const MEMORY_FACTOR: u64 = 192;
const MEMORY_BASE: u64 = 256 << 20;

const PARAGRAPH: &str = "<p>The harbour master keeps a ledger of every vessel that enters, \
    with its tonnage, its cargo, and the weather at the moment it passed the breakwater, \
    and the ledgers go back, without a gap, to the winter of 1887.</p>\n";

fn article_around(middle: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Harbour Ledgers</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Harbour Ledgers</h1>{p}{p}{middle}{p}{p}\
         </article><footer>Footer</footer></body></html>",
        p = PARAGRAPH
    )
}

/// The cases: name, what the input is, and its bytes.
fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut cases: Vec<(&'static str, Vec<u8>)> = Vec::new();

    // 50 MB: a long article with boilerplate between its sections.
    let mut big = String::with_capacity(51 << 20);
    big.push_str("<!doctype html><html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><article><h1>Big</h1>");
    let mut i = 0;
    while big.len() < 50 << 20 {
        big.push_str(PARAGRAPH);
        if i % 20 == 0 {
            let _ = write!(
                big,
                "<h2>Section {i}</h2><div class=\"share\"><a href=\"/s{i}\">Share</a></div>\
                 <figure><img src=\"/img/{i}.jpg\" alt=\"\"><figcaption>Figure {i}</figcaption></figure>"
            );
        }
        i += 1;
    }
    big.push_str("</article><footer>Footer</footer></body></html>");
    cases.push(("50 MB page", big.into_bytes()));

    // Nesting 1,000,000 deep.
    let depth = 1_000_000;
    let nested = article_around(&format!(
        "{}<p>At the bottom of a very deep page, with commas, text, and more text.</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    ));
    cases.push(("nesting depth 1e6 (div)", nested.into_bytes()));

    // The same depth without end tags, inline.
    let inline = article_around(&format!(
        "{}deep inline text, with commas, here",
        "<b>".repeat(depth)
    ));
    cases.push(("nesting depth 1e6 (<b>, unclosed)", inline.into_bytes()));

    // 1,000,000 unclosed paragraphs (each one closes the previous one in a browser).
    let mut unclosed = String::new();
    for n in 0..1_000_000 {
        let _ = write!(unclosed, "<p>p{n}, a");
    }
    cases.push(("1e6 unclosed <p>", article_around(&unclosed).into_bytes()));

    // 100,000 nested custom elements, then 100,000 end tags of another custom element: each
    // stray end tag is looked for among the open elements (a bounded search).
    let custom = article_around(&format!(
        "{}custom text, with commas{}",
        "<x-box>".repeat(100_000),
        "</x-other>".repeat(100_000)
    ));
    cases.push((
        "1e5 nested custom elements, 1e5 stray end tags",
        custom.into_bytes(),
    ));

    // A 10 MB script that keeps escaping and unescaping (`<!--`, `<script>`, `-->`), read by
    // the script data states before its end tag.
    let script = article_around(&format!(
        "<script>{}</script><p>after the script, with commas, text.</p>",
        "a<!--<script>b</script>c-->d".repeat(360_000)
    ));
    cases.push(("10 MB escaping script", script.into_bytes()));

    // 100,000 nested links (the adoption agency's worst case in browsers).
    let links = article_around(&format!(
        "{}link text, with commas",
        "<a href=\"/x\">".repeat(100_000)
    ));
    cases.push(("1e5 nested <a>", links.into_bytes()));

    // 1,000,000 attributes on one element.
    let mut attrs = String::with_capacity(16 << 20);
    attrs.push_str("<p");
    for n in 0..1_000_000 {
        let _ = write!(attrs, " a{n}=\"v\"");
    }
    attrs.push_str(
        " onclick=\"alert(1)\">A paragraph with very many attributes, and commas, and text.</p>",
    );
    cases.push((
        "1e6 attributes on one element",
        article_around(&attrs).into_bytes(),
    ));

    // One 20 MB text node.
    let words = "lantern keeper harbour ledger, ".repeat((20 << 20) / 31);
    cases.push((
        "20 MB text node",
        article_around(&format!("<p>{words}</p>")).into_bytes(),
    ));

    // NUL bytes in text, attribute values and names, and tag names.
    let nul = article_around(
        &"<p>Text\0with\0NULs, and commas,\0 here</p><img src=\"/a\0.png\" al\0t=\"x\"><d\0iv>tag\0name</d\0iv>"
            .repeat(2000),
    );
    cases.push(("NUL bytes throughout", nul.into_bytes()));

    // Invalid UTF-8: lone continuation bytes, truncated sequences, overlongs, surrogates.
    let mut invalid = Vec::new();
    invalid.extend_from_slice(
        b"<!doctype html><html><head><title>Broken \xff\xfe bytes</title></head><body><article>",
    );
    for _ in 0..2000 {
        invalid.extend_from_slice(PARAGRAPH.as_bytes());
        invalid.extend_from_slice(b"<p>\x80\xbf \xc0\xaf \xe0\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xc3 caf\xe9, na\xefve</p>");
    }
    invalid.extend_from_slice(b"</article></body></html>");
    cases.push(("invalid UTF-8", invalid));

    // Binary files.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x02\0\0\0".to_vec();
    png.extend((0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    cases.push(("PNG image", png));
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    pdf.extend((0..1_000_000u32).map(|i| (i.wrapping_mul(40_503) >> 8) as u8));
    cases.push(("PDF document", pdf));
    let mut gz = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03".to_vec();
    gz.extend((0..1_000_000u32).map(|i| (i.wrapping_mul(2_246_822_519) >> 16) as u8));
    cases.push(("gzip data", gz));
    cases.push(("1 MB of NUL bytes", vec![0u8; 1 << 20]));
    cases.push(("empty file", Vec::new()));
    cases
}

struct Outcome {
    status: String,
    result: String,
    seconds: f64,
    cpu_seconds: Option<f64>,
    peak_bytes: Option<u64>,
}

/// Runs `klartext extract --removed-blocks FILE` as a child, under /usr/bin/time when present.
fn run_case(dir: &Path, name: &str, input: &[u8]) -> Outcome {
    let file: PathBuf = dir.join(format!(
        "{}.html",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    ));
    std::fs::write(&file, input).expect("write the input");
    let out_path = file.with_extension("out.json");
    let time_path = file.with_extension("time");
    let out = std::fs::File::create(&out_path).expect("output file");
    let have_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if have_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%e %U %S %M")
            .arg("-o")
            .arg(&time_path)
            .arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(["extract", "--removed-blocks"])
        .arg(&file)
        .stdout(out);
    let started = Instant::now();
    let output = cmd.output().expect("run the CLI");
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // "%e %U %S %M": wall, user and system seconds, peak resident KB (the last line; a killed
    // child adds a line before it).
    let measured: Vec<String> = std::fs::read_to_string(&time_path)
        .ok()
        .and_then(|t| {
            t.lines()
                .last()
                .map(|l| l.split_whitespace().map(String::from).collect())
        })
        .unwrap_or_default();
    let number = |i: usize| measured.get(i).and_then(|v| v.parse::<f64>().ok());
    let cpu_seconds = number(1).zip(number(2)).map(|(u, s)| u + s);
    let peak_bytes = number(3).map(|kb| kb as u64 * 1024);
    // /usr/bin/time exits with the child's status, or 128+signal when it was killed.
    let status = match output.status.code() {
        Some(c) => format!("exit {c}"),
        None => "killed by a signal".to_string(),
    };
    let stdout = std::fs::read(&out_path).unwrap_or_default();
    let line = String::from_utf8_lossy(&stdout);
    let result = match serde_json::from_str::<serde_json::Value>(line.trim_end()) {
        Ok(v) if v.get("error").is_some() => {
            format!("error: {}", v["error"].as_str().unwrap_or("?"))
        }
        Ok(v) if v.get("textContent").is_some() => format!(
            "article: {} chars, {} removed blocks",
            v["length"],
            v["removedBlocks"].as_array().map_or(0, Vec::len)
        ),
        Ok(_) => "unexpected JSON".to_string(),
        Err(e) => format!(
            "no JSON line ({e}); stderr: {}",
            stderr.lines().take(3).collect::<Vec<_>>().join(" | ")
        ),
    };
    if stderr.contains("panicked") {
        return Outcome {
            status: format!("{status}, PANIC"),
            result: stderr.lines().take(2).collect::<Vec<_>>().join(" | "),
            seconds,
            cpu_seconds,
            peak_bytes,
        };
    }
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&time_path);
    Outcome {
        status,
        result,
        seconds,
        cpu_seconds,
        peak_bytes,
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
}

#[test]
fn pathological_inputs_end_with_a_result_or_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("klartext-pathological-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut failures = Vec::new();
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| case | input | status | result | wall time | CPU time | peak memory |\n|---|---|---|---|---|---|---|"
    );
    for (name, input) in cases() {
        let size = input.len() as u64;
        let o = run_case(&dir, name, &input);
        drop(input);
        let peak = o.peak_bytes.map_or("n/a".to_string(), mb);
        let cpu = o
            .cpu_seconds
            .map_or("n/a".to_string(), |c| format!("{c:.2} s"));
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {} | {:.2} s | {cpu} | {peak} |",
            mb(size),
            o.status,
            o.result,
            o.seconds
        );
        let ok_status = o.status == "exit 0" && o.result.starts_with("article")
            || o.status == "exit 1" && o.result.starts_with("error: ");
        if !ok_status {
            failures.push(format!("{name}: {} — {}", o.status, o.result));
        }
        if o.seconds > MAX_SECONDS {
            failures.push(format!(
                "{name}: {:.1} s (bound {MAX_SECONDS} s)",
                o.seconds
            ));
        }
        if let Some(peak) = o.peak_bytes {
            let bound = MEMORY_FACTOR * size + MEMORY_BASE;
            if peak > bound {
                failures.push(format!("{name}: peak {} (bound {})", mb(peak), mb(bound)));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("{table}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
