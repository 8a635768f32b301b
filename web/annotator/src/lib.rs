//! The Factline annotator: a new dataset made in the browser by selecting the words of an article
//! that support each fact. Every rule (anchoring, validation, dates, the vocabulary, the file and
//! its exports) is `factline_core::author`'s; this crate collects input and shows results.
//!
//! - [`state`]: the UI state, one reducer; the draft is shared with the forms that ask it questions.
//! - `factline_browser::drafts`: every accepted change written to IndexedDB (and announced to a
//!   viewer showing it), and the datasets in progress listed.
//! - [`browser`]: downloads, files, the address, and the reader's selection as paragraph offsets.
//! - `views/`: the start screen and the annotating screen; `components/`: the forms and lists.

pub mod browser;
pub mod components;
pub mod state;
pub mod views;

use factline_core::author::{Draft, Edit, FieldProblems, Units};
use factline_core::format::write::to_pretty_json;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::OnSave;
use crate::state::{Action, State};
use crate::views::annotate::Annotate;
use crate::views::start::{Opening, Start, draft_of};
use factline_browser::drafts::{self as store, Saved};

/// Mounts the annotator on `#app`.
pub fn mount() {
    let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<App>::with_root(root).render();
}

/// The dataset's record for the list of datasets in progress.
fn record(key: &str, draft: &Draft) -> Saved {
    let d = draft.dataset();
    Saved {
        key: key.to_string(),
        title: d.articles.first().map(|a| a.title.clone()).unwrap_or_default(),
        updated: browser::now(),
        facts: d.fact_count(),
    }
}

/// Whether keys typed now belong to a text field (whose own undo they are).
fn typing_in_a_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.closest("[contenteditable]").ok().flatten().is_some()
    })
}

fn refresh_list(dispatcher: UseReducerDispatcher<State>) {
    wasm_bindgen_futures::spawn_local(async move {
        match store::list().await {
            Ok(saved) => dispatcher.dispatch(Action::Listed(saved)),
            Err(why) => dispatcher.dispatch(Action::Stored(Some(why))),
        }
    });
}

/// Opens the dataset in progress stored under `key`.
fn continue_saved(key: String, dispatcher: UseReducerDispatcher<State>, opening_error: UseStateHandle<Option<String>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let opened = match store::load(&key).await {
            Ok(Some(json)) => draft_of(json.as_bytes(), "The saved dataset"),
            Ok(None) => Err("that dataset is no longer in this browser's storage".to_string()),
            Err(why) => Err(format!("this browser's storage could not be read: {why}")),
        };
        match opened {
            Ok(draft) => {
                browser::set_key_in_address(Some(&key));
                opening_error.set(None);
                dispatcher.dispatch(Action::Opened {
                    key,
                    draft: Box::new(draft),
                    message: "Reopened; every saved fact is here.".into(),
                });
            }
            Err(why) => {
                browser::set_key_in_address(None);
                opening_error.set(Some(why));
                refresh_list(dispatcher);
            }
        }
    });
}

/// The annotator.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let opening_error = use_state(|| None::<String>);

    // On first render: reopen the dataset the address names (with none, the effect that lists the
    // datasets in progress runs).
    {
        let (dispatcher, opening_error) = (state.dispatcher(), opening_error.clone());
        use_effect_with((), move |_| {
            if let Some(key) = browser::key_in_address() {
                continue_saved(key, dispatcher, opening_error);
            }
        });
    }
    // Every accepted change (and the opening itself) is written to storage.
    {
        let dispatcher = state.dispatcher();
        let work = state.work.clone();
        use_effect_with(work.as_ref().map(|w| (w.key.clone(), w.version)), move |_| {
            if let Some(work) = work {
                let (saved, json) = {
                    let draft = work.draft.borrow();
                    (record(&work.key, &draft), to_pretty_json(draft.dataset()))
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let result = store::put(&saved, &json).await;
                    if result.is_ok() {
                        store::announce(&saved.key);
                    }
                    dispatcher.dispatch(Action::Stored(result.err()));
                });
            }
        });
    }
    // A selection in the article becomes the selected words.
    {
        let dispatcher = state.dispatcher();
        let work = state.work.clone();
        use_effect_with(work.as_ref().map(|w| w.key.clone()), move |_| {
            let listener = work.map(|work| {
                EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                    let Some(root) = gloo::utils::document().get_element_by_id("article-text") else { return };
                    let Some((article, start, end)) = browser::selection_in(&root) else { return };
                    let span = work.draft.borrow().span_from_reader(&article, start, end, Units::Utf16);
                    dispatcher.dispatch(Action::Selected(span.map_err(|e| e.message)));
                })
            });
            move || drop(listener)
        });
    }
    // Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, outside text fields.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if !(e.ctrl_key() || e.meta_key()) || typing_in_a_field(e) {
                    return;
                }
                match (e.key().to_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::Undo);
                    }
                    ("z", true) | ("y", _) => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::Redo);
                    }
                    _ => {}
                }
            });
            move || drop(listener)
        });
    }
    // Focus moves where the last action asked, once rendered.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some(id) = focus {
                browser::focus(id);
                dispatcher.dispatch(Action::Focused);
            }
        });
    }

    let onopen = {
        let dispatcher = state.dispatcher();
        Callback::from(move |Opening { draft, key, message }: Opening| {
            let key = key.unwrap_or_else(|| {
                let stem = draft.dataset().articles.first().map_or("dataset".to_string(), |a| a.id.clone());
                format!("{stem}-{}", browser::now() as u64)
            });
            browser::set_key_in_address(Some(&key));
            dispatcher.dispatch(Action::Opened { key, draft: Box::new(draft), message });
        })
    };
    let oncontinue = {
        let (dispatcher, opening_error) = (state.dispatcher(), opening_error.clone());
        Callback::from(move |key: String| continue_saved(key, dispatcher.clone(), opening_error.clone()))
    };
    let onforget = {
        let dispatcher = state.dispatcher();
        Callback::from(move |key: String| {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(why) = store::remove(&key).await {
                    dispatcher.dispatch(Action::Stored(Some(why)));
                }
                refresh_list(dispatcher);
            });
        })
    };
    let onsave: OnSave = {
        let dispatcher = state.dispatcher();
        let work = state.work.clone();
        Callback::from(move |edits: Vec<Edit>| -> Result<(), FieldProblems> {
            let Some(work) = &work else { return Ok(()) };
            let result = work.draft.borrow_mut().apply_all(edits);
            let applied = result?;
            let what = applied.fact.map_or_else(|| "Saved.".to_string(), |f| format!("Saved {f}."));
            dispatcher.dispatch(Action::Changed(what));
            Ok(())
        })
    };
    {
        // With no dataset open and none being reopened (at start, or after leaving one), the
        // datasets in progress are listed.
        let dispatcher = state.dispatcher();
        use_effect_with(state.work.is_none(), move |none| {
            if *none && browser::key_in_address().is_none() {
                refresh_list(dispatcher);
            }
        });
    }
    if state.work.is_none() && browser::key_in_address().is_some() && opening_error.is_none() {
        // Reopening the dataset the address names.
        return html! { <main class="start"><p role="status">{ "Opening the dataset in progress…" }</p></main> };
    }
    match &state.work {
        Some(_) => html! { <Annotate state={state.clone()} {onsave} /> },
        None => html! {
            <Start saved={state.saved.clone()} {onopen} {oncontinue} {onforget}
                error={(*opening_error).clone().or_else(|| state.storage_error.clone())} />
        },
    }
}
