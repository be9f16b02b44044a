//! Finnish business IDs (*Y-tunnus*): seven digits, a hyphen and a check digit.
//!
//! The check digit is computed from the seven digits with the weights 7, 9, 10, 5, 8, 4, 2:
//! the weighted sum modulo 11 is 0 (check digit 0) or 2…10 (check digit 11 − remainder); a
//! remainder of 1 is never issued. Older IDs with six digits are written with a leading zero.

use std::fmt;

/// A Y-tunnus whose check digit is right, in its canonical form `1234567-8`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct BusinessId(String);

impl BusinessId {
    /// Reads a business ID written as `1234567-8`, `123456-7` (leading zero lost) or with
    /// spaces around the hyphen; `None` when the form or the check digit is wrong.
    ///
    /// ```
    /// use hankegraph::text::business_id::BusinessId;
    /// assert_eq!(BusinessId::parse("0171450-7").unwrap().as_str(), "0171450-7");
    /// assert_eq!(BusinessId::parse(" 171450 - 7 ").unwrap().as_str(), "0171450-7");
    /// assert!(BusinessId::parse("0171450-8").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let (digits, check) = compact.split_once('-')?;
        if !(6..=7).contains(&digits.len())
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || check.len() != 1
        {
            return None;
        }
        let digits = format!("{digits:0>7}");
        let want = check_digit(&digits)?;
        (check.as_bytes().first() == Some(&want)).then(|| BusinessId(format!("{digits}-{check}")))
    }

    /// The canonical form `1234567-8`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The check digit (as an ASCII byte) of seven digits; `None` for remainder 1 or bad input.
fn check_digit(digits: &str) -> Option<u8> {
    const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];
    if digits.len() != 7 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in digits.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    match sum % 11 {
        0 => Some(b'0'),
        1 => None,
        r => u8::try_from(11 - r).ok().map(|d| b'0' + d),
    }
}

/// Every well-formed business ID in `text` (check digit right or wrong), with its byte span:
/// six or seven digits, optional spaces, a hyphen, optional spaces and one digit, not inside a
/// longer run of digits.
pub fn find_business_id_forms(text: &str) -> Vec<(String, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_digit();
        if !(boundary && b[i].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let n = j - i;
        let mut k = j;
        while k < b.len() && b[k] == b' ' {
            k += 1;
        }
        if (6..=7).contains(&n) && k < b.len() && b[k] == b'-' {
            k += 1;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            let ends = k + 1 >= b.len() || !b[k + 1].is_ascii_digit();
            if k < b.len() && b[k].is_ascii_digit() && ends {
                out.push((text[i..=k].to_owned(), i, k + 1));
                i = k + 1;
                continue;
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        for (raw, want) in [
            ("0171450-7", Some("0171450-7")),
            ("171450-7", Some("0171450-7")),
            ("0171450-6", None),
            ("1234567-1", Some("1234567-1")),
            ("1234567-2", None),
            ("12345678-1", None),
            ("1234567", None),
            ("abcdefg-1", None),
            ("", None),
        ] {
            assert_eq!(
                BusinessId::parse(raw).as_ref().map(BusinessId::as_str),
                want,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn forms_in_text() {
        let found = find_business_id_forms("Tukikohta ry (Y-tunnus 1234567-1), tili 12345678-9");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "1234567-1");
        assert!(find_business_id_forms("puh. 040 123-4567").is_empty());
    }
}
