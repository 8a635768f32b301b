//! `factline`, the command-line front end: arguments (`args`) in, text or JSON (`output`) out,
//! around `factline-core`. Every query, date rule, text rule and export lives in the core crate.

mod args;
mod input;
mod output;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use clap::Parser;
use factline_core::export;
use factline_core::text::block;
use factline_core::{Catalog, EntityRef, Limits};

use crate::args::{Cli, Command, DataArgs};

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a dataset that cannot be read or does not validate.
pub const EXIT_DATA: i32 = 1;
/// Exit code for a usage error: a wrong flag or value, or a reference that names nobody.
pub const EXIT_USAGE: i32 = 2;

/// A failure with its exit code; the message goes to stderr, and `report`, if any, to stdout.
struct Failure {
    code: i32,
    message: String,
    report: Option<String>,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { code: EXIT_USAGE, message: message.into(), report: None }
}

fn data_error(message: impl Into<String>) -> Failure {
    Failure { code: EXIT_DATA, message: message.into(), report: None }
}

/// What a command prints: its output, and notes for stderr (what an export left out).
struct Done {
    text: String,
    notes: Vec<String>,
}

impl From<String> for Done {
    fn from(text: String) -> Done {
        Done { text, notes: Vec::new() }
    }
}

/// Runs the CLI on `args` (including the program name), writing to `out` and `err`; returns the
/// exit code. Arguments need not be UTF-8: file names are taken as they are, and any other
/// argument that is not text is a usage error.
pub fn run<A: Into<OsString> + Clone>(
    args: impl IntoIterator<Item = A>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let rendered = e.render().to_string();
            let _ =
                if code == EXIT_OK { out.write_all(rendered.as_bytes()) } else { err.write_all(rendered.as_bytes()) };
            return code;
        }
    };
    let limits = Limits { max_bytes: cli.max_input };
    match execute(cli.command, &limits) {
        Ok(done) => {
            for note in &done.notes {
                let _ = writeln!(err, "factline: note: {}", block(note));
            }
            match out.write_all(done.text.as_bytes()) {
                Ok(()) => EXIT_OK,
                // A closed pipe (`factline events | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
                Err(e) => {
                    let _ = writeln!(err, "factline: cannot write output: {e}");
                    EXIT_DATA
                }
            }
        }
        Err(failure) => {
            if let Some(report) = &failure.report {
                let _ = out.write_all(report.as_bytes());
            }
            // Messages quote what the user or the file gave; nothing in them reaches the terminal raw.
            let _ = writeln!(err, "factline: {}", block(&failure.message));
            failure.code
        }
    }
}

fn catalog(data: &DataArgs, limits: &Limits) -> Result<Catalog, Failure> {
    match &data.data {
        Some(path) => {
            let bytes = input::read_limited(path, limits.max_bytes).map_err(data_error)?;
            factline_core::load_with(&bytes, limits)
                .map_err(|e| data_error(output::load_error(&input::shown_name(path), &e)))
        }
        None => factline_core::embedded::default_catalog()
            .map_err(|e| data_error(output::load_error("built-in dataset", &e))),
    }
}

fn execute(command: Command, limits: &Limits) -> Result<Done, Failure> {
    match command {
        Command::Persons(args) => {
            let catalog = catalog(&args.data, limits)?;
            Ok(output::persons(&catalog, args.q.as_deref().unwrap_or_default(), args.json).into())
        }
        Command::Events(args) => {
            let catalog = catalog(&args.data, limits)?;
            let filter = args.filter.to_filter().map_err(usage)?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let events = catalog.events(&selection);
            Ok(if args.json {
                let records: Vec<export::EventRecord> =
                    events.iter().map(|e| export::EventRecord::new(&catalog, e)).collect();
                output::json(&records)
            } else {
                output::events(&catalog, &filter, &events)
            }
            .into())
        }
        Command::Claims(args) => {
            let catalog = catalog(&args.data, limits)?;
            let filter = args.filter.to_filter().map_err(usage)?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let claims = catalog.claims(&selection);
            Ok(if args.json {
                let records: Vec<export::ClaimRecord> =
                    claims.iter().map(|c| export::ClaimRecord::new(&catalog, c)).collect();
                output::json(&records)
            } else {
                output::claims(&catalog, &claims)
            }
            .into())
        }
        Command::Show { id, data, json } => {
            let catalog = catalog(&data, limits)?;
            let target = match catalog.lookup(&id) {
                Some(found) => found,
                None => EntityRef::Person(
                    catalog
                        .resolve_person(&id)
                        .map_err(|e| usage(format!("`{id}` is not an id in this dataset, and {e}")))?,
                ),
            };
            Ok(output::show(&catalog, target, json).into())
        }
        Command::Validate { file, json } => validate(&file, json, limits).map(Done::from),
        Command::Export { format, output: path, filter, data } => {
            let catalog = catalog(&data, limits)?;
            let filter = filter.to_filter().map_err(usage)?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let file =
                export::export(&catalog, &selection, format.into(), limits).map_err(|e| data_error(e.to_string()))?;
            match path {
                Some(path) => {
                    std::fs::write(&path, file.body).map_err(|e| data_error(format!("{}: {e}", path.display())))?;
                    Ok(Done { text: String::new(), notes: file.notes })
                }
                None => Ok(Done { text: file.body, notes: file.notes }),
            }
        }
        Command::Schema => Ok(schema_json().into()),
    }
}

/// The JSON Schema of the dataset format, as committed under `assets/schema/`.
pub fn schema_json() -> String {
    output::json(&schemars::schema_for!(factline_core::Dataset))
}

fn validate(file: &Path, as_json: bool, limits: &Limits) -> Result<String, Failure> {
    let name = input::shown_name(file);
    let bytes = input::read_limited(file, limits.max_bytes).map_err(data_error)?;
    match factline_core::load_with(&bytes, limits) {
        Ok(catalog) => {
            let d = catalog.dataset();
            if as_json {
                Ok(output::json(
                    &serde_json::json!({ "file": name, "valid": true, "problems": [], "total": 0, "complete": true }),
                ))
            } else {
                Ok(format!(
                    "{name}: valid ({} article(s), {} persons, {} events, {} claims)\n",
                    d.articles.len(),
                    d.persons.len(),
                    d.events.len(),
                    d.claims.len()
                ))
            }
        }
        // Machine-readable problems still exit 1; the JSON goes to stdout for tools to read.
        Err(e) if as_json => Err(Failure {
            report: Some(output::problems_json(&name, &e)),
            ..data_error(format!("{name} is not a valid dataset"))
        }),
        Err(e) => Err(data_error(output::load_error(&name, &e))),
    }
}
