//! Validation problems said of the form field they concern: the validator names a JSONPath
//! (`$.events[3].date.edtf`), and a form shows each problem beside its field (`date` of event 3).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::format::model::Dataset;
use crate::format::validate::{Problem, ProblemKind};

/// What a fact, or a problem, is about: one of the dataset's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// An article: its title, date or text (only problems are about articles; they are not edited as facts).
    Article,
    /// A person, an unnamed individual or a group.
    Person,
    /// An organization.
    Organization,
    /// A place.
    Place,
    /// An event.
    Event,
    /// A claim.
    Claim,
}

impl FactKind {
    /// Every kind, in the order of the dataset's lists.
    pub const ALL: [FactKind; 6] = [
        FactKind::Article,
        FactKind::Person,
        FactKind::Organization,
        FactKind::Place,
        FactKind::Event,
        FactKind::Claim,
    ];

    /// The name of its list in the format: `persons`, `events`.
    pub fn list(self) -> &'static str {
        match self {
            FactKind::Article => "articles",
            FactKind::Person => "persons",
            FactKind::Organization => "organizations",
            FactKind::Place => "places",
            FactKind::Event => "events",
            FactKind::Claim => "claims",
        }
    }

    /// The noun for a message: `person`, `event`.
    pub fn noun(self) -> &'static str {
        match self {
            FactKind::Article => "article",
            FactKind::Person => "person",
            FactKind::Organization => "organization",
            FactKind::Place => "place",
            FactKind::Event => "event",
            FactKind::Claim => "claim",
        }
    }

    fn from_list(list: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.list() == list)
    }

    /// The id of the entry at `index` of this list.
    pub(crate) fn id_at(self, d: &Dataset, index: usize) -> Option<&str> {
        let id = match self {
            FactKind::Article => &d.articles.get(index)?.id,
            FactKind::Person => &d.persons.get(index)?.id,
            FactKind::Organization => &d.organizations.get(index)?.id,
            FactKind::Place => &d.places.get(index)?.id,
            FactKind::Event => &d.events.get(index)?.id,
            FactKind::Claim => &d.claims.get(index)?.id,
        };
        Some(id)
    }
}

/// One fact of a dataset: its list, its place in it, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FactRef {
    /// Which list.
    pub kind: FactKind,
    /// Its index in that list.
    pub index: usize,
    /// Its id.
    pub id: String,
}

impl FactRef {
    /// The JSONPath of the fact: `$.events[3]`.
    pub fn path(&self) -> String {
        format!("$.{}[{}]", self.kind.list(), self.index)
    }
}

impl fmt::Display for FactRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.kind.noun(), self.id)
    }
}

/// A field of a fact's form. The names are the format's own (`speaker_label`), with the parts of a
/// date split out (`date` is its EDTF text, `date_basis` its basis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The fact as a whole, or nothing more precise.
    Fact,
    /// `id`.
    Id,
    /// `name`.
    Name,
    /// `kind`: an event's kind, a person's kind.
    Kind,
    /// `aliases`.
    Aliases,
    /// `description`.
    Description,
    /// `roles`.
    Roles,
    /// `affiliations`.
    Affiliations,
    /// `members` of a group.
    Members,
    /// `based_in`.
    BasedIn,
    /// `part_of`.
    PartOf,
    /// `spans`: the words of the article that support the fact.
    Spans,
    /// `date.edtf`: the date itself.
    Date,
    /// `date.basis`.
    DateBasis,
    /// `date.anchor`.
    DateAnchor,
    /// `date.note`.
    DateNote,
    /// `date.span`: the words that give the date.
    DateSpan,
    /// `date.bound`.
    DateBound,
    /// `participants` ("People" on the event form).
    Participants,
    /// `places` of an event.
    Places,
    /// `summary`.
    Summary,
    /// `status`.
    Status,
    /// `alleged_by`.
    AllegedBy,
    /// `derived`: its rule and reasoning.
    Derived,
    /// `derived.from`: what a derived fact rests on.
    DerivedFrom,
    /// `speaker`.
    Speaker,
    /// `speaker_label`.
    SpeakerLabel,
    /// `direct`.
    Direct,
    /// `text` of a claim.
    Text,
    /// `about`.
    About,
    /// `quoted`.
    Quoted,
    /// `audience`.
    Audience,
    /// An article's `title`.
    Title,
    /// An article's `subtitle`.
    Subtitle,
    /// An article's `author`.
    Author,
    /// An article's `publisher`.
    Publisher,
    /// An article's `published` day.
    Published,
    /// An article's `updated` day.
    Updated,
    /// An article's `url`.
    Url,
    /// An article's `language`.
    Language,
    /// An article's `paragraphs`: its text.
    Paragraphs,
}

