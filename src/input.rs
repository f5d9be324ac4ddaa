//! Reading input with a size limit that holds for every source.
//!
//! A regular file's size is known before reading, but a device (`/dev/zero`), a
//! named pipe, a process substitution or standard input says nothing: each is
//! read through [`std::io::Read::take`] one byte past the limit, so memory never
//! grows past `--max-bytes` whatever the source.
//!
//! A source that cannot be read is an [`Io`](ErrorKind::Io) error naming it;
//! one over its limit a [`Statement`](ErrorKind::Statement) error (for the
//! text files of [`read_text_file`], of the kind its caller says).

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};

/// Reads `path` whole, refusing more than `max` bytes; `shown` names it in errors.
pub fn read_file(path: &Path, shown: &str, max: u64) -> Result<Vec<u8>> {
    read_bounded(path, shown, max, RAISE, ErrorKind::Statement)
}

/// An I/O error on the source named `shown`, the I/O error kept.
fn unreadable(shown: &str, error: std::io::Error) -> Error {
    Error::io(Path::new(shown), error)
}

/// What to do about a statement over the limit.
const RAISE: &str = " (raise it with --max-bytes)";

fn read_bounded(
    path: &Path,
    shown: &str,
    max: u64,
    advice: &str,
    kind: ErrorKind,
) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(shown, e))?;
    let metadata = file.metadata().map_err(|e| unreadable(shown, e))?;
    if metadata.is_dir() {
        return Err(Error::new(ErrorKind::Io, "is a directory, not a statement file").at(shown));
    }
    // A regular file is refused from its size, before a byte is read.
    let known = metadata.is_file().then_some(metadata.len());
    if let Some(size) = known {
        if size > max {
            let message = format!("{size} bytes is more than the limit of {max} bytes{advice}");
            return Err(Error::new(kind, message).at(shown));
        }
    }
    read_all(file, shown, max, known, advice, kind)
}

/// Reads a whole stream (standard input, a socket), refusing more than `max` bytes.
pub fn read_stream(reader: impl Read, shown: &str, max: u64) -> Result<Vec<u8>> {
    read_all(reader, shown, max, None, RAISE, ErrorKind::Statement)
}

/// Reads a text file (configuration, word lists, templates) of at most `max`
/// bytes. One too large or not UTF-8 is an error of `kind` (what the file is
/// for: [`Config`](ErrorKind::Config), [`Template`](ErrorKind::Template)).
pub fn read_text_file(path: &Path, max: u64, kind: ErrorKind) -> Result<String> {
    let shown = path.display().to_string();
    // `--max-bytes` is for statements: this limit is fixed, and no such file nears it.
    let bytes = read_bounded(path, &shown, max, " (is this the right file?)", kind)?;
    String::from_utf8(bytes).map_err(|e| {
        let message = format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to());
        Error::new(kind, message).at(shown).reporting(e)
    })
}

/// Configuration files, word lists and templates are small; 16 MiB is far beyond any.
pub const TEXT_FILE_MAX_BYTES: u64 = 16 * 1024 * 1024;

fn read_all(
    reader: impl Read,
    shown: &str,
    max: u64,
    hint: Option<u64>,
    advice: &str,
    kind: ErrorKind,
) -> Result<Vec<u8>> {
    // One byte past the limit tells "exactly the limit" from "more"; saturating,
    // so that `--max-bytes 18446744073709551615` means "no limit", not 0.
    let mut limited = reader.take(max.saturating_add(1));
    let capacity = hint.unwrap_or(0).min(max).min(1 << 30);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    limited
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(shown, e))?;
    if bytes.len() as u64 > max {
        let message = format!("more than the limit of {max} bytes{advice}");
        return Err(Error::new(kind, message).at(shown));
    }
    Ok(bytes)
}

/// The error for a file whose size is known to be over the limit.
pub fn check(shown: &str, size: u64, max: u64) -> Result<()> {
    if size > max {
        let message = format!(
            "{size} bytes is more than the limit of {max} bytes (raise it with --max-bytes)"
        );
        return Err(Error::new(ErrorKind::Statement, message).at(shown));
    }
    Ok(())
}

/// Peak memory a comparison takes per sentence, whatever the sentence: its
/// positions, reading and folded forms, alignment, change, signals and report.
/// Measured (release build, peak RSS) on the worst shape, distinct short
/// sentences all added against a one-line statement: 690 to 910 bytes a
/// sentence (more for more words) beside [`MEMORY_PER_BYTE`] and
/// [`MEMORY_BASE`]. 850 alone, as it was, let 6 MB of 54-byte sentences take
/// 19.5 times the file. Sentences dense with figures, dates or quotations take
/// more still (a signal each): [`MEMORY_PER_SIGNAL`].
pub const MEMORY_PER_SENTENCE: u64 = 900;

