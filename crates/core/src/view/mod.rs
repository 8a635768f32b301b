//! What a front end shows, computed here so no front end works it out for itself: for a dataset,
//! a filter and a few reader choices ([`ViewParams`]), the [`Screen`] — the header, the people
//! list, the timeline's bars, the events grouped by year, the claims, the person card and the
//! article with its marks. A front end turns these values into text or DOM and nothing more.
//!
//! The values are plain data with serde derives, so the web app's background worker can compute
//! them and hand them to the page.

pub mod events;
pub mod reader;
pub mod timeline;

use serde::{Deserialize, Serialize};

use crate::date::{Day, Edtf};
use crate::export::date_label;
use crate::format::model::{AliasSource, DateBasis, EventStatus, PersonKind};
use crate::query::catalog::{Catalog, ClaimRef, EntityRef, EventRef};
use crate::query::filter::{Filter, PersonsMode};
use crate::query::status::{STATUS_KINDS_TEXT, Status};
use crate::text::{quotation, safe_href};

pub use events::by_year;
pub use reader::{FactAt, facts_at};
pub use timeline::{Bar, bars};

/// The reader's choices besides the filter, which the URL does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ViewParams {
    /// The filter, as its query string ([`Filter::to_query_string`]).
    pub query: String,
    /// What is typed in the people search.
    pub people_search: String,
    /// The day the person card gives a status for (`YYYY-MM-DD`); the publication day if `None`.
    pub status_day: Option<String>,
    /// The fact whose spans the reader shows and scrolls to.
    pub focus: Option<String>,
    /// Whether the reader highlights the spans of every fact in view.
    pub show_spans: bool,
    /// A highlighted passage whose facts to list: article id and code-point offset.
    pub passage: Option<(String, u32)>,
}

/// Everything the page shows for one dataset, filter and [`ViewParams`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Screen {
    /// The masthead.
    pub header: Header,
    /// The selected persons' canonical ids, in the filter's order.
    pub selected: Vec<String>,
    /// References in the filter that name nobody or several people, with why.
    pub notices: Vec<String>,
    /// The filters in a few words, for the folded filter panel.
    pub filter_summary: String,
    /// How dates are being matched, when a range is set.
    pub semantics: Option<String>,
    /// The people list, narrowed by the people search.
    pub people: Vec<PersonRow>,
    /// The timeline's bars: the selected people's events over time, whatever range is set.
    pub bars: Vec<Bar>,
    /// How many events the filter keeps.
    pub event_count: usize,
    /// The events the filter keeps, grouped by the year they start in; undated last.
    pub event_groups: Vec<EventGroup>,
    /// How many claims the filter keeps.
    pub claim_count: usize,
    /// "Claims" for the whole dataset, "Claims in view" when filtered.
    pub claims_heading: String,
    /// The claims the filter keeps.
    pub claims: Vec<ClaimCard>,
    /// The card of the one selected person, if exactly one is selected.
    pub person_card: Option<PersonCard>,
    /// The article with its marks.
    pub reader: Reader,
}

/// The masthead: the (first) article's title, byline, date and link.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Header {
    /// Headline.
    pub title: String,
    /// Standfirst, if any.
    pub subtitle: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// Byline, if any.
    pub author: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    pub published: String,
    /// The publication day for a reader: `Oct 31, 2020`.
    pub published_label: String,
    /// The original's address, if it is a usable link.
    pub href: Option<String>,
}

/// One person in the people list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PersonRow {
    /// Id.
    pub id: String,
    /// Name as printed.
    pub name: String,
    /// `unnamed` or `group`, for those.
    pub tag: Option<String>,
    /// How many events they take part in (a group: any member).
    pub events: usize,
    /// Other spellings, for the row: `also Qaisha Aqan`.
    pub aliases: Option<String>,
    /// Whether the filter selects them.
    pub selected: bool,
}

/// Events that start in the same year (or are open at the start, or undated).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventGroup {
    /// `2020`, `Open start` or `Date not given`.
    pub heading: String,
    /// The events, in chronological order.
    pub events: Vec<EventCard>,
}

/// A person named on a card, as a chip that filters by them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Chip {
    /// Person id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Whether they are selected.
    pub selected: bool,
}

/// Why a derived fact holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reasoning {
    /// The reasoning in words.
    pub reasoning: String,
    /// The rule's slug.
    pub rule: String,
}

