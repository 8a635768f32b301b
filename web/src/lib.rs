//! The Factline browser app. It renders what `factline-core` computes: the filter comes from the
//! URL, the dataset from the reducer in [`state`], and every query, date rule and export is a core
//! call. `main.rs` only mounts [`App`].

pub mod browser;
pub mod builtin;
pub mod components;
pub mod hooks;
pub mod state;
pub mod tasks;

use std::rc::Rc;

use factline_core::{Catalog, Filter, PersonsMode};
use yew::prelude::*;

use crate::components::{
    article_header, article_reader, claims_list, dataset_loader, date_filter, drop_overlay, event_list, export_bar,
    listen_for_drops, load_errors, notices, people_filter, person_card, timeline,
};
use crate::hooks::use_url_filter;
use crate::state::{AppHandle, AppState};

/// Mounts the app on the document body.
pub fn mount() {
    yew::Renderer::<App>::new().render();
}

/// The whole app: the state (starting with the built-in dataset), the URL's filter, and the page.
#[function_component]
pub fn App() -> Html {
    // An equal state does not re-render: a drag over the page reports itself many times a second.
    let app = AppHandle::new(use_reducer_eq(AppState::at_start));
    let url = use_url_filter();
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            browser::mark("factline:first-events");
            // Only now, so its download never competes with the page's own.
            tasks::start();
            let listeners = listen_for_drops(&app);
            move || drop(listeners)
        });
    }
    // "Show in article" scrolls to the fact's span once the reader shows it.
    use_effect_with(app.state().focus.as_ref().map(|f| f.seq), |seq| {
        if seq.is_some() {
            browser::scroll_to_and_focus("focus-target");
        }
    });
    // When the URL's dates change (back/forward, reset, the timeline), the inputs show them again.
    {
        let app = app.clone();
        let dates = (url.filter.from.clone(), url.filter.to.clone());
        use_effect_with(dates, move |_| app.clear_date_drafts());
    }
    // On a phone the filters start folded, so the events come first; on wider screens they show.
    let filters_open = use_memo((), |_| browser::matches_media("(min-width: 761px)"));
    if let Some(why) = &app.state().startup_error {
        return html! {
            <main class="layout">
                <div class="alert" role="alert">
                    <h2>{ "The built-in article could not be loaded" }</h2>
                    <p><code>{ why }</code></p>
                </div>
            </main>
        };
    }
    let catalog = Rc::clone(&app.state().catalog);

    let (selection, unresolved) = catalog.select_lenient(&url.filter);
    let events: Vec<String> = catalog.events(&selection).iter().map(|e| e.event.id.clone()).collect();
    let claims: Vec<String> = catalog.claims(&selection).iter().map(|c| c.claim.id.clone()).collect();
    let selected: Vec<String> = selection.person_ids.clone();

    // Bars show the selected people's events over time, whatever date range is set.
    let undated_filter = Filter { from: None, to: None, ..url.filter.clone() };
    let bars = {
        let (unbounded, _) = catalog.select_lenient(&undated_filter);
        factline_core::timeline::histogram(&catalog.events(&unbounded)).1
    };

    // Every change of filter is a navigation; canonical ids replace whatever the URL had.
    let navigate = {
        let set = url.set.clone();
        let base = Filter { persons: selected.clone(), ..url.filter.clone() };
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
        let set = url.set.clone();
        let selected = selected.clone();
        Callback::from(move |next: Filter| set.emit(Filter { persons: selected.clone(), ..next }))
    };
    let on_range = {
        let navigate = navigate.clone();
        Callback::from(move |(from, to): (String, String)| {
            navigate(&|f| {
                f.from = factline_core::DateBound::parse(&from).ok();
                f.to = factline_core::DateBound::parse(&to).ok();
            })
        })
    };
    let on_reset = {
        let set = url.set.clone();
        Callback::from(move |_| set.emit(Filter::default()))
    };

    let ignored: Vec<String> =
        url.errors.iter().map(ToString::to_string).chain(unresolved.iter().map(ToString::to_string)).collect();
    let single_person = (selected.len() == 1).then(|| selected[0].clone());
    let claims_heading = if selected.is_empty() && url.filter.is_empty() { "Claims" } else { "Claims in view" };

    html! {
        <>
            <a class="skip-link" href="#results">{ "Skip to results" }</a>
            { article_header(&app) }
            <div class="toolbar" role="region" aria-label="Result count and tools">
                <div class="toolbar-inner">
                    <p class="count" role="status" aria-live="polite">
                        { count_text(events.len(), "event") }
                        <small>{ format!(" · {}", count_text(claims.len(), "claim")) }</small>
                    </p>
                    { export_bar(&app, &url.filter) }
                    { dataset_loader(&app) }
                    <button type="button" id="reset-filters" onclick={on_reset.clone()} disabled={url.filter.is_empty()}>{ "Reset filters" }</button>
                </div>
            </div>
            { drop_overlay(&app) }
            <main class="layout">
                <aside class="filters" aria-label="Filters">
                    <details class="filters-disclosure" open={*filters_open}>
                    <summary class="filters-summary">
                        <span class="filters-summary-title">{ "Filters" }</span>
                        <span class="filters-summary-state">{ filter_summary(&catalog, &url.filter, &selected) }</span>
                    </summary>
                    <section class="panel" aria-labelledby="people-heading">
                        <h2 id="people-heading">{ "People" }</h2>
                        { people_filter(&app, &selected, url.filter.persons_mode, &on_persons) }
                    </section>
                    <section class="panel" aria-labelledby="dates-heading">
                        <h2 id="dates-heading">{ "Dates" }</h2>
                        { date_filter(&app, &url.filter, &on_dates) }
                        { timeline(&app, &bars, url.filter.from.as_ref().map(|b| b.as_str()), url.filter.to.as_ref().map(|b| b.as_str()), &on_range) }
                    </section>
                    </details>
                </aside>
                <section id="results" class="results" aria-label="Results" tabindex="-1">
                    { load_errors(&app) }
                    { notices(&ignored) }
                    if let Some(person) = single_person {
                        { person_card(&app, &person, &claims) }
                    }
                    if let Some(semantics) = url.filter.date_semantics() {
                        <p class="semantics">{ semantics }</p>
                    }
                    <h2 class="visually-hidden">{ "Events" }</h2>
                    { event_list(&app, &events, &selected, &on_person_only) }
                    <section class="panel claims-panel" aria-labelledby="claims-heading">
                        <h2 id="claims-heading">{ format!("{claims_heading} ({})", claims.len()) }</h2>
                        { claims_list(&app, &claims) }
                    </section>
                </section>
                <section class="reader panel" aria-labelledby="reader-heading">
                    { article_reader(&app, &selected, &events, &claims) }
                </section>
            </main>
            <footer class="site-footer">
                <p>{ "Factline shows what the article says, where it says it. Dates are as precise as the article makes them; derived facts are marked." }</p>
            </footer>
        </>
    }
}

/// What the filters select, in a few words, for the folded filter panel: "Kaisha Akhan · from 2020".
fn filter_summary(catalog: &Catalog, filter: &Filter, selected: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !selected.is_empty() {
        let names: Vec<&str> = selected.iter().map(|id| catalog.name_of(id)).collect();
        let joiner = if filter.persons_mode == PersonsMode::All { " and " } else { " or " };
        parts.push(names.join(joiner));
    }
    match (&filter.from, &filter.to) {
        (Some(from), Some(to)) => parts.push(format!("{from} to {to}")),
        (Some(from), None) => parts.push(format!("from {from}")),
        (None, Some(to)) => parts.push(format!("up to {to}")),
        (None, None) => {}
    }
    if !filter.text.is_empty() {
        parts.push(format!("“{}”", filter.text));
    }
    if parts.is_empty() { "none set".to_string() } else { parts.join(" · ") }
}

/// "1 event", "7 events".
pub fn count_text(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
