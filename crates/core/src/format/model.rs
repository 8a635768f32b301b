//! The dataset format `factline/1`: the serialized model, a public boundary documented in
//! `assets/schema/FORMAT.md`, with a JSON Schema generated from these types beside it.
//!
//! Everything here is plain data. Parsed dates, name keys and per-person indexes live in
//! [`crate::query::Catalog`], which is built from a validated [`Dataset`] and is never serialized.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The only format version this crate reads and writes.
pub const FORMAT: &str = "factline/1";

/// A set of articles and the people, organizations, places, events and claims drawn from them.
///
/// Every `id` in a dataset is unique across all kinds, so a reference needs no type tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format version; must be `factline/1`.
    pub format: String,
    /// What the dataset covers, for a reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The source articles, with their full text.
    pub articles: Vec<Article>,
    /// Named and unnamed individuals, and groups the text refers to ("the pair").
    #[serde(default)]
    pub persons: Vec<Person>,
    /// Organizations, agencies and bodies.
    #[serde(default)]
    pub organizations: Vec<Organization>,
    /// Countries, regions and cities.
    #[serde(default)]
    pub places: Vec<Place>,
    /// Things that happened, or that the article implies (derived).
    #[serde(default)]
    pub events: Vec<Event>,
    /// Who said what.
    #[serde(default)]
    pub claims: Vec<Claim>,
}

impl Dataset {
    /// A dataset in the current format with nothing in it.
    pub fn empty() -> Dataset {
        Dataset {
            format: FORMAT.to_string(),
            description: None,
            articles: Vec::new(),
            persons: Vec::new(),
            organizations: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
            claims: Vec::new(),
        }
    }
}

/// A source article.
///
/// Its text is `paragraphs` joined by a blank line (`"\n\n"`); every [`Span`] offset counts
/// Unicode scalar values (code points) in that joined text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Unique id, a lowercase slug.
    pub id: String,
    /// Headline as printed.
    pub title: String,
    /// Standfirst or subtitle, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Byline as printed.
    pub author: String,
    /// Publisher, e.g. `Eurasianet`.
    pub publisher: String,
    /// Publication day, `YYYY-MM-DD`. Relative dates in the text are resolved against it.
    pub published: String,
    /// The day the text was last corrected or updated, `YYYY-MM-DD`, if it has been.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The original's address; `http` or `https` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language tag, e.g. `en`.
    pub language: String,
    /// The body text, one string per paragraph, exactly as published.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// The separator between paragraphs in the text that spans point into.
    pub const PARAGRAPH_SEPARATOR: &'static str = "\n\n";

    /// The full text that span offsets count into.
    pub fn text(&self) -> String {
        self.paragraphs.join(Self::PARAGRAPH_SEPARATOR)
    }
}

/// A passage of an article: W3C Web Annotation `TextPositionSelector` (`start`, `end`) and
/// `TextQuoteSelector` (`exact`) in one. `start` is inclusive and `end` exclusive, both counted in
/// Unicode code points from the start of the article text, so `text[start..end] == exact`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The article's id.
    pub article: String,
    /// First code point, counted from 0.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// The exact words between `start` and `end`.
    pub exact: String,
}

/// Where a spelling of a name comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AliasSource {
    /// The spelling is printed in one of the dataset's articles.
    Article {
        /// The article's id.
        article: String,
    },
    /// The spelling is used by another report, named so a reader can find it.
    Report {
        /// The report's title.
        title: String,
        /// Who published it.
        publisher: String,
        /// When, as EDTF (`2019-08-01`, `2019-08`).
        date: String,
        /// Its address, `http` or `https`, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
}

/// Another name or spelling, always with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The name as spelled there.
    pub name: String,
    /// Where this spelling appears.
    pub source: AliasSource,
}

/// Whether a person is a named individual, an unnamed one, or a group the text names as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A named individual.
    #[default]
    Named,
    /// An individual the article does not name, such as "a top national security official".
    Unnamed,
    /// A group referred to as one ("the pair", "the quartet"); resolves to its `members`.
    Group,
}

