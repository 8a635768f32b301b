//! A dataset being made: edits checked by the validator as they are made, with undo and redo.
//!
//! Every [`Edit`] is applied to the dataset, the whole dataset is validated
//! ([`check`], linear in its size), and the edit is taken back if it introduced a
//! problem: a [`Draft`] is always a dataset that `factline validate` accepts, except for spans
//! that lost their place when the article's text was replaced ([`Edit::SetText`]), which stay
//! listed ([`Draft::orphans`]) until they are selected again or removed.
//!
//! Deleting a fact that others refer to (a participant, what a claim is about, a group's member,
//! what a derived fact rests on, a date's anchor…) is refused, and so is changing such a fact's id:
//! the refusal names every fact that refers to it and the field that does. Nothing cascades, so
//! no edit changes facts the person did not touch. The validator finds the references, so this
//! rule needs no list of its own.
//!
//! Undo and redo replay the stored inverse of each change, not the validation: each state they
//! return to was accepted once.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::author::fields::{FactKind, FactRef, Field, FieldProblem, FieldProblems, SpanSlot};
use crate::author::forms::{self, NameOption};
use crate::author::selection::{self, QuoteInput, ReaderPoint, SelectionError, Units};
use crate::format::anchor::{Haystack, Unplaced, explain};
use crate::format::annotations::slug;
use crate::format::model::{Claim, Dataset, Event, EventDate, Organization, Person, Place, Span, SpanSite, TextPart};
use crate::format::new::{ArticleInfo, new_dataset, paragraphs};
use crate::format::reanchor::reanchor;
use crate::format::validate::{Problem, ProblemKind, check};
use crate::query::Catalog;

/// The most changes kept for undo; older ones are forgotten.
pub const MAX_UNDO: usize = 1000;

/// A fact of any kind the annotator makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// A person, an unnamed individual or a group.
    Person(Person),
    /// An organization.
    Organization(Organization),
    /// A place.
    Place(Place),
    /// An event.
    Event(Event),
    /// A claim.
    Claim(Claim),
}

/// One change to a draft, as the page sends it. Serialized as JSON (the format's own form of the
/// facts it holds), it can be stored in a log and replayed ([`Draft::replay`]) or sent to a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Adds a fact at the end of its list. An empty id is replaced by a fresh one made from its
    /// name, summary or text.
    Add(Fact),
    /// Replaces the fact with this id by one of the same kind, in its place. An empty id keeps the
    /// old one; a new id is refused while other facts refer to the old one.
    Replace {
        /// The id of the fact to replace.
        id: String,
        /// What it becomes.
        fact: Fact,
    },
    /// Deletes the fact with this id; refused while other facts refer to it.
    Delete {
        /// Its id.
        id: String,
    },
    /// Adds one more span to the `spans` of an event, claim, person or organization.
    AddEvidence {
        /// The fact's id.
        id: String,
        /// The span, from [`selection`].
        span: Span,
    },
    /// Puts a span in place of one the fact has: to select an orphan again, or correct a span.
    ReplaceEvidence {
        /// The fact's id.
        id: String,
        /// Which of its spans.
        slot: SpanSlot,
        /// The new span.
        span: Span,
    },
    /// Removes one span of a fact (a fact's last span cannot go: every fact needs one).
    RemoveEvidence {
        /// The fact's id.
        id: String,
        /// Which span.
        slot: SpanSlot,
    },
    /// Replaces an article's text, pasted with paragraphs separated by blank lines
    /// ([`paragraphs`]), and places every span of it again as `factline reanchor` does. Spans no
    /// place fits well enough become orphans: kept with their words, without offsets, listed.
    SetText {
        /// The article's id.
        article: String,
        /// The new text.
        text: String,
    },
}

/// One step of a session, for a log that [`Draft::replay`] can play again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// An edit (boxed: an edit is large, an undo nothing).
    Apply(Box<Edit>),
    /// Undo the last change.
    Undo,
    /// Redo the last change undone.
    Redo,
}

impl Edit {
    /// The edit as JSON.
    pub fn to_json(&self) -> String {
        // The model has only string keys and finite numbers, so serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An edit read from JSON.
    pub fn from_json(text: &str) -> Result<Edit, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

impl Action {
    /// A log as JSON, to store. JSON rather than the worker's postcard: the facts leave out their
    /// absent optional fields, which only a self-describing encoding reads back.
    pub fn log_to_json(log: &[Action]) -> String {
        serde_json::to_string(log).unwrap_or_default()
    }

    /// A log read from JSON.
    pub fn log_from_json(text: &str) -> Result<Vec<Action>, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// A span that lost its place when the article's text changed: select its words again
/// ([`Edit::ReplaceEvidence`]) or remove it ([`Edit::RemoveEvidence`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrphanSpan {
    /// The fact holding it.
    pub fact: FactRef,
    /// Which of its spans.
    pub slot: SpanSlot,
    /// The article it points into.
    pub article: String,
    /// The words it quoted.
    pub exact: String,
    /// Why it was not placed.
    pub reason: String,
    /// The best score re-anchoring found (0..=1), when it found a candidate.
    pub best: Option<f64>,
}

/// What an accepted edit did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// The fact added or changed, with its id as saved; for a deletion, the fact as it was; for a
    /// new text, the article.
    pub fact: Option<FactRef>,
    /// For a new text: how many spans were placed at new offsets or with new words.
    pub moved: usize,
    /// For a new text: the spans of the article that no place fits, to select again.
    pub orphans: Vec<OrphanSpan>,
}

/// A log that could not be replayed: the step, counted from 0, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("step {step} of the log could not be replayed: {problems}")]
pub struct ReplayError {
    /// The step.
    pub step: usize,
    /// Why.
    pub problems: FieldProblems,
}

/// A dataset being made, with its history.
#[derive(Debug)]
pub struct Draft {
    dataset: Dataset,
    /// Changes that take the dataset back, most recent last.
    undo: VecDeque<Change>,
    /// Changes that take it forward again, most recent last.
    redo: Vec<Change>,
    /// The problems the dataset has: only spans without a place (orphans).
    pending: Vec<FieldProblem>,
    catalog: OnceCell<Catalog>,
    /// How many changes have been made: tells [`Draft::apply_all`] how many steps its edits added.
    made: u64,
}

/// A change to the dataset and, once made, the change that takes it back.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Insert the fact at this index of its list.
    Insert(usize, Fact),
    /// Remove the fact at this index of the list.
    Remove(FactKind, usize),
    /// Put the fact in place of the one at this index of its list.
    Put(usize, Fact),
    /// Swap in a whole dataset (a new text moves spans everywhere).
    Whole(Box<Dataset>),
    /// These changes in turn: the edits of one save, taken back or made again as one step.
    Many(Vec<Change>),
}

