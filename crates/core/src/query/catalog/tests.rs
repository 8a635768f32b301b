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
    assert_eq!(catalog.dataset().events.len(), 24);
    assert_eq!(catalog.dataset().claims.len(), 21);
    // Every span of the file is a quote alone, placed when the dataset is read.
    let raw = match crate::format::read::parse_dataset(
        crate::embedded::DEFAULT_DATASET_JSON.as_bytes(),
        &crate::format::read::Limits::default(),
    ) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let sites = raw.span_sites();
    assert!(sites.len() > 80, "{} spans", sites.len());
    for site in sites {
        let (Some(written), Some(placed)) = (site.get(&raw), site.get(catalog.dataset())) else { panic!("{site:?}") };
        assert_eq!(written.range(), None, "{} is written with offsets", site.path());
        assert_eq!(catalog.span_text(placed), Some(placed.exact.as_str()), "{}", site.path());
    }
}

#[test]
fn places_say_where_something_happened_and_what_it_concerns() {
    let catalog = shipped();
    let places = |id: &str| -> Vec<(String, PlaceRole)> {
        let event = catalog.event(id).unwrap_or_else(|| panic!("no event {id}"));
        event.event.places.iter().map(|p| (p.place.clone(), p.role)).collect()
    };
    // She testified about Xinjiang; the article does not say where the court sat.
    assert_eq!(places("sauytbay-court-testimony"), [("xinjiang".into(), PlaceRole::Concerns)]);
    assert_eq!(
        places("sauytbay-canadian-parliament-testimony"),
        [("canada".into(), PlaceRole::OccurredIn), ("xinjiang".into(), PlaceRole::Concerns)]
    );
    assert_eq!(
        places("quartet-border-crossings"),
        [("china".into(), PlaceRole::From), ("kazakhstan".into(), PlaceRole::To)]
    );
    assert_eq!(
        places("sauytbay-leaves-for-sweden"),
        [("kazakhstan".into(), PlaceRole::From), ("sweden".into(), PlaceRole::To)]
    );
    assert_eq!(places("sauytbay-escape"), [("xinjiang".into(), PlaceRole::From)]);
}

#[test]
fn alleged_events_say_who_alleges_them_and_claims_link_to_facts() {
    let catalog = shipped();
    let alleged: Vec<(&str, &[String])> = catalog
        .dataset()
        .events
        .iter()
        .filter(|e| e.status == EventStatus::Alleged)
        .map(|e| (e.id.as_str(), e.alleged_by.as_slice()))
        .collect();
    let alleged_ids: Vec<&str> = alleged.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        alleged_ids,
        ["grants-coordinated-with-beijing", "beijing-redoubled-efforts", "xinjiang-reward-notices"]
    );
    for (id, by) in &alleged {
        assert!(!by.is_empty(), "{id}");
        // Each is alleged by a claim that is about it.
        let claim = by.iter().find_map(|b| catalog.claim(b)).unwrap_or_else(|| panic!("{id}: no alleging claim"));
        assert!(claim.claim.about.iter().any(|a| a == id), "{} is not about {id}", claim.claim.id);
    }
    let notices = alleged.iter().find(|(id, _)| *id == "xinjiang-reward-notices").map(|(_, by)| *by);
    assert_eq!(notices.and_then(|by| by.first()).map(String::as_str), Some("serikjan-bilash"));
    // The official's claim quotes his words inside reported speech, without the author's gloss;
    // the pair's own claims of persecution are theirs.
    let official = catalog.claim("official-no-chance").unwrap_or_else(|| panic!("no claim"));
    assert_eq!(official.claim.quoted, ["no chance"]);
    assert!(!official.claim.text.contains("persecution"), "{}", official.claim.text);
    assert!(official.claim.spans.iter().all(|s| !s.exact.contains("notwithstanding")));
    let pair = catalog.claim("pair-claims-of-persecution").unwrap_or_else(|| panic!("no claim"));
    assert_eq!((pair.claim.speaker.as_deref(), pair.claim.direct), (Some("the-pair"), false));
    assert_eq!(pair.claim.spans[0].exact, "their claims of persecution");
    // The author's assessments, the subtitle among them.
    for (id, words) in [
        ("rickleton-no-more-escape", "But China appears to be trying to make sure no more escape."),
        ("rickleton-prospects-looked-grim", "Prospects had initially looked grim for the pair."),
        ("rickleton-danger-lifted", "That danger has been lifted for the time being."),
        ("rickleton-as-much-as-quartet-can-hope", "This may be as much as the quartet can hope for, though."),
    ] {
        let claim = catalog.claim(id).unwrap_or_else(|| panic!("no claim {id}"));
        assert_eq!((claim.claim.speaker.as_deref(), claim.claim.direct), (Some("chris-rickleton"), true), "{id}");
        assert_eq!(catalog.span_text(&claim.claim.spans[0]), Some(words), "{id}");
    }
    let subtitle = catalog.claim("rickleton-no-more-escape").map(|c| c.claim.spans[0].clone());
    assert_eq!(subtitle.map(|s| (s.part, s.range())), Some((TextPart::Subtitle, Some((0, 59)))));
    let about =
        catalog.claim("dzhivaga-commissions-accepted-accounts").map(|c| c.claim.about.clone()).unwrap_or_default();
    assert!(
        about.iter().any(|a| a == "akhan-refugee-status") && about.iter().any(|a| a == "pair-claims-of-persecution")
    );
}

