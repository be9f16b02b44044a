//! Money amounts as Finnish documents write them.
//!
//! `61 386 €`, `501920 euroa`, `123 456,78 €`, `67 704 e`, `12.923 euroa` (dot for thousands),
//! `1.234,50`, `12 923 euron`. Amounts are kept in cents, so that no float rounding touches them.

use serde::{Serialize, Serializer};
use std::fmt;

/// An amount of euros, exact to the cent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Euros {
    cents: i64,
}

impl Euros {
    /// An amount from whole cents.
    pub fn from_cents(cents: i64) -> Self {
        Euros { cents }
    }

    /// The amount in cents.
    pub fn cents(self) -> i64 {
        self.cents
    }

    /// The amount as an `xsd:decimal` lexical form: `61386` or `123456.78`.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        if abs.is_multiple_of(100) {
            format!("{sign}{}", abs / 100)
        } else {
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }

    /// Reads an `xsd:decimal` lexical form (`61386`, `123456.78`, `-5.5`, `+7.`), the inverse
    /// of [`Euros::to_decimal_string`]. `None` for anything else, for more than two decimals
    /// that are not zeros, and for amounts beyond the range of cents.
    ///
    /// ```
    /// use hankegraph::text::amount::Euros;
    /// assert_eq!(Euros::parse_decimal("123456.78"), Some(Euros::from_cents(12_345_678)));
    /// assert_eq!(Euros::parse_decimal("61386"), Some(Euros::from_cents(6_138_600)));
    /// assert_eq!(Euros::parse_decimal("1.5"), Some(Euros::from_cents(150)));
    /// assert_eq!(Euros::parse_decimal("1.505"), None);
    /// assert_eq!(Euros::parse_decimal("12 923"), None);
    /// ```
    pub fn parse_decimal(s: &str) -> Option<Self> {
        let (negative, digits) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        if !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let (kept, rest) = frac.split_at(frac.len().min(2));
        if rest.bytes().any(|b| b != b'0') {
            return None;
        }
        let mut cents: i64 = 0;
        for b in whole
            .bytes()
            .chain(kept.bytes())
            .chain("00"[kept.len()..].bytes())
        {
            cents = cents.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        Some(Euros::from_cents(if negative { -cents } else { cents }))
    }
}

impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} €", self.to_decimal_string())
    }
}

impl Serialize for Euros {
    /// A JSON number: an integer when there are no cents.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.cents % 100 == 0 {
            s.serialize_i64(self.cents / 100)
        } else {
            // two decimals are exact enough in f64 for any realistic amount
            #[allow(clippy::cast_precision_loss)]
            let v = self.cents as f64 / 100.0;
            s.serialize_f64(v)
        }
    }
}

/// An amount found in text, with its byte range and whether a currency marked it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountMatch {
    /// The amount.
    pub value: Euros,
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset after the number, or after the currency when there is one.
    pub end: usize,
    /// True when `€`, `e`, `eur`, `euro`, `euroa`, `euron` or `euroon` follows.
    pub has_currency: bool,
}

