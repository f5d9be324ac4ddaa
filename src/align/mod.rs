//! Alignment: which sentence of the old statement became which of the new.
//!
//! 1. **Anchors.** `similar` diffs the two sequences of sentence keys (Patience,
//!    with a deadline). Equal runs are unchanged sentences; between two anchors
//!    lies a *region* of change.
//! 2. **Copies.** A leftover sentence whose exact key is left over on the other
//!    side too is that sentence, wherever it went.
//! 3. **Moves.** A pair of leftovers from different regions crosses anchors:
//!    it is linked only on strong evidence, a similarity of at least
//!    [`MOVE_THRESHOLD`] that beats every candidate either sentence has in its
//!    own region.
//! 4. **In place.** Within each region the leftovers are aligned in order by a
//!    dynamic programme over similarity with splits and merges (`region`), at the
//!    lower bar [`REVISED_THRESHOLD`]: position is evidence.
//! 5. **Swaps.** Leftovers that the order-keeping pass could not link (two
//!    sentences that traded places) are linked at [`MOVE_THRESHOLD`].
//! 6. Links that cross the majority order (outside a longest increasing
//!    subsequence) are marked moved; groups are put in reading order of the new
//!    statement, a removed sentence in the paragraph it stood in.
//!
//! Every sentence of both sides ends up in exactly one group. Similarity is
//! documented in [`similarity`].

mod region;
mod similarity;

use rustc_hash::FxHashMap as HashMap;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use region::{Block, Region};
use similarity::Words;
pub use similarity::{FIGURE_WEIGHT, FUNCTION_WORD_WEIGHT, similarity};

/// Similarity at or above which a removed and an added sentence of the same
/// region of change (between the same two anchors, in order) are one sentence
/// revised. Low, because position is evidence: what was rewritten in place
/// keeps its place.
pub const REVISED_THRESHOLD: f32 = 0.35;

/// Similarity at or above which two sentences are linked across anchors (a
/// move), or out of order within a region. High, because nothing but the text
/// says they are one sentence.
pub const MOVE_THRESHOLD: f32 = 0.7;

/// How long the sentence-level diff may take before it settles for a coarser result.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// Words in more leftover sentences than this say nothing about which sentence is which.
const COMMON_WORD_POSTINGS: usize = 48;
/// Candidates kept per old sentence from the shared-word index.
const INDEX_CANDIDATES: usize = 12;

/// What happened to a group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// The same keys on both sides.
    Unchanged,
    /// Linked sentences whose keys differ.
    Revised,
    /// New sentences linked to none.
    Added,
    /// Old sentences linked to none.
    Removed,
}

/// Sentences linked across the two statements (or a lone added/removed one).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// What the link says about its sentences.
    pub kind: GroupKind,
    /// Old sentence indices, ascending (empty for added).
    pub old: Vec<usize>,
    /// New sentence indices, ascending (empty for removed).
    pub new: Vec<usize>,
    /// The link crosses other links: the sentence changed position.
    pub moved: bool,
    /// Word similarity of the two sides (1 for unchanged, 0 for added/removed).
    pub similarity: f32,
    /// The paragraph of the new statement the group is read in: that of its
    /// first new sentence, or for a removed sentence the new paragraph that
    /// continues the old paragraph it stood in (none when no sentence of that
    /// paragraph was kept).
    pub paragraph: Option<usize>,
}

