//! Knight Lab TimelineJS JSON. Text is HTML there, so every value is escaped. Undated events and
//! events without a known start are left out, with a note, since TimelineJS needs a start year.

use serde::Serialize;

use crate::date::{DatePoint, EdtfKind, IntervalEnd, Precision};
use crate::export::{EventRecord, Export};
use crate::query::catalog::{Catalog, EventRef};

#[derive(Serialize)]
struct TimelineDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
}

#[derive(Serialize)]
struct TimelineText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TimelineEvent {
    start_date: TimelineDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    text: TimelineText,
    group: String,
    unique_id: String,
}

#[derive(Serialize)]
struct Timeline {
    title: TimelineTitle,
    events: Vec<TimelineEvent>,
}

#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText,
}

fn timeline_date(point: &DatePoint, display: Option<String>) -> TimelineDate {
    let (year, month, day) = point.earliest.ymd();
    TimelineDate {
        year,
        month: (point.precision <= Precision::Month).then_some(month),
        day: (point.precision == Precision::Day).then_some(day),
        display_date: display,
    }
}

/// The TimelineJS document, and a note for each event left out.
pub fn to_timelinejs(catalog: &Catalog, events: &[EventRef<'_>]) -> Export {
    let title = catalog.dataset().articles.first().map_or_else(
        || TimelineText { headline: "Factline".into(), text: String::new() },
        |a| TimelineText {
            headline: html_escape(&a.title),
            text: html_escape(
                &[a.author.as_deref().unwrap_or_default(), &a.publisher, &a.published]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
    );
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for e in events {
        let Some(date) = e.date else {
            notes.push(format!("`{}` is left out: the article gives no date, and TimelineJS needs one.", e.event.id));
            continue;
        };
        let label = date.describe();
        let (start, end) = match date.kind() {
            EdtfKind::Single(p) => (timeline_date(&p, Some(label)), None),
            EdtfKind::Interval(IntervalEnd::Known(a), b) => {
                let end = match b {
                    IntervalEnd::Known(b) => Some(timeline_date(&b, None)),
                    _ => None,
                };
                (timeline_date(&a, Some(label)), end)
            }
            EdtfKind::Interval(..) => {
                notes.push(format!(
                    "`{}` is left out: its date ({label}) has no known start, and TimelineJS needs one.",
                    e.event.id
                ));
                continue;
            }
        };
        let r = EventRecord::new(catalog, e);
        let mut text = String::new();
        if let Some(reasoning) = &r.reasoning {
            text.push_str(&format!("<p><strong>Derived:</strong> {}</p>", html_escape(reasoning)));
        }
        for quote in &r.quotes {
            text.push_str(&format!("<blockquote>{}</blockquote>", html_escape(quote)));
        }
        let headline = if r.derived { format!("{} (derived)", r.summary) } else { r.summary.clone() };
        out.push(TimelineEvent {
            start_date: start,
            end_date: end,
            text: TimelineText { headline: html_escape(&headline), text },
            group: e.event.kind.label().to_string(),
            unique_id: r.id,
        });
    }
    let mut body = serde_json::to_string_pretty(&Timeline { title: TimelineTitle { text: title }, events: out })
        .unwrap_or_default();
    body.push('\n');
    Export { body, notes }
}

fn html_escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(html_escape("<b>\"x\" & 'y'</b>"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    }
}
