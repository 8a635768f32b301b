//! The few browser calls the app needs, each failing quietly to a sensible fallback: the app must
//! never panic because an API is missing (private windows, old browsers, tests).

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

/// The `#draft=KEY` part of the address, which names a dataset in progress to show.
const DRAFT: &str = "#draft=";

/// The dataset in progress the address names, if any.
pub fn draft_in_address() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let key = js_sys::decode_uri_component(hash.strip_prefix(DRAFT)?).ok()?.as_string()?;
    (!key.is_empty()).then_some(key)
}

/// Pushes a history entry for `query` (without `?`): a new filter on the same dataset. The path
/// and a `#draft=` naming the dataset in progress shown are kept; any other hash is dropped.
pub fn push_query(query: &str) {
    let Some(w) = window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    push(&w, query, if hash.starts_with(DRAFT) { &hash } else { "" });
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

/// `text` as a file named `name`, to open like one the user chose.
pub fn text_file(text: &str, name: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).ok()
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

/// Scrolls an element to the middle of its scroll container and moves keyboard focus to it.
pub fn scroll_to_and_focus(id: &str) {
    let Some(el) = element(id) else { return };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(ScrollBehavior::Auto);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    let _ = el.focus();
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, media_type: &str, text: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download starts asynchronously; revoke the URL a little later.
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(10)).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}

/// The bytes of a file the user chose, or why they could not be read.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
        // A DOMException, such as NotReadableError; its message says why.
        Err(e) => Err(js_sys::Reflect::get(&e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the browser refused to read it".to_string())),
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

/// Sets an element's height in CSS pixels, through its style object (the CSP allows no style
/// attributes in the markup).
pub fn set_height(id: &str, px: f64) {
    if let Some(el) = element(id) {
        let _ = el.style().set_property("height", &format!("{}px", px.max(0.0).round()));
    }
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
