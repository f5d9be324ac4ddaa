//! Decoding: statement bytes → text.
//!
//! Statements arrive from web pages, Word documents and e-mails. UTF-8 (with or
//! without a byte order mark) and UTF-16 with a BOM are read as they are; text in
//! a legacy encoding such as Windows-1252 is detected (chardetng), decoded, and
//! flagged so that the caller can warn; binary data and UTF-8 with broken bytes
//! are refused with the reason. `--encoding` forces an encoding.

use crate::error::{Error, ErrorKind, Result};
use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// Length of the byte order mark that preceded the text (0 if none).
    pub bom_len: usize,
    /// The encoding's name when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// The encoding was guessed from the bytes rather than declared.
    pub guessed: bool,
}

/// Looks up an encoding by a WHATWG label (`windows-1252`, `latin1`, `utf-16le`, …).
/// A label that names none, or one that cannot be read, is a
/// [`Config`](ErrorKind::Config) error.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) if encoding == REPLACEMENT => {
            Err(Error::new(ErrorKind::Config, unreadable(label)))
        }
        None if label.trim().eq_ignore_ascii_case("replacement") => {
            Err(Error::new(ErrorKind::Config, unreadable(label)))
        }
        Some(encoding) => Ok(encoding),
        None => Err(Error::new(
            ErrorKind::Config,
            format!(
                "unknown encoding `{label}` (try utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, shift_jis)"
            ),
        )),
    }
}

/// Decodes a statement file's bytes; `path` only names the file in errors. The
/// bytes are taken: UTF-8 (nearly every statement) becomes the text without a
/// copy (a byte order mark aside, which is cut off the front). Bytes that are
/// not text are a [`Statement`](ErrorKind::Statement) error about `path`.
pub fn decode(path: &str, bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Result<Decoded> {
    decode_as(ErrorKind::Statement, path, bytes, forced)
}

/// [`decode`], its errors of `kind`.
fn decode_as(
    kind: ErrorKind,
    path: &str,
    mut bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    let refused = |message: String| Err(Error::new(kind, message).at(path));
    let bom = Encoding::for_bom(&bytes);
    let encoding = match (forced, bom) {
        (Some(forced), _) => forced,
        (None, Some((from_bom, _))) => from_bom,
        (None, None) => UTF_8,
    };
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if let Some(kind) = binary_kind(&bytes).filter(|_| !utf16) {
        return refused(format!("looks like binary data ({kind}), not a statement"));
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
            None => refused(format!("not valid {} text", encoding.name())),
        };
    }
    if let Some(at) = memchr::memchr(0, body) {
        if looks_like_utf16(body) {
            return refused(
                "looks like UTF-16 text without a byte order mark (try --encoding utf-16le or utf-16be)"
                    .into(),
            );
        }
        return refused(format!(
            "looks like binary data (NUL byte at byte {})",
            at + bom_len
        ));
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
        return refused(format!(
            "not valid UTF-8 at byte {} (use --encoding to read it in another encoding)",
            valid_up_to + bom_len
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let Some(text) = confident(guess, &bytes) else {
        return refused(format!(
            "not UTF-8, and no encoding reads it as likely text (the best guess, {}, does not); name it with --encoding",
            guess.name()
        ));
    };
    Ok(Decoded {
        text,
        bom_len,
        encoding: Some(guess.name()),
        guessed: true,
    })
}

/// The text of bytes in a guessed encoding, when it reads as text: no
/// malformed sequences, no C1 control characters (bytes a legacy encoding
/// leaves undefined), few private-use characters or rare symbols (what random
/// high bytes become in GBK or Windows-1252, and real text hardly holds).
fn confident(guess: &'static Encoding, bytes: &[u8]) -> Option<String> {
    if (guess == encoding_rs::GBK || guess == encoding_rs::GB18030) && !mostly_gb2312(bytes) {
        return None;
    }
    let text = guess.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut non_ascii, mut odd) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if ('\u{80}'..='\u{9F}').contains(&c) {
            return None;
        }
        let common_mark = matches!(
            c,
            '\u{A0}'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '„'
                | '–'
                | '—'
                | '…'
                | '«'
                | '»'
                | '€'
                | '£'
                | '§'
                | '°'
                | '·'
                | '•'
                | '©'
                | '®'
                | '™'
                | '±'
                | '½'
                | '¼'
                | '¾'
                | '¿'
                | '¡'
        );
        let private_use = ('\u{E000}'..='\u{F8FF}').contains(&c);
        if private_use || !(c.is_alphanumeric() || common_mark || is_cjk_punctuation(c)) {
            odd += 1;
        }
    }
    (odd <= 2 || odd * 10 <= non_ascii).then(|| text.into_owned())
}

/// Whether the two-byte characters of GBK bytes are mostly in GB2312's grid
/// (rows 0xA1-0xF7, cells 0xA1-0xFE: the common hanzi and punctuation that
/// nearly all real text is written in). Random high bytes fall mostly into
/// GBK's extensions of rare characters, which every one of them is.
fn mostly_gb2312(bytes: &[u8]) -> bool {
    let (mut pairs, mut extended, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        let lead = bytes[at];
        if lead < 0x81 || lead == 0xFF {
            at += 1;
            continue;
        }
        let trail = bytes.get(at + 1).copied().unwrap_or(0);
        if trail.is_ascii_digit() {
            // A four-byte GB18030 sequence: outside GB2312.
            extended += 1;
            pairs += 1;
            at += 4;
            continue;
        }
        pairs += 1;
        if !((0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail)) {
            extended += 1;
        }
        at += 2;
    }
    extended <= 2 || extended * 10 <= pairs
}

/// The punctuation of East Asian text (`、。「」（）` and full-width forms).
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{30FB}' | '\u{2018}'..='\u{201F}')
}

