//! Every word list, weight and threshold the extractor decides by, in one place, each with the
//! reason it is there. Tuning the extractor should be a diff of this file.

use crate::article::Category;
use crate::tags::Tag;

// ---------------------------------------------------------------------------------------------
// class / id vocabulary
// ---------------------------------------------------------------------------------------------

/// What the `class` and `id` of an element say about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// Readability-style class weight: +25 for article words, −25 for boilerplate words.
    pub weight: i16,
    /// A boilerplate category named outright by the class or id.
    pub junk: Option<Category>,
    /// Names an author or byline.
    pub byline: bool,
}

/// Class/id words that name a boilerplate category. Matched against whole tokens (split at
/// anything not a letter or digit), or as a token prefix when the entry ends in `*`.
/// Checked in this order, so the more specific category wins (`jobs-widget` is jobs).
const JUNK_WORDS: &[(Category, &[&str])] = &[
    // Consent layers sit over the whole page and say so in their names.
    (
        Category::Cookie,
        &[
            "cookie*",
            "consent*",
            "gdpr",
            "cmp",
            "onetrust",
            "didomi",
            "usercentrics",
            "cookiebot",
        ],
    ),
    // Ad slots: the ad-server and ad-label vocabulary of several languages.
    (
        Category::Ad,
        &[
            "ad",
            "ads",
            "adv",
            "advert*",
            "adsbygoogle",
            "adsense",
            "adslot",
            "adunit",
            "adbox",
            "adwrap",
            "adcontainer",
            "adblock",
            "adzone",
            "dfp",
            "gpt",
            "anzeige*",
            "werbung",
            "werbe*",
            "sponsor*",
            "publicite",
            "publicidad",
            "pubblicita",
            "advertentie",
            "publicidade",
            "taboola",
            "outbrain",
            "plista",
            "commercial",
            "billboard",
            "skyscraper",
            "superbanner",
            "rectangle",
            "leaderboard",
        ],
    ),
    // Job boards embedded in articles.
    (
        Category::Jobs,
        &[
            "job", "jobs", "jobboard", "stellen*", "karriere", "career*", "vacanc*", "emploi",
        ],
    ),
    // Newsletter sign-ups and "follow us" boxes.
    (
        Category::Newsletter,
        &[
            "newsletter*",
            "subscri*",
            "signup",
            "abonn*",
            "follow",
            "followus",
            "optin",
            "mailchimp",
            "rss",
            "inscription",
            "suscrib*",
            "iscriviti",
        ],
    ),
    // Comment sections, comment prompts and forms.
    (
        Category::Comments,
        &[
            "comment*",
            "kommentar*",
            "disqus",
            "respond",
            "reply",
            "replies",
            "discussion",
            "comentario*",
            "commenti",
            "reacties",
            "leserbrief*",
        ],
    ),
    // Share bars.
    (
        Category::Share,
        &[
            "share*",
            "sharing",
            "social*",
            "sociable",
            "addthis",
            "shariff",
            "sharebar",
            "partager",
            "compartir",
            "teilen",
        ],
    ),
    // Related and recommended article lists.
    (
        Category::Related,
        &[
            "related*",
            "recommend*",
            "empfehl*",
            "similar",
            "aehnlich*",
            "suggest*",
            "trending",
            "popular",
            "mostread",
            "mostpopular",
            "morestories",
            "crosslink",
            "teaser*",
            "readmore",
            "recirculation",
            "recirc",
            "youmaylike",
            "alsoread",
        ],
    ),
    // Promotion of the site's own offers.
    (
        Category::Promo,
        &[
            "promo*",
            "upsell",
            "affiliate",
            "shopping",
            "paywall",
            "donate",
            "donation",
            "patreon",
            "subscription-offer",
            "cta",
            "book-promo",
        ],
    ),
    // Site navigation.
    (
        Category::Nav,
        &[
            "nav",
            "navbar",
            "navigation",
            "menu*",
            "breadcrumb*",
            "crumbs",
            "pagination",
            "pager",
            "masthead",
            "topbar",
            "skiplink",
            "skip",
            "prevnext",
            "nextprev",
        ],
    ),
    // Everything else that is page furniture rather than article.
    (
        Category::Other,
        &[
            "sidebar*",
            // Readability's unlikely-candidate words that name no other category.
            "legends",
            "extra",
            "supplemental",
            "agegate",
            "combx",
            "cover-wrap",
            "yom-remote",
            "remark",
            "shoutbox",
            "community",
            "widget*",
            "footer*",
            "tags",
            "tagcloud",
            "tagliste",
            "authorbox",
            "author-box",
            "abouttheauthor",
            "author-bio",
            "authorbio",
            "popup",
            "modal",
            "overlay",
            "login",
            "searchform",
            "search",
            "rating",
            "poll",
            "print-only",
            "hidden",
            "hide",
            "sr-only",
            "visually-hidden",
            "screen-reader-text",
            "noprint",
            "infobox-ad",
            "toolbar",
            "views",
            "viewcount",
            "pageviews",
            "post-views",
        ],
    ),
];

/// Words that protect an element from class-based removal: the article's own containers often
/// carry a boilerplate word too (`content comments-on`). Readability uses the same escape hatch.
const PROTECT_WORDS: &[&str] = &[
    "article*",
    "body",
    "column",
    "content",
    "main",
    "story*",
    "entry",
    "post-body",
    "articlebody",
    "artikel*",
    "beitrag",
    "inhalt",
];

/// Readability's escape hatch matches inside words too (`contentWithSidebar` is content).
const PROTECT_SUBSTRINGS: &[&str] = &["article", "body", "column", "content", "main", "shadow"];

/// Class/id words that raise a candidate's score (the article container names itself).
const POSITIVE_WORDS: &[&str] = &[
    "article*",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story*",
    "artikel*",
    "inhalt",
    "beitrag",
    "prose",
    "richtext",
    "rich-text",
];

/// Class/id words that lower a candidate's score without removing it.
const NEGATIVE_WORDS: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "contact",
    "footer*",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo*",
    "related*",
    "scroll",
    "share*",
    "shoutbox",
    "sidebar*",
    "skyscraper",
    "sponsor*",
    "shopping",
    "tags",
    "widget*",
    "comment*",
    "header",
    "caption*",
    "credit*",
];

/// Class/id words that mark a byline.
const BYLINE_WORDS: &[&str] = &[
    "byline*",
    "author*",
    "dateline",
    "writtenby",
    "p-author",
    "autor*",
    "auteur*",
    "contributor*",
];

/// Token stems whose `*` prefix match is still meaningful when embedded in a longer token
/// (`td_module_related_posts` splits into tokens, but `relatedposts` does not).
///
/// This is the definition of a match; `class_lists` computes the same for all lists at once
/// (a test checks the two agree).
#[cfg(test)]
fn matches_word(token: &str, word: &str) -> bool {
    match word.strip_suffix('*') {
        Some(stem) => token.starts_with(stem) || (stem.len() >= 6 && token.contains(stem)),
        None => token == word,
    }
}

/// Bits of `class_lists`: one per word list, `JUNK_WORDS` from `LIST_JUNK` on in order.
const LIST_POSITIVE: u32 = 0;
const LIST_NEGATIVE: u32 = 1;
const LIST_PROTECT: u32 = 2;
const LIST_BYLINE: u32 = 3;
const LIST_JUNK: u32 = 4;
const _: () = assert!(JUNK_WORDS.len() + LIST_JUNK as usize <= 64);

