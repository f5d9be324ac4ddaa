//! The binary as users run it: exit codes, errors, JSON, threads.

mod common;
use common::{assert_error, assert_exit, redliner, stderr, write};

use std::process::{Output, Stdio};

const MARCH: &str = "statements/rate-decisions/2026-03-18-march.md";
const APRIL: &str = "statements/rate-decisions/2026-04-29-april.md";

#[test]
fn json_report_has_the_documented_shape() {
    let out = redliner(&["compare", MARCH, APRIL, "--format", "json"]);
    assert_exit(&out, 1);
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
    assert_exit(&out, 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no changes"));
}

#[test]
fn a_thread_name_compares_its_latest_two() {
    let out = redliner(&["compare", "rate-decisions", "--format", "json"]);
    assert_exit(&out, 1);
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
    assert_exit(&out, 1);
    let out = common::command()
        .args(["compare", "t"])
        .env("REDLINER_STORE", store)
        .output()
        .unwrap();
    assert_exit(&out, 1);
}

#[test]
fn trouble_is_one_line_naming_the_file_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"Fine.");
    let bad = write(dir.path(), "bad.md", b"Caf\xC3\xA9 talks \xFF.");
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![
                "compare".into(),
                good.display().to_string(),
                bad.display().to_string(),
            ],
            format!("error: {}: not valid UTF-8 at byte 12", bad.display()),
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
    let mut child = common::command()
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

