//! Loading one statement file: bytes → text → front matter + body.
//!
//! A statement keeps the whole decoded file text so that every sentence can be
//! reported as a byte span of the original file (front matter included) and as a
//! 1-based line and column. Mojibake is repaired on load (unless `--no-repair`);
//! the text before the repair is kept, and positions are given in it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::repair::Repair;

/// The metadata editors put in front matter. Unknown keys are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The statement's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When, `YYYY-MM-DD` (else taken from the file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Every other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// How to read statement files.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Decode with this encoding instead of detecting one (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Larger files are refused (`--max-bytes`).
    pub max_bytes: u64,
    /// Repair mojibake (`â€™` for `’`) after decoding; `--no-repair` turns it off.
    pub repair: bool,
}

/// 64 MiB: far beyond any statement, small enough to refuse a stray disk image.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_bytes: DEFAULT_MAX_BYTES,
            repair: true,
        }
    }
}

/// One statement: its path, the decoded file text, where the body starts, and its metadata.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The path as the user gave it (or `-` for standard input).
    pub path: String,
    /// The file text after decoding and repair (a byte order mark is not part of it).
    pub text: String,
    /// Bytes removed from the front of the file before `text` (a BOM), so that
    /// spans can be reported as positions in the original file.
    pub offset: usize,
    /// Byte offset in `text` where the body (after front matter) starts.
    pub body_start: usize,
    /// Its front matter.
    pub meta: Meta,
    /// The encoding the file was decoded from, when it was not UTF-8.
    pub decoded_from: Option<&'static str>,
    /// The encoding was guessed (not given by a BOM or `--encoding`): worth a warning.
    pub encoding_guessed: bool,
    /// The mojibake repaired in the decoded text, with that text as it was: worth a warning.
    pub repair: Option<Repair>,
    /// The body's segmentation when reading had to compute it already (the
    /// memory guard counts the sentences of a long statement): comparing takes
    /// it instead of segmenting the body twice. Valid for the body as parsed.
    pub(crate) segmentation: Option<crate::segment::Segmentation>,
}

impl Statement {
    /// Reads and parses a statement file; `-` reads standard input. A file
    /// that cannot be read is an [`Io`](ErrorKind::Io) error; one that is
    /// not a statement (not text, too large, bad front matter) a
    /// [`Statement`](ErrorKind::Statement) error; both name the file.
    pub fn read(path: &Path, options: &ReadOptions) -> Result<Statement> {
        let shown = path.display().to_string();
        // Every source is read through the same limit: a regular file is refused
        // from its size, a device, pipe or standard input one byte past it.
        let bytes = if path == Path::new("-") {
            crate::input::read_stream(std::io::stdin().lock(), &shown, options.max_bytes)?
        } else {
            crate::input::read_file(path, &shown, options.max_bytes)?
        };
        let mut statement = Statement::parse_with(&shown, bytes, options)?;
        if statement.meta.date.is_none() {
            statement.meta.date = date_from_file_name(path);
        }
        Ok(statement)
    }

    /// Parses statement bytes (UTF-8 or detected); `path` only names it in errors.
    pub fn parse(path: &str, bytes: &[u8]) -> Result<Statement> {
        Statement::parse_with(path, bytes.to_vec(), &ReadOptions::default())
    }

    /// Parses statement bytes with the given options (taking them: a UTF-8
    /// file's bytes become its text).
    pub fn parse_with(path: &str, bytes: Vec<u8>, options: &ReadOptions) -> Result<Statement> {
        let decoded = crate::decode::decode(path, bytes, options.encoding)?;
        let (text, repair) = if options.repair {
            crate::repair::repair(decoded.text)
        } else {
            (decoded.text, None)
        };
        let (meta, body_start) = split_front_matter(path, &text)?;
        let segmentation = crate::input::check_sentences(path, &text, &text[body_start..])?;
        Ok(Statement {
            path: path.to_string(),
            text,
            offset: decoded.bom_len,
            body_start,
            meta,
            decoded_from: decoded.encoding,
            encoding_guessed: decoded.guessed,
            repair,
            segmentation,
        })
    }

    /// The decoded text as the file has it, before any repair: what positions count in.
    pub fn original_text(&self) -> &str {
        self.repair.as_ref().map_or(&self.text, |r| &r.original)
    }

    /// Where a byte offset of `text` (a character boundary) is in [`Self::original_text`].
    pub fn original_offset(&self, at: usize) -> usize {
        self.repair.as_ref().map_or(at, |r| r.original_offset(at))
    }

