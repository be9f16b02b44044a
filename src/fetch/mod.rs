//! Polite and robust fetching of web pages: an on-disk cache keyed by URL, a rate limit,
//! timeouts, retries with exponential back-off on server errors and timeouts, a body size
//! limit, and only `http`/`https` (redirects included).
//!
//! [`Fetcher::fetch`] answers from the cache when it can (a second run fetches nothing), and
//! otherwise asks the network at most `rate` times a second. A page the server does not have
//! (404, 410) is an answer, cached like a page; a server error or a timeout is retried, and if
//! it persists it is an error for that URL only: the caller goes on with the next one.

mod cache;
mod http;

pub use cache::{Cache, CacheEntry};
pub use http::{client, error_chain, read_body, BodyError, ClientConfig, USER_AGENT};

use crate::parse::hex;
use crate::rdf::rfc3339_utc;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant, SystemTime};

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// Further attempts after a server error (5xx, 429), a timeout or a connection failure.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Network requests per second at most (retries included); 0 or less means no limit.
    pub rate_per_second: f64,
    /// Bodies larger than this are refused.
    pub max_body_bytes: u64,
    /// Use only the cache; never touch the network.
    pub offline: bool,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(2),
            rate_per_second: 1.0,
            max_body_bytes: 5 * 1024 * 1024,
            offline: false,
            user_agent: USER_AGENT.to_owned(),
        }
    }
}

/// A response worth keeping: a page or a definite "no such page".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// What is known of it (URL, status, fetch time, digest).
    pub entry: CacheEntry,
    /// The body bytes (empty for a missing page).
    pub body: Vec<u8>,
    /// True when it came from the cache.
    pub from_cache: bool,
    /// Network attempts made (0 from the cache).
    pub attempts: u32,
}

impl Fetched {
    /// True for 404 and 410.
    pub fn is_not_found(&self) -> bool {
        matches!(self.entry.status, 404 | 410)
    }
}

/// Why a URL could not be fetched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL is not `http` or `https`, or does not parse.
    #[error("refusing URL {url:?}: only http and https are fetched")]
    Scheme {
        /// The URL.
        url: String,
    },
    /// A redirect was refused: to another scheme than http(s), or one too many.
    #[error("refused redirect from {url}: {reason}")]
    Redirect {
        /// The URL asked for.
        url: String,
        /// Why (the redirect policy's message).
        reason: String,
    },
    /// `--offline` and the URL is not in the cache.
    #[error("not in the cache (offline)")]
    NotCached,
    /// The server kept failing or timing out.
    #[error("gave up after {attempts} attempt(s): {last}")]
    GaveUp {
        /// Attempts made.
        attempts: u32,
        /// The last failure.
        last: String,
    },
    /// A status that retrying cannot fix (e.g. 403).
    #[error("HTTP status {status}")]
    Status {
        /// The status code.
        status: u16,
    },
    /// The body exceeded the size limit.
    #[error("body larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(String),
    /// The cache could not be read or written.
    #[error("cache: {0}")]
    Cache(#[from] std::io::Error),
}

/// Waits so that calls to [`RateLimit::wait`] are at least `interval` apart.
#[derive(Debug)]
struct RateLimit {
    interval: Duration,
    last: Option<Instant>,
}

impl RateLimit {
    fn new(per_second: f64) -> Self {
        let interval = if per_second.is_finite() && per_second > 0.0 {
            Duration::from_secs_f64(1.0 / per_second)
        } else {
            Duration::ZERO
        };
        RateLimit {
            interval,
            last: None,
        }
    }

    fn wait(&mut self) {
        if let Some(last) = self.last {
            let next = last + self.interval;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        self.last = Some(Instant::now());
    }
}

/// One attempt's result.
enum Attempt {
    Done(u16, Option<String>, Vec<u8>),
    Retry(String),
    Fail(FetchError),
}

/// A fetcher with its cache, client and rate limit.
pub struct Fetcher {
    config: FetchConfig,
    cache: Cache,
    client: Option<reqwest::blocking::Client>,
    rate: RateLimit,
}

impl Fetcher {
    /// A fetcher. `no_proxy` skips the system proxy settings (for a server on this machine).
    pub fn new(config: FetchConfig, cache: Cache, no_proxy: bool) -> Result<Self, FetchError> {
        let client = if config.offline {
            None
        } else {
            let http = ClientConfig {
                timeout: config.timeout,
                max_redirects: 5,
                user_agent: config.user_agent.clone(),
                no_proxy,
            };
            Some(client(&http).map_err(|e| FetchError::Client(e.to_string()))?)
        };
        Ok(Fetcher {
            rate: RateLimit::new(config.rate_per_second),
            config,
            cache,
            client,
        })
    }

