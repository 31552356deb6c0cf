//! The HTML element names the extractor knows, as a small enum, with the structural facts of
//! the HTML standard that both passes need (void elements, block boundaries, implied end tags).
//! Judgements about content (what is junk, what is kept) live in `rules` and `sanitize`.

macro_rules! tags {
    ($($variant:ident = $name:literal,)*) => {
        /// An element name; `Other` covers custom elements and anything unlisted.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            /// Maps a lowercased tag name.
            pub fn from_name(name: &str) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }

            /// The lowercased name (`"*"` for `Other`).
            pub fn name(self) -> &'static str {
                match self { $(Tag::$variant => $name,)* Tag::Other => "*" }
            }
        }
    };
}

tags! {
    Html = "html", Head = "head", Body = "body", Title = "title", Meta = "meta", Link = "link",
    Base = "base", Script = "script", Style = "style", Noscript = "noscript",
    Template = "template", Iframe = "iframe", Frame = "frame", Frameset = "frameset",
    Object = "object", Embed = "embed", Applet = "applet", Canvas = "canvas", Svg = "svg",
    Math = "math", Video = "video", Audio = "audio", Source = "source", Track = "track",
    Picture = "picture", Img = "img", Br = "br", Hr = "hr", Wbr = "wbr", Input = "input",
    Button = "button", Select = "select", Option = "option", Optgroup = "optgroup",
    Textarea = "textarea", Form = "form", Fieldset = "fieldset", Legend = "legend",
    Label = "label", Datalist = "datalist", Output = "output", Progress = "progress",
    Meter = "meter", Dialog = "dialog", Nav = "nav", Aside = "aside", Footer = "footer",
    Header = "header", Main = "main", Article = "article", Section = "section", Div = "div",
    P = "p", Span = "span", A = "a", H1 = "h1", H2 = "h2", H3 = "h3", H4 = "h4", H5 = "h5",
    H6 = "h6", Hgroup = "hgroup", Ul = "ul", Ol = "ol", Li = "li", Dl = "dl", Dt = "dt",
    Dd = "dd", Menu = "menu", Blockquote = "blockquote", Pre = "pre", Code = "code",
    Kbd = "kbd", Samp = "samp", Var = "var", Figure = "figure", Figcaption = "figcaption",
    Table = "table", Caption = "caption", Colgroup = "colgroup", Col = "col",
    Thead = "thead", Tbody = "tbody", Tfoot = "tfoot", Tr = "tr", Td = "td", Th = "th",
    Em = "em", Strong = "strong", B = "b", I = "i", U = "u", S = "s", Strike = "strike",
    Del = "del", Ins = "ins", Sub = "sub", Sup = "sup", Small = "small", Big = "big",
    Mark = "mark", Q = "q", Cite = "cite", Abbr = "abbr", Dfn = "dfn", Time = "time",
    Address = "address", Details = "details", Summary = "summary", Center = "center",
    Font = "font", Tt = "tt", Ruby = "ruby", Rt = "rt", Rp = "rp", Bdi = "bdi", Bdo = "bdo",
    Data = "data", Area = "area", Map = "map", Param = "param", Xmp = "xmp",
    Plaintext = "plaintext", Noembed = "noembed", Noframes = "noframes",
    Marquee = "marquee", Nobr = "nobr", Listing = "listing",
}

impl Tag {
    /// Elements that never have content or an end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
                | Frame
        )
    }

    /// Elements whose start tag closes an open `<p>` (HTML tree construction), which is also
    /// the set that starts a new line of text.
    pub fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Listing
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Xmp
                | Plaintext
        )
    }

    /// Block-level for text layout: a boundary here is a line break in `textContent`.
    pub fn is_block(self) -> bool {
        use Tag::*;
        self.closes_p()
            || matches!(
                self,
                Li | Dt
                    | Dd
                    | Tr
                    | Td
                    | Th
                    | Caption
                    | Br
                    | Thead
                    | Tbody
                    | Tfoot
                    | Body
                    | Html
                    | Legend
                    | Option
            )
    }

    pub fn is_heading(self) -> bool {
        use Tag::*;
        matches!(self, H1 | H2 | H3 | H4 | H5 | H6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["p", "figcaption", "h6", "blockquote", "noscript"] {
            assert_eq!(Tag::from_name(name).name(), name);
        }
        assert_eq!(Tag::from_name("my-widget"), Tag::Other);
    }
}
