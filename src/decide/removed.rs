//! What the render pass does with each element, and what was removed: the blocks, their
//! categories, and the actions that render them on demand.

use super::*;

pub(super) fn actions(nodes: &[Node], out: &[Option<Out>], region: &[u32]) -> Vec<Action> {
    let mut actions = vec![Action::Drop; nodes.len()];
    // Ancestors of the region are `Outside`.
    for &r in region {
        let mut p = nodes[r as usize].parent;
        while p != NONE && actions[p as usize] != Action::Outside {
            actions[p as usize] = Action::Outside;
            p = nodes[p as usize].parent;
        }
    }
    for &r in region {
        let r = r as usize;
        for i in r..=(nodes[r].end as usize).min(nodes.len() - 1) {
            let parent = nodes[i].parent;
            let parent_kept =
                i == r || (parent != NONE && actions[parent as usize] == Action::Keep);
            actions[i] = if parent_kept && out[i].is_none() {
                Action::Keep
            } else {
                Action::Drop
            };
        }
    }
    actions
}

/// The removed blocks: every outermost removed block with a category, and outermost
/// uncategorised blocks with something to show that hold no categorised one (as "other").
pub(super) fn removed_blocks(
    nodes: &[Node],
    out: &[Option<Out>],
    actions: &[Action],
) -> Vec<(u32, Category)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    let n = nodes.len();
    // Walk in document order, jumping over the subtree of every block we count or skip.
    while i < n {
        let node = &nodes[i];
        let skip_to = (node.end as usize + 1).min(n);
        match (actions[i], out[i]) {
            (Action::Outside, _) | (Action::Keep, None) => {
                i += 1;
                continue;
            }
            (_, Some(Out::Silent)) => {}
            (_, Some(Out::Junk(cat))) => blocks.push((i as u32, cat)),
            (Action::Drop, None) => {
                // Outside the article and unclassified: its categorised parts are counted;
                // if it has none, it counts as "other" when it had anything to show.
                let before = blocks.len();
                let mut j = i + 1;
                while j < skip_to {
                    match out[j] {
                        Some(Out::Junk(cat)) => {
                            blocks.push((j as u32, cat));
                            j = nodes[j].end as usize + 1;
                        }
                        Some(Out::Silent) => j = nodes[j].end as usize + 1,
                        None => j += 1,
                    }
                }
                let visible = nodes[i..skip_to]
                    .iter()
                    .zip(&out[i..skip_to])
                    .any(|(d, o)| o.is_none() && (d.text > 1 || d.has(flag::IMAGE)));
                if blocks.len() == before && visible && node.tag != Tag::Head {
                    blocks.push((i as u32, infer_category(&nodes[i..skip_to])));
                }
            }
        }
        i = skip_to.max(i + 1);
    }
    blocks
}

/// Actions that render only the given removed blocks, whole: inside a block everything is
/// kept except what is never content (scripts, hidden elements, form controls).
pub fn block_actions(
    nodes: &[Node],
    out: &[Option<Out>],
    blocks: &[(u32, Category)],
) -> Vec<Action> {
    let mut actions = vec![Action::Drop; nodes.len()];
    for &(b, _) in blocks {
        let b = b as usize;
        for i in b..=(nodes[b].end as usize).min(nodes.len() - 1) {
            let parent = nodes[i].parent;
            let parent_kept =
                i == b || (parent != NONE && actions[parent as usize] == Action::Keep);
            if parent_kept && (i == b || out[i] != Some(Out::Silent)) {
                actions[i] = Action::Keep;
            }
        }
    }
    actions
}

/// What an unclassified block around the article is, from what it holds: a label near its
/// start ("Kommentare"), consent text, share buttons, an e-mail or comment field.
pub(super) fn infer_category(subtree: &[Node]) -> Category {
    let scan = &subtree[..subtree.len().min(rules::INFER_SCAN_NODES)];
    if let Some(label) = scan
        .iter()
        .take(rules::LABEL_LEAD_NODES)
        .find_map(|n| n.label)
    {
        return label;
    }
    let text: u32 = scan.iter().map(|n| n.text).sum();
    let links = scan
        .iter()
        .filter(|n| n.tag == Tag::A && n.has(flag::IN_LINK))
        .count();
    let shares = scan.iter().filter(|n| n.has(flag::SHARE_LINK)).count();
    if scan.iter().any(|n| n.has(flag::COOKIE_TEXT)) && text < rules::COOKIE_BANNER_MAX_CHARS {
        Category::Cookie
    } else if links > 0 && shares * 2 >= links {
        Category::Share
    } else if scan.iter().any(|n| n.has(flag::EMAIL_INPUT)) {
        Category::Newsletter
    } else if scan.iter().any(|n| n.has(flag::TEXTAREA)) {
        Category::Comments
    } else {
        Category::Other
    }
}

/// Counts blocks by category, in category order.
pub(super) fn summarise(blocks: &[(u32, Category)]) -> Vec<Removed> {
    Category::ALL
        .iter()
        .map(|c| (c, blocks.iter().filter(|(_, b)| b == c).count() as u32))
        .filter(|(_, count)| *count > 0)
        .map(|(c, count)| Removed {
            category: *c,
            count,
        })
        .collect()
}
