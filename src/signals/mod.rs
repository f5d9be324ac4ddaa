//! Signals: what kind of change a revised, added or removed sentence is for an
//! editor — a commitment softened, a negation added, a figure, date, quotation,
//! name or time frame changed — and how much it matters (significance).
//!
//! Detectors read the folded text of both sides and the word edits. Only real
//! changes count: a word present on both sides is neither added nor removed, and
//! for an added or removed sentence a figure, quotation or name still found
//! elsewhere in the other statement is not news. Word lists are data
//! (`data/signals.toml`, see [`lexicon`]). The rules are documented in
//! `docs/signals.md`.

mod actions;
mod actors;
mod figures;
pub mod lexicon;
mod links;
mod quotes;
mod significance;
mod text;
mod words;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::error::{ErrorKind, Result};
use crate::reading::Link;
use crate::report::{ChangeKind, Edit, EditOp, Signal, SignalKind};
pub use lexicon::{Layer, Lexicon};
pub use significance::significance;
use text::Token;

/// Compiled word lists: everything the detectors need.
#[derive(Debug, Clone)]
pub struct SignalConfig {
    actions: actions::ActionRules,
    words: words::WordRules,
    figures: figures::FigureRules,
    actors: actors::ActorRules,
}

/// One change as the detectors see it: folded sentence texts and word edits.
#[derive(Debug, Clone, Copy)]
pub struct ChangeText<'a> {
    /// Revised, added or removed.
    pub kind: ChangeKind,
    /// Folded old sentences (empty for added).
    pub old: &'a [&'a str],
    /// Folded new sentences (empty for removed).
    pub new: &'a [&'a str],
    /// The word edits of a revised change, computed on the texts joined by a space.
    pub edits: &'a [Edit],
    /// For an added sentence the old statement, for a removed one the new
    /// statement: what it already says is not introduced or dropped.
    pub other: Option<WholeStatement<'a>>,
    /// For a revised change, both whole statements (old, new): a name that left
    /// this sentence but stands elsewhere in the new statement is still named.
    pub statements: Option<(WholeStatement<'a>, WholeStatement<'a>)>,
}

/// What some sentences say: figures, dates, quotations and capitalised words.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// Keys of figures, dates, time frames and quotations, by kind.
    keys: HashMap<SignalKind, HashSet<String>>,
    capitalized: HashSet<String>,
}

impl Inventory {
    fn has(&self, kind: SignalKind, key: &str) -> bool {
        self.keys.get(&kind).is_some_and(|keys| keys.contains(key))
    }

    /// Adds what `other` says.
    pub fn merge(&mut self, other: Inventory) {
        for (kind, keys) in other.keys {
            self.keys.entry(kind).or_default().extend(keys);
        }
        self.capitalized.extend(other.capitalized);
    }

    fn insert(&mut self, kind: SignalKind, key: String) {
        self.keys.entry(kind).or_default().insert(key);
    }
}

/// What a whole statement says. A comparison indexes the sentences both
/// statements share once, so a statement is that shared inventory plus its own.
#[derive(Debug, Clone, Copy)]
pub struct WholeStatement<'a> {
    /// What the sentences both statements share say.
    pub shared: &'a Inventory,
    /// What this statement's other sentences say.
    pub own: &'a Inventory,
}

impl<'a> WholeStatement<'a> {
    fn has(&self, kind: SignalKind, key: &str) -> bool {
        self.shared.has(kind, key) || self.own.has(kind, key)
    }

    fn capitalized(self) -> [&'a HashSet<String>; 2] {
        [&self.shared.capitalized, &self.own.capitalized]
    }
}

impl SignalConfig {
    /// The detectors built from resolved word lists.
    pub fn new(lexicon: &Lexicon) -> SignalConfig {
        SignalConfig {
            actions: actions::ActionRules::new(lexicon),
            words: words::WordRules::new(lexicon),
            figures: figures::FigureRules::new(lexicon),
            actors: actors::ActorRules::new(lexicon),
        }
    }

