//! Routine: the edits a thread makes every round, learned from its history.
//!
//! Statements in a thread repeat themselves: each FOMC statement names the
//! month of the last meeting, the date of its implementation note, the list of
//! voters. Such an edit says nothing new, and an editor should meet it last.
//!
//! A revised change is a *routine candidate* when every changed run of its
//! redline swaps calendar words for calendar words (a month, a date, a year, a
//! weekday: `[-May-]{+June+}`) or names for names in a list (`[-Richard W.
//! Fisher-]{+Jack Guynn+}`, a name added to or dropped from a roster). Its
//! *slot* is the kind of swap and the sentence's opening words (dates and
//! figures masked): "calendar · information received since the", "names ·
//! voting for the fomc".
//!
//! A candidate is **routine** when its slot changed that way in at least half of
//! the thread's rounds (and in at least [`MIN_ROUNDS`] of them) — and when it
//! keeps the pattern:
//! - a calendar swap moves forward by a step (in months) that another round of
//!   the slot also took: "met in May → met in June" is routine when other rounds
//!   also moved a month or two; a jump the thread never made (the month skips)
//!   is not;
//! - a names swap is routine unless a name it adds or drops also stands in
//!   another change of that round (added, removed or revised): a voter who
//!   leaves the list to dissent is news, a rotation of the roster is not.
//! - a day of a month swapped for another ("Feb. 16 → 20") keeps the pattern
//!   only when it moves forward; a bare number swap with no month, weekday or
//!   year in or before it is a figure, never a calendar swap.
//!
//! A routine change is marked (`routine: true`) and its significance is a tenth
//! of what it would be, so that it ranks below every other change (any other
//! change weighs at least 0.10, see `signals::significance`).

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

use crate::report::{Change, ChangeKind, EditOp, Report, round_ratio};

/// A slot must have changed that way in at least this many rounds.
pub const MIN_ROUNDS: usize = 2;
/// …and in at least this share of the thread's rounds.
pub const MIN_SHARE: f64 = 0.5;
/// A routine change's significance is scaled by this.
pub const ROUTINE_SCALE: f64 = 0.1;

/// Opening words of a sentence that name its slot.
const SLOT_WORDS: usize = 4;

/// What kind of routine edit a change makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Swap {
    /// Months, dates, years, weekdays for others.
    Calendar,
    /// Names in a list swapped, added or dropped.
    Names,
}

/// Where in a statement a routine edit happens, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Slot {
    swap: Swap,
    opening: String,
}

/// A candidate found in one round.
#[derive(Debug, Clone)]
struct Candidate {
    slot: Slot,
    /// For a calendar swap: months moved forward, when both sides name one.
    step: Option<i32>,
    /// For a names swap: the names added or dropped.
    names: Vec<String>,
}

/// What a thread's history says is routine.
#[derive(Debug, Clone, Default)]
pub struct Routine {
    /// For each slot: the rounds it changed in, and each round's calendar step.
    slots: HashMap<Slot, Vec<(usize, Option<i32>)>>,
    rounds: usize,
}

impl Routine {
    /// Learns from the rounds of a thread (consecutive statements, in order).
    pub fn learn(rounds: &[Report]) -> Routine {
        let mut slots: HashMap<Slot, Vec<(usize, Option<i32>)>> = HashMap::default();
        for (round, report) in rounds.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for candidate in report.changes.iter().filter_map(candidate) {
                // One count per slot and round.
                if seen.insert((candidate.slot.swap, candidate.slot.opening.clone())) {
                    slots
                        .entry(candidate.slot)
                        .or_default()
                        .push((round, candidate.step));
                }
            }
        }
        Routine {
            slots,
            rounds: rounds.len(),
        }
    }

    /// Whether the history has anything to go by.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Marks the routine changes of `report` (one of the thread's rounds, or a
    /// comparison of two of its statements) and scales their significance.
    pub fn apply(&self, report: &mut Report) {
        // The text of every change of the round, to tell a roster edit that
        // goes with another change (a voter who now dissents) from a rotation.
        let changed: Vec<(usize, String)> = report
            .changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_change())
            .flat_map(|(i, c)| {
                c.old
                    .iter()
                    .chain(&c.new)
                    .map(move |s| (i, s.text.to_string()))
            })
            .collect();
        for (i, change) in report.changes.iter_mut().enumerate() {
            let elsewhere: Vec<&str> = changed
                .iter()
                .filter(|(at, _)| *at != i)
                .map(|(_, text)| text.as_str())
                .collect();
            if let Some(candidate) = candidate(change)
                && self.is_routine(&candidate, &elsewhere)
            {
                change.routine = true;
                change.significance = round_ratio(change.significance * ROUTINE_SCALE);
            }
        }
    }

    fn is_routine(&self, candidate: &Candidate, elsewhere: &[&str]) -> bool {
        let Some(history) = self.slots.get(&candidate.slot) else {
            return false;
        };
        let rounds: BTreeSet<usize> = history.iter().map(|(r, _)| *r).collect();
        let frequent =
            rounds.len() >= MIN_ROUNDS && rounds.len() as f64 >= MIN_SHARE * self.rounds as f64;
        if !frequent {
            return false;
        }
        match candidate.slot.swap {
            Swap::Calendar => match candidate.step {
                // The thread took this step in another round too.
                Some(step) => {
                    step >= 0 && history.iter().filter(|(_, s)| *s == Some(step)).count() >= 2
                }
                None => true,
            },
            Swap::Names => !candidate
                .names
                .iter()
                .any(|name| elsewhere.iter().any(|text| text.contains(name.as_str()))),
        }
    }
}

