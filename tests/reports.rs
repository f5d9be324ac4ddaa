//! Templated reports through the real binary: every built-in template against
//! every fixture (snapshots), Markdown structure, hostile text, overrides,
//! template errors, atomic output.

mod common;
use common::{assert_exit, stderr, stdout, write};

use std::path::Path;
use std::process::Output;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// Runs redliner in the project folder with a store that has no `templates/`
/// beside it, so the built-in templates are the ones used.
fn redliner(args: &[&str]) -> Output {
    redliner_in(Path::new(MANIFEST), args)
}

fn redliner_in(dir: &Path, args: &[&str]) -> Output {
    common::command()
        .args(args)
        .current_dir(dir)
        .env("REDLINER_STORE", Path::new(MANIFEST).join("tests/fixtures"))
        .output()
        .expect("runs")
}

/// The output of a run that must succeed with one of `codes`.
fn ok(output: Output, codes: &[i32]) -> String {
    assert!(
        output.status.code().is_some_and(|c| codes.contains(&c)),
        "status {:?}: {}",
        output.status,
        stderr(&output)
    );
    stdout(&output)
}

/// A failing run: exit 2 and one line `error: …` on stderr, nothing on stdout.
fn failure(output: Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(output.stdout.is_empty());
    err
}

fn relative(path: &Path) -> String {
    path.strip_prefix(MANIFEST)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// HTML snapshots without the (static) stylesheet, which has its own file.
fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}<style>…</style>{}", &html[..a], &html[b + 8..]),
        _ => html.to_string(),
    }
}

fn markdown_events(text: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(text, options).collect()
}

/// Plain text of every heading of a level, in order.
fn headings(events: &[Event], level: HeadingLevel) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if *l == level => {
                current = Some(String::new());
            }
            Event::End(TagEnd::Heading(l)) if *l == level => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Cells per row of every table (header row included).
fn table_rows(events: &[Event]) -> Vec<usize> {
    let mut rows = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(0),
            Event::Start(Tag::TableCell) => *rows.last_mut().unwrap() += 1,
            _ => {}
        }
    }
    rows
}

fn count(events: &[Event], wanted: impl Fn(&Event) -> bool) -> usize {
    events.iter().filter(|e| wanted(e)).count()
}

/// All the text a reader sees, joined.
fn visible_text(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        if let Event::Text(t) = event {
            out.push_str(t);
        }
    }
    out
}

#[test]
fn compare_templates_against_every_fixture() {
    insta::glob!("fixtures/reports", "?*", |dir| {
        let old = relative(&dir.join("old.md"));
        let new = relative(&dir.join("new.md"));
        let md = ok(
            redliner(&["compare", &old, &new, "--format", "md"]),
            &[0, 1],
        );
        insta::assert_snapshot!("compare_md", md);
        let html = ok(
            redliner(&["compare", &old, &new, "--format", "html"]),
            &[0, 1],
        );
        insta::assert_snapshot!("compare_html", without_style(&html));
    });
}

#[test]
fn digest_templates_against_every_thread() {
    insta::glob!("../statements", "?*", |dir| {
        let thread = relative(dir);
        let md = ok(redliner(&["digest", &thread]), &[0]);
        insta::assert_snapshot!("digest_md", md);
        let html = ok(redliner(&["digest", &thread, "--format", "html"]), &[0]);
        insta::assert_snapshot!("digest_html", without_style(&html));
        let json = ok(redliner(&["digest", &thread, "--format", "json"]), &[0]);
        insta::assert_snapshot!("digest_json", json);
    });
}

#[test]
fn the_stylesheet_is_one_snapshot() {
    let out = ok(redliner(&["templates", "show", "style.css"]), &[0]);
    insta::assert_snapshot!("style_css", out);
}

