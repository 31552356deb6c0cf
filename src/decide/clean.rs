//! Cleaning inside the chosen article: sections headed by a boilerplate label, link lists,
//! picture strips, and wrappers left empty.

use super::*;

/// Readability's conditional cleaning, inside the article: link lists, and blocks whose class
/// weight says boilerplate while their content does not say prose. Returns whether it took
/// anything out.
pub(super) fn clean_conditionally(
    nodes: &[Node],
    agg: &[Agg],
    alive: &[bool],
    region: &[u32],
    out: &mut [Option<Out>],
) -> bool {
    let region_text: u32 = region.iter().map(|&r| agg[r as usize].text).sum();
    // Descendants of a block this loop removes go with it (and keep their own marks, so a
    // removed block can still be shown whole): the last such block's subtree ends here.
    let mut skip_until: Option<usize> = None;
    for (i, node) in nodes.iter().enumerate() {
        if skip_until.is_some_and(|end| i <= end) {
            continue;
        }
        if !alive[i] || region.contains(&(i as u32)) || !in_region(nodes, region, i) {
            continue;
        }
        // A section headed by a boilerplate label ("Commenti", "Related stories") goes whole.
        if let Some(cat) = headed_by_label(nodes, i) {
            out[i] = Some(Out::Junk(cat));
            skip_until = Some(node.end as usize);
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
        // A span inside a paragraph (around a link or inside one) is words of a sentence: the
        // paragraph is judged, never a span within it.
        if !cleanable || styling_in_paragraph(nodes, agg, i) {
            continue;
        }
        let a = &agg[i];
        if node.tag == Tag::Dl && is_teaser_list(nodes, agg, i) {
            out[i] = Some(Out::Junk(Category::Related));
            skip_until = Some(node.end as usize);
            continue;
        }
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
        } else if matches!(node.tag, Tag::Ul | Tag::Ol | Tag::P) {
            rules::LINK_DENSITY_MAX_LIST
        } else {
            rules::LINK_DENSITY_MAX
        };
        // A single inline link inside a short paragraph is still prose.
        let single_link_p = node.tag == Tag::P && a.links <= 1;
        if density > max && !single_link_p {
            out[i] = Some(Out::Junk(link_list_category(a)));
            skip_until = Some(node.end as usize);
        } else if a.images > 1
            && (a.paragraphs as f32) < a.images as f32 * 0.5
            && !matches!(node.tag, Tag::Figure | Tag::Table | Tag::Ul | Tag::Ol)
            && a.text < rules::GALLERY_MAX_CHARS
        {
            // Readability's picture-strip rule: more images than paragraphs to go with them
            // is a gallery of teasers, not the article's illustration.
            out[i] = Some(Out::Junk(Category::Related));
            skip_until = Some(node.end as usize);
        }
    }
    skip_until.is_some()
}

/// What a list of links is: teasers with pictures or headlines are related articles, short
/// link texts are navigation (tags, categories), the rest is promotion.
pub(super) fn link_list_category(a: &Agg) -> Category {
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
pub(super) fn drop_empty(
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

/// The category of a label that heads a sectioning block: a heading (or the first text)
/// among its first nodes that names comments, related articles, a newsletter, jobs or
/// sharing. Ad labels are handled with their slot (`mark_labels`).
pub(super) fn headed_by_label(nodes: &[Node], id: usize) -> Option<Category> {
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

/// A definition list whose every term is a link is a list of teasers (headline, then its
/// summary), not a glossary of the article.
fn is_teaser_list(nodes: &[Node], agg: &[Agg], dl: usize) -> bool {
    let mut terms = 0;
    for j in children(nodes, dl) {
        if nodes[j].tag == Tag::Dt {
            if agg[j].text == 0 || agg[j].link_density() < rules::TEASER_TERM_LINK_DENSITY {
                return false;
            }
            terms += 1;
        }
    }
    terms >= rules::TEASER_LIST_MIN_TERMS
}

/// Whether a styling element's nearest block is a paragraph, or a list item of prose.
fn styling_in_paragraph(nodes: &[Node], agg: &[Agg], id: usize) -> bool {
    let node = &nodes[id];
    if !rules::is_styling_wrapper(node.tag) {
        return false;
    }
    let mut p = node.parent;
    while p != NONE {
        let tag = nodes[p as usize].tag;
        if tag == Tag::P {
            return true;
        }
        // A list item is prose around its links (a reference with a linked title) unless it
        // is nearly all link (a list of headlines).
        if tag == Tag::Li {
            return agg[p as usize].link_density() <= rules::PROSE_ITEM_MAX_LINK_DENSITY;
        }
        if tag.is_block() {
            return false;
        }
        p = nodes[p as usize].parent;
    }
    false
}
