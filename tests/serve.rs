//! `hankegraph serve` as its users meet it: a SPARQL client (reqwest) against the real server
//! on 127.0.0.1, and a headless browser (Debian's chromium) on the project pages.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn hankegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hankegraph"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hankegraph-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

/// A store with the sample corpus (`data/cards`, `data/decisions`) and any extra files.
fn sample_store(name: &str, extra: &[PathBuf]) -> PathBuf {
    let dir = tmpdir(name);
    let store = dir.join("store");
    let root = common::root();
    let out = hankegraph()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(root.join("data/cards"))
        .arg(root.join("data/decisions"))
        .args(extra)
        .output()
        .expect("ingest runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    store
}

/// A running `hankegraph serve`, stopped when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(store: &Path, extra: &[&str]) -> Served {
    let mut child = hankegraph()
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(store)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    // "listening on http://127.0.0.1:PORT/ (…)"
    let base = line
        .split_whitespace()
        .nth(2)
        .expect("an address")
        .trim_end_matches('/')
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    Served { child, base }
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

fn content_type(r: &reqwest::blocking::Response) -> String {
    r.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

const CODES: &str = "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
SELECT ?code WHERE { ?p a hg:Project ; hg:projectCode ?code } ORDER BY ?code";

#[test]
fn sparql_protocol_get_post_and_content_negotiation() {
    let store = sample_store("protocol", &[]);
    let s = serve(&store, &[]);
    let http = client();
    let url = format!("{}/sparql", s.base);

    // GET, JSON by default
    let r = http.get(&url).query(&[("query", CODES)]).send().unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), "application/sparql-results+json");
    assert_eq!(
        r.headers()["access-control-allow-origin"].to_str().unwrap(),
        "*"
    );
    let json: serde_json::Value = serde_json::from_str(&r.text().unwrap()).unwrap();
    let codes: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["code"]["value"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"S20474") && codes.contains(&"S20877"),
        "{codes:?}"
    );

    // each results format by Accept, by GET and by both kinds of POST
    for (accept, expected, marker) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv", "code\r\nS20129"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?code\n\"S20129\"",
        ),
        ("application/json", "application/json", "\"bindings\""),
    ] {
        let get = http
            .get(&url)
            .query(&[("query", CODES)])
            .header(ACCEPT, accept)
            .send()
            .unwrap();
        let direct = http
            .post(&url)
            .header(CONTENT_TYPE, "application/sparql-query")
            .header(ACCEPT, accept)
            .body(CODES)
            .send()
            .unwrap();
        let form = http
            .post(&url)
            .header(ACCEPT, accept)
            .form(&[("query", CODES)])
            .send()
            .unwrap();
        for r in [get, direct, form] {
            assert_eq!(r.status(), 200, "{accept}");
            assert_eq!(content_type(&r), expected);
            let body = r.text().unwrap();
            assert!(body.contains(marker), "{accept}: {body}");
        }
    }

    // CONSTRUCT in Turtle, N-Triples and JSON-LD
    let construct = "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
        CONSTRUCT { ?p hg:projectCode ?code } WHERE { ?p hg:projectCode \"S20474\" . BIND(\"S20474\" AS ?code) }";
    for (accept, marker) in [
        ("text/turtle", "S20474"),
        ("application/n-triples", "<https://w3id.org/hankegraph/project/S20474> <https://w3id.org/hankegraph/ontology#projectCode> \"S20474\" ."),
        ("application/ld+json", "\"@id\""),
    ] {
        let r = http
            .post(&url)
            .header(CONTENT_TYPE, "application/sparql-query")
            .header(ACCEPT, accept)
            .body(construct)
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(content_type(&r), accept);
        let body = r.text().unwrap();
        assert!(body.contains(marker), "{accept}: {body}");
    }

    // ASK
    let r = http
        .get(&url)
        .query(&[("query", "ASK { ?s ?p ?o }")])
        .send()
        .unwrap();
    assert_eq!(r.text().unwrap(), "{\"head\":{},\"boolean\":true}");

    // nothing acceptable, a CORS preflight, a bad method
    let r = http
        .get(&url)
        .query(&[("query", CODES)])
        .header(ACCEPT, "image/png")
        .send()
        .unwrap();
    assert_eq!(r.status(), 406);
    let r = http
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "https://editor.example")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    let r = http.delete(&url).send().unwrap();
    assert_eq!(r.status(), 405);
}

