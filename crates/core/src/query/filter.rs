//! The one representation of "what is selected": a typed [`Filter`] that parses from and formats
//! to a URL query string. The web app keeps it in its URL; the CLI accepts the same string.
//!
//! ```text
//! person=ID (repeatable)  persons=any|all  from=EDTF  to=EDTF
//! mode=overlap|within     undated=include|exclude     q=TEXT
//! source=ARTICLE (repeatable)                     sources=N (at least N source articles)
//! ```
//!
//! Defaults are left out when formatting, so the empty string is the unfiltered view.

use std::fmt;

use crate::date::{DateBound, DateRange};

/// How several selected persons combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PersonsMode {
    /// An event with at least one of them.
    #[default]
    Any,
    /// Only events with every one of them (and every member of a selected group).
    All,
}

/// How an event's interval must relate to the date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RangeMode {
    /// The event's interval shares at least one day with the range.
    #[default]
    Overlap,
    /// The event's interval lies entirely inside the range.
    Within,
}

/// Whether undated events stay in view while a date range is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Undated {
    /// Keep them (they cannot be placed in or out of the range).
    Include,
    /// Leave them out while a date range is set. With no range set, they always show.
    #[default]
    Exclude,
}

/// What is selected: persons, a date range, and free text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Filter {
    /// Person references: ids, names or aliases, resolved against a catalog.
    pub persons: Vec<String>,
    /// How several persons combine.
    pub persons_mode: PersonsMode,
    /// First day of the range: the start of this day, month or year.
    pub from: Option<DateBound>,
    /// Last day of the range: the end of this day, month or year (`2020-10` runs through Oct 31).
    pub to: Option<DateBound>,
    /// Overlap or within.
    pub range_mode: RangeMode,
    /// Undated events while a range is set.
    pub undated: Undated,
    /// Free text, matched ignoring case and diacritics; every word must appear.
    pub text: String,
    /// Source articles, by id: facts with a span in any of them. Empty means every article.
    pub sources: Vec<String>,
    /// Facts whose spans come from at least this many articles (corroboration); 0 or 1 keeps all.
    pub min_sources: usize,
}

/// A query-string parameter that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A parameter this format does not have.
    #[error("unknown parameter `{name}`; known: person, persons, from, to, mode, undated, q, source, sources")]
    UnknownParameter {
        /// Its name.
        name: String,
    },
    /// A known parameter with a value it cannot take.
    #[error("`{name}={value}` is not valid: {expected}")]
    InvalidValue {
        /// Parameter name.
        name: String,
        /// The value given.
        value: String,
        /// What it accepts.
        expected: String,
    },
    /// A parameter that may appear once appears again.
    #[error("`{name}` is given more than once; it may appear only once")]
    Repeated {
        /// Parameter name.
        name: String,
    },
    /// Percent-encoding that does not decode to UTF-8 text.
    #[error("`{raw}` is not valid percent-encoded UTF-8: {reason}")]
    BadEncoding {
        /// The raw text.
        raw: String,
        /// What is wrong, and where in `raw`.
        reason: String,
    },
    /// `from` is after `to`.
    #[error("the range runs backwards: from={from} is after to={to}")]
    ReversedRange {
        /// The from value.
        from: String,
        /// The to value.
        to: String,
    },
}

impl QueryError {
    /// The parameter the error is about, if any.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            QueryError::UnknownParameter { name }
            | QueryError::InvalidValue { name, .. }
            | QueryError::Repeated { name } => Some(name),
            QueryError::BadEncoding { .. } => None,
            QueryError::ReversedRange { .. } => Some("to"),
        }
    }
}

impl Filter {
    /// Parses a query string (a leading `?` is allowed), failing on the first unusable parameter.
    pub fn parse(query: &str) -> Result<Filter, QueryError> {
        let (filter, mut errors) = Filter::parse_lenient(query);
        if errors.is_empty() { Ok(filter) } else { Err(errors.remove(0)) }
    }

