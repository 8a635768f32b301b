//! The engine: datasets behind handles, checked and indexed once, and messages it cannot read.

use super::*;
use crate::trace::{Counter, total};

const MINIMAL: &str = include_str!("../../../../tests/fixtures/valid/minimal.json");

fn open(engine: &mut Engine, text: &str) -> Reply {
    engine.handle(Request::Open { bytes: text.as_bytes().to_vec(), max_bytes: 1 << 20 })
}

#[test]
fn one_load_and_any_number_of_requests_validate_and_index_once() {
    let mut engine = Engine::new();
    let (validated, indexed) = (total(Counter::Validation), total(Counter::Indexing));
    let Reply::Opened { dataset } = open(&mut engine, MINIMAL) else { panic!("the fixture is valid") };
    assert_ne!(dataset, Handle::BUILTIN);
    for query in ["", "person=ann-lee", "from=2020"] {
        let params = ViewParams { query: query.into(), show_spans: true, ..ViewParams::default() };
        assert!(matches!(engine.handle(Request::View { dataset, params }), Reply::View(_)));
        for format in Format::ALL {
            let reply = engine.handle(Request::Export { dataset, format, query: query.into() });
            assert!(matches!(reply, Reply::File { .. }), "{reply:?}");
        }
    }
    assert_eq!(total(Counter::Validation) - validated, 1, "validated once, when opened");
    assert_eq!(total(Counter::Indexing) - indexed, 1, "indexed once, when opened");
}

#[test]
fn the_builtin_article_is_held_from_the_start() {
    let mut engine = Engine::new();
    let params = ViewParams { query: "person=kaisha-akhan".into(), ..ViewParams::default() };
    let Reply::View(screen) = engine.handle(Request::View { dataset: Handle::BUILTIN, params }) else { panic!() };
    assert_eq!(screen.event_count, 4);
    let reply = engine.handle(Request::Export {
        dataset: Handle::BUILTIN,
        format: Format::Csv,
        query: "person=kaisha-akhan".into(),
    });
    let Reply::File { name, media_type, body, notes } = reply else { panic!("no file") };
    assert_eq!(name, "eurasianet-2020-10-31-xinjiang-fugitives.csv");
    assert_eq!(media_type, "text/csv;charset=utf-8");
    let ids: std::collections::BTreeSet<&str> = body.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(ids.len(), 4, "Kaisha Akhan's four events, a row per span: {body}");
    assert!(notes.is_empty());
    // The built-in article cannot be closed.
    assert_eq!(engine.handle(Request::Close { dataset: Handle::BUILTIN }), Reply::Closed);
    assert!(engine.catalog(Handle::BUILTIN).is_some());
}

#[test]
fn a_refused_file_gets_every_problem_and_nothing_is_held() {
    let mut engine = Engine::new();
    let Reply::Refused { count, problems, note } =
        open(&mut engine, r#"{"format": "factline/1", "articles": [{"id": 5}]}"#)
    else {
        panic!("not refused")
    };
    assert_eq!((count.as_str(), note), ("1 problem", None));
    assert!(problems.iter().any(|l| l.starts_with("$.articles[0]")), "{problems:?}");
    let Reply::Refused { problems, .. } = open(&mut engine, "[") else { panic!("not refused") };
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("not valid JSON"), "{problems:?}");
    let too_big = engine.handle(Request::Open { bytes: vec![b' '; 100], max_bytes: 10 });
    assert!(
        matches!(&too_big, Reply::Refused { problems, .. } if problems[0].contains("more than the 10 B limit")),
        "{too_big:?}"
    );
    assert_eq!(engine.datasets.len(), 1, "only the built-in article is held");
}

