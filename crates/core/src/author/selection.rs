//! Selections to spans: what a reader selects in the article, or types as a quote, becomes a
//! [`Span`] with its offsets and a W3C `TextQuoteSelector`'s `exact`, `prefix` and `suffix`, by the
//! anchoring rules the validator and the CLI use ([`Haystack::place`], [`explain`]).
//!
//! The reader shows each paragraph as one `<p>` of segments — plain text, or `<mark>`s for
//! mentions, search hits and spans ([`crate::view::reader::paragraphs`]) — whose texts joined are the
//! paragraph exactly. A selection's ends are therefore best given as a paragraph and an offset in
//! that paragraph's text (the lengths of the `<p>`'s earlier text nodes plus the offset in the
//! node): marks a selection starts in, ends in or crosses change nothing. DOM offsets count
//! UTF-16 code units, the format counts code points; [`Units`] says which a point uses.

use serde::{Deserialize, Serialize};

use crate::format::anchor::{Haystack, Occurrence, Unplaced, explain};
use crate::format::annotations::CONTEXT_CHARS;
use crate::format::model::{Article, Dataset, Span, TextPart};
use crate::text::excerpt;

/// How the offsets of a [`ReaderPoint`] are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    /// Unicode code points, as the format counts.
    #[default]
    CodePoints,
    /// UTF-16 code units, as the DOM (`Range.startOffset`, `Text.length`) counts.
    Utf16,
}

/// One end of a selection in the reader: a paragraph, and an offset in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReaderPoint {
    /// The paragraph, counted from 0.
    pub paragraph: usize,
    /// The offset from the paragraph's start.
    pub offset: u32,
}

/// A quote typed or pasted by someone who cannot select with a pointer (WCAG 2.5.7), with the
/// words around it when it occurs more than once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuoteInput {
    /// The exact words; white space at either end is left out.
    pub exact: String,
    /// Words right before them, if needed to say which place.
    pub prefix: Option<String>,
    /// Words right after them, likewise.
    pub suffix: Option<String>,
}

/// What went wrong making a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelectionProblem {
    /// No article has the id.
    UnknownArticle,
    /// A point outside the article or its paragraph.
    OutOfRange,
    /// Nothing but white space selected or typed.
    Empty,
    /// The typed quote occurs nowhere.
    NotFound,
    /// The typed quote occurs, but never with the given prefix and suffix.
    NotInContext,
    /// The typed quote occurs in more than one place.
    Ambiguous,
}

/// A place a typed quote occurs, so the page can offer to pick one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePlace {
    /// First code point in the article's text.
    pub start: u32,
    /// One past the last.
    pub end: u32,
    /// The quote with a little text around it: `…before «quote» after…`.
    pub context: String,
}

/// Why no span was made, in words, and where a typed quote does occur.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct SelectionError {
    /// What kind of failure.
    pub problem: SelectionProblem,
    /// What is wrong and what to do, as the CLI words it for a quote.
    pub message: String,
    /// For a quote found in several places (or never in its context), where it occurs.
    pub places: Vec<QuotePlace>,
}

impl SelectionError {
    fn new(problem: SelectionProblem, message: impl Into<String>) -> SelectionError {
        SelectionError { problem, message: message.into(), places: Vec::new() }
    }
}

fn article<'d>(dataset: &'d Dataset, id: &str) -> Result<&'d Article, SelectionError> {
    dataset.articles.iter().find(|a| a.id == id).ok_or_else(|| {
        SelectionError::new(SelectionProblem::UnknownArticle, format!("no article has the id `{}`", excerpt(id, 60)))
    })
}

