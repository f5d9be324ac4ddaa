//! Signal word lists: the embedded defaults and the layers users put on top.
//!
//! A layer has the layout of `data/signals.toml`. In it, for any list `NAME`:
//! `NAME = [...]` replaces the list, `NAME_extra = [...]` appends to it and
//! `NAME_remove = [...]` drops entries from it (case-insensitively). Layers apply
//! in order: built-in → `[signals]` in `redliner.toml` → `--signals-config FILE`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Table, Value};

use crate::error::{Error, ErrorKind, Result};

/// The built-in lists, embedded in the binary.
pub const DEFAULT: &str = include_str!("../../data/signals.toml");

/// All word lists, resolved.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// `[policy]`: decision verbs.
    pub policy: Policy,
    /// `[modality]`: the commitment scale.
    pub modality: Modality,
    /// `[hedges]`: words that soften a claim.
    pub hedges: Words,
    /// `[intensifiers]`: words that harden a claim.
    pub intensifiers: Words,
    /// `[negation]`: negators and the phrases that only look like one.
    pub negation: Negation,
    /// `[numbers]`: what belongs to a figure.
    pub numbers: Numbers,
    /// `[dates]`: month and weekday names.
    pub dates: Dates,
    /// `[timeframe]`: relative time.
    pub timeframe: Timeframe,
    /// `[actors]`: how names are told from other capitalised words.
    pub actors: Actors,
}

/// Decision verbs by what they do, and the words that show a sentence reports
/// a decision.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Verbs that move a setting up ("raise", "increase").
    pub raise: Vec<String>,
    /// Verbs that move it down.
    pub lower: Vec<String>,
    /// Verbs that keep it.
    pub hold: Vec<String>,
    /// Verbs that start a programme or a measure.
    pub begin: Vec<String>,
    /// Verbs that end one.
    pub end: Vec<String>,
    /// Words showing that a sentence reports a decision.
    pub cues: Vec<String>,
}

/// Commitment markers, ranked: a marker moving up the scale strengthens a
/// sentence, down the scale softens it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    /// The top of the scale ("will", "must").
    pub strong: Vec<String>,
    /// The middle ("should").
    pub medium: Vec<String>,
    /// The bottom ("may", "could").
    pub weak: Vec<String>,
    /// Markers that also just mark the future: they count only when replaced.
    pub future: Vec<String>,
    /// Markers that count even when added or dropped alone.
    pub auxiliaries: Vec<String>,
}

/// A plain list of words or phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Matched as whole words, case-insensitively.
    pub words: Vec<String>,
}

/// Words that flip a sentence's polarity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    /// Negators (words ending in "n't" count too).
    pub words: Vec<String>,
    /// Phrases that contain a negator but do not negate.
    pub exceptions: Vec<String>,
}

/// What a figure is made of.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// Units that are part of a figure's value ("percent").
    pub units: Vec<String>,
    /// Multipliers after a figure ("billion"), with their value.
    pub scales: BTreeMap<String, f64>,
    /// Counts written as words ("nine"), with their value.
    pub words: BTreeMap<String, f64>,
}

/// Calendar words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Each month: its name, then its abbreviations.
    pub months: Vec<Vec<String>>,
    /// Each weekday: its name, then its abbreviations.
    pub weekdays: Vec<Vec<String>>,
    /// Words that lead into a date and belong in its display ("on Saturday").
    pub prepositions: Vec<String>,
}

/// Relative or vague time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeframe {
    /// "next week", "in the near term".
    pub phrases: Vec<String>,
}

/// How names of people, organisations and countries are found.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actors {
    /// Titles that start or join a name ("Gen."); alone they are no actor.
    pub titles: Vec<String>,
    /// Lowercase words that may sit inside a name ("of the").
    pub connectors: Vec<String>,
    /// Capitalised words that are never actors by themselves.
    pub ignore: Vec<String>,
    /// Common nouns that a name right before them qualifies ("securities").
    pub qualified: Vec<String>,
    /// Groups of forms that name one actor ("U.S.", "United States").
    pub aliases: Vec<Vec<String>>,
}

/// One layer of user word lists.
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    /// Shown in error messages.
    pub path: &'a Path,
    /// The file's contents.
    pub text: &'a str,
    /// `Some("signals")` when the lists sit in a table of a larger file
    /// (`redliner.toml`); `None` when the file is all word lists.
    pub table: Option<&'a str>,
}

/// `section → key → value`, with positions for error messages.
type Sections = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Value>>>;

impl Lexicon {
    /// The built-in lists.
    pub fn builtin() -> Lexicon {
        toml::from_str(DEFAULT).expect("the built-in signals file is valid")
    }

