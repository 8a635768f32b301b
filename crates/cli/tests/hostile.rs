//! Inputs a new user might try, each answered with a clear error (or safe output) and the right
//! exit code, never a panic: arguments that are not UTF-8, pipes and devices, control characters
//! in a dataset, a blank person, and the command line's own output read back.

use std::ffi::OsString;
use std::io::Write as _;
use std::process::{Command, Stdio};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn run_os(args: Vec<OsString>) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once(OsString::from("factline")).chain(args);
    let code = factline_cli::run(argv, &mut out, &mut err);
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_os(args.iter().map(OsString::from).collect())
}

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("factline-cli-hostile-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    let _ = std::fs::write(&path, contents);
    path
}

#[cfg(unix)]
#[test]
fn arguments_and_file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let bad = OsString::from_vec(b"caf\xE9".to_vec());
    let (code, _, err) = run_os(vec!["events".into(), "--person".into(), bad.clone()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid UTF-8"), "{err}");
    // A file name is taken as it is: here it names no file.
    let (code, _, err) = run_os(vec!["validate".into(), bad]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("caf") && err.contains("No such file"), "{err}");
    // And the binary itself does not panic on them.
    let bin = env!("CARGO_BIN_EXE_factline");
    let output = Command::new(bin).arg("events").arg("--q").arg(OsString::from_vec(vec![0xFF])).output();
    assert_eq!(output.ok().and_then(|o| o.status.code()), Some(2));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_held_to_the_limit() {
    let (code, _, err) = run(&["validate", "/dev/zero", "--max-input", "1MiB"]);
    assert_eq!(code, 1);
    assert!(err.contains("/dev/zero: the input is more than the 1.0 MiB limit"), "{err}");
    let (code, _, err) = run(&["validate", "/dev/null"]);
    assert_eq!(code, 1);
    assert!(err.contains("not valid JSON"), "an empty input is not a dataset: {err}");
    // Standard input, through a real pipe.
    let bin = env!("CARGO_BIN_EXE_factline");
    let minimal = std::fs::read(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let mut child = Command::new(bin)
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&minimal);
    }
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("standard input: valid"));
    let mut child = Command::new(bin)
        .args(["--max-input", "100", "events", "--data", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&minimal);
    }
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("more than the 100 B limit"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let minimal = std::fs::read_to_string(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let hostile = minimal.replace("\"Ann Lee\"", "\"Ann\\u001b[2J\\u001b]0;pwned\\u0007 Lee\\r\"");
    assert_ne!(hostile, minimal, "the fixture names Ann Lee");
    let path = temp_file("escapes.json", hostile.as_bytes());
    let data = path.to_string_lossy().into_owned();
    for args in
        [vec!["persons", "--data", &data], vec!["show", "ann-lee", "--data", &data], vec!["events", "--data", &data]]
    {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\r'), "{args:?}: {out:?}");
        assert!(out.contains("Ann\\u{1b}[2J"), "{args:?}: the escape is shown, not acted on: {out}");
    }
    // In a problem message too.
    let broken = hostile.replace("\"ann-lee\"", "\"ann-lee\u{1b}[31m\"");
    let path = temp_file("escapes-broken.json", broken.as_bytes());
    let (code, _, err) = run(&["validate", &path.to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // And in a person reference echoed back.
    let (code, _, err) = run(&["events", "--person", "\u{1b}[2Jnobody"]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}[2Jnobody"), "{err:?}");
}

#[test]
fn a_blank_person_is_a_usage_error() {
    for blank in ["", "   "] {
        let (code, out, err) = run(&["events", "--person", blank]);
        assert_eq!(code, 2, "{blank:?}");
        assert!(out.is_empty());
        assert!(err.contains("--person needs a person's id, name or alias; it was empty"), "{err}");
    }
    let (code, _, err) = run(&["events", "--query", "person="]);
    assert_eq!(code, 2);
    assert!(err.contains("not an empty one"), "{err}");
}

#[test]
fn what_factline_writes_it_reads_back() {
    let (code, json, err) = run(&["export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let limit = (json.len() - 1).to_string();
    // With a limit just under the pretty export, it is written compactly, and reads back.
    let (code, compact, err) = run(&["export", "--format", "json", "--max-input", &limit]);
    assert_eq!(code, 0, "{err}");
    assert!(compact.len() < json.len());
    let path = temp_file("compact.json", compact.as_bytes());
    let (code, out, err) = run(&["validate", &path.to_string_lossy(), "--max-input", &limit]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    // Too small even for that: an error, not a file that cannot be read.
    let (code, out, err) = run(&["export", "--format", "json", "--max-input", "1000"]);
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("can be read back"), "{err}");
}

#[test]
fn calendar_notes_say_what_was_left_out() {
    let (code, out, err) = run(&["export", "--format", "ics", "--person", "sayragul-sauytbay"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("BEGIN:VCALENDAR"));
    assert!(err.contains("factline: note: `sauytbay-asylum-denied` is left out: the article gives no date"), "{err}");
}

#[test]
fn encodings_are_named() {
    let minimal = std::fs::read_to_string(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let utf16: Vec<u8> =
        std::iter::once(0xFEFF_u16).chain(minimal.encode_utf16()).flat_map(|u| u.to_le_bytes()).collect();
    let path = temp_file("utf16.json", &utf16);
    let (code, _, err) = run(&["validate", &path.to_string_lossy()]);
    assert_eq!(code, 1);
    assert!(err.contains("UTF-16 (little-endian)"), "{err}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(minimal.as_bytes());
    let path = temp_file("bom.json", &bom);
    let (code, out, _) = run(&["validate", &path.to_string_lossy()]);
    assert_eq!(code, 0, "a byte order mark is accepted: {out}");
}

#[test]
fn a_refused_file_always_says_what_and_where() {
    let minimal = std::fs::read_to_string(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let repeated = minimal.replacen("\"id\": \"bo\",", "\"id\": \"bo\", \"id\": \"bob\",", 1);
    assert_ne!(repeated, minimal, "the fixture has a person `bo`");
    let path = temp_file("repeated-key.json", repeated.as_bytes());
    let file = path.to_string_lossy().into_owned();
    let (code, _, err) = run(&["validate", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains(": 1 problem:\n  $.persons[1].id (line 36, column 19): duplicate field `id`"),
        "the repeated member is named with its path and position: {err}"
    );
    let (code, out, _) = run(&["validate", "--json", &file]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(report["total"], 1, "{out}");
    assert_eq!(report["problems"][0]["path"], "$.persons[1].id", "{out}");
    assert_eq!(
        (report["problems"][0]["line"].as_u64(), report["problems"][0]["column"].as_u64()),
        (Some(36), Some(19))
    );
}

#[test]
fn input_limits_read_exactly() {
    let minimal = format!("{FIXTURES}/valid/minimal.json");
    // The largest limit there is: one byte more than it must not wrap to a read of nothing.
    let (code, out, err) = run(&["--max-input", &u64::MAX.to_string(), "validate", &minimal]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": valid ("), "{out}");
    // 4570 bytes and 4000 both round to 4 KiB: the limit is given exactly too.
    let (code, _, err) = run(&["--max-input", "4kb", "validate", &minimal]);
    assert_eq!(code, 1);
    assert!(err.contains("the file is 4 KiB (4570 bytes), more than the 4 KiB (4000 bytes) limit"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_file_name_is_escaped_on_success_too() {
    let minimal = std::fs::read(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let path = temp_file("name\u{1b}[2J.json", &minimal);
    let (code, out, err) = run(&["validate", &path.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && out.contains("name\\u{1b}[2J.json: valid ("), "{out:?}");
}

#[test]
fn an_article_with_crlf_line_ends_prints_line_ends() {
    let minimal = std::fs::read_to_string(format!("{FIXTURES}/valid/minimal.json")).unwrap_or_default();
    let crlf = minimal.replacen("left in 2021.\"", "left in 2021.\\r\\nThe end.\\r\\n\"", 1);
    assert_ne!(crlf, minimal, "the fixture's article ends with “left in 2021.”");
    let path = temp_file("crlf.json", crlf.as_bytes());
    let (code, out, err) = run(&["show", "sample", "--data", &path.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("left in 2021.\nThe end.\n") && !out.contains("\\u{d}") && !out.contains('\r'), "{out:?}");
}

#[test]
fn a_person_far_longer_than_any_name_gets_a_short_answer() {
    let long = "q".repeat(20_000);
    let (code, _, err) = run(&["events", "--person", &long]);
    assert_eq!(code, 2);
    assert!(err.contains("the persons are: "), "{}", &err[err.len().saturating_sub(300)..]);
    assert!(err.len() < long.len() + 2_000, "{} bytes", err.len());
}
