//! Every fixture under `tests/fixtures/invalid` fails with exactly the problem its name says, at a
//! precise place; every fixture under `tests/fixtures/valid` loads. The messages are pinned in
//! `tests/fixtures/invalid/EXPECTED.txt` (regenerate with `UPDATE_EXPECT=1 cargo test`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use factline_core::{LoadError, ProblemKind, load};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The problem kind a fixture's file name promises, for validation fixtures.
fn promised_kind(stem: &str) -> Option<ProblemKind> {
    Some(match stem {
        "unknown-format" => ProblemKind::UnknownFormat,
        "invalid-id" => ProblemKind::InvalidId,
        "duplicate-id" => ProblemKind::DuplicateId,
        "unresolved-reference" => ProblemKind::UnresolvedReference,
        "empty-field" => ProblemKind::EmptyField,
        "span-out-of-range" => ProblemKind::SpanOutOfRange,
        "span-mismatch" => ProblemKind::SpanMismatch,
        "invalid-date" => ProblemKind::InvalidDate,
        "reversed-interval" => ProblemKind::ReversedInterval,
        "date-basis" => ProblemKind::DateBasis,
        "derivation-incomplete" => ProblemKind::DerivationIncomplete,
        "group-members" => ProblemKind::GroupMembers,
        "invalid-url" => ProblemKind::InvalidUrl,
        _ => return None,
    })
}

#[test]
fn valid_fixtures_load() {
    let files = fixtures("valid");
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if let Err(e) = load(&text) {
            panic!("{} should load: {:#?}", file.display(), e.details());
        }
    }
}

#[test]
fn each_invalid_fixture_fails_precisely() {
    let mut report = String::new();
    let mut seen_kinds = Vec::new();
    for file in fixtures("invalid") {
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let error = match load(&text) {
            Ok(_) => panic!("{} should not load", file.display()),
            Err(e) => e,
        };
        match (&error, promised_kind(&stem)) {
            (LoadError::Invalid(problems), Some(kind)) => {
                assert_eq!(problems.len(), 1, "{stem}: expected one problem, got {problems:#?}");
                assert_eq!(problems[0].kind, kind, "{stem}");
                seen_kinds.push(kind);
            }
            (LoadError::Syntax { .. }, None) => assert_eq!(stem, "syntax"),
            (LoadError::TooDeep { .. }, None) => assert_eq!(stem, "too-deep"),
            (LoadError::Shape { .. }, None) => {
                assert!(["misshapen", "shape", "unknown-field", "unknown-kind"].contains(&stem.as_str()), "{stem}")
            }
            (other, promised) => panic!("{stem}: got {other:?}, expected {promised:?}"),
        }
        let _ = writeln!(report, "{stem}:");
        for line in error.details() {
            let _ = writeln!(report, "  {line}");
        }
    }
    assert_eq!(seen_kinds.len(), 13, "one fixture per validation problem kind");
    expect_test::expect_file!["../../../tests/fixtures/invalid/EXPECTED.txt"].assert_eq(&report);
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let big = format!(
        "{{\"format\": \"factline/1\", \"description\": \"{}\"}}",
        "x".repeat(factline_core::load::MAX_INPUT_BYTES)
    );
    match load(&big) {
        Err(LoadError::TooLarge { size, limit }) => assert!(size > limit),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn garbage_never_panics() {
    for input in [
        "",
        "null",
        "[]",
        "{}",
        "\"x\"",
        "{\"format\": 1}",
        "{\"format\": \"factline/1\"}",
        "\u{feff}{}",
        "{\"format\":\"factline/1\",\"articles\":[{}]}",
    ] {
        assert!(load(input).is_err(), "{input:?} should be refused");
    }
}
