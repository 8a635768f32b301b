//! Downloads of the current view (the core's exporters, run by the engine on the dataset it
//! holds) and "copy link".

use factline_core::export::Format;
use factline_core::service::{Reply, Request};
use yew::prelude::*;

use crate::state::AppHandle;
use crate::{browser, engine};

/// Export buttons for the view `query` selects and the copy-link action, with one live message
/// for what they did.
pub fn export_bar(app: &AppHandle, query: &str) -> Html {
    let download = |format: Format| {
        let (app, query) = (app.clone(), query.to_string());
        Callback::from(move |_| {
            let request = Request::Export { dataset: app.state().dataset, format, query: query.clone() };
            let app = app.clone();
            engine::request(request, move |reply| match reply {
                Ok(Reply::File { name, media_type, body, notes }) => {
                    browser::download(&name, &media_type, &body);
                    let left_out = match notes.len() {
                        0 => String::new(),
                        1 => format!(" ({})", notes[0]),
                        n => format!(" ({n} events could not be written in this format and are left out)"),
                    };
                    app.say_in_toolbar(format!("Downloading {name}{left_out}"));
                }
                Ok(Reply::Failed(why)) | Err(why) => app.say_in_toolbar(format!("Export failed: {why}.")),
                Ok(_) => app.say_in_toolbar("Export failed: the worker answered something else.".into()),
            });
        })
    };
    let on_copy = {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            yew::platform::spawn_local(async move {
                let href = browser::location_href();
                let copied = browser::copy_text(&href).await;
                app.say_in_toolbar(if copied { "Link copied".into() } else { format!("Copy this address: {href}") });
            });
        })
    };
    html! {
        <div class="toolbar-group">
            <span class="toolbar-label" id="export-label">{ "Export view" }</span>
            <span class="toolbar-group" role="group" aria-labelledby="export-label">
                { for [Format::Json, Format::Csv, Format::Ics].into_iter().map(|format| {
                    let title = (format == Format::Ics).then_some("Calendar: one entry per dated event");
                    html! { <button type="button" onclick={download(format)} {title}>{ format.label() }</button> }
                }) }
            </span>
            <button type="button" id="copy-link" class="primary" onclick={on_copy}>{ "Copy link" }</button>
            <span class="toolbar-label" id="toolbar-message" aria-live="polite">{ &app.state().toolbar_message }</span>
        </div>
    }
}
