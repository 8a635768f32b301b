//! Person and date-range queries on generated corpora of 10,000, 100,000 and 1,000,000 events:
//! one person, two people in all-mode, and one person with text, each by the catalog and by
//! SQLite (in memory, with a covering index on person, date and event) in the same run.
//!
//! `FACTLINE_BENCH_SIZES=10k,100k` limits the sizes. `cargo xtask bench` runs this and prints the
//! medians side by side with their ratio.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use factline_bench::{Shape, corpus};
use factline_core::{Catalog, Filter};
use rusqlite::{Connection, params};

const SIZES: [(&str, Shape); 3] = [
    ("10k", Shape { articles: 100, events_per_article: 100, persons: 300 }),
    ("100k", Shape { articles: 1_000, events_per_article: 100, persons: 3_000 }),
    ("1M", Shape { articles: 10_000, events_per_article: 100, persons: 30_000 }),
];

/// The range queried: 2005 to 2012, in days since 1970, and as the filter writes it.
const FROM: &str = "2005";
const TO: &str = "2012";

fn day(text: &str, last: bool) -> i32 {
    let bound = factline_core::DateBound::parse(text).unwrap_or_else(|e| panic!("{e}"));
    if last { bound.last_day() } else { bound.first_day() }.days_since_epoch()
}

