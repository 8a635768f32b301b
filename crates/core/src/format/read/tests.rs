//! Reading: limits, encodings, syntax, shape problems with their paths and positions.

use super::*;

fn parse(text: &str) -> Result<Dataset, LoadError> {
    parse_dataset(text.as_bytes(), &Limits::default())
}

fn shape_lines(text: &str) -> Vec<String> {
    match parse(text) {
        Err(LoadError::Shape(problems)) => problems.lines(),
        other => panic!("expected shape problems, got {other:?}"),
    }
}

#[test]
fn reports_syntax_position() {
    match parse("{\n  \"format\": \"factline/1\",\n  \"articles\": [,]\n}") {
        Err(LoadError::Syntax { at, message }) => {
            assert_eq!((at.line, at.column), (3, 16));
            assert_eq!(message, "expected value");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn syntax_is_reported_before_shape() {
    let text = "{\"format\": \"factline/1\", \"articles\": 5,\n \"events\": [}";
    assert!(matches!(parse(text), Err(LoadError::Syntax { at: Position { line: 2, .. }, .. })), "{:?}", parse(text));
}

#[test]
fn deep_nesting_is_refused_while_parsing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    match parse(&deep) {
        Err(LoadError::TooDeep { limit, at }) => {
            assert_eq!(limit, MAX_DEPTH);
            assert_eq!(at.line, 1);
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    // The deepest nesting read is read; one level more is what the message names.
    let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    assert!(serde_json::from_str::<IgnoredAny>(&nested(MAX_DEPTH)).is_ok());
    match parse(&nested(MAX_DEPTH + 1)) {
        Err(e @ LoadError::TooDeep { .. }) => {
            assert_eq!(e.to_string(), "line 1, column 128: JSON nests deeper than 127 levels")
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    let quoted = format!(r#"{{"format": "factline/1", "a": "{}"}}"#, "[".repeat(MAX_DEPTH + 1));
    assert!(!matches!(parse(&quoted), Err(LoadError::TooDeep { .. })), "brackets inside strings are text");
}

#[test]
fn reports_every_shape_problem_with_its_path_in_document_order() {
    let json = concat!(
        "{\"format\": \"factline/1\",\n",
        " \"articles\": [{\"id\": 5, \"titel\": \"x\"}],\n",
        " \"events\": [{\"id\": \"e\", \"kind\": \"escape\", \"summary\": \"s\", \"spans\": [{\"article\": \"a\", \"start\": -1, \"end\": 1.5, \"exact\": \"x\"}]},\n",
        "  {\"id\": \"f\", \"kind\": \"release\", \"summary\": \"s\", \"spans\": \"none\"}]}"
    );
    // serde lists the fields it expected; the model is their one list, so only the start is pinned.
    let lines: Vec<String> = shape_lines(json)
        .into_iter()
        .map(|l| match l.find(", expected one of `id`") {
            Some(at) => l[..at].to_string(),
            None => l,
        })
        .collect();
    assert_eq!(
        lines,
        [
            "$.articles[0].id (line 2, column 22): invalid type: number `5`, expected a string",
            "$.articles[0].titel (line 2, column 25): unknown field `titel`",
            "$.events[0].kind (line 3, column 33): unknown variant `escape`, expected one of `border_crossing`, \
             `detention`, `conviction`, `release`, `appeal`, `refugee_status_granted`, `refugee_status_expiry`, \
             `asylum_granted`, `asylum_denied`, `relocation`, `award`, `testimony`, `declaration`, \
             `publication`, `statement`",
            "$.events[0].spans[0].start (line 3, column 95): invalid value: number `-1`, expected a whole number from 0 to 4294967295",
            "$.events[0].spans[0].end (line 3, column 106): invalid type: number `1.5`, expected a whole number from 0 to 4294967295",
            "$.events[1].spans (line 4, column 59): invalid type: string \"none\", expected a list",
        ]
    );
}

#[test]
fn a_missing_field_is_reported_once_with_the_object() {
    let json = "{\"format\": \"factline/1\", \"articles\": [{\"id\": \"a\"}], \"events\": []}";
    let lines = shape_lines(json);
    assert_eq!(lines, ["$.articles[0] (line 1, column 39): missing field `title`"]);
}

#[test]
fn the_list_of_shape_problems_is_capped_and_says_so() {
    let events: Vec<String> = (0..5_000)
        .map(|i| format!("{{\"id\": \"e{i}\", \"kind\": \"nope\", \"summary\": \"s\", \"spans\": []}}"))
        .collect();
    let json = format!("{{\"format\": \"factline/1\", \"articles\": [], \"events\": [{}]}}", events.join(",\n"));
    let Err(LoadError::Shape(problems)) = parse(&json) else { panic!("expected shape problems") };
    assert_eq!(problems.list.len(), MAX_PROBLEMS);
    assert!(!problems.complete);
    assert_eq!(problems.list[99].path, "$.events[99].kind");
    assert_eq!(problems.list[99].at.map(|a| a.line), Some(100));
    assert!(problems.lines().last().is_some_and(|l| l.contains("stopped after these 100")), "{:?}", problems.lines());
}

#[test]
fn refuses_other_versions_first() {
    let json = r#"{"format": "factline/2", "articles": "not even a list"}"#;
    match parse(json) {
        Err(LoadError::Invalid(p)) => {
            assert_eq!(p.list.len(), 1);
            assert_eq!(p.list[0].kind, ProblemKind::UnknownFormat);
            assert_eq!(
                p.list[0].to_string(),
                "$.format: unknown format `factline/2`; this version of Factline reads `factline/1`"
            );
        }
        other => panic!("expected an unknown format, got {other:?}"),
    }
    let Err(LoadError::Invalid(p)) = parse(r#"{"articles": []}"#) else { panic!("format is required") };
    assert_eq!(p.list[0].message, "missing `format`; a dataset starts with \"format\": \"factline/1\"");
}

#[test]
fn refuses_oversized_input_before_parsing() {
    let limits = Limits { max_bytes: 1000 };
    let big = " ".repeat(1001);
    assert_eq!(parse_dataset(big.as_bytes(), &limits), Err(LoadError::TooLarge { size: Some(1001), limit: 1000 }));
    assert_eq!(
        LoadError::TooLarge { size: Some(9_000_000), limit: 8 * 1024 * 1024 }.to_string(),
        "the input is 8.6 MiB (9000000 bytes), more than the 8.0 MiB limit"
    );
    // Where rounding would make the size and the limit read the same, the limit is exact too.
    assert_eq!(
        LoadError::TooLarge { size: Some(4570), limit: 4096 }.to_string(),
        "the input is 4 KiB (4570 bytes), more than the 4 KiB (4096 bytes) limit"
    );
}

#[test]
fn encodings_are_named() {
    let minimal = include_str!("../../../../../tests/fixtures/valid/minimal.json");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(minimal.as_bytes());
    assert!(parse_dataset(&bom, &Limits::default()).is_ok(), "a UTF-8 byte order mark is skipped");
    let utf16le: Vec<u8> =
        std::iter::once(0xFEFF_u16).chain(minimal.encode_utf16()).flat_map(|u| u.to_le_bytes()).collect();
    let message = parse_dataset(&utf16le, &Limits::default()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("UTF-16 (little-endian)") && message.contains("save it as UTF-8"), "{message}");
    let utf16be: Vec<u8> = minimal.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let message = parse_dataset(&utf16be, &Limits::default()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("UTF-16 or UTF-32"), "{message}");
    let mut latin1 = b"{\"format\": \"factline/1\",\n \"description\": \"caf".to_vec();
    latin1.extend_from_slice(b"\xE9\"}");
    match parse_dataset(&latin1, &Limits::default()) {
        Err(e @ LoadError::Encoding { at: Some(at), .. }) => {
            assert_eq!((at.line, at.column), (2, 21));
            assert!(e.to_string().contains("byte 45"), "{e}");
            assert_eq!(e.details(), [format!("line 2, column 21: {e}")]);
        }
        other => panic!("expected an encoding error, got {other:?}"),
    }
}

#[test]
fn columns_count_characters() {
    // Two-byte characters before the error: the column counts them once each.
    match parse("{\"description\": \"ééé\", x}") {
        Err(LoadError::Syntax { at, .. }) => assert_eq!((at.line, at.column), (1, 24)),
        other => panic!("expected a syntax error, got {other:?}"),
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
        "{\"format\":\"factline/1\",\"articles\":[1,2,3]}",
        "{\"format\":\"factline/1\",\"persons\":[{\"id\":\"a\",\"name\":\"b\",\"aliases\":[{\"name\":\"c\",\"source\":{\"kind\":\"x\"}}]}]}",
    ] {
        assert!(load(input.as_bytes()).is_err(), "{input:?} should be refused");
    }
}

#[test]
fn key_positions_skip_escaped_quotes() {
    let text = r#"{"a\"b": 1}"#;
    let value_start = text.find('1').unwrap_or_default();
    assert_eq!(key_start(text, value_start), Some(1));
}

#[test]
fn paths_round_trip() {
    let steps = vec![Step::Key("events".into()), Step::Index(3), Step::Key("spans".into()), Step::Index(0)];
    assert_eq!(path_text(&steps), "$.events[3].spans[0]");
    assert_eq!(parse_path("$.events[3].spans[0]"), Some(steps));
    assert_eq!(parse_path("$"), Some(vec![]));
    assert_eq!(parse_path("events"), None);
}

#[test]
fn the_path_at_a_position() {
    let text = "{\"a\": [1, {\"b\": \"x\"}], \"c\": 2}";
    let at = text.find("\"x\"").unwrap_or_default() + 1;
    assert_eq!(path_at(text, at), [Step::Key("a".into()), Step::Index(1), Step::Key("b".into())]);
    assert_eq!(path_at(text, 0), Vec::<Step>::new());
    assert_eq!(byte_offset("ab\ncd", 2, 2), 4);
}

#[test]
fn a_huge_misshapen_file_gets_its_first_problem_with_a_path() {
    let padding = "x".repeat(MAX_FULL_SHAPE_CHECK_BYTES);
    let json = format!(
        "{{\"format\": \"factline/1\", \"description\": \"{padding}\", \"articles\": [], \"events\": [{{\"id\": \"e\", \"kind\": \"nope\"}}]}}"
    );
    let Err(LoadError::Shape(problems)) = parse(&json) else { panic!("expected a shape problem") };
    assert_eq!(problems.list.len(), 1);
    assert!(!problems.complete, "the rest were not searched");
    assert_eq!(problems.list[0].path, "$.events[0].kind");
    assert!(problems.list[0].message.starts_with("unknown variant `nope`"), "{:?}", problems.list[0]);
}

#[test]
fn byte_counts_read_in_the_unit_that_fits() {
    let cases = [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1 KiB"),
        (1535, "1 KiB"),
        (1536, "2 KiB"),
        (1024 * 1024 - 1, "1024 KiB"),
        (1024 * 1024, "1.0 MiB"),
        (1_310_720, "1.3 MiB"),
        (9_000_000, "8.6 MiB"),
        (8 * 1024 * 1024, "8.0 MiB"),
        (1024 * 1024 * 1024 - 1, "1024.0 MiB"),
        (64 * 1024 * 1024 * 1024, "64.0 GiB"),
        (u64::MAX, "17179869184.0 GiB"),
    ];
    for (bytes, text) in cases {
        assert_eq!(human(bytes), text, "{bytes} bytes");
    }
}

/// The shape problems of `minimal.json` with `from` replaced by `to` (once).
fn minimal_with(from: &str, to: &str) -> Vec<String> {
    let minimal = include_str!("../../../../../tests/fixtures/valid/minimal.json");
    assert!(minimal.contains(from), "{from:?} is not in minimal.json");
    shape_lines(&minimal.replacen(from, to, 1))
}

#[test]
fn a_repeated_member_is_named_with_its_path_and_position() {
    let cases = [
        (
            "\"id\": \"bo\",",
            "\"id\": \"bo\", \"id\": \"bob\",",
            vec!["$.persons[1].id (line 36, column 19): duplicate field `id`: an object names each field once"],
        ),
        // Inside an internally tagged enum, which serde reads from a buffer of its own.
        (
            "\"kind\": \"article\",",
            "\"kind\": \"article\", \"kind\": \"article\",",
            vec![
                "$.persons[0].aliases[0].source.kind (line 26, column 32): duplicate field `kind`: an object names each field once",
            ],
        ),
        // The last of three is where the repetition is seen; it is listed once.
        (
            "\"format\": \"factline/1\",",
            "\"format\": \"factline/2\", \"format\": \"factline/1\", \"format\": \"factline/1\",",
            vec!["$.format (line 2, column 51): duplicate field `format`: an object names each field once"],
        ),
        // With other misfits: all of them, in document order.
        (
            "\"name\": \"Bo\"",
            "\"name\": \"Bo\", \"name\": \"Bo\", \"roles\": 5",
            vec![
                "$.persons[1].name (line 37, column 21): duplicate field `name`: an object names each field once",
                "$.persons[1].roles (line 37, column 44): invalid type: number `5`, expected a list",
            ],
        ),
    ];
    for (from, to, expected) in cases {
        assert_eq!(minimal_with(from, to), expected, "{to}");
    }
}

#[test]
fn a_repeated_member_in_a_huge_file_is_named_at_the_member() {
    let padding = "x".repeat(MAX_FULL_SHAPE_CHECK_BYTES);
    let json = format!(
        "{{\"format\": \"factline/1\", \"description\": \"{padding}\", \"articles\": [], \"persons\": [{{\"id\": \"a\", \"id\": \"b\"}}]}}"
    );
    let Err(LoadError::Shape(problems)) = parse(&json) else { panic!("expected a shape problem") };
    assert_eq!(problems.list.len(), 1);
    assert_eq!(problems.list[0].path, "$.persons[0].id");
    assert!(problems.list[0].message.starts_with("duplicate field `id`"), "{:?}", problems.list[0]);
}

#[test]
fn an_unknown_member_of_an_alias_source_is_the_only_problem() {
    assert_eq!(
        minimal_with("\"article\": \"sample\"\n", "\"article\": \"sample\",\n            \"extra\": 1\n"),
        ["$.persons[0].aliases[0].source.extra (line 28, column 13): unknown field `extra`, expected `article`"]
    );
}

/// serde's derive reads a struct from an array, its fields by position; the format (and its JSON
/// Schema) says object, so an array where the model has a struct is refused, with where and what
/// was expected.
#[test]
fn arrays_are_refused_where_the_model_has_objects() {
    let minimal = include_str!("../../../../../tests/fixtures/valid/minimal.json");
    let first_span = minimal.find("\"spans\": [").map(|at| at + "\"spans\": [".len()).unwrap_or_default();
    let span_end = first_span + minimal[first_span..].find('}').map_or(0, |end| end + 1);
    let span: Value = serde_json::from_str(&minimal[first_span..span_end]).unwrap_or(Value::Null);
    let positional = match &span {
        Value::Object(members) => Value::Array(members.values().cloned().collect()),
        other => panic!("the first span is {other}"),
    };
    let text = format!("{}{positional}{}", &minimal[..first_span], &minimal[span_end..]);
    assert_eq!(
        shape_lines(&text),
        ["$.events[0].spans[0] (line 96, column 17): invalid type: a list, expected an object (a span)"]
    );
    // A whole dataset as a positional array, and other arrays for the dataset.
    let dataset: Value = serde_json::from_str(minimal).unwrap_or(Value::Null);
    // The fields in the model's order, as serde's derive would read them by position.
    let fields = ["format", "description", "articles", "persons", "organizations", "places", "events", "claims"];
    let positional = Value::Array(fields.iter().map(|f| dataset.get(f).cloned().unwrap_or(Value::Null)).collect());
    let whole = "$ (line 1, column 1): invalid type: a list, expected an object (a dataset)";
    for text in [positional.to_string(), r#"[["a", "a", "a"]]"#.into(), "[]".into(), r#"["factline/1"]"#.into()] {
        assert_eq!(shape_lines(&text).first().map(String::as_str), Some(whole), "{text}");
    }
    // An alias's source, an internally tagged enum, is an object too.
    let alias = r#"{"format": "factline/1", "persons": [{"id": "p", "name": "P", "aliases": [{"name": "Q", "source": ["article", "a"]}]}], "articles": []}"#;
    assert_eq!(
        shape_lines(alias),
        [
            "$.persons[0].aliases[0].source (line 1, column 99): invalid type: a list, expected an object (an alias source)"
        ]
    );
}

/// A small file of very many values (one-digit numbers where text belongs) is not built into a
/// JSON tree, which takes 32 bytes a value: it gets its first problem only, as a huge file does.
#[test]
fn a_file_of_very_many_values_gets_its_first_problem_only() {
    let numbers = vec!["1"; MAX_FULL_SHAPE_CHECK_VALUES].join(",");
    let text = format!(
        r#"{{"format": "factline/1", "articles": [{{"id": "a", "title": "t", "publisher": "p", "published": "2020-01-01", "language": "en", "paragraphs": [{numbers}]}}]}}"#
    );
    assert!(text.len() < MAX_FULL_SHAPE_CHECK_BYTES);
    assert_eq!(Scan::of(&text, 0).map(|s| s.values).ok(), Some(MAX_FULL_SHAPE_CHECK_VALUES + 10));
    assert_eq!(
        shape_lines(&text),
        [
            "$.articles[0].paragraphs[0] (line 1, column 143): invalid type: number `1`, expected a string",
            "… the check stopped after these 1; fix them and check again to see any others",
        ]
    );
    // Fewer values: every problem, up to the cap.
    let few = text.replacen(&numbers, "1, 2, \"x\", 3", 1);
    assert_eq!(shape_lines(&few).len(), 3, "{:#?}", shape_lines(&few));
}

/// Locating a problem reads each container on its path once and keeps only the children on some
/// target's path, not a list of all of a long list's elements.
#[test]
fn locating_keeps_only_the_children_on_a_path() {
    let text = format!(r#"{{"a": [{}], "b": 1}}"#, vec!["0"; 10_000].join(","));
    let targets = [
        Some((vec![Step::Key("a".into()), Step::Index(9_999)], Target::Value)),
        Some((vec![Step::Key("a".into()), Step::Index(3)], Target::Value)),
    ];
    let at = locate(&text, &targets);
    assert_eq!(at.iter().map(|p| p.map(|p| p.column)).collect::<Vec<_>>(), [Some(20_006), Some(14)]);
    let Ok(root) = serde_json::from_str::<&RawValue>(&text) else { panic!("not JSON") };
    let mut wanted: HashMap<&[Step], HashSet<&Step>> = HashMap::new();
    for (steps, _) in targets.iter().flatten() {
        for depth in 0..steps.len() {
            wanted.entry(&steps[..depth]).or_default().insert(&steps[depth]);
        }
    }
    let mut cache = HashMap::new();
    for (steps, _) in targets.iter().flatten() {
        walk(root, steps, &wanted, &mut cache);
    }
    let kept: usize = cache.values().map(HashMap::len).sum();
    assert_eq!(kept, 3, "`a`, and two of its 10,000 elements");
}

/// Validation finds problems check by check (references before spans); read from a file, they
/// are listed in the file's order.
#[test]
fn validation_problems_are_listed_in_file_order() {
    let minimal = include_str!("../../../../../tests/fixtures/valid/minimal.json");
    // A span's offsets in the first event, and a reference in the third.
    let text = minimal.replacen("\"start\": 0,", "\"start\": 1,", 1).replacen(
        "\"entity\": \"the-couple\"",
        "\"entity\": \"the-coupl\"",
        1,
    );
    let problems = match load(text.as_bytes()) {
        Err(LoadError::Invalid(problems)) => problems,
        other => panic!("expected validation problems, got {other:?}"),
    };
    let places: Vec<(String, usize)> =
        problems.list.iter().map(|p| (p.path.clone(), p.at.map_or(0, |at| at.line))).collect();
    assert_eq!(
        places,
        [("$.events[0].spans[0]".to_string(), 97), ("$.events[2].participants[0].entity".to_string(), 145)]
    );
}