#[test]
fn digest_markdown_has_the_documented_structure() {
    let md = ok(redliner(&["digest", "statements/ceasefire-talks"]), &[0]);
    let events = markdown_events(&md);
    assert_eq!(
        headings(&events, HeadingLevel::H1),
        ["Digest: ceasefire-talks"]
    );
    assert_eq!(
        headings(&events, HeadingLevel::H2),
        [
            "At a glance",
            "Key shifts",
            "Round by round",
            "Held steady",
            "Since the first statement"
        ]
    );
    // One section per round, each against the previous statement.
    let rounds = headings(&events, HeadingLevel::H3);
    assert_eq!(rounds.len(), 3, "{rounds:?}");
    assert!(rounds[0].starts_with("2026-02-16: Readout"), "{rounds:?}");
    // The table: a header and one row per statement, all the same width
    // (one source, so no Source column).
    assert_eq!(table_rows(&events), vec![8; 5]);
    // Redlines render as strikethrough and strong, never as raw markers.
    assert!(count(&events, |e| matches!(e, Event::Start(Tag::Strikethrough))) > 10);
    assert!(count(&events, |e| matches!(e, Event::Start(Tag::Strong))) > 10);
    let text = visible_text(&events);
    assert!(!text.contains("~~") && !text.contains("**"), "{text}");
    assert_eq!(
        count(&events, |e| matches!(
            e,
            Event::Html(_) | Event::InlineHtml(_)
        )),
        0
    );
}

/// Pairs to redline: every fixture, every pair of neighbours in the sample
/// threads, and a few real ones (FOMC statements, a privacy policy).
fn redline_pairs() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for case in std::fs::read_dir(Path::new(MANIFEST).join("tests/fixtures/reports")).unwrap() {
        let dir = case.unwrap().path();
        pairs.push((relative(&dir.join("old.md")), relative(&dir.join("new.md"))));
    }
    let neighbours = |dir: &str, every: usize| {
        let mut files: Vec<String> = std::fs::read_dir(Path::new(MANIFEST).join(dir))
            .unwrap()
            .map(|f| relative(&f.unwrap().path()))
            .collect();
        files.sort();
        files
            .windows(2)
            .step_by(every)
            .map(|pair| (pair[0].clone(), pair[1].clone()))
            .collect::<Vec<_>>()
    };
    for thread in std::fs::read_dir(Path::new(MANIFEST).join("statements")).unwrap() {
        pairs.extend(neighbours(&relative(&thread.unwrap().path()), 1));
    }
    pairs.extend(neighbours("tests/data/real/fomc", 8));
    pairs.extend(neighbours(
        "tests/data/real/terms/ChatGPT__Privacy-Policy",
        1,
    ));
    pairs
}

