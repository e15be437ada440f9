//! The `dateline` binary: parse the command line, run, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    dateline::heap::tune();
    let cli = dateline::cli::Cli::parse();
    match dateline::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dateline: {error:#}");
            if error
                .downcast_ref::<dateline::commands::UsageError>()
                .is_some()
            {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
