//! Validation of a parsed [`Dataset`]: every problem at once, each with its JSON path and a message
//! a person can act on. Never panics, whatever the input.

use std::collections::HashMap;
use std::fmt;

use crate::date::{Day, Edtf};
use crate::model::{AliasSource, Dataset, DateBasis, EventDate, FORMAT, PersonKind, Span};

/// What kind of problem, for tests and tools that want to react to one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
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
    /// A link that is not `http` or `https`.
    InvalidUrl,
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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
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
    problems: Vec<Problem>,
    ids: HashMap<&'a str, (IdKind, String)>,
    article_texts: HashMap<&'a str, Vec<char>>,
}

/// Checks a dataset and returns every problem found; an empty list means it is valid.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new(), ids: HashMap::new(), article_texts: HashMap::new() };
    if dataset.format != FORMAT {
        c.push(
            "$.format",
            ProblemKind::UnknownFormat,
            format!("unknown format `{}`; this version of Factline reads `{FORMAT}`", dataset.format),
        );
    }
    c.register_ids(dataset);
    c.check_articles(dataset);
    c.check_people_and_things(dataset);
    c.check_events(dataset);
    c.check_claims(dataset);
    c.problems
}

impl<'a> Checker<'a> {
    fn push(&mut self, path: impl Into<String>, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into(), kind });
    }

    fn register(&mut self, id: &'a str, kind: IdKind, path: String) {
        if id.is_empty() {
            self.push(path, ProblemKind::EmptyField, "the id is empty; give a lowercase slug such as `kaisha-akhan`");
            return;
        }
        if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || id.starts_with('-')
            || id.ends_with('-')
        {
            self.push(
                path.clone(),
                ProblemKind::InvalidId,
                format!("id `{id}` must be a lowercase ASCII slug: letters a-z, digits and single hyphens"),
            );
        }
        if let Some((_, first)) = self.ids.get(id) {
            let message = format!("id `{id}` is already used at {first}; every id in a dataset must be unique");
            self.push(path, ProblemKind::DuplicateId, message);
        } else {
            self.ids.insert(id, (kind, path));
        }
    }

    fn register_ids(&mut self, d: &'a Dataset) {
        for (i, a) in d.articles.iter().enumerate() {
            self.register(&a.id, IdKind::Article, format!("$.articles[{i}].id"));
        }
        for (i, p) in d.persons.iter().enumerate() {
            let kind = if p.kind == PersonKind::Group { IdKind::Group } else { IdKind::Person };
            self.register(&p.id, kind, format!("$.persons[{i}].id"));
        }
        for (i, o) in d.organizations.iter().enumerate() {
            self.register(&o.id, IdKind::Organization, format!("$.organizations[{i}].id"));
        }
        for (i, p) in d.places.iter().enumerate() {
            self.register(&p.id, IdKind::Place, format!("$.places[{i}].id"));
        }
        for (i, e) in d.events.iter().enumerate() {
            self.register(&e.id, IdKind::Event, format!("$.events[{i}].id"));
        }
        for (i, cl) in d.claims.iter().enumerate() {
            self.register(&cl.id, IdKind::Claim, format!("$.claims[{i}].id"));
        }
    }

    /// Checks that `id` names one of the `allowed` kinds.
    fn reference(&mut self, path: String, id: &str, allowed: &[IdKind]) {
        match self.ids.get(id) {
            Some((kind, _)) if allowed.contains(kind) => {}
            Some((kind, at)) => {
                let wanted = allowed.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or ");
                let message = format!("`{id}` is {} (defined at {at}), but this must be {wanted}", kind.noun());
                self.push(path, ProblemKind::UnresolvedReference, message);
            }
            None => {
                let wanted = allowed.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or ");
                let message = format!("`{id}` is not the id of anything in this dataset; expected {wanted}");
                self.push(path, ProblemKind::UnresolvedReference, message);
            }
        }
    }

    fn non_empty(&mut self, path: String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.push(path, ProblemKind::EmptyField, format!("{what} is empty"));
        }
    }

    fn url(&mut self, path: String, url: &str) {
        let lower = url.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
            && url.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
        if !ok {
            self.push(path, ProblemKind::InvalidUrl, format!("`{url}` is not an http or https address"));
        }
    }

    fn check_articles(&mut self, d: &'a Dataset) {
        if d.articles.is_empty() {
            self.push("$.articles", ProblemKind::EmptyField, "a dataset needs at least one article");
        }
        for (i, a) in d.articles.iter().enumerate() {
            let path = format!("$.articles[{i}]");
            self.non_empty(format!("{path}.title"), &a.title, "the title");
            if Day::parse_iso(&a.published).is_none() {
                self.push(
                    format!("{path}.published"),
                    ProblemKind::InvalidDate,
                    format!("`{}` is not a calendar day; write the publication date as YYYY-MM-DD", a.published),
                );
            }
            if let Some(url) = &a.url {
                self.url(format!("{path}.url"), url);
            }
            if a.paragraphs.is_empty() {
                self.push(format!("{path}.paragraphs"), ProblemKind::EmptyField, "the article has no text");
            }
            self.article_texts.insert(&a.id, a.text().chars().collect());
        }
    }

    fn aliases(&mut self, path: &str, aliases: &[crate::model::Alias]) {
        for (j, alias) in aliases.iter().enumerate() {
            let path = format!("{path}.aliases[{j}]");
            self.non_empty(format!("{path}.name"), &alias.name, "the alias");
            match &alias.source {
                AliasSource::Article { article } => {
                    self.reference(format!("{path}.source.article"), article, &[IdKind::Article]);
                }
                AliasSource::Report { title, publisher, date, url } => {
                    self.non_empty(format!("{path}.source.title"), title, "the report's title");
                    self.non_empty(format!("{path}.source.publisher"), publisher, "the report's publisher");
                    self.edtf(format!("{path}.source.date"), date);
                    if let Some(url) = url {
                        self.url(format!("{path}.source.url"), url);
                    }
                }
            }
        }
    }

    fn check_people_and_things(&mut self, d: &'a Dataset) {
        for (i, p) in d.persons.iter().enumerate() {
            let path = format!("$.persons[{i}]");
            self.non_empty(format!("{path}.name"), &p.name, "the name");
            self.aliases(&path, &p.aliases);
            for (j, aff) in p.affiliations.iter().enumerate() {
                self.reference(
                    format!("{path}.affiliations[{j}].organization"),
                    &aff.organization,
                    &[IdKind::Organization],
                );
            }
            match p.kind {
                PersonKind::Group if p.members.len() < 2 => self.push(
                    format!("{path}.members"),
                    ProblemKind::GroupMembers,
                    format!("group `{}` needs at least two members", p.id),
                ),
                PersonKind::Named | PersonKind::Unnamed if !p.members.is_empty() => self.push(
                    format!("{path}.members"),
                    ProblemKind::GroupMembers,
                    format!("`{}` has members but is not a group; set \"kind\": \"group\" or remove them", p.id),
                ),
                _ => {}
            }
            for (j, m) in p.members.iter().enumerate() {
                self.reference(format!("{path}.members[{j}]"), m, &[IdKind::Person]);
            }
        }
        for (i, o) in d.organizations.iter().enumerate() {
            let path = format!("$.organizations[{i}]");
            self.non_empty(format!("{path}.name"), &o.name, "the name");
            self.aliases(&path, &o.aliases);
            if let Some(parent) = &o.part_of {
                self.reference(format!("{path}.part_of"), parent, &[IdKind::Organization]);
            }
        }
        for (i, p) in d.places.iter().enumerate() {
            let path = format!("$.places[{i}]");
            self.non_empty(format!("{path}.name"), &p.name, "the name");
            self.aliases(&path, &p.aliases);
            if let Some(parent) = &p.part_of {
                self.reference(format!("{path}.part_of"), parent, &[IdKind::Place]);
            }
        }
    }

    fn edtf(&mut self, path: String, text: &str) {
        if let Err(e) = Edtf::parse(text) {
            let kind = if e.reversed_interval { ProblemKind::ReversedInterval } else { ProblemKind::InvalidDate };
            self.push(path, kind, e.to_string());
        }
    }

    fn date(&mut self, path: &str, date: &EventDate, is_derived: bool) {
        if let Some(edtf) = &date.edtf {
            self.edtf(format!("{path}.edtf"), edtf);
        }
        let basis_path = format!("{path}.basis");
        match (date.edtf.is_some(), date.basis) {
            (false, DateBasis::NotGiven) => {}
            (false, basis) => self.push(
                basis_path,
                ProblemKind::DateBasis,
                format!("basis `{}` needs an `edtf` date; use `not_given` when the article gives none", basis.as_str()),
            ),
            (true, DateBasis::NotGiven) => self.push(
                basis_path,
                ProblemKind::DateBasis,
                "the date has an `edtf` value, so its basis cannot be `not_given`; say how it was arrived at",
            ),
            (true, DateBasis::Derived) if !is_derived => self.push(
                basis_path,
                ProblemKind::DateBasis,
                "basis `derived` is only for derived facts; add `derived` with its rule, or pick another basis",
            ),
            (true, basis) => {
                let needs_note = matches!(
                    basis,
                    DateBasis::RelativeToPublication
                        | DateBasis::RelativeToEvent
                        | DateBasis::Inferred
                        | DateBasis::Derived
                );
                if needs_note && date.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    self.push(
                        format!("{path}.note"),
                        ProblemKind::DateBasis,
                        format!("a `{}` date needs a `note` saying how it was resolved", basis.as_str()),
                    );
                }
            }
        }
        match (&date.anchor, date.basis) {
            (Some(anchor), DateBasis::RelativeToEvent) => {
                self.reference(format!("{path}.anchor"), anchor, &[IdKind::Event]);
            }
            (None, DateBasis::RelativeToEvent) => self.push(
                format!("{path}.anchor"),
                ProblemKind::DateBasis,
                "a `relative_to_event` date needs an `anchor`: the id of the event it counts from",
            ),
            (Some(_), basis) => self.push(
                format!("{path}.anchor"),
                ProblemKind::DateBasis,
                format!("only `relative_to_event` dates have an anchor, but the basis is `{}`", basis.as_str()),
            ),
            (None, _) => {}
        }
        if let Some(span) = &date.span {
            self.span(format!("{path}.span"), span);
        }
    }

    fn span(&mut self, path: String, span: &Span) {
        let Some(text) = self.article_texts.get(span.article.as_str()) else {
            self.reference(format!("{path}.article"), &span.article, &[IdKind::Article]);
            return;
        };
        let (start, end) = (span.start as usize, span.end as usize);
        if start >= end || end > text.len() {
            let message = format!(
                "offsets {start}..{end} are not a non-empty range inside article `{}`, whose text has {} code points",
                span.article,
                text.len()
            );
            self.push(path, ProblemKind::SpanOutOfRange, message);
            return;
        }
        let actual: String = text[start..end].iter().collect();
        if actual != span.exact {
            let whole: String = text.iter().collect();
            let hint = match whole.find(&span.exact) {
                Some(byte) if !span.exact.is_empty() => {
                    let at = whole[..byte].chars().count();
                    format!("; the quote occurs at {at}..{}", at + span.exact.chars().count())
                }
                _ => "; the quote does not occur in the article at all".to_string(),
            };
            let message = format!(
                "offsets {start}..{end} cut out {actual:?}, not the quoted {:?} (offsets count code points){hint}",
                span.exact
            );
            self.push(path, ProblemKind::SpanMismatch, message);
        }
    }

    fn spans(&mut self, path: &str, spans: &[Span], owner: &str) {
        if spans.is_empty() {
            self.push(
                format!("{path}.spans"),
                ProblemKind::EmptyField,
                format!("`{owner}` has no spans; every fact must point to the words of the article that support it"),
            );
        }
        for (j, span) in spans.iter().enumerate() {
            self.span(format!("{path}.spans[{j}]"), span);
        }
    }

    fn check_events(&mut self, d: &'a Dataset) {
        for (i, e) in d.events.iter().enumerate() {
            let path = format!("$.events[{i}]");
            self.non_empty(format!("{path}.summary"), &e.summary, "the summary");
            self.date(&format!("{path}.date"), &e.date, e.derived.is_some());
            for (j, p) in e.participants.iter().enumerate() {
                self.reference(
                    format!("{path}.participants[{j}].entity"),
                    &p.entity,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                );
                self.non_empty(format!("{path}.participants[{j}].role"), &p.role, "the role");
            }
            for (j, place) in e.places.iter().enumerate() {
                self.reference(format!("{path}.places[{j}]"), place, &[IdKind::Place]);
            }
            self.spans(&path, &e.spans, &e.id);
            if let Some(derived) = &e.derived {
                if derived.rule.trim().is_empty() || derived.reasoning.trim().is_empty() {
                    self.push(
                        format!("{path}.derived"),
                        ProblemKind::DerivationIncomplete,
                        format!("derived event `{}` must name its `rule` and give its `reasoning`", e.id),
                    );
                }
                for (j, from) in derived.from.iter().enumerate() {
                    self.reference(format!("{path}.derived.from[{j}]"), from, &[IdKind::Event, IdKind::Claim]);
                    if from == &e.id {
                        self.push(
                            format!("{path}.derived.from[{j}]"),
                            ProblemKind::DerivationIncomplete,
                            format!("derived event `{}` cannot rest on itself", e.id),
                        );
                    }
                }
            }
        }
    }

    fn check_claims(&mut self, d: &'a Dataset) {
        for (i, c) in d.claims.iter().enumerate() {
            let path = format!("$.claims[{i}]");
            self.non_empty(format!("{path}.text"), &c.text, "the claim's text");
            match (&c.speaker, &c.speaker_label) {
                (Some(speaker), _) => self.reference(
                    format!("{path}.speaker"),
                    speaker,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                ),
                (None, Some(label)) => self.non_empty(format!("{path}.speaker_label"), label, "the speaker label"),
                (None, None) => self.push(
                    format!("{path}.speaker"),
                    ProblemKind::EmptyField,
                    format!("claim `{}` needs a `speaker` id or a `speaker_label` such as \"activists\"", c.id),
                ),
            }
            for (j, about) in c.about.iter().enumerate() {
                self.reference(
                    format!("{path}.about[{j}]"),
                    about,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization, IdKind::Place],
                );
            }
            if let Some(audience) = &c.audience {
                self.reference(
                    format!("{path}.audience"),
                    audience,
                    &[IdKind::Person, IdKind::Group, IdKind::Organization],
                );
            }
            self.date(&format!("{path}.date"), &c.date, false);
            self.spans(&path, &c.spans, &c.id);
        }
    }
}