#[test]
fn bad_queries_and_updates_are_refused_readably() {
    let store = sample_store("refused", &[]);
    let s = serve(&store, &[]);
    let http = client();
    let url = format!("{}/sparql", s.base);

    let r = http
        .get(&url)
        .query(&[("query", "SELECT ?x WHERE { ?x ")])
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().unwrap().contains("SPARQL syntax error"));

    let update = "INSERT DATA { <http://x/s> <http://x/p> \"o\" }";
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-update")
        .body(update)
        .send()
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().unwrap().contains("read-only"));
    let r = http.post(&url).form(&[("update", update)]).send().unwrap();
    assert_eq!(r.status(), 403);
    let r = http.get(&url).query(&[("update", update)]).send().unwrap();
    assert_eq!(r.status(), 400);
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "text/plain")
        .body(CODES)
        .send()
        .unwrap();
    assert_eq!(r.status(), 415);
    // the store is unchanged
    let r = http
        .get(&url)
        .query(&[("query", "ASK { <http://x/s> ?p ?o }")])
        .send()
        .unwrap();
    assert!(r.text().unwrap().contains("false"));
}

#[test]
fn updates_are_accepted_only_when_allowed() {
    let store = sample_store("update", &[]);
    let s = serve(&store, &["--allow-update"]);
    let http = client();
    let url = format!("{}/sparql", s.base);
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-update")
        .body("INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> \"o\" } }")
        .send()
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = http
        .get(&url)
        .query(&[("query", "ASK { <http://x/s> ?p ?o }")])
        .send()
        .unwrap();
    assert!(r.text().unwrap().contains("true"));
}

