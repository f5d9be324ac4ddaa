//! Mojibake: text that was UTF-8, was read somewhere on its way as Windows-1252
//! (or Latin-1) and written out again as UTF-8, so that `’` reads `â€™`, `é` reads
//! `Ã©` and a no-break space `Â `, sometimes twice over (`Ã¢â‚¬â„¢`). Statements
//! scraped from pages carry it, and left alone it reaches redlines and signals.
//! [`repair`] decodes such sequences back and keeps what it changed, so that
//! positions can still be given in the file as it is.
//!
//! Why not a crate: the Rust port of ftfy (`plsfix` 0.1.8, MIT, one release in
//! 2025) repairs these well, but it brings ICU and the unmaintained `encoding`
//! crate, takes ≈110 ms per megabyte of clean ASCII, rewrites more than mojibake
//! (quotes, character widths, control characters), and says neither how many
//! sequences it changed nor where, which the warning and the positions need. The
//! case here is narrow: a sequence is a *lead* character (`Â`…`ô`, the Latin-1
//! reading of a UTF-8 lead byte) followed by the Windows-1252 or Latin-1 readings
//! of its continuation bytes.
//!
//! Correct text must never be touched. A sequence is repaired only when its
//! bytes are valid UTF-8 for a character statements use (European letters,
//! punctuation, symbols, emoji; not CJK or IPA: French `é »` with no-break spaces
//! is valid UTF-8 for a CJK character). A sequence that correct text can hold —
//! a capital ending a word, then a closing mark, as in Portuguese `IRMÃ”` or
//! Swedish `PÅ…` — is *weak*: it is repaired only when the same text also holds
//! a sequence that correct text cannot (`â€™`, `Ã©`), because in text that was
//! read wrongly every non-ASCII character was.

use std::ops::Range;
use std::sync::LazyLock;

/// Text read wrongly up to this many times over is repaired (`’` → `â€™` → `Ã¢â‚¬â„¢`).
const MAX_DEPTH: usize = 3;

/// What [`repair`] changed in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The text before the repair: what the file says.
    pub original: String,
    /// The repaired sequences, in order (never empty).
    edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    /// Where the repaired character starts in the repaired text.
    at: usize,
    /// The sequence it replaces, in the original text.
    from: Range<usize>,
    to: char,
}

impl Repair {
    /// How many sequences were repaired (each became one character).
    pub fn sequences(&self) -> usize {
        self.edits.len()
    }

    /// The first repaired sequence and the character it became.
    pub fn example(&self) -> (&str, char) {
        let first = &self.edits[0];
        (&self.original[first.from.clone()], first.to)
    }

    /// The offset in the original text of the character boundary `at` of the
    /// repaired text. Repairs never add or remove a line break, so lines match.
    pub fn original_offset(&self, at: usize) -> usize {
        let before = self.edits.partition_point(|e| e.at < at);
        match before.checked_sub(1).map(|i| &self.edits[i]) {
            None => at,
            Some(e) => e.from.end + at.saturating_sub(e.at + e.to.len_utf8()),
        }
    }
}

/// Repairs the mojibake in `text`. Returns the text unchanged and `None` when
/// there is nothing to repair (no allocation then: the common case).
pub fn repair(text: String) -> (String, Option<Repair>) {
    let found = sequences(&text);
    if found.is_empty() {
        return (text, None);
    }
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::with_capacity(found.len());
    let mut copied = 0;
    for (from, to) in found {
        out.push_str(&text[copied..from.start]);
        copied = from.end;
        edits.push(Edit {
            at: out.len(),
            from,
            to,
        });
        out.push(to);
    }
    out.push_str(&text[copied..]);
    (
        out,
        Some(Repair {
            original: text,
            edits,
        }),
    )
}

/// One way to read the text at a lead character.
#[derive(Debug, Clone, Copy)]
struct Reading {
    start: usize,
    end: usize,
    to: char,
    /// Correct text could hold this sequence (see the module documentation).
    weak: bool,
}

/// Readings at one position, by depth (index 0: read wrongly once).
type Readings = [Option<Reading>; MAX_DEPTH];

/// The sequences to repair and what each becomes. A first walk looks for
/// evidence: at which depths the text holds a sequence correct text cannot.
/// Without any, nothing is repaired; otherwise a second walk repairs each
/// sequence at the deepest depth whose reading is strong or has that evidence.
fn sequences(text: &str) -> Vec<(Range<usize>, char)> {
    let mut evidence = [false; MAX_DEPTH];
    walk(text, |readings| {
        for (seen, reading) in evidence.iter_mut().zip(readings) {
            *seen |= reading.is_some_and(|r| !r.weak);
        }
        readings.iter().rev().find_map(|r| *r)
    });
    let mut found = Vec::new();
    if !evidence.contains(&true) {
        return found;
    }
    walk(text, |readings| {
        let chosen = readings
            .iter()
            .zip(evidence)
            .rev()
            .find_map(|(r, seen)| r.filter(|r| seen || !r.weak))?;
        found.push((chosen.start..chosen.end, chosen.to));
        Some(chosen)
    });
    found
}

