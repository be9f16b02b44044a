//! A small HTTP server for the tests: `std::net::TcpListener` on 127.0.0.1 with a free port, a
//! thread per connection, and a scripted reply per project code (`?projektikoodi=CODE`).
//! Stopped when dropped.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the server answers for one code.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with these bytes (`Content-Type: text/html; charset=utf-8`).
    Page(Vec<u8>),
    /// This status (404, 500, …) with a short body, every time.
    Status(u16),
    /// `n` times this status, then the page.
    FailThen(u16, usize, Vec<u8>),
    /// The first `n` requests wait this long before answering, then the page.
    SlowThen(Duration, usize, Vec<u8>),
    /// Every request waits this long before answering.
    Slow(Duration),
    /// 200 announcing 1000 bytes, then one byte per interval, until the client goes away.
    Trickle(Duration),
    /// 200, chunked, chunks of 64 KiB that never end, until the client goes away.
    Endless,
    /// 200 announcing `announced` bytes; sends these bytes (fewer) and closes.
    Short(usize, Vec<u8>),
    /// 302 to this location.
    Redirect(String),
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server answering `/rrtiepa/projekti.php?projektikoodi=CODE` from `routes`;
    /// any other request gets 404.
    pub fn start(routes: HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let routes = Arc::new(routes);
        let thread = {
            let (hits, stop) = (hits.clone(), stop.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (hits, routes) = (hits.clone(), routes.clone());
                    std::thread::spawn(move || serve(conn, &routes, &hits));
                }
            })
        };
        Server {
            addr,
            hits,
            stop,
            thread: Some(thread),
        }
    }

    /// The base URL to give `enrich --base-url`.
    pub fn base_url(&self) -> String {
        format!("http://{}/rrtiepa/", self.addr)
    }

    /// The URL that `code`'s reply is served at.
    pub fn url(&self, code: &str) -> String {
        format!("{}projekti.php?projektikoodi={code}", self.base_url())
    }

    /// Requests received for `code` so far.
    pub fn hits(&self, code: &str) -> usize {
        self.hits
            .lock()
            .map(|h| h.get(code).copied().unwrap_or(0))
            .unwrap_or(0)
    }

    /// Requests received in all.
    pub fn total_hits(&self) -> usize {
        self.hits.lock().map(|h| h.values().sum()).unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the accept loop
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    mut conn: TcpStream,
    routes: &HashMap<String, Reply>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut req = Vec::new();
    let mut buf = [0u8; 1024];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 16 * 1024 {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&req);
    let target = head.split_whitespace().nth(1).unwrap_or("").to_owned();
    let code = target
        .strip_prefix("/rrtiepa/projekti.php?projektikoodi=")
        .unwrap_or("")
        .to_owned();
    let n = {
        let Ok(mut h) = hits.lock() else { return };
        let e = h.entry(code.clone()).or_insert(0);
        *e += 1;
        *e
    };
    let (status, body) = match routes.get(&code) {
        None => (
            404,
            b"<html><body><p>Ei l\xc3\xb6ydy</p></body></html>".to_vec(),
        ),
        Some(Reply::Page(b)) => (200, b.clone()),
        Some(Reply::Status(s)) => (*s, format!("<p>status {s}</p>").into_bytes()),
        Some(Reply::FailThen(s, k, b)) => {
            if n <= *k {
                (*s, format!("<p>status {s}</p>").into_bytes())
            } else {
                (200, b.clone())
            }
        }
        Some(Reply::SlowThen(d, k, b)) => {
            if n <= *k {
                std::thread::sleep(*d);
            }
            (200, b.clone())
        }
        Some(Reply::Slow(d)) => {
            std::thread::sleep(*d);
            (200, b"<p>late</p>".to_vec())
        }
        Some(misbehaving) => {
            misbehave(&mut conn, misbehaving);
            return;
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(&body);
    let _ = conn.flush();
}

/// The replies that break HTTP's promises. Each ends when the client stops reading.
fn misbehave(conn: &mut TcpStream, reply: &Reply) {
    let _ = conn.set_write_timeout(Some(Duration::from_secs(30)));
    match reply {
        Reply::Trickle(every) => {
            let _ = conn.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n",
            );
            for _ in 0..1000 {
                std::thread::sleep(*every);
                if conn.write_all(b"a").and_then(|()| conn.flush()).is_err() {
                    return;
                }
            }
        }
        Reply::Endless => {
            let _ = conn.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n",
            );
            let chunk = [b"10000\r\n".as_slice(), &[b'a'; 0x10000], b"\r\n"].concat();
            // a bound only so that a broken client cannot keep the test running for ever
            for _ in 0..100_000 {
                if conn.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        Reply::Short(announced, body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {announced}\r\n\r\n"
            );
            let _ = conn.write_all(head.as_bytes());
            let _ = conn.write_all(body);
            let _ = conn.flush();
            let _ = conn.shutdown(std::net::Shutdown::Both);
        }
        Reply::Redirect(to) => {
            let head = format!(
                "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = conn.write_all(head.as_bytes());
        }
        _ => {}
    }
}

/// UTF-8 text as Windows-1252 bytes (the characters of Finnish text all fit).
pub fn to_cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '–' => 0x96,
            '—' => 0x97,
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}
