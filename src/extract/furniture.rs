//! Page furniture: what a page carries around its statement and changes from
//! one fetch to the next (cookie banners, menus, share bars, related stories,
//! newsletter and subscribe boxes, galleries and photo credits, embeds,
//! "Updated 5:27 am" stamps, view counts). Each piece that leaks into a stored
//! statement is a false revision waiting to happen, so it goes before the
//! readability pass, by rule: element names, ARIA roles, and the words sites use
//! in `class` and `id` for these things. A text-level pass then drops the short
//! lines that give themselves away (`Updated …`, `12,408 views`, `Photo: …`).

use dom_query::{Document, NodeRef};

/// Elements that are furniture whatever their class.
const ELEMENTS: &[&str] = &["aside", "figure", "figcaption", "footer", "nav", "dialog"];

/// ARIA roles of furniture.
const ROLES: &[&str] = &[
    "alertdialog",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
];

/// `class`/`id` words (split on `-`, `_`, spaces and camelCase) that name
/// furniture when a word is one of these.
const WORDS: &[&str] = &[
    "ad",
    "ads",
    "alert",
    "byline-share",
    "footer",
    "masthead",
    "menu",
    "meta",
    "metadata",
    "nav",
    "navbar",
    "navigation",
    "posted",
    "sidebar",
    "tag",
    "tags",
    "updated",
    "viewcount",
    "views",
];

/// Words that name furniture when a word starts with one of these.
const PREFIXES: &[&str] = &[
    "advert",
    "backtotop",
    "breadcrumb",
    "comment",
    "consent",
    "cookie",
    "credit",
    "disqus",
    "feedback",
    "gallery",
    "gdpr",
    "instagram",
    "newsletter",
    "outbrain",
    "pagetool",
    "pagination",
    "popular",
    "print",
    "promo",
    "related",
    "share",
    "sharing",
    "signup",
    "skip",
    "social",
    "sponsor",
    "subscri",
    "taboola",
    "tiktok",
    "timestamp",
    "trending",
    "tweet",
    "twitter",
];

/// Words that name furniture wherever they occur in a word (`mainmenu`,
/// `jp-relatedposts`, `leftnav`).
const INFIXES: &[&str] = &["cookie", "menu", "related", "newsletter", "breadcrumb"];

/// A marked element holding more than this share of the page's text is a
/// wrapper around the article (`<div class="page has-cookie-bar">`), not
/// furniture, and stays.
const WRAPPER_SHARE: f64 = 0.5;

/// Removes the furniture from a page, in place.
pub fn strip(doc: &Document) {
    let total = text_len(&doc.root()).max(1);
    let mut marked = Vec::new();
    for node in doc.select("*").nodes() {
        if is_furniture(node) {
            marked.push(*node);
        }
    }
    for node in marked {
        // An ancestor may have gone already; removing again is harmless.
        if (text_len(&node) as f64) <= WRAPPER_SHARE * total as f64 {
            node.remove_from_parent();
        }
    }
}

fn text_len(node: &NodeRef) -> usize {
    node.text().split_whitespace().map(str::len).sum()
}

fn is_furniture(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if matches!(name.as_str(), "html" | "body" | "main" | "article") {
        return false;
    }
    if matches!(name.as_str(), "figure" | "figcaption") {
        // A quotation or a table set as a figure is text; a photo is not.
        let figure = if name == "figure" {
            *node
        } else {
            match node.ancestors_it(None).find(|a| a.has_name("figure")) {
                Some(figure) => figure,
                None => return true,
            }
        };
        let sel = dom_query::Selection::from(figure);
        return sel.select("blockquote, table, pre").is_empty();
    }
    if ELEMENTS.contains(&name.as_str()) || node.has_attr("hidden") {
        return true;
    }
    if let Some(role) = node.attr("role")
        && ROLES.contains(&role.trim().to_ascii_lowercase().as_str())
    {
        return true;
    }
    if node.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    ["class", "id"]
        .iter()
        .any(|attr| node.attr(attr).is_some_and(|value| names_furniture(&value)))
}

fn furniture_word(word: &str) -> bool {
    WORDS.contains(&word)
        || PREFIXES.iter().any(|p| word.starts_with(p))
        || INFIXES.iter().any(|i| word.contains(i))
}

/// Whether a `class` or `id` value holds a furniture word, its words split on
/// punctuation and camelCase (`gem-c-cookie-banner`, `cookieConsent`); most
/// values are lower case and are looked at without a copy.
fn names_furniture(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                return furniture_word(w);
            }
            words(w).any(|part| furniture_word(&part))
        })
}

