//! Templated reports: minijinja templates fed a [`Report`](crate::report::Report)
//! or a [`Digest`](crate::digest::Digest), nothing else.
//!
//! The built-in templates (`templates/` in the source tree) are embedded in the
//! binary. A user folder overrides any of them by name, and every built-in one
//! stays reachable as `builtin/NAME`, so a user template can extend the template
//! it replaces. Templates get strict undefined variables, a fuel budget (a
//! template that loops forever is stopped) and no function that touches files,
//! the environment or other programs.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use super::escape;
use crate::ErrorKind as Kind;
use crate::error::Result;

/// The library's error (minijinja has its own `Error` and `ErrorKind`).
type Failure = crate::Error;

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "compare.html.j2",
        include_str!("../../templates/compare.html.j2"),
    ),
    (
        "compare.md.j2",
        include_str!("../../templates/compare.md.j2"),
    ),
    (
        "digest.html.j2",
        include_str!("../../templates/digest.html.j2"),
    ),
    ("digest.md.j2", include_str!("../../templates/digest.md.j2")),
    (
        "macros.html.j2",
        include_str!("../../templates/macros.html.j2"),
    ),
    ("macros.md.j2", include_str!("../../templates/macros.md.j2")),
    ("style.css.j2", include_str!("../../templates/style.css.j2")),
];

/// Prefix under which built-in templates stay reachable when a user one overrides them.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Bytes a render may write, and build in strings on the way, whatever the
/// report: the part of the budget that does not grow with it.
const BASE_BUDGET: u64 = 32 * 1024 * 1024;

/// And per byte of the report (its JSON): a built-in HTML report is about as
/// long as the JSON of its report, so four times it leaves room for any
/// reasonable template, and none can use gigabytes on a small report.
const BUDGET_PER_REPORT_BYTE: u64 = 4;

/// minijinja charges one fuel per instruction and one per 64 bytes it builds
/// (strings, lists, output): fuel for four times the byte budget lets output
/// reach its limit first, and stops a loop that never ends as surely as one
/// that doubles a string.
const BYTES_PER_FUEL: u64 = 64;
const FUEL_PER_BUDGET: u64 = 4;

/// Where templates come from: an optional user folder over the built-in ones,
/// plus an optional template file named by path.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    user_dir: Option<PathBuf>,
    file: Option<PathBuf>,
    /// The output is HTML: every template's values are HTML-escaped, whatever
    /// the template's file is called.
    html: bool,
}

/// Where a template's source was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    Builtin,
    /// A file in a templates folder, replacing the built-in one of its name.
    User(PathBuf),
}

impl Templates {
    /// Templates from `user_dir` (if any) over the built-in ones.
    pub fn new(user_dir: Option<PathBuf>) -> Templates {
        Templates {
            user_dir,
            file: None,
            html: false,
        }
    }

    /// Whether the output is HTML (`--format html`): then values are escaped
    /// as HTML in every template, `mine.j2` as much as `digest.html.j2`.
    pub fn set_html(&mut self, html: bool) {
        self.html = html;
    }

    /// Resolves `--template NAME|PATH` to a template name. A value naming an
    /// existing file, or holding a path separator, is a path; otherwise it is a
    /// name, `.j2` optional.
    pub fn choose(&mut self, choice: &str) -> Result<String> {
        let path = Path::new(choice);
        let looks_like_path = !choice.starts_with(BUILTIN_PREFIX)
            && (choice.contains(std::path::MAIN_SEPARATOR) || choice.contains('/'));
        if path.is_file() || looks_like_path {
            if !path.is_file() {
                return Err(Failure::new(Kind::Template, "no such template file").at(choice));
            }
            self.file = Some(path.to_path_buf());
            return Ok(choice.to_string());
        }
        let name = if choice.ends_with(".j2") {
            choice.to_string()
        } else {
            format!("{choice}.j2")
        };
        match self.source(&name) {
            Ok(_) => Ok(name),
            // One that exists but cannot be read says why (an I/O error naming the file).
            Err(error) if error.kind() != Kind::Template => Err(error),
            Err(_) => Err(Failure::new(
                Kind::Template,
                format!(
                    "no such template (built-in: {})",
                    builtin_names().join(", ")
                ),
            )
            .at(choice)),
        }
    }

