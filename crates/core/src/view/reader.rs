//! The article for the reader: cut into paragraphs of segments at every mark, each segment saying
//! whether it mentions a selected person and how many facts in view its words support; and the
//! facts at a position of the text, for a clicked passage.

use serde::{Deserialize, Serialize};

use crate::export::date_label;
use crate::format::model::{Article, TextPart};
use crate::query::catalog::{Catalog, ClaimRef, EntityRef, EventRef, Selection};
use crate::view::{ArticleChoice, Reader, ReaderArticle, Segment, ViewParams, spans_of};

/// Why a stretch of text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A mention of a selected person.
    Mention,
    /// Part of a span of the fact with this index in the list of marked facts.
    Span(usize),
    /// Words the search matched.
    Hit,
}

/// A stretch of article text to mark, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// Mention or span.
    pub kind: MarkKind,
}

/// A fact whose span covers a position of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactAt {
    /// The event's or claim's id.
    pub id: String,
    /// The fact in one line: `Oct 30, 2020 — Kaisha Akhan was granted refugee status`.
    pub text: String,
    /// Whether it is an event (which has a card) rather than a claim.
    pub is_event: bool,
    /// For an event the filter keeps, its place in the filtered list, counted from 1 (as
    /// [`EventCard::position`](crate::view::EventCard::position)): a long list renders only the
    /// cards near the screen, so the page needs it to go to the card. `None` for a claim, and
    /// for an event the filter hides.
    pub position: Option<usize>,
}

