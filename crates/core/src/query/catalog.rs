//! A validated dataset with the indexes queries need: parsed dates, chronological order, folded
//! names and text, and each person's events. Built once per dataset; never serialized.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::date::{DateRange, Day, Edtf};
use crate::format::model::{Article, Claim, Dataset, Event, EventDate, Person, PersonKind, Span, TextPart};
use crate::format::validate::{Problems, anchor};
use crate::query::filter::{Filter, PersonsMode, RangeMode, Undated};
use crate::text::CodePoints;
use crate::text::fold::{self, contains_all_words, fold};
use crate::trace;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// Index into `articles`.
    Article(usize),
    /// Index into `persons`.
    Person(usize),
    /// Index into `organizations`.
    Organization(usize),
    /// Index into `places`.
    Place(usize),
    /// Index into `events`.
    Event(usize),
    /// Index into `claims`.
    Claim(usize),
}

/// An event with its parsed date.
#[derive(Debug, Clone, Copy)]
pub struct EventRef<'a> {
    /// Position in the dataset's `events`.
    pub index: usize,
    /// The event.
    pub event: &'a Event,
    /// Its parsed date; `None` when undated.
    pub date: Option<&'a Edtf>,
}

/// A claim with its parsed date.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRef<'a> {
    /// Position in the dataset's `claims`.
    pub index: usize,
    /// The claim.
    pub claim: &'a Claim,
    /// Its parsed date; `None` when undated.
    pub date: Option<&'a Edtf>,
}

/// A person a reference might have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The person's id.
    pub id: String,
    /// Their name as printed.
    pub name: String,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.id, self.name)
    }
}

/// The most persons a message names; the rest are counted.
pub const MAX_NAMED: usize = 20;

/// The first [`MAX_NAMED`] candidates, and how many more there are: a message stays a line
/// however many persons a dataset has.
fn list(candidates: &[Candidate]) -> String {
    let named: Vec<String> = candidates.iter().take(MAX_NAMED).map(ToString::to_string).collect();
    match candidates.len().saturating_sub(MAX_NAMED) {
        0 => named.join(", "),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// What an unknown person reference is told: near spellings, or who there is.
fn unknown_text(reference: &str, candidates: &[Candidate], close: bool) -> String {
    match (close, candidates.is_empty()) {
        (true, _) => format!("no person matches `{reference}`; did you mean: {}", list(candidates)),
        (false, true) => format!("no person matches `{reference}`; this dataset has no persons"),
        (false, false) => format!("no person matches `{reference}`; the persons are: {}", list(candidates)),
    }
}

/// A person reference that does not name exactly one person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nobody matches; `candidates` are the closest names, or everyone when none is close (the
    /// message names the first [`MAX_NAMED`] and counts the rest).
    #[error("{}", unknown_text(.reference, .candidates, *.close))]
    Unknown {
        /// The reference as given.
        reference: String,
        /// The nearest persons by spelling, or everyone if none is near.
        candidates: Vec<Candidate>,
        /// Whether `candidates` are near spellings rather than the full list.
        close: bool,
    },
    /// A source that is not an article of the dataset.
    #[error("no article `{reference}`; the articles are: {}", .articles.join(", "))]
    UnknownSource {
        /// The id as given.
        reference: String,
        /// The dataset's article ids.
        articles: Vec<String>,
    },
    /// An empty reference, or one of white space only: it names nobody (and would match everybody
    /// as a prefix).
    #[error("the reference is empty; give an id, or a person's name or alias")]
    Empty,
    /// Several people match.
    #[error("`{reference}` matches more than one person: {}; give more of the name or an id", list(.candidates))]
    Ambiguous {
        /// The reference as given.
        reference: String,
        /// Everyone it matches.
        candidates: Vec<Candidate>,
    },
}

impl ResolveError {
    /// The reference that failed.
    pub fn reference(&self) -> &str {
        match self {
            ResolveError::Unknown { reference, .. }
            | ResolveError::Ambiguous { reference, .. }
            | ResolveError::UnknownSource { reference, .. } => reference,
            ResolveError::Empty => "",
        }
    }
}

/// A [`Filter`] whose person references are resolved against one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The ids the references resolved to, in the filter's order.
    pub person_ids: Vec<String>,
    /// Individuals (indexes into `persons`) the selected persons and groups expand to, sorted.
    individuals: Vec<usize>,
    persons_mode: PersonsMode,
    range: Option<DateRange>,
    range_mode: RangeMode,
    undated: Undated,
    text: String,
    /// Article indexes a fact must have a span in (any of them); empty for any article.
    sources: Vec<usize>,
    min_sources: usize,
}

struct ArticleText {
    text: String,
    points: CodePoints,
}

