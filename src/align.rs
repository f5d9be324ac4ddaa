//! Alignment: which sentence of the old statement became which of the new.
//!
//! 1. `similar` diffs the two sequences of sentence keys (Patience, with a
//!    deadline). Equal runs are unchanged sentences.
//! 2. Sentences left over on both sides are paired: first exact copies that moved,
//!    then by word similarity (see [`similarity`] and [`REVISED_THRESHOLD`]),
//!    best pairs first, preferring pairs from the same region of change.
//! 3. A pair grows into a split (one old → several new) or a merge (several old
//!    → one new) when adding a neighbouring leftover sentence raises similarity.
//! 4. Links that cross the majority order (outside a longest increasing
//!    subsequence) are marked moved.
//! 5. Groups are put in reading order of the new statement, removed sentences
//!    where they stood.
//!
//! Every sentence of both sides ends up in exactly one group.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// Word similarity at or above which a removed and an added sentence are taken to
/// be one sentence revised. Similarity is the weighted Dice coefficient of the two
/// sentences' words taken as multisets: `2·M / (|a| + |b|)`, M the weight of the
/// words both share. Words are lowercased and stripped of a plural or possessive
/// `s`; function words ("the", "of", "will") weigh [`FUNCTION_WORD_WEIGHT`], so two
/// sentences that share only "the … at the next round" are not one sentence
/// revised. Word order does not count: a sentence restructured around the same
/// words is still that sentence. 0.5 means half of the weight is shared.
pub const REVISED_THRESHOLD: f32 = 0.5;

/// Weight of a function word (see [`crate::fold::is_stopword`]) in [`similarity`].
pub const FUNCTION_WORD_WEIGHT: f32 = 0.25;

/// A split or merge piece must raise the similarity of its group at least this much.
const SPLIT_GAIN: f32 = 0.04;

/// How long the sentence-level diff may take before it settles for a coarser result.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// Leftover pairs compared directly within one region of change, at most; larger
/// regions compare each sentence only with its neighbours by position.
const REGION_PAIR_BUDGET: usize = 4096;
const REGION_WINDOW: usize = 16;

/// Words in more leftover sentences than this say nothing about which sentence is which.
const COMMON_WORD_POSTINGS: usize = 48;
/// Candidates kept per old sentence from the shared-word index.
const INDEX_CANDIDATES: usize = 12;

/// What happened to a group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Unchanged,
    Revised,
    Added,
    Removed,
}

/// Sentences linked across the two statements (or a lone added/removed one).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    /// Old sentence indices, ascending (empty for added).
    pub old: Vec<usize>,
    /// New sentence indices, ascending (empty for removed).
    pub new: Vec<usize>,
    /// The link crosses other links: the sentence changed position.
    pub moved: bool,
    /// Word similarity of the two sides (1 for unchanged, 0 for added/removed).
    pub similarity: f32,
}

/// One side of the comparison, as alignment sees it.
pub struct Side<'a> {
    /// Comparison keys (folded text), one per sentence.
    pub keys: &'a [&'a str],
}

/// Sentence keys as small integers, equal ids for equal keys, numbered across
/// both sides. The diff hashes and compares every key many times; on ids that
/// is an integer compare instead of a hash or memcmp of a whole sentence.
fn key_ids(old: &[&str], new: &[&str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    ids.reserve(old.len() + new.len());
    let mut id = |key| {
        let next = ids.len() as u32;
        *ids.entry(key).or_insert(next)
    };
    let old = old.iter().map(|&k| id(k)).collect();
    let new = new.iter().map(|&k| id(k)).collect();
    (old, new)
}

/// Aligns two sentence sequences; returns groups in reading order.
pub fn align(old: &Side, new: &Side) -> Vec<Group> {
    let (old_ids, new_ids) = key_ids(old.keys, new.keys);
    let ops = capture_diff_slices_deadline(
        Algorithm::Patience,
        &old_ids,
        &new_ids,
        Some(Instant::now() + DIFF_TIMEOUT),
    );
    let mut state = State::new(old.keys.len(), new.keys.len());
    let mut regions = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    state.link(
                        vec![old_index + i],
                        vec![new_index + i],
                        GroupKind::Unchanged,
                        1.0,
                    );
                }
            }
            _ => {
                let (_, old_range, new_range) = op.as_tag_tuple();
                // Adjacent non-equal ops form one region of change.
                match regions.last_mut() {
                    Some(Region { old: o, new: n })
                        if o.end == old_range.start && n.end == new_range.start =>
                    {
                        o.end = old_range.end;
                        n.end = new_range.end;
                    }
                    _ => regions.push(Region {
                        old: old_range,
                        new: new_range,
                    }),
                }
            }
        }
    }

    let words = Words::new(old.keys, new.keys, &state);
    pair_exact_copies(&old_ids, &new_ids, &mut state);
    let candidates = candidates(&regions, &words, &state);
    pair_similar(&candidates, &mut state);
    grow_splits_and_merges(&candidates, &words, &mut state);
    state.finish()
}

