//! The store through the binary: a thread is in the order its statements were
//! issued, whatever their file names; `add` stores only statements, safely;
//! bad front matter and patterns are one line a person can act on.

mod common;
use common::{assert_error, assert_exit, stderr, stdout, write};

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Output, Stdio};

/// Runs redliner with `--store STORE`, `stdin` as standard input.
fn run(store: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["--store", store.to_str().unwrap()];
    all.extend_from_slice(args);
    common::redliner_with(&all, &[], stdin)
}

/// Adds `text` to thread `t` on 2026-03-01 with the title "Readout".
fn add(store: &Path, text: &str) -> Output {
    run(
        store,
        &[
            "add",
            "t",
            "-",
            "--date",
            "2026-03-01",
            "--title",
            "Readout",
        ],
        text.as_bytes(),
    )
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(output), stderr(output)))
}

/// The bodies (first line) of a list of statement summaries, as the thread orders them.
fn bodies(statements: &serde_json::Value) -> Vec<String> {
    statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            text.rsplit("---\n").next().unwrap().trim().to_string()
        })
        .collect()
}

/// What every command that walks thread `t` takes as its order, oldest first:
/// digest, blame, log (newest first, reversed here), and compare's two sides.
fn orders(store: &Path) -> Vec<Vec<String>> {
    let digest = json(&run(store, &["digest", "t", "--format", "json"], b""));
    let blame = json(&run(store, &["blame", "t", "--format", "json"], b""));
    let log = json(&run(store, &["log", "t", "--format", "json"], b""));
    let log: Vec<serde_json::Value> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|e| e["statement"].clone())
        .collect();
    let compare = run(store, &["compare", "t", "--format", "json"], b"");
    let compare = json(&compare);
    let pair = serde_json::Value::Array(vec![compare["old"].clone(), compare["new"].clone()]);
    vec![
        bodies(&digest["statements"]),
        bodies(&blame["statements"]),
        bodies(&serde_json::Value::Array(log)),
        bodies(&pair),
    ]
}

const VERSIONS: [&str; 3] = [
    "The talks began on Monday.",
    "The talks began on Tuesday.",
    "The talks began on Wednesday.",
];

#[test]
fn same_day_versions_keep_the_order_they_were_added_in_every_order() {
    let permutations = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for order in permutations {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path();
        for &i in &order {
            assert_exit(&add(store, VERSIONS[i]), 0);
        }
        let added: Vec<String> = order.iter().map(|&i| VERSIONS[i].to_string()).collect();
        let orders = orders(store);
        for (command, seen) in ["digest", "blame", "log"].iter().zip(&orders) {
            assert_eq!(seen, &added, "{command} after adding in order {order:?}");
        }
        assert_eq!(orders[3], added[1..], "compare after {order:?}");
        let shown = run(store, &["show", "t"], b"");
        assert!(stdout(&shown).contains(&added[2]), "{}", stdout(&shown));

        // The true latest again: no change, exit 1, nothing stored.
        let again = add(store, &added[2]);
        assert_exit(&again, 1);
        assert!(stderr(&again).contains("no change"), "{}", stderr(&again));
        // The first, stale text is a change against the latest: stored, and now the latest.
        assert_exit(&add(store, &added[0]), 0);
        let compare = json(&run(store, &["compare", "t", "--format", "json"], b""));
        let pair = serde_json::Value::Array(vec![compare["old"].clone(), compare["new"].clone()]);
        assert_eq!(bodies(&pair), [added[2].clone(), added[0].clone()]);
        assert_eq!(std::fs::read_dir(store.join("t")).unwrap().count(), 4);
    }
}

#[test]
fn twelve_versions_in_one_day_are_in_order_and_a_repeat_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let texts: Vec<String> = (1..=12)
        .map(|n| format!("The committee met {n} times."))
        .collect();
    for text in &texts {
        assert_exit(&add(store, text), 0);
    }
    for seen in orders(store).iter().take(3) {
        assert_eq!(seen, &texts);
    }
    // A cron poll of the unchanged latest stores nothing, run after run.
    for _ in 0..3 {
        assert_exit(&add(store, &texts[11]), 1);
    }
    assert_eq!(std::fs::read_dir(store.join("t")).unwrap().count(), 12);
    assert!(store.join("t/2026-03-01-readout-12.md").is_file());
}

