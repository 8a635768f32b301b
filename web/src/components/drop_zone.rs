//! Drag-and-drop of a dataset anywhere on the page, with an overlay while dragging.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::DragEvent;
use yew::prelude::*;

use crate::components::load_file;
use crate::state::AppHandle;

/// Props of [`DropZone`].
#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// The app state and its intents.
    pub app: AppHandle,
}

/// Listens on the document for dropped files.
#[function_component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let app = &props.app;
    let dragging = use_state(|| false);
    {
        let (app, dragging) = (app.clone(), dragging.clone());
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let options = EventListenerOptions::enable_prevent_default();
            let over = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&document, "dragover", options, move |e| {
                    e.prevent_default();
                    dragging.set(true);
                })
            };
            let leave = {
                let dragging = dragging.clone();
                EventListener::new(&document, "dragleave", move |e| {
                    // Leaving the window (no related target) ends the drag state.
                    let related = e.dyn_ref::<web_sys::MouseEvent>().and_then(|m| m.related_target());
                    if related.is_none() {
                        dragging.set(false);
                    }
                })
            };
            let on_drop = EventListener::new_with_options(&document, "drop", options, move |e| {
                e.prevent_default();
                dragging.set(false);
                let file = e
                    .dyn_ref::<DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files())
                    .and_then(|f| f.get(0));
                if let Some(file) = file {
                    load_file(app.clone(), file);
                }
            });
            // The listeners are removed when dropped, as the page unmounts.
            move || drop((over, leave, on_drop))
        });
    }
    if !*dragging {
        return Html::default();
    }
    html! { <div class="drop-overlay" aria-hidden="true"><p>{ "Drop a Factline dataset (.json) to open it" }</p></div> }
}
