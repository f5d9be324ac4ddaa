//! Mojibake repaired on load, through the binary: every way text enters, the
//! warning, the ways to turn it off, positions in the file as it is, what `add`
//! stores; and, on the library, that correct text is never touched.

mod common;
use common::{assert_exit, redliner, stderr, stdout, write};

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use proptest::prelude::*;
use redliner::repair::repair;

/// A statement of our own with the characters mojibake mangles: curly quotes,
/// dashes, an ellipsis, accents, fractions, a no-break space and hyphen.
const CLEAN: &str = "---\ntitle: Policy Board’s Decision\n---\n\n\
The Board’s decision — taken on 3 June — was unanimous.\n\n\
It raised the deposit rate to 1½ percent, from 1¼ percent, and said that\n\
“further increases” may follow… A slow‑down in café and hôtel prices was seen\n\
in Zürich, São Paulo and Kraków.\n\n\
Members expect inflation near 2\u{a0}% next year; growth is seen at 0.8 percent – a little more.\n";

/// UTF-8 read as Windows-1252: what a wrong reading makes of a text.
fn mojibake(text: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(text.as_bytes())
        .0
        .into_owned()
}

/// UTF-8 read as Latin-1 (C1 controls where Windows-1252 has signs).
fn mojibake_latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn repaired(text: &str) -> String {
    repair(text.to_string()).0
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs redliner with `input` on standard input and `env` set.
fn redliner_with(args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    common::redliner_with(args, env, input.as_bytes())
}

/// The one warning line about a repaired file.
fn repair_warning(name: &str, out: &Output) -> String {
    let text = stderr(out);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("repaired mojibake"))
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with(&format!("warning: {name}: repaired mojibake (")),
        "{text}"
    );
    lines[0].to_string()
}

#[test]
fn a_statement_and_its_mojibake_copies_compare_equal() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let copies = [
        ("windows-1252.md", mojibake(CLEAN)),
        ("latin-1.md", mojibake_latin1(CLEAN)),
        ("triple.md", mojibake(&mojibake(CLEAN))),
    ];
    for (name, text) in copies {
        let broken = write(dir.path(), name, text);
        let out = redliner(&["compare", path(&clean), path(&broken)]);
        assert_exit(&out, 0);
        assert!(stdout(&out).contains("no changes"), "{}", stdout(&out));
        let warning = repair_warning(path(&broken), &out);
        assert!(
            warning.ends_with("); --no-repair to keep the text as it is"),
            "{warning}"
        );
    }
    // One sequence per character that was read wrongly: 17 in the statement.
    let out = redliner(&[
        "compare",
        path(&clean),
        path(&dir.path().join("windows-1252.md")),
    ]);
    assert_eq!(
        repair_warning(path(&dir.path().join("windows-1252.md")), &out),
        format!(
            "warning: {}: repaired mojibake (17 sequences, e.g. \"â€™\" → \"’\"); \
             --no-repair to keep the text as it is",
            dir.path().join("windows-1252.md").display()
        )
    );
    // The clean file alone draws no warning.
    let out = redliner(&["compare", path(&clean), path(&clean)]);
    assert_exit(&out, 0);
    assert_eq!(stderr(&out), "");
}

#[test]
fn standard_input_is_repaired_too() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let out = redliner_with(&["compare", path(&clean), "-"], &mojibake(CLEAN), &[]);
    assert_exit(&out, 0);
    repair_warning("-", &out);
}

#[test]
fn the_flag_the_environment_and_redliner_toml_turn_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let broken = write(dir.path(), "broken.md", mojibake(CLEAN));
    let args = ["compare", path(&clean), path(&broken), "--format", "json"];
    let kept = |out: &Output| {
        assert_exit(out, 1);
        assert!(!stderr(out).contains("mojibake"), "{}", stderr(out));
        // Without repair the mojibake reaches the report, as it used to.
        assert!(stdout(out).contains("Boardâ€™s"));
    };
    kept(&redliner_with(
        &[&args[..], &["--no-repair"]].concat(),
        "",
        &[],
    ));
    kept(&redliner_with(&args, "", &[("REDLINER_NO_REPAIR", "1")]));
    assert_exit(&redliner_with(&args, "", &[("REDLINER_NO_REPAIR", "0")]), 0);

    // `[read] repair = false` in the store's redliner.toml.
    let store = tempfile::tempdir().unwrap();
    write(store.path(), "redliner.toml", "[read]\nrepair = false\n");
    let with_store = [&args[..], &["--store", path(store.path())]].concat();
    kept(&redliner_with(&with_store, "", &[]));
    write(store.path(), "redliner.toml", "[read]\nrepair = true\n");
    assert_exit(&redliner_with(&with_store, "", &[]), 0);
}

