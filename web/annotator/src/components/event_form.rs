//! The event form: Kind (the closed vocabulary, readable labels), the date, People, a place and
//! the Summary. Save fact sends the event to core, which checks it with the whole dataset; its
//! problems come back beside their fields.

use factline_core::author::{Edit, Fact, Field, FieldProblems, NameOption, forms};
use factline_core::{
    DateBasis, Derivation, Event, EventDate, EventKind, EventPlace, Participant, Person, Place, PlaceRole, Span,
};
use yew::prelude::*;

use super::people_combobox::PeopleCombobox;
use super::{
    DateDraft, OnSave, date_fields, field, form_buttons, on_escape, on_multi_select, on_select, on_text, options,
    quoted,
};
use crate::state::Work;

/// What the event form shows and changes.
#[derive(Properties, PartialEq)]
pub struct EventFormProps {
    /// The draft.
    pub work: Work,
    /// The selected words, for a new event.
    pub span: Option<Span>,
    /// The id of the event to edit; `None` for a new one.
    pub editing: Option<String>,
    /// Saves the edit.
    pub onsave: OnSave,
    /// Closes the form without saving.
    pub oncancel: Callback<()>,
}

/// The event being edited, or a new one from the selected words.
fn initial(props: &EventFormProps) -> Event {
    let existing = props.editing.as_deref().and_then(|id| props.work.draft.borrow().fact(id));
    match existing {
        Some(Fact::Event(e)) => e,
        _ => Event {
            id: String::new(),
            kind: EventKind::ALL[0],
            date: EventDate::default(),
            participants: Vec::new(),
            places: Vec::new(),
            summary: String::new(),
            status: Default::default(),
            alleged_by: Vec::new(),
            spans: props.span.iter().cloned().collect(),
            derived: None,
        },
    }
}