#[test]
fn files_copied_in_by_hand_are_ordered_by_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    // As an older redliner named them (no times in the front matter), written
    // in a scrambled order so that no file system order can give the answer.
    let suffixes = ["-10", "", "-3", "-2", "-11", "-9", "-4"];
    for suffix in suffixes {
        let n = if suffix.is_empty() {
            1
        } else {
            suffix[1..].parse().unwrap()
        };
        write(
            store,
            &format!("t/2026-03-01-readout{suffix}.md"),
            format!("---\ntitle: Readout\n---\n\nVersion {n:02} of the readout.\n"),
        );
    }
    write(store, "t/2026-02-28.md", "Version 00 of the readout.\n");
    let expected: Vec<String> = [0, 1, 2, 3, 4, 9, 10, 11]
        .iter()
        .map(|n| format!("Version {n:02} of the readout."))
        .collect();
    for seen in orders(store).iter().take(3) {
        assert_eq!(seen, &expected);
    }
    // The existing store keeps working: its latest is the -11, and `add` knows it.
    assert_exit(&add(store, "Version 11 of the readout."), 1);
    let added = add(store, "Version 12 of the readout.");
    assert_exit(&added, 0);
    // A suffix is free below 11 (-5): the name is taken, but the recorded time puts it last.
    let latest = json(&run(store, &["compare", "t", "--format", "json"], b""));
    let pair = serde_json::Value::Array(vec![latest["old"].clone(), latest["new"].clone()]);
    assert_eq!(
        bodies(&pair),
        ["Version 11 of the readout.", "Version 12 of the readout."]
    );
}

#[test]
fn a_page_time_orders_versions_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    // Given by hand: the afternoon version under the smaller name.
    write(
        store,
        "t/2026-03-01-a.md",
        "---\nmodified: 2026-03-01T15:00:00+01:00\n---\n\nThe afternoon text.\n",
    );
    write(
        store,
        "t/2026-03-01-b.md",
        "---\npublished: 2026-03-01T09:00:00Z\n---\n\nThe morning text.\n",
    );
    for seen in orders(store).iter().take(3) {
        assert_eq!(seen, &["The morning text.", "The afternoon text."]);
    }
}

#[test]
fn an_empty_statement_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let out = run(store, &["add", "t", "/dev/null"], b"");
    assert_error(&out, "/dev/null: the statement is empty");
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = run(store, &["add", "t", "-"], b" \n\t\r\n  \n");
    assert_error(&out, "standard input: the statement is empty");
    let front_matter_only = write(store, "only.md", "---\ntitle: Readout\n---\n\n");
    let out = run(
        store,
        &["add", "t", front_matter_only.to_str().unwrap()],
        b"",
    );
    assert_error(&out, "only.md: the statement is empty");
    assert!(!store.join("t").exists());
}

/// An archive that polls a page whose address changed gets the server's
/// "Redirecting to …" instead of the statement: stored, it would make the next
/// compare show every sentence removed.
#[test]
fn a_redirect_notice_is_no_statement() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let statement = write(store, "terms.md", "We keep your data for 30 days.\n");
    let notice = write(store, "moved.md", "Redirecting to legal.example.org\n");
    let out = run(store, &["add", "t", notice.to_str().unwrap()], b"");
    assert_error(
        &out,
        "moved.md: only a redirect notice (\"Redirecting to legal.example.org\"), not a statement; \
         nothing stored (add the page it points to, or --force to store it)",
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(!store.join("t").exists());
    let out = run(
        store,
        &["add", "t", "--force", notice.to_str().unwrap()],
        b"",
    );
    assert_exit(&out, 0);
    assert!(store.join("t").exists());
    // Compared, it is compared as written, with one warning naming the file.
    let out = run(
        store,
        &[
            "compare",
            statement.to_str().unwrap(),
            notice.to_str().unwrap(),
        ],
        b"",
    );
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "warning: {}: only a redirect notice (\"Redirecting to legal.example.org\"), not a \
             statement: compare the page it points to",
            notice.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn stored_files_get_the_users_umask() {
    use std::os::unix::fs::PermissionsExt;
    for (umask, mode) in [("022", 0o644), ("002", 0o664)] {
        let dir = tempfile::tempdir().unwrap();
        let out = common::isolated("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; echo 'Talks began.' | exec \"$0\" --store \"$1\" add t - --date 2026-03-01"
            ))
            .arg(env!("CARGO_BIN_EXE_redliner"))
            .arg(dir.path())
            .output()
            .unwrap();
        assert_exit(&out, 0);
        let meta = std::fs::metadata(dir.path().join("t/2026-03-01.md")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, mode, "umask {umask}");
    }
}

