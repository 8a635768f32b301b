//! Opening a dataset of one's own: a file picker in the toolbar and [`open_file`], shared with
//! drag-and-drop. A background worker reads, checks and indexes the file, saying how far it is;
//! it can be cancelled, and a bad file leaves the shown dataset as it was. The largest file
//! accepted is a setting beside the picker.

use factline_core::format::read::human;
use factline_core::service::{Handle, Reply};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::engine;
use crate::state::{AppHandle, Refusal, Source};

/// The input limits offered, in bytes; the default is the engine's.
const LIMITS: [u64; 3] = [64 << 20, factline_core::format::read::DEFAULT_MAX_BYTES as u64, 1 << 30];

/// Has the engine read and check `file`, and switches to it; or reports every problem without
/// touching the shown dataset.
pub fn open_file(app: AppHandle, file: web_sys::File) {
    let name = file.name();
    open_as(app, file, Source::File { name });
}

/// Opens `file` as the dataset from `source`. A file starts from an unfiltered view, since the
/// old link's people may not exist in it; a dataset in progress keeps the view its address gives,
/// as it is opened again each time it changes.
pub fn open_as(app: AppHandle, file: web_sys::File, source: Source) {
    let name = file.name();
    app.opening(name.clone(), format!("Opening {name}"));
    let progress = {
        let (app, name) = (app.clone(), name.clone());
        move |stage: String| app.opening(name.clone(), stage)
    };
    let refuse = |app: &AppHandle, name: String, why: String| {
        app.reject(Refusal { file: name, count: "1 problem".into(), problems: vec![why], note: None })
    };
    engine::open(file, app.state().max_bytes, progress, move |reply| match reply {
        Ok(Reply::Opened { dataset }) => {
            if !matches!(source, Source::Draft { .. }) {
                crate::browser::push_new_dataset();
            }
            app.use_dataset(dataset, source);
        }
        Ok(Reply::Refused { count, problems, note }) => app.reject(Refusal { file: name, count, problems, note }),
        Err(why) if why == "cancelled" => app.opening_done(),
        Ok(Reply::Failed(why)) | Err(why) => refuse(&app, name, format!("The file could not be checked: {why}.")),
        Ok(_) => refuse(&app, name, "The file could not be checked: the worker answered something else.".into()),
    });
}

/// The file picker, the way to the annotator (**New dataset**), the largest file accepted, the
/// progress of an opening (with a way to cancel it), and the way back to the built-in article.
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
            crate::browser::push_new_dataset();
            app.use_dataset(Handle::BUILTIN, Source::Builtin);
        })
    };
    let cancel = {
        let app = app.clone();
        Callback::from(move |_| {
            engine::cancel_open();
            app.opening_done();
            // The button goes with the opening; focus returns to where another file is chosen.
            crate::browser::focus("dataset-file");
        })
    };
    let on_limit = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            if let Ok(bytes) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<u64>() {
                app.set_max_bytes(bytes);
            }
        })
    };
    let state = app.state();
    html! {
        <div class="toolbar-group">
            <label class="button file-button" for="dataset-file">
                { "Open dataset…" }
                <input id="dataset-file" type="file" accept=".json,application/json" {onchange} />
            </label>
            // The annotator is a page of its own, so the viewer's first load does not carry it.
            <a class="button" id="new-dataset" href="annotate/">{ "New dataset" }</a>
            <label class="toolbar-label" for="max-input">{ "Largest file" }</label>
            <select id="max-input" onchange={on_limit}>
                { for LIMITS.iter().map(|&bytes| html! {
                    <option value={bytes.to_string()} selected={bytes == state.max_bytes}>{ human(bytes) }</option>
                }) }
            </select>
            if let Some(opening) = &state.opening {
                <span class="toolbar-label opening" role="status" aria-live="polite">{ format!("{}: {}…", opening.name, opening.stage) }</span>
                <button type="button" id="cancel-open" onclick={cancel}>{ "Cancel" }</button>
            }
            if state.source != Source::Builtin {
                <button type="button" id="use-builtin" onclick={back}>{ "Back to the built-in article" }</button>
            }
        </div>
    }
}
