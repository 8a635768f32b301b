//! Exports of a selection: the stable JSON record shapes, CSV, iCalendar, TimelineJS, and a
//! dataset subset. One implementation, called by the CLI and the web app alike.

use serde::Serialize;

use crate::catalog::{Catalog, ClaimRef, EventRef, Selection};
use crate::date::{DatePoint, Day, EdtfKind, IntervalEnd, Precision};
use crate::model::Dataset;

/// The stable JSON shape of an event (`factline events --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    /// Event id.
    pub id: String,
    /// Kind, snake_case.
    pub kind: String,
    /// The EDTF string, or null when undated.
    pub date: Option<String>,
    /// First day covered (ISO), or null when undated or open at the start.
    pub earliest: Option<String>,
    /// Last day covered (ISO), or null when undated or open at the end.
    pub latest: Option<String>,
    /// `day`, `month`, `season`, `year`, `decade`, `century`, `interval`, or null when undated.
    pub precision: Option<String>,
    /// The date for a reader: `Oct 2019, approx.`, `date not given`.
    pub date_label: String,
    /// How the date was arrived at (`stated`, `relative_to_publication`, ...).
    pub date_basis: String,
    /// Whether the event is implied rather than stated.
    pub derived: bool,
    /// The rule's reasoning, for a derived event.
    pub reasoning: Option<String>,
    /// `occurred` or `expected`.
    pub status: String,
    /// Ids of the persons taking part (individuals and groups).
    pub participants: Vec<String>,
    /// One sentence.
    pub summary: String,
    /// The exact quoted words that support it.
    pub quotes: Vec<String>,
}

/// The stable JSON shape of a person (`factline persons --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
    /// Person id.
    pub id: String,
    /// Name as printed.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
}

/// The stable JSON shape of a claim (`factline claims --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimRecord {
    /// Claim id.
    pub id: String,
    /// The speaker's id, or null for an unnamed group.
    pub speaker: Option<String>,
    /// The speaker as the article puts it.
    pub speaker_label: String,
    /// Direct (quoted) rather than reported speech.
    pub direct: bool,
    /// What was said.
    pub text: String,
    /// The exact quoted words that report it.
    pub quotes: Vec<String>,
}

/// The words shown for an event with no date.
pub const UNDATED_LABEL: &str = "date not given";

/// The date as a reader should see it, or "date not given".
pub fn date_label(date: Option<&crate::date::Edtf>) -> String {
    date.map_or_else(|| UNDATED_LABEL.to_string(), crate::date::Edtf::describe)
}

impl EventRecord {
    /// The record for one event.
    pub fn new(catalog: &Catalog, e: &EventRef<'_>) -> EventRecord {
        let range = e.date.map(|d| d.range());
        EventRecord {
            id: e.event.id.clone(),
            kind: e.event.kind.as_str().to_string(),
            date: e.date.map(|d| d.as_str().to_string()),
            earliest: range.and_then(|r| r.earliest).map(|d| d.to_string()),
            latest: range.and_then(|r| r.latest).map(|d| d.to_string()),
            precision: e.date.map(|d| d.precision_name().to_string()),
            date_label: date_label(e.date),
            date_basis: e.event.date.basis.as_str().to_string(),
            derived: e.event.derived.is_some(),
            reasoning: e.event.derived.as_ref().map(|d| d.reasoning.clone()),
            status: e.event.status.as_str().to_string(),
            participants: catalog.participant_persons(e.event).into_iter().map(str::to_string).collect(),
            summary: e.event.summary.clone(),
            quotes: e.event.spans.iter().map(|s| s.exact.clone()).collect(),
        }
    }
}

impl ClaimRecord {
    /// The record for one claim.
    pub fn new(catalog: &Catalog, c: &ClaimRef<'_>) -> ClaimRecord {
        ClaimRecord {
            id: c.claim.id.clone(),
            speaker: c.claim.speaker.clone(),
            speaker_label: catalog.speaker_label(c.claim).to_string(),
            direct: c.claim.direct,
            text: c.claim.text.clone(),
            quotes: c.claim.spans.iter().map(|s| s.exact.clone()).collect(),
        }
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A `factline/1` dataset holding the selected events and claims.
    Json,
    /// One row per event.
    Csv,
    /// iCalendar, one all-day entry per dated event.
    Ics,
    /// Knight Lab TimelineJS JSON.
    TimelineJs,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Json, Format::Csv, Format::Ics, Format::TimelineJs];

    /// The name used on the command line: `json`, `csv`, `ics`, `timelinejs`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timelinejs",
        }
    }

    /// The format with this name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The media type, for downloads.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "application/json",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Ics => "text/calendar;charset=utf-8",
        }
    }

    /// A file extension, for downloads.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timeline.json",
        }
    }
}

/// Exports the events (and, for JSON, claims) a selection keeps.
pub fn export(catalog: &Catalog, selection: &Selection, format: Format) -> String {
    let events = catalog.events(selection);
    match format {
        Format::Json => to_dataset_json(catalog, &events, &catalog.claims(selection)),
        Format::Csv => to_csv(catalog, &events),
        Format::Ics => to_ics(catalog, &events),
        Format::TimelineJs => to_timelinejs(catalog, &events),
    }
}