/// One event, as a card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventCard {
    /// Event id.
    pub id: String,
    /// The date as precise as it is known: `Oct 2019, approx.`, `date not given`.
    pub date_label: String,
    /// The first day it covers (`YYYY-MM-DD`), for a machine-readable date.
    pub datetime: Option<String>,
    /// The precision when coarser than a day: `month`, `year`, `interval`.
    pub precision: Option<String>,
    /// The kind, for readers: `Refugee status granted`.
    pub kind: String,
    /// One sentence.
    pub summary: String,
    /// The persons taking part.
    pub people: Vec<Chip>,
    /// For a derived event, its reasoning.
    pub derived: Option<Reasoning>,
    /// Whether it is only expected.
    pub expected: bool,
    /// For an alleged event, who alleges it: `Alleged by Serikjan Bilash`.
    pub alleged: Option<String>,
    /// For an undated event the article bounds, what the bound says.
    pub bound: Option<String>,
    /// How the date was arrived at, when the article does not state it: `Inferred: …`.
    pub date_note: Option<String>,
    /// The quoted words that support it.
    pub quotes: Vec<String>,
    /// Whether the reader is showing its spans.
    pub focused: bool,
}

/// One claim, as a card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClaimCard {
    /// Claim id.
    pub id: String,
    /// The speaker as the article puts it.
    pub speaker: String,
    /// Direct (quoted) rather than reported speech.
    pub direct: bool,
    /// What was said: a quotation for direct speech, the paraphrase for reported speech.
    pub text: String,
    /// When, for a reader.
    pub when: String,
    /// Who it was said to, if the article says.
    pub said_to: Option<String>,
    /// What it is about: names of persons, organizations and places, summaries of events.
    pub about: Vec<String>,
}

/// An alias on a person card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AliasLine {
    /// The spelling.
    pub name: String,
    /// Where it comes from: `in this article`, or the report.
    pub source: String,
    /// A link to the report, if it has a usable one.
    pub href: Option<String>,
}

/// What the card of one selected person shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PersonCard {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
    /// For unnamed persons and groups, what they are.
    pub kind_note: Option<String>,
    /// One sentence on who they are.
    pub description: Option<String>,
    /// Roles, joined.
    pub roles: Option<String>,
    /// Affiliations, joined: `deputy director, Foo Agency`.
    pub affiliations: Option<String>,
    /// For a group, its members' names, joined.
    pub members: Option<String>,
    /// Other spellings with their sources.
    pub aliases: Vec<AliasLine>,
    /// The day the status is given for, `YYYY-MM-DD` (as typed, when it is not a day).
    pub status_day: String,
    /// Their status on that day, or why none can be given.
    pub status: String,
    /// The changes of status the article does not date, if any.
    pub undated: Option<String>,
    /// Claims in view by or about them.
    pub claims: Vec<ClaimCard>,
}

/// The article, cut into marked segments, and the facts of a clicked passage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reader {
    /// The articles shown.
    pub articles: Vec<ReaderArticle>,
    /// Whether any mention of a selected person is marked.
    pub mentions: bool,
    /// The facts the clicked passage supports, when one is open.
    pub passage: Option<Vec<FactAt>>,
}

/// One article in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReaderArticle {
    /// Article id.
    pub id: String,
    /// Headline, to label the article.
    pub title: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Paragraphs, each a run of segments.
    pub paragraphs: Vec<Vec<Segment>>,
}

/// A run of article text with the same marks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Segment {
    /// First code point, counted in the article's text.
    pub start: u32,
    /// The words.
    pub text: String,
    /// Whether it mentions a selected person.
    pub mention: bool,
    /// How many facts in view its words support (0: plain text).
    pub facts: usize,
    /// Whether it supports the focused fact.
    pub focused: bool,
    /// Whether it is where the focused fact's first span starts (where the reader scrolls to).
    pub focus_target: bool,
}

/// Computes the screen for a filter and the reader's choices. `filter` is `params.query`, parsed.
pub fn screen(catalog: &Catalog, filter: &Filter, params: &ViewParams) -> Screen {
    let (selection, unresolved) = catalog.select_lenient(filter);
    let events = catalog.events(&selection);
    let claims = catalog.claims(&selection);
    let selected = selection.person_ids.clone();
    let undated_filter = Filter { from: None, to: None, ..filter.clone() };
    let (unbounded, _) = catalog.select_lenient(&undated_filter);
    let claim_cards: Vec<ClaimCard> = claims.iter().map(|c| claim_card(catalog, c)).collect();
    let person_card = match selected.as_slice() {
        [only] => person_card(catalog, only, params.status_day.as_deref(), &claim_cards),
        _ => None,
    };
    Screen {
        header: header(catalog),
        notices: unresolved.iter().map(ToString::to_string).collect(),
        filter_summary: filter_summary(catalog, filter, &selected),
        semantics: filter.date_semantics(),
        people: people(catalog, &params.people_search, &selected),
        bars: bars(&catalog.events(&unbounded), filter),
        event_count: events.len(),
        event_groups: by_year(&events)
            .into_iter()
            .map(|(heading, group)| EventGroup {
                heading,
                events: group.iter().map(|e| event_card(catalog, e, &selected, params.focus.as_deref())).collect(),
            })
            .collect(),
        claim_count: claims.len(),
        claims_heading: if filter.is_empty() { "Claims" } else { "Claims in view" }.to_string(),
        claims: claim_cards,
        person_card,
        reader: reader::reader(catalog, &selection, &events, &claims, params),
        selected,
    }
}