    /// Parses a query string, keeping every usable parameter and reporting the rest, so a page
    /// opened from a damaged link still shows what it can.
    pub fn parse_lenient(query: &str) -> (Filter, Vec<QueryError>) {
        let mut filter = Filter::default();
        let mut errors = Vec::new();
        let mut seen: Vec<&'static str> = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = decode(raw_name).and_then(|name| {
                // Where in the pair a problem with the value is: after the name and its `=`.
                let shift =
                    |reason: DecodeError| DecodeError { at: reason.at + raw_name.chars().count() + 1, ..reason };
                Ok((name, decode(raw_value).map_err(shift)?))
            });
            let (name, value) = match decoded {
                Ok(pair) => pair,
                Err(e) => {
                    errors.push(QueryError::BadEncoding { raw: pair.to_string(), reason: e.to_string() });
                    continue;
                }
            };
            let key: &'static str = match name.as_str() {
                "person" => "person",
                "persons" => "persons",
                "from" => "from",
                "to" => "to",
                "mode" => "mode",
                "undated" => "undated",
                "q" => "q",
                "source" => "source",
                "sources" => "sources",
                _ => {
                    errors.push(QueryError::UnknownParameter { name });
                    continue;
                }
            };
            if key != "person" && key != "source" {
                if seen.contains(&key) {
                    errors.push(QueryError::Repeated { name });
                    continue;
                }
                seen.push(key);
            }
            if let Err(e) = apply(&mut filter, key, &value) {
                errors.push(e);
            }
        }
        if let Err(e) = filter.check_range() {
            errors.push(e);
            filter.to = None;
        }
        (filter, errors)
    }

    /// Adds a person reference (trimmed; a repeat is ignored). A blank one is refused: it would
    /// name nobody, or everybody.
    pub fn add_person(&mut self, reference: &str) -> Result<(), QueryError> {
        let reference = reference.trim();
        if reference.is_empty() {
            return Err(QueryError::InvalidValue {
                name: "person".into(),
                value: String::new(),
                expected: "a person id, name or alias, not an empty one".into(),
            });
        }
        if !self.persons.iter().any(|p| p == reference) {
            self.persons.push(reference.to_string());
        }
        Ok(())
    }

    /// Sets the corroboration filter: facts told by at least `n` source articles, from 1 (every
    /// fact) to 1000. The query string's `sources=` and the command line's `--sources` both come
    /// here, so they take the same numbers.
    pub fn set_min_sources(&mut self, n: usize) -> Result<(), QueryError> {
        if !(1..=MAX_MIN_SOURCES).contains(&n) {
            return Err(QueryError::InvalidValue {
                name: "sources".into(),
                value: n.to_string(),
                expected: MIN_SOURCES_EXPECTED.into(),
            });
        }
        self.min_sources = n;
        Ok(())
    }

    /// Whether the date range runs forwards (`from` no later than `to`).
    pub fn check_range(&self) -> Result<(), QueryError> {
        match (&self.from, &self.to) {
            (Some(from), Some(to)) if from.first_day() > to.last_day() => {
                Err(QueryError::ReversedRange { from: from.to_string(), to: to.to_string() })
            }
            _ => Ok(()),
        }
    }

    /// The canonical query string, without a leading `?`; defaults are left out.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for person in &self.persons {
            parts.push(format!("person={}", encode(person)));
        }
        if self.persons_mode == PersonsMode::All {
            parts.push("persons=all".into());
        }
        if let Some(from) = &self.from {
            parts.push(format!("from={}", encode(from.as_str())));
        }
        if let Some(to) = &self.to {
            parts.push(format!("to={}", encode(to.as_str())));
        }
        if self.range_mode == RangeMode::Within {
            parts.push("mode=within".into());
        }
        if self.undated == Undated::Include {
            parts.push("undated=include".into());
        }
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        for source in &self.sources {
            parts.push(format!("source={}", encode(source)));
        }
        if self.min_sources > 1 {
            parts.push(format!("sources={}", self.min_sources));
        }
        parts.join("&")
    }

    /// The date range the filter selects, or `None` when neither end is set.
    pub fn date_range(&self) -> Option<DateRange> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        Some(DateRange {
            earliest: self.from.as_ref().map(DateBound::first_day),
            latest: self.to.as_ref().map(DateBound::last_day),
        })
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// One sentence saying how dates are being matched, for readers of filtered results.
    pub fn date_semantics(&self) -> Option<String> {
        let range = self.date_range()?;
        let span = match (&self.from, &self.to, range.earliest, range.latest) {
            (Some(_), Some(_), Some(a), Some(b)) => format!("{a} to {b}"),
            (Some(_), None, Some(a), _) => format!("{a} onwards"),
            (None, Some(_), _, Some(b)) => format!("up to {b}"),
            _ => String::new(),
        };
        let how = match self.range_mode {
            RangeMode::Overlap => "events whose dates share at least one day with",
            RangeMode::Within => "events whose dates lie entirely within",
        };
        let undated = match self.undated {
            Undated::Include => "undated events are kept",
            Undated::Exclude => "undated events are left out",
        };
        Some(format!("Showing {how} {span} (inclusive); a month or year counts as all its days; {undated}."))
    }
}

