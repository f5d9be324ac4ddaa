//! `redliner add --from-url` against a small HTTP server on 127.0.0.1 that this
//! test starts itself: no test needs the internet.

mod common;
use common::{assert_error, assert_exit, stderr};

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The page the server currently publishes at `/page`.
type Published = Arc<Mutex<String>>;

fn page(paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<html><head><title>Harbor readout</title>\
         <meta property=\"og:site_name\" content=\"Ministry of Coastal Affairs\">\
         <meta property=\"article:published_time\" content=\"2026-04-02T10:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article>{body}</article><footer>All rights reserved.</footer></body></html>"
    )
}

const FIRST: &[&str] = &[
    "The two delegations met in Port Aldren on Thursday and agreed to resume the harbor inspections before the end of the month, with observers from both sides present.",
    "Both sides will publish a joint timetable for dredging the main channel next week, and the mediators will report on harbor fees at the next round of talks.",
];

/// Starts the server; returns its base URL and the page it publishes.
fn serve() -> (String, Published) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let published: Published = Arc::new(Mutex::new(page(FIRST)));
    let shared = Arc::clone(&published);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let published = Arc::clone(&shared);
            std::thread::spawn(move || respond(stream, &published));
        }
    });
    (base, published)
}

fn respond(mut stream: TcpStream, published: &Published) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let reply = |status: &str, headers: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let text = match path {
        "/page" => reply(
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            &published.lock().unwrap(),
        ),
        "/moved" => reply("301 Moved Permanently", "Location: /page\r\n", ""),
        "/loop" => reply("302 Found", "Location: /loop\r\n", ""),
        "/to-ftp" => reply(
            "302 Found",
            "Location: ftp://files.example/statement.txt\r\n",
            "",
        ),
        "/to-file" => reply("302 Found", "Location: file:///etc/passwd\r\n", ""),
        "/to-metadata" => reply(
            "302 Found",
            "Location: http://169.254.169.254/latest/meta-data/\r\n",
            "",
        ),
        "/to-link-local" => reply(
            "307 Temporary Redirect",
            "Location: http://[fe80::1]/page\r\n",
            "",
        ),
        "/deep" => reply(
            "200 OK",
            "Content-Type: text/html\r\n",
            &format!(
                "<html><body>{}<p>text</p></body></html>",
                "<span>".repeat(100_000)
            ),
        ),
        "/deep-divs" => reply(
            "200 OK",
            "Content-Type: text/html\r\n",
            &format!(
                "<html><body>{}<p>text</p></body></html>",
                "<div>".repeat(20_000)
            ),
        ),
        "/pdf" => reply("200 OK", "Content-Type: application/pdf\r\n", "%PDF-1.7"),
        "/big" => reply(
            "200 OK",
            "Content-Type: text/html\r\n",
            &page(&["A long paragraph. ".repeat(500).as_str()]),
        ),
        "/endless" => {
            // No Content-Length: the size limit has to stop the read.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>";
            let _ = stream.write_all(head.as_bytes());
            let chunk = "word ".repeat(1000);
            for _ in 0..200 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    return;
                }
            }
            return;
        }
        "/utf8-said-1252" => reply(
            "200 OK",
            "Content-Type: text/html; charset=windows-1252\r\n",
            &page(&["The minister said “we will not retreat” — and the café closed."]),
        ),
        "/ascii-said-utf16" => reply(
            "200 OK",
            "Content-Type: text/html; charset=utf-16\r\n",
            &page(FIRST),
        ),
        "/said-iso-2022-kr" => reply(
            "200 OK",
            "Content-Type: text/html; charset=iso-2022-kr\r\n",
            &page(FIRST),
        ),
        "/high-bytes" => {
            // Bytes no encoding reads as text, and no charset declared.
            let mut seed: u32 = 7;
            let noise: Vec<u8> = (0..600)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    // 0x80..=0xBF: never valid UTF-8, so detection has to decide.
                    0x80 | ((seed >> 16) as u8 & 0x3F)
                })
                .collect();
            let mut body = b"<html><body><p>".to_vec();
            body.extend(noise);
            body.extend(b"</p></body></html>");
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            return;
        }
        "/gbk-noise" => {
            // Valid GBK, but every character a rare one from its extensions
            // (lead bytes 0x81-0xA0): what random high bytes decode to.
            let mut seed: u32 = 11;
            let mut next = |span: u32| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) % span
            };
            let noise: Vec<u8> = (0..300)
                .flat_map(|_| [0x81 + next(32) as u8, 0x40 + next(63) as u8])
                .collect();
            let mut body = b"<html><body><p>".to_vec();
            body.extend(noise);
            body.extend(b"</p></body></html>");
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            return;
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(2));
            return;
        }
        "/trickle" => {
            // Each read gets a byte well within --timeout, but the whole page
            // would take 12 s: only a bound on the whole fetch stops it.
            let body = page(FIRST);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            for byte in body.as_bytes().iter().take(120) {
                std::thread::sleep(Duration::from_millis(100));
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
            }
            return;
        }
        _ => reply(
            "404 Not Found",
            "Content-Type: text/html\r\n",
            "<p>gone</p>",
        ),
    };
    let _ = stream.write_all(text.as_bytes());
}

