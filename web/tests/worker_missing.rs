//! When the background worker cannot be fetched (here, the test page does not serve it), opening a
//! file fails with a message that says why, and the loaded article stays. A separate test binary,
//! so the worker is not replaced by the in-process handler the component tests use.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use factline_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_missing_worker_is_reported_and_the_article_stays() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap_or_else(|_| panic!("create div"));
    let _ = gloo::utils::body().append_child(&root);
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(100)).await;

    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str("{}"));
    let file = web_sys::File::new_with_str_sequence(&parts, "mine.json").unwrap_or_else(|_| panic!("file"));
    let transfer = web_sys::DataTransfer::new().unwrap_or_else(|_| panic!("transfer"));
    let _ = transfer.items().add_with_file(&file);
    let input = root
        .query_selector("#dataset-file")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no file input"))
        .unchecked_into::<HtmlInputElement>();
    input.set_files(transfer.files().as_ref());
    let _ = input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));

    let alert = || root.query_selector("[role=alert]").ok().flatten().and_then(|a| a.text_content());
    for _ in 0..100 {
        if alert().is_some() {
            break;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    let alert = alert().unwrap_or_else(|| panic!("no alert"));
    assert!(alert.contains("mine.json") && alert.contains("background worker"), "{alert}");
    assert!(alert.contains("check the connection and try again"), "{alert}");
    let count = root.query_selector("[role=status]").ok().flatten().and_then(|s| s.text_content()).unwrap_or_default();
    assert!(count.starts_with("21 events"), "the built-in article stays loaded: {count}");
}
