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
use factline_core::{Catalog, EntityRef, Limits, ResolveError};

use factline_core::LoadError;
use factline_core::format::annotations::import_annotations;
use factline_core::format::new::{ArticleInfo, new_dataset, paragraphs};
use factline_core::format::read::decode_text;
use factline_core::format::reanchor::reanchor;
use factline_core::format::tables::{self, TableFile};

use crate::args::{Cli, Command, DataArgs, ExportFormat};

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

/// A loaded catalog, freed on another thread when the command is done with it: the answer is
/// written by then, and freeing a 1M-event corpus takes about a second nobody needs to wait for
/// (the process exits without waiting; a caller of [`run`] gets the thread's memory back when it
/// is done).
struct Loaded(Option<Catalog>);

impl std::ops::Deref for Loaded {
    type Target = Catalog;

    fn deref(&self) -> &Catalog {
        self.0.as_ref().unwrap_or_else(|| unreachable!("a Loaded holds its catalog until dropped"))
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        if let Some(catalog) = self.0.take() {
            // If no thread can be had, the closure, and the catalog in it, is dropped here.
            let _ = std::thread::Builder::new().spawn(move || drop(catalog));
        }
    }
}

fn catalog(data: &DataArgs, limits: &Limits) -> Result<Loaded, Failure> {
    load(data, limits).map(|catalog| Loaded(Some(catalog)))
}

