//! The dataset reader (`json` + `decode`) and the serde model agree: on every fixture, and on
//! thousands of randomly damaged datasets, both accept the same documents and read them to the
//! same values, which the writer then writes to the same text, and which survive the page's packed
//! form unchanged. The JSON parser also agrees with serde_json on what is JSON at all.

use factline_core::embedded::DEFAULT_DATASET_JSON;
use factline_core::export::to_json;
use factline_core::json::{self, Node, Value as Tree};
use factline_core::pack;
use factline_core::{Dataset, DateBasis, EventKind, EventStatus, FORMAT, LoadError, PersonKind, parse_dataset};
use proptest::prelude::*;
use serde_json::Value;

fn fixture_texts() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut out = vec![("built-in".to_string(), DEFAULT_DATASET_JSON.to_string())];
    for dir in ["valid", "invalid"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
            out.push((file.display().to_string(), std::fs::read_to_string(&file).unwrap_or_default()));
        }
    }
    out
}

/// Both readers on one text: equal values, or both refuse. A wrong `format` is refused by the
/// reader before shape is looked at, which serde's derive does not know about.
fn assert_agree(name: &str, text: &str) {
    let ours = parse_dataset(text);
    let theirs = serde_json::from_str::<Dataset>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{name}: both read it, to different values");
            let serde_text = serde_json::to_string_pretty(b).unwrap_or_default() + "\n";
            assert_eq!(to_json(a), serde_text, "{name}: written differently");
            // The page's packed form keeps every value of whatever was read.
            assert_eq!(pack::unpack(&pack::pack(a)).as_ref(), Ok(a), "{name}: packing lost something");
        }
        (Err(LoadError::Invalid(p)), Ok(d)) => {
            assert_eq!(p.len(), 1, "{name}");
            assert_ne!(d.format, FORMAT, "{name}: refused a dataset serde reads: {p:?}");
        }
        (Err(LoadError::Invalid(_)), Err(_)) => {
            let format = serde_json::from_str::<Value>(text).ok().and_then(|v| v.get("format").cloned());
            assert_ne!(format, Some(Value::String(FORMAT.into())), "{name}");
        }
        // serde's derive also reads a struct from a list of its fields in order; the format
        // (and its schema) says objects, so that is the one thing only serde accepts.
        (Err(LoadError::Shape(p)), Ok(_))
            if p.iter().all(|p| p.message == "invalid type: a list, expected an object") => {}
        (Err(e), Ok(_)) => panic!("{name}: refused a dataset serde reads: {:#?}", e.details()),
        (Ok(_), Err(e)) => panic!("{name}: read a dataset serde refuses ({e})"),
        (Err(LoadError::TooLarge { .. } | LoadError::TooDeep { .. }), Err(_)) => {}
        (Err(LoadError::Syntax { .. }), Err(e)) => assert!(e.is_syntax() || e.is_eof(), "{name}: {e}"),
        // serde_json calls some misfits syntax errors (`null` for an enum is "expected value"),
        // so the check is that the text is JSON and that a problem is named.
        (Err(LoadError::Shape(p)), Err(e)) => {
            assert!(serde_json::from_str::<Value>(text).is_ok(), "{name}: {e}");
            assert!(!p.is_empty(), "{name}");
        }
    }
}

/// The names the reader and writer use for each enum value are serde's.
#[test]
fn enum_names_are_serdes() {
    fn check<T: serde::Serialize + Copy>(all: &[T], name: fn(T) -> &'static str) {
        for v in all {
            assert_eq!(serde_json::to_value(v).ok(), Some(Value::String(name(*v).into())));
        }
    }
    check(&EventKind::ALL, EventKind::as_str);
    check(&PersonKind::ALL, PersonKind::as_str);
    check(&DateBasis::ALL, DateBasis::as_str);
    check(&EventStatus::ALL, EventStatus::as_str);
}

#[test]
fn every_fixture_reads_the_same_way() {
    let fixtures = fixture_texts();
    assert!(fixtures.len() > 15, "the fixtures were found");
    for (name, text) in fixtures {
        assert_agree(&name, &text);
    }
}

