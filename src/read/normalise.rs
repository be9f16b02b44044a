//! Character-level clean-up of decoded text, before any line structure is looked at.
//!
//! What PDF and OCR tools put in Finnish text that carries no meaning for us: decomposed umlauts
//! (`a` + U+0308), soft hyphens, no-break and thin spaces, zero-width characters, ligatures,
//! tabs, carriage returns and stray control characters. Form feeds (page breaks) are kept.

/// Composes a base letter with a following combining mark, for the letters Finnish uses.
fn compose(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{308}') => 'ä',
        ('o', '\u{308}') => 'ö',
        ('u', '\u{308}') => 'ü',
        ('A', '\u{308}') => 'Ä',
        ('O', '\u{308}') => 'Ö',
        ('U', '\u{308}') => 'Ü',
        ('a', '\u{30A}') => 'å',
        ('A', '\u{30A}') => 'Å',
        ('e', '\u{301}') => 'é',
        ('E', '\u{301}') => 'É',
        ('s', '\u{30C}') => 'š',
        ('z', '\u{30C}') => 'ž',
        _ => return None,
    })
}

/// Normalises characters: line endings to `\n`, tabs to a column gap of three spaces,
/// composed umlauts, ordinary spaces, no invisible characters. Form feeds stay.
///
/// ```
/// use hankegraph::read::normalise;
/// assert_eq!(normalise("Pa\u{308}a\u{308}to\u{308}s\r\nkehit\u{ad}ta\u{308}minen"), "Päätös\nkehittäminen");
/// ```
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // most of a text is printable ASCII, line feeds and form feeds, kept as they are
        let run = bytes[at..]
            .iter()
            .position(|&b| !(matches!(b, 0x20..=0x7E | b'\n' | 0x0C)))
            .unwrap_or(bytes.len() - at);
        out.push_str(&text[at..at + run]);
        at += run;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        push_normalised(&mut out, c, bytes.get(at) == Some(&b'\n'));
    }
    out
}

/// Appends one character as [`normalise`] writes it; `before_lf` says whether a line feed
/// follows it (a carriage return then adds nothing).
fn push_normalised(out: &mut String, c: char, before_lf: bool) {
    match c {
        '\r' => {
            if !before_lf {
                out.push('\n');
            }
        }
        '\t' => out.push_str("   "),
        '\u{FEFF}' | '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => {}
        '\u{A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\u{2002}' | '\u{2003}' => out.push(' '),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
        '\u{308}' | '\u{30A}' | '\u{301}' | '\u{30C}' => {
            if let Some(prev) = out.pop() {
                match compose(prev, c) {
                    Some(composed) => out.push(composed),
                    None => out.push(prev),
                }
            }
        }
        c if c.is_control() && c != '\n' && c != '\u{c}' => out.push(' '),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{normalise, push_normalised};

    /// The first form, every character through [`push_normalised`]: the oracle of the one that
    /// copies ASCII runs.
    fn normalise_by_char(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            push_normalised(&mut out, c, chars.peek() == Some(&'\n'));
        }
        out
    }

    #[test]
    fn ascii_runs_are_copied_as_the_characters_would_be() {
        // every pair of characters from a set that holds each case of the match, and a
        // pseudo-random text of them
        let set: Vec<char> = "aZ 9\n\r\t\u{c}\u{1}\u{7f}\u{80}\u{85}\u{a0}\u{ad}äÄö\u{308}\u{30a}\u{301}\u{30c}\u{feff}\u{200b}\u{2009}\u{2028}\u{fb01}\u{fb02}€"
            .chars()
            .collect();
        for &a in &set {
            for &b in &set {
                for t in [
                    format!("{a}{b}"),
                    format!("x{a}{b}y"),
                    format!("{a}\r{b}\r"),
                ] {
                    assert_eq!(normalise(&t), normalise_by_char(&t), "{t:?}");
                }
            }
        }
        let mut x: u64 = 1;
        let text: String = (0..20_000)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                set[(x >> 33) as usize % set.len()]
            })
            .collect();
        assert_eq!(normalise(&text), normalise_by_char(&text));
    }

    #[test]
    fn line_endings() {
        assert_eq!(normalise("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn spaces_and_invisibles() {
        assert_eq!(normalise("61\u{A0}386\u{202F}€\u{200B}"), "61 386 €");
        assert_eq!(normalise("a\tb"), "a   b");
        assert_eq!(normalise("\u{FEFF}x"), "x");
    }

    #[test]
    fn form_feed_is_kept_other_controls_are_not() {
        assert_eq!(normalise("a\u{c}b\u{1}c"), "a\u{c}b c");
    }

    #[test]
    fn combining_marks() {
        assert_eq!(normalise("Ita\u{308}-Suomen"), "Itä-Suomen");
        assert_eq!(normalise("\u{308}x"), "x");
    }
}
