//! Reading a dataset from the bytes of a file: the size limit, the text encoding, JSON syntax, the
//! format version, the model's shape, then validation. Each failure says what is wrong and where
//! (a JSON path and line:column), and a file with several misfits gets them all, up to a cap.
//!
//! The shape of a dataset is the serde model in [`crate::format::model`] and nothing else: JSON is
//! read by `serde_json` (through `objects`, which refuses an array where the model has a struct,
//! as serde's derive would read one by position), and `serde_path_to_error` names where a value
//! does not fit. To find every
//! misfit rather than the first, the reader repairs the parsed JSON where the last misfit
//! was (it drops the unfitting member or list element) and reads it again, so nothing here lists
//! the format's fields a second time.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::format::model::{Dataset, FORMAT};
use crate::format::validate::{self, Position, Problem, ProblemKind, Problems};
use crate::query::Catalog;
use crate::query::catalog::Index;

/// How large an input may be. A setting: the command line and the web app each choose theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input read, in bytes.
    pub max_bytes: usize,
}

/// The default input limit: 256 MiB, enough for a corpus of 100,000 events written out in full.
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// The deepest nesting of JSON arrays and objects `serde_json` reads (its recursion limit of 128
/// refuses the 128th level); the format itself needs 6.
pub const MAX_DEPTH: usize = 127;

/// The most problems listed for one input; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// Inputs up to this size get every shape problem (up to [`MAX_PROBLEMS`]); larger ones get the
/// first, so that a huge broken file is never held in memory as a JSON tree.
pub const MAX_FULL_SHAPE_CHECK_BYTES: usize = 16 * 1024 * 1024;

/// Inputs with more JSON values than this get the first shape problem only, however small: each
/// value of a JSON tree takes 32 bytes (more while its list grows), so 15 MB of one-digit numbers
/// made a 250 MB tree, and the whole check peaked at 540 MB. A million values is a tree of at most
/// about 64 MB; a 16 MiB dataset of ordinary text has far fewer.
pub const MAX_FULL_SHAPE_CHECK_VALUES: usize = 1 << 20;

/// Why a dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The input is larger than the limit.
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge {
        /// Its size in bytes, when known; `None` when reading stopped at the limit.
        size: Option<u64>,
        /// The limit in bytes.
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    #[error("{message}")]
    Encoding {
        /// What the bytes are instead, and how to fix it.
        message: String,
        /// Where the first undecodable byte is, if the file is UTF-8 up to a point.
        at: Option<Position>,
    },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("line {line}, column {column}: JSON nests deeper than {limit} levels", line = .at.line, column = .at.column)]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Where the limit is crossed.
        at: Position,
    },
    /// The text is not JSON.
    #[error("line {line}, column {column}: not valid JSON: {message}", line = .at.line, column = .at.column)]
    Syntax {
        /// What is wrong.
        message: String,
        /// Where.
        at: Position,
    },
    /// The JSON does not have the shape of a dataset: the values that do not fit.
    #[error("the JSON does not have the shape of a dataset: {0}")]
    Shape(Problems),
    /// The dataset has the right shape but breaks the format's rules.
    #[error("the dataset breaks the format's rules: {0}")]
    Invalid(Problems),
}

fn too_large(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(size) => {
            format!("the input is {} ({size} bytes), more than the {} limit", human(size), limit_words(size, limit))
        }
        None => format!("the input is more than the {} ({limit}-byte) limit", human(limit as u64)),
    }
}

/// The limit, in a message about an input of `size` bytes that is over it: in the unit [`human`]
/// picks, and also in bytes when rounding makes the two read the same ("4 KiB (4096 bytes)").
pub fn limit_words(size: u64, limit: usize) -> String {
    let words = human(limit as u64);
    if words == human(size) { format!("{words} ({limit} bytes)") } else { words }
}

