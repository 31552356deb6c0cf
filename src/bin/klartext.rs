//! The `klartext` command line: the same core as the extension, for batches and measuring.

use klartext::{charset, extract, is_probably_readerable, Article, Options};
use serde::Serialize;
use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
klartext: reader mode for HTML pages

USAGE:
    klartext extract [--url URL] [--format json|html|text|markdown] [--encoding LABEL]
                     [--removed-blocks] FILE...
    klartext check [--encoding LABEL] FILE...
    klartext debug [--encoding LABEL] FILE...
    klartext --help | --version

COMMANDS:
    extract   Extract the article of each FILE ('-' reads standard input).
    check     Tell whether each FILE is probably an article (is_probably_readerable):
              JSON Lines {\"file\": PATH, \"readerable\": true|false}.
    debug     Print the node table of each FILE with counts, scores and decisions.

OPTIONS:
    --url URL         The page URL; relative links and images are resolved against it.
                      Without it, the page's canonical URL (or og:url) is used if present.
    --format FORMAT   json (default): one JSON object per input per line (JSON Lines), in
                      input order: {\"file\": PATH, title, byline, dir, lang, content,
                      textContent, length, excerpt, siteName, publishedTime, leadImage,
                      wordCount, removed: [{category, count}]}; a failing input gives
                      {\"file\": PATH, \"error\": MESSAGE} and the batch goes on.
                      html: the sanitised article HTML; text: the article as plain text;
                      markdown: the article as Markdown (title, byline, body).
    --removed-blocks  Also list every removed block (removedBlocks: category, sanitised html,
                      text, position = textContent line it stood before, or null).
    --encoding LABEL  Read the input in this encoding (e.g. windows-1252, shift_jis) instead
                      of detecting it (BOM, valid UTF-8, <meta charset>, else windows-1252).

EXIT STATUS:
    0 when every input succeeded, 1 when any failed, 2 on a usage error.
";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Html,
    Text,
    Markdown,
}

struct Args {
    command: String,
    url: Option<String>,
    format: Format,
    encoding: Option<String>,
    removed_blocks: bool,
    files: Vec<String>,
}

fn parse_args(argv: Vec<String>) -> Result<Args, String> {
    let mut it = argv.into_iter();
    let command = it.next().ok_or("no command given")?;
    let mut args = Args {
        command,
        url: None,
        format: Format::Json,
        encoding: None,
        removed_blocks: false,
        files: Vec::new(),
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--url" => args.url = Some(it.next().ok_or("--url needs a value")?),
            "--encoding" => args.encoding = Some(it.next().ok_or("--encoding needs a value")?),
            "--format" => {
                args.format = match it.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("html") => Format::Html,
                    Some("text") => Format::Text,
                    Some("markdown" | "md") => Format::Markdown,
                    Some(other) => return Err(format!("unknown format {other:?}")),
                    None => return Err("--format needs a value".into()),
                }
            }
            "--removed-blocks" => args.removed_blocks = true,
            "-" => args.files.push(arg),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => args.files.push(arg),
        }
    }
    if args.files.is_empty() {
        return Err("no input files".into());
    }
    Ok(args)
}

fn read_input(path: &str, encoding: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    let (text, _) = charset::decode(&bytes, encoding)?;
    Ok(text.into_owned())
}

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    #[serde(flatten)]
    article: &'a Article,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    file: &'a str,
    error: String,
}

#[derive(Serialize)]
struct CheckLine<'a> {
    file: &'a str,
    readerable: bool,
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match argv.first().map(String::as_str) {
        None | Some("--help" | "-h" | "help") => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("klartext {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let args = match parse_args(argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("klartext: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for file in &args.files {
        let result = read_input(file, args.encoding.as_deref());
        let written = match args.command.as_str() {
            "extract" => {
                let options = Options {
                    url: args.url.clone(),
                    removed_blocks: args.removed_blocks,
                    ..Options::default()
                };
                let outcome =
                    result.and_then(|html| extract(&html, &options).map_err(|e| e.to_string()));
                if outcome.is_err() {
                    failed += 1;
                }
                write_article(&mut out, file, outcome, args.format)
            }
            "debug" => match result
                .and_then(|html| klartext::debug_table(&html).map_err(|e| e.to_string()))
            {
                Ok(table) => write!(out, "{table}"),
                Err(error) => {
                    failed += 1;
                    eprintln!("klartext: {file}: {error}");
                    Ok(())
                }
            },
            "check" => match result {
                Ok(html) => json_line(
                    &mut out,
                    &CheckLine {
                        file,
                        readerable: is_probably_readerable(&html),
                    },
                ),
                Err(error) => {
                    failed += 1;
                    json_line(&mut out, &ErrorLine { file, error })
                }
            },
            other => {
                eprintln!("klartext: unknown command {other:?}\n\n{HELP}");
                return ExitCode::from(2);
            }
        };
        if let Err(e) = written {
            eprintln!("klartext: cannot write output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed > 0 {
        eprintln!("klartext: {failed} of {} inputs failed", args.files.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_article(
    out: &mut impl Write,
    file: &str,
    outcome: Result<Article, String>,
    format: Format,
) -> std::io::Result<()> {
    match (outcome, format) {
        (Ok(article), Format::Json) => json_line(
            out,
            &Line {
                file,
                article: &article,
            },
        ),
        (Ok(article), Format::Html) => writeln!(out, "{}", article.content),
        (Ok(article), Format::Text) => writeln!(out, "{}", article.text_content),
        (Ok(article), Format::Markdown) => {
            write!(out, "{}", klartext::article_to_markdown(&article))
        }
        (Err(error), Format::Json) => json_line(out, &ErrorLine { file, error }),
        (Err(error), _) => {
            eprintln!("klartext: {file}: {error}");
            Ok(())
        }
    }
}

/// Writes one JSON object on one line. JSON allows U+2028, U+2029 and U+0085 raw inside
/// strings, but line-oriented readers (Python's `splitlines`, JavaScript before ES2019) break
/// lines there, so they are escaped too.
fn json_line(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    let mut line = serde_json::to_string(value)?;
    if line.contains(['\u{2028}', '\u{2029}', '\u{85}']) {
        line = line
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
            .replace('\u{85}', "\\u0085");
    }
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")
}
