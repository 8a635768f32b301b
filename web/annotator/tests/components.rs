//! Component tests: the annotator mounted in a browser page and driven through the DOM, as a
//! person would drive it: the start form, a selection made with the Selection API, the fact
//! forms, Escape, undo and redo. What was saved is read back from the browser's storage, where
//! the app writes the dataset after every accepted change.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p factline-annotator` (CHROMEDRIVER set).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::time::Duration;

use factline_annotator::App;
use factline_core::author::{Draft, Field};
use factline_core::format::new::ArticleInfo;
use factline_core::{Dataset, Limits, Span, parse_dataset};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlSelectElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// The article every test annotates: two paragraphs, "Ann Lee" in both.
const TEXT: &str = "Ann Lee crossed the border from Eastland on May 5, 2020. A week later she told reporters \
“it was hard”. Ann and Bo, the couple, left in 2021.\n\nIn Westland, Ann Lee was granted asylum in March.";
const FIRST: &str = "Ann Lee crossed the border from Eastland on May 5, 2020. A week later she told reporters \
“it was hard”. Ann and Bo, the couple, left in 2021.";
const SECOND: &str = "In Westland, Ann Lee was granted asylum in March.";

thread_local! {
    /// The app the last test mounted, destroyed before the next one mounts, so that its listeners
    /// on the document (selection, Ctrl+Z) do not act on the next test's page.
    static MOUNTED: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
}

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// Lets yew run what was scheduled: renders, effects, and the renders those ask for.
async fn tick() {
    for _ in 0..3 {
        yew::platform::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Waits (up to 5 s, checking every 20 ms) until `ready` holds.
async fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..250 {
        if ready() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Mounts a fresh annotator on its start screen, after destroying any earlier one.
async fn mount() -> Element {
    if let Some(old) = MOUNTED.with(|m| m.borrow_mut().take()) {
        old.destroy();
    }
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    // No `#dataset=` in the address: the app would reopen the last test's dataset.
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_default();
    let _ = window.history().map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&path)));
    if let Some(selection) = window.get_selection().ok().flatten() {
        let _ = selection.remove_all_ranges();
    }
    let root = document().create_element("div").unwrap_or_else(|_| panic!("create div"));
    root.set_id("app-under-test");
    let _ = gloo::utils::body().append_child(&root);
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    wait_for("the start screen", || find(&root, "#start-heading").is_some()).await;
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn query(root: &Element, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap_or_else(|_| panic!("query {selector}"));
    (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    query(root, selector).text_content().unwrap_or_default()
}

fn attr(root: &Element, selector: &str, name: &str) -> Option<String> {
    query(root, selector).get_attribute(name)
}

/// Whether the control at `selector` is disabled.
fn disabled(root: &Element, selector: &str) -> bool {
    query(root, selector).has_attribute("disabled")
}

/// Dispatches a `class` event (`KeyboardEvent`, `MouseEvent`…) of type `kind`, bubbling, with
/// these init members, as the browser would for a person's key press or click.
fn fire(target: &web_sys::EventTarget, class: &str, kind: &str, init: &[(&str, JsValue)]) {
    let dict = js_sys::Object::new();
    for (key, value) in [("bubbles", JsValue::TRUE), ("cancelable", JsValue::TRUE)].iter().chain(init) {
        let _ = js_sys::Reflect::set(&dict, &JsValue::from_str(key), value);
    }
    let class: js_sys::Function = js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str(class))
        .unwrap_or_else(|_| panic!("no {class}"))
        .unchecked_into();
    let event = js_sys::Reflect::construct(&class, &js_sys::Array::of2(&JsValue::from_str(kind), &dict))
        .unwrap_or_else(|_| panic!("new {kind} event"));
    let _ = target.dispatch_event(event.unchecked_ref());
}

/// A key pressed in `target`: `key` with Ctrl and Shift as given.
fn press(target: &web_sys::EventTarget, key: &str, ctrl: bool, shift: bool) {
    let init = [("key", JsValue::from_str(key)), ("ctrlKey", JsValue::from(ctrl)), ("shiftKey", JsValue::from(shift))];
    fire(target, "KeyboardEvent", "keydown", &init);
}

/// Types `value` into the text field (input or textarea) at `selector`.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let field = query(root, selector);
    let _ = js_sys::Reflect::set(&field, &JsValue::from_str("value"), &JsValue::from_str(value));
    fire(&field, "InputEvent", "input", &[("inputType", JsValue::from_str("insertText"))]);
    tick().await;
}

/// Chooses the option with this value in the select at `selector`.
async fn choose(root: &Element, selector: &str, value: &str) {
    let select = query(root, selector).unchecked_into::<HtmlSelectElement>();
    select.set_value(value);
    assert_eq!(select.value(), value, "{selector} has an option {value}");
    fire(&select, "Event", "change", &[]);
    tick().await;
}

async fn click(root: &Element, selector: &str) {
    query(root, selector).unchecked_into::<HtmlElement>().click();
    tick().await;
}

