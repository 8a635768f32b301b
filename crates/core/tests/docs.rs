//! The span examples in `assets/schema/FORMAT.md` are real: each one with offsets cuts its quote
//! out of the shipped article, and each quote alone occurs in exactly one place.

use factline_core::Span;
use factline_core::embedded::default_catalog;
use factline_core::format::anchor::Haystack;

#[test]
fn format_doc_span_examples_match_the_article() {
    let doc = include_str!("../../../assets/schema/FORMAT.md");
    let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
    let (mut placed, mut quoted) = (0, 0);
    for line in doc.lines() {
        let Some(start) = line.find("{ \"article\": \"eurasianet") else { continue };
        let Some(end) = line[start..].find('}') else { continue };
        let json = &line[start..start + end + 1];
        let span: Span = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        if span.range().is_some() {
            assert_eq!(catalog.span_text(&span), Some(span.exact.as_str()), "{json}");
            placed += 1;
        } else {
            let text = catalog.article_text(&span.article).unwrap_or_default();
            let at = Haystack::new(text).place(&span.exact, span.prefix.as_deref(), span.suffix.as_deref());
            assert!(at.is_ok(), "{json}: {at:?}");
            quoted += 1;
        }
    }
    assert_eq!((placed, quoted), (2, 2), "the examples in FORMAT.md");
}