/// Whitespace runs as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_markdown_redline_reads_exactly_like_each_side() {
    // For every revised sentence, the built-in redline macro (that of every
    // Markdown report), read by a CommonMark parser: its text without what is
    // struck is the new sentence, without what is bold the old one, and no mark
    // is left as literal asterisks or tildes. Before, `session **, assisted**`
    // read "the session , assisted".
    let tmp = tempfile::tempdir().unwrap();
    let probe = write(
        tmp.path(),
        "redlines.md.j2",
        "{% import \"macros.md.j2\" as m %}\
         {% for c in changes if c.kind == \"revised\" %}{{ m.redline(c.edits) }}\n\n{% endfor %}",
    );
    let probe = probe.to_string_lossy().into_owned();
    let mut checked = 0;
    for (old, new) in redline_pairs() {
        let json = ok(
            redliner(&["compare", &old, &new, "--format", "json"]),
            &[0, 1],
        );
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let md = ok(
            redliner(&[
                "compare",
                &old,
                &new,
                "--format",
                "md",
                "--template",
                &probe,
            ]),
            &[0, 1],
        );
        let paragraphs: Vec<&str> = md.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
        let revised: Vec<&serde_json::Value> = report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "revised")
            .collect();
        assert_eq!(paragraphs.len(), revised.len(), "{old} → {new}:\n{md}");
        for (markdown, change) in paragraphs.iter().zip(revised) {
            let side = |skip: &str| -> String {
                change["edits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|e| e["op"] != skip)
                    .map(|e| e["text"].as_str().unwrap())
                    .collect()
            };
            let (old_text, new_text) = (side("insert"), side("delete"));
            let (mut struck, mut strong) = (false, false);
            let (mut old_read, mut new_read) = (String::new(), String::new());
            for event in markdown_events(markdown) {
                match event {
                    Event::Start(Tag::Strikethrough) => struck = true,
                    Event::End(TagEnd::Strikethrough) => struck = false,
                    Event::Start(Tag::Strong) => strong = true,
                    Event::End(TagEnd::Strong) => strong = false,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    Event::Text(t) => {
                        if !struck {
                            new_read.push_str(&t);
                        }
                        if !strong {
                            old_read.push_str(&t);
                        }
                    }
                    other => panic!("{old} → {new}: {other:?} in {markdown}"),
                }
            }
            let context = format!("{old} → {new}: {markdown}");
            assert_eq!(
                collapse(&new_read),
                collapse(&new_text),
                "new side of {context}"
            );
            assert_eq!(
                collapse(&old_read),
                collapse(&old_text),
                "old side of {context}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} revised sentences");
}

#[test]
fn hostile_text_cannot_change_the_markdown() {
    let dir = "tests/fixtures/reports/02-hostile-text";
    let md = ok(
        redliner(&[
            "compare",
            &format!("{dir}/old.md"),
            &format!("{dir}/new.md"),
            "--format",
            "md",
        ]),
        &[1],
    );
    let events = markdown_events(&md);
    let forbidden = count(&events, |e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Code(_)
                | Event::Start(
                    Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::BlockQuote(_)
                        | Tag::List(Some(_))
                        | Tag::Emphasis
                        | Tag::CodeBlock(_)
                )
        )
    });
    assert_eq!(forbidden, 0, "{md}");
    assert_eq!(headings(&events, HeadingLevel::H1).len(), 1);
    for heading in headings(&events, HeadingLevel::H2) {
        assert!(
            ["Added", "Revised", "Removed"].contains(&heading.as_str()),
            "{heading}"
        );
    }
    // Pipes in titles stay inside their cell.
    assert_eq!(table_rows(&events), vec![3; 7]);
    // And the reader sees the statement as its own readers do: its Markdown
    // read (a link as its text, `code` as its content, no emphasis markers),
    // any HTML as the characters it is written with.
    let text = visible_text(&events);
    for literal in [
        "Notice | Draft <script>alert('t')</script> *v2*",
        "Office of `Quoted` Affairs & Co",
        // A revision in place: its redline reads the tag as characters.
        "See the annex and",
        "img src=x onerror=alert(1)",
        "b>bold</b",
        "The fee is five seven units and ten units.",
        // The `>` of a block quote is structure, not text (see `segment`).
        "This line starts like a quote",
        "Read the full notice first.",
        "A dash item <!-- a comment --> with a trailing backslash \\",
    ] {
        assert!(text.contains(literal), "{literal:?} not in {text}");
    }
    // Link targets are not text of a sentence: a changed one is said once, by
    // its signal.
    assert_eq!(text.matches("evil.example").count(), 1, "{text}");
    assert!(text.contains("link changed: https://example.org/annex → https://evil.example/annex"));
}

#[test]
fn hostile_text_is_escaped_in_html() {
    let dir = "tests/fixtures/reports/02-hostile-text";
    let html = ok(
        redliner(&[
            "compare",
            &format!("{dir}/old.md"),
            &format!("{dir}/new.md"),
            "--format",
            "html",
        ]),
        &[1],
    );
    for injected in [
        "<script",
        "<img",
        "<b>bold",
        "<!--",
        "javascript:",
        "href=\"https://example.org/notice",
    ] {
        assert!(!html.contains(injected), "{injected} in the page");
    }
    assert!(html.contains("&lt;script&gt;alert("));
    // Entities read as their characters, escaped again for the page.
    assert!(html.contains("Entities such as &amp; and &lt;tag&gt; read as their characters."));
    assert!(html.contains("&lt;<ins>img src=x onerror=alert(1)</ins>&gt; text."));
}