/// Fills the start form with the article and starts annotating it.
async fn start(root: &Element, title: &str) {
    type_into(root, "#article-text-input", TEXT).await;
    type_into(root, "#article-title", title).await;
    type_into(root, "#article-publisher", "Sample News").await;
    type_into(root, "#article-published", "2021-06-01").await;
    click(root, ".start-form button[type=submit]").await;
    wait_for("the annotating screen", || find(root, "#article-text p[data-paragraph]").is_some()).await;
}

/// The text nodes under `node`, in document order.
fn text_nodes(node: &Node, out: &mut Vec<Node>) {
    if node.node_type() == Node::TEXT_NODE {
        out.push(node.clone());
        return;
    }
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(child) = children.get(i) {
            text_nodes(&child, out);
        }
    }
}

/// The text node holding the UTF-16 offset `at` of `paragraph`'s text, and the offset in it
/// (an end at a node's end stays in that node).
fn point(paragraph: &Element, at: u32) -> (Node, u32) {
    let mut nodes = Vec::new();
    text_nodes(paragraph, &mut nodes);
    let mut seen = 0;
    for node in nodes {
        let len = node.text_content().unwrap_or_default().encode_utf16().count() as u32;
        if at <= seen + len {
            return (node, at - seen);
        }
        seen += len;
    }
    panic!("offset {at} is past the paragraph's {seen} code units");
}

/// Selects the first occurrence of `words` in paragraph `index` of the article, as a person
/// dragging over them would, through the Selection API, and returns the range.
async fn select(root: &Element, index: usize, words: &str) -> web_sys::Range {
    let paragraph = query(root, &format!("#article-text p[data-paragraph='{index}']"));
    let whole = paragraph.text_content().unwrap_or_default();
    let byte = whole.find(words).unwrap_or_else(|| panic!("{words:?} is not in paragraph {index}: {whole:?}"));
    let from = whole[..byte].encode_utf16().count() as u32;
    let to = from + words.encode_utf16().count() as u32;
    let ((start, start_offset), (end, end_offset)) = (point(&paragraph, from), point(&paragraph, to));
    let range = document().create_range().unwrap_or_else(|_| panic!("create range"));
    range.set_start(&start, start_offset).unwrap_or_else(|_| panic!("set start"));
    range.set_end(&end, end_offset).unwrap_or_else(|_| panic!("set end"));
    let selection = gloo::utils::window().get_selection().ok().flatten().unwrap_or_else(|| panic!("no selection"));
    let _ = selection.remove_all_ranges();
    selection.add_range(&range).unwrap_or_else(|_| panic!("add range"));
    assert_eq!(String::from(selection.to_string()), words, "the browser selects the words");
    // The browser now fires `selectionchange` on the document, which the app listens for.
    let quote = format!("“{words}”");
    wait_for(&format!("the selected words {quote}"), || text(root, ".selected-quote") == quote).await;
    range
}

/// Selects `words` and saves them as a person, named by them.
async fn add_person(root: &Element, paragraph: usize, words: &str) {
    select(root, paragraph, words).await;
    click(root, "#add-person").await;
    wait_for("the person form", || find(root, "#person-name").is_some()).await;
    let name = query(root, "#person-name").unchecked_into::<web_sys::HtmlInputElement>().value();
    assert_eq!(name, words, "the name comes from the selected words");
    click(root, ".fact-form button[type=submit]").await;
    wait_for(&format!("{words} in the facts list"), || {
        find(root, ".fact-form").is_none() && listed(root, "facts-people").iter().any(|name| name == words)
    })
    .await;
}

