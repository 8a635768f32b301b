//! Validation of a parsed [`Dataset`]: every problem at once, each with its JSON path and a message
//! a person can act on. Never panics, whatever the input, and takes time linear in its size: the
//! first [`MAX_PROBLEMS`] problems are described, the rest only counted.

use std::collections::HashMap;
use std::fmt;

use crate::date::{Day, Edtf};
use crate::format::anchor::{Haystack, Unplaced, explain};
use crate::format::model::{
    Alias, AliasSource, Article, Dataset, DateBasis, EventDate, EventStatus, FORMAT, PersonKind, SpanSite, TextPart,
};
use crate::format::read::MAX_PROBLEMS;
use crate::text::excerpt;
use crate::text::link::check_link;

/// What kind of problem, for tests and tools that want to react to one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A value that does not have the type or form the format gives it.
    Shape,
    /// `format` is not `factline/1`.
    UnknownFormat,
    /// An id that is not a lowercase slug.
    InvalidId,
    /// Two things share an id.
    DuplicateId,
    /// A reference to an id that does not exist, or to the wrong kind of thing.
    UnresolvedReference,
    /// A required text or list is empty.
    EmptyField,
    /// A span's offsets fall outside the article or run backwards.
    SpanOutOfRange,
    /// A span's offsets do not cut out its `exact` text, or its prefix or suffix.
    SpanMismatch,
    /// A span given by its quote alone, and the quote occurs nowhere in the article.
    QuoteNotFound,
    /// A span given by its quote alone, and the quote occurs in more than one place.
    QuoteAmbiguous,
    /// A date that does not parse as EDTF.
    InvalidDate,
    /// An interval whose start is after its end.
    ReversedInterval,
    /// A date's `basis`, `anchor` and `note` disagree with its `edtf`.
    DateBasis,
    /// A derived fact without its rule, reasoning or spans.
    DerivationIncomplete,
    /// A group without members, or members on someone who is not a group.
    GroupMembers,
    /// A link that is not an absolute `http` or `https` address.
    InvalidUrl,
    /// An alleged event without who alleges it, or a named alleger on an event that is not alleged.
    Allegation,
}

impl ProblemKind {
    /// The name used in machine-readable output (`validate --json`).
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::Shape => "Shape",
            ProblemKind::UnknownFormat => "UnknownFormat",
            ProblemKind::InvalidId => "InvalidId",
            ProblemKind::DuplicateId => "DuplicateId",
            ProblemKind::UnresolvedReference => "UnresolvedReference",
            ProblemKind::EmptyField => "EmptyField",
            ProblemKind::SpanOutOfRange => "SpanOutOfRange",
            ProblemKind::SpanMismatch => "SpanMismatch",
            ProblemKind::QuoteNotFound => "QuoteNotFound",
            ProblemKind::QuoteAmbiguous => "QuoteAmbiguous",
            ProblemKind::InvalidDate => "InvalidDate",
            ProblemKind::ReversedInterval => "ReversedInterval",
            ProblemKind::DateBasis => "DateBasis",
            ProblemKind::DerivationIncomplete => "DerivationIncomplete",
            ProblemKind::GroupMembers => "GroupMembers",
            ProblemKind::InvalidUrl => "InvalidUrl",
            ProblemKind::Allegation => "Allegation",
        }
    }
}

/// A place in a text: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One thing wrong with a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSONPath of the offending value, e.g. `$.events[3].spans[0].end`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The kind of problem.
    pub kind: ProblemKind,
    /// Where the value is in the file, when it was read from one.
    pub at: Option<Position>,
}

