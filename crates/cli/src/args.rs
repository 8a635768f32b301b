//! The command line's arguments (clap), and turning filter flags into the one core [`Filter`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factline_core::export::Format;
use factline_core::format::read::DEFAULT_MAX_BYTES;
use factline_core::format::tables::Table;
use factline_core::{DateBound, Filter, PersonsMode, RangeMode, Undated};

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
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// The largest dataset read, in bytes, or with a unit: 500KB, 64MiB, 2GiB.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size, default_value_t = DEFAULT_MAX_BYTES)]
    pub(crate) max_input: usize,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Check a dataset file and list every problem with its JSON path and position.
    Validate {
        /// The dataset file (JSON, format factline/1); `-` reads standard input.
        file: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the filtered events as JSON (a dataset), CSV, iCalendar, TimelineJS or Web Annotations.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// With --format csv: which table (events by default), the columns `import-csv` reads.
        #[arg(long, value_enum)]
        table: Option<TableArg>,
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
    /// Print a dataset with every span's offsets filled in from its quote.
    Anchor {
        /// The dataset file; `-` reads standard input.
        file: PathBuf,
    },
    /// Start a dataset of your own: print a valid dataset holding the article and no facts.
    New {
        /// The article's plain text; paragraphs are separated by blank lines. `-` reads standard input.
        article: PathBuf,
        /// An id for the article: a lowercase slug such as `wire-2021-02-03`.
        #[arg(long)]
        id: String,
        /// The headline.
        #[arg(long)]
        title: String,
        /// The publisher.
        #[arg(long)]
        publisher: String,
        /// The publication day, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: String,
        /// The byline, if there is one.
        #[arg(long)]
        author: Option<String>,
        /// The original's address (http or https).
        #[arg(long)]
        url: Option<String>,
        /// The language, a BCP 47 tag such as `en` (the default) or `ru`.
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
        /// The standfirst or subtitle.
        #[arg(long)]
        subtitle: Option<String>,
    },
    /// Replace an article's text (after a correction, say) and place every span in it again.
    Reanchor {
        /// The dataset.
        dataset: PathBuf,
        /// The article whose text changes.
        #[arg(long, value_name = "ID")]
        article: String,
        /// The new text, paragraphs separated by blank lines.
        #[arg(long, value_name = "FILE")]
        text: PathBuf,
    },
    /// Add facts from W3C Web Annotations (factline's export, or Hypothesis's JSON export).
    #[command(name = "import-annotations")]
    ImportAnnotations {
        /// The dataset to add to.
        #[arg(long, value_name = "DATASET")]
        data: PathBuf,
        /// The annotations file.
        file: PathBuf,
    },
    /// Add persons, events and claims from spreadsheet tables (CSV) to a dataset, and print it.
    #[command(name = "import-csv")]
    ImportCsv {
        /// The dataset to add to (from `factline new`, for a new article).
        #[arg(long, value_name = "DATASET")]
        data: PathBuf,
        /// The persons table.
        #[arg(long, value_name = "FILE")]
        persons: Option<PathBuf>,
        /// The events table.
        #[arg(long, value_name = "FILE")]
        events: Option<PathBuf>,
        /// The claims table.
        #[arg(long, value_name = "FILE")]
        claims: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum TableArg {
    Persons,
    Events,
    Claims,
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Persons => Table::Persons,
            TableArg::Events => Table::Events,
            TableArg::Claims => Table::Claims,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    Json,
    Csv,
    Ics,
    Timelinejs,
    Annotations,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Timelinejs => Format::TimelineJs,
            ExportFormat::Annotations => Format::Annotations,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct DataArgs {
    /// A dataset file to read instead of the built-in article; `-` reads standard input.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) data: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// Print JSON (a stable, documented shape) instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PersonsArgs {
    /// Only people whose id, name or alias contains these words (ignoring case and accents).
    #[arg(long, value_name = "TEXT")]
    pub(crate) q: Option<String>,
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// Print JSON (a stable, documented shape) instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PersonsArg {
    Any,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ModeArg {
    Overlap,
    Within,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum UndatedArg {
    Include,
    Exclude,
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// A person: id, name, alias or unique prefix, ignoring case and accents. Repeatable.
    #[arg(long, value_name = "PERSON")]
    pub(crate) person: Vec<String>,
    /// With several persons: events with any of them (default) or with all of them.
    #[arg(long, value_enum)]
    pub(crate) persons: Option<PersonsArg>,
    /// Range start: a day, month or year (2020-10-30, 2020-10, 2020; -0044 for 45 BCE).
    #[arg(long, value_name = "EDTF", allow_hyphen_values = true)]
    pub(crate) from: Option<String>,
    /// Range end, inclusive: `--to 2020-10` runs through October 31.
    #[arg(long, value_name = "EDTF", allow_hyphen_values = true)]
    pub(crate) to: Option<String>,
    /// overlap (default): the event's dates share a day with the range; within: they lie inside it.
    #[arg(long, value_enum)]
    pub(crate) mode: Option<ModeArg>,
    /// Keep or drop undated events while a range is set (default: exclude).
    #[arg(long, value_enum)]
    pub(crate) undated: Option<UndatedArg>,
    /// Free text over summaries, claims, names and aliases; every word must appear.
    #[arg(long, value_name = "TEXT")]
    pub(crate) q: Option<String>,
    /// A source article, by id: facts with a span in it. Repeatable.
    #[arg(long, value_name = "ARTICLE")]
    pub(crate) source: Vec<String>,
    /// Only facts told by at least this many articles (corroboration).
    #[arg(long, value_name = "N")]
    pub(crate) sources: Option<usize>,
    /// The same filter as a URL query string, as in the web app's address bar; flags add to it.
    #[arg(long, value_name = "QUERY")]
    pub(crate) query: Option<String>,
}

impl FilterArgs {
    /// The filter these flags describe, or what is wrong with one of them.
    pub(crate) fn to_filter(&self) -> Result<Filter, String> {
        let mut filter = match &self.query {
            Some(q) => Filter::parse(q).map_err(|e| format!("--query: {e}"))?,
            None => Filter::default(),
        };
        for person in &self.person {
            filter
                .add_person(person)
                .map_err(|_| "--person needs a person's id, name or alias; it was empty".to_string())?;
        }
        if let Some(p) = self.persons {
            filter.persons_mode = match p {
                PersonsArg::Any => PersonsMode::Any,
                PersonsArg::All => PersonsMode::All,
            };
        }
        let bound = |flag: &str, value: &str| DateBound::parse(value).map_err(|e| format!("{flag}: {e}"));
        if let Some(from) = &self.from {
            filter.from = Some(bound("--from", from)?);
        }
        if let Some(to) = &self.to {
            filter.to = Some(bound("--to", to)?);
        }
        filter.check_range().map_err(|e| e.to_string())?;
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
        for source in &self.source {
            let source = source.trim();
            if source.is_empty() {
                return Err("--source needs an article id; it was empty".into());
            }
            if !filter.sources.iter().any(|s| s == source) {
                filter.sources.push(source.to_string());
            }
        }
        if let Some(n) = self.sources {
            filter.set_min_sources(n).map_err(|e| format!("--sources: {e}"))?;
        }
        Ok(filter)
    }
}

/// A size in bytes: a number, optionally followed by B, KB, MB, GB (powers of 1000) or KiB, MiB,
/// GiB (powers of 1024).
pub(crate) fn parse_size(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let split = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(trimmed.len());
    let (digits, unit) = trimmed.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "mb" => 1000 * 1000,
        "gb" => 1000 * 1000 * 1000,
        "kib" | "k" => 1024,
        "mib" | "m" => 1024 * 1024,
        "gib" | "g" => 1024 * 1024 * 1024,
        other => return Err(format!("unknown unit `{other}`; use B, KB, MB, GB, KiB, MiB or GiB")),
    };
    let n: u64 = digits.parse().map_err(|_| format!("`{text}` is not a size such as 64MiB or 500000"))?;
    let bytes = n.checked_mul(scale).ok_or_else(|| format!("`{text}` is too large"))?;
    usize::try_from(bytes).map_err(|_| format!("`{text}` is too large for this machine"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("500"), Ok(500));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("2 GB"), Ok(2_000_000_000));
        assert_eq!(parse_size("1k"), Ok(1024));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }
}
