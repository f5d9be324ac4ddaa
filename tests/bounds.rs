//! Bounds that hold on any input, through the real binary: `--max-bytes` for
//! every source, numbers from flags, environment and `redliner.toml` checked,
//! template output bounded (docs/reliability.md lists each case).

mod common;
use common::{assert_error, assert_exit, redliner, stderr, stdout, write};

use std::io::Write;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Runs redliner with `input` on standard input and extra environment.
fn redliner_with(args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    common::redliner_with(args, env, input)
}

#[cfg(unix)]
#[test]
fn max_bytes_holds_for_devices_pipes_and_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let small = write(dir.path(), "small.md", "Talks resumed.");
    let small = small.to_str().unwrap();

    // A device says its size is 0 and never ends: it is cut at the limit.
    let started = Instant::now();
    let out = redliner(&["compare", "/dev/zero", small, "--max-bytes", "100000"]);
    assert_error(
        &out,
        "error: /dev/zero: more than the limit of 100000 bytes (raise it with --max-bytes)",
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // At the default limit too (64 MiB read, not gigabytes).
    let out = redliner(&["compare", small, "/dev/zero"]);
    assert_error(&out, "/dev/zero: more than the limit of 67108864 bytes");

    // `add` from a device or a saved "page" stores nothing.
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    for args in [
        &[
            "--store",
            store,
            "add",
            "t",
            "/dev/zero",
            "--max-bytes",
            "4096",
        ][..],
        &[
            "--store",
            store,
            "add",
            "t",
            "--from-html",
            "/dev/zero",
            "--max-bytes",
            "4096",
        ],
    ] {
        assert_error(
            &redliner(args),
            "/dev/zero: more than the limit of 4096 bytes",
        );
    }
    assert!(!dir.path().join("store/t").exists());

    // A named pipe: its writer is cut off at the limit.
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let chunk = vec![b'A'; 65536];
            // Stops when redliner closes its end.
            while pipe.write_all(&chunk).is_ok() {}
        })
    };
    let out = redliner(&[
        "compare",
        small,
        fifo.to_str().unwrap(),
        "--max-bytes",
        "1000000",
    ]);
    assert_error(&out, "pipe.md: more than the limit of 1000000 bytes");
    writer.join().unwrap();

    // Standard input over the limit, and exactly at it.
    let tiny = write(dir.path(), "tiny.md", "Go.");
    let tiny = tiny.to_str().unwrap();
    let out = redliner_with(
        &["compare", tiny, "-", "--max-bytes", "10"],
        b"Talks resumed. Then stopped.",
        &[],
    );
    assert_error(&out, "error: -: more than the limit of 10 bytes");
    let out = redliner_with(
        &["compare", small, "-", "--max-bytes", "14"],
        b"Talks resumed.",
        &[],
    );
    assert_exit(&out, 0);

    // The largest limit is no limit, not a limit of 0 (it once wrapped).
    let out = redliner_with(
        &["compare", small, "-", "--max-bytes", "18446744073709551615"],
        b"Talks resumed.",
        &[],
    );
    assert_exit(&out, 0);
    let out = redliner(&[
        "compare",
        small,
        small,
        "--max-bytes",
        "18446744073709551616",
    ]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("--max-bytes"), "{}", stderr(&out));
}

fn pair() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut old = String::new();
    let mut new = String::new();
    for i in 0..40 {
        old.push_str(&format!("Sentence number {i} stays as it was.\n\n"));
        if i % 10 == 0 {
            new.push_str(&format!("Sentence number {i} was revised today.\n\n"));
        } else {
            new.push_str(&format!("Sentence number {i} stays as it was.\n\n"));
        }
    }
    let a = write(dir.path(), "old.md", old);
    let b = write(dir.path(), "new.md", new);
    let (a, b) = (a.display().to_string(), b.display().to_string());
    (dir, a, b)
}

