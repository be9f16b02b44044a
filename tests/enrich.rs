//! `hankegraph enrich` against a register served from 127.0.0.1: official facts, the cache,
//! failures, personal data, entity resolution by Y-tunnus. No test reaches the internet.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::server::{to_cp1252, Reply, Server};
use hankegraph::rdf::{register_graph, RegisterFetch};
use hankegraph::register::{scrub_personal_data, RegisterOrganisation, RegisterPage};
use hankegraph::store::{cell, Answer, GraphStore, RegisterOutcome};
use hankegraph::text::business_id::BusinessId;
use oxigraph::model::{Literal, Term};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn hankegraph() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hankegraph"));
    c.env_remove("HANKEGRAPH_STORE")
        .env_remove("HANKEGRAPH_REGISTER_URL");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hankegraph-enrich-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn fixture(code: &str) -> Vec<u8> {
    std::fs::read(common::root().join(format!("tests/fixtures/register/{code}.html")))
        .expect("fixture page")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn show(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        stdout(out),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `enrich` with test-sized timeouts against `server`.
fn enrich(store: &Path, cache: &Path, server: &Server, args: &[&str]) -> Output {
    hankegraph()
        .arg("enrich")
        .arg("--store")
        .arg(store)
        .arg("--cache")
        .arg(cache)
        .args(["--base-url", &server.base_url()])
        .args([
            "--rate",
            "200",
            "--timeout",
            "1",
            "--retries",
            "2",
            "--backoff-ms",
            "20",
        ])
        .args(args)
        .output()
        .expect("runs")
}

/// The register, as the seed corpus needs it, with one scripted difficulty per page.
fn seed_register() -> Server {
    let mut routes = HashMap::new();
    for code in ["S20877", "S20474", "S21315", "S21336"] {
        routes.insert(code.to_owned(), Reply::Page(fixture(code)));
    }
    routes.insert("S20129".into(), Reply::FailThen(500, 1, fixture("S20129")));
    routes.insert(
        "S20220".into(),
        Reply::SlowThen(Duration::from_millis(2500), 1, fixture("S20220")),
    );
    routes.insert("S20731".into(), Reply::Page(fixture("S20731")));
    let page = String::from_utf8(fixture("S20540")).expect("fixture is UTF-8");
    routes.insert("S20540".into(), Reply::Page(to_cp1252(&page)));
    Server::start(routes)
}

fn select(store: &GraphStore, sparql: &str, params: &[(&str, &str)]) -> Vec<Vec<String>> {
    let params: Vec<(String, Term)> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Literal::new_simple_literal(*v).into()))
        .collect();
    let Answer::Table { rows, .. } = store.query(sparql, &params).expect("query runs") else {
        panic!("not a table")
    };
    rows.iter()
        .map(|r| r.iter().map(|c| cell(c.as_ref())).collect())
        .collect()
}

const FACTS: &str = r#"
PREFIX hg: <https://w3id.org/hankegraph/ontology#>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?name ?status ?start ?end ?applicant ?id ?card ?code WHERE {
  ?p hg:projectCode ?code .
  GRAPH ?reg { ?p hg:registerPage ?reg }
  OPTIONAL { GRAPH ?reg { ?p schema:name ?name } }
  OPTIONAL { GRAPH ?reg { ?p hg:projectStatus ?status } }
  OPTIONAL { GRAPH ?reg { ?p schema:startDate ?start } }
  OPTIONAL { GRAPH ?reg { ?p schema:endDate ?end } }
  OPTIONAL { GRAPH ?reg { ?p hg:projectApplicant ?applicant . ?applicant hg:businessId ?id } }
  BIND(EXISTS { ?p hg:projectCard ?d } AS ?card)
}"#;

