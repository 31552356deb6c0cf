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
        if let Some(what) = magic_number(bytes) {
            return Err(crate::Error::NotHtml(what).to_string());
        }
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| format!("unknown encoding {label:?}"))?;
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Ok((text, enc.name()));
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Ok((text, enc.name()));
    }
    // Before any decoding: a legacy decoder would turn an image or an archive into "text"
    // (every byte is a windows-1252 character), and the magic numbers would be lost.
    if let Some(what) = sniff_binary(bytes) {
        return Err(crate::Error::NotHtml(what).to_string());
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

/// Tells file types that are never HTML by their first bytes: magic numbers, or (with no BOM)
/// a head where more than a tenth of the bytes are control characters no text uses. ESC is
/// not counted: ISO-2022-JP pages switch character sets with it.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    if let Some(what) = magic_number(bytes) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || ((0x0e..0x20).contains(&b) && b != 0x1b))
        .count();
    (head.len() >= 64 && controls * 10 > head.len()).then_some("binary data")
}

/// The file type named by a magic number at the start, if it is one that is never HTML.
fn magic_number(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"%PDF", "a PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
        (b"\x7fELF", "an ELF executable"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"\x00asm", "a WebAssembly module"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, what)| *what)
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
    fn binary_files_are_refused_before_decoding() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            decode(png, None).map(|_| ()),
            Err("the input is not HTML (a PNG image)".into())
        );
        assert!(decode(b"\x1f\x8b\x08\0\0\0", None).is_err());
        assert!(decode(&[0xff, 0xd8, 0xff, 0xe0], None).is_err());
        let noise: Vec<u8> = (0..200u8).map(|i| i % 7).collect();
        assert!(decode(&noise, None).is_err());
        // ESC is text in ISO-2022-JP.
        let jis = b"<p>\x1b$B$3$s$K$A$O\x1b(B</p>".repeat(8);
        assert!(decode(&jis, None).is_ok());
        // A BOM says it is text: UTF-16 is full of NUL bytes.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<p>text</p>"
                    .repeat(10)
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert!(decode(&utf16, None).is_ok());
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