/// Visits each lead character left to right; `choose` picks a reading there
/// (the walk goes on after it) or none (the walk goes on after the character).
fn walk(text: &str, mut choose: impl FnMut(&Readings) -> Option<Reading>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Every lead character (U+00C2..U+00F4) is encoded C3 xx, so text without
    // the byte C3 (English, with or without curly quotes) is passed over by
    // memchr alone: the fast path. One search runs through the whole text.
    for i in memchr::memchr_iter(0xC3, bytes) {
        // Inside the sequence just read (C3 is never a continuation byte, but a
        // sequence can hold several characters that start with it).
        if i < from {
            continue;
        }
        // A lead character, then what may be a continuation character (or the
        // space after `Â` or `Ã`, see `lossy`): accented letters in correct
        // text are mostly followed by neither, and are turned away here.
        let (lead, next) = (bytes[i + 1], bytes.get(i + 2).copied());
        let lossy_space = next == Some(b' ') && matches!(lead, 0x82 | 0x83);
        if !matches!(lead, 0x82..=0xB4) || !(next.is_some_and(starts_continuation) || lossy_space) {
            continue;
        }
        if let Some(reading) = choose(&readings(text, i)) {
            from = reading.end;
        }
    }
}

/// The readings of the text at byte `i` (a character boundary) that give a
/// character statements use; a deeper one is tried only where the shallower
/// one holds together.
fn readings(text: &str, i: usize) -> Readings {
    let mut found = [None; MAX_DEPTH];
    for (depth, slot) in (1..=MAX_DEPTH).zip(found.iter_mut()) {
        let Some(read) = read(text, i, depth) else {
            break;
        };
        if statement_char(read.c) {
            // Deeper down, the character before is itself a reading: whether it
            // is a letter is not known, so a markish reading there is weak.
            let after_letter = || {
                text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
            };
            let weak = read.markish && (depth > 1 || after_letter());
            *slot = Some(Reading {
                start: i,
                end: read.end,
                to: read.c,
                weak,
            });
        }
    }
    if found[0].is_none() {
        found[0] = lossy(text, i);
    }
    found
}

/// A character decoded from the text at some depth.
struct Read {
    c: char,
    end: usize,
    /// Its continuation characters are all [`MARKS`]: what a word ending in a
    /// lead letter, then closing marks, looks like (`IRMÃ”`, `está»—`).
    markish: bool,
}

/// Reads one character at byte `i`, taking the text as read wrongly `depth`
/// times: at depth 0 the character itself; deeper, a lead character and its
/// continuation characters, each read one level shallower.
fn read(text: &str, i: usize, depth: usize) -> Option<Read> {
    if depth == 0 {
        let c = text.get(i..)?.chars().next()?;
        return Some(Read {
            c,
            end: i + c.len_utf8(),
            markish: false,
        });
    }
    let lead = read(text, i, depth - 1)?;
    let len = sequence_len(lead.c)?;
    let mut bytes = [lead.c as u8, 0, 0, 0];
    let mut end = lead.end;
    // `Â` never ends a word: `Â»` is a wrong reading, not a word and a mark.
    let mut markish = lead.c != 'Â';
    for byte in &mut bytes[1..len] {
        let next = read(text, end, depth - 1)?;
        *byte = continuation_byte(next.c)?;
        end = next.end;
        markish &= MARKS.contains(&next.c);
    }
    let c = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    Some(Read { c, end, markish })
}

/// Two forms that lost a byte on the way, read once wrongly:
/// - `Â` or `Ã` then a plain space: the no-break space (byte A0) of `Â\u{a0}`
///   (a no-break space) or `Ã\u{a0}` (`à`) became a space. `Â ` becomes the
///   no-break space; `Ã` becomes `à` and the space stays, since white space may
///   have been squashed since (`Ã Paris`). Weak: Portuguese `IRMÃ E` is correct.
/// - `â€` then no continuation character: `”` (E2 80 9D), whose last byte
///   Windows-1252 leaves undefined and some decoders drop. The other characters
///   that could have lost it (U+2001, U+200D, U+200F, U+2010) are rare.
fn lossy(text: &str, i: usize) -> Option<Reading> {
    let rest = &text[i..];
    let (lead, tail) = rest.split_at(2);
    let to = match lead {
        "Â" => '\u{a0}',
        "Ã" => 'à',
        "â" => {
            let after = tail.strip_prefix('€')?;
            if after
                .chars()
                .next()
                .is_some_and(|c| continuation_byte(c).is_some())
            {
                return None;
            }
            return Some(Reading {
                start: i,
                end: i + "â€".len(),
                to: '”',
                weak: false,
            });
        }
        _ => return None,
    };
    tail.starts_with(' ').then_some(Reading {
        start: i,
        end: if to == 'à' { i + 2 } else { i + 3 },
        to,
        weak: true,
    })
}