/// The most source articles `sources=` may ask for.
const MAX_MIN_SOURCES: usize = 1000;

/// What `sources=` and `--sources` take.
const MIN_SOURCES_EXPECTED: &str = "a number of source articles from 1 to 1000, such as 2";

/// Sets one known parameter on `filter`, or says why its value cannot be used.
fn apply(filter: &mut Filter, key: &str, value: &str) -> Result<(), QueryError> {
    let invalid = |expected: &str| QueryError::InvalidValue {
        name: key.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
    };
    match key {
        "person" => filter.add_person(value)?,
        "persons" => {
            filter.persons_mode = match value {
                "any" => PersonsMode::Any,
                "all" => PersonsMode::All,
                _ => return Err(invalid("`any` or `all`")),
            }
        }
        "from" | "to" => {
            let bound = DateBound::parse(value).map_err(|e| invalid(&e.reason))?;
            if key == "from" {
                filter.from = Some(bound);
            } else {
                filter.to = Some(bound);
            }
        }
        "mode" => {
            filter.range_mode = match value {
                "overlap" => RangeMode::Overlap,
                "within" => RangeMode::Within,
                _ => return Err(invalid("`overlap` or `within`")),
            }
        }
        "source" => {
            let id = value.trim();
            if id.is_empty() {
                return Err(invalid("an article id"));
            }
            if !filter.sources.iter().any(|s| s == id) {
                filter.sources.push(id.to_string());
            }
        }
        "sources" => match value.parse::<usize>() {
            Ok(n) => filter.set_min_sources(n).map_err(|_| invalid(MIN_SOURCES_EXPECTED))?,
            Err(_) => return Err(invalid(MIN_SOURCES_EXPECTED)),
        },
        "undated" => {
            filter.undated = match value {
                "include" => Undated::Include,
                "exclude" => Undated::Exclude,
                _ => return Err(invalid("`include` or `exclude`")),
            }
        }
        _ => filter.text = value.trim().to_string(),
    }
    Ok(())
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_query_string())
    }
}

/// Percent-encodes a value for a query string (`application/x-www-form-urlencoded` style, but
/// spaces as `%20` so the result is also a valid URI component).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Why a query-string component does not decode, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} at character {}", .at + 1)]
pub struct DecodeError {
    /// Where, in characters from 0, in the component (the whole `name=value` pair, in a
    /// [`QueryError`]).
    pub at: usize,
    /// What is wrong there.
    pub what: &'static str,
}

/// Decodes a query-string component: `+` is a space, `%XX` a byte (`XX` two hexadecimal
/// digits, nothing else: `%+4` is refused, not read as 0x04); the bytes must be UTF-8.
pub fn decode(raw: &str) -> Result<String, DecodeError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
                let (Some(high), Some(low)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) else {
                    let at = raw[..i].chars().count();
                    return Err(DecodeError { at, what: "`%` is not followed by two hexadecimal digits" });
                };
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| {
        // The offset in the decoded bytes, counted back to the raw text's escapes.
        let bad = e.utf8_error().valid_up_to();
        let at = raw.get(..raw_offset(raw, bad)).map_or(0, |before| before.chars().count());
        DecodeError { at, what: "the bytes are not UTF-8 text" }
    })
}

