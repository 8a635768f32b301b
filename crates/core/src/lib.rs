//! Factline's core: the article as structured, source-anchored facts, with honest dates, person
//! matching that knows names, and the filters and exports shared by the CLI and the web app.
//!
//! Pure Rust with no web dependencies; it builds natively and for `wasm32-unknown-unknown`.
//!
//! The flow is: JSON text → [`load()`] (limits, syntax, shape) → [`Dataset`] → [`validate()`] →
//! [`Catalog`] (indexes) → [`Filter`] resolved to a [`Selection`] → events, claims, exports.

pub mod catalog;
pub mod date;
pub mod decode;
pub mod embedded;
pub mod encode;
pub mod export;
pub mod filter;
pub mod json;
pub mod load;
pub mod model;
pub mod normalize;
pub mod pack;
pub mod reader;
mod sort;
pub mod status;
pub mod tasks;
pub mod timeline;
pub mod validate;

pub use catalog::{Candidate, Catalog, ClaimRef, EntityRef, EventRef, ResolveError, Selection};
pub use date::{DateBound, DateError, DateRange, Day, Edtf, Precision, Qualifier};
pub use decode::ShapeProblem;
pub use filter::{Filter, PersonsMode, QueryError, RangeMode, Undated};
pub use load::{LoadError, load, parse_dataset};
pub use model::*;
pub use validate::{Problem, ProblemKind, validate};
