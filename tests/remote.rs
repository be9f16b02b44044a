//! Documents fetched over HTTP (`ingest URL`) from a server the test starts, and the push
//! round trip to a real triple store (Oxigraph's server, installed by scripts/setup.sh) on
//! 127.0.0.1: the named queries give the same rows remotely as locally.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn hankegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hankegraph"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hankegraph-remote-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("hankegraph runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A document server on 127.0.0.1 for the test, answering on its own thread until dropped.
struct DocServer {
    base: String,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for DocServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn doc_server() -> DocServer {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("binds"));
    let base = format!(
        "http://{}",
        server.server_addr().to_ip().expect("an IP address")
    );
    let cards = common::root().join("data/cards");
    let srv = Arc::clone(&server);
    let thread = std::thread::spawn(move || {
        for request in srv.incoming_requests() {
            let url = request.url().to_owned();
            let redirect = |to: &str| {
                tiny_http::Response::from_string("")
                    .with_status_code(302)
                    .with_header(tiny_http::Header::from_bytes("Location", to).unwrap())
            };
            let response = if let Some(name) = url.strip_prefix("/cards/") {
                match std::fs::read(cards.join(name)) {
                    Ok(bytes) if !name.contains("..") => tiny_http::Response::from_data(bytes),
                    _ => tiny_http::Response::from_data(b"no such card".to_vec())
                        .with_status_code(404),
                }
            } else if url == "/moved" {
                redirect("/cards/S20877_pompeli.txt")
            } else if url == "/loop" {
                redirect("/loop")
            } else if url == "/to-file" {
                redirect("file:///etc/passwd")
            } else if url == "/big" {
                tiny_http::Response::from_data(vec![b'a'; 300_000])
            } else if url == "/latin1" {
                // Windows-1252 bytes, as some servers still send them
                let card = std::fs::read(cards.join("S29901_kylapolku.txt")).unwrap();
                let text = String::from_utf8(card).unwrap();
                let bytes: Vec<u8> = text
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                    .collect();
                tiny_http::Response::from_data(bytes)
            } else {
                tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
            };
            let _ = request.respond(response);
        }
    });
    DocServer {
        base,
        server,
        thread: Some(thread),
    }
}

#[test]
fn ingest_fetches_urls_keeps_their_source_and_reports_the_failures() {
    let docs = doc_server();
    let dir = tmpdir("ingest-url");
    let store = dir.join("store");
    let b = &docs.base;
    let out = run(hankegraph()
        .args([
            "ingest",
            "--max-bytes",
            "200000",
            "--max-redirects",
            "3",
            "--store",
        ])
        .arg(&store)
        .arg(format!("{b}/cards/S20474_petosen-osallisuushanke.txt"))
        .arg(format!("{b}/moved"))
        .arg(format!("{b}/latin1"))
        .arg(format!("{b}/missing"))
        .arg(format!("{b}/loop"))
        .arg(format!("{b}/to-file"))
        .arg(format!("{b}/big"))
        .arg("ftp://example.invalid/card.txt")
        .arg(common::root().join("data/cards/S20129_soppi.txt")));
    // the failures make the exit code 1, the rest is ingested
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "/missing: HTTP 404",
        "/loop",
        "redirect",
        "/to-file",
        "/big: the document is larger than the limit of 200000 bytes",
        "only http and https",
    ] {
        assert!(err.contains(expected), "{expected:?} in {err}");
    }
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("documents: 4 read, 4 added"), "{report}");

    // the source URL is in the provenance; a file has none
    let q = "PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX hg: <https://w3id.org/hankegraph/ontology#>
        SELECT ?file ?source WHERE { ?d hg:fileName ?file OPTIONAL { ?d dcterms:source ?source } } ORDER BY ?file";
    let rows = stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--sparql", q])));
    assert!(
        rows.contains(&format!(
            "S20474_petosen-osallisuushanke.txt,{b}/cards/S20474_petosen-osallisuushanke.txt"
        )),
        "{rows}"
    );
    assert!(rows.contains(&format!("moved,{b}/moved")), "{rows}");
    assert!(rows.contains("S20129_soppi.txt,\r\n"), "{rows}");
    // the redirected card and the Windows-1252 card were parsed like files
    let codes = stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--sparql", "PREFIX hg: <https://w3id.org/hankegraph/ontology#> SELECT DISTINCT ?code WHERE { ?p hg:projectCard ?d ; hg:projectCode ?code } ORDER BY ?code"])));
    assert_eq!(codes, "code\r\nS20129\r\nS20474\r\nS20877\r\nS29901\r\n");
    let names = stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--sparql", "PREFIX hg: <https://w3id.org/hankegraph/ontology#> PREFIX schema: <http://schema.org/> SELECT ?name WHERE { ?p hg:projectCode \"S29901\" ; schema:name ?name }"])));
    assert!(
        !names.contains('\u{FFFD}') && names.lines().count() == 2,
        "{names}"
    );
}

