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
    /// Which events to send, counted in events (the list is long; the page shows a window of it).
    pub events_window: Window,
    /// Which rows of the people list to send.
    pub people_window: Window,
    /// Which rows of the article list to send.
    pub articles_window: Window,
    /// How many claims to send (the first ones); 0 for the default.
    pub claims_shown: usize,
    /// The article the reader shows, when the reader chooses one; otherwise the focused fact's
    /// article, or the first.
    pub reader_article: Option<String>,
}

/// A stretch of a long list: the first item and how many. A `len` of 0 means the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Window {
    /// The first item, from 0.
    pub start: usize,
    /// How many items.
    pub len: usize,
}

impl Window {
    /// The range this window covers in a list of `total` items, with `default` items when its
    /// length is 0.
    pub fn range(self, total: usize, default: usize) -> std::ops::Range<usize> {
        let len = if self.len == 0 { default } else { self.len.min(MAX_WINDOW) };
        let start = self.start.min(total);
        start..(start + len).min(total)
    }
}

/// The most items of a list sent at once.
pub const MAX_WINDOW: usize = 1000;
/// Events sent when the page asks for no window in particular.
pub const DEFAULT_EVENTS: usize = 20;
/// The people list and the article list are sent whole up to this many rows; a longer one is
/// rendered near where it is scrolled, in rows of one height ([`is_windowed`]).
pub const WHOLE_ROWS: usize = 200;
/// Rows of a longer list sent before the page has said where its box is scrolled: more than the
/// box shows. The first screen of a corpus renders these, not the first [`WHOLE_ROWS`].
pub const FIRST_ROWS: usize = 30;
/// Claims sent by default, and added each time the reader asks for more.
pub const DEFAULT_CLAIMS: usize = 20;

/// Whether a people or article list of `total` rows is long enough to be sent a window at a
/// time, rendered near where its box is scrolled in rows of one height.
pub fn is_windowed(total: usize) -> bool {
    total > WHOLE_ROWS
}

/// The rows of a people or article list of `total` rows sent for `window`: all of a short list,
/// the first [`FIRST_ROWS`] of a long one, unless the page names a window.
fn list_rows(window: Window, total: usize) -> std::ops::Range<usize> {
    window.range(total, if is_windowed(total) { FIRST_ROWS } else { total })
}

/// Everything the page shows for one dataset, filter and [`ViewParams`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Screen {
    /// The masthead.
    pub header: Header,
    /// The articles of a corpus (empty for a single article): the rows of `params.articles_window`.
    pub articles: Vec<ArticleRow>,
    /// How many articles the list has in all.
    pub articles_total: usize,
    /// The index of the first row in `articles`.
    pub articles_start: usize,
    /// The selected persons' canonical ids, in the filter's order.
    pub selected: Vec<String>,
    /// References in the filter that name nobody or several people, with why.
    pub notices: Vec<String>,
    /// The filters in a few words, for the folded filter panel.
    pub filter_summary: String,
    /// How dates are being matched, when a range is set.
    pub semantics: Option<String>,
    /// The people list, narrowed by the people search: the rows of `params.people_window`.
    pub people: Vec<PersonRow>,
    /// How many people the search finds in all.
    pub people_total: usize,
    /// The index of the first row in `people`.
    pub people_start: usize,
    /// The timeline's bars: the selected people's events over time, whatever range is set.
    pub bars: Vec<Bar>,
    /// How many events the filter keeps.
    pub event_count: usize,
    /// The events in `params.events_window`, grouped by the year they start in; undated last.
    pub event_groups: Vec<EventGroup>,
    /// The index, among all `event_count` events, of the first event in `event_groups`.
    pub events_start: usize,
    /// How many claims the filter keeps.
    pub claim_count: usize,
    /// "Claims" for the whole dataset, "Claims in view" when filtered.
    pub claims_heading: String,
    /// The first of the claims the filter keeps (`params.claims_shown` of them).
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
    /// For a dataset of several articles, what the corpus is, instead of the first article.
    pub corpus: Option<Corpus>,
}

/// What a dataset of several articles covers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Corpus {
    /// The dataset's description, if it has one.
    pub description: Option<String>,
    /// How many articles.
    pub articles: usize,
    /// When they were published: `Jan 2, 2001 – Dec 31, 2024`.
    pub dates: String,
}

/// One article of a corpus, in the list of articles.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleRow {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Publication day, for a reader.
    pub published: String,
    /// How many events and claims cite it.
    pub facts: usize,
    /// Whether the source filter selects it.
    pub selected: bool,
}

