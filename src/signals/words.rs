//! Word-list signals: commitment (modality), hedges and intensifiers, negation.

use rustc_hash::FxHashSet as HashSet;

use super::text::PhraseSet;
use super::{Item, Lexicon, Pairing, Scope, Side, pairings, signal};
use crate::report::{ChangeKind, Direction, Signal, SignalKind};

/// Rank on the commitment scale.
const STRONG: u8 = 3;
const MEDIUM: u8 = 2;
const WEAK: u8 = 1;

#[derive(Debug, Clone)]
pub struct WordRules {
    modality: PhraseSet<u8>,
    /// Lowercase markers that also mark the future ("will").
    future: HashSet<String>,
    /// Lowercase markers that count without a replacement ("may").
    auxiliaries: HashSet<String>,
    /// Hedges (`false`) and intensifiers (`true`).
    tone: PhraseSet<bool>,
    negators: PhraseSet<()>,
    exceptions: PhraseSet<()>,
}

impl WordRules {
    pub fn new(lexicon: &Lexicon) -> WordRules {
        let m = &lexicon.modality;
        let modality = m
            .strong
            .iter()
            .map(|w| (w.as_str(), STRONG))
            .chain(m.medium.iter().map(|w| (w.as_str(), MEDIUM)))
            .chain(m.weak.iter().map(|w| (w.as_str(), WEAK)));
        let tone = lexicon
            .hedges
            .words
            .iter()
            .map(|w| (w.as_str(), false))
            .chain(
                lexicon
                    .intensifiers
                    .words
                    .iter()
                    .map(|w| (w.as_str(), true)),
            );
        let lowercase = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        WordRules {
            modality: PhraseSet::new(modality),
            future: lowercase(&m.future),
            auxiliaries: lowercase(&m.auxiliaries),
            tone: PhraseSet::new(tone),
            negators: PhraseSet::new(lexicon.negation.words.iter().map(|w| (w.as_str(), ()))),
            exceptions: PhraseSet::new(
                lexicon.negation.exceptions.iter().map(|w| (w.as_str(), ())),
            ),
        }
    }

    pub fn detect(&self, old: &Side<'_>, new: &Side<'_>, scope: &Scope<'_>) -> Vec<Signal> {
        let (old_modals, old_claimed) = self.modals(old);
        let (new_modals, new_claimed) = self.modals(new);
        match scope.kind {
            ChangeKind::Revised => {
                let mut signals = self.negation(old, new);
                signals.extend(self.modality_shift(old_modals, new_modals, scope));
                signals.extend(self.tone(old, &old_claimed, new, &new_claimed));
                signals
            }
            // A whole sentence added or dropped: only a commitment is worth a signal.
            _ => self.commitments(old_modals, new_modals),
        }
    }

    /// Modality markers with their rank, and the tokens they claim.
    fn modals(&self, side: &Side<'_>) -> (Vec<Item<u8>>, Vec<bool>) {
        let mut claimed = side.claimed.clone();
        let mut items = Vec::new();
        for (i, len, rank) in self.modality.find_all(&side.tokens, &side.claimed) {
            if !is_modal_use(side, i) {
                continue;
            }
            claimed[i..i + len].iter_mut().for_each(|c| *c = true);
            let span = side.span(i, len);
            let show = side.text[span.clone()].to_string();
            items.push(Item {
                key: show.to_lowercase(),
                show,
                span,
                extra: rank,
            });
        }
        (items, claimed)
    }

