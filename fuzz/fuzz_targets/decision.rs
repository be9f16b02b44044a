//! The co-funding decision parser on whatever the reader makes of the bytes. Must never panic.
#![no_main]

use hankegraph::decision;
use hankegraph::read::{decode, normalise, split_lines};
use hankegraph::text::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = normalise(&decode(bytes).text);
    let _ = decision::looks_like(&text);
    let lines = split_lines(&text);
    let _ = decision::parse(&lines, &Lexicon::builtin());
});
