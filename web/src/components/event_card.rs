//! One event: its date as precise as it is known, kind, summary, people, derivation, quotes, and
//! "Show in article".

use factline_core::view::EventCard;
use yew::prelude::*;

/// The card for one event, keyed by its id and carrying `data-event-id` for tools and tests;
/// `total` is how many events the list has, for its place in it. `onperson` filters by one
/// person; `onshow` shows the event's spans in the article.
pub fn event_card(card: &EventCard, total: usize, onperson: &Callback<String>, onshow: &Callback<String>) -> Html {
    let heading_id = format!("event-{}", card.id);
    let show = {
        let (cb, id) = (onshow.clone(), card.id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let class = classes!("event", card.derived.is_some().then_some("is-derived"), card.focused.then_some("is-focused"));
    html! {
        <li key={card.id.clone()} class={class} id={format!("card-{}", card.id)} tabindex="-1" data-event-id={card.id.clone()} aria-labelledby={heading_id.clone()}
            aria-posinset={card.position.to_string()} aria-setsize={total.to_string()}>
            <div class="event-head">
                if let Some(datetime) = &card.datetime {
                    <time class="event-date" datetime={datetime.clone()}>{ &card.date_label }</time>
                } else {
                    <span class="event-date undated">{ &card.date_label }</span>
                }
                if let Some(p) = &card.precision {
                    <span class="badge precision">{ p }</span>
                }
                <h4 class="event-kind" id={heading_id.clone()}>{ &card.kind }</h4>
                if card.derived.is_some() {
                    <span class="badge derived">{ "Derived" }</span>
                }
                if card.expected {
                    <span class="badge expected">{ "Expected" }</span>
                }
                if card.alleged.is_some() {
                    <span class="badge alleged">{ "Alleged" }</span>
                }
            </div>
            if card.summary_hits.is_empty() {
                <p class="summary">{ &card.summary }</p>
            } else {
                <p class="summary">
                    { for card.summary_hits.iter().map(|p| if p.hit { html! { <mark class="hit">{ &p.text }</mark> } } else { html! { { &p.text } } }) }
                </p>
            }
            if !card.sources.is_empty() {
                <p class="sources">
                    if card.sources.len() > 1 {
                        <span class="badge sources">{ format!("{} sources", card.sources.len()) }</span>{ " " }
                    }
                    { format!("From {}", card.sources.join("; ")) }
                </p>
            }
            if let Some(alleged) = &card.alleged {
                <p class="alleged-by">{ format!("{alleged}; the article does not vouch for it.") }</p>
            }
            if let Some(bound) = &card.bound {
                <p class="date-basis">{ format!("Date — {bound}") }</p>
            }
            if !card.people.is_empty() {
                <p class="participants">
                    <span class="visually-hidden">{ "People: " }</span>
                    { for card.people.iter().map(|chip| {
                        let onclick = { let (cb, id) = (onperson.clone(), chip.id.clone()); Callback::from(move |_| cb.emit(id.clone())) };
                        html! {
                            <button type="button" class="chip" aria-pressed={chip.selected.to_string()} {onclick}
                                title={format!("Show only {}", chip.name)}>{ &chip.name }</button>
                        }
                    }) }
                </p>
            }
            if let Some(derived) = &card.derived {
                <div class="derivation">
                    <strong>{ "Derived, not stated. " }</strong>{ &derived.reasoning }
                    <span class="field-hint">{ format!("Rule: {}", derived.rule) }</span>
                </div>
            }
            if let Some(note) = &card.date_note {
                <p class="date-basis">{ format!("Date — {note}") }</p>
            }
            { for card.quotes.iter().map(|q| html! { <blockquote class="quote">{ format!("“{q}”") }</blockquote> }) }
            <div class="event-actions">
                <button type="button" class="link" onclick={show} aria-describedby={heading_id}>{ "Show in article" }</button>
            </div>
        </li>
    }
}
