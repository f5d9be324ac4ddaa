//! Awkward input, each case through the real binary: whatever it is given, the
//! tool answers (a report, or a one-line error with exit 2) and never panics.
//! docs/reliability.md lists each case with what the tool does.

mod common;
use common::{assert_error, redliner, stderr, write};

use std::process::Command;

/// Compares `old` with `new` as JSON; returns (exit code, report or stderr).
fn compare(old: &[u8], new: &[u8]) -> (i32, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "old.md", old);
    let b = write(dir.path(), "new.md", new);
    let out = redliner(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), report, err)
}

fn sentences(report: &serde_json::Value, side: &str) -> u64 {
    report[side]["sentences"].as_u64().unwrap()
}

#[test]
fn empty_whitespace_and_front_matter_only_files() {
    for odd in [
        &b""[..],
        b"   \n\n\t \n",
        b"---\ntitle: Only front matter\n---\n",
    ] {
        let (code, report, err) = compare(odd, b"Talks resumed.");
        assert_eq!(code, 1, "{err}");
        assert_eq!(sentences(&report, "old"), 0);
        assert_eq!(report["stats"]["added"], 1);
        let (code, _, err) = compare(odd, odd);
        assert_eq!(code, 0, "{err}");
    }
}

#[test]
fn line_endings_tabs_and_invisible_characters_are_not_changes() {
    let base = "The talks resumed on Monday. Both sides spoke.\n\nA second paragraph.\n";
    let variants = [
        base.replace('\n', "\r\n"),
        base.replace('\n', "\r"),
        base.replace(' ', "\t"),
        base.replace("talks resumed", "talks\u{00A0}resumed"),
        base.replace("resumed", "re\u{00AD}sumed"),
        base.replace("Both", "\u{200B}Both"),
    ];
    for variant in variants {
        let (code, report, err) = compare(base.as_bytes(), variant.as_bytes());
        assert_eq!(code, 0, "{variant:?}: {err} {report}");
        assert_eq!(sentences(&report, "new"), 3, "{variant:?}");
    }
}

#[test]
fn right_to_left_combining_marks_and_emoji() {
    let old = "وصل الوفد إلى جنيف. Ça va très bien. Talks went well 👍.";
    let new = "وصل الوفد إلى باريس. Ça va très bien. Talks went well 👍🏽.";
    let (code, report, err) = compare(old.as_bytes(), new.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert_eq!(report["stats"]["unchanged"], 1);
    // A decomposed "é" (e + combining accent) is the same letter.
    let (code, _, err) = compare("Café.".as_bytes(), "Cafe\u{301}.".as_bytes());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_single_enormous_line_and_no_punctuation() {
    let line: String = (0..20_000).map(|i| format!("clause {i} and ")).collect();
    let (code, report, err) = compare(line.as_bytes(), format!("{line}more").as_bytes());
    assert_eq!(code, 1, "{err}");
    assert_eq!(sentences(&report, "old"), 1);
    assert_eq!(report["stats"]["revised"], 1);
}

#[test]
fn ten_thousand_one_word_paragraphs() {
    let old: String = (0..10_000).map(|i| format!("word{i}\n\n")).collect();
    let new = old.replace("word5000\n", "changed\n");
    let (code, report, err) = compare(old.as_bytes(), new.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert_eq!(sentences(&report, "old"), 10_000);
    let changed = report["stats"]["revised"].as_u64().unwrap()
        + report["stats"]["added"].as_u64().unwrap()
        + report["stats"]["removed"].as_u64().unwrap();
    assert!((1..=2).contains(&changed), "{}", report["stats"]);
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let small = write(dir.path(), "small.md", b"Fine.");
    let huge = dir.path().join("huge.md");
    // A sparse 100 MB file: the size check must refuse it without reading it.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let out = redliner(&["compare", small.to_str().unwrap(), huge.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: {}: 104857600 bytes is more than the limit of 67108864 bytes (raise it with --max-bytes)",
            huge.display()
        )
    );
}

#[test]
fn binary_inputs_are_named() {
    let cases: [(&[u8], &str); 4] = [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "a PNG image"),
        (b"%PDF-1.4\n%\xC7\xEC\x8F\xA2\n", "a PDF document"),
        (b"PK\x03\x04\x14\0\x06\0", "a ZIP archive"),
        (b"text\0more", "NUL byte at byte 4"),
    ];
    for (bytes, kind) in cases {
        let (code, _, err) = compare(b"Fine.", bytes);
        assert_eq!(code, 2);
        assert!(
            err.contains("looks like binary data") && err.contains(kind),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn utf16_files_compare_with_utf8_ones() {
    let text = "The envoy arrived. Talks began.";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (code, report, err) = compare(text.as_bytes(), &utf16);
    assert_eq!(code, 0, "{err} {report}");
    // Spans count the two-byte BOM of the original file.
    assert_eq!(report["changes"][0]["new"][0]["span"][0], 2);
}

#[test]
fn missing_unreadable_and_directory_paths() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"Fine.");
    let good = good.to_str().unwrap();
    let out = redliner(&["compare", good, "/no/such/file.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: /no/such/file.md: No such file"),
        "{}",
        stderr(&out)
    );
    let out = redliner(&["compare", good, dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));

    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let locked = write(dir.path(), "locked.md", b"Secret.");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = redliner(&["compare", good, locked.to_str().unwrap()]);
        assert_error(&out, "Permission denied");
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    // Root reads files whatever their mode, so the unreadable case cannot be staged.
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"))
}

#[test]
fn empty_threads_and_same_dates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().to_str().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = redliner(&["compare", "empty", "--store", store]);
    assert_error(&out, "no statements in this folder");

    // Two statements dated the same day: ordered by file name, every time.
    let thread = dir.path().join("same");
    std::fs::create_dir(&thread).unwrap();
    write(
        &thread,
        "b.md",
        b"---\ndate: 2026-02-01\n---\nSecond by name.",
    );
    write(
        &thread,
        "a.md",
        b"---\ndate: 2026-02-01\n---\nFirst by name.",
    );
    for _ in 0..3 {
        let out = redliner(&["compare", "same", "--store", store, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(report["old"]["path"].as_str().unwrap().ends_with("a.md"));
        assert!(report["new"]["path"].as_str().unwrap().ends_with("b.md"));
    }
}

#[test]
fn malformed_front_matter_and_dates() {
    let (code, _, err) = compare(b"Fine.", b"---\ntitle: \"unclosed\n---\nBody.");
    assert_eq!(code, 2);
    assert!(
        err.contains("new.md:2:") && err.contains("invalid YAML front matter"),
        "{err}"
    );
    let (code, _, err) = compare(b"Fine.", b"---\ndate: 2026-13-01\n---\nBody.");
    assert_eq!(code, 2);
    assert!(
        err.contains("is not a date of the form YYYY-MM-DD"),
        "{err}"
    );
    let (code, report, err) = compare(b"Fine.", b"---\nfavourite: yes\ntags: [a]\n---\nFine.");
    assert_eq!(code, 0, "unknown keys are kept, not rejected: {err}");
    assert_eq!(report["new"]["sentences"], 1);
}
