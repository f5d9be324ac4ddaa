//! How alike two sentences are, as alignment sees them.
//!
//! Similarity is the weighted Dice coefficient of the two sentences' words taken
//! as multisets: `2·M / (|a| + |b|)`, where `|a|` is the total weight of a's
//! words and M the weight of the words both share. Words are lowercased and
//! stripped of a plural or possessive `s`. A word's weight says how much sharing
//! it tells: function words ("the", "of", "will") weigh [`FUNCTION_WORD_WEIGHT`];
//! words with a digit (figures, dates) weigh [`FIGURE_WEIGHT`]; other words 1. Word order
//! does not count: a sentence restructured around the same words is still that
//! sentence.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Weight of a function word (see [`crate::fold::is_stopword`]): sharing only
/// "the … at the next" says little about two sentences being one.
pub const FUNCTION_WORD_WEIGHT: f32 = 0.25;

/// Weight of a word with a digit: a shared figure or date is stronger evidence
/// than a shared common word.
pub const FIGURE_WEIGHT: f32 = 1.5;

/// The words of the sentences alignment still has to place, as sorted word ids,
/// and what each word weighs. Words are interned once so that scoring a pair is
/// a merge of two short integer lists.
pub(super) struct Words {
    pub(super) old: Sentences,
    pub(super) new: Sentences,
    /// Weight of each word id.
    weight: Vec<f32>,
}

/// The sorted word ids of one side's sentences (none for sentences already
/// placed), kept in one buffer rather than a vector per sentence, with each
/// sentence's total weight.
pub(super) struct Sentences {
    ids: Vec<u32>,
    /// Where each sentence's ids end in `ids`; they start where the previous end.
    ends: Vec<usize>,
    /// Total weight of each sentence's words, summed in id order as
    /// [`weighted_dice`] sums them.
    total: Vec<f32>,
}

impl Sentences {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }
}

impl Words {
    /// Interns the words of the sentences for which `old_free`/`new_free` hold.
    pub(super) fn new<'a>(
        old_keys: &[&'a str],
        new_keys: &[&'a str],
        old_free: impl Fn(usize) -> bool,
        new_free: impl Fn(usize) -> bool,
    ) -> Words {
        let mut interner = Interner::default();
        let mut side = |keys: &[&'a str], free: &dyn Fn(usize) -> bool| -> Sentences {
            let mut ids = Vec::new();
            let mut ends = Vec::with_capacity(keys.len());
            for (i, k) in keys.iter().enumerate() {
                if free(i) {
                    interner.sentence(k, &mut ids);
                }
                ends.push(ids.len());
            }
            Sentences {
                ids,
                ends,
                total: Vec::new(),
            }
        };
        let mut old = side(old_keys, &old_free);
        let mut new = side(new_keys, &new_free);
        let weight = interner.weight;
        for side in [&mut old, &mut new] {
            side.total = (0..side.len())
                .map(|i| total_weight(side.get(i), &weight))
                .collect();
        }
        Words { old, new, weight }
    }

    pub(super) fn vocabulary(&self) -> usize {
        self.weight.len()
    }

    pub(super) fn is_function_word(&self, id: u32) -> bool {
        self.weight[id as usize] < 1.0
    }

    /// Similarity of the old sentences `old` taken together with the new `new`.
    pub(super) fn similarity(&self, old: &[usize], new: &[usize]) -> f32 {
        // One sentence a side, the common case: both totals are known.
        if let ([o], [n]) = (old, new) {
            let (a, b) = (self.old.get(*o), self.new.get(*n));
            return dice(a, b, self.old.total[*o] + self.new.total[*n], &self.weight);
        }
        fn gather<'a>(side: &'a Sentences, ids: &[usize]) -> Cow<'a, [u32]> {
            match ids {
                [one] => Cow::Borrowed(side.get(*one)),
                many => {
                    let mut all: Vec<u32> = many
                        .iter()
                        .flat_map(|&i| side.get(i).iter().copied())
                        .collect();
                    all.sort_unstable();
                    Cow::Owned(all)
                }
            }
        }
        weighted_dice(
            &gather(&self.old, old),
            &gather(&self.new, new),
            &self.weight,
        )
    }
}

