//! When the background worker cannot be fetched (here, the test page does not serve it), the
//! page says that Factline could not start, and why. A separate test binary, so the worker is not
//! replaced by the in-process engine the component tests use.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use factline_web::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_missing_worker_is_reported() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap_or_else(|_| panic!("create div"));
    let _ = gloo::utils::body().append_child(&root);
    factline_web::engine::start();
    yew::Renderer::<App>::with_root(root.clone()).render();
    let alert = || root.query_selector("[role=alert]").ok().flatten().and_then(|a| a.text_content());
    for _ in 0..200 {
        if alert().is_some() {
            break;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    let alert = alert().unwrap_or_else(|| panic!("no alert"));
    assert!(alert.contains("could not start") && alert.contains("background worker"), "{alert}");
    assert!(alert.contains("check the connection and reload the page"), "{alert}");
}
