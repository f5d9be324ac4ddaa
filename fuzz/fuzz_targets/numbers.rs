//! The numbers a user gives redliner, through the real command-line parser, the
//! environment and `redliner.toml`: `--width`, `--context` (and
//! `REDLINER_CONTEXT`, `[terminal] context`), `--max-bytes`,
//! `--min-significance`, `--timeout` (and `REDLINER_TIMEOUT`), `--key-shifts`,
//! `COLUMNS`. A number is accepted exactly when it is a number of its kind
//! within its documented range, it is the number written (it round-trips), and
//! what the program then uses stays within its documented clamp. Nothing panics.
#![no_main]

use std::time::Duration;

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use redliner::config::Config;

// The command line lives in the binary (src/main.rs): the same files, compiled
// into this target, are the parser under test.
// (An inline module with a path, so that cli.rs finds its own `cli/*.rs`.)
#[allow(dead_code)]
#[path = "../../src"]
mod binary {
    pub mod cli;
}
use binary::cli;
#[allow(dead_code)]
#[path = "../../src/console.rs"]
mod console;
#[allow(dead_code)]
#[path = "../../src/output.rs"]
mod output;
#[allow(dead_code)]
#[path = "../../src/progress.rs"]
mod progress;

use cli::{Cli, context_of};
use console::{Environment, MAX_WIDTH, width};

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // The environment holds no NUL; the command line neither.
    if text.contains('\0') {
        return;
    }
    match selector % 9 {
        0 => check_width(text),
        1 => check_context(text, Source::Flag),
        2 => check_context(text, Source::Environment),
        3 => check_context(text, Source::Config),
        4 => check_max_bytes(text),
        5 => check_significance(text),
        6 => check_timeout(text, Source::Flag),
        7 => check_timeout(text, Source::Environment),
        _ => {
            check_key_shifts(text);
            check_columns(text);
        }
    }
});

#[derive(Clone, Copy)]
enum Source {
    Flag,
    Environment,
    Config,
}

/// Parses a command line with one variable set (and the others cleared).
fn parse(args: &[&str], var: Option<(&str, &str)>) -> Option<String> {
    // SAFETY: the fuzzer runs this on one thread, and nothing else reads the
    // environment meanwhile.
    unsafe {
        for name in ["REDLINER_CONTEXT", "REDLINER_TIMEOUT", "REDLINER_COLOR", "COLUMNS"] {
            std::env::remove_var(name);
        }
        if let Some((name, value)) = var {
            std::env::set_var(name, value);
        }
    }
    let parsed = Cli::try_parse_from(args).ok().map(|cli| format!("{cli:?}"));
    unsafe {
        if let Some((name, _)) = var {
            std::env::remove_var(name);
        }
    }
    parsed
}

/// `field: value` as the parsed command line's Debug form shows it.
#[track_caller]
fn assert_field(debug: &str, field: &str, value: impl std::fmt::Debug) {
    let wanted = format!("{field}: {value:?}");
    assert!(debug.contains(&wanted), "wanted {wanted} in {debug}");
}

