//! The built-in article, packed and validated when the app is built (`web/build.rs`).

use factline_core::Catalog;
use factline_core::pack::{UnpackError, unpack};

/// The built-in dataset in packed form (`factline_core::pack`).
pub const PACKED: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin.packed"));

/// The built-in dataset, indexed. The build validated it, so the page needs no validator.
pub fn catalog() -> Result<Catalog, UnpackError> {
    unpack(PACKED).map(Catalog::new_prevalidated)
}