/// An edit turned into a change, with what is needed to explain a refusal.
struct Prepared {
    /// `None` when the edit changes nothing.
    change: Option<Change>,
    /// The fact the edit concerns, where it is after the change.
    target: Option<(FactKind, usize)>,
    /// For a deletion, the fact deleted.
    deleted: Option<FactRef>,
    /// For a new id, the old one.
    renamed: Option<String>,
    /// For a new text, what re-anchoring said.
    reanchored: Option<(usize, Vec<crate::format::reanchor::Orphan>)>,
}

impl Prepared {
    /// A change to the fact at `target`.
    fn of(change: Change, target: (FactKind, usize)) -> Prepared {
        Prepared { change: Some(change), target: Some(target), deleted: None, renamed: None, reanchored: None }
    }

    /// An edit of the fact at `target` that changes nothing.
    fn nothing(target: (FactKind, usize)) -> Prepared {
        Prepared { change: None, target: Some(target), deleted: None, renamed: None, reanchored: None }
    }
}

/// What validation says of a dataset: the problems a draft may not have, and those it carries.
struct Verdict {
    introduced: Vec<Problem>,
    /// Problems counted but not described, that are not orphans.
    hidden: usize,
    tolerated: Vec<Problem>,
}

impl Verdict {
    fn refuses(&self) -> bool {
        !self.introduced.is_empty() || self.hidden > 0
    }
}

/// Validates `d`. Problems with a span that has no offsets and whose quote cannot be placed are
/// orphans, which a draft carries; any other problem refuses. Returns where the validator placed
/// spans given by their quote alone, too.
fn judge(d: &Dataset) -> (Verdict, Vec<crate::format::validate::Placement>) {
    let (problems, placements) = check(d);
    let unplaced: HashSet<String> = d
        .span_sites()
        .into_iter()
        .filter(|site| site.get(d).is_some_and(|s| s.start.is_none() && s.end.is_none()))
        .map(|site| site.path())
        .collect();
    let orphan = |p: &Problem| {
        matches!(p.kind, ProblemKind::QuoteNotFound | ProblemKind::QuoteAmbiguous) && unplaced.contains(&p.path)
    };
    let (tolerated, introduced): (Vec<Problem>, Vec<Problem>) = problems.list.iter().cloned().partition(orphan);
    // The validator describes at most 100 problems; of those it only counts, as many as there are
    // unplaceable quotes not yet described may be orphans.
    let undescribed = problems.total.saturating_sub(problems.list.len());
    let orphans_left = unplaced.len().saturating_sub(placements.len()).saturating_sub(tolerated.len());
    (Verdict { introduced, hidden: undescribed.saturating_sub(orphans_left), tolerated }, placements)
}

