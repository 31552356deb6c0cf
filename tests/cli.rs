//! The `klartext` command line as a user runs it (`env!("CARGO_BIN_EXE_klartext")`): how bytes
//! become text (BOM, `<meta charset>`, `<meta http-equiv>`, `--encoding`, valid UTF-8 over a
//! stale meta, windows-1252, ISO-8859-2, Shift_JIS, EUC-KR, GBK, UTF-16), the JSON Lines batch
//! (a failing file in the middle: the batch goes on, the exit status is 1), `check`, every
//! `--format`, `-` for standard input, and usage errors (exit status 2).

use encoding_rs::Encoding;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_klartext");

/// A scratch directory of this test binary, one per test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klartext-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// An article page whose paragraphs carry `marker`; `head` goes into `<head>` first. ASCII
/// apart from the marker, so that every legacy encoding can carry it.
fn page(head: &str, marker: &str) -> String {
    let para = |n: usize| {
        format!(
            "<p>{marker} Absatz {n}: Die Stadtbibliothek bleibt offen, auch im Winter, \
             wenn der Kanal zufriert, die Strassenbahn ausfaellt und die Heizung knackt, \
             und die Leserinnen und Leser kommen trotzdem, jeden Morgen, puenktlich.</p>"
        )
    };
    format!(
        "<!doctype html><html><head>{head}<title>Die Bibliothek am Kanal</title></head><body>\
         <nav><a href=\"/\">Start</a> <a href=\"/kultur\">Kultur</a></nav>\
         <article><h1>Die Bibliothek am Kanal</h1>{}{}{}{}</article>\
         <footer>Impressum</footer></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write input");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the klartext binary runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the klartext binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("klartext exits")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Extracts one file as text (`--format text`) with extra arguments; asserts success.
fn text_of(path: &Path, extra: &[&str]) -> String {
    let mut args = vec!["extract", "--format", "text"];
    args.extend_from_slice(extra);
    let p = path.to_str().expect("utf-8 path");
    args.push(p);
    let o = run(&args);
    assert!(
        o.status.success(),
        "klartext {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

/// The page encoded in `label`, with `head` (a meta tag or nothing) and a marker in the body.
fn encoded(label: &str, head: &str, marker: &str) -> Vec<u8> {
    let enc = Encoding::for_label(label.as_bytes()).expect("known label");
    let html = page(head, marker);
    let (bytes, _, unmappable) = enc.encode(&html);
    assert!(!unmappable, "{label} cannot encode the test page");
    bytes.into_owned()
}

#[test]
fn charset_utf8_bom() {
    let dir = scratch("bom");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(page("", "Grüße aus Köln").as_bytes());
    let f = write(&dir, "bom.html", &bytes);
    let text = text_of(&f, &[]);
    assert!(text.contains("Grüße aus Köln"), "{text}");
    assert!(!text.contains('\u{feff}'));
}

#[test]
fn charset_bom_beats_meta_and_utf16() {
    let dir = scratch("bom16");
    // A UTF-8 BOM wins over a meta tag naming another encoding.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(page("<meta charset=\"iso-8859-2\">", "Żółć Grüße").as_bytes());
    let f = write(&dir, "bom-meta.html", &bytes);
    assert!(text_of(&f, &[]).contains("Żółć Grüße"));
    // UTF-16LE with its BOM.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in page("", "Grüße sechzehn").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let f = write(&dir, "utf16le.html", &bytes);
    assert!(text_of(&f, &[]).contains("Grüße sechzehn"));
}

#[test]
fn charset_meta_charset_windows_1252() {
    let dir = scratch("1252");
    let bytes = encoded(
        "windows-1252",
        "<meta charset=\"windows-1252\">",
        "“Café” – naïve €5",
    );
    let f = write(&dir, "cp1252.html", &bytes);
    let text = text_of(&f, &[]);
    assert!(text.contains("“Café” – naïve €5"), "{text}");
}

#[test]
fn charset_undeclared_legacy_bytes_read_as_windows_1252() {
    let dir = scratch("nometa");
    let bytes = encoded("windows-1252", "", "Grüße, Señor");
    assert!(std::str::from_utf8(&bytes).is_err());
    let f = write(&dir, "nometa.html", &bytes);
    assert!(text_of(&f, &[]).contains("Grüße, Señor"));
}

#[test]
fn charset_http_equiv_iso_8859_2() {
    let dir = scratch("8859-2");
    let bytes = encoded(
        "iso-8859-2",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">",
        "Łódź, Żółć, Szczecin",
    );
    let f = write(&dir, "latin2.html", &bytes);
    let text = text_of(&f, &[]);
    assert!(text.contains("Łódź, Żółć, Szczecin"), "{text}");
}

#[test]
fn charset_shift_jis() {
    let dir = scratch("sjis");
    let bytes = encoded(
        "shift_jis",
        "<meta charset=\"Shift_JIS\">",
        "東京の図書館、日本語",
    );
    let f = write(&dir, "sjis.html", &bytes);
    assert!(text_of(&f, &[]).contains("東京の図書館、日本語"));
}

#[test]
fn charset_euc_kr() {
    let dir = scratch("euckr");
    let bytes = encoded(
        "euc-kr",
        "<meta http-equiv=\"content-type\" content=\"text/html;charset=euc-kr\">",
        "서울 도서관, 한국어",
    );
    let f = write(&dir, "euckr.html", &bytes);
    assert!(text_of(&f, &[]).contains("서울 도서관, 한국어"));
}

#[test]
fn charset_gbk() {
    let dir = scratch("gbk");
    let bytes = encoded("gbk", "<meta charset=gbk>", "北京图书馆，中文");
    let f = write(&dir, "gbk.html", &bytes);
    assert!(text_of(&f, &[]).contains("北京图书馆，中文"));
}

#[test]
fn charset_valid_utf8_wins_over_a_stale_meta() {
    let dir = scratch("stale");
    let html = page("<meta charset=\"iso-8859-1\">", "Grüße, Straße");
    let f = write(&dir, "stale.html", html.as_bytes());
    let text = text_of(&f, &[]);
    assert!(text.contains("Grüße, Straße"), "{text}");
    assert!(!text.contains("GrÃ¼"), "{text}");
}

#[test]
fn charset_encoding_override() {
    let dir = scratch("override");
    // No meta at all: the bytes are windows-1251, which detection would read as windows-1252.
    let bytes = encoded("windows-1251", "", "Библиотека у канала");
    let f = write(&dir, "cp1251.html", &bytes);
    assert!(!text_of(&f, &[]).contains("Библиотека"));
    assert!(text_of(&f, &["--encoding", "windows-1251"]).contains("Библиотека у канала"));
    // The override also beats a meta tag that names another encoding.
    let bytes = encoded("koi8-r", "<meta charset=\"iso-8859-1\">", "Читальный зал");
    let f = write(&dir, "koi8.html", &bytes);
    assert!(text_of(&f, &["--encoding", "KOI8-R"]).contains("Читальный зал"));
    // An unknown label is the input's error: a JSON error line and exit status 1.
    let o = run(&[
        "extract",
        "--encoding",
        "no-such-charset",
        f.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o);
    assert!(lines[0]["error"]
        .as_str()
        .expect("an error")
        .contains("no-such-charset"));
}

#[test]
fn batch_goes_on_after_a_failing_file() {
    let dir = scratch("batch");
    let a = write(&dir, "a.html", page("", "Erste Seite").as_bytes());
    let png = write(
        &dir,
        "b.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
    );
    let missing = dir.join("missing.html");
    let empty = write(
        &dir,
        "empty.html",
        b"<html><body><nav>menu</nav></body></html>",
    );
    let c = write(&dir, "c.html", page("", "Letzte Seite").as_bytes());
    let files: Vec<&str> = [&a, &png, &missing, &empty, &c]
        .iter()
        .map(|p| p.to_str().expect("path"))
        .collect();
    let mut args = vec!["extract"];
    args.extend(&files);
    let o = run(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failed input means exit status 1"
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 5, "one line per input, in order");
    for (line, file) in lines.iter().zip(&files) {
        assert_eq!(line["file"], *file);
    }
    assert!(lines[0]["textContent"]
        .as_str()
        .expect("text")
        .contains("Erste Seite"));
    assert!(lines[1]["error"].as_str().expect("error").contains("PNG"));
    assert!(lines[2]["error"]
        .as_str()
        .expect("error")
        .contains("cannot read"));
    assert!(lines[3]["error"].as_str().is_some());
    assert!(lines[4]["textContent"]
        .as_str()
        .expect("text")
        .contains("Letzte Seite"));
    assert!(lines[0]["title"].as_str().is_some());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("3 of 5 inputs failed"), "{stderr}");
}

#[test]
fn extract_json_fields_and_removed_blocks() {
    let dir = scratch("json");
    let f = write(&dir, "a.html", page("", "Feld").as_bytes());
    let o = run(&[
        "extract",
        "--url",
        "https://example.org/kultur/bibliothek.html",
        "--removed-blocks",
        f.to_str().expect("path"),
    ]);
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    let a = &lines[0];
    for key in [
        "title",
        "byline",
        "dir",
        "lang",
        "content",
        "textContent",
        "length",
        "excerpt",
        "siteName",
        "publishedTime",
        "leadImage",
        "wordCount",
        "removed",
        "removedBlocks",
    ] {
        assert!(a.get(key).is_some(), "missing {key}: {a}");
    }
    assert_eq!(a["title"], "Die Bibliothek am Kanal");
}

#[test]
fn formats_html_text_markdown() {
    let dir = scratch("formats");
    let html = page("", "Format").replace(
        "<h1>Die Bibliothek am Kanal</h1>",
        "<h1>Die Bibliothek am Kanal</h1><p>Mit <em>Betonung</em>, <a href=\"/mehr\">Link</a> und <b>fett</b>, damit alle Formate etwas zu tun haben, auch im Winter.</p>",
    );
    let f = write(&dir, "a.html", html.as_bytes());
    let p = f.to_str().expect("path");
    let url = "https://example.org/kultur/a.html";

    let o = run(&["extract", "--format", "html", "--url", url, p]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.trim_start().starts_with('<'), "{out}");
    assert!(out.contains("<em>Betonung</em>"), "{out}");
    assert!(out.contains("href=\"https://example.org/mehr\""), "{out}");
    assert!(!out.contains("<nav") && !out.contains("Impressum"), "{out}");

    let o = run(&["extract", "--format", "text", "--url", url, p]);
    let out = stdout(&o);
    assert!(!out.contains('<'), "{out}");
    assert!(out.contains("Mit Betonung, Link und fett"), "{out}");

    let o = run(&["extract", "--format", "markdown", "--url", url, p]);
    let out = stdout(&o);
    assert!(out.starts_with("# Die Bibliothek am Kanal"), "{out}");
    assert!(out.contains("_Betonung_"), "{out}");
    assert!(out.contains("[Link](https://example.org/mehr)"), "{out}");
    assert!(out.contains("**fett**"), "{out}");

    // A failing input in a non-JSON format: reported on stderr, exit status 1.
    let bad = write(&dir, "bad.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    let o = run(&["extract", "--format", "text", bad.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("PDF"));
}

#[test]
fn stdin_as_dash() {
    let html = page("<meta charset=\"windows-1252\">", "Eingabe über stdin");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
    let o = run_stdin(&["extract", "--format", "text", "-"], &bytes);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("Eingabe über stdin"));
    let o = run_stdin(&["extract", "-"], html.as_bytes());
    let lines = json_lines(&o);
    assert_eq!(lines[0]["file"], "-");
    let o = run_stdin(&["check", "-"], html.as_bytes());
    assert_eq!(json_lines(&o)[0]["readerable"], true);
}

#[test]
fn check_tells_articles_from_other_pages() {
    let dir = scratch("check");
    let article = write(&dir, "article.html", page("", "Prüfung").as_bytes());
    let index = write(
        &dir,
        "index.html",
        b"<html><body><nav><a href=/a>A</a><a href=/b>B</a></nav><p>Hello.</p></body></html>",
    );
    let missing = dir.join("missing.html");
    let o = run(&[
        "check",
        article.to_str().expect("path"),
        index.to_str().expect("path"),
        missing.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "the missing file fails the batch");
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["readerable"], true);
    assert_eq!(lines[1]["readerable"], false);
    assert!(lines[2]["error"].as_str().is_some());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["extract"],
        vec!["extract", "--format", "pdf", "x.html"],
        vec!["extract", "--bogus", "x.html"],
        vec!["extract", "--url"],
        vec!["frobnicate", "x.html"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}: a message on stderr");
    }
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("USAGE"));
    let o = run(&["--version"]);
    assert!(stdout(&o).starts_with("klartext "));
}