impl Selection {
    /// The folded search text, if the selection has one.
    pub fn search_text(&self) -> Option<&str> {
        Some(self.text.as_str()).filter(|t| !t.is_empty())
    }

    /// Whether the selection keeps everything: no person, date range or text.
    pub fn is_everything(&self) -> bool {
        self.individuals.is_empty()
            && self.range.is_none()
            && self.text.is_empty()
            && self.sources.is_empty()
            && self.min_sources <= 1
    }
}

/// A validated dataset, indexed for queries.
pub struct Catalog {
    dataset: Dataset,
    index: Index,
    /// Built by the first search for text: most queries have none, and building it is a third of
    /// indexing a large corpus.
    search: OnceLock<SearchText>,
}

/// What a catalog knows of its dataset beyond the dataset itself, built from it in one pass.
pub(crate) struct Index {
    ids: HashMap<String, EntityRef>,
    texts: Vec<ArticleText>,
    event_dates: Vec<Option<Edtf>>,
    claim_dates: Vec<Option<Edtf>>,
    /// Folded id, name and alias keys for each person.
    person_keys: Vec<Vec<String>>,
    /// The persons each folded key belongs to, for exact references without a scan.
    key_index: HashMap<String, Vec<usize>>,
    /// For each event and claim, the articles (indexes) its spans come from, sorted.
    event_articles: Vec<Vec<usize>>,
    claim_articles: Vec<Vec<usize>>,
    /// For each person: itself, or a group's members (indexes of individuals).
    expansions: Vec<Vec<usize>>,
    /// For each event: the individuals taking part, sorted.
    event_people: Vec<Vec<usize>>,
    claim_people: Vec<Vec<usize>>,
    /// Event indexes in chronological order.
    event_order: Vec<usize>,
    /// Each event's position in `event_order`.
    event_rank: Vec<usize>,
    /// The days each event covers, by chronological rank (`None`: undated).
    rank_ranges: Vec<Option<DateRange>>,
    /// How many events and claims cite each article.
    article_facts: Vec<usize>,
    /// The events citing each article, in chronological order (as ranks).
    events_by_article: Vec<Vec<usize>>,
    claim_order: Vec<usize>,
    /// For each person, the chronological ranks of events its individuals take part in.
    events_by_person: Vec<Vec<usize>>,
}

/// A search for words among fewer than this fraction of the events or claims (1/16) folds just
/// those, while the folded text of all is not built.
const FOLD_EACH_BELOW: usize = 16;

/// Which facts a search looks at.
#[derive(Clone, Copy)]
enum Facts {
    Events,
    Claims,
}

/// The folded text a free-text search looks in, per event and per claim (by dataset index).
struct SearchText {
    events: Vec<String>,
    claims: Vec<String>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("dataset", &self.dataset).finish_non_exhaustive()
    }
}

/// Sort key: undated last; then earliest day (open starts first); then finer precision first.
fn chronological_key(date: Option<&Edtf>) -> (bool, Option<Day>, u8) {
    match date {
        None => (true, None, 0),
        Some(d) => (false, d.range().earliest, d.sort_precision() as u8),
    }
}

fn parse_date(date: &EventDate) -> Option<Edtf> {
    date.edtf.as_deref().and_then(|t| Edtf::parse(t).ok())
}

