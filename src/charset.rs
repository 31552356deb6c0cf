//! Bytes to text: the page's character encoding, found the way browsers find it (BOM, then
//! `<meta charset>` / `http-equiv`), with one deliberate exception: input that is valid UTF-8
//! is read as UTF-8 even when a stale meta tag says otherwise, because saved pages keep their
//! original meta after being re-encoded.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How far into the document a `<meta charset>` is looked for (the HTML standard's 1024).
const PRESCAN_BYTES: usize = 1024;

/// Decodes `bytes`; `forced` (an encoding label such as `shift_jis`) overrides detection.
/// Returns the text and the name of the encoding used.
pub fn decode<'b>(
    bytes: &'b [u8],
    forced: Option<&str>,
) -> Result<(Cow<'b, str>, &'static str), String> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| format!("unknown encoding {label:?}"))?;
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Ok((text, enc.name()));
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Ok((text, enc.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), UTF_8.name()));
    }
    let enc = meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]).unwrap_or(WINDOWS_1252);
    // A page that claims UTF-8 but is not valid UTF-8 is most likely windows-1252.
    let enc = if enc == UTF_8 { WINDOWS_1252 } else { enc };
    let (text, _, _) = enc.decode(bytes);
    Ok((text, enc.name()))
}

/// Finds `charset=` in the first bytes: covers `<meta charset="x">` and
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len() && !matches!(lower[i], b'"' | b'\'' | b';' | b'>' | b' ' | b'/') {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // UTF-16 labels in a byte-oriented document mean UTF-8 (HTML standard).
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_wins_over_a_stale_meta() {
        let page = "<meta charset=iso-8859-1><p>Grüße</p>".as_bytes();
        let (text, enc) = decode(page, None).expect("decodes");
        assert_eq!(enc, "UTF-8");
        assert!(text.contains("Grüße"));
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>Gr"
                .to_vec();
        page.extend_from_slice(&[0xFC, 0xDF, 0x65]);
        let (text, enc) = decode(&page, None).expect("decodes");
        assert_eq!(enc, "windows-1252");
        assert!(text.ends_with("Grüße"));
        let sjis = [
            b"<meta charset=\"shift_jis\">".as_slice(),
            &[0x93, 0xfa, 0x96, 0x7b],
        ]
        .concat();
        let (text, enc) = decode(&sjis, None).expect("decodes");
        assert_eq!(enc, "Shift_JIS");
        assert!(text.ends_with("日本"));
    }

    #[test]
    fn bom_and_override() {
        let page = [&[0xEF, 0xBB, 0xBF][..], "<p>x</p>".as_bytes()].concat();
        assert_eq!(decode(&page, None).expect("decodes").0, "<p>x</p>");
        let latin = [b'<', b'p', b'>', 0xE9];
        assert_eq!(decode(&latin, Some("latin1")).expect("decodes").0, "<p>é");
        assert!(decode(&latin, Some("no-such")).is_err());
    }
}