#[test]
fn hostile_metadata_cannot_break_the_digest_table() {
    let tmp = tempfile::tempdir().unwrap();
    let thread = tmp.path().join("t");
    write(
        &thread,
        "2026-01-01.md",
        "---\ntitle: \"A | B\"\nsource: \"Desk | <i>One</i>\"\n---\nThe *talks* began.\n",
    );
    write(
        &thread,
        "2026-01-02.md",
        "---\ntitle: \"1. C\"\nsource: \"# Desk Two\"\n---\nThe *talks* ended.\n",
    );
    let md = ok(redliner(&["digest", thread.to_str().unwrap()]), &[0]);
    let events = markdown_events(&md);
    // Two sources: the Source column is there, and every row has nine cells.
    assert_eq!(table_rows(&events), vec![9; 3], "{md}");
    assert_eq!(
        count(&events, |e| matches!(
            e,
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Emphasis)
        )),
        0,
        "{md}"
    );
    let text = visible_text(&events);
    assert!(
        text.contains("Desk | <i>One</i>") && text.contains("# Desk Two"),
        "{text}"
    );
}

#[test]
fn output_is_deterministic() {
    for format in ["md", "html", "json"] {
        let args = ["digest", "statements/ceasefire-talks", "--format", format];
        assert_eq!(redliner(&args).stdout, redliner(&args).stdout);
    }
}

#[test]
fn json_is_exactly_what_templates_receive() {
    let json = ok(
        redliner(&["digest", "statements/rate-decisions", "--format", "json"]),
        &[0],
    );
    let digest: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(digest["schema_version"], 1);
    let tmp = tempfile::tempdir().unwrap();
    let template = write(
        tmp.path(),
        "probe.md.j2",
        "{{ schema_version }} {{ thread }} {{ statements|length }} {{ rounds|length }} \
         {{ key_shifts[0].weight }} {{ since_first.report.stats.similarity }} {{ held_steady|length }}",
    );
    let probe = ok(
        redliner(&[
            "digest",
            "statements/rate-decisions",
            "--template",
            template.to_str().unwrap(),
        ]),
        &[0],
    );
    let expected = format!(
        "1 rate-decisions {} {} {} {} {}",
        digest["statements"].as_array().unwrap().len(),
        digest["rounds"].as_array().unwrap().len(),
        digest["key_shifts"][0]["weight"],
        digest["since_first"]["report"]["stats"]["similarity"],
        digest["held_steady"].as_array().unwrap().len(),
    );
    assert_eq!(probe, expected);
}

#[test]
fn since_and_last_choose_the_rounds() {
    let dates = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["digest", "statements/rate-decisions", "--format", "json"];
        all.extend_from_slice(args);
        let json: serde_json::Value = serde_json::from_str(&ok(redliner(&all), &[0])).unwrap();
        json["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["date"].as_str().unwrap().to_string())
            .collect()
    };
    // Rounds issued since April start from the statement just before.
    assert_eq!(
        dates(&["--since", "2026-04-01"]),
        ["2026-03-18", "2026-04-29", "2026-06-17"]
    );
    assert_eq!(dates(&["--last", "2"]), ["2026-04-29", "2026-06-17"]);
    let err = failure(redliner(&[
        "digest",
        "statements/rate-decisions",
        "--since",
        "2027-01-01",
    ]));
    assert!(
        err.contains("no statements on or after 2027-01-01"),
        "{err}"
    );
    let err = failure(redliner(&[
        "digest",
        "statements/rate-decisions",
        "--since",
        "April",
    ]));
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = failure(redliner(&[
        "digest",
        "statements/rate-decisions",
        "--last",
        "1",
    ]));
    assert!(err.contains("at least two"), "{err}");
}

