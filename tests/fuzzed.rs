//! What fuzzing (`fuzz/`) found, each input kept as a test through the binary
//! so that `cargo test` guards it, and the front-matter cases of issue 16
//! checked end to end.

mod common;
use common::{assert_error, assert_exit, redliner, stderr, write};

/// `extract`: a `<title>` left open in the body is raw text to its end; that
/// markup once became the statement's text ("<div class=…" stored as prose).
#[test]
fn markup_inside_an_unclosed_title_never_becomes_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(
        dir.path(),
        "page.html",
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><heXd><title>Statement\n\
         </head><body><article><h1>Joint statement</h1>\
         <p>The two governments agreed to resume grain shipments on Monday.</p>\
         <div class=\"related\">Related: <a href=\"/x\">other news</a></div>\
         <p>They will meet again next week.</p></article></body></html>",
    );
    let store = dir.path().join("store");
    let out = redliner(&[
        "--store",
        store.to_str().unwrap(),
        "add",
        "t",
        "--from-html",
        page.to_str().unwrap(),
        "--date",
        "2026-08-21",
    ]);
    // Either nothing readable is found, or what is stored has no markup.
    if out.status.code() == Some(0) {
        let file = std::fs::read_dir(store.join("t"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".md"))
            .unwrap()
            .path();
        let text = std::fs::read_to_string(file).unwrap();
        let body = text.rsplit("---\n").next().unwrap();
        for markup in ["<div", "<p>", "</p>", "<a href", "<article", "</body>"] {
            assert!(!body.contains(markup), "{markup} in {body}");
        }
    } else {
        assert_error(&out, "page.html: ");
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    }
}

/// The same with `<noembed>` and `<noframes>`, raw text browsers do not show.
#[test]
fn raw_text_that_browsers_hide_is_not_statement_text() {
    let dir = tempfile::tempdir().unwrap();
    for element in ["noembed", "noframes", "title"] {
        let page = write(
            dir.path(),
            &format!("{element}.html"),
            format!(
                "<html><body><article>\
                 <p>The two governments agreed to resume grain shipments on Monday.</p>\
                 <{element}><p>Hidden words <b>in markup</b></p></{element}>\
                 <p>They will meet again next week to review the first deliveries.</p>\
                 </article></body></html>"
            ),
        );
        let stored = stored_from_html(&dir.path().join(element), &page);
        assert!(stored.contains("resume grain shipments"), "{stored}");
        assert!(stored.contains("meet again next week"), "{stored}");
        assert!(!stored.contains("Hidden words"), "{element}: {stored}");
        assert!(!stored.contains("<b>"), "{element}: {stored}");
    }
}

/// `numbers`: `--timeout 1e-39` is more than 0 but rounds to no time at all;
/// it was accepted as a zero timeout. Accepted values are a millisecond to a day.
#[test]
fn a_timeout_too_small_to_be_a_time_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.md", "Talks began.\n");
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    for bad in ["1e-39", "0.0009", "0", "-1", "86401", "NaN", "inf", "soon"] {
        let flag = format!("--timeout={bad}");
        let out = redliner(&["--store", store, "add", "t", file.to_str().unwrap(), &flag]);
        assert_error(&out, "from 0.001 to 86400");
        let out = common::command()
            .args(["--store", store, "add", "t", file.to_str().unwrap()])
            .env("REDLINER_TIMEOUT", bad)
            .output()
            .unwrap();
        assert_error(&out, "from 0.001 to 86400");
    }
    // The smallest and the largest are a time, and the statement is stored.
    let out = redliner(&[
        "--store",
        store,
        "add",
        "t",
        file.to_str().unwrap(),
        "--timeout",
        "0.001",
    ]);
    assert_exit(&out, 0);
    let out = redliner(&[
        "--store",
        store,
        "add",
        "t",
        file.to_str().unwrap(),
        "--timeout",
        "86400",
    ]);
    assert_exit(&out, 1);
}

/// TOML dates and times anywhere in the front matter (a table, an array, a
/// local date-time, a local time) are stored by `add` as written, never as the
/// TOML library's `{"$__toml_private_datetime": …}`, and read back the same.
#[test]
fn toml_dates_anywhere_are_stored_as_written_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "in.md",
        "+++\ntitle = \"Readout\"\ndate = 2026-03-01\nsigned = 1979-05-27T07:32:00-08:00\n\
         local = 1979-05-27T07:32:00\nat = 07:32:00\nrounds = [2026-01-05, 2026-02-09]\n\
         [meeting]\nopened = 2026-03-01T09:00:00Z\n+++\n\nTalks began.\n",
    );
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let out = redliner(&["--store", store, "add", "t", file.to_str().unwrap()]);
    assert_exit(&out, 0);
    let path = dir.path().join("store/t/2026-03-01-readout.md");
    let stored = std::fs::read_to_string(&path).unwrap();
    assert!(!stored.contains("toml_private"), "{stored}");
    for written in [
        "1979-05-27T07:32:00-08:00",
        "1979-05-27T07:32:00",
        "07:32:00",
        "2026-01-05",
        "2026-02-09",
        "2026-03-01T09:00:00Z",
    ] {
        assert!(stored.contains(written), "{written} in {stored}");
    }
    // What was stored reads back: the same statement, the same date.
    let out = redliner(&[
        "compare",
        file.to_str().unwrap(),
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_exit(&out, 0);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["new"]["date"], "2026-03-01", "{report}");
    // A datetime where the date goes is not a date: one line saying so.
    let bad = write(
        dir.path(),
        "bad.md",
        "+++\ndate = 2026-03-01T10:00:00Z\n+++\nText.\n",
    );
    let out = redliner(&["compare", bad.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_error(
        &out,
        "bad.md: front matter `date: 2026-03-01T10:00:00Z` is not a date of the form YYYY-MM-DD",
    );
    assert_eq!(stderr(&out).lines().count(), 1);
}

/// `extract`: a `<pre>`'s lines once came from all the text inside it, that of
/// a `<title>` (raw markup), a `<script>` or a `<style>` too.
#[test]
fn a_pre_block_keeps_only_the_text_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(
        dir.path(),
        "page.html",
        "<html><body><article>\
         <p>Inspections will take place at anchor in the outer roads, with a representative of each government present.</p>\
         <pre>Monday     06:00  first convoy\nTuesday    06:00  second convoy\
         <title>Hidden <p>markup</p></title><script>var hidden = 1;</script><style>.hidden {}</style>\n\
         Wednesday  06:00  third convoy</pre>\
         <p>Both governments will review the arrangements after the first week.</p>\
         </article></body></html>",
    );
    let stored = stored_from_html(&dir.path().join("store"), &page);
    assert!(
        stored.contains("Tuesday    06:00  second convoy"),
        "{stored}"
    );
    assert!(stored.contains("third convoy"), "{stored}");
    for hidden in ["Hidden", "markup", "var hidden", ".hidden"] {
        assert!(!stored.contains(hidden), "{hidden} in {stored}");
    }
}

/// Adds `page` with `add --from-html` to thread `t` of a new store, and returns
/// the one statement file stored.
fn stored_from_html(store: &std::path::Path, page: &std::path::Path) -> String {
    let out = redliner(&[
        "--store",
        store.to_str().unwrap(),
        "add",
        "t",
        "--from-html",
        page.to_str().unwrap(),
        "--date",
        "2026-08-21",
    ]);
    assert_exit(&out, 0);
    let files: Vec<_> = std::fs::read_dir(store.join("t"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "one statement stored");
    std::fs::read_to_string(files[0].path()).unwrap()
}
