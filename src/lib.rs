#![warn(missing_docs)]
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
//! # The contract
//!
//! [`compare()`] runs the whole pipeline for one pair of [`Statement`]s and
//! returns a [`Report`], the only thing renderers see; [`Digest::new`] runs it
//! over the consecutive statements of a thread. [`CompareOptions`] say what
//! counts as a change. The JSON layout of both is documented in `docs/report.md`.
//!
//! ```
//! use redliner::{compare, CompareOptions, Statement};
//! use redliner::report::{ChangeKind, SignalKind};
//!
//! let old = Statement::parse("old.md", b"The envoy will return on Friday.")?;
//! let new = Statement::parse("new.md", b"The envoy may return on Monday.")?;
//! let report = compare(old, new, &CompareOptions::default());
//!
//! let change = &report.changes[0];
//! assert_eq!(change.kind, ChangeKind::Revised);
//! let kinds: Vec<SignalKind> = change.signals.iter().map(|s| s.kind).collect();
//! assert!(kinds.contains(&SignalKind::Modality)); // will → may: softened
//! assert!(kinds.contains(&SignalKind::Date)); // Friday → Monday
//! # Ok::<(), redliner::Error>(())
//! ```

pub mod align;
pub mod compare;
pub mod config;
pub mod decode;
pub mod digest;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod fold;
pub mod history;
pub mod input;
pub(crate) mod parallel;
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

pub use compare::{CompareOptions, compare};
pub use digest::{Digest, DigestOptions};
pub use error::{Error, ErrorKind};
pub use report::Report;
pub use statement::Statement;
