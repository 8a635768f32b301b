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

/// Where a span sits in a dataset: the one list of the places spans can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpanSite {
    /// `events[i].spans[j]`.
    Event(usize, usize),
    /// `events[i].date.span`.
    EventDate(usize),
    /// `claims[i].spans[j]`.
    Claim(usize, usize),
    /// `claims[i].date.span`.
    ClaimDate(usize),
    /// `persons[i].spans[j]`.
    Person(usize, usize),
    /// `persons[i].affiliations[k].spans[j]`.
    Affiliation(usize, usize, usize),
    /// `organizations[i].spans[j]`.
    Organization(usize, usize),
}

impl SpanSite {
    /// The JSONPath of the span.
    pub fn path(self) -> String {
        match self {
            SpanSite::Event(i, j) => format!("$.events[{i}].spans[{j}]"),
            SpanSite::EventDate(i) => format!("$.events[{i}].date.span"),
            SpanSite::Claim(i, j) => format!("$.claims[{i}].spans[{j}]"),
            SpanSite::ClaimDate(i) => format!("$.claims[{i}].date.span"),
            SpanSite::Person(i, j) => format!("$.persons[{i}].spans[{j}]"),
            SpanSite::Affiliation(i, k, j) => format!("$.persons[{i}].affiliations[{k}].spans[{j}]"),
            SpanSite::Organization(i, j) => format!("$.organizations[{i}].spans[{j}]"),
        }
    }

    /// The span there.
    pub fn get(self, d: &Dataset) -> Option<&Span> {
        match self {
            SpanSite::Event(i, j) => d.events.get(i)?.spans.get(j),
            SpanSite::EventDate(i) => d.events.get(i)?.date.span.as_ref(),
            SpanSite::Claim(i, j) => d.claims.get(i)?.spans.get(j),
            SpanSite::ClaimDate(i) => d.claims.get(i)?.date.span.as_ref(),
            SpanSite::Person(i, j) => d.persons.get(i)?.spans.get(j),
            SpanSite::Affiliation(i, k, j) => d.persons.get(i)?.affiliations.get(k)?.spans.get(j),
            SpanSite::Organization(i, j) => d.organizations.get(i)?.spans.get(j),
        }
    }

    /// The span there, to change.
    pub fn get_mut(self, d: &mut Dataset) -> Option<&mut Span> {
        match self {
            SpanSite::Event(i, j) => d.events.get_mut(i)?.spans.get_mut(j),
            SpanSite::EventDate(i) => d.events.get_mut(i)?.date.span.as_mut(),
            SpanSite::Claim(i, j) => d.claims.get_mut(i)?.spans.get_mut(j),
            SpanSite::ClaimDate(i) => d.claims.get_mut(i)?.date.span.as_mut(),
            SpanSite::Person(i, j) => d.persons.get_mut(i)?.spans.get_mut(j),
            SpanSite::Affiliation(i, k, j) => d.persons.get_mut(i)?.affiliations.get_mut(k)?.spans.get_mut(j),
            SpanSite::Organization(i, j) => d.organizations.get_mut(i)?.spans.get_mut(j),
        }
    }
}

impl Dataset {
    /// How many facts it holds: persons, organizations, places, events and claims.
    pub fn fact_count(&self) -> usize {
        self.persons.len() + self.organizations.len() + self.places.len() + self.events.len() + self.claims.len()
    }

    /// Every place a span sits, in the order of the lists.
    pub fn span_sites(&self) -> Vec<SpanSite> {
        let mut sites = Vec::new();
        for (i, p) in self.persons.iter().enumerate() {
            sites.extend((0..p.spans.len()).map(|j| SpanSite::Person(i, j)));
            for (k, a) in p.affiliations.iter().enumerate() {
                sites.extend((0..a.spans.len()).map(|j| SpanSite::Affiliation(i, k, j)));
            }
        }
        for (i, o) in self.organizations.iter().enumerate() {
            sites.extend((0..o.spans.len()).map(|j| SpanSite::Organization(i, j)));
        }
        for (i, e) in self.events.iter().enumerate() {
            sites.extend((0..e.spans.len()).map(|j| SpanSite::Event(i, j)));
            if e.date.span.is_some() {
                sites.push(SpanSite::EventDate(i));
            }
        }
        for (i, c) in self.claims.iter().enumerate() {
            sites.extend((0..c.spans.len()).map(|j| SpanSite::Claim(i, j)));
            if c.date.span.is_some() {
                sites.push(SpanSite::ClaimDate(i));
            }
        }
        sites
    }

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
    /// Byline as printed; absent for wire reports and others that have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
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

    /// The text of one part: the body, the title or the subtitle (empty when there is none).
    pub fn part_text(&self, part: TextPart) -> String {
        match part {
            TextPart::Body => self.text(),
            TextPart::Title => self.title.clone(),
            TextPart::Subtitle => self.subtitle.clone().unwrap_or_default(),
        }
    }
}

/// Which text of an article a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextPart {
    /// The body: the paragraphs joined by a blank line.
    #[default]
    Body,
    /// The headline.
    Title,
    /// The standfirst or subtitle.
    Subtitle,
}

