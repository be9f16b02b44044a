//! Talking to other machines over HTTP: documents fetched from URLs ([`fetch`]), the graph
//! pushed to an external triple store ([`push`]) and named queries run on a remote SPARQL
//! endpoint ([`query`]). Everything is blocking [`reqwest`]; nothing here knows the CLI.

mod fetch;
mod push;
mod query;

pub use fetch::{fetch, fetch_client, FetchOptions};
pub use push::{push, PushMode, PushOptions, PushSummary};
pub use query::remote_query;

/// Errors of remote operations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    /// The URL does not parse or is not http/https.
    #[error("{url}: {message}")]
    BadUrl {
        /// The URL given.
        url: String,
        /// Why it is refused.
        message: String,
    },
    /// The request failed (connection, timeout, TLS, too many redirects).
    #[error("{url}: {}", crate::fetch::error_chain(.source))]
    Http {
        /// The URL.
        url: String,
        /// What reqwest said.
        #[source]
        source: reqwest::Error,
    },
    /// A redirect that was not followed: to another scheme than http(s).
    #[error("{url}: refused redirect to {location:?}: only http and https")]
    Redirect {
        /// The URL.
        url: String,
        /// Where the server pointed.
        location: String,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP {status}{}", if .body.is_empty() { String::new() } else { format!(": {}", .body) })]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// The start of the body the server sent.
        body: String,
    },
    /// The body is larger than allowed.
    #[error("{url}: the document is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// Reading the body failed.
    #[error("{url}: reading the body: {source}")]
    Read {
        /// The URL.
        url: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The query text does not parse, or a parameter cannot be bound.
    #[error("{0}")]
    Query(String),
    /// The remote results could not be read.
    #[error("reading the results of {url}: {message}")]
    Results {
        /// The endpoint.
        url: String,
        /// What the parser said.
        message: String,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Credentials for HTTP basic authentication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    /// The user name.
    pub user: String,
    /// The password.
    pub password: String,
}

/// Adds basic authentication when credentials are given.
fn authorised(
    req: reqwest::blocking::RequestBuilder,
    auth: Option<&Auth>,
) -> reqwest::blocking::RequestBuilder {
    match auth {
        Some(a) => req.basic_auth(&a.user, Some(&a.password)),
        None => req,
    }
}

/// Checks that `url` is an http or https URL.
pub fn http_url(url: &str) -> Result<reqwest::Url, RemoteError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| RemoteError::BadUrl {
        url: url.to_owned(),
        message: e.to_string(),
    })?;
    match parsed.scheme() {
        "http" | "https" => Ok(parsed),
        other => Err(RemoteError::BadUrl {
            url: url.to_owned(),
            message: format!("only http and https URLs are fetched, not {other}:"),
        }),
    }
}

/// The first 300 characters of an error body, on one line.
fn body_excerpt(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(300).collect()
}