/// The routine candidate a change is, if it is one.
fn candidate(change: &Change) -> Option<Candidate> {
    if change.kind != ChangeKind::Revised {
        return None;
    }
    let blocks = blocks(change);
    if blocks.is_empty() {
        return None;
    }
    let swap = if blocks
        .iter()
        .all(|b| is_calendar(&b.old) && is_calendar(&b.new) && names_a_date(b))
    {
        Swap::Calendar
    } else if blocks.iter().all(|b| is_names(&b.old) && is_names(&b.new)) {
        Swap::Names
    } else {
        return None;
    };
    let step = match swap {
        // One step for the change: the first swap that names a month on both sides.
        Swap::Calendar => blocks
            .iter()
            .find_map(|b| months_between(&b.old, &b.new).or_else(|| days_between(b))),
        Swap::Names => None,
    };
    let names = match swap {
        Swap::Names => blocks
            .iter()
            .flat_map(|b| [&b.old, &b.new])
            .flat_map(|text| text.split([';', ',']))
            .map(|name| name.trim().trim_start_matches("and ").trim().to_string())
            .filter(|name| name.chars().any(char::is_alphabetic))
            .collect(),
        Swap::Calendar => Vec::new(),
    };
    let opening = change.new.first()?.text.as_ref();
    Some(Candidate {
        slot: Slot {
            swap,
            opening: opening_words(opening),
        },
        step,
        names,
    })
}

/// One changed run of a revision, and the word before it.
#[derive(Debug, Default)]
struct Block {
    old: String,
    new: String,
    /// The last word of the unchanged text before the run ("Feb." in "on
    /// Feb. [-16-]{+20+}").
    before: String,
}

/// The changed runs of a revision.
fn blocks(change: &Change) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    let mut before = "";
    for edit in &change.edits {
        match edit.op {
            EditOp::Equal => {
                open = false;
                before = edit.text.split_whitespace().last().unwrap_or("");
            }
            op => {
                if !open {
                    blocks.push(Block {
                        before: before.to_string(),
                        ..Block::default()
                    });
                    open = true;
                }
                let block = blocks.last_mut().expect("a block is open");
                match op {
                    EditOp::Delete => block.old.push_str(&edit.text),
                    _ => block.new.push_str(&edit.text),
                }
            }
        }
    }
    blocks
}

/// A run of calendar words is a date only with a month, a weekday or a year in
/// it, or right after a month: "12 → 48" alone is a figure, "Feb. 16 → 20" a day.
fn names_a_date(block: &Block) -> bool {
    let dated = |text: &str| {
        words(text).any(|w| {
            month_of(w).is_some()
                || WEEKDAYS.contains(&w.to_lowercase().as_str())
                || w.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y))
        })
    };
    dated(&block.old) || dated(&block.new) || month_of(&block.before).is_some()
}

/// A day of a month swapped for another ("Feb. [-16-]{+20+}"): a step of 0
/// months when the day moves forward, -1 (no routine step) when it goes back.
fn days_between(block: &Block) -> Option<i32> {
    let day = |text: &str| text.trim().parse::<i32>().ok();
    let (old, new) = (day(&block.old)?, day(&block.new)?);
    month_of(&block.before)?;
    Some(if new > old { 0 } else { -1 })
}