struct Region {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// Groups found so far and which sentence belongs to which group.
struct State {
    groups: Vec<Group>,
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
}

impl State {
    fn new(old_len: usize, new_len: usize) -> State {
        State {
            groups: Vec::new(),
            old_group: vec![None; old_len],
            new_group: vec![None; new_len],
        }
    }

    fn link(&mut self, old: Vec<usize>, new: Vec<usize>, kind: GroupKind, similarity: f32) {
        let id = self.groups.len();
        for &o in &old {
            self.old_group[o] = Some(id);
        }
        for &n in &new {
            self.new_group[n] = Some(id);
        }
        self.groups.push(Group {
            kind,
            old,
            new,
            moved: false,
            similarity,
        });
    }

    fn old_free(&self, o: usize) -> bool {
        self.old_group.get(o).is_some_and(Option::is_none)
    }

    fn new_free(&self, n: usize) -> bool {
        self.new_group.get(n).is_some_and(Option::is_none)
    }

    /// Adds lone added/removed groups, marks moves and sorts into reading order.
    fn finish(mut self) -> Vec<Group> {
        for o in 0..self.old_group.len() {
            if self.old_group[o].is_none() {
                self.link(vec![o], vec![], GroupKind::Removed, 0.0);
            }
        }
        for n in 0..self.new_group.len() {
            if self.new_group[n].is_none() {
                self.link(vec![], vec![n], GroupKind::Added, 0.0);
            }
        }
        mark_moves(&mut self.groups);

        // Reading order: by first new sentence; a removed sentence right after the
        // group of the nearest preceding old sentence that kept its place.
        let mut anchor_of_old: Vec<Option<usize>> = vec![None; self.old_group.len()];
        let mut anchor = None;
        for (o, group) in self.old_group.iter().enumerate() {
            let group = &self.groups[group.expect("every old sentence is grouped")];
            if !group.new.is_empty() && !group.moved {
                anchor = Some(group.new[0]);
            }
            anchor_of_old[o] = anchor;
        }
        let order_key = |group: &Group| -> (usize, u8, usize) {
            match group.new.first() {
                Some(&n) => (n + 1, 0, 0),
                None => {
                    let o = group.old[0];
                    (anchor_of_old[o].map_or(0, |n| n + 1), 1, o)
                }
            }
        };
        self.groups.sort_by_key(order_key);
        self.groups
    }
}

/// The words of every sentence that is not yet linked, as sorted word ids, and
/// what each word weighs. Words are interned once so that scoring a pair is a
/// merge of two short integer lists.
struct Words {
    old: Sentences,
    new: Sentences,
    /// Weight of each word id: 1, or [`FUNCTION_WORD_WEIGHT`].
    weight: Vec<f32>,
}

/// The sorted word ids of one side's sentences (none for linked ones), kept in
/// one buffer rather than a vector per sentence, with each sentence's weight.
struct Sentences {
    ids: Vec<u32>,
    /// Where each sentence's ids end in `ids`; they start where the previous end.
    ends: Vec<usize>,
    /// Total weight of each sentence's words, summed in id order as
    /// [`weighted_dice`] sums them.
    total: Vec<f32>,
}

impl Sentences {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }
}

