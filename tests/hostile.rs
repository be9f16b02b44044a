//! Inputs nobody should send, which people will: each has a defined outcome, and nothing panics.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{parse_run, seed};

fn one(bytes: Vec<u8>) -> hankegraph::Document {
    parse_run(&[("hostile.txt".to_owned(), bytes)]).remove(0)
}

fn codes(d: &hankegraph::Document) -> Vec<&str> {
    d.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn empty_and_blank() {
    for bytes in [
        Vec::new(),
        b"\n\n   \r\n\x0c\n".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
    ] {
        let d = one(bytes);
        assert_eq!(d.kind, hankegraph::Kind::Unknown);
        assert_eq!(codes(&d), ["empty"]);
    }
}

#[test]
fn binary_is_skipped_with_a_reason() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u8..=255).cycle().take(4096));
    let d = one(png);
    assert_eq!(
        (d.kind, codes(&d)),
        (hankegraph::Kind::Unknown, vec!["binary"])
    );
}

#[test]
fn invalid_utf8_that_is_not_cp1252_either() {
    // 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in Windows-1252
    let d = one(b"Hankekortti \x81\x8d\x8f\x90\x9d ja muuta".to_vec());
    assert!(codes(&d).contains(&"windows-1252"));
    assert!(codes(&d).contains(&"undecodable"), "{:?}", codes(&d));
}

#[test]
fn random_bytes_never_panic() {
    // a deterministic xorshift stream: text-like, binary-like, and card fragments mixed
    let (_, card) = seed("000");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..300 {
        let mut bytes = Vec::new();
        let len = (round * 37) % 3000;
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let b = (x & 0xff) as u8;
            match round % 3 {
                0 => bytes.push(b),
                1 => bytes.push(
                    b" aeiouAEIOUstln\n.,-:S$0123456789\xe4\xf6\x96\x80\x0c"[(b % 36) as usize],
                ),
                _ => {
                    let at = (x as usize >> 8) % card.len();
                    bytes.extend_from_slice(&card[at..(at + (b as usize)).min(card.len())]);
                }
            }
        }
        let _ = one(bytes);
    }
}

#[test]
fn deeply_repeated_labels() {
    let mut text =
        String::from("Hankekortti, Euroopan sosiaalirahaston toimintalinja 5\nS20877, Nimi\n");
    for _ in 0..20_000 {
        text.push_str("Toteuttajat\nTavoitteet\nHankkeen tausta\nVarsinaiset kohderyhmät\n");
    }
    let d = one(text.into_bytes());
    assert_eq!(d.kind, hankegraph::Kind::Card);
}

#[test]
fn ten_thousand_links() {
    let (_, card) = seed("004");
    let mut text = String::from_utf8(card).expect("utf-8");
    for i in 0..10_000 {
        text.push_str(&format!(
            "https://example.org/{i}?projektikoodi=S{:05}\n",
            20_000 + i % 5000
        ));
    }
    let d = one(text.into_bytes());
    let c = d.card.as_ref().expect("still a card");
    assert_eq!(c.links.len(), 10_000 + 7);
    assert_eq!(c.successors, ["S21315", "S21336"]);
}

#[test]
fn one_line_of_ten_megabytes() {
    let line: String =
        "Toimintaa jatketaan hankkeessa X (S21000) ja mm. kerhot. ".repeat(10 * 1024 * 1024 / 57);
    let d = one(line.into_bytes());
    assert!(matches!(
        d.kind,
        hankegraph::Kind::Unknown | hankegraph::Kind::Decision | hankegraph::Kind::Card
    ));
}

#[test]
fn fifty_megabytes_parse() {
    // a card whose remarks section runs on for 50 MB: bounded work, the card still read
    let (_, card) = seed("000");
    let mut text = String::from_utf8(card).expect("utf-8");
    let filler = "Lisäksi havaittiin, että osallistujat hyötyivät toiminnasta monin tavoin.\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(filler);
    }
    let d = one(text.into_bytes());
    let c = d.card.as_ref().expect("a card");
    assert_eq!(c.code.as_deref(), Some("S20877"));
    assert_eq!(c.predecessors, ["S20474"]);
}

#[test]
fn documentation_files_are_not_decisions() {
    // regression: data/README.md and data/truth.json mention decision bodies and amounts
    for name in ["data/README.md", "data/truth.json"] {
        let bytes = std::fs::read(common::root().join(name)).expect("shipped file");
        let d = one(bytes);
        assert_eq!(d.kind, hankegraph::Kind::Unknown, "{name}");
    }
}

/// A card whose link list mixes web links with `javascript:`, `file:` and `data:` links and
/// markup: the web links are kept (cut before the markup), the rest is refused with a warning
/// that shows it, the prose sections do not swallow the list, and no refused link reaches the
/// store, as an IRI or otherwise.
#[test]
fn a_link_list_with_hostile_schemes() {
    let card =
        std::fs::read_to_string(common::root().join("tests/fixtures/lineage/S29983_myohainen.txt"))
            .expect("fixture card");
    let own = "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29983";
    assert!(card.contains(own));
    let hostile = card.replace(
        &format!("{own}\n"),
        &format!(
            "{own}\njavascript:alert(document.cookie)//projektikoodi=S29984\nfile:///etc/passwd\n\
             https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29986\" onclick=\"alert(1)\n\
             data:text/html,<script>alert(1)</script>\n"
        ),
    );
    let d = one(hostile.into_bytes());
    let c = d.card.as_ref().expect("still a card");
    assert_eq!(
        c.links,
        [
            own,
            "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S29986"
        ]
    );
    let refused = d
        .warnings
        .iter()
        .find(|w| w.code == "link-refused")
        .expect("a link-refused warning");
    for bad in [
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        "onclick",
        "data:text/html",
    ] {
        assert!(
            refused.message.contains(bad),
            "{bad} is reported: {}",
            refused.message
        );
    }
    let sections = format!("{:?}", c.sections);
    assert!(
        !sections.contains("javascript:") && !sections.contains("eura2014"),
        "the link list stays out of the prose: {sections}"
    );

    let store = hankegraph::store::GraphStore::in_memory().expect("store");
    store
        .ingest(&d, &hankegraph::rdf::Provenance::now())
        .expect("ingest");
    // the refused text survives only as the warning's literal; no IRI carries it
    let mut links = 0;
    for quad in store.inner().iter() {
        let quad = quad.expect("quad");
        let iris = [
            Some(quad.subject.to_string()),
            Some(quad.predicate.to_string()),
            matches!(quad.object, oxigraph::model::Term::NamedNode(_))
                .then(|| quad.object.to_string()),
            Some(quad.graph_name.to_string()),
        ];
        for iri in iris.into_iter().flatten() {
            assert!(
                iri.starts_with("<http://")
                    || iri.starts_with("<https://")
                    || iri.starts_with("_:")
                    || iri == "DEFAULT",
                "an IRI of a refused scheme: {iri}"
            );
            assert!(
                !iri.contains("onclick") && !iri.contains('"'),
                "markup in an IRI: {iri}"
            );
        }
        links += usize::from(quad.predicate.as_str().ends_with("#link"));
    }
    assert_eq!(links, 2, "the two web links are stored");
}