fn check_width(text: &str) {
    let flag = format!("--width={text}");
    let parsed = parse(&["redliner", "compare", "a", "b", &flag], None);
    let expected = text
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|w| (1..=MAX_WIDTH).contains(w));
    match (parsed, expected) {
        (Some(debug), Some(w)) => {
            assert_field(&debug, "width", Some(w));
            let used = width(Some(w), &Environment::default()).unwrap();
            assert!((20..=MAX_WIDTH).contains(&used), "{used}");
            assert_eq!(used, w.max(20));
        }
        (None, None) => {}
        (parsed, expected) => panic!("--width={text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
}

fn check_context(text: &str, source: Source) {
    let (parsed, config) = match source {
        Source::Flag => {
            let flag = format!("--context={text}");
            (parse(&["redliner", "compare", "a", "b", &flag], None), Config::default())
        }
        Source::Environment => (
            parse(&["redliner", "compare", "a", "b"], Some(("REDLINER_CONTEXT", text))),
            Config::default(),
        ),
        Source::Config => {
            // The value as written after `context = ` in redliner.toml.
            let file = format!("[terminal]\ncontext = {text}\n");
            let config = match toml::from_str::<Config>(&file) {
                Ok(config) => config,
                Err(_) => return,
            };
            let context = config.terminal.context.expect("context was set");
            let used = context_of(None, &config);
            assert_eq!(used, context.min(u32::MAX as usize));
            return;
        }
    };
    // An empty variable is as good as unset (clap reads it as absent).
    let expected = text.parse::<usize>().ok();
    match (parsed, expected) {
        (Some(debug), Some(n)) => {
            assert_field(&debug, "context", Some(n));
            let used = context_of(Some(n), &config);
            assert_eq!(used, n.min(u32::MAX as usize));
        }
        (Some(debug), None) if matches!(source, Source::Environment) && text.is_empty() => {
            assert_field(&debug, "context", None::<usize>);
        }
        (None, None) => {}
        (parsed, expected) => panic!("context {text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
}

fn check_max_bytes(text: &str) {
    let flag = format!("--max-bytes={text}");
    let parsed = parse(&["redliner", "compare", "a", "b", &flag], None);
    match (parsed, text.parse::<u64>().ok()) {
        (Some(debug), Some(n)) => assert_field(&debug, "max_bytes", n),
        (None, None) => {}
        (parsed, expected) => panic!("--max-bytes={text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
}

fn check_significance(text: &str) {
    let flag = format!("--min-significance={text}");
    let parsed = parse(&["redliner", "compare", "a", "b", &flag], None);
    let expected = text.parse::<f64>().ok().filter(|x| (0.0..=1.0).contains(x));
    match (parsed, expected) {
        (Some(debug), Some(x)) => assert_field(&debug, "min_significance", x),
        (None, None) => {}
        (parsed, expected) => {
            panic!("--min-significance={text:?}: parsed {parsed:?}, expected {expected:?}")
        }
    }
}

fn check_timeout(text: &str, source: Source) {
    let parsed = match source {
        Source::Environment => parse(&["redliner", "add", "t", "f"], Some(("REDLINER_TIMEOUT", text))),
        _ => {
            let flag = format!("--timeout={text}");
            parse(&["redliner", "add", "t", "f", &flag], None)
        }
    };
    let expected = text
        .parse::<f64>()
        .ok()
        .filter(|s| (0.001..=86_400.0).contains(s))
        .map(Duration::from_secs_f64);
    match (parsed, expected) {
        (Some(debug), Some(d)) => {
            assert_field(&debug, "timeout", d);
            assert!(d >= Duration::from_millis(1) && d <= Duration::from_secs(86_400));
            // The whole fetch is bounded by 4 times it: no overflow.
            assert!(d.checked_mul(4).is_some());
        }
        // An empty variable is unset: the default.
        (Some(debug), None) if matches!(source, Source::Environment) && text.is_empty() => {
            assert_field(&debug, "timeout", Duration::from_secs(30));
        }
        (None, None) => {}
        (parsed, expected) => panic!("timeout {text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
}

fn check_key_shifts(text: &str) {
    let flag = format!("--key-shifts={text}");
    let parsed = parse(&["redliner", "digest", "t", &flag], None);
    match (parsed, text.parse::<usize>().ok()) {
        (Some(debug), Some(n)) => assert_field(&debug, "key_shifts", Some(n)),
        (None, None) => {}
        (parsed, expected) => panic!("--key-shifts={text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
}

fn check_columns(text: &str) {
    // SAFETY: as in `parse`.
    unsafe { std::env::set_var("COLUMNS", text) };
    let env = Environment::capture();
    unsafe { std::env::remove_var("COLUMNS") };
    let expected = Some(text.trim()).filter(|t| !t.is_empty() && !text.is_empty()).and_then(|t| t.parse::<usize>().ok());
    assert_eq!(env.columns, expected, "COLUMNS={text:?}");
    let used = width(None, &env);
    match expected {
        Some(n) => assert_eq!(used, Some(n.clamp(20, MAX_WIDTH))),
        None => assert!(used.is_none_or(|w| (20..=MAX_WIDTH).contains(&w))),
    }
}
