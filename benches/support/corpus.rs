//! A deterministic generator of statement-like English prose, as old/new pairs,
//! for benchmarks. Shared by the criterion benches and `examples/make_corpus.rs`.
//!
//! Variants (see `Variant`): `normal` (≈5% of sentences revised by a few words,
//! ≈1% removed, ≈1% added, a few paragraphs moved), `reflow` (the same edits,
//! the two files hard-wrapped at different widths) and `heavy` (≈40% of
//! sentences changed). Abbreviations, numbers and quotes are included.
//!
//! Two adversarial variants check that time stays bounded where alignment has
//! little to hold on to: `unrelated` (the new version is other prose entirely)
//! and `repetitive` (a handful of sentences repeated throughout, then the normal
//! variant's edits).

#![allow(dead_code)]

/// Which kind of edit separates the old and new versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Normal,
    Reflow,
    Heavy,
    Unrelated,
    Repetitive,
}

impl Variant {
    /// The variants the speed targets are set on.
    pub const ALL: [Variant; 3] = [Variant::Normal, Variant::Reflow, Variant::Heavy];
    /// Inputs that defeat alignment: they must finish in bounded time.
    pub const ADVERSARIAL: [Variant; 2] = [Variant::Unrelated, Variant::Repetitive];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Normal => "normal",
            Variant::Reflow => "reflow",
            Variant::Heavy => "heavy",
            Variant::Unrelated => "unrelated",
            Variant::Repetitive => "repetitive",
        }
    }
}

/// xorshift64*: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: f64) -> bool {
        (self.next_u64() % 10_000) as f64 / 100.0 < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ACTORS: &[&str] = &[
    "The Committee",
    "The Ministry",
    "The delegation",
    "Gen. Idris Falk",
    "Amb. Lena Horvath",
    "Foreign Minister Maria T. Okafor",
    "The U.S. envoy",
    "The U.N. mission",
    "Mr. Brandt",
    "The Central Bank of Aldoria",
    "Lt. Col. Piotr Anand",
    "The working group",
];
const MODALS: &[&str] = &["will", "may", "intends to", "expects to", "could", "must"];
const VERBS: &[&str] = &[
    "review the arrangements for",
    "continue discussions on",
    "monitor the implementation of",
    "report on the progress of",
    "consider further steps regarding",
    "support the extension of",
];
const OBJECTS: &[&str] = &[
    "the humanitarian pause",
    "the exchange of detainees",
    "the target range for the policy rate",
    "the reconstruction programme",
    "the northern line of contact",
    "the balance sheet runoff",
    "the joint observation cell",
    "the schedule of the next round",
];
const WHEN: &[&str] = &[
    "on Monday",
    "next week",
    "before Jan. 15",
    "at 10 a.m. on Friday",
    "in the coming months",
    "for some time",
    "by the end of March",
];
const ADJECTIVES: &[&str] = &[
    "further",
    "careful",
    "gradual",
    "substantial",
    "limited",
    "renewed",
];
const NUMBERS: &[&str] = &[
    "2.5 percent",
    "4-1/4 to 4-1/2 percent",
    "150 detainees",
    "No. 5",
    "48 hours",
    "$1.2 billion",
    "Sec. 4(b)",
];

/// One sentence of official-sounding prose.
pub fn sentence(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "{} {} {} {} {}.",
            rng.pick(ACTORS),
            rng.pick(MODALS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(WHEN)
        ),
        1 => format!(
            "{} noted {} progress on {}, citing {}.",
            rng.pick(ACTORS),
            rng.pick(ADJECTIVES),
            rng.pick(OBJECTS),
            rng.pick(NUMBERS)
        ),
        2 => format!(
            "\"We {} {} {},\" {} said {}.",
            rng.pick(MODALS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(ACTORS).to_lowercase(),
            rng.pick(WHEN)
        ),
        _ => format!(
            "According to {}, {} remains {} at {} {}.",
            rng.pick(ACTORS),
            rng.pick(OBJECTS),
            rng.pick(ADJECTIVES),
            rng.pick(NUMBERS),
            rng.pick(WHEN)
        ),
    }
}