#[test]
fn a_killed_add_leaves_nothing_in_the_thread_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let big = "The delegations met again and agreed on the harbor timetable. ".repeat(200_000);
    for round in 0..12u64 {
        let mut child = common::command()
            .args([
                "--store",
                store.to_str().unwrap(),
                "add",
                "t",
                "-",
                "--force",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let text = format!("Round {round}. {big}");
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
        std::thread::sleep(std::time::Duration::from_millis(40 + 25 * round));
        let _ = child.kill();
        let _ = child.wait();
        let _ = feeder.join();
    }
    let Ok(entries) = std::fs::read_dir(store.join("t")) else {
        return; // killed before the folder was made: nothing there, as it should be
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with(".md") && !name.starts_with('.'), "{name}");
        // Whatever landed is whole.
        let text = std::fs::read_to_string(&path).unwrap();
        // Whole: the full statement as it was fed, its last sentence complete.
        assert!(
            text.len() > big.len() && text.trim_end().ends_with("harbor timetable."),
            "{name}: {} bytes, ends {:?}",
            text.len(),
            &text[text.len().saturating_sub(40)..]
        );
    }
}

#[test]
fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    let stale = [
        write(store, "t/.redliner-AbC123.tmp", "half of a statement"),
        write(
            store,
            ".redliner-tmp/.redliner-XyZ789.tmp",
            "half of another",
        ),
    ];
    for path in &stale {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(old).unwrap();
    }
    // Possibly a running `add` of an older redliner: left alone.
    let fresh = write(store, "t/.redliner-Fresh1.tmp", "being written");
    assert_exit(&add(store, "Talks began."), 0);
    for path in &stale {
        assert!(!path.exists(), "{} is still there", path.display());
    }
    assert!(fresh.exists());
    // The new statement's own temporary file went elsewhere and is gone.
    let left: Vec<String> = std::fs::read_dir(store.join(".redliner-tmp"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A hidden folder is no thread.
    let list = run(store, &["list", "--format", "json"], b"");
    assert!(!stdout(&list).contains("redliner-tmp"), "{}", stdout(&list));
}

#[cfg(unix)]
#[test]
fn output_to_a_dangling_link_writes_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    assert_exit(&add(store, "Talks began on Monday."), 0);
    assert_exit(&add(store, "Talks began on Tuesday."), 0);
    std::fs::create_dir(store.join("reports")).unwrap();
    let link = store.join("latest.md");
    std::os::unix::fs::symlink("reports/digest.md", &link).unwrap();
    let out = run(store, &["digest", "t", "-o", link.to_str().unwrap()], b"");
    assert_exit(&out, 0);
    assert!(link.is_symlink(), "the link was replaced by a file");
    let written = std::fs::read_to_string(store.join("reports/digest.md")).unwrap();
    assert!(written.contains("Tuesday"), "{written}");
}

#[test]
fn blame_says_when_a_file_of_the_folder_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    write(store, "t/2026-03-01.md", "Talks began on Monday.\n");
    write(
        store,
        "t/2026-03-02.md",
        "---\ntitle: [unclosed\n---\n\nBroken.\n",
    );
    let last = write(
        store,
        "t/2026-03-03.md",
        "Talks began on Monday. They ended.\n",
    );
    let out = run(store, &["blame", last.to_str().unwrap()], b"");
    assert_exit(&out, 0);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("warning: ") && warnings[0].contains("2026-03-02.md"),
        "{warnings:?}"
    );
    // It still follows the statements that read: the first sentence is from 03-01.
    assert!(stdout(&out).contains("2026-03-01"), "{}", stdout(&out));
}

