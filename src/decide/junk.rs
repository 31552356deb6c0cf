//! Boilerplate by evidence, before any candidate is chosen: tags, roles and visibility,
//! class/id vocabulary (with the prose that overrules a furniture name), forms and the box
//! around them, author boxes, and short labels ("Anzeige", "Mehr zum Thema").

use super::*;

/// Tags, roles, visibility and class/id vocabulary.
pub(super) fn mark_structural(nodes: &[Node], trust_classes: bool, out: &mut [Option<Out>]) {
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
            // Class names are only trusted in the strict run. A link with a phrase of text is
            // content whatever its class says (a glossary popup, a footnote: Readability never
            // removes links by class); icon and button links stay furniture.
            let phrase_link = node.tag == Tag::A
                && cat == Category::Other
                && node.text >= rules::PHRASE_LINK_CHARS;
            if trust_classes && !phrase_link {
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
pub(super) fn spare_prose(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
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
pub(super) fn aggregate_ignoring_classes(nodes: &[Node], out: &[Option<Out>]) -> Vec<Agg> {
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
pub(super) fn mark_forms(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
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
pub(super) fn mark_author_boxes(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
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
pub(super) fn mark_labels(nodes: &[Node], agg: &[Agg], out: &mut [Option<Out>]) {
    let alive = alive(nodes, out);
    for (i, node) in nodes.iter().enumerate() {
        let Some(cat) = node.label else { continue };
        // A label block whose own class already names it (`<div class="comments">Comments`)
        // still heads what follows it; only an ancestor's removal makes it moot. Not a link
        // ("Comments (2)" jumps to the comments) nor an inline element.
        let named_alike = out[i] == Some(Out::Junk(cat))
            && node.junk == Some(cat)
            && node.tag.is_block()
            && agg[i].link == 0
            && (node.parent == NONE || alive[node.parent as usize]);
        if !alive[i] && !named_alike {
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
pub(super) fn stands_alone(tag: Tag) -> bool {
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