/// Peak memory per signal an added or removed sentence may raise beyond
/// [`SIGNALS_PER_SENTENCE`] (a figure, date or quotation the other statement
/// does not say): the signal kept in the report, its strings and its share of
/// the JSON round. Measured 128 bytes a figure (release build, peak RSS) on
/// 6 MB of sentences of 21 figures each, all added.
pub const MEMORY_PER_SIGNAL: u64 = 150;

/// Signals a sentence may raise within [`MEMORY_PER_SENTENCE`]: prose, with
/// well under one figure or quotation a sentence (the bench corpus: 0.3 to
/// 0.7), never counts [`MEMORY_PER_SIGNAL`].
pub const SIGNALS_PER_SENTENCE: u64 = 2;

/// Peak memory per byte of a statement however long its sentences: the file
/// read, its text, its reading and folded forms, the JSON written (measured
/// about 4.5 on 500-byte sentences).
pub const MEMORY_PER_BYTE: u64 = 5;

/// Peak memory of any comparison, before the statement counts: the program,
/// the built-in word lists, the threads (8 MB on a one-line statement; 12 MB
/// where the measurements above meet).
pub const MEMORY_BASE: u64 = 12 * 1024 * 1024;

/// Memory any input may take, however short its sentences.
pub const MEMORY_FLOOR: u64 = 64 * 1024 * 1024;

/// Memory may grow to this many times a statement's size.
pub const MEMORY_PER_INPUT_BYTE: u64 = 16;

/// The memory comparing a statement of `bytes` bytes, `sentences` sentences
/// and `signals` tokens that may raise a signal is expected to take at most
/// (see [`MEMORY_PER_SENTENCE`] and [`MEMORY_PER_SIGNAL`]).
pub fn memory_needed(bytes: u64, sentences: u64, signals: u64) -> u64 {
    let beyond = signals.saturating_sub(SIGNALS_PER_SENTENCE.saturating_mul(sentences));
    MEMORY_BASE
        .saturating_add(MEMORY_PER_BYTE.saturating_mul(bytes))
        .saturating_add(MEMORY_PER_SENTENCE.saturating_mul(sentences))
        .saturating_add(MEMORY_PER_SIGNAL.saturating_mul(beyond))
}

/// How many tokens of `body` may each raise a signal: its runs of digits
/// (a figure, a date, a time holds one or more) and its quotations (two
/// quotation marks each). An upper bound, counted in one pass over the bytes.
pub fn signal_tokens(body: &str) -> u64 {
    let bytes = body.as_bytes();
    // Where a figure starts: a digit after a byte that is none, unless that
    // byte joins it to digits before (`2.5`, `1,200`, `3/4`, `2-1/4`). Triples
    // of bytes, so that the loop carries no state and vectorises.
    let digit = |b: u8| b.is_ascii_digit();
    let joiner = |b: u8| matches!(b, b'.' | b',' | b'/' | b'-');
    let first = bytes.first().is_some_and(|&b| digit(b));
    let second = bytes.len() > 1 && digit(bytes[1]) && !digit(bytes[0]);
    let starts = bytes
        .windows(3)
        .filter(|w| digit(w[2]) && !digit(w[1]) && !(joiner(w[1]) && digit(w[0])))
        .count();
    let runs = u64::from(first) + u64::from(second) + starts as u64;
    let marks = memchr::memchr_iter(b'"', bytes).count()
        + memchr::memmem::find_iter(bytes, "“").count()
        + memchr::memmem::find_iter(bytes, "”").count();
    runs + marks as u64 / 2
}

/// The memory a statement of `bytes` bytes may take: [`MEMORY_PER_INPUT_BYTE`]
/// times it, and never less than [`MEMORY_FLOOR`].
pub fn memory_allowed(bytes: u64) -> u64 {
    MEMORY_FLOOR.max(MEMORY_PER_INPUT_BYTE.saturating_mul(bytes))
}

