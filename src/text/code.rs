//! Project codes: `S` and five digits, as the EURA 2014 register writes them (`S20877`).
//!
//! OCR and typing give the same code as `S 20731`, `s20129`, `S$20540`, `$20877`, `S20731:` or
//! glued to the previous word (`hankeS20474`); all of these mean `S20731` etc.

/// A project code found in text, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeMatch {
    /// The normalised code, `S` and five digits.
    pub code: String,
    /// Byte offset where the written form starts.
    pub start: usize,
    /// Byte offset just after the last digit.
    pub end: usize,
}

/// Finds every project code in `text`, in order.
///
/// ```
/// use hankegraph::text::code::find_codes;
/// let codes: Vec<_> = find_codes("S 20731, s20129 ja S$20540; $20877 (hankeS20474)")
///     .into_iter().map(|m| m.code).collect();
/// assert_eq!(codes, ["S20731", "S20129", "S20540", "S20877", "S20474"]);
/// assert!(find_codes("S208770 ja AS20877 ja 20877").is_empty());
/// ```
pub fn find_codes(text: &str) -> Vec<CodeMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // a code has five digits in a row: most texts have none, and are passed over at once
    let mut run = 0;
    if !bytes.iter().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 5
    }) {
        return out;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'S' | b's' | b'$') {
            i += 1;
            continue;
        }
        let prev = text[..i].chars().next_back();
        let boundary_ok = match prev {
            None => true,
            Some(p) if !p.is_alphanumeric() => true,
            // glued to a lowercase word: "hankeS20474"
            Some(p) => (b == b'S' && p.is_lowercase()) || b == b'$',
        };
        if !boundary_ok {
            i += 1;
            continue;
        }
        // up to two prefix characters out of S, s, $
        let mut j = i + 1;
        if j < bytes.len() && matches!(bytes[j], b'S' | b'$') {
            j += 1;
        }
        let lowercase_only = b == b's' && j == i + 1;
        if j < bytes.len() && bytes[j] == b' ' && !lowercase_only {
            j += 1;
        }
        let digits_start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() && j - digits_start < 6 {
            j += 1;
        }
        if j - digits_start == 5 && !(j < bytes.len() && bytes[j].is_ascii_digit()) {
            out.push(CodeMatch {
                code: format!("S{}", &text[digits_start..j]),
                start: i,
                end: j,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads a whole string as one project code (surrounding blanks and punctuation allowed).
///
/// ```
/// use hankegraph::text::code::parse_code;
/// assert_eq!(parse_code(" S20731: ").as_deref(), Some("S20731"));
/// assert_eq!(parse_code("S2073"), None);
/// ```
pub fn parse_code(s: &str) -> Option<String> {
    let trimmed =
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '.' | '(' | ')'));
    let found = find_codes(trimmed);
    match found.as_slice() {
        [one] if one.start == 0 && one.end == trimmed.len() => Some(one.code.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<String> {
        find_codes(s).into_iter().map(|m| m.code).collect()
    }

    #[test]
    fn written_forms() {
        for (input, want) in [
            ("S20877", "S20877"),
            ("S 20731", "S20731"),
            ("s20129", "S20129"),
            ("S$20540", "S20540"),
            ("$20877", "S20877"),
            ("S20731:", "S20731"),
            ("(S20474)", "S20474"),
            ("projektikoodi=S21315", "S21315"),
            ("$S20540", "S20540"),
            ("$ 20877", "S20877"),
        ] {
            assert_eq!(codes(input), [want], "{input}");
        }
    }

    #[test]
    fn not_codes() {
        for input in [
            "S208771",
            "S2087",
            "ESR20877",
            "s 20731 e",
            "20877",
            "Sokra",
        ] {
            let got = codes(input);
            assert!(
                got.is_empty() || input == "s 20731 e" && got.is_empty(),
                "{input}: {got:?}"
            );
        }
    }

    #[test]
    fn byte_ranges() {
        let m = &find_codes("x S$20540, y")[0];
        assert_eq!((m.start, m.end), (2, 9));
    }
}
