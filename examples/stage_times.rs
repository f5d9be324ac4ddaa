//! Wall time of each stage of `compare --format json` on one pair, in this
//! process, best of RUNS: where a long comparison spends its time. (The command
//! line adds process start-up and first-touch page faults on top.)
//!
//! cargo run --release --example stage_times -- OLD NEW [RUNS]
//!
//! `REDLINER_NO_REPAIR=1` reads without the mojibake repair (to time what it costs).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use redliner::compare::{CompareOptions, Prepared, compare_prepared, prepare_all};
use redliner::statement::{ReadOptions, Statement};

const STAGES: [&str; 4] = ["read", "prepare", "compare", "json"];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (old, new, runs) = match &args[..] {
        [old, new] => (old, new, 10),
        [old, new, runs] => (old, new, runs.parse().context("RUNS is a number")?),
        _ => bail!("usage: stage_times OLD NEW [RUNS]"),
    };
    let options = CompareOptions::default();
    let read_options = ReadOptions {
        repair: std::env::var_os("REDLINER_NO_REPAIR").is_none(),
        ..ReadOptions::default()
    };
    let read = |path: &str| Statement::read(Path::new(path), &read_options);
    let mut best = [Duration::MAX; STAGES.len()];
    for _ in 0..runs {
        let mut times = [Duration::ZERO; STAGES.len()];
        let mut clock = Instant::now();
        let mut lap = |stage: usize| {
            times[stage] = clock.elapsed();
            clock = Instant::now();
        };
        let (a, b) = (read(old)?, read(new)?);
        lap(0);
        // Both sides at once, as `compare` prepares them.
        let [a, b]: [Prepared; 2] = prepare_all(vec![a, b], &options)
            .try_into()
            .expect("two statements make two prepared ones");
        lap(1);
        let report = compare_prepared(&a, &b, &options);
        lap(2);
        redliner::render::write_report_json(&mut std::io::sink(), &report)?;
        lap(3);
        for (best, time) in best.iter_mut().zip(times) {
            *best = (*best).min(time);
        }
    }
    for (stage, time) in STAGES.iter().zip(best) {
        println!("{stage:>8} {:>8.2} ms", time.as_secs_f64() * 1000.0);
    }
    let total: Duration = best.iter().sum();
    println!("{:>8} {:>8.2} ms", "total", total.as_secs_f64() * 1000.0);
    Ok(())
}