/// The code-point offset in the article's text of a point in the reader. An offset inside a
/// UTF-16 surrogate pair counts as before the character when `round_up` is false, after it when true.
pub fn article_offset(
    article: &Article,
    point: ReaderPoint,
    units: Units,
    round_up: bool,
) -> Result<u32, SelectionError> {
    let separator = Article::PARAGRAPH_SEPARATOR.chars().count() as u32;
    let Some(paragraph) = article.paragraphs.get(point.paragraph) else {
        return Err(SelectionError::new(
            SelectionProblem::OutOfRange,
            format!(
                "paragraph {} is not in the article, which has {} paragraphs (counted from 0)",
                point.paragraph,
                article.paragraphs.len()
            ),
        ));
    };
    let start: u32 = article.paragraphs[..point.paragraph].iter().map(|p| p.chars().count() as u32 + separator).sum();
    let mut chars = 0u32;
    let mut units_seen = 0u32;
    for c in paragraph.chars() {
        if units_seen >= point.offset {
            break;
        }
        let width = match units {
            Units::CodePoints => 1,
            Units::Utf16 => c.len_utf16() as u32,
        };
        if units_seen + width > point.offset {
            // Inside a surrogate pair.
            chars += u32::from(round_up);
            units_seen = point.offset;
            break;
        }
        units_seen += width;
        chars += 1;
    }
    if units_seen < point.offset {
        let unit = match units {
            Units::CodePoints => "code points",
            Units::Utf16 => "UTF-16 code units",
        };
        return Err(SelectionError::new(
            SelectionProblem::OutOfRange,
            format!(
                "offset {} is past the end of paragraph {}, which has {units_seen} {unit}",
                point.offset, point.paragraph
            ),
        ));
    }
    Ok(start + chars)
}

/// The span of the body text between two code-point offsets of the article (in either order),
/// white space at its ends left out, with up to [`CONTEXT_CHARS`] code points of prefix and suffix.
pub fn span_from_offsets(dataset: &Dataset, article_id: &str, start: u32, end: u32) -> Result<Span, SelectionError> {
    let article = article(dataset, article_id)?;
    let text = article.text();
    let haystack = Haystack::new(&text);
    span_between(&haystack, &article.id, start.min(end), start.max(end))
}

/// The span between two points of the reader (in either order, as a backwards selection gives them).
pub fn span_from_reader(
    dataset: &Dataset,
    article_id: &str,
    start: ReaderPoint,
    end: ReaderPoint,
    units: Units,
) -> Result<Span, SelectionError> {
    let article = article(dataset, article_id)?;
    let (first, last) =
        if (end.paragraph, end.offset) < (start.paragraph, start.offset) { (end, start) } else { (start, end) };
    let from = article_offset(article, first, units, false)?;
    let to = article_offset(article, last, units, true)?;
    let text = article.text();
    span_between(&Haystack::new(&text), &article.id, from, to)
}

/// The span a typed quote names: the one place in the body it occurs (given its prefix and
/// suffix), or why there is none, in the words the CLI uses, with the places it does occur.
pub fn span_from_quote(dataset: &Dataset, article_id: &str, quote: &QuoteInput) -> Result<Span, SelectionError> {
    let article = article(dataset, article_id)?;
    let text = article.text();
    let haystack = Haystack::new(&text);
    let exact = quote.exact.trim();
    let given = |s: &Option<String>| s.as_deref().filter(|s| !s.is_empty()).map(str::to_string);
    let (prefix, suffix) = (given(&quote.prefix), given(&quote.suffix));
    match haystack.place(exact, prefix.as_deref(), suffix.as_deref()) {
        Ok((start, end)) => span_between(&haystack, &article.id, start, end),
        Err(unplaced) => {
            let message = explain(&haystack, &unplaced, exact, &format!("article `{}`", article.id));
            let (problem, places) = match unplaced {
                Unplaced::Empty => (SelectionProblem::Empty, Vec::new()),
                Unplaced::NotFound => (SelectionProblem::NotFound, Vec::new()),
                Unplaced::NotInContext { places, .. } => (SelectionProblem::NotInContext, places),
                Unplaced::Ambiguous { places, .. } => (SelectionProblem::Ambiguous, places),
            };
            let places =
                places.into_iter().map(|Occurrence { start, end, context }| QuotePlace { start, end, context });
            Err(SelectionError { problem, message, places: places.collect() })
        }
    }
}