fn redliner_env(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    let mut command = common::command();
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap();
    if let Some(bytes) = stdin {
        use std::io::Write;
        // The program may exit without reading (a usage error): not our failure.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

const ESC: char = '\u{1b}';

#[test]
fn a_pipe_gets_plain_output_and_color_is_opt_in() {
    let plain = redliner_env(&["compare", MARCH, APRIL], &[], None);
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(!text.contains(ESC), "no color into a pipe");
    assert!(text.contains("[-") && text.contains("{+"), "{text}");

    let forced = redliner_env(&["compare", MARCH, APRIL], &[("CLICOLOR_FORCE", "1")], None);
    assert!(String::from_utf8(forced.stdout).unwrap().contains(ESC));

    let always = redliner_env(
        &["compare", MARCH, APRIL, "--color", "always"],
        &[("NO_COLOR", "1")],
        None,
    );
    let always = String::from_utf8(always.stdout).unwrap();
    assert!(always.contains(ESC), "an explicit flag beats NO_COLOR");
    assert!(
        always.contains("\u{1b}[9m") || always.contains(";9m"),
        "deleted words are struck through"
    );

    let no_color = redliner_env(
        &["compare", MARCH, APRIL],
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
        None,
    );
    assert!(
        !String::from_utf8(no_color.stdout).unwrap().contains(ESC),
        "NO_COLOR wins over CLICOLOR_FORCE"
    );

    let never = redliner_env(
        &["compare", MARCH, APRIL, "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
        None,
    );
    assert!(!String::from_utf8(never.stdout).unwrap().contains(ESC));
}

#[test]
fn columns_sets_the_wrap_width() {
    let out = redliner_env(
        &["compare", MARCH, APRIL, "--full"],
        &[("COLUMNS", "60")],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let body: Vec<&str> = text.lines().skip_while(|l| !l.starts_with('¶')).collect();
    assert!(body.len() > 5);
    for line in body {
        assert!(line.chars().count() <= 60, "{line}");
    }
}

#[test]
fn one_side_can_come_from_standard_input() {
    let april = std::fs::read(APRIL).unwrap();
    let out = redliner_env(
        &["compare", MARCH, "-", "--format", "json"],
        &[],
        Some(&april),
    );
    assert_exit(&out, 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["new"]["path"], "-");
    assert_eq!(report["new"]["date"], "2026-04-29");
    let both = redliner_env(&["compare", "-", "-"], &[], Some(b"x"));
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn stat_and_side_by_side_run_through_the_binary() {
    let stat = redliner(&["compare", MARCH, APRIL, "--stat"]);
    assert_eq!(stat.status.code(), Some(1));
    let text = String::from_utf8(stat.stdout).unwrap();
    assert!(text.contains("¶") && text.contains(" | "), "{text}");
    let sbs = redliner(&["compare", MARCH, APRIL, "-y", "--width", "100"]);
    let text = String::from_utf8(sbs.stdout).unwrap();
    assert!(text.contains(" │ "), "{text}");
}

#[test]
fn ignore_patterns_from_flags_and_redliner_toml() {
    let dir = tempfile::tempdir().unwrap();
    let thread = dir.path().join("t");
    std::fs::create_dir(&thread).unwrap();
    write(
        &thread,
        "2026-01-01.md",
        b"WASHINGTON, Jan. 1. The talks resumed.",
    );
    write(
        &thread,
        "2026-01-02.md",
        b"GENEVA, Jan. 2. The talks resumed.",
    );
    let store = dir.path().to_str().unwrap();
    assert_eq!(
        redliner(&["compare", "t", "--store", store]).status.code(),
        Some(1)
    );
    let out = redliner(&[
        "compare",
        "t",
        "--store",
        store,
        "--ignore",
        r"^[A-Z]+, Jan\.",
    ]);
    assert_exit(&out, 0);

    write(
        dir.path(),
        "redliner.toml",
        b"[compare]\nignore = ['^[A-Z]+, Jan\\.']\n",
    );
    let out = redliner(&["compare", "t", "--store", store]);
    assert_exit(&out, 0);

    write(
        dir.path(),
        "redliner.toml",
        b"[compare]\nignore = ['(unclosed']\n",
    );
    let out = redliner(&["compare", "t", "--store", store]);
    assert_error(&out, "redliner.toml: ignore pattern");
}

#[test]
fn legacy_encodings_are_detected_with_a_warning_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = write(
        dir.path(),
        "a.md",
        "The envoy said \u{201C}no\u{201D} \u{2013} twice.".as_bytes(),
    );
    let cp1252 = write(dir.path(), "b.md", b"The envoy said \x93no\x94 \x96 twice.");
    let out = redliner(&["compare", utf8.to_str().unwrap(), cp1252.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "same words: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "warning: {}: not UTF-8; read as windows-1252",
            cp1252.display()
        )),
        "{err}"
    );

    let forced = |repair: &[&str]| {
        let args = [
            &["compare", "--encoding", "windows-1252"][..],
            repair,
            &[utf8.to_str().unwrap(), cp1252.to_str().unwrap()],
        ]
        .concat();
        redliner(&args)
    };
    // Forcing windows-1252 on the UTF-8 file garbles it: a change, and no warning…
    let garbled = forced(&["--no-repair"]);
    assert_eq!(garbled.status.code(), Some(1));
    assert!(stderr(&garbled).is_empty(), "{}", stderr(&garbled));
    // …into mojibake, which is repaired unless --no-repair, with a warning.
    let repaired = forced(&[]);
    assert_eq!(repaired.status.code(), Some(0));
    assert!(
        stderr(&repaired).starts_with(&format!("warning: {}: repaired mojibake", utf8.display())),
        "{}",
        stderr(&repaired)
    );
    let unknown = redliner(&[
        "compare",
        "--encoding",
        "klingon",
        utf8.to_str().unwrap(),
        cp1252.to_str().unwrap(),
    ]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn binary_and_oversized_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"Fine.");
    let pdf = write(
        dir.path(),
        "scan.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    );
    let out = redliner(&["compare", good.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: {}: looks like binary data (a PDF document), not a statement",
            pdf.display()
        )
    );
    let big = write(dir.path(), "big.md", "Words here. ".repeat(100).as_bytes());
    let out = redliner(&[
        "compare",
        "--max-bytes",
        "1000",
        good.to_str().unwrap(),
        big.to_str().unwrap(),
    ]);
    assert_error(&out, "1200 bytes is more than the limit of 1000 bytes");
}

#[test]
fn add_stores_normalized_statements_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let input = write(
        dir.path(),
        "in.txt",
        b"\xEF\xBB\xBFTalks resumed.\r\nThey ended late.\r\n",
    );
    let args = [
        "add",
        "t",
        input.to_str().unwrap(),
        "--store",
        store,
        "--date",
        "2026-05-02",
        "--title",
        "Readout",
    ];
    let out = redliner(&args);
    assert_exit(&out, 0);
    let stored = dir.path().join("t/2026-05-02-readout.md");
    let text = std::fs::read_to_string(&stored).unwrap();
    assert!(
        !text.contains('\r') && !text.starts_with('\u{feff}'),
        "{text:?}"
    );
    assert!(text.contains("title: Readout"), "{text}");

    // The same words again: refused with exit 1, nothing written.
    let out = redliner(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("no change since 2026-05-02"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(dir.path().join("t")).unwrap().count(), 1);

    let bad_date = redliner(&[
        "add",
        "t",
        input.to_str().unwrap(),
        "--store",
        store,
        "--date",
        "May 2",
    ]);
    assert_eq!(bad_date.status.code(), Some(2));
}

#[test]
fn racing_adds_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let input = write(
                dir.path(),
                &format!("in{i}.txt"),
                format!("Statement number {i} was issued.").as_bytes(),
            );
            common::command()
                .args([
                    "add",
                    "t",
                    input.to_str().unwrap(),
                    "--store",
                    store,
                    "--date",
                    "2026-01-01",
                    "--title",
                    "Same title",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_exit(&out, 0);
    }
    let mut bodies: Vec<String> = std::fs::read_dir(dir.path().join("t"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|text| text.lines().last().unwrap().to_string())
        .collect();
    bodies.sort();
    let expected: Vec<String> = (0..8)
        .map(|i| format!("Statement number {i} was issued."))
        .collect();
    assert_eq!(
        bodies, expected,
        "every statement stored once, none overwritten"
    );
}

#[test]
fn two_files_of_a_store_thread_are_named_as_typed() {
    // The thread's history is read from its canonical folder (for routine
    // changes); the report still names the files the way the user did.
    let old = "statements/rate-decisions/2026-01-28-january.md";
    let new = "statements/rate-decisions/2026-03-18-march.md";
    let out = redliner(&["compare", old, new, "--format", "json"]);
    assert_exit(&out, 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["old"]["path"], old);
    assert_eq!(report["new"]["path"], new);
}