fn add(store: &Path, url: &str, extra: &[&str]) -> Output {
    let mut command = common::command();
    command
        .args([
            "--store",
            store.to_str().unwrap(),
            "add",
            "harbor",
            "--from-url",
            url,
        ])
        .args(extra);
    for proxy in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        command.env_remove(proxy);
    }
    command.env_remove("REDLINER_TIMEOUT").output().unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn polling_keeps_only_real_revisions() {
    let (base, published) = serve();
    let store = tempfile::tempdir().unwrap();
    let url = format!("{base}/page");

    let first = add(store.path(), &url, &[]);
    assert_exit(&first, 0);
    let thread = store.path().join("harbor");
    let stored = files(&thread);
    assert_eq!(stored, ["2026-04-02-harbor-readout.md"]);
    let text = std::fs::read_to_string(thread.join(&stored[0])).unwrap();
    assert!(text.contains(&format!("url: {url}")), "{text}");
    assert!(
        text.contains("source: Ministry of Coastal Affairs"),
        "{text}"
    );
    assert!(!text.contains("Home") && !text.contains("rights"), "{text}");

    // Unchanged: nothing stored, exit 1, one line naming the date.
    let again = add(store.path(), &url, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).starts_with("no change since 2026-04-02"),
        "{}",
        stderr(&again)
    );
    assert_eq!(files(&thread).len(), 1);

    // Revised: stored beside the first, which is left as it was.
    *published.lock().unwrap() = page(&[
        FIRST[0],
        "Both sides may publish a joint timetable for dredging the main channel later this year.",
    ]);
    let revised = add(store.path(), &url, &["--format", "json"]);
    assert_exit(&revised, 0);
    let outcome: serde_json::Value = serde_json::from_slice(&revised.stdout).unwrap();
    assert_eq!(outcome["status"], "added");
    assert_eq!(outcome["meta"]["url"], url.as_str());
    assert_eq!(files(&thread).len(), 2);
    assert_eq!(
        std::fs::read_to_string(thread.join(&stored[0])).unwrap(),
        text
    );
}

#[test]
fn redirects_are_followed_but_not_forever() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    let moved = add(store.path(), &format!("{base}/moved"), &[]);
    assert_exit(&moved, 0);
    assert_eq!(files(&store.path().join("harbor")).len(), 1);

    let looping = add(store.path(), &format!("{base}/loop"), &[]);
    assert_error(&looping, "too many redirects");
}

#[test]
fn trouble_is_one_line_and_stores_nothing() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[&str], &str)] = &[
        ("/missing", &[], "/missing: HTTP 404 Not Found"),
        (
            "/pdf",
            &[],
            "not an HTML page (Content-Type: application/pdf)",
        ),
        (
            "/big",
            &["--max-bytes", "2000"],
            "more than the limit of 2000 bytes",
        ),
        (
            "/endless",
            &["--max-bytes", "50000"],
            "more than the limit of 50000 bytes",
        ),
        ("/slow", &["--timeout", "0.3"], "timed out after 0.3 s"),
    ];
    for (path, flags, expected) in cases {
        let started = std::time::Instant::now();
        let out = add(store.path(), &format!("{base}{path}"), flags);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{path}: {message}");
        assert!(
            message.starts_with(&format!("error: {base}{path}")),
            "{path}: {message}"
        );
        assert!(message.contains(expected), "{path}: {message}");
        assert_eq!(message.lines().count(), 1, "{path}: {message}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} took too long"
        );
    }
    assert!(!store.path().join("harbor").exists());
}

