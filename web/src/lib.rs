//! The Factline browser app. It shows what `factline-core` computes: the filter comes from the
//! URL, the rest of the reader's choices from the reducer in [`state`], and each combination of
//! them is a request to the engine (in a background worker, [`engine`]) for the
//! [`Screen`] to show. `main.rs` only mounts [`App`].

pub mod browser;
pub mod components;
pub mod engine;
pub mod hooks;
pub mod state;

use std::rc::Rc;

use factline_core::service::{Reply, Request};
use factline_core::view::Screen;
use factline_core::{DateBound, Filter, PersonsMode};
use yew::prelude::*;

use crate::components::{
    article_header, article_reader, claims_list, dataset_loader, date_filter, drop_overlay, event_list, export_bar,
    listen_for_drops, load_errors, notices, people_filter, person_card, timeline,
};
use crate::hooks::{UrlFilter, use_url_filter};
use crate::state::{AppHandle, AppState};

/// Starts the background worker and mounts the app on the document body.
pub fn mount() {
    engine::start();
    yew::Renderer::<App>::new().render();
}

/// The whole app: the state, the URL's filter, the requests for screens, and the page.
#[function_component]
pub fn App() -> Html {
    // An equal state does not re-render: a drag over the page reports itself many times a second.
    let app = AppHandle::new(use_reducer_eq(AppState::at_start));
    let url = use_url_filter();
    let query = url.filter.to_query_string();
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            let listeners = listen_for_drops(&app);
            move || drop(listeners)
        });
    }
    // Every change of dataset, filter or reader choice asks the engine for the screen to show.
    {
        let app = app.clone();
        let request = (app.state().dataset, app.state().view_params(query.clone()));
        use_effect_with(request, move |(dataset, params)| {
            let request = Request::View { dataset: *dataset, params: params.clone() };
            engine::request(request, None, move |reply| match reply {
                Ok(Reply::View(screen)) => app.show_screen(*screen),
                Ok(Reply::Failed(why)) | Err(why) => app.unavailable(why),
                Ok(_) => app.unavailable("the worker answered something else".into()),
            });
        });
    }
    // "Show in article" scrolls to the fact's span once a screen with it arrives.
    {
        let focus = app.state().focus.as_ref().map(|f| f.seq);
        let screen = app.state().screen.as_ref().map(|s| Rc::as_ptr(s) as usize);
        let scrolled = use_mut_ref(|| None::<u32>);
        use_effect_with((focus, screen), move |(focus, _)| {
            if focus.is_some() && *scrolled.borrow() != *focus && browser::element("focus-target").is_some() {
                *scrolled.borrow_mut() = *focus;
                browser::scroll_to_and_focus("focus-target");
            }
        });
    }
    // When the URL's dates change (back/forward, reset, the timeline), the inputs show them again.
    {
        let app = app.clone();
        let dates = (url.filter.from.clone(), url.filter.to.clone());
        use_effect_with(dates, move |_| app.clear_date_drafts());
    }
    let first_screen = app.state().screen.is_some();
    use_effect_with(first_screen, |shown| {
        if *shown {
            browser::mark("factline:first-events");
        }
    });
    // On a phone the filters start folded, so the events come first; on wider screens they show.
    let filters_open = use_memo((), |_| browser::matches_media("(min-width: 761px)"));
    match app.state().screen.clone() {
        Some(screen) => page(&app, &url, &screen, *filters_open),
        None => waiting(app.state().unavailable.as_deref()),
    }
}

/// Before the first screen: a status line, or why there will be none.
fn waiting(unavailable: Option<&str>) -> Html {
    html! {
        <main class="layout">
            if let Some(why) = unavailable {
                <div class="alert" role="alert">
                    <h2>{ "Factline could not start" }</h2>
                    <p>{ format!("{why}.") }</p>
                </div>
            } else {
                <p class="count" role="status" aria-live="polite">{ "Loading the article…" }</p>
            }
        </main>
    }
}

