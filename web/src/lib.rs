//! The Factline browser app. It shows what `factline-core` computes: the filter comes from the
//! URL, the rest of the reader's choices from the reducer in [`state`], and each combination of
//! them is a request to the engine (in a background worker, [`engine`]) for the
//! [`Screen`] to show. `main.rs` only mounts [`App`].

pub mod browser;
pub mod components;
pub mod engine;
pub mod hooks;
pub mod state;
pub mod virtual_list;

use std::rc::Rc;

use factline_core::service::{Reply, Request};
use factline_core::view::{Screen, Window, is_windowed};
use factline_core::{DateBound, Filter, PersonsMode};
use yew::prelude::*;

use crate::components::{
    article_header, article_reader, articles_list, claims_list, dataset_loader, date_filter, drop_overlay, event_list,
    export_bar, fact_search, listen_for_drops, load_errors, notices, people_filter, person_card, timeline,
};
use crate::hooks::{UrlFilter, use_draft, use_url_filter};
use crate::state::{Answered, AppHandle, AppState};
use crate::virtual_list::{BLOCK, Blocks, rows};

/// What the scroll handlers need to know of the last screen rendered.
#[derive(Default)]
struct Rendered {
    query: String,
    events: usize,
    window: Window,
    blocks: Blocks,
    people: RowList,
    articles: RowList,
    /// An event card asked for by "Go to the fact" and not rendered yet: its element id, and its
    /// place in the list (counted from 0).
    go_to: Option<(String, usize)>,
}

/// A list of rows of one height in a box of its own (the people, the articles): how many rows
/// it has, which are rendered, and their height once measured.
#[derive(Default)]
struct RowList {
    total: usize,
    window: Window,
    row_height: f64,
}

/// The elements of a [`RowList`]: a row (a CSS selector), the box that scrolls, and the spacers
/// that stand in for the rows not rendered before and after.
struct RowIds {
    row: &'static str,
    scroller: &'static str,
    before: &'static str,
    after: &'static str,
}

const PEOPLE: RowIds =
    RowIds { row: ".person-row", scroller: "people-scroller", before: "people-before", after: "people-after" };
const ARTICLES: RowIds =
    RowIds { row: ".article-row", scroller: "articles-scroller", before: "articles-before", after: "articles-after" };

/// Reads a row list's row height, and how far its box is scrolled and how tall it is. Both row
/// lists are read before either's spacers are sized: reading after a write lays the page out
/// again.
fn measure_rows(ids: &RowIds, list: &mut RowList) -> Option<(f64, f64)> {
    // Rows of one height: the first rendered row stands for all.
    if let Some(h) = browser::height_of_first(ids.row).filter(|h| *h > 0.0) {
        list.row_height = h;
    }
    browser::scroll_of(ids.scroller)
}

/// Sizes a row list's spacers, and says which rows to render when its box (`scrolled`, from
/// [`measure_rows`]) has moved away from those rendered; only a windowed list is ever cut.
fn size_rows(ids: &RowIds, list: &RowList, scrolled: Option<(f64, f64)>) -> Option<Window> {
    if list.row_height <= 0.0 {
        return None;
    }
    let (start, end) = (list.window.start, (list.window.start + list.window.len).min(list.total));
    browser::set_height(ids.before, start as f64 * list.row_height);
    browser::set_height(ids.after, list.total.saturating_sub(end) as f64 * list.row_height);
    let (scroll, height) = scrolled?;
    let (s, e) = rows(list.total, list.row_height, scroll, height.max(list.row_height));
    let wanted = Window { start: s, len: (e - s).max(1) };
    (is_windowed(list.total) && wanted != list.window).then_some(wanted)
}

