//! Spans written as quotes: loading places them, and refuses (with every place the quote occurs,
//! or the near match and what differs) those it cannot place with certainty.

use factline_core::{LoadError, ProblemKind, load};

/// A dataset with one article and one event whose span is `span` (JSON).
fn dataset(text: &str, span: &str) -> String {
    format!(
        r#"{{"format": "factline/1",
  "articles": [{{"id": "a", "title": "Ann and Bo", "subtitle": "A second look", "publisher": "P", "published": "2020-05-20", "language": "en", "paragraphs": [{text:?}]}}],
  "events": [{{"id": "e", "kind": "statement", "summary": "s", "spans": [{span}]}}]}}"#
    )
}

fn problems(text: &str, span: &str) -> Vec<(ProblemKind, String)> {
    match load(dataset(text, span).as_bytes()) {
        Err(LoadError::Invalid(p)) => p.list.into_iter().map(|p| (p.kind, p.to_string())).collect(),
        Ok(_) => Vec::new(),
        Err(other) => panic!("{other}"),
    }
}

fn placed(text: &str, span: &str) -> (u32, u32) {
    let catalog = load(dataset(text, span).as_bytes()).unwrap_or_else(|e| panic!("{:?}", e.details()));
    catalog.dataset().events[0].spans[0].range().unwrap_or_else(|| panic!("not placed"))
}

const TEXT: &str = "Ann met Bo. Later Ann met Cy, and said “it was hard”.";

#[test]
fn a_quote_alone_is_placed() {
    assert_eq!(placed(TEXT, r#"{"article": "a", "exact": "met Bo"}"#), (4, 10));
    assert_eq!(placed(TEXT, r#"{"article": "a", "exact": "Ann met", "prefix": "Later "}"#), (18, 25));
    assert_eq!(placed(TEXT, r#"{"article": "a", "exact": "Ann met", "suffix": " Bo"}"#), (0, 7));
    // Astral characters before the quote count once each.
    assert_eq!(placed("𝕏𝕏 then it was", r#"{"article": "a", "exact": "it was"}"#), (8, 14));
    // The headline and subtitle are reachable.
    assert_eq!(placed(TEXT, r#"{"article": "a", "part": "subtitle", "exact": "second look"}"#), (2, 13));
}

#[test]
fn quotes_that_cannot_be_placed_are_refused_with_where_they_occur() {
    let p = problems(TEXT, r#"{"article": "a", "exact": "Ann met"}"#);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, ProblemKind::QuoteAmbiguous);
    assert!(p[0].1.starts_with("$.events[0].spans[0] (line 3, column"), "{}", p[0].1);
    assert!(
        p[0].1.contains("occurs 2 times") && p[0].1.contains("at 0..7") && p[0].1.contains("at 18..25"),
        "{}",
        p[0].1
    );
    let p = problems(TEXT, r#"{"article": "a", "exact": "Dee"}"#);
    assert_eq!(p[0].0, ProblemKind::QuoteNotFound);
    assert!(p[0].1.ends_with("the quote “Dee” does not occur in article `a`"), "{}", p[0].1);
    let p = problems(TEXT, r#"{"article": "a", "exact": "Ann met", "prefix": "Sooner "}"#);
    assert!(p[0].1.contains("never with the given prefix and suffix"), "{}", p[0].1);
}

#[test]
fn near_matches_are_named_never_attached() {
    let p = problems(TEXT, r#"{"article": "a", "exact": "said \"it was hard\""}"#);
    assert_eq!(p[0].0, ProblemKind::QuoteNotFound);
    assert!(p[0].1.contains("curly and straight quotation marks") && p[0].1.contains("at 34..52"), "{}", p[0].1);
    let p = problems("the café opened", r#"{"article": "a", "exact": "cafe\u0301"}"#);
    assert!(p[0].1.contains("Unicode normalization"), "{}", p[0].1);
    let p = problems(TEXT, r#"{"article": "a", "exact": "Later  Ann"}"#);
    assert!(p[0].1.contains("white space"), "{}", p[0].1);
}

#[test]
fn a_quote_and_offsets_must_agree() {
    assert_eq!(placed(TEXT, r#"{"article": "a", "start": 4, "end": 10, "exact": "met Bo"}"#), (4, 10));
    let p = problems(TEXT, r#"{"article": "a", "start": 4, "end": 10, "exact": "met Cy"}"#);
    assert_eq!(p[0].0, ProblemKind::SpanMismatch);
    assert!(p[0].1.contains("the quote occurs at 22..28"), "{}", p[0].1);
    let p = problems(TEXT, r#"{"article": "a", "start": 4, "end": 10, "exact": "met Bo", "prefix": "Cy "}"#);
    assert_eq!(p[0].0, ProblemKind::SpanMismatch);
    assert!(p[0].1.contains("`prefix` does not end right before it"), "{}", p[0].1);
    let p = problems(TEXT, r#"{"article": "a", "start": 4, "exact": "met Bo"}"#);
    assert!(p[0].1.contains("give both `start` and `end`, or neither"), "{}", p[0].1);
}
