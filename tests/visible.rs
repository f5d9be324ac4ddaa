//! Nothing raw reaches a terminal or a page, through the real binary: names,
//! front-matter values and error messages show control characters, bidi
//! controls and zero-width characters as visible escapes; signals never read
//! text inside an escape sequence (docs/reliability.md lists each case).

mod common;
use common::{assert_error, assert_exit, redliner, stderr, stdout, write};

const ESC_CLEAR: &str = "\x1b[2J";

#[test]
fn errors_show_control_characters_of_front_matter_and_folder_names() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.md",
        // YAML's own escape for ESC: the value holds the raw character.
        "---\ndate: \"2026-01-01\\e[2J\"\n---\nTalks.\n",
    );
    let fine = write(dir.path(), "fine.md", "Talks.\n");
    let out = redliner(&["compare", fine.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_error(&out, "2026-01-01\\x1b[2J");
    assert!(!stderr(&out).contains('\x1b'), "{:?}", stderr(&out));

    // A hostile thread folder's name in "unknown thread" errors.
    let store = dir.path().join("store");
    write(
        &store,
        &format!("evil{ESC_CLEAR}\u{202E}gnp.exe/2026-01-01.md"),
        "A.",
    );
    let out = redliner(&["--store", store.to_str().unwrap(), "compare", "nosuch"]);
    assert_error(&out, "evil\\x1b[2J\\u{202e}gnp.exe");
    assert!(
        !stderr(&out).contains(['\x1b', '\u{202E}']),
        "{:?}",
        stderr(&out)
    );
    let list = redliner(&["--store", store.to_str().unwrap(), "list"]);
    assert_exit(&list, 0);
    assert!(
        stdout(&list).contains("evil\\x1b[2J\\u{202e}gnp.exe"),
        "{}",
        stdout(&list)
    );
}

#[test]
fn add_refuses_thread_names_with_control_or_invisible_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.md", "Talks resumed.\n");
    let store = dir.path().join("store");
    for name in [
        "a\x1b[2Jb",
        "a\u{202E}b",
        "a\u{200B}b",
        "a\tb",
        "a\u{2028}b",
    ] {
        let out = redliner(&[
            "--store",
            store.to_str().unwrap(),
            "add",
            name,
            file.to_str().unwrap(),
        ]);
        assert_error(&out, "a thread name is one folder name");
        let err = stderr(&out);
        assert!(
            !err.contains(['\x1b', '\u{202E}', '\u{200B}', '\u{2028}']),
            "{err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{err:?}");
    }
    assert!(!store.exists() || std::fs::read_dir(&store).unwrap().next().is_none());
}

#[test]
fn titles_sources_and_file_names_show_bidi_and_zero_width_characters() {
    let dir = tempfile::tempdir().unwrap();
    let meta = "---\ntitle: \"Readout\u{202E}txt.exe\u{200B}\"\nsource: \"Ministry\u{061C}\u{2028}of Truth\"\n---\n";
    let a = write(
        dir.path(),
        "old\u{200D}.md",
        format!("{meta}Talks resumed.\n"),
    );
    let b = write(
        dir.path(),
        "new\u{202E}.md",
        format!("{meta}Talks resumed today.\n"),
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let raw = ['\u{202E}', '\u{200B}', '\u{061C}', '\u{2028}', '\u{200D}'];

    let plain = redliner(&["compare", a, b]);
    assert_exit(&plain, 1);
    let text = stdout(&plain);
    assert!(!text.contains(raw), "{text:?}");
    for shown in [
        "Readout\\u{202e}txt.exe\\u{200b}",
        "Ministry\\u{061c}\\u{2028}of Truth",
        "new\\u{202e}.md",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }

    for format in ["md", "html"] {
        let out = redliner(&["compare", a, b, "--format", format]);
        assert_exit(&out, 1);
        let page = stdout(&out);
        assert!(!page.contains(raw), "{format}: {page:?}");
        assert!(page.contains("u{202e}txt.exe"), "{format}: {page}");
    }
    // JSON is data for programs: it keeps the text as it is.
    let json = stdout(&redliner(&["compare", a, b, "--format", "json"]));
    assert!(
        json.contains("Readout\u{202E}txt.exe") || json.contains("Readout\\u202etxt.exe"),
        "{json}"
    );
}

#[test]
fn signals_never_read_inside_an_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "old.md", "Prices rose by 5 percent in March.\n");
    let b = write(
        dir.path(),
        "new.md",
        "Prices rose by 5 percent in \x1b[31mred\x1b[0m March.\n",
    );
    let out = redliner(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_exit(&out, 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let signals = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["signals"].as_array().unwrap().clone())
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    assert!(
        signals
            .iter()
            .all(|s| !s.contains("31") && !s.contains("0m")),
        "{signals:?}"
    );
    let view = stdout(&redliner(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]));
    assert!(
        !view.contains('\x1b') && !view.contains("31m red"),
        "{view}"
    );
}