    /// Hedges and intensifiers that appear on one side only.
    fn tone(
        &self,
        old: &Side<'_>,
        old_claimed: &[bool],
        new: &Side<'_>,
        new_claimed: &[bool],
    ) -> Vec<Signal> {
        let items = |side: &Side<'_>, claimed: &[bool]| -> Vec<Item<bool>> {
            self.tone
                .find_all(&side.tokens, claimed)
                .into_iter()
                .map(|(i, len, intensifier)| {
                    let span = side.span(i, len);
                    let show = side.text[span.clone()].to_string();
                    Item {
                        key: show.to_lowercase(),
                        show,
                        span,
                        extra: intensifier,
                    }
                })
                .collect()
        };
        let old = items(old, old_claimed);
        let new = items(new, new_claimed);
        let (old, new) = super::cancel(old, new, true);
        let mut signals = Vec::new();
        for (item, added) in old
            .iter()
            .map(|i| (i, false))
            .chain(new.iter().map(|i| (i, true)))
        {
            let (kind, name) = if item.extra {
                (SignalKind::Intensifier, "intensifier")
            } else {
                (SignalKind::Hedge, "hedge")
            };
            let (direction, verb, old, new) = if added {
                (Direction::Added, "added", None, Some(item.show.as_str()))
            } else {
                (
                    Direction::Removed,
                    "dropped",
                    Some(item.show.as_str()),
                    None,
                )
            };
            signals.push(signal(
                kind,
                Some(direction),
                old,
                new,
                format!("{name} {verb}: {}", item.show),
            ));
        }
        signals
    }

    /// Negators counted on each side; a different count flips the polarity.
    fn negation(&self, old: &Side<'_>, new: &Side<'_>) -> Vec<Signal> {
        let old_negators = self.negators_of(old);
        let new_negators = self.negators_of(new);
        let (gone, came) = super::cancel(old_negators, new_negators, false);
        let (direction, verb, shown) = match gone.len().cmp(&came.len()) {
            std::cmp::Ordering::Less => (Direction::Added, "added", &came),
            std::cmp::Ordering::Greater => (Direction::Removed, "removed", &gone),
            std::cmp::Ordering::Equal => return Vec::new(),
        };
        let words: Vec<&str> = shown.iter().map(|i| i.show.as_str()).collect();
        let words = words.join(", ");
        let (old, new) = match direction {
            Direction::Added => (None, Some(words.as_str())),
            _ => (Some(words.as_str()), None),
        };
        vec![signal(
            SignalKind::Negation,
            Some(direction),
            old,
            new,
            format!("negation {verb}: {words}"),
        )]
    }

    /// Negators with the word they negate ("not reach"), keyed by the negator.
    fn negators_of(&self, side: &Side<'_>) -> Vec<Item<()>> {
        let mut items = Vec::new();
        let mut i = 0;
        let tokens = &side.tokens;
        while i < tokens.len() {
            if side.claimed[i] {
                i += 1;
                continue;
            }
            if let Some((len, ())) = self.exceptions.match_at(tokens, i) {
                i += len;
                continue;
            }
            let len = match self.negators.match_at(tokens, i) {
                Some((len, ())) => len,
                None if tokens[i].lower.ends_with("n't") => 1,
                None => {
                    i += 1;
                    continue;
                }
            };
            // "No. 5" is a number, not a negation.
            let numbered =
                tokens[i].lower == "no" && tokens.get(i + 1).is_some_and(|t| t.text == ".");
            if !numbered {
                let key = tokens[i..i + len]
                    .iter()
                    .map(|t| t.lower.replace("n't", " not"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let shown_len = if tokens.get(i + len).is_some_and(|t| t.is_word()) {
                    len + 1
                } else {
                    len
                };
                let span = side.span(i, shown_len);
                items.push(Item {
                    key: canonical_negator(&key),
                    show: side.text[span.clone()].to_string(),
                    span,
                    extra: (),
                });
            }
            i += len;
        }
        items
    }
}

impl WordRules {
    /// A revised sentence's markers moved on the scale: strengthened or softened.
    fn modality_shift(
        &self,
        old: Vec<Item<u8>>,
        new: Vec<Item<u8>>,
        scope: &Scope<'_>,
    ) -> Vec<Signal> {
        let mut signals = Vec::new();
        // Alone (added or dropped with no replacement) only auxiliaries count.
        let alone = |item: &Item<u8>| self.auxiliaries.contains(&item.key);
        for pairing in pairings(old, new, scope.blocks, true) {
            let (direction, old, new) = match &pairing {
                Pairing::Changed(o, n) if n.extra > o.extra => {
                    (Direction::Strengthened, Some(o), Some(n))
                }
                Pairing::Changed(o, n) if n.extra < o.extra => {
                    (Direction::Softened, Some(o), Some(n))
                }
                Pairing::Changed(..) => continue,
                Pairing::Removed(o) | Pairing::Added(o) if !alone(o) => continue,
                // A "may" dropped hardens the sentence, a "must" dropped softens it.
                Pairing::Removed(o) if o.extra == WEAK => (Direction::Strengthened, Some(o), None),
                Pairing::Removed(o) => (Direction::Softened, Some(o), None),
                Pairing::Added(n) if n.extra == WEAK => (Direction::Softened, None, Some(n)),
                Pairing::Added(n) => (Direction::Strengthened, None, Some(n)),
            };
            let verb = direction.as_str();
            let detail = match (old, new) {
                (Some(o), Some(n)) => format!("{verb}: {} → {}", o.show, n.show),
                (Some(o), None) => format!("{verb}: {} dropped", o.show),
                (None, Some(n)) => format!("{verb}: {} added", n.show),
                (None, None) => unreachable!("a pairing has a side"),
            };
            signals.push(signal(
                SignalKind::Modality,
                Some(direction),
                old.map(|o| o.show.as_str()),
                new.map(|n| n.show.as_str()),
                detail,
            ));
        }
        signals
    }

    /// An added or removed sentence that made a commitment: one signal.
    fn commitments(&self, old: Vec<Item<u8>>, new: Vec<Item<u8>>) -> Vec<Signal> {
        let strong = |items: Vec<Item<u8>>| -> Option<String> {
            let mut words: Vec<String> = Vec::new();
            let commitment = |i: &Item<u8>| i.extra == STRONG && !self.future.contains(&i.key);
            for item in items.into_iter().filter(commitment) {
                if !words.contains(&item.key) {
                    words.push(item.key);
                }
            }
            (!words.is_empty()).then(|| words.join(", "))
        };
        let mut signals = Vec::new();
        if let Some(words) = strong(old) {
            let detail = format!("{} dropped: {words}", rank_name(STRONG));
            signals.push(signal(
                SignalKind::Modality,
                Some(Direction::Removed),
                Some(&words),
                None,
                detail,
            ));
        }
        if let Some(words) = strong(new) {
            let detail = format!("{} made: {words}", rank_name(STRONG));
            signals.push(signal(
                SignalKind::Modality,
                Some(Direction::Added),
                None,
                Some(&words),
                detail,
            ));
        }
        signals
    }
}

/// "didn't" and "did not", "cannot" and "can not" are one negator.
fn canonical_negator(key: &str) -> String {
    let key = key.replace("cannot", "can not");
    if key.ends_with(" not") || key == "not" {
        "not".to_string()
    } else {
        key
    }
}

/// "May" the month and "will" the noun ("political will") are not modal verbs.
fn is_modal_use(side: &Side<'_>, i: usize) -> bool {
    let token = &side.tokens[i];
    if token.lower == "may" && token.is_capitalized() {
        let next_is_figure = side
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == super::text::TokenKind::Number);
        return side.sentence_start[i] && !next_is_figure;
    }
    if token.lower == "will" {
        let before = i.checked_sub(1).map(|j| side.tokens[j].lower.as_ref());
        let noun = matches!(
            before,
            Some(
                "the"
                    | "political"
                    | "good"
                    | "ill"
                    | "its"
                    | "their"
                    | "our"
                    | "his"
                    | "her"
                    | "of"
                    | "free"
            )
        );
        return !noun;
    }
    true
}

