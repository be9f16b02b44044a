//! The HTTP pieces every fetch shares: a client whose redirects stay on http(s) and stop after
//! a bound, a body read that stops at a size limit, and an error printed with its causes.

use std::io::Read as _;
use std::time::{Duration, Instant};

/// The `User-Agent` hankegraph sends.
pub const USER_AGENT: &str = concat!(
    "hankegraph/",
    env!("CARGO_PKG_VERSION"),
    " (+https://w3id.org/hankegraph)"
);

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Whole-request timeout (connect, headers and body); also the connect timeout.
    pub timeout: Duration,
    /// Redirects followed at most; a redirect to anything but http(s) is always refused.
    pub max_redirects: usize,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Skip the system proxy settings (for a server on this machine).
    pub no_proxy: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            user_agent: USER_AGENT.to_owned(),
            no_proxy: false,
        }
    }
}

/// A blocking client with the timeout, the redirect bound and the scheme check of `config`.
pub fn client(config: &ClientConfig) -> Result<reqwest::blocking::Client, reqwest::Error> {
    let max = config.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            attempt.error(format!("more than {max} redirects"))
        } else if !matches!(attempt.url().scheme(), "http" | "https") {
            let to = attempt.url().to_string();
            attempt.error(format!("refused redirect to {to}: only http and https"))
        } else {
            attempt.follow()
        }
    });
    let mut builder = reqwest::blocking::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.timeout)
        .redirect(policy)
        .user_agent(config.user_agent.clone());
    if config.no_proxy {
        builder = builder.no_proxy();
    }
    builder.build()
}

/// Why a body could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    /// The body (announced or sent) is larger than the limit.
    #[error("body larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The body did not arrive whole within the time limit.
    #[error("timed out while reading the body")]
    TimedOut,
    /// The connection failed or timed out while reading, or the body was shorter than its
    /// announced length.
    #[error("reading the body: {0}")]
    Read(#[source] std::io::Error),
}

/// Reads the body of `response`, refusing it as soon as it passes `limit` bytes: a
/// `Content-Length` over the limit is refused before reading, an endless body after
/// `limit + 1` bytes. The whole body must have arrived by `deadline`: the blocking client's
/// timeout bounds each read, not their sum, and a server trickling a byte at a time would
/// otherwise never time out.
pub fn read_body(
    response: reqwest::blocking::Response,
    limit: u64,
    deadline: Instant,
) -> Result<Vec<u8>, BodyError> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut body = Vec::new();
    let mut reader = response.take(limit.saturating_add(1));
    let mut buf = [0u8; 16 * 1024];
    loop {
        if Instant::now() > deadline {
            return Err(BodyError::TimedOut);
        }
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(BodyError::Read(e)),
        }
    }
    if body.len() as u64 > limit {
        return Err(BodyError::TooLarge { limit });
    }
    Ok(body)
}

/// An error with its causes, `a: b: c`, leaving out a cause its parent already quotes.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out
}