/// After a render or a scroll: measures what was rendered, sizes the spacers, and asks for other
/// rows when the screen has moved away from those rendered.
fn fit_lists(app: &AppHandle, lists: &mut Rendered) {
    let count = lists.events.div_ceil(BLOCK);
    let first = lists.window.start / BLOCK;
    let last = (lists.window.start + lists.window.len.max(1)).div_ceil(BLOCK).min(count);
    let size_spacers = |lists: &Rendered| {
        browser::set_height("events-before", lists.blocks.span(0, first, lists.events));
        browser::set_height("events-after", lists.blocks.span(last, count, lists.events));
    };
    // Spacers first: a render can leave them without their height, and measuring the blocks
    // lays the page out, which would pull the scroll position up to a page that short.
    size_spacers(lists);
    for (block, height) in browser::heights_of(".event-block", "data-block") {
        if let Ok(block) = block.parse() {
            lists.blocks.measured(block, height);
        }
    }
    size_spacers(lists);
    // A card "Go to the fact" asked for, once rendered, is scrolled to before the page's place is
    // read, so that the window asked for next is the one around it. A window rendered over its
    // place without it is of another list (the filter changed): the request is dropped.
    if let Some((card, at)) = lists.go_to.take() {
        let rendered = (lists.window.start..lists.window.start + lists.window.len).contains(&at);
        if browser::element(&card).is_some() {
            browser::jump_to_and_focus(&card);
        } else if !rendered {
            lists.go_to = Some((card, at));
        }
    }
    if let (Some(list_top), (scroll, height)) = (browser::top_on_page("event-list"), browser::viewport())
        && lists.events > 0
    {
        let at_page_end = scroll + height >= browser::page_height() - 2.0;
        let (b0, b1) = if at_page_end {
            lists.blocks.at_end(lists.events, height)
        } else {
            lists.blocks.visible(lists.events, list_top, scroll, height)
        };
        let wanted = Window { start: b0 * BLOCK, len: (b1 + 1 - b0) * BLOCK };
        // Asked again only when rows near the screen are missing, or far more are rendered than
        // needed; a window that covers the screen stays.
        let (have, want) =
            (lists.window.start..lists.window.start + lists.window.len, wanted.start..wanted.start + wanted.len);
        let missing = want.start < have.start || (want.end > have.end && have.end < lists.events);
        let excess = have.len() > want.len() + 2 * BLOCK;
        if missing || excess {
            app.set_events_window(wanted, &lists.query);
        }
    }
    let people = measure_rows(&PEOPLE, &mut lists.people);
    let articles = measure_rows(&ARTICLES, &mut lists.articles);
    if let Some(wanted) = size_rows(&PEOPLE, &lists.people, people) {
        app.set_people_window(wanted);
    }
    if let Some(wanted) = size_rows(&ARTICLES, &lists.articles, articles) {
        app.set_articles_window(wanted);
    }
}

