//! Configuration precedence, lowest first: built-in defaults → `redliner.toml`
//! → `REDLINER_*` environment variables → flags.

mod common;
use common::stdout;

use std::path::Path;
use std::process::Output;

/// Runs the binary in `dir` (no configuration above it matters: the store's wins).
fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    common::command()
        .current_dir(dir)
        .args(["--store", dir.to_str().unwrap()])
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// Nine sentences, the fifth revised: context N leaves 4 − N unchanged
/// sentences folded on each side of the change.
fn nine_sentences(dir: &Path) {
    let sentences: Vec<String> = (1..=9)
        .map(|i| format!("Point number {i} stands as agreed."))
        .collect();
    std::fs::write(dir.join("old.md"), sentences.join(" ")).unwrap();
    let mut new = sentences.clone();
    new[4] = "Point number 5 was withdrawn by both sides.".into();
    std::fs::write(dir.join("new.md"), new.join(" ")).unwrap();
}

fn folded(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|l| l.contains('⋯'))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn context_flag_over_environment_over_file() {
    let dir = tempfile::tempdir().unwrap();
    nine_sentences(dir.path());
    let compare = ["compare", "old.md", "new.md"];
    assert_eq!(
        folded(&run(dir.path(), &[], &compare)),
        ["⋯ 3 unchanged sentences"; 2]
    );

    std::fs::write(
        dir.path().join("redliner.toml"),
        "[terminal]\ncontext = 3\n",
    )
    .unwrap();
    assert_eq!(
        folded(&run(dir.path(), &[], &compare)),
        ["⋯ 1 unchanged sentence"; 2]
    );

    let env = [("REDLINER_CONTEXT", "2")];
    assert_eq!(
        folded(&run(dir.path(), &env, &compare)),
        ["⋯ 2 unchanged sentences"; 2]
    );

    let flag = [&compare[..], &["--context", "0"]].concat();
    assert_eq!(
        folded(&run(dir.path(), &env, &flag)),
        ["⋯ 4 unchanged sentences"; 2]
    );
}

#[test]
fn color_flag_over_environment_over_file() {
    let dir = tempfile::tempdir().unwrap();
    nine_sentences(dir.path());
    let compare = ["compare", "old.md", "new.md"];
    let colored = |out: &Output| stdout(out).contains('\x1b');
    // Default: a pipe gets no color.
    assert!(!colored(&run(dir.path(), &[], &compare)));
    std::fs::write(
        dir.path().join("redliner.toml"),
        "[terminal]\ncolor = \"always\"\n",
    )
    .unwrap();
    assert!(colored(&run(dir.path(), &[], &compare)));
    let never = [("REDLINER_COLOR", "never")];
    assert!(!colored(&run(dir.path(), &never, &compare)));
    let flag = [&compare[..], &["--color", "always"]].concat();
    assert!(colored(&run(dir.path(), &never, &flag)));
}

#[test]
fn ignore_patterns_from_the_file_and_flags_add_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.md"),
        "PARIS, March 2. The talks resumed. For release.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.md"),
        "ROME, March 9. The talks resumed. For immediate release.",
    )
    .unwrap();
    let compare = ["compare", "old.md", "new.md", "--format", "json"];
    let changed = |out: &Output| {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["stats"]["revised"].as_u64().unwrap() + report["stats"]["added"].as_u64().unwrap()
    };
    assert_eq!(changed(&run(dir.path(), &[], &compare)), 2);
    std::fs::write(
        dir.path().join("redliner.toml"),
        "[compare]\nignore = ['^[A-Z]+, March']\n",
    )
    .unwrap();
    assert_eq!(changed(&run(dir.path(), &[], &compare)), 1);
    let both = [&compare[..], &["--ignore", "(?i)release"]].concat();
    let out = run(dir.path(), &[], &both);
    assert_eq!(changed(&out), 0);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn signal_words_flag_file_over_environment_over_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.md"),
        "The ministry will publish the figures.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.md"),
        "The ministry is keen to publish the figures.",
    )
    .unwrap();
    let compare = ["compare", "old.md", "new.md", "--format", "json"];
    let modality = |out: &Output| {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["changes"][0]["signals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "modality")
    };
    assert!(!modality(&run(dir.path(), &[], &compare)));
    std::fs::write(
        dir.path().join("redliner.toml"),
        "[signals.modality]\nweak_extra = [\"keen to\"]\n",
    )
    .unwrap();
    assert!(modality(&run(dir.path(), &[], &compare)));
    let remove = dir.path().join("remove.toml");
    std::fs::write(&remove, "[modality]\nweak_remove = [\"keen to\"]\n").unwrap();
    let env = [("REDLINER_SIGNALS_CONFIG", remove.to_str().unwrap())];
    assert!(!modality(&run(dir.path(), &env, &compare)));
    let add = dir.path().join("add.toml");
    std::fs::write(&add, "[modality]\nweak_extra = [\"keen to\"]\n").unwrap();
    let flag = [&compare[..], &["--signals-config", add.to_str().unwrap()]].concat();
    assert!(modality(&run(dir.path(), &env, &flag)));
}

#[test]
fn default_template_flag_over_environment_over_file() {
    let dir = tempfile::tempdir().unwrap();
    let thread = dir.path().join("t");
    std::fs::create_dir(&thread).unwrap();
    std::fs::write(thread.join("2026-01-01.md"), "The talks began.").unwrap();
    std::fs::write(thread.join("2026-01-02.md"), "The talks resumed.").unwrap();
    for (folder, word) in [("from-file", "FILE"), ("from-env", "ENV")] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join("brief.md.j2"),
            format!("{word} {{{{ thread }}}}\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("redliner.toml"),
        "[reports]\ntemplates = \"from-file\"\ntemplate = \"brief.md\"\n",
    )
    .unwrap();
    let digest = ["digest", "t"];
    assert_eq!(stdout(&run(dir.path(), &[], &digest)), "FILE t\n");
    let env_dir = dir.path().join("from-env");
    let env = [("REDLINER_TEMPLATES", env_dir.to_str().unwrap())];
    assert_eq!(stdout(&run(dir.path(), &env, &digest)), "ENV t\n");
    let flag = [&digest[..], &["--template", "builtin/digest.md"]].concat();
    assert!(stdout(&run(dir.path(), &env, &flag)).starts_with("# Digest: t"));
}
