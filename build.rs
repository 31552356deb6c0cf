//! Lists the seed pages of the shared corpus for the browser tests (which cannot read files
//! at run time): `$OUT_DIR/seed_pages.rs` holds `SEED_PAGES: &[(name, html, expectations)]`,
//! embedded with `include_str!` from the corpus folder, or an empty list when the corpus is
//! absent (the tests then say they skipped). The corpus folder is `$KLARTEXT_CORPUS`, by
//! default `../shared/corpus` next to the crate. Nothing is copied into the repository.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=KLARTEXT_CORPUS");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let corpus = std::env::var("KLARTEXT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../shared/corpus"));
    let seed = corpus.join("seed");
    let mut list = String::from("pub const SEED_PAGES: &[(&str, &str, &str)] = &[\n");
    if let Ok(entries) = std::fs::read_dir(seed.join("expectations")) {
        println!("cargo:rerun-if-changed={}", seed.display());
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for expect in names {
            let Some(stem) = expect.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let html = seed.join("html").join(format!("{stem}.html"));
            if let (Ok(h), Ok(e)) = (html.canonicalize(), expect.canonicalize()) {
                let _ = writeln!(
                    list,
                    "    ({stem:?}, include_str!({h:?}), include_str!({e:?})),"
                );
            }
        }
    }
    list.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("seed_pages.rs");
    if let Err(e) = std::fs::write(&out, list) {
        panic!("cannot write {}: {e}", out.display());
    }
}