    /// The built-in lists with the given layers applied in order.
    pub fn layered(layers: &[Layer<'_>]) -> Result<Lexicon> {
        let pristine: Table = toml::from_str(DEFAULT).expect("the built-in signals file is valid");
        let mut merged = pristine.clone();
        for layer in layers {
            let sections = parse(layer).map_err(|e| {
                crate::config::toml_error(e, layer.path, layer.text, ErrorKind::Config)
            })?;
            apply(&pristine, &mut merged, sections).map_err(|(offset, message)| {
                let (line, column) = crate::statement::line_column(layer.text, offset);
                Error::new(ErrorKind::Config, format!("signals: {message}"))
                    .at(layer.path.display().to_string())
                    .at_line(line, column)
            })?;
        }
        Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| {
                let message = format!(
                    "signals: the merged word lists do not fit together: {}",
                    e.message().trim_end()
                );
                Error::new(ErrorKind::Config, message).reporting(e)
            })
    }
}

fn parse(layer: &Layer<'_>) -> Result<Sections, toml::de::Error> {
    #[derive(Deserialize)]
    struct Wrapped {
        signals: Option<Sections>,
    }
    match layer.table {
        None => toml::from_str(layer.text),
        Some("signals") => Ok(toml::from_str::<Wrapped>(layer.text)?
            .signals
            .unwrap_or_default()),
        Some(other) => unreachable!("no signals table named {other}"),
    }
}

/// How a key changes a list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    Replace,
    Extend,
    Remove,
}

/// Applies one layer; errors carry the byte offset they point at.
fn apply(pristine: &Table, merged: &mut Table, sections: Sections) -> Result<(), (usize, String)> {
    for (section, entries) in sections {
        let name = section.get_ref();
        let Some(Value::Table(shapes)) = pristine.get(name) else {
            let known: Vec<&str> = pristine.keys().map(String::as_str).collect();
            return Err((
                section.span().start,
                format!("unknown section `{name}` (known: {})", known.join(", ")),
            ));
        };
        let Some(Value::Table(target)) = merged.get_mut(name) else {
            unreachable!("merged tables keep the built-in shape");
        };
        for (key, value) in entries {
            let (list, edit) = split_key(key.get_ref());
            let Some(shape) = shapes.get(list) else {
                let known: Vec<&str> = shapes.keys().map(String::as_str).collect();
                return Err((
                    key.span().start,
                    format!(
                        "unknown list `{name}.{list}` (lists: {}; `_extra` appends, `_remove` drops)",
                        known.join(", ")
                    ),
                ));
            };
            let at = value.span().start;
            let value = value.into_inner();
            check_shape(shape, &value, edit)
                .and_then(|()| check_no_blank(&value))
                .map_err(|m| (at, format!("`{name}.{}`: {m}", key.get_ref())))?;
            let current = target.get_mut(list).expect("merged tables keep every list");
            edit_list(current, value, edit);
        }
    }
    Ok(())
}

fn split_key(key: &str) -> (&str, Edit) {
    if let Some(list) = key.strip_suffix("_extra") {
        (list, Edit::Extend)
    } else if let Some(list) = key.strip_suffix("_remove") {
        (list, Edit::Remove)
    } else {
        (key, Edit::Replace)
    }
}

/// The value must look like the built-in one: a list of strings, a list of lists
/// of strings, or a table of numbers. `_remove` always takes a list of strings
/// (a group of aliases goes when any of its names is listed).
fn check_shape(shape: &Value, value: &Value, edit: Edit) -> Result<(), String> {
    let strings = |v: &Value| matches!(v, Value::Array(a) if a.iter().all(Value::is_str));
    match shape {
        _ if edit == Edit::Remove => strings(value)
            .then_some(())
            .ok_or("expected a list of strings to drop".into()),
        Value::Table(_) => match value {
            Value::Table(t) if t.values().all(|v| v.is_integer() || v.is_float()) => Ok(()),
            _ => Err("expected a table of numbers, like `{ dozen = 12 }`".into()),
        },
        Value::Array(a) if a.first().is_some_and(Value::is_array) => match value {
            Value::Array(groups) if groups.iter().all(strings) => Ok(()),
            _ => Err("expected a list of lists of strings, like `[[\"May\"]]`".into()),
        },
        _ => strings(value)
            .then_some(())
            .ok_or("expected a list of strings".into()),
    }
}

/// A blank word or phrase would match nothing a reader means (a blank scale
/// word once counted the end of a sentence as one): refuse it.
fn check_no_blank(value: &Value) -> Result<(), String> {
    fn blank(value: &Value) -> bool {
        match value {
            Value::String(s) => s.trim().is_empty(),
            Value::Array(items) => items.iter().any(blank),
            Value::Table(table) => table.keys().any(|k| k.trim().is_empty()),
            _ => false,
        }
    }
    if blank(value) {
        Err("a blank word or phrase; remove it".into())
    } else {
        Ok(())
    }
}

