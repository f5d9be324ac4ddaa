//! Actors: people, organizations and countries that are named on one side only.
//!
//! A name is a run of capitalised words, initials ("T.") and acronyms ("U.S."),
//! joined by connectors ("Republic of Veloria") and led by titles ("Gen.",
//! "Foreign Minister"). To keep false alarms rare: a sentence's first word only
//! starts a name when it is a title or an acronym, months and weekdays are never
//! names, a title alone is not an actor, title-case headings have no actors, and
//! an actor counts as gone only when none of its name words is still written
//! (capitalised) on the other side. Tokens of addresses and codes are no names;
//! a name that qualifies the common noun after it ("Treasury securities") is no
//! actor; names of one alias group ("United States", "U.S.") are one actor; and a
//! name written in lowercase on the other side of a revision ("the committee")
//! only changed case.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::text::{PhraseSet, Token};
use super::{Lexicon, Scope, Side, signal};
use crate::report::{ChangeKind, Direction, Signal, SignalKind};

#[derive(Debug, Clone)]
pub struct ActorRules {
    titles: PhraseSet<()>,
    connectors: PhraseSet<()>,
    /// Lowercase nouns a name before them qualifies ("securities").
    qualified: HashSet<String>,
    /// Each alias form's name words (joined by a space) → its group's forms.
    aliases: HashMap<String, Vec<Vec<String>>>,
    /// Lowercase words that never name an actor: the ignore list, months, weekdays.
    ignore: HashSet<String>,
}

/// A name found in a text.
#[derive(Debug, Clone, PartialEq)]
struct Actor {
    show: String,
    /// The words that identify it (no titles, initials or connectors).
    names: Vec<String>,
}

impl ActorRules {
    pub fn new(lexicon: &Lexicon) -> ActorRules {
        let calendar = lexicon
            .dates
            .months
            .iter()
            .chain(&lexicon.dates.weekdays)
            .flatten();
        let ignore = lexicon
            .actors
            .ignore
            .iter()
            .chain(calendar)
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .collect();
        let mut rules = ActorRules {
            titles: PhraseSet::new(lexicon.actors.titles.iter().map(|t| (t.as_str(), ()))),
            connectors: PhraseSet::new(lexicon.actors.connectors.iter().map(|c| (c.as_str(), ()))),
            qualified: lexicon
                .actors
                .qualified
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            aliases: HashMap::default(),
            ignore,
        };
        for group in &lexicon.actors.aliases {
            let forms: Vec<Vec<String>> = group
                .iter()
                .map(|form| {
                    let side = Side::new(form, &[]);
                    rules
                        .extract(&side)
                        .into_iter()
                        .flat_map(|a| a.names)
                        .collect()
                })
                .filter(|names: &Vec<String>| !names.is_empty())
                .collect();
            for form in &forms {
                rules.aliases.insert(form.join(" "), forms.clone());
            }
        }
        rules
    }

    pub fn detect(&self, old: &Side<'_>, new: &Side<'_>, scope: &Scope<'_>) -> Vec<Signal> {
        let (old_actors, new_actors) = (self.extract(old), self.extract(new));
        // Where a name counts as present on each side: the sentence itself; for an
        // added or removed sentence the whole other statement instead; for a
        // revised one also the whole statement (a name that moved to another
        // sentence did not come or go). Sets are borrowed, never copied.
        let (old_sentence, new_sentence) = (capitalized(old), capitalized(new));
        let mut old_words: Vec<&HashSet<String>> = Vec::with_capacity(3);
        let mut new_words: Vec<&HashSet<String>> = Vec::with_capacity(3);
        match (scope.kind, scope.other) {
            (ChangeKind::Added, Some(other)) => {
                old_words.extend(other.capitalized());
                new_words.push(&new_sentence);
            }
            (ChangeKind::Removed, Some(other)) => {
                old_words.push(&old_sentence);
                new_words.extend(other.capitalized());
            }
            _ => {
                old_words.push(&old_sentence);
                new_words.push(&new_sentence);
            }
        }
        if let (ChangeKind::Revised, Some((old_statement, new_statement))) =
            (scope.kind, scope.statements)
        {
            old_words.extend(old_statement.capitalized());
            new_words.extend(new_statement.capitalized());
        }
        let (old_lower, new_lower) = (old.text.to_lowercase(), new.text.to_lowercase());
        let revised = scope.kind == ChangeKind::Revised;
        // Gone from the other side: none of its name words (of any of its alias
        // forms) is written there with a capital, nor, in a revision, the whole
        // name in lowercase.
        let gone = |a: &Actor, sets: &[&HashSet<String>], lower: &str| {
            let forms = self.aliases.get(&a.names.join(" "));
            let present =
                |names: &[String]| names.iter().any(|n| sets.iter().any(|set| set.contains(n)));
            let case_only = revised && contains_words(lower, &a.show.to_lowercase());
            !present(&a.names) && !forms.is_some_and(|f| f.iter().any(|n| present(n))) && !case_only
        };
        let mut signals = Vec::new();
        let mut seen = HashSet::default();
        for actor in old_actors
            .iter()
            .filter(|a| gone(a, &new_words, &new_lower))
        {
            if seen.insert(&actor.show) {
                signals.push(signal(
                    SignalKind::Actor,
                    Some(Direction::Removed),
                    Some(&actor.show),
                    None,
                    format!("no longer named: {}", actor.show),
                ));
            }
        }
        for actor in new_actors
            .iter()
            .filter(|a| gone(a, &old_words, &old_lower))
        {
            if seen.insert(&actor.show) {
                signals.push(signal(
                    SignalKind::Actor,
                    Some(Direction::Added),
                    None,
                    Some(&actor.show),
                    format!("named: {}", actor.show),
                ));
            }
        }
        signals
    }

