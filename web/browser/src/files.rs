//! Files: text offered for download, and the bytes or text of a file the user chose.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::message_of;

/// How long a download's object URL is kept: the download starts asynchronously.
const REVOKE_AFTER_MS: i32 = 10_000;

/// Offers `text` as a file to save, named `file_name`.
pub fn download(file_name: &str, media_type: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), REVOKE_AFTER_MS);
    }
}

/// Why a file could not be read, in words for the page.
fn unreadable(e: &JsValue) -> String {
    message_of(e).unwrap_or_else(|| "the browser refused to read it".to_string())
}

/// The bytes of a file the user chose, or why they could not be read.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| unreadable(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `text` as a file named `name`, to open like one the user chose.
pub fn text_file(text: &str, name: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).ok()
}
