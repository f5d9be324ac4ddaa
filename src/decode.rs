//! Decoding: statement bytes → text.
//!
//! Statements arrive from web pages, Word documents and e-mails. UTF-8 (with or
//! without a byte order mark) and UTF-16 with a BOM are read as they are; text in
//! a legacy encoding such as Windows-1252 is detected (chardetng), decoded, and
//! flagged so that the caller can warn; binary data and UTF-8 with broken bytes
//! are refused with the reason. `--encoding` forces an encoding.

use anyhow::{Result, bail};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Length of the byte order mark that preceded the text (0 if none).
    pub bom_len: usize,
    /// The encoding's name when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// The encoding was guessed from the bytes rather than declared.
    pub guessed: bool,
}

/// Looks up an encoding by a WHATWG label (`windows-1252`, `latin1`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) => Ok(encoding),
        None => bail!(
            "unknown encoding `{label}` (try utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, shift_jis)"
        ),
    }
}

/// Decodes a statement file's bytes; `path` only names the file in errors. The
/// bytes are taken: UTF-8 (nearly every statement) becomes the text without a
/// copy (a byte order mark aside, which is cut off the front).
pub fn decode(
    path: &str,
    mut bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    let bom = Encoding::for_bom(&bytes);
    let encoding = match (forced, bom) {
        (Some(forced), _) => forced,
        (None, Some((from_bom, _))) => from_bom,
        (None, None) => UTF_8,
    };
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if let Some(kind) = binary_kind(&bytes).filter(|_| !utf16) {
        bail!("{path}: looks like binary data ({kind}), not a statement");
    }
    // A BOM is dropped when it belongs to the encoding in use.
    let bom_len = match bom {
        Some((from_bom, len)) if from_bom == encoding => len,
        _ => 0,
    };
    let body = &bytes[bom_len..];
    let named = |e: &'static Encoding| (e != UTF_8).then(|| e.name());

    if utf16 {
        return match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => Ok(Decoded {
                text: text.into_owned(),
                bom_len,
                encoding: named(encoding),
                guessed: false,
            }),
            None => bail!("{path}: not valid {} text", encoding.name()),
        };
    }
    if let Some(at) = memchr::memchr(0, body) {
        if looks_like_utf16(body) {
            bail!(
                "{path}: looks like UTF-16 text without a byte order mark (try --encoding utf-16le or utf-16be)"
            );
        }
        bail!(
            "{path}: looks like binary data (NUL byte at byte {})",
            at + bom_len
        );
    }
    if encoding != UTF_8 {
        // Forced single- or multi-byte encoding: the user knows best.
        let (text, _) = encoding.decode_without_bom_handling(body);
        return Ok(Decoded {
            text: text.into_owned(),
            bom_len,
            encoding: named(encoding),
            guessed: false,
        });
    }
    bytes.drain(..bom_len);
    let broken = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                bom_len,
                encoding: None,
                guessed: false,
            });
        }
        Err(broken) => broken,
    };
    let valid_up_to = broken.utf8_error().valid_up_to();
    let bytes = broken.into_bytes();
    if forced.is_some() || bom_len > 0 || has_utf8_sequences(&bytes) {
        // Text that is mostly UTF-8 with a broken byte is damaged, not legacy.
        bail!(
            "{path}: not valid UTF-8 at byte {} (use --encoding to read it in another encoding)",
            valid_up_to + bom_len
        )
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = guess.decode_without_bom_handling(&bytes);
    Ok(Decoded {
        text: text.into_owned(),
        bom_len,
        encoding: Some(guess.name()),
        guessed: true,
    })
}

/// Mostly ASCII in UTF-16: NUL in nearly every other byte, on one side.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let half = head.len() / 2;
    half >= 4 && (nul_at(0) * 10 >= half * 8 || nul_at(1) * 10 >= half * 8)
}

/// Valid multi-byte UTF-8 anywhere in the bytes.
fn has_utf8_sequences(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// What kind of binary file the bytes look like, if they do.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive, such as a .docx file"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an Office document"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"RIFF", "a media file"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    // Control bytes other than tab, line breaks, form feed and escape do not occur
    // in text in any encoding we read (UTF-16 aside, which has NULs).
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && b != 0 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    (head.len() >= 16 && controls * 20 > head.len()).then_some("control characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Decoded {
        decode("t.md", bytes.to_vec(), None).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Café.".as_bytes()).text, "Café.");
        let with_bom = text(b"\xEF\xBB\xBFCaf\xC3\xA9.");
        assert_eq!((with_bom.text.as_str(), with_bom.bom_len), ("Café.", 3));
        assert_eq!(with_bom.encoding, None);
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Talks “resumed”.".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let decoded = text(&le);
        assert_eq!(decoded.text, "Talks “resumed”.");
        assert_eq!((decoded.bom_len, decoded.encoding), (2, Some("UTF-16LE")));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Talks.".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&be).text, "Talks.");
    }

    #[test]
    fn windows_1252_is_detected_and_flagged() {
        let bytes = b"The minister said \x93we will not retreat\x94 \x96 and left.";
        let decoded = text(bytes);
        assert_eq!(
            decoded.text,
            "The minister said “we will not retreat” – and left."
        );
        assert_eq!(decoded.encoding, Some("windows-1252"));
        assert!(decoded.guessed);
    }

    #[test]
    fn damaged_utf8_is_an_error_naming_the_byte() {
        let err = decode(
            "x.md",
            "Café \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xFF")
                .copied()
                .collect(),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.md: not valid UTF-8 at byte 10"), "{err}");
    }

    #[test]
    fn forced_encoding_wins() {
        let latin = encoding_for_label("latin1").unwrap();
        let decoded = decode("t.md", b"Caf\xE9".to_vec(), Some(latin)).unwrap();
        assert_eq!(decoded.text, "Café");
        assert!(!decoded.guessed);
        assert!(encoding_for_label("klingon").is_err());
    }

    #[test]
    fn binary_files_are_refused() {
        for (bytes, kind) in [
            (&b"%PDF-1.7\n%\xE2\xE3"[..], "PDF"),
            (&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "PNG"),
            (&b"ab\0cd"[..], "NUL byte at byte 2"),
            (&b"T\0a\0l\0k\0s\0 \0o\0n\0"[..], "UTF-16"),
            (
                &b"\x01\x02\x03\x04\x05\x06\x07\x08abcdefghijkl"[..],
                "control characters",
            ),
        ] {
            let err = decode("b.bin", bytes.to_vec(), None)
                .unwrap_err()
                .to_string();
            assert!(err.contains("looks like") && err.contains(kind), "{err}");
        }
    }
}