fn digits_at(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Reads a number starting at byte `i` (a digit). Returns (cents, end).
fn number_at(text: &str, i: usize) -> Option<(i64, usize)> {
    let b = text.as_bytes();
    let first = digits_at(b, i);
    if first == 0 {
        return None;
    }
    let mut units: i64 = text[i..i + first].parse().ok()?;
    let mut j = i + first;
    // thousands groups: ' ' or '.' then exactly three digits
    if first <= 3 {
        loop {
            let sep = b.get(j).copied();
            if !matches!(sep, Some(b' ' | b'.')) {
                break;
            }
            let n = digits_at(b, j + 1);
            if n != 3 {
                break;
            }
            // "1.3.2017" is a date, not 1 032 017
            if sep == Some(b'.') && b.get(j + 4) == Some(&b'.') {
                break;
            }
            units = units
                .checked_mul(1000)?
                .checked_add(text[j + 1..j + 4].parse().ok()?)?;
            j += 4;
        }
    }
    let mut cents = units.checked_mul(100)?;
    if b.get(j) == Some(&b',') {
        let n = digits_at(b, j + 1);
        if n == 1 || n == 2 {
            let frac: i64 = text[j + 1..j + 1 + n].parse().ok()?;
            cents += if n == 1 { frac * 10 } else { frac };
            j += 1 + n;
        }
    }
    Some((cents, j))
}

/// Length of a currency marker at `i` (after optional spaces), if any.
fn currency_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let trimmed = rest.trim_start_matches(' ');
    let skipped = rest.len() - trimmed.len();
    if skipped > 2 {
        return None;
    }
    if trimmed.starts_with('€') {
        return Some(skipped + '€'.len_utf8());
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    match word.as_str() {
        "e" | "eur" | "euro" | "euroa" | "euron" | "euroon" | "euroksi" | "eurolla" => {
            Some(skipped + word.len())
        }
        _ => None,
    }
}

/// Finds every amount in `text`: numbers not part of a date or a code, with the currency that
/// follows them if any.
///
/// ```
/// use hankegraph::text::amount::find_amounts;
/// let v: Vec<i64> = find_amounts("61 386 €, 501920 euroa, 123 456,78 €, 67 704 e, 12.923 euroa, 1.234,50")
///     .iter().map(|m| m.value.cents()).collect();
/// assert_eq!(v, [6_138_600, 50_192_000, 12_345_678, 6_770_400, 1_292_300, 123_450]);
/// ```
pub fn find_amounts(text: &str) -> Vec<AmountMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let prev = text[..i].chars().next_back();
        if prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '$')) {
            i += digits_at(b, i).max(1);
            continue;
        }
        let Some((cents, end)) = number_at(text, i) else {
            i += digits_at(b, i).max(1);
            continue;
        };
        // a date or a period ("1.3.2017", "1.3.-"): skip the whole run
        if matches!(b.get(end), Some(b'.' | b'-')) && b.get(end + 1).is_some_and(u8::is_ascii_digit)
            || b.get(end) == Some(&b'.') && b.get(end + 1) == Some(&b'-')
        {
            i = end + 1;
            continue;
        }
        let (end, has_currency) = match currency_at(text, end) {
            Some(n) => (end + n, true),
            None => (end, false),
        };
        out.push(AmountMatch {
            value: Euros::from_cents(cents),
            start: i,
            end,
            has_currency,
        });
        i = end.max(i + 1);
    }
    out
}

/// Reads a whole string as one amount (currency optional).
///
/// ```
/// use hankegraph::text::amount::parse_amount;
/// assert_eq!(parse_amount("67 704 e").map(|a| a.cents()), Some(6_770_400));
/// assert_eq!(parse_amount("noin 5 000 €"), None);
/// ```
pub fn parse_amount(s: &str) -> Option<Euros> {
    let t = s.trim().trim_end_matches(['.', ',', ';']);
    match find_amounts(t).as_slice() {
        [one] if one.start == 0 && one.end == t.len() => Some(one.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        for (input, cents) in [
            ("61 386 €", 6_138_600),
            ("501920 euroa", 50_192_000),
            ("123 456,78 €", 12_345_678),
            ("67 704 e", 6_770_400),
            ("12.923 euroa", 1_292_300),
            ("1.234,50", 123_450),
            ("12 923 euron", 1_292_300),
            ("47 126€", 4_712_600),
            ("5,5 €", 550),
            ("1 000 000 EUR", 100_000_000),
        ] {
            assert_eq!(
                parse_amount(input).map(Euros::cents),
                Some(cents),
                "{input}"
            );
        }
    }

    #[test]
    fn dates_and_codes_are_not_amounts() {
        assert!(find_amounts("2.1.2017 – 31.12.2017").is_empty());
        assert!(find_amounts("1.3.-30.11.2018").is_empty());
        assert!(find_amounts("S20877").is_empty());
        assert!(find_amounts("TL5-hankkeet").is_empty());
    }

    #[test]
    fn decimal_strings() {
        assert_eq!(Euros::from_cents(6_138_600).to_decimal_string(), "61386");
        assert_eq!(
            Euros::from_cents(12_345_678).to_decimal_string(),
            "123456.78"
        );
        assert_eq!(Euros::from_cents(5).to_decimal_string(), "0.05");
    }

    #[test]
    fn json_numbers() {
        assert_eq!(
            serde_json::to_string(&Euros::from_cents(6_138_600))
                .ok()
                .as_deref(),
            Some("61386")
        );
        assert_eq!(
            serde_json::to_string(&Euros::from_cents(12_345_678))
                .ok()
                .as_deref(),
            Some("123456.78")
        );
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        assert!(find_amounts("999 999 999 999 999 999 999 999 €").len() <= 8);
        assert_eq!(parse_amount("99999999999999999999999 €"), None);
    }
}
