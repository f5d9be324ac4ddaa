//! The pipeline for one pair of statements: prepare each (segment, fold), align
//! the sentences, redline the revised ones, detect their signals, and build the
//! [`Report`].

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use crate::align::{self, Group, GroupKind, Side};
use crate::fold::{self, FoldOptions};
use crate::parallel;
use crate::reading::{self, Link};
use crate::redline::{self, Edit, EditOp};
use crate::report::{
    Change, ChangeKind, Report, SCHEMA_VERSION, SentenceRef, Signal, StatementSummary, Stats,
    round_ratio,
};
use crate::segment;
use crate::signals::{ChangeText, Inventory, SignalConfig, WholeStatement};
use crate::statement::{Meta, Statement};

/// What counts as a change, and the word lists that tell what kind it is.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Differences that are not change (case, punctuation, typography).
    pub fold: FoldOptions,
    /// Sentences matching any of these (on their folded text) are boilerplate:
    /// left out of the comparison and reported as `ignored`.
    pub ignore: Vec<regex::Regex>,
    /// Signal word lists (built-in unless configured).
    pub signals: Arc<SignalConfig>,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            fold: FoldOptions::default(),
            ignore: Vec::new(),
            signals: SignalConfig::builtin(),
        }
    }
}

/// The alignment key of an ignored sentence: ignored sentences pair with each
/// other and, having no words, with nothing else. (NUL never occurs in a statement.)
const IGNORED_KEY: &str = "\0";

/// A statement segmented and folded, ready to be compared with others. A thread
/// prepares each statement once and compares it with its neighbours. The text of
/// the file is not kept: each sentence holds its own.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file as named by the caller.
    pub path: String,
    /// Its front matter.
    pub meta: Meta,
    /// Paragraphs (blocks) in the statement.
    pub paragraphs: usize,
    /// In reading order.
    pub sentences: Vec<PreparedSentence>,
    /// Words in all sentences.
    pub words: usize,
}

/// One sentence with its position and its folded forms.
#[derive(Debug, Clone)]
pub struct PreparedSentence {
    /// Its text is the reading form ([`reading`]): Markdown inline syntax read.
    pub reference: SentenceRef,
    /// The reading form, typography folded: what redlines, signals and word
    /// counts are computed on. The same allocation as the sentence's text when
    /// folding changes nothing (the common case).
    pub folded: Arc<str>,
    /// The alignment key when it differs from `folded` (case or punctuation
    /// ignored, an ignored sentence, or links, whose targets it holds).
    pub key: Option<String>,
    /// Words in the sentence, as redlines count them.
    pub words: usize,
    /// Matched an ignore pattern.
    pub ignored: bool,
    /// Its links (text and target), in order: a changed target changes the
    /// sentence, though no word of it does.
    pub links: Vec<Link>,
}

impl Prepared {
    /// Segments, reads and folds a statement with the options that say what counts.
    pub fn new(mut statement: Statement, options: &CompareOptions) -> Prepared {
        let segmented = statement.segmentation.take();
        let body = statement.body();
        let segmentation = match segmented {
            // Segmented already while reading (a long statement's memory guard).
            Some(done)
                if done
                    .sentences
                    .last()
                    .is_none_or(|s| s.span.end <= body.len()) =>
            {
                done
            }
            _ => segment::segment(body),
        };
        let base = statement.body_start;
        let mut cursor = Cursor::default();
        let mut sentences = Vec::with_capacity(segmentation.sentences.len());
        let plain_keys = options.fold == FoldOptions::default();
        for (index, sentence) in segmentation.sentences.iter().enumerate() {
            let start = base + sentence.span.start;
            let end = base + sentence.span.end;
            // Positions are in the file as it is: before any mojibake repair.
            let (file_start, file_end) = (
                statement.original_offset(start),
                statement.original_offset(end),
            );
            let (line, column) = cursor.advance(statement.original_text(), file_start);
            let raw = &statement.text[start..end];
            let (text, links): (Arc<str>, _) = match reading::read(raw) {
                Some(reading) => (reading.text.into(), reading.links),
                None => (squash_whitespace(raw), Vec::new()),
            };
            let folded = if fold::is_folded(&text) {
                Arc::clone(&text)
            } else {
                fold::fold(&text).into()
            };
            let ignored = options.ignore.iter().any(|r| r.is_match(&folded));
            let key = if ignored {
                Some(IGNORED_KEY.to_string())
            } else if !plain_keys || !links.is_empty() {
                let mut key = fold::key(&folded, options.fold);
                links
                    .iter()
                    .for_each(|link| push_target(&mut key, &link.target_key()));
                Some(key)
            } else {
                None
            };
            sentences.push(PreparedSentence {
                ignored,
                key,
                words: fold::count_words(&folded),
                folded,
                links,
                reference: SentenceRef {
                    index,
                    paragraph: sentence.paragraph,
                    span: [file_start + statement.offset, file_end + statement.offset],
                    line,
                    column,
                    text,
                },
            });
        }
        Prepared {
            path: statement.path,
            meta: statement.meta,
            paragraphs: segmentation.paragraphs.len(),
            words: sentences.iter().map(|s| s.words).sum(),
            sentences,
        }
    }