/// The class/id word lists as two automata, so that a class string is read a byte at a time
/// instead of being compared with the words:
/// - a trie of all words and stems, walked from the first byte of a token (or of a pair);
///   most tokens leave it after a byte or two;
/// - an Aho–Corasick automaton of the stems of six bytes or more, which also match inside a
///   token, as a table over byte classes.
///
/// A pair (`a-b`, `ab`) continues from where `a` left both: what matches within `a` or
/// within `b` alone is found in them, so only the matches across the join are new.
struct WordIndex {
    trie: Vec<TrieNode>,
    /// The trie's edges, (byte, child), each node's together (`TrieNode::edges`).
    edges: Vec<(u8, u32)>,
    /// The root's children by byte (`DEAD` for none).
    root: [u32; 256],
    /// The class of each byte in the automaton (0: a byte of no long stem).
    classes: [u16; 256],
    /// A state's row in `next` is `state << shift` (rows padded to a power of two: a shift,
    /// not a multiply, on the chain of loads that reading a token is).
    shift: u32,
    /// The automaton: `row | class` (the row plus the class) → the next state's row (the
    /// start's is 0).
    next: Vec<u32>,
    /// Per state: the lists of the long stems that end there (also those ending with it).
    found: Vec<u64>,
    /// Per state: how many of the last bytes read it stands for.
    depth: Vec<u32>,
}

struct TrieNode {
    /// Where the node's edges are in `WordIndex::edges`.
    edges: (u32, u32),
    /// Lists of the stems spelled by the path to the node (a token starting so matches them).
    stem: u64,
    /// Lists of the words spelled by the path (a token that is the path matches them).
    word: u64,
}

/// The trie's root, and the node past a byte no word continues with.
const ROOT: u32 = 0;
const DEAD: u32 = u32::MAX;

/// Stems of this many bytes or more also match inside a token.
const INNER_STEM: usize = 6;

impl WordIndex {
    fn build() -> WordIndex {
        let lists = [
            (LIST_POSITIVE, POSITIVE_WORDS),
            (LIST_NEGATIVE, NEGATIVE_WORDS),
            (LIST_PROTECT, PROTECT_WORDS),
            (LIST_BYLINE, BYLINE_WORDS),
        ]
        .into_iter()
        .chain(
            JUNK_WORDS
                .iter()
                .enumerate()
                .map(|(i, (_, words))| (LIST_JUNK + i as u32, *words)),
        );
        // The trie of all words and stems, and the trie of the long stems that the automaton
        // is made of, with what ends at each node.
        let mut links = vec![Link::ROOT];
        let mut ends: Vec<(u64, u64)> = vec![(0, 0)];
        let mut long_links = vec![Link::ROOT];
        let mut found = vec![0u64];
        for (bit, words) in lists {
            for word in words {
                let (pattern, stem) = match word.strip_suffix('*') {
                    Some(s) => (s.as_bytes(), true),
                    None => (word.as_bytes(), false),
                };
                let node = trie_insert(&mut links, pattern);
                ends.resize(links.len(), (0, 0));
                if stem {
                    ends[node].0 |= 1 << bit;
                } else if !pattern.is_empty() {
                    ends[node].1 |= 1 << bit;
                }
                if stem && pattern.len() >= INNER_STEM {
                    let state = trie_insert(&mut long_links, pattern);
                    found.resize(long_links.len(), 0);
                    found[state] |= 1 << bit;
                }
            }
        }
        let (ranges, edges) = trie_edges(&links);
        let trie: Vec<TrieNode> = ranges
            .into_iter()
            .zip(ends)
            .map(|(edges, (stem, word))| TrieNode { edges, stem, word })
            .collect();
        let mut root = [DEAD; 256];
        let (start, end) = trie[ROOT as usize].edges;
        for &(b, child) in &edges[start as usize..end as usize] {
            root[usize::from(b)] = child;
        }

        // The automaton.
        let (long_ranges, long_edges) = trie_edges(&long_links);
        let states = long_ranges.len();
        // Byte classes: one per byte of a long stem, 0 for all others; an ASCII capital in the
        // class of its small letter (the words are lowercase).
        let mut classes = [0u16; 256];
        let mut class_count = 1usize;
        for &(b, _) in &long_edges {
            if classes[usize::from(b)] == 0 {
                classes[usize::from(b)] = class_count as u16;
                class_count += 1;
            }
        }
        for b in b'A'..=b'Z' {
            classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
        }
        // Breadth first: a state's fallback (the longest proper suffix of its path that is a
        // state) is complete before the state itself. Built with plain state numbers, then
        // turned into rows.
        let shift = class_count.next_power_of_two().trailing_zeros();
        let class_count = 1 << shift;
        let mut next = vec![0u32; states * class_count];
        let mut fallback = vec![0u32; states];
        let mut depth = vec![0u32; states];
        let mut queue = std::collections::VecDeque::from([ROOT]);
        while let Some(state) = queue.pop_front() {
            let s = state as usize;
            let back = fallback[s] as usize;
            for class in 0..class_count {
                next[s * class_count + class] = if s == 0 {
                    0
                } else {
                    next[back * class_count + class]
                };
            }
            let (start, end) = long_ranges[s];
            for &(b, child) in &long_edges[start as usize..end as usize] {
                let class = usize::from(classes[usize::from(b)]);
                let c = child as usize;
                if s != 0 {
                    fallback[c] = next[back * class_count + class];
                }
                found[c] |= found[fallback[c] as usize];
                depth[c] = depth[s] + 1;
                next[s * class_count + class] = child;
                queue.push_back(child);
            }
        }
        for row in &mut next {
            *row <<= shift;
        }
        WordIndex {
            trie,
            edges,
            root,
            classes,
            shift,
            next,
            found,
            depth,
        }
    }

    /// The trie node after `node` and byte `b` (either case of an ASCII letter).
    fn child(&self, node: u32, b: u8) -> u32 {
        let b = b.to_ascii_lowercase();
        if node == ROOT {
            return self.root[usize::from(b)];
        }
        let Some(n) = self.trie.get(node as usize) else {
            return DEAD;
        };
        self.edges[n.edges.0 as usize..n.edges.1 as usize]
            .iter()
            .find(|e| e.0 == b)
            .map_or(DEAD, |e| e.1)
    }

    /// Walks the trie from `node` over `bytes`: the node reached, and the lists of the stems
    /// passed on the way.
    fn walk(&self, mut node: u32, bytes: &[u8]) -> (u32, u64) {
        let mut lists = 0;
        for &b in bytes {
            node = self.child(node, b);
            match self.trie.get(node as usize) {
                Some(n) => lists |= n.stem,
                None => break,
            }
        }
        (node, lists)
    }

    /// The lists of the words that the path to `node` spells.
    fn word(&self, node: u32) -> u64 {
        self.trie.get(node as usize).map_or(0, |n| n.word)
    }

    /// Runs the automaton from `row` over `bytes`: the row reached, and the lists of the long
    /// stems found. `across`: `bytes` is a token after the first of a pair, and only matches
    /// across the join are wanted: the run stops once the state stands only for bytes of the
    /// token, from where on it finds what the token's own run finds.
    fn scan(&self, mut row: u32, bytes: &[u8], across: bool) -> (u32, u64) {
        let mut lists = 0;
        for (k, &b) in bytes.iter().enumerate() {
            let class = u32::from(self.classes[usize::from(b)]);
            row = self.next[(row | class) as usize];
            let state = (row >> self.shift) as usize;
            if across && self.depth[state] as usize <= k + 1 {
                break;
            }
            lists |= self.found[state];
        }
        (row, lists)
    }
}