/// The masthead for a dataset.
pub fn header(catalog: &Catalog) -> Header {
    let Some(article) = catalog.dataset().articles.first() else { return Header::default() };
    let published_label = Day::parse_iso(&article.published)
        .and_then(|d| Edtf::parse(&d.to_string()).ok())
        .map_or_else(|| article.published.clone(), |d| d.describe());
    Header {
        title: article.title.clone(),
        subtitle: article.subtitle.clone(),
        publisher: article.publisher.clone(),
        author: article.author.clone().filter(|a| !a.trim().is_empty()),
        published: article.published.clone(),
        published_label,
        href: article.url.as_deref().and_then(safe_href),
    }
}

/// What the filters select, in a few words: "Kaisha Akhan · from 2020", or "none set".
pub fn filter_summary(catalog: &Catalog, filter: &Filter, selected: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !selected.is_empty() {
        let names: Vec<&str> = selected.iter().map(|id| catalog.name_of(id)).collect();
        let joiner = if filter.persons_mode == PersonsMode::All { " and " } else { " or " };
        parts.push(names.join(joiner));
    }
    match (&filter.from, &filter.to) {
        (Some(from), Some(to)) => parts.push(format!("{from} to {to}")),
        (Some(from), None) => parts.push(format!("from {from}")),
        (None, Some(to)) => parts.push(format!("up to {to}")),
        (None, None) => {}
    }
    if !filter.text.is_empty() {
        parts.push(format!("“{}”", filter.text));
    }
    if parts.is_empty() { "none set".to_string() } else { parts.join(" · ") }
}

/// The people list for a search text, with the selected persons marked.
pub fn people(catalog: &Catalog, search: &str, selected: &[String]) -> Vec<PersonRow> {
    let persons = &catalog.dataset().persons;
    let counts = catalog.event_counts();
    catalog
        .persons_matching(search)
        .into_iter()
        .map(|i| {
            let p = &persons[i];
            let mut aliases: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
            aliases.dedup();
            PersonRow {
                id: p.id.clone(),
                name: p.name.clone(),
                tag: match p.kind {
                    PersonKind::Named => None,
                    PersonKind::Unnamed => Some("unnamed".into()),
                    PersonKind::Group => Some("group".into()),
                },
                events: counts.get(i).copied().unwrap_or(0),
                aliases: (!aliases.is_empty()).then(|| format!("also {}", aliases.join(", "))),
                selected: selected.contains(&p.id),
            }
        })
        .collect()
}

/// The words shown for how a date was arrived at, when the article does not simply state it.
pub fn basis_label(basis: DateBasis) -> Option<&'static str> {
    match basis {
        DateBasis::Stated => None,
        DateBasis::RelativeToPublication => Some("Relative to the publication date"),
        DateBasis::RelativeToEvent => Some("Counted from another event"),
        DateBasis::Inferred => Some("Inferred"),
        DateBasis::Derived => Some("Derived"),
        DateBasis::NotGiven => Some("Not given"),
    }
}

/// The card for one event. `selected` marks chips; `focus` is the fact the reader shows.
pub fn event_card(catalog: &Catalog, e: &EventRef<'_>, selected: &[String], focus: Option<&str>) -> EventCard {
    let event = e.event;
    EventCard {
        id: event.id.clone(),
        date_label: date_label(e.date),
        datetime: e.date.and_then(|d| d.range().earliest).map(|d| d.to_string()),
        precision: e.date.map(|d| d.precision_name()).filter(|p| *p != "day").map(str::to_string),
        kind: event.kind.label().to_string(),
        summary: event.summary.clone(),
        people: catalog
            .participant_persons(event)
            .into_iter()
            .map(|id| Chip {
                id: id.to_string(),
                name: catalog.name_of(id).to_string(),
                selected: selected.iter().any(|s| s == id),
            })
            .collect(),
        derived: event.derived.as_ref().map(|d| Reasoning { reasoning: d.reasoning.clone(), rule: d.rule.clone() }),
        expected: event.status == EventStatus::Expected,
        alleged: (event.status == EventStatus::Alleged).then(|| {
            let who: Vec<&str> = event.alleged_by.iter().map(|id| catalog.name_of(id)).collect();
            format!("Alleged by {}", who.join(", "))
        }),
        bound: crate::export::bound_label(event.date.bound.as_deref()),
        date_note: match (basis_label(event.date.basis), &event.date.note) {
            (Some(basis), Some(note)) => Some(format!("{basis}: {note}")),
            _ => None,
        },
        quotes: event.spans.iter().map(|s| s.exact.clone()).collect(),
        focused: focus == Some(event.id.as_str()),
    }
}