#[test]
fn closed_datasets_are_forgotten() {
    let mut engine = Engine::new();
    let Reply::Opened { dataset } = open(&mut engine, MINIMAL) else { panic!() };
    assert_eq!(engine.handle(Request::Close { dataset }), Reply::Closed);
    let reply = engine.handle(Request::View { dataset, params: ViewParams::default() });
    assert!(matches!(&reply, Reply::Failed(m) if m.contains("no longer open")), "{reply:?}");
    let reply = engine.handle(Request::Export { dataset: Handle(99), format: Format::Json, query: String::new() });
    assert!(matches!(reply, Reply::Failed(_)));
}

#[test]
fn messages_round_trip_and_unreadable_ones_are_answered() {
    let request =
        Message { id: 7, body: Request::Export { dataset: Handle(3), format: Format::Ics, query: "from=2020".into() } };
    assert_eq!(Message::<Request>::decode(&request.encode()), Ok(request));
    let mut engine = Engine::new();
    // A request number, then a kind this version does not have.
    let reply = Message::<Reply>::decode(&engine.handle_message(&[5, 200])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(reply.id, 5);
    assert!(matches!(&reply.body, Reply::Failed(m) if m.contains("not one this version understands")), "{reply:?}");
    let reply = Message::<Reply>::decode(&engine.handle_message(&[])).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(&reply.body, Reply::Failed(m) if m.contains("no request number")), "{reply:?}");
    assert!(Message::<Request>::decode(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
    let view = Message { id: 1, body: Request::View { dataset: Handle::BUILTIN, params: ViewParams::default() } };
    let reply = Message::<Reply>::decode(&engine.handle_message(&view.encode())).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(reply.body, Reply::View(s) if s.event_count == 24));
}

#[test]
fn opening_tells_each_stage_and_a_refused_file_stops_before_indexing() {
    let mut engine = Engine::new();
    let mut told = Vec::new();
    let reply = engine.open(MINIMAL.as_bytes(), 1 << 20, &mut |stage| told.push(stage));
    assert!(matches!(reply, Reply::Opened { .. }), "{reply:?}");
    assert_eq!(told.len(), 3, "{told:?}");
    assert!(told[0].starts_with("Reading ") && told[0].ends_with(" of JSON"), "{told:?}");
    assert!(told[1].starts_with("Checking"), "{told:?}");
    assert!(told[2].starts_with("Indexing"), "{told:?}");
    // A broken reference is found while checking; nothing is indexed or held.
    let broken = MINIMAL.replacen("\"ann-lee\"", "\"nobody\"", 1);
    let mut told = Vec::new();
    let reply = engine.open(broken.as_bytes(), 1 << 20, &mut |stage| told.push(stage));
    assert!(matches!(reply, Reply::Refused { .. }), "{reply:?}");
    assert!(told.last().is_some_and(|s| s.starts_with("Checking")), "{told:?}");
}

#[test]
fn a_screen_asked_for_again_is_the_same_and_not_computed_again() {
    let mut engine = Engine::new();
    let Reply::Opened { dataset } = open(&mut engine, MINIMAL) else { panic!("the fixture is valid") };
    let view = |engine: &mut Engine, query: &str| {
        let params = ViewParams { query: query.into(), show_spans: true, ..ViewParams::default() };
        match engine.handle(Request::View { dataset, params }) {
            Reply::View(screen) => *screen,
            other => panic!("{other:?}"),
        }
    };
    let computed = total(Counter::Screen);
    let everything = view(&mut engine, "");
    let one = view(&mut engine, "person=ann-lee");
    assert_ne!(everything, one);
    // Back and forth, as a reader clicks a person and Reset.
    assert_eq!(view(&mut engine, ""), everything);
    assert_eq!(view(&mut engine, "person=ann-lee"), one);
    assert_eq!(total(Counter::Screen) - computed, 2, "each screen computed once");
    // Other views push the oldest out; it is computed again, the same.
    for (n, query) in ["from=2020", "from=2021", "from=2022", "from=2023"].into_iter().enumerate() {
        view(&mut engine, query);
        assert_eq!(total(Counter::Screen) - computed, 3 + n as u64);
    }
    assert_eq!(view(&mut engine, ""), everything);
    assert_eq!(total(Counter::Screen) - computed, 7);
}
