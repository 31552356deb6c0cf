//! `is_probably_readerable`: a quick verdict on whether a page holds an article, for the
//! toolbar hint. Readability's test on the node table: paragraphs (and `pre`, `article`)
//! that are visible, not in boilerplate-named blocks and not inside list items, add the
//! square root of their length beyond a minimum; enough of that is an article.

use crate::analyse::analyse;
use crate::rules;
use crate::table::flag;
use crate::tags::Tag;
use crate::tree::NONE;

pub fn is_probably_readerable(html: &str) -> bool {
    let Ok(analysis) = analyse(html) else {
        return false;
    };
    let nodes = &analysis.nodes;
    // Subtree text, and whether a node sits in a list item.
    let mut text = vec![0u32; nodes.len()];
    for i in (0..nodes.len()).rev() {
        text[i] += nodes[i].text;
        let p = nodes[i].parent;
        if p != NONE {
            text[p as usize] += text[i];
        }
    }
    let mut in_li = vec![false; nodes.len()];
    let mut score = 0.0f32;
    for (i, node) in nodes.iter().enumerate() {
        let p = node.parent;
        let p_li = p != NONE && (in_li[p as usize] || nodes[p as usize].tag == Tag::Li);
        // Like Readability, only the element's own visibility and class count here: a
        // paragraph in a wrapper called `content-with-sidebar` is still a paragraph.
        let excluded = node.has(flag::HIDDEN) || node.junk.is_some();
        in_li[i] = p_li;
        let counts = matches!(node.tag, Tag::P | Tag::Pre | Tag::Article);
        if !counts || excluded || (node.tag == Tag::P && in_li[i]) {
            continue;
        }
        let len = text[i];
        if len < rules::READERABLE_MIN_CONTENT {
            continue;
        }
        score += ((len - rules::READERABLE_MIN_CONTENT) as f32).sqrt();
        if score > rules::READERABLE_MIN_SCORE {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_readerable_short_ones_not() {
        let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
        let page = format!("<body><article><p>{para}</p><p>{para}</p><p>{para}</p></article>");
        assert!(is_probably_readerable(&page));
        assert!(!is_probably_readerable(
            "<body><p>Short.</p><ul><li>Menu</li></ul>"
        ));
        // Only the paragraph's own class and visibility count, and list items are no prose.
        let p =
            format!("<p class=sidebar>{para}</p><p hidden>{para}</p><ul><li><p>{para}</p></ul>");
        assert!(!is_probably_readerable(&format!("<body>{p}{p}")));
    }
}