/// A trie node while the word index is built: (first child, next sibling, byte), `DEAD` for
/// none. (No map per node: building the index takes a few KB besides the index.)
#[derive(Clone, Copy)]
struct Link(u32, u32, u8);

impl Link {
    const ROOT: Link = Link(DEAD, DEAD, 0);
}

/// Adds `bytes` to a trie of `Link`s; returns the node that spells them.
fn trie_insert(links: &mut Vec<Link>, bytes: &[u8]) -> usize {
    let mut node = ROOT as usize;
    for &b in bytes {
        let mut child = links[node].0;
        while child != DEAD && links[child as usize].2 != b {
            child = links[child as usize].1;
        }
        if child == DEAD {
            child = links.len() as u32;
            links.push(Link(DEAD, links[node].0, b));
            links[node].0 = child;
        }
        node = child as usize;
    }
    node
}

/// A trie's edges: per node where its edges are, and the edges, (byte, child), each node's
/// together.
type TrieEdges = (Vec<(u32, u32)>, Vec<(u8, u32)>);

/// The edges of a trie of `Link`s.
fn trie_edges(links: &[Link]) -> TrieEdges {
    let mut ranges = Vec::with_capacity(links.len());
    let mut edges = Vec::with_capacity(links.len());
    for link in links {
        let start = edges.len() as u32;
        let mut child = link.0;
        while child != DEAD {
            edges.push((links[child as usize].2, child));
            child = links[child as usize].1;
        }
        ranges.push((start, edges.len() as u32));
    }
    (ranges, edges)
}

fn word_index() -> &'static WordIndex {
    static INDEX: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(WordIndex::build)
}

/// Whether any token matches a word of the lists in `lists` (a `class_lists` result).
fn any_token(lists: u64, bit: u32) -> bool {
    lists & (1 << bit) != 0
}

/// The lists (bits `LIST_*`) matched by a class or id attribute: its lowercase tokens, and
/// hyphenated and joined pairs of neighbours (`author-box`, `authorbox`) so that multi-word
/// entries can match (see `matches_word`).
fn class_lists(class_and_id: &str) -> u64 {
    let index = word_index();
    let mut lists = 0;
    // The root's stem lists: a bare `*` matches every token.
    let every = index.trie[ROOT as usize].stem;
    // Where the previous token left the trie and the automaton.
    let mut previous: Option<(u32, u32)> = None;
    let mut token = |t: &[u8]| {
        let (node, stems) = index.walk(ROOT, t);
        let (row, inner) = index.scan(0, t, false);
        lists |= every | stems | index.word(node) | inner;
        if let Some((a_node, a_row)) = previous {
            for sep in [&b"-"[..], b""] {
                let (n, s) = index.walk(a_node, sep);
                let (n, stems) = index.walk(n, t);
                lists |= s | stems | index.word(n);
                let (r, found) = index.scan(a_row, sep, false);
                let (_, across) = index.scan(r, t, true);
                lists |= found | across;
            }
        }
        previous = Some((node, row));
    };
    // Tokens are runs of letters and digits. ASCII (most class strings) is split as bytes and
    // needs no lowercase copy: the trie and the automaton fold ASCII case as they read.
    if class_and_id.is_ascii() {
        for t in class_and_id
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
        {
            if !t.is_empty() {
                token(t);
            }
        }
    } else {
        for t in class_and_id
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
        {
            if !t.is_empty() {
                token(t.as_bytes());
            }
        }
    }
    lists
}

/// Reads the class and id of an element.
pub fn class_hint(class_and_id: &str) -> Hint {
    let lists = class_lists(class_and_id);
    let mut weight = 0;
    if any_token(lists, LIST_POSITIVE) {
        weight += 25;
    }
    if any_token(lists, LIST_NEGATIVE) {
        weight -= 25;
    }
    let junk = JUNK_WORDS
        .iter()
        .enumerate()
        .find(|(i, _)| any_token(lists, LIST_JUNK + *i as u32))
        .map(|(_, (c, _))| *c);
    // Protection only matters for a junk word, so the substrings are only searched then (most
    // class strings have none; the search was 2% of all instructions on news pages).
    let protected = || {
        any_token(lists, LIST_PROTECT)
            || PROTECT_SUBSTRINGS
                .iter()
                .any(|w| contains_ascii_lowercase(class_and_id, w))
    };
    let junk = junk.filter(|_| !protected());
    Hint {
        weight,
        junk,
        byline: any_token(lists, LIST_BYLINE),
    }
}

/// Whether `hay.to_ascii_lowercase()` contains `needle`, without lowercasing a copy.
fn contains_ascii_lowercase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    // A needle with an ASCII capital is never found in lowercased text.
    !needle.bytes().any(|b| b.is_ascii_uppercase())
        && hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether an inline `style` hides its element: `display:none` or `visibility:hidden` in it,
/// white space and ASCII case ignored, anywhere in the value.
///
/// One pass over the characters with a match position per pattern, no copy. Neither pattern
/// has a proper prefix that is also a suffix of it, so after a mismatch a match can only
/// restart at the character itself.
pub fn style_hides(style: &str) -> bool {
    const PATTERNS: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    let mut matched = [0usize; 2];
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        let c = c.to_ascii_lowercase();
        for (pattern, at) in PATTERNS.iter().zip(&mut matched) {
            if c == char::from(pattern[*at]) {
                *at += 1;
                if *at == pattern.len() {
                    return true;
                }
            } else {
                *at = usize::from(c == char::from(pattern[0]));
            }
        }
    }
    false
}

/// What an ARIA role says: landmarks that are never the article.
pub fn role_category(role: &str) -> Option<Category> {
    match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "search" | "banner" => Some(Category::Nav),
        "complementary" | "contentinfo" | "alertdialog" | "dialog" => Some(Category::Other),
        _ => None,
    }
}

