//! The work the web app hands to its background worker: checking a file a user opened (and
//! handing it back in the [packed](crate::pack) form the page reads), and exporting the current
//! view. Both need code the page does not carry (the JSON reader, the validator, the exporters), so
//! keeping it in the worker keeps it out of the page's first download and off its main thread.
//!
//! Messages are lists of strings, which cross `postMessage` without any serialization code.
//! [`handle`] is the whole worker; the web app's component tests call it in-process instead.

use crate::catalog::Catalog;
use crate::export::{self, Format};
use crate::filter::Filter;
use crate::load::load;
use crate::pack::{pack, unpack};

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Check a dataset fully: limits, syntax, shape and validation.
    Check {
        /// The file's JSON text.
        text: String,
    },
    /// Export the events a filter keeps from a dataset.
    Export {
        /// The format.
        format: Format,
        /// The filter, as a query string (`Filter::to_query_string`).
        query: String,
        /// The dataset, packed.
        packed: String,
    },
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The dataset is valid; here it is, packed.
    Valid {
        /// The dataset, packed.
        packed: String,
    },
    /// The dataset cannot be used: every problem, one line each, with its path.
    Invalid(Vec<String>),
    /// An export, ready to download.
    File {
        /// A file name for it, from the first article's id and the format.
        name: String,
        /// Its media type.
        media_type: String,
        /// Its contents.
        body: String,
    },
    /// The request could not be carried out.
    Failed(String),
}

impl Request {
    /// The request as message fields.
    pub fn to_fields(&self) -> Vec<&str> {
        match self {
            Request::Check { text } => vec!["check", text],
            Request::Export { format, query, packed } => vec!["export", format.name(), query, packed],
        }
    }

    /// Reads a request from message fields.
    pub fn from_fields(mut fields: Vec<String>) -> Result<Request, String> {
        let count = fields.len();
        let mut take = |i: usize| std::mem::take(&mut fields[i]);
        match (take(0).as_str(), count) {
            ("check", 2) => Ok(Request::Check { text: take(1) }),
            ("export", 4) => {
                let name = take(1);
                let format = Format::from_name(&name).ok_or_else(|| format!("unknown export format `{name}`"))?;
                Ok(Request::Export { format, query: take(2), packed: take(3) })
            }
            (op, _) => Err(format!("unknown request `{op}` with {count} fields")),
        }
    }
}

impl Reply {
    /// The reply as message fields.
    pub fn to_fields(&self) -> Vec<&str> {
        match self {
            Reply::Valid { packed } => vec!["valid", packed],
            Reply::Invalid(problems) => std::iter::once("invalid").chain(problems.iter().map(String::as_str)).collect(),
            Reply::File { name, media_type, body } => vec!["file", name, media_type, body],
            Reply::Failed(message) => vec!["failed", message],
        }
    }

    /// Reads a reply from message fields.
    pub fn from_fields(mut fields: Vec<String>) -> Result<Reply, String> {
        if fields.is_empty() {
            return Err("empty reply".into());
        }
        let rest = fields.split_off(1);
        match (fields[0].as_str(), rest.len()) {
            ("valid", 1) => Ok(Reply::Valid { packed: rest.into_iter().next().unwrap_or_default() }),
            ("invalid", _) => Ok(Reply::Invalid(rest)),
            ("file", 3) => {
                let [name, media_type, body]: [String; 3] = rest.try_into().map_err(|_| "bad file reply")?;
                Ok(Reply::File { name, media_type, body })
            }
            ("failed", 1) => Ok(Reply::Failed(rest.into_iter().next().unwrap_or_default())),
            (kind, n) => Err(format!("unknown reply `{kind}` with {n} fields")),
        }
    }
}