impl Fact {
    /// Its kind.
    pub fn kind(&self) -> FactKind {
        match self {
            Fact::Person(_) => FactKind::Person,
            Fact::Organization(_) => FactKind::Organization,
            Fact::Place(_) => FactKind::Place,
            Fact::Event(_) => FactKind::Event,
            Fact::Claim(_) => FactKind::Claim,
        }
    }

    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Fact::Person(p) => &p.id,
            Fact::Organization(o) => &o.id,
            Fact::Place(p) => &p.id,
            Fact::Event(e) => &e.id,
            Fact::Claim(c) => &c.id,
        }
    }

    pub(crate) fn id_mut(&mut self) -> &mut String {
        match self {
            Fact::Person(p) => &mut p.id,
            Fact::Organization(o) => &mut o.id,
            Fact::Place(p) => &mut p.id,
            Fact::Event(e) => &mut e.id,
            Fact::Claim(c) => &mut c.id,
        }
    }

    /// The words a fresh id is made from, and the word to use when they have none.
    fn id_words(&self) -> (String, &'static str) {
        match self {
            Fact::Person(p) => (p.name.clone(), "person"),
            Fact::Organization(o) => (o.name.clone(), "organization"),
            Fact::Place(p) => (p.name.clone(), "place"),
            Fact::Event(e) => (format!("{} {}", e.kind.label(), e.summary), "event"),
            Fact::Claim(c) => (format!("claim {}", c.text), "claim"),
        }
    }

    /// Every span it holds, with its slot.
    pub fn spans(&self) -> Vec<(SpanSlot, &Span)> {
        let mut out: Vec<(SpanSlot, &Span)> = Vec::new();
        let (spans, date, affiliations) = match self {
            Fact::Person(p) => (&p.spans[..], None, &p.affiliations[..]),
            Fact::Organization(o) => (&o.spans[..], None, &[][..]),
            Fact::Place(_) => (&[][..], None, &[][..]),
            Fact::Event(e) => (&e.spans[..], e.date.span.as_ref(), &[][..]),
            Fact::Claim(c) => (&c.spans[..], c.date.span.as_ref(), &[][..]),
        };
        out.extend(spans.iter().enumerate().map(|(j, s)| (SpanSlot::Spans(j), s)));
        out.extend(date.map(|s| (SpanSlot::DateSpan, s)));
        for (k, a) in affiliations.iter().enumerate() {
            out.extend(a.spans.iter().enumerate().map(|(j, s)| (SpanSlot::Affiliation { affiliation: k, span: j }, s)));
        }
        out
    }

    fn span_mut(&mut self, slot: SpanSlot) -> Option<&mut Span> {
        self.spans_mut().into_iter().find(|(s, _)| *s == slot).map(|(_, span)| span)
    }

    fn spans_mut(&mut self) -> Vec<(SpanSlot, &mut Span)> {
        let mut out: Vec<(SpanSlot, &mut Span)> = Vec::new();
        let (spans, date, affiliations) = match self {
            Fact::Person(p) => (&mut p.spans[..], None, &mut p.affiliations[..]),
            Fact::Organization(o) => (&mut o.spans[..], None, &mut [][..]),
            Fact::Place(_) => (&mut [][..], None, &mut [][..]),
            Fact::Event(e) => (&mut e.spans[..], e.date.span.as_mut(), &mut [][..]),
            Fact::Claim(c) => (&mut c.spans[..], c.date.span.as_mut(), &mut [][..]),
        };
        out.extend(spans.iter_mut().enumerate().map(|(j, s)| (SpanSlot::Spans(j), s)));
        out.extend(date.map(|s| (SpanSlot::DateSpan, s)));
        for (k, a) in affiliations.iter_mut().enumerate() {
            out.extend(
                a.spans.iter_mut().enumerate().map(|(j, s)| (SpanSlot::Affiliation { affiliation: k, span: j }, s)),
            );
        }
        out
    }

    /// The `spans` list evidence is added to; places have none.
    fn evidence_mut(&mut self) -> Option<&mut Vec<Span>> {
        match self {
            Fact::Person(p) => Some(&mut p.spans),
            Fact::Organization(o) => Some(&mut o.spans),
            Fact::Place(_) => None,
            Fact::Event(e) => Some(&mut e.spans),
            Fact::Claim(c) => Some(&mut c.spans),
        }
    }

    fn remove_span(&mut self, slot: SpanSlot) -> bool {
        let take = |spans: &mut Vec<Span>, j: usize| {
            j < spans.len() && {
                spans.remove(j);
                true
            }
        };
        let date = |date: &mut EventDate| date.span.take().is_some();
        match (self, slot) {
            (Fact::Person(p), SpanSlot::Spans(j)) => take(&mut p.spans, j),
            (Fact::Person(p), SpanSlot::Affiliation { affiliation, span }) => {
                p.affiliations.get_mut(affiliation).is_some_and(|a| take(&mut a.spans, span))
            }
            (Fact::Organization(o), SpanSlot::Spans(j)) => take(&mut o.spans, j),
            (Fact::Event(e), SpanSlot::Spans(j)) => take(&mut e.spans, j),
            (Fact::Event(e), SpanSlot::DateSpan) => date(&mut e.date),
            (Fact::Claim(c), SpanSlot::Spans(j)) => take(&mut c.spans, j),
            (Fact::Claim(c), SpanSlot::DateSpan) => date(&mut c.date),
            _ => false,
        }
    }

    /// What a form leaves around its values: white space at the ends of ids, names and short
    /// values, and empty optional fields or list entries, which mean "none".
    fn tidy(&mut self) {
        fn text(value: &mut String) {
            let trimmed = value.trim();
            if trimmed.len() != value.len() {
                *value = trimmed.to_string();
            }
        }
        fn optional(value: &mut Option<String>) {
            if let Some(v) = value {
                text(v);
            }
            if value.as_deref() == Some("") {
                *value = None;
            }
        }
        fn list(values: &mut Vec<String>) {
            values.iter_mut().for_each(text);
            values.retain(|v| !v.is_empty());
        }
        fn date(d: &mut EventDate) {
            optional(&mut d.edtf);
            optional(&mut d.bound);
            optional(&mut d.anchor);
            optional(&mut d.note);
        }
        text(self.id_mut());
        match self {
            Fact::Person(p) => {
                text(&mut p.name);
                optional(&mut p.description);
                optional(&mut p.based_in);
                list(&mut p.roles);
                list(&mut p.members);
                p.aliases.iter_mut().for_each(|a| text(&mut a.name));
            }
            Fact::Organization(o) => {
                text(&mut o.name);
                optional(&mut o.description);
                optional(&mut o.part_of);
                optional(&mut o.based_in);
                o.aliases.iter_mut().for_each(|a| text(&mut a.name));
            }
            Fact::Place(p) => {
                text(&mut p.name);
                optional(&mut p.part_of);
                p.aliases.iter_mut().for_each(|a| text(&mut a.name));
            }
            Fact::Event(e) => {
                text(&mut e.summary);
                date(&mut e.date);
                list(&mut e.alleged_by);
                for p in &mut e.participants {
                    text(&mut p.entity);
                    text(&mut p.role);
                }
                e.participants.retain(|p| !p.entity.is_empty());
                e.places.retain(|p| !p.place.trim().is_empty());
                if let Some(d) = &mut e.derived {
                    list(&mut d.from);
                }
            }
            Fact::Claim(c) => {
                text(&mut c.text);
                optional(&mut c.speaker);
                optional(&mut c.speaker_label);
                optional(&mut c.audience);
                list(&mut c.about);
                c.quoted.retain(|q| !q.trim().is_empty());
                date(&mut c.date);
            }
        }
    }
}

