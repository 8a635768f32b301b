//! Drag-and-drop of a dataset anywhere on the page, with an overlay while dragging.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::DragEvent;
use yew::prelude::*;

use crate::components::open_file;
use crate::state::AppHandle;

/// Listens on the document for dragged and dropped files; each listener is removed when dropped
/// (the app holds them for as long as it is mounted).
pub fn listen_for_drops(app: &AppHandle) -> [EventListener; 3] {
    let document = gloo::utils::document();
    let options = EventListenerOptions::enable_prevent_default();
    let over = {
        let app = app.clone();
        EventListener::new_with_options(&document, "dragover", options, move |e| {
            e.prevent_default();
            // The app's reducer ignores a change to the same value, so this does not re-render.
            app.set_dragging(true);
        })
    };
    let leave = {
        let app = app.clone();
        EventListener::new(&document, "dragleave", move |e| {
            // Leaving the window (no related target) ends the drag state.
            let related = e.dyn_ref::<web_sys::MouseEvent>().and_then(|m| m.related_target());
            if related.is_none() {
                app.set_dragging(false);
            }
        })
    };
    let on_drop = {
        let app = app.clone();
        EventListener::new_with_options(&document, "drop", options, move |e| {
            e.prevent_default();
            app.set_dragging(false);
            let file =
                e.dyn_ref::<DragEvent>().and_then(|d| d.data_transfer()).and_then(|t| t.files()).and_then(|f| f.get(0));
            if let Some(file) = file {
                open_file(app.clone(), file);
            }
        })
    };
    [over, leave, on_drop]
}

/// The overlay shown while a file is dragged over the page.
pub fn drop_overlay(dragging: bool) -> Html {
    if !dragging {
        return Html::default();
    }
    html! { <div class="drop-overlay" aria-hidden="true"><p>{ "Drop a Factline dataset (.json) to open it" }</p></div> }
}
