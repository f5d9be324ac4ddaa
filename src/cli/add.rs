//! `redliner add`: store a statement from a file, standard input, a saved web
//! page or a URL. Storing goes through [`Store::add`], which never overwrites a
//! statement and refuses one that says the same as the thread's latest.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};
use serde::Serialize;

use super::ResultFormat;
use crate::console::Environment;
use crate::progress::Spinner;
use redliner::decode::decode_page;
use redliner::extract::{self, Page};
use redliner::fetch::{FetchOptions, fetch};
use redliner::repair::{Repair, repair};
use redliner::statement::{Meta, ReadOptions, Statement};
use redliner::store::{self, Added, Store};
use redliner::visible::{visible, visible_name};

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Thread (a folder name in the store).
    thread: String,
    /// The statement file; `-` (the default) reads standard input.
    #[arg(conflicts_with_all = ["from_html", "from_url"])]
    file: Option<String>,
    /// Extract the statement from a saved web page (`-` reads standard input).
    #[arg(long, value_name = "FILE|-", conflicts_with = "from_url")]
    from_html: Option<String>,
    /// Fetch a web page, extract the statement, and store it only if it changed
    /// since the thread's latest statement (exit 1 if not: fit for cron).
    #[arg(long, value_name = "URL")]
    from_url: Option<String>,
    /// Seconds to wait for the server (--from-url): at most this long to
    /// connect and for each read of the page, and 4 times it for the whole
    /// fetch, redirects included.
    #[arg(long, value_name = "SECONDS", env = "REDLINER_TIMEOUT", default_value = "30", value_parser = seconds)]
    timeout: Duration,
    /// Follow redirects to link-local or metadata addresses (169.254.0.0/16,
    /// fe80::/10) and from a public host to a private one (--from-url).
    #[arg(long)]
    allow_private_redirects: bool,
    /// Title [default: from the front matter or the page].
    #[arg(long)]
    title: Option<String>,
    /// Who issued it [default: from the front matter or the page's site name].
    #[arg(long)]
    source: Option<String>,
    /// Date issued, YYYY-MM-DD [default: from the front matter, the page or the
    /// file name, else today].
    #[arg(long)]
    date: Option<String>,
    /// Where it was published [default: the fetched URL].
    #[arg(long)]
    url: Option<String>,
    /// Store it even if it says the same as the thread's latest statement.
    #[arg(long)]
    force: bool,
    /// `json` prints what was done as JSON (docs/json.md).
    #[arg(long, value_enum, default_value_t)]
    format: ResultFormat,
}

/// `--timeout`: from a millisecond (`1e-39` once rounded to no time at all) to a day.
fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.001..=86_400.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err("expected a number of seconds from 0.001 to 86400".into()),
    }
}

/// What `add` reports with `--format json`.
#[derive(Debug, Serialize)]
struct Outcome<'a> {
    /// `added` or `unchanged`.
    status: &'a str,
    thread: &'a str,
    /// The new file (`added`).
    path: Option<String>,
    /// The date of the latest statement it repeats (`unchanged`).
    latest: Option<String>,
    meta: &'a Meta,
}

pub fn run_add(
    store: &Store,
    read: &ReadOptions,
    args: AddArgs,
    env: &Environment,
) -> Result<ExitCode> {
    let (body, mut meta, repaired) = if let Some(url) = &args.from_url {
        from_url(url, read, &args, env)?
    } else if let Some(file) = &args.from_html {
        let bytes = read_bytes(file, read)?;
        let (page, repaired) = page_from_bytes(file, bytes, None, None, read)?;
        let (body, meta) = page_meta(page);
        (body, meta, repaired)
    } else {
        let file = args.file.as_deref().unwrap_or("-");
        let input = Statement::read(Path::new(file), read)?;
        super::warn_about_reading(&input, STORED);
        let repaired = input.repair.as_ref().map_or(0, Repair::sequences);
        (input.body().to_string(), input.meta.clone(), repaired)
    };
    // The archive keeps the readable text, and says that it was repaired.
    if repaired > 0 {
        meta.extra.insert(REPAIRED_KEY.into(), repaired.into());
    }
    if body.trim().is_empty() {
        let name = source_name(&args);
        bail!("{name}: the statement is empty (only white space); nothing stored");
    }
    if let Some(notice) = redliner::statement::redirect_notice(&body)
        && !args.force
    {
        bail!(
            "{}: only a redirect notice (\"{}\"), not a statement; nothing stored \
             (add the page it points to, or --force to store it)",
            source_name(&args),
            notice
        );
    }
    override_meta(&mut meta, &args)?;
    let outcome = store.add(&args.thread, &body, &meta, args.force)?;
    report(&args, &meta, outcome)
}

/// Where `add` read the statement from, for its messages.
fn source_name(args: &AddArgs) -> &str {
    let name = args
        .from_url
        .as_deref()
        .or(args.from_html.as_deref())
        .or(args.file.as_deref())
        .unwrap_or("-");
    if name == "-" { "standard input" } else { name }
}

/// The front matter key that records how many mojibake sequences were repaired
/// before the statement was stored.
const REPAIRED_KEY: &str = "repaired_mojibake";

/// What `add`'s repair warning adds: the repaired text is what gets stored.
const STORED: &str = "; storing the repaired text";

