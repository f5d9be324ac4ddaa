//! The binary as users run it: exit codes, errors, JSON, threads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn redliner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redliner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("REDLINER_STORE")
        .output()
        .expect("runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const MARCH: &str = "statements/rate-decisions/2026-03-18-march.md";
const APRIL: &str = "statements/rate-decisions/2026-04-29-april.md";

#[test]
fn json_report_has_the_documented_shape() {
    let out = redliner(&["compare", MARCH, APRIL, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema_version"], 1);
    for side in ["old", "new"] {
        for key in [
            "path",
            "title",
            "source",
            "date",
            "url",
            "sentences",
            "words",
        ] {
            assert!(report[side].get(key).is_some(), "{side}.{key} missing");
        }
    }
    for key in [
        "unchanged",
        "revised",
        "added",
        "removed",
        "moved",
        "words_added",
        "words_removed",
        "similarity",
    ] {
        assert!(report["stats"].get(key).is_some(), "stats.{key} missing");
    }
    let changes = report["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["kind"] == "revised"));
    // Spans point into the original file, front matter included.
    let file = std::fs::read_to_string(APRIL).unwrap();
    for change in changes {
        for sentence in change["new"].as_array().unwrap() {
            let span = sentence["span"].as_array().unwrap();
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let squashed: Vec<&str> = file[a..b].split_whitespace().collect();
            assert_eq!(squashed.join(" "), sentence["text"].as_str().unwrap());
            let line = sentence["line"].as_u64().unwrap() as usize;
            assert_eq!(file[..a].matches('\n').count() + 1, line);
        }
    }
}

#[test]
fn identical_and_reflowed_statements_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.md",
        b"The Committee decided to keep the rate\nunchanged. \"Risks\" remain -- it said.\n",
    );
    let b = write(
        dir.path(),
        "b.md",
        "The Committee decided to keep the rate unchanged. \u{201C}Risks\u{201D} remain \u{2014} it said.".as_bytes(),
    );
    let out = redliner(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 revised"));
}

#[test]
fn a_thread_name_compares_its_latest_two() {
    let out = redliner(&["compare", "rate-decisions", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["old"]["date"], "2026-04-29");
    assert_eq!(report["new"]["date"], "2026-06-17");
}

#[test]
fn the_store_comes_from_the_flag_or_environment() {
    let dir = tempfile::tempdir().unwrap();
    let thread = dir.path().join("t");
    std::fs::create_dir(&thread).unwrap();
    write(&thread, "2026-01-01.md", b"Talks began.");
    write(&thread, "2026-01-02.md", b"Talks ended.");
    let store = dir.path().to_str().unwrap();
    let out = redliner(&["compare", "t", "--store", store]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = Command::new(env!("CARGO_BIN_EXE_redliner"))
        .args(["compare", "t"])
        .env("REDLINER_STORE", store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn trouble_is_one_line_naming_the_file_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"Fine.");
    let bad = write(dir.path(), "bad.md", b"Caf\xE9 talks.");
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![
                "compare".into(),
                good.display().to_string(),
                bad.display().to_string(),
            ],
            format!("error: {}: not valid UTF-8 at byte 3", bad.display()),
        ),
        (
            vec![
                "compare".into(),
                good.display().to_string(),
                "missing.md".into(),
            ],
            "error: missing.md: No such file or directory".into(),
        ),
        (
            vec!["compare".into(), "no-such-thread".into()],
            "error: no-such-thread: no such thread or folder".into(),
        ),
        (
            vec![
                "compare".into(),
                good.display().to_string(),
                dir.path().display().to_string(),
            ],
            format!("error: {}: is a directory", dir.path().display()),
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = redliner(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with(&expected), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn malformed_front_matter_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"Fine.");
    let bad = write(
        dir.path(),
        "bad.md",
        b"---\ntitle: ok\ndate: [oops\n---\nBody.",
    );
    let out = redliner(&["compare", good.to_str().unwrap(), bad.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!("error: {}:", bad.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(redliner(&["compare"]).status.code(), Some(2));
    assert_eq!(redliner(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(redliner(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Output far larger than a pipe buffer, so the writer meets the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let old: String = (0..1000)
        .map(|i| format!("Sentence number {i} stays. "))
        .collect();
    let new = old.replace("stays", "moves");
    let a = write(dir.path(), "a.md", old.as_bytes());
    let b = write(dir.path(), "b.md", new.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_redliner"))
        .args([
            "compare",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}
