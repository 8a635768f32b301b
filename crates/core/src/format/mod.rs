//! The dataset format `factline/1`: the serde model (its one description), reading it from a
//! file's bytes with every problem located, validation, and writing it back.

pub mod anchor;
pub mod annotations;
pub mod model;
pub mod new;
pub mod read;
pub mod reanchor;
pub mod tables;
pub mod validate;
pub mod write;
