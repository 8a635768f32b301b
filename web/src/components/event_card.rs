//! One event: its date as precise as it is known, kind, summary, people, derivation, quotes, and
//! "show in article".

use factline_core::{DateBasis, EventStatus};
use yew::prelude::*;

use crate::state::AppHandle;

/// The card for event `id`, keyed by it and carrying `data-event-id` for tools and tests.
/// `selected` are the selected persons' ids, to mark their chips; `focused` says whether the reader
/// is showing this event's spans; `onperson` filters by one person.
pub fn event_card(app: &AppHandle, id: &str, selected: &[String], focused: bool, onperson: &Callback<String>) -> Html {
    let catalog = &app.state().catalog;
    let Some(e) = catalog.event(id) else { return Html::default() };
    let event = e.event;
    let label = factline_core::export::date_label(e.date);
    let precision = e.date.map(|d| d.precision_name());
    let datetime = e.date.and_then(|d| d.range().earliest).map(|d| d.to_string());
    let heading_id = format!("event-{}", event.id);
    let people = catalog.participant_persons(event);
    let basis = match event.date.basis {
        DateBasis::Stated => None,
        DateBasis::RelativeToPublication => Some("Relative to the publication date"),
        DateBasis::RelativeToEvent => Some("Counted from another event"),
        DateBasis::Inferred => Some("Inferred"),
        DateBasis::Derived => Some("Derived"),
        DateBasis::NotGiven => Some("Not given"),
    };
    let onshow = {
        let (app, id) = (app.clone(), event.id.clone());
        Callback::from(move |_| app.show_in_article(&id))
    };
    let class = classes!("event", event.derived.is_some().then_some("is-derived"), focused.then_some("is-focused"));
    html! {
        <li key={event.id.clone()} class={class} id={format!("card-{}", event.id)} data-event-id={event.id.clone()} aria-labelledby={heading_id.clone()}>
            <div class="event-head">
                if let Some(datetime) = datetime {
                    <time class="event-date" datetime={datetime}>{ &label }</time>
                } else {
                    <span class="event-date undated">{ &label }</span>
                }
                if let Some(p) = precision.filter(|p| *p != "day") {
                    <span class="badge precision">{ p }</span>
                }
                <h4 class="event-kind" id={heading_id}>{ event.kind.label() }</h4>
                if event.derived.is_some() {
                    <span class="badge derived">{ "Derived" }</span>
                }
                if event.status == EventStatus::Expected {
                    <span class="badge expected">{ "Expected" }</span>
                }
            </div>
            <p class="summary">{ &event.summary }</p>
            if !people.is_empty() {
                <p class="participants">
                    <span class="visually-hidden">{ "People: " }</span>
                    { for people.iter().map(|id| {
                        let onclick = { let (cb, id) = (onperson.clone(), id.to_string()); Callback::from(move |_| cb.emit(id.clone())) };
                        let pressed = selected.iter().any(|s| s == id);
                        html! {
                            <button type="button" class="chip" aria-pressed={pressed.to_string()} {onclick}
                                title={format!("Show only {}", catalog.name_of(id))}>{ catalog.name_of(id) }</button>
                        }
                    }) }
                </p>
            }
            if let Some(derived) = &event.derived {
                <div class="derivation">
                    <strong>{ "Derived, not stated. " }</strong>{ &derived.reasoning }
                    <span class="field-hint">{ format!("Rule: {}", derived.rule) }</span>
                </div>
            }
            if let (Some(basis), Some(note)) = (basis, &event.date.note) {
                <p class="date-basis">{ format!("Date — {basis}: {note}") }</p>
            }
            { for event.spans.iter().map(|s| html! { <blockquote class="quote">{ format!("“{}”", s.exact) }</blockquote> }) }
            <div class="event-actions">
                <button type="button" class="link" onclick={onshow} aria-describedby={format!("event-{}", event.id)}>{ "Show in article" }</button>
            </div>
        </li>
    }
}
