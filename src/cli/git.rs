//! `redliner git-diff`: redliner as git's external diff driver.
//!
//! Git runs the driver as `CMD PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
//! NEW-MODE` (two more arguments for a rename) and treats a non-zero exit as a
//! failure of the whole `git diff`. So this command always exits 0 once it has
//! its arguments: a file that is not a statement gets a one-line note in the
//! diff instead of an error.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::MatchArgs;
use crate::console::{self, ColorChoice, Environment};
use redliner::compare::compare;
use redliner::config::Config;
use redliner::render::terminal::{self, Ink, Layout, ViewOptions};
use redliner::statement::{ReadOptions, Statement};
use redliner::store::Store;
use redliner::visible::visible_name;

#[derive(Debug, clap::Args)]
pub struct GitDiffArgs {
    /// The path in the repository.
    path: String,
    /// The old version (`/dev/null` for a new file).
    old_file: String,
    old_hex: String,
    old_mode: String,
    /// The new version (`/dev/null` for a deleted file).
    new_file: String,
    new_hex: String,
    new_mode: String,
    /// For a rename: the new path and git's description of it.
    #[arg(num_args = 0..=2)]
    rename: Vec<String>,
    /// When to color [default: as `redliner.toml` says, else when stdout or
    /// git's pager is a terminal].
    #[arg(long, value_enum, value_name = "WHEN", env = "REDLINER_COLOR")]
    color: Option<ColorChoice>,
    /// Unchanged sentences shown around each change [default: 1].
    #[arg(long, value_name = "N", env = "REDLINER_CONTEXT")]
    context: Option<usize>,
    #[command(flatten)]
    matching: MatchArgs,
}

pub fn run_git_diff(
    store: &Store,
    read: &ReadOptions,
    args: GitDiffArgs,
    env: &Environment,
) -> Result<ExitCode> {
    let new_path = args.rename.first().unwrap_or(&args.path);
    let text = match diff(store, read, &args, env, new_path) {
        Ok(text) => text,
        Err(error) => format!("redliner: {}\n", visible_name(&format!("{error:#}"))),
    };
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn diff(
    store: &Store,
    read: &ReadOptions,
    args: &GitDiffArgs,
    env: &Environment,
    new_path: &str,
) -> Result<String> {
    let config = Config::discover(&store.root)?;
    // Git's temporary files mean nothing to the reader: name the repository paths.
    let old = side(&args.old_file, &format!("a/{}", args.path), read)?;
    let new = side(&args.new_file, &format!("b/{new_path}"), read)?;
    let report = compare(old, new, &super::compare_options(&args.matching, &config)?);
    // Git's pager is on our stdout: color as if it were the terminal.
    let env = Environment {
        stdout_is_terminal: env.stdout_is_terminal || env.git_pager_in_use,
        ..env.clone()
    };
    let color = args
        .color
        .or_else(|| super::color_from_config(&config))
        .unwrap_or_default();
    let options = ViewOptions {
        layout: Layout::Inline,
        context: Some(super::context_of(args.context, &config)),
        width: console::width(None, &env),
        min_significance: args.matching.min_significance,
        ink: if console::use_color(color, &env) {
            Ink::Color
        } else {
            Ink::Plain
        },
    };
    Ok(terminal::render(&report, &options))
}

/// One side of the diff, named `name`; `/dev/null` (a file added or deleted) is empty.
fn side(file: &str, name: &str, read: &ReadOptions) -> Result<Statement> {
    let bytes = if file == "/dev/null" {
        Vec::new()
    } else {
        redliner::input::read_file(Path::new(file), name, read.max_bytes)?
    };
    let mut statement = Statement::parse_with(name, bytes, read)?;
    if statement.meta.date.is_none() {
        statement.meta.date = redliner::statement::date_from_file_name(Path::new(name));
    }
    super::warn_about_encoding(&statement);
    Ok(statement)
}
