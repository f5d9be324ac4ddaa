//! Hand-checked segmentation units (`tests/fixtures/real/segmentation/*.units`)
//! and the normalisation applied to both the labeled units and redliner's
//! before they are compared. `tests/fixtures/real/README.md` spells out both.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

/// One labeled document: its units, and the source they were read from.
pub struct LabeledUnits {
    pub name: String,
    pub source: PathBuf,
    pub units: Vec<String>,
}

/// The labeled documents, sorted by name. A file `<Service>__<Document>__<stem>.units`
/// labels `tests/data/real/terms/<Service>__<Document>/<stem>.txt`.
pub fn labeled_documents() -> Vec<LabeledUnits> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures/real/segmentation");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "units"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let (document, stem) = name.rsplit_once("__").expect("<document>__<stem>.units");
            let source = root
                .join("tests/data/real/terms")
                .join(document)
                .join(format!("{stem}.txt"));
            let units = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect();
            LabeledUnits {
                name,
                source,
                units,
            }
        })
        .collect()
}

/// A unit as compared: [`inline`], then the markers that may open a unit
/// (heading marks, bullets, block quotes, table pipes, an item label such as
/// `1.`, `1.2`, `IV.`, `(a)`) removed from its start and pipes from its end.
/// An empty result means the piece is not a unit at all (a bare label).
pub fn normalise(unit: &str) -> String {
    static OPENER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:#+|>|\||[-+•]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|[0-9]{1,3}(?:\.[0-9]{1,3})+|\([0-9A-Za-z]{1,5}\)|[IVXLCDM]{1,6}[.)]|[ivxlcdm]{1,6}[.)]|[A-Za-z][.)])(?:\s+|$)",
        )
        .unwrap()
    });
    let mut text = inline(unit);
    // Markers can nest ("- 1. …", "| **IV.** …"): strip until none is left.
    while let Some(found) = OPENER.find(&text) {
        text.replace_range(..found.end(), "");
    }
    text.trim_end_matches(|c: char| c == '|' || c.is_whitespace())
        .to_owned()
}

/// The markup inside a unit that is not its wording: `<br>` becomes a space, a
/// backslash escape its character, emphasis markers (every `*`; a `_` not
/// between two letters or digits) go, and white space collapses to one space.
/// Applied to a whole source it keeps what units are cut from, so a unit's
/// `inline` form is a substring of its source's.
pub fn inline(text: &str) -> String {
    static BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").unwrap());
    let text = BREAK.replace_all(text, " ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '\\' if after.is_some_and(|a| a.is_ascii_punctuation()) => {}
            '*' => {}
            '_' if !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric)) => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
