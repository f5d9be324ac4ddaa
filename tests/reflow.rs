//! Reflow is not change: the benchmark corpus's *reflow* pairs carry exactly the
//! edits of its *normal* pairs, only hard-wrapped at 72 and 100 columns, so both
//! must give the same report (zero spurious changes).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use redliner::compare::{CompareOptions, compare};
use redliner::statement::Statement;

fn report(old: &str, new: &str) -> redliner::report::Report {
    compare(
        Statement::parse("old.md", old.as_bytes()).unwrap(),
        Statement::parse("new.md", new.as_bytes()).unwrap(),
        &CompareOptions::default(),
    )
}

#[test]
fn wrapped_pairs_report_exactly_the_edits_of_unwrapped_ones() {
    for seed in [1, 2, 3] {
        let (old, new) = corpus::pair(40_000, corpus::Variant::Normal, seed);
        let (old_wrapped, new_wrapped) = corpus::pair(40_000, corpus::Variant::Reflow, seed);
        assert_ne!(old, old_wrapped, "the reflow variant is wrapped");
        let plain = report(&old, &new);
        let wrapped = report(&old_wrapped, &new_wrapped);
        assert!(
            plain.stats.revised + plain.stats.added > 0,
            "the pair has edits"
        );
        assert_eq!(plain.stats, wrapped.stats, "seed {seed}");
        let kinds = |r: &redliner::report::Report| -> Vec<_> {
            r.changes
                .iter()
                .map(|c| (c.kind, c.moved, c.edits.clone()))
                .collect()
        };
        assert_eq!(kinds(&plain), kinds(&wrapped), "seed {seed}");
        // And a statement against its own rewrapping says nothing changed.
        assert!(report(&old, &old_wrapped).is_unchanged(), "seed {seed}");
    }
}
