//! The `hankegraph` command: parse arguments, run, turn the result into an exit code.

use std::process::ExitCode;

mod cli;

/// The parser makes and drops many small strings on every thread: mimalloc serves them about a
/// seventh faster than the system allocator (docs/benchmarks.md, fourth round). It is built
/// without transparent huge pages (`no_thp` in Cargo.toml): a sixth faster on one core at
/// 100 000 cards, a third on two (fifth round).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// True when the error is only that the reader of our output went away (`| head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.to_string().contains("Broken pipe")
    })
}

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hankegraph: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