impl PersonKind {
    /// Every kind, in declaration order.
    pub const ALL: [PersonKind; 3] = [PersonKind::Named, PersonKind::Unnamed, PersonKind::Group];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Named => "named",
            PersonKind::Unnamed => "unnamed",
            PersonKind::Group => "group",
        }
    }
}

/// A person's link to an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// The organization's id.
    pub organization: String,
    /// The position held there, as printed ("deputy director").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A person, an unnamed individual, or a group of persons.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Lowercase ASCII slug of the name as printed (`sayragul-sauytbay`), or a descriptive slug.
    pub id: String,
    /// The name as printed, or a description for an unnamed person.
    pub name: String,
    /// Named, unnamed, or a group.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: PersonKind,
    /// Other names and spellings, each with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Who they are, in one sentence drawn from the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Roles as printed ("refugee", "journalist").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Organizations they belong to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
    /// For a group, the ids of its members (individuals).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// An organization, agency or body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Unique id, a lowercase slug.
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// Other names and spellings, each with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// What it is, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id of the organization it is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
}

/// A country, region or city.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Unique id, a lowercase slug.
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// Other names and spellings, each with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// The id of the place that contains it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
}

/// The closed vocabulary of event kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Crossing a national border, lawfully or not.
    BorderCrossing,
    /// Being held or jailed.
    Detention,
    /// A court's guilty verdict.
    Conviction,
    /// Being let out of detention.
    Release,
    /// A plea to authorities or the public, such as a video appeal for protection.
    Appeal,
    /// A state grants refugee status.
    RefugeeStatusGranted,
    /// Refugee status runs out unless extended.
    RefugeeStatusExpiry,
    /// A state grants asylum or a haven.
    AsylumGranted,
    /// A state refuses asylum.
    AsylumDenied,
    /// Moving to live in another country.
    Relocation,
    /// Receiving an award.
    Award,
    /// Giving evidence in court or before a legislature.
    Testimony,
    /// An official body's formal finding or proclamation.
    Declaration,
    /// A book, article or translation appearing.
    Publication,
    /// Something said in public, to the press or in an interview.
    Statement,
}

impl EventKind {
    /// Every kind, in documentation order.
    pub const ALL: [EventKind; 15] = [
        EventKind::BorderCrossing,
        EventKind::Detention,
        EventKind::Conviction,
        EventKind::Release,
        EventKind::Appeal,
        EventKind::RefugeeStatusGranted,
        EventKind::RefugeeStatusExpiry,
        EventKind::AsylumGranted,
        EventKind::AsylumDenied,
        EventKind::Relocation,
        EventKind::Award,
        EventKind::Testimony,
        EventKind::Declaration,
        EventKind::Publication,
        EventKind::Statement,
    ];

    /// The snake_case name used in JSON (`refugee_status_granted`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::BorderCrossing => "border_crossing",
            EventKind::Detention => "detention",
            EventKind::Conviction => "conviction",
            EventKind::Release => "release",
            EventKind::Appeal => "appeal",
            EventKind::RefugeeStatusGranted => "refugee_status_granted",
            EventKind::RefugeeStatusExpiry => "refugee_status_expiry",
            EventKind::AsylumGranted => "asylum_granted",
            EventKind::AsylumDenied => "asylum_denied",
            EventKind::Relocation => "relocation",
            EventKind::Award => "award",
            EventKind::Testimony => "testimony",
            EventKind::Declaration => "declaration",
            EventKind::Publication => "publication",
            EventKind::Statement => "statement",
        }
    }

    /// A label for readers ("Refugee status granted").
    pub fn label(self) -> &'static str {
        match self {
            EventKind::BorderCrossing => "Border crossing",
            EventKind::Detention => "Detention",
            EventKind::Conviction => "Conviction",
            EventKind::Release => "Release",
            EventKind::Appeal => "Appeal",
            EventKind::RefugeeStatusGranted => "Refugee status granted",
            EventKind::RefugeeStatusExpiry => "Refugee status expires",
            EventKind::AsylumGranted => "Asylum granted",
            EventKind::AsylumDenied => "Asylum denied",
            EventKind::Relocation => "Relocation",
            EventKind::Award => "Award",
            EventKind::Testimony => "Testimony",
            EventKind::Declaration => "Declaration",
            EventKind::Publication => "Publication",
            EventKind::Statement => "Statement",
        }
    }
}