/// The first words of a sentence, lowercased, figures masked: its slot.
fn opening_words(text: &str) -> String {
    text.split_whitespace()
        .take(SLOT_WORDS)
        .map(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if w.chars().any(|c| c.is_ascii_digit()) {
                "#".to_string()
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The words of a text, without punctuation around them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn month_of(word: &str) -> Option<i32> {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() >= 3 && m.starts_with(lower)))
        .map(|i| i as i32)
}

/// Only calendar words: months, weekdays, days, years, "and", "of", ordinals.
/// An empty side (a date added or dropped) is no swap.
fn is_calendar(text: &str) -> bool {
    let mut any = false;
    for word in words(text) {
        any = true;
        let lower = word.to_lowercase();
        let number = word.trim_end_matches(|c: char| c.is_alphabetic());
        let calendar = month_of(word).is_some()
            || WEEKDAYS.contains(&lower.as_str())
            || matches!(lower.as_str(), "and" | "of" | "the")
            || (!number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
                && number.len() <= 4
                && matches!(&word[number.len()..], "" | "st" | "nd" | "rd" | "th"));
        if !calendar {
            return false;
        }
    }
    any
}

/// The month a calendar text names (0 for January) and its year, if it names one.
fn month_and_year(text: &str) -> Option<(i32, Option<i32>)> {
    let month = words(text).find_map(month_of)?;
    let year = words(text)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y));
    Some((month, year))
}

/// Months from the date `old` names to the one `new` names: with years when both
/// give one, else within a year ("November" → "January" is 2).
fn months_between(old: &str, new: &str) -> Option<i32> {
    let ((m0, y0), (m1, y1)) = (month_and_year(old)?, month_and_year(new)?);
    Some(match (y0, y1) {
        (Some(y0), Some(y1)) => (y1 * 12 + m1) - (y0 * 12 + m0),
        _ => (m1 - m0).rem_euclid(12),
    })
}

