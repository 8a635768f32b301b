//! The source filter: facts by the article their spans come from, and corroboration (facts whose
//! spans come from several articles).

use factline_core::{Filter, load};

/// Two articles telling of the same crossing; the second also tells of a release.
const TWO_ARTICLES: &str = r#"{"format": "factline/1",
  "articles": [
    {"id": "first", "title": "One", "publisher": "P", "published": "2020-05-20", "language": "en", "paragraphs": ["Ann crossed the border."]},
    {"id": "second", "title": "Two", "publisher": "Q", "published": "2020-05-21", "language": "en", "paragraphs": ["Ann crossed the border on foot. Ann was released."]}
  ],
  "persons": [{"id": "ann", "name": "Ann"}],
  "events": [
    {"id": "crossing", "kind": "border_crossing", "participants": [{"entity": "ann", "role": "subject"}], "summary": "Ann crossed.",
     "spans": [{"article": "first", "exact": "Ann crossed the border"}, {"article": "second", "exact": "Ann crossed the border on foot"}]},
    {"id": "release", "kind": "release", "participants": [{"entity": "ann", "role": "subject"}], "summary": "Ann was released.",
     "spans": [{"article": "second", "exact": "Ann was released"}]}
  ]}"#;

fn ids(query: &str) -> Vec<String> {
    let catalog = load(TWO_ARTICLES.as_bytes()).unwrap_or_else(|e| panic!("{:?}", e.details()));
    let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let selection = catalog.select(&filter).unwrap_or_else(|e| panic!("{e}"));
    let indexed: Vec<String> = catalog.events(&selection).iter().map(|e| e.event.id.clone()).collect();
    let unindexed: Vec<String> = catalog.events_unindexed(&selection).iter().map(|e| e.event.id.clone()).collect();
    assert_eq!(indexed, unindexed, "{query}");
    let mut sorted = indexed;
    sorted.sort();
    sorted
}

#[test]
fn facts_by_source_and_corroboration() {
    assert_eq!(ids(""), ["crossing", "release"]);
    assert_eq!(ids("source=first"), ["crossing"]);
    assert_eq!(ids("source=second"), ["crossing", "release"]);
    assert_eq!(ids("source=first&source=second"), ["crossing", "release"]);
    assert_eq!(ids("sources=2"), ["crossing"], "told by two articles");
    assert_eq!(ids("person=ann&source=first&sources=2"), ["crossing"]);
    let catalog = load(TWO_ARTICLES.as_bytes()).unwrap_or_else(|e| panic!("{:?}", e.details()));
    let error = catalog.select(&Filter::parse("source=third").unwrap_or_default()).err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("no article `third`; the articles are: first, second"));
}