/// Elements removed with everything inside them, whatever their class. `Some(category)` when
/// the removal should be counted, `None` for elements that never hold article content anyway
/// (scripts, styles, form controls).
pub fn tag_drop(tag: Tag) -> Option<Option<Category>> {
    use Tag::*;
    match tag {
        Nav => Some(Some(Category::Nav)),
        Aside | Dialog => Some(Some(Category::Other)),
        Script | Style | Template | Noscript | Link | Meta | Base | Title | Head | Object
        | Embed | Applet | Canvas | Svg | Frame | Frameset | Input | Button | Select | Textarea
        | Option | Optgroup | Datalist | Output | Progress | Meter | Label | Map | Area | Param
        | Noembed | Noframes | Xmp | Plaintext | Audio | Video | Track => Some(None),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// labels: short texts that name a boilerplate block ("Anzeige", "Mehr zum Thema")
// ---------------------------------------------------------------------------------------------

/// Short texts, compared after lowercasing and trimming punctuation, that label a block as
/// boilerplate in en, de, fr, es, it, nl and pt.
const LABELS: &[(Category, &[&str])] = &[
    (
        Category::Ad,
        &[
            "anzeige",
            "werbung",
            "advertisement",
            "advertisements",
            "advertising",
            "ad",
            "ads",
            "sponsored",
            "sponsored content",
            "paid content",
            "gesponsert",
            "publicité",
            "publicite",
            "publicidad",
            "pubblicità",
            "pubblicita",
            "advertentie",
            "publicidade",
            "promoted",
            "reklama",
            "story continues below advertisement",
            "article continues below advertisement",
            "continue reading below",
            "advertisement continue reading below",
            "article continues below",
            "weiterlesen nach der anzeige",
            "lesen sie nach der anzeige weiter",
            "la suite après cette publicité",
            "3rd party ad content",
            "sponsored links",
            "sponsored link",
            "ads by google",
            "anzeigen",
            "partner content",
            "anuncio",
            "annonce",
            "reklame",
        ],
    ),
    (
        Category::Jobs,
        &[
            "stellenangebote",
            "jobs",
            "job offers",
            "jobbörse",
            "aktuelle jobs",
            "offres d'emploi",
            "ofertas de empleo",
            "offerte di lavoro",
            "vacatures",
            "vagas",
            "careers",
        ],
    ),
    (
        Category::Related,
        &[
            "mehr zum thema",
            "lesen sie auch",
            "das könnte sie auch interessieren",
            "ähnliche artikel",
            "weitere artikel",
            "auch interessant",
            "related",
            "related articles",
            "related stories",
            "related posts",
            "read more",
            "see also",
            "more stories",
            "you may also like",
            "you might also like",
            "recommended",
            "recommended for you",
            "more from",
            "most read",
            "most popular",
            "trending",
            "à lire aussi",
            "a lire aussi",
            "lire aussi",
            "sur le même sujet",
            "te puede interesar",
            "lee también",
            "noticias relacionadas",
            "artículos relacionados",
            "leggi anche",
            "articoli correlati",
            "potrebbe interessarti",
            "lees ook",
            "gerelateerde artikelen",
            "leia também",
            "leia mais",
            "notícias relacionadas",
            "veja também",
            "more on this story",
            "mehr vom autor",
            "weitere beiträge",
            "neueste beiträge",
        ],
    ),
    (
        Category::Newsletter,
        &[
            "newsletter",
            "subscribe",
            "sign up",
            "abonnieren",
            "newsletter abonnieren",
            "follow us",
            "folgen sie uns",
            "suivez-nous",
            "síguenos",
            "seguici",
            "volg ons",
            "siga-nos",
            "s'abonner",
            "suscríbete",
            "iscriviti",
            "inschrijven",
            "assine",
            "sign up for our newsletter",
            "subscribe to our newsletter",
        ],
    ),
    (
        Category::Comments,
        &[
            "comments",
            "comment",
            "leave a comment",
            "leave a reply",
            "kommentare",
            "kommentar schreiben",
            "hinterlassen sie einen kommentar",
            "commentaires",
            "laisser un commentaire",
            "comentarios",
            "deja un comentario",
            "commenti",
            "komentarze",
            "kommentarer",
            "have your say",
            "rate this article",
            "post a comment",
            "add your comment",
            "add a comment",
            "write a comment",
            "kommentieren",
            "commenter",
            "lascia un commento",
            "reacties",
            "reageer",
            "comentários",
            "deixe um comentário",
        ],
    ),
    (
        Category::Share,
        &[
            "share",
            "share this",
            "share this article",
            "teilen",
            "artikel teilen",
            "partager",
            "udostępnij",
            "dela",
            "jaa",
            "sdílet",
            // Article tools: print, e-mail, text size (they travel with share bars).
            "print",
            "print article",
            "print this article",
            "print this page",
            "printer friendly",
            "printer friendly version",
            "printer friendly page",
            "printer-friendly version",
            "email",
            "e-mail",
            "email a friend",
            "email to a friend",
            "e-mail a friend",
            "email this",
            "email this article",
            "email this story",
            "email story",
            "send to a friend",
            "refer to a friend",
            "send this article to a friend",
            "increase text size",
            "decrease text size",
            "text size",
            "font size",
            "reprints",
            "single page",
            "view article on single page",
            "bookmark",
            "drucken",
            "artikel drucken",
            "versenden",
            "artikel versenden",
            "imprimer",
            "envoyer",
            "imprimir",
            "stampa",
            "afdrukken",
            "imprimir artigo",
            "compartir",
            "condividi",
            "delen",
            "compartilhar",
            "share on facebook",
        ],
    ),
];

/// Share endpoints of social networks and messengers: links to these are share buttons.
const SHARE_URLS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share.php",
    "facebook.com/dialog/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "linkedin.com/share",
    "linkedin.com/sharing",
    "wa.me/",
    "api.whatsapp.com/send",
    "whatsapp://",
    "t.me/share",
    "telegram.me/share",
    "reddit.com/submit",
    "pinterest.com/pin/create",
    "xing.com/spi/shares",
    "xing.com/social/share",
    "tumblr.com/share",
    "getpocket.com/save",
    "news.ycombinator.com/submitlink",
    "bsky.app/intent",
    "threads.net/intent",
    "flipboard.com/bookmarklet",
];

/// Whether a link target is a share button's: it starts with `mailto:?` or contains one of
/// `SHARE_URLS`, ASCII case ignored.
pub fn is_share_url(href: &str) -> bool {
    let h = href.as_bytes();
    if h.get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"mailto:?"))
    {
        return true;
    }
    share_url_index().contains(h)
}

const PAIR_KEYS: usize = 1024;

fn pair_key(a: u8, b: u8) -> usize {
    (usize::from(a) << 5 ^ usize::from(b)) % PAIR_KEYS
}

/// Entries grouped by key in one array (a few KB, built once).
struct Buckets<T> {
    /// Where each key's entries start in `entries` (one more for the end).
    starts: Vec<u16>,
    entries: Vec<T>,
}

impl<T> Buckets<T> {
    fn new(mut keyed: Vec<(usize, T)>) -> Self {
        keyed.sort_by_key(|(k, _)| *k);
        let mut starts = Vec::with_capacity(PAIR_KEYS + 1);
        let mut at = 0;
        for key in 0..=PAIR_KEYS {
            while at < keyed.len() && keyed[at].0 < key {
                at += 1;
            }
            starts.push(at as u16);
        }
        Buckets {
            starts,
            entries: keyed.into_iter().map(|(_, e)| e).collect(),
        }
    }

