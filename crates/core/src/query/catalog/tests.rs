//! Queries on the shipped article, and the indexed query checked against the unindexed one.

use proptest::prelude::*;

use super::*;
use crate::embedded::default_catalog;
use crate::format::model::*;

fn shipped() -> Catalog {
    match default_catalog() {
        Ok(catalog) => catalog,
        Err(e) => panic!("the shipped dataset must load: {:#?}", e.details()),
    }
}

fn ids(catalog: &Catalog, query: &str) -> Vec<String> {
    let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    let selection = catalog.select(&filter).unwrap_or_else(|e| panic!("{query}: {e}"));
    let indexed: Vec<String> = catalog.events(&selection).iter().map(|e| e.event.id.clone()).collect();
    let unindexed: Vec<String> = catalog.events_unindexed(&selection).iter().map(|e| e.event.id.clone()).collect();
    assert_eq!(indexed, unindexed, "indexed and unindexed disagree for {query}");
    indexed
}

#[test]
fn shipped_dataset_is_valid() {
    let catalog = shipped();
    assert!(catalog.dataset().events.len() >= 20);
    assert!(catalog.dataset().claims.len() >= 10);
}

#[test]
fn resolves_names_aliases_prefixes_and_diacritics() {
    let catalog = shipped();
    let id = |r: &str| catalog.resolve_person(r).map(|i| catalog.dataset().persons[i].id.clone());
    assert_eq!(id("sayragul-sauytbay").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("SAYRAGUL SAUYTBAY").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("Sáuytbay").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("sayr").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("Сайрагуль Сауытбай").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("Serikzhan Bilash").as_deref(), Ok("serikjan-bilash"));
    assert_eq!(id("Qaster Musakhanuly").as_deref(), Ok("kaster-musakhan"));
    assert_eq!(id("the pair").as_deref(), Ok("the-pair"));
    assert_eq!(id("Bagashar").as_deref(), Ok("malik-bashagar"));
    match catalog.resolve_person("mu") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
            assert!(ids.contains(&"kaster-musakhan") && ids.contains(&"murager-alimuly"), "{ids:?}");
        }
        other => panic!("`mu` should be ambiguous, got {other:?}"),
    }
    match catalog.resolve_person("Sayragol") {
        Err(e @ ResolveError::Unknown { .. }) => {
            assert_eq!(
                e.to_string(),
                "no person matches `Sayragol`; did you mean: sayragul-sauytbay (Sayragul Sauytbay)"
            );
        }
        other => panic!("expected unknown, got {other:?}"),
    }
}

#[test]
fn people_search_matches_ids_names_and_aliases() {
    let catalog = shipped();
    let ids = |text: &str| -> Vec<String> {
        catalog.persons_matching(text).into_iter().map(|i| catalog.dataset().persons[i].id.clone()).collect()
    };
    assert_eq!(ids("QAISHA"), ["kaisha-akhan"]);
    assert_eq!(ids("serikzhan"), ["serikjan-bilash"]);
    assert_eq!(ids("Сауытбай"), ["sayragul-sauytbay"]);
    assert_eq!(ids("musakhan alimuly"), ["the-pair"]);
    assert_eq!(ids("nobody here"), Vec::<String>::new());
    assert_eq!(ids("").len(), catalog.dataset().persons.len());
}

#[test]
fn person_filters_any_all_and_groups() {
    let catalog = shipped();
    let sauytbay = ids(&catalog, "person=sayragul-sauytbay");
    assert_eq!(
        sauytbay,
        [
            // "2018" starts on January 1, so it sorts before "April 2018".
            "sauytbay-court-testimony",
            "sauytbay-escape",
            "sauytbay-women-of-courage-award",
            "sauytbay-canadian-parliament-testimony",
            "sauytbay-book-translations",
            "sauytbay-asylum-denied",
            "sauytbay-leaves-for-sweden",
            "sauytbay-haven-in-sweden",
            "sauytbay-book-in-german",
        ]
        .map(String::from)
    );
    let akhan = ids(&catalog, "person=kaisha-akhan");
    let bashagar = ids(&catalog, "person=malik-bashagar");
    let any = ids(&catalog, "person=kaisha-akhan&person=malik-bashagar");
    let all = ids(&catalog, "person=kaisha-akhan&person=malik-bashagar&persons=all");
    assert!(any.len() > akhan.len() && any.len() > bashagar.len());
    assert_eq!(all, ["quartet-border-crossings", "quartet-convictions"].map(String::from));
    // A group expands to its members: "the pair" in all-mode needs both.
    let pair_all = ids(&catalog, "person=the-pair&persons=all");
    assert!(pair_all.contains(&"pair-jailed".to_string()));
    assert_eq!(ids(&catalog, "person=the-pair"), ids(&catalog, "person=kaster-musakhan&person=murager-alimuly"));
}

