//! The `redliner` command: the command line over the library. Only the binary
//! knows about flags, the terminal, pagers, progress and output files.

mod cli;
mod console;
mod output;
mod progress;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