    fn get(&self, key: usize) -> &[T] {
        &self.entries[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// `SHARE_URLS` indexed around their first `.` or `:` (the anchor: every endpoint names a
/// host or a scheme, and a test holds the list to that): a link is compared only where it has
/// a `.` or `:` with the same byte before and after as an endpoint's anchor. (A `contains` per
/// endpoint on a lowercased copy of every link was 8% of all instructions on news pages; an
/// index by first bytes still looked up most positions of a link.)
struct ShareIndex {
    /// (endpoint, where its anchor is), grouped by `pair_key` of the bytes around the anchor.
    anchors: Buckets<(&'static [u8], usize)>,
}

fn is_anchor(b: u8) -> bool {
    b == b'.' || b == b':'
}

fn share_url_index() -> &'static ShareIndex {
    static INDEX: std::sync::OnceLock<ShareIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut anchors = Vec::new();
        for u in SHARE_URLS.iter().map(|u| u.as_bytes()) {
            if let Some(k) = u.iter().position(|&b| is_anchor(b)) {
                if k >= 1 && k + 1 < u.len() {
                    anchors.push((pair_key(u[k - 1], u[k + 1]), (u, k)));
                }
            }
        }
        ShareIndex {
            anchors: Buckets::new(anchors),
        }
    })
}

impl ShareIndex {
    /// Whether the ASCII-lowercased `hay` contains an endpoint.
    fn contains(&self, hay: &[u8]) -> bool {
        // Anchors are found a vector at a time (most bytes of a link are none).
        for i in memchr::memchr2_iter(b'.', b':', hay) {
            if i == 0 || i + 1 >= hay.len() {
                continue;
            }
            let anchor = hay[i];
            let key = pair_key(
                hay[i - 1].to_ascii_lowercase(),
                hay[i + 1].to_ascii_lowercase(),
            );
            for &(u, k) in self.anchors.get(key) {
                // The endpoint is lowercase: ignoring case on both sides is lowercasing `hay`.
                if u[k] == anchor
                    && i >= k
                    && hay[i - k..]
                        .get(..u.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(u))
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Consent layers talk about cookies in every language with the same word.
pub fn mentions_cookies(text: &str) -> bool {
    const WORD: &[u8] = b"cookie";
    let t = text.as_bytes();
    let word_at = |i: usize| {
        t.get(i..i + WORD.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(WORD))
    };
    // The word is only looked for where a `c` or `C` stands, found eight bytes at a time (all
    // text passes here: a compare at every byte was 2% of all instructions on news pages).
    // `b | 0x20 == b'c'` holds for `c` and `C` only; a zero byte of `x` marks one, and the
    // test for a zero byte may flag a word with none, never miss one.
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut chunks = t.chunks_exact(8);
    for (k, c) in (&mut chunks).enumerate() {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let x = (word | (ONES * 0x20)) ^ (ONES * u64::from(b'c'));
        if (x.wrapping_sub(ONES) & !x & HIGH) != 0 && (8 * k..8 * k + 8).any(word_at) {
            return true;
        }
    }
    let tail = t.len() - chunks.remainder().len();
    (tail..t.len()).any(word_at)
}

/// Page footers open with the copyright sign or word in every language ("© 2008 …",
/// "Copyright 2004 …", "(c) …"; the raw text, so also as a character reference).
pub fn starts_copyright(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    t.starts_with("©".as_bytes())
        || t.starts_with(b"&copy;")
        || t.starts_with(b"&#169;")
        || t.get(..9)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"copyright"))
        || t.get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"(c)"))
}

/// Image-viewer prompts and similar page furniture with no category of its own.
const OTHER_LABELS: &[&str] = &[
    "view larger image",
    "click photo to enlarge",
    "click to enlarge",
    "enlarge image",
    "enlarge this image",
    "bild vergrößern",
    "zum vergrößern klicken",
    "agrandir la photo",
    "ampliar imagen",
    "ingrandisci",
    "vergroot afbeelding",
    "ampliar imagem",
];

/// Classifies a short text node as a boilerplate label.
pub fn label_category(text: &str) -> Option<Category> {
    // (label, category) by the label's length in bytes, the first list holding a label winning
    // (`OTHER_LABELS` before `LABELS`).
    type ByLength = Vec<Vec<(&'static [u8], Category)>>;
    static INDEX: std::sync::OnceLock<ByLength> = std::sync::OnceLock::new();
    if !label_ends_match(text) {
        return None;
    }
    let mut buf = [0u8; MAX_LABEL_CHARS];
    let mut wide = [0u8; MAX_LABEL_CHARS * 4];
    let owned;
    let norm: &[u8] = match normalise_ascii_label(text, &mut buf)
        .or_else(|| normalise_label_on_stack(text, &mut wide))
    {
        Some(Some(norm)) => norm,
        Some(None) => return None,
        None => {
            owned = normalise_label(text);
            if owned.chars().count() > MAX_LABEL_CHARS {
                return None;
            }
            owned.as_bytes()
        }
    };
    let (&first, _) = norm.split_first()?;
    let index = INDEX.get_or_init(|| {
        let mut by_len: ByLength = Vec::new();
        let lists = std::iter::once((Category::Other, OTHER_LABELS)).chain(LABELS.iter().copied());
        for (category, words) in lists {
            for word in words {
                let word = word.as_bytes();
                if by_len.len() <= word.len() {
                    by_len.resize(word.len() + 1, Vec::new());
                }
                let bucket = &mut by_len[word.len()];
                if !bucket.iter().any(|(w, _)| *w == word) {
                    bucket.push((word, category));
                }
            }
        }
        by_len
    });
    index
        .get(norm.len())?
        .iter()
        .find(|(w, _)| w.first() == Some(&first) && *w == norm)
        .map(|(_, c)| *c)
}

/// Whether a label could start and end as `text` does, looking only at its first and last
/// letter or digit when both are ASCII (most short texts are turned away here, before they are
/// normalised); true when either is not ASCII.
fn label_ends_match(text: &str) -> bool {
    // Bit `last` of row `first`: a label with those first and last bytes (both ASCII).
    static ENDS: std::sync::OnceLock<[u128; 128]> = std::sync::OnceLock::new();
    let ends = ENDS.get_or_init(|| {
        let mut ends = [0u128; 128];
        let all = LABELS.iter().flat_map(|(_, words)| words.iter());
        for word in OTHER_LABELS.iter().chain(all) {
            if let (Some(&f), Some(&l)) = (word.as_bytes().first(), word.as_bytes().last()) {
                if f.is_ascii() && l.is_ascii() {
                    ends[usize::from(f)] |= 1 << l;
                }
            }
        }
        ends
    });
    // The trim of `normalise_label`: up to the first and from the last alphanumeric
    // character; a non-ASCII byte may be one, and then this cannot tell.
    let stop = |b: &u8| !b.is_ascii() || b.is_ascii_alphanumeric();
    let b = text.as_bytes();
    let (Some(first), Some(last)) = (b.iter().position(stop), b.iter().rposition(stop)) else {
        // Nothing alphanumeric: normalised to nothing, which is no label.
        return false;
    };
    let (f, l) = (b[first], b[last]);
    if !f.is_ascii() || !l.is_ascii() {
        return true;
    }
    ends[usize::from(f.to_ascii_lowercase())] & (1 << l.to_ascii_lowercase()) != 0
}

fn normalise_label(text: &str) -> String {
    let lower = text.to_lowercase();
    let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `normalise_label` for ASCII text, without allocating: `Some(Some(label))` written into
/// `buf`, `Some(None)` when it is longer than `buf` (so no label), `None` for other text.
fn normalise_ascii_label<'b>(
    text: &str,
    buf: &'b mut [u8; MAX_LABEL_CHARS],
) -> Option<Option<&'b [u8]>> {
    if !text.is_ascii() {
        return None;
    }
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_alphanumeric);
    let end = bytes.iter().rposition(u8::is_ascii_alphanumeric);
    let trimmed = match (start, end) {
        (Some(s), Some(e)) => &bytes[s..=e],
        _ => &[],
    };
    let mut len = 0;
    let mut space = false;
    for &b in trimmed {
        if crate::text::is_white(b) {
            space = true;
            continue;
        }
        let needed = if space { 2 } else { 1 };
        if len + needed > buf.len() {
            return Some(None);
        }
        if space {
            buf[len] = b' ';
            len += 1;
            space = false;
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    Some(Some(&buf[..len]))
}

/// `normalise_label` for any text, without allocating: `Some(Some(label))` written into
/// `buf`, `Some(None)` when it has more than `MAX_LABEL_CHARS` characters (so no label),
/// `None` when it does not fit `buf` or holds a capital sigma (whose lowercase depends on
/// its neighbours in `str::to_lowercase`).
fn normalise_label_on_stack<'b>(
    text: &str,
    buf: &'b mut [u8; MAX_LABEL_CHARS * 4],
) -> Option<Option<&'b [u8]>> {
    if text.contains('Σ') {
        return None;
    }
    // Lowercased character by character; leading characters that are not alphanumeric are
    // skipped, whitespace runs become one space, and the end is cut after the last
    // alphanumeric character.
    let (mut len, mut end, mut chars) = (0, 0, 0);
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if len == 0 && !c.is_alphanumeric() {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            chars += 1;
            space = false;
        }
        len += c.encode_utf8(buf.get_mut(len..len + c.len_utf8())?).len();
        chars += 1;
        if c.is_alphanumeric() {
            end = len;
            if chars > MAX_LABEL_CHARS {
                return Some(None);
            }
        }
    }
    Some(Some(&buf[..end]))
}

