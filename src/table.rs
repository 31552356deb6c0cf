//! The node table: one row per element of the page, in document order, built by the analyse
//! pass and read by every later phase. It keeps counts, not text, so it stays small.

use crate::article::Category;
use crate::tags::Tag;

/// Row flags.
pub mod flag {
    /// `hidden`, `aria-hidden="true"`, or an inline `display:none` / `visibility:hidden`.
    pub const HIDDEN: u32 = 1 << 0;
    /// Inside an `<a href>`: its text is link text.
    pub const IN_LINK: u32 = 1 << 1;
    /// Has a block-level child element (a div without one reads like a paragraph).
    pub const BLOCK_CHILD: u32 = 1 << 2;
    /// class/id/rel/itemprop say "author" or "byline".
    pub const BYLINE: u32 = 1 << 3;
    /// `<article>`, `<main>`, `itemprop=articleBody`, `role=main|article`.
    pub const SEMANTIC: u32 = 1 << 4;
    /// An image with a usable source (including lazy-loading attributes).
    pub const IMAGE: u32 = 1 << 5;
    /// A `<script type="application/ld+json">`.
    pub const JSON_LD: u32 = 1 << 6;
    /// Inside `<pre>`: whitespace is content.
    pub const IN_PRE: u32 = 1 << 7;
    /// An iframe showing a known video player; rendered as a link.
    pub const VIDEO: u32 = 1 << 8;
    /// `itemprop=articleBody` specifically: the page names its article body.
    pub const ARTICLE_BODY: u32 = 1 << 9;
    /// A link to a share endpoint (facebook.com/sharer, twitter.com/intent, wa.me …).
    pub const SHARE_LINK: u32 = 1 << 10;
    /// A form field for an e-mail address (newsletter sign-ups).
    pub const EMAIL_INPUT: u32 = 1 << 11;
    /// A `<textarea>` (comment forms).
    pub const TEXTAREA: u32 = 1 << 12;
    /// Its own text mentions cookies (consent banners).
    pub const COOKIE_TEXT: u32 = 1 << 13;
    /// `dir="rtl"` / `dir="ltr"` on the element itself.
    pub const DIR_RTL: u32 = 1 << 14;
    pub const DIR_LTR: u32 = 1 << 15;
    /// `itemprop="name"`: inside an author element, the author's name alone.
    pub const ITEMPROP_NAME: u32 = 1 << 16;
    /// Its own text starts with a copyright notice ("©", "Copyright"): a page footer.
    pub const COPYRIGHT_TEXT: u32 = 1 << 17;
    /// Inside an `<a href="#…">`: a jump within the page (footnote, table of contents).
    pub const IN_PAGE_LINK: u32 = 1 << 18;
}

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    /// Parent id, or `tree::NONE`.
    pub parent: u32,
    /// Id of the last descendant; the subtree is `id..=end`.
    pub end: u32,
    pub depth: u32,
    pub flags: u32,
    /// Class weight (see `rules::class_hint`).
    pub weight: i16,
    /// Boilerplate category named by tag, class, id or role.
    pub junk: Option<Category>,
    /// Boilerplate category named by a short text directly inside ("Anzeige").
    pub label: Option<Category>,
    /// Characters of text directly inside (whitespace runs count as one).
    pub text: u32,
    /// Of those, characters inside links.
    pub link_text: u32,
    pub commas: u32,
}

impl Node {
    pub fn new(tag: Tag, parent: u32, depth: u32, id: u32) -> Node {
        Node {
            tag,
            parent,
            end: id,
            depth,
            flags: 0,
            weight: 0,
            junk: None,
            label: None,
            text: 0,
            link_text: 0,
            commas: 0,
        }
    }

    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
}

/// Short texts kept from the analyse pass for metadata: headings, bylines, `<time>`.
#[derive(Debug, Clone, Default)]
pub struct Captured {
    pub id: u32,
    pub text: String,
    /// `datetime` of a `<time>` element.
    pub datetime: Option<String>,
    /// The text was longer than the capture limit (so it is no heading or byline to match).
    pub truncated: bool,
}