impl Index {
    /// Indexes a dataset; it reads the dataset only, so it can run while the dataset is checked.
    pub(crate) fn build(dataset: &Dataset) -> Index {
        let mut ids = HashMap::new();
        for (i, a) in dataset.articles.iter().enumerate() {
            ids.insert(a.id.clone(), EntityRef::Article(i));
        }
        for (i, p) in dataset.persons.iter().enumerate() {
            ids.insert(p.id.clone(), EntityRef::Person(i));
        }
        for (i, o) in dataset.organizations.iter().enumerate() {
            ids.insert(o.id.clone(), EntityRef::Organization(i));
        }
        for (i, p) in dataset.places.iter().enumerate() {
            ids.insert(p.id.clone(), EntityRef::Place(i));
        }
        for (i, e) in dataset.events.iter().enumerate() {
            ids.insert(e.id.clone(), EntityRef::Event(i));
        }
        for (i, c) in dataset.claims.iter().enumerate() {
            ids.insert(c.id.clone(), EntityRef::Claim(i));
        }
        let texts = dataset
            .articles
            .iter()
            .map(|a| {
                let text = a.text();
                let points = CodePoints::new(&text);
                ArticleText { text, points }
            })
            .collect();
        let person_keys: Vec<Vec<String>> = dataset
            .persons
            .iter()
            .map(|p| {
                let mut keys = vec![fold(&p.id), fold(&p.name)];
                keys.extend(p.aliases.iter().map(|a| fold(&a.name)));
                keys.dedup();
                keys
            })
            .collect();
        let mut key_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, keys) in person_keys.iter().enumerate() {
            for key in keys {
                let owners = key_index.entry(key.clone()).or_default();
                if owners.last() != Some(&i) {
                    owners.push(i);
                }
            }
        }
        let article_index = |id: &str| match ids.get(id) {
            Some(EntityRef::Article(i)) => Some(*i),
            _ => None,
        };
        let articles_of = |spans: &[Span]| {
            let mut found: Vec<usize> = spans.iter().filter_map(|s| article_index(&s.article)).collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let event_articles: Vec<Vec<usize>> = dataset.events.iter().map(|e| articles_of(&e.spans)).collect();
        let claim_articles: Vec<Vec<usize>> = dataset.claims.iter().map(|c| articles_of(&c.spans)).collect();
        let person_index = |id: &str| match ids.get(id) {
            Some(EntityRef::Person(i)) => Some(*i),
            _ => None,
        };
        let expansions: Vec<Vec<usize>> = dataset
            .persons
            .iter()
            .enumerate()
            .map(|(i, p)| match p.kind {
                PersonKind::Group => {
                    let mut members: Vec<usize> = p.members.iter().filter_map(|m| person_index(m)).collect();
                    members.sort_unstable();
                    members.dedup();
                    members
                }
                _ => vec![i],
            })
            .collect();
        let expand = |refs: &mut dyn Iterator<Item = &String>| {
            let mut out: Vec<usize> =
                refs.filter_map(|r| person_index(r)).flat_map(|i| expansions[i].iter().copied()).collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let event_people: Vec<Vec<usize>> =
            dataset.events.iter().map(|e| expand(&mut e.participants.iter().map(|p| &p.entity))).collect();
        let claim_people: Vec<Vec<usize>> =
            dataset.claims.iter().map(|c| expand(&mut c.speaker.iter().chain(c.about.iter()))).collect();
        let event_dates: Vec<Option<Edtf>> = dataset.events.iter().map(|e| parse_date(&e.date)).collect();
        let claim_dates: Vec<Option<Edtf>> = dataset.claims.iter().map(|c| parse_date(&c.date)).collect();

        let mut event_order: Vec<usize> = (0..dataset.events.len()).collect();
        event_order.sort_by_key(|&i| chronological_key(event_dates[i].as_ref()));
        let mut event_rank = vec![0; event_order.len()];
        for (rank, &i) in event_order.iter().enumerate() {
            event_rank[i] = rank;
        }
        let rank_ranges: Vec<Option<DateRange>> =
            event_order.iter().map(|&i| event_dates[i].as_ref().map(Edtf::range)).collect();
        let mut article_facts = vec![0usize; dataset.articles.len()];
        let mut events_by_article = vec![Vec::new(); dataset.articles.len()];
        for (rank, &i) in event_order.iter().enumerate() {
            for &a in &event_articles[i] {
                article_facts[a] += 1;
                events_by_article[a].push(rank);
            }
        }
        for articles in &claim_articles {
            for &a in articles {
                article_facts[a] += 1;
            }
        }
        let mut claim_order: Vec<usize> = (0..dataset.claims.len()).collect();
        claim_order.sort_by_key(|&i| chronological_key(claim_dates[i].as_ref()));

        let mut events_by_person = vec![Vec::new(); dataset.persons.len()];
        for (rank, &e) in event_order.iter().enumerate() {
            for &p in &event_people[e] {
                events_by_person[p].push(rank);
            }
        }
        Index {
            ids,
            texts,
            event_dates,
            claim_dates,
            person_keys,
            key_index,
            event_articles,
            claim_articles,
            expansions,
            event_people,
            claim_people,
            event_order,
            event_rank,
            rank_ranges,
            article_facts,
            events_by_article,
            claim_order,
            events_by_person,
        }
    }
}

impl Catalog {
    /// Validates `dataset`, places the spans given by their quotes alone, and indexes it; every
    /// problem is returned if it is invalid.
    pub fn new(mut dataset: Dataset) -> Result<Catalog, Problems> {
        anchor(&mut dataset)?;
        Ok(Catalog::new_prevalidated(dataset))
    }

    /// Indexes a dataset that has already passed [`validate`](crate::format::validate::validate): in the web app, the built-in
    /// article (validated when the app is built) or a file the background worker has checked. This
    /// keeps the validator out of code that only ever sees valid data. Queries on a dataset that
    /// would not validate may give wrong answers.
    pub fn new_prevalidated(dataset: Dataset) -> Catalog {
        let index = Index::build(&dataset);
        Catalog::from_parts(dataset, index)
    }

