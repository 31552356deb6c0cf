//! Decide: pure Rust on the node table. Marks boilerplate blocks with a category, scores
//! candidates, picks the article root (and the siblings that continue it), cleans inside it,
//! and gives every element an action for the render pass.

use crate::article::{Category, Removed};
use crate::rules;
use crate::table::{flag, Node};
use crate::tags::Tag;
use crate::tree::NONE;

mod clean;
mod junk;
mod removed;
mod root;

use clean::{clean_conditionally, drop_empty};
use junk::{
    aggregate_ignoring_classes, mark_author_boxes, mark_forms, mark_labels, mark_structural,
    spare_prose,
};
use removed::{actions, removed_blocks, summarise};
use root::{
    best_candidate, climb_to_semantic, complete_by_stated_length, fallback_root, score,
    with_siblings,
};

pub use removed::block_actions;

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
    let mut alive = alive(nodes, &out);

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

    // The sums and liveness change only if the cleaning took something out (on most pages it
    // takes nothing, and each is a pass over the table).
    if clean_conditionally(nodes, &agg, &alive, &region, &mut out) {
        agg = aggregate(nodes, &out);
        alive = self::alive(nodes, &out);
    }
    drop_empty(nodes, &agg, &alive, &region, &mut out);

    let actions = actions(nodes, &out, &region);
    // `drop_empty` takes out only subtrees without text, so the sums before it still count
    // the kept characters.
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

fn in_region(nodes: &[Node], region: &[u32], id: usize) -> bool {
    region
        .iter()
        .any(|&r| id >= r as usize && id <= nodes[r as usize].end as usize)
}

/// The element children of `id` in page order, each child's subtree stepped over whole.
fn children(nodes: &[Node], id: usize) -> impl Iterator<Item = usize> + '_ {
    let end = (nodes[id].end as usize).min(nodes.len() - 1);
    let mut j = id + 1;
    std::iter::from_fn(move || {
        (j <= end).then(|| {
            let child = j;
            j = (nodes[child].end as usize + 1).max(child + 1);
            child
        })
    })
}

/// The next element with the same parent, if any.
fn next_sibling(nodes: &[Node], id: usize) -> Option<usize> {
    let next = nodes[id].end as usize + 1;
    (next < nodes.len() && nodes[next].parent == nodes[id].parent).then_some(next)
}