/// Only names: capitalised words, initials and the separators of a list. One
/// side may be empty (a name added to or dropped from the list).
fn is_names(text: &str) -> bool {
    let mut capitalised = 0;
    for word in words(text) {
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        } else if !matches!(word, "and" | "of" | "de" | "van" | "von") {
            return false;
        }
    }
    capitalised > 0
        || text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '.'))
            .is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare};
    use crate::statement::Statement;

    /// A thread of central-bank statements: each names the month of the last
    /// meeting and lists its voters.
    fn statement(
        i: usize,
        last_meeting: &str,
        decision: &str,
        voters: &str,
        extra: &str,
    ) -> Statement {
        let text = format!(
            "Information received since the Council met in {last_meeting} indicates that activity \
             has grown at a moderate pace.\n\n{decision}\n\nVoting for the action were {voters}.{extra}\n"
        );
        Statement::parse(&format!("{i}.md"), text.as_bytes()).unwrap()
    }

    const KEEP: &str = "The Council decided to keep the policy rate at 3 percent.";
    const VOTERS: &str = "Ada Brun, Chair; Tobias Lenk; Priya Sandoval; and Ana P. Ruiz";

    fn rounds(statements: &[Statement]) -> Vec<Report> {
        statements
            .windows(2)
            .map(|pair| compare(pair[0].clone(), pair[1].clone(), &CompareOptions::default()))
            .collect()
    }

    /// The thread's last round, with the routine learned from all its rounds.
    fn last_round(thread: &[Statement]) -> Report {
        let mut history = rounds(thread);
        let routine = Routine::learn(&history);
        let mut last = history.pop().unwrap();
        routine.apply(&mut last);
        last
    }

    fn routine_details(report: &Report) -> Vec<(String, bool)> {
        report
            .changes
            .iter()
            .filter(|c| c.is_change())
            .map(|c| {
                (
                    c.new
                        .first()
                        .map_or("", |s| &s.text)
                        .chars()
                        .take(20)
                        .collect(),
                    c.routine,
                )
            })
            .collect()
    }

    #[test]
    fn the_month_of_the_last_meeting_is_routine_unless_it_skips() {
        let months = ["January", "March", "April", "June", "July", "September"];
        let mut thread: Vec<Statement> = months
            .iter()
            .enumerate()
            .map(|(i, m)| statement(i, m, KEEP, VOTERS, ""))
            .collect();
        let last = &last_round(&thread);
        assert_eq!(
            routine_details(last),
            [("Information received".to_string(), true)]
        );
        assert!(
            last.changes
                .iter()
                .all(|c| !c.is_change() || c.significance < 0.1)
        );

        // The month jumps from September to March: not the thread's step.
        thread.push(statement(6, "March", KEEP, VOTERS, ""));
        let last = &last_round(&thread);
        assert_eq!(
            routine_details(last),
            [("Information received".to_string(), false)]
        );
    }

    #[test]
    fn a_roster_change_is_routine_unless_a_voter_dissents() {
        let rosters = [
            "Ada Brun, Chair; Tobias Lenk; Priya Sandoval; and Ana P. Ruiz",
            "Ada Brun, Chair; Odile M. Vasel; Priya Sandoval; and Ana P. Ruiz",
            "Ada Brun, Chair; Odile M. Vasel; Karl Dent; and Ana P. Ruiz",
            "Ada Brun, Chair; Odile M. Vasel; Karl Dent; and Ines Falk",
        ];
        let mut thread: Vec<Statement> = rosters
            .iter()
            .enumerate()
            .map(|(i, r)| statement(i, "May", KEEP, r, ""))
            .collect();
        let last = &last_round(&thread);
        assert_eq!(
            routine_details(last),
            [("Voting for the actio".to_string(), true)]
        );

        // Karl Dent leaves the list to dissent: that is news.
        thread.push(statement(
            4,
            "May",
            KEEP,
            "Ada Brun, Chair; Odile M. Vasel; and Ines Falk",
            " Voting against the action was Karl Dent, who preferred a lower rate.",
        ));
        let last = &last_round(&thread);
        let voting_for = last
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Revised)
            .unwrap();
        assert!(!voting_for.routine);
    }

    #[test]
    fn a_dissent_that_changes_hands_is_news() {
        // Each round one voter dissents; the dissent sentence is revised, not added.
        let round = |i: usize, voters: &str, dissent: &str| {
            let extra =
                format!(" Voting against the action was {dissent}, who preferred a lower rate.");
            statement(i, "May", KEEP, voters, &extra)
        };
        let thread = [
            round(
                0,
                "Ada Brun, Chair; Tobias Lenk; and Priya Sandoval",
                "Ana P. Ruiz",
            ),
            round(
                1,
                "Ada Brun, Chair; Ana P. Ruiz; and Priya Sandoval",
                "Tobias Lenk",
            ),
            round(
                2,
                "Ada Brun, Chair; Tobias Lenk; and Ana P. Ruiz",
                "Priya Sandoval",
            ),
        ];
        let mut history = rounds(&thread);
        let routine = Routine::learn(&history);
        for report in &mut history {
            routine.apply(report);
            assert!(
                report.changes.iter().all(|c| !c.routine),
                "{:?}",
                routine_details(report)
            );
        }
    }

    #[test]
    fn a_day_is_routine_only_forward_and_a_bare_number_never() {
        let text = |i: usize, day: &str, hours: &str| {
            let body = format!(
                "Talks will resume in Geneva on Feb. {day}.\n\nThe pause lasts {hours} hours.\n"
            );
            Statement::parse(&format!("{i}.md"), body.as_bytes()).unwrap()
        };
        let mut thread = vec![text(0, "3", "12"), text(1, "9", "24"), text(2, "16", "36")];
        let last = &last_round(&thread);
        assert_eq!(
            routine_details(last),
            [
                ("Talks will resume in".to_string(), true),
                ("The pause lasts 36 h".to_string(), false)
            ]
        );
        // The next round moves back to an earlier day: news.
        thread.push(text(3, "11", "36"));
        let last = &last_round(&thread);
        assert_eq!(
            routine_details(last),
            [("Talks will resume in".to_string(), false)]
        );
    }

    #[test]
    fn a_decision_is_never_routine() {
        let rates = ["3", "3-1/4", "3-1/2", "3-3/4", "4"];
        let thread: Vec<Statement> = rates
            .iter()
            .enumerate()
            .map(|(i, r)| {
                statement(
                    i,
                    "May",
                    &format!("The Council decided to raise the policy rate to {r} percent."),
                    VOTERS,
                    "",
                )
            })
            .collect();
        let mut history = rounds(&thread);
        let routine = Routine::learn(&history);
        for round in &mut history {
            routine.apply(round);
            assert!(round.changes.iter().all(|c| !c.routine));
        }
    }

    #[test]
    fn calendar_and_names_texts() {
        assert!(is_calendar("May"));
        assert!(is_calendar("January 29, 2020"));
        assert!(is_calendar("21st"));
        assert!(!is_calendar("next week"));
        assert!(!is_calendar(""));
        assert!(is_names("Richard W. Fisher"));
        assert!(is_names("; Thomas M. Hoenig;"));
        assert!(is_names(""));
        assert!(!is_names("some members"));
        assert_eq!(months_between("November", "January"), Some(2));
        assert_eq!(
            months_between("December 15, 2019", "January 29, 2020"),
            Some(1)
        );
        assert_eq!(months_between("next week", "May"), None);
    }
}
