//! Reading a dataset from JSON text: limits first, then syntax, then shape, then validation, each
//! failure saying what is wrong and where (line:column or JSON path).

use serde::Deserialize;

use crate::catalog::Catalog;
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
        /// What the parser says.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The JSON does not have the shape of a dataset.
    #[error("{path} (line {line}, column {column}): {message}")]
    Shape {
        /// JSONPath of the value that does not fit.
        path: String,
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The dataset parsed but breaks the format's rules.
    #[error("the dataset has {} problem(s); the first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Every problem, one per line, as `path: message` (a single line for the other kinds).
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(problems) => problems.iter().map(Problem::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Parses JSON text into a [`Dataset`] without validating its contents.
pub fn parse_dataset(json: &str) -> Result<Dataset, LoadError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge { size: json.len(), limit: MAX_INPUT_BYTES });
    }
    check_depth(json)?;
    serde_json::from_str(json).map_err(|e| {
        // A dataset of another version gets that one message rather than the shape errors its
        // differences cause. Only on this error path is the text read a second time.
        if let Some(problem) = foreign_format(json) {
            return LoadError::Invalid(vec![problem]);
        }
        let path = json_path_at(json, e.line(), e.column());
        syntax_or_shape(e, path)
    })
}

/// The problem with the dataset's `format`, if it is missing or names another version.
fn foreign_format(json: &str) -> Option<Problem> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format: Option<serde_json::Value>,
    }
    let version: VersionOnly = serde_json::from_str(json).ok()?;
    let message = match version.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => return None,
        Some(serde_json::Value::String(f)) => {
            format!("unknown format `{f}`; this version of Factline reads `{FORMAT}`")
        }
        Some(other) => format!("unknown format `{other}`; this version of Factline reads `{FORMAT}`"),
        None => format!("missing `format`; a dataset starts with \"format\": \"{FORMAT}\""),
    };
    Some(Problem { path: "$.format".into(), message, kind: ProblemKind::UnknownFormat })
}

/// Parses and validates JSON text, building a [`Catalog`] ready for queries.
pub fn load(json: &str) -> Result<Catalog, LoadError> {
    Catalog::new(parse_dataset(json)?).map_err(LoadError::Invalid)
}

fn syntax_or_shape(e: serde_json::Error, path: String) -> LoadError {
    let (line, column) = (e.line(), e.column());
    let message = strip_position(&e.to_string());
    if e.is_data() {
        LoadError::Shape { path, message, line, column }
    } else {
        LoadError::Syntax { message, line, column }
    }
}

/// serde_json appends " at line L column C"; the error variants carry those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The JSONPath of the value at a parser position (1-based line, byte column), found by walking
/// the text up to it. serde_json reports where a value failed; this says which value that is,
/// without the per-type code a path-tracking deserializer would add to the wasm build.
pub fn json_path_at(json: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, in_key: bool },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = json.as_bytes();
    let (mut i, mut l, mut c) = (0usize, 1usize, 0usize);
    while i < bytes.len() && (l, c) < (line, column) {
        let b = bytes[i];
        i += 1;
        c += 1;
        match b {
            b'\n' => {
                l += 1;
                c = 0;
            }
            b'{' => stack.push(Frame::Object { key: None, in_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, in_key }) => {
                    *key = None;
                    *in_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let text = json.get(start..i.min(bytes.len())).unwrap_or_default().to_string();
                c += i.min(bytes.len()) - start + 1;
                i += 1;
                if let Some(Frame::Object { key, in_key }) = stack.last_mut() {
                    if *in_key {
                        *key = Some(text);
                        *in_key = false;
                    }
                }
            }
            _ => {}
        }
    }
    let mut path = String::from("$");
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Rejects deep nesting before the parser recurses into it.
fn check_depth(json: &str) -> Result<(), LoadError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    for c in json.chars() {
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LoadError::TooDeep { limit: MAX_DEPTH, line, column });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_structure_outside_strings() {
        assert!(check_depth(r#"{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(check_depth(&deep), Err(LoadError::TooDeep { limit: MAX_DEPTH, line: 1, column: MAX_DEPTH + 1 }));
    }

    #[test]
    fn reports_syntax_position() {
        match parse_dataset("{\n  \"format\": \"factline/1\",\n  \"articles\": [,]\n}") {
            Err(LoadError::Syntax { line, column, .. }) => assert_eq!((line, column), (3, 16)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn reports_shape_path() {
        let json = r#"{"format": "factline/1", "articles": [{"id": 5}]}"#;
        match parse_dataset(json) {
            Err(LoadError::Shape { path, message, .. }) => {
                assert_eq!(path, "$.articles[0].id");
                assert!(message.contains("expected a string"), "{message}");
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn finds_the_path_at_a_position() {
        let json = "{\"a\": [1, {\"b\": \"x,]\\\"\", \"c\": [true, nul]}]}";
        let at = |needle: &str| json_path_at(json, 1, json.find(needle).map_or(0, |i| i + 1));
        assert_eq!(at("1,"), "$.a[0]");
        assert_eq!(at("\"x"), "$.a[1].b");
        assert_eq!(at("nul"), "$.a[1].c[1]");
        assert_eq!(json_path_at("[\n[\n 1,\n 2", 4, 2), "$[0][1]");
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
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(parse_dataset(&big), Err(LoadError::TooLarge { size: MAX_INPUT_BYTES + 1, limit: MAX_INPUT_BYTES }));
    }
}
