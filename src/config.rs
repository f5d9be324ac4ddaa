//! `redliner.toml`: defaults that live with the statements.
//!
//! Looked up as `<store>/redliner.toml`, else the first `redliner.toml` found
//! walking up from the current directory (as git finds `.git`). Precedence, lowest
//! first: built-in defaults → `redliner.toml` → `REDLINER_*` environment → flags.
//! Unknown keys are errors, so a typo does not silently do nothing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// The configuration file's name.
pub const FILE_NAME: &str = "redliner.toml";

/// Everything `redliner.toml` may set. Every section and key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[read]`: how statement files are read.
    #[serde(default)]
    pub read: ReadConfig,
    /// `[compare]`: what counts as a change.
    #[serde(default)]
    pub compare: CompareConfig,
    /// `[terminal]`: the terminal view.
    #[serde(default)]
    pub terminal: TerminalConfig,
    /// `[reports]`: templated reports.
    #[serde(default)]
    pub reports: ReportsConfig,
    /// Signal word lists; read by the signals module.
    #[serde(default)]
    pub signals: Option<toml::Table>,
    /// Where this configuration came from (not a key in the file).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// How statement files are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadConfig {
    /// Repair mojibake (`â€™` for `’`) on load [default: true].
    pub repair: Option<bool>,
}

/// What counts as a change.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// Case differences are no change (`--ignore-case`).
    pub ignore_case: Option<bool>,
    /// Punctuation differences are no change (`--ignore-punctuation`).
    pub ignore_punctuation: Option<bool>,
    /// Regular expressions: sentences matching any of them are boilerplate.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// The terminal view.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalConfig {
    /// Unchanged sentences shown around each change.
    pub context: Option<usize>,
    /// `auto`, `always` or `never`; anything else is an error naming the line.
    pub color: Option<ColorChoice>,
}

/// `--color` and `[terminal] color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Color when stdout is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// Templated reports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsConfig {
    /// Default template name or path.
    pub template: Option<String>,
    /// Folder of user templates (relative to the configuration file).
    pub templates: Option<PathBuf>,
}

impl Config {
    /// Finds and reads the configuration for a store; the default if there is none.
    pub fn discover(store: &Path) -> Result<Config> {
        match find(store) {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    /// Reads one configuration file.
    pub fn read(path: &Path) -> Result<Config> {
        let text = crate::input::read_text_file(
            path,
            crate::input::TEXT_FILE_MAX_BYTES,
            ErrorKind::Config,
        )?;
        let mut config: Config =
            toml::from_str(&text).map_err(|e| toml_error(e, path, &text, ErrorKind::Config))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// The folder holding the configuration file, against which relative paths in it resolve.
    pub fn base_dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// A TOML error as one line at its file, line and column (toml's own text
/// quotes the line over several): the message is toml's, the error kept.
pub(crate) fn toml_error(
    error: toml::de::Error,
    path: &Path,
    text: &str,
    kind: ErrorKind,
) -> Error {
    let (line, column) = error
        .span()
        .map(|span| crate::statement::line_column(text, span.start))
        .unwrap_or((1, 1));
    Error::new(kind, error.message().trim_end())
        .at(path.display().to_string())
        .at_line(line, column)
        .reporting(error)
}

/// `<store>/redliner.toml`, else the nearest one walking up from the current directory.
fn find(store: &Path) -> Option<PathBuf> {
    let in_store = store.join(FILE_NAME);
    if in_store.is_file() {
        return Some(in_store);
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "[read]\nrepair = false\n\n[compare]\nignore_case = true\nignore = ['^For immediate release']\n\n[terminal]\ncontext = 2\n",
        )
        .unwrap();
        let config = Config::read(&path).unwrap();
        assert_eq!(config.read.repair, Some(false));
        assert_eq!(config.compare.ignore_case, Some(true));
        assert_eq!(config.compare.ignore.len(), 1);
        assert_eq!(config.terminal.context, Some(2));

        std::fs::write(&path, "[compare]\nignore_cas = true\n").unwrap();
        let err = Config::read(&path).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert_eq!(err.path(), Some(path.display().to_string().as_str()));
        assert_eq!(err.position(), Some((2, 1)));
        assert!(err.message().contains("ignore_cas"), "{err}");
        assert!(err.underlying().is_some_and(|e| e.is::<toml::de::Error>()));
        // One line, whatever toml's own text looks like.
        assert_eq!(format!("{:#}", anyhow::Error::new(err)).lines().count(), 1);

        let missing = Config::read(&dir.path().join("nowhere.toml")).unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::Io);
        assert!(Config::default().read.repair.is_none());
    }

    #[test]
    fn the_store_configuration_wins() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "[terminal]\ncontext = 3\n").unwrap();
        let config = Config::discover(dir.path()).unwrap();
        assert_eq!(config.terminal.context, Some(3));
        assert_eq!(config.base_dir(), Some(dir.path()));
    }
}