/// Revises a sentence by a few words: a modal, a number or an adjective.
fn revise(rng: &mut Rng, sentence: &str) -> String {
    let mut words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(words.len().saturating_sub(1).max(1));
        match rng.below(3) {
            0 => words[at] = rng.pick(ADJECTIVES).to_string(),
            1 => words.insert(at, rng.pick(ADJECTIVES).to_string()),
            _ => words[at] = rng.pick(MODALS).to_string(),
        }
    }
    words.join(" ")
}

/// Paragraphs of 3–6 sentences, about `bytes` long in total.
fn paragraphs(rng: &mut Rng, bytes: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut size = 0;
    while size < bytes {
        let n = 3 + rng.below(4);
        let paragraph: Vec<String> = (0..n).map(|_| sentence(rng)).collect();
        size += paragraph.iter().map(|s| s.len() + 1).sum::<usize>() + 1;
        out.push(paragraph);
    }
    out
}

/// About `bytes` of paragraphs drawn from only `distinct` sentences.
fn repetitive_paragraphs(rng: &mut Rng, bytes: usize, distinct: usize) -> Vec<Vec<String>> {
    let pool: Vec<String> = (0..distinct).map(|_| sentence(rng)).collect();
    let mut out = Vec::new();
    let mut size = 0;
    while size < bytes {
        let n = 3 + rng.below(4);
        let paragraph: Vec<String> = (0..n).map(|_| pool[rng.below(distinct)].clone()).collect();
        size += paragraph.iter().map(|s| s.len() + 1).sum::<usize>() + 1;
        out.push(paragraph);
    }
    out
}

/// Hard-wraps a paragraph at `width` columns (0: one line).
fn wrap(text: &str, width: usize) -> String {
    if width == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + 1 + word.len() > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

fn render(paragraphs: &[Vec<String>], width: usize) -> String {
    let mut out = String::new();
    for paragraph in paragraphs {
        out.push_str(&wrap(&paragraph.join(" "), width));
        out.push_str("\n\n");
    }
    out
}

/// A thread of `count` statements of about `bytes` each, each the previous one
/// with the normal variant's edits.
pub fn thread(count: usize, bytes: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut current = paragraphs(&mut rng, bytes);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(render(&current, 0));
        current = apply(&mut rng, &current, Variant::Normal);
    }
    out
}

fn apply(rng: &mut Rng, old: &[Vec<String>], variant: Variant) -> Vec<Vec<String>> {
    let (revise_pct, remove_pct, add_pct) = match variant {
        Variant::Heavy => (25.0, 7.5, 7.5),
        _ => (5.0, 1.0, 1.0),
    };
    let mut new: Vec<Vec<String>> = old
        .iter()
        .map(|paragraph| {
            let mut out = Vec::with_capacity(paragraph.len() + 1);
            for s in paragraph {
                if rng.chance(remove_pct) {
                    continue;
                }
                if rng.chance(revise_pct) {
                    out.push(revise(rng, s));
                } else {
                    out.push(s.clone());
                }
                if rng.chance(add_pct) {
                    out.push(sentence(rng));
                }
            }
            out
        })
        .filter(|p| !p.is_empty())
        .collect();
    // A few paragraphs move: one per ~50, at least one.
    for _ in 0..(new.len() / 50).max(1) {
        let from = rng.below(new.len());
        let paragraph = new.remove(from);
        let to = rng.below(new.len() + 1);
        new.insert(to, paragraph);
    }
    new
}

/// An old and a new version of about `bytes` each.
pub fn pair(bytes: usize, variant: Variant, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let old = match variant {
        Variant::Repetitive => repetitive_paragraphs(&mut rng, bytes, 5),
        _ => paragraphs(&mut rng, bytes),
    };
    let new = match variant {
        Variant::Unrelated => paragraphs(&mut rng, bytes),
        _ => apply(&mut rng, &old, variant),
    };
    let (old_width, new_width) = match variant {
        Variant::Reflow => (72, 100),
        _ => (0, 0),
    };
    (render(&old, old_width), render(&new, new_width))
}