#[test]
fn widths_and_contexts_are_checked_or_clamped() {
    let (_dir, a, b) = pair();
    // `--width` beyond any terminal is an error, not a 9.7 GB allocation.
    for width in ["10000000000", "1001", "0", "wide"] {
        let out = redliner(&["compare", &a, &b, "--width", width, "-y"]);
        assert_error(&out, "--width");
        assert!(stderr(&out).contains("from 1 to 1000"), "{}", stderr(&out));
    }
    // `COLUMNS` comes from the shell: a huge one is clamped to 1000 columns.
    let out = redliner_with(
        &["compare", &a, &b, "-y"],
        b"",
        &[("COLUMNS", "10000000000")],
    );
    assert_exit(&out, 1);
    let widest = stdout(&out)
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!((100..=1000).contains(&widest), "{widest}");

    // A context larger than the statement shows every sentence: every change
    // is still there (an overflow once hid them).
    let full = stdout(&redliner(&["compare", &a, &b, "--full"]));
    assert_eq!(full.matches("{+ revised today+}").count(), 4, "{full}");
    for huge in ["18446744073709551615", "4294967296"] {
        let out = redliner(&["compare", &a, &b, "--context", huge]);
        assert_exit(&out, 1);
        assert_eq!(stdout(&out), full);
        let out = redliner_with(&["compare", &a, &b], b"", &[("REDLINER_CONTEXT", huge)]);
        assert_eq!(stdout(&out), full);
    }
    let out = redliner(&["compare", &a, &b, "--context", "-1"]);
    assert_exit(&out, 2);
}

#[test]
fn an_unknown_color_in_redliner_toml_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("statements");
    write(&store, "t/2026-01-01.md", "Talks resumed.");
    write(&store, "t/2026-01-02.md", "Talks stopped.");
    let config = write(
        &store,
        "redliner.toml",
        "[terminal]\ncontext = 2\ncolor = \"sometimes\"\n",
    );
    let out = redliner(&["--store", store.to_str().unwrap(), "compare", "t"]);
    assert_error(
        &out,
        &format!(
            "error: {}:3:9: unknown variant `sometimes`",
            config.display()
        ),
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    std::fs::write(&config, "[terminal]\ncolor = \"never\"\n").unwrap();
    let out = redliner(&[
        "--store",
        store.to_str().unwrap(),
        "compare",
        "t",
        "--color",
        "auto",
    ]);
    assert_exit(&out, 1);
}

#[test]
fn templates_are_bounded_and_leave_the_output_file_alone() {
    let (dir, a, b) = pair();
    let target = write(dir.path(), "report.md", "the old report\n");
    let cases = [
        // A string doubled in a loop: fuel counts the bytes it builds.
        (
            "doubling.md.j2",
            "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "engine ran out of fuel",
        ),
        // Output past the limit stops the render.
        (
            "flood.md.j2",
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 100000 }}{% endfor %}{% endfor %}",
            "the output is more than the limit of",
        ),
    ];
    for (name, source, expected) in cases {
        let template = write(dir.path(), name, source);
        let started = Instant::now();
        let out = redliner(&[
            "compare",
            &a,
            &b,
            "--format",
            "md",
            "--template",
            template.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_error(&out, expected);
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(60));
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "the old report\n"
        );
    }
}

#[test]
fn html_is_escaped_because_the_output_is_html_whatever_the_template_is_called() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "old.md",
        "---\ntitle: \"<script>alert(1)</script>\"\n---\nTalks resumed.\n",
    );
    let b = write(dir.path(), "new.md", "Talks <b>stopped</b>.\n");
    let template = write(
        dir.path(),
        "mine.j2",
        "<h1>{{ old.title }}</h1>{% for c in changes %}{% for s in c.new %}<p>{{ s.text }}</p>{% endfor %}{% endfor %}",
    );
    let args = |format: &'static str| {
        redliner(&[
            "compare",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            format,
            "--template",
            template.to_str().unwrap(),
        ])
    };
    let html = stdout(&args("html"));
    assert!(
        html.contains("<h1>&lt;script&gt;alert(1)&lt;&#x2f;script&gt;</h1>"),
        "{html}"
    );
    assert!(html.contains("&lt;b&gt;stopped&lt;&#x2f;b&gt;"), "{html}");
    assert!(
        !html.contains("<script>") && !html.contains("<b>"),
        "{html}"
    );
    // Markdown is the template's own business (the `md` filter).
    let md = stdout(&args("md"));
    assert!(md.contains("<h1><script>alert(1)</script></h1>"), "{md}");
}

