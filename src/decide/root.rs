//! Choosing the article: Readability-style scores of paragraphs in their ancestors, the best
//! candidate and the corrections that move it (peers, rising scores, the semantic container,
//! the page's own stated length), and the siblings that continue it.

use super::*;

/// Readability's scoring: every paragraph-like block adds `1 + commas + min(len/100, 3)` to
/// its parent, half to its grandparent, and a third per level above.
pub(super) fn score(nodes: &[Node], agg: &[Agg], alive: &[bool]) -> Vec<f32> {
    let mut scores = vec![f32::NAN; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        if !alive[i] || agg[i].text < rules::MIN_PARAGRAPH_CHARS {
            continue;
        }
        // Containers without block children read as paragraphs (Readability turns such divs
        // into `<p>`); old pages put their text in `<font>` or `<center>` with `<br>`s.
        let text_container = matches!(
            node.tag,
            Tag::Div | Tag::Section | Tag::Span | Tag::Font | Tag::Center | Tag::Other
        );
        let div_as_p = rules::reads_as_paragraph(node.tag) && !node.has(flag::BLOCK_CHILD);
        if rules::is_paragraph_like(node.tag) || div_as_p {
            let a = &agg[i];
            let content = 1.0 + a.commas as f32 + (a.text as f32 / 100.0).floor().min(3.0);
            add_score(nodes, agg, &mut scores, node.parent, content);
        } else if (text_container || matches!(node.tag, Tag::Article | Tag::Main | Tag::Td))
            && node.text >= rules::MIN_PARAGRAPH_CHARS
        {
            // Text straight inside a container that also has blocks (paragraphs separated
            // by `<br>` beside a table): Readability wraps such runs in `<p>`; they score for
            // the container itself.
            let content = 1.0 + node.commas as f32 + (node.text as f32 / 100.0).floor().min(3.0);
            add_score(nodes, agg, &mut scores, i as u32, content);
        }
    }
    for (i, s) in scores.iter_mut().enumerate() {
        if !s.is_nan() {
            *s *= 1.0 - agg[i].link_density();
        }
    }
    scores
}

/// Adds a paragraph's score to `first` and its ancestors: in full, half, then a third per level.
pub(super) fn add_score(nodes: &[Node], agg: &[Agg], scores: &mut [f32], first: u32, content: f32) {
    let mut ancestor = first;
    for level in 0..rules::SCORE_LEVELS {
        if ancestor == NONE {
            break;
        }
        let anc = &nodes[ancestor as usize];
        // `<body>` may be the article (a page of bare paragraphs); `<html>` never is.
        if anc.tag == Tag::Html {
            break;
        }
        let s = &mut scores[ancestor as usize];
        if s.is_nan() {
            // A content-sounding class on a nearly empty wrapper is no evidence: the bonus
            // counts only where there is text to back it.
            let weight =
                if anc.weight > 0 && agg[ancestor as usize].text < rules::MIN_WEIGHTED_CHARS {
                    0.0
                } else {
                    anc.weight as f32
                };
            *s = rules::tag_score(anc.tag) + weight;
        }
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            l => l as f32 * 3.0,
        };
        *s += content / divider;
        ancestor = anc.parent;
    }
}

pub(super) fn best_candidate(nodes: &[Node], agg: &[Agg], scores: &[f32]) -> Option<u32> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if s.is_nan() || agg[i].text == 0 {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    let (mut top, top_score) = best?;
    top = common_ancestor_of_peers(nodes, scores, top, top_score);
    top = out_of_data_table(nodes, agg, top);
    top = climb_rising_scores(nodes, scores, top);
    // A page that names its article body is believed when the body holds the top candidate
    // or the top candidate holds it.
    if let Some(body) = nodes.iter().position(|n| n.has(flag::ARTICLE_BODY)) {
        let inside =
            |outer: usize, inner: usize| inner >= outer && inner <= nodes[outer].end as usize;
        if inside(body, top) && agg[body].text >= rules::MIN_PARAGRAPH_CHARS * 4 {
            top = body;
        }
    }
    Some(top as u32)
}

/// Readability's alternative candidates: when several of the best candidates score close to
/// the top one, the article is split across them (one wrapper per step or section) and their
/// common ancestor is the article.
pub(super) fn common_ancestor_of_peers(
    nodes: &[Node],
    scores: &[f32],
    top: usize,
    top_score: f32,
) -> usize {
    let mut ranked: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_nan())
        .map(|(i, s)| (i, *s))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let peers: Vec<usize> = ranked
        .iter()
        .take(rules::TOP_CANDIDATES)
        .filter(|(i, s)| *i != top && *s / top_score >= rules::PEER_SCORE_SHARE)
        .map(|(i, _)| *i)
        .collect();
    if peers.len() < rules::MIN_PEERS {
        return top;
    }
    let mut ancestor = nodes[top].parent;
    // Only block wrappers qualify: in old table layouts every cell is a "peer" and their
    // common ancestor is the whole page.
    while ancestor != NONE
        && matches!(
            nodes[ancestor as usize].tag,
            Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Other
        )
    {
        let a = ancestor as usize;
        let inside = peers
            .iter()
            .filter(|&&p| p > a && p <= nodes[a].end as usize)
            .count();
        if inside >= rules::MIN_PEERS {
            return a;
        }
        ancestor = nodes[a].parent;
    }
    top
}

