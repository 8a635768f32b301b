//! Golden tests of the `factline` CLI on the built-in article: transcripts of commands with their
//! exit codes, pinned under `tests/golden/` (regenerate with `UPDATE_EXPECT=1 cargo test`).

use std::fmt::Write as _;
use std::process::Command;

use expect_test::{ExpectFile, expect_file};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn run(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("factline").chain(args.iter().copied()).map(String::from);
    let code = factline_cli::run(argv, &mut out, &mut err);
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

/// Runs each command and pins the transcript: command line, exit code, stdout, stderr.
fn check(golden: ExpectFile, commands: &[&[&str]]) {
    let mut transcript = String::new();
    for args in commands {
        let (code, out, err) = run(args);
        let _ = writeln!(transcript, "$ factline {}\n[exit {code}]", args.join(" "));
        transcript.push_str(&out);
        if !err.is_empty() {
            let _ = write!(transcript, "[stderr]\n{err}");
        }
        transcript.push('\n');
    }
    // CSV and iCalendar lines must end in CRLF; show the CR so the golden file pins it (expect-test
    // would otherwise normalize it away when reading the file).
    golden.assert_eq(&transcript.replace(FIXTURES, "<fixtures>").replace('\r', "\\r"));
}

#[test]
fn sauytbay_story_as_json() {
    let (code, out, err) = run(&["events", "--person", "sayragul-sauytbay", "--json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let events: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(events.len(), 9);
    for e in &events {
        assert!(e["quotes"].as_array().is_some_and(|q| !q.is_empty()), "{e}");
        for key in ["id", "kind", "date", "earliest", "latest", "precision", "derived", "participants", "summary"] {
            assert!(e.get(key).is_some(), "{key} missing from {e}");
        }
    }
    let earliest: Vec<&str> = events.iter().filter_map(|e| e["earliest"].as_str()).collect();
    assert!(earliest.windows(2).all(|w| w[0] <= w[1]), "{earliest:?}");
    expect_file!["golden/sauytbay.json"].assert_eq(&out);
}

#[test]
fn one_query_per_person() {
    let persons = [
        "kaisha-akhan",
        "malik-bashagar",
        "kaster-musakhan",
        "murager-alimuly",
        "the-pair",
        "the-quartet",
        "sayragul-sauytbay",
        "top-national-security-official",
        "denis-dzhivaga",
        "serikjan-bilash",
        "chris-rickleton",
    ];
    let commands: Vec<Vec<&str>> = persons.iter().map(|p| vec!["events", "--person", p]).collect();
    let commands: Vec<&[&str]> = commands.iter().map(Vec::as_slice).collect();
    check(expect_file!["golden/events-by-person.txt"], &commands);
}

#[test]
fn names_aliases_and_groups() {
    check(
        expect_file!["golden/person-references.txt"],
        &[
            &["events", "--person", "QAISHA AQAN", "--json"],
            &["events", "--person", "Musakhan", "--person", "Akhan", "--persons", "all"],
            &["events", "--person", "the pair", "--persons", "all", "--from", "2020"],
            &["events", "--person", "mu"],
            &["events", "--person", "Sayragol"],
        ],
    );
}

#[test]
fn date_ranges() {
    check(
        expect_file!["golden/date-ranges.txt"],
        &[
            &["events", "--from", "2020-10", "--to", "2020-10", "--json"],
            &["events", "--from", "2020-10", "--to", "2020-10", "--mode", "within", "--json"],
            &["events", "--to", "2019", "--json"],
            &["events", "--from", "2021", "--json"],
            &["events", "--from", "2018-04-30", "--to", "2018-05-01", "--json"],
            &["events", "--from", "2018-05", "--to", "2018", "--undated", "include", "--json"],
            &["events", "--query", "from=2019-10-31&to=2019-11&mode=within", "--json"],
        ],
    );
}

#[test]
fn persons_claims_and_show() {
    check(
        expect_file!["golden/persons-claims-show.txt"],
        &[
            &["persons"],
            &["persons", "--q", "bilash", "--json"],
            &["claims", "--person", "dzhivaga"],
            &["claims", "--q", "no chance", "--json"],
            &["show", "kaisha-akhan"],
            &["show", "akhan-refugee-status-expiry"],
            &["show", "atajurt"],
        ],
    );
}

#[test]
fn exports() {
    check(
        expect_file!["golden/exports.txt"],
        &[
            &["export", "--format", "csv", "--person", "kaisha-akhan"],
            &["export", "--format", "ics", "--person", "kaisha-akhan"],
            &["export", "--format", "timelinejs", "--person", "kaisha-akhan", "--from", "2021"],
        ],
    );
}

#[test]
fn usage_and_data_errors() {
    let broken = format!("{FIXTURES}/invalid/span-mismatch.json");
    let misshapen = format!("{FIXTURES}/invalid/misshapen.json");
    let missing = format!("{FIXTURES}/no-such-file.json");
    check(
        expect_file!["golden/errors.txt"],
        &[
            &["events", "--from", "2020-13"],
            &["events", "--from", "2021", "--to", "2020"],
            &["events", "--mode", "inside"],
            &["events", "--query", "person=kaisha-akhan&colour=red"],
            &["show", "nobody-at-all"],
            &["validate", &broken],
            &["validate", &broken, "--json"],
            &["validate", &misshapen],
            &["validate", &misshapen, "--json"],
            &["validate", &missing],
            &["events", "--data", &broken],
        ],
    );
}

/// Flags take what the query string takes, refuse what it refuses, and say why.
#[test]
fn arguments_follow_the_filter_and_input_rules() {
    let check = |args: &[&str], code: i32, stderr: &str| {
        let (actual, _, err) = run(args);
        assert_eq!(actual, code, "{args:?}: {err}");
        assert!(err.contains(stderr), "{args:?}: {err:?} should contain {stderr:?}");
    };
    // A negative year is a value, not a flag.
    check(&["events", "--from", "-0001", "--json"], 0, "");
    check(&["events", "--from", "-0044-03-15", "--to", "-0001", "--json"], 0, "");
    // `--sources` takes the numbers `sources=` takes.
    check(&["events", "--sources", "2"], 0, "");
    for n in ["0", "1001"] {
        check(
            &["events", "--sources", n],
            2,
            &format!("--sources: `sources={n}` is not valid: a number of source articles from 1 to 1000, such as 2"),
        );
    }
    check(
        &["events", "--query", "q=%+4"],
        2,
        "--query: `q=%+4` is not valid percent-encoded UTF-8: `%` is not followed by two hexadecimal digits at character 3",
    );
    // Standard input is read once.
    check(
        &["reanchor", "-", "--article", "a", "--text", "-"],
        2,
        "the dataset and --text name standard input (`-`), which can be read only once",
    );
    check(
        &["import-csv", "--data", "-", "--persons", "p.csv", "--events", "-", "--claims", "-"],
        2,
        "--data, --events and --claims name standard input",
    );
    check(&["import-annotations", "--data", "-", "-"], 2, "--data and the annotations file name standard input");
    // An empty reference says so, rather than suggesting someone.
    check(&["show", ""], 2, "show: the reference is empty; give an id, or a person's name or alias");
    check(&["show", "  "], 2, "show: the reference is empty");
}

#[test]
fn schema_is_committed_and_current() {
    expect_file!["../../../assets/schema/dataset.schema.json"].assert_eq(&factline_cli::schema_json());
}

#[test]
fn binary_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_factline");
    let status = |args: &[&str]| Command::new(bin).args(args).output().map(|o| o.status.code()).ok().flatten();
    assert_eq!(status(&["events"]), Some(0));
    assert_eq!(status(&["validate", &format!("{FIXTURES}/valid/minimal.json")]), Some(0));
    for entry in std::fs::read_dir(format!("{FIXTURES}/invalid")).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "json") {
            assert_eq!(status(&["validate", &path.to_string_lossy()]), Some(1), "{}", path.display());
        }
    }
    assert_eq!(status(&["events", "--bogus"]), Some(2));
    assert_eq!(status(&["events", "--person", "nobody"]), Some(2));
    assert_eq!(status(&["--version"]), Some(0));
}
