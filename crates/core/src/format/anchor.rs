//! Placing a quote in an article's text, with W3C Web Annotation `TextQuoteSelector` semantics:
//! the quote matches exactly where it occurs in the text as stored; a `prefix` must end right
//! where the quote starts and a `suffix` must begin right where it ends. A quote found nowhere,
//! or in more than one place, is not placed, and the reason lists every place it occurs so its
//! author can add a prefix or suffix. A quote that would match only after Unicode normalization,
//! or with curly and straight quotes or runs of white space treated alike, is not placed either:
//! the reason names the difference and where the near match is.
//!
//! Finding is linear in the text for short articles and uses a suffix table for long ones, so
//! placing many quotes in a long article stays near n log n.

use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::rc::Rc;

use suffix::SuffixTable;

use crate::text::unicode::decompose;
use crate::text::{CodePoints, excerpt};

/// The most places listed for an ambiguous quote; the rest are counted.
pub const MAX_LISTED: usize = 20;

/// The most occurrences looked at for one quote; a quote that occurs more often is too short.
pub const MAX_OCCURRENCES: usize = 10_000;

/// Texts longer than this (in bytes) are indexed with a suffix table rather than scanned.
const INDEX_FROM_BYTES: usize = 64 * 1024;

/// How many quotes that occur more than [`MAX_OCCURRENCES`] times a [`Haystack`] keeps the
/// occurrences of: each costs a pass over all its places to find, and many spans may quote the
/// same few words; a bound, so that a file of many such quotes keeps at most this many lists.
const KEPT_FREQUENT: usize = 16;

/// A text prepared for placing quotes in it and for cutting spans out of it.
pub struct Haystack<'t> {
    text: &'t str,
    points: CodePoints,
    table: OnceCell<SuffixTable<'t, 't>>,
    /// The text with every [`Difference`] evened out, and where each character comes from.
    evened: OnceCell<(String, Vec<u32>)>,
    /// The first occurrences of the last few quotes found more than [`MAX_OCCURRENCES`] times.
    frequent: RefCell<VecDeque<(String, Rc<[usize]>)>>,
}

/// One place a quote occurs, for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// The quote with a little of the text around it: `…before «quote» after…`.
    pub context: String,
}

/// Why a quote could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// The quote is empty.
    Empty,
    /// The quote occurs nowhere.
    NotFound,
    /// The quote occurs, but never with the given prefix and suffix; where it occurs.
    NotInContext {
        /// The places it occurs (at most [`MAX_LISTED`]).
        places: Vec<Occurrence>,
        /// How many places in all.
        total: usize,
    },
    /// The quote, with its prefix and suffix, occurs in more than one place.
    Ambiguous {
        /// The places (at most [`MAX_LISTED`]).
        places: Vec<Occurrence>,
        /// How many places in all (at least this many, when `more` is set).
        total: usize,
        /// Whether it occurs more than [`MAX_OCCURRENCES`] times, so not all were counted.
        more: bool,
    },
}

/// A way two texts can differ that a reader would not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// One writes an accented letter precomposed (NFC), the other as a letter and a combining mark (NFD).
    Normalization,
    /// Curly quotes on one side, straight ones on the other.
    QuoteMarks,
    /// White space differs: several spaces, a line break, a no-break space.
    WhiteSpace,
}

impl Difference {
    const ALL: [Difference; 3] = [Difference::Normalization, Difference::QuoteMarks, Difference::WhiteSpace];

    /// The difference in words.
    pub fn words(self) -> &'static str {
        match self {
            Difference::Normalization => {
                "Unicode normalization (an accented letter written as one character on one side, as a letter and a combining accent on the other)"
            }
            Difference::QuoteMarks => "curly and straight quotation marks or apostrophes",
            Difference::WhiteSpace => "white space (several spaces, a line break or a no-break space for one space)",
        }
    }
}

/// A place where a quote would match if it differed from the text only in ways a reader would
/// not see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMatch {
    /// Where, in the text's code points.
    pub place: Occurrence,
    /// What differs.
    pub differences: Vec<Difference>,
}

