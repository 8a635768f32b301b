//! The properties each fuzz target checks, on any input: nothing panics, and what can be read
//! round-trips. The cargo-fuzz targets in `tests/fuzz` call these; `tests/replay.rs` runs them on
//! the saved corpus in every test run, without a nightly toolchain.

use std::cell::RefCell;

use factline_core::format::read::{LoadError, decode_text};
use factline_core::format::write::to_pretty_json;
use factline_core::service::{Engine, Message, Reply, Request};
use factline_core::view::{ViewParams, screen};
use factline_core::{DateBound, Edtf, Filter, Limits, load_with, parse_dataset};

/// A fuzz target's check.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name: what `cargo xtask fuzz` runs and the corpus folders are called.
pub const TARGETS: [(&str, Check); 4] = [("load", load), ("query", query), ("edtf", edtf), ("message", message)];

/// Reading a dataset: any bytes give a dataset or an error whose positions are inside the text;
/// a dataset read writes out and reads back equal; a valid one has a screen.
pub fn load(data: &[u8]) {
    let limits = Limits { max_bytes: 1 << 20 };
    match parse_dataset(data, &limits) {
        Ok(dataset) => {
            let again = parse_dataset(to_pretty_json(&dataset).as_bytes(), &Limits::default());
            assert_eq!(again.as_ref(), Ok(&dataset), "a dataset read must read back after writing");
        }
        Err(error) => {
            let lines = decode_text(data).map(|t| t.lines().count().max(1)).unwrap_or(usize::MAX);
            if let Some(problems) = error.problems() {
                assert!(problems.list.len() <= problems.total);
                for p in &problems.list {
                    assert!(p.at.is_none_or(|at| at.line <= lines), "{p} is past the end of the text");
                }
            }
            let _ = error.details();
        }
    }
    if let Ok(catalog) = load_with(data, &limits) {
        let _ = screen(&catalog, &Filter::default(), &ViewParams { show_spans: true, ..ViewParams::default() });
    } else if let Err(LoadError::TooLarge { .. }) = load_with(data, &limits) {
        assert!(data.len() > limits.max_bytes);
    }
}

/// The query string: whatever it says, the usable part comes back the same from its canonical
/// form.
pub fn query(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (filter, _) = Filter::parse_lenient(text);
    let canonical = filter.to_query_string();
    assert_eq!(Filter::parse(&canonical), Ok(filter.clone()), "{canonical:?} must parse back");
    let _ = filter.date_semantics();
}

/// EDTF dates and range bounds: a parsed date covers a forward interval and can be described.
pub fn edtf(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(date) = Edtf::parse(text) {
        let range = date.range();
        if let (Some(a), Some(b)) = (range.earliest, range.latest) {
            assert!(a <= b, "{text}: {a} after {b}");
        }
        assert_eq!(date.as_str(), text);
        let _ = date.describe();
    }
    if let Ok(bound) = DateBound::parse(text) {
        assert!(bound.first_day() <= bound.last_day());
    }
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
}

/// The worker's messages: any bytes get a reply the page can read, and nothing panics.
pub fn message(data: &[u8]) {
    let _ = Message::<Request>::decode(data);
    let _ = Message::<Reply>::decode(data);
    let reply = ENGINE.with_borrow_mut(|engine| engine.handle_message(data));
    assert!(Message::<Reply>::decode(&reply).is_ok(), "every reply can be read");
}