/// Longest text that is still read as a label rather than as content.
pub const MAX_LABEL_CHARS: usize = 48;

/// Prefixes of a byline text that are not part of the name.
pub const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "de ",
    "written by ",
    "geschrieben von ",
];

// ---------------------------------------------------------------------------------------------
// scoring and thresholds
// ---------------------------------------------------------------------------------------------

/// Paragraph-like elements shorter than this (characters) add nothing to their ancestors'
/// scores; Readability's figure, which keeps captions and bylines from counting as content.
pub const MIN_PARAGRAPH_CHARS: u32 = 25;
/// Text of links within the page (`href="#…"`: footnote marks, back-references, a table of
/// contents) counts this many tenths as link text: they lead nowhere else (Readability's 0.3).
pub const IN_PAGE_LINK_WEIGHT_TENTHS: u32 = 3;

/// Starting score of a candidate by tag: containers that typically wrap prose start higher,
/// lists and headings lower (Readability's initial weights).
pub fn tag_score(tag: Tag) -> f32 {
    use Tag::*;
    match tag {
        Div | Article | Main | Section => 5.0,
        Pre | Td | Blockquote => 3.0,
        Address | Ol | Ul | Dl | Dd | Dt | Li | Form => -3.0,
        H1 | H2 | H3 | H4 | H5 | H6 | Th => -5.0,
        _ => 0.0,
    }
}

/// Elements whose text is scored as a paragraph (Readability's set: headings and sections
/// count, so articles made of lists under headings still find their container).
pub fn is_paragraph_like(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, P | Pre | Td | H2 | H3 | H4 | H5 | H6 | Section)
}

/// Containers that read as a paragraph when they have no block child (Readability turns such
/// divs into `<p>`; old pages use `<font>` and `<center>`). Not `<span>`: Readability scores
/// none, and a span is as a rule one teaser line (a headline link and its date) of a list.
pub fn reads_as_paragraph(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, Div | Section | Font | Center | Other)
}

/// Inline elements that only style their text: inside a paragraph they are words of a
/// sentence (`<a><span style=…>fake news</span></a>`, `<span><a>…</a></span>`), never
/// cleaned on their own as link lists.
pub fn is_styling_wrapper(tag: Tag) -> bool {
    matches!(tag, Tag::Span | Tag::Font)
}

/// Alternative candidates (Readability): among the best `TOP_CANDIDATES`, those scoring at
/// least `PEER_SCORE_SHARE` of the top one are its peers; `MIN_PEERS` of them under one
/// ancestor make that ancestor the article (articles split into one wrapper per section).
pub const TOP_CANDIDATES: usize = 5;
pub const PEER_SCORE_SHARE: f32 = 0.75;
pub const MIN_PEERS: usize = 3;

/// A positive class weight counts only for candidates with at least this much text.
pub const MIN_WEIGHTED_CHARS: u32 = 100;

/// JSON-LD `articleBody` cross-check: a root with less than `STATED_LENGTH_SHORT` of the stated
/// length is incomplete; the nearest ancestor with at least `STATED_LENGTH_ENOUGH` of it (and
/// at most `STATED_LENGTH_MAX_GROWTH` times it) replaces it.
pub const STATED_LENGTH_SHORT: f32 = 0.6;
pub const STATED_LENGTH_ENOUGH: f32 = 0.85;
pub const STATED_LENGTH_MAX_GROWTH: f32 = 1.8;

/// How many ancestor levels a paragraph's score reaches (Readability: 5).
pub const SCORE_LEVELS: usize = 5;

/// A semantic container (`<article>`, `itemprop=articleBody`, `<main>`) around the best
/// candidate replaces it when its kept text is at most this many times the candidate's:
/// it then holds the candidate plus header, lead image and captions, not another article.
pub const SEMANTIC_GROWTH: f32 = 1.6;

/// How far up from the best candidate a semantic container is looked for.
pub const SEMANTIC_LEVELS: usize = 6;

/// Siblings of the chosen root join the article when their score is at least this share of
/// the root's (Readability's sibling threshold), and at least `SIBLING_MIN_SCORE`.
pub const SIBLING_SHARE: f32 = 0.2;
pub const SIBLING_MIN_SCORE: f32 = 10.0;

/// How many wrappers a root that is its parent's only child climbs before siblings are
/// merged (Readability climbs to `<body>`; the bound keeps it cheap on deep markup).
pub const ONLY_CHILD_LEVELS: usize = 12;

/// A block with a copyright notice and less text than this is a footer, not article text.
pub const FOOTER_MAX_CHARS: u32 = 600;

/// A definition list with at least this many terms, each this much link text, is a list of
/// teasers (linked headline, summary): related stories, not the article.
pub const TEASER_LIST_MIN_TERMS: u32 = 3;
pub const TEASER_TERM_LINK_DENSITY: f32 = 0.8;

/// A link with at least this much text (a word) is part of the article's prose, not an icon
/// or a button, even when its class names furniture ("popup" on a glossary link).
pub const PHRASE_LINK_CHARS: u32 = 5;

/// A table is a data table (whose rows are content, so the article may hold it) when a header
/// cell or caption is among its first nodes; table parts are at most this deep below it.
pub const DATA_TABLE_SCAN_NODES: usize = 64;
pub const TABLE_PART_LEVELS: usize = 3;

/// A sibling paragraph joins when it is long with few links, or short and sentence-like.
pub const SIBLING_P_LONG: u32 = 80;
pub const SIBLING_P_MAX_LINK_DENSITY: f32 = 0.25;

/// Conditional cleaning: blocks inside the article whose text is mostly link text are lists
/// of links (promos, related articles, tag lists), not prose. Classes that look like content
/// (weight ≥ 25) get the looser bound.
pub const LINK_DENSITY_MAX: f32 = 0.25;
pub const LINK_DENSITY_MAX_POSITIVE: f32 = 0.5;
/// Lists and paragraphs inside the article link their terms (release notes, "X fixed Y",
/// encyclopedia prose): only one that is mostly links is a link list (Readability never
/// cleans paragraphs and exempts lists from the 0.25 bound).
pub const LINK_DENSITY_MAX_LIST: f32 = 0.5;
/// A list item with at most this share of link text is prose around its links (a reference
/// whose title is linked); above it, the item is a linked headline.
pub const PROSE_ITEM_MAX_LINK_DENSITY: f32 = 0.8;
/// ... unless the block holds this share of the article's text: then it is the article.
pub const CLEAN_MAX_SHARE: f32 = 0.6;

