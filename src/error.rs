//! The library's error: what went wrong (a [`ErrorKind`] a program can match),
//! where (a file, and a line and column when the trouble is inside it), and why
//! (the underlying error, kept, so nothing of its chain is lost).
//!
//! It prints as one line a person can act on, `path:line:column: message`; the
//! binary adds the source chain after it (`anyhow`'s `{:#}`).
//!
//! An underlying error is kept one of two ways, so that the line never says a
//! thing twice (the rule of [`std::error::Error::source`]: say it in the
//! message or return it as the source, never both). [`Error::caused_by`]
//! chains it: the message says what failed, the source says why (`writing
//! front matter` … `: <the serializer's reason>`). [`Error::reporting`] is for
//! a message made from the underlying error's own text — an I/O error
//! (`x.md: No such file or directory (os error 2)`), a parser's or a template
//! engine's message placed at its file, line and column: the underlying error
//! is not chained again, only what lies beneath it. Either way
//! [`Error::underlying`] gives it back, to downcast (a `minijinja::Error`, a
//! `toml::de::Error`, a [`std::io::Error`]).

use std::fmt;
use std::path::Path;

/// A `Result` with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of trouble it is: what a program matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or folder could not be read or written (the source is the I/O error).
    Io,
    /// A statement that cannot be compared: not text, too large, bad front matter.
    Statement,
    /// A configuration value: `redliner.toml`, a word list, a flag or a variable.
    Config,
    /// A template that cannot be found, parsed or rendered.
    Template,
    /// The store refused: an unknown or ill-named thread, an empty statement.
    Store,
    /// A page could not be fetched (network, HTTP status, refused redirect, time out).
    Fetch,
    /// A page holds no statement, or its bytes cannot be decoded as it says.
    Extract,
}

/// The library's error: a kind, where it happened, a message and its cause.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    /// The file (or thread, or URL) the message is about, as the user named it.
    path: Option<String>,
    /// 1-based line inside `path`, and column when known.
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    underlying: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    /// How many links of `underlying`'s chain (itself, its source, …) the
    /// message already says: `source()` starts below them.
    shown: usize,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            underlying: None,
            shown: 0,
        }
    }

    /// An I/O error on `path`: `path: No such file or directory (os error 2)`.
    /// The I/O error is [`Error::underlying`] (its text is the message).
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, source.to_string())
            .at(path.display().to_string())
            .reporting(source)
    }

    /// The same error, about `path`.
    pub fn at(mut self, path: impl Into<String>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// The same error, at a 1-based line and column of its file.
    pub fn at_line(mut self, line: usize, column: usize) -> Error {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same error, at a 1-based line of its file (the column unknown).
    pub fn on_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self.column = None;
        self
    }

    /// The same error, caused by `source`: chained after the message, which
    /// must not repeat what `source` says.
    pub fn caused_by(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.underlying = Some(Box::new(source));
        self.shown = 0;
        self
    }

    /// The same error, whose message already says what `underlying` says (an
    /// I/O error's text, a parser's message at its line and column): kept for
    /// [`Error::underlying`], not chained again; its own source is.
    pub fn reporting(self, underlying: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.reporting_links(underlying, 1)
    }

    /// [`Error::reporting`] for a message that sums up `underlying` and its
    /// whole chain (a parser whose causes repeat its own words).
    pub(crate) fn reporting_all(
        self,
        underlying: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.reporting_links(underlying, usize::MAX)
    }

    /// [`Error::reporting`] for a message that says the first `links` errors of
    /// `underlying`'s chain (a wrapper's error and the one inside it).
    pub(crate) fn reporting_links(
        mut self,
        underlying: impl std::error::Error + Send + Sync + 'static,
        links: usize,
    ) -> Error {
        self.underlying = Some(Box::new(underlying));
        self.shown = links;
        self
    }

    /// The underlying error (a [`std::io::Error`], a `minijinja::Error`, a
    /// `toml::de::Error`, …), to downcast; chained as the source or not.
    pub fn underlying(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.underlying.as_deref()
    }

    /// What kind of trouble it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file (or thread, or URL) it is about.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The 1-based line and column inside [`Error::path`], when both are known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.line.zip(self.column)
    }

    /// The 1-based line inside [`Error::path`], when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What went wrong, without the file or the cause.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line, self.column) {
            (Some(path), Some(line), Some(column)) => write!(f, "{path}:{line}:{column}: ")?,
            (Some(path), Some(line), None) => write!(f, "{path}:{line}: ")?,
            (Some(path), None, _) => write!(f, "{path}: ")?,
            (None, Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (None, Some(line), None) => write!(f, "line {line}: ")?,
            (None, None, _) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let mut below: &(dyn std::error::Error + 'static) = self.underlying.as_deref()?;
        for _ in 0..self.shown {
            below = below.source()?;
        }
        Some(below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the binary prints: the message, then the source chain.
    fn printed(error: Error) -> String {
        format!("{:#}", anyhow::Error::new(error))
    }

    #[test]
    fn prints_one_line_with_the_file_and_keeps_the_cause() {
        let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let error = Error::io(Path::new("s/t/2026-03-01.md"), cause);
        assert_eq!(error.kind(), ErrorKind::Io);
        assert_eq!(error.path(), Some("s/t/2026-03-01.md"));
        assert_eq!(error.to_string(), "s/t/2026-03-01.md: gone");
        let io = error
            .underlying()
            .and_then(|e| e.downcast_ref::<std::io::Error>())
            .expect("the I/O error is kept");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
        // Its text is the message: printed once, not chained again.
        assert_eq!(printed(error), "s/t/2026-03-01.md: gone");

        let located = Error::new(ErrorKind::Config, "unknown field `colour`")
            .at("redliner.toml")
            .at_line(3, 1);
        assert_eq!(
            located.to_string(),
            "redliner.toml:3:1: unknown field `colour`"
        );
        assert_eq!(located.position(), Some((3, 1)));
        let on_line = Error::new(ErrorKind::Template, "syntax error")
            .at("x.j2")
            .on_line(4);
        assert_eq!((on_line.line(), on_line.position()), (Some(4), None));
        assert_eq!(on_line.to_string(), "x.j2:4: syntax error");
        assert_eq!(
            Error::new(ErrorKind::Store, "unknown thread").to_string(),
            "unknown thread"
        );
    }

    #[test]
    fn a_cause_is_chained_once() {
        let cause = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let error = Error::new(ErrorKind::Template, "could not be read")
            .at("t/x.md.j2")
            .caused_by(cause);
        let source = std::error::Error::source(&error).expect("chained");
        assert_eq!(source.to_string(), "denied");
        assert_eq!(printed(error), "t/x.md.j2: could not be read: denied");

        // A reported error's own causes still follow, once each.
        let inner = Error::new(ErrorKind::Io, "disk on fire");
        let outer = Error::new(ErrorKind::Store, "s: writing failed").caused_by(inner);
        let reported = Error::new(ErrorKind::Store, "s: writing failed").reporting(outer);
        assert_eq!(printed(reported), "s: writing failed: disk on fire");
        // A message that sums up the whole chain: nothing follows it.
        let inner = Error::new(ErrorKind::Io, "budget breached");
        let outer = Error::new(ErrorKind::Statement, "budget breached").caused_by(inner);
        let summed = Error::new(ErrorKind::Statement, "too much data").reporting_all(outer);
        assert!(summed.underlying().is_some());
        assert_eq!(printed(summed), "too much data");
    }
}