impl Field {
    /// The snake_case name: `date_basis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Fact => "fact",
            Field::Id => "id",
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Aliases => "aliases",
            Field::Description => "description",
            Field::Roles => "roles",
            Field::Affiliations => "affiliations",
            Field::Members => "members",
            Field::BasedIn => "based_in",
            Field::PartOf => "part_of",
            Field::Spans => "spans",
            Field::Date => "date",
            Field::DateBasis => "date_basis",
            Field::DateAnchor => "date_anchor",
            Field::DateNote => "date_note",
            Field::DateSpan => "date_span",
            Field::DateBound => "date_bound",
            Field::Participants => "participants",
            Field::Places => "places",
            Field::Summary => "summary",
            Field::Status => "status",
            Field::AllegedBy => "alleged_by",
            Field::Derived => "derived",
            Field::DerivedFrom => "derived_from",
            Field::Speaker => "speaker",
            Field::SpeakerLabel => "speaker_label",
            Field::Direct => "direct",
            Field::Text => "text",
            Field::About => "about",
            Field::Quoted => "quoted",
            Field::Audience => "audience",
            Field::Title => "title",
            Field::Subtitle => "subtitle",
            Field::Author => "author",
            Field::Publisher => "publisher",
            Field::Published => "published",
            Field::Updated => "updated",
            Field::Url => "url",
            Field::Language => "language",
            Field::Paragraphs => "paragraphs",
        }
    }

    /// The field a path inside a fact names (`date.edtf`, `participants[2].entity`), and the
    /// index of the list entry when it names one.
    fn of(inside: &str) -> (Field, Option<usize>) {
        let (head, item, rest) = segment(inside);
        let field = match head {
            "id" => Field::Id,
            "name" => Field::Name,
            "kind" => Field::Kind,
            "aliases" => Field::Aliases,
            "description" => Field::Description,
            "roles" => Field::Roles,
            "affiliations" => Field::Affiliations,
            "members" => Field::Members,
            "based_in" => Field::BasedIn,
            "part_of" => Field::PartOf,
            "spans" => Field::Spans,
            "date" => {
                let (part, _, _) = segment(rest);
                match part {
                    "basis" => Field::DateBasis,
                    "anchor" => Field::DateAnchor,
                    "note" => Field::DateNote,
                    "span" => Field::DateSpan,
                    "bound" => Field::DateBound,
                    _ => Field::Date,
                }
            }
            "participants" => Field::Participants,
            "places" => Field::Places,
            "summary" => Field::Summary,
            "status" => Field::Status,
            "alleged_by" => Field::AllegedBy,
            "derived" => match segment(rest) {
                ("from", from, _) => return (Field::DerivedFrom, from),
                _ => Field::Derived,
            },
            "speaker" => Field::Speaker,
            "speaker_label" => Field::SpeakerLabel,
            "direct" => Field::Direct,
            "text" => Field::Text,
            "about" => Field::About,
            "quoted" => Field::Quoted,
            "audience" => Field::Audience,
            "title" => Field::Title,
            "subtitle" => Field::Subtitle,
            "author" => Field::Author,
            "publisher" => Field::Publisher,
            "published" => Field::Published,
            "updated" => Field::Updated,
            "url" => Field::Url,
            "language" => Field::Language,
            "paragraphs" => Field::Paragraphs,
            _ => Field::Fact,
        };
        (field, item)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The first step of a path inside a fact: its name, the index after it if any, and the rest
/// (`participants[2].entity` → `participants`, 2, `entity`).
fn segment(path: &str) -> (&str, Option<usize>, &str) {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    let (head, mut rest) = path.split_at(end);
    let mut item = None;
    if let Some(inner) = rest.strip_prefix('[')
        && let Some((index, after)) = inner.split_once(']')
    {
        item = index.parse().ok();
        rest = after;
    }
    (head, item, rest.strip_prefix('.').unwrap_or(rest))
}

/// Where a JSONPath points: the list, the index in it, and the path inside the entry
/// (`$.events[3].date.edtf` → events, 3, `date.edtf`).
pub(crate) fn locate(path: &str) -> Option<(FactKind, usize, &str)> {
    let (list, index, rest) = segment(path.strip_prefix("$.")?);
    Some((FactKind::from_list(list)?, index?, rest))
}

/// Which span of a fact: one of its `spans`, the words that give its date, or a span of one of a
/// person's affiliations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanSlot {
    /// `spans[j]`.
    Spans(usize),
    /// `date.span`.
    DateSpan,
    /// `affiliations[affiliation].spans[span]`.
    Affiliation {
        /// Which affiliation.
        affiliation: usize,
        /// Which of its spans.
        span: usize,
    },
}