    /// A catalog of `dataset` with the index built from it.
    pub(crate) fn from_parts(dataset: Dataset, index: Index) -> Catalog {
        // Counted here, on the caller's thread, wherever the index was built.
        trace::count(trace::Counter::Indexing);
        Catalog { dataset, index, search: OnceLock::new() }
    }

    fn search(&self) -> &SearchText {
        self.search.get_or_init(|| SearchText {
            events: self.dataset.events.iter().map(|e| self.event_search_text(e)).collect(),
            claims: self.dataset.claims.iter().map(|c| self.claim_search_text(c)).collect(),
        })
    }

    /// The folded text a free-text search looks in for the event at this index: its summary,
    /// kind, people, places and quotes.
    pub fn folded_event_text(&self, index: usize) -> Option<&str> {
        self.search().events.get(index).map(String::as_str)
    }

    /// The dataset behind the catalog.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Gives the dataset back.
    pub fn into_dataset(self) -> Dataset {
        self.dataset
    }

    /// What `id` names, if anything.
    pub fn lookup(&self, id: &str) -> Option<EntityRef> {
        self.index.ids.get(id).copied()
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        match self.lookup(id)? {
            EntityRef::Person(i) => self.dataset.persons.get(i),
            _ => None,
        }
    }

    /// The display name for any id: a person's, organization's or place's name, an article's
    /// title, an event's summary, what a claim says; else the id itself.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        match self.lookup(id) {
            Some(EntityRef::Person(i)) => &self.dataset.persons[i].name,
            Some(EntityRef::Organization(i)) => &self.dataset.organizations[i].name,
            Some(EntityRef::Place(i)) => &self.dataset.places[i].name,
            Some(EntityRef::Article(i)) => &self.dataset.articles[i].title,
            Some(EntityRef::Event(i)) => &self.dataset.events[i].summary,
            Some(EntityRef::Claim(i)) => &self.dataset.claims[i].text,
            None => id,
        }
    }

    /// The event with this id and its parsed date.
    pub fn event(&self, id: &str) -> Option<EventRef<'_>> {
        match self.lookup(id)? {
            EntityRef::Event(i) => Some(self.event_at(i)),
            _ => None,
        }
    }

    /// The claim with this id and its parsed date.
    pub fn claim(&self, id: &str) -> Option<ClaimRef<'_>> {
        match self.lookup(id)? {
            EntityRef::Claim(i) => Some(self.claim_at(i)),
            _ => None,
        }
    }

    fn event_at(&self, index: usize) -> EventRef<'_> {
        EventRef { index, event: &self.dataset.events[index], date: self.index.event_dates[index].as_ref() }
    }

    fn claim_at(&self, index: usize) -> ClaimRef<'_> {
        ClaimRef { index, claim: &self.dataset.claims[index], date: self.index.claim_dates[index].as_ref() }
    }

    /// Every event in chronological order.
    pub fn all_events(&self) -> Vec<EventRef<'_>> {
        self.index.event_order.iter().map(|&i| self.event_at(i)).collect()
    }

    /// The article's text (paragraphs joined by a blank line).
    pub fn article_text(&self, article_id: &str) -> Option<&str> {
        match self.lookup(article_id)? {
            EntityRef::Article(i) => Some(&self.index.texts[i].text),
            _ => None,
        }
    }

    /// The article with this id.
    pub fn article(&self, article_id: &str) -> Option<&Article> {
        match self.lookup(article_id)? {
            EntityRef::Article(i) => self.dataset.articles.get(i),
            _ => None,
        }
    }

    /// Converts code-point offsets in an article into byte offsets into [`Catalog::article_text`].
    pub fn byte_range(&self, article_id: &str, start: u32, end: u32) -> Option<(usize, usize)> {
        let EntityRef::Article(i) = self.lookup(article_id)? else { return None };
        let ArticleText { text, points } = &self.index.texts[i];
        Some((points.byte(text, start as usize)?, points.byte(text, end as usize)?))
    }

    /// The text a span covers (validated, so equal to `span.exact`).
    pub fn span_text(&self, span: &Span) -> Option<&str> {
        let (start, end) = span.range()?;
        match span.part {
            TextPart::Body => {
                let (a, b) = self.byte_range(&span.article, start, end)?;
                self.article_text(&span.article).and_then(|t| t.get(a..b))
            }
            TextPart::Title => chars_of(&self.article(&span.article)?.title, start, end),
            TextPart::Subtitle => chars_of(self.article(&span.article)?.subtitle.as_deref()?, start, end),
        }
    }

    /// How many events the person at `person` takes part in (a group: events of any member).
    pub fn event_count(&self, person: usize) -> usize {
        match self.index.expansions.get(person).map(Vec::as_slice) {
            Some([only]) => self.index.events_by_person[*only].len(),
            Some(_) => self.person_event_ranks(person).len(),
            None => 0,
        }
    }

    /// How many events each person takes part in (a group: events of any member), by person index.
    pub fn event_counts(&self) -> Vec<usize> {
        (0..self.dataset.persons.len()).map(|p| self.person_event_ranks(p).len()).collect()
    }

    /// How many claims each person makes or is the subject of (a group: any member), by person index.
    pub fn claim_counts(&self) -> Vec<usize> {
        (0..self.dataset.persons.len())
            .map(|p| {
                let people = &self.index.expansions[p];
                self.index.claim_people.iter().filter(|c| people.iter().any(|m| c.binary_search(m).is_ok())).count()
            })
            .collect()
    }

    /// The events of the person with exactly this id (a group: of any member), in chronological
    /// order; empty for an unknown id.
    pub fn person_events(&self, person_id: &str) -> Vec<EventRef<'_>> {
        match self.lookup(person_id) {
            Some(EntityRef::Person(p)) => {
                self.person_event_ranks(p).into_iter().map(|r| self.event_at(self.index.event_order[r])).collect()
            }
            _ => Vec::new(),
        }
    }

    fn person_event_ranks(&self, person: usize) -> Vec<usize> {
        let mut ranks: Vec<usize> = self.index.expansions[person]
            .iter()
            .flat_map(|&i| self.index.events_by_person[i].iter().copied())
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        ranks
    }

    /// Indexes of the persons whose id, name or aliases contain every word of `text`, ignoring case
    /// and diacritics (all persons for empty text). The people search of the CLI and the web app.
    pub fn persons_matching(&self, text: &str) -> Vec<usize> {
        let wanted = fold(text);
        (0..self.index.person_keys.len())
            .filter(|&i| contains_all_words(&self.index.person_keys[i].join(" "), &wanted))
            .collect()
    }

    /// Resolves a reference (id, name, alias, or a unique prefix of one) to a person index.
    /// Matching ignores case and diacritics; an exact match beats a prefix match.
    pub fn resolve_person(&self, reference: &str) -> Result<usize, ResolveError> {
        if reference.trim().is_empty() {
            return Err(ResolveError::Empty);
        }
        let wanted = fold(reference);
        let candidate =
            |i: usize| Candidate { id: self.dataset.persons[i].id.clone(), name: self.dataset.persons[i].name.clone() };
        let matching = |test: &dyn Fn(&str) -> bool| -> Vec<usize> {
            (0..self.index.person_keys.len()).filter(|&i| self.index.person_keys[i].iter().any(|k| test(k))).collect()
        };
        if !wanted.is_empty() {
            let exact = self.index.key_index.get(&wanted).cloned().unwrap_or_default();
            let found = if exact.is_empty() {
                // A key shorter than the reference cannot hold it (and searching would cost the
                // reference's length at every key).
                matching(&|k| {
                    k.len() >= wanted.len()
                        && (k.starts_with(&wanted) || k.match_indices(&wanted).any(|(at, _)| k[..at].ends_with(' ')))
                })
            } else {
                exact
            };
            match found.len() {
                1 => return Ok(found[0]),
                0 => {}
                _ => {
                    return Err(ResolveError::Ambiguous {
                        reference: reference.to_string(),
                        candidates: found.into_iter().map(candidate).collect(),
                    });
                }
            }
        }
        let wanted_chars: Vec<char> = wanted.chars().collect();
        let limit = (wanted_chars.len() / 3).max(2);
        // A reference far longer than any name is a typo of none: no distance is computed.
        let mut near: Vec<(usize, usize)> = if wanted_chars.len() > MAX_SUGGESTED_CHARS {
            Vec::new()
        } else {
            (0..self.index.person_keys.len())
                .filter_map(|i| {
                    let best = self.index.person_keys[i]
                        .iter()
                        .flat_map(|k| std::iter::once(k.as_str()).chain(k.split(' ')))
                        .filter_map(|k| edit_distance_within(k, &wanted_chars, limit).0)
                        .min()?;
                    Some((best, i))
                })
                .collect()
        };
        near.sort_unstable();
        let close = !near.is_empty();
        let candidates: Vec<Candidate> = if close {
            near.into_iter().take(5).map(|(_, i)| candidate(i)).collect()
        } else {
            (0..self.dataset.persons.len()).map(candidate).collect()
        };
        Err(ResolveError::Unknown { reference: reference.to_string(), candidates, close })
    }

    /// Resolves a filter's person references, failing on the first that names nobody or several.
    pub fn select(&self, filter: &Filter) -> Result<Selection, ResolveError> {
        let (selection, mut errors) = self.select_lenient(filter);
        if errors.is_empty() { Ok(selection) } else { Err(errors.remove(0)) }
    }

    /// Resolves what it can, dropping (and reporting) references that name nobody or several.
    pub fn select_lenient(&self, filter: &Filter) -> (Selection, Vec<ResolveError>) {
        let mut errors = Vec::new();
        let mut person_ids: Vec<String> = Vec::new();
        let mut individuals = Vec::new();
        for reference in &filter.persons {
            match self.resolve_person(reference) {
                Ok(i) => {
                    let id = &self.dataset.persons[i].id;
                    if !person_ids.contains(id) {
                        person_ids.push(id.clone());
                        individuals.extend(self.index.expansions[i].iter().copied());
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        individuals.sort_unstable();
        individuals.dedup();
        let mut sources = Vec::new();
        for id in &filter.sources {
            match self.lookup(id) {
                Some(EntityRef::Article(i)) => sources.push(i),
                _ => errors.push(ResolveError::UnknownSource {
                    reference: id.clone(),
                    articles: self.dataset.articles.iter().map(|a| a.id.clone()).collect(),
                }),
            }
        }
        sources.sort_unstable();
        sources.dedup();
        let selection = Selection {
            person_ids,
            individuals,
            persons_mode: filter.persons_mode,
            range: filter.date_range(),
            range_mode: filter.range_mode,
            undated: filter.undated,
            text: fold(&filter.text),
            sources,
            min_sources: filter.min_sources,
        };
        (selection, errors)
    }

    /// The events a selection keeps, in chronological order. Uses the per-person index.
    pub fn events(&self, selection: &Selection) -> Vec<EventRef<'_>> {
        let ranks: Vec<usize> = if selection.individuals.is_empty() {
            (0..self.index.event_order.len()).collect()
        } else {
            match selection.persons_mode {
                PersonsMode::Any => {
                    let mut all: Vec<usize> = selection
                        .individuals
                        .iter()
                        .flat_map(|&p| self.index.events_by_person[p].iter().copied())
                        .collect();
                    all.sort_unstable();
                    all.dedup();
                    all
                }
                PersonsMode::All => {
                    let mut lists = selection.individuals.iter().map(|&p| &self.index.events_by_person[p]);
                    let first = lists.next().cloned().unwrap_or_default();
                    lists.fold(first, |acc, list| acc.into_iter().filter(|r| list.binary_search(r).is_ok()).collect())
                }
            }
        };
        // Each test is made only when the selection asks for it, and dates are read from a list in
        // chronological order, so keeping most of a large corpus reads memory in order.
        let dates = selection.range.is_some();
        let has_words = self.has_words(selection, Facts::Events, ranks.len());
        let sources = !selection.sources.is_empty() || selection.min_sources > 1;
        let mut out = Vec::with_capacity(ranks.len());
        for r in ranks {
            let i = self.index.event_order[r];
            if (dates && !self.date_ok(selection, self.index.rank_ranges[r]))
                || !has_words(i)
                || (sources && !sources_match(selection, &self.index.event_articles[i]))
            {
                continue;
            }
            out.push(self.event_at(i));
        }
        out
    }

    /// Whether a date (`None`: undated) passes the selection's range.
    fn date_ok(&self, selection: &Selection, range: Option<DateRange>) -> bool {
        match (&selection.range, range) {
            (None, _) => true,
            (Some(_), None) => selection.undated == Undated::Include,
            (Some(wanted), Some(range)) => match selection.range_mode {
                RangeMode::Overlap => range.overlaps(wanted),
                RangeMode::Within => range.is_within(wanted),
            },
        }
    }

    /// The claims a selection keeps, in chronological order: persons match the speaker or anyone
    /// the claim is about; dates and text as for events.
    pub fn claims(&self, selection: &Selection) -> Vec<ClaimRef<'_>> {
        let candidates: Vec<usize> = self
            .index
            .claim_order
            .iter()
            .copied()
            .filter(|&i| {
                persons_match(selection, &self.index.claim_people[i])
                    && self.date_ok(selection, self.index.claim_dates[i].as_ref().map(Edtf::range))
                    && sources_match(selection, &self.index.claim_articles[i])
            })
            .collect();
        let has_words = self.has_words(selection, Facts::Claims, candidates.len());
        candidates.into_iter().filter(|&i| has_words(i)).map(|i| self.claim_at(i)).collect()
    }

    /// Every claim in chronological order.
    pub fn all_claims(&self) -> Vec<ClaimRef<'_>> {
        self.index.claim_order.iter().map(|&i| self.claim_at(i)).collect()
    }

    /// The same result as [`Catalog::events`], by testing every event and sorting afterwards.
    /// The reference the indexed query is checked against.
    pub fn events_unindexed(&self, selection: &Selection) -> Vec<EventRef<'_>> {
        let mut kept: Vec<usize> = (0..self.dataset.events.len())
            .filter(|&i| {
                persons_match(selection, &self.index.event_people[i])
                    && self.date_ok(selection, self.index.event_dates[i].as_ref().map(Edtf::range))
                    && sources_match(selection, &self.index.event_articles[i])
            })
            .collect();
        let has_words = self.has_words(selection, Facts::Events, kept.len());
        kept.retain(|&i| has_words(i));
        kept.sort_by_key(|&i| (chronological_key(self.index.event_dates[i].as_ref()), i));
        kept.into_iter().map(|i| self.event_at(i)).collect()
    }

    /// A test of whether an event or a claim (by dataset index) has every word the selection looks
    /// for, among `candidates` to be tested. Words are looked for in the folded text of all facts,
    /// built by the first search over many; while it is not built, a few candidates (one person's
    /// facts) are folded one by one instead: building it for a 1M-event corpus takes seconds.
    fn has_words<'a>(
        &'a self,
        selection: &'a Selection,
        facts: Facts,
        candidates: usize,
    ) -> impl Fn(usize) -> bool + 'a {
        let total = match facts {
            Facts::Events => self.dataset.events.len(),
            Facts::Claims => self.dataset.claims.len(),
        };
        let words = (!selection.text.is_empty()).then_some(selection.text.as_str());
        let table =
            (words.is_some() && (self.search.get().is_some() || candidates > total / FOLD_EACH_BELOW)).then(|| {
                match facts {
                    Facts::Events => &self.search().events,
                    Facts::Claims => &self.search().claims,
                }
            });
        move |i| {
            let Some(words) = words else { return true };
            match (table, facts) {
                (Some(table), _) => contains_all_words(&table[i], words),
                (None, Facts::Events) => contains_all_words(&self.event_search_text(&self.dataset.events[i]), words),
                (None, Facts::Claims) => contains_all_words(&self.claim_search_text(&self.dataset.claims[i]), words),
            }
        }
    }

    fn names_and_aliases(&self, id: &str, out: &mut String) {
        let aliases = match self.lookup(id) {
            Some(EntityRef::Person(i)) => &self.dataset.persons[i].aliases,
            Some(EntityRef::Organization(i)) => &self.dataset.organizations[i].aliases,
            Some(EntityRef::Place(i)) => &self.dataset.places[i].aliases,
            _ => return,
        };
        out.push(' ');
        out.push_str(self.name_of(id));
        for alias in aliases {
            out.push(' ');
            out.push_str(&alias.name);
        }
    }

    fn event_search_text(&self, e: &Event) -> String {
        let mut text = format!("{} {}", e.summary, e.kind.label());
        for p in &e.participants {
            self.names_and_aliases(&p.entity, &mut text);
        }
        for place in &e.places {
            self.names_and_aliases(&place.place, &mut text);
        }
        for span in &e.spans {
            text.push(' ');
            text.push_str(&span.exact);
        }
        fold(&text)
    }

    fn claim_search_text(&self, c: &Claim) -> String {
        let mut text = format!("{} {}", c.text, c.speaker_label.as_deref().unwrap_or_default());
        for id in c.speaker.iter().chain(&c.about).chain(&c.audience) {
            self.names_and_aliases(id, &mut text);
        }
        for span in &c.spans {
            text.push(' ');
            text.push_str(&span.exact);
        }
        fold(&text)
    }

    /// The speaker as the article puts it: `speaker_label`, else the speaker's name.
    pub fn speaker_label<'a>(&'a self, claim: &'a Claim) -> &'a str {
        match (&claim.speaker_label, &claim.speaker) {
            (Some(label), _) => label,
            (None, Some(id)) => self.name_of(id),
            (None, None) => "unattributed",
        }
    }

    /// Ids of the persons (individuals and groups) among an event's participants.
    pub fn participant_persons<'a>(&self, event: &'a Event) -> Vec<&'a str> {
        event
            .participants
            .iter()
            .filter(|p| matches!(self.lookup(&p.entity), Some(EntityRef::Person(_))))
            .map(|p| p.entity.as_str())
            .collect()
    }

    /// Where the article mentions a person: code-point ranges of their name and aliases, and of
    /// the groups they belong to ("the pair"), matched ignoring case at word boundaries.
    pub fn mentions(&self, article_id: &str, person_id: &str) -> Vec<(u32, u32)> {
        let (Some(EntityRef::Article(a)), Some(EntityRef::Person(p))) =
            (self.lookup(article_id), self.lookup(person_id))
        else {
            return Vec::new();
        };
        let persons = &self.dataset.persons;
        let groups = persons.iter().enumerate().filter(|&(g, group)| {
            group.kind == PersonKind::Group
                && g != p
                && self.index.expansions[p].iter().all(|m| self.index.expansions[g].contains(m))
        });
        let names: Vec<&str> = std::iter::once(&persons[p])
            .chain(groups.map(|(_, group)| group))
            .flat_map(|person| {
                std::iter::once(person.name.as_str()).chain(person.aliases.iter().map(|a| a.name.as_str()))
            })
            .collect();
        let lower: Vec<char> = self.index.texts[a].text.chars().map(fold::lower).collect();
        let mut found: Vec<(u32, u32)> = Vec::new();
        for name in names {
            let needle: Vec<char> = name.chars().map(fold::lower).collect();
            if needle.is_empty() || needle.len() > lower.len() {
                continue;
            }
            for start in 0..=lower.len() - needle.len() {
                let end = start + needle.len();
                let boundary_before = start == 0 || !fold::is_word_char(lower[start - 1]);
                let boundary_after = end == lower.len() || !fold::is_word_char(lower[end]);
                if boundary_before && boundary_after && lower[start..end] == needle[..] {
                    found.push((start as u32, end as u32));
                }
            }
        }
        found.sort_unstable();
        // Keep the longest of overlapping matches ("Sayragul Sauytbay" over "Sauytbay").
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (s, e) in found {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// How many events and claims cite the article at this index.
    pub fn article_fact_count(&self, article: usize) -> usize {
        self.index.article_facts.get(article).copied().unwrap_or(0)
    }

    /// The indexes of the events citing the article at this index, in chronological order.
    pub fn events_citing(&self, article: usize) -> impl Iterator<Item = usize> + '_ {
        self.index.events_by_article.get(article).into_iter().flatten().map(|&r| self.index.event_order[r])
    }

    /// The articles (by index) an event's spans come from.
    pub fn event_sources(&self, event_index: usize) -> &[usize] {
        self.index.event_articles.get(event_index).map_or(&[], Vec::as_slice)
    }

    /// The articles (by index) a claim's spans come from.
    pub fn claim_sources(&self, claim_index: usize) -> &[usize] {
        self.index.claim_articles.get(claim_index).map_or(&[], Vec::as_slice)
    }

    /// Position of an event in chronological order.
    pub fn chronological_rank(&self, event_index: usize) -> Option<usize> {
        self.index.event_rank.get(event_index).copied()
    }
}