    /// The body: everything after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// The notice, when a body is only what a server says while it sends the
/// reader elsewhere ("Redirecting to legal.example.org", "This page has moved"):
/// what an archive stores when a page's address changed, never the statement.
/// A notice is short (at most 12 words), so a statement that merely mentions
/// a redirect is never one.
pub fn redirect_notice(body: &str) -> Option<&str> {
    const OPENINGS: &[&str] = &[
        "redirecting to",
        "redirecting…",
        "redirecting...",
        "you are being redirected",
        "this page has moved",
        "this page has been moved",
        "moved permanently",
        "found. redirecting to",
        "object moved",
    ];
    const MAX_WORDS: usize = 12;
    let notice = body.trim_start();
    // A notice is a few words: a statement is never scanned past them.
    if notice.split_whitespace().nth(MAX_WORDS).is_some() {
        return None;
    }
    let notice = notice.trim_end();
    let start: String = notice
        .chars()
        .take(24)
        .flat_map(char::to_lowercase)
        .collect();
    OPENINGS
        .iter()
        .any(|opening| start.starts_with(opening))
        .then_some(notice)
}

/// Splits `---` YAML or `+++` TOML front matter from the body.
/// Returns the metadata and the byte offset where the body starts.
fn split_front_matter(path: &str, text: &str) -> Result<(Meta, usize)> {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return Ok((Meta::default(), 0));
    };
    let mut lines = crate::segment::lines(text);
    let Some(first) = lines.next() else {
        return Ok((Meta::default(), 0));
    };
    // `---` must be alone on its line: `--- text` or `----` is body text (a rule, say).
    if text[first.clone()].trim_end() != fence {
        return Ok((Meta::default(), 0));
    }
    let content_start = first.end;
    for line in lines {
        let trimmed = text[line.clone()].trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            let content = &text[content_start..line.start];
            // Lines are 1-based and the content starts on line 2.
            let meta = parse_meta(path, fence, content, 2)?;
            return Ok((meta, line.end));
        }
    }
    let message = format!("front matter opened with `{fence}` is never closed");
    Err(refused(path, message).at_line(1, 1))
}

/// A [`Statement`](ErrorKind::Statement) error about `path`.
fn refused(path: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Statement, message).at(path)
}

fn parse_meta(path: &str, fence: &str, content: &str, first_line: usize) -> Result<Meta> {
    let mut meta: Meta = if content.trim().is_empty() {
        Meta::default()
    } else if let Some((line, length)) = overlong_line(content) {
        let message = format!(
            "a front matter line of {length} bytes is more than the limit of \
             {MAX_FRONT_MATTER_LINE} bytes (keep long text in the body)"
        );
        return Err(refused(path, message).on_line(line + first_line - 1));
    } else if fence == "---" {
        serde_saphyr::from_str(content).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let message = e.to_string();
            let message = yaml_message(message.lines().next().unwrap_or("invalid YAML"));
            // The parser's causes repeat its first line in its own terms.
            refused(path, format!("invalid YAML front matter: {message}"))
                .at_line(line + first_line - 1, column)
                .reporting_all(e)
        })?
    } else {
        let table = toml::from_str::<toml::Table>(content).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(content, span.start))
                .unwrap_or((1, 1));
            let message = format!("invalid TOML front matter: {}", e.message().trim_end());
            refused(path, message)
                .at_line(line + first_line - 1, column)
                .reporting(e)
        })?;
        Meta::deserialize(toml_to_json(toml::Value::Table(table)))
            .map_err(|e| refused(path, format!("invalid TOML front matter: {e}")).reporting(e))?
    };
    if let Some(date) = &meta.date {
        let date = date.trim().to_string();
        if !is_iso_date(&date) {
            let message =
                format!("front matter `date: {date}` is not a date of the form YYYY-MM-DD");
            return Err(refused(path, message));
        }
        meta.date = Some(date);
    }
    Ok(meta)
}

/// The YAML parser's message without its own "error: line N column M:" prefix
/// (we report the position in the file instead).
fn yaml_message(message: &str) -> String {
    let message = message.trim().trim_start_matches("error: ");
    let message = match message.split_once(": ") {
        Some((position, rest)) if position.starts_with("line ") => rest,
        _ => message,
    };
    // The parser's own words name its options and budgets; say what to do instead.
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!("the key `{key}` is given twice (keep one)");
    }
    if message.contains("budget breached") {
        return "it expands to too much data (aliases nested like a YAML bomb, \
                or too many keys); write the values out plainly"
            .to_string();
    }
    message.to_string()
}

/// Longer front matter lines are refused before parsing: no title or source is
/// this long, and the parser's own message for them misleads.
pub const MAX_FRONT_MATTER_LINE: usize = 64 * 1024;

/// The first line of `content` (1-based) longer than [`MAX_FRONT_MATTER_LINE`], and its length.
fn overlong_line(content: &str) -> Option<(usize, usize)> {
    content
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > MAX_FRONT_MATTER_LINE)
        .map(|(i, line)| (i + 1, line.len()))
}

