//! Just enough of URL resolution for a reader view: make links and images absolute against the
//! page URL (or `<base href>`), and tell which scheme a URL uses so the sanitiser can judge it.
//!
//! Written here instead of pulling in the `url` crate: its IDNA tables would add more to the
//! wasm than the whole extractor needs, and we only join and normalise, never validate hosts.

use std::borrow::Cow;

/// A parsed absolute base URL: `scheme://authority/path?query`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    scheme: String,
    authority: String,
    path: String,
    query: String,
}

impl BaseUrl {
    /// Parses an absolute hierarchical URL (`http:`, `https:`, `file:` …); `None` otherwise.
    pub fn parse(input: &str) -> Option<BaseUrl> {
        let cleaned = clean_borrowed(input);
        let scheme = scheme_of(&cleaned)?;
        let rest = &cleaned[scheme.len() + 1..];
        let rest = rest.strip_prefix("//")?;
        let rest = rest.split('#').next().unwrap_or("");
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = rest[..auth_end].to_string();
        let after = &rest[auth_end..];
        let (path, query) = match after.find('?') {
            Some(q) => (&after[..q], &after[q..]),
            None => (after, ""),
        };
        let path = if path.is_empty() { "/" } else { path };
        Some(BaseUrl {
            scheme,
            authority,
            path: path.to_string(),
            query: query.to_string(),
        })
    }

    fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }

    /// Resolves a reference (already entity-decoded) against this base.
    pub fn join(&self, reference: &str) -> String {
        let r = clean_borrowed(reference);
        if r.is_empty() {
            return format!("{}{}{}", self.origin(), self.path, self.query);
        }
        if let Some(scheme) = scheme_of(&r) {
            return format!("{}{}", scheme, &r[scheme.len()..]);
        }
        if let Some(rest) = r.strip_prefix("//") {
            return format!("{}://{}", self.scheme, rest);
        }
        if r.starts_with('/') {
            return format!("{}{}", self.origin(), normalise_path(&r));
        }
        if r.starts_with('?') {
            return format!("{}{}{}", self.origin(), self.path, r);
        }
        if r.starts_with('#') {
            return format!("{}{}{}{}", self.origin(), self.path, self.query, r);
        }
        let dir = match self.path.rfind('/') {
            Some(i) => &self.path[..=i],
            None => "/",
        };
        format!("{}{}", self.origin(), normalise_path(&format!("{dir}{r}")))
    }
}

/// Resolves `reference` against `base` when there is one; a relative reference without a base
/// is returned cleaned but unchanged.
pub fn resolve(base: Option<&BaseUrl>, reference: &str) -> String {
    match base {
        Some(b) => b.join(reference),
        None => clean(reference),
    }
}

/// Browsers drop ASCII tab and newlines anywhere in a URL and trim C0 controls and spaces at
/// both ends; doing the same here means `java&#9;script:` is seen as the scheme it is.
pub fn clean(input: &str) -> String {
    clean_borrowed(input).into_owned()
}

/// `clean`, borrowing the input when nothing is dropped from inside it (the usual case).
pub fn clean_borrowed(input: &str) -> Cow<'_, str> {
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    // Byte by byte (the three are ASCII): a character pattern decodes every character, and
    // every link of the page passes here.
    if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The lowercased scheme of an absolute URL, if it has one.
pub fn scheme_of(url: &str) -> Option<String> {
    raw_scheme(url).map(str::to_ascii_lowercase)
}

/// Whether an absolute URL's scheme is `scheme` (given lowercased).
pub fn has_scheme(url: &str, scheme: &str) -> bool {
    raw_scheme(url).is_some_and(|s| s.eq_ignore_ascii_case(scheme))
}

/// The scheme of an absolute URL as written.
fn raw_scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    if chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        Some(candidate)
    } else {
        None
    }
}

/// Removes `.` and `..` segments from a path that may carry a query and fragment.
fn normalise_path(path_and_more: &str) -> String {
    let split = path_and_more
        .find(['?', '#'])
        .unwrap_or(path_and_more.len());
    let (path, more) = path_and_more.split_at(split);
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut joined = out.join("/");
    if !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    joined + more
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.com/news/2025/story.html?x=1#top").expect("valid base")
    }

    #[test]
    fn joins_the_usual_reference_forms() {
        let b = base();
        assert_eq!(b.join("/img/a.jpg"), "https://example.com/img/a.jpg");
        assert_eq!(b.join("a.jpg"), "https://example.com/news/2025/a.jpg");
        assert_eq!(b.join("../a.jpg"), "https://example.com/news/a.jpg");
        assert_eq!(b.join("../../../a.jpg"), "https://example.com/a.jpg");
        assert_eq!(b.join("./"), "https://example.com/news/2025/");
        assert_eq!(
            b.join("//cdn.example.org/x.png"),
            "https://cdn.example.org/x.png"
        );
        assert_eq!(
            b.join("?page=2"),
            "https://example.com/news/2025/story.html?page=2"
        );
        assert_eq!(
            b.join("#c"),
            "https://example.com/news/2025/story.html?x=1#c"
        );
        assert_eq!(b.join("HTTP://Other.org/a"), "http://Other.org/a");
    }

    #[test]
    fn cleans_before_reading_the_scheme() {
        assert_eq!(
            scheme_of(&clean(" java\tscript:alert(1)")),
            Some("javascript".into())
        );
        assert_eq!(scheme_of("/a:b"), None);
        assert_eq!(resolve(None, " rel/a.png "), "rel/a.png");
        assert!(BaseUrl::parse("mailto:x@y").is_none());
    }
}
