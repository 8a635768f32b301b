//! W3C Web Annotation interchange: events and claims written as a [Web Annotation Data Model]
//! `AnnotationCollection`, and annotations — that export, or a Hypothesis JSON export — read back
//! into facts.
//!
//! # The export
//!
//! One JSON-LD document, `{"@context": "http://www.w3.org/ns/anno.jsonld", "type":
//! "AnnotationCollection", "label", "total", "first": {"type": "AnnotationPage", "items": [...]}}`,
//! the whole collection in its one embedded page, as the model's section on collections allows.
//! Identifiers are URNs made from the dataset's first article id: the collection is
//! `urn:factline:ARTICLE`, its page `urn:factline:ARTICLE#page-1`, and each fact
//! `urn:factline:ARTICLE:FACT-ID`, so exporting the same dataset again gives the same ids.
//!
//! One annotation per fact, with the motivation `describing` for events and claims alike: the body
//! is not the annotator's remark about the passage (`commenting`) but an account of what the
//! passage itself says, someone's words included. The bodies are `TextualBody`s:
//!
//! - `purpose: describing`: the event's summary, or what the claim says;
//! - `purpose: tagging`: the fact's kind, people, places, date and the rest, as the tags below, so
//!   that a team annotating in Hypothesis sees and writes the same thing; `id:FACT-ID` carries the
//!   Factline id;
//! - `purpose: commenting`, with an id ending `#date-note` or `#reasoning`: the date's note and a
//!   derived fact's reasoning.
//!
//! Each of the fact's spans is one target, `{"source", "selector": [TextQuoteSelector,
//! TextPositionSelector]}`. The source is the article's `url`, or `urn:factline:article:ID` when it
//! has none. The quote selector gives the span's stored prefix and suffix, or up to
//! [`CONTEXT_CHARS`] code points of the article text on each side (none at the very start or end:
//! what the page shows there is not known). The position selector counts code points, as the W3C
//! model asks, in the article text as Factline stores it (paragraphs joined by a blank line), which
//! a web page's text need not match, so a client should anchor by the quote. Spans into the
//! headline or subtitle get the quote selector alone, with context from that text only, since
//! their offsets do not count in the body. The words that give a date (`date.span`) are not
//! exported.
//!
//! # Tags
//!
//! The convention of a team annotating in Hypothesis. Tag names are read in any case and values
//! are trimmed; a person is found as [`Catalog::resolve_person`] finds one (an id, a name, an alias
//! or a unique start of one, case and diacritics ignored), an organization or a place by its
//! whole id, name or alias, case and diacritics ignored:
//!
//! | tag | meaning |
//! | --- | --- |
//! | `kind:detention` | an event of that kind (the snake_case name or the label, `kind:Refugee status granted`) |
//! | `claim` | a claim; the annotation's text is what was said |
//! | `person:Name`, `person:Name:role` | a participant (role `participant` if none); on a claim, whom it is about |
//! | `place:Name`, `place:Name:concerns` (`from`, `to`) | a place; unknown places are created |
//! | `date:2019-10~` | the date, EDTF |
//! | `basis:inferred` | how the date was arrived at; `stated` by default (`derived` for derived facts) |
//! | `speaker:Name` | who said it: a person or an organization |
//! | `direct`, `reported` | direct or reported speech; `reported` when neither is given |
//! | `derived:rule-slug` | a derived event; the reasoning is the annotation's text |
//! | `id:fact-id` | the fact's id; otherwise one is made from the kind and the first words |
//!
//! Factline adds, for what the convention has no tag for: `organization:Name[:role]`,
//! `anchor:event-id` (a `relative_to_event` date), `bound:EDTF`, `status:expected|alleged`,
//! `alleged-by:Name`, `from:fact-id` (what a derived event rests on), `about:Name-or-id`,
//! `audience:Name`, `speaker-label:words` and `quoted:words`. Other tags are ignored, with a note.
//!
//! # Reading
//!
//! [`import_annotations`] reads this module's export, a Hypothesis JSON export (the client's
//! `{"annotations": [...]}`, the API search's `{"rows": [...]}`, or a bare array), or a single
//! annotation or page. A target belongs to the article whose `url` equals its `source` (or the
//! annotation's `uri`), ignoring a trailing slash, or to the only article. Only the quote is used:
//! Hypothesis positions count UTF-16 units of the page, so spans are written as quotes, with the
//! prefix and suffix kept only when the quote needs them, and [`validate::anchor`] places them.
//! In a Hypothesis annotation the text's first paragraph is the summary (or what was said) and the
//! paragraphs after a blank line are the date's note and a derived event's reasoning (the whole
//! text, when it is one paragraph). Replies, page notes and annotations with neither a `kind:` nor
//! a `claim` tag are skipped with a note; every other misfit is a [`Problem`] naming the
//! annotation by its place in the input and its id.
//!
//! [Web Annotation Data Model]: https://www.w3.org/TR/annotation-model/

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::format::anchor::{Haystack, Unplaced};
use crate::format::model::{
    Alias, Claim, Dataset, DateBasis, Derivation, Event, EventDate, EventKind, EventPlace, EventStatus, Participant,
    Place, PlaceRole, Span, TextPart,
};
use crate::format::read::{DEFAULT_MAX_BYTES, decode_text, human};
use crate::format::validate::{self, Problem, ProblemKind};
use crate::query::catalog::{Catalog, ClaimRef, EntityRef, EventRef};
use crate::text::{excerpt, fold};

/// The JSON-LD context of the Web Annotation Data Model.
pub const ANNOTATION_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// How many code points of the article text, at most, a quote selector's prefix and suffix give.
pub const CONTEXT_CHARS: usize = 32;

/// The role of a `person:` or `organization:` participant that names none.
pub const DEFAULT_ROLE: &str = "participant";

/// How an article without a `url` is named as a target's source.
const ARTICLE_URN: &str = "urn:factline:article:";

/// The id endings of the commenting bodies that carry a date's note and a derivation's reasoning.
const DATE_NOTE: &str = "#date-note";
const REASONING: &str = "#reasoning";

// ---------------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: String,
    start_index: usize,
    items: Vec<Annotation>,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body>,
    target: Vec<Target>,
}

