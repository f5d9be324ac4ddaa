//! Markdown inline syntax is read, not compared: through the library and the
//! binary, on a Markdown pair written here.

mod common;
use common::{redliner, stdout, write};

use redliner::compare::{CompareOptions, Prepared, compare, compare_prepared};
use redliner::reading::Link;
use redliner::report::{ChangeKind, EditOp};
use redliner::statement::Statement;

fn statement(name: &str, text: &str) -> Statement {
    Statement::parse(name, text.as_bytes()).unwrap()
}

const OLD: &str = "\
The **Service** is provided _as is_. Read our [Privacy Policy](https://example.org/privacy).

Cookies last 30 days<br>or less\\. See the [help centre](https://example.org/help) for \\[details\\].

We may update these Terms at any time.
";

#[test]
fn markup_alone_is_no_change() {
    let new = "\
The Service is provided as is. Read our [Privacy Policy](HTTPS://Example.ORG/privacy).

Cookies last 30 days or less. See the __help centre__ ([help centre](https://example.org/help)) for [details].

We may update these Terms at any time.
";
    // The second paragraph gained words ("help centre" twice): only it changed.
    let report = compare(
        statement("old.md", OLD),
        statement("new.md", new),
        &CompareOptions::default(),
    );
    let changed: Vec<_> = report.changes.iter().filter(|c| c.is_change()).collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(
        changed[0].old[0]
            .text
            .starts_with("See the help centre for [details].")
    );

    let bold_only = OLD
        .replace("**Service**", "Service")
        .replace("_as is_", "as is");
    let report = compare(
        statement("old.md", OLD),
        statement("new.md", &bold_only),
        &CompareOptions::default(),
    );
    assert!(report.is_unchanged(), "{:#?}", report.changes);
}

#[test]
fn a_changed_link_target_is_a_change_with_no_address_in_its_redline() {
    let new = OLD.replace(
        "https://example.org/privacy",
        "https://example.org/legal/privacy",
    );
    let options = CompareOptions::default();
    let (old, new) = (
        Prepared::new(statement("old.md", OLD), &options),
        Prepared::new(statement("new.md", &new), &options),
    );
    let report = compare_prepared(&old, &new, &options);
    let changed: Vec<_> = report.changes.iter().filter(|c| c.is_change()).collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let change = changed[0];
    assert_eq!(change.kind, ChangeKind::Revised);
    assert_eq!(change.similarity, 1.0);
    assert!(change.edits.iter().all(|e| e.op == EditOp::Equal));
    assert!(!change.edits.iter().any(|e| e.text.contains("example.org")));

    // What the link signal is told: the links of each side.
    let old_links: Vec<&Link> = old.sentences[change.old[0].index].links.iter().collect();
    let new_links: Vec<&Link> = new.sentences[change.new[0].index].links.iter().collect();
    let signals = redliner::signals::link_signals(change.kind, &old_links, &new_links);
    let details: Vec<&str> = signals.iter().map(|s| s.detail.as_str()).collect();
    assert_eq!(
        details,
        ["link changed: https://example.org/privacy → https://example.org/legal/privacy"]
    );
}

#[test]
fn positions_point_into_the_file_and_texts_are_read() {
    let prepared = Prepared::new(statement("old.md", OLD), &CompareOptions::default());
    let first = &prepared.sentences[0].reference;
    assert_eq!(&*first.text, "The Service is provided as is.");
    assert_eq!(
        &OLD[first.span[0]..first.span[1]],
        "The **Service** is provided _as is_."
    );
    let cookies = &prepared.sentences[2].reference;
    assert_eq!(&*cookies.text, "Cookies last 30 days or less.");
    assert_eq!((cookies.line, cookies.column), (3, 1));
}

#[test]
fn reports_show_the_reading_form_and_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let new = OLD
        .replace("30 days", "90 days")
        .replace("update these", "update **these**")
        .replace(
            "[help centre](https://example.org/help)",
            "[help centre](javascript:alert(1)) <script>x()</script>",
        );
    let old = write(dir.path(), "old.md", OLD);
    let new = write(dir.path(), "new.md", new);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = |format: &str| {
        stdout(&redliner(&[
            "compare",
            old,
            new,
            "--format",
            format,
            "--no-pager",
        ]))
    };

    let plain = run("plain");
    assert!(
        plain.contains("Cookies last [-30-]{+90+} days or less."),
        "{plain}"
    );
    assert!(
        plain.contains("See the help centre{+ <script>x()</script>+} for [details]."),
        "{plain}"
    );
    // Sentences and redlines (the lines numbered by sentence), not signals,
    // where a link's target may be named as text: no markup, no address.
    let sentences = plain
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    for line in sentences {
        for noise in ["**", "\\[", "](", "<br>", "example.org", "javascript"] {
            assert!(!line.contains(noise), "{noise} in {line}");
        }
    }

    let md = run("md");
    assert!(
        md.contains("Cookies last ~~30~~ **90** days or less."),
        "{md}"
    );
    for noise in ["\\*\\*", "\\<br\\>", "]("] {
        assert!(!md.contains(noise), "{noise} in\n{md}");
    }
    // The statement's own HTML is shown as its characters, escaped.
    assert!(md.contains("\\<script\\>x()\\</script\\>"), "{md}");

    let html = run("html");
    for injected in ["<script>", "<a ", "href="] {
        assert!(!html.contains(injected), "{injected} in\n{html}");
    }
    assert!(
        html.contains("&lt;script&gt;x()&lt;&#x2f;script&gt;"),
        "{html}"
    );
}
