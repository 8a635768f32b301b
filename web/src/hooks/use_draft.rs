//! A dataset in progress in the annotator, shown with the viewer's own filters, timeline and
//! person cards. The address names it (`#draft=KEY`, the annotator's **Open in the viewer**); the
//! viewer reads it from the browser's storage and opens it like a file, and opens it again each
//! time the annotator, in another tab, announces that it saved a change, keeping the view.

use factline_browser::drafts;
use yew::prelude::*;

use crate::browser;
use crate::components::open_as;
use crate::state::{AppHandle, Refusal, Source};

/// Shows the dataset in progress the address names, and follows it as it changes.
#[hook]
pub fn use_draft(app: &AppHandle) {
    let app = app.clone();
    use_effect_with((), move |_| {
        let listener = drafts::named_in_address(drafts::SHOWN).and_then(|key| {
            open_draft(app.clone(), key);
            drafts::listen(move |changed| {
                // Only while the address still names it: opening another file or the built-in
                // article leaves it.
                if drafts::named_in_address(drafts::SHOWN).as_deref() == Some(changed.as_str()) {
                    open_draft(app.clone(), changed);
                }
            })
        });
        move || drop(listener)
    });
}

/// Reads the dataset in progress stored under `key` and opens it.
fn open_draft(app: AppHandle, key: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let why = match drafts::load(&key).await {
            Ok(Some(json)) => match browser::text_file(&json, &format!("{key}.json")) {
                Some(file) => return open_as(app, file, Source::Draft { key }),
                None => "the browser could not hand it to the worker".to_string(),
            },
            Ok(None) => "it is no longer in this browser's storage".to_string(),
            Err(why) => format!("this browser's storage could not be read: {why}"),
        };
        app.reject(Refusal {
            file: key,
            count: "1 problem".into(),
            problems: vec![format!("The dataset in progress could not be shown: {why}.")],
            note: None,
        });
    });
}
