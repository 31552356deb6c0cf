//! Extraction quality on the shared corpora, with the public Zyte benchmark's metric (the same
//! as `../shared/tools/score.py`): `\w+` tokens, multisets of 4-token shingles, per-page
//! normalised tp/fp/fn, precision and recall averaged over pages, F1 = 2PR/(P+R).
//!
//! Every page's score is printed (with `--nocapture`), then each corpus mean is held to the
//! floor committed in `tests/corpus-floors.json`: a ratchet, raised when quality improves.
//! The corpus folder is `$KLARTEXT_CORPUS` (default `../shared/corpus`); a corpus that is
//! absent is skipped with a message.

use klartext::{charset, extract, Options};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn corpus_root() -> PathBuf {
    std::env::var("KLARTEXT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, u32> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks.to_vec(), 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Normalised (tp, fp, fn) of one page.
fn page_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (tt, pt) = (tokens(truth), tokens(pred));
    let (t, p) = (shingles(&tt), shingles(&pt));
    let mut tp = 0u64;
    let mut fp = 0u64;
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        tp += pc.min(tc) as u64;
        fp += pc.saturating_sub(tc) as u64;
    }
    let fn_: u64 = t
        .iter()
        .map(|(k, &tc)| tc.saturating_sub(p.get(k).copied().unwrap_or(0)) as u64)
        .sum();
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
}

struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn score_corpus(name: &str, dir: &Path) -> Option<Score> {
    let truth_path = dir.join("ground-truth.json");
    let Ok(truth) = std::fs::read_to_string(&truth_path) else {
        eprintln!(
            "SKIPPED {name}: no {} (set KLARTEXT_CORPUS)",
            truth_path.display()
        );
        return None;
    };
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&truth).expect("ground truth is JSON");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0usize, 0.0, 0usize);
    let mut pages: Vec<(f64, String)> = Vec::new();
    for id in ids {
        let want = truth[id]["articleBody"].as_str().unwrap_or("");
        let pred = match std::fs::read(dir.join("html").join(format!("{id}.html"))) {
            Ok(bytes) => {
                let html = charset::decode(&bytes, None)
                    .map(|(t, _)| t.into_owned())
                    .unwrap_or_default();
                extract(&html, &Options::default())
                    .map(|a| a.text_content)
                    .unwrap_or_default()
            }
            Err(_) => String::new(),
        };
        let (tp, fp, fn_) = page_counts(want, &pred);
        let exact = fp == 0.0 && fn_ == 0.0;
        let precision = if exact {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        };
        let recall = if exact {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        };
        if tp + fp > 0.0 || exact {
            p_sum += precision;
            p_n += 1;
        }
        if tp + fn_ > 0.0 || exact {
            r_sum += recall;
            r_n += 1;
        }
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        println!("{name}\t{id}\tF1 {f1:.3}\tP {precision:.3}\tR {recall:.3}");
        pages.push((f1, id.clone()));
    }
    let precision = p_sum / p_n.max(1) as f64;
    let recall = r_sum / r_n.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    pages.sort_by(|a, b| a.0.total_cmp(&b.0));
    let worst: Vec<String> = pages
        .iter()
        .take(10)
        .map(|(f, id)| format!("{id} {f:.3}"))
        .collect();
    eprintln!(
        "{name}: {} pages, F1 {f1:.4} P {precision:.4} R {recall:.4}; worst: {}",
        pages.len(),
        worst.join(", ")
    );
    Some(Score {
        precision,
        recall,
        f1,
    })
}

#[test]
fn corpus_means_hold_their_floors() {
    let floors: HashMap<String, f64> = serde_json::from_str(include_str!("corpus-floors.json"))
        .expect("corpus-floors.json is a map of corpus name to F1 floor");
    let root = corpus_root();
    let mut below = Vec::new();
    let mut scored = 0;
    let mut names: Vec<&String> = floors.keys().collect();
    names.sort();
    for name in names {
        let Some(s) = score_corpus(name, &root.join(name)) else {
            continue;
        };
        scored += 1;
        let floor = floors[name];
        eprintln!(
            "{name}: F1 {:.4} (P {:.4}, R {:.4}), floor {floor}",
            s.f1, s.precision, s.recall
        );
        if s.f1 < floor {
            below.push(format!("{name}: F1 {:.4} < floor {floor}", s.f1));
        }
    }
    if scored == 0 {
        eprintln!("SKIPPED: no corpus found under {}", root.display());
    }
    assert!(
        below.is_empty(),
        "quality dropped below the ratchet: {}",
        below.join("; ")
    );
}