    /// The built-in word lists, compiled once and shared.
    pub fn builtin() -> Arc<SignalConfig> {
        static BUILTIN: OnceLock<Arc<SignalConfig>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(SignalConfig::new(&Lexicon::builtin())))
            .clone()
    }

    /// Built-in lists, then `[signals]` of `redliner.toml`, then `--signals-config`.
    pub fn load(config: &Config, file: Option<&Path>) -> Result<Arc<SignalConfig>> {
        let mut texts = Vec::new();
        if let (Some(path), Some(_)) = (&config.path, &config.signals) {
            let text = crate::input::read_text_file(
                path,
                crate::input::TEXT_FILE_MAX_BYTES,
                ErrorKind::Config,
            )?;
            texts.push((path.clone(), text, Some("signals")));
        }
        if let Some(path) = file {
            // A word list is read like every other input: bounded, so that
            // `--signals-config /dev/zero` is an error, not gigabytes.
            let text = crate::input::read_text_file(
                path,
                crate::input::TEXT_FILE_MAX_BYTES,
                ErrorKind::Config,
            )?;
            texts.push((path.to_path_buf(), text, None));
        }
        if texts.is_empty() {
            return Ok(SignalConfig::builtin());
        }
        let layers: Vec<Layer<'_>> = texts
            .iter()
            .map(|(path, text, table)| Layer {
                path,
                text,
                table: *table,
            })
            .collect();
        Ok(Arc::new(SignalConfig::new(&Lexicon::layered(&layers)?)))
    }

    /// The signals of one change, most prominent first.
    pub fn detect(&self, change: &ChangeText<'_>) -> Vec<Signal> {
        if matches!(change.kind, ChangeKind::Unchanged | ChangeKind::Ignored) {
            return Vec::new();
        }
        let (old_text, old_starts) = join(change.old);
        let (new_text, new_starts) = join(change.new);
        let mut old = Side::new(&old_text, &old_starts);
        let mut new = Side::new(&new_text, &new_starts);
        let blocks = blocks(change.edits);
        let scope = Scope {
            kind: change.kind,
            blocks: &blocks,
            other: change.other,
            statements: change.statements,
        };
        let mut signals = Vec::new();
        // Time expressions and figures first: they claim their tokens, so that
        // "without delay" is not a negation and "some time" not a hedge.
        let figures = self.figures.detect(&mut old, &mut new, &scope);
        signals.extend(self.actions.detect(&old, &new, &scope, &figures));
        signals.extend(figures);
        signals.extend(self.words.detect(&old, &new, &scope));
        signals.extend(quotes::detect(&old, &new, &scope));
        signals.extend(self.actors.detect(&old, &new, &scope));
        signals.sort_by_key(|s| s.kind);
        // Kept in the report for every change: `extend` left room for four
        // (320 bytes a sentence on a statement of added sentences).
        signals.shrink_to_fit();
        signals
    }

    /// Indexes a statement's folded sentences for [`ChangeText::other`].
    pub fn inventory<'a>(&self, sentences: impl IntoIterator<Item = &'a str>) -> Inventory {
        let mut inventory = Inventory::default();
        let mut side = Side::default();
        for sentence in sentences {
            side.refill(sentence, &[0]);
            for (kind, key) in self.figures.keys(&mut side) {
                inventory.insert(kind, key);
            }
            for key in quotes::keys(&side) {
                inventory.insert(SignalKind::Quote, key);
            }
            // Most names recur: look up before allocating.
            for name in actors::capitalized_words(&side) {
                if !inventory.capitalized.contains(name) {
                    inventory.capitalized.insert(name.to_string());
                }
            }
        }
        inventory
    }
}

/// Links of a revised change that point elsewhere, added or dropped (`old` and
/// `new`: the links of each side's sentences, in order). Other changes have
/// none: a whole sentence added or removed brings or takes its links along.
pub fn link_signals(kind: ChangeKind, old: &[&Link], new: &[&Link]) -> Vec<Signal> {
    if kind != ChangeKind::Revised {
        return Vec::new();
    }
    links::detect(old, new)
}

/// Sentences joined by one space (as redlines join them) and where each starts.
fn join(sentences: &[&str]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(sentence);
    }
    (text, starts)
}

/// One side of a change, tokenized.
#[derive(Debug, Default)]
struct Side<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    /// Token starts a sentence.
    sentence_start: Vec<bool>,
    /// Token already belongs to a time expression or a figure.
    claimed: Vec<bool>,
}

