//! The few browser calls the annotator makes beyond rendering and beyond `factline_browser` (the
//! store, downloads, chosen files): the address's dataset key, the clock, and the reader's
//! selection as points of its paragraphs.

use factline_browser::drafts;
pub use factline_browser::files::{download, read_bytes};
use factline_core::author::ReaderPoint;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Milliseconds since 1970.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The dataset key in the address (`#dataset=KEY`), so a reload reopens the same work.
pub fn key_in_address() -> Option<String> {
    drafts::named_in_address(drafts::ANNOTATED)
}

/// Puts the dataset key in the address without adding to the history; `None` clears it.
pub fn set_key_in_address(key: Option<&str>) {
    let window = gloo::utils::window();
    let location = window.location();
    let path = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = match key {
        Some(key) => format!("{path}{}", drafts::naming(drafts::ANNOTATED, key)),
        None => path,
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Moves focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(el) =
        gloo::utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The article (`data-article` of an element inside `root`) and paragraph (`<p data-paragraph="i">`)
/// holding a DOM point, and the point's offset in that paragraph's text in UTF-16 code units: the
/// text of the paragraph before it, whatever `<mark>`s it crosses.
fn reader_point(root: &web_sys::Element, node: &web_sys::Node, offset: u32) -> Option<(String, ReaderPoint)> {
    let element = if node.node_type() == web_sys::Node::TEXT_NODE {
        node.parent_element()?
    } else {
        node.clone().dyn_into().ok()?
    };
    let paragraph = element.closest("p[data-paragraph]").ok()??;
    if !root.contains(Some(&paragraph)) {
        return None;
    }
    let article = paragraph.closest("[data-article]").ok()??.get_attribute("data-article")?;
    let index: usize = paragraph.get_attribute("data-paragraph")?.parse().ok()?;
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(&paragraph, 0).ok()?;
    range.set_end(node, offset).ok()?;
    Some((article, ReaderPoint { paragraph: index, offset: range.to_string().length() }))
}

/// The reader's current selection inside `root`, as its article and two ends, when it selects
/// something within one article.
pub fn selection_in(root: &web_sys::Element) -> Option<(String, ReaderPoint, ReaderPoint)> {
    let selection = gloo::utils::window().get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (article, start) = reader_point(root, &range.start_container().ok()?, range.start_offset().ok()?)?;
    let (other, end) = reader_point(root, &range.end_container().ok()?, range.end_offset().ok()?)?;
    (article == other).then_some((article, start, end))
}
