//! Bytes → text.
//!
//! Cards arrive as UTF-8 (with or without a byte-order mark), as Windows-1252 from older PDF
//! tool chains, occasionally as UTF-16 from Windows editors, and sometimes as UTF-8 that was
//! already decoded once as Windows-1252 ("mojibake": `Ã¤` for `ä`). [`decode`] picks the
//! encoding from the bytes alone and reports what it did, so that a caller can keep the note as
//! a warning beside the document.
//!
//! Decoding never fails: bytes that fit no encoding become U+FFFD and are counted.

use std::fmt;

/// The encoding [`decode`] recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 that started with a byte-order mark (stripped).
    Utf8Bom,
    /// UTF-16, little endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte-order mark.
    Utf16Be,
    /// Windows-1252 (chosen when the bytes are not valid UTF-8).
    Windows1252,
}

impl Encoding {
    /// A short lowercase name, as used in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The result of [`decode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, not yet normalised (see [`crate::read::normalise`]).
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
    /// True when the text was UTF-8 that had been mis-decoded as Windows-1252 once, and was repaired.
    pub repaired_mojibake: bool,
    /// Number of bytes or sequences that fit no encoding and became U+FFFD.
    pub replacements: usize,
    /// True when the bytes look like a binary file rather than text.
    pub binary: bool,
}

/// Windows-1252 code points for bytes 0x80–0x9F; `None` for the five undefined bytes.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Decodes one Windows-1252 byte.
fn cp1252_char(b: u8) -> Option<char> {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

/// Encodes one char as Windows-1252, if it has a code there.
fn cp1252_byte(c: char) -> Option<u8> {
    let cp = u32::from(c);
    if cp < 0x80 || (0xA0..=0xFF).contains(&cp) {
        return u8::try_from(cp).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == Some(c))
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// Decodes bytes as Windows-1252, counting undefined bytes.
fn decode_cp1252(bytes: &[u8]) -> (String, usize) {
    let mut bad = 0;
    let text = bytes
        .iter()
        .map(|&b| {
            cp1252_char(b).unwrap_or_else(|| {
                bad += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, bad)
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> (String, usize) {
    let units = bytes.chunks(2).map(|pair| {
        let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(0));
        if little_endian {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        }
    });
    let mut bad = 0;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, bad)
}

/// True when the first 64 KiB look like a binary file: NUL bytes, or more than one byte in ten
/// a control character other than tab, line feed, carriage return and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// Sequences that UTF-8 Finnish text shows after one wrong decoding as Windows-1252.
const MOJIBAKE_MARKERS: [&str; 6] = ["Ã¤", "Ã¶", "Ã„", "Ã–", "â€“", "â‚¬"];

/// Undoes one UTF-8 → Windows-1252 mis-decoding, if the text shows its marks and the repair
/// gives valid UTF-8.
fn repair_mojibake(text: &str) -> Option<String> {
    if !MOJIBAKE_MARKERS.iter().any(|m| text.contains(m)) {
        return None;
    }
    let bytes: Option<Vec<u8>> = text.chars().map(cp1252_byte).collect();
    String::from_utf8(bytes?).ok()
}

/// Decodes the bytes of a document.
///
/// ```
/// use hankegraph::read::{decode, Encoding};
/// // "Etelä-Savon ELY-keskus, 61 386 €" as Windows-1252
/// let bytes = b"Etel\xe4-Savon ELY-keskus, 61 386 \x80";
/// let d = decode(bytes);
/// assert_eq!(d.encoding, Encoding::Windows1252);
/// assert_eq!(d.text, "Etelä-Savon ELY-keskus, 61 386 €");
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding, replacements) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = String::from_utf8_lossy(rest);
        let bad = text.matches(char::REPLACEMENT_CHARACTER).count();
        (text.into_owned(), Encoding::Utf8Bom, bad)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (t, bad) = decode_utf16(rest, true);
        (t, Encoding::Utf16Le, bad)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (t, bad) = decode_utf16(rest, false);
        (t, Encoding::Utf16Be, bad)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => (t.to_owned(), Encoding::Utf8, 0),
            Err(_) => {
                let (t, bad) = decode_cp1252(bytes);
                (t, Encoding::Windows1252, bad)
            }
        }
    };
    let binary = !matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) && looks_binary(bytes);
    let repaired = if binary { None } else { repair_mojibake(&text) };
    let repaired_mojibake = repaired.is_some();
    Decoded {
        text: repaired.unwrap_or(text),
        encoding,
        repaired_mojibake,
        replacements,
        binary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("Tyä ja työ".as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "Tyä ja työ");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("Pömpeli".as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "Pömpeli");
    }

    #[test]
    fn windows_1252_dashes_and_euro() {
        let d = decode(b"2.1.2017 \x96 31.12.2017, 61 386 \x80, ty\xf6");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "2.1.2017 – 31.12.2017, 61 386 €, työ");
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn windows_1252_undefined_bytes_are_counted() {
        let d = decode(b"a\x81b\xe4");
        assert_eq!(d.text, "a\u{FFFD}bä");
        assert_eq!(d.replacements, 1);
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Työ".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b);
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "Työ");
        assert!(!d.binary);
    }

    #[test]
    fn mojibake_is_repaired() {
        let d = decode("EtelÃ¤-Savon ELY-keskus, 61 386 â‚¬".as_bytes());
        assert!(d.repaired_mojibake);
        assert_eq!(d.text, "Etelä-Savon ELY-keskus, 61 386 €");
    }

    #[test]
    fn binary_is_flagged() {
        assert!(decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]).binary);
        assert!(!decode(b"").binary);
        assert!(!decode(b"plain\ttext\r\n\x0cnext page").binary);
    }

    #[test]
    fn cp1252_round_trip_of_all_defined_bytes() {
        for b in 0u8..=255 {
            if let Some(c) = cp1252_char(b) {
                assert_eq!(cp1252_byte(c), Some(b), "byte {b:#x}");
            }
        }
    }
}
