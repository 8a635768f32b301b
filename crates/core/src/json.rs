//! A strict JSON (RFC 8259) parser into a tree that remembers where each value and key starts.
//!
//! Datasets are read through this rather than a derived deserializer so that a file that does not
//! fit the format gets every misfit reported, each with its JSONPath and line:column, and so that
//! the browser build carries one small reader instead of per-type generated code.

/// A parsed value and the byte offset of its first character in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// Byte offset of the value's first character.
    pub at: usize,
    /// The value.
    pub value: Value<'a>,
}

/// A JSON value. Numbers keep their text, which the reader of a field interprets.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, exactly as written (already checked against the JSON grammar).
    Number(&'a str),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object's members in document order; duplicates are kept for the reader to report.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped.
    pub key: String,
    /// Byte offset of the key's opening quote.
    pub key_at: usize,
    /// The value.
    pub node: Node<'a>,
}

impl Value<'_> {
    /// What kind of value this is, as an error message names it.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) => format!("number `{n}`"),
            Value::String(s) => match s.char_indices().nth(40) {
                Some((cut, _)) => format!("string \"{}…\"", &s[..cut]),
                None => format!("string \"{s}\""),
            },
            Value::Array(_) => "a list".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// Why the text is not JSON, or nests too deeply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: &'static str,
    /// Byte offset where it goes wrong (the text's length at an unexpected end).
    pub at: usize,
    /// Whether the error is nesting deeper than the limit rather than bad syntax.
    pub too_deep: bool,
}

/// Parses a whole text as one JSON value, allowing nesting up to `max_depth` arrays and objects.
pub fn parse(text: &str, max_depth: usize) -> Result<Node<'_>, SyntaxError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0, max_depth };
    parser.skip_space();
    let node = parser.value()?;
    parser.skip_space();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("trailing characters after the JSON value"));
    }
    Ok(node)
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    line_columns(text, &[at]).first().copied().unwrap_or((1, 1))
}

/// [`line_column`] of each of a sorted list of byte offsets, in one pass over the text.
pub fn line_columns(text: &str, sorted: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    for &at in sorted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= at {
                break;
            }
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
            chars.next();
        }
        out.push((line, column));
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &'static str) -> SyntaxError {
        SyntaxError { message, at: self.pos, too_deep: false }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let at = self.pos;
        let value = match self.peek() {
            None => return Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => return Err(self.error("expected a value")),
        };
        Ok(Node { at, value })
    }

    fn literal(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.error("expected a value"));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("a number cannot have a leading zero"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number: expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: expected a digit in the exponent"));
            }
        }
        Ok(&self.text[start..self.pos])
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            match digit {
                Some(d) => code = code * 16 + d,
                None => return Err(self.error("invalid \\u escape: expected four hex digits")),
            }
            self.pos += 1;
        }
        Ok(code)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run stops only at ASCII bytes, so it ends on a character boundary.
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character in a string; escape it")),
            }
        }
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let start = self.pos;
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    self.pos = start;
                    return Err(self.error("invalid \\u escape: a high surrogate must be followed by a low one"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    self.pos = start;
                    return Err(self.error("invalid \\u escape: a high surrogate must be followed by a low one"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                self.pos = start;
                return Err(self.error("invalid \\u escape: a low surrogate without a high one"));
            }
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(SyntaxError { message: "nesting is too deep", at: self.pos, too_deep: true });
        }
        self.pos += 1;
        self.skip_space();
        Ok(())
    }

    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma before `]`"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("the text ends inside a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.enter()?;
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(members));
        }
        loop {
            let key_at = self.pos;
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            self.skip_space();
            let node = self.value()?;
            members.push(Member { key, key_at, node });
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma before `}`"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

/// Writes JSON laid out as serde_json's pretty printer does: two-space indents, `"key": value`,
/// `[]` and `{}` when empty, and only `"`, `\\` and control characters escaped.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    depth: usize,
    first: bool,
}