    /// The source of a template and where it was found.
    pub fn source(&self, name: &str) -> Result<(String, Origin)> {
        if let Some(file) = &self.file {
            if name == file.to_string_lossy() {
                let text = read(file)?;
                return Ok((text, Origin::User(file.clone())));
            }
        }
        if let Some(builtin) = name.strip_prefix(BUILTIN_PREFIX) {
            return builtin_source(builtin)
                .map(|s| (s.to_string(), Origin::Builtin))
                .ok_or_else(|| Failure::new(Kind::Template, "no such built-in template").at(name));
        }
        if let Some(path) = self.user_path(name) {
            let text = read(&path)?;
            return Ok((text, Origin::User(path)));
        }
        builtin_source(name)
            .map(|s| (s.to_string(), Origin::Builtin))
            .ok_or_else(|| Failure::new(Kind::Template, "no such template").at(name))
    }

    /// Built-in template names, each with the user file that overrides it, if any.
    pub fn list(&self) -> Vec<(&'static str, Option<PathBuf>)> {
        BUILTIN
            .iter()
            .map(|(name, _)| (*name, self.user_path(name)))
            .collect()
    }

    /// Renders template `name` with `context` (a report or a digest). Output,
    /// and the strings built on the way, are bounded by a budget that grows
    /// with the report ([`budget`]): past it the render stops with an error.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String> {
        let budget = budget(context);
        let origins: Arc<Mutex<BTreeMap<String, Origin>>> = Arc::default();
        let unreadable: Arc<Mutex<Option<Failure>>> = Arc::default();
        let mut env = self.environment(origins.clone(), unreadable.clone());
        env.set_fuel(Some(
            budget.saturating_mul(FUEL_PER_BUDGET) / BYTES_PER_FUEL,
        ));
        let mut out = Bounded {
            bytes: Vec::new(),
            limit: budget,
            exceeded: false,
        };
        let context = marked(context)?;
        let result = env.get_template(name).and_then(|template| {
            template
                .render_captured_to(Value::from(Serde(&context)), &mut out)
                .map(drop)
        });
        let origins = origins.lock().expect("not poisoned");
        if out.exceeded {
            let message =
                format!("the output is more than the limit of {budget} bytes for this report");
            return Err(Failure::new(Kind::Template, message).at(place(name, &origins)));
        }
        if let Err(error) = result {
            // A template that exists but could not be read: that error, naming its file.
            if let Some(unreadable) = unreadable.lock().expect("not poisoned").take() {
                return Err(unreadable);
            }
            return Err(describe(error, &origins, budget));
        }
        // minijinja writes only `str`s.
        String::from_utf8(out.bytes).map_err(|e| {
            Failure::new(Kind::Template, "output is not UTF-8")
                .at(place(name, &origins))
                .reporting(e)
        })
    }

    fn environment(
        &self,
        origins: Arc<Mutex<BTreeMap<String, Origin>>>,
        unreadable: Arc<Mutex<Option<Failure>>>,
    ) -> Environment<'static> {
        let mut env = Environment::new();
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("default delimiters"),
        );
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        if self.html {
            // A stylesheet's values go into <style>, where HTML escapes are wrong.
            env.set_auto_escape_callback(|name| {
                match minijinja::default_auto_escape_callback(name) {
                    AutoEscape::None if !is_stylesheet(name) => AutoEscape::Html,
                    other => other,
                }
            });
        }
        env.set_debug(false);
        // `debug()` would dump the whole context into a report; nothing needs it.
        env.remove_global("debug");
        env.add_filter("md", escape::markdown);
        env.add_filter("md_mark", escape::markdown_mark);
        env.add_filter("md_redline", md_redline);
        env.add_filter("percent", percent);
        env.add_test("http_url", escape::is_http_url);
        let templates = self.clone();
        env.set_loader(move |name| match templates.source(name) {
            Ok((text, origin)) => {
                origins
                    .lock()
                    .expect("not poisoned")
                    .insert(name.to_string(), origin);
                Ok(Some(text))
            }
            Err(error) if templates.exists(name) => {
                let detail = error.to_string();
                unreadable
                    .lock()
                    .expect("not poisoned")
                    .get_or_insert(error);
                Err(Error::new(ErrorKind::InvalidOperation, detail))
            }
            Err(_) => Ok(None),
        });
        env
    }

    /// True when a template of that name exists somewhere (readable or not).
    fn exists(&self, name: &str) -> bool {
        self.file
            .as_ref()
            .is_some_and(|f| name == f.to_string_lossy())
            || self.user_path(name).is_some()
            || builtin_source(name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name)).is_some()
    }

    /// The user file for a template name, if there is one. Names are relative
    /// paths inside the folder: no `..`, no absolute paths.
    fn user_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.user_dir.as_ref()?;
        let relative = Path::new(name);
        let inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let path = dir.join(relative);
        (inside && path.is_file()).then_some(path)
    }
}

