//! Validation of a parsed [`Dataset`]: every problem at once, each with its JSON path and a message
//! a person can act on. Never panics, whatever the input, and takes time linear in its size: the
//! first [`MAX_PROBLEMS`] problems are described, the rest only counted.

use std::collections::HashMap;
use std::fmt;

use crate::date::{Day, Edtf};
use crate::format::model::{Alias, AliasSource, Dataset, DateBasis, EventDate, FORMAT, PersonKind, Span};
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
    /// A span's offsets do not cut out its `exact` text.
    SpanMismatch,
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
            ProblemKind::InvalidDate => "InvalidDate",
            ProblemKind::ReversedInterval => "ReversedInterval",
            ProblemKind::DateBasis => "DateBasis",
            ProblemKind::DerivationIncomplete => "DerivationIncomplete",
            ProblemKind::GroupMembers => "GroupMembers",
            ProblemKind::InvalidUrl => "InvalidUrl",
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
    /// The problems described, in document order (at most [`MAX_PROBLEMS`]).
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

/// An article's text, and where each of its code points starts, so spans are checked in time
/// proportional to their length.
struct ArticleText {
    text: String,
    char_starts: Vec<u32>,
}

impl ArticleText {
    fn new(text: String) -> ArticleText {
        let mut char_starts: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        char_starts.push(text.len() as u32);
        ArticleText { text, char_starts }
    }

    fn chars(&self) -> usize {
        self.char_starts.len() - 1
    }

    fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.char_starts[start] as usize, self.char_starts[end] as usize);
        &self.text[a..b]
    }
}

struct Checker<'a> {
    list: Vec<Problem>,
    total: usize,
    ids: HashMap<&'a str, (IdKind, usize)>,
    /// Where each id is first defined, by the index kept in `ids`.
    id_paths: Vec<String>,
    article_texts: HashMap<&'a str, ArticleText>,
}