#[test]
fn a_runaway_query_is_cut_off_at_the_timeout_and_large_results_are_refused() {
    let store = sample_store("timeout", &[]);
    let s = serve(&store, &["--timeout", "1", "--max-results", "5"]);
    let http = client();
    let url = format!("{}/sparql", s.base);
    // every node linked to every node it reaches in any direction, twice over: hours of work
    let runaway = "SELECT (COUNT(*) AS ?n) WHERE {
        ?a (!<http://x/none>|^!<http://x/none>)* ?b . ?b (!<http://x/none>|^!<http://x/none>)* ?c }";
    let started = Instant::now();
    let r = http.get(&url).query(&[("query", runaway)]).send().unwrap();
    let took = started.elapsed();
    assert_eq!(r.status(), 503);
    assert!(r.text().unwrap().contains("time limit"));
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // the server still answers
    let r = http
        .get(&url)
        .query(&[("query", "SELECT ?code WHERE { ?p <https://w3id.org/hankegraph/ontology#projectCode> ?code } LIMIT 5")])
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    // and the cancelled evaluation really stops: within a generous minute the server process
    // spends less than a third of a second of CPU in a one-second window (it spent a whole
    // core while the query ran)
    let pid = s.child.id();
    let cpu = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // the fields after the command name, which is in parentheses
        let fields: Vec<u64> = stat
            .rsplit_once(')')
            .unwrap()
            .1
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        // utime and stime, fields 14 and 15 of the whole line, in clock ticks (1/100 s)
        fields[10] + fields[11]
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let idle = loop {
        let before = cpu();
        std::thread::sleep(Duration::from_secs(1));
        let used = cpu() - before;
        if used < 33 {
            break true;
        }
        if Instant::now() > deadline {
            break false;
        }
    };
    assert!(
        idle,
        "the cancelled query kept the server busy for a minute"
    );
    let r = http.get(&url).query(&[("query", CODES)]).send().unwrap();
    assert_eq!(r.status(), 500);
    assert!(r.text().unwrap().contains("more than 5 results"));
}

/// The `href`s of a page that start with `prefix`.
fn links(html: &str, prefix: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

#[test]
fn html_pages_search_project_organisation_and_queries() {
    let store = sample_store("html", &[]);
    let s = serve(&store, &[]);
    let http = client();
    let get = |path: &str| {
        let r = http.get(format!("{}{path}", s.base)).send().unwrap();
        let status = r.status().as_u16();
        assert!(content_type(&r).starts_with("text/html"), "{path}");
        (status, r.text().unwrap())
    };

    let (status, home) = get("/");
    assert_eq!(status, 200);
    assert!(home.contains("<form action=\"/search\""));
    assert!(home.contains("href=\"/project/S20474\""));

    let (_, found) = get("/search?q=p%C3%B6mpeli");
    assert!(found.contains("href=\"/project/S20877\""), "{found}");
    assert!(!found.contains("href=\"/project/S20129\""));
    let (_, by_org) = get("/search?q=asukasyhdistys");
    assert!(by_org.contains("href=\"/project/S20474\""));
    assert!(by_org.contains("href=\"/organisation/"));

    let (status, page) = get("/project/S20474");
    assert_eq!(status, 200);
    assert!(page.contains("Petosen osallisuushanke"), "{page}");
    assert!(page.contains("<svg"), "the lineage diagram is inline");
    assert!(
        page.contains("S20474_petosen-osallisuushanke.txt"),
        "its sources"
    );
    let next = links(&page, "/project/");
    assert!(next.contains(&"/project/S20877".to_owned()), "{next:?}");
    // follow the lineage link
    let (status, successor) = get("/project/S20877");
    assert_eq!(status, 200);
    assert!(
        successor.contains("href=\"/project/S20474\""),
        "back to its predecessor"
    );

    let orgs = links(&page, "/organisation/");
    assert!(!orgs.is_empty());
    let (status, org) = get(&orgs[0]);
    assert_eq!(status, 200);
    assert!(org.contains("href=\"/project/S20474\""));

    let (_, queries) = get("/queries");
    for q in hankegraph::queries::all() {
        assert!(
            queries.contains(&format!("href=\"/queries/{}\"", q.name)),
            "{}",
            q.name
        );
    }
    let (status, run) = get("/queries/successors?code=S20474");
    assert_eq!(status, 200);
    assert!(run.contains("href=\"/project/S20877\""), "{run}");
    assert!(run.contains("Bound: code = S20474"));

    assert_eq!(get("/project/S99999").0, 404);
    assert_eq!(get("/project/%3Cscript%3E").0, 404);
    assert_eq!(get("/organisation/nobody").0, 404);
    assert_eq!(get("/queries/nothing").0, 404);
    assert_eq!(get("/elsewhere").0, 404);
}

#[test]
fn a_card_name_with_markup_is_shown_as_text() {
    // regression guard: every value from the store is escaped
    let dir = tmpdir("hostile-card");
    let card = std::fs::read_to_string(common::root().join("data/cards/S20877_pompeli.txt"))
        .expect("sample card");
    let hostile = card
        .replace("S20877", "S29999")
        .replace("Petosen Pömpeli", "<script>alert(1)</script> Pömpeli");
    assert!(hostile.contains("<script>"));
    let file = dir.join("S29999_hostile.txt");
    std::fs::write(&file, hostile).unwrap();
    let store = sample_store("hostile", &[file]);
    let s = serve(&store, &[]);
    let http = client();
    for path in ["/project/S29999", "/search?q=alert", "/queries/projects"] {
        let page = http
            .get(format!("{}{path}", s.base))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {page}"
        );
        assert!(!page.contains("<script>"), "{path}");
    }
}

/// Debian's chromium, or None outside CI when it is missing.
fn chromium() -> Option<String> {
    for program in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(program.to_owned());
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium is missing in CI: scripts/setup.sh installs it"
    );
    eprintln!("chromium not found: skipping the headless-browser test");
    None
}

