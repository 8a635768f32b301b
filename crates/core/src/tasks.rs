//! The work the web app hands to its background worker: checking a file a user opened, and
//! exporting the current view. Both need code the page does not (the validator, the exporters), so
//! keeping it in the worker keeps it out of the page's first download and off its main thread.
//!
//! Messages are lists of strings, which cross `postMessage` without any serialization code.
//! [`handle`] is the whole worker; the web app's component tests call it in-process instead.

use crate::export::{self, Format};
use crate::filter::Filter;
use crate::load::load;

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
        /// The dataset's JSON text.
        text: String,
    },
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The dataset is valid.
    Valid,
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
            Request::Export { format, query, text } => vec!["export", format.name(), query, text],
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
                Ok(Request::Export { format, query: take(2), text: take(3) })
            }
            (op, _) => Err(format!("unknown request `{op}` with {count} fields")),
        }
    }
}

impl Reply {
    /// The reply as message fields.
    pub fn to_fields(&self) -> Vec<&str> {
        match self {
            Reply::Valid => vec!["valid"],
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
            ("valid", 0) => Ok(Reply::Valid),
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
            Ok(_) => Reply::Valid,
            Err(e) => Reply::Invalid(e.details()),
        },
        Request::Export { format, query, text } => {
            let catalog = match load(&text) {
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
            Request::Export { format: Format::Ics, query: "person=a&from=2020".into(), text: String::new() },
        ];
        for request in requests {
            assert_eq!(Request::from_fields(owned(request.to_fields())), Ok(request.clone()));
        }
        let replies = [
            Reply::Valid,
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
        assert_eq!(handle(Request::Check { text: DEFAULT_DATASET_JSON.into() }), Reply::Valid);
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
        let request = Request::Export {
            format: Format::Csv,
            query: "person=kaisha-akhan".into(),
            text: DEFAULT_DATASET_JSON.into(),
        };
        let Reply::File { name, media_type, body } = handle(request) else { panic!("no file") };
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let (selection, _) = catalog.select_lenient(&Filter::parse("person=kaisha-akhan").unwrap_or_default());
        assert_eq!(body, export::export(&catalog, &selection, Format::Csv));
        assert_eq!(body.lines().count(), 1 + 4, "a header and Kaisha Akhan's four events");
        assert_eq!(name, format!("{}.csv", catalog.dataset().articles[0].id));
        assert_eq!(media_type, "text/csv;charset=utf-8");
        let failed = handle(Request::Export { format: Format::Json, query: String::new(), text: "{".into() });
        assert!(matches!(failed, Reply::Failed(m) if m.starts_with("the dataset cannot be exported")));
    }

    #[test]
    fn the_prevalidated_builtin_is_the_validated_one() {
        let checked = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let trusted = crate::embedded::default_catalog_prevalidated().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.dataset(), trusted.dataset());
        let ids = |c: &crate::Catalog| c.all_events().iter().map(|e| e.event.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&checked), ids(&trusted));
    }
}
