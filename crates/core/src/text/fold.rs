//! Search folding: one way of comparing text, shared by name matching and free-text search, so
//! `Sauytbay`, `SAUYTBAY` and `Sauytbáy` find the same person, `nguyen van an` finds
//! `Nguyễn Văn An`, `αθηνα` finds `Αθήνα`, and `cause célèbre` is found by `celebre`.
//!
//! Folding follows Unicode's own data for every letter: canonical decomposition (NFD), then
//! combining marks removed, then lowercase (the standard library's full mapping). The first two
//! steps come from tables generated at build time ([`crate::text::unicode`]). A few letters that readers treat
//! as a base letter with a stroke or a ligature have no decomposition in Unicode; [`BASE_LETTERS`]
//! maps them, and is the only list written by hand. Runs of characters that are neither letters nor digits become one space; apostrophes join
//! a word (`China's`). Scripts are never transliterated: Cyrillic and Chinese names are matched as
//! written, through aliases.

use crate::text::unicode::{decompose, is_combining_mark};

/// The characters of `c`'s canonical decomposition that are not combining marks.
fn without_marks(c: char, mut each: impl FnMut(char)) {
    decompose(c, |d| {
        if !is_combining_mark(d) {
            each(d)
        }
    });
}

/// Letters without a canonical decomposition that are read as a base letter, or as two, when
/// names are compared: `ø` as `o`, `ß` as `ss`. Applied after lowercasing.
pub const BASE_LETTERS: &[(char, &str)] = &[
    ('æ', "ae"),
    ('đ', "d"),
    ('ð', "d"),
    ('ħ', "h"),
    ('ı', "i"),
    ('ł', "l"),
    ('ŀ', "l"),
    ('ŋ', "n"),
    ('ø', "o"),
    ('œ', "oe"),
    ('ß', "ss"),
    ('ŧ', "t"),
    ('þ', "th"),
    ('ə', "e"),
    // Greek final sigma is the same letter as σ.
    ('ς', "σ"),
];

/// Folds `text` for comparison: decomposed, without marks, lowercase, words separated by single
/// spaces.
pub fn fold(text: &str) -> String {
    let mut out = Folded { text: String::with_capacity(text.len()), pending_space: false };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c != '\'' {
                out.pending_space = true;
            }
            continue;
        }
        if is_apostrophe(c) {
            continue;
        }
        if !is_word_char(c) {
            out.pending_space = true;
            continue;
        }
        without_marks(c, |base| {
            for lower in base.to_lowercase() {
                match BASE_LETTERS.iter().find(|(letter, _)| *letter == lower) {
                    Some((_, plain)) => plain.chars().for_each(|p| out.push(p)),
                    None if is_word_char(lower) => out.push(lower),
                    None => {}
                }
            }
        });
    }
    out.text
}

/// Folded text being built: a space is written only between words.
struct Folded {
    text: String,
    pending_space: bool,
}