#[derive(Serialize)]
struct Body {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

impl Body {
    fn text(purpose: &'static str, value: &str) -> Body {
        Body { id: None, kind: "TextualBody", purpose, value: value.to_string(), format: None, language: None }
    }
}

#[derive(Serialize)]
struct Target {
    source: String,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector {
    TextQuoteSelector {
        exact: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        prefix: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        suffix: Option<String>,
    },
    TextPositionSelector {
        start: u32,
        end: u32,
    },
}

/// A W3C Web Annotation Data Model JSON-LD `AnnotationCollection` of the given events and claims,
/// events first, each in the order given; pretty JSON with a final newline.
pub fn to_annotations(catalog: &Catalog, events: &[EventRef<'_>], claims: &[ClaimRef<'_>]) -> String {
    let d = catalog.dataset();
    let base = d.articles.first().map_or("dataset", |a| a.id.as_str());
    let resolver = Resolver::new(catalog);
    let mut items: Vec<Annotation> = events.iter().map(|e| event_annotation(&resolver, base, e.event)).collect();
    items.extend(claims.iter().map(|c| claim_annotation(&resolver, base, c.claim)));
    let label = d
        .description
        .clone()
        .or_else(|| d.articles.first().map(|a| a.title.clone()))
        .unwrap_or_else(|| "Factline".to_string());
    let collection_id = format!("urn:factline:{base}");
    let collection = Collection {
        context: ANNOTATION_CONTEXT,
        id: collection_id.clone(),
        kind: "AnnotationCollection",
        label,
        total: items.len(),
        first: Page {
            id: format!("{collection_id}#page-1"),
            kind: "AnnotationPage",
            part_of: collection_id,
            start_index: 0,
            items,
        },
    };
    // Only strings, integers and lists: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    text
}

/// The tags and commenting bodies of a date.
fn date_bodies(id: &str, date: &EventDate, implied: DateBasis, tags: &mut Vec<String>, bodies: &mut Vec<Body>) {
    if let Some(edtf) = &date.edtf {
        tags.push(format!("date:{edtf}"));
        if date.basis != implied {
            tags.push(format!("basis:{}", date.basis.as_str()));
        }
    }
    if let Some(bound) = &date.bound {
        tags.push(format!("bound:{bound}"));
    }
    if let Some(anchor) = &date.anchor {
        tags.push(format!("anchor:{anchor}"));
    }
    if let Some(note) = &date.note {
        bodies.push(Body { id: Some(format!("{id}{DATE_NOTE}")), ..Body::text("commenting", note) });
    }
}

fn annotation(
    id: String,
    describing: &str,
    language: Option<String>,
    tags: Vec<String>,
    extra: Vec<Body>,
) -> Annotation {
    let mut body = vec![Body { format: Some("text/plain"), language, ..Body::text("describing", describing) }];
    body.extend(tags.iter().map(|t| Body::text("tagging", t)));
    body.extend(extra);
    Annotation { id, kind: "Annotation", motivation: "describing", body, target: Vec::new() }
}

fn event_annotation(r: &Resolver<'_>, base: &str, e: &Event) -> Annotation {
    let id = format!("urn:factline:{base}:{}", e.id);
    let mut tags = vec![format!("kind:{}", e.kind.as_str())];
    for p in &e.participants {
        let tag = match r.catalog.lookup(&p.entity) {
            Some(EntityRef::Organization(_)) => "organization",
            _ => "person",
        };
        let allowed = if tag == "person" { &[Party::Person][..] } else { &[Party::Organization][..] };
        tags.push(format!("{tag}:{}:{}", r.reference(&p.entity, allowed), p.role));
    }
    for place in &e.places {
        let name = r.reference(&place.place, &[Party::Place]);
        match place.role {
            PlaceRole::OccurredIn => tags.push(format!("place:{name}")),
            role => tags.push(format!("place:{name}:{}", role.as_str())),
        }
    }
    let mut extra = Vec::new();
    let implied = if e.derived.is_some() { DateBasis::Derived } else { DateBasis::Stated };
    date_bodies(&id, &e.date, implied, &mut tags, &mut extra);
    if e.status != EventStatus::Occurred {
        tags.push(format!("status:{}", e.status.as_str()));
    }
    for who in &e.alleged_by {
        tags.push(format!("alleged-by:{}", r.reference(who, &[Party::Person, Party::Organization, Party::Claim])));
    }
    if let Some(derived) = &e.derived {
        tags.push(format!("derived:{}", derived.rule));
        tags.extend(derived.from.iter().map(|f| format!("from:{f}")));
        extra.push(Body { id: Some(format!("{id}{REASONING}")), ..Body::text("commenting", &derived.reasoning) });
    }
    tags.push(format!("id:{}", e.id));
    let mut a = annotation(id, &e.summary, language(r.catalog, &e.spans), tags, extra);
    a.target = e.spans.iter().map(|s| target(r.catalog, s)).collect();
    a
}

fn claim_annotation(r: &Resolver<'_>, base: &str, c: &Claim) -> Annotation {
    let id = format!("urn:factline:{base}:{}", c.id);
    let mut tags = vec!["claim".to_string()];
    let parties = [Party::Person, Party::Organization];
    if let Some(speaker) = &c.speaker {
        tags.push(format!("speaker:{}", r.reference(speaker, &parties)));
    }
    if let Some(label) = &c.speaker_label {
        tags.push(format!("speaker-label:{label}"));
    }
    tags.push(if c.direct { "direct" } else { "reported" }.to_string());
    tags.extend(c.about.iter().map(|a| format!("about:{}", r.reference(a, &Party::ALL))));
    tags.extend(c.quoted.iter().map(|q| format!("quoted:{q}")));
    if let Some(audience) = &c.audience {
        tags.push(format!("audience:{}", r.reference(audience, &parties)));
    }
    let mut extra = Vec::new();
    date_bodies(&id, &c.date, DateBasis::Stated, &mut tags, &mut extra);
    tags.push(format!("id:{}", c.id));
    let mut a = annotation(id, &c.text, language(r.catalog, &c.spans), tags, extra);
    a.target = c.spans.iter().map(|s| target(r.catalog, s)).collect();
    a
}

/// The language of the article the first span points into.
fn language(catalog: &Catalog, spans: &[Span]) -> Option<String> {
    spans.first().and_then(|s| catalog.article(&s.article)).map(|a| a.language.clone())
}

/// The address of an article, as a target's source.
fn source_of(catalog: &Catalog, article: &str) -> String {
    catalog.article(article).and_then(|a| a.url.clone()).unwrap_or_else(|| format!("{ARTICLE_URN}{article}"))
}

fn target(catalog: &Catalog, span: &Span) -> Target {
    let text = catalog.article(&span.article).map(|a| a.part_text(span.part)).unwrap_or_default();
    let haystack = Haystack::new(&text);
    let around = |from: usize, to: usize| haystack.slice(from, to).filter(|s| !s.is_empty()).map(str::to_string);
    let (prefix, suffix) = match span.range() {
        Some((start, end)) => {
            let (start, end) = (start as usize, end as usize);
            (
                span.prefix.clone().or_else(|| around(start.saturating_sub(CONTEXT_CHARS), start)),
                span.suffix.clone().or_else(|| around(end, (end + CONTEXT_CHARS).min(haystack.chars()))),
            )
        }
        None => (span.prefix.clone(), span.suffix.clone()),
    };
    let mut selector = vec![Selector::TextQuoteSelector { exact: span.exact.clone(), prefix, suffix }];
    if let (TextPart::Body, Some((start, end))) = (span.part, span.range()) {
        selector.push(Selector::TextPositionSelector { start, end });
    }
    Target { source: source_of(catalog, &span.article), selector }
}

// ---------------------------------------------------------------------------------------------
// Names

/// What a reference may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    Person,
    Organization,
    Place,
    Event,
    Claim,
}

impl Party {
    const ALL: [Party; 5] = [Party::Person, Party::Organization, Party::Place, Party::Event, Party::Claim];

    fn noun(self) -> &'static str {
        match self {
            Party::Person => "a person",
            Party::Organization => "an organization",
            Party::Place => "a place",
            Party::Event => "an event",
            Party::Claim => "a claim",
        }
    }
}

/// Turns names into ids, the same way for the export (which writes a name only when it reads back
/// as the same id) and the import.
struct Resolver<'a> {
    catalog: &'a Catalog,
    /// Facts being imported, by id.
    facts: HashMap<String, Party>,
    /// Places created by the import: folded name and id.
    new_places: Vec<(String, String)>,
}

impl<'a> Resolver<'a> {
    fn new(catalog: &'a Catalog) -> Resolver<'a> {
        Resolver { catalog, facts: HashMap::new(), new_places: Vec::new() }
    }

    fn kind_of(&self, id: &str) -> Option<Party> {
        match self.catalog.lookup(id) {
            Some(EntityRef::Person(_)) => Some(Party::Person),
            Some(EntityRef::Organization(_)) => Some(Party::Organization),
            Some(EntityRef::Place(_)) => Some(Party::Place),
            Some(EntityRef::Event(_)) => Some(Party::Event),
            Some(EntityRef::Claim(_)) => Some(Party::Claim),
            Some(EntityRef::Article(_)) => None,
            None => self
                .facts
                .get(id)
                .copied()
                .or_else(|| self.new_places.iter().any(|(_, p)| p == id).then_some(Party::Place)),
        }
    }

    /// The id `reference` names among the `allowed` kinds: an id as it is; else an organization's
    /// or a place's name or alias, matched whole after folding; else a person as
    /// [`Catalog::resolve_person`] finds one.
    fn resolve(&self, reference: &str, allowed: &[Party]) -> Result<String, String> {
        let reference = reference.trim();
        if reference.is_empty() {
            return Err("the name is empty".to_string());
        }
        if self.kind_of(reference).is_some_and(|k| allowed.contains(&k)) {
            return Ok(reference.to_string());
        }
        let folded = fold(reference);
        let d = self.catalog.dataset();
        let matches = |id: &str, name: &str, aliases: &[Alias]| {
            fold(id) == folded || fold(name) == folded || aliases.iter().any(|a| fold(&a.name) == folded)
        };
        let mut named: Vec<String> = Vec::new();
        if allowed.contains(&Party::Organization) {
            named.extend(d.organizations.iter().filter(|o| matches(&o.id, &o.name, &o.aliases)).map(|o| o.id.clone()));
        }
        if allowed.contains(&Party::Place) {
            named.extend(d.places.iter().filter(|p| matches(&p.id, &p.name, &p.aliases)).map(|p| p.id.clone()));
            named.extend(self.new_places.iter().filter(|(name, _)| *name == folded).map(|(_, id)| id.clone()));
        }
        match named.as_slice() {
            [only] => return Ok(only.clone()),
            [] => {}
            several => {
                return Err(format!(
                    "`{}` names more than one: {}; give an id",
                    excerpt(reference, 60),
                    several.join(", ")
                ));
            }
        }
        if allowed.contains(&Party::Person) {
            return self.catalog.resolve_person(reference).map(|i| d.persons[i].id.clone()).map_err(|e| e.to_string());
        }
        let wanted: Vec<&str> = allowed.iter().map(|p| p.noun()).collect();
        Err(format!("`{}` is not the id or name of {}", excerpt(reference, 60), wanted.join(" or ")))
    }

    /// How the export names the entity `id`: by its name when that reads back as `id`, else by id.
    fn reference(&self, id: &str, allowed: &[Party]) -> String {
        let name = self.catalog.name_of(id);
        if name != id && self.resolve(name, allowed).as_deref() == Ok(id) { name.to_string() } else { id.to_string() }
    }
}

// ---------------------------------------------------------------------------------------------
// Import

/// Facts read from annotations, added to a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The dataset with the new events, claims and places, its spans placed.
    pub dataset: Dataset,
    /// What was skipped or assumed, and why, one sentence each.
    pub notes: Vec<String>,
}