/// The card for one claim.
pub fn claim_card(catalog: &Catalog, c: &ClaimRef<'_>) -> ClaimCard {
    let claim = c.claim;
    ClaimCard {
        id: claim.id.clone(),
        speaker: catalog.speaker_label(claim).to_string(),
        direct: claim.direct,
        text: if claim.direct { quotation(&claim.text) } else { claim.text.clone() },
        when: date_label(c.date),
        said_to: claim.audience.as_deref().map(|a| catalog.name_of(a).to_string()),
        about: claim.about.iter().map(|id| catalog.name_of(id).to_string()).collect(),
    }
}

/// Where an alias comes from, in words: `in this article`, or the report's publisher, title, date.
pub fn alias_source(source: &AliasSource) -> String {
    match source {
        AliasSource::Article { .. } => "in this article".to_string(),
        AliasSource::Report { title, publisher, date, .. } => format!("{publisher}, “{title}”, {date}"),
    }
}

/// The card of the person with this id, with their status on `day` (the publication day when
/// `None`), and the claims in view.
pub fn person_card(catalog: &Catalog, person_id: &str, day: Option<&str>, claims: &[ClaimCard]) -> Option<PersonCard> {
    let person = catalog.person(person_id)?;
    let published = catalog.dataset().articles.first().map(|a| a.published.as_str()).unwrap_or_default();
    let day_text = day.unwrap_or(published);
    let status = match Day::parse_iso(day_text) {
        None => "Pick a day.".to_string(),
        Some(day) => match catalog.status_on(&person.id, day) {
            Some(Status { label, .. }) => label,
            None => format!("No change of status ({STATUS_KINDS_TEXT}) that the article dates by then."),
        },
    };
    let undated: Vec<&str> = catalog.undated_status_events(&person.id).iter().map(|e| e.event.kind.label()).collect();
    let joined = |items: Vec<String>| (!items.is_empty()).then(|| items.join(", "));
    Some(PersonCard {
        id: person.id.clone(),
        name: person.name.clone(),
        kind_note: match person.kind {
            PersonKind::Named => None,
            PersonKind::Unnamed => Some("Not named in the article".into()),
            PersonKind::Group => Some("A group the article names as one".into()),
        },
        description: person.description.clone(),
        roles: joined(person.roles.clone()),
        affiliations: (!person.affiliations.is_empty()).then(|| {
            person
                .affiliations
                .iter()
                .map(|a| match &a.role {
                    Some(role) => format!("{role}, {}", catalog.name_of(&a.organization)),
                    None => catalog.name_of(&a.organization).to_string(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        }),
        members: joined(person.members.iter().map(|m| catalog.name_of(m).to_string()).collect()),
        aliases: person
            .aliases
            .iter()
            .map(|a| AliasLine {
                name: a.name.clone(),
                source: alias_source(&a.source),
                href: match &a.source {
                    AliasSource::Report { url: Some(url), .. } => safe_href(url),
                    _ => None,
                },
            })
            .collect(),
        status_day: day_text.to_string(),
        status,
        undated: (!undated.is_empty())
            .then(|| format!("Changes of status the article does not date: {}.", undated.join("; "))),
        claims: claims.to_vec(),
    })
}

/// The facts (events and claims) in view, by id, for marking the reader.
fn fact_ids<'a>(events: &'a [EventRef<'a>], claims: &'a [ClaimRef<'a>]) -> impl Iterator<Item = &'a str> {
    events.iter().map(|e| e.event.id.as_str()).chain(claims.iter().map(|c| c.claim.id.as_str()))
}

/// The spans of a fact, by id.
fn spans_of<'a>(catalog: &'a Catalog, id: &str) -> &'a [crate::format::model::Span] {
    match catalog.lookup(id) {
        Some(EntityRef::Event(i)) => &catalog.dataset().events[i].spans,
        Some(EntityRef::Claim(i)) => &catalog.dataset().claims[i].spans,
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
