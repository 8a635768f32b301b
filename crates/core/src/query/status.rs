//! A person's status on a given day ("detained", "refugee status, valid until about Oct 30, 2021"),
//! read off their dated events. Only what the events support is said; undated events do not count.

use crate::date::Day;
use crate::format::model::EventKind;
use crate::query::catalog::{Catalog, EventRef};

/// What the dataset supports saying about a person on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// For a reader: "refugee status (valid until about Oct 30, 2021, derived)".
    pub label: String,
    /// The event the status comes from.
    pub since_event: String,
    /// The event that ends it, if any (such as a derived expiry).
    pub until_event: Option<String>,
    /// Whether any part of it rests on a derived fact.
    pub derived: bool,
}

/// The kinds of event that change a status, in words, for saying that none is dated.
pub const STATUS_KINDS_TEXT: &str = "detention, conviction, release, refugee status, asylum, relocation";

/// Whether a kind of event starts a lasting status, and its name.
fn status_name(kind: EventKind) -> Option<&'static str> {
    Some(match kind {
        EventKind::Detention => "detained",
        EventKind::Conviction => "convicted",
        EventKind::Release => "released",
        EventKind::RefugeeStatusGranted => "refugee status",
        EventKind::AsylumGranted => "granted a haven",
        EventKind::AsylumDenied => "denied asylum",
        EventKind::Relocation => "relocated",
        _ => return None,
    })
}

impl Catalog {
    /// The person's status on `day`: the latest status-changing event that has certainly begun by
    /// then (its first day is on or before `day`). A refugee status runs until its expiry event, if
    /// the dataset has one; after that it is reported as expired unless extended.
    pub fn status_on(&self, person_id: &str, day: Day) -> Option<Status> {
        let events = self.person_events(person_id);
        let started = |e: &EventRef<'_>| e.date.and_then(|d| d.range().earliest).is_some_and(|first| first <= day);
        let current = events.iter().rev().find(|e| started(e) && status_name(e.event.kind).is_some())?;
        let name = status_name(current.event.kind)?;
        let mut status = Status {
            label: name.to_string(),
            since_event: current.event.id.clone(),
            until_event: None,
            derived: current.event.derived.is_some(),
        };
        if current.event.kind == EventKind::RefugeeStatusGranted {
            // The expiry that ends this grant: one derived from it, or a stated one that comes after it.
            let grant_rank = self.chronological_rank(current.index);
            let expiry = events.iter().find(|e| {
                e.event.kind == EventKind::RefugeeStatusExpiry
                    && match &e.event.derived {
                        Some(derivation) => derivation.from.contains(&current.event.id),
                        None => self.chronological_rank(e.index) > grant_rank,
                    }
            });
            if let Some(expiry) = expiry {
                let derived = expiry.event.derived.is_some();
                let marker = if derived { ", derived" } else { "" };
                let when = expiry.date.map_or_else(|| "a date not given".to_string(), |d| d.describe());
                let ended = expiry.date.and_then(|d| d.range().latest).is_some_and(|last| last < day);
                status.label = if ended {
                    format!("refugee status expired {when}, unless extended{marker}")
                } else {
                    format!("refugee status (valid until {when}{marker})")
                };
                status.until_event = Some(expiry.event.id.clone());
                status.derived |= derived;
            }
        }
        Some(status)
    }
}

impl Catalog {
    /// The person's status-changing events that the article does not date, so a reader can be
    /// told what is known but cannot be placed on a day.
    pub fn undated_status_events(&self, person_id: &str) -> Vec<EventRef<'_>> {
        self.person_events(person_id)
            .into_iter()
            .filter(|e| e.date.is_none() && status_name(e.event.kind).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::date::Day;
    use crate::embedded::default_catalog;

    fn check(person: &str, day: &str, expected: Option<&str>) {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let day = Day::parse_iso(day).unwrap_or_else(|| panic!("bad day {day}"));
        let status = catalog.status_on(person, day);
        assert_eq!(status.as_ref().map(|s| s.label.as_str()), expected, "{person} on {day}");
    }

    #[test]
    fn statuses_follow_dated_events() {
        check("kaisha-akhan", "2020-10-29", None);
        check("kaisha-akhan", "2020-10-30", Some("refugee status (valid until Oct 29, 2021 – Oct 30, 2021, derived)"));
        // The year runs out on the day before the anniversary or on the anniversary: until both
        // have passed, it is not said to have expired.
        check("kaisha-akhan", "2021-10-30", Some("refugee status (valid until Oct 29, 2021 – Oct 30, 2021, derived)"));
        check(
            "kaisha-akhan",
            "2021-10-31",
            Some("refugee status expired Oct 29, 2021 – Oct 30, 2021, unless extended, derived"),
        );
        check(
            "kaster-musakhan",
            "2021-10-17",
            Some("refugee status expired Oct 15, 2021 – Oct 16, 2021, unless extended, derived"),
        );
        check("kaster-musakhan", "2020-01-15", Some("detained"));
        check("kaster-musakhan", "2019-09-30", None);
        check("sayragul-sauytbay", "2018-06-01", None);
        // An id is an id: a prefix that would resolve as a filter reference names nobody here.
        check("kaisha", "2020-10-30", None);
    }

    #[test]
    fn undated_statuses_are_listed_not_placed() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> =
            catalog.undated_status_events("sayragul-sauytbay").iter().map(|e| e.event.id.as_str()).collect();
        assert_eq!(ids, ["sauytbay-asylum-denied", "sauytbay-leaves-for-sweden", "sauytbay-haven-in-sweden"]);
    }
}
