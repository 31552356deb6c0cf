//! `klartext debug`: the node table with counts, hints, scores and decisions, one element per
//! line and indented by depth, for tuning the rules.

use crate::analyse::analyse;
use crate::decide::{self, Action, Out};
use crate::error::Error;
use crate::metadata;
use std::fmt::Write;

/// Prints the table of `html` (elements outside `<body>` and empty leaves are left out).
pub fn debug_table(html: &str) -> Result<String, Error> {
    let analysis = analyse(html)?;
    let meta = metadata::resolve(&analysis);
    let known = decide::Known::from_metadata(&meta);
    let d = decide::decide(&analysis.nodes, &known);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# title={:?} byline={:?} root={} kept_chars={} trusted_classes={}",
        meta.title, meta.byline, d.root, d.kept_chars, d.trusted_classes
    );
    let _ = writeln!(
        s,
        "# id  action  text/link/commas  score  weight  junk/label/out  element"
    );
    for (i, n) in analysis.nodes.iter().enumerate() {
        if n.text == 0 && n.end == i as u32 && d.out[i].is_none() {
            continue;
        }
        let action = match d.actions[i] {
            Action::Keep => "KEEP",
            Action::Drop => "drop",
            Action::Outside => "out ",
        };
        let score = if d.scores[i].is_nan() {
            String::from("-")
        } else {
            format!("{:.1}", d.scores[i])
        };
        let why = match d.out[i] {
            Some(Out::Junk(c)) => c.as_str().to_string(),
            Some(Out::Silent) => "silent".to_string(),
            None => String::new(),
        };
        let _ = writeln!(
            s,
            "{:>5} {} {:>5}/{}/{} {:>6} {:>4} {:?}/{:?}/{} {}{}{}",
            i,
            action,
            n.text,
            n.link_text,
            n.commas,
            score,
            n.weight,
            n.junk.map(|c| c.as_str()),
            n.label.map(|c| c.as_str()),
            why,
            "  ".repeat((n.depth as usize).min(40)),
            n.tag.name(),
            if i as u32 == d.root { "  <== root" } else { "" },
        );
    }
    Ok(s)
}
