//! The finished work: the dataset as a `factline/1` file with every offset filled, which
//! `factline validate` accepts, and the CSV tables and the Web Annotation collection, through the
//! exporters the viewer and the CLI use.

use crate::author::draft::Draft;
use crate::author::fields::FieldProblems;
use crate::export::{self, Export, Format};
use crate::format::read::Limits;
use crate::format::tables::{self, Table};
use crate::format::write::{self, TooLargeToWrite};
use crate::query::Filter;

/// Why the work cannot be written yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// Spans lost their place when the text changed; they must be selected again or removed.
    #[error(
        "{} span(s) lost their place when the article's text changed; select their words again or remove them, \
         then download: {}", .0.total, .0
    )]
    Orphans(FieldProblems),
    /// The file would be larger than can be read back.
    #[error(transparent)]
    TooLarge(#[from] TooLargeToWrite),
}

/// What the annotator offers to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The `factline/1` file.
    Dataset,
    /// One of the CSV tables of the spreadsheet form.
    Table(Table),
    /// The W3C Web Annotation collection.
    Annotations,
}

/// A file ready to be saved: its name, media type and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadFile {
    /// The file's name, after the first article ([`export::file_name`]).
    pub name: String,
    /// Its media type, as the exports say it ([`Format::media_type`]).
    pub media_type: &'static str,
    /// Its text.
    pub body: String,
}

impl Draft {
    /// A file to download, named and typed as the viewer's exports are; refused while spans are
    /// orphaned, like every output.
    pub fn download(&self, what: Download, limits: &Limits) -> Result<DownloadFile, OutputError> {
        let (suffix, media_type, body) = match what {
            Download::Dataset => (".factline.json".to_string(), Format::Json.media_type(), self.to_json(limits)?),
            Download::Table(table) => (format!("-{}.csv", table.name()), Format::Csv.media_type(), self.table(table)?),
            Download::Annotations => {
                let format = Format::Annotations;
                (format!(".{}", format.extension()), format.media_type(), self.export(format, limits)?.body)
            }
        };
        Ok(DownloadFile { name: export::file_name(self.dataset(), &suffix), media_type, body })
    }

    fn finished(&self) -> Result<(), OutputError> {
        let pending = self.pending();
        if pending.is_empty() {
            Ok(())
        } else {
            let total = self.orphans().len().max(pending.len());
            Err(OutputError::Orphans(FieldProblems { problems: pending.to_vec(), total }))
        }
    }

    /// The dataset as `factline/1` JSON that reading with `limits` accepts (pretty when it fits),
    /// with every span's offsets filled.
    pub fn to_json(&self, limits: &Limits) -> Result<String, OutputError> {
        self.finished()?;
        Ok(write::to_json(self.dataset(), limits)?)
    }

    /// An export of every event and claim ([`export::export`]): the Web Annotation collection,
    /// the events table, iCalendar, TimelineJS or the dataset.
    pub fn export(&self, format: Format, limits: &Limits) -> Result<Export, OutputError> {
        self.finished()?;
        let catalog = self.catalog();
        let (everything, _) = catalog.select_lenient(&Filter::default());
        Ok(export::export(catalog, &everything, format, limits)?)
    }

    /// One of the CSV tables of the spreadsheet form ([`tables::export`]), with every row.
    pub fn table(&self, table: Table) -> Result<String, OutputError> {
        self.finished()?;
        let catalog = self.catalog();
        let (everything, _) = catalog.select_lenient(&Filter::default());
        Ok(tables::export(catalog, &everything, table))
    }
}
