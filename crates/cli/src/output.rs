//! What the command line prints: tables and listings in text, or the stable JSON shapes. Every
//! string that comes from a dataset passes through [`one_line`] (or [`block`] for article text),
//! so no control character or escape sequence in a file reaches the terminal.

use std::fmt::Write as _;

use factline_core::export::{ClaimRecord, EventRecord, PersonRecord, date_label};
use factline_core::text::{block, one_line, quotation};
use factline_core::view::alias_source;
use factline_core::{Catalog, ClaimRef, EntityRef, EventRef, Filter, LoadError, PersonKind, Problems};

/// Pretty JSON with a final newline.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A refused dataset: what is wrong, one problem a line.
pub(crate) fn load_error(source: &str, error: &LoadError) -> String {
    let mut message = String::new();
    match error.problems() {
        Some(problems) => {
            let _ = writeln!(message, "{source}: {}:", problems.count_text());
            for line in problems.lines() {
                let _ = writeln!(message, "  {}", one_line(&line));
            }
        }
        None => {
            for line in error.details() {
                let _ = writeln!(message, "{source}: {}", one_line(&line));
            }
        }
    }
    message.trim_end().to_string()
}

/// `validate --json`: every problem with its path, position and kind.
pub(crate) fn problems_json(file: &str, error: &LoadError) -> String {
    let position = |at: Option<factline_core::Position>| {
        at.map_or((serde_json::Value::Null, serde_json::Value::Null), |a| (a.line.into(), a.column.into()))
    };
    let listed = |problems: &Problems| -> Vec<serde_json::Value> {
        problems
            .list
            .iter()
            .map(|p| {
                let (line, column) = position(p.at);
                serde_json::json!({ "path": p.path, "message": p.message, "kind": p.kind.name(), "line": line, "column": column })
            })
            .collect()
    };
    let (problems, total, complete) = match error {
        LoadError::Invalid(p) | LoadError::Shape(p) => (listed(p), p.total, p.complete),
        LoadError::Syntax { message, at } | LoadError::Encoding { message, at: Some(at) } => {
            let kind = if matches!(error, LoadError::Syntax { .. }) { "Syntax" } else { "Encoding" };
            (
                vec![
                    serde_json::json!({ "path": null, "message": message, "kind": kind, "line": at.line, "column": at.column }),
                ],
                1,
                true,
            )
        }
        LoadError::TooDeep { at, .. } => (
            vec![
                serde_json::json!({ "path": null, "message": error.to_string(), "kind": "TooDeep", "line": at.line, "column": at.column }),
            ],
            1,
            true,
        ),
        other => (
            vec![
                serde_json::json!({ "path": null, "message": other.to_string(), "kind": "Input", "line": null, "column": null }),
            ],
            1,
            true,
        ),
    };
    json(
        &serde_json::json!({ "file": file, "valid": false, "problems": problems, "total": total, "complete": complete }),
    )
}

/// The people table.
pub(crate) fn persons(catalog: &Catalog, text: &str, as_json: bool) -> String {
    let persons = &catalog.dataset().persons;
    let counts = catalog.event_counts();
    let shown = catalog.persons_matching(text);
    if as_json {
        let records: Vec<PersonRecord> = shown
            .iter()
            .map(|&i| PersonRecord {
                id: persons[i].id.clone(),
                name: persons[i].name.clone(),
                aliases: persons[i].aliases.iter().map(|a| a.name.clone()).collect(),
            })
            .collect();
        return json(&records);
    }
    let claim_counts = catalog.claim_counts();
    let rows: Vec<[String; 5]> = shown
        .iter()
        .map(|&i| {
            let p = &persons[i];
            let kind = match p.kind {
                PersonKind::Named => "",
                PersonKind::Unnamed => " (unnamed)",
                PersonKind::Group => " (group)",
            };
            let mut aliases: Vec<String> = p.aliases.iter().map(|a| one_line(&a.name).into_owned()).collect();
            aliases.dedup();
            [
                one_line(&p.id).into_owned(),
                format!("{}{kind}", one_line(&p.name)),
                counts[i].to_string(),
                claim_counts[i].to_string(),
                aliases.join(", "),
            ]
        })
        .collect();
    let width =
        |col: usize, header: &str| rows.iter().map(|r| r[col].chars().count()).max().unwrap_or(0).max(header.len());
    let (w0, w1) = (width(0, "ID"), width(1, "NAME"));
    let mut out = format!("{:w0$}  {:w1$}  EVENTS  CLAIMS  ALIASES\n", "ID", "NAME");
    for r in &rows {
        let line = format!("{:w0$}  {:w1$}  {:>6}  {:>6}  {}", r[0], r[1], r[2], r[3], r[4]);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "{} person(s)", shown.len());
    out
}

