//! Criterion benchmarks of the library stages on generated statement pairs
//! (`benches/support/corpus.rs`): segment, prepare (segment + fold), align,
//! redline, signals (the whole compare minus alignment), and render.
//!
//! cargo bench --bench pipeline

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use redliner::align::{Side, align};
use redliner::compare::{CompareOptions, Prepared, compare_prepared};
use redliner::redline::word_edits;
use redliner::render::terminal::{Ink, Layout, ViewOptions, render};
use redliner::segment::segment;
use redliner::statement::Statement;

const SIZES: &[(&str, usize)] = &[("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)];

fn statements(bytes: usize, variant: corpus::Variant) -> (Statement, Statement) {
    let (old, new) = corpus::pair(bytes, variant, bytes as u64);
    (
        Statement::parse("old.md", old.as_bytes()).unwrap(),
        Statement::parse("new.md", new.as_bytes()).unwrap(),
    )
}

fn stages(c: &mut Criterion) {
    let options = CompareOptions::default();
    for &(name, bytes) in SIZES {
        let (old, new) = statements(bytes, corpus::Variant::Normal);
        let mut group = c.benchmark_group(format!("normal-{name}"));
        group.throughput(Throughput::Bytes((old.text.len() + new.text.len()) as u64));
        group.sample_size(if bytes >= 1_000_000 { 10 } else { 30 });

        group.bench_function("segment", |b| {
            b.iter(|| (segment(old.body()), segment(new.body())))
        });
        group.bench_function("prepare", |b| {
            b.iter(|| {
                (
                    Prepared::new(old.clone(), &options),
                    Prepared::new(new.clone(), &options),
                )
            })
        });
        let (p_old, p_new) = (
            Prepared::new(old.clone(), &options),
            Prepared::new(new.clone(), &options),
        );
        let (k_old, k_new) = (p_old.keys(), p_new.keys());
        let (para_old, para_new) = (p_old.sentence_paragraphs(), p_new.sentence_paragraphs());
        group.bench_function("align", |b| {
            b.iter(|| {
                align(
                    &Side {
                        keys: &k_old,
                        paragraphs: &para_old,
                    },
                    &Side {
                        keys: &k_new,
                        paragraphs: &para_new,
                    },
                )
            })
        });
        group.bench_function("compare_prepared", |b| {
            b.iter(|| compare_prepared(&p_old, &p_new, &options))
        });
        let report = compare_prepared(&p_old, &p_new, &options);
        // The writer `compare --format json` uses.
        group.bench_function("render_json", |b| {
            b.iter(|| redliner::render::write_report_json(&mut std::io::sink(), &report))
        });
        let view = ViewOptions {
            layout: Layout::Inline,
            context: Some(1),
            width: Some(100),
            min_significance: 0.0,
            ink: Ink::Color,
        };
        group.bench_function("render_terminal", |b| b.iter(|| render(&report, &view)));
        group.finish();
    }
}

fn redlines(c: &mut Criterion) {
    let pairs = [
        (
            "short",
            "The Committee will keep the target range at 4-1/4 to 4-1/2 percent.",
            "The Committee decided to lower the target range to 4 to 4-1/4 percent.",
        ),
        (
            "long",
            "Delegations of the Republic of Veloria and the Carran Federation met in Geneva on Friday for a third round of direct talks under the auspices of the U.N. Office of the Special Envoy, and agreed to continue.",
            "Delegations of the Republic of Veloria and the Carran Federation met in Geneva on Wednesday for a fourth round of talks under the auspices of the Office of the Special Envoy, and did not agree to continue.",
        ),
    ];
    let mut group = c.benchmark_group("redline");
    for (name, old, new) in pairs {
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            &(old, new),
            |b, (o, n)| b.iter(|| word_edits(o, n)),
        );
    }
    group.finish();
}

criterion_group!(benches, stages, redlines);
criterion_main!(benches);
