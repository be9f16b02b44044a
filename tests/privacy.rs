//! Personal data never reaches the store: the whole graph of the test corpus (seeds, sample
//! corpus, fixtures) is scanned for e-mail addresses, phone numbers, and the names of the
//! officials that the decisions give as contacts (`Maija Esimerkki puh. 040 …`).
//!
//! The names are read from the input documents themselves (the words before `puh.` on a
//! line), so a new document with a new contact person is checked without changing this test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use hankegraph::parse::{expand_paths, parse_inputs, read_inputs};
use hankegraph::rdf::Provenance;
use hankegraph::store::GraphStore;
use oxigraph::model::Term;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<PathBuf> {
    let dirs = vec![
        root().join("../shared/seeds"),
        root().join("data/cards"),
        root().join("data/decisions"),
        root().join("tests/fixtures/cards"),
        root().join("tests/fixtures/lineage"),
    ];
    for d in &dirs {
        assert!(d.is_dir(), "{} is missing", d.display());
    }
    dirs
}

/// Phone numbers as Finnish documents write them: `040 000 0000`, `044-718 4000`,
/// `(09) 310 1234`, `+358 40 123 4567`: a run of digits, single spaces, hyphens and brackets
/// starting with `0`, `(0` or `+358`, holding at least 7 digits.
fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '0' && (i == 0 || !chars[i - 1].is_alphanumeric())
            || chars[i] == '(' && chars.get(i + 1) == Some(&'0')
            || chars[i..].starts_with(&['+', '3', '5', '8']);
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits += 1;
            } else if matches!(c, ' ' | '-' | '(' | ')' | '+')
                && chars[j + 1..]
                    .iter()
                    .take(2)
                    .find(|n| !matches!(n, ' ' | '-' | '(' | ')'))
                    .is_some_and(char::is_ascii_digit)
            {
            } else {
                break;
            }
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        // a business ID (Y-tunnus, `0201256-6`) is not a phone number
        let business_id = chars.len() >= i + 9
            && chars[i + 7] == '-'
            && (i..i + 9).all(|k| k == i + 7 || chars[k].is_ascii_digit())
            && !chars.get(i + 9).is_some_and(char::is_ascii_digit);
        if business_id {
            i += 9;
            continue;
        }
        // a longer run of digits is an amount or an identifier, not a phone number
        if (7..=13).contains(&digits) && !chars.get(j).is_some_and(char::is_ascii_digit) {
            found.push(run);
        }
        i = j.max(i + 1);
    }
    found
}

/// E-mail addresses, also written with `(at)` or ` at `.
fn email_addresses(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';'))
        .filter(|w| {
            let w = w.to_lowercase();
            let at = w
                .find('@')
                .or_else(|| w.find("(at)"))
                .or_else(|| w.find("[at]"));
            at.is_some_and(|a| a > 0 && w[a..].contains('.'))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_scanners_find_what_they_look_for() {
    assert_eq!(
        phone_numbers("Maija Esimerkki puh. 040 000 0000."),
        ["040 000 0000"]
    );
    assert_eq!(
        phone_numbers("p. (09) 310 1234 tai +358 40 123 4567"),
        ["(09) 310 1234", "+358 40 123 4567"]
    );
    assert_eq!(phone_numbers("044-718 4000"), ["044-718 4000"]);
    assert_eq!(
        phone_numbers("61 386 € ja 501920 euroa 1.10.2014 S20474 0123456-7 2014–2020"),
        Vec::<String>::new()
    );
    assert_eq!(
        email_addresses("etu.suku@kuopio.fi, etu.suku(at)thl.fi"),
        ["etu.suku@kuopio.fi", "etu.suku(at)thl.fi"]
    );
    assert!(email_addresses("ry:n @ 5 € hanke.fi").is_empty());
}

#[test]
fn no_personal_data_in_the_whole_graph() {
    let (files, errors) = expand_paths(&corpus());
    assert!(errors.is_empty(), "{errors:?}");
    let (inputs, errors) = read_inputs(&files);
    assert!(errors.is_empty(), "{errors:?}");

    // the contact people the documents name, and their numbers
    let mut names: Vec<String> = Vec::new();
    let mut numbers = 0;
    for input in &inputs {
        let text = String::from_utf8_lossy(&input.bytes);
        for line in text.lines() {
            if let Some(at) = line.find("puh") {
                let words: Vec<&str> = line[..at].split_whitespace().collect();
                if words.len() >= 2 {
                    names.push(words[words.len() - 2..].join(" "));
                }
            }
            numbers += phone_numbers(line).len();
        }
    }
    assert!(
        names.len() >= 5,
        "the corpus names its contact people: {names:?}"
    );
    assert!(numbers >= 5, "the corpus gives phone numbers: {numbers}");

    let store = GraphStore::in_memory().expect("store");
    for doc in parse_inputs(&inputs) {
        store.ingest(&doc, &Provenance::now()).expect("ingest");
    }
    let mut literals = 0;
    for quad in store.inner().iter() {
        let quad = quad.expect("quad");
        let Term::Literal(l) = &quad.object else {
            continue;
        };
        literals += 1;
        let v = l.value();
        assert!(
            phone_numbers(v).is_empty(),
            "a phone number in the store: {quad}"
        );
        assert!(
            email_addresses(v).is_empty(),
            "an e-mail address in the store: {quad}"
        );
        for n in &names {
            assert!(
                !v.contains(n.as_str()),
                "the contact person {n:?} in the store: {quad}"
            );
        }
    }
    assert!(
        literals > 1000,
        "the whole graph was scanned: {literals} literals"
    );
}