fn event_lines(catalog: &Catalog, e: &EventRef<'_>, out: &mut String) {
    let r = EventRecord::new(catalog, e);
    let mut tags = vec![r.kind.clone()];
    if r.derived {
        tags.push("DERIVED".into());
    }
    if r.status != "occurred" {
        tags.push(r.status.clone());
    }
    let _ = writeln!(out, "{}  [{}]  {}", one_line(&r.date_label), tags.join(", "), one_line(&r.id));
    let _ = writeln!(out, "    {}", one_line(&r.summary));
    let people: Vec<String> = r.participants.iter().map(|id| one_line(catalog.name_of(id)).into_owned()).collect();
    if !people.is_empty() {
        let _ = writeln!(out, "    people: {}", people.join(", "));
    }
    let basis = &e.event.date.basis;
    let how = match (&e.event.date.note, basis) {
        (Some(note), _) => format!("{}: {}", basis.as_str().replace('_', " "), one_line(note)),
        (None, b) => b.as_str().replace('_', " "),
    };
    let _ = writeln!(out, "    date: {how}");
    if let Some(bound) = factline_core::export::bound_label(e.event.date.bound.as_deref()) {
        let _ = writeln!(out, "    bound: {}", one_line(&bound));
    }
    if !r.alleged_by.is_empty() {
        let who: Vec<String> = r.alleged_by.iter().map(|id| one_line(catalog.name_of(id)).into_owned()).collect();
        let _ = writeln!(out, "    alleged by: {}", who.join(", "));
    }
    if let Some(d) = &e.event.derived {
        let _ = writeln!(out, "    derived by rule {}: {}", one_line(&d.rule), one_line(&d.reasoning));
    }
    for q in &r.quotes {
        let _ = writeln!(out, "    “{}”", one_line(q));
    }
}

/// The events listing.
pub(crate) fn events(catalog: &Catalog, filter: &Filter, events: &[EventRef<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} event(s){}", events.len(), if filter.is_empty() { "" } else { " match" });
    if let Some(semantics) = filter.date_semantics() {
        let _ = writeln!(out, "{semantics}");
    }
    for e in events {
        out.push('\n');
        event_lines(catalog, e, &mut out);
    }
    out
}

fn claim_lines(catalog: &Catalog, c: &ClaimRef<'_>, out: &mut String) {
    let r = ClaimRecord::new(catalog, c);
    let speech = if r.direct { "direct" } else { "reported" };
    let when = date_label(c.date);
    let _ = writeln!(out, "{} ({speech}, {when})  {}", one_line(&r.speaker_label), one_line(&r.id));
    let text = if r.direct { quotation(&r.text) } else { r.text.clone() };
    let _ = writeln!(out, "    {}", one_line(&text));
    if let Some(audience) = &c.claim.audience {
        let _ = writeln!(out, "    said to: {}", one_line(catalog.name_of(audience)));
    }
    if !c.claim.about.is_empty() {
        let about: Vec<String> = c.claim.about.iter().map(|id| one_line(catalog.name_of(id)).into_owned()).collect();
        let _ = writeln!(out, "    about: {}", about.join("; "));
    }
    for q in &r.quotes {
        let _ = writeln!(out, "    source: “{}”", one_line(q));
    }
}

