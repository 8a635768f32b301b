//! The pieces of the page, one per file, each a view function of the app handle
//! ([`AppHandle`](crate::state::AppHandle)) rendered with its parent. What they remember — a
//! half-typed date, the people search's text, the timeline's position — is in the app state, not in
//! components of their own: each function component, and a context, costs the page's wasm about
//! half a kilobyte.

mod article_header;
mod article_reader;
mod claims_list;
mod dataset_loader;
mod date_filter;
mod drop_zone;
mod event_card;
mod event_list;
mod export_bar;
mod load_errors;
mod notices;
mod people_filter;
mod person_card;
mod timeline;

pub use article_header::article_header;
pub use article_reader::article_reader;
pub use claims_list::claims_list;
pub use dataset_loader::{dataset_loader, load_file};
pub use date_filter::date_filter;
pub use drop_zone::{drop_overlay, listen_for_drops};
pub use event_card::event_card;
pub use event_list::event_list;
pub use export_bar::export_bar;
pub use load_errors::load_errors;
pub use notices::notices;
pub use people_filter::people_filter;
pub use person_card::person_card;
pub use timeline::timeline;

/// An `http`/`https` link from a dataset, or `None`: no other scheme ever becomes an `href`.
pub fn safe_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_string())
}