/// One side of the comparison, as alignment sees it.
pub struct Side<'a> {
    /// Comparison keys (folded text), one per sentence.
    pub keys: &'a [&'a str],
    /// The paragraph of each sentence, non-decreasing.
    pub paragraphs: &'a [usize],
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
    let mut state = State::new(old, new);
    let regions = anchor(&ops, &mut state);
    pair_exact_copies(&old_ids, &new_ids, &mut state);

    let words = Words::new(
        old.keys,
        new.keys,
        |o| state.old_free(o),
        |n| state.new_free(n),
    );
    let blocks: Vec<Block> = regions
        .iter()
        .flat_map(|region| {
            let olds: Vec<usize> = region.old.clone().filter(|&o| state.old_free(o)).collect();
            let news: Vec<usize> = region.new.clone().filter(|&n| state.new_free(n)).collect();
            Block::cut(&olds, &news, &words)
        })
        .collect();
    let distant = distant_candidates(&regions, &words, &state);
    link_moves(&blocks, &distant, &mut state);
    for block in &blocks {
        let links = block.align(
            &words,
            REVISED_THRESHOLD,
            |o| state.old_free(o),
            |n| state.new_free(n),
        );
        for link in links {
            state.link(link.old, link.new, GroupKind::Revised, link.similarity);
        }
    }
    link_near_copies(&blocks, &distant, &mut state);
    state.finish()
}

/// Links the equal runs of the sentence diff (the anchors) and returns the
/// regions of change between them.
fn anchor(ops: &[DiffOp], state: &mut State) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    for op in ops {
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
    regions
}

/// Groups found so far and which sentence belongs to which group.
struct State<'a> {
    groups: Vec<Group>,
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
    old_paragraphs: &'a [usize],
    new_paragraphs: &'a [usize],
}

impl<'a> State<'a> {
    fn new(old: &Side<'a>, new: &Side<'a>) -> State<'a> {
        State {
            groups: Vec::new(),
            old_group: vec![None; old.keys.len()],
            new_group: vec![None; new.keys.len()],
            old_paragraphs: old.paragraphs,
            new_paragraphs: new.paragraphs,
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
            paragraph: None,
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
        let placements = self.removed_placements();
        for group in &mut self.groups {
            group.paragraph = group.new.first().map(|&n| self.new_paragraphs[n]);
        }
        // Reading order: by first new sentence; a removed sentence right after or
        // before a sentence of its own old paragraph that kept its place.
        let order_key = |group: &Group| -> (usize, u8, usize) {
            match group.new.first() {
                Some(&n) => (n + 1, 0, 0),
                None => (placements[group.old[0]].0, 1, group.old[0]),
            }
        };
        for group in &mut self.groups {
            if group.new.is_empty() {
                group.paragraph = placements[group.old[0]].1;
            }
        }
        self.groups.sort_by_key(order_key);
        self.groups
    }

