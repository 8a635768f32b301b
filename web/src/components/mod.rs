//! The pieces of the page, one per file. Each is a view function of the values it shows (parts
//! of the engine's [`Screen`](factline_core::view::Screen)) and `Callback`s named for what the
//! reader does; only the pieces that change the app's state take its
//! [`AppHandle`](crate::state::AppHandle). Each function component would cost the page about half
//! a kilobyte of wasm, so these are plain functions rendered with their parent.

mod article_header;
mod article_reader;
mod articles_list;
mod claims_list;
mod dataset_loader;
mod date_filter;
mod drop_zone;
mod event_card;
mod event_list;
mod export_bar;
mod fact_search;
mod load_errors;
mod notices;
mod people_filter;
mod person_card;
mod timeline;

pub use article_header::article_header;
pub use article_reader::article_reader;
pub use articles_list::articles_list;
pub use claims_list::claims_list;
pub use dataset_loader::{dataset_loader, open_as, open_file};
pub use date_filter::date_filter;
pub use drop_zone::{drop_overlay, listen_for_drops};
pub use event_card::event_card;
pub use event_list::event_list;
pub use export_bar::export_bar;
pub use fact_search::fact_search;
pub use load_errors::load_errors;
pub use notices::notices;
pub use people_filter::people_filter;
pub use person_card::person_card;
pub use timeline::timeline;
