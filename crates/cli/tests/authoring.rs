//! Making a dataset of one's own: `new`, the CSV templates and `import-csv`, `anchor`, and
//! `export --table`, on the worked example in `assets/examples/harbour-strike/`.

use expect_test::expect_file;
use factline_core::format::tables::Table;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples/harbour-strike");

fn run(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("factline").chain(args.iter().copied());
    let code = factline_cli::run(argv, &mut out, &mut err);
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

fn temp(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("factline-authoring-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    let _ = std::fs::write(&path, contents);
    path.to_string_lossy().into_owned()
}

/// The README's walk-through: `new`, then `import-csv` with the filled-in templates, then
/// `validate`; the result is the committed `dataset.json`.
#[test]
fn a_new_article_becomes_a_dataset_without_an_offset_typed() {
    let article = format!("{EXAMPLE}/article.txt");
    let (code, new, err) = run(&[
        "new",
        &article,
        "--id",
        "port-elin-strike",
        "--title",
        "Port Elin dockworkers strike",
        "--publisher",
        "Coastal Wire",
        "--published",
        "2024-03-07",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let new_path = temp("new.json", &new);
    let (code, _, err) = run(&["validate", &new_path]);
    assert_eq!(code, 0, "a new dataset is valid: {err}");
    let (persons, events, claims) =
        (format!("{EXAMPLE}/persons.csv"), format!("{EXAMPLE}/events.csv"), format!("{EXAMPLE}/claims.csv"));
    let (code, dataset, err) =
        run(&["import-csv", "--data", &new_path, "--persons", &persons, "--events", &events, "--claims", &claims]);
    assert_eq!((code, err.as_str()), (0, ""));
    expect_file!["../../../assets/examples/harbour-strike/dataset.json"].assert_eq(&dataset);
    let (code, out, _) = run(&["validate", &format!("{EXAMPLE}/dataset.json")]);
    assert_eq!(code, 0);
    assert!(out.contains("valid (1 article(s), 4 persons, 3 events, 3 claims)"), "{out}");
    let (code, out, _) = run(&["events", "--data", &format!("{EXAMPLE}/dataset.json"), "--person", "Tomas Reyn"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("2 event(s) match"), "a group's members are found through it: {out}");
}

#[test]
fn the_templates_are_the_tables_columns() {
    for table in Table::ALL {
        let path = format!("{}/../../assets/templates/{}.csv", env!("CARGO_MANIFEST_DIR"), table.name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(committed, table.template(), "{path}");
        let (code, out, _) =
            run(&["export", "--format", "csv", "--table", table.name(), "--q", "nothing-matches-this"]);
        assert_eq!(code, 0);
        if table != Table::Persons {
            assert_eq!(out, table.template(), "an empty export is the template");
        }
    }
}

#[test]
fn import_problems_are_all_listed_and_nothing_is_printed() {
    let bad = temp("events.csv", "id,kind,summary,quote,colour\n");
    let (code, out, err) = run(&["import-csv", "--data", &format!("{EXAMPLE}/dataset.json"), "--events", &bad]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("nothing was imported; 1 problem(s)") && err.contains("row 1, column `colour`"), "{err}");
    let rows = temp(
        "more.csv",
        "id,kind,summary,quote\nx,escape,s,walked off\nstrike-begins,release,s,walked off\ny,release,s,not there\n",
    );
    let (code, out, err) = run(&["import-csv", "--data", &format!("{EXAMPLE}/dataset.json"), "--events", &rows]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("row 2, column `kind` (“escape”)"), "{err}");
    assert!(err.contains("row 3, column `id` (“strike-begins”): `strike-begins` is already in the dataset"), "{err}");
    let (code, _, err) = run(&["import-csv", "--data", &format!("{EXAMPLE}/dataset.json")]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn anchor_fills_in_offsets_or_says_why_it_cannot() {
    let quoted = std::fs::read_to_string(format!("{EXAMPLE}/dataset.json"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"start\"") && !l.trim_start().starts_with("\"end\""))
        .collect::<Vec<_>>()
        .join("\n");
    let path = temp("quoted.json", &quoted);
    let (code, anchored, err) = run(&["anchor", &path]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(anchored, std::fs::read_to_string(format!("{EXAMPLE}/dataset.json")).unwrap_or_default());
    let ambiguous = quoted.replacen("\"exact\": \"as long as it takes.\"", "\"exact\": \"the\"", 1);
    let path = temp("ambiguous.json", &ambiguous);
    let (code, out, err) = run(&["anchor", &path]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("the quote “the” occurs") && err.contains("add a `prefix`"), "{err}");
}

#[test]
fn new_says_what_is_wrong_with_what_it_was_given() {
    let article = format!("{EXAMPLE}/article.txt");
    let (code, _, err) =
        run(&["new", &article, "--id", "Port Elin", "--title", "T", "--publisher", "P", "--published", "March 7"]);
    assert_eq!(code, 2);
    assert!(err.contains("$.articles[0].id") && err.contains("$.articles[0].published"), "{err}");
    let (code, _, err) = run(&["new", &article, "--id", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("--title"), "{err}");
    let (code, _, err) = run(&["export", "--format", "ics", "--table", "persons"]);
    assert_eq!(code, 2);
    assert!(err.contains("--table goes with --format csv"), "{err}");
}

#[test]
fn reanchor_follows_a_corrected_text_or_names_its_orphans() {
    let dataset = format!("{EXAMPLE}/dataset.json");
    let text = std::fs::read_to_string(format!("{EXAMPLE}/article.txt")).unwrap_or_default();
    // A correction: a sentence inserted at the start, and a name respelled inside a quote.
    let corrected = format!("Updated on March 8.\n\n{}", text.replace("Ilse Varg", "Ilse Vargas"));
    let path = temp("corrected.txt", &corrected);
    let (code, out, err) = run(&["reanchor", &dataset, "--article", "port-elin-strike", "--text", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("moved $.events[0].spans[0] (strike-begins)") && err.contains("exact match"), "{err}");
    assert!(err.contains("approximate match") && err.contains("Ilse Vargas"), "{err}");
    let again = temp("reanchored.json", &out);
    let (code, _, err) = run(&["validate", &again]);
    assert_eq!(code, 0, "the result is valid: {err}");
    // A deletion: the quoted sentence is gone, so its span is an orphan and nothing is written.
    let cut = text.replace("Both were released the following day without charge.", "");
    let path = temp("cut.txt", &cut);
    let (code, out, err) = run(&["reanchor", &dataset, "--article", "port-elin-strike", "--text", &path]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("orphan $.events[2].spans[0] (organisers-released)"), "{err}");
    let (code, _, err) = run(&["reanchor", &dataset, "--article", "no-such", "--text", &path]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn annotations_go_out_and_come_back() {
    let dataset = format!("{EXAMPLE}/dataset.json");
    let (code, annotations, err) = run(&["export", "--format", "annotations", "--data", &dataset]);
    assert_eq!((code, err.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&annotations).unwrap_or_default();
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    let path = temp("annotations.jsonld", &annotations);
    // Into a copy holding the article and its people, without the facts.
    let mut bare: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&dataset).unwrap_or_default()).unwrap_or_default();
    bare["events"] = serde_json::json!([]);
    bare["claims"] = serde_json::json!([]);
    let bare_path = temp("bare.json", &bare.to_string());
    let (code, out, err) = run(&["import-annotations", "--data", &bare_path, &path]);
    assert_eq!(code, 0, "{err}");
    let back: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&dataset).unwrap_or_default()).unwrap_or_default();
    let ids = |v: &serde_json::Value, list: &str| {
        let mut ids: Vec<String> =
            v[list].as_array().into_iter().flatten().filter_map(|e| e["id"].as_str().map(String::from)).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&back, "events"), ids(&original, "events"));
    assert_eq!(ids(&back, "claims"), ids(&original, "claims"));
    let (code, _, err) = run(&["import-annotations", "--data", &bare_path, &dataset]);
    assert_eq!(code, 1, "a dataset is not annotations: {err}");
}
