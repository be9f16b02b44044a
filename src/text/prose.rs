//! Prose: joining wrapped lines back into text, and splitting text into sentences.

/// Words after which a line-final hyphen is a suspended compound (`tuki- ja neuvontatyö`).
const CONJUNCTIONS: &[&str] = &["ja", "tai", "sekä", "eli", "että", "taikka", "ynnä"];

/// Joins wrapped lines into one paragraph: single blanks between words, and words hyphenated at a
/// line end put back together (`kehittä-` / `mistyön` → `kehittämistyön`) unless the hyphen is part
/// of the word (`RR-` / `tietopalvelussa`, `sote-` / `toimijat`) or a suspended compound
/// (`asiointituki-` / `ja neuvontatyö`).
///
/// ```
/// use hankegraph::text::prose::join_lines;
/// assert_eq!(join_lines("Erityishuomioita, kehittä-\nmistyön ongelmia"), "Erityishuomioita, kehittämistyön ongelmia");
/// assert_eq!(join_lines("(hanke RR-\ntietopalvelussa)"), "(hanke RR-tietopalvelussa)");
/// assert_eq!(join_lines("asiointituki-\nja neuvontatyö"), "asiointituki- ja neuvontatyö");
/// ```
pub fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let mut words = line.split_whitespace();
        let Some(first_word) = words.next() else {
            continue;
        };
        join_to(&mut out, first_word);
        if line.is_ascii() && !line.contains("  ") && !line.contains(is_blank_but_space) {
            // most lines: their words with one space between them already
            out.push_str(line.trim_matches(' '));
            continue;
        }
        out.push_str(first_word);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// Ends what `out` holds so far for a line that starts with `first_word` to follow it: a blank,
/// or nothing after a word hyphenated at the line break (`kehittä-` / `mistyön`: the hyphen is
/// dropped), or the hyphen kept before a conjunction (`asiointituki-` / `ja`).
fn join_to(out: &mut String, first_word: &str) {
    if out.is_empty() {
        return;
    }
    if !out.ends_with('-') || out.ends_with(" -") {
        out.push(' ');
        return;
    }
    // the letters before the hyphen: how long, and whether all lowercase
    let (mut frag_letters, mut frag_plain) = (0, true);
    for c in out[..out.len() - 1]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
    {
        frag_letters += 1;
        frag_plain &= c.is_lowercase();
    }
    let next_lower = first_word.starts_with(|c: char| c.is_lowercase());
    if CONJUNCTIONS.contains(&first_word.trim_end_matches(',')) {
        out.push(' ');
    } else if next_lower && frag_plain && frag_letters > 4 {
        out.pop();
    }
}

/// The ASCII characters other than the space that `char::is_whitespace` takes.
fn is_blank_but_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r')
}

