//! The article cut into paragraphs of segments for the reader: each segment says whether it is a
//! mention of a selected person and which facts' spans cover it, so the front end only renders.

use crate::catalog::Catalog;

/// Why a stretch of text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A mention of a selected person.
    Mention,
    /// Part of a fact's span; the mark's key is the fact's id.
    Span,
}

/// A stretch of article text to mark, in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// Mention or span.
    pub kind: MarkKind,
    /// For a span, the id of the event or claim it supports.
    pub key: String,
}

/// A run of text with the same marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// First code point in the article text.
    pub start: u32,
    /// The text.
    pub text: String,
    /// Whether it mentions a selected person.
    pub mention: bool,
    /// Ids of the facts whose spans cover it, in mark order.
    pub keys: Vec<String>,
}

/// The article's paragraphs, each cut into segments at every mark boundary.
pub fn paragraphs(catalog: &Catalog, article_id: &str, marks: &[Mark]) -> Vec<Vec<Segment>> {
    let Some(article) = catalog.article(article_id) else { return Vec::new() };
    let mut out = Vec::with_capacity(article.paragraphs.len());
    let mut offset: u32 = 0;
    for paragraph in &article.paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        let len = chars.len() as u32;
        let (p_start, p_end) = (offset, offset + len);
        let mut cuts: Vec<u32> = vec![p_start, p_end];
        for m in marks {
            for at in [m.start, m.end] {
                if at > p_start && at < p_end {
                    cuts.push(at);
                }
            }
        }
        crate::sort::sort(&mut cuts);
        cuts.dedup();
        let segments = cuts
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let covering = marks.iter().filter(|m| m.start <= a && m.end >= b);
                let mut keys: Vec<String> = Vec::new();
                let mut mention = false;
                for m in covering {
                    match m.kind {
                        MarkKind::Mention => mention = true,
                        MarkKind::Span => {
                            if !keys.contains(&m.key) {
                                keys.push(m.key.clone());
                            }
                        }
                    }
                }
                let text: String = chars[(a - p_start) as usize..(b - p_start) as usize].iter().collect();
                Segment { start: a, text, mention, keys }
            })
            .collect();
        out.push(segments);
        offset = p_end + crate::model::Article::PARAGRAPH_SEPARATOR.chars().count() as u32;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;

    #[test]
    fn cuts_at_marks_and_keeps_text_whole() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let article = catalog.dataset().articles[0].id.clone();
        let event = catalog.event("akhan-refugee-status").map(|e| e.event.clone());
        let Some(event) = event else { panic!("missing event") };
        let span = &event.spans[0];
        let mut marks: Vec<Mark> = catalog
            .mentions(&article, "kaisha-akhan")
            .into_iter()
            .map(|(start, end)| Mark { start, end, kind: MarkKind::Mention, key: String::new() })
            .collect();
        marks.push(Mark { start: span.start, end: span.end, kind: MarkKind::Span, key: event.id.clone() });
        let paragraphs = paragraphs(&catalog, &article, &marks);
        let joined: Vec<String> = paragraphs.iter().map(|p| p.iter().map(|s| s.text.as_str()).collect()).collect();
        assert_eq!(joined, catalog.dataset().articles[0].paragraphs);
        let third = &paragraphs[2];
        let name = third.iter().find(|s| s.text == "Kaisha Akhan").map(|s| (s.mention, s.keys.clone()));
        assert_eq!(name, Some((true, vec!["akhan-refugee-status".to_string()])));
        let covered: String = third.iter().filter(|s| !s.keys.is_empty()).map(|s| s.text.as_str()).collect();
        assert_eq!(covered, span.exact);
        // Offsets of segments are article offsets: the span's first segment starts where it does.
        assert_eq!(third.iter().find(|s| !s.keys.is_empty()).map(|s| s.start), Some(span.start));
    }
}