/// A byte count for people: `812 KiB`, `9.4 MiB`: whole KiB, tenths of MiB and GiB, rounded to
/// the nearest (halves up). In integers: the page prints no floats, and printing one would add
/// the float printer to its wasm (9.5 KB).
pub fn human(bytes: u64) -> String {
    const KIB: u64 = 1024;
    // `bytes / unit`, rounded to `scale`ths: the remainder is below `unit`, so its product fits.
    let rounded = |unit: u64, scale: u64| {
        let (whole, part) = (bytes / unit, (bytes % unit * scale + unit / 2) / unit);
        if part == scale { (whole + 1, 0) } else { (whole, part) }
    };
    if bytes < KIB {
        format!("{bytes} B")
    } else if bytes < KIB * KIB {
        format!("{} KiB", rounded(KIB, 1).0)
    } else {
        let (unit, name) = if bytes < KIB * KIB * KIB { (KIB * KIB, "MiB") } else { (KIB * KIB * KIB, "GiB") };
        let (whole, tenth) = rounded(unit, 10);
        format!("{whole}.{tenth} {name}")
    }
}

impl LoadError {
    /// Every problem, one line each (a single line for the other kinds), and a last line saying
    /// how many more there are when the list is capped.
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(problems) | LoadError::Shape(problems) => problems.lines(),
            LoadError::Encoding { message, at: Some(at) } => vec![format!("{at}: {message}")],
            other => vec![other.to_string()],
        }
    }

    /// The problems, for the kinds that have a list.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            LoadError::Invalid(problems) | LoadError::Shape(problems) => Some(problems),
            _ => None,
        }
    }
}

/// Reads bytes into a [`Dataset`], checking limits, encoding, syntax and shape but not validity.
pub fn parse_dataset(bytes: &[u8], limits: &Limits) -> Result<Dataset, LoadError> {
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::TooLarge { size: Some(bytes.len() as u64), limit: limits.max_bytes });
    }
    let text = decode_text(bytes)?;
    // The common case, a good file, is read in one streaming pass.
    let first = match objects::from_text::<Dataset>(text) {
        Ok(dataset) => return Ok(dataset),
        Err(e) => e,
    };
    // Syntax is checked over the whole text before shape, so a file that is not JSON is told so.
    if let Err(e) = serde_json::from_str::<IgnoredAny>(text) {
        return Err(syntax_error(text, &e));
    }
    if let Some(problem) = foreign_format(text) {
        return Err(LoadError::Invalid(Problems::complete(vec![problem])));
    }
    let first_at = || {
        let offset = byte_offset(text, first.line(), first.column());
        (path_at(text, offset), Target::Value, first.to_string())
    };
    // The scan reads the text as a tree would, so nesting too deep is found here.
    let scanned = match text.len() <= MAX_FULL_SHAPE_CHECK_BYTES {
        true => Some(Scan::of(text, MAX_PROBLEMS).map_err(|e| syntax_error(text, &e))?),
        false => None,
    };
    let (mut found, complete) = if let Some(scan) = scanned.filter(|s| s.values <= MAX_FULL_SHAPE_CHECK_VALUES) {
        let repeated_complete = !scan.more;
        let mut found = scan.repeated();
        let (shape, shape_complete) = match serde_json::from_str::<Value>(text) {
            Ok(value) => shape_problems(value),
            Err(e) => return Err(syntax_error(text, &e)),
        };
        found.extend(shape);
        (found, repeated_complete && shape_complete)
    } else if first.to_string().starts_with("duplicate field `") {
        // Too large to hold as a tree: the first misfit only. A repeated name is found in the text,
        // so the path reaches the member itself rather than the object around it.
        let found = Scan::of(text, 1).map(Scan::repeated).unwrap_or_default();
        (if found.is_empty() { vec![first_at()] } else { found }, false)
    } else {
        // Too large to hold as a tree: the first misfit only, at the value around where serde_json stopped.
        // (Finding that value reads the text, holding one value of each container on the way.)
        (vec![first_at()], false)
    };
    if found.is_empty() {
        // The reading refused the file but the search found nothing: a refused file always gets a
        // problem that says what and where, so the reader's own words are given, where it stopped.
        found.push(first_at());
    }
    let targets: Vec<Option<(Vec<Step>, Target)>> = found.iter().map(|(s, t, _)| Some((s.clone(), *t))).collect();
    let positions = locate(text, &targets);
    let mut problems: Vec<Problem> = found
        .into_iter()
        .zip(positions)
        .map(|((steps, _, message), at)| Problem {
            at,
            ..Problem::new(path_text(&steps), ProblemKind::Shape, in_plain_words(&strip_position(&message)))
        })
        .collect();
    problems.sort_by_key(|p| p.at);
    let mut problems = Problems::from_found(problems, complete);
    problems.truncate(MAX_PROBLEMS);
    Err(LoadError::Shape(problems))
}

