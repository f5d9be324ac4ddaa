//! Writes the benchmark corpus: `OUT/<size>-<variant>/{old,new}.md` for sizes
//! 10k, 100k, 1m and 10m in the variants normal, reflow and heavy, for 1m and
//! 10m also in the adversarial variants unrelated and repetitive, and
//! `OUT/thread/` with 1,000 statements of about 5 KB, each an edit of the last.
//!
//! cargo run --release --example make_corpus -- target/corpus

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::Path;

use corpus::{Variant, pair};

const SIZES: &[(&str, usize)] = &[
    ("10k", 10_000),
    ("100k", 100_000),
    ("1m", 1_000_000),
    ("10m", 10_000_000),
];

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/corpus".into());
    let out = Path::new(&out);
    for &(name, bytes) in SIZES {
        let adversarial: &[Variant] = if bytes >= 1_000_000 {
            &Variant::ADVERSARIAL
        } else {
            &[]
        };
        for &variant in Variant::ALL.iter().chain(adversarial) {
            let dir = out.join(format!("{name}-{}", variant.name()));
            std::fs::create_dir_all(&dir)?;
            let (old, new) = pair(bytes, variant, bytes as u64);
            std::fs::write(dir.join("old.md"), old)?;
            std::fs::write(dir.join("new.md"), new)?;
        }
    }
    write_thread(&out.join("thread"), 1_000, 5_000)
}

/// `count` statements, each the previous one with the normal variant's edits.
fn write_thread(dir: &Path, count: usize, bytes: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (i, text) in corpus::thread(count, bytes, 7).into_iter().enumerate() {
        let date = day(i);
        let front = format!(
            "---\ntitle: Statement {}\nsource: Generated\ndate: {date}\n---\n\n",
            i + 1
        );
        std::fs::write(dir.join(format!("{date}.md")), format!("{front}{text}"))?;
    }
    Ok(())
}

fn day(n: usize) -> String {
    let mut days = n as i64;
    let (mut year, mut month) = (2020, 1);
    loop {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let len = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ][month - 1];
        if days < len {
            return format!("{year:04}-{month:02}-{:02}", days + 1);
        }
        days -= len;
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
}