impl Problem {
    /// A problem at `path`, not yet placed in a file.
    pub fn new(path: impl Into<String>, kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), kind, at: None }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{} ({at}): {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The problems found in a dataset: the first ones in full, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems {
    /// The problems described (at most [`MAX_PROBLEMS`], the first found). Read from a file, they
    /// are in the order of their places in it: shape problems as found, validation problems once
    /// [`locate_problems`](crate::format::read::locate_problems) has placed them. Checked without a
    /// file ([`validate`]), they are in the order of the checks: ids, articles, persons,
    /// organizations and places, events, claims, then spans, each in the dataset's order.
    pub list: Vec<Problem>,
    /// How many problems were found, listed or not.
    pub total: usize,
    /// Whether the search went through the whole dataset; `false` when it stopped early, so
    /// there may be more than `total`.
    pub complete: bool,
}

impl Problems {
    /// A complete list.
    pub fn complete(list: Vec<Problem>) -> Problems {
        Problems { total: list.len(), list, complete: true }
    }

    /// What a search found, and whether it went to the end.
    pub fn from_found(list: Vec<Problem>, complete: bool) -> Problems {
        Problems { total: list.len(), list, complete }
    }

    /// Keeps the first `n` problems described (the total still counts them all).
    pub fn truncate(&mut self, n: usize) {
        self.list.truncate(n);
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// One line per problem, then a line saying what was left out, if anything.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.list.iter().map(ToString::to_string).collect();
        if let Some(note) = self.note() {
            lines.push(note);
        }
        lines
    }

    /// What the list leaves out: more problems than listed, or a search that stopped early.
    pub fn note(&self) -> Option<String> {
        let hidden = self.total.saturating_sub(self.list.len());
        match (hidden, self.complete) {
            (0, true) => None,
            (n, true) => Some(format!("… and {n} more problem(s); only the first {} are listed", self.list.len())),
            (_, false) => Some(format!(
                "… the check stopped after these {}; fix them and check again to see any others",
                self.list.len()
            )),
        }
    }

    /// "3 problems", "at least 100 problems".
    pub fn count_text(&self) -> String {
        let noun = if self.total == 1 { "problem" } else { "problems" };
        if self.complete { format!("{} {noun}", self.total) } else { format!("at least {} {noun}", self.total) }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.count_text())?;
        if let Some(first) = self.list.first() {
            write!(f, "; the first: {first}")?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Article,
    Person,
    Group,
    Organization,
    Place,
    Event,
    Claim,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Article => "an article",
            IdKind::Person => "a person",
            IdKind::Group => "a group",
            IdKind::Organization => "an organization",
            IdKind::Place => "a place",
            IdKind::Event => "an event",
            IdKind::Claim => "a claim",
        }
    }
}

struct Checker<'a> {
    list: Vec<Problem>,
    total: usize,
    ids: HashMap<&'a str, (IdKind, usize)>,
    /// Where each id is first defined, by the index kept in `ids`: the list and the position in
    /// it, written out as a path only for a problem (a path per id made a corpus's check slow).
    id_sites: Vec<(&'static str, usize)>,
}

fn id_path((list, i): (&'static str, usize)) -> String {
    format!("$.{list}[{i}].id")
}

/// Offsets found for a span given by its quote alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Where the span is.
    pub site: SpanSite,
    /// Its first code point.
    pub start: u32,
    /// One past its last.
    pub end: u32,
}

/// Checks a dataset and returns every problem found; an empty result means it is valid.
pub fn validate(dataset: &Dataset) -> Problems {
    check(dataset).0
}

/// Places the spans given by their quotes alone, filling in their offsets, if the whole dataset
/// is valid; otherwise every problem.
pub fn anchor(dataset: &mut Dataset) -> Result<(), Problems> {
    let (problems, placements) = check(dataset);
    if !problems.is_empty() {
        return Err(problems);
    }
    place(dataset, placements);
    Ok(())
}

/// Fills in the offsets [`check`] found for spans given by their quotes alone.
pub fn place(dataset: &mut Dataset, placements: Vec<Placement>) {
    for p in placements {
        if let Some(span) = p.site.get_mut(dataset) {
            span.start = Some(p.start);
            span.end = Some(p.end);
        }
    }
}

