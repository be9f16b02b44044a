//! Word pairs written with a space, found by how OCR glues them: the lowercase of the two words
//! run together (`Kallaveden seurakunnan` under `kallavedenseurakunnan`).
//!
//! A run writes the same pairs over and over, so most pairs it offers are already known. A pair
//! is therefore offered as two words and the hash of its key ([`PairHash`]), computed from the
//! words as they stand; the key itself is written out only for a pair not seen before.

use hashbrown::HashTable;

/// The multiplier of the polynomial hash of a key's bytes: odd, with its bits spread.
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// The polynomial hash of some bytes, `Σ b[i]·BASE^(n-1-i)`, with `BASE^n`: the hash of two
/// texts run together follows from the hashes of each ([`PairHash::then`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairHash {
    hash: u64,
    power: u64,
}

impl PairHash {
    const EMPTY: PairHash = PairHash { hash: 0, power: 1 };

    fn push(&mut self, b: u8) {
        self.hash = self.hash.wrapping_mul(BASE).wrapping_add(u64::from(b));
        self.power = self.power.wrapping_mul(BASE);
    }

    /// The hash of some bytes.
    fn of_bytes(bytes: &[u8]) -> PairHash {
        let mut h = PairHash::EMPTY;
        for &b in bytes {
            h.push(b);
        }
        h
    }

    /// The hash of a word's lowercase (as [`str::to_lowercase`] writes it), or `None` for a word
    /// with a `Σ`, whose lowercase depends on the letters after it.
    pub fn of_lowercase(word: &str) -> Option<PairHash> {
        // Latin-1 (nearly every word) from the bytes: ASCII, and the two-byte characters from
        // U+0080 to U+00FF, whose capitals `À`–`Þ` (but `×`) lower by 0x20 in their second byte
        let b = word.as_bytes();
        let mut h = PairHash::EMPTY;
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            match (x, b.get(i + 1)) {
                (0..=0x7F, _) => {
                    h.push(x.to_ascii_lowercase());
                    i += 1;
                }
                (0xC2 | 0xC3, Some(&y)) => {
                    let capital = x == 0xC3 && (0x80..=0x9E).contains(&y) && y != 0x97;
                    h.push(x);
                    h.push(if capital { y + 0x20 } else { y });
                    i += 2;
                }
                _ => return PairHash::of_lowercase_chars(word),
            }
        }
        Some(h)
    }

    /// [`PairHash::of_lowercase`] a character at a time, for any word.
    fn of_lowercase_chars(word: &str) -> Option<PairHash> {
        if word.contains('Σ') {
            return None;
        }
        let mut h = PairHash::EMPTY;
        let mut buf = [0; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h.push(b);
            }
        }
        Some(h)
    }

    /// The hash of this text followed by `next`.
    #[must_use]
    pub fn then(self, next: PairHash) -> PairHash {
        PairHash {
            hash: self.hash.wrapping_mul(next.power).wrapping_add(next.hash),
            power: self.power.wrapping_mul(next.power),
        }
    }

    /// The value a table files a key under: the hash with its bits mixed (the low bits of a
    /// polynomial hash depend on the low bits of the bytes only).
    pub fn finish(self) -> u64 {
        let mut x = self.hash;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        x ^ (x >> 33)
    }

    /// The filed hash of the key of the pair `a b`: the lowercase of `a` and `b` run together.
    pub fn of_pair(a: &str, b: &str) -> u64 {
        match (PairHash::of_lowercase(a), PairHash::of_lowercase(b)) {
            (Some(ha), Some(hb)) => ha.then(hb).finish(),
            _ => key_hash(&key_of(a, b)),
        }
    }
}

/// The filed hash of a key, as [`PairHash::of_pair`] gives it for the words it joins.
pub fn key_hash(key: &str) -> u64 {
    PairHash::of_bytes(key.as_bytes()).finish()
}