/// The same readout with the furniture a press page changes between fetches:
/// a stamp, a view count, a cookie banner, a related list, a rotating promo.
fn furnished(paragraphs: &[&str], variant: usize) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let related = [
        "Third round readout",
        "Dredging tender opens",
        "Fees explained",
        "Ferry timetable",
    ];
    let related: String = related[variant % 2..variant % 2 + 2]
        .iter()
        .map(|r| format!("<li><a href=\"/r\">{r}</a></li>"))
        .collect();
    let banner = if variant == 0 {
        "<div class=\"cookie\"><p>We use cookies to improve this site. Accept all cookies?</p></div>"
    } else {
        "<div id=\"consent-banner\"><p>Your privacy matters to us: choose which cookies you allow.</p></div>"
    };
    let promos = [
        "Listen to the minister's podcast, new every Friday",
        "Download our app for alerts on every statement",
    ];
    format!(
        "<html><head><title>Harbor readout</title>\
         <meta property=\"og:site_name\" content=\"Ministry of Coastal Affairs\">\
         <meta property=\"article:published_time\" content=\"2026-04-02T10:00:00Z\"></head>\
         <body>{banner}<nav><a href=\"/\">Home</a></nav>\
         <article><h1>Harbor readout</h1>\
         <div class=\"article-meta\"><span class=\"timestamp\">Updated {hour}:{minute:02} am</span> \
         <span class=\"views\">{views} views</span></div>\
         <p class=\"updated\">Last updated {hour}:{minute:02}</p>\
         {body}\
         <div class=\"promo\"><p>{promo}</p></div>\
         <div class=\"related-stories\"><h2>Related</h2><ul>{related}</ul></div></article>\
         <footer>All rights reserved.</footer></body></html>",
        hour = 5 + variant,
        minute = 27 + 11 * variant,
        views = 1_204 + 7_000 * variant,
        promo = promos[variant % 2],
    )
}

#[test]
fn furniture_that_changes_between_fetches_is_not_a_revision() {
    let (base, published) = serve();
    let store = tempfile::tempdir().unwrap();
    let url = format!("{base}/page");
    *published.lock().unwrap() = furnished(FIRST, 0);
    assert_exit(&add(store.path(), &url, &[]), 0);
    let thread = store.path().join("harbor");
    let stored = files(&thread);
    let text = std::fs::read_to_string(thread.join(&stored[0])).unwrap();
    for furniture in [
        "cookie",
        "Updated",
        "views",
        "podcast",
        "Related",
        "Third round",
    ] {
        assert!(!text.contains(furniture), "`{furniture}` stored:\n{text}");
    }

    // Same readout, other furniture: not stored, exit 1.
    *published.lock().unwrap() = furnished(FIRST, 1);
    let again = add(store.path(), &url, &[]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(
        stderr(&again).starts_with("no change since 2026-04-02"),
        "{}",
        stderr(&again)
    );
    assert_eq!(files(&thread), stored);

    // Revised on its publication day, with furniture changed again: a new version.
    let revised = [
        FIRST[0],
        "Both sides may publish a joint timetable for dredging later this year.",
    ];
    *published.lock().unwrap() = furnished(&revised, 0);
    assert_exit(&add(store.path(), &url, &[]), 0);
    let now = files(&thread);
    assert_eq!(now.len(), 2, "{now:?}");
    let new = now.iter().find(|n| **n != stored[0]).unwrap();
    let text = std::fs::read_to_string(thread.join(new)).unwrap();
    assert!(
        text.contains("later this year") && !text.contains("views"),
        "{text}"
    );
    // The revision comes after the first version: polling it again, with
    // other furniture, is no change against it.
    *published.lock().unwrap() = furnished(&revised, 1);
    let again = add(store.path(), &url, &[]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert_eq!(files(&thread), now);
    let log = common::command()
        .args(["--store", store.path().to_str().unwrap(), "log", "harbor"])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&log.stdout);
    let latest = log.lines().next().unwrap_or_default();
    assert!(
        latest.contains("~1"),
        "the revision is not the latest:\n{log}"
    );
}

#[test]
fn the_timeout_bounds_the_whole_fetch_not_only_each_read() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = add(
        store.path(),
        &format!("{base}/trickle"),
        &["--timeout", "0.5"],
    );
    let took = started.elapsed();
    assert_error(
        &out,
        "timed out: the whole fetch took more than 2.0 s (4 x --timeout 0.5 s; raise it with --timeout)",
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    // Four times --timeout for the whole fetch (2 s), then extraction of what
    // never came: well short of the 12 s the server would take.
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert!(!store.path().join("harbor").exists());
}

#[test]
fn redirects_only_to_http_and_not_to_metadata_addresses() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    for (path, expected) in [
        (
            "/to-ftp",
            "refused a redirect to ftp://files.example/statement.txt: not http or https (ftp:)",
        ),
        (
            "/to-file",
            "refused a redirect to file:///etc/passwd: not http or https (file:)",
        ),
        (
            "/to-metadata",
            "refused a redirect to http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local or metadata address (--allow-private-redirects to follow it)",
        ),
        (
            "/to-link-local",
            "fe80::1 is a link-local or metadata address",
        ),
    ] {
        let started = std::time::Instant::now();
        let out = add(store.path(), &format!("{base}{path}"), &[]);
        assert_error(&out, expected);
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: no connection is tried"
        );
    }
    assert!(!store.path().join("harbor").exists());
}

