//! `hankegraph enrich`: official facts from the project register, one page per project.

use super::store_args::StoreArgs;
use anyhow::{bail, Context as _};
use clap::Args as ClapArgs;
use hankegraph::fetch::{Cache, FetchConfig, Fetcher};
use hankegraph::rdf::{normalise_code, RegisterFetch};
use hankegraph::read::{decode, Encoding};
use hankegraph::register::{page_url, parse_page, DEFAULT_BASE_URL};
use hankegraph::store::{GraphStore, RegisterOutcome};
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `enrich`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Project codes to enrich (e.g. S20877).
    #[arg(
        value_name = "CODE",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    codes: Vec<String>,
    /// Enrich every project the store knows, including those only mentioned in documents.
    #[arg(long)]
    all: bool,
    /// The register, or a mirror of it: pages are `{URL}projekti.php?projektikoodi={CODE}`.
    #[arg(long, value_name = "URL", env = "HANKEGRAPH_REGISTER_URL", default_value = DEFAULT_BASE_URL)]
    base_url: String,
    /// Where fetched pages are kept, keyed by URL; default `hankegraph-cache/` beside the store.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Network requests per second at most (retries included).
    #[arg(long, value_name = "N", default_value_t = 1.0)]
    rate: f64,
    /// Use only the cache: fetch nothing.
    #[arg(long)]
    offline: bool,
    /// Seconds before a request is given up and retried.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Further attempts after a server error or a timeout.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Milliseconds to wait before the first retry (doubled for each further one).
    #[arg(long, value_name = "MS", default_value_t = 2000)]
    backoff_ms: u64,
}

/// What happened to one code.
enum Status {
    Done {
        cached: bool,
        attempts: u32,
        outcome: RegisterOutcome,
        url: String,
        warnings: usize,
    },
    NotFound {
        cached: bool,
        url: String,
        why: &'static str,
    },
    Failed(String),
}

/// Runs `enrich`: fetches, parses and stores each page in turn; a page that fails is reported
/// and the others go on.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    if !(args.base_url.starts_with("http://") || args.base_url.starts_with("https://")) {
        bail!(
            "--base-url must be an http:// or https:// URL, not {:?}",
            args.base_url
        );
    }
    let store = args.store.open()?;
    let mut results: Vec<(String, Status)> = Vec::new();
    let codes: Vec<String> = if args.all {
        store.project_codes().context("listing the projects")?
    } else {
        let mut v = Vec::new();
        for raw in &args.codes {
            match normalise_code(raw) {
                Some(c) if !v.contains(&c) => v.push(c),
                Some(_) => {}
                None => results.push((raw.clone(), Status::Failed("not a project code".into()))),
            }
        }
        v
    };
    let cache_dir = args.cache.clone().unwrap_or_else(|| {
        args.store
            .store
            .parent()
            .map_or_else(PathBuf::new, PathBuf::from)
            .join("hankegraph-cache")
    });
    let config = FetchConfig {
        timeout: Duration::from_secs_f64(args.timeout),
        retries: args.retries,
        backoff: Duration::from_millis(args.backoff_ms),
        rate_per_second: args.rate,
        offline: args.offline,
        ..FetchConfig::default()
    };
    let mut fetcher = Fetcher::new(config, Cache::new(&cache_dir), is_loopback(&args.base_url))
        .context("setting up the HTTP client")?;
    let progress = std::io::stderr().is_terminal() && codes.len() > 1;
    for (n, code) in codes.iter().enumerate() {
        if progress {
            eprint!("\r\x1b[Kenrich [{}/{}] {code}", n + 1, codes.len());
        }
        let status = enrich_one(&store, &mut fetcher, &args.base_url, code);
        results.push((code.clone(), status));
    }
    if progress {
        eprintln!();
    }
    Ok(report(&results, &cache_dir))
}

