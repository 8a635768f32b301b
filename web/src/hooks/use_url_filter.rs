//! The filter, read from and written to the address bar. The URL is the only copy: every render
//! parses `location.search`, and changing the filter pushes a history entry, so reload restores the
//! view and back/forward step through filter changes.

use factline_core::{Filter, QueryError};
use gloo::events::EventListener;
use yew::prelude::*;

use crate::browser;

/// The current filter, what in the URL could not be used, and a way to change it.
#[derive(Clone)]
pub struct UrlFilter {
    /// The usable part of the URL's filter.
    pub filter: Filter,
    /// Parameters that were ignored, with why.
    pub errors: Vec<QueryError>,
    /// Navigates to a new filter (a new history entry).
    pub set: Callback<Filter>,
}

/// Reads the filter from the URL and re-renders when it changes.
#[hook]
pub fn use_url_filter() -> UrlFilter {
    let update = use_force_update();
    {
        let update = update.clone();
        use_effect_with((), move |_| {
            let listener =
                browser::window().map(|w| EventListener::new(&w, "popstate", move |_| update.force_update()));
            move || drop(listener)
        });
    }
    let (filter, errors) = Filter::parse_lenient(&browser::location_search());
    let set = Callback::from(move |next: Filter| {
        // The address it already has (a search field cleared when nothing was searched) is no
        // step to go back through.
        let next = next.to_query_string();
        let search = browser::location_search();
        if search.strip_prefix('?').unwrap_or(&search) != next {
            browser::push_query(&next);
            update.force_update();
        }
    });
    UrlFilter { filter, errors, set }
}
