//! The statement inside a web page: the main text without navigation, cookie
//! banners, share buttons and footers (a readability port, `dom_smoothie`), and
//! the title, date, source and byline from the page's metadata.
//!
//! The text keeps the page's blocks — paragraphs, list items, headings, quotes —
//! as paragraphs separated by blank lines, which is what the segmenter reads.

use anyhow::{Result, bail};
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};

/// What a page says and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    /// The site or organisation (`og:site_name`).
    pub source: Option<String>,
    /// `YYYY-MM-DD`, from `article:published_time`, JSON-LD or `<time datetime>`.
    pub date: Option<String>,
    pub byline: Option<String>,
    /// When the page says it was published and last modified, as written
    /// (`article:published_time`, `article:modified_time`, JSON-LD).
    pub published: Option<String>,
    pub modified: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose text is never statement text.
const SKIPPED: &[&str] = &[
    "button", "canvas", "form", "iframe", "input", "noscript", "script", "select", "style", "svg",
    "template", "textarea",
];

/// Extracts the statement from an HTML page. `url` (absolute) is where the page
/// came from, if known; `name` names the page in errors.
pub fn extract(name: &str, html: &str, url: Option<&str>) -> Result<Page> {
    let mut reader = Readability::new(html, url, Some(Config::default())).map_err(|e| match e {
        ReadabilityError::BadDocumentURL => anyhow::anyhow!("{name}: not an absolute URL"),
        other => anyhow::anyhow!("{name}: {other}"),
    })?;
    // Read before `parse`, which prunes the document down to the article.
    let time = first_time(&reader.doc);
    let article = match reader.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => {
            bail!("{name}: found no statement text in this page")
        }
        Err(e) => bail!("{name}: {e}"),
    };
    let text = paragraphs(&Document::from(article.content.as_ref()));
    if text.is_empty() {
        bail!("{name}: found no statement text in this page");
    }
    let date = article
        .published_time
        .as_deref()
        .and_then(iso_date)
        .or_else(|| time.as_deref().and_then(iso_date));
    Ok(Page {
        title: clean(Some(article.title)),
        source: clean(article.site_name),
        date,
        byline: clean(article.byline),
        published: clean(article.published_time.map(|t| t.to_string())),
        modified: clean(article.modified_time.map(|t| t.to_string())),
        text,
    })
}

/// The `datetime` of the page's first `<time>`, a common place for a date of issue.
fn first_time(doc: &Document) -> Option<String> {
    doc.select("time[datetime]")
        .attr("datetime")
        .map(|t| t.to_string())
}

/// One line of text, or nothing when it is empty.
fn clean(text: Option<String>) -> Option<String> {
    let text = squash(&text?);
    (!text.is_empty()).then_some(text)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a document, one paragraph per block element.
fn paragraphs(doc: &Document) -> String {
    let mut out = Paragraphs::default();
    walk(&doc.root(), &mut out);
    out.flush();
    out.done.join("\n\n")
}

#[derive(Default)]
struct Paragraphs {
    current: String,
    done: Vec<String>,
}

impl Paragraphs {
    fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        let paragraph = squash(&self.current);
        if !paragraph.is_empty() {
            self.done.push(paragraph);
        }
        self.current.clear();
    }
}

fn walk(node: &NodeRef, out: &mut Paragraphs) {
    if node.is_text() {
        out.push(&node.text());
        return;
    }
    let name = node.node_name().map(|n| n.to_ascii_lowercase());
    let name = name.as_deref().unwrap_or("");
    if SKIPPED.contains(&name) {
        return;
    }
    if name == "br" {
        // A line break inside a paragraph is a wrap, not a new paragraph.
        out.push("\n");
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.flush();
    }
    for child in node.children() {
        walk(&child, out);
    }
    if block {
        out.flush();
    }
}

/// The charset a page declares in a `<meta>` near its start, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    static META: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)"#).expect("valid")
    });
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    META.captures(&head).map(|c| c[1].to_string())
}

/// A calendar date in `YYYY-MM-DD` from the usual ways pages write one:
/// ISO 8601 (`2026-03-18T14:00:00-04:00`), `March 18, 2026`, `18 March 2026`.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(head) = text.get(..10)
        && crate::statement::is_iso_date(head)
    {
        return Some(head.to_string());
    }
    let text = squash(&text.replace(',', " "));
    ["%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y"]
        .iter()
        .find_map(|format| jiff::civil::Date::strptime(format, &text).ok())
        .map(|date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_declared_in_meta() {
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#;
        assert_eq!(declared_charset(page).as_deref(), Some("windows-1252"));
        assert_eq!(
            declared_charset(b"<meta charset='UTF-8'>").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(declared_charset(b"<p>charset=x</p>"), None);
    }

    #[test]
    fn dates_in_common_forms() {
        assert_eq!(
            iso_date("2026-03-18T14:00:00-04:00").as_deref(),
            Some("2026-03-18")
        );
        assert_eq!(iso_date("March 18, 2026").as_deref(), Some("2026-03-18"));
        assert_eq!(iso_date("18 March 2026").as_deref(), Some("2026-03-18"));
        assert_eq!(iso_date("Sept. 31"), None);
        assert_eq!(iso_date(""), None);
    }

    #[test]
    fn blocks_become_paragraphs_and_breaks_stay_inside() {
        let doc = Document::from(
            "<div><h2>Heading</h2><p>One <b>bold</b>\n word.<br>Wrapped.</p>\
             <ul><li>First item.</li><li><p>Second item.</p></li></ul>\
             <script>var x = 1;</script><p>  </p>Tail text.</div>",
        );
        assert_eq!(
            paragraphs(&doc),
            "Heading\n\nOne bold word. Wrapped.\n\nFirst item.\n\nSecond item.\n\nTail text."
        );
    }
}
