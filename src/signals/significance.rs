//! Significance: how much a change matters to an editor, 0..1.
//!
//! Each reason to look at a change has a weight w in 0..1, and the reasons
//! combine like independent chances: `S = 1 − Π (1 − w)`. So every reason raises
//! the score, none alone reaches 1, and the order of reasons does not matter.
//! Reasons: the kind of change, a move, how much of the sentence changed, where
//! it sits, and each kind of signal once (three names added weigh as one).
//! `docs/signals.md` lists the weights.

use std::collections::BTreeMap;

use crate::report::{Change, ChangeKind, Direction, Signal, SignalKind, round_ratio};

/// Weight of the kind of change.
fn kind_weight(kind: ChangeKind) -> f64 {
    match kind {
        ChangeKind::Unchanged | ChangeKind::Ignored => 0.0,
        ChangeKind::Revised => 0.10,
        ChangeKind::Added => 0.20,
        ChangeKind::Removed => 0.25,
    }
}

const MOVED: f64 = 0.10;
/// Times the share of words changed (1 − similarity).
const EXTENT: f64 = 0.20;
const FIRST_SENTENCE: f64 = 0.20;
const LEAD_PARAGRAPH: f64 = 0.10;

/// Weight of a signal: what a statement decides first, then changed
/// commitments, then figures that move, then what comes and goes.
fn signal_weight(signal: &Signal) -> f64 {
    let moved = matches!(
        signal.direction,
        Some(Direction::Increased | Direction::Decreased)
    );
    let came_or_went = matches!(
        signal.direction,
        Some(Direction::Added | Direction::Removed)
    );
    match signal.kind {
        SignalKind::Policy => 0.60,
        SignalKind::Negation => 0.45,
        // A commitment carried by a whole added or removed sentence: the
        // sentence's own weight already counts.
        SignalKind::Modality if came_or_went => 0.20,
        SignalKind::Modality => 0.45,
        SignalKind::Number if moved => 0.40,
        SignalKind::Number if came_or_went => 0.25,
        SignalKind::Number => 0.35,
        SignalKind::Quote => 0.30,
        SignalKind::Date if came_or_went => 0.20,
        SignalKind::Date => 0.25,
        SignalKind::Actor => 0.25,
        SignalKind::Timeframe => 0.20,
        SignalKind::Link => 0.20,
        SignalKind::Hedge | SignalKind::Intensifier => 0.10,
    }
}

/// The significance of a change (its `signals` already filled in).
pub fn significance(change: &Change) -> f64 {
    if !change.is_change() {
        return 0.0;
    }
    let mut weights = vec![
        kind_weight(change.kind),
        EXTENT * (1.0 - change.similarity).clamp(0.0, 1.0),
    ];
    if change.moved {
        weights.push(MOVED);
    }
    // Where the reader meets it: the new text, or the old one for a removal.
    let at = change.new.first().or(change.old.first());
    weights.push(match at {
        Some(s) if s.index == 0 => FIRST_SENTENCE,
        Some(s) if s.paragraph == 0 => LEAD_PARAGRAPH,
        _ => 0.0,
    });
    let mut strongest: BTreeMap<SignalKind, f64> = BTreeMap::new();
    for signal in &change.signals {
        let w = strongest.entry(signal.kind).or_default();
        *w = w.max(signal_weight(signal));
    }
    weights.extend(strongest.into_values());
    let keep = weights.iter().map(|w| 1.0 - w).product::<f64>();
    round_ratio(1.0 - keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SentenceRef;
    use crate::signals::tests::detect;

    fn sentence(index: usize, paragraph: usize, text: &str) -> SentenceRef {
        SentenceRef {
            index,
            paragraph,
            span: [0, 0],
            line: 1,
            column: 1,
            text: text.into(),
        }
    }

    /// A change at sentence `index` of paragraph `paragraph`, its signals detected.
    fn change(old: &str, new: &str, similarity: f64, index: usize, paragraph: usize) -> f64 {
        let kind = match (old.is_empty(), new.is_empty()) {
            (true, _) => ChangeKind::Added,
            (_, true) => ChangeKind::Removed,
            _ => ChangeKind::Revised,
        };
        let side = |text: &str| {
            (!text.is_empty())
                .then(|| sentence(index, paragraph, text))
                .into_iter()
                .collect()
        };
        let change = Change {
            kind,
            moved: false,
            similarity,
            old: side(old),
            new: side(new),
            new_paragraph: None,
            edits: Vec::new(),
            signals: detect(old, new),
            significance: 0.0,
            routine: false,
        };
        significance(&change)
    }

    #[test]
    fn polarity_and_commitment_outrank_wording_and_tone() {
        let negation = change(
            "The sides reached a deal.",
            "The sides did not reach a deal.",
            0.7,
            9,
            3,
        );
        let softened = change(
            "Both sides will allow convoys.",
            "Both sides may allow convoys.",
            0.8,
            9,
            3,
        );
        let rate = change(
            "The rate is 4.5 percent.",
            "The rate is 4.25 percent.",
            0.8,
            9,
            3,
        );
        let hedge = change(
            "Inflation is elevated.",
            "Inflation is somewhat elevated.",
            0.85,
            9,
            3,
        );
        let reworded = change(
            "The talks were held in a calm mood.",
            "The talks took place in a calm mood.",
            0.7,
            9,
            3,
        );
        assert!(negation > softened, "{negation} {softened}");
        assert!(
            softened > hedge && rate > hedge,
            "{softened} {rate} {hedge}"
        );
        assert!(hedge > reworded, "{hedge} {reworded}");
        assert!(reworded < 0.2, "{reworded}");
    }

    #[test]
    fn a_figure_change_outranks_a_plain_new_sentence() {
        let rate = change(
            "The rate is 4.5 percent.",
            "The rate is 4.25 percent.",
            0.8,
            9,
            3,
        );
        let added = change("", "The meeting took place in the capital.", 0.0, 9, 3);
        let removed = change("The meeting took place in the capital.", "", 0.0, 9, 3);
        assert!(rate > added && removed > added, "{rate} {added} {removed}");
    }

    #[test]
    fn the_lead_weighs_more() {
        let lead = change(
            "Talks resume on Monday.",
            "Talks resume next week.",
            0.6,
            0,
            0,
        );
        let second = change(
            "Talks resume on Monday.",
            "Talks resume next week.",
            0.6,
            2,
            0,
        );
        let deep = change(
            "Talks resume on Monday.",
            "Talks resume next week.",
            0.6,
            9,
            3,
        );
        assert!(lead > second && second > deep, "{lead} {second} {deep}");
    }

    #[test]
    fn scores_stay_in_range_and_unchanged_is_zero() {
        let many = change(
            "Gen. Ivo Tal will meet the U.N. on Saturday and agree to 4 percent, \"fully\".",
            "Officials may not meet next week and might discuss roughly 5 percent.",
            0.1,
            0,
            0,
        );
        assert!(many > 0.9 && many < 1.0, "{many}");
        let unchanged = Change {
            kind: ChangeKind::Unchanged,
            moved: false,
            similarity: 1.0,
            old: vec![sentence(0, 0, "Same.")],
            new: vec![sentence(0, 0, "Same.")],
            new_paragraph: None,
            edits: Vec::new(),
            signals: Vec::new(),
            significance: 0.0,
            routine: false,
        };
        assert_eq!(significance(&unchanged), 0.0);
    }
}
