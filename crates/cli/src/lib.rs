//! `factline`, the command-line front end: argument parsing and printing around `factline-core`.
//! Every query, date rule and export lives in the core crate; this crate only turns flags into a
//! [`Filter`] and results into text.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use factline_core::export::{self, ClaimRecord, EventRecord, Format, PersonRecord};
use factline_core::{
    AliasSource, Catalog, ClaimRef, DateBound, EntityRef, EventRef, Filter, LoadError, PersonKind, PersonsMode,
    RangeMode, Undated,
};

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a dataset that cannot be read or does not validate.
pub const EXIT_DATA: i32 = 1;
/// Exit code for a usage error: a wrong flag or value, or a reference that names nobody.
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "factline",
    version,
    about = "Ask a news article who did what and when, with the article's own words.",
    long_about = "Ask a news article who did what and when, with the article's own words.\n\n\
        With no --data, factline reads its built-in dataset: Eurasianet, 31 October 2020, \
        \"Kazakhstan: Xinjiang fugitives secure asylum status\".",
    after_help = "Examples:\n  \
        factline events --person sayragul-sauytbay\n  \
        factline events --person Musakhan --person Alimuly --persons all --json\n  \
        factline events --from 2020-10 --to 2020-10 --mode within\n  \
        factline events --query 'person=the-pair&from=2019&undated=include'\n  \
        factline show kaisha-akhan\n  \
        factline export --format ics > refugees.ics\n  \
        factline validate my-dataset.json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the people, with how many events each takes part in.
    Persons(PersonsArgs),
    /// List events in chronological order (undated last), filtered.
    Events(ListArgs),
    /// List claims: who said what, direct or reported, filtered like events.
    Claims(ListArgs),
    /// Everything about one person, event, claim, organization or place, with quoted spans.
    Show {
        /// An id, or for a person also a name, alias or unique prefix.
        id: String,
        #[command(flatten)]
        data: DataArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a dataset file and list every problem with its JSON path.
    Validate {
        /// The dataset file (JSON, format factline/1).
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the filtered events as JSON (a dataset), CSV, iCalendar or TimelineJS.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print the JSON Schema of the dataset format.
    Schema,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
    Ics,
    Timelinejs,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Timelinejs => Format::TimelineJs,
        }
    }
}

