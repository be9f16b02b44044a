//! Literals (docs/mapping.md §5): how each kind of value is normalised and typed.

use super::vocab::xsd;
use oxigraph::model::Literal;

/// Names, phrases, a decision body: whitespace runs to one space, trimmed; `None` when empty.
pub fn single_line(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Card sections and evidence sentences: CRLF and CR to LF, trimmed, otherwise verbatim; `None`
/// when empty.
pub fn multi_line(s: &str) -> Option<String> {
    let t = s.replace("\r\n", "\n").replace('\r', "\n");
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Finnish free text, `"…"@fi`.
pub fn fi(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "fi")
}

/// A plain `xsd:string`.
pub fn string(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// A typed literal.
fn typed(s: &str, datatype: oxigraph::model::NamedNodeRef<'_>) -> Literal {
    Literal::new_typed_literal(s, datatype)
}

/// Digits only, of the given length.
fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True for `YYYY-MM-DD` naming a real calendar day.
pub fn is_date(s: &str) -> bool {
    let mut it = s.split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return false;
    };
    match (digits(y, 4), digits(m, 2), digits(d, 2)) {
        (Some(y), Some(m), Some(d)) => d >= 1 && d <= days_in_month(y, m),
        _ => false,
    }
}

/// `"2016-09-01"^^xsd:date`, when valid.
pub fn date(s: &str) -> Option<Literal> {
    is_date(s).then(|| typed(s, xsd::DATE))
}

/// `"2019-09"^^xsd:gYearMonth` from `YYYY-MM` or a full date cut to its month; `None` when it
/// is neither.
pub fn year_month(s: &str) -> Option<Literal> {
    let s = s.trim();
    let ym = if s.len() == 10 && is_date(s) {
        &s[..7]
    } else {
        s
    };
    let mut it = ym.split('-');
    let (Some(y), Some(m), None) = (it.next(), it.next(), it.next()) else {
        return None;
    };
    match (digits(y, 4), digits(m, 2)) {
        (Some(_), Some(m)) if (1..=12).contains(&m) => Some(typed(ym, xsd::G_YEAR_MONTH)),
        _ => None,
    }
}

/// `"61386"^^xsd:decimal` from an exact decimal lexical form.
pub fn decimal(s: &str) -> Literal {
    typed(s, xsd::DECIMAL)
}

/// `"true"^^xsd:boolean`.
pub fn boolean(b: bool) -> Literal {
    typed(if b { "true" } else { "false" }, xsd::BOOLEAN)
}

/// True for an RFC 3339 UTC or offset date-time: `2025-01-31T09:30:00Z`.
pub fn is_date_time(s: &str) -> bool {
    let Some((d, t)) = s.split_once('T') else {
        return false;
    };
    if !is_date(d) {
        return false;
    }
    let (clock, zone) = if let Some(c) = t.strip_suffix('Z') {
        (c, "")
    } else if t.len() > 6 && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-') {
        t.split_at(t.len() - 6)
    } else {
        return false;
    };
    let zone_ok = zone.is_empty()
        || {
            let z = &zone[1..];
            matches!(z.split_once(':'), Some((h, m)) if digits(h, 2).is_some_and(|h| h <= 14) && digits(m, 2).is_some_and(|m| m < 60))
        };
    let (hms, frac) = match clock.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (clock, None),
    };
    let mut it = hms.split(':');
    let ok = match (it.next(), it.next(), it.next(), it.next()) {
        (Some(h), Some(m), Some(s), None) => {
            digits(h, 2).is_some_and(|h| h < 24)
                && digits(m, 2).is_some_and(|m| m < 60)
                && digits(s, 2).is_some_and(|s| s < 60)
        }
        _ => false,
    };
    ok && zone_ok && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `"…"^^xsd:dateTime`, when valid.
pub fn date_time(s: &str) -> Option<Literal> {
    is_date_time(s).then(|| typed(s, xsd::DATE_TIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_normalisation() {
        assert_eq!(
            single_line("  Etelä-Savon\n ELY-keskus\u{a0} ").as_deref(),
            Some("Etelä-Savon ELY-keskus")
        );
        assert_eq!(single_line(" \n\t "), None);
        assert_eq!(
            multi_line("\r\nrivi 1\r\nrivi  2\rrivi 3\n").as_deref(),
            Some("rivi 1\nrivi  2\nrivi 3")
        );
        assert_eq!(multi_line("\r\n"), None);
    }

    #[test]
    fn dates_and_months() {
        for (s, ok) in [
            ("2016-09-01", true),
            ("2016-02-29", true),
            ("2017-02-29", false),
            ("2016-13-01", false),
            ("2016-9-1", false),
            ("2016-09-01x", false),
            ("", false),
        ] {
            assert_eq!(is_date(s), ok, "{s}");
        }
        assert_eq!(
            year_month("2019-09").map(|l| l.to_string()),
            Some("\"2019-09\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>".to_owned())
        );
        assert_eq!(
            year_month("2019-09-15").map(|l| l.value().to_owned()),
            Some("2019-09".to_owned())
        );
        assert!(year_month("2019-13").is_none());
        assert!(year_month("syyskuu 2019").is_none());
    }

    #[test]
    fn date_times() {
        for (s, ok) in [
            ("2025-01-31T09:30:00Z", true),
            ("2025-01-31T09:30:00.123Z", true),
            ("2025-01-31T09:30:00+02:00", true),
            ("2025-01-31T24:30:00Z", false),
            ("2025-01-31 09:30:00Z", false),
            ("2025-01-31T09:30Z", false),
            ("2025-01-31T09:30:00", false),
            ("now", false),
        ] {
            assert_eq!(is_date_time(s), ok, "{s}");
        }
    }
}
