//! The event list's grouping: by the year an event starts in; open-ended starts and undated
//! events get groups of their own, after the dated ones.

use crate::query::catalog::EventRef;

/// The heading of the group for events whose date has no start.
pub const OPEN_START: &str = "Open start";
/// The heading of the group for undated events.
pub const UNDATED: &str = "Date not given";

/// The heading an event is listed under.
pub fn heading(event: &EventRef<'_>) -> String {
    match event.date {
        None => UNDATED.to_string(),
        Some(d) => match d.range().earliest {
            Some(day) => day.ymd().0.to_string(),
            None => OPEN_START.to_string(),
        },
    }
}

/// Events in chronological order, cut into runs under the same heading.
pub fn by_year<'a>(events: &[EventRef<'a>]) -> Vec<(String, Vec<EventRef<'a>>)> {
    let mut groups: Vec<(String, Vec<EventRef<'a>>)> = Vec::new();
    for event in events {
        let h = heading(event);
        match groups.last_mut() {
            Some((last, members)) if *last == h => members.push(*event),
            _ => groups.push((h, vec![*event])),
        }
    }
    groups
}