/// The events and claims, in the dataset's order, that have a span in `article` covering code
/// point `at`; `shown` is the filtered list of events, which gives their positions.
pub fn facts_at(catalog: &Catalog, shown: &[EventRef<'_>], article: &str, at: u32) -> Vec<FactAt> {
    let covers = |spans: &[crate::format::model::Span]| spans.iter().any(|s| s.covers(article, at));
    let d = catalog.dataset();
    let covering: Vec<EventRef<'_>> =
        d.events.iter().filter(|e| covers(&e.spans)).filter_map(|e| catalog.event(&e.id)).collect();
    // Their places in the list, in one pass over it however many events the passage supports.
    let mut positions: std::collections::HashMap<usize, usize> = covering.iter().map(|e| (e.index, 0)).collect();
    for (i, event) in shown.iter().enumerate() {
        if let Some(position) = positions.get_mut(&event.index) {
            *position = i + 1;
        }
    }
    let events = covering.into_iter().map(|e| {
        let derived = if e.event.derived.is_some() { " (derived)" } else { "" };
        FactAt {
            id: e.event.id.clone(),
            text: format!("{} — {}{derived}", date_label(e.date), e.event.summary),
            is_event: true,
            position: positions.get(&e.index).copied().filter(|p| *p > 0),
        }
    });
    let claims = d.claims.iter().filter(|c| covers(&c.spans)).map(|c| FactAt {
        id: c.id.clone(),
        text: format!("{}: {}", catalog.speaker_label(c), c.text),
        is_event: false,
        position: None,
    });
    events.chain(claims).collect()
}

/// The reader for the facts in view: one article (the reader's choice, else the focused fact's,
/// else the first fact's, else the first), with mentions of the selected persons, what a search
/// matched, and, when highlighting is on, the spans of the facts in view (the focused fact's
/// always).
pub fn reader(
    catalog: &Catalog,
    selection: &Selection,
    events: &[EventRef<'_>],
    claims: &[ClaimRef<'_>],
    params: &ViewParams,
) -> Reader {
    let d = catalog.dataset();
    let focus = params
        .focus
        .as_deref()
        .filter(|f| matches!(catalog.lookup(f), Some(EntityRef::Event(_) | EntityRef::Claim(_))));
    let article_index = |id: &str| match catalog.lookup(id) {
        Some(EntityRef::Article(i)) => Some(i),
        _ => None,
    };
    let first_body =
        |id: &str| spans_of(catalog, id).iter().find(|s| s.part == TextPart::Body).map(|s| s.article.as_str());
    let shown = params
        .reader_article
        .as_deref()
        .and_then(article_index)
        .or_else(|| focus.and_then(first_body).and_then(article_index))
        .or_else(|| params.passage.as_ref().and_then(|(a, _)| article_index(a)))
        .or_else(|| events.first().and_then(|e| catalog.event_sources(e.index).first().copied()))
        .unwrap_or(0);
    let Some(article) = d.articles.get(shown) else { return Reader::default() };
    // Only the facts in view that cite this article are marked.
    let mut marked: Vec<&str> = Vec::new();
    if params.show_spans {
        marked.extend(
            events.iter().filter(|e| catalog.event_sources(e.index).contains(&shown)).map(|e| e.event.id.as_str()),
        );
        marked.extend(
            claims.iter().filter(|c| catalog.claim_sources(c.index).contains(&shown)).map(|c| c.claim.id.as_str()),
        );
    }
    if let Some(f) = focus
        && !marked.contains(&f)
    {
        marked.push(f);
    }
    let focus_index = focus.and_then(|f| marked.iter().position(|m| *m == f));
    let mut marks: Vec<Mark> = Vec::new();
    for person in &selection.person_ids {
        for (start, end) in catalog.mentions(&article.id, person) {
            marks.push(Mark { start, end, kind: MarkKind::Mention });
        }
    }
    let mentions = !marks.is_empty();
    if let Some(query) = selection.search_text().filter(|q| !q.is_empty()) {
        let text = catalog.article_text(&article.id).unwrap_or_default();
        for (start, end) in crate::text::fold::find_words(text, query) {
            marks.push(Mark { start, end, kind: MarkKind::Hit });
        }
    }
    for (i, id) in marked.iter().enumerate() {
        for (start, end) in body_spans(catalog, id, &article.id) {
            marks.push(Mark { start, end, kind: MarkKind::Span(i) });
        }
    }
    // The reader scrolls to the focused fact's first span, its primary evidence.
    let target = focus.and_then(|f| body_spans(catalog, f, &article.id).next()).map(|(start, _)| start);
    let articles = vec![ReaderArticle {
        id: article.id.clone(),
        title: article.title.clone(),
        language: article.language.clone(),
        paragraphs: paragraphs(article, &marks, focus_index, target),
    }];
    let choices = if d.articles.len() > 1 {
        d.articles
            .iter()
            .map(|a| ArticleChoice {
                id: a.id.clone(),
                title: format!("{} ({}, {})", a.title, a.publisher, a.published),
            })
            .collect()
    } else {
        Vec::new()
    };
    let passage = params.passage.as_ref().map(|(article, at)| facts_at(catalog, events, article, *at));
    Reader { articles, mentions, passage, choices }
}

/// The offsets of a fact's spans in the body of one article.
fn body_spans<'c>(catalog: &'c Catalog, id: &str, article: &'c str) -> impl Iterator<Item = (u32, u32)> + 'c {
    spans_of(catalog, id)
        .iter()
        .filter(move |s| s.part == TextPart::Body && s.article == article)
        .filter_map(|s| s.range())
}

/// The article's paragraphs, each cut into segments at every mark boundary. `focus` is the
/// focused fact's mark index; `target` where its first span starts.
pub fn paragraphs(article: &Article, marks: &[Mark], focus: Option<usize>, target: Option<u32>) -> Vec<Vec<Segment>> {
    let mut out = Vec::with_capacity(article.paragraphs.len());
    let separator = Article::PARAGRAPH_SEPARATOR.chars().count() as u32;
    let mut offset: u32 = 0;
    // Marks sorted by start, so each paragraph looks only at the marks that reach it.
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    sorted.sort_by_key(|m| m.start);
    for paragraph in &article.paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        let (p_start, p_end) = (offset, offset + chars.len() as u32);
        let here: Vec<&Mark> =
            sorted.iter().take_while(|m| m.start < p_end).filter(|m| m.end > p_start).copied().collect();
        let mut cuts: Vec<u32> = vec![p_start, p_end];
        for m in &here {
            for at in [m.start, m.end] {
                if at > p_start && at < p_end {
                    cuts.push(at);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let segments = cuts
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let mut facts: Vec<usize> = Vec::new();
                let mut mention = false;
                let mut hit = false;
                for m in here.iter().filter(|m| m.start <= a && m.end >= b) {
                    match m.kind {
                        MarkKind::Mention => mention = true,
                        MarkKind::Hit => hit = true,
                        MarkKind::Span(i) => {
                            if !facts.contains(&i) {
                                facts.push(i);
                            }
                        }
                    }
                }
                let focused = focus.is_some_and(|f| facts.contains(&f));
                Segment {
                    start: a,
                    text: chars[(a - p_start) as usize..(b - p_start) as usize].iter().collect(),
                    mention,
                    hit,
                    facts: facts.len(),
                    focused,
                    focus_target: focused && target == Some(a),
                }
            })
            .collect();
        out.push(segments);
        offset = p_end + separator;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;
    use crate::query::Filter;

    #[test]
    fn cuts_at_marks_and_keeps_text_whole() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let filter = Filter::parse("person=kaisha-akhan").unwrap_or_default();
        let (selection, _) = catalog.select_lenient(&filter);
        let events = catalog.events(&selection);
        let claims = catalog.claims(&selection);
        let params =
            ViewParams { focus: Some("akhan-refugee-status".into()), show_spans: false, ..ViewParams::default() };
        let reader = reader(&catalog, &selection, &events, &claims, &params);
        let article = &reader.articles[0];
        let joined: Vec<String> =
            article.paragraphs.iter().map(|p| p.iter().map(|s| s.text.as_str()).collect()).collect();
        assert_eq!(joined, catalog.dataset().articles[0].paragraphs);
        assert!(reader.mentions);
        let third = &article.paragraphs[2];
        let name = third.iter().find(|s| s.text == "Kaisha Akhan").map(|s| (s.mention, s.facts, s.focused));
        assert_eq!(name, Some((true, 1, true)));
        let span =
            catalog.event("akhan-refugee-status").map(|e| e.event.spans[0].clone()).unwrap_or_else(|| panic!("span"));
        let covered: String = third.iter().filter(|s| s.focused).map(|s| s.text.as_str()).collect();
        assert_eq!(covered, span.exact);
        // Offsets of segments are article offsets: the target is where the span starts.
        let targets: Vec<u32> =
            article.paragraphs.iter().flatten().filter(|s| s.focus_target).map(|s| s.start).collect();
        assert_eq!(targets.first().copied(), span.start);
        assert_eq!(targets.len(), 1);
    }

    #[test]
    fn the_facts_at_a_position() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let span = catalog
            .event("bashagar-refugee-status")
            .map(|e| e.event.spans[0].clone())
            .unwrap_or_else(|| panic!("span"));
        let start = span.start.unwrap_or_default();
        let all = catalog.all_events();
        let facts = facts_at(&catalog, &all, &span.article, start);
        assert!(facts.iter().any(|f| f.id == "bashagar-refugee-status" && f.is_event), "{facts:?}");
        assert!(facts.iter().any(|f| f.text.contains("Malik Bashagar was granted refugee status")), "{facts:?}");
        assert!(facts_at(&catalog, &all, &span.article, 0).iter().all(|f| f.id != "bashagar-refugee-status"));
        assert!(facts_at(&catalog, &all, "no-such-article", start).is_empty());
        // Each event's place in the list it is shown in; none where the filter hides it.
        let at = |facts: &[FactAt]| facts.iter().find(|f| f.id == "bashagar-refugee-status").and_then(|f| f.position);
        let place = all.iter().position(|e| e.event.id == "bashagar-refugee-status").map(|i| i + 1);
        assert!(place.is_some());
        assert_eq!(at(&facts), place);
        let one: Vec<_> = all.iter().filter(|e| e.event.id == "bashagar-refugee-status").cloned().collect();
        assert_eq!(at(&facts_at(&catalog, &one, &span.article, start)), Some(1));
        assert_eq!(at(&facts_at(&catalog, &[], &span.article, start)), None);
        assert!(facts.iter().filter(|f| !f.is_event).all(|f| f.position.is_none()));
    }
}
