//! A run of documents, as `hankegraph parse` reads them: the input is split at NUL bytes into
//! files, so that cross-document steps (organisation names harmonised across the run,
//! decisions matched to cards) see several documents. Must never panic.
#![no_main]

use hankegraph::parse::{parse_inputs, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let inputs: Vec<Input> = bytes
        .split(|&b| b == 0)
        .filter(|part| !part.is_empty())
        .take(16)
        .enumerate()
        .map(|(i, part)| Input {
            file: format!("doc{i}.txt"),
            bytes: part.to_vec(),
        })
        .collect();
    let docs = parse_inputs(&inputs);
    assert_eq!(docs.len(), inputs.len(), "one document per input");
});
