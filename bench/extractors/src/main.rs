//! Scores extractors on redliner's bench pages, tests/fixtures/html/bench/NAME.{html,txt,furniture}:
//! redliner's own extraction (`redliner::extract::extract`: furniture rules, then
//! dom_smoothie, then its paragraph walk), plain dom_smoothie (its formatted text,
//! no rules) and the trafilatura crate (with and without its fallback extractors).
//!
//! The metric is the one `cargo test --test extraction bench_pages -- --nocapture`
//! and bench/extraction.py print: bag-of-words precision and recall per page
//! (lower-cased `\w+` tokens, as a multiset), averaged over pages, F1 of the
//! averages; a page leaks when any line of NAME.furniture appears in the output
//! (case-insensitive). Time per page: the median of RUNS runs of each page,
//! averaged over pages, in-process, after one warm-up run.
//!
//!     cargo run --release --manifest-path bench/extractors/Cargo.toml            # per page and overall
//!     cargo run --release --manifest-path bench/extractors/Cargo.toml -- --tsv   # overall rows only
//!
//! bench/extraction.py runs this and the Python extractors in one go.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

const RUNS: usize = 21;

struct Bench {
    name: String,
    html: String,
    expected: String,
    furniture: Vec<String>,
}

type Extractor = fn(&str) -> Result<String, String>;

fn redliner(html: &str) -> Result<String, String> {
    redliner::extract::extract("page", html, None)
        .map(|page| page.text)
        .map_err(|e| e.to_string())
}

fn dom_smoothie(html: &str) -> Result<String, String> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut reader =
        dom_smoothie::Readability::new(html, None, Some(config)).map_err(|e| e.to_string())?;
    let article = reader.parse().map_err(|e| e.to_string())?;
    Ok(article.text_content.to_string())
}

fn trafilatura_with(html: &str, fallback: bool) -> Result<String, String> {
    let options = trafilatura::Options::default()
        .with_fallback(fallback)
        .with_exclude_comments(true)
        .with_exclude_tables(false);
    trafilatura::extract(html, &options)
        .map(|result| result.content_text)
        .map_err(|e| e.to_string())
}

fn trafilatura(html: &str) -> Result<String, String> {
    trafilatura_with(html, true)
}

fn trafilatura_no_fallback(html: &str) -> Result<String, String> {
    trafilatura_with(html, false)
}

/// redliner, with trafilatura's text instead where redliner keeps less than
/// half of the words trafilatura finds (the "second opinion" a combination
/// would use when the readability pass returns little).
fn redliner_or_trafilatura(html: &str) -> Result<String, String> {
    let ours = redliner(html);
    let count = |t: &str| t.split_whitespace().count();
    let theirs = trafilatura(html);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) if 2 * count(&ours) < count(&theirs) => Ok(theirs),
        (Ok(ours), _) => Ok(ours),
        (Err(_), Ok(theirs)) => Ok(theirs),
        (Err(e), Err(_)) => Err(e),
    }
}

const EXTRACTORS: &[(&str, Extractor)] = &[
    ("redliner", redliner),
    ("dom_smoothie (plain)", dom_smoothie),
    ("trafilatura crate", trafilatura),
    ("trafilatura crate, no fallback", trafilatura_no_fallback),
    ("redliner or trafilatura crate", redliner_or_trafilatura),
];

fn words(text: &str) -> HashMap<String, usize> {
    static WORD: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\w+").unwrap());
    let mut bag = HashMap::new();
    for word in WORD.find_iter(&text.to_lowercase()) {
        *bag.entry(word.as_str().to_string()).or_insert(0) += 1;
    }
    bag
}

fn score(got: &str, expected: &str) -> (f64, f64) {
    let (got, expected) = (words(got), words(expected));
    let hits: usize = got
        .iter()
        .map(|(w, n)| (*n).min(expected.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |bag: &HashMap<String, usize>| bag.values().sum::<usize>().max(1) as f64;
    (hits as f64 / total(&got), hits as f64 / total(&expected))
}

fn median_seconds(extractor: Extractor, html: &str) -> f64 {
    let _ = extractor(html);
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let _ = std::hint::black_box(extractor(std::hint::black_box(html)));
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn load(dir: &Path) -> Vec<Bench> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| {
                let path = dir.join(format!("{name}.{ext}"));
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            Bench {
                furniture: read("furniture")
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_lowercase)
                    .collect(),
                html: read("html"),
                expected: read("txt"),
                name,
            }
        })
        .collect()
}

fn main() {
    let tsv = std::env::args().any(|a| a == "--tsv");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/html/bench");
    let pages = load(&dir);
    if tsv {
        println!("extractor\tP\tR\tF1\tleaked\tpages\tms_per_page\tfailed");
    }
    for (label, extractor) in EXTRACTORS {
        let (mut p_sum, mut r_sum, mut leaked, mut seconds) = (0.0, 0.0, 0, 0.0);
        let mut failed = Vec::new();
        for page in &pages {
            let got = match extractor(&page.html) {
                Ok(text) => text,
                Err(e) => {
                    failed.push(format!("{}: {e}", page.name));
                    String::new()
                }
            };
            let (p, r) = score(&got, &page.expected);
            let lower = got.to_lowercase();
            let leaks: Vec<&str> = page
                .furniture
                .iter()
                .filter(|f| lower.contains(f.as_str()))
                .map(String::as_str)
                .collect();
            seconds += median_seconds(*extractor, &page.html);
            p_sum += p;
            r_sum += r;
            leaked += usize::from(!leaks.is_empty());
            if !tsv {
                println!(
                    "{label:31} {:26} P {p:.3} R {r:.3} leaks {leaks:?}",
                    page.name
                );
            }
        }
        let n = pages.len() as f64;
        let (p, r) = (p_sum / n, r_sum / n);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let ms = 1000.0 * seconds / n;
        if tsv {
            println!(
                "{label}\t{p:.3}\t{r:.3}\t{f1:.3}\t{leaked}\t{}\t{ms:.3}\t{}",
                pages.len(),
                failed.join("; ")
            );
        } else {
            println!(
                "{label:31} overall: P {p:.3} R {r:.3} F1 {f1:.3}; furniture in {leaked}/{} pages; {ms:.3} ms/page",
                pages.len()
            );
            for failure in &failed {
                println!("{label:31} failed: {failure}");
            }
            println!();
        }
    }
}
