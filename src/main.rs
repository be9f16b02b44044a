//! The `hankegraph` command: parse arguments, run, turn the result into an exit code.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("hankegraph: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
