//! The person form: Name (prefilled from the selection), other names, kind, and members for a group.

use factline_core::author::{Edit, Fact, Field, FieldProblems, forms};
use factline_core::{Alias, AliasSource, Person, PersonKind, Span};
use yew::prelude::*;

use super::{OnSave, field, form_buttons, on_escape, on_multi_select, on_select, on_text, options, quoted};
use crate::state::Work;

/// What the person form shows and changes.
#[derive(Properties, PartialEq)]
pub struct PersonFormProps {
    /// The draft.
    pub work: Work,
    /// The selected words, for a new person.
    pub span: Option<Span>,
    /// The id of the person to edit; `None` for a new one.
    pub editing: Option<String>,
    /// Saves the edit.
    pub onsave: OnSave,
    /// Closes the form without saving.
    pub oncancel: Callback<()>,
}

fn initial(props: &PersonFormProps) -> Person {
    let draft = props.work.draft.borrow();
    match props.editing.as_deref().and_then(|id| draft.fact(id)) {
        Some(Fact::Person(p)) => p,
        _ => match &props.span {
            Some(span) => draft.person_from(span.clone()),
            None => Person::default(),
        },
    }
}

/// The person form.
#[function_component(PersonForm)]
pub fn person_form(props: &PersonFormProps) -> Html {
    let base = use_memo((), |_| initial(props));
    let name = use_state(|| base.name.clone());
    let aliases = use_state(|| base.aliases.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", "));
    let kind = use_state(|| base.kind.as_str().to_string());
    let members = use_state(|| base.members.clone());
    let problems = use_state(|| None::<FieldProblems>);
    let onsubmit = {
        let (base, name, aliases, kind, members, problems) =
            (base.clone(), name.clone(), aliases.clone(), kind.clone(), members.clone(), problems.clone());
        let (onsave, editing, work) = (props.onsave.clone(), props.editing.clone(), props.work.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut person = (*base).clone();
            person.name = name.trim().to_string();
            person.kind = PersonKind::ALL.into_iter().find(|k| k.as_str() == kind.as_str()).unwrap_or_default();
            person.members = if person.kind == PersonKind::Group { (*members).clone() } else { Vec::new() };
            // Other names are sourced to the article the words were selected in.
            let article = person
                .spans
                .first()
                .map(|s| s.article.clone())
                .or_else(|| work.draft.borrow().dataset().articles.first().map(|a| a.id.clone()))
                .unwrap_or_default();
            let typed: Vec<String> =
                aliases.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            person.aliases = typed
                .into_iter()
                .map(|n| {
                    base.aliases
                        .iter()
                        .find(|a| a.name == n)
                        .cloned()
                        .unwrap_or_else(|| Alias { name: n, source: AliasSource::Article { article: article.clone() } })
                })
                .collect();
            if editing.is_none() {
                // The id follows the name as corrected.
                person.id = String::new();
            }
            let edit = match &editing {
                Some(id) => Edit::Replace { id: id.clone(), fact: Fact::Person(person) },
                None => Edit::Add(Fact::Person(person)),
            };
            if let Err(p) = onsave.emit(vec![edit]) {
                problems.set(Some(p));
            }
        })
    };
    let current = (*problems).as_ref();
    let name_shown = field::shown(current, Field::Name, "person-name", None);
    let aliases_shown = field::shown(current, Field::Aliases, "person-aliases", Some("person-aliases-hint"));
    let kind_shown = field::shown(current, Field::Kind, "person-kind", None);
    let members_shown = field::shown(current, Field::Members, "person-members", None);
    let known = [Field::Name, Field::Aliases, Field::Kind, Field::Members, Field::Id];
    let heading = if props.editing.is_some() { "Edit person" } else { "Add person" };
    let draft = props.work.draft.borrow();
    let individuals: Vec<&Person> =
        draft.dataset().persons.iter().filter(|p| p.kind != PersonKind::Group && p.id != base.id).collect();
    html! {
        <form class="fact-form" aria-labelledby="fact-form-heading" onsubmit={onsubmit} onkeydown={on_escape(&props.oncancel)} novalidate=true>
            <h2 id="fact-form-heading">{ heading }</h2>
            { quoted(base.spans.first()) }
            { field::summary(current, &known) }
            <div class="field">
                <label for="person-name">{ "Name" }</label>
                <input id="person-name" type="text" value={(*name).clone()} oninput={on_text(&name)}
                    aria-describedby={name_shown.described_by} aria-invalid={name_shown.invalid} />
                { name_shown.error }
            </div>
            <div class="field">
                <label for="person-aliases">{ "Other names" }</label>
                <input id="person-aliases" type="text" value={(*aliases).clone()} oninput={on_text(&aliases)}
                    aria-describedby={aliases_shown.described_by} aria-invalid={aliases_shown.invalid} />
                <p class="hint" id="person-aliases-hint">{ "Other spellings in the article, separated by commas." }</p>
                { aliases_shown.error }
            </div>
            <div class="field">
                <label for="person-kind">{ "Kind of person" }</label>
                <select id="person-kind" onchange={on_select(&kind)} aria-describedby={kind_shown.described_by} aria-invalid={kind_shown.invalid}>
                    { options(&forms::person_kinds(), &kind) }
                </select>
                { kind_shown.error }
            </div>
            if *kind == PersonKind::Group.as_str() {
                <div class="field">
                    <label for="person-members">{ "Members" }</label>
                    <select id="person-members" multiple=true size="4" onchange={on_multi_select(&members)}
                        aria-describedby={members_shown.described_by} aria-invalid={members_shown.invalid}>
                        { for individuals.iter().map(|p| html! { <option value={p.id.clone()} selected={members.contains(&p.id)}>{ &p.name }</option> }) }
                    </select>
                    { members_shown.error }
                </div>
            }
            { form_buttons("Save person", &props.oncancel) }
        </form>
    }
}