/// The fact and slot of a span's site.
fn slot_of(site: SpanSite) -> (FactKind, usize, SpanSlot) {
    match site {
        SpanSite::Event(i, j) => (FactKind::Event, i, SpanSlot::Spans(j)),
        SpanSite::EventDate(i) => (FactKind::Event, i, SpanSlot::DateSpan),
        SpanSite::Claim(i, j) => (FactKind::Claim, i, SpanSlot::Spans(j)),
        SpanSite::ClaimDate(i) => (FactKind::Claim, i, SpanSlot::DateSpan),
        SpanSite::Person(i, j) => (FactKind::Person, i, SpanSlot::Spans(j)),
        SpanSite::Affiliation(i, k, j) => (FactKind::Person, i, SpanSlot::Affiliation { affiliation: k, span: j }),
        SpanSite::Organization(i, j) => (FactKind::Organization, i, SpanSlot::Spans(j)),
    }
}

fn fact_at(d: &Dataset, kind: FactKind, i: usize) -> Option<Fact> {
    Some(match kind {
        FactKind::Article => return None,
        FactKind::Person => Fact::Person(d.persons.get(i)?.clone()),
        FactKind::Organization => Fact::Organization(d.organizations.get(i)?.clone()),
        FactKind::Place => Fact::Place(d.places.get(i)?.clone()),
        FactKind::Event => Fact::Event(d.events.get(i)?.clone()),
        FactKind::Claim => Fact::Claim(d.claims.get(i)?.clone()),
    })
}

fn list_len(d: &Dataset, kind: FactKind) -> usize {
    match kind {
        FactKind::Article => d.articles.len(),
        FactKind::Person => d.persons.len(),
        FactKind::Organization => d.organizations.len(),
        FactKind::Place => d.places.len(),
        FactKind::Event => d.events.len(),
        FactKind::Claim => d.claims.len(),
    }
}

/// Where the thing with this id is, articles included.
fn find(d: &Dataset, id: &str) -> Option<(FactKind, usize)> {
    FactKind::ALL
        .into_iter()
        .find_map(|kind| (0..list_len(d, kind)).find(|&i| kind.id_at(d, i) == Some(id)).map(|i| (kind, i)))
}

/// Makes a change, and returns the change that takes it back.
fn perform(d: &mut Dataset, change: Change) -> Change {
    match change {
        Change::Insert(i, fact) => {
            let kind = fact.kind();
            let i = i.min(list_len(d, kind));
            match fact {
                Fact::Person(p) => d.persons.insert(i, p),
                Fact::Organization(o) => d.organizations.insert(i, o),
                Fact::Place(p) => d.places.insert(i, p),
                Fact::Event(e) => d.events.insert(i, e),
                Fact::Claim(c) => d.claims.insert(i, c),
            }
            Change::Remove(kind, i)
        }
        Change::Remove(kind, i) => match fact_at(d, kind, i) {
            Some(fact) => {
                match kind {
                    FactKind::Person => drop(d.persons.remove(i)),
                    FactKind::Organization => drop(d.organizations.remove(i)),
                    FactKind::Place => drop(d.places.remove(i)),
                    FactKind::Event => drop(d.events.remove(i)),
                    FactKind::Claim => drop(d.claims.remove(i)),
                    FactKind::Article => {}
                }
                Change::Insert(i, fact)
            }
            None => Change::Remove(kind, i),
        },
        Change::Put(i, fact) => {
            let old = fact_at(d, fact.kind(), i);
            match fact {
                Fact::Person(p) => d.persons.get_mut(i).map(|slot| *slot = p),
                Fact::Organization(o) => d.organizations.get_mut(i).map(|slot| *slot = o),
                Fact::Place(p) => d.places.get_mut(i).map(|slot| *slot = p),
                Fact::Event(e) => d.events.get_mut(i).map(|slot| *slot = e),
                Fact::Claim(c) => d.claims.get_mut(i).map(|slot| *slot = c),
            };
            match old {
                Some(old) => Change::Put(i, old),
                // Nothing was there, so nothing changed: taking it back is swapping in the same dataset.
                None => Change::Whole(Box::new(d.clone())),
            }
        }
        Change::Whole(mut other) => {
            std::mem::swap(d, &mut other);
            Change::Whole(other)
        }
        Change::Many(changes) => {
            // Taken back in the opposite order.
            let mut back: Vec<Change> = changes.into_iter().map(|change| perform(d, change)).collect();
            back.reverse();
            Change::Many(back)
        }
    }
}

/// Places a span given by its quote alone, as the validator would; a span with offsets is left
/// for the validator to check. The error says why the quote has no one place.
fn place_new(d: &Dataset, span: &mut Span) -> Result<(), (ProblemKind, String)> {
    if span.start.is_some() || span.end.is_some() {
        return Ok(());
    }
    let Some(article) = d.articles.iter().find(|a| a.id == span.article) else { return Ok(()) };
    let text = article.part_text(span.part);
    let haystack = Haystack::new(&text);
    match haystack.place(&span.exact, span.prefix.as_deref(), span.suffix.as_deref()) {
        Ok((start, end)) => {
            (span.start, span.end) = (Some(start), Some(end));
            Ok(())
        }
        Err(unplaced) => {
            let kind = match unplaced {
                Unplaced::Ambiguous { .. } => ProblemKind::QuoteAmbiguous,
                _ => ProblemKind::QuoteNotFound,
            };
            let whereabouts = match span.part {
                TextPart::Body => format!("article `{}`", article.id),
                part => format!("the {} of article `{}`", part.as_str(), article.id),
            };
            Err((kind, explain(&haystack, &unplaced, &span.exact, &whereabouts)))
        }
    }
}