/// Runs headless chromium with `args` on `url`, with a profile of its own.
fn run_chromium(program: &str, profile: &Path, args: &[String], url: &str) -> String {
    let out = Command::new(program)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--timeout=20000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_headless_browser_loads_a_project_page_follows_a_lineage_link_and_takes_a_screenshot() {
    let Some(program) = chromium() else {
        return;
    };
    let store = sample_store("browser", &[]);
    let s = serve(&store, &[]);
    let dir = tmpdir("browser-profile");

    // the page as the browser renders it
    let dom = run_chromium(
        &program,
        &dir.join("p1"),
        &["--dump-dom".into()],
        &format!("{}/project/S20474", s.base),
    );
    assert!(dom.contains("Petosen osallisuushanke"), "{dom}");
    assert!(dom.contains("<svg"), "the diagram is in the rendered page");
    let next = links(&dom, "/project/");
    let successor = next
        .iter()
        .find(|h| h.as_str() == "/project/S20877")
        .expect("a lineage link to the successor");
    // follow it
    let dom = run_chromium(
        &program,
        &dir.join("p2"),
        &["--dump-dom".into()],
        &format!("{}{successor}", s.base),
    );
    assert!(dom.contains("<h1>S20877"), "{dom}");
    assert!(dom.contains("href=\"/project/S20474\""));

    // the screenshot: HANKEGRAPH_SCREENSHOT=docs/project-page.png keeps it
    let shot = std::env::var_os("HANKEGRAPH_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("project-page.png"));
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &program,
        &dir.join("p3"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
        &format!("{}/project/S20474", s.base),
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        png.len() > 20_000,
        "a page with content, not a blank: {} bytes",
        png.len()
    );
}

/// Sends `head` (and `body`) on a fresh connection exactly as given — no client normalises
/// `..` or re-encodes the target — and returns the status and the body of the answer.
fn raw(base: &str, head: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read as _, Write as _};
    let addr = base.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    // the request ends here: a body shorter than announced is seen at once
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn raw_get(base: &str, target: &str) -> (u16, String) {
    raw(
        base,
        &format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"),
        b"",
    )
}

/// The number of quads in the store, by the endpoint.
fn quad_count(http: &Client, base: &str) -> u64 {
    let r = http
        .get(format!("{base}/sparql"))
        .header(ACCEPT, "text/csv")
        .query(&[(
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        )])
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().unwrap().lines().nth(1).unwrap().parse().unwrap()
}

#[test]
fn request_bodies_past_the_limit_are_refused_without_being_read() {
    let help = hankegraph().args(["serve", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--max-body <BYTES>"));

    let store = sample_store("body-limit", &[]);
    let s = serve(&store, &["--max-body", "2000"]);
    let http = client();
    let url = format!("{}/sparql", s.base);
    let padded = |n: usize| format!("{CODES}\n#{}", "x".repeat(n));

    // within the limit, by both kinds of POST
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-query")
        .body(padded(1500))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    // past it, with a Content-Length
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-query")
        .body(padded(3000))
        .send()
        .unwrap();
    assert_eq!(r.status(), 413);
    assert!(r.text().unwrap().contains("limit of 2000 bytes"));
    let r = http
        .post(&url)
        .form(&[("query", padded(3000))])
        .send()
        .unwrap();
    assert_eq!(r.status(), 413);
    // past it, chunked (a body of unknown length)
    let chunked = reqwest::blocking::Body::new(std::io::Cursor::new(padded(3000).into_bytes()));
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-query")
        .body(chunked)
        .send()
        .unwrap();
    assert_eq!(r.status(), 413);
    // a small chunked body is read
    let chunked = reqwest::blocking::Body::new(std::io::Cursor::new(CODES.as_bytes().to_vec()));
    let r = http
        .post(&url)
        .header(CONTENT_TYPE, "application/sparql-query")
        .body(chunked)
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);

    // A Content-Length of a petabyte: refused at once (tiny_http, which the server used
    // before, allocated the announced length to drain it, and the allocation aborted the
    // server). Then the client streams on: the server closes the connection instead of
    // reading it all, so writing fails long before 256 MiB have gone.
    {
        use std::io::{Read as _, Write as _};
        let addr = s.base.trim_start_matches("http://");
        let mut conn = std::net::TcpStream::connect(addr).unwrap();
        conn.set_write_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        conn.write_all(
            b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-query\r\n\
Content-Length: 1000000000000000\r\n\r\n",
        )
        .unwrap();
        let mut head = [0u8; 64];
        let n = conn.read(&mut head).unwrap();
        assert!(
            String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 413"),
            "{}",
            String::from_utf8_lossy(&head[..n])
        );
        let chunk = vec![b'x'; 64 * 1024];
        let mut sent = 0usize;
        while sent < 256 << 20 {
            match conn.write(&chunk) {
                Ok(n) => sent += n,
                Err(_) => break,
            }
        }
        assert!(
            sent < 256 << 20,
            "the server read {sent} bytes of a refused body"
        );
    }
    // announced longer than sent, then the client closes: 400, not a truncated query run
    let (status, _) = raw(
        &s.base,
        "POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-query\r\n\
Content-Length: 1900\r\nConnection: close\r\n\r\n",
        CODES.as_bytes(),
    );
    assert_eq!(status, 400);

    // the server is still there and answers
    let r = http.get(&url).query(&[("query", CODES)]).send().unwrap();
    assert_eq!(r.status(), 200);
}

#[test]
fn no_route_serves_files_however_the_path_is_encoded() {
    let store = sample_store("traversal", &[]);
    let s = serve(&store, &[]);
    let secrets = ["[package]", "root:x:0:0", "hankegraph.db", "fn main"];
    for target in [
        "/project/..%2F..%2Fetc%2Fpasswd",
        "/project/..%252F..%252Fetc%252Fpasswd",
        "/project/../../Cargo.toml",
        "/organisation/../../Cargo.toml",
        "/organisation/..%2F..%2FCargo.toml",
        "/organisation/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/organisation/%252e%252e%252fCargo.toml",
        "/static/../../Cargo.toml",
        "/static/..%2f..%2fsrc%2fmain.rs",
        "/queries/..%2F..%2Fqueries%2Fsuccessors.rq",
        "/queries/../../../../etc/passwd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/Cargo.toml",
        "/src/main.rs",
        "//etc/passwd",
        "/project/S20474/../../../Cargo.toml",
        "/project/S20474%00.txt",
    ] {
        let (status, body) = raw_get(&s.base, target);
        assert!(status == 404 || status == 400, "{target}: status {status}");
        for secret in secrets {
            assert!(!body.contains(secret), "{target} shows {secret}: {body}");
        }
    }
    // and the server source opens no file by a request path: the pages come from the store
    let dir = common::root().join("src/server");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for call in ["std::fs", "File::open", "read_to_string(", "fs::read("] {
            assert!(!text.contains(call), "{} uses {call}", path.display());
        }
    }
}

#[test]
fn hostile_values_in_page_routes_are_bound_as_literals() {
    let store = sample_store("injection", &[]);
    let s = serve(&store, &[]);
    let http = client();
    let before = quad_count(&http, &s.base);
    let hostile = [
        "S20474\"} ; DROP ALL ; #",
        "S20474\" } UNION { ?s ?p ?o } #",
        "S20474> } UNION { ?s ?p ?o",
        "S20474'))) } ; CLEAR ALL ; #",
        "<http://x/y>",
        "?code",
        "S20474\\u0022) }",
    ];
    let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    for value in hostile {
        let encoded = enc(value);
        // path routes: no such project or organisation
        let path = value
            .replace(' ', "%20")
            .replace('#', "%23")
            .replace('?', "%3F");
        for route in ["/project/", "/organisation/"] {
            let (status, body) = raw_get(&s.base, &format!("{route}{path}"));
            assert_eq!(status, 404, "{route}{value}: {body}");
            assert!(!body.contains("S20877"), "{route}{value}: rows leaked");
        }
        // a named query with the value as its parameter: bound as one literal, no row
        let r = http
            .get(format!("{}/queries/successors?code={encoded}", s.base))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{value}");
        let page = r.text().unwrap();
        assert!(
            !page.contains("href=\"/project/S20877\""),
            "{value}: {page}"
        );
        // the search: a literal to look for, not query text
        let r = http
            .get(format!("{}/search?q={encoded}", s.base))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{value}");
        let page = r.text().unwrap();
        assert!(page.contains("0 matching"), "{value}: {page}");
    }
    // the same code bound plainly does give its successor: the check above can fail
    let page = http
        .get(format!("{}/queries/successors?code=S20474", s.base))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("href=\"/project/S20877\""));
    assert_eq!(quad_count(&http, &s.base), before, "the store changed");
}
