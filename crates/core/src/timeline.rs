//! Events per month or year for the timeline strip. A bar counts every event whose interval
//! overlaps it, so a bar's height is exactly the number of events that selecting it (in the
//! default overlap mode) shows. A year-only date therefore counts in each month of its year.

use crate::catalog::EventRef;
use crate::date::{DateRange, Day};

/// The width of one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// One bar per calendar month.
    Month,
    /// One bar per calendar year.
    Year,
}

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    /// The bar's range as a filter bound: `2020-10` or `2020`.
    pub bound: String,
    /// A short label: `Oct 2020` or `2020`.
    pub label: String,
    /// Events overlapping the bar.
    pub count: usize,
    /// Of those, events whose dates are coarser than the bar or open-ended (they overlap it
    /// without being known to fall inside it).
    pub imprecise: usize,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The most months shown one bar per month; longer spans get one bar per year.
pub const MAX_MONTH_BARS: i32 = 60;

/// Bars covering the bounded dates of `events`, or none when no event has a bounded date.
pub fn histogram(events: &[EventRef<'_>]) -> (Granularity, Vec<Bin>) {
    let ranges: Vec<DateRange> = events.iter().filter_map(|e| e.date.map(|d| d.range())).collect();
    let firsts = ranges.iter().filter_map(|r| r.earliest);
    let lasts = ranges.iter().filter_map(|r| r.latest);
    let (Some(first), Some(last)) = (firsts.min(), lasts.max()) else { return (Granularity::Month, Vec::new()) };
    let ((y0, m0, _), (y1, m1, _)) = (first.ymd(), last.ymd());
    let months = (y1 - y0) * 12 + (m1 as i32 - m0 as i32) + 1;
    let granularity = if months <= MAX_MONTH_BARS { Granularity::Month } else { Granularity::Year };
    let mut bins = Vec::new();
    let (mut y, mut m) = (y0, if granularity == Granularity::Month { m0 } else { 1 });
    while (y, m) <= (y1, if granularity == Granularity::Month { m1 } else { 1 }) {
        let (bar, bound, label, next) = match granularity {
            Granularity::Month => {
                let start = Day::from_ymd(y, m, 1);
                let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                let end = Day::from_ymd(next.0, next.1, 1).map(|d| Day::from_days(d.days_since_epoch() - 1));
                (
                    DateRange { earliest: start, latest: end },
                    format!("{y:04}-{m:02}"),
                    format!("{} {y}", MONTHS[(m - 1) as usize]),
                    next,
                )
            }
            Granularity::Year => (
                DateRange { earliest: Day::from_ymd(y, 1, 1), latest: Day::from_ymd(y, 12, 31) },
                format!("{y:04}"),
                y.to_string(),
                (y + 1, 1),
            ),
        };
        let overlapping: Vec<&DateRange> = ranges.iter().filter(|r| r.overlaps(&bar)).collect();
        let imprecise = overlapping.iter().filter(|r| !r.is_within(&bar)).count();
        bins.push(Bin { bound, label, count: overlapping.len(), imprecise });
        (y, m) = next;
    }
    (granularity, bins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;
    use crate::filter::Filter;

    #[test]
    fn a_bar_counts_what_selecting_it_shows() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let all = catalog.all_events();
        let (granularity, bins) = histogram(&all);
        assert_eq!(granularity, Granularity::Month);
        assert_eq!(bins.first().map(|b| b.bound.as_str()), Some("2018-01"));
        assert_eq!(bins.last().map(|b| b.bound.as_str()), Some("2021-12"));
        assert_eq!(bins.len(), 48);
        for bin in &bins {
            let query = format!("from={0}&to={0}", bin.bound);
            let filter = Filter::parse(&query).unwrap_or_default();
            let selection = catalog.select(&filter).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(catalog.events(&selection).len(), bin.count, "{query}");
        }
        let april_2018 = bins.iter().find(|b| b.bound == "2018-04").map(|b| (b.count, b.imprecise));
        // The April 2018 escape fits the bar; the "2018" testimony only overlaps it.
        assert_eq!(april_2018, Some((2, 1)));
    }

    #[test]
    fn no_dates_no_bars() {
        assert!(histogram(&[]).1.is_empty());
    }
}