impl Draft {
    /// A draft of an existing dataset (the built-in one, or a file), which must be valid but for
    /// spans whose quotes cannot be placed: those are kept as orphans. Spans given by their quote
    /// alone get their offsets.
    pub fn new(mut dataset: Dataset) -> Result<Draft, FieldProblems> {
        let (verdict, placements) = judge(&dataset);
        if verdict.refuses() {
            return Err(problems_of(&dataset, &verdict, None));
        }
        for p in placements {
            if let Some(span) = p.site.get_mut(&mut dataset) {
                (span.start, span.end) = (Some(p.start), Some(p.end));
            }
        }
        let pending = verdict.tolerated.iter().map(|p| FieldProblem::of(&dataset, p, None)).collect();
        Ok(Draft { dataset, undo: VecDeque::new(), redo: Vec::new(), pending, catalog: OnceCell::new(), made: 0 })
    }

    /// A draft of a new dataset: one article, from its pasted text (paragraphs separated by blank
    /// lines) and what is known about it, and no facts. An empty id is made from the title.
    /// Problems are said of the article's fields (`title`, `published`, `paragraphs`…).
    pub fn start(text: &str, mut info: ArticleInfo) -> Result<Draft, FieldProblems> {
        if info.id.trim().is_empty() {
            let id = slug(&info.title, 6);
            info.id = if id.is_empty() { "article".to_string() } else { id };
        }
        match new_dataset(text, info.clone()) {
            Ok(dataset) => Draft::new(dataset),
            Err(problems) => {
                let shown = new_dataset_shape(text, info);
                let edited = Some((FactKind::Article, 0));
                let list = problems.list.iter().map(|p| FieldProblem::of(&shown, p, edited)).collect();
                Err(FieldProblems { problems: list, total: problems.total })
            }
        }
    }

