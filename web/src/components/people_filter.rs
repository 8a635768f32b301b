//! The people list: search-as-you-type over names and aliases (ignoring case and diacritics), a
//! checkbox per person with their event count, and the any/all switch.

use factline_core::PersonsMode;
use factline_core::view::PersonRow;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Person checkboxes with search and the any/all switch. `rows` are the rendered rows of the
/// `total` people the search finds (a long list is rendered near where it is scrolled, with
/// spacers for the rest); `selected` the selected persons' ids; `onsearch` gets the search text;
/// `onchange` gets a new selection and mode.
pub fn people_filter(
    rows: &[PersonRow],
    total: usize,
    search: &str,
    selected: &[String],
    mode: PersonsMode,
    onsearch: &Callback<String>,
    onchange: &Callback<(Vec<String>, PersonsMode)>,
) -> Html {
    let on_search = onsearch.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let rendered = rows.iter().map(|p| {
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
        let input_id = format!("person-{}", p.id);
        html! {
            <li class="person-row" key={p.id.clone()}>
                <label for={input_id.clone()}>
                    <input type="checkbox" id={input_id} data-person-id={p.id.clone()} checked={p.selected} {onchange} />
                    <span class="person-name">
                        { &p.name }
                        if let Some(tag) = &p.tag { <span class="tag">{ tag }</span> }
                    </span>
                    <span class="person-count" aria-label={format!("{} events", p.events)}>{ p.events }</span>
                    if let Some(aliases) = &p.aliases {
                        <span class="person-aliases">{ aliases }</span>
                    }
                </label>
            </li>
        }
    });
    let mode_button = |button: PersonsMode, label: &str| {
        let cb = onchange.clone();
        let selected = selected.to_vec();
        let id = if button == PersonsMode::All { "people-mode-all" } else { "people-mode-any" };
        html! {
            <button type="button" {id} aria-pressed={(mode == button).to_string()}
                onclick={Callback::from(move |_| cb.emit((selected.clone(), button)))}>{ label }</button>
        }
    };
    html! {
        <>
            <label class="field" for="person-search">
                <span class="field-label">{ "Find a person" }</span>
                <input id="person-search" type="search" placeholder="Name or spelling, e.g. Qaisha Aqan"
                    value={search.to_string()} oninput={on_search} autocomplete="off" />
            </label>
            // A long list scrolls in its own box, in rows of one height, so that rows not rendered
            // can be stood in for by spacers of known height.
            <div id="people-scroller" class={classes!("people-scroller", factline_core::view::is_windowed(total).then_some("is-long"))}>
                <div id="people-before" class="spacer" aria-hidden="true"></div>
                <ul class="people" aria-label={format!("People ({total})")}>{ for rendered }</ul>
                <div id="people-after" class="spacer" aria-hidden="true"></div>
            </div>
            if total == 0 {
                <p class="help">{ format!("No one matches “{search}”.") }</p>
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
