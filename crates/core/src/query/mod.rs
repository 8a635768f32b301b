//! Queries over a validated dataset: the [`Catalog`] and its indexes, the one [`Filter`], person
//! resolution, and a person's status on a day.

pub mod catalog;
pub mod filter;
pub mod status;

pub use catalog::{Candidate, Catalog, ClaimRef, EntityRef, EventRef, ResolveError, Selection};
pub use filter::{Filter, PersonsMode, QueryError, RangeMode, Undated};
