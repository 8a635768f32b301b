//! nst/JSONTestSuite's parsing tests (vendored under `tests/json-test-suite/`): valid JSON is read
//! as JSON and refused only for its shape; invalid JSON is refused with a position; nothing panics.

use std::path::Path;

use factline_core::{Limits, LoadError, parse_dataset};

fn cases() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/json-test-suite/test_parsing");
    let mut cases: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn valid_json_is_never_a_syntax_error() {
    let mut checked = 0;
    for (name, bytes) in cases().into_iter().filter(|(n, _)| n.starts_with("y_")) {
        match parse_dataset(&bytes, &Limits::default()) {
            Err(LoadError::Shape(problems)) => assert!(!problems.list.is_empty(), "{name}"),
            // `{}` and friends lack a `format`, which is reported on its own.
            Err(LoadError::Invalid(problems)) => assert_eq!(problems.list[0].path, "$.format", "{name}"),
            other => panic!("{name}: expected shape problems, got {other:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 90, "only {checked} y_ files");
}

#[test]
fn invalid_json_is_refused_with_a_position() {
    let mut checked = 0;
    for (name, bytes) in cases().into_iter().filter(|(n, _)| n.starts_with("n_")) {
        match parse_dataset(&bytes, &Limits::default()) {
            Err(LoadError::Syntax { at, .. } | LoadError::TooDeep { at, .. }) => {
                assert!(at.line >= 1 && at.column >= 1, "{name}")
            }
            // Bytes that are not UTF-8 are named, with where decoding stops or what they are instead.
            Err(LoadError::Encoding { at, message }) => {
                assert!(at.is_some() || message.contains("UTF-16") || message.contains("UTF-32"), "{name}: {message}")
            }
            other => panic!("{name}: expected a syntax error, got {other:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 180, "only {checked} n_ files");
}

#[test]
fn implementation_defined_cases_do_not_panic() {
    for (name, bytes) in cases().into_iter().filter(|(n, _)| n.starts_with("i_")) {
        let result = parse_dataset(&bytes, &Limits::default());
        assert!(result.is_err(), "{name}: no i_ file is a dataset");
    }
}