#[test]
fn date_ranges_respect_precision_and_undated() {
    let catalog = shipped();
    // `to=2020-10` runs through October 31: all three grants, which fall in late October.
    let october = ids(&catalog, "from=2020-10&to=2020-10");
    for id in ["pair-asylum-documents", "bashagar-refugee-status", "akhan-refugee-status"] {
        assert!(october.contains(&id.to_string()), "{id} missing from {october:?}");
    }
    // The July–October 2020 interval overlaps October but does not lie within it.
    assert!(october.contains(&"canadian-subcommittee-genocide-finding".to_string()));
    let within = ids(&catalog, "from=2020-10&to=2020-10&mode=within");
    assert!(!within.contains(&"canadian-subcommittee-genocide-finding".to_string()));
    assert!(within.contains(&"akhan-refugee-status".to_string()));
    // "about October 2019" is a month: a range ending 2019-10-01 overlaps it, but it is not within.
    assert!(ids(&catalog, "from=2019-09&to=2019-10-01").contains(&"pair-jailed".to_string()));
    assert!(!ids(&catalog, "from=2019-09&to=2019-10-01&mode=within").contains(&"pair-jailed".to_string()));
    // Undated events drop out while a range is set, unless included.
    assert!(!ids(&catalog, "from=2018").contains(&"sauytbay-asylum-denied".to_string()));
    assert!(ids(&catalog, "from=2018&undated=include").contains(&"sauytbay-asylum-denied".to_string()));
    assert!(ids(&catalog, "").contains(&"sauytbay-asylum-denied".to_string()));
}

#[test]
fn text_search_ignores_case_and_diacritics() {
    let catalog = shipped();
    assert_eq!(ids(&catalog, "q=CAUSE%20CELEBRE"), ["pair-video-appeal"].map(String::from));
    assert!(ids(&catalog, "q=genocide").contains(&"canadian-subcommittee-genocide-finding".to_string()));
    // Aliases are searchable too.
    assert!(ids(&catalog, "q=Qaisha").contains(&"akhan-refugee-status".to_string()));
}

#[test]
fn chronological_order_puts_undated_last() {
    let catalog = shipped();
    let events = catalog.all_events();
    let first_undated = events.iter().position(|e| e.date.is_none()).unwrap_or(events.len());
    assert!(events[first_undated..].iter().all(|e| e.date.is_none()));
    let days: Vec<_> = events[..first_undated].iter().map(|e| e.date.map(|d| d.range().earliest)).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
}

#[test]
fn mentions_find_names_aliases_and_groups() {
    let catalog = shipped();
    let article = &catalog.dataset().articles[0].id;
    let text = catalog.article_text(article).unwrap_or_default().to_string();
    let words = |person: &str| -> Vec<String> {
        catalog
            .mentions(article, person)
            .iter()
            .map(|&(s, e)| text.chars().skip(s as usize).take((e - s) as usize).collect())
            .collect()
    };
    let musakhan = words("kaster-musakhan");
    assert!(musakhan.contains(&"Kaster Musakhan".to_string()));
    assert!(musakhan.contains(&"the pair".to_string()));
    assert!(musakhan.contains(&"quartet".to_string()) || musakhan.iter().any(|w| w.contains("quartet")));
    let sauytbay = words("sayragul-sauytbay");
    assert_eq!(sauytbay.first().map(String::as_str), Some("Sayragul Sauytbay"));
    assert!(sauytbay.iter().all(|w| w == "Sayragul Sauytbay" || w == "Sauytbay"), "{sauytbay:?}");
}

// ---- Property test: the indexed query equals the brute-force one on random datasets. ----

fn arb_date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (2018i32..2022).prop_map(|y| Some(format!("{y}"))),
        (2018i32..2022, 1u32..13).prop_map(|(y, m)| Some(format!("{y}-{m:02}~"))),
        (2018i32..2022, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Some(format!("{y}-{m:02}-{d:02}"))),
        (2018i32..2020, 1u32..13, 2020i32..2022).prop_map(|(y, m, y2)| Some(format!("{y}-{m:02}/{y2}"))),
        (2018i32..2022).prop_map(|y| Some(format!("{y}/.."))),
        (2018i32..2022).prop_map(|y| Some(format!("../{y}-06"))),
    ]
}