#[derive(Debug, Args)]
struct DataArgs {
    /// A dataset file to read instead of the built-in article.
    #[arg(long, global = true, value_name = "FILE")]
    data: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    data: DataArgs,
    /// Print JSON (a stable, documented shape) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct PersonsArgs {
    /// Only people whose id, name or alias contains these words (ignoring case and accents).
    #[arg(long, value_name = "TEXT")]
    q: Option<String>,
    #[command(flatten)]
    data: DataArgs,
    /// Print JSON (a stable, documented shape) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PersonsArg {
    Any,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ModeArg {
    Overlap,
    Within,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UndatedArg {
    Include,
    Exclude,
}

#[derive(Debug, Args)]
struct FilterArgs {
    /// A person: id, name, alias or unique prefix, ignoring case and accents. Repeatable.
    #[arg(long, value_name = "PERSON")]
    person: Vec<String>,
    /// With several persons: events with any of them (default) or with all of them.
    #[arg(long, value_enum)]
    persons: Option<PersonsArg>,
    /// Range start: a day, month or year (2020-10-30, 2020-10, 2020).
    #[arg(long, value_name = "EDTF")]
    from: Option<String>,
    /// Range end, inclusive: `--to 2020-10` runs through October 31.
    #[arg(long, value_name = "EDTF")]
    to: Option<String>,
    /// overlap (default): the event's dates share a day with the range; within: they lie inside it.
    #[arg(long, value_enum)]
    mode: Option<ModeArg>,
    /// Keep or drop undated events while a range is set (default: exclude).
    #[arg(long, value_enum)]
    undated: Option<UndatedArg>,
    /// Free text over summaries, claims, names and aliases; every word must appear.
    #[arg(long, value_name = "TEXT")]
    q: Option<String>,
    /// The same filter as a URL query string, as in the web app's address bar; flags add to it.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
}

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

impl FilterArgs {
    fn to_filter(&self) -> Result<Filter, Failure> {
        let mut filter = match &self.query {
            Some(q) => Filter::parse(q).map_err(|e| usage(format!("--query: {e}")))?,
            None => Filter::default(),
        };
        for person in &self.person {
            if !filter.persons.contains(person) {
                filter.persons.push(person.clone());
            }
        }
        if let Some(p) = self.persons {
            filter.persons_mode = match p {
                PersonsArg::Any => PersonsMode::Any,
                PersonsArg::All => PersonsMode::All,
            };
        }
        let bound = |flag: &str, value: &str| DateBound::parse(value).map_err(|e| usage(format!("{flag}: {e}")));
        if let Some(from) = &self.from {
            filter.from = Some(bound("--from", from)?);
        }
        if let Some(to) = &self.to {
            filter.to = Some(bound("--to", to)?);
        }
        if let (Some(from), Some(to)) = (&filter.from, &filter.to) {
            if from.first_day() > to.last_day() {
                return Err(usage(format!("the range runs backwards: --from {from} is after --to {to}")));
            }
        }
        if let Some(m) = self.mode {
            filter.range_mode = match m {
                ModeArg::Overlap => RangeMode::Overlap,
                ModeArg::Within => RangeMode::Within,
            };
        }
        if let Some(u) = self.undated {
            filter.undated = match u {
                UndatedArg::Include => Undated::Include,
                UndatedArg::Exclude => Undated::Exclude,
            };
        }
        if let Some(q) = &self.q {
            filter.text = q.trim().to_string();
        }
        Ok(filter)
    }
}

fn read_file(path: &Path) -> Result<String, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| data_error(format!("{}: {e}", path.display())))?;
    if metadata.len() > factline_core::load::MAX_INPUT_BYTES as u64 {
        return Err(data_error(format!(
            "{}: the file is {} bytes, more than the {}-byte limit",
            path.display(),
            metadata.len(),
            factline_core::load::MAX_INPUT_BYTES
        )));
    }
    std::fs::read_to_string(path).map_err(|e| data_error(format!("{}: {e}", path.display())))
}

fn describe_load_error(source: &str, error: &LoadError) -> String {
    let mut message = String::new();
    match error {
        LoadError::Invalid(_) | LoadError::Shape(_) => {
            let details = error.details();
            let _ = writeln!(message, "{source}: {} problem(s):", details.len());
            for line in details {
                let _ = writeln!(message, "  {line}");
            }
        }
        other => {
            let _ = writeln!(message, "{source}: {other}");
        }
    }
    message.trim_end().to_string()
}

