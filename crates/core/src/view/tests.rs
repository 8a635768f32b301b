//! The screen for the built-in article under a few filters.

use super::*;
use crate::embedded::default_catalog;
use crate::format::model::{Article, Person};

fn screen_for(query: &str, params: ViewParams) -> Screen {
    let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
    let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    screen(&catalog, &filter, &ViewParams { query: query.into(), ..params })
}

#[test]
fn the_unfiltered_screen() {
    let whole = Window { start: 0, len: 100 };
    let s = screen_for(
        "",
        ViewParams { show_spans: true, events_window: whole, claims_shown: 100, ..ViewParams::default() },
    );
    assert_eq!(s.header.title, "Kazakhstan: Xinjiang fugitives secure asylum status");
    assert_eq!(s.header.published_label, "Oct 31, 2020");
    assert_eq!(s.event_count, 24);
    assert_eq!(s.claim_count, s.claims.len());
    assert_eq!(s.claims_heading, "Claims");
    let headings: Vec<&str> = s.event_groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(headings, ["2018", "2019", "2020", "2021", "Date not given"]);
    assert_eq!(s.event_groups.iter().map(|g| g.events.len()).sum::<usize>(), 24);
    let undated = s.event_groups.last().map(|g| g.events.len());
    assert_eq!(undated, Some(11), "eight undated events and three alleged ones");
    assert_eq!(s.filter_summary, "none set");
    assert!(s.person_card.is_none());
    assert_eq!(s.people.len(), default_catalog().map(|c| c.dataset().persons.len()).unwrap_or(0));
    assert!(s.reader.articles[0].paragraphs.iter().flatten().any(|seg| seg.facts > 0), "spans are marked");
    assert!(!s.reader.mentions);
}

#[test]
fn one_person_gets_a_card_and_marks() {
    let s = screen_for("person=Qaisha%20Aqan", ViewParams::default());
    assert_eq!(s.selected, ["kaisha-akhan"]);
    assert_eq!(s.event_count, 4);
    assert_eq!(s.filter_summary, "Kaisha Akhan");
    assert_eq!(s.claims_heading, "Claims in view");
    let card = s.person_card.unwrap_or_else(|| panic!("a card"));
    assert_eq!(card.status, "refugee status (valid until Oct 29, 2021 – Oct 30, 2021, derived)");
    assert_eq!(card.status_day, "2020-10-31");
    assert!(s.people.iter().any(|p| p.id == "kaisha-akhan" && p.selected));
    assert!(s.reader.mentions);
    let chips: Vec<&Chip> = s.event_groups.iter().flat_map(|g| &g.events).flat_map(|e| &e.people).collect();
    assert!(chips.iter().any(|c| c.id == "kaisha-akhan" && c.selected));
}

#[test]
fn the_person_card_follows_the_chosen_day_and_says_what_is_undated() {
    let s = screen_for(
        "person=kaster-musakhan",
        ViewParams { status_day: Some("2020-01-15".into()), ..ViewParams::default() },
    );
    assert_eq!(s.person_card.map(|c| c.status).as_deref(), Some("detained"));
    let s = screen_for("person=sayragul-sauytbay", ViewParams::default());
    let card = s.person_card.unwrap_or_else(|| panic!("a card"));
    assert!(card.status.starts_with("No change of status (detention, conviction"), "{}", card.status);
    assert_eq!(
        card.undated.as_deref(),
        Some("Changes of status the article does not date: Asylum denied; Relocation; Asylum granted.")
    );
    let s = screen_for(
        "person=kaster-musakhan",
        ViewParams { status_day: Some("2020-13".into()), ..ViewParams::default() },
    );
    assert_eq!(s.person_card.map(|c| (c.status, c.status_day)), Some(("Pick a day.".into(), "2020-13".into())));
}

#[test]
fn unresolved_references_become_notices() {
    let s = screen_for("person=nobody&from=2020", ViewParams::default());
    assert!(s.notices.iter().any(|n| n.contains("no person matches `nobody`")), "{:?}", s.notices);
    assert!(s.semantics.is_some_and(|t| t.contains("2020-01-01 onwards")));
}

#[test]
fn focus_and_passage() {
    let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
    let span = catalog.event("bashagar-refugee-status").map(|e| e.event.spans[0].clone()).unwrap_or_else(|| panic!());
    let params = ViewParams {
        focus: Some("bashagar-refugee-status".into()),
        passage: Some((span.article.clone(), span.start.unwrap_or_default())),
        ..ViewParams::default()
    };
    let s = screen_for("person=malik-bashagar", params);
    let target: Vec<&Segment> =
        s.reader.articles.iter().flat_map(|a| a.paragraphs.iter().flatten()).filter(|s| s.focus_target).collect();
    assert_eq!(target.len(), 1);
    assert!(target[0].text.starts_with("Malik Bashagar"), "{:?}", target[0]);
    let focused: Vec<&EventCard> = s.event_groups.iter().flat_map(|g| &g.events).filter(|e| e.focused).collect();
    assert_eq!(focused.len(), 1);
    let passage = s.reader.passage.unwrap_or_default();
    assert!(passage.iter().any(|f| f.id == "bashagar-refugee-status"), "{passage:?}");
}