/// Readability's climb: walk up while ancestors keep a third of the score; an ancestor that
/// scores higher than the level below it holds more of the article and becomes the top.
pub(super) fn climb_rising_scores(nodes: &[Node], scores: &[f32], top: usize) -> usize {
    let mut last = scores[top];
    if last.is_nan() {
        return top;
    }
    let threshold = last / 3.0;
    let mut parent = nodes[top].parent;
    // As for peers: in table layouts every row and cell scores, and climbing them reaches
    // the whole page.
    while parent != NONE
        && matches!(
            nodes[parent as usize].tag,
            Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Other
        )
    {
        let s = scores[parent as usize];
        if s.is_nan() {
            parent = nodes[parent as usize].parent;
            continue;
        }
        if s < threshold {
            break;
        }
        if s > last {
            return parent as usize;
        }
        last = s;
        parent = nodes[parent as usize].parent;
    }
    top
}

/// The page states how long its article is (JSON-LD `articleBody`): when the root holds much
/// less, the missing part is beside it, so the nearest ancestor that holds about that much
/// text becomes the root (but never one holding far more: that would be the whole page).
pub(super) fn complete_by_stated_length(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    root: u32,
    stated: Option<u32>,
) -> u32 {
    let Some(stated) = stated.filter(|&c| c >= rules::MIN_ARTICLE_CHARS) else {
        return root;
    };
    let Some(node) = nodes.get(root as usize) else {
        return root;
    };
    let has = |id: usize| agg[id].text as f32;
    if has(root as usize) >= stated as f32 * rules::STATED_LENGTH_SHORT {
        return root;
    }
    let mut p = node.parent;
    while p != NONE && !matches!(nodes[p as usize].tag, Tag::Body | Tag::Html) {
        let text = has(p as usize);
        if text > stated as f32 * rules::STATED_LENGTH_MAX_GROWTH || !alive[p as usize] {
            break;
        }
        if text >= stated as f32 * rules::STATED_LENGTH_ENOUGH {
            return p;
        }
        p = nodes[p as usize].parent;
    }
    root
}

/// The article element around the best candidate, when it holds little else: it brings the
/// headline block, lead image and captions that sit beside the text container.
pub(super) fn climb_to_semantic(nodes: &[Node], agg: &[Agg], alive: &[bool], top: u32) -> u32 {
    let top_text = agg[top as usize].text.max(1) as f32;
    let mut id = nodes[top as usize].parent;
    let mut best = top;
    for _ in 0..rules::SEMANTIC_LEVELS {
        if id == NONE {
            break;
        }
        let node = &nodes[id as usize];
        if matches!(node.tag, Tag::Body | Tag::Html) {
            break;
        }
        if node.has(flag::SEMANTIC) && alive[id as usize] {
            if agg[id as usize].text as f32 <= top_text * rules::SEMANTIC_GROWTH {
                best = id;
            }
            break;
        }
        id = node.parent;
    }
    best
}

/// No paragraph anywhere: take the block with the most text below `<body>`, or the body.
pub(super) fn fallback_root(nodes: &[Node], agg: &[Agg], alive: &[bool]) -> u32 {
    let body = nodes.iter().position(|n| n.tag == Tag::Body);
    let mut best: Option<usize> = None;
    for (i, node) in nodes.iter().enumerate() {
        let below_body = body.is_some_and(|b| i > b && i <= nodes[b].end as usize);
        if alive[i]
            && below_body
            && node.tag.is_block()
            && best.is_none_or(|b| agg[i].text > agg[b].text)
        {
            best = Some(i);
        }
    }
    match best.or(body) {
        Some(i) => i as u32,
        None if nodes.is_empty() => NONE,
        None => 0,
    }
}

