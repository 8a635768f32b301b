//! A form field's problems, as core says them ([`FieldProblems::on`]): shown beside the field,
//! named by its `aria-describedby`, and marking it `aria-invalid`.

use factline_core::author::{Field, FieldProblems};
use yew::prelude::*;

/// The messages of the problems beside `field`, joined; `None` when there are none.
pub fn problem(problems: Option<&FieldProblems>, field: Field) -> Option<String> {
    let messages: Vec<String> = problems?.on(field).map(|p| p.message.clone()).collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

/// What a field needs to show its problem: `aria-invalid`, `aria-describedby` and the message.
pub struct Shown {
    /// `"true"` when the field has a problem.
    pub invalid: Option<AttrValue>,
    /// The ids describing the field: its hint (if given) and its error.
    pub described_by: Option<AttrValue>,
    /// The error paragraph, or nothing.
    pub error: Html,
}

/// The problem of `field` for the control with id `id`; `hint` is the id of a hint that always describes it.
pub fn shown(problems: Option<&FieldProblems>, field: Field, id: &str, hint: Option<&str>) -> Shown {
    let message = problem(problems, field);
    let error_id = format!("{id}-error");
    let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
    if message.is_some() {
        ids.push(error_id.clone());
    }
    Shown {
        invalid: message.as_ref().map(|_| AttrValue::from("true")),
        described_by: (!ids.is_empty()).then(|| AttrValue::from(ids.join(" "))),
        error: match message {
            Some(m) => html! { <p class="field-error" id={error_id}>{ m }</p> },
            None => Html::default(),
        },
    }
}

/// The problems about other facts, or about no one field, for the top of a form.
pub fn summary(problems: Option<&FieldProblems>, fields: &[Field]) -> Html {
    let Some(problems) = problems else { return Html::default() };
    let rest: Vec<String> =
        problems.problems.iter().filter(|p| !p.own || !fields.contains(&p.field)).map(|p| p.to_string()).collect();
    let hidden = problems.total.saturating_sub(problems.problems.len());
    if rest.is_empty() && hidden == 0 {
        return html! { <p class="form-problems" role="alert">{ "Not saved: see the problems beside the fields." }</p> };
    }
    html! {
        <div class="form-problems" role="alert">
            <p>{ "Not saved:" }</p>
            <ul>{ for rest.into_iter().map(|m| html! { <li>{ m }</li> }) }</ul>
            if hidden > 0 { <p>{ format!("and {hidden} more problems") }</p> }
        </div>
    }
}
