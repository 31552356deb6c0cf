//! Decide: pure Rust on the node table. Marks boilerplate blocks with a category, scores
//! candidates, picks the article root (and the siblings that continue it), cleans inside it,
//! and gives every element an action for the render pass.

use crate::article::{Category, Removed};
use crate::rules;
use crate::table::{flag, Node};
use crate::tags::Tag;
use crate::tree::NONE;

/// What the render pass does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Part of the article: rendered (through the sanitiser).
    Keep,
    /// Not part of the article, nor is anything inside it.
    Drop,
    /// An ancestor of the article: neither its tags nor its own text are rendered, but the
    /// article inside it is.
    Outside,
}

/// Why a node is out, as decided before the root is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Out {
    /// Removed and counted under a category.
    Junk(Category),
    /// Removed without being reported: scripts, form controls, hidden elements, the title
    /// heading and byline (shown in the reader's header instead), empty wrappers.
    Silent,
}

/// Facts about the page the decisions need from the metadata.
#[derive(Debug, Default)]
pub struct Known {
    /// Elements that hold the byline, to drop from the body.
    pub byline_nodes: Vec<u32>,
    /// Headings whose text repeats the title.
    pub title_nodes: Vec<u32>,
    /// The length of the article text the page states itself (JSON-LD `articleBody`).
    pub article_chars: Option<u32>,
}

impl Known {
    pub fn from_metadata(meta: &crate::metadata::Metadata) -> Known {
        Known {
            byline_nodes: meta.byline_nodes.clone(),
            title_nodes: meta.title_nodes.clone(),
            article_chars: meta
                .article_body_chars
                .map(|c| c.min(u32::MAX as usize) as u32),
        }
    }
}

#[derive(Debug)]
pub struct Decision {
    pub actions: Vec<Action>,
    pub removed: Vec<Removed>,
    /// The removed blocks (root id, category), in document order.
    pub blocks: Vec<(u32, Category)>,
    /// The chosen article root.
    pub root: u32,
    /// Characters of text kept (as the table counts them).
    pub kept_chars: u32,
    /// Per node: why it is out, if it is (for `klartext debug`).
    pub out: Vec<Option<Out>>,
    /// Per node: its candidate score (NaN when it is no candidate).
    pub scores: Vec<f32>,
    /// Whether class names were trusted (false after the loose retry).
    pub trusted_classes: bool,
}

/// Subtree sums over the nodes that are still in.
#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    text: u32,
    link: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    headings: u32,
    videos: u32,
    links: u32,
    share_links: u32,
}

