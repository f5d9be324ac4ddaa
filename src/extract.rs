//! The statement inside a web page: the main text without navigation, cookie
//! banners, share buttons and footers (a readability port, `dom_smoothie`), and
//! the title, date, source and byline from the page's metadata.
//!
//! The text keeps the page's blocks — paragraphs, list items, headings, quotes —
//! as paragraphs separated by blank lines, which is what the segmenter reads.

use crate::error::{Error, ErrorKind, Result};
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};

mod furniture;

/// Elements nested deeper than this are not a page anyone reads: such a page is
/// refused before the extractor, whose work grows with depth, sees it.
pub const MAX_DEPTH: usize = 512;

/// Pages with more elements than this are refused (a long press page has a few
/// thousand): the extractor's work grows with them.
pub const MAX_ELEMENTS: usize = 200_000;

/// What a page says and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline (`og:title`, else `<title>`).
    pub title: Option<String>,
    /// The site or organisation (`og:site_name`).
    pub source: Option<String>,
    /// `YYYY-MM-DD`, from `article:published_time`, JSON-LD or `<time datetime>`.
    pub date: Option<String>,
    /// The author, as the page names them.
    pub byline: Option<String>,
    /// When the page says it was published, as written
    /// (`article:published_time`, JSON-LD).
    pub published: Option<String>,
    /// When the page says it was last modified, as written
    /// (`article:modified_time`, JSON-LD).
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

/// Elements whose text is never statement text. `title`, `noembed` and
/// `noframes` hold raw text that browsers do not show: a `<title>` left open in
/// the body once put the rest of the page's markup into the text (fuzzing).
const SKIPPED: &[&str] = &[
    "button", "canvas", "form", "iframe", "input", "noembed", "noframes", "noscript", "script",
    "select", "style", "svg", "template", "textarea", "title",
];