fn load(data: &DataArgs, limits: &Limits) -> Result<Catalog, Failure> {
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
                None => EntityRef::Person(catalog.resolve_person(&id).map_err(|e| match e {
                    ResolveError::Empty => usage(format!("show: {e}")),
                    e => usage(format!("`{id}` is not an id in this dataset, and {e}")),
                })?),
            };
            Ok(output::show(&catalog, target, json).into())
        }
        Command::Validate { file, json } => validate(&file, json, limits).map(Done::from),
        Command::Export { format, table, output: path, filter, data } => {
            let catalog = catalog(&data, limits)?;
            let filter = filter.to_filter().map_err(usage)?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let file = match (format, table) {
                (ExportFormat::Csv, Some(table)) => {
                    export::Export { body: tables::export(&catalog, &selection, table.into()), notes: Vec::new() }
                }
                (_, Some(_)) => return Err(usage("--table goes with --format csv")),
                (format, None) => export::export(&catalog, &selection, format.into(), limits)
                    .map_err(|e| data_error(e.to_string()))?,
            };
            match path {
                Some(path) => {
                    std::fs::write(&path, file.body).map_err(|e| data_error(format!("{}: {e}", path.display())))?;
                    Ok(Done { text: String::new(), notes: file.notes })
                }
                None => Ok(Done { text: file.body, notes: file.notes }),
            }
        }
        Command::Schema => Ok(schema_json().into()),
        Command::Anchor { file } => {
            let name = input::shown_name(&file);
            let bytes = input::read_limited(&file, limits.max_bytes).map_err(data_error)?;
            let catalog =
                factline_core::load_with(&bytes, limits).map_err(|e| data_error(output::load_error(&name, &e)))?;
            dataset_json(catalog.dataset(), limits)
        }
        Command::New { article, id, title, publisher, published, author, url, language, subtitle } => {
            let name = input::shown_name(&article);
            let bytes = input::read_limited(&article, limits.max_bytes).map_err(data_error)?;
            let text = decode_text(&bytes).map_err(|e| data_error(format!("{name}: {e}")))?;
            let info = ArticleInfo { id, title, publisher, published, author, url, language, subtitle };
            let dataset = new_dataset(text, info)
                .map_err(|p| usage(output::load_error("the new dataset", &LoadError::Invalid(p))))?;
            dataset_json(&dataset, limits)
        }
        Command::Reanchor { dataset, article, text } => {
            input::stdin_once(&[("the dataset", Some(&dataset)), ("--text", Some(&text))]).map_err(usage)?;
            let catalog = catalog(&DataArgs { data: Some(dataset) }, limits)?;
            let name = input::shown_name(&text);
            let bytes = input::read_limited(&text, limits.max_bytes).map_err(data_error)?;
            let new_text = decode_text(&bytes).map_err(|e| data_error(format!("{name}: {e}")))?;
            let result = reanchor(catalog.dataset(), &article, paragraphs(new_text)).map_err(usage)?;
            let mut notes: Vec<String> = result
                .moved
                .iter()
                .map(|m| {
                    let how = if m.exact_match { "exact" } else { "approximate" };
                    let words = if m.exact_before == m.exact_after {
                        String::new()
                    } else {
                        format!(", “{}” → “{}”", m.exact_before, m.exact_after)
                    };
                    format!(
                        "moved {} ({}): {}..{} → {}..{}, {how} match, score {:.2}{words}",
                        m.path, m.owner, m.before.0, m.before.1, m.after.0, m.after.1, m.score
                    )
                })
                .collect();
            if !result.orphans.is_empty() {
                let mut message = format!(
                    "{} span(s) could not be placed with confidence in the new text; nothing was written:",
                    result.orphans.len()
                );
                for o in &result.orphans {
                    let best = o.best.map(|b| format!(", best score {b:.2}")).unwrap_or_default();
                    message
                        .push_str(&format!("\n  orphan {} ({}): “{}”: {}{best}", o.path, o.owner, o.exact, o.reason));
                }
                notes.push(message);
                return Err(Failure { code: EXIT_DATA, message: notes.join("\n"), report: None });
            }
            let mut dataset = result.dataset;
            factline_core::format::validate::anchor(&mut dataset)
                .map_err(|p| data_error(output::load_error("the re-anchored dataset", &LoadError::Invalid(p))))?;
            let mut done = dataset_json(&dataset, limits)?;
            done.notes = notes;
            Ok(done)
        }
        Command::ImportAnnotations { data, file } => {
            input::stdin_once(&[("--data", Some(&data)), ("the annotations file", Some(&file))]).map_err(usage)?;
            let name = input::shown_name(&data);
            let bytes = input::read_limited(&data, limits.max_bytes).map_err(data_error)?;
            let dataset =
                factline_core::parse_dataset(&bytes, limits).map_err(|e| data_error(output::load_error(&name, &e)))?;
            let annotations = input::read_limited(&file, limits.max_bytes).map_err(data_error)?;
            let imported = import_annotations(dataset, &annotations).map_err(|problems| {
                let error = LoadError::Invalid(factline_core::Problems::complete(problems));
                data_error(format!("nothing was imported; {}", output::load_error(&input::shown_name(&file), &error)))
            })?;
            let mut done = dataset_json(&imported.dataset, limits)?;
            done.notes = imported.notes;
            Ok(done)
        }
        Command::ImportCsv { data, persons, events, claims } => {
            if persons.is_none() && events.is_none() && claims.is_none() {
                return Err(usage("give at least one table: --persons, --events or --claims"));
            }
            input::stdin_once(&[
                ("--data", Some(&data)),
                ("--persons", persons.as_deref()),
                ("--events", events.as_deref()),
                ("--claims", claims.as_deref()),
            ])
            .map_err(usage)?;
            let name = input::shown_name(&data);
            let bytes = input::read_limited(&data, limits.max_bytes).map_err(data_error)?;
            let dataset =
                factline_core::parse_dataset(&bytes, limits).map_err(|e| data_error(output::load_error(&name, &e)))?;
            let read = |path: &Option<std::path::PathBuf>| -> Result<Option<(String, Vec<u8>)>, Failure> {
                match path {
                    Some(p) => {
                        Ok(Some((input::shown_name(p), input::read_limited(p, limits.max_bytes).map_err(data_error)?)))
                    }
                    None => Ok(None),
                }
            };
            let files = [read(&persons)?, read(&events)?, read(&claims)?];
            let table = |i: usize| files[i].as_ref().map(|(name, bytes)| TableFile { name, bytes });
            let mut imported = tables::import(dataset, table(0), table(1), table(2)).map_err(|problems| {
                let mut message = format!("nothing was imported; {} problem(s):", problems.len());
                for p in &problems {
                    message.push_str(&format!("\n  {p}"));
                }
                data_error(message)
            })?;
            // Printed with every quote's offsets filled in, for tools that read offsets.
            factline_core::format::validate::anchor(&mut imported)
                .map_err(|p| data_error(output::load_error("the imported dataset", &LoadError::Invalid(p))))?;
            dataset_json(&imported, limits)
        }
    }
}

/// A dataset as JSON that reading with `limits` accepts.
fn dataset_json(dataset: &factline_core::Dataset, limits: &Limits) -> Result<Done, Failure> {
    factline_core::format::write::to_json(dataset, limits).map(Done::from).map_err(|e| data_error(e.to_string()))
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
                // The name is the user's, but may hold any character a file name can.
                Ok(format!(
                    "{}: valid ({} article(s), {} persons, {} events, {} claims)\n",
                    block(&name),
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
