//! Links: where a link points. Its text is read and compared as words (see
//! [`crate::reading`]); its target is not, so a revised sentence whose link
//! now points elsewhere is told here, once, and never spelled out in its
//! redline.

use super::signal;
use crate::reading::Link;
use crate::report::{Direction, Signal, SignalKind};

/// Link targets changed, added or dropped: `old` and `new` are the links of
/// each side's sentences, in order. Targets are compared by
/// [`Link::target_key`].
pub fn detect(old: &[&Link], new: &[&Link]) -> Vec<Signal> {
    // A target found on both sides is no change, one for one.
    let mut unmatched: Vec<Option<&Link>> = new.iter().copied().map(Some).collect();
    let mut old_left = Vec::new();
    for &link in old {
        let twin = unmatched
            .iter()
            .position(|n| n.is_some_and(|n| n.target_key() == link.target_key()));
        match twin {
            Some(j) => unmatched[j] = None,
            None => old_left.push(link),
        }
    }
    let mut new_left: Vec<&Link> = unmatched.into_iter().flatten().collect();
    let mut signals = Vec::new();
    for o in old_left {
        // The same text pointing elsewhere, else the next link left over.
        let pair = new_left
            .iter()
            .position(|n| n.text == o.text)
            .or((!new_left.is_empty()).then_some(0));
        let Some(j) = pair else {
            let detail = format!("link dropped: {} ({})", o.text, o.target);
            signals.push(signal(
                SignalKind::Link,
                Some(Direction::Removed),
                Some(&o.target),
                None,
                detail,
            ));
            continue;
        };
        let n = new_left.remove(j);
        let detail = format!("link changed: {} → {}", o.target, n.target);
        signals.push(signal(
            SignalKind::Link,
            Some(Direction::Changed),
            Some(&o.target),
            Some(&n.target),
            detail,
        ));
    }
    for n in new_left {
        let detail = format!("link added: {} ({})", n.text, n.target);
        signals.push(signal(
            SignalKind::Link,
            Some(Direction::Added),
            None,
            Some(&n.target),
            detail,
        ));
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, target: &str) -> Link {
        Link {
            text: text.into(),
            target: target.into(),
        }
    }

    fn details(old: &[&Link], new: &[&Link]) -> Vec<String> {
        detect(old, new).into_iter().map(|s| s.detail).collect()
    }

    #[test]
    fn a_target_changed_is_one_signal() {
        let faq = link("Memory FAQ", "https://example.org/memory");
        let moved = link("Memory FAQ", "https://example.org/help/memory");
        let terms = link("terms", "/terms");
        assert_eq!(
            details(&[&terms, &faq], &[&moved, &terms]),
            ["link changed: https://example.org/memory → https://example.org/help/memory"]
        );
        assert!(details(&[&faq, &terms], &[&faq, &terms]).is_empty());
        assert_eq!(
            details(&[&faq], &[]),
            ["link dropped: Memory FAQ (https://example.org/memory)"]
        );
        assert_eq!(details(&[], &[&terms]), ["link added: terms (/terms)"]);
    }
}
