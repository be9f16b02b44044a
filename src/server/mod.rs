//! `hankegraph serve`: a read-only SPARQL 1.1 Protocol endpoint and a small browsable site
//! over the store.
//!
//! The HTTP layer (`http`: `std::net`, a fixed number of worker threads, one request per
//! connection, no async runtime) only turns a socket request into a [`Request`] and a
//! [`Response`] back into bytes, within a body limit and a time limit; everything else is the
//! pure function [`App::handle`], which the unit tests call without a socket:
//!
//! * `/sparql` — the [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/): queries by
//!   GET (`?query=`) and POST (`application/sparql-query` or form-encoded), results negotiated
//!   by `Accept`, CORS headers for editors on other origins. Updates are refused with 403
//!   unless the server was started with updates allowed. Every query runs within
//!   [`Limits`]: cancelled at the time limit (503), refused past the result limit (500).
//!   As everywhere in hankegraph, the default graph is the union of all graphs.
//! * `/`, `/project/{code}`, `/organisation/{key}`, `/queries`, `/queries/{name}` — HTML pages
//!   rendered on the server ([`html`]); every value is escaped, and parameters are bound as
//!   RDF terms, never spliced into query text.

mod html;
mod http;
mod sparql;

use crate::store::{GraphStore, Limits};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

pub use html::escape;

/// Errors of the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {message}")]
    Bind {
        /// The address asked for.
        addr: String,
        /// Why.
        message: String,
    },
}

/// How the server behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Accept SPARQL Update requests (refused with 403 otherwise).
    pub allow_update: bool,
    /// Time and result limits of every query.
    pub limits: Limits,
    /// The largest request body read, in bytes.
    pub max_body: usize,
    /// Worker threads.
    pub threads: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_update: false,
            limits: Limits {
                timeout: Some(Duration::from_secs(30)),
                max_results: Some(100_000),
            },
            max_body: 1 << 20,
            threads: 4,
        }
    }
}

/// An HTTP request as the application sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, percent-decoded, without the query string.
    pub path: String,
    /// The query string's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The `Accept` header, if any.
    pub accept: Option<String>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// A GET of `target` (path and query string), for tests.
    pub fn get(target: &str) -> Self {
        let (path, query) = split_target(target);
        Request {
            method: "GET".into(),
            path,
            query,
            ..Request::default()
        }
    }

    /// The first value of query-string parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A response: status, headers and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// Headers, the content type among them.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A plain-text response (errors).
    pub fn text(status: u16, text: impl Into<String>) -> Self {
        let mut t: String = text.into();
        t.push('\n');
        Response::new(status, "text/plain; charset=utf-8", t)
    }

    /// An HTML page.
    pub fn html(status: u16, page: String) -> Self {
        Response::new(status, "text/html; charset=utf-8", page)
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The application: the store and the configuration.
pub struct App {
    store: GraphStore,
    config: Config,
}

impl App {
    /// An application over `store`.
    pub fn new(store: GraphStore, config: Config) -> Self {
        App { store, config }
    }

    /// The store.
    pub fn store(&self) -> &GraphStore {
        &self.store
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Answers one request.
    pub fn handle(&self, req: &Request) -> Response {
        let path = req.path.trim_end_matches('/');
        if path == "/sparql" {
            return sparql::handle(self, req);
        }
        if req.method != "GET" && req.method != "HEAD" {
            return Response::text(405, "only GET is allowed here").with_header("Allow", "GET");
        }
        match path.split('/').skip(1).collect::<Vec<_>>().as_slice() {
            [] | [""] | ["search"] => html::home(self, req),
            ["project", code] => html::project(self, code),
            ["organisation", key] => html::organisation(self, key),
            ["queries"] => html::queries(self),
            ["queries", name] => html::named_query(self, name, req),
            _ => html::not_found(&req.path),
        }
    }
}

/// Splits `path?query` into the decoded path and the decoded query pairs.
pub fn split_target(target: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = url::form_urlencoded::parse(
        format!("p={}", path.replace('+', "%2B").replace('&', "%26")).as_bytes(),
    )
    .next()
    .map(|(_, v)| v.into_owned())
    .unwrap_or_default();
    (path, form_pairs(query.as_bytes()))
}

/// Decodes `application/x-www-form-urlencoded` pairs.
pub fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A running server: its address, and the workers answering on it.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
    addr: SocketAddr,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port).
    pub fn bind(addr: &str, app: App) -> Result<Self, ServerError> {
        let bind_error = |message: String| ServerError::Bind {
            addr: addr.to_owned(),
            message,
        };
        let listener = TcpListener::bind(addr).map_err(|e| bind_error(e.to_string()))?;
        let bound = listener
            .local_addr()
            .map_err(|e| bind_error(e.to_string()))?;
        Ok(Server {
            listener,
            app: Arc::new(app),
            addr: bound,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until the process ends, on `config.threads` worker threads, each
    /// taking the next connection, answering its one request and closing it.
    pub fn run(self) {
        let threads = self.app.config.threads.max(1);
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| {
                let listener = self.listener.try_clone().ok()?;
                let app = Arc::clone(&self.app);
                Some(std::thread::spawn(move || loop {
                    match listener.accept() {
                        Ok((stream, _)) => http::serve_connection(
                            stream,
                            app.config.max_body,
                            REQUEST_TIME,
                            |req| app.handle(req),
                        ),
                        // too many open files, a connection reset before accept: wait a little
                        Err(_) => std::thread::sleep(Duration::from_millis(50)),
                    }
                }))
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

/// The time a client has to send its whole request.
const REQUEST_TIME: Duration = Duration::from_secs(30);
