//! The store: `statements/<thread>/<YYYY-MM-DD>[-slug].md`. A thread is a folder;
//! its statements are ordered by date (front matter, else file name), then by file
//! name. Statements without any date come after the dated ones, by file name.
//!
//! Adding a statement never overwrites one: a taken name gets a numbered suffix,
//! and the file is written to a temporary file, synced, and linked into place
//! only if the name is still free, so a crash leaves no partial file and two
//! racing `add`s both land.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::compare::{CompareOptions, compare};
use crate::error::{Error, ErrorKind, Result};
use crate::statement::{Meta, ReadOptions, Statement};

/// File endings that hold statements.
const STATEMENT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Where threads live.
#[derive(Debug, Clone)]
pub struct Store {
    /// The folder holding one folder per thread.
    pub root: PathBuf,
}

impl Store {
    /// `--store`, else `REDLINER_STORE` (clap fills both into `root`), else `./statements`.
    pub fn new(root: Option<PathBuf>) -> Store {
        Store {
            root: root.unwrap_or_else(|| PathBuf::from("statements")),
        }
    }

    /// Resolves a thread argument: a folder path, or a thread name in the store.
    pub fn thread_dir(&self, thread: &str) -> Result<PathBuf> {
        let as_path = Path::new(thread);
        if as_path.is_dir() {
            return Ok(as_path.to_path_buf());
        }
        let in_store = self.root.join(thread);
        if in_store.is_dir() {
            return Ok(in_store);
        }
        let known = self.thread_names().unwrap_or_default();
        let message = if known.is_empty() {
            format!(
                "no such thread or folder (store {} has no threads)",
                self.root.display()
            )
        } else {
            format!(
                "no such thread or folder (threads in {}: {})",
                self.root.display(),
                known.join(", ")
            )
        };
        Err(Error::new(ErrorKind::Store, message).at(thread))
    }

    /// Names of the threads in the store, sorted.
    pub fn thread_names(&self) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let entries = std::fs::read_dir(&self.root).map_err(|e| Error::io(&self.root, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.root, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !name.starts_with('.') {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }
}

/// What `add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored at this path.
    Stored(PathBuf),
    /// The thread's latest statement says the same; nothing was written.
    Unchanged {
        /// That latest statement: its date, else its path.
        latest: String,
    },
}

impl Store {
    /// Stores a statement in a thread: UTF-8, LF line endings, front matter from
    /// `meta`, named `YYYY-MM-DD[-slug].md`. Refuses a statement that says the
    /// same as the thread's latest unless `force`.
    pub fn add(&self, thread: &str, body: &str, meta: &Meta, force: bool) -> Result<Added> {
        check_thread_name(thread)?;
        if body.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::Store,
                "the statement is empty (only white space); nothing stored",
            )
            .at(thread));
        }
        let date = meta.date.clone().ok_or_else(|| {
            Error::new(ErrorKind::Store, "a statement to add needs a date").at(thread)
        })?;
        let mut meta = meta.clone();
        // The time of `add` orders same-day versions (see `sort_thread`).
        meta.extra
            .entry(ADDED_KEY.into())
            .or_insert_with(|| now().into());
        let dir = self.root.join(thread);
        // The body is stored as given: whether to repair mojibake was the caller's call.
        let as_given = ReadOptions {
            repair: false,
            ..ReadOptions::default()
        };
        let new = Statement::parse_with(
            "new statement",
            compose(&meta, body)?.into_bytes(),
            &as_given,
        )?;
        if !force && dir.is_dir() {
            // An empty folder (a racing `add` may have just made it) has no latest.
            let mut statements = read_statements(&dir, &ReadOptions::default())?;
            if let Some(latest) = statements.pop() {
                let name = latest
                    .meta
                    .date
                    .clone()
                    .unwrap_or_else(|| latest.path.clone());
                if compare(latest, new.clone(), &CompareOptions::default()).is_unchanged() {
                    return Ok(Added::Unchanged { latest: name });
                }
            }
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let stem = match meta.title.as_deref().map(slug).filter(|s| !s.is_empty()) {
            Some(slug) => format!("{date}-{slug}"),
            None => date,
        };
        let temp_dir = self.root.join(TEMP_DIR);
        remove_stale_temporaries(&temp_dir);
        remove_stale_temporaries(&dir);
        write_new(&temp_dir, &dir, &stem, &new.text).map(Added::Stored)
    }
}

/// Now, to the millisecond, as RFC 3339 in UTC: what `add` records.
pub fn now() -> String {
    Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| Timestamp::now())
        .to_string()
}

/// Where `add` writes before linking into a thread: a hidden folder of the
/// store, where no reader looks (threads and statements starting with `.` are
/// skipped), on the same file system as the threads.
const TEMP_DIR: &str = ".redliner-tmp";

