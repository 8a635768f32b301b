//! Downloads of the current view (the core's exporters, run by the background worker) and
//! "copy link".

use factline_core::Filter;
use factline_core::export::Format;
use factline_core::tasks::{Reply, Request};
use yew::prelude::*;

use crate::state::AppHandle;
use crate::{browser, tasks};

/// Export buttons for the view `filter` selects and the copy-link action, with one live message
/// for what they did.
pub fn export_bar(app: &AppHandle, filter: &Filter) -> Html {
    let query = filter.to_query_string();
    let download = |format: Format| {
        let (app, query) = (app.clone(), query.clone());
        Callback::from(move |_| {
            let request = Request::Export { format, query: query.clone(), packed: app.state().packed.to_string() };
            let app = app.clone();
            tasks::run(request, move |reply| match reply {
                Ok(Reply::File { name, media_type, body }) => {
                    browser::download(&name, &media_type, &body);
                    app.say_in_toolbar(format!("Downloading {name}"));
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
                <button type="button" onclick={download(Format::Json)}>{ "JSON" }</button>
                <button type="button" onclick={download(Format::Csv)}>{ "CSV" }</button>
                <button type="button" onclick={download(Format::Ics)} title="Calendar: one entry per dated event">{ "ICS" }</button>
            </span>
            <button type="button" id="copy-link" class="primary" onclick={on_copy}>{ "Copy link" }</button>
            <span class="toolbar-label" id="toolbar-message" aria-live="polite">{ &app.state().toolbar_message }</span>
        </div>
    }
}
