//! Front matter, YAML and TOML: arbitrary front matter text between fences
//! before a fixed body. Any input gives a statement or a one-line error naming
//! the file; a statement's date is a real date, its body is the body, no TOML
//! datetime leaks as `$__toml_private_datetime`, and what `add` would store
//! (the metadata written back as YAML) reads back as the same metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redliner::statement::{Meta, Statement, is_iso_date};

const BODY: &str = "The talks began on Monday.\n";

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(content) = std::str::from_utf8(rest) else {
        return;
    };
    let fence = if selector & 1 == 0 { "---" } else { "+++" };
    let text = format!("{fence}\n{content}\n{fence}\n{BODY}");
    // A line of the content that is itself a fence closes the front matter early.
    let closes_early = content.lines().any(|line| {
        let line = line.trim_end();
        line == fence || (fence == "---" && line == "...")
    }) || content.contains('\r');
    match Statement::parse("fuzz.md", text.as_bytes()) {
        Ok(statement) => {
            check_meta(&statement.meta);
            // A TOML date or time is read as its text, never as the TOML
            // library's private wrapper (unless the file spells that out).
            if fence == "+++" && !content.contains("$__toml_private") {
                let extra = serde_json::to_string(&statement.meta.extra).unwrap();
                assert!(!extra.contains("$__toml_private"), "{extra}");
            }
            if !closes_early {
                assert_eq!(statement.body(), BODY, "{text:?}");
            }
            // `add` writes the metadata back as YAML front matter: it must read
            // back as what was read.
            let front = serde_saphyr::to_string(&statement.meta).expect("front matter writes");
            let front = if front.ends_with('\n') { front } else { format!("{front}\n") };
            let stored = format!("---\n{front}---\n\n{BODY}");
            let again = Statement::parse("stored.md", stored.as_bytes())
                .unwrap_or_else(|e| panic!("stored front matter does not read back: {e:#}\n{stored}"));
            assert_eq!(again.meta, statement.meta, "{stored}");
            assert_eq!(again.body(), format!("\n{BODY}"));
        }
        Err(error) => {
            let message = format!("{error:#}");
            assert!(message.starts_with("fuzz.md:"), "{message}");
            assert!(!message.contains('\n'), "more than one line: {message:?}");
            assert!(message.len() < 2000, "an error longer than a line: {}", message.len());
        }
    }
});

fn check_meta(meta: &Meta) {
    if let Some(date) = &meta.date {
        assert!(is_iso_date(date), "{date:?}");
        // A real date: the calendar agrees.
        let (y, m, d) = (&date[0..4], &date[5..7], &date[8..10]);
        let days = match m.parse::<u32>().unwrap() {
            2 => {
                let y: u32 = y.parse().unwrap();
                if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 29 } else { 28 }
            }
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            other => panic!("month {other} in {date}"),
        };
        assert!((1..=days).contains(&d.parse::<u32>().unwrap()), "{date}");
    }
}