impl Words {
    fn new<'a>(old_keys: &[&'a str], new_keys: &[&'a str], state: &State) -> Words {
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
        let mut old = side(old_keys, &|i| state.old_free(i));
        let mut new = side(new_keys, &|i| state.new_free(i));
        let weight = interner.weight;
        for side in [&mut old, &mut new] {
            side.total = (0..side.len())
                .map(|i| total_weight(side.get(i), &weight))
                .collect();
        }
        Words { old, new, weight }
    }

    fn is_function_word(&self, id: u32) -> bool {
        self.weight[id as usize] < 1.0
    }

    /// Similarity of the old sentences `old` taken together with the new `new`.
    fn similarity(&self, old: &[usize], new: &[usize]) -> f32 {
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
        let form = if function_word { lower } else { stem(lower) };
        let next = self.weight.len() as u32;
        let id = *self.ids.entry(form).or_insert_with(|| {
            self.weight.push(if function_word {
                FUNCTION_WORD_WEIGHT
            } else {
                1.0
            });
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
/// share (as multisets; `a` and `b` sorted). See [`REVISED_THRESHOLD`].
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

/// Word similarity of two sentences given as words (see [`REVISED_THRESHOLD`]).
pub fn similarity(a: &[&str], b: &[&str]) -> f32 {
    let mut interner = Interner::default();
    let mut a: Vec<u32> = a.iter().map(|w| interner.word(w)).collect();
    let mut b: Vec<u32> = b.iter().map(|w| interner.word(w)).collect();
    a.sort_unstable();
    b.sort_unstable();
    weighted_dice(&a, &b, &interner.weight)
}

/// Leftover sentences whose key occurs on the other side: copies that moved.
/// Keys are compared by id (see [`key_ids`]), not by text.
fn pair_exact_copies(old_ids: &[u32], new_ids: &[u32], state: &mut State) {
    let mut free_new: HashMap<u32, Vec<usize>> = HashMap::default();
    for n in (0..new_ids.len()).rev() {
        if state.new_free(n) {
            free_new.entry(new_ids[n]).or_default().push(n);
        }
    }
    for (o, id) in old_ids.iter().enumerate() {
        if !state.old_free(o) {
            continue;
        }
        if let Some(n) = free_new.get_mut(id).and_then(Vec::pop) {
            state.link(vec![o], vec![n], GroupKind::Unchanged, 1.0);
        }
    }
}

/// A possible revised pair and how alike the two are.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    old: usize,
    new: usize,
    similarity: f32,
    /// Both sentences come from the same region of change.
    local: bool,
}

/// Pairs worth scoring: leftovers within the same region of change, and leftovers
/// anywhere that share uncommon words (a sentence that moved and was revised).
fn candidates(regions: &[Region], words: &Words, state: &State) -> Vec<Candidate> {
    // (old, new, local); a pair found both ways is merged below.
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
    for region in regions {
        let olds: Vec<usize> = region.old.clone().filter(|&o| state.old_free(o)).collect();
        let news: Vec<usize> = region.new.clone().filter(|&n| state.new_free(n)).collect();
        let small = olds.len() * news.len() <= REGION_PAIR_BUDGET;
        for (i, &o) in olds.iter().enumerate() {
            // Position of `o` scaled onto the new side, for large regions.
            let center = i * news.len() / olds.len().max(1);
            for (j, &n) in news.iter().enumerate() {
                if small || center.abs_diff(j) <= REGION_WINDOW {
                    pairs.push((o, n, true));
                }
            }
        }
    }

    // Shared-word index over free new sentences (content words only).
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); words.weight.len()];
    for n in 0..words.new.len() {
        let ids = words.new.get(n);
        let mut last = None;
        for &id in ids {
            if last != Some(id) && !words.is_function_word(id) {
                postings[id as usize].push(n);
            }
            last = Some(id);
        }
    }
    // Shared words per new sentence, counted in a dense array (reset after each
    // old sentence through the list of those touched): this runs for every
    // posting of every word, too often for a hash map.
    let mut shared: Vec<u32> = vec![0; words.new.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut best: Vec<(u32, usize)> = Vec::new();
    for o in 0..words.old.len() {
        let ids = words.old.get(o);
        if ids.is_empty() {
            continue;
        }
        let mut last = None;
        for &id in ids {
            let list = &postings[id as usize];
            if last != Some(id) && list.len() <= COMMON_WORD_POSTINGS {
                for &n in list {
                    if shared[n] == 0 {
                        touched.push(n);
                    }
                    shared[n] += 1;
                }
            }
            last = Some(id);
        }
        best.clear();
        for n in touched.drain(..) {
            best.push((std::mem::take(&mut shared[n]), n));
        }
        // The sentences sharing the most words, then the earlier ones: selected,
        // not sorted, as all pairs are sorted below.
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if best.len() > INDEX_CANDIDATES {
            best.select_nth_unstable_by(INDEX_CANDIDATES - 1, order);
            best.truncate(INDEX_CANDIDATES);
        }
        pairs.extend(best.iter().map(|&(_, n)| (o, n, false)));
    }

    // In old order, so that each old sentence's words are at hand while its
    // candidates are scored.
    pairs.sort_unstable();
    pairs.dedup_by(|pair, kept| {
        let same = (pair.0, pair.1) == (kept.0, kept.1);
        if same {
            kept.2 |= pair.2;
        }
        same
    });
    let mut out: Vec<Candidate> = pairs
        .into_iter()
        .map(|(o, n, local)| Candidate {
            old: o,
            new: n,
            similarity: words.similarity(&[o], &[n]),
            local,
        })
        .collect();
    // Best first; ties prefer the same region, then nearby positions. The order
    // is total (no two candidates are the same pair), so an unstable sort is
    // as good as any.
    out.sort_unstable_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.local.cmp(&a.local))
            .then(a.old.abs_diff(a.new).cmp(&b.old.abs_diff(b.new)))
            .then(a.old.cmp(&b.old))
            .then(a.new.cmp(&b.new))
    });
    out
}