    /// The dataset as it stands. To keep the work, store it (`format::write::to_pretty_json`) and
    /// reopen it with [`Draft::new`]; orphans survive the trip.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The dataset indexed for the viewer's screens ([`crate::view::screen`]) and searches; built
    /// when first asked for after a change.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.get_or_init(|| Catalog::new_prevalidated(self.dataset.clone()))
    }

    /// The fact with this id, to fill a form with.
    pub fn fact(&self, id: &str) -> Option<Fact> {
        find(&self.dataset, id).and_then(|(kind, i)| fact_at(&self.dataset, kind, i))
    }

    /// The problems the draft carries: one per orphaned span, said of its fact's field. Empty
    /// when the dataset is valid.
    pub fn pending(&self) -> &[FieldProblem] {
        &self.pending
    }

    /// Every span without a place, to select again or remove, in the order of the dataset's
    /// lists, with the validator's reason (its quote does not occur once in the text).
    pub fn orphans(&self) -> Vec<OrphanSpan> {
        let d = &self.dataset;
        let reasons: HashMap<&str, &str> = self.pending.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        d.span_sites()
            .into_iter()
            .filter_map(|site| {
                let span = site.get(d).filter(|s| s.start.is_none() && s.end.is_none())?;
                let (kind, index, slot) = slot_of(site);
                let fact = FactRef { kind, index, id: kind.id_at(d, index)?.to_string() };
                let reason = reasons.get(site.path().as_str()).map_or_else(
                    || "its words do not occur in one place of the article's text".to_string(),
                    |r| r.to_string(),
                );
                let (article, exact) = (span.article.clone(), span.exact.clone());
                Some(OrphanSpan { fact, slot, article, exact, reason, best: None })
            })
            .collect()
    }

    /// Applies edits that make one save (a new place and new people, then the event naming
    /// them), each as [`apply`](Draft::apply) does. If one is refused, those before it are taken
    /// back, undo and redo history included, and its problems are returned: a save is kept whole
    /// or not at all. Returns what the last edit applied.
    pub fn apply_all(&mut self, mut edits: Vec<Edit>) -> Result<Applied, FieldProblems> {
        // One edit needs no copy to go back to: a refused edit leaves the draft as it was.
        if edits.len() == 1
            && let Some(edit) = edits.pop()
        {
            return self.apply(edit);
        }
        let before = (self.dataset.clone(), self.undo.clone(), self.redo.clone());
        let mut last = Applied { fact: None, moved: 0, orphans: Vec::new() };
        let made = self.made;
        for edit in edits {
            match self.apply(edit) {
                Ok(applied) => last = applied,
                Err(problems) => {
                    (self.dataset, self.undo, self.redo) = before;
                    self.refresh();
                    return Err(problems);
                }
            }
        }
        // One save, one step to undo: its changes (an edit that changed nothing made none), the
        // last first, as undoing them one by one would.
        let steps = self.made - made;
        if steps > 1 {
            let changes: Vec<Change> = (0..steps).filter_map(|_| self.undo.pop_back()).collect();
            self.undo.push_back(Change::Many(changes));
        }
        Ok(last)
    }

    /// Applies an edit if the dataset stays valid (orphans aside); otherwise leaves the draft as
    /// it was and returns every problem the edit would introduce, said of its field.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, FieldProblems> {
        let Prepared { change, target, deleted, renamed, reanchored } = self.prepare(edit)?;
        let Some(change) = change else {
            return Ok(Applied { fact: target.and_then(|t| self.fact_ref(t)), moved: 0, orphans: Vec::new() });
        };
        let inverse = perform(&mut self.dataset, change);
        let (verdict, _) = judge(&self.dataset);
        if verdict.refuses() {
            let mut problems = problems_of(&self.dataset, &verdict, target);
            explain_references(
                &mut problems,
                deleted.as_ref(),
                renamed.as_deref(),
                target.and_then(|t| self.fact_ref(t)),
            );
            perform(&mut self.dataset, inverse);
            return Err(problems);
        }
        self.pending = verdict.tolerated.iter().map(|p| FieldProblem::of(&self.dataset, p, None)).collect();
        self.catalog = OnceCell::new();
        self.redo.clear();
        self.undo.push_back(inverse);
        self.made += 1;
        if self.undo.len() > MAX_UNDO {
            self.undo.pop_front();
        }
        let fact = deleted.or_else(|| target.and_then(|t| self.fact_ref(t)));
        let (moved, orphans) = match reanchored {
            Some((moved, lost)) => {
                let article = fact.as_ref().map(|f| f.id.clone()).unwrap_or_default();
                let orphans = self
                    .orphans()
                    .into_iter()
                    .filter(|o| o.article == article)
                    .map(|mut o| {
                        let path = format!("{}.{}", o.fact.path(), o.slot.path());
                        if let Some(lost) = lost.iter().find(|l| l.path == path) {
                            o.reason.clone_from(&lost.reason);
                            o.best = lost.best;
                        }
                        o
                    })
                    .collect();
                (moved, orphans)
            }
            None => (0, Vec::new()),
        };
        Ok(Applied { fact, moved, orphans })
    }

    /// Takes back the last change; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(change) = self.undo.pop_back() else { return false };
        let forward = perform(&mut self.dataset, change);
        self.redo.push(forward);
        self.refresh();
        true
    }

    /// Makes the last change undone again; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(change) = self.redo.pop() else { return false };
        let back = perform(&mut self.dataset, change);
        self.undo.push_back(back);
        self.refresh();
        true
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a change to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A draft of `dataset` with a log of actions played on it, as the session that wrote the log
    /// left it.
    pub fn replay(dataset: Dataset, actions: &[Action]) -> Result<Draft, ReplayError> {
        let mut draft = Draft::new(dataset).map_err(|problems| ReplayError { step: 0, problems })?;
        for (step, action) in actions.iter().enumerate() {
            let nothing = |what: &str| ReplayError {
                step,
                problems: FieldProblems::one(FieldProblem::about(
                    None,
                    Field::Fact,
                    ProblemKind::Shape,
                    format!("there is nothing to {what}"),
                )),
            };
            match action {
                Action::Apply(edit) => {
                    draft.apply(edit.as_ref().clone()).map_err(|problems| ReplayError { step, problems })?;
                }
                Action::Undo if !draft.undo() => return Err(nothing("undo")),
                Action::Redo if !draft.redo() => return Err(nothing("redo")),
                Action::Undo | Action::Redo => {}
            }
        }
        Ok(draft)
    }

    /// The span a selection in the reader makes ([`selection::span_from_reader`]).
    pub fn span_from_reader(
        &self,
        article: &str,
        start: ReaderPoint,
        end: ReaderPoint,
        units: Units,
    ) -> Result<Span, SelectionError> {
        selection::span_from_reader(&self.dataset, article, start, end, units)
    }

    /// The span between two code-point offsets of an article ([`selection::span_from_offsets`]).
    pub fn span_from_offsets(&self, article: &str, start: u32, end: u32) -> Result<Span, SelectionError> {
        selection::span_from_offsets(&self.dataset, article, start, end)
    }

    /// The span a typed quote names ([`selection::span_from_quote`]).
    pub fn span_from_quote(&self, article: &str, quote: &QuoteInput) -> Result<Span, SelectionError> {
        selection::span_from_quote(&self.dataset, article, quote)
    }

    /// A person for the person form, made from a selection: the selected words as the name
    /// (without punctuation at their ends), a fresh id, and the span as its evidence.
    pub fn person_from(&self, span: Span) -> Person {
        let name = span.exact.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let id = forms::fresh_id(&self.dataset, &name, "person");
        Person { id, name, spans: vec![span], ..Person::default() }
    }

    /// A new person named as typed in a people field, anchored where the name occurs in the
    /// articles (by [`selection::span_from_quote`]): every fact points to words of the text, so
    /// a name the text does not hold, or holds in several places, is refused with the reason.
    pub fn person_named(&self, typed: &str) -> Result<Person, SelectionError> {
        let quote = QuoteInput { exact: typed.trim().to_string(), prefix: None, suffix: None };
        let mut refusal = None;
        for article in &self.dataset.articles {
            match self.span_from_quote(&article.id, &quote) {
                Ok(span) => return Ok(self.person_from(span)),
                Err(e) if refusal.is_none() || e.problem != selection::SelectionProblem::NotFound => refusal = Some(e),
                Err(_) => {}
            }
        }
        Err(refusal.unwrap_or_else(|| SelectionError {
            problem: selection::SelectionProblem::NotFound,
            message: "there is no article to find the name in".to_string(),
            places: Vec::new(),
        }))
    }

    /// An id no fact has yet ([`forms::fresh_id`]).
    pub fn fresh_id(&self, words: &str, fallback: &str) -> String {
        forms::fresh_id(&self.dataset, words, fallback)
    }

    /// The persons a people combobox offers for what is typed ([`forms::find_persons`]).
    pub fn find_persons(&self, typed: &str) -> Vec<NameOption> {
        forms::find_persons(self.catalog(), typed)
    }

    /// The places a places combobox offers ([`forms::find_places`]).
    pub fn find_places(&self, typed: &str) -> Vec<NameOption> {
        forms::find_places(&self.dataset, typed)
    }

    /// The place a typed name means, if there is one ([`forms::place_named`]).
    pub fn place_named(&self, typed: &str) -> Option<&crate::format::model::Place> {
        forms::place_named(&self.dataset, typed)
    }

    /// The organizations a combobox offers ([`forms::find_organizations`]).
    pub fn find_organizations(&self, typed: &str) -> Vec<NameOption> {
        forms::find_organizations(&self.dataset, typed)
    }

    fn refresh(&mut self) {
        let (verdict, _) = judge(&self.dataset);
        self.pending = verdict.tolerated.iter().map(|p| FieldProblem::of(&self.dataset, p, None)).collect();
        self.catalog = OnceCell::new();
    }

    fn fact_ref(&self, (kind, index): (FactKind, usize)) -> Option<FactRef> {
        kind.id_at(&self.dataset, index).map(|id| FactRef { kind, index, id: id.to_string() })
    }

    /// The fact with this id, or a problem saying there is none.
    fn existing(&self, id: &str) -> Result<(FactKind, usize, Fact), FieldProblems> {
        match find(&self.dataset, id) {
            Some((FactKind::Article, i)) => Err(FieldProblems::one(FieldProblem::about(
                self.fact_ref((FactKind::Article, i)),
                Field::Fact,
                ProblemKind::UnresolvedReference,
                format!("`{id}` is an article; an article's text is changed with a new text, and it is not deleted"),
            ))),
            Some((kind, i)) => match fact_at(&self.dataset, kind, i) {
                Some(fact) => Ok((kind, i, fact)),
                None => Err(no_such_fact(id)),
            },
            None => Err(no_such_fact(id)),
        }
    }

    /// Turns an edit into a change.
    fn prepare(&self, edit: Edit) -> Result<Prepared, FieldProblems> {
        Ok(match edit {
            Edit::Add(mut fact) => {
                fact.tidy();
                if fact.id().is_empty() {
                    let (words, fallback) = fact.id_words();
                    *fact.id_mut() = forms::fresh_id(&self.dataset, &words, fallback);
                }
                let kind = fact.kind();
                let index = list_len(&self.dataset, kind);
                self.place_spans(&mut fact, None, (kind, index))?;
                Prepared::of(Change::Insert(index, fact), (kind, index))
            }
            Edit::Replace { id, mut fact } => {
                let (kind, index, old) = self.existing(&id)?;
                let here = self.fact_ref((kind, index));
                if fact.kind() != kind {
                    return Err(FieldProblems::one(FieldProblem::about(
                        here,
                        Field::Fact,
                        ProblemKind::Shape,
                        format!("`{id}` is {} {}; it can only be replaced by one", article_for(kind), kind.noun()),
                    )));
                }
                fact.tidy();
                if fact.id().is_empty() {
                    *fact.id_mut() = id.clone();
                }
                if fact == old {
                    return Ok(Prepared::nothing((kind, index)));
                }
                self.place_spans(&mut fact, Some(&old), (kind, index))?;
                let renamed = (fact.id() != id).then_some(id);
                Prepared { renamed, ..Prepared::of(Change::Put(index, fact), (kind, index)) }
            }
            Edit::Delete { id } => {
                let (kind, index, _) = self.existing(&id)?;
                Prepared {
                    change: Some(Change::Remove(kind, index)),
                    target: None,
                    deleted: self.fact_ref((kind, index)),
                    renamed: None,
                    reanchored: None,
                }
            }
            Edit::AddEvidence { id, span } => {
                let (kind, index, mut fact) = self.existing(&id)?;
                let Some(spans) = fact.evidence_mut() else {
                    return Err(FieldProblems::one(FieldProblem::about(
                        self.fact_ref((kind, index)),
                        Field::Fact,
                        ProblemKind::Shape,
                        format!(
                            "`{id}` is a place, and places have no spans; add the words to an event, claim or person"
                        ),
                    )));
                };
                let same = |s: &Span| (&s.article, s.part, s.range()) == (&span.article, span.part, span.range());
                if span.range().is_some() && spans.iter().any(same) {
                    return Err(FieldProblems::one(FieldProblem::about(
                        self.fact_ref((kind, index)),
                        Field::Spans,
                        ProblemKind::Shape,
                        format!("`{id}` already has these words as a span"),
                    )));
                }
                spans.push(span);
                let old = fact_at(&self.dataset, kind, index);
                self.place_spans(&mut fact, old.as_ref(), (kind, index))?;
                Prepared::of(Change::Put(index, fact), (kind, index))
            }
            Edit::ReplaceEvidence { id, slot, span } => {
                let (kind, index, mut fact) = self.existing(&id)?;
                let old = fact.clone();
                match fact.span_mut(slot) {
                    Some(target) => *target = span,
                    None => return Err(no_such_span(self.fact_ref((kind, index)), &id, slot)),
                }
                self.place_spans(&mut fact, Some(&old), (kind, index))?;
                Prepared::of(Change::Put(index, fact), (kind, index))
            }
            Edit::RemoveEvidence { id, slot } => {
                let (kind, index, mut fact) = self.existing(&id)?;
                if !fact.remove_span(slot) {
                    return Err(no_such_span(self.fact_ref((kind, index)), &id, slot));
                }
                Prepared::of(Change::Put(index, fact), (kind, index))
            }
            Edit::SetText { article, text } => return self.prepare_text(&article, &text),
        })
    }

    /// Places the spans of `fact` given by their quote alone, except those it already had
    /// (`old`): those are orphans, carried as they are.
    fn place_spans(&self, fact: &mut Fact, old: Option<&Fact>, at: (FactKind, usize)) -> Result<(), FieldProblems> {
        let carried: Vec<Span> =
            old.map(|f| f.spans().into_iter().map(|(_, s)| s.clone()).collect()).unwrap_or_default();
        let reference = FactRef { kind: at.0, index: at.1, id: fact.id().to_string() };
        let mut problems = Vec::new();
        for (slot, span) in fact.spans_mut() {
            if carried.contains(span) {
                continue;
            }
            if let Err((kind, message)) = place_new(&self.dataset, span) {
                let item = match slot {
                    SpanSlot::Spans(j) => Some(j),
                    SpanSlot::DateSpan => None,
                    SpanSlot::Affiliation { affiliation, .. } => Some(affiliation),
                };
                problems.push(FieldProblem {
                    fact: Some(reference.clone()),
                    field: slot.field(),
                    item,
                    own: true,
                    path: format!("{}.{}", reference.path(), slot.path()),
                    kind: kind.name().to_string(),
                    message,
                });
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(FieldProblems { total: problems.len(), problems }) }
    }

    fn prepare_text(&self, article: &str, text: &str) -> Result<Prepared, FieldProblems> {
        let Some(index) = self.dataset.articles.iter().position(|a| a.id == article) else {
            return Err(no_such_fact(article));
        };
        let here = self.fact_ref((FactKind::Article, index));
        let new_paragraphs = paragraphs(text);
        if new_paragraphs.is_empty() {
            return Err(FieldProblems::one(FieldProblem::about(
                here,
                Field::Paragraphs,
                ProblemKind::EmptyField,
                "the new text is empty; paste the article's paragraphs, separated by blank lines",
            )));
        }
        if new_paragraphs == self.dataset.articles[index].paragraphs {
            return Ok(Prepared::nothing((FactKind::Article, index)));
        }
        // Re-anchoring needs every span of the body placed. Spans already orphaned are set aside
        // for it as title spans, which it leaves alone and which keep their paths, and are put
        // back in the body after it; the validator's quote rule then places those it can.
        let mut before = self.dataset.clone();
        let aside: Vec<_> = before
            .span_sites()
            .into_iter()
            .filter(|site| {
                site.get(&before).is_some_and(|s| {
                    s.article == article && s.part == TextPart::Body && s.start.is_none() && s.end.is_none()
                })
            })
            .collect();
        for site in &aside {
            if let Some(span) = site.get_mut(&mut before) {
                span.part = TextPart::Title;
            }
        }
        let result = reanchor(&before, article, new_paragraphs).map_err(|message| {
            FieldProblems::one(FieldProblem::about(here.clone(), Field::Paragraphs, ProblemKind::SpanMismatch, message))
        })?;
        let mut after = result.dataset;
        for site in &aside {
            if let Some(span) = site.get_mut(&mut after) {
                span.part = TextPart::Body;
            }
        }
        let (_, placements) = check(&after);
        for p in placements {
            if let Some(span) = p.site.get_mut(&mut after) {
                (span.start, span.end) = (Some(p.start), Some(p.end));
            }
        }
        Ok(Prepared {
            change: Some(Change::Whole(Box::new(after))),
            target: Some((FactKind::Article, index)),
            deleted: None,
            renamed: None,
            reanchored: Some((result.moved.len(), result.orphans)),
        })
    }
}