/// One annotation as read, whatever its shape.
#[derive(Debug, Default)]
struct Read {
    /// Its place in the input list, from 0.
    index: usize,
    /// Its JSONPath in the input.
    path: String,
    id: Option<String>,
    /// The summary, or what was said.
    text: String,
    /// Further paragraphs or commenting bodies.
    rest: Vec<String>,
    date_note: Option<String>,
    reasoning: Option<String>,
    tags: Vec<String>,
    targets: Vec<ReadTarget>,
    /// Why it is skipped (a reply), if it is.
    skip: Option<String>,
}

impl Read {
    fn name(&self) -> String {
        match &self.id {
            Some(id) => format!("annotation {} (id `{}`)", self.index, excerpt(id, 80)),
            None => format!("annotation {} (no id)", self.index),
        }
    }
}

#[derive(Debug, Default)]
struct ReadTarget {
    source: Option<String>,
    exact: Option<String>,
    prefix: Option<String>,
    suffix: Option<String>,
}

/// A `person:` or `organization:` tag: the name before its last colon and the role after it, and
/// the whole value, in case the name itself has a colon.
#[derive(Debug, Default)]
struct NamedTag {
    name: String,
    role: String,
    whole: String,
}

/// The tags of one annotation, understood.
#[derive(Debug, Default)]
struct Tags {
    kind: Option<EventKind>,
    claim: bool,
    persons: Vec<NamedTag>,
    organizations: Vec<NamedTag>,
    places: Vec<(String, PlaceRole)>,
    date: Option<String>,
    basis: Option<DateBasis>,
    bound: Option<String>,
    anchor: Option<String>,
    status: Option<EventStatus>,
    alleged_by: Vec<String>,
    derived: Option<String>,
    from: Vec<String>,
    speaker: Option<String>,
    speaker_label: Option<String>,
    direct: Option<bool>,
    about: Vec<String>,
    audience: Option<String>,
    quoted: Vec<String>,
    id: Option<String>,
    ignored: Vec<String>,
}

/// Reads annotations (this module's own export, or a Hypothesis JSON export) into facts added to
/// `dataset`, which must be valid. Every problem is returned at once, each naming the annotation.
pub fn import_annotations(dataset: Dataset, bytes: &[u8]) -> Result<Imported, Vec<Problem>> {
    let root = parse_root(bytes)?;
    let reads: Vec<Read> =
        annotation_list(&root)?.into_iter().enumerate().map(|(i, (path, v))| read_annotation(i, path, v)).collect();
    let (dataset, notes) = Importer { dataset, notes: Vec::new(), problems: Vec::new() }.run(reads)?;
    Ok(Imported { dataset, notes })
}

fn shape(path: &str, message: String) -> Vec<Problem> {
    vec![Problem::new(path, ProblemKind::Shape, message)]
}

fn parse_root(bytes: &[u8]) -> Result<Value, Vec<Problem>> {
    if bytes.len() > DEFAULT_MAX_BYTES {
        return Err(shape(
            "$",
            format!(
                "the annotations are {}, more than the {} that can be read",
                human(bytes.len() as u64),
                human(DEFAULT_MAX_BYTES as u64)
            ),
        ));
    }
    let text = decode_text(bytes).map_err(|e| shape("$", e.to_string()))?;
    serde_json::from_str(text)
        .map_err(|e| shape("$", format!("line {}, column {}: not valid JSON: {e}", e.line(), e.column())))
}

/// The annotations of the input, each with its JSONPath.
fn annotation_list(root: &Value) -> Result<Vec<(String, &Value)>, Vec<Problem>> {
    fn list<'v>(path: &str, v: Option<&'v Value>) -> Result<Vec<(String, &'v Value)>, Vec<Problem>> {
        match v {
            Some(Value::Array(items)) => {
                Ok(items.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v)).collect())
            }
            _ => Err(shape(path, "expected a list of annotations".to_string())),
        }
    }
    let Value::Object(map) = root else {
        return list("$", Some(root));
    };
    match map.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => match map.get("first") {
            Some(Value::Object(page)) if page.contains_key("next") => Err(shape(
                "$.first.next",
                "the collection has more than one page; only a collection with all its annotations in one embedded \
                 page can be read"
                    .to_string(),
            )),
            Some(Value::Object(page)) => list("$.first.items", page.get("items")),
            None if map.get("total").and_then(Value::as_u64) == Some(0) => Ok(Vec::new()),
            _ => Err(shape(
                "$.first",
                "the collection's first page is not embedded; save the collection with its annotations in it".into(),
            )),
        },
        Some("AnnotationPage") => list("$.items", map.get("items")),
        Some("Annotation") => Ok(vec![("$".to_string(), root)]),
        _ if map.contains_key("annotations") => list("$.annotations", map.get("annotations")),
        _ if map.contains_key("rows") => list("$.rows", map.get("rows")),
        _ if map.contains_key("target") => Ok(vec![("$".to_string(), root)]),
        _ => Err(shape(
            "$",
            "this is neither a Web Annotation collection, page or annotation, nor a Hypothesis export (a list of \
             annotations, or an object with `annotations` or `rows`)"
                .to_string(),
        )),
    }
}

/// The strings of a value that may be one string or a list of them.
fn strings(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The objects of a value that may be one object or a list (strings, links to elsewhere, are left out).
fn objects(v: Option<&Value>) -> Vec<&serde_json::Map<String, Value>> {
    match v {
        Some(Value::Object(o)) => vec![o],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// The first paragraph of a text, and the others.
fn paragraphs(text: &str) -> (String, Vec<String>) {
    let text = text.replace("\r\n", "\n");
    let mut parts = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                parts.push(current.join("\n").trim().to_string());
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        parts.push(current.join("\n").trim().to_string());
    }
    let mut parts = parts.into_iter();
    (parts.next().unwrap_or_default(), parts.collect())
}

fn read_annotation(index: usize, path: String, v: &Value) -> Read {
    let mut read = Read { index, path, ..Read::default() };
    let Some(map) = v.as_object() else {
        read.skip = Some("it is not a JSON object".to_string());
        return read;
    };
    read.id = map.get("id").and_then(Value::as_str).map(str::to_string);
    let motivation = strings(map.get("motivation"));
    let references = map.get("references").and_then(Value::as_array).is_some_and(|r| !r.is_empty());
    if references || motivation.contains(&"replying") {
        read.skip = Some("it is a reply".to_string());
        return read;
    }
    // Hypothesis: `text` and `tags`.
    if let Some(text) = map.get("text").and_then(Value::as_str) {
        (read.text, read.rest) = paragraphs(text);
    }
    read.tags.extend(strings(map.get("tags")).into_iter().map(str::to_string));
    // W3C: `bodyValue`, or bodies with purposes.
    if let Some(text) = map.get("bodyValue").and_then(Value::as_str) {
        (read.text, read.rest) = paragraphs(text);
    }
    let mut described = false;
    for body in objects(map.get("body")) {
        let Some(value) = body.get("value").and_then(Value::as_str) else { continue };
        let purposes = strings(body.get("purpose"));
        let id = body.get("id").and_then(Value::as_str).unwrap_or_default();
        if purposes.contains(&"tagging") || (purposes.is_empty() && motivation == ["tagging"]) {
            read.tags.push(value.to_string());
        } else if purposes.contains(&"describing") && !described {
            read.text = value.trim().to_string();
            described = true;
        } else if id.ends_with(DATE_NOTE) {
            read.date_note = Some(value.to_string());
        } else if id.ends_with(REASONING) {
            read.reasoning = Some(value.to_string());
        } else if !described && read.text.is_empty() {
            (read.text, read.rest) = paragraphs(value);
        } else {
            read.rest.push(value.trim().to_string());
        }
    }
    let uri = map.get("uri").and_then(Value::as_str);
    match map.get("target") {
        Some(Value::String(source)) => {
            read.targets.push(ReadTarget { source: Some(source.clone()), ..ReadTarget::default() })
        }
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            read.targets.extend(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| ReadTarget { source: Some(s.into()), ..ReadTarget::default() }),
            );
        }
        target => {
            for t in objects(target) {
                let source = t.get("source").and_then(Value::as_str).or(uri).map(str::to_string);
                let mut read_target = ReadTarget { source, ..ReadTarget::default() };
                let quote = objects(t.get("selector"))
                    .into_iter()
                    .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"));
                if let Some(q) = quote {
                    let text =
                        |key: &str| q.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
                    read_target.exact = text("exact");
                    read_target.prefix = text("prefix");
                    read_target.suffix = text("suffix");
                }
                read.targets.push(read_target);
            }
        }
    }
    read
}