/// Every problem, and where the spans given by their quotes alone would go.
pub fn check(dataset: &Dataset) -> (Problems, Vec<Placement>) {
    crate::trace::count(crate::trace::Counter::Validation);
    let mut c = Checker { list: Vec::new(), total: 0, ids: HashMap::new(), id_sites: Vec::new() };
    if dataset.format != FORMAT {
        c.push(
            ProblemKind::UnknownFormat,
            || "$.format".into(),
            || format!("unknown format `{}`; this version of Factline reads `{FORMAT}`", dataset.format),
        );
    }
    c.register_ids(dataset);
    c.check_articles(dataset);
    c.check_people_and_things(dataset);
    c.check_events(dataset);
    c.check_claims(dataset);
    let placements = c.check_spans(dataset);
    (Problems { list: c.list, total: c.total, complete: true }, placements)
}

impl<'a> Checker<'a> {
    /// Counts a problem, and describes it while fewer than [`MAX_PROBLEMS`] are described: the
    /// path and message are only built for those.
    fn push(&mut self, kind: ProblemKind, path: impl FnOnce() -> String, message: impl FnOnce() -> String) {
        self.total += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem::new(path(), kind, message()));
        }
    }

    fn register(&mut self, id: &'a str, kind: IdKind, site: (&'static str, usize)) {
        let path = || id_path(site);
        if id.is_empty() {
            self.push(ProblemKind::EmptyField, path, || {
                "the id is empty; give a lowercase slug such as `kaisha-akhan`".into()
            });
            return;
        }
        if !is_slug(id) {
            self.push(ProblemKind::InvalidId, path, || {
                format!(
                    "id `{}` must be a lowercase ASCII slug: letters a-z, digits and single hyphens",
                    excerpt(id, 60)
                )
            });
        }
        if let Some(&(_, first)) = self.ids.get(id) {
            let first = id_path(self.id_sites[first]);
            self.push(ProblemKind::DuplicateId, path, || {
                format!("id `{}` is already used at {first}; every id in a dataset must be unique", excerpt(id, 60))
            });
        } else {
            self.ids.insert(id, (kind, self.id_sites.len()));
            self.id_sites.push(site);
        }
    }

    fn register_ids(&mut self, d: &'a Dataset) {
        for (i, a) in d.articles.iter().enumerate() {
            self.register(&a.id, IdKind::Article, ("articles", i));
        }
        for (i, p) in d.persons.iter().enumerate() {
            let kind = if p.kind == PersonKind::Group { IdKind::Group } else { IdKind::Person };
            self.register(&p.id, kind, ("persons", i));
        }
        for (i, o) in d.organizations.iter().enumerate() {
            self.register(&o.id, IdKind::Organization, ("organizations", i));
        }
        for (i, p) in d.places.iter().enumerate() {
            self.register(&p.id, IdKind::Place, ("places", i));
        }
        for (i, e) in d.events.iter().enumerate() {
            self.register(&e.id, IdKind::Event, ("events", i));
        }
        for (i, cl) in d.claims.iter().enumerate() {
            self.register(&cl.id, IdKind::Claim, ("claims", i));
        }
    }

    /// Checks that `id` names one of the `allowed` kinds.
    fn reference(&mut self, path: impl FnOnce() -> String, id: &str, allowed: &[IdKind]) {
        let wanted = || allowed.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or ");
        match self.ids.get(id) {
            Some((kind, _)) if allowed.contains(kind) => {}
            Some(&(kind, at)) => {
                let at = id_path(self.id_sites[at]);
                self.push(ProblemKind::UnresolvedReference, path, || {
                    format!("`{id}` is {} (defined at {at}), but this must be {}", kind.noun(), wanted())
                });
            }
            None => self.push(ProblemKind::UnresolvedReference, path, || {
                format!("`{}` is not the id of anything in this dataset; expected {}", excerpt(id, 60), wanted())
            }),
        }
    }

    fn non_empty(&mut self, path: impl FnOnce() -> String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.push(ProblemKind::EmptyField, path, || format!("{what} is empty"));
        }
    }

    fn url(&mut self, path: impl FnOnce() -> String, url: &str) {
        if let Err(why) = check_link(url) {
            self.push(ProblemKind::InvalidUrl, path, || format!("`{}` is not a usable link: {why}", excerpt(url, 80)));
        }
    }

    fn check_articles(&mut self, d: &'a Dataset) {
        if d.articles.is_empty() {
            self.push(
                ProblemKind::EmptyField,
                || "$.articles".into(),
                || "a dataset needs at least one article".into(),
            );
        }
        for (i, a) in d.articles.iter().enumerate() {
            let path = format!("$.articles[{i}]");
            self.non_empty(|| format!("{path}.title"), &a.title, "the title");
            if Day::parse_iso(&a.published).is_none() {
                self.push(
                    ProblemKind::InvalidDate,
                    || format!("{path}.published"),
                    || {
                        format!(
                            "`{}` is not a calendar day; write the publication date as YYYY-MM-DD",
                            excerpt(&a.published, 40)
                        )
                    },
                );
            }
            if let Some(url) = &a.url {
                self.url(|| format!("{path}.url"), url);
            }
            if a.paragraphs.is_empty() {
                self.push(
                    ProblemKind::EmptyField,
                    || format!("{path}.paragraphs"),
                    || "the article has no text".into(),
                );
            }
        }
    }

    fn aliases(&mut self, path: &str, aliases: &[Alias]) {
        for (j, alias) in aliases.iter().enumerate() {
            let path = format!("{path}.aliases[{j}]");
            self.non_empty(|| format!("{path}.name"), &alias.name, "the alias");
            match &alias.source {
                AliasSource::Article { article } => {
                    self.reference(|| format!("{path}.source.article"), article, &[IdKind::Article]);
                }
                AliasSource::Report { title, publisher, date, url } => {
                    self.non_empty(|| format!("{path}.source.title"), title, "the report's title");
                    self.non_empty(|| format!("{path}.source.publisher"), publisher, "the report's publisher");
                    self.edtf(|| format!("{path}.source.date"), date);
                    if let Some(url) = url {
                        self.url(|| format!("{path}.source.url"), url);
                    }
                }
            }
        }
    }

    fn check_people_and_things(&mut self, d: &'a Dataset) {
        for (i, p) in d.persons.iter().enumerate() {
            let path = format!("$.persons[{i}]");
            self.non_empty(|| format!("{path}.name"), &p.name, "the name");
            self.aliases(&path, &p.aliases);
            for (j, aff) in p.affiliations.iter().enumerate() {
                self.reference(
                    || format!("{path}.affiliations[{j}].organization"),
                    &aff.organization,
                    &[IdKind::Organization],
                );
            }
            match p.kind {
                PersonKind::Group if p.members.len() < 2 => self.push(
                    ProblemKind::GroupMembers,
                    || format!("{path}.members"),
                    || format!("group `{}` needs at least two members", p.id),
                ),
                PersonKind::Named | PersonKind::Unnamed if !p.members.is_empty() => self.push(
                    ProblemKind::GroupMembers,
                    || format!("{path}.members"),
                    || format!("`{}` has members but is not a group; set \"kind\": \"group\" or remove them", p.id),
                ),
                _ => {}
            }
            for (j, m) in p.members.iter().enumerate() {
                self.reference(|| format!("{path}.members[{j}]"), m, &[IdKind::Person]);
            }
            if let Some(place) = &p.based_in {
                self.reference(|| format!("{path}.based_in"), place, &[IdKind::Place]);
            }
        }
        for (i, o) in d.organizations.iter().enumerate() {
            let path = format!("$.organizations[{i}]");
            self.non_empty(|| format!("{path}.name"), &o.name, "the name");
            self.aliases(&path, &o.aliases);
            if let Some(parent) = &o.part_of {
                self.reference(|| format!("{path}.part_of"), parent, &[IdKind::Organization]);
            }
            if let Some(place) = &o.based_in {
                self.reference(|| format!("{path}.based_in"), place, &[IdKind::Place]);
            }
        }
        for (i, p) in d.places.iter().enumerate() {
            let path = format!("$.places[{i}]");
            self.non_empty(|| format!("{path}.name"), &p.name, "the name");
            self.aliases(&path, &p.aliases);
            if let Some(parent) = &p.part_of {
                self.reference(|| format!("{path}.part_of"), parent, &[IdKind::Place]);
            }
        }
    }

    fn edtf(&mut self, path: impl FnOnce() -> String, text: &str) {
        if let Err(e) = Edtf::parse(text) {
            let kind = if e.reversed_interval { ProblemKind::ReversedInterval } else { ProblemKind::InvalidDate };
            self.push(kind, path, || e.to_string());
        }
    }

    fn date(&mut self, path: &str, date: &EventDate, is_derived: bool) {
        if let Some(edtf) = &date.edtf {
            self.edtf(|| format!("{path}.edtf"), edtf);
        }
        let basis_path = || format!("{path}.basis");
        match (date.edtf.is_some(), date.basis) {
            (false, DateBasis::NotGiven) => {}
            (false, basis) => self.push(ProblemKind::DateBasis, basis_path, || {
                format!("basis `{}` needs an `edtf` date; use `not_given` when the article gives none", basis.as_str())
            }),
            (true, DateBasis::NotGiven) => self.push(ProblemKind::DateBasis, basis_path, || {
                "the date has an `edtf` value, so its basis cannot be `not_given`; say how it was arrived at".into()
            }),
            (true, DateBasis::Derived) if !is_derived => self.push(ProblemKind::DateBasis, basis_path, || {
                "basis `derived` is only for derived facts; add `derived` with its rule, or pick another basis".into()
            }),
            (true, basis) => {
                if basis.needs_note() && date.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    self.push(
                        ProblemKind::DateBasis,
                        || format!("{path}.note"),
                        || format!("a `{}` date needs a `note` saying how it was resolved", basis.as_str()),
                    );
                }
            }
        }
        if let Some(bound) = &date.bound {
            self.edtf(|| format!("{path}.bound"), bound);
            if date.edtf.is_some() {
                self.push(
                    ProblemKind::DateBasis,
                    || format!("{path}.bound"),
                    || "a `bound` is for undated events; this one has an `edtf` date".into(),
                );
            } else if date.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                self.push(
                    ProblemKind::DateBasis,
                    || format!("{path}.note"),
                    || "a date `bound` needs a `note` saying how the article bounds it".into(),
                );
            }
        }
        match (&date.anchor, date.basis) {
            (Some(anchor), DateBasis::RelativeToEvent) => {
                self.reference(|| format!("{path}.anchor"), anchor, &[IdKind::Event]);
            }
            (None, DateBasis::RelativeToEvent) => self.push(
                ProblemKind::DateBasis,
                || format!("{path}.anchor"),
                || "a `relative_to_event` date needs an `anchor`: the id of the event it counts from".into(),
            ),
            (Some(_), basis) => self.push(
                ProblemKind::DateBasis,
                || format!("{path}.anchor"),
                || format!("only `relative_to_event` dates have an anchor, but the basis is `{}`", basis.as_str()),
            ),
            (None, _) => {}
        }
    }

    fn spans(&mut self, path: &str, count: usize, owner: &str) {
        if count == 0 {
            self.push(
                ProblemKind::EmptyField,
                || format!("{path}.spans"),
                || format!("`{owner}` has no spans; every fact must point to the words of the article that support it"),
            );
        }
    }

    /// Every span, wherever it sits: its offsets cut out its quote, with its prefix and suffix
    /// around it; or, for a quote alone, the one place it occurs. Returns those places.
    fn check_spans(&mut self, d: &'a Dataset) -> Vec<Placement> {
        let sites = d.span_sites();
        // Looked up once per span: a scan of the articles here made a corpus's check quadratic.
        // The first of a duplicated id, as the duplicate's own problem says.
        let mut articles: HashMap<&str, &Article> = HashMap::new();
        for a in &d.articles {
            articles.entry(a.id.as_str()).or_insert(a);
        }
        let mut texts: HashMap<(&str, TextPart), String> = HashMap::new();
        for site in &sites {
            let Some(span) = site.get(d) else { continue };
            if let Some(article) = articles.get(span.article.as_str()) {
                texts.entry((&article.id, span.part)).or_insert_with(|| article.part_text(span.part));
            }
        }
        let haystacks: HashMap<(&str, TextPart), Haystack<'_>> =
            texts.iter().map(|(key, text)| (*key, Haystack::new(text))).collect();
        let mut placements = Vec::new();
        for site in sites {
            let Some(span) = site.get(d) else { continue };
            let path = || site.path();
            let Some(text) = haystacks.get(&(span.article.as_str(), span.part)) else {
                self.reference(|| format!("{}.article", path()), &span.article, &[IdKind::Article]);
                continue;
            };
            let part = span.part;
            let whereabouts = || match part {
                TextPart::Body => format!("article `{}`", span.article),
                other => format!("the {} of article `{}`", other.as_str(), span.article),
            };
            let (prefix, suffix) = (span.prefix.as_deref(), span.suffix.as_deref());
            match (span.start, span.end) {
                (None, None) => match text.place(&span.exact, prefix, suffix) {
                    Ok((start, end)) => placements.push(Placement { site, start, end }),
                    Err(unplaced) => {
                        let kind = match unplaced {
                            Unplaced::Ambiguous { .. } => ProblemKind::QuoteAmbiguous,
                            _ => ProblemKind::QuoteNotFound,
                        };
                        self.push(kind, path, || explain(text, &unplaced, &span.exact, &whereabouts()));
                    }
                },
                (Some(start), Some(end)) => {
                    let (start, end, len) = (start as usize, end as usize, text.chars());
                    let Some(actual) = text.slice(start, end).filter(|_| start < end) else {
                        self.push(ProblemKind::SpanOutOfRange, path, || {
                            format!(
                                "offsets {start}..{end} are not a non-empty range inside {}, whose text has {len} code points",
                                whereabouts()
                            )
                        });
                        continue;
                    };
                    if actual != span.exact {
                        // Finding the quote is the costly part; only described problems do it.
                        self.push(ProblemKind::SpanMismatch, path, || {
                            let hint = match text.place(&span.exact, prefix, suffix) {
                                Ok((a, b)) => format!("; the quote occurs at {a}..{b}"),
                                Err(unplaced) => format!("; {}", explain(text, &unplaced, &span.exact, &whereabouts())),
                            };
                            format!(
                                "offsets {start}..{end} cut out {:?}, not the quoted {:?} (offsets count code points){hint}",
                                excerpt(actual, 120),
                                excerpt(&span.exact, 120),
                            )
                        });
                    } else if !text.context_fits(start, end, prefix, suffix) {
                        self.push(ProblemKind::SpanMismatch, path, || {
                            format!(
                                "offsets {start}..{end} cut out the quote, but its `prefix` does not end right before \
                                 it or its `suffix` does not begin right after it; correct them, or leave out the offsets"
                            )
                        });
                    }
                }
                _ => self.push(ProblemKind::SpanOutOfRange, path, || {
                    "give both `start` and `end`, or neither (the quote is then placed where it occurs)".into()
                }),
            }
        }
        placements
    }

    fn check_events(&mut self, d: &'a Dataset) {
        for (i, e) in d.events.iter().enumerate() {
            let path = format!("$.events[{i}]");
            self.non_empty(|| format!("{path}.summary"), &e.summary, "the summary");
            self.date(&format!("{path}.date"), &e.date, e.derived.is_some());
            for (j, p) in e.participants.iter().enumerate() {
                self.reference(
                    || format!("{path}.participants[{j}].entity"),
                    &p.entity,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                );
                self.non_empty(|| format!("{path}.participants[{j}].role"), &p.role, "the role");
            }
            for (j, place) in e.places.iter().enumerate() {
                self.reference(|| format!("{path}.places[{j}].place"), &place.place, &[IdKind::Place]);
            }
            match (e.status == EventStatus::Alleged, e.alleged_by.is_empty()) {
                (true, true) => self.push(
                    ProblemKind::Allegation,
                    || format!("{path}.alleged_by"),
                    || format!("alleged event `{}` must say who alleges it in `alleged_by`", e.id),
                ),
                (false, false) => self.push(
                    ProblemKind::Allegation,
                    || format!("{path}.alleged_by"),
                    || format!("`{}` names who alleges it, so its `status` must be `alleged`", e.id),
                ),
                _ => {}
            }
            for (j, who) in e.alleged_by.iter().enumerate() {
                self.reference(
                    || format!("{path}.alleged_by[{j}]"),
                    who,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization, IdKind::Claim],
                );
            }
            self.spans(&path, e.spans.len(), &e.id);
            if let Some(derived) = &e.derived {
                if derived.rule.trim().is_empty() || derived.reasoning.trim().is_empty() {
                    self.push(
                        ProblemKind::DerivationIncomplete,
                        || format!("{path}.derived"),
                        || format!("derived event `{}` must name its `rule` and give its `reasoning`", e.id),
                    );
                }
                for (j, from) in derived.from.iter().enumerate() {
                    self.reference(|| format!("{path}.derived.from[{j}]"), from, &[IdKind::Event, IdKind::Claim]);
                    if from == &e.id {
                        self.push(
                            ProblemKind::DerivationIncomplete,
                            || format!("{path}.derived.from[{j}]"),
                            || format!("derived event `{}` cannot rest on itself", e.id),
                        );
                    }
                }
            }
        }
    }

    fn check_claims(&mut self, d: &'a Dataset) {
        for (i, c) in d.claims.iter().enumerate() {
            let path = format!("$.claims[{i}]");
            self.non_empty(|| format!("{path}.text"), &c.text, "the claim's text");
            match (&c.speaker, &c.speaker_label) {
                (Some(speaker), _) => self.reference(
                    || format!("{path}.speaker"),
                    speaker,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                ),
                (None, Some(label)) => self.non_empty(|| format!("{path}.speaker_label"), label, "the speaker label"),
                (None, None) => self.push(
                    ProblemKind::EmptyField,
                    || format!("{path}.speaker"),
                    || format!("claim `{}` needs a `speaker` id or a `speaker_label` such as \"activists\"", c.id),
                ),
            }
            for (j, about) in c.about.iter().enumerate() {
                self.reference(
                    || format!("{path}.about[{j}]"),
                    about,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization, IdKind::Place, IdKind::Event, IdKind::Claim],
                );
            }
            for (j, words) in c.quoted.iter().enumerate() {
                if !c.spans.iter().any(|s| !words.is_empty() && s.exact.contains(words.as_str())) {
                    self.push(ProblemKind::SpanMismatch, || format!("{path}.quoted[{j}]"), || {
                        format!(
                            "the quoted words “{}” are not in any of the claim's spans; quote them as the article prints them",
                            excerpt(words, 80)
                        )
                    });
                }
            }
            if let Some(audience) = &c.audience {
                self.reference(
                    || format!("{path}.audience"),
                    audience,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                );
            }
            self.date(&format!("{path}.date"), &c.date, false);
            self.spans(&path, c.spans.len(), &c.id);
        }
    }
}

/// Whether `id` is a lowercase ASCII slug: letters, digits and single hyphens inside.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}