#[test]
fn expiries_and_bounds_say_what_the_article_cannot() {
    let catalog = shipped();
    // One year from October 30, 2020 ends on October 29 or 30, 2021: both days, still derived.
    let expiry = catalog.event("akhan-refugee-status-expiry").unwrap_or_else(|| panic!("no expiry"));
    let range = expiry.date.map(|d| d.range());
    assert_eq!(range.and_then(|r| r.earliest), Day::parse_iso("2021-10-29"));
    assert_eq!(range.and_then(|r| r.latest), Day::parse_iso("2021-10-30"));
    assert!(expiry.event.derived.is_some() && expiry.event.date.basis == DateBasis::Derived);
    // A bound is shown beside "not given", never used as the date.
    for (id, bound) in [
        ("official-no-chance-interview", "../2020-10-16"),
        ("pair-video-appeal", "../2020-10-16"),
        ("sauytbay-asylum-denied", "2018-04/2020-10-31"),
        ("sauytbay-leaves-for-sweden", "2018-04/2020-10-31"),
        ("sauytbay-book-in-german", "2018-04/2020-10-31"),
    ] {
        let event = catalog.event(id).unwrap_or_else(|| panic!("no event {id}"));
        assert!(event.date.is_none(), "{id} reads as undated");
        assert_eq!(event.event.date.basis, DateBasis::NotGiven, "{id}");
        assert_eq!(event.event.date.bound.as_deref(), Some(bound), "{id}");
    }
    assert!(!ids(&catalog, "from=2018").contains(&"sauytbay-book-in-german".to_string()));
}