/// Normalizes a tag value naming one of a closed set: any case, spaces or hyphens for underscores.
fn token(value: &str) -> String {
    value.trim().to_lowercase().replace([' ', '-'], "_")
}

/// Sets a tag that may be given once, or says it was given twice.
fn set_once(slot: &mut Option<String>, key: &str, value: &str, problems: &mut Vec<String>) {
    if slot.is_some() {
        problems.push(format!("more than one `{key}:` tag; give one"));
    } else {
        *slot = Some(value.to_string());
    }
}

/// One of a closed set of names (kinds, bases, roles) given in a tag, or a problem listing them.
fn one_of<T: Copy>(
    tag: &str,
    value: &str,
    all: &[T],
    names: impl Fn(T) -> Vec<String>,
    what: &str,
) -> Result<T, String> {
    let wanted = token(value);
    all.iter().copied().find(|&t| names(t).iter().any(|n| token(n) == wanted)).ok_or_else(|| {
        let listed: Vec<String> = all.iter().filter_map(|&t| names(t).into_iter().next()).collect();
        format!("tag `{}` names no {what}; use one of: {}", excerpt(tag, 60), listed.join(", "))
    })
}

/// The annotation's tags, and a message for each that does not fit.
fn parse_tags(read: &Read) -> (Tags, Vec<String>) {
    let mut tags = Tags::default();
    let mut problems = Vec::new();
    for tag in &read.tags {
        let (key, value) = match tag.split_once(':') {
            Some((k, v)) => (k.trim().to_lowercase(), v.trim()),
            None => (tag.trim().to_lowercase(), ""),
        };
        match key.as_str() {
            "kind" => {
                let names = |k: EventKind| vec![k.as_str().to_string(), k.label().to_string()];
                match one_of(tag, value, &EventKind::ALL, names, "event kind") {
                    Ok(k) if tags.kind.replace(k).is_some() => {
                        problems.push("more than one `kind:` tag; an event has one kind".to_string())
                    }
                    Ok(_) => {}
                    Err(message) => problems.push(message),
                }
            }
            "basis" => match one_of(tag, value, &DateBasis::ALL, |b| vec![b.as_str().to_string()], "date basis") {
                Ok(b) => tags.basis = Some(b),
                Err(message) => problems.push(message),
            },
            "status" => match one_of(tag, value, &EventStatus::ALL, |b| vec![b.as_str().to_string()], "event status") {
                Ok(b) => tags.status = Some(b),
                Err(message) => problems.push(message),
            },
            "claim" => tags.claim = true,
            "direct" | "reported" => {
                let direct = key == "direct";
                if tags.direct.replace(direct).is_some_and(|d| d != direct) {
                    problems.push("tagged both `direct` and `reported`; give one".to_string());
                }
            }
            "person" | "organization" | "org" => {
                let (name, role) = match value.rsplit_once(':') {
                    Some((name, role)) if !role.trim().is_empty() => (name.trim(), role.trim()),
                    _ => (value, ""),
                };
                let named = NamedTag { name: name.to_string(), role: role.to_string(), whole: value.to_string() };
                if key == "person" { tags.persons.push(named) } else { tags.organizations.push(named) }
            }
            "place" => {
                // A last part naming a role is the role; otherwise it is part of the name.
                let split = value.rsplit_once(':').and_then(|(name, role)| {
                    PlaceRole::ALL.into_iter().find(|r| r.as_str() == token(role)).map(|r| (name.trim(), r))
                });
                let (name, role) = split.unwrap_or((value, PlaceRole::OccurredIn));
                tags.places.push((name.to_string(), role));
            }
            "date" => set_once(&mut tags.date, "date", value, &mut problems),
            "bound" => set_once(&mut tags.bound, "bound", value, &mut problems),
            "anchor" => set_once(&mut tags.anchor, "anchor", value, &mut problems),
            "derived" => set_once(&mut tags.derived, "derived", value, &mut problems),
            "speaker" => set_once(&mut tags.speaker, "speaker", value, &mut problems),
            "speaker-label" | "speaker_label" => {
                set_once(&mut tags.speaker_label, "speaker-label", value, &mut problems)
            }
            "audience" => set_once(&mut tags.audience, "audience", value, &mut problems),
            "id" => set_once(&mut tags.id, "id", value, &mut problems),
            "alleged-by" | "alleged_by" => tags.alleged_by.push(value.to_string()),
            "from" => tags.from.push(value.to_string()),
            "about" => tags.about.push(value.to_string()),
            "quoted" => tags.quoted.push(value.to_string()),
            _ => tags.ignored.push(tag.clone()),
        }
    }
    (tags, problems)
}

/// A lowercase slug of the first `max_words` words of `text`: their letters and digits folded to
/// ASCII where Unicode allows, single hyphens between words; empty when no word has any.
pub fn slug(text: &str, max_words: usize) -> String {
    let folded = fold(text);
    let words: Vec<String> = folded
        .split(' ')
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    words.join("-")
}

/// The article a target's source names, or why none.
fn article_for(dataset: &Dataset, source: Option<&str>) -> Result<usize, String> {
    let trimmed = source.map(|s| s.trim().trim_end_matches('/'));
    if let Some(src) = trimmed {
        if let Some(i) = src.strip_prefix(ARTICLE_URN).and_then(|id| dataset.articles.iter().position(|a| a.id == id)) {
            return Ok(i);
        }
        let by_url =
            dataset.articles.iter().position(|a| a.url.as_deref().map(|u| u.trim_end_matches('/')) == Some(src));
        if let Some(i) = by_url {
            return Ok(i);
        }
    }
    match (dataset.articles.len(), source) {
        (1, _) => Ok(0),
        (0, _) => Err("the dataset has no articles".to_string()),
        (_, Some(src)) => {
            Err(format!("its source `{}` is the address of none of the dataset's articles", excerpt(src, 100)))
        }
        (_, None) => Err("it names no source, and the dataset has more than one article".to_string()),
    }
}

/// Builds facts from annotations and checks them.
struct Importer {
    dataset: Dataset,
    notes: Vec<String>,
    problems: Vec<Problem>,
}

/// Where a fact came from, to say which annotation a problem is about.
struct Origin {
    path: String,
    name: String,
    /// For each span, the target it came from.
    targets: Vec<usize>,
}

/// An annotation ready to become a fact.
struct Prepared {
    read: Read,
    tags: Tags,
    spans: Vec<Span>,
    targets: Vec<usize>,
}