impl TextPart {
    /// Every part, in declaration order.
    pub const ALL: [TextPart; 3] = [TextPart::Body, TextPart::Title, TextPart::Subtitle];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TextPart::Body => "body",
            TextPart::Title => "title",
            TextPart::Subtitle => "subtitle",
        }
    }
}

/// A passage of an article: a W3C Web Annotation `TextQuoteSelector` (`exact`, with an optional
/// `prefix` and `suffix`) and `TextPositionSelector` (`start`, `end`) in one.
///
/// A span may be written with the quote alone: reading the dataset finds the one place the quote
/// occurs (given its prefix and suffix) and fills in the offsets. Offsets count Unicode code points
/// from the start of the part's text, `start` inclusive and `end` exclusive, so
/// `text[start..end] == exact`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The article's id.
    pub article: String,
    /// The text it points into: the body (the default), the title or the subtitle.
    #[serde(default, skip_serializing_if = "is_default")]
    pub part: TextPart,
    /// First code point, counted from 0; filled in from the quote when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// One past the last code point; filled in from the quote when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
    /// The exact words.
    pub exact: String,
    /// Words right before the quote, to tell apart places where it occurs more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Words right after the quote, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl Span {
    /// A span of the body at known offsets.
    pub fn at(article: &str, start: u32, end: u32, exact: &str) -> Span {
        Span { article: article.into(), start: Some(start), end: Some(end), exact: exact.into(), ..Span::default() }
    }

    /// A span given by its quote alone, to be placed when the dataset is read.
    pub fn quote(article: &str, exact: &str) -> Span {
        Span { article: article.into(), exact: exact.into(), ..Span::default() }
    }

    /// The offsets, once known.
    pub fn range(&self) -> Option<(u32, u32)> {
        Some((self.start?, self.end?))
    }

    /// Whether the span points into the body at `at` (a code point).
    pub fn covers(&self, article: &str, at: u32) -> bool {
        self.part == TextPart::Body && self.article == article && self.range().is_some_and(|(s, e)| s <= at && at < e)
    }
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
#[derive(Debug, Clone, PartialEq, Default, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// The organization's id.
    pub organization: String,
    /// The position held there, as printed ("deputy director").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The words of the article that state it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
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
    /// The id of the place they are based in, if the article says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_in: Option<String>,
    /// The words of the article that say who they are: their roles, description, membership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

/// An organization, agency or body.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// The id of the place it is based in, if the article says ("the Almaty-based Atajurt").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_in: Option<String>,
    /// The words of the article that say what it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

/// A country, region or city.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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

impl Place {
    /// What a typed place name is matched against, folded (case and accents aside): its id, its
    /// name and its aliases. The annotator's place field and a spreadsheet's `places` column both
    /// find a place by these.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        use crate::text::fold;
        [fold(&self.id), fold(&self.name)].into_iter().chain(self.aliases.iter().map(|a| fold(&a.name)))
    }
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
    /// For an undated event that the article bounds ("before the grants"), the bound as an EDTF
    /// interval, such as `../2020-10-28`; `note` says how it was inferred. The event still reads
    /// as undated: the bound is shown, never used as its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
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
    /// Someone alleges it, and the article does not vouch for it; `alleged_by` says who.
    Alleged,
}

impl EventStatus {
    /// Every status, in declaration order.
    pub const ALL: [EventStatus; 3] = [EventStatus::Occurred, EventStatus::Expected, EventStatus::Alleged];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Occurred => "occurred",
            EventStatus::Expected => "expected",
            EventStatus::Alleged => "alleged",
        }
    }
}

/// How a place figures in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlaceRole {
    /// Where it happened.
    #[default]
    OccurredIn,
    /// A place it is about, but did not happen in (testimony about Xinjiang, given elsewhere).
    Concerns,
    /// Where someone or something left from.
    From,
    /// Where someone or something went to.
    To,
}

impl PlaceRole {
    /// Every role, in declaration order.
    pub const ALL: [PlaceRole; 4] = [PlaceRole::OccurredIn, PlaceRole::Concerns, PlaceRole::From, PlaceRole::To];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceRole::OccurredIn => "occurred_in",
            PlaceRole::Concerns => "concerns",
            PlaceRole::From => "from",
            PlaceRole::To => "to",
        }
    }
}

/// A place an event involves, and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventPlace {
    /// The place's id.
    pub place: String,
    /// How it figures; where it happened by default.
    #[serde(default, skip_serializing_if = "is_default")]
    pub role: PlaceRole,
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
    /// Places involved, each with how: where it happened, or a place it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<EventPlace>,
    /// One sentence saying what happened.
    pub summary: String,
    /// Whether it happened, is expected, or is alleged.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: EventStatus,
    /// For an alleged event, who alleges it: ids of persons, groups or organizations, or of the
    /// claims that allege it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alleged_by: Vec<String>,
    /// The words of the article that support it; at least one.
    pub spans: Vec<Span>,
    /// Present when the article implies the event rather than stating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

/// Who said something, what, about whom, and where the article reports it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// Ids of what the claim is about: persons, groups, organizations, places, or the events and
    /// claims it bears on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    /// For reported speech, the speaker's own words it quotes ("no chance"), each as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quoted: Vec<String>,
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
