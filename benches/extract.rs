//! Native benchmark of `klartext::extract` (issue 5), with the lol_html floor beside it.
//!
//! ```text
//! cargo bench --bench extract -- [DIR] [--min-secs S] [--scaling-max MB] [--no-scaling]
//!                                      [--json PATH]
//! ```
//!
//! * **Corpus**: every `*.html` in DIR (default: `tests/fixtures/` when it has any, else the
//!   seed page folder `$KLARTEXT_CORPUS/seed/html`, `KLARTEXT_CORPUS` defaulting to
//!   `../shared/corpus`) is read and decoded into memory first, as the CLI decodes it
//!   (`charset::decode(&bytes, None)`). One warm-up round (which also measures the peak heap
//!   of each page), then timed rounds until both engines have run for `--min-secs` (default
//!   2): Klartext's `extract` and the floor, one bare lol_html pass (`element!("*")` and
//!   `doc_text!` handlers doing trivial work, output discarded), alternating round by round
//!   over the same strings. Printed: pages/s, MB/s, p50/p95/max per page (each page's
//!   median over the rounds), the floor's MB/s and the ratio of the two, and the peak heap,
//!   also less the floor's own peak on the same page (lol_html's buffers, a few KB on any
//!   page, which is most of the peak on pages of a few hundred bytes).
//! * **Scaling**: synthetic pages (a realistic article block repeated to 100 KB, 1 MB,
//!   10 MB, and 50 MB with `--scaling-max 50` or `KLARTEXT_BENCH_SCALING_MAX=50`; `<div>`
//!   nesting 1e3, 1e4, 1e5 deep), each in a child process of this same binary so that a
//!   crash (say, a stack overflow) or a run over the time limit is reported and the rest
//!   goes on, and so that its peak RSS is its own.
//!
//! MB means 10^6 bytes of the decoded UTF-8 input. Heap figures come from the counting
//! allocator (`benches/alloc`): bytes live above what was live before the call, i.e. not
//! counting the input string itself. Nothing here asserts on time.

use klartext::{charset, extract, Options};
use klartext_bench_alloc::CountingAlloc;
use lol_html::{doc_text, element, HtmlRewriter, Settings};
use serde_json::{json, Value};
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[global_allocator]
static HEAP: CountingAlloc = CountingAlloc;

const MB: f64 = 1e6;
const MIB: f64 = 1024.0 * 1024.0;
/// A scaling case still running after this long is stopped and reported as such.
const CASE_TIMEOUT: Duration = Duration::from_secs(180);
/// Timed runs of one scaling case stop after this much time (at least one run each).
const CASE_MIN_SECS: f64 = 1.0;
const CASE_MAX_RUNS: usize = 7;