/// Reads and validates bytes, building a [`Catalog`] ready for queries.
pub fn load_with(bytes: &[u8], limits: &Limits) -> Result<Catalog, LoadError> {
    load_in_steps(bytes, limits, &mut |_| {})
}

/// A stage of loading, for showing progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Checking the dataset against the format's rules and placing its quotes.
    Checking,
    /// Building the indexes queries use.
    Indexing,
}

/// [`load_with`], telling `progress` as each stage after reading begins.
pub fn load_in_steps(bytes: &[u8], limits: &Limits, progress: &mut dyn FnMut(Stage)) -> Result<Catalog, LoadError> {
    let mut dataset = parse_dataset(bytes, limits)?;
    progress(Stage::Checking);
    let (placements, index) = match check_and_index(&dataset, progress) {
        Ok(checked) => checked,
        Err(mut problems) => {
            locate_problems(bytes, &mut problems);
            return Err(LoadError::Invalid(problems));
        }
    };
    validate::place(&mut dataset, placements);
    Ok(Catalog::from_parts(dataset, index))
}

/// Checks the dataset and builds its index: where the quotes alone place spans, and the index, or
/// every problem. Neither changes the dataset, so where there are threads the index is built on a
/// second one while this one checks: on two cores a 1M-event corpus loads in about the time of the
/// longer of the two rather than their sum. (Building reads nothing the check must vouch for first;
/// the index of a dataset that fails is thrown away.)
fn check_and_index(
    dataset: &Dataset,
    progress: &mut dyn FnMut(Stage),
) -> Result<(Vec<validate::Placement>, Index), Problems> {
    #[cfg(not(target_family = "wasm"))]
    let both = std::thread::scope(|scope| {
        let indexer = std::thread::Builder::new().spawn_scoped(scope, || Index::build(dataset)).ok()?;
        let checked = validate::check(dataset);
        let index = indexer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Some((checked, index))
    });
    // No threads (the web app's worker): one after the other, below.
    #[cfg(target_family = "wasm")]
    let both: Option<((Problems, Vec<validate::Placement>), Index)> = None;
    let ((problems, placements), index) = match both {
        Some((checked, index)) => (checked, Some(index)),
        // Also where no thread could be had.
        None => (validate::check(dataset), None),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    progress(Stage::Indexing);
    Ok((placements, index.unwrap_or_else(|| Index::build(dataset))))
}

/// Fills in where in the file each problem is, and puts them in that order (the checks find them
/// grouped by kind: a span's problem after every reference's): validation problems carry paths
/// only, and the text says where they are.
pub fn locate_problems(bytes: &[u8], problems: &mut Problems) {
    if let Ok(text) = decode_text(bytes) {
        let targets: Vec<_> =
            problems.list.iter().map(|p| parse_path(&p.path).map(|steps| (steps, Target::Value))).collect();
        for (problem, at) in problems.list.iter_mut().zip(locate(text, &targets)) {
            problem.at = at;
        }
        // Stable: problems at one place keep the checks' order; any not found go last.
        problems.list.sort_by_key(|p| (p.at.is_none(), p.at));
    }
}

/// [`load_with`] with the default [`Limits`].
pub fn load(bytes: &[u8]) -> Result<Catalog, LoadError> {
    load_with(bytes, &Limits::default())
}

/// The bytes as UTF-8 text (a leading byte order mark is skipped), or what they are instead.
pub fn decode_text(bytes: &[u8]) -> Result<&str, LoadError> {
    let encoding = |message: &str| LoadError::Encoding { message: message.to_string(), at: None };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\x00\x00\xFE\xFF") || bytes.starts_with(b"\xFF\xFE\x00\x00") {
        return Err(encoding("the file is UTF-32 text; save it as UTF-8 and open it again"));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Err(encoding("the file is UTF-16 (little-endian) text; save it as UTF-8 and open it again"));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Err(encoding("the file is UTF-16 (big-endian) text; save it as UTF-8 and open it again"));
    }
    // JSON starts with an ASCII character; in UTF-16 one of its two bytes is zero.
    if bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
        return Err(encoding(
            "the file starts with zero bytes, as UTF-16 or UTF-32 text does; save it as UTF-8 and open it again",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        // Everything before the bad byte is text, so its line and column can be counted.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        LoadError::Encoding {
            message: format!("the file is not UTF-8 text: byte {valid} (counting from 0) cannot be decoded"),
            at: Some(position_at(before, before.len())),
        }
    })
}

