//! Policy actions: a decision verb that changes in place — keep → lower,
//! raise → keep, begin → conclude — in a sentence that reports a decision.
//!
//! A revised sentence gets a `policy` signal when one changed run of its redline
//! drops a verb of one class (raise, lower, hold, begin, end) and puts in a verb
//! of another: the same slot, so the same object. When the action is the same on
//! both sides but the level it sets changed ("lower … to 4-1/2 percent" → "lower
//! … to 4-1/4 percent"), that is the decision too: a `policy` signal carries the
//! new level. Only sentences that report a decision count (a cue such as
//! "decided", "voted" or "approved" on either side), so "prices increased" →
//! "prices decreased" is a figure of the economy, not an action.

use super::text::PhraseSet;
use super::{Lexicon, Scope, Side, signal};
use crate::report::{ChangeKind, Direction, Signal, SignalKind};

/// What a decision verb does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Raise,
    Lower,
    Hold,
    Begin,
    End,
}

#[derive(Debug, Clone)]
pub struct ActionRules {
    verbs: PhraseSet<Action>,
    cues: PhraseSet<()>,
}

impl ActionRules {
    pub fn new(lexicon: &Lexicon) -> ActionRules {
        let p = &lexicon.policy;
        let verbs = [
            (&p.raise, Action::Raise),
            (&p.lower, Action::Lower),
            (&p.hold, Action::Hold),
            (&p.begin, Action::Begin),
            (&p.end, Action::End),
        ]
        .into_iter()
        .flat_map(|(words, action)| words.iter().map(move |w| (w.as_str(), action)));
        ActionRules {
            verbs: PhraseSet::new(verbs),
            cues: PhraseSet::new(p.cues.iter().map(|w| (w.as_str(), ()))),
        }
    }

    /// The policy action of a revised change, if a decision verb or the level
    /// it sets changed (`figures`: the change's figure signals).
    pub fn detect(
        &self,
        old: &Side<'_>,
        new: &Side<'_>,
        scope: &Scope<'_>,
        figures: &[Signal],
    ) -> Vec<Signal> {
        if scope.kind != ChangeKind::Revised
            || !(self.reports_decision(old) || self.reports_decision(new))
        {
            return Vec::new();
        }
        let (old_verbs, new_verbs) = (self.verbs_of(old), self.verbs_of(new));
        for block in scope.blocks {
            let first_in = |verbs: &[(std::ops::Range<usize>, Action, String)],
                            range: &std::ops::Range<usize>| {
                verbs
                    .iter()
                    .find(|(span, ..)| span.start >= range.start && span.end <= range.end)
                    .cloned()
            };
            let (Some((_, was, old_verb)), Some((_, now, new_verb))) = (
                first_in(&old_verbs, &block.old),
                first_in(&new_verbs, &block.new),
            ) else {
                continue;
            };
            if was == now {
                continue;
            }
            let (direction, note) = match now {
                Action::Raise => (Direction::Increased, " (up)"),
                Action::Lower => (Direction::Decreased, " (down)"),
                Action::Hold => (Direction::Changed, " (held)"),
                Action::Begin => (Direction::Changed, " (begun)"),
                Action::End => (Direction::Changed, " (ended)"),
            };
            return vec![signal(
                SignalKind::Policy,
                Some(direction),
                Some(&old_verb),
                Some(&new_verb),
                format!("policy action: {old_verb} → {new_verb}{note}"),
            )];
        }
        // The same action, a new level: the first rate that moved.
        let acts = |verbs: &[(std::ops::Range<usize>, Action, String)]| {
            verbs.iter().map(|(_, a, _)| *a).collect::<Vec<_>>()
        };
        let (old_acts, new_acts) = (acts(&old_verbs), acts(&new_verbs));
        if !old_acts.iter().any(|a| new_acts.contains(a)) {
            return Vec::new();
        }
        let is_rate = |s: &Option<String>| {
            s.as_deref()
                .is_some_and(|t| t.contains("percent") || t.contains('%'))
        };
        figures
            .iter()
            .find(|f| {
                f.kind == SignalKind::Number
                    && matches!(
                        f.direction,
                        Some(Direction::Increased | Direction::Decreased)
                    )
                    && is_rate(&f.old)
                    && is_rate(&f.new)
                    && !f.old.as_deref().is_some_and(|t| t.contains("point"))
            })
            .map(|f| {
                let note = if f.direction == Some(Direction::Increased) {
                    "up"
                } else {
                    "down"
                };
                let (was, now) = (
                    f.old.as_deref().unwrap_or(""),
                    f.new.as_deref().unwrap_or(""),
                );
                signal(
                    SignalKind::Policy,
                    f.direction,
                    f.old.as_deref(),
                    f.new.as_deref(),
                    format!("policy rate: {was} → {now} ({note})"),
                )
            })
            .into_iter()
            .collect()
    }

    fn reports_decision(&self, side: &Side<'_>) -> bool {
        !self.cues.find_all(&side.tokens, &side.claimed).is_empty()
    }

    /// Decision verbs of a side: byte span, class and text.
    fn verbs_of(&self, side: &Side<'_>) -> Vec<(std::ops::Range<usize>, Action, String)> {
        self.verbs
            .find_all(&side.tokens, &side.claimed)
            .into_iter()
            .map(|(i, len, action)| {
                let span = side.span(i, len);
                let text = side.text[span.clone()].to_string();
                (span, action, text)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::detect;
    use crate::report::SignalKind;

    fn policy(old: &str, new: &str) -> Vec<String> {
        detect(old, new)
            .into_iter()
            .filter(|s| s.kind == SignalKind::Policy)
            .map(|s| s.detail)
            .collect()
    }

    #[test]
    fn a_decision_verb_that_changes_is_a_policy_action() {
        assert_eq!(
            policy(
                "The Committee decided today to keep its target for the federal funds rate at 5-1/4 percent.",
                "The Committee decided today to lower its target for the federal funds rate by 50 basis points to 4-3/4 percent."
            ),
            ["policy action: keep → lower (down)"]
        );
        assert_eq!(
            policy(
                "The Committee voted to raise its target rate to 3 percent.",
                "The Committee voted to keep its target rate at 3 percent."
            ),
            ["policy action: raise → keep (held)"]
        );
        assert_eq!(
            policy(
                "The Board decided to begin purchases of agency securities.",
                "The Board decided to conclude purchases of agency securities."
            ),
            ["policy action: begin → conclude (ended)"]
        );
    }

    #[test]
    fn the_same_action_at_a_new_level_is_a_policy_action() {
        assert_eq!(
            policy(
                "The Committee decided to lower its target by 25 basis points to 4-1/2 percent.",
                "The Committee decided to lower its target by 25 basis points to 4-1/4 percent."
            ),
            ["policy rate: 4-1/2 percent → 4-1/4 percent (down)"]
        );
        // The size of the move is no level.
        assert!(
            policy(
                "The Committee decided to lower its target by 25 basis points.",
                "The Committee decided to lower its target by 50 basis points."
            )
            .is_empty()
        );
    }

    #[test]
    fn no_decision_is_no_policy_action() {
        // A description of the economy, not a decision.
        assert!(
            policy(
                "Prices increased over the quarter.",
                "Prices decreased over the quarter."
            )
            .is_empty()
        );
    }
}