/// The claims listing.
pub(crate) fn claims(catalog: &Catalog, claims: &[ClaimRef<'_>]) -> String {
    let mut out = format!("{} claim(s)\n", claims.len());
    for c in claims {
        out.push('\n');
        claim_lines(catalog, c, &mut out);
    }
    out
}

/// Everything about one thing in the dataset. `target` is what the id named.
pub(crate) fn show(catalog: &Catalog, target: EntityRef, as_json: bool) -> String {
    let d = catalog.dataset();
    let mut out = String::new();
    match target {
        EntityRef::Person(i) => {
            let p = &d.persons[i];
            let filter = Filter { persons: vec![p.id.clone()], ..Filter::default() };
            let (selection, _) = catalog.select_lenient(&filter);
            let events = catalog.events(&selection);
            let claims = catalog.claims(&selection);
            if as_json {
                let events: Vec<EventRecord> = events.iter().map(|e| EventRecord::new(catalog, e)).collect();
                let claims: Vec<ClaimRecord> = claims.iter().map(|c| ClaimRecord::new(catalog, c)).collect();
                return json(&serde_json::json!({ "person": p, "events": events, "claims": claims }));
            }
            let _ = writeln!(out, "{} ({})", one_line(&p.name), one_line(&p.id));
            if let Some(description) = &p.description {
                let _ = writeln!(out, "{}", one_line(description));
            }
            if !p.roles.is_empty() {
                let roles: Vec<String> = p.roles.iter().map(|r| one_line(r).into_owned()).collect();
                let _ = writeln!(out, "roles: {}", roles.join(", "));
            }
            for a in &p.affiliations {
                let role = a.role.as_deref().map(|r| format!("{}, ", one_line(r))).unwrap_or_default();
                let _ = writeln!(out, "affiliation: {role}{}", one_line(catalog.name_of(&a.organization)));
            }
            if !p.members.is_empty() {
                let members: Vec<String> =
                    p.members.iter().map(|m| one_line(catalog.name_of(m)).into_owned()).collect();
                let _ = writeln!(out, "members: {}", members.join(", "));
            }
            for a in &p.aliases {
                let _ = writeln!(out, "also: {} ({})", one_line(&a.name), one_line(&source_text(&a.source)));
            }
            let _ = writeln!(out, "\n{} event(s)", events.len());
            for e in &events {
                out.push('\n');
                event_lines(catalog, e, &mut out);
            }
            let _ = writeln!(out, "\n{} claim(s) by or about them", claims.len());
            for c in &claims {
                out.push('\n');
                claim_lines(catalog, c, &mut out);
            }
        }
        EntityRef::Event(i) => {
            let e = &d.events[i];
            let Some(event) = catalog.event(&e.id) else { return out };
            if as_json {
                return json(&serde_json::json!({ "event": e, "record": EventRecord::new(catalog, &event) }));
            }
            event_lines(catalog, &event, &mut out);
            for p in &e.participants {
                let _ = writeln!(
                    out,
                    "    {}: {} ({})",
                    one_line(&p.role),
                    one_line(catalog.name_of(&p.entity)),
                    one_line(&p.entity)
                );
            }
            let places: Vec<String> = e
                .places
                .iter()
                .map(|p| match p.role {
                    factline_core::PlaceRole::OccurredIn => one_line(catalog.name_of(&p.place)).into_owned(),
                    role => format!("{} ({})", one_line(catalog.name_of(&p.place)), role.as_str().replace('_', " ")),
                })
                .collect();
            if !places.is_empty() {
                let _ = writeln!(out, "    places: {}", places.join(", "));
            }
            if !e.alleged_by.is_empty() {
                let who: Vec<String> =
                    e.alleged_by.iter().map(|id| one_line(catalog.name_of(id)).into_owned()).collect();
                let _ = writeln!(out, "    alleged by: {}", who.join(", "));
            }
            for s in &e.spans {
                let _ = writeln!(out, "    span {} of {}", span_place(s), one_line(&s.article));
            }
        }
        EntityRef::Claim(i) => {
            let c = &d.claims[i];
            if as_json {
                return json(c);
            }
            if let Some(claim) = catalog.claim(&c.id) {
                claim_lines(catalog, &claim, &mut out);
            }
            for s in &c.spans {
                let _ = writeln!(out, "    span {} of {}", span_place(s), one_line(&s.article));
            }
        }
        EntityRef::Organization(i) => {
            let o = &d.organizations[i];
            if as_json {
                return json(o);
            }
            let _ = writeln!(out, "{} ({}), organization", one_line(&o.name), one_line(&o.id));
            if let Some(description) = &o.description {
                let _ = writeln!(out, "{}", one_line(description));
            }
            if let Some(parent) = &o.part_of {
                let _ = writeln!(out, "part of: {}", one_line(catalog.name_of(parent)));
            }
            for a in &o.aliases {
                let _ = writeln!(out, "also: {} ({})", one_line(&a.name), one_line(&source_text(&a.source)));
            }
        }
        EntityRef::Place(i) => {
            let p = &d.places[i];
            if as_json {
                return json(p);
            }
            let _ = writeln!(out, "{} ({}), place", one_line(&p.name), one_line(&p.id));
            if let Some(parent) = &p.part_of {
                let _ = writeln!(out, "part of: {}", one_line(catalog.name_of(parent)));
            }
        }
        EntityRef::Article(i) => {
            let a = &d.articles[i];
            if as_json {
                return json(a);
            }
            let _ = writeln!(out, "{}", one_line(&a.title));
            let byline: Vec<&str> = [a.author.as_deref().unwrap_or_default(), &a.publisher, &a.published]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            let _ = writeln!(out, "{}", one_line(&byline.join(", ")));
            if let Some(url) = &a.url {
                let _ = writeln!(out, "{}", one_line(url));
            }
            let _ = writeln!(out, "\n{}", block(&a.text()));
        }
    }
    out
}

/// Where a span is: `377..387`, with the part when it is not the body (`title 0..12`).
fn span_place(span: &factline_core::Span) -> String {
    let range = span.range().map_or_else(|| "(not placed)".to_string(), |(s, e)| format!("{s}..{e}"));
    match span.part {
        factline_core::TextPart::Body => range,
        part => format!("{} {range}", part.as_str()),
    }
}

/// An alias's source: the article's id, or the report.
fn source_text(source: &factline_core::AliasSource) -> String {
    match source {
        factline_core::AliasSource::Article { article } => format!("article {article}"),
        report => alias_source(report),
    }
}