/// The code points `start..end` of `text`.
fn chars_of(text: &str, start: u32, end: u32) -> Option<&str> {
    let mut bounds = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let a = bounds.nth(start as usize)?;
    let b = if end == start { a } else { bounds.nth((end - start - 1) as usize)? };
    text.get(a..b)
}

/// Whether a fact's source articles meet the selection's: one of the chosen sources, and enough.
fn sources_match(selection: &Selection, articles: &[usize]) -> bool {
    (selection.sources.is_empty() || selection.sources.iter().any(|s| articles.binary_search(s).is_ok()))
        && articles.len() >= selection.min_sources
}

fn persons_match(selection: &Selection, people: &[usize]) -> bool {
    if selection.individuals.is_empty() {
        return true;
    }
    match selection.persons_mode {
        PersonsMode::Any => selection.individuals.iter().any(|p| people.binary_search(p).is_ok()),
        PersonsMode::All => selection.individuals.iter().all(|p| people.binary_search(p).is_ok()),
    }
}

/// The longest reference, in code points, that "did you mean" looks for near spellings of.
pub const MAX_SUGGESTED_CHARS: usize = 200;

/// Levenshtein distance over code points between `a` and `b`, for "did you mean" suggestions,
/// if it is at most `limit`; and how many cells were computed. Only the band of cells within
/// `limit` of the diagonal can lead to an answer within it, so only they are computed, and a
/// pair whose lengths differ by more than `limit` costs none.
fn edit_distance_within(a: &str, b: &[char], limit: usize) -> (Option<usize>, usize) {
    let a: Vec<char> = a.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return (None, 0);
    }
    let beyond = limit + 1;
    let mut cells = 0;
    // Cells outside the band stand at `beyond`: more than the limit, which is all that matters.
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(beyond)).collect();
    let mut current = vec![beyond; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        current.fill(beyond);
        current[0] = row.min(beyond);
        let (from, to) = (row.saturating_sub(limit).max(1), (row + limit).min(b.len()));
        let mut best = current[0];
        for j in from..=to {
            cells += 1;
            let cost = usize::from(*ca != b[j - 1]);
            let value = (previous[j - 1] + cost).min(previous[j] + 1).min(current[j - 1] + 1).min(beyond);
            current[j] = value;
            best = best.min(value);
        }
        if best > limit {
            return (None, cells);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    (Some(previous[b.len()]).filter(|&d| d <= limit), cells)
}

#[cfg(test)]
mod tests;
