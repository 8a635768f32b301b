//! Events in chronological order, grouped by year; undated events last.

use yew::prelude::*;

use crate::components::event_card;
use crate::state::AppHandle;

/// The events with these ids (in this order) grouped by year, or a message when there are none.
/// `selected` are the selected persons' ids; `onperson` filters by one person.
pub fn event_list(app: &AppHandle, events: &[String], selected: &[String], onperson: &Callback<String>) -> Html {
    let catalog = &app.state().catalog;
    if events.is_empty() {
        return html! { <p class="empty">{ "No events match these filters. Try “any of them”, a wider date range, or keeping undated events." }</p> };
    }
    // Group by the year an event starts in; open-ended starts and undated events get their own groups.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in events {
        let heading = match catalog.event(id).and_then(|e| e.date) {
            None => "Date not given".to_string(),
            Some(d) => match d.range().earliest {
                Some(day) => day.ymd().0.to_string(),
                None => "Open start".to_string(),
            },
        };
        match groups.last_mut() {
            Some((h, ids)) if *h == heading => ids.push(id.clone()),
            _ => groups.push((heading, vec![id.clone()])),
        }
    }
    let focus = app.state().focus.as_ref().map(|f| f.fact_id.clone());
    html! {
        <>
            { for groups.into_iter().map(|(heading, ids)| html! {
                <section class="year-group" key={heading.clone()} aria-label={heading.clone()}>
                    <h3 class="year">{ heading }</h3>
                    <ol class="events">
                        { for ids.iter().map(|id| event_card(app, id, selected, focus.as_deref() == Some(id.as_str()), onperson)) }
                    </ol>
                </section>
            }) }
        </>
    }
}
