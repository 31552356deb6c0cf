//! Character references and escaping.
//!
//! lol_html hands us text and attribute values exactly as they stand in the source, with
//! `&amp;`, `&#8217;` and friends undecoded. The reader view re-escapes everything it writes, so
//! text is decoded once here and escaped again on output: nothing from the page reaches the
//! output as markup.

use crate::entity_table::NAMED;
use std::borrow::Cow;

/// Longest reference name we look at (`&thetasym;` is the longest HTML 4 name).
const MAX_NAME: usize = 10;

/// Decodes HTML character references. Unknown references stay as they are, like browsers do.
pub fn decode(input: &str) -> Cow<'_, str> {
    if !input.contains('&') {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses the reference after an `&`: returns the character and the bytes it used.
fn reference(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (digits_start, radix) = match bytes.get(1) {
            Some(b'x') | Some(b'X') => (2, 16),
            _ => (1, 10),
        };
        let digits = s[digits_start..]
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .take(8)
            .count();
        if digits == 0 {
            return None;
        }
        let code = u32::from_str_radix(&s[digits_start..digits_start + digits], radix).ok()?;
        let mut used = digits_start + digits;
        if bytes.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((numeric_char(code), used));
    }
    let name_len = bytes
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || name_len > MAX_NAME {
        return None;
    }
    let name = &s[..name_len];
    let ch = lookup(name)?;
    if bytes.get(name_len) == Some(&b';') {
        Some((ch, name_len + 1))
    } else if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        // Legacy references that browsers still accept without the semicolon.
        Some((ch, name_len))
    } else {
        None
    }
}

fn lookup(name: &str) -> Option<char> {
    NAMED
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Numeric references as the HTML standard maps them: NUL, surrogates and out-of-range values
/// become U+FFFD, and the C1 range is read as windows-1252 (where `&#150;` means an en dash).
fn numeric_char(code: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = if (0x80..0xA0).contains(&code) {
        C1[(code - 0x80) as usize]
    } else {
        code
    };
    if code == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// Escapes text for an HTML text node.
pub fn escape_text(s: &str, out: &mut String) {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | 0xC2);
    escape(s, out, special, |b, next| match b {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        // U+00A0 is C2 A0 in UTF-8 (C2 only ever starts a character).
        0xC2 if next == Some(0xA0) => Some(("&nbsp;", 2)),
        _ => None,
    });
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    let special = |b: u8| matches!(b, b'&' | b'"' | b'<' | b'>');
    escape(s, out, special, |b, _| match b {
        b'&' => Some(("&amp;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        _ => None,
    });
}

/// Copies `s` to `out` a run at a time, writing `replace`'s text for each byte it matches
/// (given the byte and the next one; it returns the text and how many bytes it replaces).
/// `special` tells the bytes `replace` may match, to skip the others quickly.
fn escape(
    s: &str,
    out: &mut String,
    special: impl Fn(u8) -> bool,
    replace: impl Fn(u8, Option<u8>) -> Option<(&'static str, usize)>,
) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| special(b)) {
        i += at;
        match replace(bytes[i], bytes.get(i + 1).copied()) {
            Some((text, len)) => {
                out.push_str(&s[copied..i]);
                out.push_str(text);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_legacy() {
        assert_eq!(decode("a &amp; b"), "a & b");
        assert_eq!(decode("&#8217;&#x2019;&rsquo;"), "\u{2019}\u{2019}\u{2019}");
        assert_eq!(decode("&copy 2025"), "\u{a9} 2025");
        assert_eq!(decode("&#150;"), "\u{2013}");
        assert_eq!(decode("&#0;&#xD800;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn leaves_unknown_references_alone() {
        assert_eq!(decode("AT&T &bogus; &"), "AT&T &bogus; &");
        assert_eq!(decode("&hellip"), "&hellip");
    }

    #[test]
    fn escapes_as_char_by_char() {
        let by_chars = |s: &str, attr: bool| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' if attr => out.push_str("&quot;"),
                    '\u{a0}' if !attr => out.push_str("&nbsp;"),
                    _ => out.push(c),
                }
            }
            out
        };
        for s in [
            "",
            "plain",
            "a&b<c>d\"e",
            "\u{a0}x\u{a0}",
            "à\u{2020}\u{a0}é&",
            "\u{c2}\u{a0}\u{e0}",
            "&&<<",
        ] {
            let (mut t, mut a) = (String::new(), String::new());
            escape_text(s, &mut t);
            escape_attr(s, &mut a);
            assert_eq!(t, by_chars(s, false), "{s:?}");
            assert_eq!(a, by_chars(s, true), "{s:?}");
        }
    }

    #[test]
    fn escapes_markup() {
        let mut s = String::new();
        escape_text("<script>&", &mut s);
        assert_eq!(s, "&lt;script&gt;&amp;");
        let mut a = String::new();
        escape_attr("\" onload=x", &mut a);
        assert_eq!(a, "&quot; onload=x");
    }
}
