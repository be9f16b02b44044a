//! The socket side of the server: a small HTTP/1.1 reader and writer over `std::net`, one
//! request per connection.
//!
//! It replaces `tiny_http`, which throws away an unread request body on drop by allocating a
//! buffer of the announced `Content-Length` and reading the rest: a request announcing
//! 10¹⁵ bytes aborted the whole server on the failed allocation, and one that announced more
//! than it sent held a worker until the client gave up. Here nothing past the body limit is
//! ever read: a body announced larger than the limit is refused with 413 before a byte of it
//! is read, a chunked body as soon as it passes the limit, and the connection is then closed.
//! Every read has a deadline, so a client that trickles its request cannot hold a worker.

use super::{Request, Response};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The largest request line plus headers read, in bytes.
const MAX_HEAD: usize = 64 * 1024;

/// Why a request could not be read: the status to answer with, and why.
#[derive(Debug)]
pub(super) struct Refusal {
    pub(super) status: u16,
    pub(super) message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// A reader over the socket that fails once `deadline` has passed.
struct Deadline {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request took too long to arrive",
            ));
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Reads one request from `stream`, answers it with `handle` and closes the connection.
pub(super) fn serve_connection(
    stream: TcpStream,
    max_body: usize,
    read_time: Duration,
    handle: impl FnOnce(&Request) -> Response,
) {
    let Ok(write) = stream.try_clone() else {
        return;
    };
    let _ = write.set_write_timeout(Some(read_time));
    let mut reader = BufReader::new(Deadline {
        stream,
        deadline: Instant::now() + read_time,
    });
    let mut out = write;
    let (response, head_only) = match read_request(&mut reader, &mut out, max_body) {
        Ok(req) => (handle(&req), req.method == "HEAD"),
        Err(r) => (Response::text(r.status, r.message), false),
    };
    let _ = write_response(&mut out, &response, head_only);
    // The connection ends here. What the client may still be sending (the rest of a body
    // refused with 413) is discarded for a moment, within a small bound, so that closing does
    // not reset the connection before the client has read the answer.
    let _ = out.shutdown(std::net::Shutdown::Write);
    let linger = Instant::now() + Duration::from_secs(1);
    let mut reader = reader.into_inner();
    reader.deadline = reader.deadline.min(linger);
    let mut sink = [0u8; 8192];
    let mut discarded = 0usize;
    while discarded < LINGER_BYTES {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => discarded += n,
        }
    }
}

/// At most this many bytes are discarded after the answer before the connection is closed.
const LINGER_BYTES: usize = 256 * 1024;

/// Reads a line ending in LF (CRLF or LF), at most `budget` bytes in all.
fn read_line(reader: &mut impl BufRead, budget: &mut usize) -> Result<String, Refusal> {
    let mut line = Vec::new();
    let limit = (*budget as u64).saturating_add(1);
    let n = Read::take(&mut *reader, limit)
        .read_until(b'\n', &mut line)
        .map_err(|e| refuse(408, format!("cannot read the request: {e}")))?;
    if n == 0 {
        return Err(refuse(
            400,
            "the connection closed before the request ended",
        ));
    }
    if n > *budget || !line.ends_with(b"\n") {
        return Err(refuse(431, "the request head is too large"));
    }
    *budget -= n;
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| refuse(400, "the request head is not UTF-8"))
}

