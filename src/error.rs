//! The library's error: what went wrong (a [`ErrorKind`] a program can match),
//! where (a file, and a line and column when the trouble is inside it), and why
//! (the underlying error, kept as the source so nothing of its chain is lost).
//!
//! It prints as one line a person can act on, `path:line:column: message`; the
//! binary adds the source chain after it (`anyhow`'s `{:#}`).

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
    /// 1-based line and column inside `path`.
    position: Option<(usize, usize)>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            position: None,
            message: message.into(),
            source: None,
        }
    }

    /// An I/O error on `path`, kept as the source.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        let message = match source.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder",
            std::io::ErrorKind::PermissionDenied => "permission denied",
            _ => "could not be read or written",
        };
        Error::new(ErrorKind::Io, message)
            .at(path.display().to_string())
            .caused_by(source)
    }

    /// The same error, about `path`.
    pub fn at(mut self, path: impl Into<String>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// The same error, at a 1-based line and column of its file.
    pub fn at_line(mut self, line: usize, column: usize) -> Error {
        self.position = Some((line, column));
        self
    }

    /// The same error, caused by `source`.
    pub fn caused_by(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of trouble it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file (or thread, or URL) it is about.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The 1-based line and column inside [`Error::path`], when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }

    /// What went wrong, without the file or the cause.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.position) {
            (Some(path), Some((line, column))) => write!(f, "{path}:{line}:{column}: ")?,
            (Some(path), None) => write!(f, "{path}: ")?,
            (None, Some((line, column))) => write!(f, "line {line}, column {column}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_one_line_with_the_file_and_keeps_the_cause() {
        let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let error = Error::io(Path::new("s/t/2026-03-01.md"), cause);
        assert_eq!(error.kind(), ErrorKind::Io);
        assert_eq!(
            error.to_string(),
            "s/t/2026-03-01.md: no such file or folder"
        );
        let source = std::error::Error::source(&error).expect("the cause is kept");
        assert_eq!(source.to_string(), "gone");
        // As the binary prints it: the chain after the message.
        let chained = format!("{:#}", anyhow::Error::new(error));
        assert_eq!(chained, "s/t/2026-03-01.md: no such file or folder: gone");

        let located = Error::new(ErrorKind::Config, "unknown field `colour`")
            .at("redliner.toml")
            .at_line(3, 1);
        assert_eq!(
            located.to_string(),
            "redliner.toml:3:1: unknown field `colour`"
        );
        assert_eq!(located.position(), Some((3, 1)));
        assert_eq!(
            Error::new(ErrorKind::Store, "unknown thread").to_string(),
            "unknown thread"
        );
    }
}
