//! Opening a dataset of one's own: a file picker in the toolbar and [`load_file`], shared with
//! drag-and-drop. A file is checked for size before it is read and validated (by the background
//! worker) before it replaces anything; a bad file leaves the current dataset loaded.

use std::rc::Rc;

use factline_core::Catalog;
use factline_core::load::MAX_INPUT_BYTES;
use factline_core::pack::unpack;
use factline_core::tasks::{Reply, Request};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{AppHandle, Source};
use crate::{browser, builtin, tasks};

/// Reads `file`, has the background worker check it, and switches to it; or reports every
/// problem without touching the loaded dataset.
pub fn load_file(app: AppHandle, file: web_sys::File) {
    let name = file.name();
    let size = file.size();
    if size > MAX_INPUT_BYTES as f64 {
        let kib = (size / 1024.0) as u64;
        let limit = MAX_INPUT_BYTES / 1024;
        app.reject(name, vec![format!("The file is {kib} KiB; datasets are limited to {limit} KiB. It was not read.")]);
        return;
    }
    yew::platform::spawn_local(async move {
        match browser::read_text(&file).await {
            Err(e) => app.reject(name, vec![format!("The file could not be read: {e}")]),
            Ok(text) => {
                tasks::run(Request::Check { text }, move |reply| match reply {
                    Ok(Reply::Valid { packed }) => use_checked(&app, packed, name),
                    Ok(Reply::Invalid(problems)) => app.reject(name, problems),
                    Ok(_) => app.reject(
                        name,
                        vec!["The file could not be checked: the worker answered something else.".into()],
                    ),
                    Err(why) => app.reject(name, vec![format!("The file could not be checked: {why}.")]),
                });
            }
        }
    });
}

/// Switches to a file the worker found valid, which it sent back packed. Unpacking cannot fail,
/// but if it did, the file would be refused like any other.
fn use_checked(app: &AppHandle, packed: String, name: String) {
    match unpack(&packed) {
        Ok(dataset) => {
            // A new dataset starts from an unfiltered view: the old link's people may not exist in it.
            browser::push_query("");
            app.use_dataset(Rc::new(Catalog::new_prevalidated(dataset)), Rc::from(packed), Source::File { name });
        }
        Err(e) => app.reject(name, vec![format!("The worker's answer could not be read: {e}.")]),
    }
}

/// The file picker and the way back to the built-in article.
pub fn dataset_loader(app: &AppHandle) -> Html {
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                load_file(app.clone(), file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let back = {
        let app = app.clone();
        Callback::from(move |_| {
            if let Ok(catalog) = builtin::catalog() {
                browser::push_query("");
                app.use_dataset(Rc::new(catalog), Rc::from(builtin::PACKED), Source::Builtin);
            }
        })
    };
    html! {
        <div class="toolbar-group">
            <label class="button file-button" for="dataset-file">
                { "Open dataset…" }
                <input id="dataset-file" type="file" accept=".json,application/json" {onchange} />
            </label>
            if app.state().source != Source::Builtin {
                <button type="button" id="use-builtin" onclick={back}>{ "Back to the built-in article" }</button>
            }
        </div>
    }
}