/// Names of the built-in templates, sorted.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

fn read(path: &Path) -> Result<String> {
    crate::input::read_text_file(path, crate::input::TEXT_FILE_MAX_BYTES, Kind::Template)
}

/// Keys whose values name a statement rather than quote it.
const NAME_KEYS: &[&str] = &["title", "source", "path", "url", "thread", "date", "byline"];

/// The context as templates see it: no value can reorder a line of the page
/// (bidirectional controls, line separators) or carry a raw control
/// character; names also show their zero-width characters. Each becomes a
/// visible `\u{202e}`, which the `md` filter and HTML escaping then keep as text.
fn marked(context: &impl serde::Serialize) -> Result<serde_json::Value> {
    fn walk(value: &mut serde_json::Value, name: bool) {
        match value {
            serde_json::Value::String(text) => {
                let shown = if name {
                    crate::visible::visible_name(text)
                } else {
                    crate::visible::visible_text(text)
                };
                if let std::borrow::Cow::Owned(shown) = shown {
                    *text = shown;
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, name)),
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    walk(v, NAME_KEYS.contains(&key.as_str()));
                }
            }
            _ => {}
        }
    }
    let mut value = serde_json::to_value(context)
        .map_err(|e| Failure::new(Kind::Template, "the report as template values").caused_by(e))?;
    walk(&mut value, false);
    Ok(value)
}

fn is_stylesheet(name: &str) -> bool {
    let name = name.strip_suffix(".j2").unwrap_or(name);
    name.ends_with(".css")
}

/// The bytes a render of `context` may write: `BASE_BUDGET` plus
/// `BUDGET_PER_REPORT_BYTE` per byte of the context's JSON.
pub fn budget(context: &impl serde::Serialize) -> u64 {
    let mut counter = Counter(0);
    // Counting only: writing to it cannot fail, and a report always serializes.
    let _ = serde_json::to_writer(&mut counter, context);
    BASE_BUDGET.saturating_add(counter.0.saturating_mul(BUDGET_PER_REPORT_BYTE))
}

struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The render's output, refused past `limit` bytes.
struct Bounded {
    bytes: Vec<u8>,
    limit: u64,
    exceeded: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A change's `edits` as a Markdown redline ([`escape::markdown_redline`]).
fn md_redline(edits: Vec<Value>) -> Result<String, Error> {
    let mut pairs = Vec::with_capacity(edits.len());
    for edit in &edits {
        let field = |name: &str| -> Result<String, Error> {
            let value = edit.get_attr(name)?;
            value.as_str().map(str::to_string).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("md_redline: an edit's `{name}` is not a string"),
                )
            })
        };
        pairs.push((field("op")?, field("text")?));
    }
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(o, t)| (o.as_str(), t.as_str()))
        .collect();
    Ok(escape::markdown_redline(&pairs))
}

/// `0.8712` → `87%`, as the plain view prints it.
fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// Where a template is, as the user can find it: its file, or `builtin/NAME`.
fn place(name: &str, origins: &BTreeMap<String, Origin>) -> String {
    match origins.get(name) {
        Some(Origin::User(path)) => path.display().to_string(),
        _ => format!(
            "{BUILTIN_PREFIX}{}",
            name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name)
        ),
    }
}