/// The key of the pair `a b`: `format!("{a}{b}").to_lowercase()`.
pub fn key_of(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    if a.is_ascii() && b.is_ascii() {
        out.push_str(a);
        out.push_str(b);
        out.make_ascii_lowercase();
    } else if a.contains('Σ') || b.contains('Σ') {
        // the one letter whose lowercase depends on its place in the word
        out = format!("{a}{b}").to_lowercase();
    } else {
        out.extend(a.chars().chain(b.chars()).flat_map(char::to_lowercase));
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    key: String,
    spaced: String,
}

/// Word pairs by their key, the first spaced form of each key kept.
///
/// A pair is added by the hash of its key: one whose hash is here already is taken for known,
/// without comparing keys, for comparing them would visit the key of nearly every pair a run
/// offers. Two keys with one 64-bit hash (a chance of about one in 10⁹ at the most pairs a run
/// may give) would cost the second its entry; a look-up compares keys, so it never gives the
/// spaced form of another key.
#[derive(Clone, Debug, Default)]
pub struct Glued {
    /// In the order first seen.
    entries: Vec<Entry>,
    /// The hash of each entry's key, with its position in `entries`.
    table: HashTable<(u64, u32)>,
}

impl Glued {
    /// How many keys this holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when this holds no pair.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when a key with the filed hash `hash` is here.
    pub fn has_hash(&self, hash: u64) -> bool {
        self.table.find(hash, |&(h, _)| h == hash).is_some()
    }

    /// Adds the pair `a b` whose key has the filed hash `hash` ([`PairHash::of_pair`]), unless
    /// a key with that hash is here already.
    pub fn add(&mut self, hash: u64, a: &str, b: &str) {
        if self.has_hash(hash) {
            return;
        }
        let Ok(at) = u32::try_from(self.entries.len()) else {
            return;
        };
        self.entries.push(Entry {
            key: key_of(a, b),
            spaced: format!("{a} {b}"),
        });
        self.table.insert_unique(hash, (hash, at), |&(h, _)| h);
    }

    /// The spaced form of the pair whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let hash = key_hash(key);
        let &(_, at) = self.table.find(hash, |&(h, _)| h == hash)?;
        let e = self.entries.get(at as usize)?;
        (e.key == key).then_some(e.spaced.as_str())
    }

    /// The (key, spaced form) of each pair, in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|e| (e.key.as_str(), e.spaced.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &[
        "Kallaveden",
        "SEURAKUNNAN",
        "Äänekoski",
        "İÖ",
        "ΟΔΟΣ",
        "ΑΣ",
        "Σ",
        "työ-",
        "ß",
        "",
        "x",
        "ǅemal",
        "ÞÆÐØ×÷ÿµÉª",
    ];

    #[test]
    fn a_pair_hashes_as_its_key() {
        for a in WORDS {
            for b in WORDS {
                let key = format!("{a}{b}").to_lowercase();
                assert_eq!(key_of(a, b), key, "{a:?} {b:?}");
                assert_eq!(PairHash::of_pair(a, b), key_hash(&key), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_hash_of_a_lowercase_is_the_hash_of_its_bytes() {
        for c in (0..0x2000).filter_map(char::from_u32).filter(|&c| c != 'Σ') {
            for w in [format!("{c}"), format!("Ä{c}x"), format!("{c}{c}ö")] {
                assert_eq!(
                    PairHash::of_lowercase(&w),
                    Some(PairHash::of_bytes(w.to_lowercase().as_bytes())),
                    "{w:?}"
                );
                assert_eq!(
                    PairHash::of_lowercase(&w),
                    PairHash::of_lowercase_chars(&w),
                    "{w:?}"
                );
            }
        }
    }

    #[test]
    fn the_hash_of_a_text_follows_from_its_parts() {
        let text = "kallavedenseurakunnan";
        for at in 0..=text.len() {
            let (a, b) = text.split_at(at);
            let joined = PairHash::of_bytes(a.as_bytes()).then(PairHash::of_bytes(b.as_bytes()));
            assert_eq!(joined, PairHash::of_bytes(text.as_bytes()));
        }
    }

    #[test]
    fn the_first_spaced_form_of_a_key_is_kept() {
        let mut g = Glued::default();
        for (a, b) in [
            ("Kallaveden", "seurakunnan"),
            ("KALLAVEDEN", "SEURAKUNNAN"),
            ("Kallavedense", "urakunnan"),
            ("Pieksämäen", "kaupunki"),
        ] {
            g.add(PairHash::of_pair(a, b), a, b);
        }
        assert_eq!(g.len(), 2);
        assert_eq!(
            g.get("kallavedenseurakunnan"),
            Some("Kallaveden seurakunnan")
        );
        assert_eq!(g.get("pieksämäenkaupunki"), Some("Pieksämäen kaupunki"));
        assert_eq!(g.get("Pieksämäenkaupunki"), None);
        assert_eq!(g.get("kallaveden"), None);
        assert_eq!(
            g.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["kallavedenseurakunnan", "pieksämäenkaupunki"]
        );
    }

    #[test]
    fn a_key_that_shares_a_hash_is_lost_not_mistaken() {
        // a table that files every key under one hash keeps the first and finds nothing for
        // the others
        let mut g = Glued::default();
        for (a, b) in [("ab", "cd"), ("ef", "gh")] {
            g.add(7, a, b);
        }
        assert_eq!(g.iter().collect::<Vec<_>>(), [("abcd", "ab cd")]);
        assert_eq!(g.get("efgh"), None);
        let mut g = Glued::default();
        g.add(key_hash("efgh"), "ab", "cd");
        assert_eq!(g.get("efgh"), None);
        assert_eq!(g.get("abcd"), None);
    }
}