/// TOML values as JSON values; a TOML date or time (`date = 2026-03-01`) becomes
/// its text, so that `date` reads as a date and `add` stores it as it was written.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(s) => Json::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Json::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut line_start = 0;
    for span in crate::segment::lines(&text[..offset]) {
        let terminated = text[..span.end].ends_with(['\n', '\r']);
        // A `\r` right at `offset` may still be the start of `\r\n`: it is a break either way.
        if terminated {
            line += 1;
            line_start = span.end;
        }
    }
    (line, text[line_start..offset].chars().count() + 1)
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// A leading `YYYY-MM-DD` in the file name, if there is one.
pub fn date_from_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let candidate = name.get(..10)?;
    is_iso_date(candidate).then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_split_and_unknown_keys_kept() {
        let s = Statement::parse(
            "a.md",
            b"---\ntitle: Readout\ndate: 2026-03-01\ntags: [a, b]\n---\nBody text.\n",
        )
        .unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("Readout"));
        assert_eq!(s.meta.date.as_deref(), Some("2026-03-01"));
        assert!(s.meta.extra.contains_key("tags"));
        assert_eq!(s.body(), "Body text.\n");
    }

    #[test]
    fn toml_front_matter_is_split() {
        let s = Statement::parse(
            "a.md",
            b"+++\ntitle = \"Readout\"\nsource = \"Ministry\"\n+++\n\nBody.",
        )
        .unwrap();
        assert_eq!(s.meta.source.as_deref(), Some("Ministry"));
        assert_eq!(s.body(), "\nBody.");
    }

    #[test]
    fn a_bom_is_skipped_but_counted_in_offsets() {
        let s = Statement::parse("a.md", b"\xEF\xBB\xBFHello.").unwrap();
        assert_eq!(s.text, "Hello.");
        assert_eq!(s.offset, 3);
    }

    /// A statement error about `x.md`: its position and message.
    fn refusal(bytes: &[u8]) -> (Option<usize>, Option<(usize, usize)>, String) {
        let err = Statement::parse("x.md", bytes).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Statement, Some("x.md"))
        );
        (err.line(), err.position(), err.message().to_string())
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let (_, _, message) = refusal(b"caf\xC3\xA9\xFFdef");
        assert!(
            message.starts_with("not valid UTF-8 at byte 5"),
            "{message}"
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        let (_, _, message) = refusal(b"ab\0c");
        assert!(message.starts_with("looks like binary data"), "{message}");
    }

    #[test]
    fn malformed_yaml_names_file_and_line() {
        let text = b"---\ntitle: ok\ndate: [unclosed\n---\nBody.";
        let (_, position, message) = refusal(text);
        assert_eq!(position, Some((3, 7)));
        assert!(
            message.starts_with("invalid YAML front matter: "),
            "{message}"
        );
        assert!(!message.contains("line 2"), "{message}");
        assert!(!message.contains('\n'), "one line: {message}");
        // The parser's error is kept, and not said twice.
        let err = Statement::parse("x.md", text).unwrap_err();
        assert!(
            err.underlying()
                .is_some_and(|e| e.is::<serde_saphyr::Error>())
        );
        let printed = format!("{:#}", anyhow::Error::new(err));
        assert!(
            printed.starts_with("x.md:3:7: invalid YAML front matter: "),
            "{printed}"
        );
        assert_eq!(printed.lines().count(), 1, "{printed}");

        let (_, position, message) = refusal(b"+++\ntitle = 'ok'\ndate = [\n+++\n");
        assert_eq!(position.map(|p| p.0), Some(3));
        assert!(
            message.starts_with("invalid TOML front matter: "),
            "{message}"
        );
    }

    #[test]
    fn invalid_date_is_rejected() {
        let (_, _, message) = refusal(b"---\ndate: 2026-02-30\n---\n");
        assert_eq!(
            message,
            "front matter `date: 2026-02-30` is not a date of the form YYYY-MM-DD"
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let (_, position, message) = refusal(b"---\ntitle: x\nBody.");
        assert_eq!(position, Some((1, 1)));
        assert_eq!(message, "front matter opened with `---` is never closed");
    }

    #[test]
    fn an_overlong_front_matter_line_names_its_line() {
        let long = format!(
            "---\ntitle: ok\nsource: {}\n---\n",
            "x".repeat(MAX_FRONT_MATTER_LINE)
        );
        let (line, position, _) = refusal(long.as_bytes());
        assert_eq!((line, position), (Some(3), None));
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let err = Statement::read(Path::new("no/such/x.md"), &ReadOptions::default()).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::Io, Some("no/such/x.md"))
        );
    }

    #[test]
    fn a_rule_is_not_front_matter() {
        let s = Statement::parse("x.md", b"----\nBody.").unwrap();
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn dates_from_file_names() {
        assert_eq!(
            date_from_file_name(Path::new("s/2026-05-02-revised.md")).as_deref(),
            Some("2026-05-02")
        );
        assert_eq!(date_from_file_name(Path::new("s/notes.md")), None);
        assert_eq!(date_from_file_name(Path::new("s/2026-13-02.md")), None);
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("abc", 0), (1, 1));
    }

    #[test]
    fn redirect_notices_are_short_and_say_so() {
        for body in [
            "Redirecting to legal.example.org",
            "\n  You are being redirected to https://example.org/terms.\n",
            "Moved Permanently. Redirecting to /terms",
            "This page has moved",
        ] {
            assert!(redirect_notice(body).is_some(), "{body:?}");
        }
        for body in [
            "",
            "The ministry is redirecting funds to the reconstruction effort.",
            "Redirecting to the new office, the envoy said, will take weeks of work and \
             a budget the ministry has not yet asked parliament for.",
            "Moved by the vote, the minister resigned.",
        ] {
            assert!(redirect_notice(body).is_none(), "{body:?}");
        }
    }
}
