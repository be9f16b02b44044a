//! `hankegraph serve`.

use super::store_args::StoreArgs;
use anyhow::Context as _;
use clap::Args as ClapArgs;
use hankegraph::server::{App, Config, Server};
use hankegraph::store::Limits;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `serve`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Address to listen on. The default is the loopback interface only; give 0.0.0.0:7878 to
    /// serve other machines. Port 0 picks a free port (the address is printed).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: String,
    /// Accept SPARQL Update requests (by default the endpoint is read-only and refuses them).
    #[arg(long)]
    allow_update: bool,
    /// Stop a query after this many seconds (0: no limit).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
    /// Refuse a query that gives more result rows or triples than this (0: no limit).
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    max_results: usize,
    /// Refuse a request whose body (a query or an update sent by POST, a form) is larger than
    /// this many bytes, with 413, before reading it.
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    max_body: usize,
    /// Worker threads answering requests.
    #[arg(long, default_value_t = 4, value_name = "N")]
    threads: usize,
}

/// Runs `serve` until the process is stopped.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let store = args.store.open()?;
    let config = Config {
        allow_update: args.allow_update,
        limits: Limits {
            timeout: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
            max_results: (args.max_results > 0).then_some(args.max_results),
        },
        max_body: args.max_body,
        threads: args.threads,
    };
    let server =
        Server::bind(&args.bind, App::new(store, config)).context("starting the server")?;
    let addr = server.addr();
    // the first line of stdout is the address, for scripts and tests that bind port 0
    println!("listening on http://{addr}/ (SPARQL endpoint http://{addr}/sparql)");
    std::io::stdout().flush()?;
    if !addr.ip().is_loopback() {
        eprintln!("hankegraph: serving {addr}, which other machines can reach");
    }
    server.run();
    Ok(ExitCode::SUCCESS)
}
