//! Figures and time: numbers (percentages, ranges, money, counts), dates,
//! weekdays, times of day, and relative time frames ("next week").
//!
//! A figure's key is its value and measurement unit, so "nine hours" and
//! "9 hours" are the same figure and "2.5%" is "2.5 percent"; the noun after a
//! count ("150 detainees") is shown but not compared.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::text::{PhraseSet, Token, TokenKind};
use super::{Item, Lexicon, Pairing, Scope, Side, pairings, pairings_by, signal};
use crate::fold::is_stopword;
use crate::report::{ChangeKind, Direction, Signal, SignalKind};

#[derive(Debug, Clone)]
pub struct FigureRules {
    timeframes: PhraseSet<()>,
    /// Month or weekday alias → its canonical name.
    months: PhraseSet<String>,
    weekdays: PhraseSet<String>,
    prepositions: HashSet<String>,
    /// Unit alias → canonical unit.
    units: PhraseSet<String>,
    scales: HashMap<String, f64>,
    number_words: HashMap<String, f64>,
    /// Lowercase token → what it may begin ([`role`] bits).
    roles: HashMap<String, u8>,
}

/// What a token may begin, as bits looked up once per token: asking each word
/// list in turn about every token was most of the time spent indexing a
/// statement. A phrase list's bit is set exactly when the token is the first
/// token of one of its phrases (so the list is asked only then); the scale and
/// number-word bits are set exactly when the token is one.
mod role {
    pub const TIMEFRAME: u8 = 1;
    pub const MONTH: u8 = 1 << 1;
    pub const WEEKDAY: u8 = 1 << 2;
    pub const UNIT: u8 = 1 << 3;
    pub const SCALE: u8 = 1 << 4;
    /// A number word ("nine"). A hyphenated token ("twenty-five") gets it when
    /// `word_value` reads every part of it as one.
    pub const NUMBER_WORD: u8 = 1 << 5;
}

/// A figure's value: a number or a range, with its unit ("" for a count).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    low: f64,
    high: f64,
    unit: String,
    /// Written as a word ("two"), with no unit.
    spelled: bool,
    /// Where a move starts ("from 3 percent to 3-1/2 percent"), not where it ends.
    origin: bool,
}

impl FigureRules {
    pub fn new(lexicon: &Lexicon) -> FigureRules {
        let aliases = |groups: &[Vec<String>]| -> Vec<(String, String)> {
            groups
                .iter()
                .filter_map(|g| Some((g.first()?.to_lowercase(), g)))
                .flat_map(|(name, g)| g.iter().map(move |a| (a.clone(), name.clone())))
                .collect()
        };
        let months = aliases(&lexicon.dates.months);
        let weekdays = aliases(&lexicon.dates.weekdays);
        let units: Vec<(String, String)> = lexicon
            .numbers
            .units
            .iter()
            .map(|u| (u.clone(), canonical_unit(u)))
            .collect();
        let lower_map = |m: &std::collections::BTreeMap<String, f64>| {
            m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
        };
        let mut rules = FigureRules {
            timeframes: PhraseSet::new(lexicon.timeframe.phrases.iter().map(|p| (p.as_str(), ()))),
            months: PhraseSet::new(months.iter().map(|(a, n)| (a.as_str(), n.clone()))),
            weekdays: PhraseSet::new(weekdays.iter().map(|(a, n)| (a.as_str(), n.clone()))),
            prepositions: lexicon
                .dates
                .prepositions
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            units: PhraseSet::new(units.iter().map(|(a, c)| (a.as_str(), c.clone()))),
            scales: lower_map(&lexicon.numbers.scales),
            number_words: lower_map(&lexicon.numbers.words),
            roles: HashMap::default(),
        };
        let mut roles: HashMap<String, u8> = HashMap::default();
        let mut mark = |words: &mut dyn Iterator<Item = &str>, bit: u8| {
            for word in words {
                *roles.entry(word.to_string()).or_default() |= bit;
            }
        };
        mark(&mut rules.timeframes.first_tokens(), role::TIMEFRAME);
        mark(&mut rules.months.first_tokens(), role::MONTH);
        mark(&mut rules.weekdays.first_tokens(), role::WEEKDAY);
        mark(&mut rules.units.first_tokens(), role::UNIT);
        mark(&mut rules.scales.keys().map(String::as_str), role::SCALE);
        // `word_value` splits at hyphens: only a word without one is a single lookup.
        let plain_numbers = rules.number_words.keys().filter(|w| !w.contains('-'));
        mark(&mut plain_numbers.map(String::as_str), role::NUMBER_WORD);
        rules.roles = roles;
        rules
    }