/// A piece of text, and whether the search matched it (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Piece {
    /// The words.
    pub text: String,
    /// Whether the search matched them.
    pub hit: bool,
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
    /// Whether the group's year began before the window: its first events were sent earlier.
    pub continued: bool,
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
    /// Its place in the list of events the filter keeps, from 1.
    pub position: usize,
    /// For a corpus, the articles it comes from (publisher and date); several mean corroboration.
    pub sources: Vec<String>,
    /// When a search is set, the summary cut at what it matched; empty otherwise.
    pub summary_hits: Vec<Piece>,
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
    /// For a corpus, the articles their events and claims come from.
    pub articles: Vec<String>,
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
    /// For a corpus, the articles the reader can switch to.
    pub choices: Vec<ArticleChoice>,
}

/// An article the reader can show.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleChoice {
    /// Article id.
    pub id: String,
    /// Its headline, publisher and date.
    pub title: String,
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
    /// Whether the search matched it.
    pub hit: bool,
    /// How many facts in view its words support (0: plain text).
    pub facts: usize,
    /// Whether it supports the focused fact.
    pub focused: bool,
    /// Whether it is where the focused fact's first span starts (where the reader scrolls to).
    pub focus_target: bool,
}

/// Computes the screen for a filter and the reader's choices. `filter` is `params.query`, parsed.
pub fn screen(catalog: &Catalog, filter: &Filter, params: &ViewParams) -> Screen {
    crate::trace::count(crate::trace::Counter::Screen);
    let (selection, unresolved) = catalog.select_lenient(filter);
    let events = catalog.events(&selection);
    let claims = catalog.claims(&selection);
    let selected = selection.person_ids.clone();
    // The bars show the selected people's events whatever range is set.
    let unbounded_events = if filter.from.is_none() && filter.to.is_none() {
        None
    } else {
        let (unbounded, _) = catalog.select_lenient(&Filter { from: None, to: None, ..filter.clone() });
        Some(catalog.events(&unbounded))
    };
    let shown_claims = Window { start: 0, len: params.claims_shown }.range(claims.len(), DEFAULT_CLAIMS);
    let claim_cards: Vec<ClaimCard> = claims[shown_claims].iter().map(|c| claim_card(catalog, c)).collect();
    let events_range = params.events_window.range(events.len(), DEFAULT_EVENTS);
    let events_start = events_range.start;
    let person_card = match selected.as_slice() {
        [only] => person_card(catalog, only, params.status_day.as_deref(), &claim_cards),
        _ => None,
    };
    let people = people(catalog, &params.people_search, &selected, params.people_window);
    let article_rows = articles(catalog, &filter.sources, params.articles_window);
    Screen {
        header: header(catalog),
        articles: article_rows.rows,
        articles_total: article_rows.total,
        articles_start: article_rows.start,
        notices: unresolved.iter().map(ToString::to_string).collect(),
        filter_summary: filter_summary(catalog, filter, &selected),
        semantics: filter.date_semantics(),
        people: people.rows,
        people_total: people.total,
        people_start: people.start,
        bars: bars(unbounded_events.as_deref().unwrap_or(&events), filter),
        event_count: events.len(),
        event_groups: {
            let mut position = events_start;
            // The window's first year continues the one before it when the two events share a group.
            let continues = events_start > 0
                && events_start < events.len()
                && by_year(&events[events_start - 1..=events_start]).len() == 1;
            by_year(&events[events_range])
                .into_iter()
                .enumerate()
                .map(|(i, (heading, group))| EventGroup {
                    continued: i == 0 && continues,
                    heading,
                    events: group
                        .iter()
                        .map(|e| {
                            position += 1;
                            let card = event_card(catalog, e, &selected, params.focus.as_deref());
                            let summary_hits =
                                if filter.text.is_empty() { Vec::new() } else { pieces(&card.summary, &filter.text) };
                            EventCard { position, summary_hits, ..card }
                        })
                        .collect(),
                })
                .collect()
        },
        events_start,
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
        corpus: corpus(catalog),
    }
}

fn day_label(iso: &str) -> String {
    Day::parse_iso(iso).and_then(|d| Edtf::parse(&d.to_string()).ok()).map_or_else(|| iso.to_string(), |d| d.describe())
}