#[test]
fn resolves_names_aliases_prefixes_and_diacritics() {
    let catalog = shipped();
    let id = |r: &str| catalog.resolve_person(r).map(|i| catalog.dataset().persons[i].id.clone());
    assert_eq!(id("sayragul-sauytbay").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("SAYRAGUL SAUYTBAY").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("Sáuytbay").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("sayr").as_deref(), Ok("sayragul-sauytbay"));
    assert_eq!(id("Серікжан Біләш").as_deref(), Ok("serikjan-bilash"));
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

/// An empty reference names nobody: it says it is empty rather than suggesting someone.
#[test]
fn an_empty_person_reference_is_refused_as_empty() {
    let catalog = shipped();
    for reference in ["", "   "] {
        let refused = catalog.resolve_person(reference).map_err(|e| e.to_string());
        assert_eq!(refused, Err("the reference is empty; give an id, or a person's name or alias".into()));
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
    assert_eq!(ids("Біләш"), ["serikjan-bilash"]);
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
    // The pair as a cause célèbre is the author's claim, about their video appeal.
    let claims = |query: &str| -> Vec<String> {
        let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        let selection = catalog.select(&filter).unwrap_or_else(|e| panic!("{query}: {e}"));
        catalog.claims(&selection).iter().map(|c| c.claim.id.clone()).collect()
    };
    assert_eq!(claims("q=CAUSE%20CELEBRE"), ["rickleton-pair-cause-celebre"].map(String::from));
    assert!(ids(&catalog, "q=CAUSE%20CELEBRE").is_empty());
    assert_eq!(ids(&catalog, "q=EMOTIONAL%20video"), ["pair-video-appeal"].map(String::from));
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

#[test]
fn a_few_candidates_are_searched_without_folding_every_event() {
    // 64 events; p0 takes part in three, two of them marked.
    let events = (0..64)
        .map(|i| {
            let people = if [3, 40, 41].contains(&i) { vec![0, 1] } else { vec![1] };
            (Some(format!("2020-01-{:02}", i % 28 + 1)), people, i == 3 || i == 41)
        })
        .collect();
    let mut dataset = random_dataset(events);
    // 32 claims by p1; p0 speaks in one, which is marked.
    dataset.claims = (0..32)
        .map(|i| Claim {
            id: format!("c{i}"),
            speaker: Some(if i == 7 { "p0" } else { "p1" }.into()),
            text: if i == 7 || i == 20 { "a marked claim".into() } else { "a claim".into() },
            spans: vec![Span::at("a", 0, 5, "alpha")],
            ..Claim::default()
        })
        .collect();
    let catalog = Catalog::new(dataset).unwrap_or_else(|e| panic!("{e:?}"));
    let select = |query: &str| {
        let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        catalog.select(&filter).unwrap_or_else(|e| panic!("{query}: {e}"))
    };
    let ids = |events: Vec<EventRef<'_>>| events.iter().map(|e| e.event.id.clone()).collect::<Vec<_>>();
    let claim_ids = |claims: Vec<ClaimRef<'_>>| claims.iter().map(|c| c.claim.id.clone()).collect::<Vec<_>>();
    let person = select("person=p0&q=MARKED");
    assert_eq!(ids(catalog.events(&person)), ["e3", "e41"]);
    assert_eq!(claim_ids(catalog.claims(&person)), ["c7"]);
    assert!(catalog.search.get().is_none(), "only the person's three events and one claim were folded");
    // Everyone's events are many: the folded text of all is built, and gives the same answers.
    let everyone = select("q=marked");
    assert_eq!(ids(catalog.events(&everyone)), ["e3", "e41"]);
    assert!(catalog.search.get().is_some());
    assert_eq!(ids(catalog.events(&person)), ids(catalog.events_unindexed(&person)));
    assert_eq!(claim_ids(catalog.claims(&person)), ["c7"]);
    assert_eq!(claim_ids(catalog.claims(&everyone)), ["c7", "c20"]);
}

#[test]
fn near_spellings_compute_only_the_band_within_the_limit() {
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    // (a, b, limit, distance within the limit)
    let cases = [
        ("sayragul", "sayragol", 2, Some(1)),
        ("kitten", "sitting", 3, Some(3)),
        ("kitten", "sitting", 2, None),
        ("", "ab", 2, Some(2)),
        ("ab", "", 1, None),
        ("bilash", "bilash", 2, Some(0)),
        ("serikjan", "serikzhan", 2, Some(2)),
    ];
    for (a, b, limit, expected) in cases {
        assert_eq!(edit_distance_within(a, &chars(b), limit).0, expected, "{a} / {b} within {limit}");
    }
    // A reference far longer than the name: no cell is computed.
    let long = chars(&"x".repeat(20_000));
    assert_eq!(edit_distance_within("ann lee", &long, 6_666), (None, 0));
    // Otherwise at most the band: each row's cells within the limit of the diagonal.
    let (distance, cells) = edit_distance_within(&"ab".repeat(50), &chars(&"ba".repeat(50)), 3);
    assert_eq!(distance, Some(2));
    assert!(cells <= 100 * (2 * 3 + 1), "{cells} cells");
}

#[test]
fn an_unknown_person_is_told_who_there_is_in_a_line() {
    let person = |i: usize| Person { id: format!("p{i}"), name: format!("Person Number {i}"), ..Person::default() };
    let with =
        |n: usize| Catalog::new_prevalidated(Dataset { persons: (0..n).map(person).collect(), ..Dataset::empty() });
    let message = |catalog: &Catalog, reference: &str| {
        catalog.resolve_person(reference).err().map(|e| e.to_string()).unwrap_or_default()
    };
    assert_eq!(message(&with(0), "zed"), "no person matches `zed`; this dataset has no persons");
    let many = with(5_000);
    let listed = message(&many, "zzzzzzzzzzzzzz");
    assert!(
        listed.starts_with("no person matches `zzzzzzzzzzzzzz`; the persons are: p0 (Person Number 0), "),
        "{listed}"
    );
    assert!(listed.ends_with("p19 (Person Number 19) and 4980 more"), "{listed}");
    // A reference far longer than any name is answered without comparing spellings.
    let long = "q".repeat(20_000);
    assert!(message(&many, &long).ends_with("and 4980 more"));
    assert_eq!(
        message(&with(3), "Person Numbr 1"),
        "no person matches `Person Numbr 1`; did you mean: p1 (Person Number 1), p0 (Person Number 0), p2 (Person Number 2)"
    );
}
