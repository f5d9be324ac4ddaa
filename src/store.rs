//! The store: `statements/<thread>/<YYYY-MM-DD>[-slug].md`. A thread is a folder;
//! its statements are ordered by date (front matter, else file name), then by file
//! name. Statements without any date come after the dated ones, by file name.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::statement::{ReadOptions, Statement};

/// File endings that hold statements.
const STATEMENT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Where threads live.
#[derive(Debug, Clone)]
pub struct Store {
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
        if known.is_empty() {
            bail!(
                "{thread}: no such thread or folder (store {} has no threads)",
                self.root.display()
            );
        }
        bail!(
            "{thread}: no such thread or folder (threads in {}: {})",
            self.root.display(),
            known.join(", ")
        )
    }

    /// Names of the threads in the store, sorted.
    pub fn thread_names(&self) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let entries =
            std::fs::read_dir(&self.root).with_context(|| self.root.display().to_string())?;
        for entry in entries {
            let entry = entry.with_context(|| self.root.display().to_string())?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !name.starts_with('.') {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }
}

/// Reads every statement of a thread folder, in thread order.
pub fn read_thread(dir: &Path, options: &ReadOptions) -> Result<Vec<Statement>> {
    let shown = dir.display().to_string();
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| shown.clone())? {
        let path = entry.with_context(|| shown.clone())?.path();
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
    if paths.is_empty() {
        bail!("{shown}: no statements in this folder (looked for .md, .markdown and .txt files)");
    }
    let mut statements = paths
        .iter()
        .map(|p| Statement::read(p, options))
        .collect::<Result<Vec<_>>>()?;
    sort_thread(&mut statements);
    Ok(statements)
}

/// Thread order: dated statements by date then path; undated ones last, by path.
pub fn sort_thread(statements: &mut [Statement]) {
    statements.sort_by(|a, b| {
        let key = |s: &Statement| (s.meta.date.is_none(), s.meta.date.clone());
        key(a).cmp(&key(b)).then_with(|| a.path.cmp(&b.path))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