/// Greedy best-first pairing of leftovers at or above the threshold.
fn pair_similar(candidates: &[Candidate], state: &mut State) {
    for c in candidates {
        if c.similarity < REVISED_THRESHOLD {
            break;
        }
        if state.old_free(c.old) && state.new_free(c.new) {
            state.link(vec![c.old], vec![c.new], GroupKind::Revised, c.similarity);
        }
    }
}

/// Grows revised pairs into splits and merges, and links a leftover sentence to
/// two adjacent leftovers on the other side when together they match.
fn grow_splits_and_merges(candidates: &[Candidate], words: &Words, state: &mut State) {
    // Grow existing revised pairs with free neighbours.
    for id in 0..state.groups.len() {
        if state.groups[id].kind != GroupKind::Revised {
            continue;
        }
        loop {
            let group = &state.groups[id];
            let (old, new) = (group.old.clone(), group.new.clone());
            let mut best: Option<(f32, Vec<usize>, Vec<usize>)> = None;
            let mut consider = |o: Vec<usize>, n: Vec<usize>| {
                let s = words.similarity(&o, &n);
                if s >= group.similarity + SPLIT_GAIN && best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, o, n));
                }
            };
            let (first_new, last_new) = (new[0], new[new.len() - 1]);
            if state.new_free(last_new + 1) {
                consider(old.clone(), [&new[..], &[last_new + 1]].concat());
            }
            if first_new > 0 && state.new_free(first_new - 1) {
                consider(old.clone(), [&[first_new - 1], &new[..]].concat());
            }
            let (first_old, last_old) = (old[0], old[old.len() - 1]);
            if new.len() == 1 {
                if state.old_free(last_old + 1) {
                    consider([&old[..], &[last_old + 1]].concat(), new.clone());
                }
                if first_old > 0 && state.old_free(first_old - 1) {
                    consider([&[first_old - 1], &old[..]].concat(), new.clone());
                }
            }
            let Some((s, o, n)) = best else { break };
            if old.len() > 1 && n.len() > old.len() {
                break;
            }
            for &i in &o {
                state.old_group[i] = Some(id);
            }
            for &i in &n {
                state.new_group[i] = Some(id);
            }
            let group = &mut state.groups[id];
            group.old = o;
            group.new = n;
            group.similarity = s;
        }
    }

    // A free sentence whose best partner is only half of a split or merge.
    for c in candidates {
        if !state.old_free(c.old) || !state.new_free(c.new) {
            continue;
        }
        let mut best: Option<(f32, Vec<usize>, Vec<usize>)> = None;
        let mut consider = |o: Vec<usize>, n: Vec<usize>| {
            if o.iter().all(|&i| state.old_free(i)) && n.iter().all(|&i| state.new_free(i)) {
                let s = words.similarity(&o, &n);
                if s >= REVISED_THRESHOLD && best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, o, n));
                }
            }
        };
        consider(vec![c.old], vec![c.new, c.new + 1]);
        if c.new > 0 {
            consider(vec![c.old], vec![c.new - 1, c.new]);
        }
        consider(vec![c.old, c.old + 1], vec![c.new]);
        if c.old > 0 {
            consider(vec![c.old - 1, c.old], vec![c.new]);
        }
        if let Some((s, o, n)) = best {
            state.link(o, n, GroupKind::Revised, s);
        }
    }
}