/// Refuses, before any memory grows with it, a statement with so many
/// sentences for its size that comparing it would take more than
/// [`MEMORY_PER_INPUT_BYTE`] times its size (and more than [`MEMORY_FLOOR`]):
/// 10 MB of `A. `, one short sentence repeated a million times. Prose, with
/// sentences of about 100 bytes and more on average, is not refused (the
/// bench corpus has 95 to 103: its 10 MB statements are estimated at 150 to
/// 157 MB of the 160 allowed, and take 7 to 8 times a pair).
pub fn check_sentences(
    shown: &str,
    text: &str,
    body: &str,
) -> Result<Option<crate::segment::Segmentation>> {
    let size = text.len() as u64;
    let allowed = memory_allowed(size);
    // Every sentence ends at one of these bytes or at a line or cell break, so
    // their count bounds the sentences; segmenting is needed only past it.
    // (0xE2, 0xE3, 0xEF lead `…`, `。` and full-width `！？`.)
    let bytes = body.as_bytes();
    let candidates = (memchr::memchr3_iter(b'.', b'?', b'!', bytes).count()
        + memchr::memchr2_iter(b'\n', b'|', bytes).count()
        + memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes).count()) as u64
        + 1;
    if memory_needed(size, candidates, 0) <= allowed && size <= SMALL {
        return Ok(None);
    }
    let signals = signal_tokens(body);
    // With every signal token counted (none within the sentences' share), an
    // upper bound: below the limit, nothing more needs counting.
    if memory_needed(size, candidates, 0).saturating_add(MEMORY_PER_SIGNAL.saturating_mul(signals))
        <= allowed
    {
        return Ok(None);
    }
    // Counting the sentences is segmenting: the segmentation is returned, so
    // that comparing the statement does not segment it a second time.
    let segmentation = crate::segment::segment(body);
    let sentences = segmentation.sentences.len() as u64;
    let needed = memory_needed(size, sentences, signals);
    let mb = |bytes: u64| bytes / (1024 * 1024);
    if memory_needed(size, sentences, 0) > allowed {
        let message = format!(
            "{sentences} sentences in {size} bytes ({} bytes each on average) would take \
             about {} MB to compare, more than {MEMORY_PER_INPUT_BYTE} times the file; \
             this is not prose (are these the right files?)",
            size / sentences.max(1),
            mb(needed)
        );
        return Err(Error::new(ErrorKind::Statement, message).at(shown));
    }
    if needed > allowed {
        let message = format!(
            "{signals} figures, dates and quotations in {sentences} sentences ({} each on \
             average) would take about {} MB to compare, more than \
             {MEMORY_PER_INPUT_BYTE} times the file; this is not prose (are these the right \
             files?)",
            signals / sentences.max(1),
            mb(needed)
        );
        return Err(Error::new(ErrorKind::Statement, message).at(shown));
    }
    Ok(Some(segmentation))
}

/// A statement this short fits [`MEMORY_FLOOR`] whatever it holds: its
/// signal tokens need no counting. (12 MiB + 5 a byte + 900 a sentence of 3
/// bytes + 150 a signal token of 2 bytes stays within 64 MiB up to here.)
const SMALL: u64 = 128 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_tokens_count_figures_whole_and_quotations_once() {
        assert_eq!(signal_tokens(""), 0);
        assert_eq!(signal_tokens("7"), 1);
        assert_eq!(signal_tokens("a7"), 1);
        assert_eq!(signal_tokens("Rates of 2.5, 1,200 and 2-1/4 percent."), 3);
        assert_eq!(signal_tokens("On March 3, 2026 at 10:30"), 4);
        assert_eq!(signal_tokens("He said \"no\" and “never”."), 2);
        assert_eq!(signal_tokens("No figures here."), 0);
    }

    #[test]
    fn streams_are_cut_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'A');
        let err = read_stream(endless, "-", 1000).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ErrorKind::Statement, Some("-")));
        assert_eq!(
            err.message(),
            "more than the limit of 1000 bytes (raise it with --max-bytes)"
        );
        assert_eq!(read_stream(&b"abc"[..], "-", 3).unwrap(), b"abc");
        // The largest limit does not wrap to zero.
        assert_eq!(read_stream(&b"abc"[..], "-", u64::MAX).unwrap(), b"abc");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_bounded_though_their_size_is_zero() {
        let err = read_file(Path::new("/dev/zero"), "/dev/zero", 4096).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Statement, Some("/dev/zero"))
        );
        assert!(
            err.message()
                .starts_with("more than the limit of 4096 bytes"),
            "{err}"
        );
    }

    #[test]
    fn regular_files_are_refused_from_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        let err = read_file(&path, "big.md", 99).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Statement, Some("big.md"))
        );
        assert!(
            err.message()
                .starts_with("100 bytes is more than the limit of 99"),
            "{err}"
        );
        assert_eq!(read_file(&path, "big.md", 100).unwrap().len(), 100);
    }

    #[test]
    fn unreadable_sources_are_io_errors_and_text_files_say_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.md");
        let shown = missing.display().to_string();
        let err = read_file(&missing, &shown, 99).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Io, Some(shown.as_str()))
        );
        let io = err
            .underlying()
            .and_then(|e| e.downcast_ref::<std::io::Error>());
        assert_eq!(
            io.map(std::io::Error::kind),
            Some(std::io::ErrorKind::NotFound)
        );
        let err = read_file(dir.path(), "dir", 99).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ErrorKind::Io, Some("dir")));

        let latin = dir.path().join("words.toml");
        std::fs::write(&latin, b"caf\xE9").unwrap();
        let err = read_text_file(&latin, 99, ErrorKind::Config).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert_eq!(err.message(), "not valid UTF-8 at byte 3");
        let err = read_text_file(&latin, 2, ErrorKind::Template).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Template);
    }
}
