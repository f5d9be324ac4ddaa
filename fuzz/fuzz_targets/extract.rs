//! Arbitrary bytes as a saved page: decoded as `add --from-html` decodes a page,
//! then extracted. Any input gives a page or a one-line error; a page's text is
//! non-empty paragraphs with no markup left in them, and nothing inside a
//! `<script>` or `<style>` element ever becomes statement text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redliner::decode::decode_page;
use redliner::extract::extract;
use redliner::statement::is_iso_date;

/// Text no input holds (inputs holding it are skipped), placed in a script and
/// a style element.
const MARK: &str = "qzxjvkw";

fuzz_target!(|bytes: &[u8]| {
    let Ok(page) = decode_page("page.html", bytes.to_vec(), None, None) else {
        return;
    };
    let html = page.decoded.text;
    if html.contains(MARK) {
        return;
    }
    check(&html, false);
    // The same page with a script and a style in its body, and one before it.
    // `'">` first ends a tag the page leaves unfinished (`<h` + `<style>`
    // would be one element named `h<style`, whose content is text).
    let marked = format!(
        "<script>var {MARK}1 = 1;</script>{html}'\"><style>.{MARK}2 {{ color: red }}</style>\
         <p>Closing words.<script>{MARK}3()</script></p>"
    );
    check(&marked, true);
});

fn check(html: &str, marked: bool) {
    let page = match extract("page.html", html, None) {
        Ok(page) => page,
        Err(error) => {
            let message = format!("{error:#}");
            assert!(message.starts_with("page.html:"), "{message}");
            assert!(!message.contains('\n'), "{message:?}");
            return;
        }
    };
    assert!(!page.text.is_empty());
    for paragraph in page.text.split("\n\n") {
        assert!(!paragraph.trim().is_empty(), "{:?}", page.text);
    }
    if let Some(date) = &page.date {
        assert!(is_iso_date(date), "{date:?}");
    }
    // Markup the page held as markup never reaches the text (text it held as
    // text may say `<b>`, written `&lt;b&gt;`, and raw-text elements such as
    // `<plaintext>` and `<xmp>` show their markup as text, as browsers do).
    let lower = html.to_ascii_lowercase();
    // A `<` not starting a tag is text: `<</p>/p>` shows `</p>`.
    let lone_angle = lower
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && !(w[1].is_ascii_alphabetic() || b"/!?".contains(&w[1])))
        || lower.ends_with('<');
    let raw_text = lone_angle
        || ["plaintext", "xmp", "&lt", "&#", "<!["]
            .iter()
            .any(|s| lower.contains(s));
    if !raw_text {
        for tag in ["<script", "<style", "</p>", "<div", "<br"] {
            assert!(!page.text.to_ascii_lowercase().contains(tag), "{tag} in {:?}", page.text);
        }
    }
    if marked && !lower.contains("plaintext") && !lower.contains("xmp") {
        assert!(!page.text.contains(MARK), "script or style text in {:?}", page.text);
    }
}