/// Extracts the statement from an HTML page. `url` (absolute) is where the page
/// came from, if known; `name` names the page in errors.
pub fn extract(name: &str, html: &str, url: Option<&str>) -> Result<Page> {
    // The parser's work grows with depth too (20,000 nested `<div>`s take
    // seconds): estimate it from the markup before parsing, then check exactly.
    if deeper_than(html, MAX_DEPTH) {
        return Err(too_deep(name));
    }
    let doc = Document::from(html);
    check_shape(name, &doc)?;
    // Read before furniture goes and `parse` prunes the document to the article.
    let time = first_time(&doc);
    furniture::strip(&doc);
    // The readability pass turns runs of `<br>` into paragraph breaks and may
    // drop them: a space before each keeps the words on either side apart
    // (`Statements<br><br>Statement by` is not `StatementsStatement by`).
    for br in doc.select("br").nodes() {
        br.insert_before(&doc.tree.new_text(" "));
    }
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut reader = Readability::with_document(doc, url, Some(config)).map_err(|e| {
        let message = match &e {
            ReadabilityError::BadDocumentURL => "not an absolute URL".to_string(),
            other => other.to_string(),
        };
        refused(name, message).reporting(e)
    })?;
    let article = reader.parse().map_err(|e| {
        let message = match &e {
            ReadabilityError::GrabFailed => NO_TEXT.to_string(),
            ReadabilityError::TooManyElements(..) => {
                format!("more than {MAX_ELEMENTS} elements in this page; not read as a statement")
            }
            other => other.to_string(),
        };
        refused(name, message).reporting(e)
    })?;
    let text = paragraphs(&Document::from(article.content.as_ref()));
    if text.is_empty() {
        return Err(refused(name, NO_TEXT));
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

/// Whether the markup nests elements more than `limit` deep, from its tags
/// alone: end tags close, void and self-closed elements and those whose end tag
/// is optional (`<p>`, `<li>`, `<td>`, …, often left open) do not count, and
/// comments and the insides of `<script>` and `<style>` are skipped.
fn deeper_than(html: &str, limit: usize) -> bool {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "body", "br", "col", "colgroup", "dd", "dt", "embed", "head", "hr", "html",
        "img", "input", "li", "link", "meta", "optgroup", "option", "p", "param", "rb", "rp", "rt",
        "source", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut at, mut depth) = (0usize, 0usize);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found + 1;
        let rest = &html[start..];
        if rest.starts_with("!--") {
            at = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = start + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let end =
            memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        at = (end + 1).min(bytes.len());
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[end.saturating_sub(1)] != b'/' || end == name_start + name_len {
            if matches!(name.as_str(), "script" | "style") {
                // Past the end tag, which closes what was never counted.
                let close = raw_text_end(bytes, at, name.as_bytes());
                at = memchr::memchr(b'>', &bytes[close..]).map_or(bytes.len(), |e| close + e + 1);
                continue;
            }
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// Where the raw text of a `<script>` or `<style>` that starts at `at` ends: at
/// its end tag, in any case.
fn raw_text_end(bytes: &[u8], at: usize, name: &[u8]) -> usize {
    memchr::memmem::find_iter(&bytes[at..], b"</")
        .map(|e| at + e)
        .find(|&e| {
            bytes
                .get(e + 2..e + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .unwrap_or(bytes.len())
}

/// What a page without a statement is told.
const NO_TEXT: &str = "found no statement text in this page";

/// An [`Extract`](ErrorKind::Extract) error about the page `name`.
fn refused(name: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Extract, message).at(name)
}

fn too_deep(name: &str) -> Error {
    let message = format!("elements nested more than {MAX_DEPTH} deep; not read as a statement");
    refused(name, message)
}

/// Refuses a page nested deeper than [`MAX_DEPTH`] (iteratively: a recursive
/// walk is what such a page would overflow).
fn check_shape(name: &str, doc: &Document) -> Result<()> {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(too_deep(name));
        }
        stack.extend(
            node.children_it(false)
                .filter(|c| c.is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    Ok(())
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
    /// The line being read (up to the next `<br>` or the end of the block).
    current: String,
    /// Whether the current line has letters or digits outside its links.
    text_outside_links: bool,
    /// Links entered in the current line, and how deep in one the walk is.
    links: usize,
    in_link: usize,
    /// The lines of the block being read.
    lines: Vec<Line>,
    done: Vec<String>,
    seen: rustc_hash::FxHashSet<String>,
}

/// A line of a block: text up to a `<br>`, and what of it is links.
struct Line {
    text: String,
    /// It has links, and all its letters and digits are link text.
    link_only: bool,
    links: usize,
}

/// A paragraph of at least this many words said again is a block the page
/// repeats (a promo, a sign-up box), said once.
const REPEAT_WORDS: usize = 4;

/// This many lines in a row that are each nothing but links, or one line of
/// nothing but this many links, are a menu (a side bar set with `<br>`s, a
/// row of page tools), not statement text.
const MENU_LINKS: usize = 3;

impl Paragraphs {
    fn push(&mut self, text: &str) {
        if self.in_link == 0 && !self.text_outside_links {
            self.text_outside_links = text.chars().any(char::is_alphanumeric);
        }
        self.current.push_str(text);
    }

    fn enter_link(&mut self) {
        self.in_link += 1;
        self.links += 1;
    }

    fn leave_link(&mut self) {
        self.in_link -= 1;
    }

    /// Ends the current line (a `<br>`, or the end of the block).
    fn end_line(&mut self) {
        let text = std::mem::take(&mut self.current);
        if !text.trim().is_empty() {
            self.lines.push(Line {
                link_only: self.links > 0 && !self.text_outside_links,
                links: self.links,
                text,
            });
        }
        (self.text_outside_links, self.links) = (false, 0);
    }

    /// Ends the block: its lines, less the menus and furniture lines among
    /// them, are one paragraph (a `<br>` inside a paragraph is a wrap).
    fn flush(&mut self) {
        self.end_line();
        let mut lines = std::mem::take(&mut self.lines);
        let paragraph = match lines.as_slice() {
            [] => String::new(),
            // Most blocks are one line.
            [line] if line.link_only && line.links >= MENU_LINKS => String::new(),
            [line] => squash(&line.text),
            _ => Self::joined(&lines),
        };
        lines.clear();
        self.lines = lines;
        if !paragraph.is_empty() && !furniture::is_furniture_text(&paragraph) {
            self.keep(paragraph);
        }
    }

    /// The lines of a block as one paragraph, less menus and furniture lines.
    fn joined(lines: &[Line]) -> String {
        // Which lines go: menus, then furniture lines.
        let mut menu = vec![false; lines.len()];
        let mut start = 0;
        while start < lines.len() {
            let end = start + lines[start..].iter().take_while(|l| l.link_only).count();
            if end - start >= MENU_LINKS {
                menu[start..end].iter_mut().for_each(|m| *m = true);
            }
            start = end.max(start + 1);
        }
        for (line, menu) in lines.iter().zip(menu.iter_mut()) {
            *menu |= (line.link_only && line.links >= MENU_LINKS)
                || furniture::is_furniture_text(&squash(&line.text));
        }
        squash(
            &lines
                .iter()
                .zip(&menu)
                .filter(|(_, gone)| !**gone)
                .map(|(line, _)| line.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    fn keep(&mut self, paragraph: String) {
        if paragraph.split_whitespace().count() >= REPEAT_WORDS
            && !self.seen.insert(paragraph.clone())
        {
            return;
        }
        self.done.push(paragraph);
    }

    /// Preformatted text keeps its lines (a schedule, a table set in `<pre>`).
    fn preformatted(&mut self, text: &str) {
        self.flush();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim_end)
            .filter(|line| !line.trim().is_empty())
            .collect();
        if !lines.is_empty() {
            self.keep(lines.join("\n"));
        }
    }
}

/// The text of `node` and its descendants but those of [`SKIPPED`] elements: a
/// `<script>` or a `<title>` inside a `<pre>` is no line of it (fuzzing found
/// a title's raw markup in a `<pre>`'s text).
fn shown_text(node: &NodeRef, text: &mut String) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(&child.text());
        } else if !child
            .node_name()
            .is_some_and(|n| SKIPPED.contains(&n.to_ascii_lowercase().as_str()))
        {
            shown_text(&child, text);
        }
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
        out.end_line();
        return;
    }
    if name == "pre" {
        let mut text = String::new();
        shown_text(node, &mut text);
        out.preformatted(&text);
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.flush();
    }
    let link = name == "a";
    if link {
        out.enter_link();
    }
    for child in node.children() {
        walk(&child, out);
    }
    if link {
        out.leave_link();
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
    fn a_page_without_a_statement_is_an_extract_error_naming_it() {
        let error = extract(
            "empty.html",
            "<html><body><script>var x;</script></body></html>",
            None,
        )
        .unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (ErrorKind::Extract, Some("empty.html"))
        );
        assert_eq!(error.message(), NO_TEXT);
        let deep = format!("{}x", "<div>".repeat(MAX_DEPTH + 10));
        let error = extract("deep.html", &deep, None).unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (ErrorKind::Extract, Some("deep.html"))
        );
    }

    #[test]
    fn nesting_depth_from_the_markup() {
        let deep = |n| "<div>".repeat(n) + &"</div>".repeat(n);
        assert!(!deeper_than(&deep(512), 512));
        assert!(deeper_than(&deep(513), 512));
        // Siblings, open paragraphs and list items, void and self-closed
        // elements, comments and script text do not add depth.
        let flat = "<div></div>".repeat(2000)
            + &"<p>text <li>item <br><img src=x><span/>".repeat(2000)
            + "<!-- <div><div><div> --><script>'<div>'.repeat(9)</SCRIPT>";
        assert!(!deeper_than(&flat, 3));
        assert!(deeper_than("<div><script></script><div><div>", 2));
    }

    #[test]
    fn lines_of_links_are_menus_and_furniture_lines_go() {
        let doc = Document::from(
            "<div><a href=/>Home</a><br><a href=/m>The Minister</a><br>\n<a href=/p>Press Room</a><br>\
             The Ministry welcomes the agreement.<br>It thanks <a href=/a>Aldoria</a>.</div>\
             <p><a href=/a>Print</a> | <a href=/b>Share</a> | <a href=/c>RSS</a></p>\
             <p><a href=/a>Home</a><br><a href=/b>Contact</a><br>Two links are not a menu.</p>\
             <p>Last modified: 14.10.2026 16:20<br>You are visitor number 0045127</p>\
             <p>Posted on 21 August 2026<br>Inspections resume on Monday.</p>",
        );
        assert_eq!(
            paragraphs(&doc),
            "The Ministry welcomes the agreement. It thanks Aldoria.\n\n\
             Home Contact Two links are not a menu.\n\n\
             Inspections resume on Monday."
        );
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
