//! Hooks.

mod use_draft;
mod use_url_filter;

pub use use_draft::use_draft;
pub use use_url_filter::{UrlFilter, use_url_filter};