/// A form with more prose than this is a page wrapper (ASP.NET, with the comment box at the
/// end), not a comment or search box: three paragraphs are already a short story.
pub const FORM_MAX_PARAGRAPHS: u32 = 2;
pub const FORM_MAX_CHARS: u32 = 1500;
/// A sign-up or comment form takes its surrounding box along while the box adds at most this
/// much text (heading, pitch, fine print).
pub const FORM_BOX_EXTRA_CHARS: u32 = 400;

/// An ad label ("Anzeige") takes its slot along when the slot holds at most this much text
/// besides the label (a line of ad copy).
pub const AD_SLOT_MAX_CHARS: u32 = 300;

/// A block named as furniture is given back when it holds this many paragraphs of prose
/// (with at least `PROSE_COMMAS` commas and link density under this bound).
pub const PROSE_PARAGRAPHS: u32 = 3;
pub const PROSE_MAX_LINK_DENSITY: f32 = 0.15;

/// Blocks with more than one image and fewer than one paragraph per two images are teaser
/// strips, when they hold less text than this.
pub const GALLERY_MAX_CHARS: u32 = 1000;

/// Blocks with at least this many commas are prose, never conditionally removed.
pub const PROSE_COMMAS: u32 = 10;

/// Unclassified blocks around the article are classified by what their first nodes hold:
/// a label among the first `LABEL_LEAD_NODES`, or evidence among the first `INFER_SCAN_NODES`.
pub const LABEL_LEAD_NODES: usize = 12;
pub const INFER_SCAN_NODES: usize = 400;
/// A block that mentions cookies and has at most this much text is a consent banner.
pub const COOKIE_BANNER_MAX_CHARS: u32 = 3000;

/// A byline is at most this long; an element named for the author with more text (and less
/// than `AUTHOR_BOX_MAX_CHARS`, in few paragraphs) is an author box.
pub const BYLINE_MAX_CHARS: u32 = 100;
pub const AUTHOR_BOX_MAX_CHARS: u32 = 1500;
pub const AUTHOR_BOX_MAX_PARAGRAPHS: u32 = 3;

/// Link lists with an average link text shorter than this are navigation, longer are
/// teasers (promotion or related articles).
pub const NAV_LINK_CHARS: u32 = 25;

/// Below this much text the page is retried with looser rules (no class-based removal).
pub const MIN_ARTICLE_CHARS: u32 = 250;

/// `is_probably_readerable`: a paragraph counts from this length, and the page is readerable
/// when the square roots of the excess over it add up to the threshold (Readability's test).
pub const READERABLE_MIN_CONTENT: u32 = 140;
pub const READERABLE_MIN_SCORE: f32 = 20.0;

/// Title separators: `<title>` often is "Headline | Site" or "Site – Headline".
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " · "];

// ---------------------------------------------------------------------------------------------
// embeds
// ---------------------------------------------------------------------------------------------

