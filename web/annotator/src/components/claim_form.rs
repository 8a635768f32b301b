//! The claim form: Speaker (a person, or a label such as "activists"), direct or reported speech,
//! what was said, when, and what it is about.

use factline_core::author::{Edit, Fact, Field, FieldProblems};
use factline_core::{Claim, Span};
use yew::prelude::*;

use super::{
    DateDraft, OnSave, date_fields, field, form_buttons, on_escape, on_multi_select, on_select, on_text, quoted,
};
use crate::state::Work;

/// What the claim form shows and changes.
#[derive(Properties, PartialEq)]
pub struct ClaimFormProps {
    /// The draft.
    pub work: Work,
    /// The selected words, for a new claim.
    pub span: Option<Span>,
    /// The id of the claim to edit; `None` for a new one.
    pub editing: Option<String>,
    /// Saves the edit.
    pub onsave: OnSave,
    /// Closes the form without saving.
    pub oncancel: Callback<()>,
}

fn initial(props: &ClaimFormProps) -> Claim {
    let existing = props.editing.as_deref().and_then(|id| props.work.draft.borrow().fact(id));
    match existing {
        Some(Fact::Claim(c)) => c,
        _ => {
            let span = props.span.clone();
            let words =
                span.as_ref().map(|s| s.exact.trim_matches(|c: char| c == '“' || c == '”' || c == '"').to_string());
            let direct = span.as_ref().is_some_and(|s| s.exact.contains(['“', '"']));
            Claim { direct, text: words.unwrap_or_default(), spans: span.into_iter().collect(), ..Claim::default() }
        }
    }
}

/// The claim form.
#[function_component(ClaimForm)]
pub fn claim_form(props: &ClaimFormProps) -> Html {
    let base = use_memo((), |_| initial(props));
    let speaker = use_state(|| base.speaker.clone().unwrap_or_default());
    let label = use_state(|| base.speaker_label.clone().unwrap_or_default());
    let direct = use_state(|| base.direct);
    let text = use_state(|| base.text.clone());
    let about = use_state(|| base.about.clone());
    let date = DateDraft {
        edtf: use_state(|| base.date.edtf.clone().unwrap_or_default()),
        basis: use_state(|| DateDraft::basis_shown(&base.date).to_string()),
        note: use_state(|| base.date.note.clone().unwrap_or_default()),
    };
    let problems = use_state(|| None::<FieldProblems>);
    let onsubmit = {
        let (base, speaker, label, direct, text, about, problems) = (
            base.clone(),
            speaker.clone(),
            label.clone(),
            direct.clone(),
            text.clone(),
            about.clone(),
            problems.clone(),
        );
        let (edtf, basis, note) = (date.edtf.clone(), date.basis.clone(), date.note.clone());
        let (onsave, editing) = (props.onsave.clone(), props.editing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = DateDraft { edtf: edtf.clone(), basis: basis.clone(), note: note.clone() };
            let mut claim = (*base).clone();
            claim.speaker = Some(speaker.to_string()).filter(|s| !s.is_empty());
            claim.speaker_label = Some(label.trim().to_string()).filter(|s| !s.is_empty());
            claim.direct = *direct;
            claim.text = text.trim().to_string();
            claim.about = (*about).clone();
            claim.date = date.to_date(claim.date.clone());
            let edit = match &editing {
                Some(id) => Edit::Replace { id: id.clone(), fact: Fact::Claim(claim) },
                None => Edit::Add(Fact::Claim(claim)),
            };
            if let Err(p) = onsave.emit(vec![edit]) {
                problems.set(Some(p));
            }
        })
    };
    let current = (*problems).as_ref();
    let speaker_shown = field::shown(current, Field::Speaker, "claim-speaker", None);
    let label_shown = field::shown(current, Field::SpeakerLabel, "claim-speaker-label", None);
    let text_shown = field::shown(current, Field::Text, "claim-text", None);
    let about_shown = field::shown(current, Field::About, "claim-about", Some("claim-about-hint"));
    let spans_shown = field::shown(current, Field::Spans, "claim-spans", None);
    let known = [
        Field::Speaker,
        Field::SpeakerLabel,
        Field::Direct,
        Field::Text,
        Field::About,
        Field::Date,
        Field::DateBasis,
        Field::DateNote,
        Field::Spans,
    ];
    let draft = props.work.draft.borrow();
    let d = draft.dataset();
    let set_direct = |value: bool| {
        let direct = direct.clone();
        Callback::from(move |_: Event| direct.set(value))
    };
    let heading = if props.editing.is_some() { "Edit claim" } else { "Add claim" };
    html! {
        <form class="fact-form" aria-labelledby="fact-form-heading" onsubmit={onsubmit} onkeydown={on_escape(&props.oncancel)} novalidate=true>
            <h2 id="fact-form-heading">{ heading }</h2>
            { quoted(base.spans.first()) }
            { spans_shown.error }
            { field::summary(current, &known) }
            <div class="field">
                <label for="claim-speaker">{ "Speaker" }</label>
                <select id="claim-speaker" onchange={on_select(&speaker)} aria-describedby={speaker_shown.described_by} aria-invalid={speaker_shown.invalid}>
                    <option value="" selected={speaker.is_empty()}>{ "No one listed (give a label below)" }</option>
                    { for d.persons.iter().map(|p| html! { <option value={p.id.clone()} selected={*speaker == p.id}>{ &p.name }</option> }) }
                    { for d.organizations.iter().map(|o| html! { <option value={o.id.clone()} selected={*speaker == o.id}>{ &o.name }</option> }) }
                </select>
                { speaker_shown.error }
            </div>
            <div class="field">
                <label for="claim-speaker-label">{ "Speaker as the article puts it" }</label>
                <input id="claim-speaker-label" type="text" value={(*label).clone()} oninput={on_text(&label)}
                    aria-describedby={label_shown.described_by} aria-invalid={label_shown.invalid} />
                { label_shown.error }
            </div>
            <fieldset class="field">
                <legend>{ "Speech" }</legend>
                <label class="choice"><input type="radio" name="claim-direct" checked={*direct} onchange={set_direct(true)} />{ " Direct (quoted words)" }</label>
                <label class="choice"><input type="radio" name="claim-direct" checked={!*direct} onchange={set_direct(false)} />{ " Reported" }</label>
            </fieldset>
            <div class="field">
                <label for="claim-text">{ "What was said" }</label>
                <textarea id="claim-text" rows="3" value={(*text).clone()} oninput={on_text(&text)}
                    aria-describedby={text_shown.described_by} aria-invalid={text_shown.invalid} />
                { text_shown.error }
            </div>
            { date_fields("claim", &date, current) }
            <div class="field">
                <label for="claim-about">{ "About" }</label>
                <select id="claim-about" multiple=true size="4" onchange={on_multi_select(&about)}
                    aria-describedby={about_shown.described_by} aria-invalid={about_shown.invalid}>
                    { for d.persons.iter().map(|p| (p.id.clone(), p.name.clone()))
                        .chain(d.events.iter().map(|e| (e.id.clone(), format!("Event: {}", e.summary))))
                        .map(|(id, name)| html! { <option value={id.clone()} selected={about.contains(&id)}>{ name }</option> }) }
                </select>
                <p class="hint" id="claim-about-hint">{ "The people and events it bears on; hold Ctrl or ⌘ to choose several." }</p>
                { about_shown.error }
            </div>
            { form_buttons("Save fact", &props.oncancel) }
        </form>
    }
}