/// A dataset with every article and entity, the given events and claims, and the events that
/// derived ones rest on, so it validates and re-exports to the same text.
pub fn to_dataset_json(catalog: &Catalog, events: &[EventRef<'_>], claims: &[ClaimRef<'_>]) -> String {
    let source = catalog.dataset();
    let mut keep = vec![false; source.events.len()];
    let mut pending: Vec<usize> = events.iter().map(|e| e.index).collect();
    while let Some(i) = pending.pop() {
        if std::mem::replace(&mut keep[i], true) {
            continue;
        }
        let event = &source.events[i];
        let needed = event.derived.iter().flat_map(|d| d.from.iter()).chain(event.date.anchor.iter());
        pending.extend(needed.filter_map(|id| catalog.event(id)).map(|e| e.index));
    }
    let mut keep_claims = vec![false; source.claims.len()];
    for c in claims {
        keep_claims[c.index] = true;
    }
    for (i, event) in source.events.iter().enumerate() {
        if keep[i] {
            for id in event.derived.iter().flat_map(|d| d.from.iter()) {
                if let Some(crate::catalog::EntityRef::Claim(c)) = catalog.lookup(id) {
                    keep_claims[c] = true;
                }
            }
        }
    }
    let subset = Dataset {
        events: source.events.iter().zip(&keep).filter(|(_, k)| **k).map(|(e, _)| e.clone()).collect(),
        claims: source.claims.iter().zip(&keep_claims).filter(|(_, k)| **k).map(|(c, _)| c.clone()).collect(),
        ..source.clone()
    };
    to_json(&subset)
}

/// Pretty JSON of a whole dataset, with a final newline.
pub fn to_json(dataset: &Dataset) -> String {
    let mut text = crate::encode::dataset(dataset);
    text.push('\n');
    text
}

/// CSV (RFC 4180) with a header row; participants and quotes are joined with ` | `.
pub fn to_csv(catalog: &Catalog, events: &[EventRef<'_>]) -> String {
    let mut out = String::from(
        "id,kind,date,earliest,latest,precision,date_label,date_basis,derived,status,participants,summary,quotes\r\n",
    );
    for e in events {
        let r = EventRecord::new(catalog, e);
        let fields = [
            r.id,
            r.kind,
            r.date.unwrap_or_default(),
            r.earliest.unwrap_or_default(),
            r.latest.unwrap_or_default(),
            r.precision.unwrap_or_default(),
            r.date_label,
            r.date_basis,
            r.derived.to_string(),
            r.status,
            r.participants.join(" | "),
            r.summary,
            r.quotes.join(" | "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(value: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets; a quote mark disarms it.
    let guarded = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) || guarded != value {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// iCalendar (RFC 5545): one all-day VEVENT per event whose date has both ends. Undated events and
/// open intervals cannot be placed on a calendar and are left out.
pub fn to_ics(catalog: &Catalog, events: &[EventRef<'_>]) -> String {
    let stamp = catalog
        .dataset()
        .articles
        .first()
        .and_then(|a| Day::parse_iso(&a.published))
        .map_or_else(|| "19700101".to_string(), compact);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Factline//factline 1//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    for e in events {
        let Some(range) = e.date.map(|d| d.range()) else { continue };
        let (Some(first), Some(last)) = (range.earliest, range.latest) else { continue };
        let r = EventRecord::new(catalog, e);
        let marker = if r.derived { " (derived)" } else { "" };
        let mut description = format!("Date: {}{marker}.", r.date_label);
        if let Some(reasoning) = &r.reasoning {
            description.push_str(&format!("\nReasoning: {reasoning}"));
        }
        for quote in &r.quotes {
            description.push_str(&format!("\n“{quote}”"));
        }
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@factline", r.id));
        lines.push(format!("DTSTAMP:{stamp}T000000Z"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", compact(first)));
        lines.push(format!("DTEND;VALUE=DATE:{}", compact(last.next())));
        lines.push(format!("SUMMARY:{}", ics_text(&format!("{}{marker}", r.summary))));
        lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
        lines.push(format!("CATEGORIES:{}", ics_text(e.event.kind.label())));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold_line(&line));
    }
    out
}

fn compact(day: Day) -> String {
    day.to_string().replace('-', "")
}

fn ics_text(value: &str) -> String {
    value.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).
fn fold_line(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

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

/// Knight Lab TimelineJS JSON. Text is HTML there, so every value is escaped. Events without a
/// known start are left out, since TimelineJS needs a start year.
pub fn to_timelinejs(catalog: &Catalog, events: &[EventRef<'_>]) -> String {
    let title = catalog.dataset().articles.first().map_or_else(
        || TimelineText { headline: "Factline".into(), text: String::new() },
        |a| TimelineText {
            headline: html_escape(&a.title),
            text: html_escape(&format!("{}, {}, {}", a.author, a.publisher, a.published)),
        },
    );
    let mut out = Vec::new();
    for e in events {
        let Some(date) = e.date else { continue };
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
            EdtfKind::Interval(..) => continue,
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
    let mut text = serde_json::to_string_pretty(&Timeline { title: TimelineTitle { text: title }, events: out })
        .unwrap_or_default();
    text.push('\n');
    text
}

fn html_escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?} is {} octets", physical.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn escapes_csv_and_ics_text() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        assert_eq!(ics_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(html_escape("<b>\"x\" & 'y'</b>"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    }
}
