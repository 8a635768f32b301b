//! The evidence form: the selected words as one more span of an existing fact.

use factline_core::Span;
use factline_core::author::{Edit, Field, FieldProblems};
use yew::prelude::*;

use super::{OnSave, field, form_buttons, on_escape, on_select, quoted};
use crate::state::Work;

/// What the evidence form shows and changes.
#[derive(Properties, PartialEq)]
pub struct EvidenceFormProps {
    /// The draft.
    pub work: Work,
    /// The selected words.
    pub span: Span,
    /// Saves the edit.
    pub onsave: OnSave,
    /// Closes the form without saving.
    pub oncancel: Callback<()>,
}

/// The facts that take spans, each as (id, what the list says of it).
fn facts_with_spans(work: &Work) -> Vec<(String, String)> {
    let draft = work.draft.borrow();
    let d = draft.dataset();
    let persons = d.persons.iter().map(|p| (p.id.clone(), format!("Person: {}", p.name)));
    let events = d.events.iter().map(|e| (e.id.clone(), format!("Event: {}", e.summary)));
    let claims = d.claims.iter().map(|c| (c.id.clone(), format!("Claim: {}", c.text)));
    persons.chain(events).chain(claims).collect()
}

/// The evidence form.
#[function_component(EvidenceForm)]
pub fn evidence_form(props: &EvidenceFormProps) -> Html {
    let facts = facts_with_spans(&props.work);
    let fact = use_state(|| facts.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let problems = use_state(|| None::<FieldProblems>);
    let onsubmit = {
        let (fact, problems, onsave, span) = (fact.clone(), problems.clone(), props.onsave.clone(), props.span.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(p) = onsave.emit(vec![Edit::AddEvidence { id: (*fact).clone(), span: span.clone() }]) {
                problems.set(Some(p));
            }
        })
    };
    let current = (*problems).as_ref();
    let shown = field::shown(current, Field::Spans, "evidence-fact", None);
    html! {
        <form class="fact-form" aria-labelledby="fact-form-heading" onsubmit={onsubmit} onkeydown={on_escape(&props.oncancel)} novalidate=true>
            <h2 id="fact-form-heading">{ "Add evidence" }</h2>
            { quoted(Some(&props.span)) }
            { field::summary(current, &[Field::Spans]) }
            <div class="field">
                <label for="evidence-fact">{ "Fact these words support" }</label>
                <select id="evidence-fact" onchange={on_select(&fact)} aria-describedby={shown.described_by} aria-invalid={shown.invalid}>
                    { for facts.iter().map(|(id, label)| html! { <option value={id.clone()} selected={*fact == *id}>{ label }</option> }) }
                </select>
                { shown.error }
            </div>
            { form_buttons("Save evidence", &props.oncancel) }
        </form>
    }
}