impl Writer {
    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Starts an object (`{`) or an array (`[`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Ends the innermost object (`}`) or array (`]`).
    pub fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Starts the next element of an array.
    pub fn element(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.newline();
        self.first = false;
    }

    /// Starts the next member of an object, up to its value.
    pub fn key(&mut self, key: &str) {
        self.element();
        self.string(key);
        self.out.push_str(": ");
    }

    /// A number, boolean or `null`, written as given.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A string, quoted and escaped.
    pub fn string(&mut self, value: &str) {
        self.out.push('"');
        for c in value.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[usize::from(c as u8 >> 4)]));
                    self.out.push(char::from(HEX[usize::from(c as u8 & 0xf)]));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value<'_> {
        parse(text, 32).unwrap_or_else(|e| panic!("{text}: {e:?}")).value
    }

    fn err(text: &str) -> (&'static str, usize) {
        match parse(text, 32) {
            Ok(v) => panic!("{text} parsed as {v:?}"),
            Err(e) => (e.message, e.at),
        }
    }

    #[test]
    fn reads_every_kind_of_value_with_offsets() {
        let text = r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#;
        let Value::Object(members) = ok(text) else { panic!("not an object") };
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_at, 2);
        let Value::Array(items) = &members[0].node.value else { panic!("not a list") };
        assert_eq!(items[1], Node { at: 11, value: Value::Number("-2.5e3") });
        assert_eq!(items[2].value, Value::Bool(true));
        assert_eq!(items[4].value, Value::Null);
        assert_eq!(members[1].node.value, Value::String("x\"é😀\n".into()));
    }

    #[test]
    fn names_what_is_wrong_and_where() {
        assert_eq!(err("{\"a\": [,]}"), ("expected a value", 7));
        assert_eq!(err("{a: 1}"), ("key must be a string", 1));
        assert_eq!(err("[1 2]"), ("expected `,` or `]`", 3));
        assert_eq!(err("{\"a\" 1}"), ("expected `:`", 5));
        assert_eq!(err("[1,]"), ("trailing comma before `]`", 3));
        assert_eq!(err("{\"a\": 1,}"), ("trailing comma before `}`", 8));
        assert_eq!(err("\"abc"), ("the text ends inside a string", 4));
        assert_eq!(err("[1"), ("the text ends inside a list", 2));
        assert_eq!(err("01"), ("a number cannot have a leading zero", 1));
        assert_eq!(err("1."), ("invalid number: expected a digit after the decimal point", 2));
        assert_eq!(err("\"\\x\""), ("invalid escape in a string", 2));
        assert_eq!(err("\"\\ud800\""), ("invalid \\u escape: a high surrogate must be followed by a low one", 3));
        assert_eq!(err("\"\t\""), ("control character in a string; escape it", 1));
        assert_eq!(err("nul"), ("expected a value", 3));
        assert_eq!(err("{} {}"), ("trailing characters after the JSON value", 3));
        assert_eq!(err(""), ("the text ends where a value should be", 0));
    }

    #[test]
    fn stops_at_the_depth_limit() {
        let deep = format!("{}{}", "[".repeat(4), "]".repeat(4));
        assert!(parse(&deep, 4).is_ok());
        let e = parse(&deep, 3).err();
        assert_eq!(e, Some(SyntaxError { message: "nesting is too deep", at: 3, too_deep: true }));
        // Brackets inside strings are not nesting.
        assert!(parse(r#"["[[[[[[[[["]"#, 1).is_ok());
    }

    #[test]
    fn long_strings_are_shortened_when_named() {
        assert_eq!(Value::String("short".into()).describe(), "string \"short\"");
        let long = "é".repeat(50);
        assert_eq!(Value::String(long).describe(), format!("string \"{}…\"", "é".repeat(40)));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\nx";
        assert_eq!(line_columns(text, &[0, 3, 6, 7, 8]), [(1, 1), (2, 1), (2, 3), (3, 1), (3, 2)]);
        assert_eq!(line_column("ab\ncé\nx", 0), (1, 1));
        assert_eq!(line_column("ab\ncé\nx", 3), (2, 1));
        assert_eq!(line_column("ab\ncé\nx", 7), (3, 1));
        assert_eq!(line_column("ab\ncé\nx", 6), (2, 3));
    }
}