    /// For each old sentence, where a removed one is read: the sort position
    /// (`n + 1` reads right after the group whose first new sentence is `n`; `n`
    /// right before it) and the new paragraph.
    ///
    /// A removed sentence follows the nearest earlier sentence of its old
    /// paragraph that kept its place, else precedes the nearest later one; a
    /// sentence whose whole paragraph went follows the nearest earlier kept
    /// sentence anywhere, in no new paragraph.
    fn removed_placements(&self) -> Vec<(usize, Option<usize>)> {
        let len = self.old_group.len();
        // The group of an old sentence, if it is linked and kept its place.
        let kept = |o: usize| -> Option<&Group> {
            let group = &self.groups[self.old_group[o].expect("every old sentence is grouped")];
            (!group.new.is_empty() && !group.moved).then_some(group)
        };
        let mut out = vec![(0, None); len];
        // Forward: the nearest earlier kept sentence, anywhere and in the paragraph.
        let mut anywhere: Option<usize> = None;
        let mut in_paragraph: Option<(usize, usize)> = None; // (old paragraph, first new)
        for (o, placement) in out.iter_mut().enumerate() {
            let paragraph = self.old_paragraphs[o];
            if in_paragraph.is_some_and(|(p, _)| p != paragraph) {
                in_paragraph = None;
            }
            match kept(o) {
                Some(group) => {
                    anywhere = Some(group.new[0]);
                    in_paragraph = Some((paragraph, group.new[0]));
                }
                None => {
                    *placement = match in_paragraph {
                        Some((_, n)) => (n + 1, Some(self.new_paragraphs[n])),
                        None => (anywhere.map_or(0, |n| n + 1), None),
                    };
                }
            }
        }
        // Backward: a removed sentence that opens its paragraph precedes the
        // nearest later kept sentence of that paragraph.
        let mut following: Option<(usize, usize)> = None; // (old paragraph, first new)
        for o in (0..len).rev() {
            let paragraph = self.old_paragraphs[o];
            if following.is_some_and(|(p, _)| p != paragraph) {
                following = None;
            }
            match kept(o) {
                Some(group) => following = Some((paragraph, group.new[0])),
                None => {
                    if let (None, Some((_, n))) = (out[o].1, following) {
                        out[o] = (n, Some(self.new_paragraphs[n]));
                    }
                }
            }
        }
        out
    }
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

/// Pairs of leftovers from different regions that share uncommon words (a
/// sentence that moved, and was perhaps revised), with their similarity, best
/// first.
fn distant_candidates(
    regions: &[Region],
    words: &Words,
    state: &State,
) -> Vec<(usize, usize, f32)> {
    // The region of each leftover sentence.
    let mut old_region = vec![usize::MAX; words.old.len()];
    let mut new_region = vec![usize::MAX; words.new.len()];
    for (r, region) in regions.iter().enumerate() {
        old_region[region.old.clone()].fill(r);
        new_region[region.new.clone()].fill(r);
    }

    // Shared-word index over free new sentences (content words only).
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); words.vocabulary()];
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
    let mut out = Vec::new();
    for (o, &region) in old_region.iter().enumerate() {
        let ids = words.old.get(o);
        if ids.is_empty() || !state.old_free(o) {
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
            let count = std::mem::take(&mut shared[n]);
            if new_region[n] != region {
                best.push((count, n));
            }
        }
        // The sentences sharing the most words, then the earlier ones.
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if best.len() > INDEX_CANDIDATES {
            best.select_nth_unstable_by(INDEX_CANDIDATES - 1, order);
            best.truncate(INDEX_CANDIDATES);
        }
        for &(_, n) in &best {
            let similarity = words.similarity(&[o], &[n]);
            if similarity >= MOVE_THRESHOLD {
                out.push((o, n, similarity));
            }
        }
    }
    sort_best_first(&mut out);
    out
}

/// Best first; ties prefer nearby positions, then earlier sentences (a total
/// order: no two entries are the same pair).
fn sort_best_first(pairs: &mut [(usize, usize, f32)]) {
    pairs.sort_unstable_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then(a.0.abs_diff(a.1).cmp(&b.0.abs_diff(b.1)))
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
}

/// Links distant pairs (see [`distant_candidates`]) that beat every candidate
/// either sentence has in its own region.
fn link_moves(blocks: &[Block], distant: &[(usize, usize, f32)], state: &mut State) {
    if distant.is_empty() {
        return;
    }
    let mut best_old: HashMap<usize, f32> = HashMap::default();
    let mut best_new: HashMap<usize, f32> = HashMap::default();
    for (o, n, s) in blocks.iter().flat_map(Block::pairs) {
        let keep_max = |m: &mut HashMap<usize, f32>, k| {
            let e = m.entry(k).or_insert(0.0);
            *e = e.max(s);
        };
        keep_max(&mut best_old, o);
        keep_max(&mut best_new, n);
    }
    for &(o, n, s) in distant {
        let beats = |m: &HashMap<usize, f32>, k| m.get(&k).is_none_or(|&local| s > local);
        if state.old_free(o) && state.new_free(n) && beats(&best_old, o) && beats(&best_new, n) {
            state.link(vec![o], vec![n], GroupKind::Revised, s);
        }
    }
}

