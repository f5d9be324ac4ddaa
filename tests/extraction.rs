//! Extraction from saved pages (`tests/fixtures/html/NAME.html`): the main text
//! must match `NAME.txt` paragraph for paragraph, with no navigation, cookie
//! banner, share links or footer, and the metadata must come from the page.
//! `cargo test --test extraction -- --nocapture` prints paragraph precision and recall.

use std::path::Path;

use redliner::extract::{Page, extract};

fn page(name: &str) -> (Page, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    (extract(name, &html, None).unwrap(), expected)
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Paragraph precision and recall against the expected text.
fn quality(got: &str, expected: &str) -> (f64, f64) {
    let (got, expected) = (paragraphs(got), paragraphs(expected));
    let hits = got.iter().filter(|p| expected.contains(p)).count() as f64;
    (hits / got.len() as f64, hits / expected.len() as f64)
}

const NAMES: &[&str] = &["ministry-readout", "bank-statement", "budget-release"];

#[test]
fn main_text_matches_paragraph_for_paragraph() {
    let (mut hits, mut got_total, mut expected_total) = (0.0, 0.0, 0.0);
    for name in NAMES {
        let (page, expected) = page(name);
        let (precision, recall) = quality(&page.text, &expected);
        println!("{name}: paragraph precision {precision:.2}, recall {recall:.2}");
        let (g, e) = (
            paragraphs(&page.text).len() as f64,
            paragraphs(&expected).len() as f64,
        );
        hits += precision * g;
        got_total += g;
        expected_total += e;
        assert_eq!(page.text.trim(), expected.trim(), "{name}");
    }
    println!(
        "overall: precision {:.2}, recall {:.2}",
        hits / got_total,
        hits / expected_total
    );
}

#[test]
fn boilerplate_is_left_out() {
    for name in NAMES {
        let (page, _) = page(name);
        let text = page.text.to_lowercase();
        for word in [
            "cookie",
            "privacy",
            "share on",
            "related news",
            "all rights",
            "home",
            "tweet",
            "comments",
            "email this",
        ] {
            assert!(!text.contains(word), "{name}: `{word}` in {text}");
        }
    }
}

#[test]
fn metadata_comes_from_the_page() {
    let (readout, _) = page("ministry-readout");
    assert_eq!(
        readout.title.as_deref(),
        Some("Readout of the Fourth Round of Harbor Talks")
    );
    assert_eq!(
        readout.source.as_deref(),
        Some("Ministry of Coastal Affairs")
    );
    // No published_time meta: the date comes from <time datetime>.
    assert_eq!(readout.date.as_deref(), Some("2026-03-04"));
    assert_eq!(
        readout.byline.as_deref(),
        Some("By the Office of the Spokesperson")
    );

    let (bank, _) = page("bank-statement");
    assert_eq!(
        bank.title.as_deref(),
        Some("Monetary Policy Statement, July 2026")
    );
    assert_eq!(bank.source.as_deref(), Some("Central Bank of Aldoria"));
    assert_eq!(bank.date.as_deref(), Some("2026-07-29"));

    // Only a <title>: the site's suffix is not part of it; no date, no source.
    let (release, _) = page("budget-release");
    assert_eq!(
        release.title.as_deref(),
        Some("Budget office publishes spring revenue estimates")
    );
    assert_eq!(release.date, None);
    assert_eq!(release.source, None);
}

#[test]
fn pages_without_text_are_an_error() {
    let err = extract(
        "empty.html",
        "<html><body><script>var a;</script></body></html>",
        None,
    )
    .unwrap_err();
    assert_eq!(err.kind(), redliner::ErrorKind::Extract);
    assert_eq!(err.path(), Some("empty.html"));
    assert_eq!(
        err.to_string(),
        "empty.html: found no statement text in this page"
    );
}

/// The lower-cased words of a text, with how often each occurs.
fn words(text: &str) -> std::collections::HashMap<String, usize> {
    static WORD: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\w+").unwrap());
    let mut bag = std::collections::HashMap::new();
    for word in WORD.find_iter(&text.to_lowercase()) {
        *bag.entry(word.as_str().to_string()).or_insert(0) += 1;
    }
    bag
}

/// Bag-of-words precision and recall of `got` against `expected`.
fn bag_quality(got: &str, expected: &str) -> (f64, f64) {
    let (got, expected) = (words(got), words(expected));
    let hits: usize = got
        .iter()
        .map(|(w, n)| (*n).min(expected.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |bag: &std::collections::HashMap<String, usize>| bag.values().sum::<usize>().max(1);
    (
        hits as f64 / total(&got) as f64,
        hits as f64 / total(&expected) as f64,
    )
}

/// The bench pages (`tests/fixtures/html/bench`): pages modeled on real ones
/// (news with a gallery, a government press release, a central-bank page with
/// related links, two cookie banners, a tweet embed and a `<pre>`, repeated
/// promos, news with "Read more:" links and comments, a ministry site laid
/// out in tables with a `<br>` menu, a central-bank decision with a rates
/// table and footnotes), each with the text a reader would keep and the furniture that must
/// not leak. Same metric as `bench/extraction.py`, which scores trafilatura:
/// `cargo test --test extraction bench_pages -- --nocapture` prints the figures.
#[test]
fn bench_pages_bag_of_words() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/bench");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    let (mut precision, mut recall, mut leaking) = (0.0, 0.0, 0);
    for name in &names {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
        let (html, expected, furniture) = (read("html"), read("txt"), read("furniture"));
        let got = extract(name, &html, None).unwrap().text;
        let (p, r) = bag_quality(&got, &expected);
        let lower = got.to_lowercase();
        let leaks: Vec<&str> = furniture
            .lines()
            .filter(|f| !f.trim().is_empty() && lower.contains(&f.to_lowercase()))
            .collect();
        println!("{name:24} P {p:.3} R {r:.3} leaks {leaks:?}");
        precision += p;
        recall += r;
        leaking += usize::from(!leaks.is_empty());
    }
    let n = names.len() as f64;
    let (p, r) = (precision / n, recall / n);
    let f1 = 2.0 * p * r / (p + r);
    println!(
        "overall: P {p:.3} R {r:.3} F1 {f1:.3}; furniture in {leaking}/{} pages",
        names.len()
    );
    assert!(f1 >= 0.97 && r >= 0.99, "F1 {f1:.3}, recall {r:.3}");
    assert_eq!(leaking, 0, "furniture leaked");
}

/// The furniture rules keep what is statement text: a quotation set as a
/// figure, a vote table whose cells repeat, the lines of a `<pre>`.
#[test]
fn furniture_rules_keep_statement_text() {
    let filler = "The Committee met on Tuesday and Wednesday to review the outlook for growth, prices and employment over the coming year. ".repeat(3);
    let html = format!(
        "<html><body><div class='article-body'><p>{filler}</p>\
         <figure><blockquote>We will keep the rate where it is until inflation is back at target.</blockquote>\
         <figcaption>Governor Ilse Marrow</figcaption></figure>\
         <table><tr><td>Member A</td><td>For the action</td></tr><tr><td>Member B</td><td>For the action</td></tr></table>\
         <pre>Rate   3.25\nFloor  3.00</pre>\
         <figure><img src='x.jpg'><figcaption>The Governor at the press conference. Photo: Staff</figcaption></figure>\
         <p>{filler}</p></div></body></html>"
    );
    let text = extract("quote.html", &html, None).unwrap().text;
    assert!(text.contains("We will keep the rate where it is"), "{text}");
    assert!(text.contains("Governor Ilse Marrow"), "{text}");
    assert_eq!(text.matches("For the action").count(), 2, "{text}");
    assert!(text.contains("Rate   3.25\nFloor  3.00"), "{text}");
    assert!(!text.contains("press conference"), "{text}");
    // The same long paragraph twice is a repeated block, kept once.
    assert_eq!(
        text.matches("The Committee met on Tuesday").count(),
        3,
        "{text}"
    );
}

#[test]
fn hostile_nesting_is_refused_not_a_crash() {
    for (tag, n) in [("span", 100_000), ("div", 20_000)] {
        let html = format!(
            "<html><body>{}<p>text</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let started = std::time::Instant::now();
        let err = extract("deep.html", &html, None).unwrap_err();
        assert_eq!(err.kind(), redliner::ErrorKind::Extract);
        assert_eq!(err.path(), Some("deep.html"));
        assert!(
            err.message()
                .starts_with("elements nested more than 512 deep"),
            "{err}"
        );
        assert!(
            started.elapsed().as_secs() < 5,
            "{tag}: {:?}",
            started.elapsed()
        );
    }
}

/// Menus and page tools set as lines of links, and the lines of a block that
/// are furniture by what they say, go; statement text with links stays.
#[test]
fn link_menus_and_furniture_lines_go_statement_links_stay() {
    let filler = "The Ministry welcomes the agreement reached in Orlen to reconvene the joint border commission before the end of the year. ".repeat(3);
    let html = format!(
        "<html><body><div class='content'>\
         <div><a href='/'>Home</a><br><a href='/m'>The Minister</a><br><a href='/p'>Press Room</a><br><a href='/v'>Visas</a><br></div>\
         <p>{filler}</p>\
         <p>The full text is in the <a href='/c'>communique</a>, with the <a href='/m'>maps</a> both sides exchanged.</p>\
         <p><a href='/a'>Print</a> | <a href='/b'>E-mail</a> | <a href='/c'>RSS</a></p>\
         <p><strong>Read more:</strong> <a href='/r'>Border talks stall over river islands</a></p>\
         <p>Read more about the commission in the annual report, published today.</p>\
         <p>The commission will meet in Orlen,<br>in the old customs house,<br>from 3 December.</p>\
         <p><a href='#top'>Back to top</a> | Printer-friendly version</p>\
         <p>Last modified: 14.10.2026 16:20<br>You are visitor number 0045127</p>\
         <p>{filler}</p></div></body></html>"
    );
    let text = extract("menu.html", &html, None).unwrap().text;
    for gone in [
        "Home",
        "The Minister",
        "Visas",
        "RSS",
        "Read more:",
        "river islands",
        "Back to top",
        "Last modified",
        "visitor",
    ] {
        assert!(!text.contains(gone), "`{gone}` kept:\n{text}");
    }
    for kept in [
        "The full text is in the communique, with the maps both sides exchanged.",
        "Read more about the commission in the annual report, published today.",
        // Lines wrapped with <br> are one paragraph.
        "The commission will meet in Orlen, in the old customs house, from 3 December.",
    ] {
        assert!(text.contains(kept), "`{kept}` lost:\n{text}");
    }
}

/// Runs of `<br>` that the readability pass turns into breaks do not glue
/// the words on either side into one (`StatementsStatement`).
#[test]
fn words_either_side_of_breaks_stay_apart() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/bench");
    let html = std::fs::read_to_string(dir.join("legacy-table-layout.html")).unwrap();
    let text = extract("legacy.html", &html, None).unwrap().text;
    assert!(
        text.starts_with("Press Room > Statements Statement by the Spokesperson"),
        "{text}"
    );
}