    /// Alignment keys, one per sentence.
    pub fn keys(&self) -> Vec<&str> {
        self.sentences
            .iter()
            .map(|s| s.key.as_deref().unwrap_or(&s.folded))
            .collect()
    }

    /// The paragraph of each sentence, as alignment takes them.
    pub fn sentence_paragraphs(&self) -> Vec<usize> {
        self.sentences
            .iter()
            .map(|s| s.reference.paragraph)
            .collect()
    }

    /// The distinct folded texts of the sentences.
    fn folded_texts(&self) -> HashSet<&str> {
        self.sentences.iter().map(|s| &*s.folded).collect()
    }

    /// Who said what, when, and how long: one side of a report.
    pub fn summary(&self) -> StatementSummary {
        let meta = &self.meta;
        StatementSummary {
            path: self.path.clone(),
            title: meta.title.clone(),
            source: meta.source.clone(),
            date: meta.date.clone(),
            url: meta.url.clone(),
            paragraphs: self.paragraphs,
            sentences: self.sentences.len(),
            words: self.words,
        }
    }
}

/// Appends a link target to an alignment key: a NUL (never in a statement),
/// then its bytes as private-use characters. So a changed target tells two
/// sentences apart, and being no words it weighs nothing in their similarity.
fn push_target(key: &mut String, target: &str) {
    key.push('\0');
    key.extend(
        target
            .bytes()
            .map(|b| char::from_u32(0xE000 + u32::from(b)).expect("a private-use character")),
    );
}

/// Line and column of increasing byte offsets, found by walking the text once,
/// from each offset to the next.
#[derive(Default)]
struct Cursor {
    at: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        if self.line == 0 {
            (self.line, self.column) = (1, 1);
        }
        let bytes = &text.as_bytes()[self.at..to];
        self.at = to;
        // A column counts the bytes that start a character.
        let starts = |bytes: &[u8]| bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        if !bytes.contains(&b'\r') {
            // Only `\n` ends lines (nearly every file): count them with memchr.
            match memchr::memrchr(b'\n', bytes) {
                Some(last) => {
                    self.line += memchr::memchr_iter(b'\n', bytes).count();
                    self.column = 1 + starts(&bytes[last + 1..]);
                }
                None => self.column += starts(bytes),
            }
            return (self.line, self.column);
        }
        for (i, &b) in bytes.iter().enumerate() {
            // `\n`, `\r\n` and a lone `\r` each end a line.
            let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if breaks {
                self.line += 1;
                self.column = 1;
            } else if b != b'\r' && (b & 0xC0) != 0x80 {
                self.column += 1;
            }
        }
        (self.line, self.column)
    }
}

/// The links of some sentences, in order.
fn links<'a>(side: &'a Prepared, ids: &[usize]) -> Vec<&'a Link> {
    ids.iter().flat_map(|&i| &side.sentences[i].links).collect()
}

/// The folded texts of some sentences.
fn folded<'a>(side: &'a Prepared, ids: &[usize]) -> Vec<&'a str> {
    ids.iter().map(|&i| &*side.sentences[i].folded).collect()
}