/// The dataset as the app last stored it, once `ready` holds of it.
async fn stored(what: &str, ready: impl Fn(&Dataset) -> bool) -> Dataset {
    let key = factline_annotator::browser::key_in_address().unwrap_or_else(|| panic!("no dataset key in the address"));
    let mut last = None;
    for _ in 0..250 {
        if let Ok(Some(json)) = factline_browser::drafts::load(&key).await {
            let dataset = parse_dataset(json.as_bytes(), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
            if ready(&dataset) {
                return dataset;
            }
            last = Some(dataset);
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the stored dataset never had {what}: {last:?}");
}

/// The words of the article a span's offsets point at.
fn words_at(dataset: &Dataset, span: &Span) -> String {
    let (start, end) = span.range().unwrap_or_else(|| panic!("the span has offsets"));
    let text = dataset.articles[0].text();
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

/// The problems core finds with this start form, beside `field`, as the form should show them.
fn core_says(text: &str, published: &str, field: Field) -> String {
    let info = ArticleInfo {
        title: "Refused".into(),
        publisher: "Sample News".into(),
        published: published.into(),
        language: Some("en".into()),
        ..ArticleInfo::default()
    };
    let problems = Draft::start(text, info).err().unwrap_or_else(|| panic!("core refuses this start"));
    problems.on(field).map(|p| p.message.clone()).collect::<Vec<_>>().join(" ")
}

/// Whether the field at `id` shows a problem: `aria-invalid`, and `aria-describedby` naming
/// an element `#{id}-error` that says `message`.
fn shows_problem(root: &Element, id: &str, message: &str) {
    let selector = format!("#{id}");
    assert_eq!(attr(root, &selector, "aria-invalid").as_deref(), Some("true"), "{id} is marked invalid");
    let described = attr(root, &selector, "aria-describedby").unwrap_or_default();
    let error = format!("{id}-error");
    assert!(described.split_whitespace().any(|d| d == error), "{id} is described by its error: {described:?}");
    assert_eq!(text(root, &format!("#{error}")), message, "the error of {id}");
    // The error sits beside its field: in the same `.field`.
    let field = query(root, &selector).closest(".field").ok().flatten().unwrap_or_else(|| panic!("{id} in a .field"));
    assert!(find(&field, &format!("#{error}")).is_some(), "the error of {id} is beside it");
}

fn shows_no_problem(root: &Element, id: &str) {
    let selector = format!("#{id}");
    assert_eq!(attr(root, &selector, "aria-invalid"), None, "{id} is not marked invalid");
    assert!(find(root, &format!("#{id}-error")).is_none(), "{id} has no error");
}

/// The list of facts' entries under one heading (`facts-people`, `facts-events`).
fn listed(root: &Element, group: &str) -> Vec<String> {
    all(root, &format!("section[aria-labelledby='{group}'] li[data-fact-id] .fact-text"))
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

/// The start form's Article text, Title, Publisher and Published are labelled, each label
/// naming its own control with `for`.
#[wasm_bindgen_test]
async fn the_start_form_labels_its_fields() {
    let root = mount().await;
    for (label, id, tag) in [
        ("Article text", "article-text-input", "TEXTAREA"),
        ("Title", "article-title", "INPUT"),
        ("Publisher", "article-publisher", "INPUT"),
        ("Published", "article-published", "INPUT"),
    ] {
        let found: Vec<Element> = all(&root, ".start-form label")
            .into_iter()
            .filter(|l| l.text_content().as_deref() == Some(label))
            .collect();
        assert_eq!(found.len(), 1, "one label says {label}");
        assert_eq!(found[0].get_attribute("for").as_deref(), Some(id), "the {label} label is for #{id}");
        let control = query(&root, &format!("#{id}"));
        assert_eq!(control.tag_name(), tag, "#{id}");
        assert_eq!(all(&root, &format!("[id='{id}']")).len(), 1, "#{id} is unique");
        // The browser agrees: the control's own labels are this label.
        let labels: web_sys::NodeList = js_sys::Reflect::get(&control, &JsValue::from_str("labels"))
            .unwrap_or_else(|_| panic!("labels"))
            .unchecked_into();
        assert_eq!(labels.length(), 1, "#{id} has one label");
        assert_eq!(labels.get(0).and_then(|l| l.text_content()).as_deref(), Some(label));
    }
}

/// An empty text, then a Published day that is not YYYY-MM-DD, are each shown beside their field
/// (aria-invalid, an error named by aria-describedby, core's message) and nothing starts.
#[wasm_bindgen_test]
async fn a_refused_start_shows_each_problem_beside_its_field() {
    let root = mount().await;
    type_into(&root, "#article-title", "Refused").await;
    type_into(&root, "#article-publisher", "Sample News").await;
    type_into(&root, "#article-published", "1 June 2021").await;
    click(&root, ".start-form button[type=submit]").await;
    wait_for("the text's problem", || find(&root, "#article-text-input-error").is_some()).await;
    shows_problem(&root, "article-text-input", &core_says("", "1 June 2021", Field::Paragraphs));
    shows_problem(&root, "article-published", &core_says("", "1 June 2021", Field::Published));
    let described = attr(&root, "#article-text-input", "aria-describedby").unwrap_or_default();
    assert!(described.contains("article-text-input-hint"), "the hint still describes the text: {described}");
    shows_no_problem(&root, "article-title");
    assert!(text(&root, ".start-form [role=alert]").starts_with("Not saved"), "the form says it was refused");
    assert!(find(&root, "#article-text").is_none(), "nothing started");
    assert_eq!(factline_annotator::browser::key_in_address(), None, "no dataset was made");

    // With a text, only the date is left: its problem stays, the text's goes.
    type_into(&root, "#article-text-input", TEXT).await;
    click(&root, ".start-form button[type=submit]").await;
    wait_for("the text's problem to go", || find(&root, "#article-text-input-error").is_none()).await;
    shows_no_problem(&root, "article-text-input");
    shows_problem(&root, "article-published", &core_says(TEXT, "1 June 2021", Field::Published));
    assert!(find(&root, "#article-text").is_none(), "still nothing started");
    assert!(find(&root, "#start-heading").is_some());
}

/// A valid start form opens the annotating screen with the article's title and its paragraphs,
/// one `<p>` each, and names the new dataset in the address.
#[wasm_bindgen_test]
async fn a_valid_start_shows_the_article_to_annotate() {
    let root = mount().await;
    start(&root, "Starting test").await;
    assert_eq!(text(&root, "#article-heading"), "Annotating: Starting test");
    let paragraphs: Vec<String> =
        all(&root, "#article-text p[data-paragraph]").iter().map(|p| p.text_content().unwrap_or_default()).collect();
    assert_eq!(paragraphs, [FIRST, SECOND]);
    assert_eq!(attr(&root, "#article-text article", "data-article").as_deref(), Some("starting-test"));
    assert!(find(&root, "#start-heading").is_none(), "the start screen is gone");
    assert_eq!(text(&root, ".selected-quote"), "Nothing selected yet.");
    assert!(disabled(&root, "#add-person"), "nothing to add yet");
    let key = factline_annotator::browser::key_in_address().unwrap_or_default();
    assert!(key.starts_with("starting-test-"), "{key}");
    let saved = stored("the article", |d| d.articles.len() == 1).await;
    assert_eq!(saved.articles[0].paragraphs, [FIRST, SECOND]);
}

/// Words selected in a paragraph become the selected words, exactly; a selection that starts
/// inside or runs across a highlighted `<mark>` does too, and the event saved from it has a span
/// whose offsets point at exactly those words.
#[wasm_bindgen_test]
async fn a_selection_becomes_a_span_of_exactly_its_words() {
    let root = mount().await;
    start(&root, "Selection test").await;
    select(&root, 0, "crossed the border").await;
    assert!(!disabled(&root, "#add-person"), "the words can become a fact");
    select(&root, 0, "she told reporters “it was hard”").await;

    // A person from "Ann Lee" in the second paragraph: those words are now marked.
    add_person(&root, 1, "Ann Lee").await;
    let marks = all(&root, "#article-text p[data-paragraph='1'] mark");
    assert_eq!(marks.len(), 1, "one span is marked in the second paragraph");
    assert_eq!(marks[0].text_content().as_deref(), Some("Ann Lee"));
    assert_eq!(text(&root, "#article-text p[data-paragraph='1']"), SECOND, "the mark changes no words");

    // Starting inside the mark.
    let range = select(&root, 1, "Lee was").await;
    assert_eq!(
        range.start_container().ok().and_then(|n| n.parent_element()).map(|e| e.tag_name()).as_deref(),
        Some("MARK")
    );
    // Across it: from "Westland" before the mark to "granted" after it.
    let words = "Westland, Ann Lee was granted";
    let range = select(&root, 1, words).await;
    let mark = query(&root, "#article-text p[data-paragraph='1'] mark");
    assert!(range.intersects_node(&mark).unwrap_or(false), "the selection crosses the mark");
    assert!(range.start_container().ok() != range.end_container().ok(), "it starts and ends in different nodes");

    click(&root, "#add-event").await;
    wait_for("the event form", || find(&root, "#event-kind").is_some()).await;
    assert_eq!(text(&root, ".fact-form .form-quote"), format!("“{words}”"), "the form quotes the words");
    choose(&root, "#event-kind", "asylum_granted").await;
    type_into(&root, "#event-date", "2021-03").await;
    type_into(&root, "#event-people", "lee").await;
    fire(&query(&root, "#people-listbox [role=option]"), "MouseEvent", "mousedown", &[]);
    tick().await;
    type_into(&root, "#event-summary", "Ann Lee was granted asylum in Westland.").await;
    click(&root, ".fact-form button[type=submit]").await;
    wait_for("the event in the facts list", || !listed(&root, "facts-events").is_empty()).await;
    assert_eq!(listed(&root, "facts-events"), ["Mar 2021 — Asylum granted: Ann Lee was granted asylum in Westland."]);

    let saved = stored("the event", |d| d.events.len() == 1).await;
    let span = &saved.events[0].spans[0];
    assert_eq!(span.exact, words);
    assert_eq!(words_at(&saved, span), words, "the offsets point at the words");
    let before = FIRST.chars().count() + 2 + "In ".chars().count();
    assert_eq!(span.range().map(|(s, _)| s as usize), Some(before));
    assert_eq!(span.prefix.as_deref().map(|p| p.ends_with("\n\nIn ")), Some(true), "{:?}", span.prefix);
    let person = &saved.persons[0].spans[0];
    assert_eq!((person.exact.as_str(), words_at(&saved, person).as_str()), ("Ann Lee", "Ann Lee"));
    assert_eq!(person.range().map(|(s, _)| s as usize), Some(before + "Westland, ".len()), "the second Ann Lee");
}

/// The event form's Kind is a native select with readable labels, and its Date a text field
/// whose live description follows what is typed: the range an EDTF date covers, or why it is none.
#[wasm_bindgen_test]
async fn the_event_form_labels_kinds_and_describes_dates() {
    let root = mount().await;
    start(&root, "Event form test").await;
    select(&root, 0, "crossed the border from Eastland").await;
    click(&root, "#add-event").await;
    wait_for("the event form", || find(&root, "#event-kind").is_some()).await;
    assert_eq!(text(&root, "#fact-form-heading"), "Add event");
    wait_for("focus on Kind", || document().active_element().is_some_and(|e| e.id() == "event-kind")).await;

    let kind = query(&root, "#event-kind");
    assert_eq!(kind.tag_name(), "SELECT");
    assert_eq!(text(&root, "label[for='event-kind']"), "Kind");
    let options: Vec<(String, String)> = all(&root, "#event-kind option")
        .into_iter()
        .map(|o| (o.get_attribute("value").unwrap_or_default(), o.text_content().unwrap_or_default()))
        .collect();
    assert_eq!(options.len(), factline_core::EventKind::ALL.len(), "every kind is offered");
    assert_eq!(options[0], ("border_crossing".to_string(), "Border crossing".to_string()));
    assert!(options.contains(&("asylum_granted".to_string(), "Asylum granted".to_string())), "{options:?}");
    assert!(options.iter().all(|(_, label)| !label.is_empty() && !label.contains('_')), "{options:?}");
    assert_eq!(kind.unchecked_ref::<HtmlSelectElement>().value(), "border_crossing", "the first is chosen");

    assert_eq!(text(&root, "label[for='event-date']"), "Date");
    assert_eq!(attr(&root, "#event-date", "type").as_deref(), Some("text"));
    let described = attr(&root, "#event-date", "aria-describedby").unwrap_or_default();
    assert!(described.split_whitespace().any(|d| d == "event-date-description"), "{described}");
    assert_eq!(attr(&root, "#event-date-description", "aria-live").as_deref(), Some("polite"));
    let description = || text(&root, "#event-date-description");
    assert!(description().starts_with("EDTF, such as"), "a hint while empty: {}", description());
    type_into(&root, "#event-date", "2019-10~").await;
    assert_eq!(description(), "Oct 2019, approx. = Oct 1–31, 2019");
    type_into(&root, "#event-date", "2020-07/2020-10-31").await;
    assert_eq!(description(), "Jul 2020 – Oct 31, 2020 = Jul 1 – Oct 31, 2020");
    type_into(&root, "#event-date", "2019-02-29").await;
    assert_eq!(
        description(),
        "`2019-02-29` is not a valid EDTF date: day 29 does not exist in 2019-02 (it has 28 days)"
    );
    shows_no_problem(&root, "event-date");
    assert_eq!(text(&root, "label[for='event-summary']"), "Summary");
    assert_eq!(query(&root, "#event-summary").tag_name(), "TEXTAREA");
    assert_eq!(text(&root, ".fact-form button[type=submit]"), "Save fact");
}

/// People follows the ARIA combobox pattern: an input with role=combobox, aria-expanded and
/// aria-controls naming a listbox of options named by the persons' names; typing filters; a
/// click or the arrow keys and Enter add the person; Escape closes the list and not the form;
/// Save fact saves the event with those people.
#[wasm_bindgen_test]
async fn the_people_combobox_filters_and_adds_people() {
    let root = mount().await;
    start(&root, "Combobox test").await;
    add_person(&root, 0, "Ann Lee").await;
    add_person(&root, 0, "Bo").await;
    select(&root, 0, "left in 2021").await;
    click(&root, "#add-event").await;
    wait_for("the event form", || find(&root, "#event-people").is_some()).await;

    let input = query(&root, "#event-people");
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(text(&root, "label[for='event-people']"), "People");
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"), "closed until used");
    let controls = input.get_attribute("aria-controls").unwrap_or_default();
    let listbox = query(&root, &format!("#{controls}"));
    assert_eq!(listbox.get_attribute("role").as_deref(), Some("listbox"));
    assert!(listbox.has_attribute("hidden"), "the closed list is hidden");
    let names = || -> Vec<String> {
        all(&listbox, "[role=option]").iter().map(|o| o.get_attribute("aria-label").unwrap_or_default()).collect()
    };
    let expanded = || query(&root, "#event-people").get_attribute("aria-expanded");

    // Typing opens the list, filtered to the names holding the words.
    type_into(&root, "#event-people", "lee").await;
    assert_eq!(expanded().as_deref(), Some("true"));
    assert!(!listbox.has_attribute("hidden"), "the open list shows");
    assert_eq!(names(), ["Ann Lee"]);
    type_into(&root, "#event-people", "").await;
    assert_eq!(names(), ["Ann Lee", "Bo"], "no words: everyone");
    assert!(all(&listbox, "[role=option]").iter().all(|o| o.text_content().is_some_and(|t| !t.is_empty())));

    // A click adds the person; the list closes and leaves them out.
    type_into(&root, "#event-people", "ann").await;
    fire(&query(&listbox, "[role=option]"), "MouseEvent", "mousedown", &[]);
    tick().await;
    let chosen = || -> Vec<String> {
        all(&root, "ul.chosen li")
            .iter()
            .map(|li| li.first_child().and_then(|n| n.text_content()).unwrap_or_default())
            .collect()
    };
    assert_eq!(chosen(), ["Ann Lee"]);
    assert_eq!(query(&root, "#event-people").unchecked_into::<web_sys::HtmlInputElement>().value(), "", "cleared");
    assert_eq!(expanded().as_deref(), Some("false"));
    type_into(&root, "#event-people", "").await;
    assert_eq!(names(), ["Bo"], "a chosen person is not offered again");

    // Escape closes the list, not the form.
    press(&input, "Escape", false, false);
    tick().await;
    assert_eq!(expanded().as_deref(), Some("false"));
    assert!(find(&root, ".fact-form").is_some(), "the form stays open");

    // The arrow keys make an option active; Enter adds it.
    press(&input, "ArrowDown", false, false);
    tick().await;
    assert_eq!(expanded().as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-activedescendant").as_deref(), Some("people-option-0"));
    assert_eq!(attr(&root, "#people-option-0", "aria-selected").as_deref(), Some("true"));
    assert_eq!(attr(&root, "#people-option-0", "aria-label").as_deref(), Some("Bo"));
    press(&input, "Enter", false, false);
    tick().await;
    assert_eq!(chosen(), ["Ann Lee", "Bo"]);
    assert!(find(&root, ".fact-form").is_some(), "Enter chose; it did not save");

    // Removing one takes them out again.
    click(&root, "ul.chosen li:last-child button").await;
    assert_eq!(chosen(), ["Ann Lee"]);
    press(&input, "ArrowDown", false, false);
    tick().await;
    press(&input, "Enter", false, false);
    tick().await;
    assert_eq!(chosen(), ["Ann Lee", "Bo"]);

    type_into(&root, "#event-date", "2021").await;
    type_into(&root, "#event-summary", "Ann and Bo left.").await;
    click(&root, ".fact-form button[type=submit]").await;
    wait_for("the event saved", || find(&root, ".fact-form").is_none()).await;
    assert_eq!(listed(&root, "facts-events"), ["2021 — Border crossing: Ann and Bo left."]);
    let saved = stored("the event", |d| d.events.len() == 1).await;
    let people: Vec<&str> = saved.events[0].participants.iter().map(|p| p.entity.as_str()).collect();
    assert_eq!(people, ["ann-lee", "bo"]);
    assert_eq!(saved.events[0].spans[0].exact, "left in 2021");
    assert_eq!(saved.events[0].date.edtf.as_deref(), Some("2021"));
}

/// Save fact with a date that is not EDTF shows the problem beside the Date field and saves
/// nothing; corrected, the same form saves.
#[wasm_bindgen_test]
async fn an_invalid_event_date_is_shown_beside_the_date_and_nothing_is_saved() {
    let root = mount().await;
    start(&root, "Invalid date test").await;
    add_person(&root, 1, "Ann Lee").await;
    select(&root, 1, "granted asylum").await;
    click(&root, "#add-event").await;
    wait_for("the event form", || find(&root, "#event-date").is_some()).await;
    choose(&root, "#event-kind", "asylum_granted").await;
    type_into(&root, "#event-date", "2021-13").await;
    type_into(&root, "#event-people", "ann").await;
    fire(&query(&root, "#people-listbox [role=option]"), "MouseEvent", "mousedown", &[]);
    tick().await;
    type_into(&root, "#event-summary", "Ann Lee was granted asylum.").await;
    // A new place is saved with the event, or not at all.
    type_into(&root, "#event-place", "Westland").await;
    click(&root, ".fact-form button[type=submit]").await;
    wait_for("the date's problem", || find(&root, "#event-date-error").is_some()).await;
    let message = "`2021-13` is not a valid EDTF date: month 13 does not exist (01–12, or 21–24 for seasons)";
    shows_problem(&root, "event-date", message);
    let described = attr(&root, "#event-date", "aria-describedby").unwrap_or_default();
    assert_eq!(described, "event-date-description event-date-error");
    for other in ["event-kind", "event-people", "event-summary"] {
        shows_no_problem(&root, other);
    }
    assert!(find(&root, ".fact-form").is_some(), "the form stays open, as typed");
    assert_eq!(query(&root, "#event-date").unchecked_into::<web_sys::HtmlInputElement>().value(), "2021-13");
    assert!(listed(&root, "facts-events").is_empty(), "no event is listed");
    assert_eq!(text(&root, "#facts-heading"), "Facts (1)");
    assert!(disabled(&root, "#redo"), "#redo is disabled");
    assert_eq!(query(&root, "#event-place").unchecked_into::<web_sys::HtmlInputElement>().value(), "Westland");

    type_into(&root, "#event-date", "2021-03").await;
    click(&root, ".fact-form button[type=submit]").await;
    wait_for("the event saved", || find(&root, ".fact-form").is_none()).await;
    assert_eq!(listed(&root, "facts-events"), ["Mar 2021 — Asylum granted: Ann Lee was granted asylum."]);
    let saved = stored("the event", |d| d.events.len() == 1).await;
    assert_eq!(saved.events[0].date.edtf.as_deref(), Some("2021-03"));
    let places: Vec<&str> = saved.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(places, ["Westland"], "the place once, with the event");
    assert_eq!(saved.events[0].places[0].place, saved.places[0].id);
}

/// Escape in a form closes it without saving what was typed, and gives focus back to the
/// button that opened it.
#[wasm_bindgen_test]
async fn escape_closes_a_form_without_saving() {
    let root = mount().await;
    start(&root, "Escape test").await;
    select(&root, 0, "Ann Lee").await;
    click(&root, "#add-person").await;
    wait_for("the person form", || find(&root, "#person-name").is_some()).await;
    wait_for("focus on Name", || document().active_element().is_some_and(|e| e.id() == "person-name")).await;
    type_into(&root, "#person-name", "Ann Lee Junior").await;
    press(&query(&root, "#person-name"), "Escape", false, false);
    wait_for("the form to close", || find(&root, ".fact-form").is_none()).await;
    assert_eq!(text(&root, "#facts-heading"), "Facts (0)", "nothing was saved");
    assert!(all(&root, "#article-text mark").is_empty(), "no words are marked");
    assert!(disabled(&root, "#undo"), "nothing to undo");
    wait_for("focus back on Add person", || document().active_element().is_some_and(|e| e.id() == "add-person")).await;

    // The event form too, from any of its fields.
    click(&root, "#add-event").await;
    wait_for("the event form", || find(&root, "#event-summary").is_some()).await;
    type_into(&root, "#event-summary", "Not to be saved.").await;
    press(&query(&root, "#event-summary"), "Escape", false, false);
    wait_for("the form to close", || find(&root, ".fact-form").is_none()).await;
    assert_eq!(text(&root, "#facts-heading"), "Facts (0)");
    let saved = stored("the article", |d| d.articles.len() == 1).await;
    assert!(saved.persons.is_empty() && saved.events.is_empty(), "nothing was stored");
}

/// Undo takes back a saved fact (its entry and its mark go) and Redo makes it again, by the
/// buttons and by Ctrl+Z / Ctrl+Shift+Z; those keys in a text field are the field's own.
#[wasm_bindgen_test]
async fn undo_and_redo_take_back_and_make_again_a_saved_fact() {
    let root = mount().await;
    start(&root, "Undo test").await;
    assert!(disabled(&root, "#undo"), "nothing to undo yet");
    add_person(&root, 0, "Ann Lee").await;
    let present =
        |root: &Element| listed(root, "facts-people") == ["Ann Lee"] && all(root, "#article-text mark").len() == 1;
    assert!(present(&root));
    assert!(!disabled(&root, "#undo"), "#undo is enabled");
    assert!(disabled(&root, "#redo"), "#redo is disabled");

    click(&root, "#undo").await;
    wait_for("the person undone", || listed(&root, "facts-people").is_empty()).await;
    assert!(all(&root, "#article-text mark").is_empty(), "the mark goes with it");
    assert_eq!(text(&root, "#facts-heading"), "Facts (0)");
    assert_eq!(text(&root, ".annotator-header [role=status]"), "Undone.");
    assert!(disabled(&root, "#undo"), "#undo is disabled");
    assert!(!disabled(&root, "#redo"), "#redo is enabled");
    stored("no person", |d| d.persons.is_empty()).await;

    click(&root, "#redo").await;
    wait_for("the person redone", || present(&root)).await;
    assert_eq!(text(&root, ".annotator-header [role=status]"), "Redone.");
    assert!(disabled(&root, "#redo"), "#redo is disabled");
    stored("the person again", |d| d.persons.len() == 1 && d.persons[0].name == "Ann Lee").await;

    // The keys, outside text fields.
    let body = gloo::utils::body();
    press(&body, "z", true, false);
    wait_for("Ctrl+Z to undo", || listed(&root, "facts-people").is_empty()).await;
    press(&body, "Z", true, true);
    wait_for("Ctrl+Shift+Z to redo", || present(&root)).await;
    // In a text field, Ctrl+Z is the field's own undo.
    press(&query(&root, "#quote-exact"), "z", true, false);
    tick().await;
    assert!(present(&root), "Ctrl+Z in a text field leaves the facts alone");
}

/// Makes the browser's storage refuse to open, as a private window or disabled storage does,
/// until dropped, when the browser's own `indexedDB` (an own property of the global object in
/// Chromium) is put back.
struct StorageRefused(JsValue);

impl StorageRefused {
    fn start() -> StorageRefused {
        let window = gloo::utils::window();
        let original = js_sys::Object::get_own_property_descriptor(&window, &JsValue::from_str("indexedDB"));
        assert!(!original.is_undefined(), "the window has its own indexedDB property");
        let refuse = js_sys::Function::new_no_args(
            "throw new DOMException('The user denied permission to access the database.', 'SecurityError');",
        );
        let factory = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&factory, &JsValue::from_str("open"), &refuse);
        let descriptor = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&descriptor, &JsValue::from_str("value"), &factory);
        let _ = js_sys::Reflect::set(&descriptor, &JsValue::from_str("configurable"), &JsValue::TRUE);
        js_sys::Object::define_property(&window, &JsValue::from_str("indexedDB"), &descriptor);
        StorageRefused(original)
    }
}

impl Drop for StorageRefused {
    fn drop(&mut self) {
        js_sys::Object::define_property(
            &gloo::utils::window(),
            &JsValue::from_str("indexedDB"),
            self.0.unchecked_ref(),
        );
    }
}

/// Storage that cannot be used is said plainly, with a download offered, and the work in the
/// page goes on: facts are still saved to the draft.
#[wasm_bindgen_test]
async fn refused_storage_is_reported_with_a_download_and_the_work_goes_on() {
    let root = mount().await;
    let refused = StorageRefused::start();
    start(&root, "Storage refused").await;
    wait_for("the storage alert", || find(&root, ".alert[role=alert]").is_some()).await;
    let alert = text(&root, ".alert[role=alert]");
    assert!(alert.contains("could not be saved in this browser's storage"), "{alert}");
    assert!(alert.contains("denied permission"), "the browser's reason is given: {alert}");
    let download = all(&root, ".alert[role=alert] button");
    assert!(
        download.iter().any(|b| b.text_content().as_deref() == Some("Download dataset now")),
        "a download is offered"
    );
    add_person(&root, 1, "Ann Lee").await;
    assert_eq!(listed(&root, "facts-people"), ["Ann Lee"], "the draft in the page keeps the fact");
    assert!(find(&root, ".alert[role=alert]").is_some(), "still said while storage refuses");
    drop(refused);
}

/// Hands bytes to a file input, as the picker would.
fn choose_file(root: &Element, selector: &str, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap_or_else(|_| panic!("file"));
    let input = query(root, selector).unchecked_into::<web_sys::HtmlInputElement>();
    let transfer = web_sys::DataTransfer::new().unwrap_or_else(|_| panic!("transfer"));
    let _ = transfer.items().add_with_file(&file);
    input.set_files(transfer.files().as_ref());
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
}

/// Files are read as bytes: one that is not UTF-8 is refused with where, not quietly changed.
#[wasm_bindgen_test]
async fn a_file_that_is_not_utf8_is_refused_with_where() {
    let root = mount().await;
    // "Zoë" in Latin-1, as a dataset: core names the first bad byte.
    choose_file(&root, "#dataset-to-annotate", "latin1.json", b"{\n  \"format\": \"factline/1\", \"x\": \"Zo\xEB\" }");
    wait_for("the dataset's problem", || find(&root, "[role=alert]").is_some()).await;
    let said = text(&root, "[role=alert]");
    assert!(said.starts_with("latin1.json: ") && said.contains("not UTF-8 text: byte 36"), "{said}");
    assert!(find(&root, "#start-heading").is_some(), "still at the start");
    // As an article's text: refused, the text field left as it was.
    choose_file(&root, "#article-text-file", "article.txt", b"Zo\xEB left.");
    wait_for("the text file's problem", || text(&root, "[role=alert]").starts_with("article.txt")).await;
    let said = text(&root, "[role=alert]");
    assert!(said.contains("not UTF-8 text: byte 2"), "{said}");
    // A UTF-8 file with a byte order mark is read, without the mark.
    choose_file(&root, "#article-text-file", "article.txt", "\u{feff}Zoë left.".as_bytes());
    wait_for("the text", || find(&root, "[role=alert]").is_none()).await;
    let typed = query(&root, "#article-text-input").unchecked_into::<web_sys::HtmlTextAreaElement>().value();
    assert_eq!(typed, "Zoë left.");
}

/// Every fact an opened dataset holds is listed and its words marked, organizations too, as
/// core lists where spans sit.
#[wasm_bindgen_test]
async fn an_opened_dataset_lists_and_marks_every_kind_of_fact() {
    let root = mount().await;
    let json = include_str!("../../../tests/fixtures/valid/minimal.json").replacen(
        "\"name\": \"Sample News\"",
        "\"name\": \"Sample News\", \"spans\": [{ \"article\": \"sample\", \"exact\": \"A week later\" }]",
        1,
    );
    choose_file(&root, "#dataset-to-annotate", "minimal.json", json.as_bytes());
    wait_for("the facts", || find(&root, "#facts-heading").is_some()).await;
    assert_eq!(text(&root, "#facts-heading"), "Facts (10)");
    assert_eq!(text(&root, "#facts-organizations"), "Organizations (1)");
    let marked: Vec<String> = all(&root, "#article-text mark").iter().filter_map(|m| m.text_content()).collect();
    assert!(marked.iter().any(|m| m == "A week later"), "{marked:?}");
}
