//! Component tests: the real app mounted in a browser page, driven through the DOM.
//! Run with `cargo xtask test` (or `cargo test --target wasm32-unknown-unknown -p factline-web`
//! with CHROMEDRIVER set).

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use factline_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

thread_local! {
    /// The app the last test mounted. It is destroyed before the next one mounts: its listeners
    /// on the window (scrolling) would otherwise measure and size the next test's lists.
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<App>>> = const { std::cell::RefCell::new(None) };
}

/// Mounts a fresh app at `query`, after removing any earlier one.
async fn mount(query: &str) -> Element {
    if let Some(old) = MOUNTED.with(|m| m.borrow_mut().take()) {
        old.destroy();
    }
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    let _ = window.history().map(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    // The app's own stylesheet, as the page has it: long lists depend on what it lays out.
    if document().get_element_by_id("app-style").is_none() {
        let style = document().create_element("style").unwrap_or_else(|_| panic!("create style"));
        style.set_id("app-style");
        style.set_text_content(Some(include_str!("../../assets/styles/app.css")));
        let _ = document().head().map(|h| h.append_child(&style));
    }
    let root = document().create_element("div").unwrap_or_else(|_| panic!("create div"));
    root.set_id("app-under-test");
    let _ = gloo::utils::body().append_child(&root);
    // The test page does not serve the worker's files; the engine runs in the page instead.
    factline_web::engine::run_in_process(factline_core::service::Engine::new());
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    settle().await;
    root
}

/// Lets the app render, ask the engine for its screen, and render that.
async fn settle() {
    for _ in 0..8 {
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
}

fn query(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).ok().flatten().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn count_text(root: &Element) -> String {
    query(root, "[role=status]").text_content().unwrap_or_default()
}

fn event_ids(root: &Element) -> Vec<String> {
    let list = root.query_selector_all("[data-event-id]").unwrap_or_else(|_| panic!("query"));
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-event-id"))
        .collect()
}

/// Hands a file to the app's own loader, through its file input, as the picker would.
fn open_file(root: &Element, name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap_or_else(|_| panic!("file"));
    let input = query(root, "#dataset-file").unchecked_into::<HtmlInputElement>();
    let transfer = web_sys::DataTransfer::new().unwrap_or_else(|_| panic!("transfer"));
    let _ = transfer.items().add_with_file(&file);
    input.set_files(transfer.files().as_ref());
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
}

fn search() -> String {
    gloo::utils::window().location().search().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn first_render_lists_every_event_in_order() {
    let root = mount("").await;
    assert!(count_text(&root).starts_with("24 events"), "{}", count_text(&root));
    let ids = event_ids(&root);
    assert_eq!(ids.len(), 24);
    assert_eq!(ids.first().map(String::as_str), Some("sauytbay-court-testimony"));
    assert_eq!(ids.last().map(String::as_str), Some("sauytbay-book-in-german"));
    assert!(query(&root, ".article-title").text_content().unwrap_or_default().contains("Xinjiang fugitives"));
}

#[wasm_bindgen_test]
async fn ticking_a_person_filters_and_writes_the_url() {
    let root = mount("").await;
    query(&root, "input[data-person-id='kaisha-akhan']").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "?person=kaisha-akhan");
    assert!(count_text(&root).starts_with("4 events"), "{}", count_text(&root));
    // Exactly one person: the card appears, with their status on the publication day.
    let card = query(&root, ".person-card").text_content().unwrap_or_default();
    assert!(card.contains("refugee status (valid until Oct 29, 2021 – Oct 30, 2021, derived)"), "{card}");
}

#[wasm_bindgen_test]
async fn the_person_card_says_what_the_article_dates_and_what_it_does_not() {
    let root = mount("person=sayragul-sauytbay").await;
    let status = || query(&root, ".status-value").text_content().unwrap_or_default();
    // Her dated events (escape, award, testimony) change no status; her statuses are undated.
    assert!(status().starts_with("No change of status"), "{}", status());
    let undated = query(&root, ".person-card .help").text_content().unwrap_or_default();
    assert_eq!(undated, "Changes of status the article does not date: Asylum denied; Relocation; Asylum granted.");
    // Kaster Musakhan on another day: the card follows the chosen day.
    let root = mount("person=kaster-musakhan").await;
    let input = query(&root, "#status-day").unchecked_into::<HtmlInputElement>();
    input.set_value("2020-01-15");
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert_eq!(query(&root, ".status-value").text_content().unwrap_or_default(), "detained");
}

#[wasm_bindgen_test]
async fn a_group_reference_and_all_mode_come_from_the_url() {
    let root = mount("person=the%20pair&persons=all&from=2020").await;
    let ids = event_ids(&root);
    assert_eq!(ids, ["pair-asylum-documents", "pair-refugee-status-expiry"]);
}

#[wasm_bindgen_test]
async fn invalid_link_parameters_are_ignored_with_a_notice() {
    let root = mount("person=nobody&mode=sideways&from=2020").await;
    let notice = query(&root, ".notice").text_content().unwrap_or_default();
    assert!(notice.contains("`mode=sideways` is not valid"), "{notice}");
    assert!(notice.contains("no person matches `nobody`"), "{notice}");
    // The valid part still applies.
    assert!(event_ids(&root).iter().all(|id| id != "sauytbay-escape"));
}

#[wasm_bindgen_test]
async fn an_invalid_date_is_flagged_and_not_applied() {
    let root = mount("").await;
    let input = query(&root, "#date-from").unchecked_into::<HtmlInputElement>();
    input.set_value("2020-13");
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(query(&root, "#date-from-error").text_content().unwrap_or_default().contains("month 13 does not exist"));
    assert_eq!(search(), "");
    assert_eq!(input.value(), "2020-13", "what was typed stays, to be corrected");
    input.set_value("2020-10");
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert_eq!(search(), "?from=2020-10");
    assert!(root.query_selector("#date-from-error").ok().flatten().is_none(), "the error goes once applied");
    // A half-typed, invalid end date gives way when the URL changes (here, Reset).
    let to = query(&root, "#date-to").unchecked_into::<HtmlInputElement>();
    to.set_value("20x");
    let _ = to.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert!(root.query_selector("#date-to-error").ok().flatten().is_some());
    query(&root, "#reset-filters").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "");
    let (from, to) = (query(&root, "#date-from"), query(&root, "#date-to"));
    assert_eq!(from.unchecked_into::<HtmlInputElement>().value(), "");
    assert_eq!(to.unchecked_into::<HtmlInputElement>().value(), "");
    assert!(root.query_selector("#date-to-error").ok().flatten().is_none(), "the URL's dates show again");
}

#[wasm_bindgen_test]
async fn a_broken_file_leaves_the_article_loaded() {
    let root = mount("").await;
    open_file(&root, "broken.json", "{\"format\": \"factline/2\", \"articles\": []}");
    for _ in 0..20 {
        settle().await;
        if root.query_selector("[role=alert]").ok().flatten().is_some() {
            break;
        }
    }
    let alert = query(&root, "[role=alert]").text_content().unwrap_or_default();
    assert!(alert.contains("unknown format `factline/2`"), "{alert}");
    assert!(alert.contains("$.format"), "{alert}");
    assert!(count_text(&root).starts_with("24 events"), "the built-in article stays loaded");
}

#[wasm_bindgen_test]
async fn dragging_across_timeline_bars_selects_their_range() {
    let root = mount("").await;
    let bar = |i: usize| query(&root, &format!("#bar-{i}"));
    let pointer = |name: &str, target: &Element| {
        let event = web_sys::PointerEvent::new_with_event_init_dict(name, &{
            let init = web_sys::PointerEventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap_or_else(|_| panic!("pointer event"));
        let _ = target.dispatch_event(&event);
    };
    let first = bar(0).get_attribute("aria-label").unwrap_or_default();
    assert!(first.starts_with("Jan 2018: 1 event"), "the first bar: {first}");
    // Down on the first bar, up on the third: one range across them.
    pointer("pointerdown", &bar(0));
    settle().await;
    pointer("pointerup", &bar(2));
    settle().await;
    assert_eq!(search(), "?from=2018-01&to=2018-03");
    // Screen readers are told which bars the range holds.
    let pressed: Vec<String> = (0..4).map(|i| bar(i).get_attribute("aria-pressed").unwrap_or_default()).collect();
    assert_eq!(pressed, ["true", "true", "true", "false"]);
    // The bar last used is where keyboard focus enters the timeline.
    assert_eq!(bar(2).get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(bar(0).get_attribute("tabindex").as_deref(), Some("-1"));
    // A plain click selects one bar.
    pointer("pointerdown", &bar(1));
    pointer("pointerup", &bar(1));
    settle().await;
    assert_eq!(search(), "?from=2018-02&to=2018-02");
    // Reset disables itself; focus goes on to the results instead of being lost.
    query(&root, "#reset-filters").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "");
    let focused = document().active_element().map(|e| e.id()).unwrap_or_default();
    assert_eq!(focused, "results");
}

#[wasm_bindgen_test]
async fn a_file_dropped_on_the_page_is_opened() {
    let root = mount("").await;
    let document = document();
    let drag = |name: &str, transfer: Option<&web_sys::DataTransfer>| {
        let init = web_sys::DragEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        if let Some(transfer) = transfer {
            init.set_data_transfer(Some(transfer));
        }
        let event = web_sys::DragEvent::new_with_event_init_dict(name, &init).unwrap_or_else(|_| panic!("drag event"));
        let _ = document.dispatch_event(&event);
    };
    drag("dragover", None);
    settle().await;
    assert!(root.query_selector(".drop-overlay").ok().flatten().is_some(), "the overlay shows while dragging");
    let minimal = include_str!("../../tests/fixtures/valid/minimal.json");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(minimal));
    let file = web_sys::File::new_with_str_sequence(&parts, "minimal.json").unwrap_or_else(|_| panic!("file"));
    let transfer = web_sys::DataTransfer::new().unwrap_or_else(|_| panic!("transfer"));
    let _ = transfer.items().add_with_file(&file);
    drag("drop", Some(&transfer));
    for _ in 0..20 {
        settle().await;
        if count_text(&root).starts_with("4 events") {
            break;
        }
    }
    assert!(root.query_selector(".drop-overlay").ok().flatten().is_none(), "the overlay goes on drop");
    assert_eq!(query(&root, ".article-title").text_content().unwrap_or_default(), "A sample article");
    assert!(count_text(&root).starts_with("4 events"), "{}", count_text(&root));
}

/// Opens `contents` through the loader and waits until its screen (with `expect` in the count)
/// shows.
async fn open_and_wait(root: &Element, name: &str, contents: &str, expect: &str) {
    open_file(root, name, contents);
    for _ in 0..100 {
        settle().await;
        if count_text(root).starts_with(expect) {
            return;
        }
    }
    panic!("{name} did not open: the count says {}", count_text(root));
}

fn generated(articles: usize, events_per_article: usize, persons: usize) -> String {
    let shape = factline_bench::Shape { articles, events_per_article, persons };
    serde_json::to_string(&factline_bench::corpus(shape)).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of the labels of the input with this id: its name, as a screen reader reads it.
fn label_of(root: &Element, id: &str) -> String {
    let input = query(root, &format!("#{id}")).unchecked_into::<HtmlInputElement>();
    let labels = input.labels();
    (0..labels.as_ref().map_or(0, |l| l.length()))
        .filter_map(|i| labels.as_ref().and_then(|l| l.item(i)))
        .filter_map(|n| n.text_content())
        .collect::<Vec<_>>()
        .join(" ")
}

#[wasm_bindgen_test]
async fn fields_are_named_by_their_labels_alone() {
    let root = mount("").await;
    // Hints, errors and buttons describe a field or sit beside it; they are not its name.
    assert_eq!(label_of(&root, "search-facts"), "Search the facts");
    assert_eq!(label_of(&root, "date-from"), "From");
    assert_eq!(label_of(&root, "date-to"), "To");
    assert_eq!(label_of(&root, "person-search"), "Find a person");
}

#[wasm_bindgen_test]
async fn the_fact_search_filters_by_words_and_marks_them() {
    let root = mount("").await;
    let input = query(&root, "#search-facts").unchecked_into::<HtmlInputElement>();
    input.set_value("asylum");
    let _ = input.dispatch_event(&web_sys::InputEvent::new("input").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert_eq!(search(), "", "typing alone does not search");
    let form = query(&root, "form[role=search]").unchecked_into::<web_sys::HtmlFormElement>();
    let _ = form.request_submit();
    settle().await;
    assert_eq!(search(), "?q=asylum");
    let (count, ids) = (count_text(&root), event_ids(&root));
    assert!(!ids.is_empty() && ids.len() < 24, "{count}: {ids:?}");
    let marks = root.query_selector_all(".summary mark.hit").unwrap_or_else(|_| panic!("query"));
    assert!(marks.length() > 0, "the matched words are marked");
    let first = marks.get(0).and_then(|n| n.text_content()).unwrap_or_default();
    assert_eq!(first.to_lowercase(), "asylum");
    // Clearing the field drops the search at once.
    input.set_value("");
    let _ = input.dispatch_event(&web_sys::InputEvent::new("input").unwrap_or_else(|_| panic!("event")));
    settle().await;
    assert_eq!(search(), "");
    assert!(count_text(&root).starts_with("24 events"), "{}", count_text(&root));
    // Words typed and cleared without searching leave the field empty, and no history entry.
    let steps = gloo::utils::window().history().map(|h| h.length().unwrap_or(0)).unwrap_or(0);
    for text in ["refugee", ""] {
        input.set_value(text);
        let _ = input.dispatch_event(&web_sys::InputEvent::new("input").unwrap_or_else(|_| panic!("event")));
        settle().await;
    }
    assert_eq!(input.value(), "", "the cleared draft is not written back");
    assert_eq!(search(), "");
    let after = gloo::utils::window().history().map(|h| h.length().unwrap_or(0)).unwrap_or(0);
    assert_eq!(after, steps, "clearing a search that was never made is no step back");
}

#[wasm_bindgen_test]
async fn a_corpus_is_named_listed_and_filtered_by_source() {
    let root = mount("").await;
    open_and_wait(&root, "corpus.json", &generated(3, 4, 5), "12 events").await;
    let title = query(&root, ".article-title").text_content().unwrap_or_default();
    assert!(title.starts_with("A generated corpus: 3 articles"), "{title}");
    let meta = query(&root, ".masthead .article-meta").text_content().unwrap_or_default();
    assert!(meta.contains("3 articles"), "{meta}");
    let rows = root.query_selector_all(".articles .article-row").unwrap_or_else(|_| panic!("query"));
    assert_eq!(rows.length(), 3);
    let facts = query(&root, ".articles .person-count").get_attribute("aria-label").unwrap_or_default();
    let n: usize = facts.trim_end_matches(" facts").parse().unwrap_or_else(|_| panic!("a fact count: {facts}"));
    assert!(n >= 4, "each article counts its events and claims: {facts}");
    let row = rows.get(0).and_then(|n| n.text_content()).unwrap_or_default();
    assert!(row.contains("The Steppe Herald"), "and names its publisher: {row}");
    query(&root, "input[data-article-id='article-00001']").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "?source=article-00001");
    assert!(count_text(&root).starts_with("4 events"), "{}", count_text(&root));
    let sources = query(&root, ".event .sources").text_content().unwrap_or_default();
    assert!(sources.starts_with("From "), "every fact says where it comes from: {sources}");
    query(&root, "#corroborated").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "?source=article-00001&sources=2");
}

#[wasm_bindgen_test]
async fn a_long_list_renders_what_is_near_the_screen_and_counts_all() {
    let root = mount("").await;
    open_and_wait(&root, "long.json", &generated(4, 150, 400), "600 events").await;
    let cards = event_ids(&root);
    assert!(!cards.is_empty() && cards.len() < 600, "only a window of the list is rendered: {}", cards.len());
    let last = query(&root, "[data-event-id]:last-of-type");
    assert_eq!(last.get_attribute("aria-setsize").as_deref(), Some("600"), "each card knows the list's length");
    let people = root.query_selector_all(".person-row").unwrap_or_else(|_| panic!("query")).length();
    assert!(people > 0 && people < 400, "only a window of the people is rendered: {people}");
    let label = query(&root, "ul.people").get_attribute("aria-label").unwrap_or_default();
    assert_eq!(label, "People (400)");
    // Scrolled to the end, the last events are rendered, and the first are not.
    let window = gloo::utils::window();
    let height = document().document_element().map(|e| e.scroll_height()).unwrap_or_default();
    window.scroll_to_with_x_and_y(0.0, f64::from(height));
    let rendered = || -> Vec<usize> {
        let list = root.query_selector_all("[data-event-id]").unwrap_or_else(|_| panic!("query"));
        (0..list.length())
            .filter_map(|i| list.get(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("aria-posinset")?.parse().ok())
            .collect()
    };
    // The spacers are estimates until the blocks near the end are measured, so the end moves a
    // few times; a busy machine takes more steps to get there (bounded).
    for _ in 0..40 {
        settle().await;
        if rendered().last() == Some(&600) {
            break;
        }
        window.scroll_to_with_x_and_y(
            0.0,
            f64::from(document().document_element().map(|e| e.scroll_height()).unwrap_or_default()),
        );
    }
    let positions = rendered();
    assert_eq!(positions.last(), Some(&600), "the end of the list is rendered: {positions:?}");
    assert!(positions.first().is_some_and(|p| *p > 1), "the start is not: {positions:?}");
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn a_long_article_list_renders_the_rows_near_its_scroll_and_counts_all() {
    let root = mount("").await;
    open_and_wait(&root, "many.json", &generated(260, 1, 20), "260 events").await;
    let label = query(&root, "ul.articles").get_attribute("aria-label").unwrap_or_default();
    assert_eq!(label, "Articles (260)");
    let ids = |root: &Element| -> Vec<String> {
        let rows = root.query_selector_all(".article-row input").unwrap_or_else(|_| panic!("query"));
        (0..rows.length())
            .filter_map(|i| rows.get(i)?.dyn_into::<Element>().ok()?.get_attribute("data-article-id"))
            .collect()
    };
    let first = ids(&root);
    assert!(!first.is_empty() && first.len() < 260, "only a window of the articles is rendered: {}", first.len());
    assert_eq!(first[0], "article-00000");
    // Scrolled to its end, the box renders the last articles and stands in for the first.
    let scroller = query(&root, "#articles-scroller");
    for _ in 0..10 {
        scroller.set_scroll_top(scroller.scroll_height());
        settle().await;
    }
    let last = ids(&root);
    assert_eq!(last.last().map(String::as_str), Some("article-00259"), "{last:?}");
    assert!(!last.contains(&"article-00000".to_string()), "{last:?}");
    let before = query(&root, "#articles-before").get_bounding_client_rect().height();
    assert!(before > 0.0, "a spacer stands in for the rows above");
    // A row far down the list filters by its article, like any other.
    query(&root, "input[data-article-id='article-00259']").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(search(), "?source=article-00259");
    assert!(count_text(&root).starts_with("1 event"), "{}", count_text(&root));
    let checked = query(&root, "input[data-article-id='article-00259']").unchecked_into::<HtmlInputElement>();
    assert!(checked.checked(), "and shows it selected");
}