impl Importer {
    fn run(mut self, reads: Vec<Read>) -> Result<(Dataset, Vec<String>), Vec<Problem>> {
        let catalog = Catalog::new_prevalidated(self.dataset.clone());
        let texts: Vec<Vec<String>> =
            self.dataset.articles.iter().map(|a| TextPart::ALL.iter().map(|&p| a.part_text(p)).collect()).collect();
        let haystacks: Vec<Vec<Haystack<'_>>> =
            texts.iter().map(|parts| parts.iter().map(|t| Haystack::new(t)).collect()).collect();

        // First every annotation's tags, spans and given id, so that ids made up avoid the
        // given ones and references between the imported facts resolve.
        let mut taken: HashSet<String> = all_ids(&self.dataset);
        let mut prepared = Vec::new();
        for read in reads {
            if let Some(p) = self.prepare(read, &haystacks) {
                taken.extend(p.tags.id.clone());
                prepared.push(p);
            }
        }
        let mut resolver = Resolver::new(&catalog);
        let mut ids = Vec::new();
        for p in &prepared {
            let id = p.tags.id.clone().unwrap_or_else(|| {
                let stem = p.tags.kind.map_or("claim".to_string(), |k| k.as_str().replace('_', "-"));
                let words = slug(&p.read.text, 5);
                fresh(&mut taken, &if words.is_empty() { stem } else { format!("{stem}-{words}") })
            });
            resolver.facts.insert(id.clone(), if p.tags.claim { Party::Claim } else { Party::Event });
            ids.push(id);
        }

        let before = [self.dataset.events.len(), self.dataset.claims.len(), self.dataset.places.len()];
        let mut origins: [Vec<Origin>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        let (mut events, mut claims, mut places) = (Vec::new(), Vec::new(), Vec::new());
        for (p, id) in prepared.into_iter().zip(ids) {
            let mut fact = Fact {
                read: &p.read,
                resolver: &mut resolver,
                problems: &mut self.problems,
                notes: &mut self.notes,
                taken: &mut taken,
            };
            let date = fact.date(&p.tags);
            let origin = || Origin { path: p.read.path.clone(), name: p.read.name(), targets: p.targets.clone() };
            if p.tags.claim {
                claims.push(fact.claim(id, &p.tags, date, p.spans.clone()));
                origins[1].push(origin());
            } else {
                let (event, created) = fact.event(id, &p.tags, date, p.spans.clone());
                events.push(event);
                origins[0].push(origin());
                for place in created {
                    places.push(place);
                    origins[2].push(Origin { targets: Vec::new(), ..origin() });
                }
            }
        }
        let mut dataset = self.dataset;
        dataset.events.extend(events);
        dataset.claims.extend(claims);
        dataset.places.extend(places);
        let mut problems = self.problems;
        if let Err(found) = validate::anchor(&mut dataset) {
            let lists = ["events", "claims", "places"];
            problems.extend(found.list.iter().map(|p| locate(p, &lists, &before, &origins)));
            if let Some(note) = found.note() {
                problems.push(Problem::new("$", ProblemKind::Shape, note));
            }
        }
        if problems.is_empty() { Ok((dataset, self.notes)) } else { Err(problems) }
    }

    /// The annotation's tags and spans, or `None` (with a note or a problem) when it gives no fact.
    fn prepare(&mut self, read: Read, haystacks: &[Vec<Haystack<'_>>]) -> Option<Prepared> {
        let name = read.name();
        if let Some(why) = &read.skip {
            self.notes.push(format!("{name} is skipped: {why}"));
            return None;
        }
        let (tags, problems) = parse_tags(&read);
        // An annotation that is not meant as a fact (no `kind:` or `claim` tag, not even a
        // misspelt one) is someone's note: skipped, and its tags are none of the import's business.
        let meant = tags.claim
            || read.tags.iter().any(|t| t.split_once(':').is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("kind")));
        if !meant {
            self.notes.push(format!("{name} is skipped: it has neither a `kind:` tag (an event) nor a `claim` tag"));
            return None;
        }
        self.problems
            .extend(problems.into_iter().map(|m| Problem::new(&read.path, ProblemKind::Shape, format!("{name}: {m}"))));
        if !tags.ignored.is_empty() {
            self.notes.push(format!("{name}: tags not used: {}", tags.ignored.join(", ")));
        }
        match (tags.kind.is_some(), tags.claim) {
            // A `kind:` tag naming no kind, already a problem.
            (false, false) => return None,
            (true, true) => {
                let message =
                    format!("{name}: it has both a `kind:` and a `claim` tag; an annotation is one or the other");
                self.problems.push(Problem::new(&read.path, ProblemKind::Shape, message));
                return None;
            }
            _ => {}
        }
        let (spans, targets) = self.spans(&read, haystacks);
        if spans.is_empty() {
            self.notes.push(format!("{name} is skipped: none of its targets has a quote in an article"));
            return None;
        }
        Some(Prepared { read, tags, spans, targets })
    }

    /// The spans of an annotation's targets, and for each the target's index; notes on the
    /// targets left out.
    fn spans(&mut self, read: &Read, haystacks: &[Vec<Haystack<'_>>]) -> (Vec<Span>, Vec<usize>) {
        let mut spans = Vec::new();
        let mut from = Vec::new();
        for (t, target) in read.targets.iter().enumerate() {
            let left_out = |why: String| format!("{}, target {t}, is left out: {why}", read.name());
            let article = match article_for(&self.dataset, target.source.as_deref()) {
                Ok(a) => a,
                Err(why) => {
                    self.notes.push(left_out(why));
                    continue;
                }
            };
            let Some(exact) = &target.exact else {
                self.notes.push(left_out("it has no TextQuoteSelector, and only quotes are read".to_string()));
                continue;
            };
            let a = &self.dataset.articles[article];
            if let (Some(src), Some(url)) = (&target.source, &a.url)
                && src.trim().trim_end_matches('/') != url.trim_end_matches('/')
            {
                self.notes.push(format!(
                    "{}, target {t}: its source `{}` is not the article's address; read as article `{}`, the only one",
                    read.name(),
                    excerpt(src, 100),
                    a.id
                ));
            }
            // The body, unless the quote is only in the headline or the subtitle.
            let occurs =
                |h: &Haystack<'_>| !matches!(h.place(exact, None, None), Err(Unplaced::NotFound | Unplaced::Empty));
            let found = TextPart::ALL.into_iter().zip(&haystacks[article]).find(|(_, h)| occurs(h));
            let (part, (prefix, suffix)) = match found {
                Some((part, h)) => (part, fit_context(h, exact, target.prefix.as_deref(), target.suffix.as_deref())),
                None => (TextPart::Body, (target.prefix.clone(), target.suffix.clone())),
            };
            spans.push(Span {
                article: a.id.clone(),
                part,
                start: None,
                end: None,
                exact: exact.clone(),
                prefix,
                suffix,
            });
            from.push(t);
        }
        (spans, from)
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet; taken from then on.
pub fn fresh(taken: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// Every id in a dataset.
pub fn all_ids(d: &Dataset) -> HashSet<String> {
    let mut ids: HashSet<String> = HashSet::new();
    ids.extend(d.articles.iter().map(|a| a.id.clone()));
    ids.extend(d.persons.iter().map(|p| p.id.clone()));
    ids.extend(d.organizations.iter().map(|o| o.id.clone()));
    ids.extend(d.places.iter().map(|p| p.id.clone()));
    ids.extend(d.events.iter().map(|e| e.id.clone()));
    ids.extend(d.claims.iter().map(|c| c.id.clone()));
    ids
}

/// The least context that places the quote: none when it occurs once; else the given prefix and
/// suffix, or, since a page's text and the article's differ at paragraph breaks, their parts on
/// the quote's own line. When nothing places it, the context as given, so the problem lists
/// where the quote occurs.
fn fit_context(
    h: &Haystack<'_>,
    exact: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> (Option<String>, Option<String>) {
    let owned = |p: Option<&str>, s: Option<&str>| (p.map(str::to_string), s.map(str::to_string));
    if h.place(exact, None, None).is_ok() {
        return (None, None);
    }
    let line_prefix = prefix.map(|p| p.rsplit('\n').next().unwrap_or(p)).filter(|p| !p.is_empty());
    let line_suffix = suffix.map(|s| s.split('\n').next().unwrap_or(s)).filter(|s| !s.is_empty());
    let tries = [(prefix, suffix), (line_prefix, line_suffix), (line_prefix, None), (None, line_suffix)];
    for (p, s) in tries {
        if h.place(exact, p, s).is_ok() {
            return owned(p, s);
        }
    }
    owned(prefix, suffix)
}

/// A validation problem of the imported dataset, said of the annotation it comes from when it is
/// about a fact or place the import added.
fn locate(p: &Problem, lists: &[&str; 3], before: &[usize; 3], origins: &[Vec<Origin>; 3]) -> Problem {
    for ((list, before), origins) in lists.iter().zip(before).zip(origins) {
        let Some(rest) = p.path.strip_prefix(&format!("$.{list}[")) else { continue };
        let Some((index, field)) = rest.split_once(']') else { continue };
        let origin = index.parse::<usize>().ok().and_then(|i| i.checked_sub(*before)).and_then(|i| origins.get(i));
        let Some(origin) = origin else { continue };
        let field = field.trim_start_matches('.');
        let span =
            field.strip_prefix("spans[").and_then(|s| s.split_once(']')).and_then(|(j, _)| j.parse::<usize>().ok());
        let (path, place) = match span.and_then(|j| origin.targets.get(j)) {
            Some(t) => (format!("{}.target[{t}]", origin.path), format!(", target {t}")),
            None if field.is_empty() => (origin.path.clone(), String::new()),
            None => (origin.path.clone(), format!(", {field}")),
        };
        let hint = if field.ends_with("date.note") || field.ends_with("derived") {
            "; in a Hypothesis annotation, write it after the first paragraph of the text, with a blank line between"
        } else {
            ""
        };
        return Problem {
            path,
            message: format!("{}{place}: {}{hint}", origin.name, p.message),
            kind: p.kind,
            at: None,
        };
    }
    p.clone()
}

/// One fact being built from an annotation.
struct Fact<'f, 'r> {
    read: &'f Read,
    resolver: &'f mut Resolver<'r>,
    problems: &'f mut Vec<Problem>,
    notes: &'f mut Vec<String>,
    taken: &'f mut HashSet<String>,
}

impl Fact<'_, '_> {
    fn problem(&mut self, kind: ProblemKind, message: String) {
        self.problems.push(Problem::new(&self.read.path, kind, format!("{}: {message}", self.read.name())));
    }

    /// The id `reference` names, or a problem saying why it names none.
    fn resolve(&mut self, tag: &str, reference: &str, allowed: &[Party]) -> Option<String> {
        match self.resolver.resolve(reference, allowed) {
            Ok(id) => Some(id),
            Err(why) => {
                self.problem(
                    ProblemKind::UnresolvedReference,
                    format!("tag `{tag}:{}`: {why}", excerpt(reference, 80)),
                );
                None
            }
        }
    }

    /// A participant from a `person:` or `organization:` tag: the name and role, or, when that
    /// name matches nobody, the whole value as the name.
    fn participant(&mut self, tag: &str, named: &NamedTag, allowed: &[Party]) -> Option<Participant> {
        if named.role.is_empty() {
            let entity = self.resolve(tag, &named.whole, allowed)?;
            return Some(Participant { entity, role: DEFAULT_ROLE.to_string() });
        }
        match self.resolver.resolve(&named.name, allowed) {
            Ok(entity) => Some(Participant { entity, role: named.role.clone() }),
            Err(why) => match self.resolver.resolve(&named.whole, allowed) {
                Ok(entity) => Some(Participant { entity, role: DEFAULT_ROLE.to_string() }),
                Err(_) => {
                    let message = format!("tag `{tag}:{}`: {why}", excerpt(&named.whole, 80));
                    self.problem(ProblemKind::UnresolvedReference, message);
                    None
                }
            },
        }
    }

    /// The further paragraphs of the annotation, if any.
    fn rest(&self) -> Option<String> {
        (!self.read.rest.is_empty()).then(|| self.read.rest.join("\n\n"))
    }

    /// A derived event's reasoning: its commenting body, else the paragraphs after the first; a
    /// one-paragraph Hypothesis annotation is both the summary and the reasoning.
    fn reasoning(&self) -> String {
        self.read.reasoning.clone().or_else(|| self.rest()).unwrap_or_else(|| self.read.text.clone())
    }

    fn date(&mut self, tags: &Tags) -> EventDate {
        let basis = match (&tags.date, tags.basis) {
            (_, Some(basis)) => basis,
            (None, None) => DateBasis::NotGiven,
            (Some(_), None) if tags.derived.is_some() => DateBasis::Derived,
            (Some(_), None) => DateBasis::Stated,
        };
        let wants_note = basis.needs_note() || tags.bound.is_some();
        // A derived fact's reasoning is also how its date was worked out.
        let note = match (&self.read.date_note, wants_note) {
            (Some(note), _) => Some(note.clone()),
            (None, false) => None,
            (None, true) if tags.derived.is_some() => Some(self.reasoning()),
            (None, true) => self.rest(),
        };
        EventDate {
            edtf: tags.date.clone(),
            basis,
            anchor: tags.anchor.clone(),
            note,
            span: None,
            bound: tags.bound.clone(),
        }
    }

    /// An unknown place is created, with a slug of its name as its id.
    fn place(&mut self, name: &str) -> Option<(String, Option<Place>)> {
        match self.resolver.resolve(name, &[Party::Place]) {
            Ok(id) => Some((id, None)),
            Err(why) if fold(name).is_empty() || why.contains("more than one") => {
                self.problem(ProblemKind::UnresolvedReference, format!("tag `place:{}`: {why}", excerpt(name, 80)));
                None
            }
            Err(_) => {
                let stem = slug(name, 8);
                let id = fresh(self.taken, if stem.is_empty() { "place" } else { &stem });
                self.resolver.new_places.push((fold(name), id.clone()));
                Some((id.clone(), Some(Place { id, name: name.trim().to_string(), ..Place::default() })))
            }
        }
    }

    fn event(&mut self, id: String, tags: &Tags, date: EventDate, spans: Vec<Span>) -> (Event, Vec<Place>) {
        let mut participants = Vec::new();
        for named in &tags.persons {
            participants.extend(self.participant("person", named, &[Party::Person]));
        }
        for named in &tags.organizations {
            participants.extend(self.participant("organization", named, &[Party::Organization]));
        }
        let mut places = Vec::new();
        let mut created = Vec::new();
        for (name, role) in &tags.places {
            if let Some((place, new)) = self.place(name) {
                places.push(EventPlace { place, role: *role });
                created.extend(new);
            }
        }
        let mut alleged_by = Vec::new();
        for who in &tags.alleged_by {
            alleged_by.extend(self.resolve("alleged-by", who, &[Party::Person, Party::Organization, Party::Claim]));
        }
        let derived = tags.derived.as_ref().map(|rule| Derivation {
            rule: rule.clone(),
            reasoning: self.reasoning(),
            from: tags.from.clone(),
        });
        let event = Event {
            id,
            kind: tags.kind.unwrap_or(EventKind::Statement),
            date,
            participants,
            places,
            summary: self.read.text.clone(),
            status: tags.status.unwrap_or_default(),
            alleged_by,
            spans,
            derived,
        };
        (event, created)
    }

    fn claim(&mut self, id: String, tags: &Tags, date: EventDate, spans: Vec<Span>) -> Claim {
        let parties = [Party::Person, Party::Organization];
        let speaker = tags.speaker.as_ref().and_then(|s| self.resolve("speaker", s, &parties));
        let audience = tags.audience.as_ref().and_then(|a| self.resolve("audience", a, &parties));
        // On a claim, the persons, organizations and places tagged are what it is about.
        let mut mentioned: Vec<(&str, &str, &[Party])> = Vec::new();
        mentioned.extend(tags.persons.iter().map(|n| ("person", n.whole.as_str(), &[Party::Person][..])));
        mentioned
            .extend(tags.organizations.iter().map(|n| ("organization", n.whole.as_str(), &[Party::Organization][..])));
        mentioned.extend(tags.places.iter().map(|(name, _)| ("place", name.as_str(), &[Party::Place][..])));
        mentioned.extend(tags.about.iter().map(|a| ("about", a.as_str(), &Party::ALL[..])));
        let mut about: Vec<String> = Vec::new();
        for (tag, reference, allowed) in mentioned {
            if let Some(id) = self.resolve(tag, reference, allowed)
                && !about.contains(&id)
            {
                about.push(id);
            }
        }
        if tags.direct.is_none() {
            self.notes.push(format!(
                "{}: neither `direct` nor `reported` is tagged; read as reported speech",
                self.read.name()
            ));
        }
        Claim {
            id,
            speaker,
            speaker_label: tags.speaker_label.clone(),
            direct: tags.direct.unwrap_or(false),
            text: self.read.text.clone(),
            about,
            quoted: tags.quoted.clone(),
            audience,
            date,
            spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;
    use crate::format::read::load;

    const MINIMAL: &str = include_str!("../../../../tests/fixtures/valid/minimal.json");
    const HYPOTHESIS: &str = include_str!("../../tests/data/annotations/hypothesis.json");

    fn catalog(json: &str) -> Catalog {
        load(json.as_bytes()).unwrap_or_else(|e| panic!("the dataset must load: {e}"))
    }

    fn everything(catalog: &Catalog) -> String {
        to_annotations(catalog, &catalog.all_events(), &catalog.all_claims())
    }

    /// The dataset without its facts, into which they are read again.
    fn without_facts(d: &Dataset) -> Dataset {
        Dataset { events: Vec::new(), claims: Vec::new(), ..d.clone() }
    }

    fn import(d: Dataset, json: &str) -> Imported {
        import_annotations(d, json.as_bytes()).unwrap_or_else(|problems| {
            panic!("the annotations must import: {:#?}", problems.iter().map(ToString::to_string).collect::<Vec<_>>())
        })
    }

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("the export must be JSON: {e}"))
    }

    fn str_at<'v>(v: &'v Value, pointer: &str) -> &'v str {
        v.pointer(pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("no string at {pointer}"))
    }

    /// Checks every selector of the export against the article texts: quotes, contexts of at most
    /// [`CONTEXT_CHARS`] that touch the quote, positions in code points.
    fn check_selectors(catalog: &Catalog, export: &Value) {
        let items = export.pointer("/first/items").and_then(Value::as_array).cloned().unwrap_or_default();
        assert_eq!(export["total"].as_u64(), Some(items.len() as u64));
        for item in &items {
            for target in item["target"].as_array().into_iter().flatten() {
                let source = str_at(target, "/source");
                let article = catalog
                    .dataset()
                    .articles
                    .iter()
                    .find(|a| a.url.as_deref() == Some(source) || source == format!("{ARTICLE_URN}{}", a.id))
                    .unwrap_or_else(|| panic!("{source} names no article"));
                let selectors = target["selector"].as_array().cloned().unwrap_or_default();
                let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector");
                let quote = quote.unwrap_or_else(|| panic!("every target has a quote: {target}"));
                let exact = str_at(quote, "/exact");
                let position = selectors.iter().find(|s| s["type"] == "TextPositionSelector");
                let texts = [article.text(), article.title.clone(), article.subtitle.clone().unwrap_or_default()];
                let (text, start) = match position {
                    Some(p) => {
                        let chars: Vec<char> = texts[0].chars().collect();
                        let (s, e) =
                            (p["start"].as_u64().unwrap_or(0) as usize, p["end"].as_u64().unwrap_or(0) as usize);
                        assert_eq!(chars[s..e].iter().collect::<String>(), exact, "the position cuts out the quote");
                        (&texts[0], s)
                    }
                    None => {
                        let text = texts.iter().find(|t| t.contains(exact)).unwrap_or_else(|| panic!("{exact}"));
                        (text, text.find(exact).map_or(0, |b| text[..b].chars().count()))
                    }
                };
                let before: String = text.chars().take(start).collect();
                let after: String = text.chars().skip(start + exact.chars().count()).collect();
                if let Some(prefix) = quote["prefix"].as_str() {
                    assert!(before.ends_with(prefix), "the prefix {prefix:?} ends where {exact:?} starts");
                    assert!(prefix.chars().count() <= CONTEXT_CHARS && !prefix.is_empty());
                }
                if let Some(suffix) = quote["suffix"].as_str() {
                    assert!(after.starts_with(suffix), "the suffix {suffix:?} starts where {exact:?} ends");
                    assert!(suffix.chars().count() <= CONTEXT_CHARS && !suffix.is_empty());
                }
            }
        }
    }

    /// A fact as the export carries it: the date's span is not exported, and spans compare by
    /// where they are, not by the context that placed them.
    fn comparable_event(e: &Event) -> Event {
        let mut e = e.clone();
        e.date.span = None;
        e.spans.iter_mut().for_each(|s| (s.prefix, s.suffix) = (None, None));
        e
    }

    fn comparable_claim(c: &Claim) -> Claim {
        let mut c = c.clone();
        c.date.span = None;
        c.spans.iter_mut().for_each(|s| (s.prefix, s.suffix) = (None, None));
        c
    }

    fn round_trip(catalog: &Catalog) {
        let json = everything(catalog);
        let export = parse(&json);
        check_selectors(catalog, &export);
        let original = catalog.dataset();
        let imported = import(without_facts(original), &json);
        assert!(imported.notes.is_empty(), "nothing skipped or assumed: {:#?}", imported.notes);
        let d = &imported.dataset;
        assert_eq!((d.events.len(), d.claims.len()), (original.events.len(), original.claims.len()));
        assert_eq!(d.places, original.places, "no place is created for a known one");
        // The export lists events chronologically; compare by id.
        for e in &original.events {
            let back = d.events.iter().find(|b| b.id == e.id).unwrap_or_else(|| panic!("event {} comes back", e.id));
            assert_eq!(comparable_event(back), comparable_event(e));
        }
        for c in &original.claims {
            let back = d.claims.iter().find(|b| b.id == c.id).unwrap_or_else(|| panic!("claim {} comes back", c.id));
            assert_eq!(comparable_claim(back), comparable_claim(c));
        }
        assert!(validate::validate(d).is_empty());
        // And the export of what came back is the same document.
        let again = Catalog::new(d.clone()).unwrap_or_else(|p| panic!("{p}"));
        let stripped = |json: &str| {
            let mut v = parse(json);
            if let Some(items) = v.pointer_mut("/first/items").and_then(Value::as_array_mut) {
                items.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
            }
            v
        };
        let date_spans = original.events.iter().any(|e| e.date.span.is_some())
            || original.claims.iter().any(|c| c.date.span.is_some());
        let stored_context = original
            .span_sites()
            .iter()
            .any(|s| s.get(original).is_some_and(|s| s.prefix.is_some() || s.suffix.is_some()));
        if !date_spans && !stored_context {
            assert_eq!(stripped(&everything(&again)), stripped(&json));
        }
    }

    #[test]
    fn the_built_in_dataset_goes_out_and_comes_back() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        round_trip(&catalog);
    }

    #[test]
    fn the_minimal_dataset_goes_out_and_comes_back() {
        round_trip(&catalog(MINIMAL));
    }

    #[test]
    fn the_export_is_a_web_annotation_collection() {
        let catalog = catalog(MINIMAL);
        let v = parse(&everything(&catalog));
        assert_eq!(str_at(&v, "/@context"), ANNOTATION_CONTEXT);
        assert_eq!(str_at(&v, "/type"), "AnnotationCollection");
        assert_eq!(str_at(&v, "/id"), "urn:factline:sample");
        assert_eq!(str_at(&v, "/first/type"), "AnnotationPage");
        assert_eq!(str_at(&v, "/first/partOf"), "urn:factline:sample");
        let first = &v["first"]["items"][0];
        assert_eq!(str_at(first, "/id"), "urn:factline:sample:crossing");
        assert_eq!((str_at(first, "/type"), str_at(first, "/motivation")), ("Annotation", "describing"));
        assert_eq!(str_at(first, "/body/0/purpose"), "describing");
        assert_eq!(str_at(first, "/body/0/value"), "Ann Lee crossed the border from Eastland.");
        let tags: Vec<&str> = first["body"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["purpose"] == "tagging")
            .filter_map(|b| b["value"].as_str())
            .collect();
        assert_eq!(
            tags,
            ["kind:border_crossing", "person:Ann Lee:subject", "place:Eastland", "date:2020-05-05", "id:crossing"]
        );
        let target = &first["target"][0];
        assert_eq!(str_at(target, "/source"), "https://example.org/sample");
        assert_eq!(str_at(target, "/selector/0/type"), "TextQuoteSelector");
        assert!(target["selector"][0].get("prefix").is_none(), "nothing is known before the article's first word");
        assert_eq!(str_at(target, "/selector/0/suffix"), ". A week later she told reporter");
        assert_eq!(
            (target["selector"][1]["start"].as_u64(), target["selector"][1]["end"].as_u64()),
            (Some(0), Some(55))
        );
        let claim = v["first"]["items"].as_array().and_then(|i| i.last()).cloned().unwrap_or_default();
        assert_eq!(str_at(&claim, "/id"), "urn:factline:sample:it-was-hard");
        let derived = &v["first"]["items"].as_array().cloned().unwrap_or_default();
        let anniversary = derived.iter().find(|a| a["id"] == "urn:factline:sample:departure-anniversary");
        let bodies = anniversary.map(|a| a["body"].to_string()).unwrap_or_default();
        assert!(bodies.contains("derived:one-year-later") && bodies.contains("#reasoning"), "{bodies}");
    }

    #[test]
    fn a_hypothesis_export_is_read_into_facts() {
        let base = catalog(MINIMAL).into_dataset();
        let imported = import(base.clone(), HYPOTHESIS);
        let d = &imported.dataset;
        let new_events: Vec<&Event> = d.events.iter().skip(base.events.len()).collect();
        let ids: Vec<&str> = new_events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "border-crossing-ann-lee-crossed-from-eastland",
                "statement-a-year-has-passed-since",
                "publication-sample-news-published-the-article",
                "relocation-ann-and-bo-left",
            ]
        );
        let crossing = new_events[0];
        assert_eq!(crossing.kind, EventKind::BorderCrossing);
        assert_eq!(crossing.participants, [Participant { entity: "ann-lee".into(), role: "traveller".into() }]);
        assert_eq!(
            crossing.places,
            [
                EventPlace { place: "eastland".into(), role: PlaceRole::From },
                EventPlace { place: "westland".into(), role: PlaceRole::To },
            ]
        );
        assert_eq!(d.places.last().map(|p| (p.id.as_str(), p.name.as_str())), Some(("westland", "Westland")));
        assert_eq!((crossing.date.edtf.as_deref(), crossing.date.basis), (Some("2020-05-05"), DateBasis::Stated));
        let span = &crossing.spans[0];
        assert_eq!((span.range(), span.prefix.as_deref(), span.suffix.as_deref()), (Some((0, 26)), None, None));

        let anniversary = new_events[1];
        let derived = anniversary.derived.as_ref().map(|d| (d.rule.as_str(), d.reasoning.as_str(), d.from.clone()));
        assert_eq!(derived, Some(("one-year-later", "2021 plus one year is 2022.", vec!["departure".to_string()])));
        assert_eq!(anniversary.date.basis, DateBasis::Derived);
        assert_eq!(anniversary.participants[0].entity, "the-couple");

        let headline = &new_events[2].spans[0];
        assert_eq!((headline.part, headline.range()), (TextPart::Title, Some((0, 16))));
        assert_eq!(
            new_events[2].participants,
            [Participant { entity: "sample-news".into(), role: "publisher".into() }]
        );

        let couple = &new_events[3].spans[0];
        assert_eq!(couple.range(), Some((104, 107)), "the suffix on the quote's own line says which “Ann”");
        assert_eq!(couple.suffix.as_deref(), Some(" and Bo, the couple, left in 2021."));
        assert_eq!(new_events[3].participants[0].role, DEFAULT_ROLE);

        let claim = d.claims.last().unwrap_or_else(|| panic!("a claim"));
        assert_eq!(
            (claim.id.as_str(), claim.speaker.as_deref(), claim.direct),
            ("claim-it-was-hard", Some("ann-lee"), true)
        );
        assert_eq!(claim.text, "it was hard");
        assert_eq!(claim.date.anchor.as_deref(), Some("crossing"));
        assert_eq!(claim.date.note.as_deref(), Some("“A week later” than the crossing on May 5, 2020."));
        assert_eq!(claim.spans[0].range(), Some((89, 102)));

        let notes = imported.notes.join("\n");
        for expected in [
            "annotation 3 (id `page-note-1`), target 0, is left out: it has no TextQuoteSelector",
            "annotation 3 (id `page-note-1`) is skipped",
            "annotation 4 (id `reply-1`) is skipped: it is a reply",
            "annotation 5 (id `note-1`) is skipped: it has neither",
            "annotation 6 (id `headline-1`): tags not used: reviewed",
        ] {
            assert!(notes.contains(expected), "{expected:?} in\n{notes}");
        }
        assert!(!notes.contains("basis:whenever"), "a note that is no fact is not checked");
        assert!(validate::validate(d).is_empty());
    }

    #[test]
    fn problems_name_the_annotation_and_what_is_wrong() {
        let base = catalog(MINIMAL).into_dataset();
        let json = r#"[
            {"id": "x1", "text": "Zed was held.", "tags": ["kind:detention", "person:Zed"],
             "target": [{"source": "https://example.org/sample",
                         "selector": [{"type": "TextQuoteSelector", "exact": "Zed was held"}]}]},
            {"id": "x2", "text": "Arrested.", "tags": ["kind:arrest"],
             "target": [{"source": "https://example.org/sample",
                         "selector": [{"type": "TextQuoteSelector", "exact": "Ann Lee"}]}]},
            {"text": "Easy.", "tags": ["claim", "speaker:Ann", "reported", "basis:inferred", "date:2020"],
             "target": [{"source": "https://example.org/sample",
                         "selector": [{"type": "TextQuoteSelector", "exact": "it was  hard"}]}]}
        ]"#;
        let problems = import_annotations(base, json.as_bytes()).err().unwrap_or_default();
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let has = |path: &str, words: &[&str]| {
            problems.iter().any(|p| p.path == path && words.iter().all(|w| p.message.contains(w)))
        };
        assert!(has("$[0]", &["annotation 0 (id `x1`)", "person:Zed", "no person matches"]), "{lines:#?}");
        assert!(
            has("$[0].target[0]", &["annotation 0 (id `x1`), target 0", "“Zed was held” does not occur"]),
            "{lines:#?}"
        );
        assert!(
            has("$[1]", &["annotation 1 (id `x2`)", "`kind:arrest` names no event kind", "detention"]),
            "{lines:#?}"
        );
        assert!(has("$[2].target[0]", &["annotation 2 (no id), target 0", "white space"]), "{lines:#?}");
        assert!(has("$[2]", &["annotation 2 (no id), date.note", "after the first paragraph"]), "{lines:#?}");
        assert_eq!(problems.len(), 5, "{lines:#?}");
    }