/// Carries out a request.
pub fn handle(request: Request) -> Reply {
    match request {
        Request::Check { text } => match load(&text) {
            Ok(catalog) => Reply::Valid { packed: pack(catalog.dataset()) },
            Err(e) => Reply::Invalid(e.details()),
        },
        Request::Export { format, query, packed } => {
            // Validated again, cheaply, so an export never rests on anything unchecked.
            let catalog = match unpack(&packed)
                .map_err(|e| e.to_string())
                .and_then(|d| Catalog::new(d).map_err(|p| p.first().map(ToString::to_string).unwrap_or_default()))
            {
                Ok(catalog) => catalog,
                Err(e) => return Reply::Failed(format!("the dataset cannot be exported: {e}")),
            };
            // The page sends its own canonical query, so nothing is dropped here in practice; a
            // parameter that did not parse would simply not narrow the export, as on the page.
            let (filter, _) = Filter::parse_lenient(&query);
            let (selection, _) = catalog.select_lenient(&filter);
            let stem = catalog.dataset().articles.first().map_or("factline", |a| a.id.as_str());
            Reply::File {
                name: format!("{stem}.{}", format.extension()),
                media_type: format.media_type().to_string(),
                body: export::export(&catalog, &selection, format),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::{DEFAULT_DATASET_JSON, default_catalog};

    fn owned(fields: Vec<&str>) -> Vec<String> {
        fields.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn requests_and_replies_survive_their_fields() {
        let requests = [
            Request::Check { text: "{}".into() },
            Request::Export { format: Format::Ics, query: "person=a&from=2020".into(), packed: String::new() },
        ];
        for request in requests {
            assert_eq!(Request::from_fields(owned(request.to_fields())), Ok(request.clone()));
        }
        let replies = [
            Reply::Valid { packed: "0:".into() },
            Reply::Valid { packed: String::new() },
            Reply::Invalid(vec![]),
            Reply::Invalid(vec!["$.a: x".into(), "$.b: y".into()]),
            Reply::File { name: "a.csv".into(), media_type: "text/csv".into(), body: "x\r\n".into() },
            Reply::Failed("no".into()),
        ];
        for reply in replies {
            assert_eq!(Reply::from_fields(owned(reply.to_fields())), Ok(reply.clone()));
        }
    }

    #[test]
    fn malformed_messages_are_errors_not_panics() {
        assert!(matches!(Request::from_fields(owned(vec!["export", "pdf", "", ""])), Err(e) if e.contains("`pdf`")));
        assert!(Request::from_fields(owned(vec!["check"])).is_err());
        assert!(Request::from_fields(owned(vec![""])).is_err());
        assert!(Reply::from_fields(vec![]).is_err());
        assert!(Reply::from_fields(owned(vec!["file", "a"])).is_err());
        assert!(Reply::from_fields(owned(vec!["ready"])).is_err());
    }

    #[test]
    fn check_gives_every_problem_with_its_path() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let valid = handle(Request::Check { text: DEFAULT_DATASET_JSON.into() });
        assert_eq!(valid, Reply::Valid { packed: pack(catalog.dataset()) });
        let broken = r#"{"format": "factline/1", "articles": [{"id": 5}]}"#;
        let Reply::Invalid(problems) = handle(Request::Check { text: broken.into() }) else { panic!("not invalid") };
        assert!(problems.len() > 1, "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("$.articles[0].id")), "{problems:?}");
        let Reply::Invalid(problems) = handle(Request::Check { text: "[".into() }) else { panic!("not invalid") };
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("not valid JSON"), "{problems:?}");
    }

    #[test]
    fn export_applies_the_filter_and_names_the_file() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let packed = pack(catalog.dataset());
        let request = Request::Export { format: Format::Csv, query: "person=kaisha-akhan".into(), packed };
        let Reply::File { name, media_type, body } = handle(request) else { panic!("no file") };
        let (selection, _) = catalog.select_lenient(&Filter::parse("person=kaisha-akhan").unwrap_or_default());
        assert_eq!(body, export::export(&catalog, &selection, Format::Csv));
        assert_eq!(body.lines().count(), 1 + 4, "a header and Kaisha Akhan's four events");
        assert_eq!(name, format!("{}.csv", catalog.dataset().articles[0].id));
        assert_eq!(media_type, "text/csv;charset=utf-8");
        let damaged = Request::Export { format: Format::Json, query: String::new(), packed: "1,".into() };
        assert!(
            matches!(handle(damaged), Reply::Failed(m) if m.starts_with("the dataset cannot be exported: the packed"))
        );
        let mut invalid = catalog.dataset().clone();
        invalid.events[0].spans.clear();
        let invalid = Request::Export { format: Format::Json, query: String::new(), packed: pack(&invalid) };
        assert!(matches!(handle(invalid), Reply::Failed(m) if m.contains("has no spans")), "validated again");
    }
}