#[test]
fn positions_point_into_the_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let broken_text = mojibake(CLEAN);
    let broken = write(dir.path(), "broken.md", &broken_text);
    let out = redliner(&["compare", path(&clean), path(&broken), "--format", "json"]);
    assert_exit(&out, 0);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4);
    for change in changes {
        let (old, new) = (&change["old"][0], &change["new"][0]);
        let span = |s: &serde_json::Value| {
            let span = s["span"].as_array().unwrap();
            span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize
        };
        let (in_clean, in_broken) = (span(old), span(new));
        // The span is the sentence's bytes in the broken file…
        assert_eq!(mojibake(&CLEAN[in_clean]), broken_text[in_broken.clone()]);
        // …its line and column are where an editor shows it there…
        let before = &broken_text[..in_broken.start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(new["line"], old["line"]);
        assert_eq!(
            new["column"].as_u64().unwrap() as usize,
            before[line_start..].chars().count() + 1
        );
        assert_eq!(
            new["line"].as_u64().unwrap() as usize,
            before.matches('\n').count() + 1
        );
        // …and its text is the repaired one.
        assert_eq!(new["text"], old["text"]);
    }
}

#[test]
fn add_stores_the_repaired_text_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = path(dir.path());
    let broken = write(dir.path(), "in.md", mojibake(CLEAN));
    let add = |extra: &[&str]| {
        let args = [
            &[
                "add",
                "t",
                path(&broken),
                "--store",
                store,
                "--date",
                "2026-06-03",
            ][..],
            extra,
        ]
        .concat();
        redliner(&args)
    };
    let out = add(&[]);
    assert_exit(&out, 0);
    let warning = repair_warning(path(&broken), &out);
    assert!(
        warning.contains("); storing the repaired text; --no-repair to keep the text as it is"),
        "{warning}"
    );
    let stored = dir.path().join("t/2026-06-03-policy-board-s-decision.md");
    let text = std::fs::read_to_string(&stored).unwrap();
    assert!(text.contains("title: Policy Board’s Decision"), "{text}");
    assert!(text.contains("repaired_mojibake: 17"), "{text}");
    assert!(
        text.ends_with(CLEAN.split_once("---\n\n").unwrap().1),
        "{text}"
    );
    // Read back, the stored statement needs no repair: no warning.
    let out = redliner(&["--store", store, "show", "t"]);
    assert_exit(&out, 0);
    assert_eq!(stderr(&out), "");

    // --no-repair stores what the file says, mojibake and all; later reads repair it.
    let out = add(&["--no-repair", "--force"]);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("mojibake"), "{}", stderr(&out));
    let kept =
        std::fs::read_to_string(dir.path().join("t/2026-06-03-policy-board-s-decision-2.md"))
            .unwrap();
    assert!(
        kept.contains("Boardâ€™s decision") && !kept.contains("repaired_mojibake"),
        "{kept}"
    );
    let out = redliner(&["--store", store, "compare", "t"]);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out).matches("repaired mojibake").count(),
        1,
        "{}",
        stderr(&out)
    );
}

/// A saved page whose text is mojibake, once as characters and once as HTML entities.
fn broken_page() -> String {
    format!(
        "<html><head><meta charset=\"utf-8\"><title>{}</title></head><body><article>\
         <p>{}</p><p>Prices in Z&Atilde;&frac14;rich rose by 1&Acirc;&frac12; percent over the year, the office said.</p>\
         </article></body></html>",
        mojibake("Board’s decision"),
        mojibake(
            "The Board’s decision — taken on 3 June — was unanimous, and “further increases” may follow in the months ahead, members said."
        ),
    )
}

fn stored_text(dir: &Path, thread: &str) -> String {
    let folder = dir.join(thread);
    let file = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap();
    std::fs::read_to_string(file.path()).unwrap()
}