/// Checks a dataset and returns every problem found; an empty result means it is valid.
pub fn validate(dataset: &Dataset) -> Problems {
    crate::trace::count(crate::trace::Counter::Validation);
    let mut c = Checker {
        list: Vec::new(),
        total: 0,
        ids: HashMap::new(),
        id_paths: Vec::new(),
        article_texts: HashMap::new(),
    };
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
    Problems { list: c.list, total: c.total, complete: true }
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

    fn register(&mut self, id: &'a str, kind: IdKind, path: impl Fn() -> String) {
        if id.is_empty() {
            self.push(ProblemKind::EmptyField, &path, || {
                "the id is empty; give a lowercase slug such as `kaisha-akhan`".into()
            });
            return;
        }
        if !is_slug(id) {
            self.push(ProblemKind::InvalidId, &path, || {
                format!(
                    "id `{}` must be a lowercase ASCII slug: letters a-z, digits and single hyphens",
                    excerpt(id, 60)
                )
            });
        }
        if let Some(&(_, first)) = self.ids.get(id) {
            let first = self.id_paths[first].clone();
            self.push(ProblemKind::DuplicateId, &path, || {
                format!("id `{}` is already used at {first}; every id in a dataset must be unique", excerpt(id, 60))
            });
        } else {
            self.ids.insert(id, (kind, self.id_paths.len()));
            self.id_paths.push(path());
        }
    }

    fn register_ids(&mut self, d: &'a Dataset) {
        for (i, a) in d.articles.iter().enumerate() {
            self.register(&a.id, IdKind::Article, || format!("$.articles[{i}].id"));
        }
        for (i, p) in d.persons.iter().enumerate() {
            let kind = if p.kind == PersonKind::Group { IdKind::Group } else { IdKind::Person };
            self.register(&p.id, kind, || format!("$.persons[{i}].id"));
        }
        for (i, o) in d.organizations.iter().enumerate() {
            self.register(&o.id, IdKind::Organization, || format!("$.organizations[{i}].id"));
        }
        for (i, p) in d.places.iter().enumerate() {
            self.register(&p.id, IdKind::Place, || format!("$.places[{i}].id"));
        }
        for (i, e) in d.events.iter().enumerate() {
            self.register(&e.id, IdKind::Event, || format!("$.events[{i}].id"));
        }
        for (i, cl) in d.claims.iter().enumerate() {
            self.register(&cl.id, IdKind::Claim, || format!("$.claims[{i}].id"));
        }
    }

    /// Checks that `id` names one of the `allowed` kinds.
    fn reference(&mut self, path: impl FnOnce() -> String, id: &str, allowed: &[IdKind]) {
        let wanted = || allowed.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or ");
        match self.ids.get(id) {
            Some((kind, _)) if allowed.contains(kind) => {}
            Some(&(kind, at)) => {
                let at = self.id_paths[at].clone();
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
            self.article_texts.entry(&a.id).or_insert_with(|| ArticleText::new(a.text()));
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
        }
        for (i, o) in d.organizations.iter().enumerate() {
            let path = format!("$.organizations[{i}]");
            self.non_empty(|| format!("{path}.name"), &o.name, "the name");
            self.aliases(&path, &o.aliases);
            if let Some(parent) = &o.part_of {
                self.reference(|| format!("{path}.part_of"), parent, &[IdKind::Organization]);
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
        if let Some(span) = &date.span {
            self.span(|| format!("{path}.span"), span);
        }
    }

    fn span(&mut self, path: impl Fn() -> String, span: &Span) {
        let Some(text) = self.article_texts.get(span.article.as_str()) else {
            self.reference(|| format!("{}.article", path()), &span.article, &[IdKind::Article]);
            return;
        };
        let (start, end, len) = (span.start as usize, span.end as usize, text.chars());
        if start >= end || end > len {
            let article = &span.article;
            self.push(ProblemKind::SpanOutOfRange, path, || {
                format!(
                    "offsets {start}..{end} are not a non-empty range inside article `{article}`, whose text has {len} code points"
                )
            });
            return;
        }
        let actual = text.slice(start, end);
        if actual != span.exact {
            // Searching the article for the quote is the costly part; only described problems do it.
            let hint = || match text.text.find(&span.exact) {
                Some(byte) if !span.exact.is_empty() => {
                    let at = text.char_starts.partition_point(|&b| (b as usize) < byte);
                    format!("; the quote occurs at {at}..{}", at + span.exact.chars().count())
                }
                _ => "; the quote does not occur in the article at all".to_string(),
            };
            let message = || {
                format!(
                    "offsets {start}..{end} cut out {:?}, not the quoted {:?} (offsets count code points){}",
                    excerpt(actual, 120),
                    excerpt(&span.exact, 120),
                    hint()
                )
            };
            self.total += 1;
            if self.list.len() < MAX_PROBLEMS {
                self.list.push(Problem::new(path(), ProblemKind::SpanMismatch, message()));
            }
        }
    }

    fn spans(&mut self, path: &str, spans: &[Span], owner: &str) {
        if spans.is_empty() {
            self.push(
                ProblemKind::EmptyField,
                || format!("{path}.spans"),
                || format!("`{owner}` has no spans; every fact must point to the words of the article that support it"),
            );
        }
        for (j, span) in spans.iter().enumerate() {
            self.span(|| format!("{path}.spans[{j}]"), span);
        }
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
                self.reference(|| format!("{path}.places[{j}]"), place, &[IdKind::Place]);
            }
            self.spans(&path, &e.spans, &e.id);
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
                    &[IdKind::Person, IdKind::Group, IdKind::Organization, IdKind::Place],
                );
            }
            if let Some(audience) = &c.audience {
                self.reference(
                    || format!("{path}.audience"),
                    audience,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                );
            }
            self.date(&format!("{path}.date"), &c.date, false);
            self.spans(&path, &c.spans, &c.id);
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