/// The page for one screen.
fn page(app: &AppHandle, url: &UrlFilter, screen: &Screen, filters_open: bool) -> Html {
    let state = app.state();
    let query = url.filter.to_query_string();
    // Every change of filter is a navigation; canonical ids replace whatever the URL had.
    let navigate = {
        let set = url.set.clone();
        let base = Filter { persons: screen.selected.clone(), ..url.filter.clone() };
        move |change: &dyn Fn(&mut Filter)| {
            let mut next = base.clone();
            change(&mut next);
            set.emit(next);
        }
    };
    let on_persons = {
        let navigate = navigate.clone();
        Callback::from(move |(persons, mode): (Vec<String>, PersonsMode)| {
            navigate(&|f| {
                f.persons = persons.clone();
                f.persons_mode = mode;
            })
        })
    };
    let on_person_only = {
        let navigate = navigate.clone();
        Callback::from(move |id: String| navigate(&|f| f.persons = vec![id.clone()]))
    };
    let on_dates = {
        let (set, selected) = (url.set.clone(), screen.selected.clone());
        Callback::from(move |next: Filter| set.emit(Filter { persons: selected.clone(), ..next }))
    };
    let on_range = {
        let navigate = navigate.clone();
        Callback::from(move |(from, to): (DateBound, DateBound)| {
            navigate(&|f| {
                f.from = Some(from.clone());
                f.to = Some(to.clone());
            })
        })
    };
    let on_reset = {
        let set = url.set.clone();
        Callback::from(move |_| set.emit(Filter::default()))
    };
    let on_show = {
        let app = app.clone();
        Callback::from(move |id: String| app.show_in_article(&id))
    };
    let on_search = {
        let app = app.clone();
        Callback::from(move |text: String| app.search_people(text))
    };
    let on_day = {
        let app = app.clone();
        Callback::from(move |day: String| app.set_status_day(day))
    };
    let on_toggle = {
        let app = app.clone();
        Callback::from(move |on: bool| app.set_show_spans(on))
    };
    let on_passage = {
        let app = app.clone();
        Callback::from(move |at: Option<(String, u32)>| app.open_passage(at))
    };
    let on_dismiss = {
        let app = app.clone();
        Callback::from(move |()| app.dismiss_errors())
    };
    let ignored: Vec<String> =
        url.errors.iter().map(ToString::to_string).chain(screen.notices.iter().cloned()).collect();

    html! {
        <>
            <a class="skip-link" href="#results">{ "Skip to results" }</a>
            { article_header(&screen.header, &state.source) }
            <div class="toolbar" role="region" aria-label="Result count and tools">
                <div class="toolbar-inner">
                    <p class="count" role="status" aria-live="polite">
                        { count_text(screen.event_count, "event") }
                        <small>{ format!(" · {}", count_text(screen.claim_count, "claim")) }</small>
                    </p>
                    { export_bar(app, &query) }
                    { dataset_loader(app) }
                    <button type="button" id="reset-filters" onclick={on_reset} disabled={url.filter.is_empty()}>{ "Reset filters" }</button>
                </div>
            </div>
            { drop_overlay(state.dragging) }
            <main class="layout">
                <aside class="filters" aria-label="Filters">
                    <details class="filters-disclosure" open={filters_open}>
                    <summary class="filters-summary">
                        <span class="filters-summary-title">{ "Filters" }</span>
                        <span class="filters-summary-state">{ &screen.filter_summary }</span>
                    </summary>
                    <section class="panel" aria-labelledby="people-heading">
                        <h2 id="people-heading">{ "People" }</h2>
                        { people_filter(&screen.people, &state.people_query, &screen.selected, url.filter.persons_mode, &on_search, &on_persons) }
                    </section>
                    <section class="panel" aria-labelledby="dates-heading">
                        <h2 id="dates-heading">{ "Dates" }</h2>
                        { date_filter(app, &url.filter, &on_dates) }
                        { timeline(app, &screen.bars, url.filter.from.as_ref(), &on_range) }
                    </section>
                    </details>
                </aside>
                <section id="results" class="results" aria-label="Results" tabindex="-1">
                    { load_errors(state.refusal.as_ref(), &on_dismiss) }
                    { notices(&ignored) }
                    if let Some(card) = &screen.person_card {
                        { person_card(card, &on_day) }
                    }
                    if let Some(semantics) = &screen.semantics {
                        <p class="semantics">{ semantics }</p>
                    }
                    <h2 class="visually-hidden">{ "Events" }</h2>
                    { event_list(&screen.event_groups, &on_person_only, &on_show) }
                    <section class="panel claims-panel" aria-labelledby="claims-heading">
                        <h2 id="claims-heading">{ format!("{} ({})", screen.claims_heading, screen.claim_count) }</h2>
                        { claims_list(&screen.claims, &on_show) }
                    </section>
                </section>
                <section class="reader panel" aria-labelledby="reader-heading">
                    { article_reader(&screen.reader, state.show_spans, &on_toggle, &on_passage) }
                </section>
            </main>
            <footer class="site-footer">
                <p>{ "Factline shows what the article says, where it says it. Dates are as precise as the article makes them; derived facts are marked." }</p>
            </footer>
        </>
    }
}

/// "1 event", "7 events".
pub fn count_text(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