#[test]
fn add_from_a_saved_page_repairs_its_text_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.html", broken_page());
    let out = redliner(&[
        "--store",
        path(dir.path()),
        "add",
        "t",
        "--from-html",
        path(&page),
        "--date",
        "2026-06-03",
    ]);
    assert_exit(&out, 0);
    assert!(repair_warning(path(&page), &out).contains("storing the repaired text"));
    let text = stored_text(dir.path(), "t");
    assert!(
        text.contains("The Board’s decision — taken on 3 June"),
        "{text}"
    );
    assert!(text.contains("Zürich rose by 1½ percent"), "{text}");
    assert!(!text.contains('Â') && !text.contains('Ã'), "{text}");
}

#[test]
fn add_from_a_url_repairs_the_page() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/page", listener.local_addr().unwrap());
    let body = broken_page();
    // One request is all this test makes.
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(reply.as_bytes()).unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let out = redliner(&["--store", path(dir.path()), "add", "t", "--from-url", &url]);
    server.join().unwrap();
    assert_exit(&out, 0);
    assert!(repair_warning(&url, &out).contains("storing the repaired text"));
    let text = stored_text(dir.path(), "t");
    assert!(text.contains("title: Board’s decision"), "{text}");
    assert!(text.contains("“further increases”"), "{text}");
}

#[test]
fn correct_text_in_many_scripts_draws_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le Comité a décidé « à l’unanimité » de maintenir le taux. \
                SÃO PAULO e a IRMÃ disseram “NÃO”. Die Straße in München ist gesperrt. \
                El año pasado, ¿qué pasó? Η Ελλάδα και η Κύπρος. Москва и Київ. \
                東京と서울. ROMÂNIA, ÅLAND, Łódź. Done 👍🏽.";
    let file = write(dir.path(), "many.md", text);
    let out = redliner(&["compare", path(&file), path(&file), "--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(stderr(&out), "");
    assert_eq!(repaired(text), text);
}

/// Every text file under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            found.push(path);
        }
    }
    found
}

#[test]
fn real_statements_are_left_alone_and_their_mojibake_repaired() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real");
    let files = files(&real);
    assert!(files.len() > 100, "{}", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (same, repair) = repair(text.clone());
        assert!(repair.is_none(), "{} was changed", file.display());
        assert_eq!(same, text);
        if !text.is_ascii() {
            assert_eq!(repaired(&mojibake(&text)), text, "{}", file.display());
        }
    }
}

/// Words as statements write them, in many languages (our own list).
const WORDS: &[&str] = &[
    "the",
    "Committee",
    "decided",
    "rate",
    "percent",
    "été",
    "déjà",
    "où",
    "garçon",
    "cœur",
    "œuvre",
    "naïve",
    "Noël",
    "château",
    "île",
    "hôtel",
    "forêt",
    "ÉTÉ",
    "CŒUR",
    "NAÏVE",
    "HÔTEL",
    "ÎLE",
    "FORÊT",
    "DÉJÀ",
    "OÙ",
    "São",
    "SÃO",
    "NÃO",
    "IRMÃ",
    "MANHÃ",
    "ação",
    "AÇÃO",
    "você",
    "avô",
    "ÓRGÃO",
    "año",
    "AÑO",
    "señor",
    "qué",
    "ESPAÑA",
    "Ángel",
    "acción",
    "ACCIÓN",
    "está",
    "Straße",
    "Grüße",
    "ÄRGER",
    "ÖSTERREICH",
    "Übung",
    "MÜNCHEN",
    "größer",
    "på",
    "PÅ",
    "SÅ",
    "Ålesund",
    "ÆRØ",
    "smørrebrød",
    "BJÖRK",
    "MEÐ",
    "VIÐ",
    "ÞING",
    "přítel",
    "ŠKODA",
    "žlutý",
    "Łódź",
    "ZAŻÓŁĆ",
    "GĘŚLĄ",
    "Kraków",
    "ROMÂNIA",
    "România",
    "știință",
    "ȚARĂ",
    "İstanbul",
    "ŞİŞLİ",
    "Ελληνικά",
    "ΑΘΗΝΑ",
    "κράτος",
    "Кириллица",
    "МОСКВА",
    "Україна",
    "ђак",
    "Việt",
    "tiếng",
    "HÀ",
    "NỘI",
    "🎉",
    "👍🏽",
    "25 °C",
    "1½",
    "€5",
    "5 €",
    "§ 3",
    "№ 5",
    "±2",
    "m²",
    "ACME®",
    "© 2026",
    "10 %",
];

