//! Reading a dataset from JSON text: the size limit first, then syntax and nesting depth, then
//! the format version, then shape, then validation. Each failure says what is wrong and where
//! (line:column and JSON path), and a file with several misfits gets all of them at once.

use crate::catalog::Catalog;
use crate::decode::{self, ShapeProblem};
use crate::json::{self, Node, Value};
use crate::model::{Dataset, FORMAT};
use crate::validate::{Problem, ProblemKind};

/// The largest dataset accepted, in bytes. The shipped article is about 60 KB.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of JSON arrays and objects accepted. The format itself needs 6.
pub const MAX_DEPTH: usize = 32;

/// Why a dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("the dataset is {size} bytes, more than the {limit}-byte limit")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("line {line}, column {column}: JSON nests deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// 1-based line where the limit is crossed.
        line: usize,
        /// 1-based column where the limit is crossed.
        column: usize,
    },
    /// The text is not JSON.
    #[error("line {line}, column {column}: not valid JSON: {message}")]
    Syntax {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
    /// The JSON does not have the shape of a dataset: every value that does not fit.
    #[error("the JSON does not have the shape of a dataset: {} problem(s); the first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Shape(Vec<ShapeProblem>),
    /// The dataset parsed but breaks the format's rules.
    #[error("the dataset has {} problem(s); the first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Every problem, one per line, as `path: message` (a single line for the other kinds).
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(problems) => problems.iter().map(Problem::to_string).collect(),
            LoadError::Shape(problems) => problems.iter().map(ShapeProblem::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Parses JSON text into a [`Dataset`] without validating its contents.
pub fn parse_dataset(text: &str) -> Result<Dataset, LoadError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge { size: text.len(), limit: MAX_INPUT_BYTES });
    }
    let root = json::parse(text, MAX_DEPTH).map_err(|e| {
        let (line, column) = json::line_column(text, e.at);
        if e.too_deep {
            LoadError::TooDeep { limit: MAX_DEPTH, line, column }
        } else {
            LoadError::Syntax { message: e.message.to_string(), line, column }
        }
    })?;
    // A dataset of another version gets that one message rather than the shape errors its
    // differences would cause.
    if let Some(problem) = foreign_format(&root) {
        return Err(LoadError::Invalid(vec![problem]));
    }
    decode::dataset(text, root).map_err(LoadError::Shape)
}

/// The problem with the dataset's `format`, if it is missing or names another version.
fn foreign_format(root: &Node<'_>) -> Option<Problem> {
    let Value::Object(members) = &root.value else { return None };
    let message = match members.iter().find(|m| m.key == "format").map(|m| &m.node.value) {
        Some(Value::String(f)) if f == FORMAT => return None,
        Some(Value::String(f)) => format!("unknown format `{f}`; this version of Factline reads `{FORMAT}`"),
        Some(other) => format!("unknown format {}; this version of Factline reads `{FORMAT}`", other.describe()),
        None => format!("missing `format`; a dataset starts with \"format\": \"{FORMAT}\""),
    };
    Some(Problem { path: "$.format".into(), message, kind: ProblemKind::UnknownFormat })
}

/// Parses and validates JSON text, building a [`Catalog`] ready for queries.
pub fn load(json: &str) -> Result<Catalog, LoadError> {
    Catalog::new(parse_dataset(json)?).map_err(LoadError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_structure_outside_strings() {
        let quoted = format!(r#"{{"format": "factline/1", "a": "{}"}}"#, "[".repeat(MAX_DEPTH + 1));
        assert!(!matches!(parse_dataset(&quoted), Err(LoadError::TooDeep { .. })));
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse_dataset(&deep), Err(LoadError::TooDeep { limit: MAX_DEPTH, line: 1, column: MAX_DEPTH + 1 }));
    }

    #[test]
    fn reports_syntax_position() {
        match parse_dataset("{\n  \"format\": \"factline/1\",\n  \"articles\": [,]\n}") {
            Err(LoadError::Syntax { line, column, message }) => {
                assert_eq!((line, column), (3, 16));
                assert_eq!(message, "expected a value");
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn reports_every_shape_problem_with_its_path_in_document_order() {
        let json = concat!(
            "{\"format\": \"factline/1\",\n",
            " \"articles\": [{\"id\": 5, \"titel\": \"x\"}],\n",
            " \"events\": [{\"id\": \"e\", \"kind\": \"escape\", \"summary\": \"s\", \"spans\": [{\"article\": \"a\", \"start\": -1, \"end\": 1.5, \"exact\": \"x\"}]}]}"
        );
        let Err(LoadError::Shape(problems)) = parse_dataset(json) else { panic!("expected shape problems") };
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "$.articles[0] (line 2, column 15): missing field `title`",
                "$.articles[0] (line 2, column 15): missing field `author`",
                "$.articles[0] (line 2, column 15): missing field `publisher`",
                "$.articles[0] (line 2, column 15): missing field `published`",
                "$.articles[0] (line 2, column 15): missing field `language`",
                "$.articles[0] (line 2, column 15): missing field `paragraphs`",
                "$.articles[0].id (line 2, column 22): invalid type: number `5`, expected a string",
                "$.articles[0].titel (line 2, column 25): unknown field `titel`, expected one of `id`, `title`, \
                 `subtitle`, `author`, `publisher`, `published`, `url`, `language`, `paragraphs`",
                "$.events[0].kind (line 3, column 33): unknown variant `escape`, expected one of `border_crossing`, \
                 `detention`, `conviction`, `release`, `appeal`, `refugee_status_granted`, `refugee_status_expiry`, \
                 `asylum_granted`, `asylum_denied`, `relocation`, `award`, `testimony`, `declaration`, \
                 `publication`, `statement`",
                "$.events[0].spans[0].start (line 3, column 95): invalid value: -1, expected a whole number from 0 \
                 to 4294967295",
                "$.events[0].spans[0].end (line 3, column 106): invalid type: number `1.5`, expected a whole number \
                 from 0 to 4294967295",
            ]
        );
    }

    #[test]
    fn refuses_other_versions_first() {
        let json = r#"{"format": "factline/2", "articles": "not even a list"}"#;
        match parse_dataset(json) {
            Err(LoadError::Invalid(p)) => {
                assert_eq!(p.len(), 1);
                assert_eq!(p[0].kind, ProblemKind::UnknownFormat);
                assert_eq!(
                    p[0].to_string(),
                    "$.format: unknown format `factline/2`; this version of Factline reads `factline/1`"
                );
            }
            other => panic!("expected an unknown format, got {other:?}"),
        }
        let Err(LoadError::Invalid(p)) = parse_dataset(r#"{"articles": []}"#) else { panic!("format is required") };
        assert_eq!(p[0].message, "missing `format`; a dataset starts with \"format\": \"factline/1\"");
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(parse_dataset(&big), Err(LoadError::TooLarge { size: MAX_INPUT_BYTES + 1, limit: MAX_INPUT_BYTES }));
    }
}