/// The lower-case parts of a camelCase word: `cookieConsent` → `cookie`, `consent`.
fn words(word: &str) -> impl Iterator<Item = String> + '_ {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in word.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            parts.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    parts.push(current);
    parts.into_iter()
}

/// A paragraph that is furniture by what it says: a stamp, a counter, a credit,
/// a prompt. Only short paragraphs are judged, so a statement's own sentence
/// that happens to start with "Updated" is never dropped.
pub fn is_furniture_text(paragraph: &str) -> bool {
    static LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?ix)^(?:
                (?:last\s+)?(?:updated|modified|published|posted)(?:\s+on|:)?\s+[^.!?\d]{0,20}\d[^!?]{0,30}
              | [\d.,]+\s*[km]?\s+(?:views|reads|shares|comments|likes)
              | \d+\s+min(?:ute)?s?\s+read
              | (?:photo(?:graph)?|image|picture|video)s?(?:\s+credit)?\s*(?::|©|by\b).{0,80}
              | credits?\s*:.{0,80}
              | (?:subscribe|sign\s+up|get\s+the\s+.{1,30}\s+app|download\s+our\s+app)\b.{0,100}
              | share\s+(?:this|on)\b.{0,60}
              | advertisement
              | (?:read\s+more|(?:also|further)\s+read|read\s+also|see\s+also|more\s+on\s+this(?:\s+story)?|related)\s*:.{0,120}
              | (?:you\s+are\s+)?visitor(?:\s+(?:number|no\.?))?\s*:?\s*[\d.,]+
              | (?:(?:back\s+to\s+top|top\s+of\s+(?:the\s+)?page|printer[-\s]friendly(?:\s+version)?|print(?:\s+this\s+page)?|e-?mail\s+this(?:\s+page)?)\s*[|·•/]?\s*)+
            )$",
        )
        .expect("valid")
    });
    paragraph.split_whitespace().count() <= 20 && LINE.is_match(paragraph.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_split_on_punctuation_and_case() {
        let split: Vec<String> = words("cookieConsent").collect();
        assert_eq!(split, ["cookie", "consent"]);
        for value in [
            "gem-c-cookie-banner",
            "siteCookieBar",
            "jp_relatedposts",
            "x MainMenu",
        ] {
            assert!(names_furniture(value), "{value}");
        }
        for value in [
            "article-body",
            "entry-content",
            "govspeak",
            "postBody",
            "main-content",
        ] {
            assert!(!names_furniture(value), "{value}");
        }
    }

    #[test]
    fn furniture_words_but_not_article_words() {
        for word in [
            "cookie",
            "mainmenu",
            "relatedposts",
            "share",
            "subscribe",
            "tags",
        ] {
            assert!(furniture_word(word), "{word}");
        }
        for word in [
            "article", "body", "content", "entry", "text", "story", "reviews",
        ] {
            assert!(!furniture_word(word), "{word}");
        }
    }

    #[test]
    fn stamps_counters_and_credits_are_furniture_text() {
        for line in [
            "Updated 5:27 am",
            "Last updated 10 June 2026 12:04",
            "Posted on 21 August 2026",
            "12,408 views",
            "3 min read",
            "Photo: Jon Averill / Courier",
            "Subscribe now: first month for one coin",
            "Advertisement",
            "Read more: Island ferry fares to be reviewed after complaints",
            "Also read: Estuary Lines returns to profit",
            "See also: the June statement",
            "You are visitor number 0045127",
            "Back to top | Printer-friendly version",
            "Print this page",
        ] {
            assert!(is_furniture_text(line), "{line}");
        }
        for line in [
            "Updated guidance for applicants will be published in March, and councils will be told which schemes qualify for the first round of funding under the new rules.",
            "The Committee decided to keep the rate unchanged.",
            "Published figures show inflation fell. It is now 2.6 percent.",
            "Updated forecasts",
            "Read more about the decision in the Monetary Policy Report, published today.",
            "Visitors to the islands will need a permit from 1 May.",
            "Printing of the new banknotes begins in June.",
        ] {
            assert!(!is_furniture_text(line), "{line}");
        }
    }

    #[test]
    fn a_wrapper_marked_like_furniture_stays() {
        let doc = Document::from(
            "<body><div class='page has-cookie-bar'><p>The statement itself, long enough to be most of the page.</p>\
             <div class='cookie'>We use cookies.</div></div></body>",
        );
        strip(&doc);
        let text = doc.root().text();
        assert!(text.contains("The statement itself"), "{text}");
        assert!(!text.contains("We use cookies"), "{text}");
    }
}
