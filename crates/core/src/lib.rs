//! Factline's core: news articles as structured, source-anchored facts, with honest dates, person
//! matching that knows names, and the queries, views and exports shared by the command line and
//! the web app.
//!
//! Pure Rust with no web dependencies; it builds natively and for `wasm32-unknown-unknown`.
//!
//! The flow is: bytes → [`format::read`] (limits, encoding, syntax, shape) → [`Dataset`] →
//! [`format::validate`] → [`Catalog`] (indexes) → [`Filter`] resolved to a [`Selection`] → events,
//! claims, [`view`]s and [`export`]s. [`service`] holds datasets behind handles for the web app.

pub mod author;
pub mod date;
pub mod embedded;
pub mod export;
pub mod format;
pub mod query;
pub mod service;
pub mod text;
pub mod trace;
pub mod view;

pub use date::{DateBound, DateError, DateRange, Day, Edtf, Precision, Qualifier};
pub use format::model::*;
pub use format::read::{Limits, LoadError, load, load_with, parse_dataset};
pub use format::validate::{Position, Problem, ProblemKind, Problems, validate};
pub use query::{
    Candidate, Catalog, ClaimRef, EntityRef, EventRef, Filter, PersonsMode, QueryError, RangeMode, ResolveError,
    Selection, Undated,
};
