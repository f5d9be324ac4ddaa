//! redliner: sentence-level redlines for official statements.
//!
//! Data flows one way; each stage is a module with one job:
//!
//! ```text
//! bytes ─statement─▶ Statement ─segment─▶ sentences ─reading, fold─▶ keys ─align─▶ groups
//!        (front matter,   (byte spans,       (Markdown read,         (similar on keys,
//!         byte offsets)    lossless)          typography folded:      pairs, moves)
//!                                             neither is change)          │
//!                                        redline (word edits) ◀───────────┘
//!                                                   │
//!                       signals (modality, negation, figures, quotes, actors,
//!                                time frames; significance 0..1)
//!                                                   │
//!                              compare ──▶ Report (serde, schema_version)
//!                                                   │
//!                       digest ──▶ Digest (the Reports of a thread's rounds)
//!                                                   │
//!          render: plain / JSON / templates (renderers see only a Report or a Digest)
//! ```
//!
//!
//! Around the pipeline: `store` keeps threads of statements on disk; `extract`
//! takes the statement out of a web page and `fetch` gets one over HTTP; `history`
//! builds a thread's log and blame from the reports of neighbouring statements.
//!
//! [`compare::compare`] runs the whole pipeline for one pair of statements;
//! [`digest::Digest::new`] runs it over the consecutive statements of a thread.

pub mod align;
pub mod cli;
pub mod compare;
pub mod config;
pub mod console;
pub mod decode;
pub mod digest;
pub mod extract;
pub mod fetch;
pub mod fold;
pub mod history;
pub mod input;
pub mod output;
pub mod parallel;
pub mod progress;
pub mod reading;
pub mod redline;
pub mod render;
pub mod repair;
pub mod report;
pub mod routine;
pub mod segment;
pub mod signals;
pub mod statement;
pub mod store;
pub mod visible;
