//! `redliner completions` and `redliner man`: fitting into the shell.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Cli;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `redliner.1` and one page per command (`redliner-compare.1`, …)
    /// into DIR instead of printing `redliner.1`.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run_completions(args: CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "redliner", &mut script);
    super::print(&String::from_utf8_lossy(&script))
}

pub fn run_man(args: ManArgs) -> Result<()> {
    let command = Cli::command();
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
            clap_mangen::generate_to(command, &dir).with_context(|| dir.display().to_string())
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .context("rendering the manual page")?;
            super::print(&String::from_utf8_lossy(&page))
        }
    }
}
