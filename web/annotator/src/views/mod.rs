//! The annotator's two screens.

pub mod annotate;
pub mod start;
