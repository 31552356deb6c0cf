//! Small text measures shared by the passes: character and comma counts, whitespace
//! normalisation, word counts.

/// What the analyse pass counts in a text chunk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Characters, with every run of whitespace counted as one.
    pub chars: u32,
    /// Commas, in Latin and CJK forms: a proxy for running prose.
    pub commas: u32,
}

pub fn count(s: &str) -> Counts {
    if s.is_ascii() {
        return count_ascii(s.as_bytes());
    }
    let bytes = s.as_bytes();
    let mut c = Counts::default();
    let mut in_space = false;
    let mut i = 0;
    // A byte at a time for ASCII (most text, even in other scripts' pages), a character at a
    // time otherwise.
    while let Some(&b) = bytes.get(i) {
        let (space, comma, len) = if b.is_ascii() {
            (is_white(b), b == b',', 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            (
                ch.is_whitespace(),
                matches!(ch, '，' | '、' | '،'),
                ch.len_utf8(),
            )
        };
        c.chars += u32::from(!(space && in_space));
        c.commas += u32::from(comma);
        in_space = space;
        i += len;
    }
    c
}

/// `char::is_whitespace` in ASCII: tab, line feed, vertical tab, form feed, CR, space.
pub fn is_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether the text is white space only (or empty): `count` sees one character at most.
pub fn is_blank(s: &str) -> bool {
    s.bytes().all(is_white)
}

/// `count` for ASCII text.
fn count_ascii(s: &[u8]) -> Counts {
    let mut c = Counts::default();
    let mut in_space = false;
    for &b in s {
        let space = is_white(b);
        c.chars += u32::from(!(space && in_space));
        c.commas += u32::from(b == b',');
        in_space = space;
    }
    c
}

/// Collapses whitespace runs to one space and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words as the reading-time estimate sees them: runs separated by whitespace, and each CJK
/// character on its own (those scripts do not separate words with spaces).
pub fn word_count(s: &str) -> usize {
    if s.is_ascii() {
        // A byte at a time: no CJK.
        let mut words = 0;
        let mut in_word = false;
        for &b in s.as_bytes() {
            let space = is_white(b);
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        return words;
    }
    let mut words = 0;
    let mut in_word = false;
    for ch in s.chars() {
        if is_cjk(ch) {
            words += 1;
            in_word = false;
        } else if ch.is_whitespace() {
            in_word = false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    words
}

/// `Some("rtl")` when most letters of the text are in a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko): for pages that do not declare their direction.
pub fn script_direction(text: &str) -> Option<String> {
    let (mut rtl, mut letters) = (0usize, 0usize);
    for ch in text.chars().filter(|c| c.is_alphabetic()).take(2000) {
        letters += 1;
        if matches!(ch as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF) {
            rtl += 1;
        }
    }
    (letters > 0 && rtl * 2 > letters).then(|| "rtl".to_string())
}

fn is_cjk(ch: char) -> bool {
    matches!(ch as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_collapse_whitespace() {
        assert_eq!(
            count("a,  b\n c"),
            Counts {
                chars: 6,
                commas: 1
            }
        );
        assert_eq!(
            count("   "),
            Counts {
                chars: 1,
                commas: 0
            }
        );
    }

    #[test]
    fn counts_by_bytes_as_by_characters() {
        for s in [
            "",
            " ",
            "a,  b\n c",
            "\t\x0b\x0c\r x,,",
            "x\x1c y",
            "  a  ",
            "Grüße,\u{a0} \u{2003}x、y，z،",
            "日本語 \u{3000}テキスト",
        ] {
            let mut general = Counts::default();
            let mut in_space = false;
            for ch in s.chars() {
                if ch.is_whitespace() {
                    general.chars += u32::from(!in_space);
                    in_space = true;
                } else {
                    in_space = false;
                    general.chars += 1;
                    general.commas += u32::from(matches!(ch, ',' | '，' | '、' | '،'));
                }
            }
            assert_eq!(count(s), general, "{s:?}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(word_count("Die Nato steht  kurz"), 4);
        assert_eq!(word_count("日本語 text"), 4);
        // The ASCII path counts as the general one does.
        for ascii in [
            "",
            " ",
            "a",
            " a b  c ",
            "\t\x0b\x0cx\ry\n",
            "x\x1cy",
            "a,b. c",
        ] {
            let general = ascii
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .count();
            assert_eq!(word_count(ascii), general, "{ascii:?}");
        }
        assert_eq!(script_direction("שלום עולם hello").as_deref(), Some("rtl"));
        assert_eq!(script_direction("hello עולם"), None);
    }
}