/// The dataset `new_dataset` would have made, for saying its problems of its fields.
fn new_dataset_shape(text: &str, info: ArticleInfo) -> Dataset {
    let article = crate::format::model::Article {
        id: info.id,
        title: info.title,
        paragraphs: paragraphs(text),
        ..Default::default()
    };
    Dataset { articles: vec![article], ..Dataset::empty() }
}

fn article_for(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Article | FactKind::Event | FactKind::Organization => "an",
        _ => "a",
    }
}

fn no_such_fact(id: &str) -> FieldProblems {
    FieldProblems::one(FieldProblem::about(
        None,
        Field::Fact,
        ProblemKind::UnresolvedReference,
        format!("no fact has the id `{}`", crate::text::excerpt(id, 60)),
    ))
}

fn no_such_span(fact: Option<FactRef>, id: &str, slot: SpanSlot) -> FieldProblems {
    FieldProblems::one(FieldProblem::about(
        fact,
        slot.field(),
        ProblemKind::UnresolvedReference,
        format!("`{id}` has no span at `{}`", slot.path()),
    ))
}

/// The problems of a refused edit, said of their fields; `target` is the fact the edit concerns.
fn problems_of(d: &Dataset, verdict: &Verdict, target: Option<(FactKind, usize)>) -> FieldProblems {
    let own_id = target.and_then(|(kind, i)| kind.id_at(d, i));
    let problems = verdict
        .introduced
        .iter()
        .map(|p| {
            let mut problem = FieldProblem::of(d, p, target);
            // A clash of ids is reported on the later of the two; it is the edited fact's either way.
            if p.kind == ProblemKind::DuplicateId
                && !problem.own
                && let (Some(id), Some((kind, index))) = (own_id, target)
                && problem.fact.as_ref().is_some_and(|f| f.id == id)
            {
                let fact = FactRef { kind, index, id: id.to_string() };
                problem.path = format!("{}.id", fact.path());
                problem.fact = Some(fact);
                problem.field = Field::Id;
                problem.own = true;
            }
            problem
        })
        .collect();
    FieldProblems { problems, total: verdict.introduced.len() + verdict.hidden }
}