#[test]
fn direct_speech_is_quoted_once() {
    let s = screen_for("", ViewParams::default());
    for claim in s.claims.iter().filter(|c| c.direct) {
        assert!(
            claim.text.starts_with('“') && claim.text.ends_with('”') && !claim.text.ends_with(",”"),
            "{}",
            claim.text
        );
    }
}

#[test]
fn a_window_of_events_keeps_its_places_and_says_which_year_continues() {
    let all = screen_for("", ViewParams { events_window: Window { start: 0, len: 100 }, ..ViewParams::default() });
    let cards: Vec<&EventCard> = all.event_groups.iter().flat_map(|g| &g.events).collect();
    assert!(all.event_groups.iter().all(|g| !g.continued), "the whole list continues nothing");
    assert_eq!(cards.iter().map(|c| c.position).collect::<Vec<_>>(), (1..=24).collect::<Vec<_>>());
    // Every start: the window's first group continues exactly when the event before it is of
    // the same group in the whole list.
    let group_of =
        |position: usize| all.event_groups.iter().position(|g| g.events.iter().any(|c| c.position == position));
    for start in 0..24 {
        let s = screen_for("", ViewParams { events_window: Window { start, len: 3 }, ..ViewParams::default() });
        let shown: Vec<(usize, &str)> =
            s.event_groups.iter().flat_map(|g| g.events.iter().map(|c| (c.position, c.id.as_str()))).collect();
        let expected: Vec<(usize, &str)> =
            cards[start..(start + 3).min(24)].iter().map(|c| (c.position, c.id.as_str())).collect();
        assert_eq!(shown, expected, "window at {start}");
        assert_eq!(s.events_start, start);
        assert_eq!(s.event_count, 24, "the count is of the whole list");
        let continues = start > 0 && group_of(start) == group_of(start + 1);
        assert_eq!(s.event_groups[0].continued, continues, "window at {start}");
        assert!(s.event_groups.iter().skip(1).all(|g| !g.continued));
    }
    // A window past the end shows nothing, and says so without failing.
    let past = screen_for("", ViewParams { events_window: Window { start: 500, len: 3 }, ..ViewParams::default() });
    assert!(past.event_groups.is_empty());
    assert_eq!(past.event_count, 24);
}

#[test]
fn a_long_list_is_sent_a_screenful_first_and_a_short_one_whole() {
    let mut dataset = default_catalog().unwrap_or_else(|e| panic!("{e}")).into_dataset();
    let first = dataset.articles[0].clone();
    let person = dataset.persons[0].clone();
    for n in 0..WHOLE_ROWS {
        dataset.articles.push(Article { id: format!("copy-{n}"), ..first.clone() });
        dataset.persons.push(Person { id: format!("extra-{n}"), ..person.clone() });
    }
    let (articles, persons) = (dataset.articles.len(), dataset.persons.len());
    assert!(is_windowed(articles) && is_windowed(persons));
    let catalog = Catalog::new(dataset).unwrap_or_else(|e| panic!("{e}"));
    let long = screen(&catalog, &Filter::default(), &ViewParams::default());
    assert_eq!((long.articles.len(), long.articles_total, long.articles_start), (FIRST_ROWS, articles, 0));
    assert_eq!((long.people.len(), long.people_total, long.people_start), (FIRST_ROWS, persons, 0));
    // Asked for a window, the page gets that window, however long.
    let params = ViewParams { people_window: Window { start: 100, len: 80 }, ..ViewParams::default() };
    let asked = screen(&catalog, &Filter::default(), &params);
    assert_eq!((asked.people.len(), asked.people_start), (80, 100));
    // A list of WHOLE_ROWS or fewer is sent whole, with nothing to scroll for.
    let short = screen_for("", ViewParams::default());
    assert!(!is_windowed(short.people_total) && short.people.len() == short.people_total);
}

#[test]
fn a_window_of_the_article_list_keeps_its_places_and_the_count_of_all() {
    let mut dataset = default_catalog().unwrap_or_else(|e| panic!("{e}")).into_dataset();
    let first = dataset.articles[0].clone();
    for n in 1..=4 {
        dataset.articles.push(Article { id: format!("copy-{n}"), ..first.clone() });
    }
    let catalog = Catalog::new(dataset).unwrap_or_else(|e| panic!("{e}"));
    let filter = Filter::parse("source=copy-2").unwrap_or_else(|e| panic!("{e}"));
    let all = screen(&catalog, &filter, &ViewParams::default());
    let ids: Vec<&str> = all.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [first.id.as_str(), "copy-1", "copy-2", "copy-3", "copy-4"]);
    assert_eq!((all.articles_total, all.articles_start), (5, 0));
    let params = ViewParams { articles_window: Window { start: 2, len: 2 }, ..ViewParams::default() };
    let window = screen(&catalog, &filter, &params);
    assert_eq!((window.articles_total, window.articles_start), (5, 2));
    assert_eq!(window.articles, all.articles[2..4], "the same rows, fact counts and selection");
    assert!(window.articles[0].selected && !window.articles[1].selected);
    assert!(all.articles[0].facts > 0 && all.articles[1..].iter().all(|a| a.facts == 0));
}