/// The event form.
#[function_component(EventForm)]
pub fn event_form(props: &EventFormProps) -> Html {
    let base = use_memo((), |_| initial(props));
    let kind = use_state(|| base.kind.as_str().to_string());
    let date = DateDraft {
        edtf: use_state(|| base.date.edtf.clone().unwrap_or_default()),
        basis: use_state(|| DateDraft::basis_shown(&base.date).to_string()),
        note: use_state(|| base.date.note.clone().unwrap_or_default()),
    };
    let people = use_state(|| {
        let draft = props.work.draft.borrow();
        base.participants
            .iter()
            .map(|p| {
                let name = draft
                    .dataset()
                    .persons
                    .iter()
                    .find(|x| x.id == p.entity)
                    .map_or(p.entity.clone(), |x| x.name.clone());
                (p.entity.clone(), name)
            })
            .collect::<Vec<(String, String)>>()
    });
    let place = use_state(|| {
        let draft = props.work.draft.borrow();
        base.places
            .first()
            .and_then(|p| draft.dataset().places.iter().find(|x| x.id == p.place))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let place_role = use_state(|| base.places.first().map_or(PlaceRole::OccurredIn, |p| p.role).as_str().to_string());
    let summary = use_state(|| base.summary.clone());
    let derived = use_state(|| base.derived.is_some());
    let rule = use_state(|| base.derived.as_ref().map(|d| d.rule.clone()).unwrap_or_default());
    let reasoning = use_state(|| base.derived.as_ref().map(|d| d.reasoning.clone()).unwrap_or_default());
    let rests_on = use_state(|| base.derived.as_ref().map(|d| d.from.clone()).unwrap_or_default());
    let problems = use_state(|| None::<FieldProblems>);

    let onchoose = {
        let people = people.clone();
        Callback::from(move |o: NameOption| {
            let mut list = (*people).clone();
            list.push((o.id, o.name));
            people.set(list);
        })
    };
    // People named in the People field who are new: added with the event, when it is saved.
    let new_people = use_state(Vec::<Person>::new);
    let oncreate = {
        let (work, new_people) = (props.work.clone(), new_people.clone());
        Callback::from(move |name: String| -> Result<NameOption, String> {
            let person = work.draft.borrow().person_named(&name).map_err(|e| e.message)?;
            let option =
                NameOption { id: person.id.clone(), name: person.name.clone(), alias: None, kind: Some(person.kind) };
            let mut list = (*new_people).clone();
            list.push(person);
            new_people.set(list);
            Ok(option)
        })
    };
    let onremove = {
        let people = people.clone();
        Callback::from(move |id: String| people.set(people.iter().filter(|(p, _)| *p != id).cloned().collect()))
    };
    let onsubmit = {
        let (base, kind, people, place, place_role, summary, problems) = (
            base.clone(),
            kind.clone(),
            people.clone(),
            place.clone(),
            place_role.clone(),
            summary.clone(),
            problems.clone(),
        );
        let (edtf, basis, note) = (date.edtf.clone(), date.basis.clone(), date.note.clone());
        let (onsave, editing, work) = (props.onsave.clone(), props.editing.clone(), props.work.clone());
        let (derived, rule, reasoning, rests_on) = (derived.clone(), rule.clone(), reasoning.clone(), rests_on.clone());
        let new_people = new_people.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = DateDraft { edtf: edtf.clone(), basis: basis.clone(), note: note.clone() };
            let mut event = (*base).clone();
            event.kind = EventKind::ALL.into_iter().find(|k| k.as_str() == kind.as_str()).unwrap_or(event.kind);
            event.date = date.to_date(event.date.clone());
            if event.date.edtf.is_none() && event.date.basis != DateBasis::NotGiven && basis.as_str() == "stated" {
                event.date.basis = DateBasis::NotGiven;
            }
            // Participants keep their roles; new ones are the event's subjects.
            event.participants = people
                .iter()
                .map(|(id, _)| {
                    base.participants
                        .iter()
                        .find(|p| p.entity == *id)
                        .cloned()
                        .unwrap_or_else(|| Participant { entity: id.clone(), role: "subject".into() })
                })
                .collect();
            event.summary = summary.trim().to_string();
            // Core refuses a derivation without its rule or reasoning, beside those fields.
            event.derived = derived.then(|| Derivation {
                rule: rule.trim().to_string(),
                reasoning: reasoning.trim().to_string(),
                from: (*rests_on).clone(),
            });
            let role =
                PlaceRole::ALL.into_iter().find(|r| r.as_str() == place_role.as_str()).unwrap_or(PlaceRole::OccurredIn);
            let place_name = place.trim().to_string();
            event.places.clear();
            // A new place and new people are facts of their own, saved with the event: all of
            // them or, if one is refused, none.
            let mut edits = Vec::new();
            if !place_name.is_empty() {
                let found = work.draft.borrow().place_named(&place_name).map(|p| p.id.clone());
                let id = match found {
                    Some(id) => id,
                    None => {
                        let id = work.draft.borrow().fresh_id(&place_name, "place");
                        let new = Place { id: id.clone(), name: place_name.clone(), ..Place::default() };
                        edits.push(Edit::Add(Fact::Place(new)));
                        id
                    }
                };
                event.places.push(EventPlace { place: id, role });
            }
            for person in new_people.iter().filter(|p| people.iter().any(|(id, _)| *id == p.id)) {
                edits.push(Edit::Add(Fact::Person(person.clone())));
            }
            edits.push(match &editing {
                Some(id) => Edit::Replace { id: id.clone(), fact: Fact::Event(event) },
                None => Edit::Add(Fact::Event(event)),
            });
            if let Err(p) = onsave.emit(edits) {
                problems.set(Some(p));
            }
        })
    };

    let current = (*problems).as_ref();
    let kind_shown = field::shown(current, Field::Kind, "event-kind", None);
    let people_shown = field::shown(current, Field::Participants, "event-people", None);
    let places_shown = field::shown(current, Field::Places, "event-place", None);
    let summary_shown = field::shown(current, Field::Summary, "event-summary", None);
    let spans_shown = field::shown(current, Field::Spans, "event-spans", None);
    let derived_shown = field::shown(current, Field::Derived, "event-derived-rule", Some("event-derived-hint"));
    let from_shown = field::shown(current, Field::DerivedFrom, "event-derived-from", None);
    let heading = if props.editing.is_some() { "Edit event" } else { "Add event" };
    let known = [
        Field::Kind,
        Field::Date,
        Field::DateBasis,
        Field::DateNote,
        Field::Participants,
        Field::Places,
        Field::Summary,
        Field::Derived,
        Field::DerivedFrom,
        Field::Spans,
    ];
    html! {
        <form class="fact-form" aria-labelledby="fact-form-heading" onsubmit={onsubmit} onkeydown={on_escape(&props.oncancel)} novalidate=true>
            <h2 id="fact-form-heading">{ heading }</h2>
            { quoted(base.spans.first()) }
            { spans_shown.error }
            { field::summary(current, &known) }
            <div class="field">
                <label for="event-kind">{ "Kind" }</label>
                <select id="event-kind" onchange={on_select(&kind)} aria-describedby={kind_shown.described_by} aria-invalid={kind_shown.invalid}>
                    { options(&forms::event_kinds(), &kind) }
                </select>
                { kind_shown.error }
            </div>
            { date_fields("event", &date, current) }
            <PeopleCombobox work={props.work.clone()} chosen={(*people).clone()} {onchoose} {onremove} {oncreate}
                described_by={people_shown.described_by} invalid={people_shown.invalid} />
            { people_shown.error }
            <div class="field-row">
                <div class="field">
                    <label for="event-place">{ "Place" }</label>
                    <input id="event-place" type="text" list="known-places" value={(*place).clone()} oninput={on_text(&place)}
                        aria-describedby={places_shown.described_by} aria-invalid={places_shown.invalid} />
                    <datalist id="known-places">
                        { for props.work.draft.borrow().dataset().places.iter().map(|p| html! { <option value={p.name.clone()} /> }) }
                    </datalist>
                </div>
                <div class="field">
                    <label for="event-place-role">{ "Place role" }</label>
                    <select id="event-place-role" onchange={on_select(&place_role)}>{ options(&forms::place_roles(), &place_role) }</select>
                </div>
            </div>
            { places_shown.error }
            <div class="field">
                <label for="event-summary">{ "Summary" }</label>
                <textarea id="event-summary" rows="3" value={(*summary).clone()} oninput={on_text(&summary)}
                    aria-describedby={summary_shown.described_by} aria-invalid={summary_shown.invalid} />
                { summary_shown.error }
            </div>
            <fieldset class="field derived-fields">
                <legend>{ "Derived" }</legend>
                <label class="choice">
                    <input type="checkbox" id="event-derived" checked={*derived}
                        onchange={{ let derived = derived.clone(); Callback::from(move |_: web_sys::Event| derived.set(!*derived)) }} />
                    { " The article implies this event rather than stating it" }
                </label>
                if *derived {
                    <p class="hint" id="event-derived-hint">{ "Name the rule, say the reasoning, and choose the facts it rests on." }</p>
                    <div class="field">
                        <label for="event-derived-rule">{ "Rule" }</label>
                        <input id="event-derived-rule" type="text" value={(*rule).clone()} oninput={on_text(&rule)}
                            aria-describedby={derived_shown.described_by.clone()} aria-invalid={derived_shown.invalid.clone()} />
                    </div>
                    <div class="field">
                        <label for="event-derived-reasoning">{ "Reasoning" }</label>
                        <textarea id="event-derived-reasoning" rows="2" value={(*reasoning).clone()} oninput={on_text(&reasoning)}
                            aria-describedby={derived_shown.described_by} aria-invalid={derived_shown.invalid} />
                        { derived_shown.error }
                    </div>
                    <div class="field">
                        <label for="event-derived-from">{ "Rests on" }</label>
                        <select id="event-derived-from" multiple=true size="4" onchange={on_multi_select(&rests_on)}
                            aria-describedby={from_shown.described_by} aria-invalid={from_shown.invalid}>
                            { for props.work.draft.borrow().dataset().events.iter().filter(|e| Some(&e.id) != props.editing.as_ref())
                                .map(|e| (e.id.clone(), format!("Event: {}", e.summary)))
                                .chain(props.work.draft.borrow().dataset().claims.iter().map(|c| (c.id.clone(), format!("Claim: {}", c.text))))
                                .map(|(id, name)| html! { <option value={id.clone()} selected={rests_on.contains(&id)}>{ name }</option> }) }
                        </select>
                        { from_shown.error }
                    </div>
                }
            </fieldset>
            { form_buttons("Save fact", &props.oncancel) }
        </form>
    }
}
