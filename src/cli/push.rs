//! `hankegraph push` and the remote options `query --endpoint` shares with it.

use super::store_args::StoreArgs;
use anyhow::{bail, Context as _};
use clap::Args as ClapArgs;
use hankegraph::remote::{self, Auth, PushMode, PushOptions};
use std::process::ExitCode;
use std::time::Duration;

/// Credentials for a remote store.
#[derive(Debug, ClapArgs)]
pub struct RemoteAuth {
    /// User name for HTTP basic authentication at the remote store.
    #[arg(long, value_name = "USER", requires = "password_env")]
    user: Option<String>,
    /// The environment variable that holds the password (never given on the command line).
    #[arg(long, value_name = "VAR", requires = "user")]
    password_env: Option<String>,
}

impl RemoteAuth {
    /// The credentials, reading the password from its variable.
    pub fn auth(&self) -> anyhow::Result<Option<Auth>> {
        match (&self.user, &self.password_env) {
            (Some(user), Some(var)) => {
                let password = std::env::var(var)
                    .with_context(|| format!("reading the password from ${var}"))?;
                Ok(Some(Auth {
                    user: user.clone(),
                    password,
                }))
            }
            _ => Ok(None),
        }
    }
}

/// A blocking HTTP client for a remote store.
pub fn client(timeout: Duration) -> anyhow::Result<reqwest::blocking::Client> {
    let config = hankegraph::fetch::ClientConfig {
        timeout,
        ..Default::default()
    };
    hankegraph::fetch::client(&config).context("creating the HTTP client")
}

/// Arguments of `push`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// The remote SPARQL Update endpoint (e.g. http://localhost:7878/update); used to send
    /// the graphs when --graph-store is not given.
    #[arg(long, value_name = "URL", required_unless_present = "graph_store")]
    endpoint: Option<String>,
    /// The remote Graph Store Protocol URL (e.g. http://localhost:7878/store): each named
    /// graph is sent by PUT, which replaces it, so pushing again does not duplicate.
    #[arg(long, value_name = "URL")]
    graph_store: Option<String>,
    #[command(flatten)]
    auth: RemoteAuth,
    /// Triples per request at most.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    batch: usize,
    /// Retries of a request after a transient failure (timeout, connection, HTTP 5xx).
    #[arg(long, default_value_t = 3, value_name = "N")]
    retries: u32,
    /// Time limit of one request, in seconds.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    timeout: u64,
}

/// Runs `push`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mode = match (&args.graph_store, &args.endpoint) {
        (Some(gsp), _) => PushMode::GraphStore(remote::http_url(gsp)?),
        (None, Some(endpoint)) => PushMode::Update(remote::http_url(endpoint)?),
        (None, None) => bail!("give --graph-store URL or --endpoint URL"),
    };
    let store = args.store.open()?;
    let options = PushOptions {
        batch: args.batch,
        retries: args.retries,
        auth: args.auth.auth()?,
        ..PushOptions::default()
    };
    let http = client(Duration::from_secs(args.timeout.max(1)))?;
    let summary =
        remote::push(&store, &http, &mode, &options, |_, _| {}).context("pushing the graphs")?;
    let target = match &mode {
        PushMode::GraphStore(u) => format!("{u} (Graph Store Protocol, PUT per graph)"),
        PushMode::Update(u) => format!("{u} (SPARQL Update)"),
    };
    println!(
        "pushed {} graphs, {} triples in {} requests ({} retries, {:.1} MB) to {target} in {:.1} s",
        summary.graphs,
        summary.triples,
        summary.requests,
        summary.retries,
        summary.bytes as f64 / 1e6,
        summary.elapsed.as_secs_f64()
    );
    for (graph, why) in &summary.failed {
        eprintln!("hankegraph: graph {graph} not pushed: {why}");
    }
    if summary.failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{} graphs failed", summary.failed.len());
        Ok(ExitCode::from(1))
    }
}