/// East Asian words: left alone, but their mojibake is not repaired (see `repair`).
const EAST_ASIAN: &[&str] = &["東京", "中华人民共和国", "日本語", "서울"];

/// Marks that close a word, open the next, and what separates words.
const CLOSING: &[&str] = &["", "", "", "’", "”", "»", "…", ",", ".", ";", "’s", "!"];
const OPENING: &[&str] = &["", "", "", "“", "«\u{a0}", "‘", "("];
const BETWEEN: &[&str] = &[" ", " ", " ", " – ", " — ", "—", "\n", "\n\n", "\u{a0}"];

/// Text as statements have it: words, marks where prose puts them.
fn prose(east_asian: bool) -> impl Strategy<Value = String> {
    let words: Vec<&str> = WORDS
        .iter()
        .chain(if east_asian { EAST_ASIAN } else { &[] })
        .copied()
        .collect();
    let token = (
        prop::sample::select(OPENING),
        prop::sample::select(words),
        prop::sample::select(CLOSING),
        prop::sample::select(BETWEEN),
    );
    prop::collection::vec(token, 1..40).prop_map(|tokens| {
        let mut text = String::new();
        for (open, word, close, between) in tokens {
            text.push_str(open);
            text.push_str(word);
            text.push_str(close);
            // A no-break space stands between words, never after a closing mark.
            text.push_str(if close.is_empty() || between != "\u{a0}" {
                between
            } else {
                " "
            });
        }
        text
    })
}

/// Characters of the Latin-1 supplement, accented letters and typographic punctuation.
fn latin_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = ('\u{a0}'..='\u{ff}')
        .chain("’‘“”–—…•€™ąęłńśźżčřšžőűğış".chars())
        .chain("abc XYZ.,".chars())
        .collect();
    prop::collection::vec(prop::sample::select(pool), 1..60)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    // Random Latin-1 text often looks like mojibake itself and is skipped: room for that.
    #![proptest_config(ProptestConfig { cases: 300, max_global_rejects: 4096, ..ProptestConfig::default() })]

    /// Correct text is never changed.
    #[test]
    fn prose_is_left_alone(text in prose(true)) {
        let (out, repair) = repair(text.clone());
        prop_assert_eq!(out, text);
        prop_assert!(repair.is_none());
    }

    /// Its mojibake, in either reading and read wrongly twice, repairs to it, once
    /// it has one of the marks statements are full of (an apostrophe here): a
    /// text whose only damage is `Ã”` could be a Portuguese word and a quote.
    #[test]
    fn mojibake_of_prose_repairs_to_it(text in prose(false)) {
        let text = format!("The Board’s view. {text}");
        prop_assert_eq!(repaired(&mojibake(&text)), text.clone());
        prop_assert_eq!(repaired(&mojibake_latin1(&text)), text.clone());
        prop_assert_eq!(repaired(&mojibake(&mojibake(&text))), text);
    }

    /// Any text that repair leaves alone comes back from its mojibake, given an
    /// apostrophe (as above), in Latin-1 letters, signs and punctuation alike.
    #[test]
    fn mojibake_of_latin_text_repairs_to_it(text in latin_text()) {
        let text = format!("It’s {text}");
        prop_assume!(repair(text.clone()).1.is_none());
        prop_assert_eq!(repaired(&mojibake(&text)), text.clone());
        prop_assert_eq!(repaired(&mojibake_latin1(&text)), text);
    }

    /// A repair never adds or removes a line break, whatever the text, so lines
    /// in a repaired statement are the lines of its file.
    #[test]
    fn line_breaks_stay(text in "(\\PC|[\n\r\u{80}-\u{ff}’“”–—…€™]){0,80}") {
        for input in [text.clone(), mojibake(&text)] {
            let (out, repair) = repair(input.clone());
            let breaks = |s: &str| s.matches(['\n', '\r', '\u{2028}', '\u{2029}']).count();
            prop_assert_eq!(breaks(&out), breaks(&input));
            if let Some(repair) = repair {
                prop_assert_eq!(repair.original_offset(out.len()), input.len());
            }
        }
    }
}