fn catalog(data: &DataArgs) -> Result<Catalog, Failure> {
    match &data.data {
        Some(path) => {
            let text = read_file(path)?;
            factline_core::load(&text).map_err(|e| data_error(describe_load_error(&path.display().to_string(), &e)))
        }
        None => factline_core::embedded::default_catalog()
            .map_err(|e| data_error(describe_load_error("built-in dataset", &e))),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Runs the CLI on `args` (including the program name), writing to `out` and `err`; returns the exit code.
pub fn run(args: impl IntoIterator<Item = String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
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
    match execute(cli.command) {
        Ok(text) => match out.write_all(text.as_bytes()) {
            Ok(()) => EXIT_OK,
            // A closed pipe (`factline events | head`) is not an error worth reporting.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
            Err(e) => {
                let _ = writeln!(err, "factline: cannot write output: {e}");
                EXIT_DATA
            }
        },
        Err(failure) => {
            if let Some(report) = &failure.report {
                let _ = out.write_all(report.as_bytes());
            }
            let _ = writeln!(err, "factline: {}", failure.message);
            failure.code
        }
    }
}

fn execute(command: Command) -> Result<String, Failure> {
    match command {
        Command::Persons(args) => {
            let catalog = catalog(&args.data)?;
            Ok(persons(&catalog, args.q.as_deref().unwrap_or_default(), args.json))
        }
        Command::Events(args) => {
            let catalog = catalog(&args.data)?;
            let filter = args.filter.to_filter()?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let events = catalog.events(&selection);
            if args.json {
                Ok(json(&events.iter().map(|e| EventRecord::new(&catalog, e)).collect::<Vec<_>>()))
            } else {
                Ok(events_text(&catalog, &filter, &events))
            }
        }
        Command::Claims(args) => {
            let catalog = catalog(&args.data)?;
            let filter = args.filter.to_filter()?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let claims = catalog.claims(&selection);
            if args.json {
                Ok(json(&claims.iter().map(|c| ClaimRecord::new(&catalog, c)).collect::<Vec<_>>()))
            } else {
                Ok(claims_text(&catalog, &claims))
            }
        }
        Command::Show { id, data, json: as_json } => {
            let catalog = catalog(&data)?;
            show(&catalog, &id, as_json)
        }
        Command::Validate { file, json: as_json } => validate(&file, as_json),
        Command::Export { format, output, filter, data } => {
            let catalog = catalog(&data)?;
            let filter = filter.to_filter()?;
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let text = export::export(&catalog, &selection, format.into());
            match output {
                Some(path) => {
                    std::fs::write(&path, text).map_err(|e| data_error(format!("{}: {e}", path.display())))?;
                    Ok(String::new())
                }
                None => Ok(text),
            }
        }
        Command::Schema => Ok(schema_json()),
    }
}

/// The JSON Schema of the dataset format, as committed under `assets/schema/`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(factline_core::Dataset);
    json(&schema)
}

fn validate(file: &Path, as_json: bool) -> Result<String, Failure> {
    let text = read_file(file)?;
    let name = file.display().to_string();
    match factline_core::load(&text) {
        Ok(catalog) => {
            let d = catalog.dataset();
            if as_json {
                Ok(json(&serde_json::json!({ "file": name, "valid": true, "problems": [] })))
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
        Err(e) if as_json => {
            // Machine-readable problems still exit 1; the JSON goes to stdout for tools to read.
            let problems: Vec<serde_json::Value> = match &e {
                LoadError::Invalid(problems) => problems
                    .iter()
                    .map(|p| serde_json::json!({ "path": p.path, "message": p.message, "kind": format!("{:?}", p.kind) }))
                    .collect(),
                LoadError::Shape(problems) => problems
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "path": p.path, "message": p.message, "kind": "Shape", "line": p.line, "column": p.column
                        })
                    })
                    .collect(),
                LoadError::Syntax { message, line, column } => {
                    vec![serde_json::json!({ "path": null, "message": message, "kind": "Syntax", "line": line, "column": column })]
                }
                other => vec![serde_json::json!({ "path": null, "message": other.to_string() })],
            };
            let report = json(&serde_json::json!({ "file": name, "valid": false, "problems": problems }));
            Err(Failure { report: Some(report), ..data_error(format!("{name} is not a valid dataset")) })
        }
        Err(e) => Err(data_error(describe_load_error(&name, &e))),
    }
}

fn persons(catalog: &Catalog, text: &str, as_json: bool) -> String {
    let persons = &catalog.dataset().persons;
    let counts = catalog.event_counts();
    let shown = catalog.persons_matching(text);
    if as_json {
        let records: Vec<PersonRecord> = shown
            .iter()
            .map(|&i| PersonRecord {
                id: persons[i].id.clone(),
                name: persons[i].name.clone(),
                aliases: persons[i].aliases.iter().map(|a| a.name.clone()).collect(),
            })
            .collect();
        return json(&records);
    }
    let claim_counts = catalog.claim_counts();
    let rows: Vec<[String; 5]> = shown
        .iter()
        .map(|&i| {
            let p = &persons[i];
            let kind = match p.kind {
                PersonKind::Named => "",
                PersonKind::Unnamed => " (unnamed)",
                PersonKind::Group => " (group)",
            };
            let mut aliases: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
            aliases.dedup();
            [
                p.id.clone(),
                format!("{}{kind}", p.name),
                counts[i].to_string(),
                claim_counts[i].to_string(),
                aliases.join(", "),
            ]
        })
        .collect();
    let width =
        |col: usize, header: &str| rows.iter().map(|r| r[col].chars().count()).max().unwrap_or(0).max(header.len());
    let (w0, w1) = (width(0, "ID"), width(1, "NAME"));
    let mut out = format!("{:w0$}  {:w1$}  EVENTS  CLAIMS  ALIASES\n", "ID", "NAME");
    for r in &rows {
        let line = format!("{:w0$}  {:w1$}  {:>6}  {:>6}  {}", r[0], r[1], r[2], r[3], r[4]);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "{} person(s)", shown.len());
    out
}