/// The root plus those of its siblings that continue the article (Readability's sibling
/// merge): highly scored blocks and plain prose paragraphs.
pub(super) fn with_siblings(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    scores: &[f32],
    root: u32,
) -> Vec<u32> {
    if root == NONE {
        return Vec::new();
    }
    if matches!(nodes[root as usize].tag, Tag::Body | Tag::Html) {
        return vec![root];
    }
    let scored_root = root;
    let root = lift_only_child(nodes, agg, alive, root);
    let parent = nodes[root as usize].parent;
    if parent == NONE || matches!(nodes[root as usize].tag, Tag::Body | Tag::Html) {
        return vec![root];
    }
    let root_score = if scores[root as usize].is_nan() {
        scores[scored_root as usize]
    } else {
        scores[root as usize]
    };
    let threshold = if root_score.is_nan() {
        f32::INFINITY
    } else {
        (root_score * rules::SIBLING_SHARE).max(rules::SIBLING_MIN_SCORE)
    };
    let mut region = Vec::new();
    let end = nodes[parent as usize].end as usize;
    let mut i = parent as usize + 1;
    while i <= end && i < nodes.len() {
        let node = &nodes[i];
        let next = node.end as usize + 1;
        if i == root as usize {
            region.push(root);
        } else if alive[i] {
            let a = &agg[i];
            let scored = !scores[i].is_nan() && scores[i] >= threshold;
            let prose = node.tag == Tag::P
                && a.text >= rules::SIBLING_P_LONG
                && a.link_density() < rules::SIBLING_P_MAX_LINK_DENSITY;
            if (scored || prose) && !(i > root as usize && is_footer(nodes, agg, i)) {
                region.push(i as u32);
            }
        }
        i = next.max(i + 1);
    }
    region
}

/// Readability's only-child climb: a root that is the only child of its parent (wrapper
/// chains of layout divs) is replaced by the parent, so that sibling merging sees the blocks
/// that continue the article beside the wrapper chain (one section per part of the story).
pub(super) fn lift_only_child(nodes: &[Node], agg: &[Agg], alive: &[bool], root: u32) -> u32 {
    let mut id = root;
    for _ in 0..rules::ONLY_CHILD_LEVELS {
        let parent = nodes[id as usize].parent;
        // As for peers: only block wrappers (table rows and cells are layout, not sections).
        if parent == NONE
            || !matches!(
                nodes[parent as usize].tag,
                Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Other
            )
        {
            break;
        }
        if !alive[parent as usize] || !only_child(nodes, agg, alive, parent as usize, id) {
            break;
        }
        id = parent;
    }
    id
}

/// Whether `child` is the only element in `parent` with something to show.
fn only_child(nodes: &[Node], agg: &[Agg], alive: &[bool], parent: usize, child: u32) -> bool {
    // Removed blocks with text count as children too: boilerplate beside the root (a list
    // of related links) means the wrapper holds more than the article.
    let child_like =
        |j: usize| alive[j] || (agg[j].text > 0 && rules::tag_drop(nodes[j].tag).is_none());
    children(nodes, parent).all(|j| j == child as usize || !child_like(j))
}

/// A short block that holds a copyright notice is the page footer, however it scores (only
/// after the article: a notice before it is often the agency line over the text).
pub(super) fn is_footer(nodes: &[Node], agg: &[Agg], id: usize) -> bool {
    agg[id].text < rules::FOOTER_MAX_CHARS
        && nodes
            .get(id..=nodes[id].end as usize)
            .is_some_and(|sub| sub.iter().any(|n| n.has(flag::COPYRIGHT_TEXT)))
}

/// A data table is part of an article, never the article: a top candidate that is a data
/// table or one of its parts gives way to the element that holds the table (with its
/// introduction and notes).
fn out_of_data_table(nodes: &[Node], agg: &[Agg], top: usize) -> usize {
    if !matches!(
        nodes[top].tag,
        Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot | Tag::Tr
    ) || !in_data_table(nodes, top)
    {
        return top;
    }
    let mut t = top;
    while nodes[t].tag != Tag::Table {
        t = nodes[t].parent as usize;
    }
    // Up to the first element that holds more than the table (a scrolling wrapper holds
    // nothing else).
    let table_text = agg[t].text;
    let mut holder = t;
    loop {
        let p = nodes[holder].parent;
        if p == NONE || matches!(nodes[p as usize].tag, Tag::Body | Tag::Html) {
            break;
        }
        holder = p as usize;
        if agg[holder].text > table_text + rules::MIN_PARAGRAPH_CHARS {
            break;
        }
    }
    if holder == t {
        top
    } else {
        holder
    }
}

/// Whether a table part belongs to a data table (one with header cells or a caption): its
/// rows are the article's content, not the page's layout, so climbing may leave it.
fn in_data_table(nodes: &[Node], id: usize) -> bool {
    let mut t = id;
    for _ in 0..rules::TABLE_PART_LEVELS {
        match nodes[t].tag {
            Tag::Table => {
                let end = (nodes[t].end as usize).min(nodes.len() - 1);
                return nodes[t + 1..=end]
                    .iter()
                    .take(rules::DATA_TABLE_SCAN_NODES)
                    .any(|n| matches!(n.tag, Tag::Th | Tag::Caption));
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot | Tag::Tr => {}
            _ => return false,
        }
        let p = nodes[t].parent;
        if p == NONE {
            return false;
        }
        t = p as usize;
    }
    false
}