fn syntax_error(text: &str, e: &serde_json::Error) -> LoadError {
    let at = Position { line: e.line(), column: column_in_chars(text, e.line(), e.column()) };
    let message = strip_position(&e.to_string());
    if message == "recursion limit exceeded" {
        LoadError::TooDeep { limit: MAX_DEPTH, at }
    } else {
        LoadError::Syntax { message, at }
    }
}

/// serde_json counts columns in bytes; people count characters.
fn column_in_chars(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else { return byte_column };
    let cut = byte_column.min(line_text.len());
    let cut = (0..=cut).rev().find(|&i| line_text.is_char_boundary(i)).unwrap_or(0);
    line_text[..cut].chars().count().max(1)
}

/// serde_json ends a message with " at line L column C"; the position is given separately here.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => message[..at].to_string(),
        _ => message.to_string(),
    }
}

/// serde's words for JSON's types, in the words the format's documentation uses.
fn in_plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 8] = [
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("floating point `", "number `"),
        ("integer `", "number `"),
        ("expected a sequence", "expected a list"),
        ("expected a boolean", "expected true or false"),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: an object"),
        ("invalid type: unit value", "invalid type: null"),
    ];
    let mut out = WORDS.iter().fold(message.to_string(), |m, (from, to)| m.replace(from, to));
    for prefix in ["expected struct ", "expected internally tagged enum "] {
        if let Some(at) = out.find(prefix) {
            out = format!("{}expected an object", &out[..at]);
        }
    }
    out
}

/// The problem with the dataset's `format`, if it is missing or names another version: that one
/// message is clearer than the shape errors another version's differences would cause.
fn foreign_format(text: &str) -> Option<Problem> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<Value>,
    }
    // An array is not a dataset (nor its head): the shape check says so.
    let head: Head = objects::from_text(text).ok()?;
    let message = match head.format {
        Some(Value::String(f)) if f == FORMAT => return None,
        Some(Value::String(f)) => format!("unknown format `{f}`; this version of Factline reads `{FORMAT}`"),
        Some(other) => format!("unknown format {other}; this version of Factline reads `{FORMAT}`"),
        None => format!("missing `format`; a dataset starts with \"format\": \"{FORMAT}\""),
    };
    Some(Problem::new("$.format", ProblemKind::UnknownFormat, message))
}

/// One step of a JSON path: a member name or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// An object member.
    Key(String),
    /// A list element.
    Index(usize),
}