/// The span from `start` to `end` (code points, in order) of the text, trimmed of white space,
/// with its context.
fn span_between(haystack: &Haystack<'_>, article_id: &str, start: u32, end: u32) -> Result<Span, SelectionError> {
    let len = haystack.chars();
    let (mut s, mut e) = (start as usize, end as usize);
    if e > len {
        return Err(SelectionError::new(
            SelectionProblem::OutOfRange,
            format!("offset {e} is past the end of the article's text, which has {len} code points"),
        ));
    }
    let is_space = |at: usize| haystack.slice(at, at + 1).is_some_and(|c| c.chars().all(char::is_whitespace));
    while s < e && is_space(s) {
        s += 1;
    }
    while e > s && is_space(e - 1) {
        e -= 1;
    }
    if s == e {
        return Err(SelectionError::new(
            SelectionProblem::Empty,
            "nothing is selected but white space; select the words of the article that support the fact",
        ));
    }
    let cut = |a: usize, b: usize| haystack.slice(a, b).filter(|t| !t.is_empty()).map(str::to_string);
    Ok(Span {
        article: article_id.to_string(),
        part: TextPart::Body,
        start: Some(s as u32),
        end: Some(e as u32),
        exact: cut(s, e).unwrap_or_default(),
        prefix: cut(s.saturating_sub(CONTEXT_CHARS), s),
        suffix: cut(e, (e + CONTEXT_CHARS).min(len)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::reader::{Mark, MarkKind, paragraphs};

    fn dataset(paragraphs: &[&str]) -> Dataset {
        let article = Article {
            id: "a".into(),
            title: "T".into(),
            publisher: "P".into(),
            published: "2020-01-01".into(),
            language: "en".into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        };
        Dataset { articles: vec![article], ..Dataset::empty() }
    }

    #[test]
    fn offsets_make_a_span_with_its_context() {
        let d = dataset(&["Ann Lee crossed the border from Eastland on May 5, 2020, and stayed."]);
        let span = span_from_offsets(&d, "a", 8, 26).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(span.exact, "crossed the border");
        assert_eq!((span.start, span.end), (Some(8), Some(26)));
        assert_eq!(span.prefix.as_deref(), Some("Ann Lee "));
        assert_eq!(span.suffix.as_deref(), Some(" from Eastland on May 5, 2020, a"), "32 code points");
        // A backwards selection, with white space at its ends, gives the same span.
        assert_eq!(span_from_offsets(&d, "a", 27, 7).ok(), Some(span));
        let none = span_from_offsets(&d, "a", 7, 8).err().map(|e| e.problem);
        assert_eq!(none, Some(SelectionProblem::Empty));
        let unknown = span_from_offsets(&d, "b", 0, 3).err().map(|e| e.problem);
        assert_eq!(unknown, Some(SelectionProblem::UnknownArticle));
    }

    /// The reader's paragraph cut into segments at a mention, as the DOM shows it: the
    /// offset of a point inside segment `k` is the UTF-16 length of the segments before it plus
    /// the offset inside the segment's text node.
    #[test]
    fn a_selection_crossing_a_highlighted_mention() {
        let d = dataset(&["First paragraph, 𝔸 astral.", "Later “Ann Lee” said ünïcode things to Bo."]);
        let article = &d.articles[0];
        let text = article.text();
        let name = text.find("Ann Lee").map(|b| text[..b].chars().count() as u32).unwrap_or_default();
        let marks = [Mark { start: name, end: name + 7, kind: MarkKind::Mention }];
        let segments = &paragraphs(article, &marks, None, None)[1];
        assert_eq!(
            segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            ["Later “", "Ann Lee", "” said ünïcode things to Bo."]
        );
        let dom_offset = |segment: usize, within: u32| -> u32 {
            segments[..segment].iter().map(|s| s.text.encode_utf16().count() as u32).sum::<u32>() + within
        };
        // From inside "Later" (offset 2 of the first text node) to after "said" in the third.
        let start = ReaderPoint { paragraph: 1, offset: dom_offset(0, 2) };
        let end = ReaderPoint { paragraph: 1, offset: dom_offset(2, 6) };
        let span = span_from_reader(&d, "a", start, end, Units::Utf16).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(span.exact, "ter “Ann Lee” said");
        let (s, e) = span.range().unwrap_or_default();
        assert_eq!(text.chars().skip(s as usize).take((e - s) as usize).collect::<String>(), span.exact);
        assert_eq!(Some(s), segments.first().map(|seg| seg.start + 2), "segment starts are article offsets");
        // The same points counted in code points, and an end past a non-BMP character.
        let in_points = span_from_reader(&d, "a", start, ReaderPoint { paragraph: 1, offset: 20 }, Units::CodePoints);
        assert_eq!(in_points.map(|s| s.exact).ok().as_deref(), Some("ter “Ann Lee” said"));
        let astral = span_from_reader(
            &d,
            "a",
            ReaderPoint { paragraph: 0, offset: 17 },
            ReaderPoint { paragraph: 0, offset: 21 },
            Units::Utf16,
        );
        assert_eq!(astral.map(|s| s.exact).ok().as_deref(), Some("𝔸 a"));
        // An end inside the surrogate pair takes the whole character.
        let half = span_from_reader(
            &d,
            "a",
            ReaderPoint { paragraph: 0, offset: 17 },
            ReaderPoint { paragraph: 0, offset: 18 },
            Units::Utf16,
        );
        assert_eq!(half.map(|s| s.exact).ok().as_deref(), Some("𝔸"));
        // Across the paragraph break, the span holds the blank line as the text does.
        let across = span_from_reader(
            &d,
            "a",
            ReaderPoint { paragraph: 0, offset: 20 },
            ReaderPoint { paragraph: 1, offset: 5 },
            Units::Utf16,
        );
        assert_eq!(across.map(|s| s.exact).ok().as_deref(), Some("astral.\n\nLater"));
        let past = span_from_reader(&d, "a", start, ReaderPoint { paragraph: 1, offset: 99 }, Units::Utf16);
        assert_eq!(past.err().map(|e| e.problem), Some(SelectionProblem::OutOfRange));
        let gone = span_from_reader(&d, "a", start, ReaderPoint { paragraph: 5, offset: 0 }, Units::Utf16);
        assert_eq!(gone.err().map(|e| e.problem), Some(SelectionProblem::OutOfRange));
    }

    #[test]
    fn typed_quotes_are_placed_as_the_cli_places_them() {
        let d = dataset(&["Ann saw Bo. Then Ann saw Cy. “No,” said Ann."]);
        let quote = |exact: &str, prefix: Option<&str>| QuoteInput {
            exact: exact.into(),
            prefix: prefix.map(str::to_string),
            suffix: None,
        };
        let span = span_from_quote(&d, "a", &quote(" saw Cy ", None)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((span.range(), span.exact.as_str()), (Some((21, 27)), "saw Cy"));
        // Zero matches: the validator's words, with the near match named.
        let none = span_from_quote(&d, "a", &quote("\"No,\" said", None)).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!(none.problem, SelectionProblem::NotFound);
        assert!(none.message.contains("curly and straight quotation marks"), "{}", none.message);
        // Two matches: both listed, and a prefix says which.
        let two = span_from_quote(&d, "a", &quote("Ann saw", None)).err().unwrap_or_else(|| panic!("refused"));
        assert_eq!(two.problem, SelectionProblem::Ambiguous);
        assert!(
            two.message.starts_with("the quote “Ann saw” occurs 2 times in article `a`; add a `prefix`"),
            "{}",
            two.message
        );
        assert_eq!(two.places.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(), [(0, 7), (17, 24)]);
        let picked = span_from_quote(&d, "a", &quote("Ann saw", Some("Then "))).map(|s| s.range());
        assert_eq!(picked.ok().flatten(), Some((17, 24)));
        let empty = span_from_quote(&d, "a", &quote("  ", None)).err().map(|e| e.problem);
        assert_eq!(empty, Some(SelectionProblem::Empty));
    }
}