    fn extract(&self, side: &Side<'_>) -> Vec<Actor> {
        let tokens = &side.tokens;
        if is_heading(tokens) {
            return Vec::new();
        }
        let mut actors = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if side.claimed[i] {
                i += 1;
                continue;
            }
            let sentence_start = side.sentence_start[i] || after_opening_quote(tokens, i);
            let starts = self.title_len(tokens, i).is_some()
                || acronym(&tokens[i])
                || (!sentence_start && self.name_word(&tokens[i]));
            if !starts {
                i += 1;
                continue;
            }
            let (end, names) = self.run(tokens, &side.claimed, i);
            let qualifies = tokens
                .get(end)
                .is_some_and(|t| t.is_word() && self.qualified.contains(t.lower.as_ref()));
            if !names.is_empty() && !qualifies {
                // "Working Group": a sentence's first word joined to a name is shown
                // with it, though it does not identify it.
                let lead = i > 0
                    && side.sentence_start[i - 1]
                    && tokens[i - 1].is_capitalized()
                    && !crate::fold::is_stopword(&tokens[i - 1].lower);
                let from = if lead { i - 1 } else { i };
                actors.push(Actor {
                    show: side.text[side.span(from, end - from)]
                        .trim_end_matches("'s")
                        .to_string(),
                    names,
                });
            }
            i = end.max(i + 1);
        }
        actors
    }

    /// The end of a name starting at `i` and its name words.
    fn run(&self, tokens: &[Token<'_>], claimed: &[bool], i: usize) -> (usize, Vec<String>) {
        let mut names = Vec::new();
        let mut j = i;
        let mut end = i;
        loop {
            if claimed[j] {
                break;
            } else if let Some(len) = self.title_len(tokens, j) {
                j += len;
            } else if j > i && initial(tokens, j) {
                j += 2;
            } else if self.name_word(&tokens[j]) || acronym(&tokens[j]) {
                names.push(name_form(tokens[j].text).to_string());
                j += 1;
            } else {
                break;
            }
            end = j;
            if j >= tokens.len() {
                break;
            }
            // A connector only joins two parts of one name.
            if let Some((len, ())) = self.connectors.match_at(tokens, j) {
                let joined = tokens
                    .get(j + len)
                    .is_some_and(|t| self.name_word(t) || acronym(t));
                if joined && tokens[j].text.starts_with(char::is_lowercase) {
                    j += len;
                }
            }
        }
        (end, names)
    }

    /// A title (capitalised, with its period if it has one) at `i`.
    fn title_len(&self, tokens: &[Token<'_>], i: usize) -> Option<usize> {
        if !tokens[i].is_capitalized() {
            return None;
        }
        let (len, ()) = self.titles.match_at(tokens, i)?;
        // "Sec. 4(b)" is a section, not a secretary.
        let figure_follows = tokens
            .get(i + len)
            .is_some_and(|t| t.kind == super::text::TokenKind::Number);
        (!figure_follows).then_some(len)
    }

    fn name_word(&self, token: &Token<'_>) -> bool {
        token.is_capitalized() && !self.ignore.contains(name_form(&token.lower))
    }
}

/// Every capitalised word of a side, in name form: what "still named" checks.
pub fn capitalized(side: &Side<'_>) -> HashSet<String> {
    capitalized_words(side).map(str::to_string).collect()
}

/// The capitalised words of a side in name form, as they come (repeats included).
pub fn capitalized_words<'a>(side: &'a Side<'_>) -> impl Iterator<Item = &'a str> {
    side.tokens
        .iter()
        .filter(|t| t.is_capitalized())
        .map(|t| name_form(t.text))
}

/// `phrase` stands in `text` as whole words (both lowercase).
fn contains_words(text: &str, phrase: &str) -> bool {
    let word_char = |c: char| c.is_alphanumeric();
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !word_char(c));
        let after = text[at + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !word_char(c));
        before && after
    })
}