impl Folded {
    fn push(&mut self, c: char) {
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push(c);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Where the words of `query` occur in `text`, as the search finds them (folded): ranges of
/// code points of `text`, sorted, overlapping ones merged. For highlighting what a search matched.
pub fn find_words(text: &str, query: &str) -> Vec<(u32, u32)> {
    let words: Vec<String> = fold(query).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    if words.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its bytes the code point of `text` it comes from.
    let mut folded = String::with_capacity(text.len());
    let mut from: Vec<u32> = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let mut piece = String::new();
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                piece.push(c.to_ascii_lowercase());
            }
        } else {
            without_marks(c, |base| {
                for lower in base.to_lowercase() {
                    match BASE_LETTERS.iter().find(|(letter, _)| *letter == lower) {
                        Some((_, plain)) => piece.push_str(plain),
                        None if is_word_char(lower) => piece.push(lower),
                        None => {}
                    }
                }
            });
        }
        if piece.is_empty() && !is_apostrophe(c) {
            piece.push(' ');
        }
        from.extend(std::iter::repeat_n(i as u32, piece.len()));
        folded.push_str(&piece);
    }
    let mut found: Vec<(u32, u32)> = Vec::new();
    for word in &words {
        for (at, _) in folded.match_indices(word.as_str()) {
            let last = at + word.len() - 1;
            found.push((from[at], from[last] + 1));
        }
    }
    found.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for (s, e) in found {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Whether every word of `needle` (already folded) appears in `haystack` (already folded).
pub fn contains_all_words(haystack: &str, needle: &str) -> bool {
    needle.split(' ').filter(|w| !w.is_empty()).all(|w| haystack.contains(w))
}

/// The lowercase of `c` when it is a single character, otherwise `c`: one character in, one out,
/// so positions in a text are kept (for finding mentions of a name).
pub fn lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Whether `c` belongs in a word: a letter or digit of any script, or a combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "folding {input:?}");
    }

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        check("Sayragul SAUYTBAY", "sayragul sauytbay");
        check("cause célèbre", "cause celebre");
        check("Sauytbay’s emergent role", "sauytbays emergent role");
        check("sayragul-sauytbay", "sayragul sauytbay");
        check("  Qaisha   Aqan ", "qaisha aqan");
        check("Ǵalym Jaqsylyq", "galym jaqsylyq");
        check("Şahin Ğazı", "sahin gazi");
        check("Zoë (combining: Zoe\u{0308})", "zoe combining zoe");
        // й and ё decompose (и + breve, е + diaeresis), so their marks go like any others.
        check("Сайрагүл Сауытбай Ёлка", "саирагүл сауытбаи елка");
        check("СЕРІКЖАН БІЛӘШ", "серікжан біләш");
        check("Nguyễn Văn An", "nguyen van an");
        check("Αθήνα", "αθηνα");
        check("ΟΔΥΣΣΕΥΣ Οδυσσεύς", "οδυσσευσ οδυσσευσ");
        check("İstanbul", "istanbul");
        check("Łódź Øresund Straße", "lodz oresund strasse");
        check("“no chance”", "no chance");
        check("北京 2020", "北京 2020");
        check("", "");
    }

    /// Unicode's own data, for every letter: the fold of a letter is its canonical decomposition
    /// without combining marks, lowercased, with [`BASE_LETTERS`] applied; and it is a word. (The
    /// modifier letter apostrophe `ʼ` is a letter to Unicode but joins words here, as `'` does.)
    #[test]
    fn agrees_with_unicode_for_every_letter() {
        let mut letters = 0;
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32).filter(|c| c.is_alphabetic() && !is_apostrophe(*c)) {
            let expected: String = std::iter::once(c)
                .nfd()
                .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
                .flat_map(char::to_lowercase)
                .flat_map(|l| match BASE_LETTERS.iter().find(|(letter, _)| *letter == l) {
                    Some((_, plain)) => plain.chars().collect::<Vec<_>>(),
                    None => vec![l],
                })
                .filter(|x| is_word_char(*x))
                .collect();
            assert_eq!(fold(&c.to_string()), expected, "{c:?} (U+{:04X})", c as u32);
            assert!(is_word_char(c), "{c:?} (U+{:04X}) must count as part of a word", c as u32);
            letters += 1;
        }
        assert!(letters > 100_000, "only {letters} letters checked");
    }

    #[test]
    fn words_are_found_where_the_search_finds_them() {
        assert_eq!(find_words("A cause célèbre, Célèbre!", "CELEBRE"), [(8, 15), (17, 24)]);
        assert_eq!(find_words("Nguyễn Văn An", "van nguyen"), [(0, 6), (7, 10)]);
        assert_eq!(find_words("China’s border", "chinas"), [(0, 7)], "an apostrophe joins the word");
        assert!(find_words("anything", "").is_empty());
    }

    #[test]
    fn lower_keeps_one_character() {
        assert_eq!(lower('Ä'), 'ä');
        assert_eq!(lower('Σ'), 'σ');
        assert_eq!(lower('İ'), 'İ', "its lowercase is two characters");
        assert_eq!(lower('中'), '中');
    }

    #[test]
    fn word_characters() {
        for c in ['a', 'Z', '7', 'é', 'ß', 'ı', 'ə', 'Қ', 'ү', 'α', '中', '\u{0301}'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in [' ', '-', '’', '“', '”', '—', '–', '…', '«', '»', '·', '\u{a0}', '×', '.', ','] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn all_words_must_appear() {
        let hay = fold("Sauytbay collected an International Women of Courage award");
        assert!(contains_all_words(&hay, &fold("courage AWARD")));
        assert!(contains_all_words(&hay, ""));
        assert!(!contains_all_words(&hay, &fold("courage prize")));
    }
}