/// A temporary file this old was left by a killed `add` (writing one takes seconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes `.redliner-*.tmp` files older than [`STALE_AFTER`] from `dir`: what a
/// killed `add` left (older versions wrote them into the thread folder itself).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".redliner-") && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A thread is one folder inside the store: no separators, no `..`.
fn check_thread_name(thread: &str) -> Result<()> {
    let bad = thread.is_empty()
        || thread.starts_with('.')
        || thread.contains(['/', '\\', '\0'])
        // A name is printed in every report: nothing in it may act on a terminal.
        || thread.chars().any(|c| {
            c.is_control() || crate::visible::is_reordering(c) || crate::visible::is_invisible(c)
        })
        || Path::new(thread).components().count() != 1;
    if bad {
        return Err(Error::new(
            ErrorKind::Store,
            "a thread name is one folder name (letters, digits, dashes)",
        )
        .at(format!("{thread:?}")));
    }
    Ok(())
}

/// The file text: front matter, a blank line, the body with LF line endings.
fn compose(meta: &Meta, body: &str) -> Result<String> {
    let front = serde_saphyr::to_string(meta)
        .map_err(|e| Error::new(ErrorKind::Store, "writing front matter").caused_by(e))?;
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim_matches('\n');
    Ok(format!("---\n{}---\n\n{body}\n", ensure_newline(&front)))
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// "Readout of the Second Round" → "readout-of-the-second-round" (ASCII, at most 60 bytes).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Writes `text` to `<dir>/<stem>.md`, or `<stem>-2.md`, `-3`, … if taken: a
/// temporary file in `temp_dir`, fsync, then a link that fails rather than
/// replace an existing file. Files get the user's umask, as an editor's would.
fn write_new(temp_dir: &Path, dir: &Path, stem: &str, text: &str) -> Result<PathBuf> {
    let shown = dir.display().to_string();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redliner-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let _ = std::fs::create_dir(temp_dir);
    let mut temp = builder
        .tempfile_in(temp_dir)
        // A store folder we cannot write a hidden folder into: write beside the file.
        .or_else(|_| builder.tempfile_in(dir))
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io(dir, e))?;
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let target = dir.join(name);
        match temp.persist_noclobber(&target) {
            Ok(_) => {
                // Make the new name itself durable.
                if let Ok(folder) = std::fs::File::open(dir) {
                    let _ = folder.sync_all();
                }
                return Ok(target);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            // The thread folder is another file system (a mount): write beside it.
            Err(e) if e.error.kind() == std::io::ErrorKind::CrossesDevices && temp_dir != dir => {
                return write_new(dir, dir, stem, text);
            }
            Err(e) => return Err(Error::io(&target, e.error)),
        }
    }
    Err(Error::new(ErrorKind::Store, format!("no free file name for {stem}")).at(shown))
}

/// Reads every statement of a thread folder, in thread order; an empty folder is an error.
pub fn read_thread(dir: &Path, options: &ReadOptions) -> Result<Vec<Statement>> {
    let statements = read_statements(dir, options)?;
    if statements.is_empty() {
        return Err(Error::new(
            ErrorKind::Store,
            "no statements in this folder (looked for .md, .markdown and .txt files)",
        )
        .at(dir.display().to_string()));
    }
    Ok(statements)
}

/// Reads the statements of a folder, in thread order (possibly none).
pub fn read_statements(dir: &Path, options: &ReadOptions) -> Result<Vec<Statement>> {
    let mut statements = statement_paths(dir)?
        .iter()
        .map(|p| Statement::read(p, options))
        .collect::<Result<Vec<_>>>()?;
    sort_thread(&mut statements);
    Ok(statements)
}

/// The statements of a folder that read, in thread order, and the errors of
/// those that did not.
pub fn read_statements_leniently(
    dir: &Path,
    options: &ReadOptions,
) -> Result<(Vec<Statement>, Vec<Error>)> {
    let (mut statements, mut failures) = (Vec::new(), Vec::new());
    for path in statement_paths(dir)? {
        match Statement::read(&path, options) {
            Ok(statement) => statements.push(statement),
            Err(e) => failures.push(e),
        }
    }
    sort_thread(&mut statements);
    Ok((statements, failures))
}

