//! The archive commands through the binary: add --from-html, log, blame, show,
//! list, completions, man, and git's external diff driver in a real repository.

mod common;
use common::{assert_exit, redliner, stderr, stdout};

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_redliner");

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

const PAGE: &str = "tests/fixtures/html/ministry-readout.html";

#[test]
fn add_from_html_stores_the_text_and_the_metadata() {
    let store = tempfile::tempdir().unwrap();
    let root = store.path().to_str().unwrap();
    let out = redliner(&["--store", root, "add", "harbor", "--from-html", PAGE]);
    assert_exit(&out, 0);
    let path = store
        .path()
        .join("harbor/2026-03-04-readout-of-the-fourth-round-of-harbor-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let expected = std::fs::read_to_string("tests/fixtures/html/ministry-readout.txt").unwrap();
    assert!(text.ends_with(&format!("\n\n{expected}")), "{text}");
    assert!(
        text.contains("source: Ministry of Coastal Affairs\n"),
        "{text}"
    );

    // The same page from standard input, with a title given: nothing new, exit 1.
    let mut child = common::command()
        .args([
            "--store",
            root,
            "add",
            "harbor",
            "--from-html",
            "-",
            "--title",
            "Fourth round",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let html = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE)).unwrap();
    child.stdin.take().unwrap().write_all(&html).unwrap();
    let again = child.wait_with_output().unwrap();
    assert_exit(&again, 1);
    assert_eq!(
        stderr(&again),
        "no change since 2026-03-04: not added (use --force to add it anyway)\n"
    );

    // Bad input: one line naming the file, exit 2, nothing stored.
    let empty = store.path().join("empty.html");
    std::fs::write(&empty, "<html><body></body></html>").unwrap();
    let bad = redliner(&[
        "--store",
        root,
        "add",
        "other",
        "--from-html",
        empty.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad),
        format!(
            "error: {}: found no statement text in this page\n",
            empty.display()
        )
    );
    assert!(!store.path().join("other").exists());
}

#[test]
fn log_lists_statements_newest_first() {
    let out = redliner(&["log", "rate-decisions"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    // One line per statement; indented below it, what changed most.
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(lines.len(), 4);
    assert!(
        text.lines().nth(1).unwrap().trim() == "policy action: keep → lower (down)",
        "{text}"
    );
    assert!(
        lines[0].starts_with("2026-06-17  +0 ~6 -2 ↔0   83%  Central Bank of Aldoria · "),
        "{text}"
    );
    assert!(lines[3].starts_with("2026-01-28  first"), "{text}");
    // Columns line up whatever the number of digits (this thread has "~10" and
    // "~8"): every similarity and description starts where the first one does.
    let talks = stdout(&redliner(&["log", "ceasefire-talks"]));
    let lines: Vec<&str> = talks.lines().filter(|l| !l.starts_with(' ')).collect();
    let column = |line: &str, needle: &str| line.find(needle).map(|b| line[..b].chars().count());
    assert!(
        column(lines[0], "Office").is_some() && column(lines[0], "%").is_some(),
        "{talks}"
    );
    for line in &lines[1..] {
        assert_eq!(
            column(line, "Office"),
            column(lines[0], "Office"),
            "{talks}"
        );
    }
    for line in &lines[1..lines.len() - 1] {
        assert_eq!(column(line, "%"), column(lines[0], "%"), "{talks}");
    }
    let reversed = stdout(&redliner(&["log", "rate-decisions", "--reverse"]));
    assert!(reversed.starts_with("2026-01-28"), "{reversed}");

    let log = json(&redliner(&["log", "rate-decisions", "--format", "json"]));
    assert_eq!(log["thread"], "rate-decisions");
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries[0]["statement"]["date"], "2026-06-17");
    assert_eq!(entries[0]["changes"]["revised"], 6);
    assert_eq!(entries[0]["changes"]["similarity"], 0.8343);
    assert!(entries[3]["changes"].is_null());
}

#[test]
fn blame_follows_sentences_back() {
    let blame = json(&redliner(&["blame", "ceasefire-talks", "--format", "json"]));
    let statements = blame["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 4);
    let lines = blame["lines"].as_array().unwrap();
    let latest =
        std::fs::read_to_string("statements/ceasefire-talks/2026-03-04-fourth-round.md").unwrap();
    for line in lines {
        // Every sentence of the latest statement, pointing into its file.
        let span = line["sentence"]["span"].as_array().unwrap();
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        let squashed: Vec<&str> = latest[a..b].split_whitespace().collect();
        assert_eq!(
            squashed.join(" "),
            line["sentence"]["text"].as_str().unwrap()
        );
        let (since, origin) = (
            line["since"].as_u64().unwrap(),
            line["origin"].as_u64().unwrap(),
        );
        assert!(origin <= since && since < 4);
        assert_eq!(line["revisions"].as_u64().unwrap() == 0, since == origin);
    }
    // The opening sentence was reworded in later rounds but goes back to the first.
    let opening = lines
        .iter()
        .find(|l| {
            l["sentence"]["text"]
                .as_str()
                .unwrap()
                .starts_with("Delegations of the Republic")
        })
        .unwrap();
    assert_eq!(
        (opening["origin"].as_u64(), opening["since"].as_u64()),
        (Some(0), Some(3))
    );

    // A file is blamed through the statements before it in its folder.
    let march = json(&redliner(&[
        "blame",
        "statements/rate-decisions/2026-03-18-march.md",
        "--format",
        "json",
    ]));
    assert_eq!(march["statements"].as_array().unwrap().len(), 2);
    let text = stdout(&redliner(&[
        "blame",
        "statements/rate-decisions/2026-03-18-march.md",
    ]));
    assert!(text.starts_with("blame of statements/rate-decisions/2026-03-18-march.md (2 statements followed)\nsince       first seen  revs  sentence\n"), "{text}");
    assert!(
        text.contains("2026-03-18  2026-01-28     1  Employment growth has cooled further"),
        "{text}"
    );
}

#[test]
fn show_and_list() {
    let out = redliner(&["show", "rate-decisions", "2026-03-18"]);
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string("statements/rate-decisions/2026-03-18-march.md").unwrap()
    );
    let shown = json(&redliner(&["show", "ceasefire-talks", "--format", "json"]));
    assert_eq!(shown["meta"]["date"], "2026-03-04");
    assert!(shown["body"].as_str().unwrap().contains("fourth round"));
    let missing = redliner(&["show", "rate-decisions", "2027-01-01"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "error: statements/rate-decisions: no statement dated or named 2027-01-01\n"
    );

    let list = stdout(&redliner(&["list"]));
    assert!(
        list.contains(
            "ceasefire-talks   4 statements  2026-02-10 … 2026-03-04  Readout of the Fourth Round"
        ),
        "{list}"
    );
    let listed = json(&redliner(&["list", "--format", "json"]));
    let threads = listed["threads"].as_array().unwrap();
    let names: Vec<&str> = threads
        .iter()
        .map(|t| t["thread"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["budget-press", "ceasefire-talks", "rate-decisions"]);
    assert_eq!(threads[2]["statements"], 4);
    assert_eq!(threads[2]["first_date"], "2026-01-28");
    assert_eq!(
        threads[2]["latest"]["meta"]["title"],
        "Monetary Policy Committee Statement, June 2026"
    );
}

#[test]
fn completions_and_manual_pages() {
    for (shell, marker) in [
        ("bash", "_redliner()"),
        ("zsh", "#compdef redliner"),
        ("fish", "complete -c redliner"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = stdout(&redliner(&["completions", shell]));
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("blame"),
            "{shell}: subcommands are completed"
        );
    }
    let templates = json(&redliner(&["templates", "list", "--format", "json"]));
    assert!(
        templates
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "digest.md.j2" && t.get("overridden_by").is_some())
    );
    let page = stdout(&redliner(&["man"]));
    assert!(
        page.contains(".TH redliner 1") && page.contains("git\\-diff"),
        "{page}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = redliner(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "redliner.1",
        "redliner-add.1",
        "redliner-blame.1",
        "redliner-git-diff.1",
    ] {
        assert!(dir.path().join(page).is_file(), "{page}");
    }
}

#[test]
fn every_command_has_examples_in_its_help() {
    let help = stdout(&redliner(&["--help"]));
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 11, "{commands:?}");
    for command in commands {
        let text = stdout(&redliner(&[command, "--help"]));
        assert!(
            text.contains("Examples:") || text.contains("Set up"),
            "{command} --help has no examples"
        );
    }
}

/// git in a temporary repository, isolated from the user's configuration.
fn git(repo: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = common::isolated("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .envs(env.iter().copied())
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    out
}

#[test]
fn git_diff_driver_in_a_real_repository() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"], &[]);
    std::fs::write(
        dir.join("readout.md"),
        "The envoy will return on Friday. Talks ended.\n",
    )
    .unwrap();
    std::fs::write(dir.join("logo.md"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    git(dir, &["add", "."], &[]);
    git(dir, &["commit", "-qm", "first"], &[]);
    std::fs::write(
        dir.join("readout.md"),
        "The envoy may return on Friday.\nTalks ended.\n",
    )
    .unwrap();
    std::fs::write(dir.join("logo.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    std::fs::write(dir.join("new.md"), "A new statement.\n").unwrap();
    git(dir, &["add", "."], &[]);

    // diff.<driver>.command with .gitattributes.
    let driver = format!("{BIN} git-diff");
    git(dir, &["config", "diff.redliner.command", &driver], &[]);
    std::fs::write(dir.join(".gitattributes"), "*.md diff=redliner\n").unwrap();
    let out = git(dir, &["--no-pager", "diff", "--cached"], &[]);
    let text = stdout(&out);
    assert!(
        text.contains("old a/readout.md\nnew b/readout.md\n"),
        "{text}"
    );
    assert!(
        text.contains("The envoy [-will-]{+may+} return on Friday."),
        "{text}"
    );
    assert!(text.contains("softened: will → may"), "{text}");
    // A file that is no statement is a note, not a failed `git diff`.
    assert!(
        text.contains("redliner: a/logo.md: looks like binary data"),
        "{text}"
    );
    // A new file: everything added.
    assert!(text.contains("+ {+A new statement.+}"), "{text}");

    // GIT_EXTERNAL_DIFF, once, without any configuration.
    std::fs::remove_file(dir.join(".gitattributes")).unwrap();
    git(dir, &["config", "--unset", "diff.redliner.command"], &[]);
    let once = git(
        dir,
        &[
            "--no-pager",
            "diff",
            "--cached",
            "--ext-diff",
            "--",
            "readout.md",
        ],
        &[("GIT_EXTERNAL_DIFF", &driver)],
    );
    assert!(
        stdout(&once).contains("[-will-]{+may+}"),
        "{}",
        stdout(&once)
    );

    // As a difftool.
    let tool = format!("{BIN} compare \"$LOCAL\" \"$REMOTE\" --format plain");
    git(dir, &["config", "difftool.redliner.cmd", &tool], &[]);
    let difftool = git(
        dir,
        &[
            "difftool",
            "--cached",
            "-y",
            "-t",
            "redliner",
            "--",
            "readout.md",
        ],
        &[],
    );
    assert!(
        stdout(&difftool).contains("[-will-]{+may+}"),
        "{}",
        stdout(&difftool)
    );
}
