//! Routine changes through the binary: learned from a thread's history by
//! `compare THREAD`, `compare` of two files of one thread, `log` and `digest`,
//! marked in every view and kept out of the "most significant" line and *Key
//! shifts*; and `--min-significance` in every format.

mod common;

use std::path::Path;

use common::{assert_exit, redliner, stdout, write};
use serde_json::Value;

/// Months of a council's meetings: each statement names the last one.
const MEETINGS: [(&str, &str); 5] = [
    ("2026-01-28", "December"),
    ("2026-03-18", "January"),
    ("2026-04-29", "March"),
    ("2026-06-17", "April"),
    ("2026-07-29", "June"),
];

fn statement(date: &str, last_meeting: &str, decision: &str) -> String {
    format!(
        "---\ndate: {date}\n---\n\nInformation received since the Council met in {last_meeting} \
         indicates that output has grown at a moderate pace.\n\n{decision}\n\nThe Council will \
         keep watching the incoming data.\n"
    )
}

const HOLD: &str = "The Council decided to keep the policy rate at 3 percent.";
const CUT: &str = "The Council decided to lower the policy rate to 2-3/4 percent.";

/// A store with one thread of five statements; the last one cuts the rate.
fn store() -> tempfile::TempDir {
    let store = tempfile::tempdir().unwrap();
    let thread = store.path().join("council");
    std::fs::create_dir(&thread).unwrap();
    for (i, (date, month)) in MEETINGS.iter().enumerate() {
        let decision = if i == MEETINGS.len() - 1 { CUT } else { HOLD };
        write(
            &thread,
            &format!("{date}.md"),
            statement(date, month, decision),
        );
    }
    store
}

fn run(store: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--store", store.to_str().unwrap()];
    all.extend_from_slice(args);
    redliner(&all)
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(output)).expect("JSON output")
}

/// `(first words of the new sentence, routine)` for each change of a report.
fn marks(report: &Value) -> Vec<(String, bool)> {
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] != "unchanged" || c["moved"] == true)
        .map(|c| {
            let text = c["new"][0]["text"].as_str().unwrap_or("");
            let words: Vec<&str> = text.split_whitespace().take(3).collect();
            (words.join(" "), c["routine"].as_bool().unwrap())
        })
        .collect()
}

#[test]
fn compare_of_a_thread_marks_the_month_of_the_last_meeting_routine() {
    let store = store();
    let output = run(store.path(), &["compare", "council", "--format", "json"]);
    assert_exit(&output, 1);
    assert_eq!(
        marks(&json(&output)),
        [
            ("Information received since".to_string(), true),
            ("The Council decided".to_string(), false)
        ]
    );

    // The terminal view: the decision leads, the routine change is marked and counted.
    let output = run(store.path(), &["compare", "council", "--color", "never"]);
    let text = stdout(&output);
    let most = text
        .lines()
        .find(|l| l.starts_with("most significant:"))
        .expect("a most significant line");
    assert!(most.contains("policy action: keep → lower"), "{most}");
    assert!(!most.contains("June"), "routine change in {most}");
    assert!(text.contains("(routine)"), "{text}");
    assert!(text.contains("· 1 routine"), "{text}");
}

#[test]
fn two_files_of_one_thread_learn_from_the_thread_and_loose_files_do_not() {
    let store = store();
    let thread = store.path().join("council");
    let (old, new) = (thread.join("2026-06-17.md"), thread.join("2026-07-29.md"));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let output = run(store.path(), &["compare", old, new, "--format", "json"]);
    assert_eq!(
        marks(&json(&output))[0],
        ("Information received since".to_string(), true)
    );

    // The same two statements outside any thread: nothing to learn from.
    let loose = tempfile::tempdir().unwrap();
    for name in ["2026-06-17.md", "2026-07-29.md"] {
        std::fs::copy(thread.join(name), loose.path().join(name)).unwrap();
    }
    let (old, new) = (
        loose.path().join("2026-06-17.md"),
        loose.path().join("2026-07-29.md"),
    );
    let output = run(
        store.path(),
        &[
            "compare",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert!(marks(&json(&output)).iter().all(|(_, routine)| !routine));
}

#[test]
fn a_month_that_skips_is_not_routine() {
    let store = store();
    let thread = store.path().join("council");
    // The sixth statement names a meeting five months back: out of step.
    write(
        &thread,
        "2026-09-16.md",
        statement("2026-09-16", "January", CUT),
    );
    let output = run(store.path(), &["compare", "council", "--format", "json"]);
    assert_eq!(
        marks(&json(&output)),
        [("Information received since".to_string(), false)]
    );
}

#[test]
fn log_names_what_changed_most_and_counts_the_routine() {
    let store = store();
    let output = run(store.path(), &["log", "council"]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    // Newest first: the cut, then below it its headline and the routine count.
    assert!(lines[0].starts_with("2026-07-29"), "{text}");
    assert_eq!(
        lines[1].trim(),
        "policy action: keep → lower (down) · 1 routine",
        "{text}"
    );
    let output = run(store.path(), &["log", "council", "--format", "json"]);
    let entries = json(&output)["entries"].as_array().unwrap().clone();
    assert_eq!(entries[0]["routine"], 1);
    assert_eq!(entries[0]["headline"], "policy action: keep → lower (down)");
    assert_eq!(entries.last().unwrap()["headline"], Value::Null);
}

#[test]
fn the_digest_keeps_routine_changes_out_of_key_shifts() {
    let store = store();
    let output = run(store.path(), &["digest", "council", "--format", "json"]);
    assert_exit(&output, 0);
    let digest = json(&output);
    let shifts = digest["key_shifts"].as_array().unwrap();
    assert!(!shifts.is_empty());
    assert!(shifts.iter().all(|s| s["change"]["routine"] == false));
    assert!(
        shifts[0]["change"]["new"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("The Council decided to lower"),
        "{shifts:?}"
    );
    // Every round's month change is still in its round, marked.
    let rounds = digest["rounds"].as_array().unwrap();
    for round in &rounds[1..] {
        assert_eq!(
            marks(round)[0],
            ("Information received since".to_string(), true)
        );
    }
}

#[test]
fn min_significance_holds_in_every_format() {
    let store = store();
    let min = ["--min-significance", "0.5"];
    for format in ["md", "html"] {
        let mut args = vec!["compare", "council", "--format", format];
        args.extend(min);
        let text = stdout(&run(store.path(), &args));
        assert!(
            !text.contains("met in"),
            "{format}: routine change shown:\n{text}"
        );
        assert!(
            text.contains("1 change below significance 0.5 not shown"),
            "{format}:\n{text}"
        );
        assert!(
            text.contains("lower"),
            "{format}: the decision is gone:\n{text}"
        );
    }
    for format in ["md", "html", "json"] {
        let mut args = vec!["digest", "council", "--format", format];
        args.extend(min);
        let text = stdout(&run(store.path(), &args));
        assert!(
            !text.contains("met in"),
            "digest {format}: routine change shown:\n{text}"
        );
    }
    let digest = json(&run(
        store.path(),
        &[
            "digest",
            "council",
            "--format",
            "json",
            "--min-significance",
            "0.5",
        ],
    ));
    assert_eq!(digest["hidden"]["changes"], 5, "{}", digest["hidden"]);

    // A JSON compare keeps every change: the flag is refused, not ignored.
    let output = run(
        store.path(),
        &[
            "compare",
            "council",
            "--format",
            "json",
            "--min-significance",
            "0.5",
        ],
    );
    common::assert_error(&output, "--min-significance filters the views");
}
