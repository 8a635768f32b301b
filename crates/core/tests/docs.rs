//! The span examples in `assets/schema/FORMAT.md` are real: each cuts its quote out of the shipped article.

use factline_core::Span;
use factline_core::embedded::default_catalog;

#[test]
fn format_doc_span_examples_match_the_article() {
    let doc = include_str!("../../../assets/schema/FORMAT.md");
    let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for line in doc.lines() {
        let Some(start) = line.find("{ \"article\": \"eurasianet") else { continue };
        let Some(end) = line[start..].find('}') else { continue };
        let json = &line[start..start + end + 1];
        let span: Span = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(catalog.span_text(&span), Some(span.exact.as_str()), "{json}");
        checked += 1;
    }
    assert_eq!(checked, 2, "the examples in FORMAT.md");
}