#[test]
fn files_make_a_digest_in_date_order() {
    let json = ok(
        redliner(&[
            "digest",
            "statements/budget-press/2026-05-16-revised.md",
            "statements/budget-press/2026-05-02.md",
            "--format",
            "json",
        ]),
        &[0],
    );
    let digest: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Files of one folder are a digest of that thread, named for it.
    assert_eq!(digest["thread"], "budget-press");
    assert_eq!(digest["statements"][0]["date"], "2026-05-02");
    let md = ok(
        redliner(&[
            "digest",
            "statements/budget-press/2026-05-16-revised.md",
            "statements/budget-press/2026-05-02.md",
        ]),
        &[0],
    );
    assert!(md.starts_with("# Digest: budget-press\n"), "{md}");
    // Files from several folders: the title they share, else their source.
    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "one/a.md",
        "---\ntitle: Harbor Readout\nsource: Port Office\ndate: 2026-01-02\n---\nThe ships left.\n",
    );
    let b = write(
        tmp.path(),
        "two/b.md",
        "---\ntitle: Harbor Readout\nsource: Port Office\ndate: 2026-01-09\n---\nThe ships returned.\n",
    );
    let (a, b) = (a.to_string_lossy(), b.to_string_lossy());
    let json = ok(redliner(&["digest", &a, &b, "--format", "json"]), &[0]);
    let digest: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(digest["thread"], serde_json::Value::Null);
    let md = ok(redliner(&["digest", &a, &b]), &[0]);
    assert!(md.starts_with("# Digest: Harbor Readout\n"), "{md}");
    let html = ok(redliner(&["digest", &a, &b, "--format", "html"]), &[0]);
    assert!(html.contains("<h1>Digest: Harbor Readout</h1>"), "{html}");
    let err = failure(redliner(&[
        "digest",
        "statements/budget-press/2026-05-02.md",
    ]));
    assert!(err.contains("at least two statements"), "{err}");
}

#[test]
fn a_user_template_extends_and_includes_built_in_ones() {
    let tmp = tempfile::tempdir().unwrap();
    // Replaces the built-in digest, reusing it; drops two sections.
    write(
        tmp.path(),
        "digest.md.j2",
        "{% extends \"builtin/digest.md.j2\" %}\n\
         {% block title %}# Weekly: {{ thread|md }}, {{ m.plural(totals.rounds, \"round\") }}\n\n{% endblock %}\n\
         {% block rounds %}{% endblock %}\n{% block held_steady %}{% endblock %}\n",
    );
    // The built-in compare page includes this stylesheet instead of its own.
    write(tmp.path(), "style.css.j2", "/* a newsroom style */\n");
    let dir = tmp.path().to_str().unwrap();
    let md = ok(
        redliner(&["digest", "statements/ceasefire-talks", "--templates", dir]),
        &[0],
    );
    assert!(
        md.starts_with("# Weekly: ceasefire-talks, 3 rounds\n"),
        "{md}"
    );
    assert!(
        md.contains("## Key shifts") && !md.contains("## Held steady"),
        "{md}"
    );
    assert!(!md.contains("## Round by round"), "{md}");
    let html = ok(
        redliner(&[
            "compare",
            "rate-decisions",
            "--store",
            "statements",
            "--format",
            "html",
            "--templates",
            dir,
        ]),
        &[1],
    );
    assert!(
        html.contains("<style>\n/* a newsroom style */\n</style>"),
        "{html}"
    );

    let listed = ok(redliner(&["templates", "list", "--templates", dir]), &[0]);
    assert!(listed.contains("digest.md.j2  (overridden by"), "{listed}");
    assert!(listed.lines().any(|l| l == "compare.md.j2"), "{listed}");
}

#[test]
fn a_template_file_extends_the_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(
        tmp.path(),
        "brief.md.j2",
        "{% extends \"compare.md.j2\" %}{% block statements %}{% endblock %}",
    );
    let md = ok(
        redliner(&[
            "compare",
            "statements/rate-decisions/2026-04-29-april.md",
            "statements/rate-decisions/2026-06-17-june.md",
            "--format",
            "md",
            "--template",
            file.to_str().unwrap(),
        ]),
        &[1],
    );
    assert!(md.starts_with("# What changed: "), "{md}");
    assert!(
        !md.contains("| Date |") && md.contains("## Revised"),
        "{md}"
    );
}