impl<'a> Side<'a> {
    fn new(text: &'a str, starts: &[usize]) -> Side<'a> {
        let mut side = Side::default();
        side.refill(text, starts);
        side
    }

    /// This side made anew for `text`, in the memory it already holds.
    fn refill(&mut self, text: &'a str, starts: &[usize]) {
        self.text = text;
        text::tokenize_into(text, &mut self.tokens);
        let tokens = &self.tokens;
        self.sentence_start.clear();
        self.sentence_start.resize(tokens.len(), false);
        let mut pending = false;
        for (token, start) in tokens.iter().zip(&mut self.sentence_start) {
            // The first word of each sentence (a leading bracket, quotation
            // mark, dash or list number does not count as its start).
            pending |= starts.contains(&token.start);
            if pending && token.is_word() {
                *start = true;
                pending = false;
            }
        }
        // Web and e-mail addresses, file names and identifiers are claimed up
        // front: their digits are no figures, their capitals no names.
        self.claimed.clear();
        self.claimed.resize(tokens.len(), false);
        for address in text::addresses(text) {
            for (token, claim) in tokens.iter().zip(&mut self.claimed) {
                if token.start < address.end && address.start < token.end {
                    *claim = true;
                }
            }
        }
    }

    fn claim(&mut self, range: Range<usize>) {
        self.claimed[range].iter_mut().for_each(|c| *c = true);
    }

    /// Byte span of tokens `i..i + len`.
    fn span(&self, i: usize, len: usize) -> Range<usize> {
        self.tokens[i].start..self.tokens[i + len - 1].end
    }
}

/// What a detector needs beyond the two sides.
struct Scope<'a> {
    kind: ChangeKind,
    blocks: &'a [Block],
    other: Option<WholeStatement<'a>>,
    statements: Option<(WholeStatement<'a>, WholeStatement<'a>)>,
}

impl Scope<'_> {
    /// For an added or removed sentence: the other statement says this anyway
    /// (a figure, date or quotation it repeats is not news).
    fn known(&self, kind: SignalKind, key: &str) -> bool {
        self.kind != ChangeKind::Revised && self.other.is_some_and(|o| o.has(kind, key))
    }
}

/// A run of changed words: its byte range in the old and in the new text.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    old: Range<usize>,
    new: Range<usize>,
}

fn blocks(edits: &[Edit]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let (mut at_old, mut at_new) = (0, 0);
    let mut open = false;
    for edit in edits {
        let n = edit.text.len();
        if edit.op == EditOp::Equal {
            open = false;
            at_old += n;
            at_new += n;
            continue;
        }
        if !open {
            blocks.push(Block {
                old: at_old..at_old,
                new: at_new..at_new,
            });
            open = true;
        }
        let block = blocks.last_mut().expect("a block is open");
        if edit.op == EditOp::Delete {
            at_old += n;
            block.old.end = at_old;
        } else {
            at_new += n;
            block.new.end = at_new;
        }
    }
    blocks
}

/// Something a detector found on one side: what it is (`key`, compared across
/// sides), how it reads (`show`) and where it is.
#[derive(Debug, Clone)]
struct Item<T> {
    key: String,
    show: String,
    span: Range<usize>,
    extra: T,
}

/// An item's fate across the change.
#[derive(Debug)]
enum Pairing<T> {
    /// Replaced by another item in the same place: old → new.
    Changed(Item<T>, Item<T>),
    Removed(Item<T>),
    Added(Item<T>),
}

/// Items present on one side only, paired where they replace each other.
///
/// Items with the same key on both sides cancel out: one for one (`as_sets`
/// false) or all of them (`as_sets` true: a marker is there or not). What is
/// left pairs up when it sits in the same changed block of the redline, or when
/// exactly one item is left on each side.
fn pairings<T>(
    old: Vec<Item<T>>,
    new: Vec<Item<T>>,
    blocks: &[Block],
    as_sets: bool,
) -> Vec<Pairing<T>> {
    pairings_by(old, new, blocks, as_sets, |_, _| true)
}

/// [`pairings`], where inside a block an old item takes the first new item that
/// `fits` it (a percentage another percentage), else the first one.
fn pairings_by<T>(
    old: Vec<Item<T>>,
    new: Vec<Item<T>>,
    blocks: &[Block],
    as_sets: bool,
    fits: impl Fn(&Item<T>, &Item<T>) -> bool,
) -> Vec<Pairing<T>> {
    let (mut old, mut new) = cancel(old, new, as_sets);
    let mut out = Vec::new();
    let overlaps = |span: &Range<usize>, range: &Range<usize>| {
        span.start < range.end.max(range.start + 1) && range.start < span.end
    };
    for block in blocks {
        // In a changed run, items that fit each other pair first ("1 percent →
        // 0 to 1/4 percent", not "50 basis points → 0 to 1/4 percent")…
        loop {
            let pair = old.iter().enumerate().find_map(|(o, item)| {
                if !overlaps(&item.span, &block.old) {
                    return None;
                }
                let n = (0..new.len())
                    .find(|&n| overlaps(&new[n].span, &block.new) && fits(item, &new[n]))?;
                Some((o, n))
            });
            let Some((o, n)) = pair else { break };
            out.push(Pairing::Changed(old.remove(o), new.remove(n)));
        }
        // …then, in reading order, what fits nothing left anywhere.
        let fits_nothing_new = |item: &Item<T>, new: &[Item<T>]| !new.iter().any(|n| fits(item, n));
        loop {
            let o = old
                .iter()
                .position(|i| overlaps(&i.span, &block.old) && fits_nothing_new(i, &new));
            let n = new
                .iter()
                .position(|i| overlaps(&i.span, &block.new) && !old.iter().any(|o| fits(o, i)));
            let (Some(o), Some(n)) = (o, n) else { break };
            out.push(Pairing::Changed(old.remove(o), new.remove(n)));
        }
    }
    if old.len() == 1 && new.len() == 1 && fits(&old[0], &new[0]) {
        out.push(Pairing::Changed(old.remove(0), new.remove(0)));
    }
    out.extend(old.into_iter().map(Pairing::Removed));
    out.extend(new.into_iter().map(Pairing::Added));
    out
}