/// The statement files of a folder: `.md`, `.markdown`, `.txt`, not hidden.
fn statement_paths(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        let is_statement = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| STATEMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !hidden && is_statement && path.is_file() {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// Thread order, the order statements were issued: by date; on one date by
/// the time when known (`modified`, else `published`, else `added` in the
/// front matter; untimed statements, from before times were recorded, come
/// first), then by the time of `add`, then by file name with numbers compared
/// as numbers (`x.md` < `x-2.md` < `x-10.md`: a taken name's suffix counts
/// the versions). Undated statements come last. Every command that walks a
/// thread (compare, log, blame, digest, show, add) uses this one order.
pub fn sort_thread(statements: &mut [Statement]) {
    statements.sort_by_cached_key(thread_key);
}

/// The key [`sort_thread`] sorts by: a total order, so sorting is deterministic.
fn thread_key(
    s: &Statement,
) -> (
    bool,
    Option<String>,
    Option<Timestamp>,
    Option<Timestamp>,
    Vec<Chunk>,
    String,
) {
    let time = |key: &str| {
        s.meta
            .extra
            .get(key)
            .and_then(|v| v.as_str())
            .and_then(parse_time)
    };
    let added = time(ADDED_KEY);
    let issued = time(MODIFIED_KEY).or_else(|| time(PUBLISHED_KEY)).or(added);
    let name = Path::new(&s.path)
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (
        s.meta.date.is_none(),
        s.meta.date.clone(),
        issued,
        added,
        natural(&name),
        s.path.clone(),
    )
}

/// A thread as `list --format json` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ThreadSummary {
    /// The thread's folder name.
    pub thread: String,
    /// The folder.
    pub path: String,
    /// How many statements it holds.
    pub statements: usize,
    /// The earliest date among them.
    pub first_date: Option<String>,
    /// The latest date among them.
    pub last_date: Option<String>,
    /// The latest statement's file and metadata.
    pub latest: Option<Shown>,
}

/// One statement as `show --format json` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    /// The file.
    pub path: String,
    /// Its front matter.
    pub meta: Meta,
    /// The text after the front matter (`show` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// Front matter keys of the times that order a thread: when `add` stored the
/// statement, and when its page says it was published and last modified.
pub const ADDED_KEY: &str = "added";
/// When the page says it was published (see [`ADDED_KEY`]).
pub const PUBLISHED_KEY: &str = "published";
/// When the page says it was last modified (see [`ADDED_KEY`]).
pub const MODIFIED_KEY: &str = "modified";

/// An RFC 3339 time (`2026-03-01T14:05:00+01:00`); one without an offset is
/// read as UTC; a bare date is no time.
pub fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok()?;
    // "2026-03-01" parses as midnight: that is a date, not a time.
    if !text.contains(['T', 't', ' ']) {
        return None;
    }
    civil
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// A piece of a file name: text, or a run of digits compared by value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    /// Digits without leading zeros: shorter is smaller, then lexical.
    Number(usize, String),
    Text(String),
}

fn natural(name: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        let digit = c.is_ascii_digit();
        let end = rest
            .find(|ch: char| ch.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        chunks.push(if digit {
            let value = piece.trim_start_matches('0');
            Chunk::Number(value.len(), value.to_string())
        } else {
            Chunk::Text(piece.to_string())
        });
        rest = tail;
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(
            slug("Readout: Second Round (U.N.)"),
            "readout-second-round-u-n"
        );
        assert_eq!(slug("東京"), "");
        assert!(slug(&"word ".repeat(40)).len() <= 60);
    }

    #[test]
    fn add_never_overwrites_and_refuses_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Some(dir.path().to_path_buf()));
        let meta = Meta {
            title: Some("Readout".into()),
            date: Some("2026-05-02".into()),
            ..Meta::default()
        };
        let first = store.add("t", "Talks began.\r\n", &meta, false).unwrap();
        let Added::Stored(path) = first else {
            panic!("{first:?}")
        };
        assert!(path.ends_with("t/2026-05-02-readout.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("---\n") && text.ends_with("\n\nTalks began.\n"),
            "{text:?}"
        );
        let mut parsed = Statement::parse("x", text.as_bytes()).unwrap();
        // `add` records when it stored the statement, beside what it was given.
        assert!(
            parsed.meta.extra.remove("added").is_some(),
            "{:?}",
            parsed.meta
        );
        assert_eq!(parsed.meta, meta);

        // Same words again: refused; forced: a second file, the first untouched.
        let again = store.add("t", "Talks  began.", &meta, false).unwrap();
        assert_eq!(
            again,
            Added::Unchanged {
                latest: "2026-05-02".into()
            }
        );
        let forced = store.add("t", "Talks began.", &meta, true).unwrap();
        assert_eq!(
            forced,
            Added::Stored(dir.path().join("t/2026-05-02-readout-2.md"))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        let refused = store.add("../x", "A.", &meta, false).unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Store);
        assert_eq!(refused.path(), Some("\"../x\""));
        let empty = store.add("t", " \n", &meta, false).unwrap_err();
        assert_eq!((empty.kind(), empty.path()), (ErrorKind::Store, Some("t")));
    }

    #[test]
    fn thread_order_is_date_then_name_then_undated() {
        let mut statements: Vec<Statement> = [
            ("c.md", "---\ndate: 2026-01-02\n---\n"),
            ("b.md", "no date"),
            ("a.md", "---\ndate: 2026-01-02\n---\n"),
            ("z.md", "---\ndate: 2025-12-31\n---\n"),
        ]
        .iter()
        .map(|(p, t)| Statement::parse(p, t.as_bytes()).unwrap())
        .collect();
        sort_thread(&mut statements);
        let order: Vec<&str> = statements.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(order, ["z.md", "a.md", "c.md", "b.md"]);
    }
}
