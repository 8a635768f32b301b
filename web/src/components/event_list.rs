//! Events in chronological order, grouped by the year they start in; undated events last.

use factline_core::view::EventGroup;
use yew::prelude::*;

use crate::components::event_card;

/// The groups of events, or a message when there are none. `onperson` filters by one person;
/// `onshow` shows a fact in the article.
pub fn event_list(groups: &[EventGroup], onperson: &Callback<String>, onshow: &Callback<String>) -> Html {
    if groups.is_empty() {
        return html! { <p class="empty">{ "No events match these filters. Try “any of them”, a wider date range, or keeping undated events." }</p> };
    }
    html! {
        <>
            { for groups.iter().map(|group| html! {
                <section class="year-group" key={group.heading.clone()} aria-label={group.heading.clone()}>
                    <h3 class="year">{ &group.heading }</h3>
                    <ol class="events">
                        { for group.events.iter().map(|card| event_card(card, onperson, onshow)) }
                    </ol>
                </section>
            }) }
        </>
    }
}