/// "Committee's" → "Committee".
fn name_form(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

/// "U.S.", "NATO".
fn acronym(token: &Token<'_>) -> bool {
    let letters = token.text.chars().filter(|c| c.is_alphabetic()).count();
    token.is_word()
        && letters >= 2
        && token
            .text
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
}

/// "T." inside a name.
fn initial(tokens: &[Token<'_>], j: usize) -> bool {
    let t = &tokens[j];
    t.text.chars().count() == 1
        && t.is_capitalized()
        && tokens.get(j + 1).is_some_and(|n| n.text == ".")
        && tokens.get(j + 2).is_some_and(|n| n.is_capitalized())
}

fn after_opening_quote(tokens: &[Token<'_>], i: usize) -> bool {
    i > 0 && tokens[i - 1].text == "\"" && (i == 1 || tokens[i - 1].start > tokens[i - 2].end)
}

/// Mostly capitalised words and no closing punctuation: a heading in title case.
fn is_heading(tokens: &[Token<'_>]) -> bool {
    let closed = tokens
        .last()
        .is_some_and(|t| matches!(t.text, "." | "!" | "?" | ":" | ";" | "\""));
    let words: Vec<&Token<'_>> = tokens
        .iter()
        .filter(|t| t.is_word() && t.text.len() > 3)
        .collect();
    !closed
        && words.len() >= 3
        && words.iter().filter(|t| t.is_capitalized()).count() * 10 >= words.len() * 7
}

#[cfg(test)]
mod tests {
    use super::super::tests::detect;
    use super::*;

    fn actors(text: &str) -> Vec<String> {
        let rules = ActorRules::new(&Lexicon::builtin());
        rules
            .extract(&Side::new(text, &[0]))
            .into_iter()
            .map(|a| a.show)
            .collect()
    }

    fn details(old: &str, new: &str) -> Vec<String> {
        detect(old, new)
            .into_iter()
            .filter(|s| s.kind == SignalKind::Actor)
            .map(|s| s.detail)
            .collect()
    }

    #[test]
    fn names_with_titles_initials_connectors_and_acronyms() {
        assert_eq!(
            actors(
                "Delegations of the Republic of Veloria met Foreign Minister Maria T. Okafor and the U.S. team."
            ),
            [
                "Republic of Veloria",
                "Foreign Minister Maria T. Okafor",
                "U.S."
            ]
        );
        assert_eq!(actors("Ms. Okafor spoke on Monday in May."), ["Ms. Okafor"]);
        assert_eq!(actors("Working Group No. 2 met."), ["Working Group"]);
        assert_eq!(actors("The Committee met."), ["Committee"]);
        assert!(actors("Compliance is set out in Sec. 4(b) of the text.").is_empty());
        assert_eq!(
            actors("Then the Committee's statement was read."),
            ["Committee"]
        );
        assert!(actors("Monetary Policy Committee Statement For March").is_empty());
    }

    #[test]
    fn actors_appear_and_disappear() {
        assert_eq!(
            details(
                "Special Envoy Tomas R. Brandt chaired the session.",
                "Special Envoy Tomas R. Brandt chaired the session, assisted by Deputy Envoy Sara K. Lindqvist."
            ),
            ["named: Deputy Envoy Sara K. Lindqvist"]
        );
        assert_eq!(
            details(
                "Observers from the U.S. and the U.K. attended.",
                "Observers from the U.S. attended."
            ),
            ["no longer named: U.K."]
        );
        // Named differently but still named; a sentence-initial word is not a name.
        assert!(
            details(
                "The talks were chaired by Mr. Brandt.",
                "Brandt chaired the talks."
            )
            .is_empty()
        );
        assert!(details("Talks went well.", "Overall talks went well.").is_empty());
    }

    #[test]
    fn qualifiers_aliases_case_and_codes_are_no_new_names() {
        // A name that qualifies the noun after it is no actor.
        assert!(actors("The Committee will buy Treasury securities at auction.") == ["Committee"]);
        // "U.S." is "United States".
        assert!(
            details(
                "The United States and the Committee agreed.",
                "The U.S. and the Committee agreed."
            )
            .is_empty()
        );
        // A change of case alone names no one.
        assert!(
            details(
                "The committee met in Geneva.",
                "The Committee met in Geneva."
            )
            .is_empty()
        );
        // A sentence's first word, after a bracket or a list number, is no name.
        assert!(details("(Previous talks failed.)", "(Some talks failed.)").is_empty());
        // Capitals inside an address or a code are no names.
        assert!(
            details(
                "Details are at https://Bank.example/FOMC.",
                "Details are at https://Bank.example/Rates."
            )
            .is_empty()
        );
    }
}