fn cancel<T>(old: Vec<Item<T>>, new: Vec<Item<T>>, as_sets: bool) -> (Vec<Item<T>>, Vec<Item<T>>) {
    if as_sets {
        let old_keys: HashSet<String> = old.iter().map(|i| i.key.clone()).collect();
        let new_keys: HashSet<String> = new.iter().map(|i| i.key.clone()).collect();
        let old = old
            .into_iter()
            .filter(|i| !new_keys.contains(&i.key))
            .collect();
        let new = new
            .into_iter()
            .filter(|i| !old_keys.contains(&i.key))
            .collect();
        return (old, new);
    }
    let mut new: Vec<Option<Item<T>>> = new.into_iter().map(Some).collect();
    let mut left = Vec::new();
    for item in old {
        let twin = new
            .iter()
            .position(|n| n.as_ref().is_some_and(|n| n.key == item.key));
        match twin {
            Some(j) => new[j] = None,
            None => left.push(item),
        }
    }
    (left, new.into_iter().flatten().collect())
}

/// A signal; `old`/`new` given as what they show.
fn signal(
    kind: SignalKind,
    direction: Option<crate::report::Direction>,
    old: Option<&str>,
    new: Option<&str>,
    detail: String,
) -> Signal {
    Signal {
        kind,
        direction,
        old: old.map(str::to_string),
        new: new.map(str::to_string),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redline::word_edits;
    use crate::report::Direction;

    /// Signals of a revised pair (or added/removed when a side is empty).
    pub(crate) fn detect(old: &str, new: &str) -> Vec<Signal> {
        let kind = match (old.is_empty(), new.is_empty()) {
            (true, _) => ChangeKind::Added,
            (_, true) => ChangeKind::Removed,
            _ => ChangeKind::Revised,
        };
        let edits = if kind == ChangeKind::Revised {
            word_edits(old, new)
        } else {
            Vec::new()
        };
        let old = [old];
        let new = [new];
        SignalConfig::builtin().detect(&ChangeText {
            kind,
            old: if old[0].is_empty() { &[] } else { &old },
            new: if new[0].is_empty() { &[] } else { &new },
            edits: &edits,
            other: None,
            statements: None,
        })
    }

    #[test]
    fn blocks_follow_the_redline() {
        let edits = word_edits("They will meet on Saturday.", "They may meet next week.");
        let b = blocks(&edits);
        assert_eq!(b.len(), 2);
        assert_eq!(&"They will meet on Saturday."[b[0].old.clone()], "will");
        assert_eq!(&"They may meet next week."[b[1].new.clone()], "next week");
    }

    #[test]
    fn identical_items_cancel_and_replacements_pair() {
        let item = |key: &str, at: usize| Item {
            key: key.into(),
            show: key.into(),
            span: at..at + 1,
            extra: (),
        };
        let blocks = [Block {
            old: 5..6,
            new: 5..6,
        }];
        let p = pairings(
            vec![item("a", 0), item("b", 5), item("c", 9)],
            vec![item("a", 2), item("x", 5)],
            &blocks,
            false,
        );
        assert!(matches!(&p[0], Pairing::Changed(o, n) if o.key == "b" && n.key == "x"));
        assert!(matches!(&p[1], Pairing::Removed(o) if o.key == "c"));
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn signals_come_most_prominent_first() {
        let signals = detect(
            "The parties will meet on Saturday.",
            "The parties may not meet next week.",
        );
        let kinds: Vec<SignalKind> = signals.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SignalKind::Negation,
                SignalKind::Modality,
                SignalKind::Timeframe
            ]
        );
        assert_eq!(signals[1].direction, Some(Direction::Softened));
    }

    #[test]
    fn unchanged_text_has_no_signals() {
        let text = "The Committee will keep the range at 4 percent until March, Gen. Ivo Tal said.";
        assert!(detect(text, text).is_empty());
    }
}