    /// The cache.
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// Fetches `url`: from the cache when it is there, else from the network (then cached).
    pub fn fetch(&mut self, url: &str) -> Result<Fetched, FetchError> {
        let scheme_ok = reqwest::Url::parse(url)
            .map(|u| matches!(u.scheme(), "http" | "https"))
            .unwrap_or(false);
        if !scheme_ok {
            return Err(FetchError::Scheme {
                url: url.to_owned(),
            });
        }
        if let Some((entry, body)) = self.cache.get(url)? {
            return Ok(Fetched {
                entry,
                body,
                from_cache: true,
                attempts: 0,
            });
        }
        let Some(client) = self.client.clone() else {
            return Err(FetchError::NotCached);
        };
        let mut attempts = 0;
        let mut wait = self.config.backoff;
        loop {
            attempts += 1;
            self.rate.wait();
            match self.attempt(&client, url) {
                Attempt::Done(status, content_type, body) => {
                    let entry = CacheEntry {
                        url: url.to_owned(),
                        status,
                        fetched_at: rfc3339_utc(SystemTime::now()),
                        content_type,
                        sha256: hex(&Sha256::digest(&body)),
                    };
                    self.cache.put(&entry, &body)?;
                    return Ok(Fetched {
                        entry,
                        body,
                        from_cache: false,
                        attempts,
                    });
                }
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry(why) => {
                    if attempts > self.config.retries {
                        return Err(FetchError::GaveUp {
                            attempts,
                            last: why,
                        });
                    }
                    std::thread::sleep(wait);
                    wait = wait.saturating_mul(2);
                }
            }
        }
    }

    fn attempt(&self, client: &reqwest::blocking::Client, url: &str) -> Attempt {
        let deadline = Instant::now() + self.config.timeout;
        let response = match client.get(url).send() {
            Ok(r) => r,
            Err(e) if e.is_timeout() => return Attempt::Retry("timed out".to_owned()),
            Err(e) if e.is_redirect() => {
                let reason =
                    std::error::Error::source(&e).map_or_else(|| e.to_string(), error_chain);
                return Attempt::Fail(FetchError::Redirect {
                    url: url.to_owned(),
                    reason,
                });
            }
            Err(e) => return Attempt::Retry(error_chain(&e)),
        };
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            // reqwest hands back, unfollowed, a redirect to a scheme it does not speak
            let to = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .unwrap_or_default();
            return Attempt::Fail(FetchError::Redirect {
                url: url.to_owned(),
                reason: format!("refused redirect to {to:?}: only http and https"),
            });
        }
        if status >= 500 || status == 429 {
            return Attempt::Retry(format!("HTTP status {status}"));
        }
        if !(200..300).contains(&status) && !matches!(status, 404 | 410) {
            return Attempt::Fail(FetchError::Status { status });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        match read_body(response, self.config.max_body_bytes, deadline) {
            Err(BodyError::TooLarge { limit }) => Attempt::Fail(FetchError::TooLarge { limit }),
            Err(BodyError::TimedOut) => Attempt::Retry("timed out".to_owned()),
            Err(e) => Attempt::Retry(e.to_string()),
            Ok(_) if matches!(status, 404 | 410) => Attempt::Done(status, content_type, Vec::new()),
            Ok(body) => Attempt::Done(status, content_type, body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_schemes_before_anything_else() {
        let cache = Cache::new(std::env::temp_dir().join("hankegraph-never-created"));
        let config = FetchConfig {
            offline: true,
            ..FetchConfig::default()
        };
        let Ok(mut f) = Fetcher::new(config, cache, true) else {
            panic!("offline fetcher builds");
        };
        for url in [
            "file:///etc/passwd",
            "ftp://x/y",
            "not a url",
            "javascript:alert(1)",
        ] {
            assert!(
                matches!(f.fetch(url), Err(FetchError::Scheme { .. })),
                "{url}"
            );
        }
        assert!(matches!(
            f.fetch("http://127.0.0.1:9/none"),
            Err(FetchError::NotCached)
        ));
    }

    #[test]
    fn rate_limit_spaces_calls() {
        let mut r = RateLimit::new(20.0);
        let t = Instant::now();
        for _ in 0..3 {
            r.wait();
        }
        assert!(t.elapsed() >= Duration::from_millis(90));
        let mut free = RateLimit::new(0.0);
        free.wait();
        free.wait();
    }
}
