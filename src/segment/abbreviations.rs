//! The words segmentation needs to know: abbreviations that a period does not
//! end, and words that show a new sentence began.

/// Whether `word` is in `list`, ignoring case. The lists are lower-case ASCII
/// (and "n°"): an ASCII comparison needs no lower-cased copy of every word that
/// ends before a period.
pub(super) fn listed(list: &[&str], word: &str) -> bool {
    list.iter()
        .any(|entry| entry.len() == word.len() && entry.eq_ignore_ascii_case(word))
}

pub(super) fn is_abbreviation(word: &str) -> bool {
    listed(TITLES, word)
        || listed(NEVER_FINAL, word)
        || listed(MAY_BE_FINAL, word)
        || listed(NUMBERED, word)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || is_dotted_acronym(word)
}

/// "U.S", "a.m", "Ph.D" (the final period not included) — but not a URL, an
/// e-mail address or a file name, whose parts are longer.
pub(super) fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let letters = part.chars().count();
        if !(1..=3).contains(&letters) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

pub(super) fn is_all_caps(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
}

pub(super) fn is_weekday_or_month(word: &str) -> bool {
    const NAMES: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
    listed(NAMES, word)
}

/// Words that begin sentences but never names: after "U.S." or "Inc." they show
/// that a new sentence began.
pub(super) fn is_starter(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "a",
        "after",
        "all",
        "also",
        "an",
        "and",
        "as",
        "at",
        "before",
        "both",
        "but",
        "by",
        "during",
        "each",
        "for",
        "from",
        "he",
        "her",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "it",
        "its",
        "meanwhile",
        "most",
        "no",
        "on",
        "our",
        "she",
        "since",
        "so",
        "some",
        "that",
        "the",
        "then",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "today",
        "tomorrow",
        "we",
        "what",
        "when",
        "where",
        "while",
        "who",
        "why",
        "with",
        "yesterday",
        "yet",
        "you",
    ];
    listed(STARTERS, word)
}

/// Titles that always precede a name: never the end of a sentence.
pub(super) const TITLES: &[&str] = &[
    "adm", "amb", "ambs", "atty", "brig", "capt", "cdr", "cmdr", "col", "cpl", "dr", "drs", "fr",
    "gen", "gens", "gov", "govs", "hon", "insp", "lt", "maj", "messrs", "mme", "mmes", "mr", "mrs",
    "ms", "msgr", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "sr", "st",
    "supt",
];

/// Abbreviations that introduce something and are (almost) never sentence-final.
pub(super) const NEVER_FINAL: &[&str] = &["e.g", "i.e", "cf", "viz", "approx", "vs", "ca"];

/// Abbreviations that often precede a number ("No. 5", "Sec. 4(b)", "Jan. 5",
/// "N°. 12" with the degree sign or the ordinal indicator, "Ste. 14441").
pub(super) const NUMBERED: &[&str] = &[
    "no", "nos", "n°", "nº", "art", "arts", "sec", "secs", "para", "paras", "p", "pp", "vol",
    "vols", "ch", "chap", "fig", "figs", "op", "cl", "reg", "res", "doc", "sess", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel", "ext", "ste",
    "apt", "bldg", "rm",
];

/// Abbreviations that can also end a sentence ("… of Acme Inc. The company …").
pub(super) const MAY_BE_FINAL: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "plc", "jr", "bros", "etc", "al", "est", "dept", "univ",
    "assn", "ave", "blvd", "mt", "ft", "govt", "intl",
    // Legal citations: "Cal. Civ. Code § 1789.3", "Stat. Ann.".
    "cal", "civ", "stat", "supp", "cir", "crim", "proc", "ann",
];
