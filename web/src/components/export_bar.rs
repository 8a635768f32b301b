//! Downloads of the current view (the core's exporters) and "copy link".

use factline_core::Filter;
use factline_core::export::{Format, to_csv, to_dataset_json, to_ics};
use yew::prelude::*;

use crate::browser;
use crate::state::use_app;

/// The downloads the page offers. Naming their exporters (rather than calling `export::export`)
/// keeps the TimelineJS exporter, which the page does not offer, out of the wasm.
#[derive(Clone, Copy)]
enum Download {
    Json,
    Csv,
    Ics,
}

impl Download {
    fn format(self) -> Format {
        match self {
            Download::Json => Format::Json,
            Download::Csv => Format::Csv,
            Download::Ics => Format::Ics,
        }
    }
}

/// Props of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The filter in view.
    pub filter: Filter,
}

/// Export buttons and the copy-link action with its confirmation.
#[function_component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let app = use_app();
    let copied = use_state(|| None::<bool>);
    let download = |download: Download| {
        let (app, filter) = (app.clone(), props.filter.clone());
        Callback::from(move |_| {
            let catalog = &app.state().catalog;
            let (selection, _) = catalog.select_lenient(&filter);
            let events = catalog.events(&selection);
            let text = match download {
                Download::Json => to_dataset_json(catalog, &events, &catalog.claims(&selection)),
                Download::Csv => to_csv(catalog, &events),
                Download::Ics => to_ics(catalog, &events),
            };
            let format = download.format();
            let stem = catalog.dataset().articles.first().map_or("factline", |a| a.id.as_str());
            browser::download(&format!("{stem}.{}", format.extension()), format.media_type(), &text);
        })
    };
    let on_copy = {
        let copied = copied.clone();
        Callback::from(move |_| {
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                copied.set(Some(browser::copy_text(&browser::location_href()).await));
            });
        })
    };
    html! {
        <div class="toolbar-group">
            <span class="toolbar-label" id="export-label">{ "Export view" }</span>
            <span class="toolbar-group" role="group" aria-labelledby="export-label">
                <button type="button" onclick={download(Download::Json)}>{ "JSON" }</button>
                <button type="button" onclick={download(Download::Csv)}>{ "CSV" }</button>
                <button type="button" onclick={download(Download::Ics)} title="Calendar: one entry per dated event">{ "ICS" }</button>
            </span>
            <button type="button" id="copy-link" class="primary" onclick={on_copy}>{ "Copy link" }</button>
            <span class="toolbar-label" aria-live="polite">
                { match *copied {
                    Some(true) => "Link copied".to_string(),
                    Some(false) => format!("Copy this address: {}", browser::location_href()),
                    None => String::new(),
                } }
            </span>
        </div>
    }
}