#[test]
fn toml_native_dates_are_dates_and_are_stored_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let file = write(
        store,
        "in.md",
        "+++\ntitle = \"Readout\"\ndate = 2026-03-01\nsigned = 2026-03-01T10:30:00Z\n+++\n\nTalks began.\n",
    );
    let out = run(store, &["add", "t", file.to_str().unwrap()], b"");
    assert_exit(&out, 0);
    let stored = std::fs::read_to_string(store.join("t/2026-03-01-readout.md")).unwrap();
    assert!(
        stored.contains("date: \"2026-03-01\"") || stored.contains("date: 2026-03-01"),
        "{stored}"
    );
    assert!(stored.contains("2026-03-01T10:30:00Z"), "{stored}");
    assert!(!stored.contains("toml_private"), "{stored}");
    let list = json(&run(store, &["list", "--format", "json"], b""));
    assert!(list.to_string().contains("2026-03-01"), "{list}");
}

/// One line, naming the file (and line), exit 2.
#[track_caller]
fn assert_one_line(output: &Output, needle: &str) {
    assert_error(output, needle);
    assert_eq!(stderr(output).lines().count(), 1, "{}", stderr(output));
}

#[test]
fn front_matter_and_pattern_errors_are_one_line_a_person_can_act_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let compare = |name: &str, text: &[u8]| {
        let path = write(store, name, text);
        let path = path.to_str().unwrap();
        run(store, &["compare", path, path], b"")
    };
    let out = compare("dup.md", b"---\ntitle: a\ntitle: b\n---\nBody.\n");
    assert_one_line(
        &out,
        "dup.md:3:1: invalid YAML front matter: the key `title` is given twice",
    );
    assert!(
        !stderr(&out).contains("DuplicateKeyPolicy"),
        "{}",
        stderr(&out)
    );

    let key = format!("---\n{}: v\n---\nBody.\n", "k".repeat(10_000_000));
    let out = compare("bigkey.md", key.as_bytes());
    assert_one_line(
        &out,
        "bigkey.md:2: a front matter line of 10000003 bytes is more than the limit",
    );

    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let previous = if i == 1 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        let refs = vec![format!("*{previous}"); 10].join(", ");
        bomb.push_str(&format!("b{i}: &b{i} [{refs}]\n"));
    }
    bomb.push_str("---\nBody.\n");
    let out = compare("bomb.md", bomb.as_bytes());
    assert_one_line(&out, "bomb.md:");
    assert!(stderr(&out).contains("YAML bomb"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("budget"), "{}", stderr(&out));

    let utf16: Vec<u8> = "Talks began on Monday.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let out = compare("utf16.md", &utf16);
    assert_one_line(&out, "utf16.md: looks like UTF-16");
    assert!(stderr(&out).contains("--encoding"), "{}", stderr(&out));

    let plain = write(store, "a.md", "Talks began.\n");
    let plain = plain.to_str().unwrap();
    let out = run(store, &["compare", plain, plain, "--ignore", "(talks"], b"");
    assert_one_line(&out, "--ignore `(talks`: unclosed group at column 1");
    let out = run(
        store,
        &["compare", plain, plain, "--ignore", "\\p{Foo}"],
        b"",
    );
    assert_one_line(&out, "Unicode property not found at column 1");
    write(store, "redliner.toml", "[compare]\nignore = ['a{2,1}']\n");
    let out = run(store, &["compare", plain, plain], b"");
    assert_one_line(&out, "redliner.toml: ignore pattern `a{2,1}`: ");
}

#[test]
fn a_page_cut_off_mid_body_is_said_and_nothing_is_stored() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/page", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let body = "<html><body><article><p>The talks began on Monday and";
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                body.len() + 5000
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            // Closed here, 5000 bytes short.
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["add", "t", "--from-url", &url], b"");
    assert_one_line(&out, "the page was cut off before its end");
    assert!(
        !stderr(&out).contains("could not connect"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("t").exists());
}

#[test]
fn timeout_help_says_what_it_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["add", "--help"], b"");
    assert_exit(&out, 0);
    let help = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("to connect and for each read"), "{help}");
    assert!(help.contains("4 times it for the whole fetch"), "{help}");
}
