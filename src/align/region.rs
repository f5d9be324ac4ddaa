//! In place: the order-keeping alignment of the sentences left between two
//! anchors (unchanged runs).
//!
//! Between two anchors, the leftover old and new sentences are, in order, most
//! likely the same sentences revised. A dynamic programme pairs them without
//! crossing: each step links one old sentence with one new (a revision), one
//! with two to four adjacent ones (a split or merge), or leaves a sentence
//! unlinked (added or removed). It maximises the sum over links of
//! `similarity − bar`, less [`SPLIT_GAIN`] for a split or merge: a link must
//! reach the bar, and a split wins over a revision plus an added sentence only
//! when the extra sentence raises similarity by at least [`SPLIT_GAIN`].

use std::ops::Range;

use super::similarity::Words;

/// A region of change: the sentences between two anchors, on both sides.
#[derive(Debug, Clone)]
pub(super) struct Region {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// Regions with at most this many (old, new) pairs are aligned as one block.
const WHOLE_REGION_PAIRS: usize = 16_384;
/// Larger regions are cut along their diagonal into blocks about this many
/// sentences a side, so that no input makes alignment quadratic.
const BLOCK_SIDE: usize = 32;

/// Each piece of a split or merge must be at least this similar to the whole on
/// the other side before the combination is scored (most pairs are not).
const PIECE_SIMILARITY: f32 = 0.15;

/// What a split or merge must add to the similarity of the revision it grows from.
pub const SPLIT_GAIN: f32 = 0.04;

/// Shapes of a link: (old sentences, new sentences).
const SHAPES: [(usize, usize); 7] = [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 4), (4, 1)];

/// Part of a region, aligned on its own: its free sentences on both sides and
/// the similarity of every pair of them.
pub(super) struct Block {
    pub olds: Vec<usize>,
    pub news: Vec<usize>,
    /// Row-major: `similarity[i * news.len() + j]` for `olds[i]`, `news[j]`.
    similarity: Vec<f32>,
}

/// A link the in-place alignment found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Link {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    pub similarity: f32,
}

impl Block {
    /// The blocks of a region, given its free sentences on each side.
    pub fn cut(olds: &[usize], news: &[usize], words: &Words) -> Vec<Block> {
        let (p, q) = (olds.len(), news.len());
        if p == 0 || q == 0 {
            return Vec::new();
        }
        let count = if p * q <= WHOLE_REGION_PAIRS {
            1
        } else {
            p.max(q).div_ceil(BLOCK_SIDE).clamp(1, p.min(q))
        };
        (0..count)
            .map(|k| {
                let olds = olds[k * p / count..(k + 1) * p / count].to_vec();
                let news = news[k * q / count..(k + 1) * q / count].to_vec();
                let mut similarity = Vec::with_capacity(olds.len() * news.len());
                for &o in &olds {
                    similarity.extend(news.iter().map(|&n| words.similarity(&[o], &[n])));
                }
                Block {
                    olds,
                    news,
                    similarity,
                }
            })
            .collect()
    }

    pub fn similarity(&self, i: usize, j: usize) -> f32 {
        self.similarity[i * self.news.len() + j]
    }

    /// Every scored pair: (old sentence, new sentence, similarity).
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize, f32)> + '_ {
        self.olds.iter().enumerate().flat_map(move |(i, &o)| {
            self.news
                .iter()
                .enumerate()
                .map(move |(j, &n)| (o, n, self.similarity(i, j)))
        })
    }

    /// The order-keeping links of maximal total gain (see the module docs) among
    /// the sentences for which `free_old`/`free_new` still hold.
    pub fn align(
        &self,
        words: &Words,
        bar: f32,
        free_old: impl Fn(usize) -> bool,
        free_new: impl Fn(usize) -> bool,
    ) -> Vec<Link> {
        let (p, q) = (self.olds.len(), self.news.len());
        let width = q + 1;
        let at = |i: usize, j: usize| i * width + j;
        // The best total gain of the first i old and j new sentences, and the
        // step that reached it: SKIP_OLD, SKIP_NEW, or LINK + an index into SHAPES.
        let mut score = vec![0f32; (p + 1) * width];
        let mut step = vec![SKIP_OLD; (p + 1) * width];
        let old_ok: Vec<bool> = self.olds.iter().map(|&o| free_old(o)).collect();
        let new_ok: Vec<bool> = self.news.iter().map(|&n| free_new(n)).collect();
        // Pieces of a split or merge are adjacent sentences of their statement.
        let runs = |ids: &[usize], ok: &[bool]| {
            ok.iter().all(|&b| b) && ids.windows(2).all(|w| w[1] == w[0] + 1)
        };
        for i in 0..=p {
            for j in 0..=q {
                if i == 0 && j == 0 {
                    continue;
                }
                let (mut best, mut how) = (f32::MIN, SKIP_OLD);
                if i > 0 {
                    best = score[at(i - 1, j)];
                }
                if j > 0 && score[at(i, j - 1)] > best {
                    (best, how) = (score[at(i, j - 1)], SKIP_NEW);
                }
                for (s, &(k, l)) in SHAPES.iter().enumerate() {
                    if i < k || j < l {
                        continue;
                    }
                    let (olds, news) = (i - k..i, j - l..j);
                    if !runs(&self.olds[olds.clone()], &old_ok[olds.clone()])
                        || !runs(&self.news[news.clone()], &new_ok[news.clone()])
                    {
                        continue;
                    }
                    let similarity = if (k, l) == (1, 1) {
                        self.similarity(i - 1, j - 1)
                    } else {
                        let pieces_fit = olds.clone().all(|a| {
                            news.clone()
                                .all(|b| self.similarity(a, b) >= PIECE_SIMILARITY)
                        });
                        if !pieces_fit {
                            continue;
                        }
                        words.similarity(&self.olds[olds.clone()], &self.news[news.clone()])
                    };
                    if similarity < bar {
                        continue;
                    }
                    let split_cost = if (k, l) == (1, 1) { 0.0 } else { SPLIT_GAIN };
                    // A link at the bar still beats leaving both sentences unlinked.
                    let gain = similarity - bar - split_cost + f32::EPSILON;
                    let total = score[at(i - k, j - l)] + gain;
                    if total > best {
                        (best, how) = (total, LINK + s as u8);
                    }
                }
                score[at(i, j)] = best;
                step[at(i, j)] = how;
            }
        }

        let mut links = Vec::new();
        let (mut i, mut j) = (p, q);
        while i > 0 || j > 0 {
            match step[at(i, j)] {
                SKIP_OLD => i -= 1,
                SKIP_NEW => j -= 1,
                s => {
                    let (k, l) = SHAPES[usize::from(s - LINK)];
                    let (old, new) = (self.olds[i - k..i].to_vec(), self.news[j - l..j].to_vec());
                    let similarity = if (k, l) == (1, 1) {
                        self.similarity(i - 1, j - 1)
                    } else {
                        words.similarity(&old, &new)
                    };
                    links.push(Link {
                        old,
                        new,
                        similarity,
                    });
                    (i, j) = (i - k, j - l);
                }
            }
        }
        links.reverse();
        links
    }
}

/// Steps of the programme: leave an old or a new sentence unlinked, or link
/// with the shape `SHAPES[step - LINK]`.
const SKIP_OLD: u8 = 0;
const SKIP_NEW: u8 = 1;
const LINK: u8 = 2;