/// Oxigraph's server, or None outside CI when it is missing.
fn oxigraph_server() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("HANKEGRAPH_OXIGRAPH").map(PathBuf::from),
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cache/hankegraph/oxigraph-venv/bin/oxigraph")),
        Some(PathBuf::from("oxigraph")),
    ];
    for c in candidates.into_iter().flatten() {
        if Command::new(&c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(c);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Oxigraph's server is missing in CI: scripts/setup.sh installs it"
    );
    eprintln!("Oxigraph's server not found (bash scripts/setup.sh installs it): skipping the push round trip");
    None
}

/// A triple store running on 127.0.0.1, stopped when dropped.
struct TripleStore {
    child: Child,
    base: String,
}

impl Drop for TripleStore {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn start_triple_store(program: &Path, dir: &Path) -> TripleStore {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(program)
        .args(["serve", "--union-default-graph", "--location"])
        .arg(dir)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the triple store starts");
    let store = TripleStore { child, base };
    let http = reqwest::blocking::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ok = http
            .get(format!("{}/query", store.base))
            .query(&[("query", "ASK {}")])
            .send()
            .is_ok_and(|r| r.status().is_success());
        if ok {
            break;
        }
        assert!(Instant::now() < deadline, "the triple store did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    store
}

fn query_csv(store: &Path, endpoint: Option<&str>, name: &str, params: &[&str]) -> String {
    let mut cmd = hankegraph();
    cmd.args(["query", name, "--format", "csv", "--store"])
        .arg(store);
    for p in params {
        cmd.args(["--param", p]);
    }
    if let Some(e) = endpoint {
        cmd.args(["--endpoint", e]);
    }
    stdout(&run(&mut cmd))
}

fn remote_count(endpoint: &str, store: &Path) -> String {
    stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .args(["--endpoint", endpoint, "--sparql", "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"])))
}

#[test]
fn push_round_trip_to_a_real_triple_store() {
    let Some(program) = oxigraph_server() else {
        return;
    };
    let dir = tmpdir("push");
    let remote = start_triple_store(&program, &dir.join("remote"));
    let store = dir.join("store");
    let root = common::root();
    stdout(&run(hankegraph()
        .args(["ingest", "--store"])
        .arg(&store)
        .arg(root.join("data/cards"))
        .arg(root.join("data/decisions"))));
    let local_quads = stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--sparql", "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"])));

    // Graph Store Protocol, in small batches so that a graph takes several requests
    let gsp = format!("{}/store", remote.base);
    let pushed = stdout(&run(hankegraph()
        .args(["push", "--batch", "200", "--store"])
        .arg(&store)
        .args(["--graph-store", &gsp])));
    assert!(pushed.starts_with("pushed "), "{pushed}");
    let endpoint = format!("{}/query", remote.base);
    assert_eq!(remote_count(&endpoint, &store), local_quads);

    // the same rows remotely as locally
    for (name, params) in [
        ("lineage-edges", &[][..]),
        ("successors", &["code=S20474"][..]),
        ("predecessors", &["code=S20877"][..]),
        ("summary", &[][..]),
    ] {
        let local = query_csv(&store, None, name, params);
        let far = query_csv(&store, Some(&endpoint), name, params);
        assert!(local.lines().count() > 1, "{name} gives rows");
        assert_eq!(far, local, "{name} {params:?}");
    }

    // pushing again replaces rather than duplicates, by both protocols
    stdout(&run(hankegraph()
        .args(["push", "--store"])
        .arg(&store)
        .args(["--graph-store", &gsp])));
    assert_eq!(remote_count(&endpoint, &store), local_quads);
    let by_update = stdout(&run(hankegraph()
        .args(["push", "--batch", "500", "--store"])
        .arg(&store)
        .args(["--endpoint", &format!("{}/update", remote.base)])));
    assert!(by_update.contains("SPARQL Update"), "{by_update}");
    assert_eq!(remote_count(&endpoint, &store), local_quads);
    assert_eq!(
        query_csv(&store, Some(&endpoint), "lineage-edges", &[]),
        query_csv(&store, None, "lineage-edges", &[])
    );
}

