//! The default dataset, compiled in so the CLI and the web app work with no file at all.

use crate::format::read::{LoadError, load};
use crate::query::Catalog;

/// The JSON text of the built-in dataset: Eurasianet, 31 October 2020, "Kazakhstan: Xinjiang
/// fugitives secure asylum status".
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../../assets/data/eurasianet-2020-10-31.json");

/// Loads the built-in dataset. It is checked by the test suite and by the web app's build, so an
/// error here means a broken build.
pub fn default_catalog() -> Result<Catalog, LoadError> {
    load(DEFAULT_DATASET_JSON.as_bytes())
}
