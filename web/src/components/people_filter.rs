//! The people list: search-as-you-type over names and aliases (ignoring case and diacritics), a
//! checkbox per person with their event count, and the any/all switch.

use factline_core::{PersonKind, PersonsMode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::AppHandle;

/// Person checkboxes with search and the any/all switch. `selected` are the selected persons'
/// ids; `onchange` gets a new selection and mode.
pub fn people_filter(
    app: &AppHandle,
    selected: &[String],
    mode: PersonsMode,
    onchange: &Callback<(Vec<String>, PersonsMode)>,
) -> Html {
    let catalog = &app.state().catalog;
    let query = &app.state().people_query;
    let counts = catalog.event_counts();
    let persons = &catalog.dataset().persons;

    let on_search = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| app.search_people(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let rows: Vec<Html> = catalog
        .persons_matching(query)
        .into_iter()
        .map(|i| {
            let p = &persons[i];
            let checked = selected.contains(&p.id);
            let onchange = {
                let (selected, id, cb) = (selected.to_vec(), p.id.clone(), onchange.clone());
                Callback::from(move |_: Event| {
                    let mut next = selected.clone();
                    if let Some(at) = next.iter().position(|s| *s == id) {
                        next.remove(at);
                    } else {
                        next.push(id.clone());
                    }
                    cb.emit((next, mode));
                })
            };
            let mut aliases: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
            aliases.dedup();
            let kind = match p.kind {
                PersonKind::Named => None,
                PersonKind::Unnamed => Some("unnamed"),
                PersonKind::Group => Some("group"),
            };
            let count = counts.get(i).copied().unwrap_or(0);
            let input_id = format!("person-{}", p.id);
            html! {
                <li class="person-row" key={p.id.clone()}>
                    <label for={input_id.clone()}>
                        <input type="checkbox" id={input_id} data-person-id={p.id.clone()} checked={checked} {onchange} />
                        <span class="person-name">
                            { &p.name }
                            if let Some(kind) = kind { <span class="tag">{ kind }</span> }
                        </span>
                        <span class="person-count" aria-label={format!("{count} events")}>{ count }</span>
                        if !aliases.is_empty() {
                            <span class="person-aliases">{ format!("also {}", aliases.join(", ")) }</span>
                        }
                    </label>
                </li>
            }
        })
        .collect();
    let shown = rows.len();
    let current_mode = mode;
    let mode_button = |mode: PersonsMode, label: &str| {
        let cb = onchange.clone();
        let selected = selected.to_vec();
        let id = if mode == PersonsMode::All { "people-mode-all" } else { "people-mode-any" };
        html! {
            <button type="button" {id} aria-pressed={(current_mode == mode).to_string()}
                onclick={Callback::from(move |_| cb.emit((selected.clone(), mode)))}>{ label }</button>
        }
    };
    html! {
        <>
            <label class="field" for="person-search">
                <span class="field-label">{ "Find a person" }</span>
                <input id="person-search" type="search" placeholder="Name or spelling, e.g. Qaisha Aqan"
                    value={query.clone()} oninput={on_search} autocomplete="off" />
            </label>
            <ul class="people" aria-label="People">{ for rows }</ul>
            if shown == 0 {
                <p class="help">{ format!("No one matches “{query}”.") }</p>
            }
            <div class="row" role="group" aria-labelledby="persons-mode-label">
                <span id="persons-mode-label" class="field-label">{ "With several people, show events with" }</span>
                <span class="segmented">
                    { mode_button(PersonsMode::Any, "any of them") }
                    { mode_button(PersonsMode::All, "all of them") }
                </span>
            </div>
        </>
    }
}
