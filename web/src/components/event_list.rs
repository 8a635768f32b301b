//! Events in chronological order, grouped by year; undated events last.

use yew::prelude::*;

use crate::components::EventCard;
use crate::state::use_app;

/// Props of [`EventList`].
#[derive(Properties, PartialEq)]
pub struct EventListProps {
    /// Ids of the events to show, in order.
    pub events: Vec<String>,
    /// Ids of the selected persons.
    pub selected: Vec<String>,
    /// Filter by one person.
    pub onperson: Callback<String>,
}

/// The grouped list, or a message when nothing matches.
#[function_component]
pub fn EventList(props: &EventListProps) -> Html {
    let app = use_app();
    let catalog = &app.state().catalog;
    if props.events.is_empty() {
        return html! { <p class="empty">{ "No events match these filters. Try “any of them”, a wider date range, or keeping undated events." }</p> };
    }
    // Group by the year an event starts in; open-ended starts and undated events get their own groups.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in &props.events {
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
                        { for ids.into_iter().map(|id| html! {
                            <EventCard key={id.clone()} id={id.clone()} selected={props.selected.clone()}
                                focused={focus.as_deref() == Some(id.as_str())} onperson={props.onperson.clone()} />
                        }) }
                    </ol>
                </section>
            }) }
        </>
    }
}
