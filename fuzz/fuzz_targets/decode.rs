//! Bytes → decoded text → front matter + body: any input gives a statement or
//! an error, and a statement's body lies inside its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redliner::statement::Statement;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(statement) = Statement::parse("fuzz.md", bytes) {
        assert!(statement.body_start <= statement.text.len());
        assert!(statement.text.is_char_boundary(statement.body_start));
        if let Some(date) = &statement.meta.date {
            assert!(redliner::statement::is_iso_date(date));
        }
    }
});