fn enrich_one(store: &GraphStore, fetcher: &mut Fetcher, base: &str, code: &str) -> Status {
    let url = page_url(base, code);
    let fetched = match fetcher.fetch(&url) {
        Ok(f) => f,
        Err(e) => return Status::Failed(e.to_string()),
    };
    let cached = fetched.from_cache;
    if fetched.is_not_found() {
        return Status::NotFound {
            cached,
            url,
            why: "the register has no such page",
        };
    }
    let decoded = decode(&fetched.body);
    if decoded.binary {
        return Status::Failed("the page is not text".into());
    }
    let page = parse_page(&decoded.text);
    if page.is_empty() {
        return Status::NotFound {
            cached,
            url,
            why: "the page states no project facts",
        };
    }
    if let Some(other) = page.code.as_deref().filter(|c| *c != code) {
        return Status::Failed(format!("the page is for {other}; nothing stored"));
    }
    let encoding_note = match (decoded.encoding, decoded.repaired_mojibake) {
        (Encoding::Utf8 | Encoding::Utf8Bom, false) => None,
        (e, false) => Some(format!(
            "encoding: the page was read as {e}, not as the UTF-8 it should be"
        )),
        (_, true) => Some("encoding: UTF-8 decoded once as Windows-1252, repaired".to_owned()),
    };
    let fetch = RegisterFetch {
        url: url.clone(),
        retrieved_at: fetched.entry.fetched_at.clone(),
        body_sha256: fetched.entry.sha256.clone(),
        encoding_note: encoding_note.clone(),
    };
    match store.write_register_page(code, &page, &fetch) {
        Ok(Some(outcome)) => Status::Done {
            cached,
            attempts: fetched.attempts,
            outcome,
            url,
            warnings: page.warnings.len() + usize::from(encoding_note.is_some()),
        },
        Ok(None) => Status::Failed("not a project code".into()),
        Err(e) => Status::Failed(format!("storing: {e}")),
    }
}

/// True when the URL's host is this machine (then the system proxy is not used).
fn is_loopback(url: &str) -> bool {
    let Some(rest) = url.split_once("://").map(|(_, r)| r) else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")
}

/// Prints one line per code and the totals; the exit code is 1 when a page failed.
fn report(results: &[(String, Status)], cache_dir: &std::path::Path) -> ExitCode {
    let (mut fetched, mut cached, mut not_found, mut failed) = (0, 0, 0, 0);
    let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
    for (code, status) in results {
        let line = match status {
            Status::Done {
                cached: from_cache,
                attempts,
                outcome,
                url,
                warnings,
            } => {
                let how = if *from_cache {
                    cached += 1;
                    "cached".to_owned()
                } else {
                    fetched += 1;
                    if *attempts > 1 {
                        format!("fetched ({attempts} attempts)")
                    } else {
                        "fetched".to_owned()
                    }
                };
                let what = match outcome {
                    RegisterOutcome::Added { quads } => {
                        added += 1;
                        format!("added, {quads} quads")
                    }
                    RegisterOutcome::Replaced { quads } => {
                        replaced += 1;
                        format!("replaced, {quads} quads")
                    }
                    RegisterOutcome::Unchanged => {
                        unchanged += 1;
                        "unchanged".to_owned()
                    }
                };
                let warn = match warnings {
                    0 => String::new(),
                    1 => "; 1 warning".to_owned(),
                    n => format!("; {n} warnings"),
                };
                format!("{how:<22} {what}{warn}  {url}")
            }
            Status::NotFound {
                cached: from_cache,
                url,
                why,
            } => {
                not_found += 1;
                let how = if *from_cache {
                    "not found (cached)"
                } else {
                    "not found"
                };
                format!("{how:<22} {why}  {url}")
            }
            Status::Failed(why) => {
                failed += 1;
                format!("{:<22} {why}", "failed")
            }
        };
        println!("{code:<7} {line}");
    }
    println!(
        "enrich: {} projects: {fetched} fetched, {cached} cached, {not_found} not found, {failed} failed; register graphs: {added} added, {replaced} replaced, {unchanged} unchanged; cache {}",
        results.len(),
        cache_dir.display()
    );
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
