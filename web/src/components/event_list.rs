//! Events in chronological order, grouped by the year they start in; undated events last. A long
//! list is rendered in blocks of [`BLOCK`] events near the screen, with spacers standing in for
//! the rest (see [`crate::virtual_list`]); each card says its place in the whole list.

use factline_core::view::{EventCard, EventGroup};
use yew::prelude::*;

use crate::components::event_card;
use crate::virtual_list::BLOCK;

/// A run of one year's events within a block: the heading, whether the year began earlier, and
/// the events.
struct Run<'a> {
    heading: &'a str,
    continued: bool,
    cards: Vec<&'a EventCard>,
}

/// The events of a window of the list: `groups` hold events from `start` (counted from 0) of
/// `total`. `onperson` filters by one person; `onshow` shows a fact in the article.
pub fn event_list(groups: &[EventGroup], total: usize, onperson: &Callback<String>, onshow: &Callback<String>) -> Html {
    if total == 0 {
        return html! { <p class="empty">{ "No events match these filters. Try “any of them”, a wider date range, or keeping undated events." }</p> };
    }
    // Blocks of the window, each a run of year groups; a run is `continued` when its year began
    // in an earlier block.
    let mut blocks: Vec<(usize, Vec<Run>)> = Vec::new();
    for group in groups {
        for (i, card) in group.events.iter().enumerate() {
            let block = card.position.saturating_sub(1) / BLOCK;
            if blocks.last().is_none_or(|(b, _)| *b != block) {
                blocks.push((block, Vec::new()));
            }
            let Some((_, runs)) = blocks.last_mut() else { continue };
            match runs.last_mut() {
                Some(run) if run.heading == group.heading => run.cards.push(card),
                _ => runs.push(Run { heading: &group.heading, continued: i > 0 || group.continued, cards: vec![card] }),
            }
        }
    }
    html! {
        <div id="event-list" class="event-list">
            <div id="events-before" class="spacer" aria-hidden="true"></div>
            { for blocks.into_iter().map(|(block, runs)| html! {
                <div class="event-block" key={block} data-block={block.to_string()}>
                    { for runs.into_iter().map(|Run { heading, continued, cards }| {
                        // A year that began in an earlier block is named again, quietly, and its
                        // region says it continues (landmarks' names must differ).
                        let label = if continued { format!("{heading}, continued") } else { heading.to_string() };
                        html! {
                            <section class="year-group" aria-label={label}>
                                <h3 class={classes!("year", continued.then_some("continued"))}>{ heading }</h3>
                                <ol class="events">
                                    { for cards.into_iter().map(|card| event_card(card, total, onperson, onshow)) }
                                </ol>
                            </section>
                        }
                    }) }
                </div>
            }) }
            <div id="events-after" class="spacer" aria-hidden="true"></div>
        </div>
    }
}
