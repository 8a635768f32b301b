//! Opening a dataset of one's own: a file picker in the toolbar and [`open_file`], shared with
//! drag-and-drop. The background worker reads and checks the file; a bad file leaves the shown
//! dataset as it was.

use factline_core::format::read::DEFAULT_MAX_BYTES;
use factline_core::service::{Handle, Reply, Request};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine;
use crate::state::{AppHandle, Refusal, Source};

/// Has the engine read and check `file`, and switches to it; or reports every problem without
/// touching the shown dataset.
pub fn open_file(app: AppHandle, file: web_sys::File) {
    let name = file.name();
    let reject = |app: &AppHandle, reply: Reply, name: String| {
        if let Reply::Refused { count, problems, note } = reply {
            app.reject(Refusal { file: name, count, problems, note });
        }
    };
    app.opening(name.clone());
    let previous = app.state().dataset;
    let request = Request::Open { bytes: Vec::new(), max_bytes: DEFAULT_MAX_BYTES as u64 };
    engine::request(request, Some(file), move |reply| match reply {
        Ok(Reply::Opened { dataset }) => {
            if previous != Handle::BUILTIN {
                engine::request(Request::Close { dataset: previous }, None, |_| {});
            }
            // A new dataset starts from an unfiltered view: the old link's people may not exist in it.
            crate::browser::push_query("");
            app.use_dataset(dataset, Source::File { name });
        }
        Ok(reply @ Reply::Refused { .. }) => reject(&app, reply, name),
        Ok(Reply::Failed(why)) | Err(why) => app.reject(Refusal {
            file: name,
            count: "1 problem".into(),
            problems: vec![format!("The file could not be checked: {why}.")],
            note: None,
        }),
        Ok(_) => app.reject(Refusal {
            file: name,
            count: "1 problem".into(),
            problems: vec!["The file could not be checked: the worker answered something else.".into()],
            note: None,
        }),
    });
}

/// The file picker and the way back to the built-in article.
pub fn dataset_loader(app: &AppHandle) -> Html {
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                open_file(app.clone(), file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let back = {
        let app = app.clone();
        Callback::from(move |_| {
            let previous = app.state().dataset;
            engine::request(Request::Close { dataset: previous }, None, |_| {});
            crate::browser::push_query("");
            app.use_dataset(Handle::BUILTIN, Source::Builtin);
        })
    };
    let state = app.state();
    html! {
        <div class="toolbar-group">
            <label class="button file-button" for="dataset-file">
                { "Open dataset…" }
                <input id="dataset-file" type="file" accept=".json,application/json" {onchange} />
            </label>
            if let Some(name) = &state.opening {
                <span class="toolbar-label" role="status">{ format!("Checking {name}…") }</span>
            }
            if state.source != Source::Builtin {
                <button type="button" id="use-builtin" onclick={back}>{ "Back to the built-in article" }</button>
            }
        </div>
    }
}