#[test]
fn push_retries_transient_failures_and_reports_what_failed() {
    // a store that fails every first attempt with 503, and refuses one graph for good
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("binds"));
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let calls = Arc::new(AtomicUsize::new(0));
    let (srv, seen) = (Arc::clone(&server), Arc::clone(&calls));
    let thread = std::thread::spawn(move || {
        let mut tried = std::collections::BTreeSet::new();
        for mut request in srv.incoming_requests() {
            seen.fetch_add(1, Ordering::SeqCst);
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            let url = request.url().to_owned();
            let status = if url.contains("ontology") {
                400
            } else if tried.insert(url) {
                503
            } else {
                204
            };
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    let dir = tmpdir("retries");
    let store = dir.join("store");
    stdout(&run(hankegraph()
        .args(["ingest", "--store"])
        .arg(&store)
        .arg(
            common::root().join("data/cards/S20474_petosen-osallisuushanke.txt"),
        )));
    let out = run(hankegraph()
        .args(["push", "--retries", "2", "--store"])
        .arg(&store)
        .args(["--graph-store", &format!("{base}/store")]));
    server.unblock();
    let _ = thread.join();
    assert_eq!(out.status.code(), Some(1), "one graph failed");
    let report = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("pushed 2 graphs"), "{report}");
    assert!(report.contains("retries"), "{report}");
    assert!(report.contains("(2 retries"), "{report}");
    assert!(
        err.contains("graph https://w3id.org/hankegraph/graph/ontology not pushed")
            && err.contains("HTTP 400"),
        "{err}"
    );
    assert!(calls.load(Ordering::SeqCst) >= 4);
}

#[test]
fn ingest_reports_each_misbehaving_server_and_ingests_the_rest() {
    use common::server::{Reply, Server};
    use std::collections::HashMap;
    let card = std::fs::read(common::root().join("data/cards/S20474_petosen-osallisuushanke.txt"))
        .unwrap();
    let mut routes = HashMap::new();
    routes.insert("GOOD".to_owned(), Reply::Page(card));
    // 1000 bytes announced, one every 200 ms: past the 2 s time limit
    routes.insert(
        "TRICKLE".to_owned(),
        Reply::Trickle(Duration::from_millis(200)),
    );
    routes.insert("ENDLESS".to_owned(), Reply::Endless);
    // a card cut off after its first line, 5000 bytes announced
    routes.insert(
        "SHORT".to_owned(),
        Reply::Short(5000, b"HANKEKORTTI\nHankkeen nimi: puolikas".to_vec()),
    );
    for (code, to) in [
        ("TOFILE", "file:///etc/passwd"),
        ("TOFTP", "ftp://127.0.0.1/card.txt"),
        ("LOOP", "/rrtiepa/projekti.php?projektikoodi=LOOP"),
    ] {
        routes.insert(code.to_owned(), Reply::Redirect(to.to_owned()));
    }
    let server = Server::start(routes);
    let dir = tmpdir("misbehaving");
    let store = dir.join("store");
    let started = Instant::now();
    let out = run(hankegraph()
        .args([
            "ingest",
            "--fetch-timeout",
            "2",
            "--max-bytes",
            "100000",
            "--store",
        ])
        .arg(&store)
        .args(
            [
                "TRICKLE", "ENDLESS", "SHORT", "TOFILE", "TOFTP", "LOOP", "GOOD",
            ]
            .map(|c| server.url(c)),
        ));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // generous: the trickle alone would take 200 s
    assert!(started.elapsed() < Duration::from_secs(100), "{err}");
    for (code, expected) in [
        ("TRICKLE", "did not arrive within"),
        ("ENDLESS", "larger than the limit of 100000 bytes"),
        ("SHORT", "reading"),
        ("TOFILE", "only http and https"),
        ("TOFTP", "only http and https"),
        ("LOOP", "redirect"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("projektikoodi={code}")))
            .unwrap_or_else(|| panic!("{code} not reported: {err}"));
        assert!(line.contains(expected), "{code}: {line}");
    }
    assert!(server.hits("LOOP") <= 7, "{} requests", server.hits("LOOP"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("documents: 1 read, 1 added"), "{report}");
    let codes = stdout(&run(hankegraph()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--sparql", "PREFIX hg: <https://w3id.org/hankegraph/ontology#> SELECT DISTINCT ?code WHERE { ?p hg:projectCard ?d ; hg:projectCode ?code } ORDER BY ?code"])));
    assert_eq!(codes, "code\r\nS20474\r\n");
}
