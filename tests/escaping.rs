//! Nothing a store holds reaches the terminal raw: control characters in file
//! names, thread names, front matter and statement text come out as visible
//! escapes from every command, in every format a terminal might show.

mod common;

use std::path::Path;
use std::process::Output;

/// A store whose every field carries an escape sequence or a bell: two
/// undated statements named with control characters, titled and sourced with
/// more, in a thread folder named with one too.
fn hostile_store(root: &Path) -> String {
    let thread = "t\u{1b}[2J";
    common::write(
        root,
        &format!("{thread}/a\u{1b}]0;pwned\u{7}.md"),
        "---\ntitle: \"Title \\e[2J one\"\nsource: \"Src \\e]0;x\\a\"\n---\n\
         The talks began on Monday. The envoy \u{1b}[31mred\u{1b}[0m will return.\n",
    );
    common::write(
        root,
        &format!("{thread}/b\u{1b}[2J.md"),
        "---\ntitle: \"\\u202Eevil\"\n---\nThe talks began on Tuesday. The envoy may return.\n",
    );
    thread.to_string()
}

fn run(root: &Path, args: &[&str]) -> Output {
    common::command()
        .arg("--store")
        .arg(root)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Every escape in `text` is one of ours: a color (SGR) sequence, and only
/// when colors were asked for; no bell, no other control character, no bidi
/// override.
fn assert_nothing_raw(what: &str, text: &[u8], colored: bool) {
    let text = String::from_utf8_lossy(text);
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('\u{1b}') {
        let after = &rest[at + 1..];
        let sgr = after.strip_prefix('[').map(|s| {
            let end = s.find(|c: char| !(c.is_ascii_digit() || c == ';'));
            end.is_some_and(|end| s[end..].starts_with('m'))
        });
        assert!(
            colored && sgr == Some(true),
            "{what}: a raw escape sequence reached the output: {:?}",
            &rest[at..(at + 12).min(rest.len())]
        );
        rest = after;
    }
    let bad = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n' && c != '\u{1b}') || c == '\u{202e}');
    assert!(bad.is_none(), "{what}: raw {bad:?} in:\n{text}");
}

#[test]
fn every_command_shows_control_characters_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let thread = hostile_store(dir.path());
    let folder = dir.path().join(&thread);
    let first = folder.join("a\u{1b}]0;pwned\u{7}.md");
    let first = first.to_str().unwrap();
    let commands: Vec<(Vec<&str>, bool)> = vec![
        (vec!["list"], false),
        (vec!["log", &thread], false),
        (vec!["blame", &thread], false),
        (vec!["blame", first], false),
        (vec!["show", &thread], false),
        (vec!["show", &thread, "a\u{1b}]0;pwned\u{7}.md"], false),
        (vec!["compare", &thread, "--format", "plain"], false),
        (vec!["compare", &thread, "--color", "always"], true),
        (vec!["compare", &thread, "-y", "--color", "always"], true),
        (
            vec!["compare", &thread, "--stat", "--color", "always"],
            true,
        ),
        (vec!["compare", &thread, "--format", "md"], false),
        (vec!["compare", &thread, "--format", "html"], false),
        (vec!["digest", &thread], false),
        (vec!["digest", &thread, "--format", "html"], false),
        // Errors name what the user gave: a thread that does not exist.
        (vec!["compare", "no\u{1b}]0;such\u{7}"], false),
        (vec!["log", "no\u{1b}[2Jsuch"], false),
    ];
    for (args, colored) in commands {
        let out = run(dir.path(), &args);
        let what = format!("{args:?}");
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{what}: {:?}",
            out.status
        );
        assert_nothing_raw(&format!("{what} stdout"), &out.stdout, colored);
        assert_nothing_raw(&format!("{what} stderr"), &out.stderr, false);
    }
}

#[test]
fn history_labels_are_escaped_and_columns_line_up() {
    let dir = tempfile::tempdir().unwrap();
    let thread = hostile_store(dir.path());
    let out = run(dir.path(), &["log", &thread]);
    common::assert_exit(&out, 0);
    let log = common::stdout(&out);
    // The undated statements are named by their files, made visible.
    assert!(log.contains("a\\x1b]0;pwned\\x07.md"), "{log}");
    assert!(log.contains("b\\x1b[2J.md"), "{log}");
    // The tally column starts at the same place on both statement lines.
    let starts: Vec<usize> = log
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(second_column)
        .collect();
    assert_eq!(starts.len(), 2, "{log}");
    assert_eq!(starts[0], starts[1], "{log}");
}

#[test]
fn columns_are_measured_as_the_terminal_shows_them() {
    // Wide characters take two columns: a CJK thread name pads as such.
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "会谈/2026-03-01.md", "Talks began.");
    common::write(dir.path(), "talks/2026-03-01.md", "Talks began.");
    let out = run(dir.path(), &["list"]);
    common::assert_exit(&out, 0);
    let list = common::stdout(&out);
    let columns: Vec<usize> = list.lines().map(second_column).collect();
    assert_eq!(columns.len(), 2, "{list}");
    assert_eq!(columns[0], columns[1], "{list}");
}

/// The display column where a line's second column starts: after the first
/// run of two or more spaces, as the terminal shows it (wide characters count two).
fn second_column(line: &str) -> usize {
    let gap = line.find("  ").expect("two columns");
    let next = gap
        + line[gap..]
            .find(|c: char| c != ' ')
            .expect("a second column");
    unicode_width::UnicodeWidthStr::width(&line[..next])
}