#[test]
fn the_scheme_is_case_insensitive() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    let upper = base.replacen("http://", "HTTP://", 1);
    assert_exit(&add(store.path(), &format!("{upper}/page"), &[]), 0);
    assert_eq!(files(&store.path().join("harbor")).len(), 1);
    let ftp = add(store.path(), "FTP://files.example/x", &[]);
    assert_error(&ftp, "only http:// and https:// URLs can be fetched");
}

#[test]
fn hostile_nesting_is_a_clear_error_in_bounded_time() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    for path in ["/deep", "/deep-divs"] {
        let started = std::time::Instant::now();
        let out = add(store.path(), &format!("{base}{path}"), &[]);
        assert_error(
            &out,
            "elements nested more than 512 deep; not read as a statement",
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: {:?}",
            started.elapsed()
        );
    }
    assert!(!store.path().join("harbor").exists());
}

#[test]
fn charsets_are_told_the_truth() {
    let (base, _) = serve();
    let store = tempfile::tempdir().unwrap();
    let thread = store.path().join("harbor");

    // UTF-8 bytes declared windows-1252: read as UTF-8, with one warning.
    let out = add(store.path(), &format!("{base}/utf8-said-1252"), &[]);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "warning: {base}/utf8-said-1252: declares charset windows-1252, but its bytes are UTF-8; read as UTF-8"
        )
    );
    let stored = std::fs::read_to_string(thread.join(&files(&thread)[0])).unwrap();
    assert!(
        stored.contains("“we will not retreat” — and the café closed."),
        "{stored}"
    );

    // ASCII declared UTF-16: not decoded as UTF-16.
    let out = add(
        store.path(),
        &format!("{base}/ascii-said-utf16"),
        &["--force"],
    );
    assert_exit(&out, 0);
    assert!(
        stderr(&out)
            .contains("declares charset utf-16, but its bytes are not UTF-16; read as UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&thread).len(), 2);
    assert!(files(&thread).iter().any(|n| {
        std::fs::read_to_string(thread.join(n))
            .unwrap()
            .contains("resume the harbor inspections")
    }));

    let before = files(&thread);
    // The WHATWG replacement encoding, declared or forced: an error, nothing stored.
    let out = add(store.path(), &format!("{base}/said-iso-2022-kr"), &[]);
    assert_error(
        &out,
        "declares charset iso-2022-kr; the encoding `iso-2022-kr` cannot be read (WHATWG \"replacement\"",
    );
    assert_eq!(stderr(&out).lines().count(), 1);
    for label in ["replacement", "iso-2022-kr", "hz-gb-2312"] {
        let out = add(
            store.path(),
            &format!("{base}/page"),
            &["--encoding", label],
        );
        assert_error(&out, &format!("the encoding `{label}` cannot be read"));
    }

    // Random high bytes, no charset: not a guess, an error asking for --encoding.
    let out = add(store.path(), &format!("{base}/high-bytes"), &[]);
    assert_error(&out, "no encoding reads it as likely text");
    assert!(
        stderr(&out).contains("name it with --encoding"),
        "{}",
        stderr(&out)
    );
    // Bytes the detector takes for GBK, all rare characters: not text either.
    let out = add(store.path(), &format!("{base}/gbk-noise"), &[]);
    assert_error(
        &out,
        "not UTF-8, and no encoding reads it as likely text (the best guess, GBK, does not); name it with --encoding",
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert_eq!(files(&thread), before);
}