fn rank_name(rank: u8) -> &'static str {
    match rank {
        STRONG => "commitment",
        MEDIUM => "intention",
        _ => "possibility",
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::detect;
    use crate::report::{Direction, SignalKind};

    fn of(kind: SignalKind, old: &str, new: &str) -> Vec<(Option<Direction>, String)> {
        detect(old, new)
            .into_iter()
            .filter(|s| s.kind == kind)
            .map(|s| (s.direction, s.detail))
            .collect()
    }

    #[test]
    fn modality_moves_on_the_scale() {
        let m = |old, new| of(SignalKind::Modality, old, new);
        assert_eq!(
            m(
                "Both sides will allow convoys.",
                "Both sides may allow convoys."
            ),
            [(
                Some(Direction::Softened),
                "softened: will → may".to_string()
            )]
        );
        assert_eq!(
            m(
                "The parties discussed an extension.",
                "The parties agreed to an extension."
            ),
            [(
                Some(Direction::Strengthened),
                "strengthened: discussed → agreed to".to_string()
            )]
        );
        assert_eq!(
            m("Talks may resume in Geneva.", "Talks resume in Geneva."),
            [(
                Some(Direction::Strengthened),
                "strengthened: may dropped".to_string()
            )]
        );
        // Same rank, "May" the month, "will" the noun: nothing.
        assert!(m("They will meet.", "They shall meet.").is_empty());
        assert!(m("They met in April.", "They met in May.").is_empty());
        assert!(m("It showed good faith.", "It showed good will.").is_empty());
    }

    #[test]
    fn commitments_of_added_and_removed_sentences() {
        let m = of(
            SignalKind::Modality,
            "",
            "The parties agreed to exchange detainees.",
        );
        assert_eq!(
            m,
            [(
                Some(Direction::Added),
                "commitment made: agreed to".to_string()
            )]
        );
        // "will" alone is tense: dropped, or in a new sentence, it is no commitment.
        assert!(
            of(
                SignalKind::Modality,
                "",
                "The exchange will take place on Monday."
            )
            .is_empty()
        );
        assert!(
            of(
                SignalKind::Modality,
                "It will be carried out.",
                "It was carried out."
            )
            .is_empty()
        );
        assert!(of(SignalKind::Modality, "The sides may meet again.", "").is_empty());
    }

    #[test]
    fn hedges_and_intensifiers_added_or_dropped() {
        assert_eq!(
            of(
                SignalKind::Hedge,
                "Inflation is somewhat elevated.",
                "Inflation is elevated."
            ),
            [(
                Some(Direction::Removed),
                "hedge dropped: somewhat".to_string()
            )]
        );
        assert_eq!(
            of(
                SignalKind::Intensifier,
                "They made progress.",
                "They made real progress."
            ),
            [(
                Some(Direction::Added),
                "intensifier added: real".to_string()
            )]
        );
        // Present on both sides, only moved: nothing.
        assert!(
            detect(
                "Some progress was made on prisoners.",
                "On prisoners, some progress was made."
            )
            .is_empty()
        );
    }

    #[test]
    fn negation_counts_negators_not_spellings() {
        let n = |old, new| of(SignalKind::Negation, old, new);
        assert_eq!(
            n("They reached agreement.", "They did not reach agreement."),
            [(
                Some(Direction::Added),
                "negation added: not reach".to_string()
            )]
        );
        assert_eq!(
            n("We cannot accept it.", "We can accept it.")[0].0,
            Some(Direction::Removed)
        );
        assert!(n("They did not agree.", "They didn't agree.").is_empty());
        assert!(n("Group No. 5 met.", "Group 5 met.").is_empty());
        assert!(n("It will act.", "It will act without delay.").is_empty());
        assert!(n("It covers trade.", "It covers not only trade but also aid.").is_empty());
    }
}
