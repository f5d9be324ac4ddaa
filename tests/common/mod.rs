//! Helpers shared by the integration tests that run the real binary.

// Each test file uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs redliner in the repository root, with no store from the environment.
pub fn redliner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redliner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("REDLINER_STORE")
        .output()
        .expect("the binary runs")
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