impl SpanSlot {
    /// The slot a path inside a fact names (`spans[0]`, `date.span`, `affiliations[1].spans[0]`),
    /// and what follows it.
    pub fn of_path(inside: &str) -> Option<SpanSlot> {
        match segment(inside) {
            ("spans", Some(j), _) => Some(SpanSlot::Spans(j)),
            ("date", None, rest) if segment(rest).0 == "span" => Some(SpanSlot::DateSpan),
            ("affiliations", Some(k), rest) => match segment(rest) {
                ("spans", Some(j), _) => Some(SpanSlot::Affiliation { affiliation: k, span: j }),
                _ => None,
            },
            _ => None,
        }
    }

    /// The path of the slot inside its fact: `spans[0]`.
    pub fn path(self) -> String {
        match self {
            SpanSlot::Spans(j) => format!("spans[{j}]"),
            SpanSlot::DateSpan => "date.span".to_string(),
            SpanSlot::Affiliation { affiliation, span } => format!("affiliations[{affiliation}].spans[{span}]"),
        }
    }

    /// The form field it belongs to.
    pub fn field(self) -> Field {
        match self {
            SpanSlot::Spans(_) => Field::Spans,
            SpanSlot::DateSpan => Field::DateSpan,
            SpanSlot::Affiliation { .. } => Field::Affiliations,
        }
    }
}