fn arb_bound() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (2017i32..2023).prop_map(|y| Some(format!("{y}"))),
        (2017i32..2023, 1u32..13).prop_map(|(y, m)| Some(format!("{y}-{m:02}"))),
        (2017i32..2023, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Some(format!("{y}-{m:02}-{d:02}"))),
    ]
}

const PEOPLE: usize = 5;

fn random_dataset(events: Vec<(Option<String>, Vec<usize>, bool)>) -> Dataset {
    let text = "alpha beta gamma delta";
    let span = Span::at("a", 0, 5, "alpha");
    let mut persons: Vec<Person> =
        (0..PEOPLE).map(|i| Person { id: format!("p{i}"), name: format!("Person {i}"), ..Person::default() }).collect();
    persons.push(Person {
        id: "g".into(),
        name: "Group".into(),
        kind: PersonKind::Group,
        members: vec!["p0".into(), "p1".into()],
        ..persons[0].clone()
    });
    Dataset {
        format: FORMAT.into(),
        description: None,
        articles: vec![Article {
            id: "a".into(),
            title: "t".into(),
            publisher: "y".into(),
            published: "2020-10-31".into(),
            language: "en".into(),
            paragraphs: vec![text.into()],
            ..Article::default()
        }],
        persons,
        organizations: vec![],
        places: vec![],
        events: events
            .into_iter()
            .enumerate()
            .map(|(i, (date, people, marked))| Event {
                id: format!("e{i}"),
                kind: EventKind::Statement,
                date: EventDate {
                    basis: if date.is_some() { DateBasis::Stated } else { DateBasis::NotGiven },
                    edtf: date,
                    ..EventDate::default()
                },
                participants: people
                    .into_iter()
                    .map(|p| Participant {
                        entity: if p == PEOPLE { "g".into() } else { format!("p{p}") },
                        role: "subject".into(),
                    })
                    .collect(),
                places: vec![],
                summary: if marked { "a marked event".into() } else { "an event".into() },
                status: EventStatus::Occurred,
                spans: vec![span.clone()],
                alleged_by: vec![],
                derived: None,
            })
            .collect(),
        claims: vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn indexed_query_matches_brute_force(
        events in prop::collection::vec((arb_date(), prop::collection::vec(0..=PEOPLE, 0..4), any::<bool>()), 0..25),
        persons in prop::collection::vec(0..=PEOPLE, 0..3),
        all in any::<bool>(),
        from in arb_bound(),
        to in arb_bound(),
        within in any::<bool>(),
        include_undated in any::<bool>(),
        marked in any::<bool>(),
    ) {
        let catalog = match Catalog::new(random_dataset(events)) {
            Ok(c) => c,
            Err(p) => return Err(TestCaseError::fail(format!("{p:?}"))),
        };
        let filter = Filter {
            persons: persons.iter().map(|&p| if p == PEOPLE { "g".to_string() } else { format!("p{p}") }).collect(),
            persons_mode: if all { PersonsMode::All } else { PersonsMode::Any },
            from: from.and_then(|f| crate::date::DateBound::parse(&f).ok()),
            to: to.and_then(|t| crate::date::DateBound::parse(&t).ok()),
            range_mode: if within { RangeMode::Within } else { RangeMode::Overlap },
            undated: if include_undated { Undated::Include } else { Undated::Exclude },
            text: if marked { "MARKED".into() } else { String::new() },
            ..Filter::default()
        };
        let selection = catalog.select(&filter).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fast: Vec<usize> = catalog.events(&selection).iter().map(|e| e.index).collect();
        let slow: Vec<usize> = catalog.events_unindexed(&selection).iter().map(|e| e.index).collect();
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn query_strings_round_trip(
        persons in prop::collection::vec("[a-z]{1,6}( [A-Za-zé]{1,5})?", 0..3),
        all in any::<bool>(),
        from in arb_bound(),
        within in any::<bool>(),
        include in any::<bool>(),
        text in "[ a-zA-Z0-9&=%+?é’]{0,12}",
    ) {
        let filter = Filter {
            persons: { let mut p = persons; p.dedup(); p },
            persons_mode: if all { PersonsMode::All } else { PersonsMode::Any },
            from: from.and_then(|f| crate::date::DateBound::parse(&f).ok()),
            to: None,
            range_mode: if within { RangeMode::Within } else { RangeMode::Overlap },
            undated: if include { Undated::Include } else { Undated::Exclude },
            text: text.trim().to_string(),
            ..Filter::default()
        };
        let again = Filter::parse(&filter.to_query_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, filter);
    }
}
