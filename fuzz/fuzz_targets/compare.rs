//! Compare two arbitrary inputs (split at the first 0xFF byte): every sentence
//! of both sides is in exactly one change, and redlines rebuild both sides.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redliner::compare::{CompareOptions, compare};
use redliner::fold::fold;
use redliner::redline::{new_text, old_text};
use redliner::report::ChangeKind;
use redliner::statement::Statement;

fuzz_target!(|bytes: &[u8]| {
    let (a, b) = match bytes.iter().position(|&x| x == 0xFF) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (bytes, &b""[..]),
    };
    let (Ok(old), Ok(new)) = (Statement::parse("a", a), Statement::parse("b", b)) else {
        return;
    };
    let report = compare(old, new, &CompareOptions::default());
    let mut old_seen = vec![0u8; report.old.sentences];
    let mut new_seen = vec![0u8; report.new.sentences];
    for change in &report.changes {
        change.old.iter().for_each(|r| old_seen[r.index] += 1);
        change.new.iter().for_each(|r| new_seen[r.index] += 1);
        if change.kind == ChangeKind::Revised {
            let join = |refs: &[redliner::report::SentenceRef]| {
                refs.iter().map(|r| fold(&r.text)).collect::<Vec<_>>().join(" ")
            };
            assert_eq!(old_text(&change.edits), join(&change.old));
            assert_eq!(new_text(&change.edits), join(&change.new));
        }
    }
    assert!(old_seen.iter().chain(&new_seen).all(|&n| n == 1));
});