/// One problem, said of the fact and the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The fact it is about; `None` for the dataset as a whole (its format, its list of articles).
    pub fact: Option<FactRef>,
    /// The field of that fact.
    pub field: Field,
    /// The entry of a list field (`participants[2]`: 2), when the problem names one.
    pub item: Option<usize>,
    /// Whether it is about the fact the edit adds, changes or deletes, so it goes beside that
    /// form's field; otherwise it is about another fact the edit would break, and goes in the
    /// form's summary.
    pub own: bool,
    /// The validator's JSONPath, e.g. `$.events[3].date.edtf`.
    pub path: String,
    /// The validator's kind of problem (`InvalidDate`), as `ProblemKind::name` spells it.
    pub kind: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldProblem {
    /// The problem `p` of dataset `d`, said of its field; `edited` is the fact the edit concerns.
    pub(crate) fn of(d: &Dataset, p: &Problem, edited: Option<(FactKind, usize)>) -> FieldProblem {
        let located = locate(&p.path);
        let fact = located
            .and_then(|(kind, index, _)| kind.id_at(d, index).map(|id| FactRef { kind, index, id: id.to_string() }));
        let (field, item) = located.map_or((Field::Fact, None), |(_, _, inside)| Field::of(inside));
        let own = matches!((located, edited), (Some((k, i, _)), Some((ek, ei))) if k == ek && i == ei);
        FieldProblem {
            fact,
            field,
            item,
            own,
            path: p.path.clone(),
            kind: p.kind.name().to_string(),
            message: p.message.clone(),
        }
    }

    /// A problem the draft finds before validating, about the whole of `fact` or one field of it.
    pub(crate) fn about(
        fact: Option<FactRef>,
        field: Field,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> FieldProblem {
        let path = fact.as_ref().map_or_else(|| "$".to_string(), FactRef::path);
        let path = if field == Field::Fact { path } else { format!("{path}.{}", field.as_str()) };
        FieldProblem {
            fact,
            field,
            item: None,
            own: true,
            path,
            kind: kind.name().to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fact {
            Some(fact) => write!(f, "{fact}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Why an edit was refused: the problems it would introduce, each said of its field. The draft is
/// left as it was.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldProblems {
    /// The problems described (the validator describes at most 100).
    pub problems: Vec<FieldProblem>,
    /// How many in all, described or not.
    pub total: usize,
}

impl FieldProblems {
    /// One problem.
    pub(crate) fn one(problem: FieldProblem) -> FieldProblems {
        FieldProblems { problems: vec![problem], total: 1 }
    }

    /// The problems of the fact the edit concerns that belong beside `field`.
    pub fn on(&self, field: Field) -> impl Iterator<Item = &FieldProblem> {
        self.problems.iter().filter(move |p| p.own && p.field == field)
    }

    /// The problems about other facts, or about no field of the edited one: for the form's summary.
    pub fn elsewhere(&self) -> impl Iterator<Item = &FieldProblem> {
        self.problems.iter().filter(|p| !p.own)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

impl fmt::Display for FieldProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.total == 1 { "problem" } else { "problems" };
        write!(f, "{} {noun}", self.total)?;
        if let Some(first) = self.problems.first() {
            write!(f, "; the first: {first}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldProblems {}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, expected: Option<(FactKind, usize, Field, Option<usize>)>) {
        let actual = locate(path).map(|(kind, index, inside)| {
            let (field, item) = Field::of(inside);
            (kind, index, field, item)
        });
        assert_eq!(actual, expected, "{path}");
    }

    #[test]
    fn paths_name_their_fields() {
        check("$.events[3].date.edtf", Some((FactKind::Event, 3, Field::Date, None)));
        check("$.events[3].date", Some((FactKind::Event, 3, Field::Date, None)));
        check("$.events[0].date.basis", Some((FactKind::Event, 0, Field::DateBasis, None)));
        check("$.events[0].date.span", Some((FactKind::Event, 0, Field::DateSpan, None)));
        check("$.events[12].participants[2].entity", Some((FactKind::Event, 12, Field::Participants, Some(2))));
        check("$.events[1].derived.from[0]", Some((FactKind::Event, 1, Field::DerivedFrom, Some(0))));
        check("$.events[1].derived", Some((FactKind::Event, 1, Field::Derived, None)));
        check("$.claims[0].speaker_label", Some((FactKind::Claim, 0, Field::SpeakerLabel, None)));
        check("$.persons[2].members[1]", Some((FactKind::Person, 2, Field::Members, Some(1))));
        check("$.persons[2]", Some((FactKind::Person, 2, Field::Fact, None)));
        check("$.articles[0].published", Some((FactKind::Article, 0, Field::Published, None)));
        check("$.format", None);
        check("$.articles", None);
    }

    #[test]
    fn span_slots_round_trip_their_paths() {
        for slot in [SpanSlot::Spans(3), SpanSlot::DateSpan, SpanSlot::Affiliation { affiliation: 1, span: 0 }] {
            assert_eq!(SpanSlot::of_path(&slot.path()), Some(slot));
        }
        let (_, _, inside) = locate("$.events[4].spans[2].end").unwrap_or((FactKind::Event, 0, ""));
        assert_eq!(SpanSlot::of_path(inside), Some(SpanSlot::Spans(2)));
        assert_eq!(SpanSlot::of_path("summary"), None);
    }
}