/// The byte offset in `raw` of the decoded byte at `decoded` (an escape is three bytes for one).
fn raw_offset(raw: &str, decoded: usize) -> usize {
    let bytes = raw.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() && n < decoded {
        i += if bytes[i] == b'%' { 3 } else { 1 };
        n += 1;
    }
    i.min(raw.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expected: &str) {
        let (filter, errors) = Filter::parse_lenient(query);
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let actual = format!("{} | {}", filter.to_query_string(), errors.join("; "));
        assert_eq!(actual, expected, "for query {query:?}");
    }

    #[test]
    fn parses_and_formats_canonically() {
        check("", " | ");
        check(
            "?person=kaisha-akhan&person=malik-bashagar&persons=all",
            "person=kaisha-akhan&person=malik-bashagar&persons=all | ",
        );
        check("to=2020-10&from=2018", "from=2018&to=2020-10 | ");
        check(
            "mode=within&undated=include&q=cause+c%C3%A9l%C3%A8bre",
            "mode=within&undated=include&q=cause%20c%C3%A9l%C3%A8bre | ",
        );
        check("persons=any&mode=overlap&undated=exclude", " | ");
        check("person=kaisha-akhan&person=kaisha-akhan", "person=kaisha-akhan | ");
        check("person=Sayragul%20Sauytbay", "person=Sayragul%20Sauytbay | ");
        check("source=a&sources=2&source=b&source=a", "source=a&source=b&sources=2 | ");
        check("sources=1", " | ");
        check("sources=zero", " | `sources=zero` is not valid: a number of source articles from 1 to 1000, such as 2");
    }

    #[test]
    fn keeps_what_it_can_and_reports_the_rest() {
        check(
            "color=red&person=x",
            "person=x | unknown parameter `color`; known: person, persons, from, to, mode, undated, q, source, sources",
        );
        check("persons=some", " | `persons=some` is not valid: `any` or `all`");
        check(
            "from=2020-13&to=2021",
            "to=2021 | `from=2020-13` is not valid: month 13 does not exist (01–12, or 21–24 for seasons)",
        );
        check(
            "from=2020~",
            " | `from=2020~` is not valid: a range end is a day, month or year such as 2020-10-30, 2020-10 or 2020",
        );
        check("mode=inside", " | `mode=inside` is not valid: `overlap` or `within`");
        check("undated=maybe", " | `undated=maybe` is not valid: `include` or `exclude`");
        check("q=a&q=b", "q=a | `q` is given more than once; it may appear only once");
        check("q=%FF", " | `q=%FF` is not valid percent-encoded UTF-8: the bytes are not UTF-8 text at character 3");
        check(
            "q=%2",
            " | `q=%2` is not valid percent-encoded UTF-8: `%` is not followed by two hexadecimal digits at character 3",
        );
        check("person=", " | `person=` is not valid: a person id, name or alias, not an empty one");
        check("person=%20%20", " | `person=` is not valid: a person id, name or alias, not an empty one");
        check("from=2021&to=2020", "from=2021 | the range runs backwards: from=2021 is after to=2020");
    }

    /// A `%` takes two hexadecimal digits and nothing else (`u8::from_str_radix` read `+4` as 4),
    /// and the message says where the escape is.
    #[test]
    fn malformed_percent_escapes_are_refused_with_where() {
        check(
            "q=%+4",
            " | `q=%+4` is not valid percent-encoded UTF-8: `%` is not followed by two hexadecimal digits at character 3",
        );
        check(
            "person=x&q=ab%-1c",
            "person=x | `q=ab%-1c` is not valid percent-encoded UTF-8: `%` is not followed by two hexadecimal digits at character 5",
        );
        check(
            "q%zz=1",
            " | `q%zz=1` is not valid percent-encoded UTF-8: `%` is not followed by two hexadecimal digits at character 2",
        );
        check(
            "q=caf%C3%A9%FF",
            " | `q=caf%C3%A9%FF` is not valid percent-encoded UTF-8: the bytes are not UTF-8 text at character 12",
        );
        check("q=%41%62", "q=Ab | ");
    }

    /// `sources=` and `Filter::set_min_sources` (which `--sources` calls) take the same numbers.
    #[test]
    fn sources_take_one_to_a_thousand_however_given() {
        for n in [0, 1, 2, 1000, 1001] {
            let parsed = Filter::parse(&format!("sources={n}")).map(|f| f.min_sources);
            let set = Filter::default().set_min_sources(n).map(|()| n);
            assert_eq!(parsed, set, "{n}");
            assert_eq!(set.is_ok(), (1..=1000).contains(&n), "{n}");
        }
    }

    #[test]
    fn strict_parse_fails_on_first_error() {
        assert_eq!(Filter::parse("mode=within").map(|f| f.range_mode), Ok(RangeMode::Within));
        assert_eq!(
            Filter::parse("mode=within&zap=1").map(|f| f.range_mode),
            Err(QueryError::UnknownParameter { name: "zap".into() })
        );
    }

    #[test]
    fn month_end_bound_runs_to_the_last_day() {
        let filter = Filter::parse("from=2020-02&to=2020-02").unwrap_or_default();
        let range = filter.date_range().map(|r| (r.earliest.map(|d| d.to_string()), r.latest.map(|d| d.to_string())));
        assert_eq!(range, Some((Some("2020-02-01".into()), Some("2020-02-29".into()))));
        assert_eq!(
            filter.date_semantics().as_deref(),
            Some(
                "Showing events whose dates share at least one day with 2020-02-01 to 2020-02-29 (inclusive); a month or year counts as all its days; undated events are left out."
            )
        );
    }
}
