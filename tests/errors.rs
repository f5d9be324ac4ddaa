//! Errors a program can match and a person can read: through the library, each
//! failure has a kind, the file (and line) it is about, and the underlying
//! error; through the binary, each prints as one line naming the file, saying
//! nothing twice, with exit status 2.

mod common;

use std::path::Path;

use common::{redliner, stderr, stdout, write};
use redliner::config::Config;
use redliner::render::templates::Templates;
use redliner::signals::SignalConfig;
use redliner::store::Store;
use redliner::{Error, ErrorKind};

/// What the binary prints for an error: the message, then its source chain.
fn printed(error: Error) -> String {
    format!("{:#}", anyhow::Error::new(error))
}

/// One line, and no part of it said twice (`x: gone: gone`).
fn assert_said_once(line: &str) {
    assert_eq!(line.trim_end().lines().count(), 1, "{line}");
    let parts: Vec<&str> = line.trim_end().split(": ").collect();
    for (i, part) in parts.iter().enumerate() {
        let again = parts[i + 1..]
            .iter()
            .any(|p| p == part || p.contains(*part));
        assert!(part.len() < 8 || !again, "`{part}` twice in: {line}");
    }
}

#[test]
fn configuration_mistakes_are_config_errors_at_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "redliner.toml",
        "[terminal]\ncontext = 2\ncolor = \"alwayz\"\n",
    );
    let error = Config::read(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert_eq!(error.path(), Some(path.display().to_string().as_str()));
    assert_eq!(error.position(), Some((3, 9)));
    assert!(error.message().contains("alwayz"), "{error}");
    assert!(
        error
            .underlying()
            .is_some_and(|e| e.is::<toml::de::Error>())
    );
    assert_said_once(&printed(error));

    // A word list: the same, at the list's own file.
    let lists = write(dir.path(), "words.toml", "[hedges]\nwords = 'some'\n");
    let error = SignalConfig::load(&Config::default(), Some(&lists)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert_eq!(error.path(), Some(lists.display().to_string().as_str()));
    assert_eq!(error.position(), Some((2, 9)));

    // A file that is not there is an I/O error naming it, the I/O error kept.
    let missing = dir.path().join("missing.toml");
    let error = SignalConfig::load(&Config::default(), Some(&missing)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.path(), Some(missing.display().to_string().as_str()));
    let io = error
        .underlying()
        .and_then(|e| e.downcast_ref::<std::io::Error>());
    assert_eq!(
        io.map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
    assert_said_once(&printed(error));
}

#[test]
fn statements_that_cannot_be_read_or_compared_say_which_and_where() {
    use redliner::Statement;
    use redliner::statement::ReadOptions;
    let dir = tempfile::tempdir().unwrap();
    let read = |path: &Path, max_bytes| {
        let options = ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        };
        Statement::read(path, &options).unwrap_err()
    };
    let shown = |path: &Path| path.display().to_string();

    let missing = dir.path().join("missing.md");
    let error = read(&missing, 1000);
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.path(), Some(shown(&missing).as_str()));
    assert!(error.underlying().is_some_and(|e| e.is::<std::io::Error>()));
    assert_said_once(&printed(error));

    let error = read(dir.path(), 1000);
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(error.path(), Some(shown(dir.path()).as_str()));

    let big = write(dir.path(), "big.md", "Talks resumed. ".repeat(100));
    let error = read(&big, 1000);
    assert_eq!(
        (error.kind(), error.path()),
        (ErrorKind::Statement, Some(shown(&big).as_str()))
    );
    assert!(
        error
            .message()
            .starts_with("1500 bytes is more than the limit of 1000"),
        "{error}"
    );

    let pdf = write(dir.path(), "scan.md", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let error = read(&pdf, 1000);
    assert_eq!(error.kind(), ErrorKind::Statement);
    assert!(error.message().contains("a PDF document"), "{error}");

    let yaml = write(
        dir.path(),
        "bad.md",
        "---\ntitle: Readout\ndate: [2026\n---\nBody.\n",
    );
    let error = read(&yaml, 1000);
    assert_eq!(
        (error.kind(), error.path()),
        (ErrorKind::Statement, Some(shown(&yaml).as_str()))
    );
    assert_eq!(error.line(), Some(3));
    assert!(error.underlying().is_some(), "the parser's error is kept");
    assert_said_once(&printed(error));
}

#[test]
fn store_refusals_are_store_errors_naming_the_thread() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("talks")).unwrap();
    let store = Store::new(Some(dir.path().to_path_buf()));
    let error = store.thread_dir("tlaks").unwrap_err();
    assert_eq!(
        (error.kind(), error.path()),
        (ErrorKind::Store, Some("tlaks"))
    );
    assert!(error.message().contains("talks"), "{error}");

    let empty = dir.path().join("talks");
    let error = redliner::store::read_thread(&empty, &Default::default()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Store);
    assert_eq!(error.path(), Some(empty.display().to_string().as_str()));

    let gone = Store::new(Some(dir.path().join("nowhere")));
    assert_eq!(gone.thread_names().unwrap_err().kind(), ErrorKind::Io);
}