/// Starts the background worker and mounts the app on the document body.
pub fn mount() {
    engine::start();
    match browser::app_root() {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// The whole app: the state, the URL's filter, the requests for screens, and the page.
#[function_component]
pub fn App() -> Html {
    // An equal state does not re-render: a drag over the page reports itself many times a second.
    let app = AppHandle::new(use_reducer_eq(AppState::at_start));
    let url = use_url_filter();
    use_draft(&app);
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
        let state = app.state();
        // Each "Show in article" is a request, even for the fact already shown: its screen is
        // the one to scroll on (the engine keeps recent screens, so asking again costs a copy).
        let focus = state.focus.as_ref().map(|f| f.seq);
        let request = (state.dataset, state.opened, state.view_params(query.clone()), focus);
        use_effect_with(request, move |(dataset, _, params, focus)| {
            let answered = Answered { query: params.query.clone(), focus: *focus };
            let request = Request::View { dataset: *dataset, params: params.clone() };
            engine::request(request, move |reply| match reply {
                Ok(Reply::View(screen)) => app.show_screen(*screen, answered),
                Ok(Reply::Failed(why)) | Err(why) => app.unavailable(why),
                Ok(_) => app.unavailable("the worker answered something else".into()),
            });
        });
    }
    // The pre-rendered page stays until the first screen can replace it; declared before the
    // effects that measure the lists, which must see the app's own rows.
    {
        let shown = (app.state().screen.is_some(), app.state().unavailable.is_some());
        use_effect_with(shown, |(screen, unavailable)| {
            if *screen {
                browser::take_over_prerendered();
                browser::mark("factline:first-events");
            } else if *unavailable {
                // Why the app cannot start shows above the pre-rendered facts, which stay readable.
                browser::reveal_app();
            }
        });
    }
    // Long lists: measured after every render, and followed as the page and the people list scroll.
    let lists = use_mut_ref(Rendered::default);
    {
        let (app, lists, query) = (app.clone(), lists.clone(), query.clone());
        use_effect(move || {
            if let Some(screen) = app.state().screen.as_ref() {
                // What the screen rendered, not what was last asked for: a reply may be on its way.
                let mut lists = lists.borrow_mut();
                lists.query = query;
                lists.events = screen.event_count;
                let rendered = screen.event_groups.iter().map(|g| g.events.len()).sum();
                lists.window = Window { start: screen.events_start, len: rendered };
                lists.people.total = screen.people_total;
                lists.people.window = Window { start: screen.people_start, len: screen.people.len() };
                lists.articles.total = screen.articles_total;
                lists.articles.window = Window { start: screen.articles_start, len: screen.articles.len() };
                fit_lists(&app, &mut lists);
            }
        });
    }
    {
        let (app, lists) = (app.clone(), lists.clone());
        use_effect_with((), move |_| {
            let on_scroll = {
                let (app, lists) = (app.clone(), lists.clone());
                move |_: &web_sys::Event| fit_lists(&app, &mut lists.borrow_mut())
            };
            let page = browser::window().map(|w| gloo::events::EventListener::new(&w, "scroll", on_scroll.clone()));
            let document = gloo::utils::document();
            // Scroll events of the people and article lists do not bubble; listening on the
            // document, capturing, sees them.
            let boxes = gloo::events::EventListener::new_with_options(
                &document,
                "scroll",
                gloo::events::EventListenerOptions { phase: gloo::events::EventListenerPhase::Capture, passive: true },
                on_scroll,
            );
            move || drop((page, boxes))
        });
    }
    // A new filter, or another dataset, is a new list: the heights measured were of the old one,
    // and a card asked for is in it no more.
    {
        let lists = lists.clone();
        use_effect_with((query.clone(), app.state().opened), move |_| {
            let mut lists = lists.borrow_mut();
            lists.blocks.clear();
            lists.go_to = None;
        });
    }
    // "Go to the fact": the card, or, in a long list, the block of events that holds it.
    let on_go_to = {
        let (app, lists, query) = (app.clone(), lists.clone(), query.clone());
        Callback::from(move |(id, position): (String, usize)| {
            let card = format!("card-{id}");
            if browser::element(&card).is_some() {
                browser::jump_to_and_focus(&card);
                return;
            }
            let at = position.saturating_sub(1);
            lists.borrow_mut().go_to = Some((card, at));
            let block = at / BLOCK;
            app.set_events_window(Window { start: block * BLOCK, len: BLOCK }, &query);
        })
    };
    // "Show in article" scrolls to the fact's span once a screen computed for that fact arrives
    // (until then the screen shown marks the fact asked for before), once per request.
    {
        let state = app.state();
        let asked = state.focus.as_ref().map(|f| f.seq);
        let ready = asked.is_some() && state.answered.focus == asked;
        let screen = state.screen.as_ref().map(|s| Rc::as_ptr(s) as usize);
        let scrolled = use_mut_ref(|| None::<u32>);
        use_effect_with((asked, ready, screen), move |(asked, ready, _)| {
            if *ready && *scrolled.borrow() != *asked && browser::element("focus-target").is_some() {
                *scrolled.borrow_mut() = *asked;
                browser::scroll_to_and_focus("focus-target");
            }
        });
    }
    // The list of facts a passage supports takes focus when it arrives, so that it is announced.
    {
        let passage = app.state().screen.as_ref().is_some_and(|s| s.reader.passage.is_some());
        let asked = app.state().open_passage.clone();
        use_effect_with((asked, passage), |(asked, passage)| {
            if asked.is_some() && *passage {
                browser::focus("passage-facts");
            }
        });
    }
    // When the URL's dates change (back/forward, reset, the timeline), the inputs show them again.
    {
        let app = app.clone();
        let dates = (url.filter.from.clone(), url.filter.to.clone());
        use_effect_with(dates, move |_| app.clear_date_drafts());
    }
    // On a phone the filters start folded, so the events come first. Wider screens show them open
    // even in the pre-rendered page (CSS), where the disclosure starts closed for every width.
    let filters_open = use_memo((), |_| browser::matches_media("(min-width: 761px)"));
    match app.state().screen.clone() {
        Some(screen) => page(&app, &url, &screen, *filters_open, &on_go_to),
        None => waiting(app.state().unavailable.as_deref()),
    }
}

/// What the pre-rendered page is made from: the first screen of the built-in article.
#[derive(Properties, PartialEq)]
pub struct PrerenderedProps {
    /// The screen, as the engine computes it for [`AppState::prerendered`].
    pub screen: Rc<Screen>,
}

/// The page as [`App`] first shows it, for rendering on the server at build time: the same view
/// functions on the same screen, with no URL to read and nothing to change.
#[function_component]
pub fn Prerendered(props: &PrerenderedProps) -> Html {
    let app = AppHandle::new(use_reducer_eq(|| AppState::prerendered(props.screen.clone())));
    let url = UrlFilter { filter: Filter::default(), errors: Vec::new(), set: Callback::noop() };
    page(&app, &url, &props.screen, false, &Callback::noop())
}

/// The markup of the built-in article's first view, for `index.html`: [`Prerendered`] on the
/// screen the engine answers the app's first request with, rendered by yew's server renderer.
#[cfg(feature = "prerender")]
pub fn prerender() -> String {
    use factline_core::service::{Engine, Handle};
    let params = AppState::prerendered(Rc::default()).view_params(String::new());
    let screen = match Engine::new().handle(Request::View { dataset: Handle::BUILTIN, params }) {
        Reply::View(screen) => Rc::new(*screen),
        other => panic!("the built-in article has no first view: {other:?}"),
    };
    let renderer = yew::LocalServerRenderer::<Prerendered>::with_props(PrerenderedProps { screen }).hydratable(false);
    futures::executor::block_on(renderer.render())
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

/// The page for one screen; `on_go_to` goes to an event's card (its id and place in the list).
fn page(
    app: &AppHandle,
    url: &UrlFilter,
    screen: &Screen,
    filters_open: bool,
    on_go_to: &Callback<(String, usize)>,
) -> Html {
    let state = app.state();
    let query = url.filter.to_query_string();
    let selected = state.selected(&query, &url.filter.persons);
    // Every change of filter is a navigation; canonical ids replace whatever the URL had.
    let navigate = {
        let set = url.set.clone();
        let base = Filter { persons: selected.to_vec(), ..url.filter.clone() };
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
        let (set, selected) = (url.set.clone(), selected.to_vec());
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
        Callback::from(move |_| {
            set.emit(Filter::default());
            // The button disables itself once nothing is filtered; focus goes on to the results
            // rather than being lost to the page.
            browser::focus("results");
        })
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
        Callback::from(move |at: Option<(String, u32)>| {
            // Closing the list gives focus back to the passage that opened it.
            if at.is_some() {
                browser::remember_focus()
            } else {
                browser::restore_focus()
            }
            app.open_passage(at)
        })
    };
    let on_dismiss = {
        let app = app.clone();
        Callback::from(move |()| {
            app.dismiss_errors();
            // The button goes with the errors; focus goes on to the results.
            browser::focus("results");
        })
    };
    let on_sources = {
        let navigate = navigate.clone();
        Callback::from(move |ids: Vec<String>| navigate(&|f| f.sources = ids.clone()))
    };
    let on_corroborated = {
        let navigate = navigate.clone();
        Callback::from(move |on: bool| navigate(&|f| f.min_sources = if on { 2 } else { 0 }))
    };
    let on_search_facts = {
        let (navigate, app, query) = (navigate.clone(), app.clone(), query.clone());
        Callback::from(move |text: String| {
            // Applied, the text is no longer a draft (a search that changes nothing keeps none).
            app.set_search_draft(None, &query);
            navigate(&|f| f.text = text.trim().to_string())
        })
    };
    let on_search_draft = {
        let (app, query) = (app.clone(), query.clone());
        Callback::from(move |text: String| app.set_search_draft(Some(text), &query))
    };
    let on_more_claims = {
        let (app, shown, query) = (app.clone(), screen.claims.len(), query.clone());
        Callback::from(move |()| app.show_claims(shown + factline_core::view::DEFAULT_CLAIMS, &query))
    };
    let on_article = {
        let app = app.clone();
        Callback::from(move |id: String| app.show_article(id))
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
                        { people_filter(&screen.people, screen.people_total, &state.people_query, selected, url.filter.persons_mode, &on_search, &on_persons) }
                    </section>
                    if screen.articles_total > 0 {
                        <section class="panel" aria-labelledby="articles-heading">
                            <h2 id="articles-heading">{ "Articles" }</h2>
                            { articles_list(&screen.articles, screen.articles_total, &url.filter.sources, url.filter.min_sources, &on_sources, &on_corroborated) }
                        </section>
                    }
                    <section class="panel" aria-labelledby="dates-heading">
                        <h2 id="dates-heading">{ "Dates" }</h2>
                        { date_filter(app, &url.filter, &on_dates) }
                        { timeline(app, &screen.bars, url.filter.from.as_ref(), &on_range) }
                    </section>
                    </details>
                </aside>
                <section id="results" class="results" aria-label="Results" tabindex="-1">
                    if let Some(why) = &state.unavailable {
                        // A later request failed (the worker stopped, say): the facts stay, and say they are old.
                        <div class="alert" role="alert">
                            <p>{ format!("Could not update the view: {why}. The facts below are from before.") }</p>
                        </div>
                    }
                    { load_errors(state.refusal.as_ref(), &on_dismiss) }
                    { fact_search(&url.filter.text, state.lists_for(&query).and_then(|l| l.search_draft.as_deref()), &on_search_draft, &on_search_facts) }
                    { notices(&ignored) }
                    if let Some(card) = &screen.person_card {
                        { person_card(card, &on_day) }
                    }
                    if let Some(semantics) = &screen.semantics {
                        <p class="semantics">{ semantics }</p>
                    }
                    <h2 class="visually-hidden">{ "Events" }</h2>
                    { event_list(&screen.event_groups, screen.event_count, &on_person_only, &on_show) }
                    <section class="panel claims-panel" aria-labelledby="claims-heading">
                        <h2 id="claims-heading">{ format!("{} ({})", screen.claims_heading, screen.claim_count) }</h2>
                        { claims_list(&screen.claims, screen.claim_count, &on_show, &on_more_claims) }
                    </section>
                </section>
                <section class="reader panel" aria-labelledby="reader-heading">
                    { article_reader(&screen.reader, state.show_spans, &on_toggle, &on_passage, on_go_to, &on_article) }
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