/// Reads the request line, the headers and the body (within `max_body` bytes).
pub(super) fn read_request(
    reader: &mut impl BufRead,
    out: &mut impl Write,
    max_body: usize,
) -> Result<Request, Refusal> {
    let mut budget = MAX_HEAD;
    let line = read_line(reader, &mut budget)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refuse(400, "malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(refuse(505, "only HTTP/1.0 and HTTP/1.1 are served"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let line = read_line(reader, &mut budget)?;
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(refuse(400, "malformed header line"));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let chunked =
        header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let length = match header("content-length") {
        Some(v) if !chunked => Some(
            v.parse::<u64>()
                .map_err(|_| refuse(400, "malformed Content-Length"))?,
        ),
        _ => None,
    };
    let too_large = || {
        refuse(
            413,
            format!("the request body is larger than the limit of {max_body} bytes"),
        )
    };
    if length.is_some_and(|n| n > max_body as u64) {
        return Err(too_large());
    }
    if header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        let _ = out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        let _ = out.flush();
    }
    let body = if chunked {
        read_chunked(reader, max_body).map_err(|e| e.unwrap_or_else(too_large))?
    } else {
        let n = usize::try_from(length.unwrap_or(0)).map_err(|_| too_large())?;
        let mut body = vec![0; n];
        reader.read_exact(&mut body).map_err(|e| {
            refuse(
                400,
                format!("the body ended before its Content-Length of {n} bytes: {e}"),
            )
        })?;
        body
    };
    let (path, query) = super::split_target(target);
    Ok(Request {
        method: method.to_ascii_uppercase(),
        path,
        query,
        accept: header("accept"),
        content_type: header("content-type"),
        body,
    })
}

/// Decodes a chunked body. `Err(None)`: it passed `max_body` bytes.
fn read_chunked(reader: &mut impl BufRead, max_body: usize) -> Result<Vec<u8>, Option<Refusal>> {
    let mut body = Vec::new();
    let mut budget = MAX_HEAD;
    loop {
        let line = read_line(reader, &mut budget).map_err(Some)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size =
            u64::from_str_radix(size, 16).map_err(|_| Some(refuse(400, "malformed chunk size")))?;
        if size == 0 {
            // trailers, up to the empty line
            while !read_line(reader, &mut budget).map_err(Some)?.is_empty() {}
            return Ok(body);
        }
        if size > (max_body - body.len()) as u64 {
            return Err(None);
        }
        let start = body.len();
        body.resize(start + size as usize, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(|e| Some(refuse(400, format!("the chunked body ended early: {e}"))))?;
        if !read_line(reader, &mut budget).map_err(Some)?.is_empty() {
            return Err(Some(refuse(400, "malformed chunk")));
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

/// Writes `response` with its length and `Connection: close`.
pub(super) fn write_response(
    out: &mut impl Write,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (k, v) in &response.headers {
        // a header value never carries a line break into the response
        if !k.contains(['\r', '\n', ':']) && !v.contains(['\r', '\n']) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(&response.body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &[u8], max_body: usize) -> Result<Request, Refusal> {
        let mut out = Vec::new();
        read_request(&mut BufReader::new(raw), &mut out, max_body)
    }

    #[test]
    fn reads_a_get_and_a_post() {
        let Ok(r) = read(
            b"GET /project/S20474?x=1 HTTP/1.1\r\nAccept: text/html\r\n\r\n",
            10,
        ) else {
            panic!("a GET reads")
        };
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("GET", "/project/S20474")
        );
        assert_eq!(r.accept.as_deref(), Some("text/html"));
        let Ok(r) = read(
            b"POST /sparql HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            10,
        ) else {
            panic!("a POST reads")
        };
        assert_eq!(r.body, b"hello");
        let Ok(r) = read(
            b"POST /sparql HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n",
            10,
        ) else {
            panic!("a chunked POST reads")
        };
        assert_eq!(r.body, b"hello");
    }

    #[test]
    fn refuses_what_passes_the_limits_without_reading_it() {
        // announced too large: refused before the body (which is not even there)
        let Err(r) = read(
            b"POST / HTTP/1.1\r\nContent-Length: 1000000000000000\r\n\r\n",
            10,
        ) else {
            panic!("refused")
        };
        assert_eq!(r.status, 413);
        let Err(r) = read(
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n",
            10,
        ) else {
            panic!("refused")
        };
        assert_eq!(r.status, 413);
        let Err(r) = read(b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort", 10) else {
            panic!("refused")
        };
        assert_eq!(r.status, 400);
        let Err(r) = read(&[b'A'; MAX_HEAD + 10], 10) else {
            panic!("refused")
        };
        assert_eq!(r.status, 431);
    }

    #[test]
    fn a_header_value_cannot_split_the_response() {
        let mut out = Vec::new();
        let r = Response::text(200, "x").with_header("X-Bad", "a\r\nSet-Cookie: y");
        write_response(&mut out, &r, false).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&out).contains("Set-Cookie"));
    }
}