fn event_lines(catalog: &Catalog, e: &EventRef<'_>, out: &mut String) {
    let r = EventRecord::new(catalog, e);
    let mut tags = vec![r.kind.clone()];
    if r.derived {
        tags.push("DERIVED".into());
    }
    if r.status == "expected" {
        tags.push("expected".into());
    }
    let _ = writeln!(out, "{}  [{}]  {}", r.date_label, tags.join(", "), r.id);
    let _ = writeln!(out, "    {}", r.summary);
    let people: Vec<&str> = r.participants.iter().map(|id| catalog.name_of(id)).collect();
    if !people.is_empty() {
        let _ = writeln!(out, "    people: {}", people.join(", "));
    }
    let basis = &e.event.date.basis;
    let how = match (&e.event.date.note, basis) {
        (Some(note), _) => format!("{}: {note}", basis.as_str().replace('_', " ")),
        (None, b) => b.as_str().replace('_', " "),
    };
    let _ = writeln!(out, "    date: {how}");
    if let Some(d) = &e.event.derived {
        let _ = writeln!(out, "    derived by rule {}: {}", d.rule, d.reasoning);
    }
    for q in &r.quotes {
        let _ = writeln!(out, "    “{q}”");
    }
}

fn events_text(catalog: &Catalog, filter: &Filter, events: &[EventRef<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} event(s){}", events.len(), if filter.is_empty() { "" } else { " match" });
    if let Some(semantics) = filter.date_semantics() {
        let _ = writeln!(out, "{semantics}");
    }
    for e in events {
        out.push('\n');
        event_lines(catalog, e, &mut out);
    }
    out
}

fn claim_lines(catalog: &Catalog, c: &ClaimRef<'_>, out: &mut String) {
    let r = ClaimRecord::new(catalog, c);
    let speech = if r.direct { "direct" } else { "reported" };
    let when = export::date_label(c.date);
    let _ = writeln!(out, "{} ({speech}, {when})  {}", r.speaker_label, r.id);
    if r.direct {
        let _ = writeln!(out, "    “{}”", r.text.trim_end_matches(','));
    } else {
        let _ = writeln!(out, "    {}", r.text);
    }
    if let Some(audience) = &c.claim.audience {
        let _ = writeln!(out, "    said to: {}", catalog.name_of(audience));
    }
    if !c.claim.about.is_empty() {
        let about: Vec<&str> = c.claim.about.iter().map(|id| catalog.name_of(id)).collect();
        let _ = writeln!(out, "    about: {}", about.join(", "));
    }
    for q in &r.quotes {
        let _ = writeln!(out, "    source: “{q}”");
    }
}

