//! The facts made so far, by kind, each with Edit and Delete.

use factline_core::author::describe_date;
use yew::prelude::*;

use crate::state::{Form, Work};

/// One listed fact: its id, what the list says of it, and the form that edits it (none for places).
struct Listed {
    id: String,
    text: String,
    form: Option<Form>,
}

fn group(title: &str, id: &str, items: Vec<Listed>, onedit: &Callback<Form>, ondelete: &Callback<String>) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    html! {
        <section class="facts-group" aria-labelledby={id.to_string()}>
            <h3 id={id.to_string()}>{ format!("{title} ({})", items.len()) }</h3>
            <ul>
                { for items.into_iter().map(|item| {
                    let edit = item.form.map(|form| {
                        let onedit = onedit.clone();
                        let label = format!("Edit {}", item.text);
                        html! {
                            <button type="button" id={format!("edit-{}", item.id)} aria-label={label}
                                onclick={Callback::from(move |_: MouseEvent| onedit.emit(form.clone()))}>{ "Edit" }</button>
                        }
                    });
                    let ondelete = {
                        let (ondelete, id) = (ondelete.clone(), item.id.clone());
                        Callback::from(move |_: MouseEvent| ondelete.emit(id.clone()))
                    };
                    html! {
                        <li data-fact-id={item.id.clone()}>
                            <span class="fact-text">{ &item.text }</span>
                            <span class="fact-actions">
                                { for edit }
                                <button type="button" aria-label={format!("Delete {}", item.text)} onclick={ondelete}>{ "Delete" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The list of facts.
pub fn facts_list(work: &Work, onedit: &Callback<Form>, ondelete: &Callback<String>) -> Html {
    let draft = work.draft.borrow();
    let d = draft.dataset();
    let persons = d
        .persons
        .iter()
        .map(|p| Listed { id: p.id.clone(), text: p.name.clone(), form: Some(Form::Person(Some(p.id.clone()))) })
        .collect();
    let events = d
        .events
        .iter()
        .map(|e| {
            let date = describe_date(e.date.edtf.as_deref().unwrap_or_default()).map(|d| d.label).unwrap_or_default();
            Listed {
                id: e.id.clone(),
                text: format!("{} — {}: {}", date, e.kind.label(), e.summary),
                form: Some(Form::Event(Some(e.id.clone()))),
            }
        })
        .collect();
    let claims = d
        .claims
        .iter()
        .map(|c| {
            let speaker = c
                .speaker_label
                .clone()
                .or_else(|| {
                    c.speaker.as_ref().and_then(|s| d.persons.iter().find(|p| p.id == *s)).map(|p| p.name.clone())
                })
                .unwrap_or_default();
            Listed {
                id: c.id.clone(),
                text: format!("{speaker}: “{}”", c.text),
                form: Some(Form::Claim(Some(c.id.clone()))),
            }
        })
        .collect();
    let named = |id: &str, name: &str| Listed { id: id.to_string(), text: name.to_string(), form: None };
    let organizations = d.organizations.iter().map(|o| named(&o.id, &o.name)).collect();
    let places = d.places.iter().map(|p| named(&p.id, &p.name)).collect();
    let total = d.fact_count();
    html! {
        <section class="panel facts" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{ format!("Facts ({total})") }</h2>
            if total == 0 {
                <p class="hint">{ "None yet. Select words of the article, then add a person, an event or a claim." }</p>
            }
            { group("People", "facts-people", persons, onedit, ondelete) }
            { group("Events", "facts-events", events, onedit, ondelete) }
            { group("Claims", "facts-claims", claims, onedit, ondelete) }
            { group("Organizations", "facts-organizations", organizations, onedit, ondelete) }
            { group("Places", "facts-places", places, onedit, ondelete) }
        </section>
    }
}