/// Collapses every run of white space (line wraps included) to one space.
fn squash_whitespace(text: &str) -> Arc<str> {
    if is_squashed(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.into()
}

/// Nothing to squash (most sentences): ASCII whose only white space is single
/// spaces between words. Checked with a few vectorised scans, so most sentences
/// are copied once.
fn is_squashed(text: &str) -> bool {
    let bytes = text.as_bytes();
    // ASCII white space other than the space (`char::is_whitespace` on ASCII:
    // 0x1C–0x1F are not white space).
    let other_space = memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_some()
        || memchr::memchr2(0x0B, 0x0C, bytes).is_some();
    text.is_ascii()
        && !other_space
        && memchr::memmem::find(bytes, b"  ").is_none()
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
}

/// Compares two statements (preparing the two sides on two threads).
pub fn compare(old: Statement, new: Statement, options: &CompareOptions) -> Report {
    let (old, new) = parallel::join(
        true,
        || Prepared::new(old, options),
        || Prepared::new(new, options),
    );
    compare_prepared(&old, &new, options)
}

/// Prepares the statements of a thread (in thread order), on both cores.
pub fn prepare_all(statements: Vec<Statement>, options: &CompareOptions) -> Vec<Prepared> {
    parallel::map(statements, |s| Prepared::new(s, options))
}

/// The rounds of a thread: `rounds[i]` compares `prepared[i]` with
/// `prepared[i + 1]`. Rounds are independent, so both cores work on them; the
/// results keep thread order.
pub fn rounds(prepared: &[Prepared], options: &CompareOptions) -> Vec<Report> {
    parallel::map(prepared.windows(2).collect(), |pair| {
        compare_prepared(&pair[0], &pair[1], options)
    })
}

/// Compares two statements prepared with the same `options`.
pub fn compare_prepared(old: &Prepared, new: &Prepared, options: &CompareOptions) -> Report {
    let (old_keys, new_keys) = (old.keys(), new.keys());
    let (old_paragraphs, new_paragraphs) = (old.sentence_paragraphs(), new.sentence_paragraphs());
    let align = || {
        align::align(
            &Side {
                keys: &old_keys,
                paragraphs: &old_paragraphs,
            },
            &Side {
                keys: &new_keys,
                paragraphs: &new_paragraphs,
            },
        )
    };
    let index = || PairInventory::build(old, new, &options.signals);
    // Only changes read the index of what each whole statement says. Alignment
    // and the index do not depend on each other: on a long pair that differs,
    // build them side by side.
    let sentences = old.sentences.len().max(new.sentences.len());
    let side_by_side = parallel::threads_for(sentences, PARALLEL_SENTENCES) > 1;
    let (groups, inventories) = if side_by_side && old_keys != new_keys {
        parallel::join(true, align, index)
    } else {
        let groups = align();
        let changed = groups.iter().any(|g| g.kind != GroupKind::Unchanged);
        (
            groups,
            if changed {
                index()
            } else {
                PairInventory::default()
            },
        )
    };
    let pair = Pair {
        old,
        new,
        inventories: &inventories,
        signals: &options.signals,
    };
    // Groups are independent of each other: build their changes on all threads
    // (in order), when there are enough to be worth it.
    let threads = parallel::threads_for(groups.len(), PARALLEL_GROUPS);
    let changes = parallel::map_on(threads, groups, |group| pair.change(group));

    let stats = stats_from_changes(&changes, old, new);
    Report {
        schema_version: SCHEMA_VERSION,
        old: old.summary(),
        new: new.summary(),
        stats,
        changes,
    }
}

/// The report's counts: how many sentences of each kind, the words added and
/// removed, and the share of words kept.
fn stats_from_changes(changes: &[Change], old: &Prepared, new: &Prepared) -> Stats {
    let mut stats = Stats {
        unchanged: 0,
        revised: 0,
        added: 0,
        removed: 0,
        moved: 0,
        words_added: 0,
        words_removed: 0,
        similarity: 0.0,
    };
    let mut kept_words = 0;
    let sentence_words = |side: &Prepared, refs: &[SentenceRef]| -> usize {
        refs.iter().map(|r| side.sentences[r.index].words).sum()
    };
    for change in changes {
        match change.kind {
            ChangeKind::Unchanged => {
                stats.unchanged += 1;
                kept_words += sentence_words(new, &change.new);
            }
            ChangeKind::Revised => {
                stats.revised += 1;
                for edit in &change.edits {
                    let n = fold::count_words(&edit.text);
                    match edit.op {
                        EditOp::Equal => kept_words += n,
                        EditOp::Delete => stats.words_removed += n,
                        EditOp::Insert => stats.words_added += n,
                    }
                }
            }
            ChangeKind::Added => {
                stats.added += 1;
                stats.words_added += sentence_words(new, &change.new);
            }
            ChangeKind::Removed => {
                stats.removed += 1;
                stats.words_removed += sentence_words(old, &change.old);
            }
            ChangeKind::Ignored => {}
        }
        stats.moved += usize::from(change.moved);
    }
    let compared_words = |side: &Prepared| -> usize {
        side.sentences
            .iter()
            .filter(|s| !s.ignored)
            .map(|s| s.words)
            .sum()
    };
    let total = compared_words(old) + compared_words(new);
    stats.similarity = if total == 0 {
        1.0
    } else {
        round_ratio(2.0 * kept_words as f64 / total as f64)
    };
    stats
}

/// Fewest groups per thread worth spreading change building over threads.
const PARALLEL_GROUPS: usize = 1024;
/// Fewest sentences per thread worth spreading signal indexing over threads.
const PARALLEL_SENTENCES: usize = 1024;

/// Two prepared statements and what is needed to turn their groups into changes.
struct Pair<'a> {
    old: &'a Prepared,
    new: &'a Prepared,
    inventories: &'a PairInventory,
    signals: &'a SignalConfig,
}

