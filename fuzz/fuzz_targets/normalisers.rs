//! The amount, date and code normalisers on arbitrary text. Must never panic, and what they
//! find must lie inside the text they were given.
#![no_main]

use hankegraph::text::amount::{find_amounts, parse_amount, Euros};
use hankegraph::text::code::{find_codes, parse_code};
use hankegraph::text::date::{find_dates, find_periods, Date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for a in find_amounts(text) {
        assert!(
            text.get(a.start..a.end).is_some(),
            "amount span outside the text"
        );
    }
    let _ = parse_amount(text);
    if let Some(e) = Euros::parse_decimal(text) {
        assert_eq!(
            Euros::parse_decimal(&e.to_decimal_string()),
            Some(e),
            "decimal round trip"
        );
    }
    for (_, start, end) in find_dates(text) {
        assert!(text.get(start..end).is_some(), "date span outside the text");
    }
    let _ = find_periods(text);
    let _ = Date::parse_xsd(text, false);
    let _ = Date::parse_xsd(text, true);
    for c in find_codes(text) {
        assert!(
            text.get(c.start..c.end).is_some(),
            "code span outside the text"
        );
    }
    let _ = parse_code(text);
});
