//! The pieces of the annotator's screens: the fact forms, the People combobox, the facts list.

pub mod claim_form;
pub mod event_form;
pub mod evidence_form;
pub mod facts_list;
pub mod field;
pub mod people_combobox;
pub mod person_form;

use factline_core::author::Field;
use factline_core::author::{Choice, Edit, FieldProblems, describe_date, forms};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Saves the edits of one save through the draft, all or none of them: `Ok` once accepted, or
/// the problems that refused one.
pub type OnSave = Callback<Vec<Edit>, Result<(), FieldProblems>>;

/// A callback that keeps a text field's (input or textarea) value in `state`.
pub fn on_text(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(target) = e.target() {
            // `value` is the same property on inputs and text areas.
            state.set(target.unchecked_into::<HtmlInputElement>().value());
        }
    })
}

/// A callback that keeps a select's value in `state`.
pub fn on_select(state: &UseStateHandle<String>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
            state.set(select.value());
        }
    })
}

/// A callback that keeps a multiple select's chosen values in `state`.
pub fn on_multi_select(state: &UseStateHandle<Vec<String>>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
            let options = select.selected_options();
            let values = (0..options.length())
                .filter_map(|i| options.item(i))
                .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                .map(|o| o.value())
                .collect();
            state.set(values);
        }
    })
}

/// The options of a native select, the current value selected.
pub fn options(choices: &[Choice], current: &str) -> Html {
    choices
        .iter()
        .map(|c| html! { <option value={c.value.clone()} selected={c.value == current}>{ &c.label }</option> })
        .collect()
}

/// Escape closes a form without saving.
pub fn on_escape(oncancel: &Callback<()>) -> Callback<KeyboardEvent> {
    let oncancel = oncancel.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            oncancel.emit(());
        }
    })
}

/// The date of an event or claim: what is typed, its basis, and a note.
pub struct DateDraft {
    /// The EDTF text.
    pub edtf: UseStateHandle<String>,
    /// The basis's value (`stated`…).
    pub basis: UseStateHandle<String>,
    /// The note.
    pub note: UseStateHandle<String>,
}

impl DateDraft {
    /// The basis the form starts with: an undated fact starts at "stated", so a date typed in is
    /// taken as the article's; saved without a date, it is "not given" again ([`DateDraft::to_date`]).
    pub fn basis_shown(date: &factline_core::EventDate) -> &'static str {
        match (date.edtf.as_deref(), date.basis) {
            (None, factline_core::DateBasis::NotGiven) => factline_core::DateBasis::Stated.as_str(),
            (_, basis) => basis.as_str(),
        }
    }

    /// The date as the format stores it; the basis follows the text when left at "not given".
    pub fn to_date(&self, mut date: factline_core::EventDate) -> factline_core::EventDate {
        let edtf = self.edtf.trim().to_string();
        date.basis =
            factline_core::DateBasis::ALL.into_iter().find(|b| b.as_str() == self.basis.as_str()).unwrap_or_default();
        if !edtf.is_empty() && date.basis == factline_core::DateBasis::NotGiven {
            date.basis = factline_core::DateBasis::Stated;
        }
        if edtf.is_empty() && date.basis == factline_core::DateBasis::Stated {
            date.basis = factline_core::DateBasis::NotGiven;
        }
        date.edtf = (!edtf.is_empty()).then_some(edtf);
        date.note = Some(self.note.trim().to_string()).filter(|n| !n.is_empty());
        date
    }
}

/// The Date (EDTF) field with its live description, the Date basis and the note.
pub fn date_fields(prefix: &str, date: &DateDraft, problems: Option<&FieldProblems>) -> Html {
    let id = format!("{prefix}-date");
    let description_id = format!("{id}-description");
    let shown = field::shown(problems, Field::Date, &id, Some(&description_id));
    let description = match describe_date(&date.edtf) {
        Ok(d) if date.edtf.trim().is_empty() => {
            format!("EDTF, such as 2020-10-30, 2019-10~ or 2020-07/2020-10-31; {}", d.summary)
        }
        Ok(d) => d.summary,
        Err(e) => e,
    };
    let basis_id = format!("{prefix}-date-basis");
    let basis = field::shown(problems, Field::DateBasis, &basis_id, None);
    let note_id = format!("{prefix}-date-note");
    let note = field::shown(problems, Field::DateNote, &note_id, None);
    html! {
        <fieldset class="date-fields">
            <legend>{ "When" }</legend>
            <div class="field">
                <label for={id.clone()}>{ "Date" }</label>
                <input id={id} type="text" autocomplete="off" spellcheck="false" value={(*date.edtf).clone()}
                    oninput={on_text(&date.edtf)} aria-describedby={shown.described_by} aria-invalid={shown.invalid} />
                <p class="hint" id={description_id} aria-live="polite">{ description }</p>
                { shown.error }
            </div>
            <div class="field">
                <label for={basis_id.clone()}>{ "Date basis" }</label>
                <select id={basis_id} onchange={on_select(&date.basis)} aria-describedby={basis.described_by} aria-invalid={basis.invalid}>
                    { options(&forms::date_bases(), &date.basis) }
                </select>
                { basis.error }
            </div>
            <div class="field">
                <label for={note_id.clone()}>{ "Date note" }</label>
                <input id={note_id} type="text" value={(*date.note).clone()} oninput={on_text(&date.note)}
                    aria-describedby={note.described_by} aria-invalid={note.invalid} />
                { note.error }
            </div>
        </fieldset>
    }
}

/// The buttons at the foot of a form.
pub fn form_buttons(save: &str, oncancel: &Callback<()>) -> Html {
    let oncancel = oncancel.clone();
    html! {
        <div class="form-buttons">
            <button type="submit" class="primary">{ save }</button>
            <button type="button" onclick={Callback::from(move |_: MouseEvent| oncancel.emit(()))}>{ "Cancel" }</button>
        </div>
    }
}

/// The quoted words a form is made from.
pub fn quoted(span: Option<&factline_core::Span>) -> Html {
    match span {
        Some(span) => html! { <blockquote class="form-quote">{ format!("“{}”", span.exact) }</blockquote> },
        None => Html::default(),
    }
}