    #[test]
    fn inputs_that_are_not_annotations_are_refused_with_a_reason() {
        let base = || Dataset::empty();
        let cases: [(&str, &str, &str); 4] = [
            ("{", "$", "not valid JSON"),
            (r#"{"hello": 1}"#, "$", "neither a Web Annotation collection"),
            (r#"{"type": "AnnotationCollection", "first": "https://example.org/page1"}"#, "$.first", "not embedded"),
            (r#"{"rows": 3}"#, "$.rows", "expected a list"),
        ];
        for (json, path, words) in cases {
            let problems = import_annotations(base(), json.as_bytes()).err().unwrap_or_default();
            assert!(problems.iter().any(|p| p.path == path && p.message.contains(words)), "{json}: {problems:#?}");
        }
        let empty = import_annotations(catalog(MINIMAL).into_dataset(), br#"{"total": 0, "rows": []}"#);
        assert_eq!(empty.map(|i| i.notes), Ok(Vec::new()));
    }

    #[test]
    fn tags_are_read_in_any_case_with_labels_or_names() {
        let read = Read {
            tags: ["KIND:Refugee status granted", "Place:New Town:concerns", "place:Odd:Name", "person:A:B:witness"]
                .map(String::from)
                .to_vec(),
            ..Read::default()
        };
        let (tags, problems) = parse_tags(&read);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tags.kind, Some(EventKind::RefugeeStatusGranted));
        assert_eq!(
            tags.places,
            [("New Town".to_string(), PlaceRole::Concerns), ("Odd:Name".to_string(), PlaceRole::OccurredIn)]
        );
        assert_eq!((tags.persons[0].name.as_str(), tags.persons[0].role.as_str()), ("A:B", "witness"));
        assert_eq!(
            slug("Sayragul Sauytbáy’s “testimony” in Almaty, 2019", 5),
            "sayragul-sauytbays-testimony-in-almaty"
        );
        assert_eq!(
            paragraphs("One\nline.\r\n\r\n  Two.\n\n\nThree."),
            ("One\nline.".to_string(), vec!["Two.".into(), "Three.".into()])
        );
    }
}