/// Fetches, extracts, and records the URL the page was found at; also returns
/// how many mojibake sequences were repaired.
fn from_url(
    url: &str,
    read: &ReadOptions,
    args: &AddArgs,
    env: &Environment,
) -> Result<(String, Meta, usize)> {
    let options = FetchOptions {
        timeout: args.timeout,
        max_bytes: read.max_bytes,
        allow_private_redirects: args.allow_private_redirects,
    };
    let fetched = {
        let _spinner = Spinner::start(format!("fetching {}", visible(url)), env.stderr_is_terminal);
        fetch(url, &options)?
    };
    let (page, repaired) = page_from_bytes(
        url,
        fetched.bytes,
        fetched.charset.as_deref(),
        Some(&fetched.url),
        read,
    )?;
    let (body, mut meta) = page_meta(page);
    meta.url = Some(url.to_string());
    Ok((body, meta, repaired))
}

/// A page's text and metadata, with mojibake repaired (and how many sequences
/// were); the encoding is `--encoding`, else the one the server or the page
/// declares, else detected.
fn page_from_bytes(
    name: &str,
    bytes: Vec<u8>,
    charset: Option<&str>,
    url: Option<&str>,
    read: &ReadOptions,
) -> Result<(Page, usize)> {
    let declared = charset
        .map(str::to_string)
        .or_else(|| extract::declared_charset(&bytes));
    let page = decode_page(name, bytes, declared.as_deref(), read.encoding)?;
    if let Some(warning) = &page.warning {
        eprintln!("warning: {}", visible(warning));
    }
    let decoded = page.decoded;
    let mut page = extract::extract(name, &decoded.text, url)?;
    let repaired = if read.repair {
        repair_page(name, &mut page)
    } else {
        0
    };
    Ok((page, repaired))
}

/// Repairs mojibake in what a page says, after extraction (so that mojibake
/// written as HTML entities, `&Atilde;&copy;`, is repaired too); warns once for
/// the page and returns how many sequences were repaired.
fn repair_page(name: &str, page: &mut Page) -> usize {
    let mut sequences = 0;
    let mut example = None;
    let fields = [
        page.title.as_mut(),
        page.source.as_mut(),
        page.byline.as_mut(),
        Some(&mut page.text),
    ];
    for field in fields.into_iter().flatten() {
        let (text, repair) = repair(std::mem::take(field));
        *field = text;
        if let Some(repair) = repair {
            sequences += repair.sequences();
            example.get_or_insert_with(|| {
                let (from, to) = repair.example();
                (from.to_string(), to)
            });
        }
    }
    if let Some((from, to)) = example {
        super::warn_about_repair(name, sequences, (&from, to), STORED);
    }
    sequences
}

fn page_meta(page: Page) -> (String, Meta) {
    let mut meta = Meta {
        title: page.title,
        source: page.source,
        date: page.date,
        ..Meta::default()
    };
    if let Some(byline) = page.byline {
        meta.extra.insert("byline".into(), byline.into());
    }
    // The page's own times order same-day versions (store::sort_thread).
    for (key, time) in [
        (store::PUBLISHED_KEY, page.published),
        (store::MODIFIED_KEY, page.modified),
    ] {
        if let Some(time) = time.as_deref().and_then(store::parse_time) {
            meta.extra.insert(key.into(), time.to_string().into());
        }
    }
    (page.text, meta)
}

fn read_bytes(file: &str, read: &ReadOptions) -> Result<Vec<u8>> {
    let bytes = if file == "-" {
        redliner::input::read_stream(std::io::stdin().lock(), file, read.max_bytes)?
    } else {
        redliner::input::read_file(Path::new(file), file, read.max_bytes)?
    };
    Ok(bytes)
}

/// Flags win over what the file or page says; the date falls back to today.
fn override_meta(meta: &mut Meta, args: &AddArgs) -> Result<()> {
    for (field, value) in [
        (&mut meta.title, &args.title),
        (&mut meta.source, &args.source),
        (&mut meta.url, &args.url),
    ] {
        if value.is_some() {
            field.clone_from(value);
        }
    }
    if let Some(date) = &args.date {
        if !redliner::statement::is_iso_date(date) {
            bail!("--date {date}: not a date of the form YYYY-MM-DD");
        }
        meta.date = Some(date.clone());
    }
    if meta.date.is_none() {
        meta.date = Some(jiff::ZonedDateTime::now().date().to_string());
    }
    // When this version was stored: it orders versions of one day.
    meta.extra
        .insert(store::ADDED_KEY.into(), store::now().into());
    Ok(())
}

fn report(args: &AddArgs, meta: &Meta, outcome: Added) -> Result<ExitCode> {
    let (status, path, latest, code) = match outcome {
        Added::Stored(path) => ("added", Some(path.display().to_string()), None, 0),
        Added::Unchanged { latest } => ("unchanged", None, Some(latest), 1),
    };
    match args.format {
        ResultFormat::Json => super::print(&redliner::render::json(&Outcome {
            status,
            thread: &args.thread,
            path,
            latest,
            meta,
        }))?,
        ResultFormat::Text => match (path, latest) {
            (Some(path), _) => super::print(&format!("added {path}\n"))?,
            (_, latest) => eprintln!(
                "no change since {}: not added (use --force to add it anyway)",
                visible_name(&latest.unwrap_or_default())
            ),
        },
    }
    Ok(ExitCode::from(code))
}