impl Step {
    fn from_segment(segment: &serde_path_to_error::Segment) -> Option<Step> {
        match segment {
            serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
            _ => None,
        }
    }
}

/// What in the text a problem's position points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The start of the value at the path.
    Value,
    /// The member name that ends the path (an unknown field).
    Key,
}

/// `$.events[3].spans[0]` from its steps.
fn path_text(steps: &[Step]) -> String {
    let mut out = String::from("$");
    for step in steps {
        match step {
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The steps of a path as [`path_text`] writes it (member names without dots or brackets).
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            steps.push(Step::Key(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            steps.push(Step::Index(after[..end].parse().ok()?));
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

/// A shape problem as found: where (in the original document), what it points at, and the message.
type Found = (Vec<Step>, Target, String);

/// Every value in `value` that does not fit the model, in the order they are met, up to
/// [`MAX_PROBLEMS`]; and whether the search went to the end.
///
/// Each round reads the document with the serde model. At a misfit, the round records it and
/// repairs the document there: an unknown or unfitting member is removed; an object missing a
/// member, or a list element of the wrong type, is removed from its list (the list's later
/// elements keep their original indexes in what is reported). What a round has already read
/// without fault (list elements before the misfit, lists before the member) is dropped too, so
/// each round starts about where the last one stopped and the whole search stays linear.
fn shape_problems(mut value: Value) -> (Vec<Found>, bool) {
    let mut found: Vec<Found> = Vec::new();
    let mut kept: HashMap<Vec<Step>, Vec<usize>> = HashMap::new();
    let mut removed_members: HashSet<(Vec<Step>, String)> = HashSet::new();
    // Every round removes something, so the document runs out; the bound is only a safeguard.
    for _ in 0..MAX_PROBLEMS * 8 {
        let error = match serde_path_to_error::deserialize::<_, Dataset>(objects::ObjectsOnly(&value)) {
            Ok(_) => return (found, true),
            Err(e) => e,
        };
        let Some(current) = error.path().iter().map(Step::from_segment).collect::<Option<Vec<Step>>>() else {
            found.push((Vec::new(), Target::Value, error.inner().to_string()));
            return (found, false);
        };
        let message = error.inner().to_string();
        let original = to_original(&current, &kept);
        let current = prune_read_prefix(&mut value, &current, &original, &mut kept);
        let missing = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()).map(str::to_string);
        let unknown = message.strip_prefix("unknown field `").and_then(|m| m.split('`').next()).map(str::to_string);
        let step = if let Some(field) = unknown {
            // Inside an internally tagged enum (an alias's `source`) the path stops at the enum's
            // object; the unknown member is then the one named, inside it, and only it is removed,
            // so its parent is not then reported missing.
            let (original, current) = match (current.last(), at_mut(&mut value, &current)) {
                (Some(Step::Key(last)), Some(Value::Object(members)))
                    if *last != field && members.contains_key(&field) =>
                {
                    let inner = |mut steps: Vec<Step>| {
                        steps.push(Step::Key(field.clone()));
                        steps
                    };
                    (inner(original), inner(current))
                }
                _ => (original, current),
            };
            found.push((original, Target::Key, message));
            let parent = to_original_prefix(&current, &kept);
            remove_at(&mut value, &current, &mut kept, &parent)
        } else if let Some(field) = missing {
            if !removed_members.contains(&(original.clone(), field)) {
                found.push((original, Target::Value, message));
            }
            remove_enclosing_element(&mut value, &current, &mut kept)
        } else {
            if let Some((Step::Key(key), parent)) = original.split_last() {
                removed_members.insert((parent.to_vec(), key.clone()));
            }
            found.push((original, Target::Value, message));
            let parent = to_original_prefix(&current, &kept);
            remove_at(&mut value, &current, &mut kept, &parent)
        };
        if step.is_none() || found.len() >= MAX_PROBLEMS {
            return (found, false);
        }
    }
    (found, false)
}

/// What one streaming pass over a JSON text finds, without holding it as a tree: how many values
/// it has (every scalar, list and object counted), and the member names repeated within their
/// objects (each object's name once, at its last occurrence), the first `limit` of them. The model
/// refuses a repeated field, but a JSON tree (which the shape search reads) keeps only one of
/// them, so they are found here. The pass nests as a tree would, so it fails where the nesting is
/// too deep.
struct Scan {
    path: Vec<Step>,
    values: usize,
    repeated: Vec<Vec<Step>>,
    limit: usize,
    /// More names were repeated than `limit`.
    more: bool,
}

impl Scan {
    fn of(text: &str, limit: usize) -> serde_json::Result<Scan> {
        let mut scan = Scan { path: Vec::new(), values: 0, repeated: Vec::new(), limit, more: false };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde::de::DeserializeSeed::deserialize(&mut scan, &mut deserializer)?;
        Ok(scan)
    }

    /// The repeated names as problems.
    fn repeated(self) -> Vec<Found> {
        self.repeated
            .into_iter()
            .map(|steps| {
                let name = match steps.last() {
                    Some(Step::Key(name)) => name.clone(),
                    _ => String::new(),
                };
                let message = format!("duplicate field `{name}`: an object names each field once");
                (steps, Target::Key, message)
            })
            .collect()
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Scan {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.values += 1;
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Scan {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut reported: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(Step::Key(key.clone()));
            if seen.contains(&key) && reported.insert(key.clone()) {
                if self.repeated.len() < self.limit {
                    self.repeated.push(self.path.clone());
                } else {
                    self.more = true;
                }
            }
            seen.insert(key);
            map.next_value_seed(&mut *self)?;
            self.path.pop();
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.path.push(Step::Index(index));
            let more = seq.next_element_seed(&mut *self)?.is_some();
            self.path.pop();
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The original path for a path into the repaired document.
fn to_original(current: &[Step], kept: &HashMap<Vec<Step>, Vec<usize>>) -> Vec<Step> {
    let mut original = Vec::with_capacity(current.len());
    for step in current {
        let next = match step {
            Step::Index(i) => Step::Index(kept.get(&original).and_then(|k| k.get(*i).copied()).unwrap_or(*i)),
            key => key.clone(),
        };
        original.push(next);
    }
    original
}

/// The original path of everything but the last step.
fn to_original_prefix(current: &[Step], kept: &HashMap<Vec<Step>, Vec<usize>>) -> Vec<Step> {
    to_original(&current[..current.len().saturating_sub(1)], kept)
}

fn at_mut<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.as_object_mut()?.get_mut(key),
        Step::Index(i) => v.as_array_mut()?.get_mut(*i),
    })
}

/// Drops what the last round read without fault before reaching `current`: the elements before
/// it in each list along the way, and the lists among the members before it in each object.
/// Returns the path to the same place in the smaller document.
fn prune_read_prefix(
    value: &mut Value,
    current: &[Step],
    original: &[Step],
    kept: &mut HashMap<Vec<Step>, Vec<usize>>,
) -> Vec<Step> {
    let mut out = Vec::with_capacity(current.len());
    for (depth, step) in current.iter().enumerate() {
        let Some(node) = at_mut(value, &out) else { return current.to_vec() };
        match (step, node) {
            (Step::Index(i), Value::Array(items)) if *i > 0 && *i <= items.len() => {
                let len = items.len();
                items.drain(..*i);
                let list = kept.entry(original[..depth].to_vec()).or_insert_with(|| (0..len).collect());
                list.drain(..(*i).min(list.len()));
                out.push(Step::Index(0));
            }
            (Step::Key(key), Value::Object(members)) => {
                // serde reads an object's members in the map's order, so those before `key` were read.
                for (name, member) in members.iter_mut() {
                    if name == key {
                        break;
                    }
                    if let Value::Array(items) = member
                        && !items.is_empty()
                    {
                        items.clear();
                    }
                }
                out.push(step.clone());
            }
            _ => out.push(step.clone()),
        }
    }
    out
}

/// Removes the member or list element at `current`. `None` when there is nothing to remove (the
/// problem is with the document as a whole).
fn remove_at(
    value: &mut Value,
    current: &[Step],
    kept: &mut HashMap<Vec<Step>, Vec<usize>>,
    original_parent: &[Step],
) -> Option<()> {
    let (last, parent) = current.split_last()?;
    let container = at_mut(value, parent)?;
    match (last, container) {
        (Step::Key(key), Value::Object(members)) => members.remove(key).map(|_| ()),
        (Step::Index(i), Value::Array(items)) if *i < items.len() => {
            let len = items.len();
            items.remove(*i);
            let list = kept.entry(original_parent.to_vec()).or_insert_with(|| (0..len).collect());
            if *i < list.len() {
                list.remove(*i);
            }
            Some(())
        }
        _ => None,
    }
}

/// Removes the list element that contains `current` (or is it).
fn remove_enclosing_element(
    value: &mut Value,
    current: &[Step],
    kept: &mut HashMap<Vec<Step>, Vec<usize>>,
) -> Option<()> {
    let last_index = current.iter().rposition(|s| matches!(s, Step::Index(_)))?;
    let element = &current[..=last_index];
    let original_list = to_original(&current[..last_index], kept);
    remove_at(value, element, kept, &original_list)
}

/// Where each target is in `text`: the start of its value, or of its member name.
fn locate(text: &str, targets: &[Option<(Vec<Step>, Target)>]) -> Vec<Option<Position>> {
    let mut out = vec![None; targets.len()];
    let Ok(root) = serde_json::from_str::<&RawValue>(text) else { return out };
    let base = text.as_ptr() as usize;
    // The children each container on a target's path is passed through at: only these are kept
    // when it is read, so a list of millions of elements costs no list of them.
    let mut wanted: HashMap<&[Step], HashSet<&Step>> = HashMap::new();
    for (steps, _) in targets.iter().flatten() {
        for depth in 0..steps.len() {
            wanted.entry(&steps[..depth]).or_default().insert(&steps[depth]);
        }
    }
    let mut offsets: Vec<(usize, usize)> = Vec::new();
    let mut cache: HashMap<&[Step], HashMap<Step, &RawValue>> = HashMap::new();
    for (i, target) in targets.iter().enumerate() {
        let Some((steps, target)) = target else { continue };
        let (raw, found_all) = walk(root, steps, &wanted, &mut cache);
        let mut offset = raw.get().as_ptr() as usize - base;
        if *target == Target::Key && found_all {
            offset = key_start(text, offset).unwrap_or(offset);
        }
        offsets.push((i, offset));
    }
    offsets.sort_by_key(|&(_, offset)| offset);
    let positions = positions_at(text, offsets.iter().map(|&(_, o)| o));
    for ((i, _), at) in offsets.into_iter().zip(positions) {
        out[i] = Some(at);
    }
    out
}

/// The value at `steps` (or the deepest one that exists on the way), and whether every step was
/// found. Each container is read once for every target (`cache`), keeping the children `wanted`.
fn walk<'t, 's>(
    root: &'t RawValue,
    steps: &'s [Step],
    wanted: &HashMap<&'s [Step], HashSet<&'s Step>>,
    cache: &mut HashMap<&'s [Step], HashMap<Step, &'t RawValue>>,
) -> (&'t RawValue, bool) {
    let mut raw = root;
    for depth in 0..steps.len() {
        let prefix = &steps[..depth];
        let children = cache.entry(prefix).or_insert_with(|| {
            let mut kept = HashMap::new();
            let wanted = wanted.get(prefix);
            for_each_child(raw, &mut |step, child| {
                if wanted.is_some_and(|w| w.contains(&step)) {
                    kept.insert(step, child);
                }
                true
            });
            kept
        });
        match children.get(&steps[depth]) {
            Some(child) => raw = child,
            None => return (raw, false),
        }
    }
    (raw, true)
}

/// Calls `each` with every member (its name) or element (its index) of the container `raw`, as a
/// slice of the original text, in order, until it answers `false`; nothing for a scalar. One
/// streaming read that keeps nothing itself.
fn for_each_child<'t>(raw: &'t RawValue, each: &mut dyn FnMut(Step, &'t RawValue) -> bool) {
    struct Children<'e, 't>(&'e mut dyn FnMut(Step, &'t RawValue) -> bool);
    impl<'t> serde::de::Visitor<'t> for Children<'_, 't> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or a list")
        }
        fn visit_map<A: serde::de::MapAccess<'t>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if !(self.0)(Step::Key(key), map.next_value()?) {
                    return Err(serde::de::Error::custom("found"));
                }
            }
            Ok(())
        }
        fn visit_seq<A: serde::de::SeqAccess<'t>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut index = 0;
            while let Some(element) = seq.next_element()? {
                if !(self.0)(Step::Index(index), element) {
                    return Err(serde::de::Error::custom("found"));
                }
                index += 1;
            }
            Ok(())
        }
    }
    if matches!(raw.get().as_bytes().first(), Some(b'{' | b'[')) {
        let mut deserializer = serde_json::Deserializer::from_str(raw.get());
        // An error is only the search stopping: the text was read as JSON before.
        let _ = serde::Deserializer::deserialize_any(&mut deserializer, Children(each));
    }
}

