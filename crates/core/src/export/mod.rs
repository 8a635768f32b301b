//! Exports of a selection: the stable JSON record shapes, CSV, iCalendar, TimelineJS, and a
//! dataset subset. One implementation, called by the CLI and the web app alike.

mod ics;
mod timelinejs;

use serde::{Deserialize, Serialize};

use crate::format::model::Dataset;
use crate::format::read::Limits;
use crate::format::tables::{self, Table};
use crate::format::write::{self, TooLargeToWrite};
use crate::query::catalog::{Catalog, ClaimRef, EntityRef, EventRef, Selection};

pub use ics::to_ics;
pub use timelinejs::to_timelinejs;

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
    /// `occurred`, `expected` or `alleged`.
    pub status: String,
    /// For an alleged event, the ids of who alleges it.
    pub alleged_by: Vec<String>,
    /// For an undated event the article bounds, the bound (EDTF); it stays undated.
    pub date_bound: Option<String>,
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

/// What the bound of an undated event says, for a reader: `not stated; the article bounds it: up to
/// Oct 28, 2020`. The event stays undated; this only says what the text allows.
pub fn bound_label(bound: Option<&str>) -> Option<String> {
    let bound = crate::date::Edtf::parse(bound?).ok()?;
    Some(format!("not stated; the article bounds it: {}", bound.describe()))
}

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
            alleged_by: e.event.alleged_by.clone(),
            date_bound: e.event.date.bound.clone(),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// A `factline/1` dataset holding the selected events and claims.
    Json,
    /// The events table of the spreadsheet form (`format::tables`): a row per event and span.
    Csv,
    /// iCalendar, one all-day entry per dated event.
    Ics,
    /// Knight Lab TimelineJS JSON.
    TimelineJs,
    /// A W3C Web Annotation collection (JSON-LD): a fact an annotation, a span a target.
    Annotations,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [Format::Json, Format::Csv, Format::Ics, Format::TimelineJs, Format::Annotations];

    /// The name used on the command line: `json`, `csv`, `ics`, `timelinejs`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timelinejs",
            Format::Annotations => "annotations",
        }
    }

    /// The format with this name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The label on a download button.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::Ics => "ICS",
            Format::TimelineJs => "TimelineJS",
            Format::Annotations => "Web Annotations",
        }
    }

    /// The media type, for downloads.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "application/json",
            Format::Annotations => "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
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
            Format::Annotations => "annotations.jsonld",
        }
    }
}

/// The name a download from `dataset` gets: its first article's id (`factline` without one),
/// then `suffix` (`.json`, `-persons.csv`…).
pub fn file_name(dataset: &Dataset, suffix: &str) -> String {
    let stem = dataset.articles.first().map_or("factline", |a| a.id.as_str());
    format!("{stem}{suffix}")
}

/// An export: the file's text, and notes on what the format could not hold (left out, with why).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Export {
    /// The file's contents.
    pub body: String,
    /// What was left out and why, one sentence each.
    pub notes: Vec<String>,
}

impl Export {
    fn complete(body: String) -> Export {
        Export { body, notes: Vec::new() }
    }
}

/// Exports the events (and, for JSON, claims) a selection keeps. A JSON export is written so that
/// reading with `limits` accepts it.
pub fn export(
    catalog: &Catalog,
    selection: &Selection,
    format: Format,
    limits: &Limits,
) -> Result<Export, TooLargeToWrite> {
    let events = catalog.events(selection);
    Ok(match format {
        Format::Json => {
            Export::complete(write::to_json(&dataset_subset(catalog, &events, &catalog.claims(selection)), limits)?)
        }
        Format::Csv => Export::complete(tables::export(catalog, selection, Table::Events)),
        Format::Ics => to_ics(catalog, &events),
        Format::TimelineJs => to_timelinejs(catalog, &events),
        Format::Annotations => {
            Export::complete(crate::format::annotations::to_annotations(catalog, &events, &catalog.claims(selection)))
        }
    })
}

/// A dataset with every article and entity, the given events and claims, and the events and claims
/// they refer to (what derived ones rest on, date anchors, who alleges an event, what a claim is
/// about), so it validates and re-exports to the same text.
pub fn dataset_subset(catalog: &Catalog, events: &[EventRef<'_>], claims: &[ClaimRef<'_>]) -> Dataset {
    let source = catalog.dataset();
    let mut keep = vec![false; source.events.len()];
    let mut keep_claims = vec![false; source.claims.len()];
    let mut pending: Vec<EntityRef> = events.iter().map(|e| EntityRef::Event(e.index)).collect();
    pending.extend(claims.iter().map(|c| EntityRef::Claim(c.index)));
    while let Some(next) = pending.pop() {
        let refs: Vec<&String> = match next {
            EntityRef::Event(i) => {
                if std::mem::replace(&mut keep[i], true) {
                    continue;
                }
                let event = &source.events[i];
                event
                    .derived
                    .iter()
                    .flat_map(|d| d.from.iter())
                    .chain(event.date.anchor.iter())
                    .chain(event.alleged_by.iter())
                    .collect()
            }
            EntityRef::Claim(i) => {
                if std::mem::replace(&mut keep_claims[i], true) {
                    continue;
                }
                source.claims[i].about.iter().collect()
            }
            _ => continue,
        };
        pending.extend(
            refs.into_iter()
                .filter_map(|id| catalog.lookup(id))
                .filter(|r| matches!(r, EntityRef::Event(_) | EntityRef::Claim(_))),
        );
    }
    Dataset {
        events: source.events.iter().zip(&keep).filter(|(_, k)| **k).map(|(e, _)| e.clone()).collect(),
        claims: source.claims.iter().zip(&keep_claims).filter(|(_, k)| **k).map(|(c, _)| c.clone()).collect(),
        ..source.clone()
    }
}
