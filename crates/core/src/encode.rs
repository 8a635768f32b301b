//! The [`Dataset`] model written as pretty JSON: the counterpart of [`crate::decode`], and the
//! same text serde's `Serialize` derive gives (`tests/decode_agrees.rs` holds the two together),
//! with fields in declaration order and empty or default optional fields left out.

use crate::json::Writer;
use crate::model::{
    Affiliation, Alias, AliasSource, Article, Claim, Dataset, Derivation, Event, EventDate, EventStatus, Organization,
    Participant, Person, PersonKind, Place, Span,
};

/// Pretty JSON of a whole dataset, without a final newline.
pub fn dataset(d: &Dataset) -> String {
    let mut w = Writer::default();
    w.open('{');
    field(&mut w, "format", &d.format);
    optional(&mut w, "description", &d.description);
    list(&mut w, "articles", &d.articles, article);
    list(&mut w, "persons", &d.persons, person);
    list(&mut w, "organizations", &d.organizations, organization);
    list(&mut w, "places", &d.places, place);
    list(&mut w, "events", &d.events, event);
    list(&mut w, "claims", &d.claims, claim);
    w.close('}');
    w.finish()
}

fn field(w: &mut Writer, key: &str, value: &str) {
    w.key(key);
    w.string(value);
}

fn optional(w: &mut Writer, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        field(w, key, v);
    }
}

fn list<T>(w: &mut Writer, key: &str, items: &[T], write: fn(&mut Writer, &T)) {
    w.key(key);
    w.open('[');
    for item in items {
        w.element();
        write(w, item);
    }
    w.close(']');
}

/// A list that is left out when empty.
fn nonempty<T>(w: &mut Writer, key: &str, items: &[T], write: fn(&mut Writer, &T)) {
    if !items.is_empty() {
        list(w, key, items, write);
    }
}

#[expect(clippy::ptr_arg, reason = "an item writer for `list` over `Vec<String>` takes `&String`")]
fn string(w: &mut Writer, value: &String) {
    w.string(value);
}

fn article(w: &mut Writer, a: &Article) {
    w.open('{');
    field(w, "id", &a.id);
    field(w, "title", &a.title);
    optional(w, "subtitle", &a.subtitle);
    field(w, "author", &a.author);
    field(w, "publisher", &a.publisher);
    field(w, "published", &a.published);
    optional(w, "url", &a.url);
    field(w, "language", &a.language);
    list(w, "paragraphs", &a.paragraphs, string);
    w.close('}');
}

fn span(w: &mut Writer, s: &Span) {
    w.open('{');
    field(w, "article", &s.article);
    w.key("start");
    w.raw(&s.start.to_string());
    w.key("end");
    w.raw(&s.end.to_string());
    field(w, "exact", &s.exact);
    w.close('}');
}

fn alias(w: &mut Writer, a: &Alias) {
    w.open('{');
    field(w, "name", &a.name);
    w.key("source");
    w.open('{');
    match &a.source {
        AliasSource::Article { article } => {
            field(w, "kind", "article");
            field(w, "article", article);
        }
        AliasSource::Report { title, publisher, date, url } => {
            field(w, "kind", "report");
            field(w, "title", title);
            field(w, "publisher", publisher);
            field(w, "date", date);
            optional(w, "url", url);
        }
    }
    w.close('}');
    w.close('}');
}

fn affiliation(w: &mut Writer, a: &Affiliation) {
    w.open('{');
    field(w, "organization", &a.organization);
    optional(w, "role", &a.role);
    w.close('}');
}

fn person(w: &mut Writer, p: &Person) {
    w.open('{');
    field(w, "id", &p.id);
    field(w, "name", &p.name);
    if p.kind != PersonKind::default() {
        field(w, "kind", p.kind.as_str());
    }
    nonempty(w, "aliases", &p.aliases, alias);
    optional(w, "description", &p.description);
    nonempty(w, "roles", &p.roles, string);
    nonempty(w, "affiliations", &p.affiliations, affiliation);
    nonempty(w, "members", &p.members, string);
    w.close('}');
}

fn organization(w: &mut Writer, o: &Organization) {
    w.open('{');
    field(w, "id", &o.id);
    field(w, "name", &o.name);
    nonempty(w, "aliases", &o.aliases, alias);
    optional(w, "description", &o.description);
    optional(w, "part_of", &o.part_of);
    w.close('}');
}

fn place(w: &mut Writer, p: &Place) {
    w.open('{');
    field(w, "id", &p.id);
    field(w, "name", &p.name);
    nonempty(w, "aliases", &p.aliases, alias);
    optional(w, "part_of", &p.part_of);
    w.close('}');
}

fn date(w: &mut Writer, d: &EventDate) {
    w.open('{');
    optional(w, "edtf", &d.edtf);
    field(w, "basis", d.basis.as_str());
    optional(w, "anchor", &d.anchor);
    optional(w, "note", &d.note);
    if let Some(s) = &d.span {
        w.key("span");
        span(w, s);
    }
    w.close('}');
}

fn participant(w: &mut Writer, p: &Participant) {
    w.open('{');
    field(w, "entity", &p.entity);
    field(w, "role", &p.role);
    w.close('}');
}

fn derivation(w: &mut Writer, d: &Derivation) {
    w.open('{');
    field(w, "rule", &d.rule);
    field(w, "reasoning", &d.reasoning);
    nonempty(w, "from", &d.from, string);
    w.close('}');
}

fn event(w: &mut Writer, e: &Event) {
    w.open('{');
    field(w, "id", &e.id);
    field(w, "kind", e.kind.as_str());
    w.key("date");
    date(w, &e.date);
    list(w, "participants", &e.participants, participant);
    nonempty(w, "places", &e.places, string);
    field(w, "summary", &e.summary);
    if e.status != EventStatus::default() {
        field(w, "status", e.status.as_str());
    }
    list(w, "spans", &e.spans, span);
    if let Some(d) = &e.derived {
        w.key("derived");
        derivation(w, d);
    }
    w.close('}');
}

fn claim(w: &mut Writer, c: &Claim) {
    w.open('{');
    field(w, "id", &c.id);
    optional(w, "speaker", &c.speaker);
    optional(w, "speaker_label", &c.speaker_label);
    w.key("direct");
    w.raw(if c.direct { "true" } else { "false" });
    field(w, "text", &c.text);
    nonempty(w, "about", &c.about, string);
    optional(w, "audience", &c.audience);
    w.key("date");
    date(w, &c.date);
    list(w, "spans", &c.spans, span);
    w.close('}');
}