    /// The [`role`] bits of each token.
    fn token_roles(&self, tokens: &[Token<'_>]) -> Vec<u8> {
        tokens
            .iter()
            .map(|t| {
                let bits = self.roles.get(t.lower.as_ref()).copied().unwrap_or(0);
                let hyphenated_number =
                    t.is_word() && t.lower.contains('-') && self.word_value(&t.lower).is_some();
                bits | if hyphenated_number {
                    role::NUMBER_WORD
                } else {
                    0
                }
            })
            .collect()
    }

    /// Dates, time frames and figures changed, added or dropped. Time
    /// expressions go first: they claim their tokens ("2026" is a year, not a
    /// count).
    pub fn detect(&self, old: &mut Side<'_>, new: &mut Side<'_>, scope: &Scope<'_>) -> Vec<Signal> {
        let (old_roles, new_roles) = (self.token_roles(&old.tokens), self.token_roles(&new.tokens));
        let mut signals = self.times(old, new, (&old_roles, &new_roles), scope);
        signals.extend(self.numbers(old, new, (&old_roles, &new_roles), scope));
        signals
    }

    /// Dates and time frames changed, added or dropped.
    fn times(
        &self,
        old: &mut Side<'_>,
        new: &mut Side<'_>,
        (old_roles, new_roles): (&[u8], &[u8]),
        scope: &Scope<'_>,
    ) -> Vec<Signal> {
        let old_items = self.time_items(old, old_roles);
        let new_items = self.time_items(new, new_roles);
        let kind_of = |concrete: bool| {
            if concrete {
                SignalKind::Date
            } else {
                SignalKind::Timeframe
            }
        };
        let name = |kind| {
            if kind == SignalKind::Date {
                "date"
            } else {
                "time frame"
            }
        };
        let mut signals = Vec::new();
        for pairing in pairings(old_items, new_items, scope.blocks, false) {
            match pairing {
                Pairing::Changed(o, n) => {
                    let kind = kind_of(o.extra && n.extra);
                    signals.push(signal(
                        kind,
                        Some(Direction::Changed),
                        Some(&o.show),
                        Some(&n.show),
                        format!("{}: {} → {}", name(kind), o.show, n.show),
                    ));
                }
                Pairing::Removed(o) | Pairing::Added(o)
                    if scope.known(kind_of(o.extra), &o.key) => {}
                Pairing::Removed(o) => {
                    let kind = kind_of(o.extra);
                    let detail = format!("{} dropped: {}", name(kind), o.show);
                    signals.push(signal(
                        kind,
                        Some(Direction::Removed),
                        Some(&o.show),
                        None,
                        detail,
                    ));
                }
                Pairing::Added(n) => {
                    let kind = kind_of(n.extra);
                    let detail = format!("{} added: {}", name(kind), n.show);
                    signals.push(signal(
                        kind,
                        Some(Direction::Added),
                        None,
                        Some(&n.show),
                        detail,
                    ));
                }
            }
        }
        signals
    }

    /// Figures changed, added or dropped.
    fn numbers(
        &self,
        old: &mut Side<'_>,
        new: &mut Side<'_>,
        (old_roles, new_roles): (&[u8], &[u8]),
        scope: &Scope<'_>,
    ) -> Vec<Signal> {
        let mut old_items = self.number_items(old, old_roles);
        let mut new_items = self.number_items(new, new_roles);
        // In a revision, where a move starts and where it ends are different
        // figures: "from 3 to 3-1/2 percent" → "from 3-1/2 to 4 percent" moved the
        // end from 3-1/2 to 4, it did not keep 3-1/2.
        if scope.kind == ChangeKind::Revised {
            for item in old_items.iter_mut().chain(&mut new_items) {
                if item.extra.origin {
                    item.key.insert_str(0, "from ");
                }
            }
        }
        let mut signals = Vec::new();
        let fits = |o: &Item<Quantity>, n: &Item<Quantity>| {
            o.extra.unit == n.extra.unit && o.extra.origin == n.extra.origin
        };
        let mut pairings = pairings_by(old_items, new_items, scope.blocks, false, fits);
        // Where a move ends is the news: it is reported first.
        pairings.sort_by_key(|p| matches!(p, Pairing::Changed(o, _) if o.extra.origin));
        for pairing in pairings {
            match pairing {
                Pairing::Changed(o, n) => {
                    let (a, b) = (&o.extra, &n.extra);
                    let (before, after) = ((a.low + a.high) / 2.0, (b.low + b.high) / 2.0);
                    let (direction, note) = if a.unit != b.unit || before == after {
                        (Direction::Changed, "")
                    } else if after > before {
                        (Direction::Increased, " (up)")
                    } else {
                        (Direction::Decreased, " (down)")
                    };
                    signals.push(signal(
                        SignalKind::Number,
                        Some(direction),
                        Some(&o.show),
                        Some(&n.show),
                        format!("figure: {} → {}{note}", o.show, n.show),
                    ));
                }
                Pairing::Removed(o) | Pairing::Added(o)
                    if scope.known(SignalKind::Number, &o.key) => {}
                // "The two sides" in a whole new or dropped sentence is a description,
                // not a figure that changed.
                Pairing::Removed(o) | Pairing::Added(o)
                    if o.extra.spelled && scope.kind != ChangeKind::Revised => {}
                Pairing::Removed(o) => signals.push(signal(
                    SignalKind::Number,
                    Some(Direction::Removed),
                    Some(&o.show),
                    None,
                    format!("figure dropped: {}", o.show),
                )),
                Pairing::Added(n) => signals.push(signal(
                    SignalKind::Number,
                    Some(Direction::Added),
                    None,
                    Some(&n.show),
                    format!("figure added: {}", n.show),
                )),
            }
        }
        signals
    }

    /// Keys of every figure and time expression of a side (for inventories).
    pub fn keys(&self, side: &mut Side<'_>) -> Vec<(SignalKind, String)> {
        let roles = self.token_roles(&side.tokens);
        let mut keys: Vec<(SignalKind, String)> = self
            .time_items(side, &roles)
            .into_iter()
            .map(|i| {
                let kind = if i.extra {
                    SignalKind::Date
                } else {
                    SignalKind::Timeframe
                };
                (kind, i.key)
            })
            .collect();
        keys.extend(
            self.number_items(side, &roles)
                .into_iter()
                .map(|i| (SignalKind::Number, i.key)),
        );
        keys
    }

    /// Time expressions (`extra`: a concrete date rather than a relative time frame).
    fn time_items(&self, side: &mut Side<'_>, roles: &[u8]) -> Vec<Item<bool>> {
        let mut items = Vec::new();
        let timeframes = self
            .timeframes
            .find_all_where(&side.tokens, &side.claimed, |i| {
                roles[i] & role::TIMEFRAME != 0
            });
        for (i, len, ()) in timeframes {
            let span = side.span(i, len);
            let show = side.text[span.clone()].to_string();
            side.claim(i..i + len);
            items.push(Item {
                key: show.to_lowercase(),
                show,
                span,
                extra: false,
            });
        }
        let mut i = 0;
        while i < side.tokens.len() {
            match self.date_at(side, roles, i) {
                Some((start, len, key)) => {
                    let from = match start.checked_sub(1) {
                        Some(p)
                            if !side.claimed[p]
                                && self.prepositions.contains(side.tokens[p].lower.as_ref()) =>
                        {
                            p
                        }
                        _ => start,
                    };
                    let span = side.span(from, start + len - from);
                    side.claim(start..start + len);
                    items.push(Item {
                        key,
                        show: side.text[span.clone()].to_string(),
                        span,
                        extra: true,
                    });
                    i = start + len;
                }
                None => i += 1,
            }
        }
        items.sort_by_key(|i| i.span.start);
        items
    }

    /// A concrete date or time starting at (or, for "4 March", just before)
    /// token `i`: its first token, length and key.
    fn date_at(&self, side: &Side<'_>, roles: &[u8], i: usize) -> Option<(usize, usize, String)> {
        let tokens = &side.tokens;
        let has = |j: usize, bit: u8| roles.get(j).is_some_and(|r| r & bit != 0);
        let token = &tokens[i];
        // A date is found at a month, a weekday or a number (for "4 March",
        // at the month): most tokens are none of these.
        let may_start = token.kind == TokenKind::Number || has(i, role::MONTH | role::WEEKDAY);
        if side.claimed[i] || !may_start {
            return None;
        }
        let number = |j: usize| -> Option<u32> {
            let t = tokens.get(j)?;
            (t.kind == TokenKind::Number && !side.claimed[j]).then(|| t.text.parse().ok())?
        };
        let is_year = |j: usize| {
            number(j).is_some_and(|y| (1900..=2100).contains(&y) && tokens[j].text.len() == 4)
        };
        let month = has(i, role::MONTH)
            .then(|| self.months.match_at(tokens, i))
            .flatten();
        if let Some((len, month)) = month {
            let next_is_figure = number(i + len).is_some();
            let modal_may = token.lower == "may" && side.sentence_start[i] && !next_is_figure;
            if !token.is_capitalized() || modal_may {
                return None;
            }
            let (mut start, mut end) = (i, i + len);
            let mut key = month.clone();
            if let Some(day) = number(end).filter(|d| (1..=31).contains(d)) {
                key = format!("{key} {day}");
                end += 1;
                if tokens.get(end).is_some_and(|t| t.text == ",") && is_year(end + 1) {
                    end += 1;
                }
            } else if let Some(day) = i
                .checked_sub(1)
                .and_then(number)
                .filter(|d| (1..=31).contains(d))
            {
                key = format!("{key} {day}");
                start = i - 1;
            }
            if is_year(end) {
                key = format!("{key} {}", tokens[end].text);
                end += 1;
            }
            return Some((start, end - start, key));
        }
        let weekday = has(i, role::WEEKDAY)
            .then(|| self.weekdays.match_at(tokens, i))
            .flatten();
        if let Some((len, day)) = weekday {
            return token.is_capitalized().then(|| (i, len, day.clone()));
        }
        if token.kind != TokenKind::Number {
            return None;
        }
        // Times of day: "6 a.m.", "10:30 pm".
        let lower = |j: usize| tokens.get(j).map_or("", |t| t.lower.as_ref());
        let meridiem = match (lower(i + 1), lower(i + 2), lower(i + 3), lower(i + 4)) {
            ("a" | "p", ".", "m", ".") => Some(4),
            ("am" | "pm", ..) => Some(1),
            _ => None,
        };
        if let Some(len) = meridiem {
            let half = if lower(i + 1).starts_with('a') {
                "am"
            } else {
                "pm"
            };
            return Some((i, len + 1, format!("{} {half}", token.text)));
        }
        let iso = token.text.len() == 10 && token.text.matches('-').count() == 2;
        let clock = token.text.contains(':');
        let unit_follows = (has(i + 1, role::UNIT) && self.units.contains(tokens, i + 1))
            || has(i + 1, role::SCALE);
        let money_before = i > 0 && is_currency(tokens[i - 1].text);
        if iso || clock || (is_year(i) && !unit_follows && !money_before) {
            return Some((i, 1, token.text.to_string()));
        }
        None
    }

    /// Figures not already claimed as dates.
    fn number_items(&self, side: &mut Side<'_>, roles: &[u8]) -> Vec<Item<Quantity>> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < side.tokens.len() {
            match self.figure_at(side, roles, i) {
                Some((len, show_len, quantity)) => {
                    let span = side.span(i, show_len);
                    side.claim(i..i + len);
                    items.push(Item {
                        key: quantity_key(&quantity),
                        show: side.text[span.clone()].to_string(),
                        span,
                        extra: quantity,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        items
    }

    /// A figure at token `i`: tokens it claims, tokens it shows (with the counted
    /// noun), and its value.
    fn figure_at(
        &self,
        side: &Side<'_>,
        roles: &[u8],
        i: usize,
    ) -> Option<(usize, usize, Quantity)> {
        let tokens = &side.tokens;
        let has = |j: usize, bit: u8| roles.get(j).is_some_and(|r| r & bit != 0);
        let free = |j: usize| j < tokens.len() && !side.claimed[j];
        if !free(i) {
            return None;
        }
        // A figure's value is a number or a number word, after a currency sign
        // or not: most tokens can start none.
        let may_start = tokens[i].kind == TokenKind::Number
            || has(i, role::NUMBER_WORD)
            || is_currency(tokens[i].text);
        if !may_start {
            return None;
        }
        // "No. 2", "Sec. 4": a reference, not a quantity.
        let reference = i >= 2
            && tokens[i - 1].text == "."
            && matches!(
                tokens[i - 2].lower.as_ref(),
                "no" | "nos" | "sec" | "art" | "para" | "vol" | "p" | "pp"
            );
        if reference {
            return None;
        }
        let mut unit = String::new();
        let mut j = i;
        if is_currency(tokens[i].text) {
            unit = canonical_unit(tokens[i].text);
            j += 1;
        }
        // A mixed number written with a space, "3 1/2": a whole number, one
        // space and a fraction, the fraction's token after `j`.
        let spaced_fraction = |j: usize| -> Option<f64> {
            let (whole, next) = (&tokens[j], tokens.get(j + 1)?);
            let fraction = next.kind == TokenKind::Number
                && free(j + 1)
                && whole.text.bytes().all(|b| b.is_ascii_digit())
                && &side.text[whole.end..next.start] == " "
                && next.text.split('/').count() == 2
                && next.text.bytes().all(|b| b.is_ascii_digit() || b == b'/');
            fraction.then(|| figure_value(next.text).map(|(v, _)| v))?
        };
        // A value and how many tokens it takes.
        let value = |j: usize| -> Option<((f64, f64), usize)> {
            if !free(j) {
                return None;
            }
            match tokens[j].kind {
                TokenKind::Number => {
                    let (low, high) = figure_value(tokens[j].text)?;
                    Some(match spaced_fraction(j) {
                        Some(f) => ((low + f, high + f), 2),
                        None => ((low, high), 1),
                    })
                }
                TokenKind::Word if has(j, role::NUMBER_WORD) => {
                    self.word_value(&tokens[j].lower).map(|v| ((v, v), 1))
                }
                TokenKind::Word => None,
                TokenKind::Punct => None,
            }
        };
        let ((mut low, mut high), used) = value(j)?;
        j += used;
        let joiner = tokens.get(j).map(|t| t.lower.as_ref());
        let before = |word: &str| i > 0 && tokens[i - 1].lower == word;
        // "from 4 to 4-1/4 percent" is a move between two figures, not a range.
        let is_range = !before("from")
            && (matches!(joiner, Some("to" | "through" | "-"))
                || (joiner == Some("and") && before("between")));
        if is_range {
            if let Some(((_, h), used)) = value(j + 1) {
                high = h;
                j += 1 + used;
            }
        }
        if let Some(&scale) = tokens
            .get(j)
            .filter(|_| has(j, role::SCALE))
            .and_then(|t| self.scales.get(t.lower.as_ref()))
        {
            low *= scale;
            high *= scale;
            j += 1;
        }
        let unit_at = has(j, role::UNIT)
            .then(|| self.units.match_at(tokens, j))
            .flatten();
        if let Some((len, canonical)) = unit_at {
            unit = canonical.clone();
            j += len;
            // "2 percent to 2-1/4 percent": a range that names its unit twice.
            let joined = low == high
                && !before("from")
                && tokens
                    .get(j)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "to" | "through"));
            if joined
                && let Some(((_, h), used)) = value(j + 1)
                && has(j + 1 + used, role::UNIT)
                && self
                    .units
                    .match_at(tokens, j + 1 + used)
                    .is_some_and(|(_, u)| *u == unit)
            {
                let (unit_len, _) = self.units.match_at(tokens, j + 1 + used).expect("matched");
                high = h;
                j += 1 + used + unit_len;
            }
        }
        let spelled = unit.is_empty() && tokens[i].is_word();
        let origin = before("from");
        let noun = unit.is_empty()
            && tokens.get(j).is_some_and(|t| {
                t.is_word()
                    && !t.is_capitalized()
                    && !is_stopword(&t.lower)
                    && !has(j, role::NUMBER_WORD)
            });
        let shown = j - i + usize::from(noun);
        Some((
            j - i,
            shown,
            Quantity {
                low,
                high,
                unit,
                spelled,
                origin,
            },
        ))
    }

    /// "nine", "twenty-five", "dozen".
    fn word_value(&self, word: &str) -> Option<f64> {
        word.split('-')
            .map(|part| self.number_words.get(part).copied())
            .sum::<Option<f64>>()
    }
}

fn is_currency(text: &str) -> bool {
    matches!(text, "$" | "€" | "£" | "¥")
}

/// "%", "per cent" → "percent"; "$" → "dollar"; plurals singular.
fn canonical_unit(unit: &str) -> String {
    let lower = unit.to_lowercase();
    match lower.as_str() {
        "%" | "per cent" | "pct" | "percent" => "percent".into(),
        "$" => "dollar".into(),
        "€" => "euro".into(),
        "£" => "pound".into(),
        "¥" => "yen".into(),
        "pp" => "percentage point".into(),
        _ => lower
            .strip_suffix('s')
            .filter(|s| s.len() > 1)
            .unwrap_or(&lower)
            .to_string(),
    }
}

/// "4-1/4" → 4.25; "1/4" → 0.25; "1,200" → 1200; "2024-2025" → a range.
fn figure_value(text: &str) -> Option<(f64, f64)> {
    let simple = |s: &str| -> Option<f64> {
        match s.split_once('/') {
            Some((n, d)) => Some(n.parse::<f64>().ok()? / d.parse::<f64>().ok()?),
            None => s.replace(',', "").parse().ok(),
        }
    };
    match text.split_once('-') {
        Some((whole, fraction)) if fraction.contains('/') && !whole.contains('/') => {
            let v = whole.parse::<f64>().ok()? + simple(fraction)?;
            Some((v, v))
        }
        Some((a, b)) => Some((simple(a)?, simple(b)?)),
        None => simple(text).map(|v| (v, v)),
    }
}

fn quantity_key(q: &Quantity) -> String {
    let value = if q.low == q.high {
        format!("{}", q.low)
    } else {
        format!("{}..{}", q.low, q.high)
    };
    format!("{value} {}", q.unit).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::detect;
    use super::*;

    fn of(kind: SignalKind, old: &str, new: &str) -> Vec<String> {
        detect(old, new)
            .into_iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.detail)
            .collect()
    }

    #[test]
    fn values_parse_fractions_ranges_and_separators() {
        assert_eq!(figure_value("4-1/4"), Some((4.25, 4.25)));
        assert_eq!(figure_value("1/2"), Some((0.5, 0.5)));
        assert_eq!(figure_value("1,200"), Some((1200.0, 1200.0)));
        assert_eq!(figure_value("2024-2025"), Some((2024.0, 2025.0)));
        assert_eq!(canonical_unit("Basis Points"), "basis point");
        assert_eq!(canonical_unit("%"), "percent");
    }

    #[test]
    fn ranges_and_rates_change_with_a_direction() {
        let signals = detect(
            "The Committee kept the range at 4-1/4 to 4-1/2 percent.",
            "The Committee set the range at 4 to 4-1/4 percent.",
        );
        let number = signals
            .iter()
            .find(|s| s.kind == SignalKind::Number)
            .unwrap();
        assert_eq!(number.direction, Some(Direction::Decreased));
        assert_eq!(number.old.as_deref(), Some("4-1/4 to 4-1/2 percent"));
        assert_eq!(number.new.as_deref(), Some("4 to 4-1/4 percent"));
    }

    #[test]
    fn a_range_that_names_its_unit_twice_is_one_figure() {
        assert_eq!(
            of(
                SignalKind::Number,
                "The target range stays at 2 percent to 2-1/4 percent.",
                "The target range is now 1-3/4 percent to 2 percent."
            ),
            ["figure: 2 percent to 2-1/4 percent → 1-3/4 percent to 2 percent (down)"]
        );
        // A move "from … to …" is two figures.
        assert_eq!(
            of(
                SignalKind::Number,
                "The rate rose from 3 percent to 4 percent.",
                "The rate rose from 3 percent to 5 percent."
            ),
            ["figure: 4 percent → 5 percent (up)"]
        );
    }

    #[test]
    fn where_a_move_ends_is_paired_with_where_it_ends() {
        assert_eq!(
            of(
                SignalKind::Number,
                "The Board raised the rate from 3 percent to 3-1/2 percent.",
                "The Board raised the rate from 3-1/2 percent to 4 percent."
            ),
            [
                "figure: 3-1/2 percent → 4 percent (up)",
                "figure: 3 percent → 3-1/2 percent (up)"
            ]
        );
    }

    #[test]
    fn a_rate_pairs_with_a_rate_and_a_move_with_a_move() {
        assert_eq!(
            of(
                SignalKind::Number,
                "The Committee lowered the target by 50 basis points to 1 percent.",
                "The Committee set the target range at 0 to 1/4 percent."
            ),
            [
                "figure: 1 percent → 0 to 1/4 percent (down)",
                "figure dropped: 50 basis points"
            ]
        );
        // Digits of addresses and codes are no figures.
        assert!(
            of(
                SignalKind::Number,
                "The note is at https://bank.example/2026/note-3.pdf today.",
                "The note is at https://bank.example/2027/note-4.pdf today."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_mixed_number_written_with_a_space_is_one_figure() {
        assert_eq!(
            of(
                SignalKind::Number,
                "The rate rose from 3 1/2 percent to 4 percent.",
                "The rate rose from 4 percent to 4 3/4 percent."
            ),
            // Where the move ends first, then where it starts.
            [
                "figure: 4 percent → 4 3/4 percent (up)",
                "figure: 3 1/2 percent → 4 percent (up)"
            ]
        );
        // Glue before the space makes no mixed number: "1-1/4 1/2" is two.
        assert_eq!(
            of(
                SignalKind::Number,
                "Sizes were 1-1/4 1/2.",
                "Sizes were 1-1/4."
            ),
            ["figure dropped: 1/2"]
        );
    }

    #[test]
    fn spellings_of_one_figure_are_the_same_figure() {
        assert!(
            of(
                SignalKind::Number,
                "It lasted nine hours.",
                "It lasted 9 hours."
            )
            .is_empty()
        );
        assert!(
            of(
                SignalKind::Number,
                "Prices rose 2.5%.",
                "Prices rose 2.5 per cent."
            )
            .is_empty()
        );
        assert!(
            of(
                SignalKind::Number,
                "It freed 150 detainees.",
                "It freed 150 prisoners."
            )
            .is_empty()
        );
        assert_eq!(
            of(
                SignalKind::Number,
                "Runoff is 25 billion crowns.",
                "Runoff is $25 billion."
            ),
            ["figure: 25 billion crowns → $25 billion"]
        );
    }

    #[test]
    fn dates_weekdays_times_and_time_frames() {
        assert_eq!(
            of(
                SignalKind::Date,
                "The pause ends at 6 a.m. on Saturday.",
                "The pause ends at 6 a.m. on Tuesday."
            ),
            ["date: on Saturday → on Tuesday"]
        );
        assert_eq!(
            of(
                SignalKind::Timeframe,
                "Talks resume on Saturday.",
                "Talks resume next week."
            ),
            ["time frame: on Saturday → next week"]
        );
        assert_eq!(
            of(
                SignalKind::Date,
                "The round is set for Feb. 20, 2026.",
                "The round is set for March 4, 2026."
            ),
            ["date: Feb. 20, 2026 → March 4, 2026"]
        );
        // A month is not a figure, a day number is not a count, "No. 2" is a name.
        assert!(of(SignalKind::Number, "Group No. 2 met.", "Group No. 3 met.").is_empty());
        assert!(
            of(
                SignalKind::Number,
                "It met on March 4.",
                "It met on March 5."
            )
            .is_empty()
        );
    }
}