/// Links what is left at [`MOVE_THRESHOLD`], best first: sentences that traded
/// places within a region, and distant pairs whose local rival went elsewhere.
fn link_near_copies(blocks: &[Block], distant: &[(usize, usize, f32)], state: &mut State) {
    let mut pairs: Vec<(usize, usize, f32)> = blocks
        .iter()
        .flat_map(Block::pairs)
        .filter(|&(o, n, s)| s >= MOVE_THRESHOLD && state.old_free(o) && state.new_free(n))
        .chain(
            distant
                .iter()
                .copied()
                .filter(|&(o, n, _)| state.old_free(o) && state.new_free(n)),
        )
        .collect();
    sort_best_first(&mut pairs);
    for (o, n, s) in pairs {
        if state.old_free(o) && state.new_free(n) {
            state.link(vec![o], vec![n], GroupKind::Revised, s);
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

    /// Aligns sentences given as one paragraph per side.
    fn run(old: &[&str], new: &[&str]) -> Vec<Group> {
        let (old_paragraphs, new_paragraphs) = (vec![0; old.len()], vec![0; new.len()]);
        align(
            &Side {
                keys: old,
                paragraphs: &old_paragraphs,
            },
            &Side {
                keys: new,
                paragraphs: &new_paragraphs,
            },
        )
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

    /// Asserts that `similarity(a, b)` lies in `range`, so that a test of a
    /// threshold really tests the side it claims.
    fn assert_similarity(a: &str, b: &str, range: std::ops::Range<f32>) {
        let s = similarity(&crate::fold::fold(a), &crate::fold::fold(b));
        assert!(
            range.contains(&s),
            "similarity {s} of {a:?} / {b:?} not in {range:?}"
        );
    }

    const OPENING: &str = "The talks opened in Geneva on Monday.";
    const CLOSING: &str = "Nothing else was said.";

    #[test]
    fn a_rewrite_in_place_at_the_revised_bar_is_a_revision() {
        let old = "Despite elevated energy prices and storm-related disruptions, the expansion in economic activity appears solid.";
        let new = "Although recent economic data have been uneven, the expansion in economic activity appears solid.";
        assert_similarity(old, new, REVISED_THRESHOLD..MOVE_THRESHOLD);
        let groups = run(&[OPENING, old, CLOSING], &[OPENING, new, CLOSING]);
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Revised [1]->[1]",
                "Unchanged [2]->[2]"
            ]
        );
    }

    #[test]
    fn a_replacement_in_place_below_the_revised_bar_is_removed_and_added() {
        let old = "The envoy toured the northern port on Monday.";
        let new = "Customs officers inspected the northern harbour before dawn.";
        assert_similarity(old, new, 0.0..REVISED_THRESHOLD);
        let groups = run(&[OPENING, old, CLOSING], &[OPENING, new, CLOSING]);
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Removed [1]->[]",
                "Added []->[1]",
                "Unchanged [2]->[2]"
            ]
        );
    }

    const OTHERS: [&str; 3] = [
        "Aid convoys reached the valley.",
        "The border stayed closed to traders.",
        "Observers counted the returning families.",
    ];

    #[test]
    fn a_near_copy_across_anchors_is_a_move() {
        let old =
            "Both delegations agreed to reopen the border crossing at Tarvin for aid convoys.";
        let new = "Both delegations agreed to reopen the border crossing at Tarvin for aid convoys and traders.";
        assert_similarity(old, new, MOVE_THRESHOLD..1.0);
        let groups = run(
            &[old, OTHERS[0], OTHERS[1], OTHERS[2]],
            &[OTHERS[0], OTHERS[1], OTHERS[2], new],
        );
        assert!(summary(&groups).contains(&"Revised* [0]->[3]".to_string()));
    }

    #[test]
    fn a_loose_likeness_across_anchors_is_no_move() {
        // Similar enough to be a revision in place, not to cross anchors.
        let old =
            "Both delegations agreed to reopen the border crossing at Tarvin for aid convoys.";
        let new = "The delegations discussed the border crossing at Tarvin.";
        assert_similarity(old, new, REVISED_THRESHOLD..MOVE_THRESHOLD);
        let groups = run(
            &[old, OTHERS[0], OTHERS[1], OTHERS[2]],
            &[OTHERS[0], OTHERS[1], OTHERS[2], new],
        );
        assert_eq!(
            summary(&groups),
            [
                "Removed [0]->[]",
                "Unchanged [1]->[0]",
                "Unchanged [2]->[1]",
                "Unchanged [3]->[2]",
                "Added []->[3]"
            ]
        );
    }

    #[test]
    fn a_move_must_beat_the_candidates_in_place() {
        let old =
            "The ministers will meet again in Geneva next week to review the ceasefire terms.";
        let in_place = "The ministers will meet again in Geneva next week to review the ceasefire terms with observers.";
        let distant = "The ministers will meet again in Geneva soon to review the ceasefire terms and prisoner lists.";
        assert_similarity(old, distant, MOVE_THRESHOLD..1.0);
        let groups = run(
            &[OPENING, old, OTHERS[0], OTHERS[1]],
            &[OPENING, in_place, OTHERS[0], OTHERS[1], distant],
        );
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Revised [1]->[1]",
                "Unchanged [2]->[2]",
                "Unchanged [3]->[3]",
                "Added []->[4]"
            ]
        );
    }

    #[test]
    fn a_dissent_that_repeats_the_old_decision_does_not_take_its_place() {
        let decision = "The Committee decided to maintain the target range for the policy rate at 2-1/4 to 2-1/2 percent.";
        let new_decision = "The Committee decided to lower the target range for the policy rate to 2 to 2-1/4 percent.";
        let dissent = "Voting against the action was Ana Ruiz, who preferred to maintain the target range for the policy rate at 2-1/4 to 2-1/2 percent.";
        let votes = "Voting for the action were Henrik Vasel, Chair; Odile Brun; and Tobias Lenk.";
        assert_similarity(decision, dissent, MOVE_THRESHOLD..1.0);
        let groups = run(
            &[decision, OTHERS[0], OTHERS[1], votes],
            &[new_decision, OTHERS[0], OTHERS[1], votes, dissent],
        );
        assert_eq!(
            summary(&groups),
            [
                "Revised [0]->[0]",
                "Unchanged [1]->[1]",
                "Unchanged [2]->[2]",
                "Unchanged [3]->[3]",
                "Added []->[4]"
            ]
        );
    }

    #[test]
    fn two_sentences_that_trade_places_are_linked() {
        let first = "The envoy will return to Geneva on Friday with new proposals.";
        let second = "Prisoner exchanges are planned for the end of the month.";
        let groups = run(&[OPENING, first, second], &[OPENING, second, first]);
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Unchanged* [2]->[1]",
                "Unchanged [1]->[2]"
            ]
        );
    }

    #[test]
    fn a_removed_sentence_is_read_in_the_paragraph_it_stood_in() {
        // ¶0: A; ¶1: B (removed), C. B opens its old paragraph: it is read
        // before C, under C's new paragraph, not after A under ¶0.
        let (a, b, c) = (
            "The talks opened in Geneva on Monday.",
            "Aid convoys reached the valley.",
            "The border stayed closed to traders.",
        );
        let groups = align(
            &Side {
                keys: &[a, b, c],
                paragraphs: &[0, 1, 1],
            },
            &Side {
                keys: &[a, c],
                paragraphs: &[0, 1],
            },
        );
        assert_eq!(
            summary(&groups),
            [
                "Unchanged [0]->[0]",
                "Removed [1]->[]",
                "Unchanged [2]->[1]"
            ]
        );
        assert_eq!(groups[1].paragraph, Some(1));
        // A whole paragraph removed is read in no new paragraph.
        let groups = align(
            &Side {
                keys: &[a, b, c],
                paragraphs: &[0, 1, 2],
            },
            &Side {
                keys: &[a, c],
                paragraphs: &[0, 1],
            },
        );
        assert_eq!(groups[1].paragraph, None);
    }
}