#[test]
fn template_errors_name_the_file_and_line_and_keep_minijinjas_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mine.md.j2", "{{ thread }}\n\n{% if %}\n");
    let templates = Templates::new(Some(dir.path().to_path_buf()));
    let context = serde_json::json!({ "thread": "t" });
    let error = templates.render("mine.md.j2", &context).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Template);
    let file = dir.path().join("mine.md.j2");
    assert_eq!(error.path(), Some(file.display().to_string().as_str()));
    assert_eq!(error.line(), Some(3));
    let minijinja = error
        .underlying()
        .and_then(|e| e.downcast_ref::<minijinja::Error>());
    assert_eq!(
        minijinja.map(minijinja::Error::kind),
        Some(minijinja::ErrorKind::SyntaxError)
    );
    assert_said_once(&printed(error));
}

#[test]
fn fetch_errors_are_fetch_errors_about_the_url() {
    let options = redliner::fetch::FetchOptions {
        timeout: std::time::Duration::from_secs(5),
        max_bytes: 1000,
        allow_private_redirects: false,
    };
    let error = redliner::fetch::fetch("file:///etc/passwd", &options).unwrap_err();
    assert_eq!(
        (error.kind(), error.path()),
        (ErrorKind::Fetch, Some("file:///etc/passwd"))
    );
}

/// Through the binary: `error: ` and one line naming the file, exit 2, no output.
fn failure(args: &[&str]) -> String {
    let out = redliner(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(stdout(&out).is_empty(), "{args:?}");
    assert!(err.starts_with("error: "), "{err}");
    assert_said_once(&err);
    err
}

#[test]
fn every_kind_prints_as_one_line_saying_each_thing_once() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let missing = at("missing.md");
    let err = failure(&["compare", &missing, "statements/rate-decisions"]);
    assert!(err.starts_with(&format!("error: {missing}: ")), "{err}");

    write(dir.path(), "words.toml", "[hedges]\nwords = [\n");
    let err = failure(&[
        "compare",
        "rate-decisions",
        "--signals-config",
        &at("words.toml"),
    ]);
    assert!(
        err.starts_with(&format!("error: {}:2:", at("words.toml"))),
        "{err}"
    );

    write(dir.path(), "t.md.j2", "{{ thread }}\n{{ thread.nope }}\n");
    let err = failure(&["digest", "budget-press", "--template", &at("t.md.j2")]);
    assert!(
        err.starts_with(&format!("error: {}:2: undefined value", at("t.md.j2"))),
        "{err}"
    );

    let err = failure(&["compare", "no-such-thread"]);
    assert!(
        err.starts_with("error: no-such-thread: no such thread"),
        "{err}"
    );

    let store = dir.path().join("store");
    write(&store, "redliner.toml", "[terminal]\ncolour = 'never'\n");
    let err = failure(&["compare", "t", "--store", store.to_str().unwrap()]);
    let config = Path::new(&store)
        .join("redliner.toml")
        .display()
        .to_string();
    assert!(
        err.starts_with(&format!("error: {config}:2:1: unknown field")),
        "{err}"
    );
}

/// A template that is there but cannot be read says so, naming the file: not
/// "no such template" (`/proc/self/mem` fails to read even for root).
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_template_is_named_not_missing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("digest.md.j2");
    std::os::unix::fs::symlink("/proc/self/mem", &file).unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [
        &["digest", "budget-press", "--templates", folder][..],
        &[
            "digest",
            "budget-press",
            "--templates",
            folder,
            "--template",
            "digest.md",
        ],
    ] {
        let err = failure(args);
        assert!(
            err.starts_with(&format!("error: {}: ", file.display())),
            "{err}"
        );
        assert!(!err.contains("no such template"), "{err}");
    }
}
