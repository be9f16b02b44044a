//! Bytes → text: encoding detection, mojibake repair, normalisation, line splitting (page
//! furniture, headers, columns). Must never panic, and must always give valid text.
#![no_main]

use hankegraph::read::{decode, normalise, split_lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let d = decode(bytes);
    let text = normalise(&d.text);
    let lines = split_lines(&text);
    for l in &lines.lines {
        assert!(!l.text.contains('\r'), "a CR survived normalisation");
    }
});