/// What a dataset of several articles covers; `None` for one article.
pub fn corpus(catalog: &Catalog) -> Option<Corpus> {
    let articles = &catalog.dataset().articles;
    if articles.len() < 2 {
        return None;
    }
    let days: Vec<&str> = articles.iter().map(|a| a.published.as_str()).collect();
    let (first, last) =
        (days.iter().min().copied().unwrap_or_default(), days.iter().max().copied().unwrap_or_default());
    Some(Corpus {
        description: catalog.dataset().description.clone(),
        articles: articles.len(),
        dates: if first == last { day_label(first) } else { format!("{} – {}", day_label(first), day_label(last)) },
    })
}

/// The list of articles, with how many facts cite each: the rows of `window`; empty for a single
/// article.
pub fn articles(catalog: &Catalog, sources: &[String], window: Window) -> Rows<ArticleRow> {
    let d = catalog.dataset();
    if d.articles.len() < 2 {
        return Rows { rows: Vec::new(), total: 0, start: 0 };
    }
    let range = list_rows(window, d.articles.len());
    let start = range.start;
    let rows = d.articles[range]
        .iter()
        .enumerate()
        .map(|(i, a)| ArticleRow {
            id: a.id.clone(),
            title: a.title.clone(),
            publisher: a.publisher.clone(),
            published: day_label(&a.published),
            facts: catalog.article_fact_count(start + i),
            selected: sources.contains(&a.id),
        })
        .collect();
    Rows { rows, total: d.articles.len(), start }
}

/// `text` cut into pieces at the places a search for `query` matches.
pub fn pieces(text: &str, query: &str) -> Vec<Piece> {
    let hits = crate::text::fold::find_words(text, query);
    if hits.is_empty() {
        return vec![Piece { text: text.to_string(), hit: false }];
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0usize;
    for (s, e) in hits {
        let (s, e) = (s as usize, (e as usize).min(chars.len()));
        if s > at {
            out.push(Piece { text: chars[at..s].iter().collect(), hit: false });
        }
        out.push(Piece { text: chars[s..e].iter().collect(), hit: true });
        at = e;
    }
    if at < chars.len() {
        out.push(Piece { text: chars[at..].iter().collect(), hit: false });
    }
    out
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

/// Rows of a long list: those of a window, and how many there are in all.
pub struct Rows<T> {
    /// The rows of the window.
    pub rows: Vec<T>,
    /// How many rows the whole list has.
    pub total: usize,
    /// The index of the first row sent.
    pub start: usize,
}

/// The people list for a search text, with the selected persons marked: the rows of `window`.
pub fn people(catalog: &Catalog, search: &str, selected: &[String], window: Window) -> Rows<PersonRow> {
    let persons = &catalog.dataset().persons;
    let matching = catalog.persons_matching(search);
    let range = list_rows(window, matching.len());
    let (total, start) = (matching.len(), range.start);
    let rows = matching[range]
        .iter()
        .copied()
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
                events: catalog.event_count(i),
                aliases: (!aliases.is_empty()).then(|| format!("also {}", aliases.join(", "))),
                selected: selected.contains(&p.id),
            }
        })
        .collect();
    Rows { rows, total, start }
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
        position: 0,
        sources: sources_of(catalog, catalog.event_sources(e.index)),
        summary_hits: Vec::new(),
    }
}

/// The articles the events and claims of a person come from, in the dataset's order, when it has
/// several.
fn person_articles(catalog: &Catalog, person_id: &str) -> Vec<String> {
    let d = catalog.dataset();
    if d.articles.len() < 2 {
        return Vec::new();
    }
    let mut cited = vec![false; d.articles.len()];
    for e in catalog.person_events(person_id) {
        for &a in catalog.event_sources(e.index) {
            cited[a] = true;
        }
    }
    let filter = Filter { persons: vec![person_id.to_string()], ..Filter::default() };
    let (selection, _) = catalog.select_lenient(&filter);
    for c in catalog.claims(&selection) {
        for &a in catalog.claim_sources(c.index) {
            cited[a] = true;
        }
    }
    d.articles
        .iter()
        .zip(cited)
        .filter(|(_, c)| *c)
        .map(|(a, _)| format!("{} ({}, {})", a.title, a.publisher, day_label(&a.published)))
        .collect()
}

/// The articles a fact comes from, for a reader, when the dataset has several.
fn sources_of(catalog: &Catalog, articles: &[usize]) -> Vec<String> {
    let all = &catalog.dataset().articles;
    if all.len() < 2 {
        return Vec::new();
    }
    articles
        .iter()
        .filter_map(|&a| all.get(a))
        .map(|a| format!("{}, {}", a.publisher, day_label(&a.published)))
        .collect()
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
        articles: person_articles(catalog, &person.id),
    })
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