/// When a deletion or a new id leaves references to nothing, says so first, of the edited fact:
/// which facts refer to it, and in which field.
fn explain_references(
    problems: &mut FieldProblems,
    deleted: Option<&FactRef>,
    renamed: Option<&str>,
    target: Option<FactRef>,
) {
    let referrers: Vec<String> = problems
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::UnresolvedReference.name() && !p.own)
        .filter_map(|p| p.fact.as_ref().map(|f| format!("{f} ({})", p.field)))
        .fold(Vec::new(), |mut seen, r| {
            if !seen.contains(&r) {
                seen.push(r);
            }
            seen
        });
    if referrers.is_empty() {
        return;
    }
    let list = referrers.join(", ");
    let summary = match (deleted, renamed) {
        (Some(fact), _) => FieldProblem::about(
            Some(fact.clone()),
            Field::Fact,
            ProblemKind::UnresolvedReference,
            format!("{fact} cannot be deleted while other facts refer to it: {list}. Remove those references first"),
        ),
        (None, Some(old)) => FieldProblem::about(
            target,
            Field::Id,
            ProblemKind::UnresolvedReference,
            format!("other facts refer to `{old}`: {list}. Keep the id `{old}`, or change those references first"),
        ),
        (None, None) => return,
    };
    problems.problems.insert(0, summary);
    problems.total += 1;
}