/// The catalog's data in SQLite: events with their first and last day and search text, and who
/// takes part, indexed (person, earliest, latest, event) so a person's events in a range are read
/// from the index alone.
fn sqlite(catalog: &Catalog) -> Connection {
    let db = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    db.execute_batch(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, earliest INTEGER, latest INTEGER, search TEXT NOT NULL);
         CREATE TABLE takes_part (person INTEGER NOT NULL, earliest INTEGER, latest INTEGER, event INTEGER NOT NULL);",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let persons: std::collections::HashMap<&str, usize> =
        catalog.dataset().persons.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let tx = db.unchecked_transaction().unwrap_or_else(|e| panic!("{e}"));
    {
        let mut event = tx.prepare("INSERT INTO events VALUES (?1, ?2, ?3, ?4)").unwrap_or_else(|e| panic!("{e}"));
        let mut part = tx.prepare("INSERT INTO takes_part VALUES (?1, ?2, ?3, ?4)").unwrap_or_else(|e| panic!("{e}"));
        for e in catalog.all_events() {
            // Undated events have no days (they drop out of any range); open ends are unbounded.
            let (earliest, latest) = match e.date.map(|d| d.range()) {
                Some(r) => (
                    Some(r.earliest.map_or(i32::MIN, |d| d.days_since_epoch())),
                    Some(r.latest.map_or(i32::MAX, |d| d.days_since_epoch())),
                ),
                None => (None, None),
            };
            let search = catalog.folded_event_text(e.index).unwrap_or_default();
            event.execute(params![e.index as i64, earliest, latest, search]).unwrap_or_else(|x| panic!("{x}"));
            for p in &e.event.participants {
                if let Some(&person) = persons.get(p.entity.as_str()) {
                    part.execute(params![person as i64, earliest, latest, e.index as i64])
                        .unwrap_or_else(|x| panic!("{x}"));
                }
            }
        }
    }
    tx.commit().unwrap_or_else(|e| panic!("{e}"));
    db.execute_batch(
        "CREATE INDEX person_date ON takes_part (person, earliest, latest, event);
         CREATE INDEX event_person ON takes_part (event, person);
         ANALYZE;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    db
}

const ONE: &str =
    "SELECT event FROM takes_part WHERE person = ?1 AND earliest <= ?3 AND latest >= ?2 ORDER BY earliest, event";
const TWO: &str = "SELECT a.event FROM takes_part a JOIN takes_part b ON b.event = a.event AND b.person = ?4
    WHERE a.person = ?1 AND a.earliest <= ?3 AND a.latest >= ?2 ORDER BY a.earliest, a.event";
const TEXT: &str = "SELECT t.event FROM takes_part t JOIN events e ON e.id = t.event
    WHERE t.person = ?1 AND t.earliest <= ?3 AND t.latest >= ?2 AND e.search LIKE ?4 ORDER BY t.earliest, t.event";

fn queries(c: &mut Criterion) {
    let wanted = std::env::var("FACTLINE_BENCH_SIZES").unwrap_or_else(|_| "10k,100k,1M".into());
    for (label, shape) in SIZES.into_iter().filter(|(l, _)| wanted.split(',').any(|w| w.trim() == *l)) {
        let catalog = Catalog::new_prevalidated(corpus(shape));
        let db = sqlite(&catalog);
        let persons = &catalog.dataset().persons;
        // A person with events, and someone who takes part in one of them with them.
        let with_pair =
            catalog.dataset().events.iter().find(|e| e.participants.len() == 2).unwrap_or_else(|| panic!("no pair"));
        let (a, b) = (&with_pair.participants[0].entity, &with_pair.participants[1].entity);
        let index = |id: &str| persons.iter().position(|p| p.id == id).unwrap_or(0) as i64;
        let (pa, pb) = (index(a), index(b));
        let (from, to) = (day(FROM, false), day(TO, true));
        let word = "detained";
        let cases: [(&str, String); 3] = [
            ("one person", format!("person={a}&from={FROM}&to={TO}")),
            ("two people, all", format!("person={a}&person={b}&persons=all&from={FROM}&to={TO}")),
            ("one person and text", format!("person={a}&from={FROM}&to={TO}&q={word}")),
        ];
        let filters: Vec<Filter> =
            cases.iter().map(|(_, q)| Filter::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"))).collect();
        let factline = |f: &Filter| catalog.select(f).map(|s| catalog.events(&s).len()).unwrap_or(0);
        let mut one = db.prepare(ONE).unwrap_or_else(|e| panic!("{e}"));
        let mut two = db.prepare(TWO).unwrap_or_else(|e| panic!("{e}"));
        let mut text = db.prepare(TEXT).unwrap_or_else(|e| panic!("{e}"));
        let like = format!("%{word}%");
        let count = |stmt: &mut rusqlite::Statement<'_>, p: &[&dyn rusqlite::ToSql]| -> usize {
            stmt.query_map(p, |r| r.get::<_, i64>(0)).map(|rows| rows.count()).unwrap_or(0)
        };
        // Both answer the same before either is timed.
        let sqlite_counts = [
            count(&mut one, &[&pa, &from, &to]),
            count(&mut two, &[&pa, &from, &to, &pb]),
            count(&mut text, &[&pa, &from, &to, &like]),
        ];
        let factline_counts: Vec<usize> = filters.iter().map(factline).collect();
        assert_eq!(factline_counts, sqlite_counts, "{label}: the catalog and SQLite disagree");
        println!("{label}: {} events; answers {factline_counts:?}", catalog.dataset().events.len());
        let mut group = c.benchmark_group(format!("queries {label}"));
        for ((name, _), filter) in cases.iter().zip(&filters) {
            group.bench_with_input(BenchmarkId::new("factline", name), filter, |bench, f| bench.iter(|| factline(f)));
        }
        group.bench_function(BenchmarkId::new("sqlite", cases[0].0), |bench| {
            bench.iter(|| count(&mut one, &[&pa, &from, &to]))
        });
        group.bench_function(BenchmarkId::new("sqlite", cases[1].0), |bench| {
            bench.iter(|| count(&mut two, &[&pa, &from, &to, &pb]))
        });
        group.bench_function(BenchmarkId::new("sqlite", cases[2].0), |bench| {
            bench.iter(|| count(&mut text, &[&pa, &from, &to, &like]))
        });
        // What the page asks the worker for on a click: the whole screen, first window.
        let everything = factline_core::view::ViewParams { show_spans: true, ..Default::default() };
        let one = factline_core::view::ViewParams { query: cases[0].1.clone(), show_spans: true, ..Default::default() };
        group.bench_function("screen/everything", |bench| {
            bench.iter(|| factline_core::view::screen(&catalog, &Filter::default(), &everything).event_count)
        });
        group.bench_function("screen/one person", |bench| {
            bench.iter(|| factline_core::view::screen(&catalog, &filters[0], &one).event_count)
        });
        group.finish();
    }
}

criterion_group!(benches, queries);
criterion_main!(benches);