#[test]
fn enriching_the_seed_corpus_adds_official_facts_and_the_second_run_uses_the_cache() {
    let dir = tmpdir("seeds");
    let (store_dir, cache) = (dir.join("store"), dir.join("cache"));
    let out = hankegraph()
        .arg("ingest")
        .arg("--store")
        .arg(&store_dir)
        .arg(common::seeds_dir())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", show(&out));

    let server = seed_register();
    let out = enrich(&store_dir, &cache, &server, &["--all"]);
    assert!(out.status.success(), "{}", show(&out));
    let report = stdout(&out);
    println!("first run:\n{report}");
    assert!(
        report.contains(
            "enrich: 8 projects: 8 fetched, 0 cached, 0 not found, 0 failed; register graphs: 8 added"
        ),
        "{report}"
    );
    // 500 then 200, and a first answer slower than the timeout: both retried
    for code in ["S20129", "S20220"] {
        let line = report.lines().find(|l| l.starts_with(code)).unwrap_or("");
        assert!(line.contains("fetched (2 attempts)"), "{line}");
        assert_eq!(server.hits(code), 2, "{code}");
    }
    let line = report
        .lines()
        .find(|l| l.starts_with("S20540"))
        .unwrap_or("");
    assert!(line.contains("1 warning"), "wrong encoding noted: {line}");

    {
        let store = GraphStore::open(&store_dir).expect("store opens");
        for (code, name, start, end, id, card) in [
            (
                "S20877",
                "Petosen Pömpeli",
                "2017-01-02",
                "2018-02-28",
                "1337933-9",
                "true",
            ),
            (
                "S20474",
                "Petosen osallisuushanke",
                "2016-03-01",
                "2016-12-31",
                "1337933-9",
                "false",
            ),
            (
                "S20129",
                "SOPPI – Sosiaalista osallisuutta parantavat palveluinnovaatiot seuratyössä",
                "2015-03-01",
                "2018-02-28",
                "2097320-5",
                "true",
            ),
            (
                "S21315",
                "Seurat osallisuuden tukena Oulussa",
                "2018-03-01",
                "2019-12-31",
                "2097320-5",
                "false",
            ),
            (
                "S21336",
                "Seurat osallisuuden tukena Rovaniemellä",
                "2018-04-01",
                "2020-03-31",
                "1610598-2",
                "false",
            ),
            (
                "S20220",
                "Sosiaalisen osallisuuden edistämisen koordinaatiohanke - Sokra",
                "2015-03-01",
                "2020-12-31",
                "2339600-1",
                "false",
            ),
            (
                "S20540",
                "Yhteistä ymmärrystä – lähityön malli aikuissosiaalityön areenoille",
                "2016-02-01",
                "2017-01-31",
                "1091812-2",
                "true",
            ),
        ] {
            let rows = select(&store, FACTS, &[("code", code)]);
            assert_eq!(rows.len(), 1, "{code}: {rows:?}");
            let r = &rows[0];
            assert_eq!(
                (
                    r[0].as_str(),
                    r[1].as_str(),
                    r[2].as_str(),
                    r[3].as_str(),
                    r[5].as_str(),
                    r[6].as_str()
                ),
                (name, "Päättynyt", start, end, id, card),
                "{code}"
            );
        }
        // the page missing sections gives what it has
        let rows = select(&store, FACTS, &[("code", "S20731")]);
        assert_eq!(rows[0][0], "Mennään yhdessä eteenpäin");
        assert_eq!((rows[0][2].as_str(), rows[0][4].as_str()), ("", ""));

        // one organisation per Y-tunnus, on the node the cards use
        let orgs = select(
            &store,
            "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
             SELECT ?id (COUNT(DISTINCT ?o) AS ?n) (SAMPLE(?o) AS ?org) WHERE { ?o hg:businessId ?id } GROUP BY ?id ORDER BY ?id",
            &[],
        );
        assert!(orgs.iter().all(|r| r[1] == "1"), "{orgs:?}");
        let karpat: Vec<_> = orgs.iter().filter(|r| r[0] == "2097320-5").collect();
        assert_eq!(karpat[0][2], "hgorg:oulun-karpat-46");
        let pitkalahti: Vec<_> = orgs.iter().filter(|r| r[0] == "1337933-9").collect();
        assert_eq!(pitkalahti[0][2], "hgorg:pitkalahti-petosen-asukasyhdistys");

        // the conflicts query shows the deliberate disagreements
        let conflicts = hankegraph::queries::find("register-conflicts").expect("embedded");
        let rows = select(&store, conflicts.text, &[]);
        for r in &rows {
            println!("register-conflicts: {}", r[..4].join(" | "));
        }
        let has = |code: &str, field: &str, card: &str, register: &str| {
            rows.iter()
                .any(|r| r[0] == code && r[1] == field && r[2] == card && r[3] == register)
        };
        assert!(
            has("S20877", "end", "2017-12-31", "2018-02-28"),
            "{rows:#?}"
        );
        assert!(
            has(
                "S20129",
                "name",
                "Sosiaalista osallisuutta parantavat palveluinnovaatiot seuratyössä",
                "SOPPI – Sosiaalista osallisuutta parantavat palveluinnovaatiot seuratyössä"
            ),
            "{rows:#?}"
        );
        assert!(
            has("S20540", "implementers", "", "Sulkavan kunta"),
            "{rows:#?}"
        );
        // same applicant on both sides: no implementer row for S20877
        assert!(
            !rows
                .iter()
                .any(|r| r[0] == "S20877" && r[1] == "implementers"),
            "{rows:#?}"
        );

        // personal data never reaches the store: no contact person, no e-mail address and no
        // phone number in any literal of a register graph
        let mut literals = 0;
        for q in store.inner().iter() {
            let q = q.expect("quad");
            if !q.graph_name.to_string().contains("/hankegraph/register/") {
                continue;
            }
            if let Term::Literal(l) = &q.object {
                literals += 1;
                let v = l.value();
                assert!(!v.contains('@'), "an e-mail address in the store: {v}");
                assert_eq!(scrub_personal_data(v), v, "a phone number in the store");
                for name in ["Testinen", "Oululainen"] {
                    assert!(!v.contains(name), "a contact person in the store: {v}");
                }
            }
        }
        assert!(literals > 50, "{literals}");
        let summary = select(
            &store,
            "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
             SELECT DISTINCT ?s ?code WHERE { ?p hg:projectCode ?code ; hg:planSummary ?s }",
            &[("code", "S20877")],
        );
        assert!(summary[0][0].contains("puh. [poistettu]"), "{summary:?}");
    }

    // the graph validates
    let out = hankegraph()
        .arg("validate")
        .arg("--store")
        .arg(&store_dir)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", show(&out));

    // a second run fetches nothing and changes nothing
    let before = server.total_hits();
    let out = enrich(&store_dir, &cache, &server, &["--all"]);
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(server.total_hits(), before, "{}", show(&out));
    println!("second run:\n{}", stdout(&out));
    assert!(
        stdout(&out).contains(
            "enrich: 8 projects: 0 fetched, 8 cached, 0 not found, 0 failed; register graphs: 0 added, 0 replaced, 8 unchanged"
        ),
        "{}",
        show(&out)
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failures_are_reported_per_code_and_the_rest_is_kept() {
    let dir = tmpdir("failures");
    let (store_dir, cache) = (dir.join("store"), dir.join("cache"));
    let mut routes = HashMap::new();
    routes.insert("S20474".to_owned(), Reply::Page(fixture("S20474")));
    routes.insert("S29996".to_owned(), Reply::Status(500));
    routes.insert(
        "S29997".to_owned(),
        Reply::Slow(Duration::from_millis(1500)),
    );
    let server = Server::start(routes);
    let out = enrich(
        &store_dir,
        &cache,
        &server,
        &["S29996", "S20474", "S29998", "S29997", "nonsense"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let report = stdout(&out);
    let line = |code: &str| {
        report
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        line("S29996").contains("failed")
            && line("S29996").contains("gave up after 3 attempt(s): HTTP status 500"),
        "{report}"
    );
    assert!(
        line("S29997").contains("failed") && line("S29997").contains("timed out"),
        "{report}"
    );
    assert!(line("S29998").contains("not found"), "{report}");
    assert!(line("S20474").contains("fetched"), "{report}");
    assert!(line("nonsense").contains("not a project code"), "{report}");
    assert!(
        report.contains("5 projects: 1 fetched, 0 cached, 1 not found, 3 failed"),
        "{report}"
    );
    assert_eq!(server.hits("S29996"), 3);
    {
        let store = GraphStore::open(&store_dir).expect("store opens");
        let graph = register_graph("S20474").expect("graph");
        assert!(!store.quads_in_graph(&graph).expect("quads").is_empty());
    }

    // offline: only the cache (the 404 was cached; the failures were not)
    let out = enrich(
        &store_dir,
        &cache,
        &server,
        &["--offline", "S20474", "S29998", "S29997"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let report = stdout(&out);
    assert!(
        report.contains("3 projects: 0 fetched, 1 cached, 1 not found, 1 failed"),
        "{report}"
    );
    assert!(report.contains("not in the cache (offline)"), "{report}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

fn page(code: &str, orgs: &[(&str, Option<&str>)]) -> RegisterPage {
    let mut orgs = orgs.iter().map(|(name, id)| RegisterOrganisation {
        name: (*name).to_owned(),
        business_id: id.and_then(BusinessId::parse),
        ..RegisterOrganisation::default()
    });
    RegisterPage {
        code: Some(code.to_owned()),
        name: Some(format!("Hanke {code}")),
        applicant: orgs.next(),
        co_implementers: orgs.collect(),
        ..RegisterPage::default()
    }
}

fn fetch(code: &str) -> RegisterFetch {
    RegisterFetch {
        url: format!("http://127.0.0.1/rrtiepa/projekti.php?projektikoodi={code}"),
        retrieved_at: "2025-01-31T09:30:00Z".to_owned(),
        body_sha256: "0".repeat(64),
        encoding_note: None,
    }
}

#[test]
fn the_y_tunnus_decides_which_names_are_one_organisation() {
    let store = GraphStore::in_memory().expect("store");
    // same name, different Y-tunnus: two organisations
    store
        .write_register_page(
            "S29901",
            &page("S29901", &[("Kyläyhdistys ry", Some("1337933-9"))]),
            &fetch("S29901"),
        )
        .expect("write");
    store
        .write_register_page(
            "S29902",
            &page("S29902", &[("Kyläyhdistys ry", Some("2097320-5"))]),
            &fetch("S29902"),
        )
        .expect("write");
    // other names, same Y-tunnus: one organisation
    store
        .write_register_page(
            "S29903",
            &page(
                "S29903",
                &[
                    ("Kylayhdistys r.y.", Some("2097320-5")),
                    ("Toinen nimi ry", Some("2097320-5")),
                ],
            ),
            &fetch("S29903"),
        )
        .expect("write");
    let rows = select(
        &store,
        "PREFIX hg: <https://w3id.org/hankegraph/ontology#>
         PREFIX schema: <http://schema.org/>
         SELECT ?o ?id (COUNT(DISTINCT ?n) AS ?names) WHERE { ?o hg:businessId ?id ; schema:name ?n } GROUP BY ?o ?id ORDER BY ?id",
        &[],
    );
    assert_eq!(
        rows,
        [
            vec![
                "hgorg:kylayhdistys".to_owned(),
                "1337933-9".to_owned(),
                "1".to_owned()
            ],
            vec![
                "hgorg:kylayhdistys-2097320-5".to_owned(),
                "2097320-5".to_owned(),
                "1".to_owned()
            ],
        ]
    );
    // writing the same page again changes nothing; another page replaces the graph
    let p = page("S29901", &[("Kyläyhdistys ry", Some("1337933-9"))]);
    assert_eq!(
        store
            .write_register_page("S29901", &p, &fetch("S29901"))
            .expect("write"),
        Some(RegisterOutcome::Unchanged)
    );
    let p = page(
        "S29901",
        &[("Kyläyhdistys ry", Some("1337933-9")), ("Uusi ry", None)],
    );
    assert!(matches!(
        store
            .write_register_page("S29901", &p, &fetch("S29901"))
            .expect("write"),
        Some(RegisterOutcome::Replaced { .. })
    ));
}

/// Servers that break HTTP's promises, one per code.
fn misbehaving_server() -> Server {
    let mut routes = HashMap::new();
    routes.insert("GOOD".to_owned(), Reply::Page(fixture("S20474")));
    // 1000 bytes announced, one every 200 ms: the whole-request timeout must end it
    routes.insert(
        "TRICKLE".to_owned(),
        Reply::Trickle(Duration::from_millis(200)),
    );
    routes.insert("ENDLESS".to_owned(), Reply::Endless);
    routes.insert(
        "SHORT".to_owned(),
        Reply::Short(5000, b"<html><body><h1>half a page".to_vec()),
    );
    routes.insert(
        "TOFILE".to_owned(),
        Reply::Redirect("file:///etc/passwd".to_owned()),
    );
    routes.insert(
        "TOFTP".to_owned(),
        Reply::Redirect("ftp://127.0.0.1/etc/passwd".to_owned()),
    );
    routes.insert(
        "LOOP".to_owned(),
        Reply::Redirect("/rrtiepa/projekti.php?projektikoodi=LOOP".to_owned()),
    );
    Server::start(routes)
}

#[test]
fn the_register_fetcher_refuses_what_misbehaving_servers_send() {
    use hankegraph::fetch::{Cache, FetchConfig, FetchError, Fetcher};
    let server = misbehaving_server();
    let dir = tmpdir("misbehaving-fetcher");
    let config = FetchConfig {
        timeout: Duration::from_secs(2),
        retries: 0,
        backoff: Duration::from_millis(10),
        rate_per_second: 0.0,
        max_body_bytes: 100_000,
        ..FetchConfig::default()
    };
    let mut fetcher = Fetcher::new(config, Cache::new(dir.join("cache")), true).unwrap();

    // trickling past the time limit: a timeout, reported as such
    match fetcher.fetch(&server.url("TRICKLE")) {
        Err(FetchError::GaveUp { last, .. }) => {
            assert!(last.contains("timed out"), "{last}")
        }
        other => panic!("TRICKLE: {other:?}"),
    }
    // never ending: refused at the size limit (read no further than limit + 1)
    assert!(
        matches!(
            fetcher.fetch(&server.url("ENDLESS")),
            Err(FetchError::TooLarge { limit: 100_000 })
        ),
        "ENDLESS"
    );
    // shorter than announced: a read error, not half a page taken for the whole
    match fetcher.fetch(&server.url("SHORT")) {
        Err(FetchError::GaveUp { .. }) => {}
        other => panic!("SHORT: {other:?}"),
    }
    // redirects out of http(s), and in a circle
    for code in ["TOFILE", "TOFTP"] {
        match fetcher.fetch(&server.url(code)) {
            Err(e @ FetchError::Redirect { .. }) => {
                assert!(e.to_string().contains("only http and https"), "{code}: {e}")
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    match fetcher.fetch(&server.url("LOOP")) {
        Err(e @ FetchError::Redirect { .. }) => {
            assert!(e.to_string().contains("more than 5 redirects"), "{e}")
        }
        other => panic!("LOOP: {other:?}"),
    }
    assert!(server.hits("LOOP") <= 7, "{} requests", server.hits("LOOP"));
    // and the fetcher goes on: the next page is fetched whole; nothing broken was cached
    let good = fetcher.fetch(&server.url("GOOD")).unwrap();
    assert_eq!(good.body, fixture("S20474"));
    for code in ["TRICKLE", "ENDLESS", "SHORT", "TOFILE", "LOOP"] {
        assert!(
            fetcher.cache().get(&server.url(code)).unwrap().is_none(),
            "{code} cached"
        );
    }
}
