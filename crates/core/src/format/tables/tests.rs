//! The spreadsheet path: every problem kind, a new article's facts from blank templates, and the
//! built-in article through export and import.

use super::*;
use crate::embedded::default_catalog;
use crate::query::Filter;

const ARTICLE: &str =
    "Ann Lee crossed the border on May 5, 2020. Later Ann Lee met Bo in Eastland.\n\n“It was hard,” Ann Lee said.";

/// An event of `kind` supported by `span`, its other fields empty, summary "s".
fn event(id: &str, kind: EventKind, span: Span) -> Event {
    Event {
        id: id.into(),
        kind,
        date: EventDate::default(),
        participants: Vec::new(),
        places: Vec::new(),
        summary: "s".into(),
        status: EventStatus::default(),
        alleged_by: Vec::new(),
        spans: vec![span],
        derived: None,
    }
}

fn article_only() -> Dataset {
    crate::format::new::new_dataset(
        ARTICLE,
        crate::format::new::ArticleInfo {
            id: "sample".into(),
            title: "A sample".into(),
            publisher: "P".into(),
            published: "2020-05-20".into(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|p| panic!("{:?}", p.lines()))
}

fn file<'a>(name: &'a str, text: &'a str) -> Option<TableFile<'a>> {
    Some(TableFile { name, bytes: text.as_bytes() })
}

fn lines(result: Result<Dataset, Vec<TableProblem>>) -> Vec<String> {
    match result {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_new_article_gets_its_facts_without_an_offset_typed() {
    let persons = "name,aliases,kind,members\nAnn Lee,Ann,person,\nBo,,,\nThe couple,,group,Ann Lee|Bo\n";
    let events = "id,kind,date,persons,places,summary,quote,prefix\n\
        crossing,border_crossing,2020-05-05,Ann Lee:traveller,Eastland:to,Ann Lee crossed the border.,crossed the border on May 5,\n\
        meeting,statement,,The couple,Eastland,They met., Ann Lee met Bo, Later\n";
    let claims = "id,speaker,direct,text,quote\nhard,Ann,yes,\"It was hard,\",It was hard\n";
    let d =
        import(article_only(), file("persons.csv", persons), file("events.csv", events), file("claims.csv", claims))
            .unwrap_or_else(|p| panic!("{:#?}", p.iter().map(ToString::to_string).collect::<Vec<_>>()));
    assert_eq!(d.persons.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["ann-lee", "bo", "the-couple"]);
    assert_eq!(d.persons[2].members, ["ann-lee", "bo"]);
    assert_eq!(d.places.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["eastland"], "new places are created");
    assert_eq!(d.events[0].places[0].role, PlaceRole::To);
    assert_eq!(
        d.events[1].spans[0].prefix.as_deref(),
        Some(" Later"),
        "cells are taken exactly as written, spaces included"
    );
    assert_eq!(d.claims[0].speaker.as_deref(), Some("ann-lee"), "a person named by an alias");
    let catalog = Catalog::new(d).unwrap_or_else(|p| panic!("{:?}", p.lines()));
    assert_eq!(catalog.dataset().events[0].spans[0].range(), Some((8, 35)));
}

#[test]
fn every_problem_is_reported_with_file_row_column_and_value() {
    let events = "id,kind,date,persons,summary,quote,colour\n";
    assert_eq!(
        lines(import(article_only(), None, file("events.csv", events), None)),
        [
            "events.csv, row 1, column `colour`: unknown column; the events table has: id, kind, status, date, date_basis, date_anchor, date_note, date_quote, date_bound, persons, places, summary, article, part, quote, prefix, suffix, alleged_by, derived_rule, derived_reasoning, derived_from"
        ]
    );
    let missing = "id,kind,quote\n";
    assert_eq!(
        lines(import(article_only(), None, file("e.csv", missing), None)),
        ["e.csv, row 1: the events table needs a `summary` column"]
    );
    let events = "id,kind,date,persons,summary,quote\n\
        a,escape,,,s,Ann Lee crossed\n\
        b,release,2020-13,,s,Ann Lee crossed\n\
        c,release,,Nobody,s,crossed the border\n\
        d,release,,,s,not in the article\n\
        e,release,,,s,Ann Lee\n\
        f,release,,,s,crossed the border\n\
        f,detention,,,s,crossed the border\n";
    let problems = lines(import(article_only(), None, file("events.csv", events), None));
    let expect = [
        "events.csv, row 2, column `kind` (“escape”): the kind is one of:",
        "events.csv, row 3, column `date` (“2020-13”): month 13 does not exist",
        "events.csv, row 4, column `persons` (“Nobody”): no person matches `Nobody`",
        "events.csv, row 8, column `kind` (“detention”): event `f` is on row 7 with a different `kind`",
    ];
    for (line, start) in problems.iter().zip(expect) {
        assert!(line.starts_with(start), "{line}\n  should start with {start}\n{problems:#?}");
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    // Once the rows read, the dataset is checked: quotes not found or ambiguous name their row.
    let events = "id,kind,summary,quote\nd,release,s,not in the article\ne,release,s,Ann Lee\n";
    let problems = lines(import(article_only(), None, file("events.csv", events), None));
    assert!(
        problems[0].starts_with("events.csv, row 2, column `quote` (“not in the article”): the quote"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("events.csv, row 3, column `quote` (“Ann Lee”): the quote “Ann Lee” occurs 3 times"),
        "{problems:#?}"
    );
    let persons = "id,name\nann,Ann\nann,Annie\n";
    let problems = lines(import(article_only(), file("p.csv", persons), None, None));
    assert_eq!(
        problems,
        ["p.csv, row 3, column `id` (“ann”): id `ann` is already used by row 2 with different fields"]
    );
    let claims = "id,speaker,direct,text,quote\nh,Ann,maybe,t,It was hard\n";
    let problems = lines(import(article_only(), None, None, file("c.csv", claims)));
    assert!(
        problems[0].contains("column `speaker`") && problems[1].contains("column `direct` (“maybe”)"),
        "{problems:#?}"
    );
}

#[test]
fn formulas_are_guarded_on_export_and_unguarded_on_import() {
    assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(guard("-5 days"), "'-5 days");
    assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
    assert_eq!(unguard("'tis"), "'tis", "an apostrophe before ordinary text stays");
}

#[test]
fn templates_are_the_columns() {
    for table in Table::ALL {
        assert_eq!(table.template().trim_end().split(',').collect::<Vec<_>>(), table.columns());
    }
}

/// The built-in article through the spreadsheet and back: what the columns hold comes back the same.
#[test]
fn the_builtin_article_round_trips_through_the_tables() {
    let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
    let everything = catalog.select(&Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    let [persons, events, claims] = Table::ALL.map(|t| export(&catalog, &everything, t));
    let original = catalog.dataset();
    let only_articles = Dataset {
        articles: original.articles.clone(),
        organizations: original.organizations.clone(),
        places: original.places.clone(),
        ..Dataset::empty()
    };
    let imported =
        import(only_articles, file("persons.csv", &persons), file("events.csv", &events), file("claims.csv", &claims))
            .unwrap_or_else(|p| panic!("{:#?}", p.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let again = Catalog::new(imported).unwrap_or_else(|p| panic!("{:?}", p.lines()));
    let d = again.dataset();
    assert_eq!(d.events.len(), original.events.len());
    // Exported in chronological order, so compared by id.
    let event = |id: &str| d.events.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} is missing"));
    for (a, b) in original.events.iter().map(|a| (a, event(&a.id))) {
        assert_eq!((&a.id, a.kind, a.status, &a.summary), (&b.id, b.kind, b.status, &b.summary));
        assert_eq!(a.date.edtf, b.date.edtf, "{}", a.id);
        assert_eq!(
            (a.date.basis, &a.date.note, &a.date.anchor, &a.date.bound),
            (b.date.basis, &b.date.note, &b.date.anchor, &b.date.bound),
            "{}",
            a.id
        );
        assert_eq!(
            a.date.span.as_ref().map(|s| (&s.exact, s.range())),
            b.date.span.as_ref().map(|s| (&s.exact, s.range())),
            "{}",
            a.id
        );
        assert_eq!(a.participants, b.participants, "{}", a.id);
        assert_eq!(a.places, b.places, "{}", a.id);
        assert_eq!(a.alleged_by, b.alleged_by, "{}", a.id);
        assert_eq!(a.derived, b.derived, "{}", a.id);
        let spans =
            |e: &Event| e.spans.iter().map(|s| (s.article.clone(), s.exact.clone(), s.range())).collect::<Vec<_>>();
        assert_eq!(spans(a), spans(b), "{}", a.id);
    }
    assert_eq!(d.claims.len(), original.claims.len());
    let claim = |id: &str| d.claims.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} is missing"));
    for (a, b) in original.claims.iter().map(|a| (a, claim(&a.id))) {
        assert_eq!(
            (&a.id, &a.speaker, &a.speaker_label, a.direct, &a.text),
            (&b.id, &b.speaker, &b.speaker_label, b.direct, &b.text)
        );
        assert_eq!(
            (&a.about, &a.quoted, &a.date.edtf, a.date.basis),
            (&b.about, &b.quoted, &b.date.edtf, b.date.basis),
            "{}",
            a.id
        );
        let spans = |c: &Claim| c.spans.iter().map(|s| (s.exact.clone(), s.range())).collect::<Vec<_>>();
        assert_eq!(spans(a), spans(b), "{}", a.id);
    }
    assert_eq!(d.persons.len(), original.persons.len());
    for (a, b) in original.persons.iter().zip(&d.persons) {
        let names = |p: &Person| p.aliases.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            (&a.id, &a.name, a.kind, &a.members, &a.description, &a.roles),
            (&b.id, &b.name, b.kind, &b.members, &b.description, &b.roles)
        );
        assert_eq!(names(a), names(b), "{}", a.id);
    }
}

#[test]
fn an_export_prepares_each_article_text_once_however_many_spans() {
    use crate::trace::{Counter, total};
    // Every event quotes "Ann Lee", which occurs three times, so each needs a prefix to tell it apart.
    let mut d = article_only();
    let placed = [(0_u32, 7_u32, "crossing"), (49, 56, "meeting"), (93, 100, "saying")];
    for (i, (start, end, id)) in placed.iter().cycle().take(30).enumerate() {
        d.events.push(event(&format!("{id}-{i}"), EventKind::Statement, Span::at("sample", *start, *end, "Ann Lee")));
    }
    let catalog = Catalog::new(d).unwrap_or_else(|p| panic!("{:?}", p.lines()));
    let (selection, _) = catalog.select_lenient(&Filter::default());
    let before = total(Counter::TextPrepared);
    let csv = export(&catalog, &selection, Table::Events);
    assert_eq!(total(Counter::TextPrepared) - before, 1, "one article body, prepared once for 30 spans");
    let column = EVENT_COLUMNS.iter().position(|&c| c == "prefix").unwrap_or_default();
    let prefixes: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .take(3)
        .map(|row| row.ok().and_then(|r| r.get(column).map(str::to_string)).unwrap_or_default())
        .collect();
    assert_eq!(prefixes, ["", ". Later ", " hard,\u{201d} "], "as few words as tell each place apart");
}

#[test]
fn places_are_found_by_id_name_or_alias_as_the_annotator_finds_them() {
    let place = |id: &str, name: &str| Place { id: id.into(), name: name.into(), ..Place::default() };
    let mut places =
        vec![place("eastland", "Westland"), place("x", "Eastland"), place("y", "Ürümqi"), place("z", "URUMQI")];
    places[2].aliases = vec![crate::format::model::Alias {
        name: "Wulumuqi".into(),
        source: crate::format::model::AliasSource::Article { article: "a".into() },
    }];
    let index = PlaceIndex::new(&places);
    let dataset = Dataset { places: places.clone(), ..article_only() };
    for name in ["eastland", "Eastland", "westland", "urumqi", "Ürümqi", "wulumuqi", "x", "nowhere"] {
        // The same rule as the annotator's place field: the first place with that key.
        let scan =
            crate::author::forms::place_named(&dataset, name).and_then(|p| places.iter().position(|q| q.id == p.id));
        assert_eq!(index.find(name), scan, "{name}");
    }
    assert_eq!(index.find("Eastland"), Some(0), "a folded id is a key, as a name is");
    assert_eq!(index.find(" wulumuqi "), Some(2), "and an alias");
}

#[test]
fn many_new_places_are_each_created_once() {
    // Thousands of new names, each named again with another case and a role.
    let mut events = String::from("id,kind,places,summary,quote\n");
    for i in 0..3000 {
        let place = if i % 2 == 0 { format!("Town {}", i / 2) } else { format!("TOWN {}:to", i / 2) };
        events.push_str(&format!("e{i},statement,{place},s,crossed the border\n"));
    }
    let d = import(article_only(), None, file("events.csv", &events), None)
        .unwrap_or_else(|p| panic!("{:?}", p.iter().take(3).map(ToString::to_string).collect::<Vec<_>>()));
    assert_eq!(d.places.len(), 1500);
    assert_eq!((d.places[7].id.as_str(), d.places[7].name.as_str()), ("town-7", "Town 7"));
    assert_eq!(d.events[15].places, [EventPlace { place: "town-7".into(), role: PlaceRole::To }]);
}

/// Values holding the list separator, the role separator and the escape come back from the
/// spreadsheet as they went: one alias, one role, not two.
#[test]
fn list_cells_round_trip_any_text() {
    let awkward = ["Sova|Mira", "Dr: Mira", r"back\slash", r"ends\", r"\|", "a|b:c\\:d"];
    let mut d = article_only();
    let alias = |name: &str| Alias { name: name.into(), source: AliasSource::Article { article: "sample".into() } };
    d.persons.push(Person {
        id: "ann-lee".into(),
        name: "Ann Lee".into(),
        aliases: awkward.iter().map(|a| alias(a)).collect(),
        roles: awkward.iter().map(|r| r.to_string()).collect(),
        ..Person::default()
    });
    d.events.push(Event {
        participants: awkward.iter().map(|r| Participant { entity: "ann-lee".into(), role: r.to_string() }).collect(),
        ..event("crossing", EventKind::BorderCrossing, Span::quote("sample", "crossed the border"))
    });
    let catalog = Catalog::new(d).unwrap_or_else(|p| panic!("{:?}", p.lines()));
    let everything = catalog.select(&Filter::default()).unwrap_or_else(|e| panic!("{e}"));
    let persons = export(&catalog, &everything, Table::Persons);
    let events = export(&catalog, &everything, Table::Events);
    let imported = import(article_only(), file("persons.csv", &persons), file("events.csv", &events), None)
        .unwrap_or_else(|p| panic!("{:#?}", p.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let person = &imported.persons[0];
    assert_eq!(person.aliases.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), awkward, "{persons}");
    assert_eq!(person.roles, awkward, "{persons}");
    let roles: Vec<&str> = imported.events[0].participants.iter().map(|p| p.role.as_str()).collect();
    assert_eq!(roles, awkward, "{events}");
    assert!(imported.events[0].participants.iter().all(|p| p.entity == "ann-lee"), "{events}");
}

#[test]
fn list_cells_split_at_unescaped_separators_only() {
    let check = |cell: &str, expected: &[(&str, Option<&str>)]| {
        let actual: Vec<(String, Option<String>)> = split_list(cell).into_iter().map(with_role).collect();
        let actual: Vec<(&str, Option<&str>)> = actual.iter().map(|(n, r)| (n.as_str(), r.as_deref())).collect();
        assert_eq!(actual, expected, "{cell}");
    };
    check("Mira Sova:organiser|Bo", &[("Mira Sova", Some("organiser")), ("Bo", None)]);
    check(r"Dr: Mira:lead\: organiser", &[("Dr: Mira", Some("lead: organiser"))]);
    check(r"a\|b| c ||", &[("a|b", None), ("c", None)]);
    check(r"C:\new", &[("C", Some(r"\new"))]);
    check(r"x:", &[("x:", None)]);
    for value in ["", "|", ":", r"\", r"\\|:", "plain"] {
        assert_eq!(unescape(&escape(value)), value);
        assert_eq!(split_list(&escape(value)).len(), usize::from(!value.is_empty()), "{value}");
    }
}

/// Rows with a `date_quote` place it in their article's text, prepared once for the import however
/// many rows there are (it was joined and prepared again for every row), and keep the offsets of
/// the date's words inside the event's quote.
#[test]
fn date_quotes_prepare_each_article_once() {
    use crate::trace::{Counter, total};
    let prepared = |rows: usize| {
        let mut events = String::from("id,kind,date,date_quote,summary,quote\n");
        for i in 0..rows {
            events.push_str(&format!(
                "e{i},border_crossing,2020-05-05,\"May 5, 2020\",s,\"crossed the border on May 5, 2020\"\n"
            ));
        }
        let before = total(Counter::TextPrepared);
        let d = import(article_only(), None, file("events.csv", &events), None)
            .unwrap_or_else(|p| panic!("{:?}", p.iter().take(3).map(ToString::to_string).collect::<Vec<_>>()));
        let span = d.events[rows - 1].date.span.clone().unwrap_or_default();
        assert_eq!((span.range(), span.exact.as_str()), (Some((30, 41)), "May 5, 2020"));
        total(Counter::TextPrepared) - before
    };
    assert_eq!(prepared(1), prepared(40), "the texts prepared do not grow with the rows");
}

/// A new fact's id is refused when an event or claim, the dataset's or one just imported, has it.
#[test]
fn a_fact_id_already_taken_is_refused() {
    let mut d = article_only();
    d.events.push(event("old", EventKind::Statement, Span::quote("sample", "crossed the border")));
    let events = "id,kind,summary,quote\nold,statement,s,crossed the border\nnew,statement,s,crossed the border\n";
    let claims = "id,speaker_label,text,quote\nnew,someone,t,It was hard\nold,someone,t,It was hard\n";
    assert_eq!(
        lines(import(d, None, file("e.csv", events), file("c.csv", claims))),
        [
            "e.csv, row 2, column `id` (“old”): `old` is already in the dataset",
            "c.csv, row 2, column `id` (“new”): `new` is already in the dataset",
            "c.csv, row 3, column `id` (“old”): `old` is already in the dataset",
        ]
    );
}