/// Video players whose iframes become a plain link in the reader view (iframes never survive
/// sanitising). Matched on the host part of the iframe's `src`.
const VIDEO_HOSTS: &[(&str, &str)] = &[
    ("youtube.com", "YouTube"),
    ("youtube-nocookie.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("vimeo.com", "Vimeo"),
    ("dailymotion.com", "Dailymotion"),
    ("twitch.tv", "Twitch"),
    ("ted.com", "TED"),
    ("arte.tv", "ARTE"),
    ("ardmediathek.de", "ARD Mediathek"),
    ("zdf.de", "ZDF"),
];

/// The provider of a video iframe `src`, if it is one we turn into a link.
pub fn video_embed(src: &str) -> Option<&'static str> {
    let s = src.trim().to_ascii_lowercase();
    let rest = s.split_once("//").map_or(s.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    VIDEO_HOSTS
        .iter()
        .find(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_name_categories() {
        assert_eq!(class_hint("td-a-rec adsbygoogle").junk, Some(Category::Ad));
        assert_eq!(
            class_hint("boltwise-jobs-widget").junk,
            Some(Category::Jobs)
        );
        assert_eq!(
            class_hint("td_block_related_posts").junk,
            Some(Category::Related)
        );
        assert_eq!(class_hint("comment-respond").junk, Some(Category::Comments));
        assert_eq!(
            class_hint("td-post-sharing-top").junk,
            Some(Category::Share)
        );
        assert_eq!(class_hint("cookie-notice").junk, Some(Category::Cookie));
        assert_eq!(class_hint("header").junk, None);
        assert_eq!(class_hint("shadow badge readable").junk, None);
    }

    #[test]
    fn content_words_protect_and_weigh() {
        assert_eq!(class_hint("entry-content comments-open").junk, None);
        assert!(class_hint("td-post-content").weight > 0);
        assert!(class_hint("sidebar").weight < 0);
        assert!(class_hint("td-post-author-name").byline);
    }

    #[test]
    fn inline_styles_that_hide() {
        // The definition: the value without white space, ASCII-lowercased, holds a pattern.
        let by_definition = |style: &str| {
            let v: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            v.contains("display:none") || v.contains("visibility:hidden")
        };
        let cases = [
            "display:none",
            "DISPLAY : None !important",
            "color: red; display:\u{a0}none",
            "width: 10px;visibility: hidden",
            "dis play:no ne",
            "ddisplay:none",
            "display:display:none",
            "visibility:visibility:hidden",
            "display:nonE;",
            "display: block",
            "visibility: visible",
            "display:non",
            "display;none",
            "visibility:hidde n",
            "",
            "displayé:none",
            "display:nonÉ",
            "display:none".trim_end_matches('e'),
        ];
        for case in cases {
            assert_eq!(style_hides(case), by_definition(case), "{case:?}");
        }
        // Strings made of the patterns' own letters, where partial matches overlap most.
        let letters: Vec<char> = "displaynoevibthdDN: ".chars().collect();
        let mut seed = 0x2545_f491_u32;
        for _ in 0..20_000 {
            let mut case = String::new();
            let len = 8 + seed as usize % 24;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                case.push(letters[seed as usize % letters.len()]);
            }
            // Seed half the cases with a pattern, broken up or not.
            if seed % 2 == 0 {
                let at = seed as usize % case.len();
                case.insert_str(
                    at,
                    ["display:no ne", "visibility:hid", "dISPLAY:NONE"][seed as usize % 3],
                );
            }
            assert_eq!(style_hides(&case), by_definition(&case), "{case:?}");
        }
        assert!(style_hides("DISPLAY : None !important"));
        assert!(!style_hides("display: block"));
    }

    #[test]
    fn labels_in_several_languages() {
        assert_eq!(label_category("- Werbung -"), Some(Category::Ad));
        assert_eq!(label_category("ANZEIGE"), Some(Category::Ad));
        assert_eq!(label_category("À lire aussi :"), Some(Category::Related));
        assert_eq!(label_category("Leggi anche"), Some(Category::Related));
        assert_eq!(label_category("Stellenangebote"), Some(Category::Jobs));
        assert_eq!(
            label_category("Die Nato steht kurz vor einer Einigung"),
            None
        );
    }

    /// The class hint as first written: every token against every word of every list.
    fn class_hint_by_definition(class_and_id: &str) -> Hint {
        let lower = class_and_id.to_lowercase();
        let parts: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect();
        let mut toks: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        for pair in parts.windows(2) {
            toks.push(format!("{}-{}", pair[0], pair[1]));
            toks.push(format!("{}{}", pair[0], pair[1]));
        }
        let any = |words: &[&str]| {
            toks.iter()
                .any(|t| words.iter().any(|w| matches_word(t, w)))
        };
        let mut weight = 0;
        if any(POSITIVE_WORDS) {
            weight += 25;
        }
        if any(NEGATIVE_WORDS) {
            weight -= 25;
        }
        let lower = class_and_id.to_ascii_lowercase();
        let protected = any(PROTECT_WORDS) || PROTECT_SUBSTRINGS.iter().any(|w| lower.contains(w));
        let junk = if protected {
            None
        } else {
            JUNK_WORDS
                .iter()
                .find(|(_, words)| any(words))
                .map(|(c, _)| *c)
        };
        Hint {
            weight,
            junk,
            byline: any(BYLINE_WORDS),
        }
    }

    #[test]
    fn word_index_agrees_with_the_definition() {
        let mut words: Vec<&str> = [
            POSITIVE_WORDS,
            NEGATIVE_WORDS,
            PROTECT_WORDS,
            PROTECT_SUBSTRINGS,
            BYLINE_WORDS,
        ]
        .into_iter()
        .chain(JUNK_WORDS.iter().map(|(_, w)| *w))
        .flatten()
        .copied()
        .collect();
        words.extend(["", " ", "x", "Ä-Ü", "İstanbul", "ＡＤ", "a_b-c  d"]);
        let affixes = ["", "x", "td-", "-box", "pre", "_ZZ", "9", "ü", "s"];
        let mut cases = Vec::new();
        for w in &words {
            let stem = w.trim_end_matches('*');
            for a in affixes {
                cases.push(format!("{a}{stem}"));
                cases.push(format!("{stem}{a}"));
                cases.push(format!("{a}{stem}{a}"));
                cases.push(format!("{a} {stem}-{a}").to_uppercase());
                cases.push(stem[..stem.len() / 2].to_string() + a);
            }
        }
        // Words split anywhere, so that only a pair of tokens can match them.
        for w in &words {
            let stem = w.trim_end_matches('*');
            for (k, _) in stem.char_indices().skip(1) {
                for sep in [" ", "-", "_"] {
                    let (a, b) = stem.split_at(k);
                    cases.push(format!("{a}{sep}{b}"));
                    cases.push(format!("xx {a}{sep}{b}s"));
                    cases.push(format!("q{a}{sep}{b} z"));
                }
            }
        }
        for pair in words.windows(2) {
            cases.push(format!("{} {}", pair[0], pair[1]));
            cases.push(
                format!("{}-{}", pair[0], pair[1])
                    .trim_end_matches('*')
                    .to_string(),
            );
            cases.push(format!("{}{}", pair[0], pair[1]).replace('*', ""));
        }
        for case in &cases {
            assert_eq!(class_hint(case), class_hint_by_definition(case), "{case:?}");
        }
    }

    #[test]
    fn cookie_search_agrees_with_the_definition() {
        let by_definition = |text: &str| {
            text.as_bytes()
                .windows(6)
                .any(|w| w.eq_ignore_ascii_case(b"cookie"))
        };
        let words = [
            "cookie", "COOKIE", "CoOkIe", "cookiE", "cooki", "ookie", "c", "C", "",
        ];
        let fillers = [
            "",
            "x",
            "cc",
            "Cc ",
            "0123456",
            "01234567",
            "ü",
            "\u{80}cookie",
        ];
        for w in words {
            for a in fillers {
                for b in fillers {
                    for s in [
                        format!("{a}{w}{b}"),
                        format!("{a}{a}{w}{b}{b}"),
                        format!("{a}{w}{a}{w}"),
                        format!("{}{w}", "y".repeat(a.len() + 5)),
                    ] {
                        assert_eq!(mentions_cookies(&s), by_definition(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn share_index_agrees_with_the_definition() {
        // The shape the index relies on: lowercase endpoints whose first `.` or `:` has a
        // byte on either side.
        for u in SHARE_URLS {
            let anchor = u.find(['.', ':']);
            assert!(
                anchor.is_some_and(|k| k >= 1 && k + 1 < u.len())
                    && !u.bytes().any(|b| b.is_ascii_uppercase()),
                "{u:?}"
            );
        }
        let by_definition = |href: &str| {
            let lower = href.to_ascii_lowercase();
            lower.starts_with("mailto:?") || SHARE_URLS.iter().any(|u| lower.contains(u))
        };
        let mut cases: Vec<String> = Vec::new();
        for u in SHARE_URLS.iter().chain(&["mailto:?", "mailto:", "x", ""]) {
            for (a, b) in [
                ("", ""),
                ("https://", "?u=1"),
                ("HTTPS://WWW.", "/X"),
                ("ü", "ü"),
                ("m", ""),
                ("mailto:?", ""),
            ] {
                cases.push(format!("{a}{u}{b}"));
                cases.push(format!("{a}{u}{b}").to_uppercase());
                cases.push(format!("{a}{}{b}", &u[..u.len() / 2]));
                cases.push(format!("{a}{}{b}", &u[1.min(u.len())..]));
            }
        }
        cases.extend(
            ["MAILTO:?subject=x", " mailto:?", "wa.m", "t.mE/share", "é"].map(String::from),
        );
        for case in &cases {
            assert_eq!(is_share_url(case), by_definition(case), "{case:?}");
        }
    }

    #[test]
    fn label_lookup_agrees_with_the_definition() {
        let by_definition = |text: &str| {
            let norm = normalise_label(text);
            if norm.is_empty() || norm.chars().count() > MAX_LABEL_CHARS {
                return None;
            }
            if OTHER_LABELS.contains(&norm.as_str()) {
                return Some(Category::Other);
            }
            LABELS
                .iter()
                .find(|(_, words)| words.contains(&norm.as_str()))
                .map(|(c, _)| *c)
        };
        let mut cases: Vec<String> = LABELS
            .iter()
            .flat_map(|(_, w)| w.iter())
            .chain(OTHER_LABELS)
            .flat_map(|w| {
                [
                    w.to_string(),
                    w.to_uppercase(),
                    format!(" - {w} :"),
                    format!("\t{}\n", w.replace(' ', " \u{b}\r ")),
                    format!("{w}\u{a0}"),
                    format!("{w}x"),
                ]
            })
            .collect();
        cases.extend(
            [
                "Σ Σα",
                "ΣΟΦΙΑ",
                "İstanbul İ",
                " – Anzeige – ",
                "WERBUNG\u{a0}",
                "À LIRE AUSSI\u{2003}:",
                "ß ẞ ǅ",
                &"é".repeat(48),
                &"é ".repeat(25),
                &"ü".repeat(49),
                &"ﬃ".repeat(20),
                &"ÀB ".repeat(60),
                "",
                "  ",
                "-",
                "a",
                &"a".repeat(48),
                &"a ".repeat(25),
                &"b".repeat(49),
            ]
            .map(String::from),
        );
        for case in &cases {
            assert_eq!(label_category(case), by_definition(case), "{case:?}");
        }
    }
}
