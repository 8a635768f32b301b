//! Hooks.

mod use_url_filter;

pub use use_url_filter::{UrlFilter, use_url_filter};