impl<'t> Haystack<'t> {
    /// Prepares `text`.
    pub fn new(text: &'t str) -> Haystack<'t> {
        crate::trace::count(crate::trace::Counter::TextPrepared);
        Haystack {
            text,
            points: CodePoints::new(text),
            table: OnceCell::new(),
            evened: OnceCell::new(),
            frequent: RefCell::new(VecDeque::new()),
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Its length in code points.
    pub fn chars(&self) -> usize {
        self.points.len()
    }

    /// The text between two code-point offsets, if they are in order and inside it.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'t str> {
        self.points.slice(self.text, start, end)
    }

    fn char_index(&self, byte: usize) -> u32 {
        self.points.before(self.text, byte) as u32
    }

    /// The byte offsets where `needle` occurs, overlapping ones included, in order; at most
    /// [`MAX_OCCURRENCES`] + 1 of them.
    fn occurrences(&self, needle: &str) -> Rc<[usize]> {
        if needle.is_empty() {
            return Rc::from([]);
        }
        if let Some((_, kept)) = self.frequent.borrow().iter().find(|(quote, _)| quote == needle) {
            return Rc::clone(kept);
        }
        crate::trace::count(crate::trace::Counter::QuoteSearch);
        if self.text.len() < INDEX_FROM_BYTES {
            return self.scan(needle).into();
        }
        let table = self.table.get_or_init(|| SuffixTable::new(self.text));
        // The table lists the places in the order of the text after them; the first ones in the
        // text are picked out in time linear in their number, not sorted all.
        let mut found: Vec<u32> = table.positions(needle).to_vec();
        let frequent = found.len() > MAX_OCCURRENCES + 1;
        if frequent {
            found.select_nth_unstable(MAX_OCCURRENCES);
            found.truncate(MAX_OCCURRENCES + 1);
        }
        found.sort_unstable();
        let found: Rc<[usize]> = found.into_iter().map(|p| p as usize).collect();
        if frequent {
            let mut kept = self.frequent.borrow_mut();
            if kept.len() == KEPT_FREQUENT {
                kept.pop_front();
            }
            kept.push_back((needle.to_string(), Rc::clone(&found)));
        }
        found
    }

    /// [`Haystack::occurrences`] in a short text: one scan from the start, stopping at the limit.
    fn scan(&self, needle: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.text.get(from..).and_then(|rest| rest.find(needle)) {
            found.push(from + at);
            if found.len() > MAX_OCCURRENCES {
                break;
            }
            // Step one character, so overlapping occurrences are found too.
            from += at + self.text[from + at..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }

    /// The quote with a little text on each side, for a message.
    fn context(&self, start: u32, end: u32) -> Occurrence {
        const AROUND: usize = 24;
        let (s, e) = (start as usize, end as usize);
        let before = self.slice(s.saturating_sub(AROUND), s).unwrap_or_default();
        let after = self.slice(e, (e + AROUND).min(self.chars())).unwrap_or_default();
        let quote = self.slice(s, e).unwrap_or_default();
        let lead = if s > AROUND { "…" } else { "" };
        let tail = if e + AROUND < self.chars() { "…" } else { "" };
        let flat = |t: &str| t.replace(['\n', '\r'], " ");
        Occurrence {
            start,
            end,
            context: format!("{lead}{}«{}»{}{tail}", flat(before), flat(&excerpt(quote, 80)), flat(after)),
        }
    }

    /// Where the quote is, in code points, if it occurs exactly once with its prefix and suffix.
    pub fn place(&self, exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Result<(u32, u32), Unplaced> {
        if exact.is_empty() {
            return Err(Unplaced::Empty);
        }
        let found = self.occurrences(exact);
        if found.is_empty() {
            return Err(Unplaced::NotFound);
        }
        let more = found.len() > MAX_OCCURRENCES;
        let fits = |&&at: &&usize| {
            prefix.is_none_or(|p| self.text[..at].ends_with(p))
                && suffix.is_none_or(|s| self.text[at + exact.len()..].starts_with(s))
        };
        let fitting: Vec<usize> = found.iter().take(MAX_OCCURRENCES).filter(fits).copied().collect();
        let span_of = |at: usize| {
            let start = self.char_index(at);
            (start, start + exact.chars().count() as u32)
        };
        let listed = |places: &[usize]| -> Vec<Occurrence> {
            places.iter().take(MAX_LISTED).map(|&at| span_of(at)).map(|(s, e)| self.context(s, e)).collect()
        };
        match fitting.as_slice() {
            [only] if !more => Ok(span_of(*only)),
            [] => Err(Unplaced::NotInContext { places: listed(&found), total: found.len().min(MAX_OCCURRENCES) }),
            places => Err(Unplaced::Ambiguous { places: listed(places), total: places.len(), more }),
        }
    }

    /// Whether `prefix` ends at `start` and `suffix` begins at `end` (code points).
    pub fn context_fits(&self, start: usize, end: usize, prefix: Option<&str>, suffix: Option<&str>) -> bool {
        let before = self.slice(0, start).unwrap_or_default();
        let after = self.slice(end, self.chars()).unwrap_or_default();
        prefix.is_none_or(|p| before.ends_with(p)) && suffix.is_none_or(|s| after.starts_with(s))
    }

    /// Where the quote would match if it differed from the text only in normalization, quotation
    /// marks or white space, and which of those differ; `None` if it would not match even then.
    pub fn near_match(&self, exact: &str) -> Option<NearMatch> {
        let all = Difference::ALL;
        let (text, map) = self.evened.get_or_init(|| transformed(self.text, &all));
        let (quote, _) = transformed(exact, &all);
        if quote.is_empty() {
            return None;
        }
        let at = text.find(&quote)?;
        let start_char = text[..at].chars().count();
        let end_char = start_char + quote.chars().count();
        let start = map[start_char];
        let end = map.get(end_char).copied().unwrap_or(self.chars() as u32);
        // The fewest differences that explain the match, tried on the matched stretch alone.
        let window = self.slice(start as usize, end as usize).unwrap_or_default();
        let subsets: [&[Difference]; 7] = [
            &[Difference::Normalization],
            &[Difference::QuoteMarks],
            &[Difference::WhiteSpace],
            &[Difference::Normalization, Difference::QuoteMarks],
            &[Difference::Normalization, Difference::WhiteSpace],
            &[Difference::QuoteMarks, Difference::WhiteSpace],
            &all,
        ];
        let differences = subsets
            .iter()
            .find(|set| transformed(window, set).0 == transformed(exact, set).0)
            .map_or(all.to_vec(), |set| set.to_vec());
        Some(NearMatch { place: self.context(start, end), differences })
    }
}

/// `text` with the given differences evened out, and for each character of the result the index
/// of the character of `text` it comes from (plus one past the end).
fn transformed(text: &str, differences: &[Difference]) -> (String, Vec<u32>) {
    let (normalize, quotes, space) = (
        differences.contains(&Difference::Normalization),
        differences.contains(&Difference::QuoteMarks),
        differences.contains(&Difference::WhiteSpace),
    );
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.chars().enumerate() {
        let i = i as u32;
        if space && c.is_whitespace() {
            if !in_space {
                out.push(' ');
                map.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let mut push = |c: char| {
            let c = match c {
                '‘' | '’' | '‚' | '‛' | 'ʼ' if quotes => '\'',
                '“' | '”' | '„' | '‟' if quotes => '"',
                c => c,
            };
            out.push(c);
            map.push(i);
        };
        if normalize { decompose(c, &mut push) } else { push(c) }
    }
    map.push(text.chars().count() as u32);
    (out, map)
}

/// Why a quote was not placed, in words, for the span at `article` (and `part`).
pub fn explain(haystack: &Haystack<'_>, unplaced: &Unplaced, exact: &str, whereabouts: &str) -> String {
    let quote = excerpt(exact, 80);
    let list = |places: &[Occurrence], total: usize| {
        let mut out = String::new();
        for p in places {
            let _ = write!(out, "; at {}..{} {}", p.start, p.end, p.context);
        }
        if total > places.len() {
            let _ = write!(out, "; and {} more", total - places.len());
        }
        out
    };
    match unplaced {
        Unplaced::Empty => "the quote is empty; give the exact words of the article".to_string(),
        Unplaced::NotFound => match haystack.near_match(exact) {
            Some(near) => {
                let what: Vec<&str> = near.differences.iter().map(|d| d.words()).collect();
                format!(
                    "the quote “{quote}” does not occur in {whereabouts} as written; it would match at {}..{} {} \
                     only if {} were treated alike. Copy the words exactly as the article has them; nothing is \
                     attached by a near match",
                    near.place.start,
                    near.place.end,
                    near.place.context,
                    what.join(" and ")
                )
            }
            None => format!("the quote “{quote}” does not occur in {whereabouts}"),
        },
        Unplaced::NotInContext { places, total } => format!(
            "the quote “{quote}” occurs in {whereabouts}, but never with the given prefix and suffix{}",
            list(places, *total)
        ),
        Unplaced::Ambiguous { places, total, more } => {
            let count = if *more { format!("more than {MAX_OCCURRENCES} times") } else { format!("{total} times") };
            format!(
                "the quote “{quote}” occurs {count} in {whereabouts}; add a `prefix` (the words just before it) or a \
                 `suffix` (the words just after) to say which{}",
                list(places, *total)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Ann saw Bo. Then Ann saw Cy. “No,” said Ann.";

    fn place(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Result<(u32, u32), Unplaced> {
        Haystack::new(TEXT).place(exact, prefix, suffix)
    }

    #[test]
    fn a_unique_quote_is_placed_in_code_points() {
        assert_eq!(place("saw Bo", None, None), Ok((4, 10)));
        let text = "𝔸 and é then the words";
        assert_eq!(Haystack::new(text).place("the words", None, None), Ok((13, 22)), "astral and accented before it");
    }

    #[test]
    fn prefix_and_suffix_must_touch_the_quote() {
        assert!(matches!(place("Ann saw", None, None), Err(Unplaced::Ambiguous { total: 2, .. })));
        assert_eq!(place("Ann saw", Some("Then "), None), Ok((17, 24)));
        assert_eq!(place("Ann saw", None, Some(" Bo")), Ok((0, 7)));
        // A prefix that occurs before the quote but does not end where it starts does not count.
        assert!(matches!(place("Ann saw", Some("Then"), None), Err(Unplaced::NotInContext { total: 2, .. })));
    }

    #[test]
    fn nowhere_and_everywhere() {
        assert_eq!(place("Dee", None, None), Err(Unplaced::NotFound));
        assert_eq!(place("", None, None), Err(Unplaced::Empty));
        let Err(Unplaced::Ambiguous { places, total, more }) = place("Ann", None, None) else { panic!() };
        assert_eq!((total, more), (3, false));
        assert_eq!(places.iter().map(|p| p.start).collect::<Vec<_>>(), [0, 17, 40]);
        assert_eq!(places[0].context, "«Ann» saw Bo. Then Ann saw Cy…");
    }

    #[test]
    fn overlapping_occurrences_are_all_found() {
        let Err(Unplaced::Ambiguous { places, .. }) = Haystack::new("aaaa").place("aa", None, None) else { panic!() };
        assert_eq!(places.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(), [(0, 2), (1, 3), (2, 4)]);
        assert_eq!(Haystack::new("aaaa").place("aa", Some("aa"), None), Ok((2, 4)));
    }

    #[test]
    fn near_matches_name_their_difference_and_are_never_placed() {
        let h = Haystack::new(TEXT);
        assert_eq!(h.place("\"No,\" said", None, None), Err(Unplaced::NotFound));
        let near = h.near_match("\"No,\" said").unwrap_or_else(|| panic!("a near match"));
        assert_eq!(near.differences, [Difference::QuoteMarks]);
        assert_eq!((near.place.start, near.place.end), (29, 39));
        let near = h.near_match("Then  Ann\nsaw").unwrap_or_else(|| panic!("a near match"));
        assert_eq!(near.differences, [Difference::WhiteSpace]);
        let decomposed = Haystack::new("the café opened");
        let near = decomposed.near_match("cafe\u{301}").unwrap_or_else(|| panic!("a near match"));
        assert_eq!(near.differences, [Difference::Normalization]);
        assert_eq!((near.place.start, near.place.end), (4, 8));
        assert!(h.near_match("nothing like it").is_none());
        let message = explain(&h, &Unplaced::NotFound, "\"No,\" said", "article `a`");
        assert!(message.contains("curly and straight quotation marks") && message.contains("at 29..39"), "{message}");
    }

    #[test]
    fn long_texts_are_indexed_and_agree_with_scanning() {
        let long = "alpha beta gamma delta ".repeat(5000);
        let h = Haystack::new(&long);
        assert!(long.len() >= INDEX_FROM_BYTES);
        assert_eq!(
            h.place("gamma delta alpha", Some("beta "), None).err().map(|e| matches!(e, Unplaced::Ambiguous { .. })),
            Some(true)
        );
        let unique = format!("{long}omega");
        assert_eq!(Haystack::new(&unique).place("omega", None, None), Ok((115_000, 115_005)));
        let Err(Unplaced::Ambiguous { total, more, .. }) = h.place("a", None, None) else { panic!() };
        assert!(more && total == MAX_OCCURRENCES, "{total}");
    }

    #[test]
    fn a_frequent_quote_is_searched_for_once_and_its_first_places_kept() {
        use crate::trace::{Counter, total};
        let long = "ab ".repeat(30_000);
        let h = Haystack::new(&long);
        // The first places in the text, as a scan from the start finds them.
        let expected: Vec<usize> = (0..=MAX_OCCURRENCES).map(|i| i * 3).collect();
        let before = total(Counter::QuoteSearch);
        for _ in 0..50 {
            assert_eq!(&*h.occurrences("ab"), expected.as_slice());
            let Err(Unplaced::Ambiguous { places, more: true, .. }) = h.place("ab", None, None) else { panic!() };
            assert_eq!(places.iter().map(|p| p.start).take(3).collect::<Vec<_>>(), [0, 3, 6]);
        }
        assert_eq!(total(Counter::QuoteSearch) - before, 1, "50 spans quoting the same words: one search");
        // A quote that fits under the limit is still looked for each time, and found in full.
        let rare = format!("{long}xyz ab");
        let h = Haystack::new(&rare);
        assert_eq!(h.place("b xyz a", None, None), Ok((89_998, 90_005)));
    }
}