impl Agg {
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

pub fn decide(nodes: &[Node], known: &Known) -> Decision {
    let strict = decide_with(nodes, known, true);
    if strict.kept_chars >= rules::MIN_ARTICLE_CHARS {
        return strict;
    }
    // Too little text: class names may have removed the article itself (a wrapper called
    // `has-sidebar`). Retry trusting only tags, roles and visibility, keep the longer result.
    let loose = decide_with(nodes, known, false);
    if loose.kept_chars > strict.kept_chars {
        loose
    } else {
        strict
    }
}

fn decide_with(nodes: &[Node], known: &Known, trust_classes: bool) -> Decision {
    let n = nodes.len();
    let mut out: Vec<Option<Out>> = vec![None; n];
    mark_structural(nodes, trust_classes, &mut out);
    if trust_classes {
        let raw = aggregate_ignoring_classes(nodes, &out);
        spare_prose(nodes, &raw, &mut out);
    }
    for &id in known.title_nodes.iter().chain(&known.byline_nodes) {
        if let Some(slot) = out.get_mut(id as usize) {
            if slot.is_none() {
                *slot = Some(Out::Silent);
            }
        }
    }
    let mut agg = aggregate(nodes, &out);
    mark_forms(nodes, &agg, &mut out);
    if trust_classes {
        mark_author_boxes(nodes, &agg, &mut out);
    }
    mark_labels(nodes, &agg, &mut out);
    agg = aggregate(nodes, &out);
    let alive = alive(nodes, &out);

    let scores = score(nodes, &agg, &alive);
    let top = best_candidate(nodes, &agg, &scores);
    let root = match top {
        Some(t) => climb_to_semantic(nodes, &agg, &alive, t),
        None => fallback_root(nodes, &agg, &alive),
    };
    let root = complete_by_stated_length(nodes, &agg, &alive, root, known.article_chars);
    let mut region = with_siblings(nodes, &agg, &alive, &scores, root);
    // A page with hardly any text is shown whole (minus boilerplate): there is no article to
    // single out, and a fragment would hide the rest.
    let region_text: u32 = region.iter().map(|&r| agg[r as usize].text).sum();
    if let Some(body) = nodes.iter().position(|n| n.tag == Tag::Body) {
        if region_text < rules::MIN_ARTICLE_CHARS && agg[body].text < rules::MIN_ARTICLE_CHARS * 2 {
            region = vec![body as u32];
        }
    }

    clean_conditionally(nodes, &agg, &alive, &region, &mut out);
    agg = aggregate(nodes, &out);
    let alive_now = self::alive(nodes, &out);
    drop_empty(nodes, &agg, &alive_now, &region, &mut out);
    agg = aggregate(nodes, &out);

    let actions = actions(nodes, &out, &region);
    let kept_chars = region.iter().map(|&r| agg[r as usize].text).sum();
    let blocks = removed_blocks(nodes, &out, &actions);
    let removed = summarise(&blocks);
    Decision {
        actions,
        removed,
        blocks,
        root,
        kept_chars,
        out,
        scores,
        trusted_classes: trust_classes,
    }
}

/// Tags, roles, visibility and class/id vocabulary.
fn mark_structural(nodes: &[Node], trust_classes: bool, out: &mut [Option<Out>]) {
    // A class-named junk block must not take the article with it: nodes that contain a
    // semantic article container are spared (`<div class="has-sidebar"><article>`).
    let mut contains_semantic = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate().rev() {
        if node.has(flag::SEMANTIC) {
            contains_semantic[i] = true;
        }
        if contains_semantic[i] && node.parent != NONE {
            contains_semantic[node.parent as usize] = true;
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        if let Some(cat) = rules::tag_drop(node.tag) {
            out[i] = Some(cat.map_or(Out::Silent, Out::Junk));
            continue;
        }
        if node.has(flag::HIDDEN) {
            out[i] = Some(Out::Silent);
            continue;
        }
        let exempt = matches!(node.tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main)
            || node.has(flag::ARTICLE_BODY)
            || contains_semantic[i] && !node.has(flag::SEMANTIC);
        if exempt {
            continue;
        }
        // Forms are judged later, by size: old ASP.NET pages wrap the whole page in one.
        if node.tag == Tag::Form {
            continue;
        }
        if let Some(cat) = node.junk {
            // Class names are only trusted in the strict run.
            if trust_classes {
                out[i] = Some(Out::Junk(cat));
            }
        }
    }
}

/// Class names lie in one direction: a "read more" or "related" wrapper sometimes holds the
/// rest of the article (collapsed behind a button). A block named as furniture that holds
/// plain prose (several long paragraphs, commas, hardly any links) is given back. Other
/// categories stay out however much text they have (comment threads and photo-gallery
/// captions are prose too).
fn spare_prose(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
    for (i, node) in nodes.iter().enumerate() {
        let Some(Out::Junk(cat)) = out[i] else {
            continue;
        };
        if node.junk != Some(cat) || rules::tag_drop(node.tag).is_some() {
            continue;
        }
        let spareable = matches!(cat, Category::Related | Category::Promo);
        let a = &agg[i];
        if spareable
            && a.paragraphs >= rules::PROSE_PARAGRAPHS
            && a.commas >= rules::PROSE_COMMAS
            && a.link_density() < rules::PROSE_MAX_LINK_DENSITY
        {
            out[i] = None;
        }
    }
}

/// Subtree sums as if nothing but tags and visibility had removed anything: what a block
/// holds before any class name is believed.
fn aggregate_ignoring_classes(nodes: &[Node], out: &[Option<Out>]) -> Vec<Agg> {
    let structural: Vec<Option<Out>> = nodes
        .iter()
        .zip(out)
        .map(|(n, o)| match o {
            Some(Out::Junk(c)) if n.junk == Some(*c) && rules::tag_drop(n.tag).is_none() => None,
            other => *other,
        })
        .collect();
    aggregate(nodes, &structural)
}

/// Forms are comment boxes, newsletter sign-ups and search fields, unless they hold the page:
/// a form with several paragraphs of prose is a page wrapper and stays. A form takes the small
/// box around it along (the "Sign up for our newsletter" heading and fine print).
fn mark_forms(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
    for (i, node) in nodes.iter().enumerate() {
        if node.tag != Tag::Form || out[i].is_some() {
            continue;
        }
        let a = &agg[i];
        if a.paragraphs > rules::FORM_MAX_PARAGRAPHS || a.text >= rules::FORM_MAX_CHARS {
            continue;
        }
        let fields = &nodes[i..=(node.end as usize).min(nodes.len() - 1)];
        let category = node
            .junk
            .unwrap_or(if fields.iter().any(|n| n.has(flag::EMAIL_INPUT)) {
                Category::Newsletter
            } else if fields.iter().any(|n| n.has(flag::TEXTAREA)) {
                Category::Comments
            } else {
                Category::Other
            });
        let mut block = i;
        if category != Category::Other {
            while nodes[block].parent != NONE {
                let p = nodes[block].parent as usize;
                let pa = &agg[p];
                let grows = pa.text <= agg[i].text + rules::FORM_BOX_EXTRA_CHARS
                    && pa.paragraphs <= rules::FORM_MAX_PARAGRAPHS
                    && !nodes[p].has(flag::SEMANTIC)
                    && !matches!(
                        nodes[p].tag,
                        Tag::Body | Tag::Html | Tag::Td | Tag::Tr | Tag::Table
                    );
                if !grows {
                    break;
                }
                block = p;
            }
        }
        out[block] = Some(Out::Junk(category));
    }
}

/// Elements named for the author that hold more than a byline are author boxes (photo, bio,
/// "more from"): not part of the article.
fn mark_author_boxes(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
    for (i, node) in nodes.iter().enumerate() {
        if !node.has(flag::BYLINE) || out[i].is_some() || node.has(flag::SEMANTIC) {
            continue;
        }
        if matches!(
            node.tag,
            Tag::Html | Tag::Body | Tag::Article | Tag::Main | Tag::A
        ) {
            continue;
        }
        let a = &agg[i];
        if a.text > rules::BYLINE_MAX_CHARS
            && a.text < rules::AUTHOR_BOX_MAX_CHARS
            && a.paragraphs <= rules::AUTHOR_BOX_MAX_PARAGRAPHS
        {
            out[i] = Some(Out::Junk(Category::Other));
        }
    }
}

/// Short texts that name a block ("Anzeige", "Mehr zum Thema"): the block they head goes when
/// it is nothing but the label and an empty slot, or a list of links.
fn mark_labels(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
    let alive = alive(nodes, out);
    for (i, node) in nodes.iter().enumerate() {
        let Some(cat) = node.label else { continue };
        if !alive[i] {
            continue;
        }
        let label_len = node.text;
        let pure = |id: usize| agg[id].text <= label_len + 10 && agg[id].paragraphs <= 1;
        // Climb over wrappers that hold only the label.
        let mut x = i;
        if pure(x) {
            while nodes[x].parent != NONE && pure(nodes[x].parent as usize) {
                x = nodes[x].parent as usize;
            }
        }
        let block = if pure(x) && nodes[x].parent != NONE {
            nodes[x].parent as usize
        } else {
            x
        };
        let b = &agg[block];
        if matches!(
            nodes[block].tag,
            Tag::Body | Tag::Html | Tag::Article | Tag::Main
        ) {
            continue;
        }
        let rest = b.text.saturating_sub(label_len);
        let only_label = rest <= 30 && b.paragraphs <= 1;
        let link_list = b.link_density() >= 0.5 && b.commas < rules::PROSE_COMMAS && b.text < 3000;
        // An ad label marks its slot: a small block with the creative and a line of copy.
        let small_ad = cat == Category::Ad
            && b.text <= label_len + rules::AD_SLOT_MAX_CHARS
            && b.paragraphs <= 1
            && !nodes[block].has(flag::SEMANTIC);
        if only_label || link_list || small_ad {
            out[block] = Some(Out::Junk(cat));
        } else if pure(x) && stands_alone(nodes[x].tag) {
            // The block is the article itself: the label goes, and so does the list it
            // introduces ("Leia também:" followed by links).
            out[x] = Some(Out::Junk(cat));
            if cat == Category::Comments {
                // A "Comments" label inside the article's container starts the comment stream:
                // everything after it in that container is comments (old flat layouts).
                let mut next = next_sibling(nodes, x);
                while let Some(n) = next {
                    out[n] = out[n].or(Some(Out::Junk(cat)));
                    next = next_sibling(nodes, n);
                }
            } else if let Some(next) = next_sibling(nodes, x) {
                let a = &agg[next];
                if a.link_density() >= 0.5 && a.commas < rules::PROSE_COMMAS && a.text < 3000 {
                    out[next] = Some(Out::Junk(cat));
                }
            }
        }
    }
}

/// Elements that make a line of their own (or a control): a label in one of them is the
/// whole line. A label word inside running text (`<b>Print</b> sales fell`) is left alone.
fn stands_alone(tag: Tag) -> bool {
    tag.is_block()
        || matches!(
            tag,
            Tag::A
                | Tag::Button
                | Tag::Label
                | Tag::Td
                | Tag::Th
                | Tag::Li
                | Tag::Dt
                | Tag::Dd
                | Tag::Small
        )
}

/// The next element with the same parent, if any.
fn next_sibling(nodes: &[Node], id: usize) -> Option<usize> {
    let next = nodes[id].end as usize + 1;
    (next < nodes.len() && nodes[next].parent == nodes[id].parent).then_some(next)
}

/// Sums the counts of every subtree over the nodes that are in.
fn aggregate(nodes: &[Node], out: &[Option<Out>]) -> Vec<Agg> {
    let mut agg = vec![Agg::default(); nodes.len()];
    for i in (0..nodes.len()).rev() {
        let node = &nodes[i];
        let a = &mut agg[i];
        a.text += node.text;
        a.link += node.link_text;
        a.commas += node.commas;
        if node.has(flag::IMAGE) && node.tag == Tag::Img {
            a.images += 1;
        }
        if node.has(flag::VIDEO) {
            a.videos += 1;
        }
        if node.tag.is_heading() {
            a.headings += 1;
        }
        if node.tag == Tag::A && node.has(flag::IN_LINK) {
            a.links += 1;
            if node.has(flag::SHARE_LINK) {
                a.share_links += 1;
            }
        }
        if matches!(node.tag, Tag::P | Tag::Pre | Tag::Blockquote)
            && a.text >= rules::MIN_PARAGRAPH_CHARS
        {
            a.paragraphs += 1;
        }
        if out[i].is_some() || node.parent == NONE {
            continue;
        }
        let a = agg[i];
        let p = &mut agg[node.parent as usize];
        p.text += a.text;
        p.link += a.link;
        p.commas += a.commas;
        p.paragraphs += a.paragraphs;
        p.images += a.images;
        p.headings += a.headings;
        p.videos += a.videos;
        p.links += a.links;
        p.share_links += a.share_links;
    }
    agg
}

/// A node is alive when neither it nor any ancestor is out.
fn alive(nodes: &[Node], out: &[Option<Out>]) -> Vec<bool> {
    let mut alive = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let parent_alive = node.parent == NONE || alive[node.parent as usize];
        alive[i] = parent_alive && out[i].is_none();
    }
    alive
}

/// Readability's scoring: every paragraph-like block adds `1 + commas + min(len/100, 3)` to
/// its parent, half to its grandparent, and a third per level above.
fn score(nodes: &[Node], agg: &[Agg], alive: &[bool]) -> Vec<f32> {
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
        let div_as_p = text_container && !node.has(flag::BLOCK_CHILD);
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
fn add_score(nodes: &[Node], agg: &[Agg], scores: &mut [f32], first: u32, content: f32) {
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

fn best_candidate(nodes: &[Node], agg: &[Agg], scores: &[f32]) -> Option<u32> {
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
fn common_ancestor_of_peers(nodes: &[Node], scores: &[f32], top: usize, top_score: f32) -> usize {
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
fn climb_rising_scores(nodes: &[Node], scores: &[f32], top: usize) -> usize {
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
fn complete_by_stated_length(
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
fn climb_to_semantic(nodes: &[Node], agg: &[Agg], alive: &[bool], top: u32) -> u32 {
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
fn fallback_root(nodes: &[Node], agg: &[Agg], alive: &[bool]) -> u32 {
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
fn with_siblings(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    scores: &[f32],
    root: u32,
) -> Vec<u32> {
    if root == NONE {
        return Vec::new();
    }
    let parent = nodes[root as usize].parent;
    if parent == NONE || matches!(nodes[root as usize].tag, Tag::Body | Tag::Html) {
        return vec![root];
    }
    let root_score = scores[root as usize];
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
            if scored || prose {
                region.push(i as u32);
            }
        }
        i = next.max(i + 1);
    }
    region
}

fn in_region(nodes: &[Node], region: &[u32], id: usize) -> bool {
    region
        .iter()
        .any(|&r| id >= r as usize && id <= nodes[r as usize].end as usize)
}

/// Readability's conditional cleaning, inside the article: link lists, and blocks whose class
/// weight says boilerplate while their content does not say prose.
fn clean_conditionally(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    region: &[u32],
    out: &mut [Option<Out>],
) {
    let region_text: u32 = region.iter().map(|&r| agg[r as usize].text).sum();
    // Descendants of a block this loop removes go with it (and keep their own marks, so a
    // removed block can still be shown whole).
    let mut skip_until = 0usize;
    for (i, node) in nodes.iter().enumerate() {
        if i <= skip_until && skip_until > 0 {
            continue;
        }
        if !alive[i] || region.contains(&(i as u32)) || !in_region(nodes, region, i) {
            continue;
        }
        // A section headed by a boilerplate label ("Commenti", "Related stories") goes whole.
        if let Some(cat) = headed_by_label(nodes, i) {
            out[i] = Some(Out::Junk(cat));
            skip_until = node.end as usize;
            continue;
        }
        let cleanable = matches!(
            node.tag,
            Tag::Div
                | Tag::Section
                | Tag::Center
                | Tag::Font
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Table
                | Tag::Header
                | Tag::Footer
                | Tag::Fieldset
                | Tag::P
                | Tag::Span
                | Tag::Figure
                | Tag::Other
        );
        if !cleanable {
            continue;
        }
        let a = &agg[i];
        if a.commas >= rules::PROSE_COMMAS || a.text == 0 {
            continue;
        }
        // A block holding a large share of the article is the article (with its link
        // furniture inside), not a list of links.
        if a.text as f32 >= region_text as f32 * rules::CLEAN_MAX_SHARE {
            continue;
        }
        let density = a.link_density();
        let max = if node.weight >= 25 {
            rules::LINK_DENSITY_MAX_POSITIVE
        } else {
            rules::LINK_DENSITY_MAX
        };
        // A single inline link inside a short paragraph is still prose.
        let single_link_p = node.tag == Tag::P && a.links <= 1;
        if density > max && !single_link_p {
            out[i] = Some(Out::Junk(link_list_category(a)));
            skip_until = node.end as usize;
        } else if a.images > 1
            && (a.paragraphs as f32) < a.images as f32 * 0.5
            && !matches!(node.tag, Tag::Figure | Tag::Table | Tag::Ul | Tag::Ol)
            && a.text < rules::GALLERY_MAX_CHARS
        {
            // Readability's picture-strip rule: more images than paragraphs to go with them
            // is a gallery of teasers, not the article's illustration.
            out[i] = Some(Out::Junk(Category::Related));
            skip_until = node.end as usize;
        }
    }
}

/// The category of a label that heads a sectioning block: a heading (or the first text)
/// among its first nodes that names comments, related articles, a newsletter, jobs or
/// sharing. Ad labels are handled with their slot (`mark_labels`).
fn headed_by_label(nodes: &[Node], id: usize) -> Option<Category> {
    let node = &nodes[id];
    if !matches!(node.tag, Tag::Section | Tag::Div | Tag::Aside | Tag::Footer) {
        return None;
    }
    let end = (node.end as usize).min(nodes.len() - 1);
    let lead_end = (id + rules::LABEL_LEAD_NODES).min(end);
    // The block's first text must be a heading, and that heading a label: a share bar or a
    // "related" aside further down does not make the block around it boilerplate.
    let first_text = (id + 1..=lead_end).find(|&j| nodes[j].text > 1)?;
    let heading = (id + 1..=first_text)
        .rev()
        .find(|&j| nodes[j].tag.is_heading() && nodes[j].end as usize >= first_text)?;
    let label = (heading..=(nodes[heading].end as usize).min(end)).find_map(|j| nodes[j].label)?;
    matches!(
        label,
        Category::Comments
            | Category::Related
            | Category::Newsletter
            | Category::Jobs
            | Category::Share
    )
    .then_some(label)
}

/// What a list of links is: teasers with pictures or headlines are related articles, short
/// link texts are navigation (tags, categories), the rest is promotion.
fn link_list_category(a: &Agg) -> Category {
    if a.links > 0 && a.share_links * 2 >= a.links {
        Category::Share
    } else if a.images > 0 || a.headings > 0 {
        Category::Related
    } else if a.links > 0 && a.link / a.links < rules::NAV_LINK_CHARS {
        Category::Nav
    } else {
        Category::Promo
    }
}

/// Wrappers left with nothing to show are dropped quietly.
fn drop_empty(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    region: &[u32],
    out: &mut [Option<Out>],
) {
    for (i, node) in nodes.iter().enumerate() {
        if !alive[i] || !in_region(nodes, region, i) {
            continue;
        }
        let container = matches!(
            node.tag,
            Tag::Div
                | Tag::Section
                | Tag::P
                | Tag::Span
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Figure
                | Tag::Header
                | Tag::Footer
                | Tag::Blockquote
                | Tag::Dl
                | Tag::A
                | Tag::Other
                | Tag::Table
                | Tag::Picture
                | Tag::I
                | Tag::B
                | Tag::Em
                | Tag::Strong
                | Tag::Small
                | Tag::Time
        ) || node.tag.is_heading();
        let a = &agg[i];
        if container
            && a.text == 0
            && a.images == 0
            && a.videos == 0
            && !region.contains(&(i as u32))
        {
            let has_media_child = nodes
                .get(i + 1..=node.end as usize)
                .is_some_and(|sub| sub.iter().any(|d| matches!(d.tag, Tag::Hr | Tag::Math)));
            if !has_media_child {
                out[i] = Some(Out::Silent);
            }
        }
    }
}

fn actions(nodes: &[Node], out: &[Option<Out>], region: &[u32]) -> Vec<Action> {
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
fn removed_blocks(nodes: &[Node], out: &[Option<Out>], actions: &[Action]) -> Vec<(u32, Category)> {
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
fn infer_category(subtree: &[Node]) -> Category {
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
fn summarise(blocks: &[(u32, Category)]) -> Vec<Removed> {
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