impl Pair<'_> {
    /// One aligned group as a change: its kind, redline, signals and significance.
    fn change(&self, group: Group) -> Change {
        let (old, new) = (self.old, self.new);
        let is_ignored =
            |side: &Prepared, ids: &[usize]| ids.iter().any(|&i| side.sentences[i].ignored);
        let kind = match group.kind {
            _ if is_ignored(old, &group.old) || is_ignored(new, &group.new) => ChangeKind::Ignored,
            GroupKind::Unchanged => ChangeKind::Unchanged,
            GroupKind::Revised => ChangeKind::Revised,
            GroupKind::Added => ChangeKind::Added,
            GroupKind::Removed => ChangeKind::Removed,
        };
        // Most groups of a long pair are unchanged: they need no texts, redline or signals.
        let (edits, signals) = match kind {
            ChangeKind::Unchanged | ChangeKind::Ignored => (Vec::new(), Vec::new()),
            _ => self.redline_and_signals(kind, &group),
        };
        let refs = |side: &Prepared, ids: &[usize]| -> Vec<SentenceRef> {
            ids.iter()
                .map(|&i| side.sentences[i].reference.clone())
                .collect()
        };
        let mut change = Change {
            kind,
            moved: group.moved && kind != ChangeKind::Ignored,
            similarity: round_ratio(f64::from(group.similarity)),
            old: refs(old, &group.old),
            new: refs(new, &group.new),
            new_paragraph: group.paragraph,
            edits,
            signals,
            significance: 0.0,
            routine: false,
        };
        change.significance = crate::signals::significance(&change);
        change
    }

    /// The word redline (revised only) and the signals of a group that changed.
    fn redline_and_signals(&self, kind: ChangeKind, group: &Group) -> (Vec<Edit>, Vec<Signal>) {
        let (old_texts, new_texts) = (folded(self.old, &group.old), folded(self.new, &group.new));
        let edits = if kind == ChangeKind::Revised {
            redline::word_edits(&old_texts.join(" "), &new_texts.join(" "))
        } else {
            Vec::new()
        };
        let inventories = self.inventories;
        let mut signals = self.signals.detect(&ChangeText {
            kind,
            old: &old_texts,
            new: &new_texts,
            edits: &edits,
            other: match kind {
                ChangeKind::Added => Some(inventories.old_statement()),
                ChangeKind::Removed => Some(inventories.new_statement()),
                _ => None,
            },
            statements: (kind == ChangeKind::Revised)
                .then(|| (inventories.old_statement(), inventories.new_statement())),
        });
        // A link that points elsewhere changes no word: its signal says so.
        let (old_links, new_links) = (links(self.old, &group.old), links(self.new, &group.new));
        signals.extend(crate::signals::link_signals(kind, &old_links, &new_links));
        signals.sort_by_key(|s| s.kind);
        (edits, signals)
    }
}

/// What each statement of a pair says, for signals. Sentences the two share
/// (the same folded text on both sides) are most of a pair: they are indexed once.
#[derive(Default)]
struct PairInventory {
    shared: Inventory,
    old: Inventory,
    new: Inventory,
}

impl PairInventory {
    fn build(old: &Prepared, new: &Prepared, signals: &SignalConfig) -> Self {
        let (old_texts, new_texts) = (old.folded_texts(), new.folded_texts());
        let shared: Vec<&str> = new_texts.intersection(&old_texts).copied().collect();
        let old_own: Vec<&str> = old_texts.difference(&new_texts).copied().collect();
        let new_own: Vec<&str> = new_texts.difference(&old_texts).copied().collect();
        // Half the shared sentences and one side's own on each of two threads.
        let half = shared.len() / 2;
        let parts = vec![&shared[..half], &old_own[..], &shared[half..], &new_own[..]];
        let work = old.sentences.len().max(new.sentences.len());
        let threads = parallel::threads_for(work, PARALLEL_SENTENCES);
        let mut built = parallel::map_on(threads, parts, |part| {
            signals.inventory(part.iter().copied())
        })
        .into_iter();
        let mut next = || built.next().expect("one inventory per part");
        let (mut shared, old, rest, new) = (next(), next(), next(), next());
        shared.merge(rest);
        PairInventory { shared, old, new }
    }