/// The byte offset of a line and (byte) column as serde_json counts them.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The path of the innermost value whose text contains `offset`, walking down from the root
/// through serde_json's `RawValue` slices, holding one child of each container on the way.
fn path_at(text: &str, offset: usize) -> Vec<Step> {
    let base = text.as_ptr() as usize;
    let contains = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - base;
        (start..=start + raw.get().len()).contains(&offset)
    };
    let mut steps = Vec::new();
    let Ok(mut raw) = serde_json::from_str::<&RawValue>(text) else { return steps };
    loop {
        let mut next = None;
        for_each_child(raw, &mut |step, child| {
            if contains(child) {
                next = Some((step, child));
            }
            next.is_none()
        });
        match next {
            Some((step, child)) => {
                steps.push(step);
                raw = child;
            }
            None => return steps,
        }
    }
}

/// Where the member name before the value at `value_start` begins: back over `:` and white
/// space to the name's closing quote, then to its unescaped opening quote.
fn key_start(text: &str, value_start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = value_start;
    let skip_space = |i: &mut usize| {
        while *i > 0 && bytes[*i - 1].is_ascii_whitespace() {
            *i -= 1;
        }
    };
    skip_space(&mut i);
    if i == 0 || bytes[i - 1] != b':' {
        return None;
    }
    i -= 1;
    skip_space(&mut i);
    if i == 0 || bytes[i - 1] != b'"' {
        return None;
    }
    i -= 1;
    while i > 0 {
        i -= 1;
        if bytes[i] == b'"' {
            let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Line and column (1-based, columns in characters) of a byte offset.
pub fn position_at(text: &str, offset: usize) -> Position {
    positions_at(text, std::iter::once(offset)).pop().unwrap_or(Position { line: 1, column: 1 })
}

/// Line and column of each of `offsets`, which must be in increasing order; one pass over `text`.
fn positions_at(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<Position> {
    let mut out = Vec::new();
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    for offset in offsets {
        let offset = offset.min(text.len());
        for (i, b) in text.as_bytes()[scanned..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = scanned.max(offset);
        let column = text.get(line_start..offset).map_or(1, |s| s.chars().count() + 1);
        out.push(Position { line, column });
    }
    out
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Key(key) => write!(f, ".{key}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

mod objects;

/// Re-export for callers that only need validation.
pub use validate::validate;

#[cfg(test)]
mod tests;
