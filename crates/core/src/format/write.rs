//! Writing a dataset as JSON. What Factline writes it can read back: pretty JSON when that fits
//! the reading limit, compact JSON when only that fits, and an error otherwise.

use crate::format::model::Dataset;
use crate::format::read::{Limits, human};

/// A dataset too large to write in a form that could be read again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the dataset would be {} written out, more than the {} that can be read back; \
     split it, or raise the input limit",
    human(*.size as u64),
    human(*.limit as u64)
)]
pub struct TooLargeToWrite {
    /// The compact JSON's size in bytes.
    pub size: usize,
    /// The reading limit in bytes.
    pub limit: usize,
}

/// Pretty JSON of a dataset (two-space indents, fields in the model's order), with a final newline.
pub fn to_pretty_json(dataset: &Dataset) -> String {
    // The model has only string keys and finite numbers, so serializing cannot fail.
    let mut text = serde_json::to_string_pretty(dataset).unwrap_or_default();
    text.push('\n');
    text
}

/// The dataset as JSON that reading with `limits` accepts: pretty if it fits, else compact.
pub fn to_json(dataset: &Dataset, limits: &Limits) -> Result<String, TooLargeToWrite> {
    let pretty = to_pretty_json(dataset);
    if pretty.len() <= limits.max_bytes {
        return Ok(pretty);
    }
    let mut compact = serde_json::to_string(dataset).unwrap_or_default();
    compact.push('\n');
    if compact.len() <= limits.max_bytes {
        Ok(compact)
    } else {
        Err(TooLargeToWrite { size: compact.len(), limit: limits.max_bytes })
    }
}
