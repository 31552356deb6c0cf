//! The seed page (the page Klartext was created from) against its expectations, natively.
//! Reads `$KLARTEXT_CORPUS/seed` (default `../shared/corpus/seed`); skips with a message when
//! the corpus is absent.

mod common;

use klartext::{extract, Options};
use std::path::PathBuf;

fn corpus() -> PathBuf {
    std::env::var("KLARTEXT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

#[test]
fn seed_pages_meet_their_expectations() {
    let dir = corpus().join("seed");
    let Ok(entries) = std::fs::read_dir(dir.join("expectations")) else {
        eprintln!(
            "SKIPPED: no seed corpus at {} (set KLARTEXT_CORPUS)",
            dir.display()
        );
        return;
    };
    let mut checked = 0;
    let mut report = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let expect: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable expectations"))
                .expect("expectations are JSON");
        let source = expect["source"]
            .as_str()
            .expect("expectations name their source");
        let html = std::fs::read_to_string(dir.join(source)).expect("readable seed page");
        let article = extract(&html, &Options::default()).expect("the seed page extracts");
        let json = serde_json::to_value(&article).expect("article serialises");
        let failures = common::check(&json, &expect);
        eprintln!("{}: {} failures", path.display(), failures.len());
        for f in &failures {
            report.push(format!("{}: {f}", path.display()));
        }
        checked += 1;
    }
    assert!(checked > 0, "no expectations found");
    assert!(
        report.is_empty(),
        "seed expectations failed:\n{}",
        report.join("\n")
    );
}

#[test]
fn seed_page_removed_blocks_are_counted_by_category() {
    let path = corpus().join("seed/html/it-boltwise-nato.html");
    let Ok(html) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: no seed page at {}", path.display());
        return;
    };
    let article = extract(&html, &Options::default()).expect("extracts");
    let count = |c: klartext::Category| {
        article
            .removed
            .iter()
            .find(|r| r.category == c)
            .map_or(0, |r| r.count)
    };
    use klartext::Category::*;
    // Three ad slots (header, two in the text, one in the sidebar box), one job widget, the
    // comment prompt and form, the newsletter box, the related posts, the share bars.
    assert!(count(Ad) >= 3, "{:?}", article.removed);
    assert_eq!(count(Jobs), 1, "{:?}", article.removed);
    assert!(count(Comments) >= 2, "{:?}", article.removed);
    assert!(count(Newsletter) >= 1, "{:?}", article.removed);
    assert!(count(Related) >= 1, "{:?}", article.removed);
    assert!(count(Share) >= 1, "{:?}", article.removed);
    assert!(count(Promo) >= 1, "{:?}", article.removed);
}