/// Pushes `text[from..to]` trimmed, with the offset of its first non-blank byte, unless empty.
fn push_trimmed<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<(usize, &'t str)>) {
    let piece = &text[from..to];
    let s = piece.trim();
    if !s.is_empty() {
        out.push((from + (piece.len() - piece.trim_start().len()), s));
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mm", "ym", "esim", "ns", "n", "yms", "jne", "tms", "ks", "vrt", "os", "s", "puh", "klo",
    "kts", "huom", "lk", "v", "ca", "prof", "tri",
];

/// Splits text into sentences, with their byte offsets. A sentence ends at `.`, `!`, `?` or `;`
/// followed by a blank and a capital letter, a digit or a code, or at the end of the text.
///
/// ```
/// use hankegraph::text::prose::sentences;
/// let s: Vec<_> = sentences("Hanketta on edeltänyt X-hanke S20474. Toiminta mm. kerhot jatkuu; kiitos").into_iter().map(|(_, s)| s).collect();
/// assert_eq!(s, ["Hanketta on edeltänyt X-hanke S20474.", "Toiminta mm. kerhot jatkuu;", "kiitos"]);
/// ```
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    // the marks are ASCII: their bytes never stand inside another character
    let marks = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b'.' | b'!' | b'?' | b';'));
    for (i, b) in marks {
        if ends_sentence(text, start, i, char::from(b)) {
            push_trimmed(text, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// True when the mark `c` at byte `i` of `text` ends the sentence that started at `start`: a
/// blank follows, then (unless `c` is `;`) a capital letter, a digit, `$`, `(` or `"`; and a
/// full stop does not end an abbreviation.
fn ends_sentence(text: &str, start: usize, i: usize, c: char) -> bool {
    let end = i + c.len_utf8();
    if !text[end..].chars().next().is_some_and(char::is_whitespace) {
        return false;
    }
    let after = text[end..].trim_start().chars().next();
    let opens = c == ';'
        || after.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '$' | '(' | '"')
        });
    if !opens {
        return false;
    }
    if c == '.' {
        let word_start = text[start..i]
            .char_indices()
            .rev()
            .take_while(|(_, ch)| ch.is_alphanumeric())
            .last()
            .map_or(i, |(k, _)| start + k);
        if ABBREVIATIONS.contains(&text[word_start..i].to_lowercase().as_str()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join_lines("a\n\n b  c \n"), "a b c");
        assert_eq!(
            join_lines("Hankkeen nimi, S-\nnumero"),
            "Hankkeen nimi, S-numero"
        );
        assert_eq!(join_lines("sote-\ntoimijat"), "sote-toimijat");
        assert_eq!(
            join_lines("2.1.2017 –\n31.12.2017"),
            "2.1.2017 – 31.12.2017"
        );
        assert_eq!(
            join_lines("Petosen Pömpeli -\nhanke"),
            "Petosen Pömpeli - hanke"
        );
    }

    /// [`join_lines`] rebuilding every line word by word, as its first form did: the oracle of
    /// the one that copies plain lines whole.
    fn join_lines_by_words(text: &str) -> String {
        let mut out = String::new();
        for line in text.split('\n') {
            let mut words = line.split_whitespace();
            let Some(first_word) = words.next() else {
                continue;
            };
            join_to(&mut out, first_word);
            out.push_str(first_word);
            for w in words {
                out.push(' ');
                out.push_str(w);
            }
        }
        out
    }

    /// [`sentences`] finding its marks character by character, as its first form did: the
    /// oracle of the one that looks at the marks' bytes only.
    fn sentences_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '.' | '!' | '?' | ';') && ends_sentence(text, start, i, c) {
                push_trimmed(text, start, i + c.len_utf8(), &mut out);
                start = i + c.len_utf8();
            }
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    #[test]
    fn sentences_from_the_marks_are_the_sentences_by_characters() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 200,
            seed: 8,
            damage_rate: 0.7,
            decisions_per_100: 20,
        });
        let mut texts: Vec<String> = corpus.texts().iter().map(|t| join_lines(t)).collect();
        texts.extend(
            [
                "Työ jatkuu. Äänekoski; mm. Ö! ? x.\u{a0}Y.\u{2003}Z ä.",
                ".",
                "; ;",
                "a.\nB",
                "",
            ]
            .map(str::to_owned),
        );
        let mut found = 0;
        for t in &texts {
            let want = sentences_by_chars(t);
            found += want.len();
            assert_eq!(sentences(t), want, "{t:?}");
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn plain_lines_copied_whole_join_as_word_by_word() {
        let corpus = crate::gen::generate(&crate::gen::Options {
            count: 200,
            seed: 9,
            damage_rate: 0.7,
            decisions_per_100: 20,
        });
        let mut texts = corpus.texts();
        for blank in [
            " ", "  ", "\t", "\u{B}", "\u{C}", "\r", "\u{A0}", "\u{2003}", "\u{85}",
        ] {
            texts.push(format!(
                "{blank}kehittä-{blank}\nmistyö{blank}ja{blank}\n{blank}\nS-{blank}\nnumero ja{blank}"
            ));
        }
        for t in &texts {
            assert_eq!(join_lines(t), join_lines_by_words(t), "{t:?}");
        }
    }

    #[test]
    fn sentence_offsets_point_into_the_text() {
        let t = "Eka lause. Toinen S20474 lause.";
        for (at, s) in sentences(t) {
            assert_eq!(&t[at..at + s.len()], s);
        }
    }
}
