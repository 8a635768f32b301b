//! Every fixture under `tests/fixtures/invalid` fails with exactly the problem its name says, at a
//! precise place; every fixture under `tests/fixtures/valid` loads. The messages are pinned in
//! `tests/fixtures/invalid/EXPECTED.txt` (regenerate with `UPDATE_EXPECT=1 cargo test`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use factline_core::format::read::MAX_PROBLEMS;
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
        if let Err(e) = load(text.as_bytes()) {
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
        let error = match load(text.as_bytes()) {
            Ok(_) => panic!("{} should not load", file.display()),
            Err(e) => e,
        };
        match (&error, promised_kind(&stem)) {
            (LoadError::Invalid(problems), Some(kind)) => {
                assert_eq!(problems.total, 1, "{stem}: expected one problem, got {problems:#?}");
                assert_eq!(problems.list[0].kind, kind, "{stem}");
                seen_kinds.push(kind);
            }
            (LoadError::Syntax { .. }, None) => assert_eq!(stem, "syntax"),
            (LoadError::TooDeep { .. }, None) => assert_eq!(stem, "too-deep"),
            (LoadError::Shape(_), None) => {
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

/// Validation takes time linear in the input, and describes only the first problems: a large
/// article with many thousands of misplaced spans is checked, and its report stays small.
#[test]
fn many_problems_are_counted_and_the_first_described() {
    let text = "word ".repeat(200_000);
    let span = |i: usize| {
        format!("{{\"article\": \"a\", \"start\": {}, \"end\": {}, \"exact\": \"not there\"}}", i * 5, i * 5 + 4)
    };
    let events: Vec<String> = (0..20_000)
        .map(|i| format!("{{\"id\": \"e{i}\", \"kind\": \"statement\", \"summary\": \"s\", \"spans\": [{}]}}", span(i)))
        .collect();
    let json = format!(
        "{{\"format\": \"factline/1\", \"articles\": [{{\"id\": \"a\", \"title\": \"t\", \"author\": \"x\", \"publisher\": \"p\", \"published\": \"2020-01-01\", \"language\": \"en\", \"paragraphs\": [\"{text}\"]}}], \"events\": [{}]}}",
        events.join(",\n")
    );
    // A check that grew with article length times mismatched spans would not finish here.
    let Err(LoadError::Invalid(problems)) = load(json.as_bytes()) else { panic!("expected validation problems") };
    assert_eq!(problems.total, 20_000);
    assert_eq!(problems.list.len(), MAX_PROBLEMS);
    assert_eq!(problems.list[0].at.map(|a| a.line), Some(1), "{:?}", problems.list[0]);
    assert_eq!(problems.list[1].at.map(|a| a.line), Some(2), "{:?}", problems.list[1]);
    let lines = LoadError::Invalid(problems).details();
    assert_eq!(lines.len(), MAX_PROBLEMS + 1);
    assert_eq!(lines[MAX_PROBLEMS], "… and 19900 more problem(s); only the first 100 are listed");
    assert!(lines.iter().map(String::len).sum::<usize>() < 100_000, "the report stays small");
}