struct Args {
    dir: Option<PathBuf>,
    min_secs: f64,
    scaling_max_mb: usize,
    scaling: bool,
    json: Option<PathBuf>,
    case: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let env_max = std::env::var("KLARTEXT_BENCH_SCALING_MAX")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    let mut args = Args {
        dir: None,
        min_secs: 2.0,
        scaling_max_mb: env_max.unwrap_or(10),
        scaling: true,
        json: None,
        case: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            // cargo bench appends --bench to a harness = false target's arguments.
            "--bench" => {}
            "--min-secs" => {
                args.min_secs = value("--min-secs")?
                    .parse()
                    .map_err(|e| format!("--min-secs: {e}"))?
            }
            "--scaling-max" => {
                args.scaling_max_mb = value("--scaling-max")?
                    .parse()
                    .map_err(|e| format!("--scaling-max (MB): {e}"))?
            }
            "--no-scaling" => args.scaling = false,
            "--json" => args.json = Some(PathBuf::from(value("--json")?)),
            "--scaling-case" => args.case = Some(value("--scaling-case")?),
            "-h" | "--help" => {
                return Err(
                    "usage: cargo bench --bench extract -- [DIR] [--min-secs S] \
                            [--scaling-max MB] [--no-scaling] [--json PATH]"
                        .into(),
                )
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => args.dir = Some(PathBuf::from(s)),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(case) = &args.case {
        return match run_case(case) {
            Ok(v) => {
                println!("CASE {v}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let dir = match args.dir.clone().map(Ok).unwrap_or_else(default_dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let corpus = match corpus_bench(&dir, args.min_secs) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let scaling = if args.scaling {
        scaling_bench(args.scaling_max_mb)
    } else {
        Value::Null
    };
    if let Some(path) = &args.json {
        let report = json!({ "corpus": corpus, "scaling": scaling });
        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        match std::fs::write(path, text + "\n") {
            Ok(()) => println!("\nJSON written to {}", path.display()),
            Err(e) => eprintln!("could not write {}: {e}", path.display()),
        }
    }
    ExitCode::SUCCESS
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "html"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn default_dir() -> Result<PathBuf, String> {
    let fixtures = manifest_dir().join("tests/fixtures");
    if !html_files(&fixtures).is_empty() {
        return Ok(fixtures);
    }
    let corpus = std::env::var("KLARTEXT_CORPUS").unwrap_or_else(|_| "../shared/corpus".into());
    let corpus = Path::new(&corpus);
    let corpus = if corpus.is_absolute() {
        corpus.to_path_buf()
    } else {
        manifest_dir().join(corpus)
    };
    let seed = corpus.join("seed/html");
    if html_files(&seed).is_empty() {
        return Err(format!(
            "no pages: tests/fixtures/ has no .html and neither has {}; pass a folder",
            seed.display()
        ));
    }
    Ok(seed)
}

// ------------------------------------------------------------------ the two engines

fn run_extract(html: &str) -> Result<usize, String> {
    extract(html, &Options::default())
        .map(|a| black_box(a.content.len() + a.text_content.len()))
        .map_err(|e| e.to_string())
}

/// Builds the rules' tables, which are built once per process on first use, so that the peak
/// heap measured next is the page's own and not theirs: the page has a class (the class/id
/// words), a link (the share endpoints) and a label (the label vocabulary).
fn build_rule_tables() {
    let _ = run_extract(
        "<html><body><article class=story><p>A warm-up paragraph with \
         <a href=\"https://example.com/a\">a link</a>.</p><div>Anzeige</div></article></body></html>",
    );
}

/// The floor: one lol_html pass with an element handler on every element and a document
/// text handler, both trivial; output discarded.
fn floor_pass(html: &str) -> usize {
    let mut elements = 0usize;
    let mut text = 0usize;
    {
        let settings = Settings::new()
            .append_element_content_handler(element!("*", |_el| {
                elements += 1;
                Ok(())
            }))
            .append_document_content_handler(doc_text!(|chunk| {
                text += chunk.as_str().len();
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // Errors only come from handlers (none here) or memory limits (none set).
        let _ = rewriter.write(html.as_bytes());
        let _ = rewriter.end();
    }
    black_box(elements + text)
}

/// Runs `f` once and returns (seconds, heap bytes at peak above the baseline, result).
fn measured<T>(f: impl FnOnce() -> T) -> (f64, usize, T) {
    let base = CountingAlloc::reset_peak();
    let t0 = Instant::now();
    let out = f();
    let secs = t0.elapsed().as_secs_f64();
    let peak = CountingAlloc::peak().saturating_sub(base);
    (secs, peak, out)
}

// ------------------------------------------------------------------ statistics

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Where the largest value is (the last of equals, as `max_by` picks; 0 when there are none).
fn index_of_max(values: &[f64]) -> usize {
    values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    pct(&v, 50.0)
}

fn fmt_bytes(b: usize) -> String {
    let b = b as f64;
    if b >= MIB {
        format!("{:.1} MiB", b / MIB)
    } else if b >= 1024.0 {
        format!("{:.0} KiB", b / 1024.0)
    } else {
        format!("{b:.0} B")
    }
}

// ------------------------------------------------------------------ corpus benchmark

struct Page {
    name: String,
    html: String,
}

fn corpus_bench(dir: &Path, min_secs: f64) -> Result<Value, String> {
    let files = html_files(dir);
    if files.is_empty() {
        return Err(format!("no .html files in {}", dir.display()));
    }
    let mut pages = Vec::with_capacity(files.len());
    let mut raw_bytes = 0usize;
    let mut undecodable = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        raw_bytes += bytes.len();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match charset::decode(&bytes, None) {
            Ok((text, _)) => pages.push(Page {
                name,
                html: text.into_owned(),
            }),
            Err(e) => undecodable.push(format!("{name}: {e}")),
        }
    }
    let n = pages.len();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    println!("== Klartext native benchmark: extract over a folder of pages");
    println!(
        "folder {}: {n} pages, {:.2} MB decoded ({:.2} MB on disk){}",
        dir.display(),
        bytes as f64 / MB,
        raw_bytes as f64 / MB,
        if undecodable.is_empty() {
            String::new()
        } else {
            format!(", {} not decodable", undecodable.len())
        }
    );

    build_rule_tables();
    // Warm-up round, which also measures each page's peak heap (and the floor's).
    let mut peaks = Vec::with_capacity(n);
    let mut floor_peaks = Vec::with_capacity(n);
    let mut errors = Vec::new();
    for p in &pages {
        let (_, peak, out) = measured(|| run_extract(&p.html));
        if let Err(e) = out {
            errors.push(format!("{}: {e}", p.name));
        }
        peaks.push(peak);
        let (_, floor_peak, _) = measured(|| floor_pass(&p.html));
        floor_peaks.push(floor_peak);
    }

    // Timed rounds, the two engines alternating round by round; each stops once it has
    // run for min_secs (so the faster floor goes on alone for a while).
    let mut kt_samples: Vec<Vec<f64>> = vec![Vec::new(); n];
    let mut fl_samples: Vec<Vec<f64>> = vec![Vec::new(); n];
    let (mut kt_total, mut fl_total) = (0.0f64, 0.0f64);
    let (mut kt_rounds, mut fl_rounds) = (0usize, 0usize);
    while kt_total < min_secs || fl_total < min_secs || kt_rounds == 0 || fl_rounds == 0 {
        if kt_total < min_secs || kt_rounds == 0 {
            let t0 = Instant::now();
            for (i, p) in pages.iter().enumerate() {
                let t = Instant::now();
                let _ = black_box(run_extract(&p.html));
                kt_samples[i].push(t.elapsed().as_secs_f64());
            }
            kt_total += t0.elapsed().as_secs_f64();
            kt_rounds += 1;
        }
        if fl_total < min_secs || fl_rounds == 0 {
            let t0 = Instant::now();
            for (i, p) in pages.iter().enumerate() {
                let t = Instant::now();
                black_box(floor_pass(&p.html));
                fl_samples[i].push(t.elapsed().as_secs_f64());
            }
            fl_total += t0.elapsed().as_secs_f64();
            fl_rounds += 1;
        }
    }
    let kt_page: Vec<f64> = kt_samples.iter().map(|s| median(s)).collect();
    let fl_page: Vec<f64> = fl_samples.iter().map(|s| median(s)).collect();
    let mut kt_sorted = kt_page.clone();
    kt_sorted.sort_by(f64::total_cmp);
    let mut fl_sorted = fl_page.clone();
    fl_sorted.sort_by(f64::total_cmp);
    let page_ratio: Vec<f64> = kt_page
        .iter()
        .zip(&fl_page)
        .map(|(k, f)| k / f.max(1e-9))
        .collect();
    let slowest = index_of_max(&kt_page);

    let kt_pps = (n * kt_rounds) as f64 / kt_total;
    let kt_mbs = (bytes * kt_rounds) as f64 / MB / kt_total;
    let fl_pps = (n * fl_rounds) as f64 / fl_total;
    let fl_mbs = (bytes * fl_rounds) as f64 / MB / fl_total;
    // Time per round (one pass over every page), Klartext over the floor.
    let ratio = (kt_total / kt_rounds as f64) / (fl_total / fl_rounds as f64);
    println!(
        "after 1 warm-up round, alternating: {kt_rounds} rounds of extract ({kt_total:.2} s), \
         {fl_rounds} of the floor ({fl_total:.2} s)"
    );
    println!();
    println!(
        "{:<28} {:>9} {:>8} {:>9} {:>9} {:>9}",
        "engine", "pages/s", "MB/s", "p50 ms", "p95 ms", "max ms"
    );
    for (label, pps, mbs, sorted) in [
        ("klartext extract (2 passes)", kt_pps, kt_mbs, &kt_sorted),
        ("floor: 1 bare lol_html pass", fl_pps, fl_mbs, &fl_sorted),
    ] {
        println!(
            "{label:<28} {pps:>9.1} {mbs:>8.1} {:>9.3} {:>9.3} {:>9.3}",
            pct(sorted, 50.0) * 1e3,
            pct(sorted, 95.0) * 1e3,
            pct(sorted, 100.0) * 1e3
        );
    }
    println!(
        "ratio klartext / floor: {ratio:.2}x time per round (per page: median {:.2}x, p95 {:.2}x)",
        median(&page_ratio),
        {
            let mut r = page_ratio.clone();
            r.sort_by(f64::total_cmp);
            pct(&r, 95.0)
        }
    );
    println!(
        "slowest page: {} ({:.3} ms, {:.0} KB)",
        pages[slowest].name,
        kt_page[slowest] * 1e3,
        pages[slowest].html.len() as f64 / 1e3
    );

    // Memory.
    let largest = pages
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.html.len())
        .map(|(i, _)| i)
        .unwrap_or(0);
    let (_, largest_peak, _) = measured(|| run_extract(&pages[largest].html));
    let (_, largest_floor_peak, _) = measured(|| floor_pass(&pages[largest].html));
    let largest_len = pages[largest].html.len();
    let largest_ratio = largest_peak as f64 / largest_len as f64;
    let max_peak = peaks
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| **p)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let ratios: Vec<f64> = peaks
        .iter()
        .zip(&pages)
        .map(|(pk, p)| *pk as f64 / p.html.len().max(1) as f64)
        .collect();
    let mut ratios_sorted = ratios.clone();
    ratios_sorted.sort_by(f64::total_cmp);
    // What Klartext holds beyond lol_html's own buffers (the bare pass's peak on the same
    // page: a few KB however small the page, which dominates pages of a few hundred bytes).
    let own: Vec<f64> = peaks
        .iter()
        .zip(&floor_peaks)
        .zip(&pages)
        .map(|((pk, fl), p)| pk.saturating_sub(*fl) as f64 / p.html.len().max(1) as f64)
        .collect();
    let mut own_sorted = own.clone();
    own_sorted.sort_by(f64::total_cmp);
    let max_own_page = index_of_max(&own);
    let max_floor_peak = floor_peaks.iter().copied().max().unwrap_or(0);
    let max_ratio_page = index_of_max(&ratios);
    println!();
    println!("peak heap during one extract (bytes live above the input):");
    println!(
        "  largest page {} ({}): {} = {largest_ratio:.2}x its size (floor pass: {})",
        pages[largest].name,
        fmt_bytes(largest_len),
        fmt_bytes(largest_peak),
        fmt_bytes(largest_floor_peak)
    );
    println!(
        "  highest of all pages: {} on {} ({})",
        fmt_bytes(peaks[max_peak]),
        pages[max_peak].name,
        fmt_bytes(pages[max_peak].html.len())
    );
    println!(
        "  peak / page size over all pages: median {:.2}x, p95 {:.2}x, max {:.2}x ({})",
        pct(&ratios_sorted, 50.0),
        pct(&ratios_sorted, 95.0),
        pct(&ratios_sorted, 100.0),
        pages[max_ratio_page].name
    );
    println!(
        "  beyond the bare pass's own peak on the same page (at most {}): median {:.2}x, p95 {:.2}x, max {:.2}x ({})",
        fmt_bytes(max_floor_peak),
        pct(&own_sorted, 50.0),
        pct(&own_sorted, 95.0),
        pct(&own_sorted, 100.0),
        pages[max_own_page].name
    );
    println!(
        "  whole run: heap peak {} (all {n} pages held in memory: {})",
        fmt_bytes(CountingAlloc::peak_all()),
        fmt_bytes(bytes)
    );
    if !errors.is_empty() {
        println!("\n{} page(s) gave an error:", errors.len());
        for e in errors.iter().take(10) {
            println!("  {e}");
        }
    }
    for e in &undecodable {
        println!("  not decodable: {e}");
    }

    Ok(json!({
        "dir": dir.display().to_string(),
        "pages": n,
        "bytes": bytes,
        "raw_bytes": raw_bytes,
        "rounds": { "klartext": kt_rounds, "floor": fl_rounds },
        "errors": errors,
        "klartext": {
            "seconds": kt_total, "pages_per_s": kt_pps, "mb_per_s": kt_mbs,
            "p50_ms": pct(&kt_sorted, 50.0) * 1e3, "p95_ms": pct(&kt_sorted, 95.0) * 1e3,
            "max_ms": pct(&kt_sorted, 100.0) * 1e3,
        },
        "floor": {
            "seconds": fl_total, "pages_per_s": fl_pps, "mb_per_s": fl_mbs,
            "p50_ms": pct(&fl_sorted, 50.0) * 1e3, "p95_ms": pct(&fl_sorted, 95.0) * 1e3,
            "max_ms": pct(&fl_sorted, 100.0) * 1e3,
        },
        "ratio_total": ratio,
        "ratio_per_page_median": median(&page_ratio),
        "memory": {
            "largest_page": pages[largest].name, "largest_bytes": largest_len,
            "largest_peak": largest_peak, "largest_peak_ratio": largest_ratio,
            "largest_floor_peak": largest_floor_peak,
            "max_peak": peaks[max_peak], "max_peak_page": pages[max_peak].name,
            "peak_ratio_median": pct(&ratios_sorted, 50.0),
            "peak_ratio_p95": pct(&ratios_sorted, 95.0),
            "peak_ratio_max": pct(&ratios_sorted, 100.0),
            "own_peak_ratio_median": pct(&own_sorted, 50.0),
            "own_peak_ratio_p95": pct(&own_sorted, 95.0),
            "own_peak_ratio_max": pct(&own_sorted, 100.0),
            "floor_peak_max": max_floor_peak,
            "run_peak": CountingAlloc::peak_all(),
        },
    }))
}

// ------------------------------------------------------------------ scaling

const ARTICLE_BLOCK: &str = r#"<section class="article-section">
<h2>Eine Stadt am Fluss, die sich neu erfindet</h2>
<p>Als die letzte Werft im Herbst schloss, rechnete kaum jemand damit, dass das Hafenviertel
zehn Jahre später zu den gefragtesten Adressen der Region gehören würde. Die Stadtverwaltung
kaufte die Hallen, vermietete sie zunächst an Künstler und kleine Handwerksbetriebe und ließ
sich Zeit mit einem Bebauungsplan, der, so die Baudezernentin, <em>„mit den Menschen und
nicht gegen sie“</em> entstehen sollte.</p>
<p>Heute arbeiten in den ehemaligen Montagehallen rund 1.400 Menschen, darunter Entwickler,
Tischler, eine Brauerei und ein Institut der <a href="/wissen/hochschule">Technischen
Hochschule</a>. Die Mieten sind gestiegen, aber langsamer als anderswo, weil die Stadt einen
Teil der Flächen dauerhaft in eigener Hand behält &amp; nur auf Zeit vergibt.</p>
<figure class="image"><img src="/bilder/hafen-halle-3.jpg" alt="Halle 3 am Abend" width="1200"
height="675" loading="lazy"><figcaption>Halle 3 am Abend. Foto: Redaktion</figcaption></figure>
<p>Kritiker bemängeln, dass der Wandel vor allem Zugezogenen nutze. „Wer hier früher gearbeitet
hat, kann sich die neuen Wohnungen nicht leisten“, sagt <strong>Marta Lindholm</strong>, die
vierzig Jahre lang als Schweißerin auf der Werft stand. Der Stadtrat will deshalb bis 2030
weitere 600 geförderte Wohnungen bauen lassen; ob das reicht, ist umstritten.</p>
<blockquote><p>Man kann eine Stadt nicht planen wie ein Schiff. Sie wächst, während man an ihr
baut.</p></blockquote>
<ul><li>Fläche des Quartiers: 42 Hektar</li><li>Investitionen seit 2014: 310 Millionen Euro</li>
<li>Geplante Fertigstellung: 2031</li></ul>
</section>
"#;

fn article_page(target: usize) -> String {
    let head = r#"<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Hafenviertel: Eine Stadt erfindet sich neu | Beispielzeitung</title>
<meta property="og:title" content="Hafenviertel: Eine Stadt erfindet sich neu">
<meta name="author" content="Jana Beispiel"><link rel="stylesheet" href="/style.css">
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body><header class="site-header"><nav class="main-nav"><ul><li><a href="/">Start</a></li>
<li><a href="/politik">Politik</a></li><li><a href="/wirtschaft">Wirtschaft</a></li>
<li><a href="/kultur">Kultur</a></li></ul></nav></header>
<main><article class="story"><h1>Hafenviertel: Eine Stadt erfindet sich neu</h1>
<p class="byline">Von Jana Beispiel</p>
"#;
    let tail = r#"</article><aside class="related"><h3>Mehr zum Thema</h3><ul>
<li><a href="/a/1">Neue Brücke eröffnet</a></li><li><a href="/a/2">Mieten im Vergleich</a></li>
</ul></aside></main><footer class="site-footer"><p>© Beispielzeitung. Impressum ·
Datenschutz</p></footer></body></html>
"#;
    let mut s = String::with_capacity(target + ARTICLE_BLOCK.len() + head.len() + tail.len());
    s.push_str(head);
    while s.len() + tail.len() < target {
        s.push_str(ARTICLE_BLOCK);
    }
    s.push_str(tail);
    s
}

fn nested_page(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 11 + 600);
    s.push_str("<!DOCTYPE html><html><head><title>Deeply nested</title></head><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str("<p>");
    for _ in 0..4 {
        s.push_str(
            "Ein Absatz tief unten in der Verschachtelung, mit genug Text, damit er als \
             Artikel zählt, und mit Kommas, Punkten, und noch einem Satz. ",
        );
    }
    s.push_str("</p>");
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    s
}

fn case_list(max_mb: usize) -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for (label, bytes) in [
        ("100 KB", 100_000usize),
        ("1 MB", 1_000_000),
        ("10 MB", 10_000_000),
        ("50 MB", 50_000_000),
    ] {
        if bytes <= max_mb.max(1) * 1_000_000 || bytes == 100_000 {
            cases.push((format!("article {label}"), format!("article:{bytes}")));
        }
    }
    for (label, depth) in [("1e3", 1_000usize), ("1e4", 10_000), ("1e5", 100_000)] {
        cases.push((format!("div depth {label}"), format!("nest:{depth}")));
    }
    cases
}

/// Peak resident set size of this process (Linux), in bytes.
fn vm_hwm() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Child side: one scaling case, as a JSON object.
fn run_case(spec: &str) -> Result<Value, String> {
    let (kind, n) = spec
        .split_once(':')
        .ok_or_else(|| format!("bad case {spec}"))?;
    let n: usize = n.parse().map_err(|e| format!("bad case {spec}: {e}"))?;
    let html = match kind {
        "article" => article_page(n),
        "nest" => nested_page(n),
        _ => return Err(format!("bad case kind {kind}")),
    };
    build_rule_tables();
    // First run: cold, and where the peak heap is measured.
    let (first, peak, out) = measured(|| run_extract(&html));
    let (out_len, error) = match out {
        Ok(len) => (len, None),
        Err(e) => (0, Some(e)),
    };
    let (_, floor_peak, _) = measured(|| floor_pass(&html));
    let mut kt = Vec::new();
    let mut fl = Vec::new();
    let t0 = Instant::now();
    while kt.is_empty() || (t0.elapsed().as_secs_f64() < CASE_MIN_SECS && kt.len() < CASE_MAX_RUNS)
    {
        let t = Instant::now();
        let _ = black_box(run_extract(&html));
        kt.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(floor_pass(&html));
        fl.push(t.elapsed().as_secs_f64());
    }
    Ok(json!({
        "bytes": html.len(),
        "first_s": first,
        "median_s": median(&kt),
        "floor_median_s": median(&fl),
        "runs": kt.len(),
        "peak": peak,
        "floor_peak": floor_peak,
        "rss_peak": vm_hwm(),
        "output_bytes": out_len,
        "error": error,
    }))
}

/// Parent side: runs every case in a child process with a time limit.
fn scaling_bench(max_mb: usize) -> Value {
    println!();
    println!(
        "== Scaling: synthetic pages, each in its own process (up to {max_mb} MB; \
         --scaling-max 50 adds 50 MB)"
    );
    println!(
        "{:<18} {:>9} {:>10} {:>8} {:>9} {:>7} {:>10} {:>7} {:>9}  note",
        "case",
        "input MB",
        "median ms",
        "MB/s",
        "floor MB/s",
        "ratio",
        "peak heap",
        "peak/in",
        "RSS peak"
    );
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            println!("cannot find this binary: {e}");
            return Value::Null;
        }
    };
    let mut results = Vec::new();
    for (label, spec) in case_list(max_mb) {
        let outcome = run_child(&exe, &spec);
        match outcome {
            Ok(v) => {
                let get = |k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
                let bytes = get("bytes");
                let med = get("median_s");
                let fmed = get("floor_median_s");
                let peak = get("peak");
                let note = match v.get("error").and_then(Value::as_str) {
                    Some(e) => format!("error: {e}"),
                    None => format!("first run {:.1} ms", get("first_s") * 1e3),
                };
                println!(
                    "{label:<18} {:>9.2} {:>10.2} {:>8.1} {:>9.1} {:>6.2}x {:>10} {:>6.2}x {:>9}  {note}",
                    bytes / MB,
                    med * 1e3,
                    bytes / MB / med,
                    bytes / MB / fmed,
                    med / fmed,
                    fmt_bytes(peak as usize),
                    peak / bytes,
                    v.get("rss_peak")
                        .and_then(Value::as_u64)
                        .map(|r| fmt_bytes(r as usize))
                        .unwrap_or_else(|| "?".into()),
                );
                results.push(json!({ "case": label, "result": v }));
            }
            Err(e) => {
                println!("{label:<18} {e}");
                results.push(json!({ "case": label, "failure": e }));
            }
        }
    }
    println!(
        "(median of up to {CASE_MAX_RUNS} runs after a first run; peak heap measured on the \
         first run, above the input; RSS peak is the whole child process, input included)"
    );
    Value::Array(results)
}

fn run_child(exe: &Path, spec: &str) -> Result<Value, String> {
    let mut child = Command::new(exe)
        .args(["--scaling-case", spec])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start: {e}"))?;
    let t0 = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if t0.elapsed() > CASE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "stopped after {} s (time limit)",
                    CASE_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("wait failed: {e}")),
        }
    };
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    if !status.success() {
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(format!("CRASHED ({status}): {last}"));
    }
    out.lines()
        .find_map(|l| l.strip_prefix("CASE "))
        .ok_or_else(|| "no result from the child process".to_string())
        .and_then(|j| serde_json::from_str(j).map_err(|e| e.to_string()))
}