/// Word ids by their form as similarity sees it.
#[derive(Default)]
struct Interner<'a> {
    /// Ids of words as written: most words recur, and looking one up here
    /// skips lowercasing, stemming and the function-word check.
    raw: HashMap<&'a str, u32>,
    ids: HashMap<String, u32>,
    weight: Vec<f32>,
}

impl<'a> Interner<'a> {
    /// Appends the sorted word ids of a sentence to `ids`.
    fn sentence(&mut self, text: &'a str, ids: &mut Vec<u32>) {
        let start = ids.len();
        ids.extend(crate::fold::words(text).map(|w| self.word(w)));
        ids[start..].sort_unstable();
    }

    fn word(&mut self, word: &'a str) -> u32 {
        if let Some(&id) = self.raw.get(word) {
            return id;
        }
        let lower = word.to_lowercase();
        let function_word = crate::fold::is_stopword(&lower);
        let weight = if function_word {
            FUNCTION_WORD_WEIGHT
        } else if word.chars().any(|c| c.is_ascii_digit()) {
            FIGURE_WEIGHT
        } else {
            1.0
        };
        let form = if function_word { lower } else { stem(lower) };
        let next = self.weight.len() as u32;
        let id = *self.ids.entry(form).or_insert_with(|| {
            self.weight.push(weight);
            next
        });
        self.raw.insert(word, id);
        id
    }
}

/// A word as similarity sees it: lowercase, without a possessive or plural `s`,
/// so that "projects" and "project", "ministry's" and "ministry" match.
fn stem(mut w: String) -> String {
    for suffix in ["'s", "’s"] {
        if w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    w
}

/// `2·M / (|a| + |b|)` over weighted words, M the weight of the words both
/// share (as multisets; `a` and `b` sorted).
fn weighted_dice(a: &[u32], b: &[u32], weight: &[f32]) -> f32 {
    dice(
        a,
        b,
        total_weight(a, weight) + total_weight(b, weight),
        weight,
    )
}

/// The weight of a sentence's words, in their order.
fn total_weight(ids: &[u32], weight: &[f32]) -> f32 {
    ids.iter().map(|&i| weight[i as usize]).sum::<f32>()
}

/// [`weighted_dice`] given `total`, the weight of `a` plus that of `b`.
fn dice(a: &[u32], b: &[u32], total: f32, weight: &[f32]) -> f32 {
    if total == 0.0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared / total
}

/// Similarity of two sentences given as their texts (see the module docs).
pub fn similarity(a: &str, b: &str) -> f32 {
    let mut interner = Interner::default();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    interner.sentence(a, &mut x);
    interner.sentence(b, &mut y);
    weighted_dice(&x, &y, &interner.weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("projects".into()), "project");
        assert_eq!(stem("ministry's".into()), "ministry");
        assert_eq!(stem("process".into()), "process");
        assert_eq!(stem("is".into()), "is");
    }

    #[test]
    fn similarity_measure() {
        assert_eq!(similarity("talks resumed", "Talks resumed."), 1.0);
        assert_eq!(similarity("talks resumed", "port closed"), 0.0);
        assert_eq!(
            similarity("envoys met ministers briefly", "envoys met reporters later"),
            0.5
        );
        // Function words weigh a quarter: sharing only them is not similarity.
        assert!(similarity("the talks at the", "the port at the") < 0.5);
        // A shared figure weighs more than a shared common word.
        assert!(
            similarity("rates rose 2.5 percent", "prices fell 2.5 percent")
                > similarity("rates rose sharply today", "prices fell sharply today")
        );
    }
}