    fn old_statement(&self) -> WholeStatement<'_> {
        WholeStatement {
            shared: &self.shared,
            own: &self.old,
        }
    }

    fn new_statement(&self) -> WholeStatement<'_> {
        WholeStatement {
            shared: &self.shared,
            own: &self.new,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(text: &str) -> Statement {
        Statement::parse("t.md", text.as_bytes()).unwrap()
    }

    #[test]
    fn a_segmentation_made_while_reading_is_the_one_compared() {
        // Hard-wrapped prose of short lines: every line break might end a
        // sentence, so the memory guard has to segment it to count them.
        let mut text = String::new();
        while text.len() < 1024 * 1024 {
            for _ in 0..9 {
                text.push_str("the talks went on\n");
            }
            text.push_str("and ended today.\n\n");
        }
        let read = statement(&text);
        let segmented = read.segmentation.clone().expect("the guard segmented it");
        assert_eq!(segmented, segment::segment(read.body()));
        let prepared = Prepared::new(read, &CompareOptions::default());
        assert_eq!(prepared.sentences.len(), segmented.sentences.len());
        // A short statement is not segmented twice either: not at all on reading.
        assert!(statement("Talks began. They ended.").segmentation.is_none());
    }

    #[test]
    fn positions_point_into_the_original_file() {
        let text = "---\ntitle: T\n---\nFirst one. Second\n  one.\n";
        let prepared = Prepared::new(statement(text), &CompareOptions::default());
        let second = &prepared.sentences[1].reference;
        assert_eq!(&*second.text, "Second one.");
        assert_eq!((second.line, second.column), (4, 12));
        let [start, end] = second.span;
        assert_eq!(&text[start..end], "Second\n  one.");
    }

    /// Line and column of byte `at`, one character at a time.
    fn naive_position(text: &str, at: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        let mut chars = text[..at].chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => (line, column) = (line + 1, 1),
                _ => column += 1,
            }
        }
        (line, column)
    }

    proptest::proptest! {
        #[test]
        fn squashing_white_space_joins_the_words_with_one_space(
            text in "[a-zé. \t\n\r\u{0B}\u{0C}\u{A0}]{0,30}"
        ) {
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(&*squash_whitespace(&text), words.join(" "));
        }

        #[test]
        fn the_cursor_counts_lines_and_characters(
            text in "[ab é東\n\r]{0,30}", picks in proptest::collection::vec(0usize..31, 0..6)
        ) {
            let mut offsets: Vec<usize> = picks
                .into_iter()
                .map(|p| p.min(text.len()))
                // Sentences start at characters, never inside a `\r\n`.
                .filter(|&p| text.is_char_boundary(p))
                .filter(|&p| !(text[..p].ends_with('\r') && text[p..].starts_with('\n')))
                .collect();
            offsets.sort_unstable();
            let mut cursor = Cursor::default();
            for at in offsets {
                proptest::prop_assert_eq!(cursor.advance(&text, at), naive_position(&text, at));
            }
        }
    }

    #[test]
    fn reflow_and_typography_are_not_changes() {
        let old = statement("The “talks” resumed — after a pause — on\nMonday.\n");
        let new = statement("The \"talks\" resumed -- after a pause -- on Monday.");
        let report = compare(old, new, &CompareOptions::default());
        assert!(report.is_unchanged(), "{report:#?}");
        assert_eq!(report.stats.similarity, 1.0);
    }

    #[test]
    fn ignored_sentences_are_not_changes() {
        let old = statement("WASHINGTON, March 3. The talks resumed.");
        let new = statement("GENEVA, March 10. The talks resumed. For immediate release.");
        let options = CompareOptions {
            ignore: vec![
                regex::Regex::new(r"^[A-Z]+, March").unwrap(),
                regex::Regex::new(r"(?i)^for immediate release").unwrap(),
            ],
            ..CompareOptions::default()
        };
        let report = compare(old, new, &options);
        assert!(report.is_unchanged(), "{report:#?}");
        let ignored = report
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Ignored)
            .count();
        assert_eq!(ignored, 2);
        assert_eq!(report.stats.similarity, 1.0);
    }

    #[test]
    fn stats_count_words() {
        let old = statement("The envoy will return on Friday. Talks ended.");
        let new = statement("The envoy may return on Friday. Talks ended. A new line was added.");
        let report = compare(old, new, &CompareOptions::default());
        assert_eq!(report.stats.revised, 1);
        assert_eq!(report.stats.added, 1);
        assert_eq!(report.stats.words_added, 1 + 5);
        assert_eq!(report.stats.words_removed, 1);
    }
}