fn claims_text(catalog: &Catalog, claims: &[ClaimRef<'_>]) -> String {
    let mut out = format!("{} claim(s)\n", claims.len());
    for c in claims {
        out.push('\n');
        claim_lines(catalog, c, &mut out);
    }
    out
}

fn source_text(source: &AliasSource) -> String {
    match source {
        AliasSource::Article { article } => format!("article {article}"),
        AliasSource::Report { title, publisher, date, .. } => format!("{publisher}, “{title}”, {date}"),
    }
}

fn show(catalog: &Catalog, id: &str, as_json: bool) -> Result<String, Failure> {
    let target = match catalog.lookup(id) {
        Some(found) => found,
        None => EntityRef::Person(
            catalog.resolve_person(id).map_err(|e| usage(format!("`{id}` is not an id in this dataset, and {e}")))?,
        ),
    };
    let d = catalog.dataset();
    let mut out = String::new();
    match target {
        EntityRef::Person(i) => {
            let p = &d.persons[i];
            let filter = Filter { persons: vec![p.id.clone()], ..Filter::default() };
            let selection = catalog.select(&filter).map_err(|e| usage(e.to_string()))?;
            let events = catalog.events(&selection);
            let claims = catalog.claims(&selection);
            if as_json {
                let events: Vec<EventRecord> = events.iter().map(|e| EventRecord::new(catalog, e)).collect();
                let claims: Vec<ClaimRecord> = claims.iter().map(|c| ClaimRecord::new(catalog, c)).collect();
                return Ok(json(&serde_json::json!({ "person": p, "events": events, "claims": claims })));
            }
            let _ = writeln!(out, "{} ({})", p.name, p.id);
            if let Some(description) = &p.description {
                let _ = writeln!(out, "{description}");
            }
            if !p.roles.is_empty() {
                let _ = writeln!(out, "roles: {}", p.roles.join(", "));
            }
            for a in &p.affiliations {
                let role = a.role.as_deref().map(|r| format!("{r}, ")).unwrap_or_default();
                let _ = writeln!(out, "affiliation: {role}{}", catalog.name_of(&a.organization));
            }
            if !p.members.is_empty() {
                let members: Vec<&str> = p.members.iter().map(|m| catalog.name_of(m)).collect();
                let _ = writeln!(out, "members: {}", members.join(", "));
            }
            for a in &p.aliases {
                let _ = writeln!(out, "also: {} ({})", a.name, source_text(&a.source));
            }
            let _ = writeln!(out, "\n{} event(s)", events.len());
            for e in &events {
                out.push('\n');
                event_lines(catalog, e, &mut out);
            }
            let _ = writeln!(out, "\n{} claim(s) by or about them", claims.len());
            for c in &claims {
                out.push('\n');
                claim_lines(catalog, c, &mut out);
            }
        }
        EntityRef::Event(i) => {
            let e = &d.events[i];
            let Some(event) = catalog.event(&e.id) else { return Err(data_error(format!("no event `{id}`"))) };
            if as_json {
                return Ok(json(&serde_json::json!({ "event": e, "record": EventRecord::new(catalog, &event) })));
            }
            event_lines(catalog, &event, &mut out);
            for p in &e.participants {
                let _ = writeln!(out, "    {}: {} ({})", p.role, catalog.name_of(&p.entity), p.entity);
            }
            let places: Vec<&str> = e.places.iter().map(|p| catalog.name_of(p)).collect();
            if !places.is_empty() {
                let _ = writeln!(out, "    places: {}", places.join(", "));
            }
            for s in &e.spans {
                let _ = writeln!(out, "    span {}..{} of {}", s.start, s.end, s.article);
            }
        }
        EntityRef::Claim(i) => {
            let c = &d.claims[i];
            if as_json {
                return Ok(json(c));
            }
            let claims = catalog.all_claims();
            if let Some(claim) = claims.iter().find(|r| r.index == i) {
                claim_lines(catalog, claim, &mut out);
            }
            for s in &c.spans {
                let _ = writeln!(out, "    span {}..{} of {}", s.start, s.end, s.article);
            }
        }
        EntityRef::Organization(i) => {
            let o = &d.organizations[i];
            if as_json {
                return Ok(json(o));
            }
            let _ = writeln!(out, "{} ({}), organization", o.name, o.id);
            if let Some(description) = &o.description {
                let _ = writeln!(out, "{description}");
            }
            if let Some(parent) = &o.part_of {
                let _ = writeln!(out, "part of: {}", catalog.name_of(parent));
            }
            for a in &o.aliases {
                let _ = writeln!(out, "also: {} ({})", a.name, source_text(&a.source));
            }
        }
        EntityRef::Place(i) => {
            let p = &d.places[i];
            if as_json {
                return Ok(json(p));
            }
            let _ = writeln!(out, "{} ({}), place", p.name, p.id);
            if let Some(parent) = &p.part_of {
                let _ = writeln!(out, "part of: {}", catalog.name_of(parent));
            }
        }
        EntityRef::Article(i) => {
            let a = &d.articles[i];
            if as_json {
                return Ok(json(a));
            }
            let _ = writeln!(out, "{}\n{}, {}, {}", a.title, a.author, a.publisher, a.published);
            if let Some(url) = &a.url {
                let _ = writeln!(out, "{url}");
            }
            let _ = writeln!(out, "\n{}", a.text());
        }
    }
    Ok(out)
}
