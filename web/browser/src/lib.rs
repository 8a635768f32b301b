//! What the viewer and the annotator, two pages of one site, ask of the browser beyond rendering,
//! written once for both: the datasets in progress kept in its storage and the addresses that name
//! them ([`drafts`]), and files: offered for download, or read when the user chooses one ([`files`]).

pub mod drafts;
pub mod files;

use wasm_bindgen::JsValue;

/// The `message` of a JavaScript error (a `DOMException` says why in it), if it has one.
fn message_of(e: &JsValue) -> Option<String> {
    js_sys::Reflect::get(e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).filter(|m| !m.is_empty())
}
