//! iCalendar (RFC 5545): one all-day entry per event that has a first and a last day iCalendar
//! can write. iCalendar dates are four-digit years from 1 to 9999, so undated and open-ended
//! events, and events before year 1 or ending in the last days of 9999, are left out, each with a
//! note saying why.

use crate::date::Day;
use crate::export::{EventRecord, Export};
use crate::query::catalog::{Catalog, EventRef};

/// The first day iCalendar can write.
fn first_writable() -> Option<Day> {
    Day::from_ymd(1, 1, 1)
}

/// The last day an all-day entry can cover: its exclusive end, the next day, must be writable too.
fn last_writable() -> Option<Day> {
    Day::from_ymd(9999, 12, 30)
}

/// The calendar, and a note for each event left out.
pub fn to_ics(catalog: &Catalog, events: &[EventRef<'_>]) -> Export {
    let stamp = catalog
        .dataset()
        .articles
        .first()
        .and_then(|a| Day::parse_iso(&a.published))
        .and_then(compact)
        .unwrap_or_else(|| "19700101".to_string());
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Factline//factline 1//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    let mut notes = Vec::new();
    for e in events {
        let id = &e.event.id;
        let Some(date) = e.date else {
            notes.push(format!("`{id}` is left out: the article gives no date, and a calendar entry needs one."));
            continue;
        };
        let range = date.range();
        let (Some(first), Some(last)) = (range.earliest, range.latest) else {
            notes.push(format!(
                "`{id}` is left out: its date ({}) is open-ended, and a calendar entry needs a first and a last day.",
                date.describe()
            ));
            continue;
        };
        let writable = first_writable().is_some_and(|f| first >= f) && last_writable().is_some_and(|l| last <= l);
        let (Some(start), Some(end)) = (compact(first).filter(|_| writable), compact(last.next())) else {
            notes.push(format!(
                "`{id}` is left out: its date ({}) is outside the years 1 to 9999 that iCalendar can write.",
                date.describe()
            ));
            continue;
        };
        let r = EventRecord::new(catalog, e);
        let marker = if r.derived { " (derived)" } else { "" };
        let mut description = format!("Date: {}{marker}.", r.date_label);
        if let Some(reasoning) = &r.reasoning {
            description.push_str(&format!("\nReasoning: {reasoning}"));
        }
        for quote in &r.quotes {
            description.push_str(&format!("\n“{quote}”"));
        }
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@factline", r.id));
        lines.push(format!("DTSTAMP:{stamp}T000000Z"));
        lines.push(format!("DTSTART;VALUE=DATE:{start}"));
        lines.push(format!("DTEND;VALUE=DATE:{end}"));
        lines.push(format!("SUMMARY:{}", ics_text(&format!("{}{marker}", r.summary))));
        lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
        lines.push(format!("CATEGORIES:{}", ics_text(e.event.kind.label())));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut body = String::new();
    for line in lines {
        body.push_str(&fold_line(&line));
    }
    Export { body, notes }
}

/// `YYYYMMDD`, for years 0 to 9999; `None` for others, which iCalendar cannot write.
fn compact(day: Day) -> Option<String> {
    let (y, m, d) = day.ymd();
    (0..=9999).contains(&y).then(|| format!("{y:04}{m:02}{d:02}"))
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
/// (CR, LF or both) as `\n`, and other control characters, which TEXT cannot hold, left out.
fn ics_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).
fn fold_line(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;
    use crate::query::Catalog;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?} is {} octets", physical.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_hold_no_bare_line_breaks_or_controls() {
        assert_eq!(ics_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(ics_text("one\rtwo\r\nthree"), "one\\ntwo\\nthree");
        assert_eq!(ics_text("bell\u{7} esc\u{1b}[0m"), "bell esc[0m");
    }

    /// Dates iCalendar cannot write are left out with a note, never written wrong.
    #[test]
    fn years_outside_1_to_9999_are_left_out_with_a_note() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let mut dataset = catalog.dataset().clone();
        let dates = ["-0044-03-15", "0000", "9999", "9999-12-30", "0001-01-01"];
        dataset.events.truncate(dates.len());
        for (event, date) in dataset.events.iter_mut().zip(dates) {
            event.date.edtf = Some(date.into());
            event.date.basis = crate::format::model::DateBasis::Stated;
            event.derived = None;
        }
        let catalog = Catalog::new_prevalidated(dataset);
        let export = to_ics(&catalog, &catalog.all_events());
        let starts: Vec<&str> =
            export.body.lines().filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:")).map(str::trim_end).collect();
        assert_eq!(starts, ["00010101", "99991230"]);
        assert!(!export.body.contains("DTSTART;VALUE=DATE:-") && !export.body.contains(":00440315"));
        assert_eq!(export.notes.len(), 3, "{:?}", export.notes);
        assert!(export.notes.iter().all(|n| n.contains("outside the years 1 to 9999")), "{:?}", export.notes);
        assert!(export.notes[0].contains("45 BCE"), "{:?}", export.notes);
        let ends: Vec<&str> =
            export.body.lines().filter_map(|l| l.strip_prefix("DTEND;VALUE=DATE:")).map(str::trim_end).collect();
        assert_eq!(ends, ["00010102", "99991231"]);
    }
}