/// How a date was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The article gives the date in full ("in April 2018").
    Stated,
    /// The article gives part of it ("In March", "October 30"); the rest comes from the publication date.
    RelativeToPublication,
    /// The article dates it from another event ("one year after the pair were jailed"); `anchor` names it.
    RelativeToEvent,
    /// Bounded by reasoning over the text; `note` gives the reasoning.
    Inferred,
    /// Computed by a derivation rule, for a derived event.
    Derived,
    /// The article gives no date.
    #[default]
    NotGiven,
}

impl DateBasis {
    /// Every basis, in declaration order.
    pub const ALL: [DateBasis; 6] = [
        DateBasis::Stated,
        DateBasis::RelativeToPublication,
        DateBasis::RelativeToEvent,
        DateBasis::Inferred,
        DateBasis::Derived,
        DateBasis::NotGiven,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Stated => "stated",
            DateBasis::RelativeToPublication => "relative_to_publication",
            DateBasis::RelativeToEvent => "relative_to_event",
            DateBasis::Inferred => "inferred",
            DateBasis::Derived => "derived",
            DateBasis::NotGiven => "not_given",
        }
    }

    /// Whether a date with this basis must say in a `note` how it was resolved.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            DateBasis::RelativeToPublication | DateBasis::RelativeToEvent | DateBasis::Inferred | DateBasis::Derived
        )
    }
}

/// When something happened, as precisely as the article allows, and how that was worked out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventDate {
    /// EDTF (Level 0/1): `2020-10-30`, `2020-03`, `2019-10~`, `2020-07/2020-10-31`; absent when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edtf: Option<String>,
    /// How the date was arrived at; `not_given` exactly when `edtf` is absent.
    #[serde(default)]
    pub basis: DateBasis,
    /// For `relative_to_event`, the id of the event the date counts from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// How a relative, inferred or derived date was resolved, or why none could be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The words of the article that give the date ("In March"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl EventDate {
    /// Whether the article gives no date.
    pub fn is_undated(&self) -> bool {
        self.edtf.is_none()
    }
}

/// Someone or something taking part in an event, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// A person's or an organization's id.
    pub entity: String,
    /// Their part, e.g. `subject`, `grantor`, `speaker`, `host`, `author`.
    pub role: String,
}

/// Whether an event happened or is only expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It happened.
    #[default]
    Occurred,
    /// The article says it is expected ("several translations are expected by next year").
    Expected,
}

impl EventStatus {
    /// Every status, in declaration order.
    pub const ALL: [EventStatus; 2] = [EventStatus::Occurred, EventStatus::Expected];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Occurred => "occurred",
            EventStatus::Expected => "expected",
        }
    }
}

/// How a derived fact follows from what the article states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The rule applied, a stable slug (`refugee-status-valid-one-year`).
    pub rule: String,
    /// The reasoning in words, for a reader.
    pub reasoning: String,
    /// Ids of the events or claims it rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
}

/// Something that happened (or is implied to happen), with the words that support it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id, a lowercase slug.
    pub id: String,
    /// What kind of event.
    pub kind: EventKind,
    /// When, and how that is known.
    #[serde(default)]
    pub date: EventDate,
    /// Persons and organizations involved.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Ids of places involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// One sentence saying what happened.
    pub summary: String,
    /// Whether it happened or is expected.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: EventStatus,
    /// The words of the article that support it; at least one.
    pub spans: Vec<Span>,
    /// Present when the article implies the event rather than stating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

/// Who said something, what, about whom, and where the article reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Unique id, a lowercase slug.
    pub id: String,
    /// The speaker: a person's or an organization's id; absent for an unnamed group ("activists").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker as the article puts it ("rights activists"); defaults to the speaker's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_label: Option<String>,
    /// Direct speech (quoted words) rather than reported speech.
    pub direct: bool,
    /// What was said: the quoted words for direct speech, a faithful paraphrase for reported speech.
    pub text: String,
    /// Ids of persons, organizations or places the claim is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    /// Who it was said to (an organization or person id), if the article says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// When it was said.
    #[serde(default)]
    pub date: EventDate,
    /// The words of the article that report it; at least one.
    pub spans: Vec<Span>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