#[test]
fn templates_beside_the_store_and_in_the_configuration_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("statements");
    write(&store, "t/2026-01-01.md", "Talks began.");
    write(&store, "t/2026-01-02.md", "Talks ended.");
    write(
        tmp.path(),
        "templates/digest.md.j2",
        "beside: {{ totals.rounds }}\n",
    );
    let out = ok(
        redliner_in(tmp.path(), &["digest", "t", "--store", "statements"]),
        &[0],
    );
    assert_eq!(out, "beside: 1\n");

    // `redliner.toml` in the store names another folder and a default template.
    write(
        &store,
        "redliner.toml",
        "[reports]\ntemplates = \"house\"\ntemplate = \"brief.md\"\n",
    );
    write(&store, "house/brief.md.j2", "brief: {{ thread }}\n");
    let out = ok(
        redliner_in(tmp.path(), &["digest", "t", "--store", "statements"]),
        &[0],
    );
    assert_eq!(out, "brief: t\n");
    // An explicit format picks the built-in template for it over the configured one.
    let out = ok(
        redliner_in(
            tmp.path(),
            &["digest", "t", "--store", "statements", "--format", "md"],
        ),
        &[0],
    );
    assert!(out.starts_with("# Digest: t"), "{out}");
}

#[test]
fn broken_templates_are_one_line_errors_with_name_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "syntax.md.j2",
            "fine\nfine\n{% for x in %}\n",
            ":3: syntax error",
        ),
        (
            "undefined.md.j2",
            "{{ thread }}\n{{ no_such_field }}\n",
            ":2: undefined value",
        ),
        (
            "attribute.md.j2",
            "{{ totals.no_such_total }}\n",
            ":1: undefined value",
        ),
        (
            "endless.md.j2",
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
            ":1: engine ran out of fuel",
        ),
    ];
    for (name, source, expected) in cases {
        let path = write(tmp.path(), name, source);
        let err = failure(redliner(&[
            "digest",
            "statements/budget-press",
            "--template",
            path.to_str().unwrap(),
        ]));
        assert!(err.contains(&format!("{name}{expected}")), "{err}");
    }
    // An error inside a user template that a built-in one includes names the user file.
    write(
        tmp.path(),
        "lib/macros.md.j2",
        "{% macro plural(n, word) %}{{ n.nope }}{% endmacro %}",
    );
    let err = failure(redliner(&[
        "digest",
        "statements/budget-press",
        "--templates",
        tmp.path().join("lib").to_str().unwrap(),
    ]));
    assert!(err.contains("lib/macros.md.j2:1: undefined value"), "{err}");

    let err = failure(redliner(&[
        "digest",
        "statements/budget-press",
        "--template",
        "nosuch",
    ]));
    assert!(
        err.contains("nosuch: no such template (built-in: compare.html.j2"),
        "{err}"
    );
}