/// An encoding that cannot be read: WHATWG maps `iso-2022-kr`, `hz-gb-2312`
/// and others to "replacement", whose decoder makes the whole text one U+FFFD.
fn unreadable(label: &str) -> String {
    format!(
        "the encoding `{}` cannot be read (WHATWG \"replacement\": it would turn the whole text into U+FFFD); convert the file to UTF-8 first (e.g. with iconv)",
        label.trim()
    )
}

/// A page's bytes decoded, and a warning line when what the page or server
/// declares is not what the bytes are.
#[derive(Debug)]
pub struct PageText {
    /// The page's text.
    pub decoded: Decoded,
    /// A one-line warning when the declared charset is not what the bytes are.
    pub warning: Option<String>,
}

/// Decodes a web page: `forced` (`--encoding`) wins; else the bytes are UTF-8
/// if they are valid UTF-8, whatever `declared` (the Content-Type charset, else
/// the `<meta>` one) says, with a warning when it said otherwise; a declared
/// UTF-16 without NULs in its bytes is not UTF-16; a declared legacy charset is
/// used when the bytes are valid in it; else the encoding is detected, with a
/// warning. The "replacement" encoding is an error, and so are bytes that are
/// no text: [`Extract`](ErrorKind::Extract) errors about `name`.
pub fn decode_page(
    name: &str,
    bytes: Vec<u8>,
    declared: Option<&str>,
    forced: Option<&'static Encoding>,
) -> Result<PageText> {
    let quiet = |decoded| PageText {
        decoded,
        warning: None,
    };
    if forced.is_some() {
        return Ok(quiet(decode_as(ErrorKind::Extract, name, bytes, forced)?));
    }
    let label = declared.map(str::trim).filter(|l| !l.is_empty());
    let encoding = label.and_then(|l| Encoding::for_label(l.as_bytes()));
    if encoding == Some(REPLACEMENT) {
        let message = format!(
            "declares charset {}; {}",
            label.unwrap_or(""),
            unreadable(label.unwrap_or(""))
        );
        return Err(Error::new(ErrorKind::Extract, message).at(name));
    }
    let bom = Encoding::for_bom(&bytes).map_or(0, |(_, len)| len);
    let Some(encoding) = encoding.filter(|_| bom == 0) else {
        // No declaration, one we do not know, or a byte order mark (which wins).
        let decoded = decode_as(ErrorKind::Extract, name, bytes, None)?;
        let warning = decoded.guessed.then(|| match label {
            Some(label) if bom == 0 => format!(
                "{name}: declares an unknown charset `{label}`; read as {}",
                decoded.encoding.unwrap_or("UTF-8")
            ),
            _ => format!(
                "{name}: no charset declared; read as {}",
                decoded.encoding.unwrap_or("UTF-8")
            ),
        });
        return Ok(PageText { decoded, warning });
    };
    let label = label.unwrap_or("");
    let contradicted = |decoded: Decoded, what: &str| {
        let warning = format!(
            "{name}: declares charset {label}, but {what}; read as {}",
            decoded.encoding.unwrap_or("UTF-8")
        );
        PageText {
            decoded,
            warning: Some(warning),
        }
    };
    if encoding == UTF_16LE || encoding == UTF_16BE {
        if looks_like_utf16(&bytes) {
            return Ok(quiet(decode_as(
                ErrorKind::Extract,
                name,
                bytes,
                Some(encoding),
            )?));
        }
        let decoded = decode_as(ErrorKind::Extract, name, bytes, None)?;
        return Ok(contradicted(decoded, "its bytes are not UTF-16"));
    }
    if std::str::from_utf8(&bytes).is_ok() {
        let same_as_ascii = bytes.is_ascii() && !(encoding == ISO_2022_JP && bytes.contains(&0x1B));
        if encoding == UTF_8 || same_as_ascii {
            return Ok(quiet(decode_as(ErrorKind::Extract, name, bytes, None)?));
        }
        if !bytes.is_ascii() {
            let decoded = decode_as(ErrorKind::Extract, name, bytes, None)?;
            return Ok(contradicted(decoded, "its bytes are UTF-8"));
        }
    }
    if encoding == UTF_8 {
        // Not valid UTF-8: damaged UTF-8 is an error; legacy text is detected.
        let decoded = decode_as(ErrorKind::Extract, name, bytes, None)?;
        return Ok(contradicted(decoded, "its bytes are not UTF-8"));
    }
    if encoding
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .is_some()
    {
        return Ok(quiet(decode_as(
            ErrorKind::Extract,
            name,
            bytes,
            Some(encoding),
        )?));
    }
    let decoded = decode_as(ErrorKind::Extract, name, bytes, None)?;
    Ok(contradicted(
        decoded,
        &format!("its bytes are not valid {}", encoding.name()),
    ))
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
        .unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Statement, Some("x.md"))
        );
        assert!(
            err.message().starts_with("not valid UTF-8 at byte 10"),
            "{err}"
        );
    }

    #[test]
    fn forced_encoding_wins() {
        let latin = encoding_for_label("latin1").unwrap();
        let decoded = decode("t.md", b"Caf\xE9".to_vec(), Some(latin)).unwrap();
        assert_eq!(decoded.text, "Café");
        assert!(!decoded.guessed);
        let unknown = encoding_for_label("klingon").unwrap_err();
        assert_eq!((unknown.kind(), unknown.path()), (ErrorKind::Config, None));
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
            let err = decode("b.bin", bytes.to_vec(), None).unwrap_err();
            assert_eq!(
                (err.kind(), err.path()),
                (ErrorKind::Statement, Some("b.bin"))
            );
            let message = err.message();
            assert!(
                message.starts_with("looks like") && message.contains(kind),
                "{err}"
            );
        }
    }

    #[test]
    fn detection_must_read_as_text() {
        for (encoding, text) in [
            (
                encoding_rs::GBK,
                "外交部发言人今天表示，双方将于下周在北京举行新一轮会谈。",
            ),
            (
                encoding_rs::SHIFT_JIS,
                "外務省の報道官は本日、双方が来週東京で協議を行うと述べた。",
            ),
            (
                encoding_rs::WINDOWS_1252,
                "Le ministre a déclaré « nous ne reculerons pas » — et il est parti.",
            ),
            (
                encoding_rs::WINDOWS_1251,
                "Министр заявил, что переговоры продолжатся на следующей неделе.",
            ),
        ] {
            let (bytes, _, _) = encoding.encode(text);
            assert_eq!(confident(encoding, &bytes).as_deref(), Some(text));
        }
        let mut seed: u32 = 1;
        let noise: Vec<u8> = (0..500)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                0x80 | ((seed >> 16) as u8 & 0x3F)
            })
            .collect();
        for encoding in [
            encoding_rs::GBK,
            encoding_rs::WINDOWS_1252,
            encoding_rs::BIG5,
        ] {
            assert_eq!(confident(encoding, &noise), None, "{}", encoding.name());
        }
        let err = decode("noise.html", noise, None).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Statement, Some("noise.html"))
        );
        assert!(
            err.message()
                .starts_with("not UTF-8, and no encoding reads it"),
            "{err}"
        );
        // Valid GBK, but rare characters from its extensions throughout: not
        // text anyone wrote, whatever the detector's guess.
        let gbk_noise: Vec<u8> = (0..300u32)
            .flat_map(|i| [0x81 + (i * 7 % 32) as u8, 0x40 + (i * 13 % 63) as u8])
            .collect();
        assert!(
            encoding_rs::GBK
                .decode_without_bom_handling_and_without_replacement(&gbk_noise)
                .is_some()
        );
        assert_eq!(confident(encoding_rs::GBK, &gbk_noise), None);
    }

    #[test]
    fn pages_declarations_against_their_bytes() {
        let page = |bytes: &[u8], declared| decode_page("p.html", bytes.to_vec(), declared, None);
        let utf8 = "Caf\u{e9} \u{201c}open\u{201d}".as_bytes();
        let said_latin = page(utf8, Some("iso-8859-1")).unwrap();
        assert_eq!(said_latin.decoded.text, "Café “open”");
        assert!(
            said_latin
                .warning
                .unwrap()
                .contains("declares charset iso-8859-1, but its bytes are UTF-8")
        );
        // ASCII is the same in any ASCII-compatible charset: no warning.
        assert!(
            page(b"Plain text.", Some("windows-1252"))
                .unwrap()
                .warning
                .is_none()
        );
        let said_utf16 = page(b"Plain text.", Some("utf-16le")).unwrap();
        assert_eq!(said_utf16.decoded.text, "Plain text.");
        assert!(said_utf16.warning.unwrap().contains("not UTF-16"));
        // A declaration that fits the bytes is used, quietly.
        let latin = page(b"Caf\xe9", Some("iso-8859-1")).unwrap();
        assert_eq!((latin.decoded.text.as_str(), latin.warning), ("Café", None));
        // Declared UTF-8 on legacy bytes: detected, with a warning.
        let legacy = page(b"He said \x93no\x94 \x96 twice.", Some("utf-8")).unwrap();
        assert_eq!(legacy.decoded.text, "He said “no” – twice.");
        assert!(
            legacy
                .warning
                .unwrap()
                .contains("its bytes are not UTF-8; read as windows-1252")
        );
        let err = page(b"text", Some("ISO-2022-KR")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Extract);
        assert!(
            err.message().starts_with(
                "declares charset ISO-2022-KR; the encoding `ISO-2022-KR` cannot be read"
            ),
            "{err}"
        );
        // A page's bytes that are no text are an Extract error too.
        let binary = page(b"%PDF-1.7\n%\xE2\xE3 binary", Some("utf-8")).unwrap_err();
        assert_eq!(binary.kind(), ErrorKind::Extract);
        for label in ["replacement", "csiso2022kr", "hz-gb-2312"] {
            let err = encoding_for_label(label).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Config);
            assert!(
                err.message()
                    .starts_with(&format!("the encoding `{label}` cannot be read")),
                "{err}"
            );
        }
    }
}
