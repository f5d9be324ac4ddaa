//! Quotations: text inside quotation marks added, removed or altered.
//!
//! Works on folded text, where every double quotation mark is `"`. A quotation
//! split across sentences keeps its open end: an opening mark with no closing
//! one runs to the end of the text, a closing mark with no opening one from the
//! start.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use super::{Item, Pairing, Scope, Side, pairings, signal};
use crate::report::{Direction, Signal, SignalKind};

/// Quotations longer than this are shortened in `old`/`new` and details.
const SHOWN_CHARS: usize = 80;

pub fn detect(old: &Side<'_>, new: &Side<'_>, scope: &Scope<'_>) -> Vec<Signal> {
    let mut signals = Vec::new();
    let old_quotes = extract(old);
    let new_quotes = extract(new);
    let (old_quotes, new_quotes) = pair_by_words(old_quotes, new_quotes, &mut signals);
    for pairing in pairings(old_quotes, new_quotes, scope.blocks, false) {
        match pairing {
            Pairing::Changed(o, n) => signals.push(altered(&o, &n)),
            Pairing::Removed(q) | Pairing::Added(q) if scope.known(SignalKind::Quote, &q.key) => {}
            Pairing::Removed(o) => signals.push(signal(
                SignalKind::Quote,
                Some(Direction::Removed),
                Some(&o.show),
                None,
                format!("quote dropped: {}", o.show),
            )),
            Pairing::Added(n) => signals.push(signal(
                SignalKind::Quote,
                Some(Direction::Added),
                None,
                Some(&n.show),
                format!("quote added: {}", n.show),
            )),
        }
    }
    signals
}

fn altered(o: &Item<()>, n: &Item<()>) -> Signal {
    signal(
        SignalKind::Quote,
        Some(Direction::Changed),
        Some(&o.show),
        Some(&n.show),
        format!("quote altered: {} → {}", o.show, n.show),
    )
}

/// Quotations that share most of their words are one quotation altered, wherever
/// they sit; identical ones (same words, any punctuation) cancel out.
fn pair_by_words(
    old: Vec<Item<()>>,
    new: Vec<Item<()>>,
    signals: &mut Vec<Signal>,
) -> (Vec<Item<()>>, Vec<Item<()>>) {
    let (old, mut new) = super::cancel(old, new, false);
    let mut left = Vec::new();
    for o in old {
        let best = new
            .iter()
            .enumerate()
            .map(|(j, n)| (j, overlap(&o.key, &n.key)))
            .filter(|&(_, score)| score >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((j, _)) => {
                let n = new.remove(j);
                signals.push(altered(&o, &n));
            }
            None => left.push(o),
        }
    }
    (left, new)
}

/// Dice overlap of two keys' word sets.
fn overlap(a: &str, b: &str) -> f64 {
    let a: HashSet<&str> = a.split(' ').collect();
    let b: HashSet<&str> = b.split(' ').collect();
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()).max(1) as f64
}

/// The quotations of a side; the key is their lowercase words.
pub fn extract(side: &Side<'_>) -> Vec<Item<()>> {
    let text = side.text;
    spans(text)
        .into_iter()
        .filter_map(|span| {
            let quoted = quoted_text(text, &span);
            let key = key_of(quoted);
            (!key.is_empty()).then(|| Item {
                key,
                show: shorten(&format!("\"{quoted}\"")),
                span,
                extra: (),
            })
        })
        .collect()
}

/// The keys of a side's quotations: all an inventory keeps.
pub fn keys<'a>(side: &Side<'a>) -> impl Iterator<Item = String> + 'a {
    let text = side.text;
    spans(text)
        .into_iter()
        .map(move |span| key_of(quoted_text(text, &span)))
        .filter(|key| !key.is_empty())
}

/// Byte spans of the quotations in `text`, marks included.
fn spans(text: &str) -> Vec<Range<usize>> {
    let marks: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    let opens = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([{—-/".contains(c))
    };
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for &at in &marks {
        match open {
            None if opens(at) => open = Some(at),
            // A closing mark before any opening one: the quotation began earlier.
            None if spans.is_empty() => spans.push(0..at + 1),
            None => {}
            Some(start) => {
                spans.push(start..at + 1);
                open = None;
            }
        }
    }
    if let Some(start) = open {
        spans.push(start..text.len());
    }
    spans
}

/// What a quotation says, without its marks and the white space inside them.
fn quoted_text<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
    text[span.clone()].trim_matches(|c: char| c == '"' || c.is_whitespace())
}

/// A quotation's words in lowercase, joined by single spaces (built in place:
/// a statement's inventory keys every quotation it has).
fn key_of(quoted: &str) -> String {
    let mut key = String::with_capacity(quoted.len());
    for word in crate::fold::words(quoted) {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            let start = key.len();
            key.push_str(word);
            key[start..].make_ascii_lowercase();
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SHOWN_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::super::tests::detect;
    use super::*;

    #[test]
    fn the_index_keys_are_the_keys_of_the_quotations() {
        for text in [
            "He said \"We WILL return\" and \"Nous reviendrons, Élise\".",
            "\"\" is empty; \"A quote running to the end",
            "ended earlier.\" Then \"ΣΟΦΟΣ λόγος\" was quoted.",
            "No quotation here.",
        ] {
            let side = Side::new(text, &[0]);
            let from_items: Vec<String> = extract(&side).into_iter().map(|q| q.key).collect();
            assert_eq!(keys(&side).collect::<Vec<_>>(), from_items, "{text}");
            for span in spans(text) {
                let quoted = quoted_text(text, &span);
                let joined = crate::fold::words(quoted)
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(key_of(quoted), joined, "{quoted}");
            }
        }
    }

    fn quotes(old: &str, new: &str) -> Vec<(Option<Direction>, String)> {
        detect(old, new)
            .into_iter()
            .filter(|s| s.kind == SignalKind::Quote)
            .map(|s| (s.direction, s.detail))
            .collect()
    }

    #[test]
    fn altered_added_and_dropped_quotations() {
        assert_eq!(
            quotes(
                "He called the talks \"constructive.\"",
                "He called the talks \"productive.\""
            ),
            [(
                Some(Direction::Changed),
                "quote altered: \"constructive.\" → \"productive.\"".to_string()
            )]
        );
        assert_eq!(
            quotes(
                "\"We came to listen, and we intend to keep listening,\" she said.",
                "\"We came to listen,\" she said."
            )[0]
            .0,
            Some(Direction::Changed)
        );
        assert_eq!(
            quotes(
                "She said her side would study the plan.",
                "She said her side would \"study the plan.\""
            )[0]
            .0,
            Some(Direction::Added)
        );
        // Punctuation inside the marks and apostrophes are not quotations changing.
        assert!(
            quotes(
                "He called it \"constructive.\"",
                "He called it \"constructive\"."
            )
            .is_empty()
        );
        assert!(quotes("The envoy's plan stands.", "The envoy's plan still stands.").is_empty());
    }

    #[test]
    fn open_ended_quotations_are_found() {
        let side = Side::new("it was \"a first step. And more", &[0]);
        assert_eq!(extract(&side)[0].key, "a first step and more");
        let side = Side::new("more to come,\" he said.", &[0]);
        assert_eq!(extract(&side)[0].key, "more to come");
    }
}