/// Closing and opening marks, dashes and the no-break space: what can follow
/// the last letter of a word in correct text, and are continuation characters.
const MARKS: [char; 16] = [
    '’', '‘', '”', '“', '„', '‚', '»', '«', '›', '‹', '…', '–', '—', '•', '·', '\u{a0}',
];

/// The number of bytes of the UTF-8 sequence a lead character starts, read as Latin-1.
fn sequence_len(lead: char) -> Option<usize> {
    match lead {
        '\u{C2}'..='\u{DF}' => Some(2),
        '\u{E0}'..='\u{EF}' => Some(3),
        '\u{F0}'..='\u{F4}' => Some(4),
        _ => None,
    }
}

/// The first UTF-8 byte of every continuation character: C2 for U+0080..U+00BF;
/// C5, C6, CB and E2 for Windows-1252's signs (and E2 for the `€` of `â€`).
fn starts_continuation(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2)
}

/// What Windows-1252 makes of the bytes 80..9F (WHATWG's table, which encoding_rs
/// follows: its five undefined bytes read as the C1 controls of the same number).
static WINDOWS_1252_80_9F: LazyLock<Vec<char>> = LazyLock::new(|| {
    let bytes: Vec<u8> = (0x80..=0x9F).collect();
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().collect()
});

/// The continuation byte (80..BF) a character is the Windows-1252 or Latin-1 reading of.
fn continuation_byte(c: char) -> Option<u8> {
    match c {
        // Latin-1 reads 80..9F as C1 controls; both read A0..BF alike.
        '\u{80}'..='\u{BF}' => Some(c as u8),
        // Windows-1252's signs for 80..9F are all above U+00FF (`Œ` is U+0152):
        // what follows an accented letter in correct text is turned away here.
        '\u{0}'..='\u{FF}' => None,
        _ => WINDOWS_1252_80_9F
            .iter()
            .position(|&x| x == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// Characters that statements use, which a repair may produce.
fn statement_char(c: char) -> bool {
    matches!(c as u32,
        // Latin-1 signs and letters, Latin Extended-A (Central European, Turkish…)
        0xA0..=0x17F
        // ƒ; Romanian Ș ș Ț ț
        | 0x192 | 0x218..=0x21B
        // the accents of decomposed (NFD) text
        | 0x300..=0x308 | 0x30A | 0x30C | 0x327 | 0x328
        // Greek, Cyrillic
        | 0x384..=0x3CE | 0x400..=0x45F | 0x490 | 0x491
        // Latin Extended Additional (Vietnamese)
        | 0x1E00..=0x1EFF
        // punctuation, without the line and paragraph separators and bidi controls
        | 0x2000..=0x2027 | 0x202F..=0x2065
        // currency; letterlike symbols, number forms, arrows, mathematical operators
        | 0x20A0..=0x20C0 | 0x2100..=0x22FF
        // enclosed numbers, shapes, symbols, dingbats
        | 0x2460..=0x27BF
        // a byte order mark, the replacement character; emoji
        | 0xFEFF | 0xFFFD | 0x1F000..=0x1FAFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as UTF-8 read as Windows-1252: what a wrong reading makes of it.
    fn mojibake(text: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    fn repaired(text: &str) -> String {
        repair(text.to_string()).0
    }

    #[test]
    fn continuation_characters_follow_encoding_rs() {
        for byte in 0x80..=0xBF_u8 {
            let windows = mojibake_byte(byte);
            assert_eq!(continuation_byte(windows), Some(byte), "{windows:?}");
            assert_eq!(continuation_byte(char::from(byte)), Some(byte));
            for c in [windows, char::from(byte)] {
                let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                assert!(starts_continuation(first), "{c:?}");
            }
        }
        assert_eq!(continuation_byte('a'), None);
        assert_eq!(continuation_byte('é'), None);
    }

    fn mojibake_byte(byte: u8) -> char {
        let bytes = [byte];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        text.chars().next().unwrap()
    }

    #[test]
    fn common_sequences_are_repaired() {
        for (broken, fixed) in [
            ("The Committeeâ€™s view", "The Committee’s view"),
            (
                "â€œquotedâ€\u{9d} â€“ and â€” soâ€¦",
                "“quoted” – and — so…",
            ),
            ("a nonâ€‘breaking hyphen", "a non‑breaking hyphen"),
            ("cafÃ© crÃ¨me, NaÃ¯ve", "café crème, Naïve"),
            (
                "10Â\u{a0}EUR, 1Â½ percent, 5Â°C",
                "10\u{a0}EUR, 1½ percent, 5°C",
            ),
            ("ÃœBER Ã–L, Ã‰COLE", "ÜBER ÖL, ÉCOLE"),
            ("RomÃ¢nia È™i Èšara", "România și Țara"),
            ("Î•Î»Î»Î¬Î´Î±, ÐœÐ¾Ñ\u{81}ÐºÐ²Ð°", "Ελλάδα, Москва"),
            ("ðŸŽ‰ â‚¬5", "🎉 €5"),
        ] {
            assert_eq!(repaired(broken), fixed, "{broken}");
            assert_eq!(mojibake(fixed), broken, "the test's own mojibake");
        }
    }

    #[test]
    fn triple_and_latin1_readings_are_repaired() {
        let clean = "The bank’s rate: café, 1½ – “ÖL”";
        let mut broken = clean.to_string();
        for times in 1..=MAX_DEPTH {
            broken = mojibake(&broken);
            assert_eq!(repaired(&broken), clean, "read wrongly {times} times");
        }
        // Latin-1 reads 80..9F as C1 controls rather than Windows-1252's signs.
        let latin1: String = "It’s “done” – café".bytes().map(char::from).collect();
        assert_eq!(repaired(&latin1), "It’s “done” – café");
    }

    #[test]
    fn bytes_lost_on_the_way() {
        // The closing quote's undefined byte dropped; a no-break space turned plain.
        assert_eq!(repaired("â€œYesâ€ he said"), "“Yes” he said");
        // `Ã ` keeps its space (`à`'s second byte was the no-break space, but
        // white space may since have been squashed: `àParis` would glue words).
        assert_eq!(
            repaired("Itâ€™s Ã  Paris, voilÃ ."),
            "It’s à  Paris, voilà ."
        );
        assert_eq!(repaired("Itâ€™s 10Â EUR"), "It’s 10\u{a0}EUR");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for text in [
            "Crème brûlée, Straße, año, naïve, Noël, château, Ελληνικά, Кириллица, 東京, 🎉",
            "SÃO PAULO, NÃO, IRMÃ. “IRMÔ and “MANHÔ; PÅ… SÅ», MEÐ”",
            "ROMÂNIA, CÂMARA, ÂGE; Åland; 4º e 5º andares; Daszyńskiego",
            "« déjà vu »\u{a0}; «\u{a0}été\u{a0}» — voilà !",
            "€5, 25 °C, 1½, § 3, № 5, ±2, m², ACME®, © 2026",
            "CAFÉ’S, NAÏVE…, OÙ”, ÉTÉ—",
            "IRMÃ E MÃE",
        ] {
            let (out, repair) = repair(text.to_string());
            assert_eq!(out, text);
            assert_eq!(repair, None, "{text}");
        }
    }

    #[test]
    fn weak_sequences_need_evidence() {
        // Alone, `Ã”` may be a word ending in Ã and a closing quote…
        assert_eq!(repaired("HÃ”TEL"), "HÃ”TEL");
        // …but not in a text that was read wrongly elsewhere.
        assert_eq!(repaired("HÃ”TEL, cafÃ©"), "HÔTEL, café");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "Aâ€™s cafÃ©.\nNext Ã©tÃ©.";
        let (text, repair) = repair(original.to_string());
        let repair = repair.unwrap();
        assert_eq!(text, "A’s café.\nNext été.");
        assert_eq!(repair.original, original);
        assert_eq!(repair.sequences(), 4);
        assert_eq!(repair.example(), ("â€™", '’'));
        for (in_text, in_original) in [
            ("A", "A"),
            ("’s", "â€™s"),
            ("é.", "Ã©."),
            ("Next", "Next"),
            ("été", "Ã©tÃ©"),
        ] {
            let at = text.find(in_text).unwrap();
            let end = at + in_text.len();
            let (a, b) = (repair.original_offset(at), repair.original_offset(end));
            assert_eq!(&original[a..b], in_original, "{in_text}");
        }
        assert_eq!(repair.original_offset(text.len()), original.len());
    }
}
