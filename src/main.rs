use std::process::ExitCode;

fn main() -> ExitCode {
    redliner::cli::main()
}
