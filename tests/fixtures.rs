//! Hand-written fixture pages, one structure or one kind of boilerplate each, against their
//! expectations: `tests/fixtures/<case>.html` with `tests/fixtures/<case>.json` (the seed's
//! expectation format plus the optional keys documented in `common::check`).
//!
//! Every fixture is extracted and checked, and every failure of every fixture is printed
//! before the test fails, so one run shows the whole picture:
//! `cargo test --release --test fixtures -- --nocapture`.

mod common;

use klartext::{extract, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Each fixture names at least this many body passages, so every one asserts real content.
const MIN_PASSAGES: usize = 3;
/// The suite covers at least this many cases; fewer means fixtures went missing.
const MIN_FIXTURES: usize = 30;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Checks one fixture; returns its failures (empty when it meets its expectations).
fn check_fixture(dir: &Path, json_path: &Path) -> Vec<String> {
    let expect: Value = match std::fs::read_to_string(json_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return vec![format!("unreadable expectations: {e}")],
    };

    // The expectations themselves must ask for something real.
    let mut problems = Vec::new();
    let passages = expect["contains_in_order"].as_array().map_or(0, Vec::len);
    if passages < MIN_PASSAGES {
        problems.push(format!(
            "expectations name {passages} passages in contains_in_order, need {MIN_PASSAGES}"
        ));
    }
    if expect["title"].as_str().is_none_or(str::is_empty) {
        problems.push("expectations name no title".to_string());
    }
    let Some(url) = expect["url"].as_str() else {
        problems.push("expectations name no url".to_string());
        return problems;
    };
    let Some(source) = expect["source"].as_str() else {
        problems.push("expectations name no source".to_string());
        return problems;
    };
    if !problems.is_empty() {
        return problems;
    }

    let html = match std::fs::read_to_string(dir.join(source)) {
        Ok(h) => h,
        Err(e) => return vec![format!("unreadable page {source}: {e}")],
    };
    let options = Options {
        url: Some(url.to_string()),
        ..Default::default()
    };
    let article = match std::panic::catch_unwind(|| extract(&html, &options)) {
        Ok(Ok(article)) => article,
        Ok(Err(e)) => return vec![format!("extraction failed: {e}")],
        Err(_) => return vec!["extraction panicked".to_string()],
    };
    let json = serde_json::to_value(&article).expect("an Article serialises");
    common::check(&json, &expect)
}

#[test]
fn fixtures_meet_their_expectations() {
    let dir = fixtures_dir();
    let expectations = files_with_extension(&dir, "json");
    let mut failed: Vec<String> = Vec::new();
    let mut passed = 0;

    for json_path in &expectations {
        let name = json_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let failures = check_fixture(&dir, json_path);
        if failures.is_empty() {
            eprintln!("ok    {name}");
            passed += 1;
        } else {
            eprintln!("FAIL  {name}: {} failure(s)", failures.len());
            for f in &failures {
                eprintln!("          {f}");
            }
            failed.push(name);
        }
    }

    // A page without expectations is a fixture nobody checks.
    for html_path in files_with_extension(&dir, "html") {
        if !html_path.with_extension("json").exists() {
            let name = html_path.display().to_string();
            eprintln!("FAIL  {name}: no expectations file next to it");
            failed.push(name);
        }
    }

    eprintln!(
        "\nfixtures: {} checked, {passed} passed, {} failed",
        expectations.len(),
        failed.len()
    );
    assert!(
        expectations.len() >= MIN_FIXTURES,
        "only {} fixtures found in {}",
        expectations.len(),
        dir.display()
    );
    assert!(
        failed.is_empty(),
        "{} fixture(s) failed (details above): {}",
        failed.len(),
        failed.join(", ")
    );
}