/// Marks as moved the linked groups outside a longest increasing subsequence of
/// old positions taken in new order.
fn mark_moves(groups: &mut [Group]) {
    // (first new, first old, group) of each linked group, copied out so that
    // sorting does not follow every group's vectors at each comparison. The
    // first new sentence is unique to its group: the order has no ties.
    let mut linked: Vec<(usize, usize, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.old.is_empty() && !g.new.is_empty())
        .map(|(i, g)| (g.new[0], g.old[0], i))
        .collect();
    linked.sort_by_key(|&(new, _, _)| new);
    let olds: Vec<usize> = linked.iter().map(|&(_, old, _)| old).collect();
    let keep = longest_increasing_subsequence(&olds);
    let mut in_order = vec![false; linked.len()];
    for i in keep {
        in_order[i] = true;
    }
    for (i, &(_, _, g)) in linked.iter().enumerate() {
        groups[g].moved = !in_order[i];
    }
}

/// Indices of one longest strictly increasing subsequence (O(n log n)).
fn longest_increasing_subsequence(values: &[usize]) -> Vec<usize> {
    // tails[k]: index of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        // Mostly in order: a value above the longest run extends it, which is
        // what the binary search would find, without searching.
        let k = match tails.last() {
            Some(&t) if values[t] < v => tails.len(),
            _ => tails.partition_point(|&t| values[t] < v),
        };
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = previous[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &[&str], new: &[&str]) -> Vec<Group> {
        align(&Side { keys: old }, &Side { keys: new })
    }

    fn summary(groups: &[Group]) -> Vec<String> {
        groups
            .iter()
            .map(|g| {
                format!(
                    "{:?}{} {:?}->{:?}",
                    g.kind,
                    if g.moved { "*" } else { "" },
                    g.old,
                    g.new
                )
            })
            .collect()
    }

    #[test]
    fn lis_picks_the_majority_order() {
        assert_eq!(
            longest_increasing_subsequence(&[5, 0, 1, 2, 3]),
            [1, 2, 3, 4]
        );
        assert!(longest_increasing_subsequence(&[]).is_empty());
    }

    #[test]
    fn revised_added_removed_in_reading_order() {
        let groups = run(
            &[
                "The talks began on Monday.",
                "Both sides will meet again next week in Geneva.",
                "The envoy left early.",
                "Nothing else was said.",
            ],
            &[
                "The talks began on Monday.",
                "Both sides may meet again next week in Geneva.",
                "Prisoner exchanges were discussed at length.",
                "Nothing else was said.",
            ],
        );
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Revised [1]->[1]",
                "Removed [2]->[]",
                "Added []->[2]",
                "Unchanged [3]->[3]"
            ]
        );
    }

    #[test]
    fn a_sentence_moved_to_the_top_is_moved() {
        let groups = run(
            &["A one.", "B two.", "C three."],
            &["C three.", "A one.", "B two."],
        );
        assert_eq!(
            summary(&groups),
            [
                "Unchanged* [2]->[0]",
                "Unchanged [0]->[1]",
                "Unchanged [1]->[2]"
            ]
        );
    }

    #[test]
    fn splits_and_merges() {
        let split = run(
            &["The ministers agreed on a ceasefire and they will exchange prisoners next month."],
            &[
                "The ministers agreed on a ceasefire.",
                "They will exchange prisoners next month.",
            ],
        );
        assert_eq!(summary(&split), ["Revised [0]->[0, 1]"]);
        let merge = run(
            &[
                "The ministers agreed on a ceasefire.",
                "They will exchange prisoners next month.",
            ],
            &["The ministers agreed on a ceasefire and they will exchange prisoners next month."],
        );
        assert_eq!(summary(&merge), ["Revised [0, 1]->[0]"]);
    }

    #[test]
    fn unrelated_sentences_are_not_paired() {
        let groups = run(
            &["The delegation toured the port facilities."],
            &["Inflation remains elevated across the region."],
        );
        assert_eq!(summary(&groups), ["Removed [0]->[]", "Added []->[0]"]);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("projects".into()), "project");
        assert_eq!(stem("ministry's".into()), "ministry");
        assert_eq!(stem("process".into()), "process");
        assert_eq!(stem("is".into()), "is");
    }

    #[test]
    fn similarity_measure() {
        assert_eq!(similarity(&["a", "b"], &["a", "b"]), 1.0);
        assert_eq!(similarity(&["a", "b"], &["c", "d"]), 0.0);
        assert_eq!(
            similarity(&["x", "y", "z", "w"], &["x", "y", "p", "q"]),
            0.5
        );
        // Function words weigh a quarter: sharing only them is not similarity.
        assert!(
            similarity(
                &["the", "talks", "at", "the"],
                &["the", "port", "at", "the"]
            ) < 0.5
        );
    }
}
