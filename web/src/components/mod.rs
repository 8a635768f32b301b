//! The pieces of the page, one component per file. Each receives data and callbacks; the
//! dataset comes from the app context.

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

pub use article_header::ArticleHeader;
pub use article_reader::ArticleReader;
pub use claims_list::ClaimsList;
pub use dataset_loader::{DatasetLoader, load_file};
pub use date_filter::DateFilter;
pub use drop_zone::DropZone;
pub use event_card::EventCard;
pub use event_list::EventList;
pub use export_bar::ExportBar;
pub use load_errors::LoadErrors;
pub use notices::Notices;
pub use people_filter::PeopleFilter;
pub use person_card::PersonCard;
pub use timeline::Timeline;

/// An `http`/`https` link from a dataset, or `None`: no other scheme ever becomes an `href`.
pub fn safe_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_string())
}
