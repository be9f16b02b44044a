//! The card parser on whatever the reader makes of the bytes. Must never panic.
#![no_main]

use hankegraph::card;
use hankegraph::read::{decode, normalise, split_lines};
use hankegraph::text::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = normalise(&decode(bytes).text);
    let lines = split_lines(&text);
    let mut lex = Lexicon::builtin();
    for l in &lines.lines {
        lex.add_evidence(&l.text);
    }
    let _ = card::parse(&lines, &lex);
});
