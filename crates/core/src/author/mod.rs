//! Making a dataset by annotating an article: everything the in-browser annotator needs from the
//! core, so that the page only collects input and shows results, and the rules stay the CLI's.
//!
//! - [`Draft`]: a dataset being made. Each [`Edit`] (add, replace or delete a fact, add or replace
//!   a span, replace the article's text) is validated with the whole dataset and refused, with
//!   every problem said of its form field ([`FieldProblems`]), if it introduces one; undo and redo.
//! - [`selection`]: a selection in the reader, or a typed quote, to a [`Span`](crate::Span) with
//!   its offsets, `exact`, `prefix` and `suffix`, by the validator's anchoring rules.
//! - [`forms`]: the vocabularies with readable labels, a live description of an EDTF date, the
//!   people, places and organizations a combobox offers, and fresh ids.
//! - [`output`]: the finished `factline/1` file and the exports.
//!
//! A session starts with [`Draft::start`] (a pasted article) or [`Draft::new`] (an existing
//! dataset, the built-in one included).

pub mod draft;
pub mod fields;
pub mod forms;
pub mod output;
pub mod selection;

#[cfg(test)]
mod tests;

pub use draft::{Action, Applied, Draft, Edit, Fact, MAX_UNDO, OrphanSpan, ReplayError};
pub use fields::{FactKind, FactRef, Field, FieldProblem, FieldProblems, SpanSlot};
pub use forms::{Choice, DateDescription, NameOption, describe_date};
pub use output::{Download, DownloadFile, OutputError};
pub use selection::{QuoteInput, ReaderPoint, SelectionError, SelectionProblem, Units};
