//! Events per month or year for the timeline strip. A bar counts every event whose interval
//! overlaps it, so a bar's height is exactly the number of events that selecting it (in the
//! default overlap mode) shows. A year-only date therefore counts in each month of its year.
//!
//! Each event is placed by arithmetic on its first and last day, so the bars cost time linear in
//! the events and the bars, whatever the corpus.

use serde::{Deserialize, Serialize};

use crate::date::{DateBound, DateRange, Day};
use crate::query::catalog::EventRef;
use crate::query::filter::Filter;

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    /// The bar's month or year, as a filter bound (`2020-10`, `2020`): selecting the bar sets
    /// the range from this bound to this bound.
    pub bound: DateBound,
    /// A short label: `Oct 2020` or `2020`.
    pub label: String,
    /// The bar in words, for screen readers: `Oct 2020: 3 events, 1 with a wider or open date`.
    pub description: String,
    /// Events overlapping the bar.
    pub count: usize,
    /// Of those, events whose dates are coarser than the bar or open-ended (they overlap it
    /// without being known to fall inside it).
    pub imprecise: usize,
    /// Whether the bar overlaps the filter's date range.
    pub in_range: bool,
    /// The year, on the bars where the axis names one (each January, or every bar of years).
    pub axis_label: Option<String>,
}

/// The width of one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// One bar per calendar month.
    Month,
    /// One bar per calendar year.
    Year,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The most months shown one bar per month; longer spans get one bar per year.
pub const MAX_MONTH_BARS: i32 = 60;

/// Bars covering the bounded dates of `events`, or none when no event has a bounded date;
/// `filter` marks the bars its range overlaps.
pub fn bars(events: &[EventRef<'_>], filter: &Filter) -> Vec<Bar> {
    histogram(events, filter.date_range()).1
}

/// The bars and their granularity.
pub fn histogram(events: &[EventRef<'_>], range: Option<DateRange>) -> (Granularity, Vec<Bar>) {
    let ranges: Vec<DateRange> = events.iter().filter_map(|e| e.date.map(|d| d.range())).collect();
    let (Some(first), Some(last)) =
        (ranges.iter().filter_map(|r| r.earliest).min(), ranges.iter().filter_map(|r| r.latest).max())
    else {
        return (Granularity::Month, Vec::new());
    };
    let ((y0, m0, _), (y1, m1, _)) = (first.ymd(), last.ymd());
    let months = (y1 - y0) * 12 + (m1 as i32 - m0 as i32) + 1;
    let granularity = if months <= MAX_MONTH_BARS { Granularity::Month } else { Granularity::Year };
    let n = match granularity {
        Granularity::Month => months,
        Granularity::Year => y1 - y0 + 1,
    }
    .max(1) as usize;
    let bin_of = |day: Day| -> usize {
        let (y, m, _) = day.ymd();
        let i = match granularity {
            Granularity::Month => (y - y0) * 12 + (m as i32 - m0 as i32),
            Granularity::Year => y - y0,
        };
        i.clamp(0, n as i32 - 1) as usize
    };
    // Each event adds one to the bars from its first to its last; a difference array sums them.
    let mut starts = vec![0i64; n + 1];
    let mut precise = vec![0usize; n];
    for r in &ranges {
        let a = r.earliest.map_or(0, bin_of);
        let b = r.latest.map_or(n - 1, bin_of);
        starts[a] += 1;
        starts[b + 1] -= 1;
        if a == b && r.earliest.is_some() && r.latest.is_some() {
            precise[a] += 1;
        }
    }
    let mut running = 0i64;
    let bars = (0..n)
        .filter_map(|i| {
            running += starts[i];
            let count = running.max(0) as usize;
            let (y, m) = match granularity {
                Granularity::Month => {
                    let total = y0 * 12 + (m0 as i32 - 1) + i as i32;
                    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
                }
                Granularity::Year => (y0 + i as i32, 1),
            };
            let (bound_text, label, axis_label) = match granularity {
                Granularity::Month => (
                    format!("{}-{m:02}", year_text(y)),
                    format!("{} {}", MONTHS[(m - 1) as usize], y),
                    (m == 1).then(|| y.to_string()),
                ),
                Granularity::Year => (year_text(y), y.to_string(), Some(y.to_string())),
            };
            let bound = DateBound::parse(&bound_text).ok()?;
            let bar_range = DateRange { earliest: Some(bound.first_day()), latest: Some(bound.last_day()) };
            let imprecise = count - precise[i].min(count);
            let description = format!(
                "{label}: {count} event{}{}",
                if count == 1 { "" } else { "s" },
                if imprecise > 0 { format!(", {imprecise} with a wider or open date") } else { String::new() }
            );
            Some(Bar {
                in_range: range.is_some_and(|r| r.overlaps(&bar_range)),
                bound,
                label,
                description,
                count,
                imprecise,
                axis_label,
            })
        })
        .collect();
    (granularity, bars)
}

/// A year as EDTF writes it: four digits, with a minus sign before 0.
fn year_text(year: i32) -> String {
    if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;

    #[test]
    fn a_bar_counts_what_selecting_it_shows() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let all = catalog.all_events();
        let (granularity, bars) = histogram(&all, None);
        assert_eq!(granularity, Granularity::Month);
        assert_eq!(bars.first().map(|b| b.bound.as_str()), Some("2018-01"));
        assert_eq!(bars.last().map(|b| b.bound.as_str()), Some("2021-12"));
        assert_eq!(bars.len(), 48);
        for bar in &bars {
            let query = format!("from={0}&to={0}", bar.bound);
            let filter = Filter::parse(&query).unwrap_or_default();
            let selection = catalog.select(&filter).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(catalog.events(&selection).len(), bar.count, "{query}");
            assert!(!bar.in_range, "no range is set");
        }
        let april_2018 = bars.iter().find(|b| b.bound.as_str() == "2018-04");
        // The April 2018 escape fits the bar; the "2018" testimony only overlaps it.
        assert_eq!(april_2018.map(|b| (b.count, b.imprecise)), Some((2, 1)));
        assert_eq!(april_2018.map(|b| b.description.as_str()), Some("Apr 2018: 2 events, 1 with a wider or open date"));
        let axis: Vec<&str> = bars.iter().filter_map(|b| b.axis_label.as_deref()).collect();
        assert_eq!(axis, ["2018", "2019", "2020", "2021"]);
    }

    #[test]
    fn bars_in_a_range_are_marked_by_their_days() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let filter = Filter::parse("from=2020-10-15&to=2021").unwrap_or_default();
        let marked: Vec<String> =
            bars(&catalog.all_events(), &filter).iter().filter(|b| b.in_range).map(|b| b.bound.to_string()).collect();
        assert_eq!(marked.first().map(String::as_str), Some("2020-10"));
        assert_eq!(marked.last().map(String::as_str), Some("2021-12"));
        assert_eq!(marked.len(), 15);
    }

    #[test]
    fn long_spans_get_a_bar_per_year_and_no_dates_no_bars() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let mut dataset = catalog.dataset().clone();
        dataset.events[0].date.edtf = Some("1990".into());
        let catalog = crate::query::Catalog::new_prevalidated(dataset);
        let (granularity, bars) = histogram(&catalog.all_events(), None);
        assert_eq!(granularity, Granularity::Year);
        assert_eq!(bars.first().map(|b| b.bound.as_str()), Some("1990"));
        assert_eq!(bars.len(), 2021 - 1990 + 1);
        assert!(histogram(&[], None).1.is_empty());
    }
}