#[test]
fn output_files_are_replaced_only_on_success() {
    let tmp = tempfile::tempdir().unwrap();
    let target = write(tmp.path(), "out/digest.md", "the previous digest\n");
    let broken = write(
        tmp.path(),
        "broken.md.j2",
        "{{ totals.statements }}\n{{ nope }}\n",
    );
    let target_arg = target.to_str().unwrap();
    failure(redliner(&[
        "digest",
        "statements/ceasefire-talks",
        "-o",
        target_arg,
        "--template",
        broken.to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous digest\n"
    );
    let names = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(target.parent().unwrap()), ["digest.md"]);

    let out = redliner(&["digest", "statements/ceasefire-talks", "-o", target_arg]);
    assert_eq!(ok(out, &[0]), "", "the report goes to the file only");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(
        written,
        ok(redliner(&["digest", "statements/ceasefire-talks"]), &[0])
    );
    assert_eq!(names(target.parent().unwrap()), ["digest.md"]);

    // compare writes the same way and keeps its exit status.
    let page = tmp.path().join("out/compare.html");
    let out = redliner(&[
        "compare",
        "rate-decisions",
        "--store",
        "statements",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_exit(&out, 1);
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // JSON is streamed into the file, byte for byte what stdout gets.
    let json = tmp.path().join("out/compare.json");
    let compare_json = |extra: &[&str]| {
        let mut args = vec![
            "compare",
            "rate-decisions",
            "--store",
            "statements",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        redliner(&args)
    };
    let out = compare_json(&["-o", json.to_str().unwrap()]);
    assert_exit(&out, 1);
    assert!(out.stdout.is_empty());
    let printed = compare_json(&[]);
    assert_eq!(std::fs::read(&json).unwrap(), printed.stdout);

    let missing = tmp.path().join("no/such/dir/digest.md");
    let err = failure(redliner(&[
        "digest",
        "statements/ceasefire-talks",
        "-o",
        missing.to_str().unwrap(),
    ]));
    assert!(err.contains("no/such/dir/digest.md"), "{err}");
}

#[test]
fn templates_show_and_export_the_built_in_ones() {
    let shown = ok(redliner(&["templates", "show", "digest.md"]), &[0]);
    let file = std::fs::read_to_string(Path::new(MANIFEST).join("templates/digest.md.j2")).unwrap();
    assert_eq!(shown, file);

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mine");
    let dir_arg = dir.to_str().unwrap();
    assert_eq!(ok(redliner(&["templates", "export", dir_arg]), &[0]), "");
    let listed = ok(redliner(&["templates", "list"]), &[0]);
    for name in listed.lines() {
        let exported = std::fs::read_to_string(dir.join(name)).unwrap();
        let original =
            std::fs::read_to_string(Path::new(MANIFEST).join("templates").join(name)).unwrap();
        assert_eq!(exported, original, "{name}");
    }
    let err = failure(redliner(&["templates", "export", dir_arg]));
    assert!(err.contains("use --force"), "{err}");
    ok(redliner(&["templates", "export", dir_arg, "--force"]), &[0]);
}

#[test]
fn template_only_with_a_templated_format() {
    let err = failure(redliner(&[
        "compare",
        "rate-decisions",
        "--store",
        "statements",
        "--template",
        "compare.md",
    ]));
    assert!(
        err.contains("--template needs --format md or html"),
        "{err}"
    );
    let err = failure(redliner(&[
        "digest",
        "statements/budget-press",
        "--format",
        "json",
        "--template",
        "digest.md",
    ]));
    assert!(err.contains("no effect with --format json"), "{err}");
}

#[test]
fn the_html_compare_page_heads_each_statement_as_the_terminal_does() {
    // Without a title, the file is the heading, not repeated as a title row.
    let tmp = tempfile::tempdir().unwrap();
    let old = write(tmp.path(), "old-note.md", "The ships left on Monday.\n");
    let new = write(
        tmp.path(),
        "new-note.md",
        "---\nsource: Port Office\ndate: 2026-01-09\n---\nThe ships left on Tuesday.\n",
    );
    let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
    let html = ok(redliner(&["compare", &old, &new, "--format", "html"]), &[1]);
    let about = &html[html.find("<table class=\"about\">").unwrap()..];
    let about = &about[..about.find("</table>").unwrap()];
    let escaped = |path: &str| path.replace('/', "&#x2f;");
    for path in [&old, &new] {
        assert_eq!(about.matches(&escaped(path)).count(), 1, "{about}");
    }
    assert!(
        about.contains(&format!("<b>{}</b>", escaped(&old))),
        "{about}"
    );
    assert!(about.contains("Port Office · 2026-01-09"), "{about}");
    // With a title: the title, then the file, source and date, as the terminal has it.
    let html = ok(
        redliner(&[
            "compare",
            "statements/rate-decisions/2026-01-28-january.md",
            "statements/rate-decisions/2026-03-18-march.md",
            "--format",
            "html",
        ]),
        &[1],
    );
    assert!(
        html.contains(
            "<b>Monetary Policy Committee Statement, March 2026</b><br><span class=\"meta\">statements&#x2f;rate-decisions&#x2f;2026-03-18-march.md · Central Bank of Aldoria · 2026-03-18</span>"
        ),
        "{html}"
    );
}
