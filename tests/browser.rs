//! The HTML reports in a real browser, when one is installed: Chromium parses
//! the page of hostile text into the DOM we meant, with no element the
//! statements smuggled in. Skipped (with a note) where `chromium` is absent, except in CI.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The DOM Chromium builds from `page`, or `None` without a usable Chromium.
fn dump_dom(page: &Path) -> Option<String> {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().ok()?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_browser_sees_no_injected_elements() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("compare.html");
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/02-hostile-text");
    let status = common::command()
        .arg("compare")
        .arg(fixtures.join("old.md"))
        .arg(fixtures.join("new.md"))
        .args(["--format", "html", "-o"])
        .arg(&page)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let Some(dom) = dump_dom(&page) else {
        // CI installs Chromium (.ci/run), so there a missing browser is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium for this test"
        );
        eprintln!("skipped: no chromium to render the page");
        return;
    };
    // The serialized DOM escapes text again, so any real element shows as a tag.
    for element in ["<script", "<img", "<b>bold", "<!--"] {
        assert!(!dom.contains(element), "{element} in the DOM");
    }
    assert!(dom.contains("<del>") && dom.contains("<ins>"));
    assert!(dom.contains("&lt;script&gt;alert("));
}