fn edit_list(current: &mut Value, value: Value, edit: Edit) {
    match (edit, current, value) {
        (Edit::Replace, current, value) => *current = value,
        (Edit::Extend, Value::Array(list), Value::Array(more)) => list.extend(more),
        (Edit::Extend, Value::Table(table), Value::Table(more)) => table.extend(more),
        (Edit::Remove, Value::Array(list), Value::Array(drop)) => {
            let drop = lowercase_strings(&drop);
            list.retain(|entry| match entry {
                Value::Array(group) => !lowercase_strings(group).iter().any(|s| drop.contains(s)),
                other => !lowercase_strings(std::slice::from_ref(other))
                    .iter()
                    .any(|s| drop.contains(s)),
            });
        }
        (Edit::Remove, Value::Table(table), Value::Array(drop)) => {
            let drop = lowercase_strings(&drop);
            table.retain(|name, _| !drop.contains(&name.to_lowercase()));
        }
        _ => unreachable!("shapes are checked before editing"),
    }
}

fn lowercase_strings(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layered(text: &str, table: Option<&str>) -> Result<Lexicon> {
        Lexicon::layered(&[Layer {
            path: Path::new("lists.toml"),
            text,
            table,
        }])
    }

    #[test]
    fn the_builtin_file_parses() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.modality.strong.iter().any(|w| w == "will"));
        assert_eq!(lexicon.dates.months.len(), 12);
    }

    #[test]
    fn plain_keys_replace_extra_appends_remove_drops() {
        let lexicon = layered(
            "[modality]\nweak = ['may']\nmedium_extra = ['patient', 'gradual']\nstrong_remove = ['WILL']\n\
             [numbers]\nwords_extra = { score = 20 }\nwords_remove = ['dozen']\n\
             [dates]\nmonths_remove = ['Sept.']\n",
            None,
        )
        .unwrap();
        assert_eq!(lexicon.modality.weak, ["may"]);
        assert!(
            lexicon
                .modality
                .medium
                .ends_with(&["patient".into(), "gradual".into()])
        );
        assert!(lexicon.modality.medium.iter().any(|w| w == "should"));
        assert!(!lexicon.modality.strong.iter().any(|w| w == "will"));
        assert_eq!(lexicon.numbers.words.get("score"), Some(&20.0));
        assert!(!lexicon.numbers.words.contains_key("dozen"));
        assert_eq!(lexicon.dates.months.len(), 11);
    }

    #[test]
    fn the_signals_table_of_a_config_file_is_a_layer() {
        let text = "[compare]\nignore_case = true\n\n[signals.hedges]\nwords_extra = ['patient']\n";
        let lexicon = layered(text, Some("signals")).unwrap();
        assert!(lexicon.hedges.words.iter().any(|w| w == "patient"));
        // A config file without the table changes nothing.
        let lexicon = layered("[compare]\n", Some("signals")).unwrap();
        assert_eq!(lexicon.hedges.words, Lexicon::builtin().hedges.words);
    }

    #[test]
    fn mistakes_point_at_file_line_and_column() {
        // Every mistake is a Config error at lists.toml, line and column, saying what.
        let err = |text: &str| {
            let e = layered(text, None).unwrap_err();
            assert_eq!(
                (e.kind(), e.path()),
                (ErrorKind::Config, Some("lists.toml"))
            );
            (e.position().expect("a position"), e.message().to_string())
        };
        assert_eq!(
            err("[modality]\nstrnog = ['will']\n"),
            (
                (2, 1),
                "signals: unknown list `modality.strnog` (lists: auxiliaries, future, medium, strong, \
                 weak; `_extra` appends, `_remove` drops)"
                    .into()
            )
        );
        let (at, message) = err("[modal]\nstrong = []\n");
        assert_eq!(at, (1, 2));
        assert!(
            message.starts_with("signals: unknown section `modal`"),
            "{message}"
        );
        assert_eq!(
            err("[hedges]\nwords = ['some', 3]\n"),
            (
                (2, 9),
                "signals: `hedges.words`: expected a list of strings".into()
            )
        );
        // toml's own message, at its line, on one line.
        let (at, message) = err("[hedges]\nwords = [\n");
        assert_eq!(at.0, 2);
        assert!(!message.contains('\n'), "{message}");
        let (at, message) = err("[numbers]\nwords_extra = { a = 'b' }\n");
        assert_eq!(at, (2, 15));
        assert!(
            message.starts_with("signals: `numbers.words_extra`: "),
            "{message}"
        );
        assert_eq!(
            err("[numbers]\nscales_extra = { \"\" = 1000 }\n"),
            (
                (2, 16),
                "signals: `numbers.scales_extra`: a blank word or phrase; remove it".into()
            )
        );
        let blank = "a blank word or phrase; remove it";
        let (at, message) = err("[hedges]\nwords_extra = ['some', ' ']\n");
        assert_eq!((at, message.ends_with(blank)), ((2, 15), true), "{message}");
        let (at, message) = err("[dates]\nmonths = [['Jan', '']]\n");
        assert_eq!((at, message.ends_with(blank)), ((2, 10), true), "{message}");
    }
}