/// Every value in a JSON tree, as the steps to reach it.
fn locations(value: &Value, here: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut next = here.clone();
                next.push(Step::Index(i));
                locations(item, next, out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                let mut next = here.clone();
                next.push(Step::Key(key.clone()));
                locations(item, next, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// Damages the value at one location: replaces it, removes it, or adds a member beside it.
fn damage(doc: &mut Value, path: &[Step], how: usize) {
    let replacements = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(4_294_967_296u64),
        serde_json::json!("x"),
        serde_json::json!("named"),
        serde_json::json!("report"),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    match how % (replacements.len() + 2) {
        n if n < replacements.len() => {
            if let Some(v) = at(doc, path) {
                *v = replacements[n].clone();
            }
        }
        n if n == replacements.len() => {
            if let Some((last, parent)) = path.split_last() {
                match (at(doc, parent), last) {
                    (Some(Value::Object(m)), Step::Key(k)) => {
                        m.remove(k);
                    }
                    (Some(Value::Array(a)), Step::Index(i)) if *i < a.len() => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        _ => {
            if let Some(Value::Object(m)) = at(doc, path) {
                m.insert("unexpected".into(), Value::Null);
            }
        }
    }
}

/// The two valid datasets: the small fixture, and the built-in article, which has every kind of
/// field (report aliases, affiliations, `part_of`, speaker labels, expected events...).
fn valid_documents() -> [Value; 2] {
    let minimal =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/valid/minimal.json"))
            .unwrap_or_default();
    [
        serde_json::from_str(&minimal).unwrap_or(Value::Null),
        serde_json::from_str(DEFAULT_DATASET_JSON).unwrap_or(Value::Null),
    ]
}

/// Our tree as a serde_json value, to compare what the two parsers read.
fn to_serde(node: &Node<'_>) -> Value {
    match &node.value {
        Tree::Null => Value::Null,
        Tree::Bool(b) => Value::Bool(*b),
        Tree::Number(n) => serde_json::from_str(n).unwrap_or(Value::Null),
        Tree::String(s) => Value::String(s.clone()),
        Tree::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Tree::Object(members) => Value::Object(members.iter().map(|m| (m.key.clone(), to_serde(&m.node))).collect()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// One or two damaged values anywhere in a valid dataset: both readers agree.
    #[test]
    fn damaged_datasets_read_the_same_way(
        base in 0..2usize,
        picks in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..3),
    ) {
        let [minimal, builtin] = valid_documents();
        let mut doc = if base == 0 { minimal } else { builtin };
        prop_assert!(doc.is_object(), "the valid datasets were read");
        for (where_, how) in picks {
            let mut all = Vec::new();
            locations(&doc, Vec::new(), &mut all);
            let path = all[where_ % all.len()].clone();
            damage(&mut doc, &path, how);
        }
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        assert_agree("damaged", &text);
    }

    /// Text with bytes changed, cut or repeated: JSON to one parser is JSON to the other, with the
    /// same content.
    #[test]
    fn the_parser_accepts_what_serde_json_accepts(
        base in prop::sample::select(vec![
            r#"{"a": [1, -0.5e+3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n", "c": {}}"#,
            r#"[{"format": "factline/1"}, [], "", 0, 1e9, -12]"#,
        ]),
        edits in proptest::collection::vec((any::<usize>(), prop::sample::select(
            b" ,:[]{}\"\\u0123456789-+.eEtfnlx\n".to_vec())), 0..4),
    ) {
        let mut bytes = base.as_bytes().to_vec();
        for (i, b) in edits {
            let i = i % (bytes.len() + 1);
            match b % 3 {
                0 if i < bytes.len() => bytes[i] = b,
                1 => bytes.insert(i, b),
                _ => bytes.truncate(i),
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        let ours = json::parse(&text, 128);
        let theirs = serde_json::from_str::<Value>(&text);
        match (ours, theirs) {
            (Ok(tree), Ok(value)) => prop_assert_eq!(to_serde(&tree), value),
            (Err(_), Err(_)) => {}
            // Reading a number's value is left to the field that holds it (offsets are integers).
            (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
            (Ok(_), Err(e)) => prop_assert!(false, "{text:?}: we read it, serde_json says {e}"),
            (Err(e), Ok(_)) => prop_assert!(false, "{text:?}: serde_json reads it, we say {e:?}"),
        }
    }

    /// Any string is quoted and escaped as serde_json does it.
    #[test]
    fn strings_are_written_as_serde_json_writes_them(text in "(?s).{0,40}") {
        let mut w = json::Writer::default();
        w.string(&text);
        prop_assert_eq!(w.finish(), serde_json::to_string(&text).unwrap_or_default());
    }
}
