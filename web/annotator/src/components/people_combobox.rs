//! The People field: an ARIA combobox (an input with a popup listbox). Typing filters the
//! persons by name or alias through core's people search; choosing an option (click, or the arrow
//! keys and Enter) adds that person, shown below with a button to remove them. When no one has the
//! name typed, the one option makes a new person of it, anchored where the article names them.

use factline_core::author::NameOption;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::Work;

/// What the combobox shows and changes.
#[derive(Properties, PartialEq)]
pub struct PeopleComboboxProps {
    /// The draft whose persons it offers.
    pub work: Work,
    /// The ids chosen so far, with their names.
    pub chosen: Vec<(String, String)>,
    /// A person chosen.
    pub onchoose: Callback<NameOption>,
    /// A chosen person removed, by id.
    pub onremove: Callback<String>,
    /// A new person named as typed: the option to add, or why there can be none.
    pub oncreate: Callback<String, Result<NameOption, String>>,
    /// `aria-describedby` of the input, for its problems.
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// `aria-invalid` of the input.
    #[prop_or_default]
    pub invalid: Option<AttrValue>,
}

/// What the list offers: a person who exists, or a new one named as typed.
#[derive(Clone, PartialEq)]
enum Offer {
    Known(NameOption),
    New(String),
}

/// The People combobox.
#[function_component(PeopleCombobox)]
pub fn people_combobox(props: &PeopleComboboxProps) -> Html {
    let typed = use_state(String::new);
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    let refused = use_state(|| None::<String>);
    let options: Vec<Offer> = {
        let draft = props.work.draft.borrow();
        let found = draft.find_persons(&typed);
        let name = typed.trim();
        // Only when no one matches, so the list of matches stays the people themselves.
        let offer_new = !name.is_empty() && found.is_empty();
        let mut options: Vec<Offer> =
            found.into_iter().filter(|o| !props.chosen.iter().any(|(id, _)| *id == o.id)).map(Offer::Known).collect();
        if offer_new {
            options.push(Offer::New(name.to_string()));
        }
        options
    };
    let expanded = *open && !options.is_empty();
    let choose = {
        let (typed, open, active, refused) = (typed.clone(), open.clone(), active.clone(), refused.clone());
        let (onchoose, oncreate) = (props.onchoose.clone(), props.oncreate.clone());
        Callback::from(move |offer: Offer| {
            let option = match offer {
                Offer::Known(option) => option,
                Offer::New(name) => match oncreate.emit(name) {
                    Ok(option) => option,
                    Err(why) => {
                        refused.set(Some(why));
                        return;
                    }
                },
            };
            onchoose.emit(option);
            refused.set(None);
            typed.set(String::new());
            open.set(false);
            active.set(None);
        })
    };
    let oninput = {
        let (typed, open, active) = (typed.clone(), open.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                typed.set(input.value());
                open.set(true);
                active.set(None);
            }
        })
    };
    let onkeydown = {
        let (open, active, choose, options) = (open.clone(), active.clone(), choose.clone(), options.clone());
        Callback::from(move |e: KeyboardEvent| {
            let n = options.len();
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                "Enter" => {
                    // Enter chooses the active option rather than saving the form.
                    if let Some(option) = active.and_then(|i| options.get(i)).filter(|_| *open) {
                        e.prevent_default();
                        choose.emit(option.clone());
                    }
                }
                "Escape" if *open => {
                    // Closes the list only; a second Escape closes the form.
                    e.prevent_default();
                    e.stop_propagation();
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        })
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    let active_id = active.filter(|_| expanded).map(|i| AttrValue::from(format!("people-option-{i}")));
    let described_by = match (&props.described_by, refused.is_some()) {
        (Some(ids), true) => Some(AttrValue::from(format!("{ids} event-people-refused"))),
        (None, true) => Some(AttrValue::from("event-people-refused")),
        (ids, false) => ids.clone(),
    };
    html! {
        <div class="field combobox">
            <label for="event-people">{ "People" }</label>
            <input
                id="event-people"
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-expanded={if expanded { "true" } else { "false" }}
                aria-controls="people-listbox"
                aria-activedescendant={active_id}
                aria-describedby={described_by}
                aria-invalid={props.invalid.clone()}
                value={(*typed).clone()}
                {oninput}
                {onkeydown}
                {onfocus}
                {onblur}
            />
            <ul id="people-listbox" role="listbox" aria-label="People found" hidden={!expanded}>
                { for options.iter().enumerate().map(|(i, option)| {
                    let onmousedown = {
                        let (choose, option) = (choose.clone(), option.clone());
                        // Mouse down, before the input's blur closes the list.
                        Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            choose.emit(option.clone());
                        })
                    };
                    let selected = *active == Some(i);
                    let (label, alias, new) = match option {
                        Offer::Known(o) => (o.name.clone(), o.alias.clone(), false),
                        Offer::New(name) => (format!("New person: {name}"), None, true),
                    };
                    html! {
                        <li id={format!("people-option-{i}")} role="option" aria-label={label.clone()}
                            aria-selected={if selected { "true" } else { "false" }}
                            class={classes!(selected.then_some("active"), new.then_some("new"))} {onmousedown}>
                            { label }
                            if let Some(alias) = alias { <small>{ format!(" (also {alias})") }</small> }
                        </li>
                    }
                }) }
            </ul>
            if let Some(why) = &*refused {
                <p class="field-error" id="event-people-refused">{ format!("No new person: {why}") }</p>
            }
            if !props.chosen.is_empty() {
                <ul class="chosen" aria-label="People chosen">
                    { for props.chosen.iter().map(|(id, name)| {
                        let onclick = {
                            let (onremove, id) = (props.onremove.clone(), id.clone());
                            Callback::from(move |_: MouseEvent| onremove.emit(id.clone()))
                        };
                        html! {
                            <li>{ name }{ " " }<button type="button" class="link" aria-label={format!("Remove {name}")} {onclick}>{ "Remove" }</button></li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
