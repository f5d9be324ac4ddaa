//! Helpers shared by the integration tests that run the real binary.

// Each test file uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Variables that change what redliner does, besides every `REDLINER_*` one:
/// none of them may leak from the shell that runs the tests.
const OUTSIDE_ENV: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "PAGER",
    "LESS",
    "LV",
    "TERM",
];

/// The one way tests run the binary: in the repository root, with every
/// variable that redliner reads removed, so a contributor's own settings
/// (`REDLINER_TEMPLATES`, `COLUMNS`, `NO_COLOR`, …) cannot change a result.
/// Tests set what they need on the returned command.
pub fn command() -> Command {
    let mut command = isolated(env!("CARGO_BIN_EXE_redliner"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Another program (a shell, git) that runs redliner in turn, with the same
/// variables removed.
pub fn isolated(program: &str) -> Command {
    let mut command = Command::new(program);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("REDLINER_") {
            command.env_remove(name);
        }
    }
    for name in OUTSIDE_ENV {
        command.env_remove(name);
    }
    command
}

/// Runs redliner (see [`command`]) with these arguments.
pub fn redliner(args: &[&str]) -> Output {
    command().args(args).output().expect("the binary runs")
}

/// Runs redliner with these variables set and `stdin` as standard input.
pub fn redliner_with(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command()
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Fed from a thread of its own, so that a large input cannot deadlock
    // against a full output pipe; a command may exit before reading it all
    // (an error, a refused size), which is no failure here.
    let mut pipe = child.stdin.take().expect("piped");
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("the binary runs");
    feeder.join().expect("the feeder does not panic");
    out
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes a file (and its folders) under `dir`; returns its path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

/// Asserts the exit status, showing what the program printed when it differs.
#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// Asserts a failure the user is told about: exit status 2 and an error naming
/// `needle`, showing what the program printed when either differs.
#[track_caller]
pub fn assert_error(output: &Output, needle: &str) {
    assert_exit(output, 2);
    assert!(
        stderr(output).contains(needle),
        "expected {needle:?} in stderr:\n{}",
        stderr(output)
    );
}

pub mod eval;
pub mod units;