#[test]
fn sentences_too_small_for_their_number_are_refused_before_memory_grows() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(
        dir.path(),
        "one.md",
        "The ministers agreed to meet again.\n",
    );
    let one = one.to_str().unwrap();
    let sentence = "The ministers agreed to meet again next week. ";
    let hostile = [
        ("a.md", "A. ".repeat(3_495_253)), // 10 MB of `A. `
        ("repeat.md", sentence.repeat(6 * 1048576 / sentence.len())), // one sentence, 6 MB
    ];
    for (name, text) in hostile {
        let path = write(dir.path(), name, &text);
        let started = Instant::now();
        let out = redliner(&["compare", one, path.to_str().unwrap(), "--format", "json"]);
        assert_error(&out, &format!("{name}: "));
        let err = stderr(&out);
        assert!(
            err.contains("sentences in") && err.contains("more than 16 times the file"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
        // Refused from a count, not after building the comparison.
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
    }

    // Prose of the same size, sentences of ordinary length (115 bytes), is read (`show`
    // reads without comparing, so this stays quick in a debug build).
    let thread = dir.path().join("t");
    let mut prose = String::new();
    let mut i = 0;
    while prose.len() < 10 * 1048576 {
        prose.push_str(&format!(
            "In round {i} the delegations reviewed the draft text of the agreement and agreed to continue the work next week. "
        ));
        i += 1;
        if i % 5 == 0 {
            prose.push_str("\n\n");
        }
    }
    write(&thread, "2026-01-01.md", &prose);
    let out = redliner(&["show", thread.to_str().unwrap()]);
    assert_exit(&out, 0);
    // And small files are never refused, however short their sentences.
    let small = write(dir.path(), "small.md", "A. ".repeat(10_000));
    assert_exit(
        &redliner(&["compare", one, small.to_str().unwrap(), "--format", "json"]),
        1,
    );
}

#[cfg(unix)]
#[test]
fn a_signals_word_list_is_read_within_the_bound_like_every_input() {
    let (dir, a, b) = pair();
    // A device says nothing of its size: read one byte past 16 MiB, then refused.
    let started = Instant::now();
    let out = redliner(&["compare", &a, &b, "--signals-config", "/dev/zero"]);
    assert_error(
        &out,
        "/dev/zero: more than the limit of 16777216 bytes (is this the right file?)",
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(started.elapsed() < Duration::from_secs(30));
    // The environment's word list too.
    let out = redliner_with(
        &["compare", &a, &b],
        b"",
        &[("REDLINER_SIGNALS_CONFIG", "/dev/zero")],
    );
    assert_error(&out, "/dev/zero: more than the limit of 16777216 bytes");
    // A regular file over the limit is refused from its size, unread (sparse).
    let big = dir.path().join("words.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let out = redliner(&["compare", &a, &b, "--signals-config", big.to_str().unwrap()]);
    assert_error(
        &out,
        "words.toml: 16777217 bytes is more than the limit of 16777216 bytes",
    );
    // A word list that is not UTF-8 names the byte; a good one still works.
    let latin1 = write(
        dir.path(),
        "latin1.toml",
        b"[hedges]\nwords_extra = [\"d\xe9j\xe0\"]\n",
    );
    let out = redliner(&[
        "compare",
        &a,
        &b,
        "--signals-config",
        latin1.to_str().unwrap(),
    ]);
    assert_error(&out, "latin1.toml: not valid UTF-8 at byte 26");
    let good = write(
        dir.path(),
        "good.toml",
        "[hedges]\nwords_extra = [\"patient\"]\n",
    );
    assert_exit(
        &redliner(&[
            "compare",
            &a,
            &b,
            "--signals-config",
            good.to_str().unwrap(),
        ]),
        1,
    );
}