/// One line: where (file or template name, and line), what went wrong. The
/// deepest error with a location is the one the user has to fix; the minijinja
/// error is kept ([`crate::Error::underlying`]), its text being the message.
fn describe(error: Error, origins: &BTreeMap<String, Origin>, budget: u64) -> Failure {
    let out_of_fuel = error.kind() == ErrorKind::OutOfFuel;
    // The deepest, and how far down the chain it is: the message says it and
    // every minijinja error above it (they only wrap it).
    let (mut deepest, mut depth) = (&error, 0);
    let mut current: &dyn std::error::Error = &error;
    let mut level = 0;
    while let Some(source) = current.source() {
        level += 1;
        if let Some(inner) = source.downcast_ref::<Error>() {
            if inner.name().is_some() {
                (deepest, depth) = (inner, level);
            }
        }
        current = source;
    }
    let what = match deepest.detail() {
        _ if out_of_fuel || deepest.kind() == ErrorKind::OutOfFuel => {
            format!(
                "{}: the template did more work than this report allows (a loop that never \
                 ends, or strings built far past the output limit of {budget} bytes)",
                ErrorKind::OutOfFuel
            )
        }
        Some(detail) => format!("{}: {detail}", deepest.kind()),
        None => deepest.kind().to_string(),
    };
    let failure = Failure::new(Kind::Template, what);
    let failure = match deepest.name() {
        Some(name) => failure
            .at(place(name, origins))
            .on_line(deepest.line().unwrap_or(1)),
        None => failure,
    };
    failure.reporting_links(error, depth + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn context() -> serde_json::Value {
        serde_json::json!({ "thread": "t", "totals": { "added": 1 } })
    }

    #[test]
    fn a_broken_template_names_its_file_and_line_and_keeps_the_minijinja_error() {
        let dir = folder(&[("broken.md.j2", "fine\n{{ thread }}\n{{ no_such_field }}\n")]);
        let templates = Templates::new(Some(dir.path().to_path_buf()));
        let error = templates.render("broken.md.j2", &context()).unwrap_err();
        assert_eq!(error.kind(), Kind::Template);
        let file = dir.path().join("broken.md.j2");
        assert_eq!(error.path(), Some(file.display().to_string().as_str()));
        assert_eq!(error.line(), Some(3));
        assert!(error.message().starts_with("undefined value"), "{error}");
        let inner = error.underlying().and_then(|e| e.downcast_ref::<Error>());
        assert_eq!(inner.map(Error::kind), Some(ErrorKind::UndefinedError));
        // Said once: minijinja's text is the message, not chained after it.
        let printed = format!("{:#}", anyhow::Error::new(error));
        assert_eq!(printed.matches("undefined value").count(), 1, "{printed}");
    }

    #[test]
    fn an_error_in_an_included_template_names_the_included_file_once() {
        let dir = folder(&[
            (
                "outer.md.j2",
                "{% import 'lib.md.j2' as lib %}\n\n{{ lib.broken(1) }}\n",
            ),
            (
                "lib.md.j2",
                "\n{% macro broken(n) %}{{ n.nope }}{% endmacro %}",
            ),
        ]);
        let templates = Templates::new(Some(dir.path().to_path_buf()));
        let error = templates.render("outer.md.j2", &context()).unwrap_err();
        let lib = dir.path().join("lib.md.j2");
        assert_eq!(error.path(), Some(lib.display().to_string().as_str()));
        assert_eq!(error.line(), Some(2));
        let printed = format!("{:#}", anyhow::Error::new(error));
        assert_eq!(printed.matches("undefined value").count(), 1, "{printed}");
        assert_eq!(printed.lines().count(), 1, "{printed}");
    }

    #[test]
    fn missing_templates_are_template_errors() {
        let templates = Templates::new(None);
        let error = templates.source("nosuch.md.j2").unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (Kind::Template, Some("nosuch.md.j2"))
        );
        let error = Templates::new(None).choose("nosuch").unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (Kind::Template, Some("nosuch"))
        );
        let error = Templates::new(None).choose("no/such/file.j2").unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (Kind::Template, Some("no/such/file.j2"))
        );
    }

    /// A template that is there but cannot be read is an I/O error naming the
    /// file, from every door (`/proc/self/mem` fails to read even for root).
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unreadable_template_is_an_io_error_naming_the_file() {
        let dir = folder(&[]);
        let file = dir.path().join("digest.md.j2");
        std::os::unix::fs::symlink("/proc/self/mem", &file).unwrap();
        let shown = file.display().to_string();
        let mut templates = Templates::new(Some(dir.path().to_path_buf()));
        let by_source = templates.source("digest.md.j2").unwrap_err();
        let by_choice = templates.choose("digest.md").unwrap_err();
        let by_render = templates.render("digest.md.j2", &context()).unwrap_err();
        // Through an include, too.
        let outer = dir.path().join("outer.md.j2");
        std::fs::write(&outer, "{% include 'digest.md.j2' %}").unwrap();
        let by_include = templates.render("outer.md.j2", &context()).unwrap_err();
        for error in [by_source, by_choice, by_render, by_include] {
            assert_eq!(error.kind(), Kind::Io, "{error}");
            assert!(
                error.to_string().starts_with(&format!("{shown}: ")),
                "{error}"
            );
            assert!(!error.to_string().contains("no such template"), "{error}");
        }
    }
}
