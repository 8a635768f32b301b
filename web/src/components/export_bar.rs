//! Downloads of the current view (the core's exporters, run by the background worker) and
//! "copy link".

use factline_core::Filter;
use factline_core::export::Format;
use factline_core::tasks::{Reply, Request};
use yew::prelude::*;

use crate::state::use_app;
use crate::{browser, tasks};

/// Props of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The filter in view.
    pub filter: Filter,
}

/// Export buttons and the copy-link action, with one live message for what they did.
#[function_component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let app = use_app();
    let message = use_state(String::new);
    let download = |format: Format| {
        let (app, query, message) = (app.clone(), props.filter.to_query_string(), message.clone());
        Callback::from(move |_| {
            let request = Request::Export { format, query: query.clone(), packed: app.state().packed.to_string() };
            let message = message.clone();
            tasks::run(request, move |reply| match reply {
                Ok(Reply::File { name, media_type, body }) => {
                    browser::download(&name, &media_type, &body);
                    message.set(format!("Downloading {name}"));
                }
                Ok(Reply::Failed(why)) | Err(why) => message.set(format!("Export failed: {why}.")),
                Ok(_) => message.set("Export failed: the worker answered something else.".into()),
            });
        })
    };
    let on_copy = {
        let message = message.clone();
        Callback::from(move |_| {
            let message = message.clone();
            yew::platform::spawn_local(async move {
                let href = browser::location_href();
                let copied = browser::copy_text(&href).await;
                message.set(if copied { "Link copied".into() } else { format!("Copy this address: {href}") });
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
            <span class="toolbar-label" id="toolbar-message" aria-live="polite">{ (*message).clone() }</span>
        </div>
    }
}
