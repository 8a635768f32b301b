//! The few browser calls the app needs, each failing quietly to a sensible fallback: the app must
//! never panic because an API is missing (private windows, old browsers, tests).

use factline_browser::drafts;
pub use factline_browser::files::{download, read_bytes, text_file};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Window};

/// The window, if there is one.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// `location.search`, or empty.
pub fn location_search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The current address.
pub fn location_href() -> String {
    window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Pushes a history entry for `query` (without `?`): a new filter on the same dataset. The path
/// and a `#draft=` naming the dataset in progress shown are kept; any other hash is dropped.
pub fn push_query(query: &str) {
    let Some(w) = window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    push(&w, query, if hash.starts_with(drafts::SHOWN) { &hash } else { "" });
}

/// Pushes a history entry for another dataset: no filter (the old one's people may not exist in
/// it), and no dataset in progress named.
pub fn push_new_dataset() {
    if let Some(w) = window() {
        push(&w, "", "");
    }
}

fn push(w: &Window, query: &str, hash: &str) {
    let path = w.location().pathname().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = w.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The element with this id.
pub fn element(id: &str) -> Option<HtmlElement> {
    window()?.document()?.get_element_by_id(id)?.dyn_into::<HtmlElement>().ok()
}

/// Where the app is mounted: `#app` in the built page (hidden until it has something to show),
/// the body elsewhere (the component tests).
pub fn app_root() -> Option<web_sys::Element> {
    let document = window()?.document()?;
    document.get_element_by_id("app").or_else(|| document.body().map(Into::into))
}

/// Shows the app's root; the pre-rendered page, if any, stays below it.
pub fn reveal_app() {
    if let Some(root) = element("app") {
        let _ = root.remove_attribute("hidden");
    }
}

/// Replaces the pre-rendered page with the app. Both are the same markup, swapped in one task
/// before the browser lays out again, so nothing flashes or moves and the scroll offset stays.
pub fn take_over_prerendered() {
    if let Some(prerendered) = element("prerendered") {
        prerendered.remove();
    }
    reveal_app();
}

/// Scrolls an element to the middle of its scroll container (smoothly, where the page's CSS
/// asks for it) and moves keyboard focus to it.
pub fn scroll_to_and_focus(id: &str) {
    bring_into_view(id, ScrollBehavior::Auto);
}

/// [`scroll_to_and_focus`] at once: for a card of the windowed event list, which a smooth scroll
/// would cross window by window, rendering each, and leave.
pub fn jump_to_and_focus(id: &str) {
    bring_into_view(id, ScrollBehavior::Instant);
}

fn bring_into_view(id: &str, behavior: ScrollBehavior) {
    let Some(el) = element(id) else { return };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(behavior);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    focus_in_place(&el);
}

/// Moves keyboard focus to the element with this id, without scrolling it into view.
pub fn focus(id: &str) {
    if let Some(el) = element(id) {
        focus_in_place(&el);
    }
}

fn focus_in_place(el: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

thread_local! {
    /// The element [`remember_focus`] kept.
    static OPENER: std::cell::RefCell<Option<HtmlElement>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the element that has keyboard focus, for [`restore_focus`] (the control that opened
/// something about to take focus).
pub fn remember_focus() {
    let active = window().and_then(|w| w.document()).and_then(|d| d.active_element());
    OPENER.set(active.and_then(|e| e.dyn_into::<HtmlElement>().ok()));
}

/// Gives keyboard focus back to the element [`remember_focus`] kept, if it is still on the page.
pub fn restore_focus() {
    if let Some(el) = OPENER.take().filter(|e| e.is_connected()) {
        let _ = el.focus();
    }
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok();
    let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) else { return false };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok();
    let Some(write) = write.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Whether a media query matches now (false if it cannot be asked).
pub fn matches_media(query: &str) -> bool {
    window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

/// Records a named moment for performance measurements (read by the end-to-end benchmark).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// A value kept in the browser's local storage, if storage works here.
pub fn stored(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Keeps a value in the browser's local storage; quietly does nothing where storage is refused.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// The page's vertical scroll offset and the window's height, in CSS pixels.
pub fn viewport() -> (f64, f64) {
    let Some(w) = window() else { return (0.0, 0.0) };
    (w.scroll_y().unwrap_or(0.0), w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0))
}

/// The page's height in CSS pixels (`document.documentElement.scrollHeight`).
pub fn page_height() -> f64 {
    window().and_then(|w| w.document()).and_then(|d| d.document_element()).map_or(0.0, |e| f64::from(e.scroll_height()))
}

/// Where an element's top is, in CSS pixels from the top of the page.
pub fn top_on_page(id: &str) -> Option<f64> {
    let el = element(id)?;
    Some(el.get_bounding_client_rect().top() + viewport().0)
}

/// Sets an element's height in whole CSS pixels, through its style object (the CSP allows no
/// style attributes in the markup). Whole, as an integer: printing a float would add the float
/// printer to the page's wasm.
pub fn set_height(id: &str, px: f64) {
    if let Some(el) = element(id) {
        // `as` saturates: a height past u64 (or NaN, as 0) cannot break the page.
        let _ = el.style().set_property("height", &format!("{}px", px.max(0.0).round() as u64));
    }
}

/// The height of the first element a CSS selector finds.
pub fn height_of_first(selector: &str) -> Option<f64> {
    let document = window()?.document()?;
    Some(document.query_selector(selector).ok()??.get_bounding_client_rect().height())
}

/// The heights of the elements a CSS selector finds, with the value of their `attribute`.
pub fn heights_of(selector: &str, attribute: &str) -> Vec<(String, f64)> {
    let Some(document) = window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(found) = document.query_selector_all(selector) else { return Vec::new() };
    (0..found.length())
        .filter_map(|i| found.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| (e.get_attribute(attribute).unwrap_or_default(), e.get_bounding_client_rect().height()))
        .collect()
}

/// An element's scroll offset and visible height.
pub fn scroll_of(id: &str) -> Option<(f64, f64)> {
    let el = element(id)?;
    Some((f64::from(el.scroll_top()), f64::from(el.client_height())))
}
