//! Fetching documents from http and https URLs, with a time limit, a size limit and a bounded
//! number of redirects that never leave http(s). The bytes are kept as they arrive: the
//! encoding is detected from them, exactly as for files.

use super::{body_excerpt, http_url, RemoteError};
use crate::fetch::{client, read_body, BodyError, ClientConfig};
use crate::parse::Input;
use reqwest::blocking::Client;
use std::time::Duration;

/// Limits of a fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Time limit of one request, body included.
    pub timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    /// Redirects followed at most.
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 20 << 20,
            max_redirects: 5,
        }
    }
}

/// A client that follows at most `max_redirects` redirects, and only to http(s) URLs.
pub fn fetch_client(options: &FetchOptions) -> Result<Client, RemoteError> {
    let config = ClientConfig {
        timeout: options.timeout,
        max_redirects: options.max_redirects,
        ..ClientConfig::default()
    };
    client(&config).map_err(|source| RemoteError::Http {
        url: String::new(),
        source,
    })
}

/// Fetches one document. The input is named by its URL; its bytes are the body as sent.
pub fn fetch(client: &Client, url: &str, options: &FetchOptions) -> Result<Input, RemoteError> {
    let parsed = http_url(url)?;
    let http = |source| RemoteError::Http {
        url: url.to_owned(),
        source,
    };
    let deadline = std::time::Instant::now() + options.timeout;
    let response = client.get(parsed).send().map_err(http)?;
    let status = response.status();
    if status.is_redirection() {
        // reqwest hands back, unfollowed, a redirect to a scheme it does not speak
        return Err(RemoteError::Redirect {
            url: url.to_owned(),
            location: location(&response),
        });
    }
    if !status.is_success() {
        let body = response.text().unwrap_or_default();
        return Err(RemoteError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
            body: body_excerpt(&body),
        });
    }
    let bytes = read_body(response, options.max_bytes, deadline).map_err(|e| match e {
        BodyError::TooLarge { limit } => RemoteError::TooLarge {
            url: url.to_owned(),
            limit,
        },
        BodyError::Read(source) => RemoteError::Read {
            url: url.to_owned(),
            source,
        },
        BodyError::TimedOut => RemoteError::Read {
            url: url.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("the body did not arrive within {:?}", options.timeout),
            ),
        },
    })?;
    Ok(Input {
        file: url.to_owned(),
        bytes,
    })
}

/// The `Location` header of a response, or an empty string.
pub(crate) fn location(response: &reqwest::blocking::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default()
}
