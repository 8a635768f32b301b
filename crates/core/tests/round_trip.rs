//! Load → serialize → load is lossless, and exports are idempotent: exporting the JSON export
//! again, under the same filter, gives the same text in every format.

use factline_core::embedded::DEFAULT_DATASET_JSON;
use factline_core::export::{Format, export};
use factline_core::format::write::to_pretty_json;
use factline_core::{Catalog, Filter, Limits, load, parse_dataset};

fn datasets() -> Vec<(&'static str, String)> {
    let minimal =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/valid/minimal.json"))
            .unwrap_or_default();
    vec![("built-in", DEFAULT_DATASET_JSON.to_string()), ("minimal", minimal)]
}

fn must_load(name: &str, json: &str) -> Catalog {
    load(json.as_bytes()).unwrap_or_else(|e| panic!("{name}: {:#?}", e.details()))
}

fn export_text(catalog: &Catalog, selection: &factline_core::Selection, format: Format) -> String {
    export(catalog, selection, format, &Limits::default()).map(|e| e.body).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn serialize_and_reload_is_lossless() {
    for (name, json) in datasets() {
        let first = parse_dataset(json.as_bytes(), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = to_pretty_json(&first);
        let second = parse_dataset(text.as_bytes(), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(first, second, "{name}");
        assert_eq!(to_pretty_json(&second), text, "{name}: serialization is stable");
    }
    // The shipped file is stored in canonical form, so a diff of it is a diff of the data.
    let shipped = parse_dataset(DEFAULT_DATASET_JSON.as_bytes(), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        to_pretty_json(&shipped) == DEFAULT_DATASET_JSON,
        "assets/data is not in canonical form; rewrite it with `factline export --format json -o <file>`"
    );
}

#[test]
fn exports_are_idempotent() {
    let filters = [
        "",
        "person=sayragul-sauytbay",
        "person=the-pair&from=2019&to=2020-10",
        "q=refugee&mode=within&from=2020",
        // An alleged event without the claim that alleges it, and claims without the events they are about.
        "q=grants%20coordinated",
        "person=ann-lee",
    ];
    let mut checked = 0;
    for (name, json) in datasets() {
        let catalog = must_load(name, &json);
        for query in filters {
            let Ok(filter) = Filter::parse(query) else { panic!("{query}") };
            // A person of the other dataset names nobody here; that is not this test's concern.
            let Ok(selection) = catalog.select(&filter) else { continue };
            let exported = export_text(&catalog, &selection, Format::Json);
            let again_catalog = must_load(&format!("{name} export of {query:?}"), &exported);
            let Ok(again_selection) = again_catalog.select(&filter) else { panic!("{name} {query}: persons vanished") };
            for format in Format::ALL {
                assert_eq!(
                    export_text(&again_catalog, &again_selection, format),
                    export_text(&catalog, &selection, format),
                    "{name}, {query:?}, {}",
                    format.name()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} exports compared");
}

#[test]
fn derived_events_keep_what_they_rest_on() {
    let catalog = must_load("built-in", DEFAULT_DATASET_JSON);
    let Ok(filter) = Filter::parse("q=runs%20out") else { panic!("bad query") };
    let Ok(selection) = catalog.select(&filter) else { panic!("bad selection") };
    assert_eq!(catalog.events(&selection).len(), 3);
    let exported = export_text(&catalog, &selection, Format::Json);
    let subset = must_load("subset", &exported);
    assert!(subset.event("akhan-refugee-status-expiry").is_some());
    assert!(subset.event("akhan-refugee-status").is_some(), "the grant it derives from comes along");
}

/// Whatever Factline writes it reads back: a dataset whose pretty JSON would pass the limit is
/// written compactly, and one too large even so is refused with a message, never written.
#[test]
fn what_is_written_can_be_read_back() {
    let catalog = must_load("built-in", DEFAULT_DATASET_JSON);
    let pretty = to_pretty_json(catalog.dataset());
    let compact_len = serde_json::to_string(catalog.dataset()).map(|s| s.len() + 1).unwrap_or(0);
    let limits = Limits { max_bytes: compact_len + 10 };
    assert!(pretty.len() > limits.max_bytes);
    let (selection, _) = catalog.select_lenient(&Filter::default());
    let written = export(&catalog, &selection, Format::Json, &limits).map(|e| e.body).unwrap_or_default();
    assert!(written.len() <= limits.max_bytes);
    let again = factline_core::load_with(written.as_bytes(), &limits).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.dataset(), catalog.dataset());
    let too_small = Limits { max_bytes: compact_len - 100 };
    let error = export(&catalog, &selection, Format::Json, &too_small).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("more than the") && error.contains("can be read back"), "{error}");
}
