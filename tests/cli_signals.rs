//! Signals through the binary: JSON fields, the plain view, `--min-significance`,
//! user word lists from `--signals-config` and `redliner.toml`, and their errors.

mod common;
use common::{assert_exit, redliner, stderr, stdout, write};

use std::path::Path;

const MARCH: &str = "statements/rate-decisions/2026-03-18-march.md";
const APRIL: &str = "statements/rate-decisions/2026-04-29-april.md";

fn json(args: &[&str]) -> serde_json::Value {
    let out = redliner(args);
    assert_exit(&out, 1);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_change_carries_signals_and_significance() {
    let report = json(&["compare", MARCH, APRIL, "--format", "json"]);
    let changes = report["changes"].as_array().unwrap();
    for change in changes {
        let significance = change["significance"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&significance), "{change}");
        let signals = change["signals"].as_array().unwrap();
        if change["kind"] == "unchanged" {
            assert!(signals.is_empty());
        }
        for signal in signals {
            for key in ["kind", "direction", "old", "new", "detail"] {
                assert!(signal.get(key).is_some(), "{key} missing in {signal}");
            }
        }
    }
    let softened = changes
        .iter()
        .flat_map(|c| c["signals"].as_array().unwrap())
        .find(|s| s["kind"] == "modality")
        .expect("a modality signal");
    assert_eq!(softened["direction"], "softened");
    assert_eq!(
        (softened["old"].as_str(), softened["new"].as_str()),
        (Some("will"), Some("expects"))
    );
}

#[test]
fn min_significance_filters_the_plain_view_and_is_refused_for_json() {
    let all = stdout(&redliner(&["compare", MARCH, APRIL]));
    let some = stdout(&redliner(&[
        "compare",
        MARCH,
        APRIL,
        "--min-significance",
        "0.5",
    ]));
    // Change rows carry a mark after the two line-number columns.
    let change_row = regex::Regex::new(r"^[ 0-9]+ [~+>-] ").unwrap();
    let entries = |text: &str| text.lines().filter(|l| change_row.is_match(l)).count();
    assert!(entries(&some) < entries(&all), "{some}");
    assert!(some.contains("below significance 0.5 not shown"), "{some}");
    assert!(all.contains("  ! "), "{all}");

    // The JSON report is the record: every change, with its significance. The
    // flag is refused there rather than ignored.
    let out = redliner(&[
        "compare",
        MARCH,
        APRIL,
        "--format",
        "json",
        "--min-significance",
        "0.5",
    ]);
    common::assert_error(&out, "the JSON report keeps every change");

    let out = redliner(&["compare", MARCH, APRIL, "--min-significance", "2"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Two statements that differ by a word only a central bank's word list knows.
fn patient_pair(dir: &Path) -> (String, String) {
    let a = write(
        dir,
        "a.md",
        "The Committee will remain patient in adjusting the stance of policy.\n",
    );
    let b = write(
        dir,
        "b.md",
        "The Committee will remain attentive in adjusting the stance of policy.\n",
    );
    (a.display().to_string(), b.display().to_string())
}

#[test]
fn user_word_lists_extend_the_builtin_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = patient_pair(dir.path());
    let before = stdout(&redliner(&["compare", &a, &b]));
    assert!(!before.contains("hedge"), "{before}");

    let lists = write(
        dir.path(),
        "bank.toml",
        "[hedges]\nwords_extra = [\"patient\", \"accommodative\", \"gradual\"]\n",
    );
    let out = redliner(&[
        "compare",
        &a,
        &b,
        "--signals-config",
        lists.to_str().unwrap(),
    ]);
    assert!(
        stdout(&out).contains("hedge dropped: patient"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    // The same lists from the `[signals]` table of the store's redliner.toml.
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    write(
        &store,
        "redliner.toml",
        "[signals.hedges]\nwords_extra = [\"patient\"]\n",
    );
    let out = redliner(&["compare", &a, &b, "--store", store.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("hedge dropped: patient"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn a_broken_word_list_is_one_line_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = patient_pair(dir.path());
    let lists = write(
        dir.path(),
        "lists.toml",
        "[modality]\nstrong = [\"will\"]\nstrnog = [\"must\"]\n",
    );
    let out = redliner(&[
        "compare",
        &a,
        &b,
        "--signals-config",
        lists.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!(
            "error: {}:3:1: signals: unknown list `modality.strnog`",
            lists.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    let config = write(
        &store,
        "redliner.toml",
        "[compare]\nignore_case = true\n\n[signals.modal]\nweak = []\n",
    );
    let out = redliner(&["compare", &a, &b, "--store", store.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!(
            "error: {}:4:10: signals: unknown section `modal`",
            config.display()
        )),
        "{err}"
    );
}
