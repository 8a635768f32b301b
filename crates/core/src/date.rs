//! Dates as the article gives them: EDTF (ISO 8601-2, Level 0 and 1) strings that keep their
//! precision and qualifiers, each resolving to an inclusive interval of days for filtering. Days
//! are the finest unit: Level 0's date-times (`2020-10-05T10:00:00`) are refused, saying so, since
//! a time of day would reach every place a date is compared, shown or exported.
//!
//! Qualifiers (`?`, `~`, `%`) never widen the interval: a date written `2019-10~` covers the days of
//! October 2019 and is *shown* as approximate. A dataset that wants a wider window writes an interval.

use std::fmt;

/// A day of the proleptic Gregorian calendar, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// The earliest year a date may have; EDTF's four-digit years (Level 1 also allows a minus sign).
pub const MIN_YEAR: i32 = -9999;
/// The latest year a date may have.
pub const MAX_YEAR: i32 = 9999;

impl Day {
    /// The day for a calendar date, or `None` when the month or day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// Year, month and day of this day.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The day after.
    pub fn next(self) -> Day {
        Day(self.0 + 1)
    }

    /// The day `days` after 1970-01-01 (before it, if negative).
    pub fn from_days(days: i32) -> Day {
        Day(days)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The same calendar day `years` later; 29 February becomes 28 February in a common year.
    pub fn add_years(self, years: i32) -> Option<Day> {
        let (y, m, d) = self.ymd();
        let y = y.checked_add(years)?;
        Day::from_ymd(y, m, d.min(days_in_month(y, m)))
    }

    /// Parses an ISO calendar day `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Day> {
        match Edtf::parse(text).ok()?.kind {
            EdtfKind::Single(point) if point.precision == Precision::Day && point.qualifier == Qualifier::None => {
                Some(point.earliest)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`, with a minus sign before years BCE-style negative years.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        if y < 0 { write!(f, "-{:04}-{m:02}-{d:02}", -y) } else { write!(f, "{y:04}-{m:02}-{d:02}") }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-calendar algorithms; exact for every year in MIN_YEAR..=MAX_YEAR.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe as i32 + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// How finely a single date is known. Ordered from finest to coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `2020-10-30`
    Day,
    /// `2020-10`, or `2020-10-XX`
    Month,
    /// `2020-21` (spring) to `2020-24` (winter)
    Season,
    /// `2020`, or `2020-XX`, `2020-XX-XX`
    Year,
    /// `201X`
    Decade,
    /// `20XX`
    Century,
}

impl Precision {
    /// The lowercase name used in JSON output: `day`, `month`, `season`, `year`, `decade`, `century`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// EDTF's whole-date qualification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// Stated plainly.
    #[default]
    None,
    /// `?`: the source is unsure of it.
    Uncertain,
    /// `~`: about this date.
    Approximate,
    /// `%`: both uncertain and approximate.
    UncertainApproximate,
}

impl Qualifier {
    /// The words added to a displayed date, if any: `approx.`, `uncertain`, `approx., uncertain`.
    pub fn words(self) -> Option<&'static str> {
        match self {
            Qualifier::None => None,
            Qualifier::Uncertain => Some("uncertain"),
            Qualifier::Approximate => Some("approx."),
            Qualifier::UncertainApproximate => Some("approx., uncertain"),
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::UncertainApproximate => "%",
        }
    }
}

/// One EDTF date (not an interval), resolved to its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// First day the date covers.
    pub earliest: Day,
    /// Last day the date covers (inclusive).
    pub latest: Day,
    /// How finely it is known.
    pub precision: Precision,
    /// Uncertain and/or approximate.
    pub qualifier: Qualifier,
}

/// One end of an EDTF interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalEnd {
    /// A date.
    Known(DatePoint),
    /// `..`: the interval runs on without bound in this direction.
    Open,
    /// Empty: this end exists but is not known.
    Unknown,
}

/// A parsed EDTF value: a single date or an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdtfKind {
    /// `2020-10`, `2019-10~`, ...
    Single(DatePoint),
    /// `2020-07/2020-10-31`, `2020/..`, `/2021`
    Interval(IntervalEnd, IntervalEnd),
}

/// An EDTF string with its parse. Keeps the text exactly as written so round trips are lossless.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edtf {
    text: String,
    kind: EdtfKind,
}

/// An inclusive span of days; `None` at an end means unbounded (an open or unknown interval end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day, or `None` for no lower bound.
    pub earliest: Option<Day>,
    /// Last day (inclusive), or `None` for no upper bound.
    pub latest: Option<Day>,
}

impl DateRange {
    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        let starts_before_other_ends = match (self.earliest, other.latest) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let ends_after_other_starts = match (self.latest, other.earliest) {
            (Some(a), Some(b)) => a >= b,
            _ => true,
        };
        starts_before_other_ends && ends_after_other_starts
    }

    /// The days covered, for a reader, in the words [`Edtf::describe`] uses for a day:
    /// `Oct 30, 2020`, `Oct 1–31, 2019`, `Mar 1 – May 31, 2020`, `Dec 1, 2020 – Feb 28, 2021`,
    /// `from Apr 1, 2018`, `up to Oct 31, 2020`, `any day`.
    pub fn describe(&self) -> String {
        let day = |d: Day| {
            describe_point(&DatePoint { earliest: d, latest: d, precision: Precision::Day, qualifier: Qualifier::None })
        };
        match (self.earliest, self.latest) {
            (Some(a), Some(b)) if a == b => day(a),
            (Some(a), Some(b)) => {
                let ((ya, ma, da), (yb, mb, db)) = (a.ymd(), b.ymd());
                let month = |m: u32| MONTHS[(m - 1) as usize];
                match (ya == yb, ma == mb) {
                    (true, true) => format!("{} {da}–{db}, {}", month(ma), year_label(ya)),
                    (true, false) => format!("{} {da} – {} {db}, {}", month(ma), month(mb), year_label(ya)),
                    _ => format!("{} – {}", day(a), day(b)),
                }
            }
            (Some(a), None) => format!("from {}", day(a)),
            (None, Some(b)) => format!("up to {}", day(b)),
            (None, None) => "any day".to_string(),
        }
    }

    /// Whether every day of `self` lies inside `outer`. An unbounded end fits only an unbounded end.
    pub fn is_within(&self, outer: &DateRange) -> bool {
        let start_ok = match (self.earliest, outer.earliest) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a >= b,
        };
        let end_ok = match (self.latest, outer.latest) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a <= b,
        };
        start_ok && end_ok
    }
}

/// Why a string is not an EDTF date this crate accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a valid EDTF date: {reason}")]
pub struct DateError {
    /// The text as given.
    pub input: String,
    /// What is wrong, in words.
    pub reason: String,
    /// Whether the text is well formed but names an interval that ends before it starts.
    pub reversed_interval: bool,
}

fn date_error(input: &str, reason: impl Into<String>) -> DateError {
    DateError { input: input.to_string(), reason: reason.into(), reversed_interval: false }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SEASONS: [&str; 4] = ["Spring", "Summer", "Autumn", "Winter"];

impl Edtf {
    /// Parses EDTF Level 0 and Level 1, times of day apart: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
    /// negative years, seasons `YYYY-21`..`YYYY-24`, right-hand unspecified digits (`201X`,
    /// `2020-XX`, `2020-10-XX`), qualifiers `?` `~` `%`, and intervals `A/B` whose ends may be open
    /// (`..`) or unknown (empty).
    pub fn parse(text: &str) -> Result<Edtf, DateError> {
        let kind = if let Some((start, end)) = text.split_once('/') {
            if end.contains('/') {
                return Err(date_error(text, "an interval has exactly one `/`"));
            }
            let start_end = parse_interval_end(text, start)?;
            let end_end = parse_interval_end(text, end)?;
            if start_end != IntervalEnd::Unknown || end_end != IntervalEnd::Unknown {
                if let (IntervalEnd::Known(a), IntervalEnd::Known(b)) = (start_end, end_end)
                    && a.earliest > b.latest
                {
                    return Err(DateError {
                        reversed_interval: true,
                        ..date_error(text, "the interval starts after it ends")
                    });
                }
                EdtfKind::Interval(start_end, end_end)
            } else {
                return Err(date_error(text, "an interval needs at least one known or open end"));
            }
        } else {
            EdtfKind::Single(parse_point(text, text)?)
        };
        Ok(Edtf { text: text.to_string(), kind })
    }

    /// The text exactly as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed form.
    pub fn kind(&self) -> EdtfKind {
        self.kind
    }

    /// The inclusive interval of days this date covers.
    pub fn range(&self) -> DateRange {
        match self.kind {
            EdtfKind::Single(p) => DateRange { earliest: Some(p.earliest), latest: Some(p.latest) },
            EdtfKind::Interval(a, b) => DateRange {
                earliest: match a {
                    IntervalEnd::Known(p) => Some(p.earliest),
                    _ => None,
                },
                latest: match b {
                    IntervalEnd::Known(p) => Some(p.latest),
                    _ => None,
                },
            },
        }
    }

    /// The precision of a single date; `None` for an interval.
    pub fn precision(&self) -> Option<Precision> {
        match self.kind {
            EdtfKind::Single(p) => Some(p.precision),
            EdtfKind::Interval(..) => None,
        }
    }

    /// `"day"`, `"month"`, ... for a single date, `"interval"` for an interval.
    pub fn precision_name(&self) -> &'static str {
        self.precision().map_or("interval", Precision::as_str)
    }

    /// The finest precision among the known parts, used to order dates that start on the same day.
    pub fn sort_precision(&self) -> Precision {
        match self.kind {
            EdtfKind::Single(p) => p.precision,
            EdtfKind::Interval(IntervalEnd::Known(p), _) => p.precision.max(Precision::Year),
            EdtfKind::Interval(..) => Precision::Century,
        }
    }

    /// The date for a reader, exactly as precise as it is known:
    /// `Oct 30, 2020`, `Oct 2019, approx.`, `2018`, `Spring 2020`, `2010s`, `Jul 2020 – Oct 31, 2020`.
    pub fn describe(&self) -> String {
        match self.kind {
            EdtfKind::Single(p) => describe_point(&p),
            EdtfKind::Interval(a, b) => match (a, b) {
                (IntervalEnd::Known(a), IntervalEnd::Known(b)) => {
                    format!("{} – {}", describe_point(&a), describe_point(&b))
                }
                (IntervalEnd::Known(a), IntervalEnd::Open) => format!("{} onwards", describe_point(&a)),
                (IntervalEnd::Known(a), IntervalEnd::Unknown) => {
                    format!("from {}, end unknown", describe_point(&a))
                }
                (IntervalEnd::Open, IntervalEnd::Known(b)) => format!("up to {}", describe_point(&b)),
                (IntervalEnd::Unknown, IntervalEnd::Known(b)) => {
                    format!("until {}, start unknown", describe_point(&b))
                }
                _ => "open interval".to_string(),
            },
        }
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A year for a reader: `2020`, or `45 BCE` for the astronomical year -44 (and `1 BCE` for year
/// 0: the astronomical count has a year 0, the reader's has none). Every label of a year is
/// written here.
fn year_label(y: i32) -> String {
    if y <= 0 { format!("{} BCE", 1 - y) } else { y.to_string() }
}

fn describe_point(p: &DatePoint) -> String {
    let (y, m, d) = p.earliest.ymd();
    let year = year_label(y);
    let base = match p.precision {
        Precision::Day => format!("{} {d}, {year}", MONTHS[(m - 1) as usize]),
        Precision::Month => format!("{} {year}", MONTHS[(m - 1) as usize]),
        Precision::Season => {
            let season = match m {
                3 => SEASONS[0],
                6 => SEASONS[1],
                9 => SEASONS[2],
                _ => SEASONS[3],
            };
            format!("{season} {year}")
        }
        Precision::Year => year,
        // "1990s" reads well only of years after 0; an earlier decade is its first and last year.
        Precision::Decade if y > 0 => format!("{y}s"),
        Precision::Decade | Precision::Century => format!("{year}–{}", year_label(p.latest.ymd().0)),
    };
    match p.qualifier.words() {
        Some(words) => format!("{base}, {words}"),
        None => base,
    }
}

fn parse_interval_end(whole: &str, part: &str) -> Result<IntervalEnd, DateError> {
    match part {
        "" => Ok(IntervalEnd::Unknown),
        ".." => Ok(IntervalEnd::Open),
        _ => parse_point(whole, part).map(IntervalEnd::Known),
    }
}

fn parse_point(whole: &str, text: &str) -> Result<DatePoint, DateError> {
    let (body, qualifier) = match text.as_bytes().last() {
        Some(b'?') => (&text[..text.len() - 1], Qualifier::Uncertain),
        Some(b'~') => (&text[..text.len() - 1], Qualifier::Approximate),
        Some(b'%') => (&text[..text.len() - 1], Qualifier::UncertainApproximate),
        _ => (text, Qualifier::None),
    };
    if body.starts_with('Y') {
        return Err(date_error(whole, "years beyond four digits (`Y...`) are not supported"));
    }
    if let Some((day, time)) = body.split_once('T') {
        return Err(date_error(
            whole,
            format!("times of day (`T{time}`) are not supported, only whole days; write the day alone: `{day}`"),
        ));
    }
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let year_text = parts.next().unwrap_or_default();
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err(date_error(whole, "expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"));
    }
    if year_text.len() != 4 {
        return Err(date_error(whole, "the year must have exactly four digits"));
    }
    let point = |earliest: Day, latest: Day, precision: Precision| DatePoint { earliest, latest, precision, qualifier };

    // Unspecified digits: `201X`, `20XX`, or a whole unspecified month / day.
    let unspecified_year_digits = year_text.bytes().rev().take_while(|&b| b == b'X').count();
    if unspecified_year_digits > 0 {
        if month_text.is_some() {
            return Err(date_error(whole, "a year with `X` digits cannot have a month"));
        }
        if negative {
            return Err(date_error(whole, "unspecified digits are not supported in negative years"));
        }
        let known = &year_text[..4 - unspecified_year_digits];
        let precision = match unspecified_year_digits {
            1 => Precision::Decade,
            2 => Precision::Century,
            _ => return Err(date_error(whole, "at most the last two digits of a year may be `X`")),
        };
        let base: i32 = parse_digits(whole, known, "year")?;
        let scale = 10_i32.pow(unspecified_year_digits as u32);
        let first = base * scale;
        let (Some(start), Some(end)) = (Day::from_ymd(first, 1, 1), Day::from_ymd(first + scale - 1, 12, 31)) else {
            return Err(date_error(whole, "the year is out of range"));
        };
        return Ok(point(start, end, precision));
    }
    let magnitude: i32 = parse_digits(whole, year_text, "year")?;
    let year = if negative { -magnitude } else { magnitude };
    let year_start = Day::from_ymd(year, 1, 1).ok_or_else(|| date_error(whole, "the year is out of range"))?;
    let year_end = Day::from_ymd(year, 12, 31).ok_or_else(|| date_error(whole, "the year is out of range"))?;

    let Some(month_text) = month_text else {
        return Ok(point(year_start, year_end, Precision::Year));
    };
    if month_text == "XX" {
        return match day_text {
            None | Some("XX") => Ok(point(year_start, year_end, Precision::Year)),
            Some(_) => Err(date_error(whole, "a day cannot follow an unspecified month")),
        };
    }
    if month_text.len() != 2 {
        return Err(date_error(whole, "the month must have two digits"));
    }
    let month: u32 = parse_digits(whole, month_text, "month")?;
    if (21..=24).contains(&month) {
        if day_text.is_some() {
            return Err(date_error(whole, "a season cannot have a day"));
        }
        // Northern-hemisphere meteorological seasons; winter runs into the next year.
        let first_month = 3 + (month - 21) * 3;
        let (end_year, end_month) = if first_month == 12 { (year + 1, 2) } else { (year, first_month + 2) };
        let start = Day::from_ymd(year, first_month, 1);
        let end = Day::from_ymd(end_year, end_month, days_in_month(end_year, end_month));
        return match (start, end) {
            (Some(s), Some(e)) => Ok(point(s, e, Precision::Season)),
            _ => Err(date_error(whole, "the season is out of range")),
        };
    }
    if !(1..=12).contains(&month) {
        return Err(date_error(whole, format!("month {month} does not exist (01–12, or 21–24 for seasons)")));
    }
    let month_start = Day::from_ymd(year, month, 1).ok_or_else(|| date_error(whole, "the month is out of range"))?;
    let last = days_in_month(year, month);
    let month_end = Day::from_ymd(year, month, last).ok_or_else(|| date_error(whole, "the month is out of range"))?;
    match day_text {
        None | Some("XX") => Ok(point(month_start, month_end, Precision::Month)),
        Some(day_text) => {
            if day_text.len() != 2 {
                return Err(date_error(whole, "the day must have two digits"));
            }
            let day: u32 = parse_digits(whole, day_text, "day")?;
            let date = Day::from_ymd(year, month, day).ok_or_else(|| {
                date_error(whole, format!("day {day} does not exist in {year:04}-{month:02} (it has {last} days)"))
            })?;
            Ok(point(date, date, Precision::Day))
        }
    }
}

fn parse_digits<T: std::str::FromStr>(whole: &str, digits: &str, what: &str) -> Result<T, DateError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(date_error(whole, format!("the {what} must be digits")));
    }
    digits.parse().map_err(|_| date_error(whole, format!("the {what} is out of range")))
}

/// One end of a filter's date range: a plain day, month or year (`2020-10-30`, `2020-10`, `2020`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateBound {
    text: String,
    point: DatePoint,
}

impl DateBound {
    /// Parses a day, month or year. Qualifiers, seasons, `X` digits and intervals are refused,
    /// because a range end must say exactly which days it includes.
    pub fn parse(text: &str) -> Result<DateBound, DateError> {
        let trimmed = text.trim();
        let edtf = Edtf::parse(trimmed)?;
        match edtf.kind {
            EdtfKind::Single(point)
                if point.qualifier == Qualifier::None
                    && matches!(point.precision, Precision::Day | Precision::Month | Precision::Year)
                    && !trimmed.contains('X') =>
            {
                Ok(DateBound { text: trimmed.to_string(), point })
            }
            _ => Err(date_error(trimmed, "a range end is a day, month or year such as 2020-10-30, 2020-10 or 2020")),
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The first day the bound covers: where a `from` bound starts.
    pub fn first_day(&self) -> Day {
        self.point.earliest
    }

    /// The last day the bound covers: where a `to` bound ends (`to=2020-10` runs through Oct 31).
    pub fn last_day(&self) -> Day {
        self.point.latest
    }

    /// How finely the bound is given.
    pub fn precision(&self) -> Precision {
        self.point.precision
    }
}

impl serde::Serialize for DateBound {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for DateBound {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateBound, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateBound::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for DateBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Formats a day as an EDTF/ISO string with the given precision: `2020`, `2020-10` or `2020-10-30`.
pub fn format_day(day: Day, precision: Precision, qualifier: Qualifier) -> String {
    let full = day.to_string();
    let cut = match precision {
        Precision::Year | Precision::Decade | Precision::Century | Precision::Season => full.len() - 6,
        Precision::Month => full.len() - 3,
        Precision::Day => full.len(),
    };
    format!("{}{}", &full[..cut], qualifier.symbol())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let actual = match Edtf::parse(input) {
            Ok(edtf) => {
                let r = edtf.range();
                let show = |d: Option<Day>| d.map_or("..".to_string(), |d| d.to_string());
                format!("{} {} {} | {}", show(r.earliest), show(r.latest), edtf.precision_name(), edtf.describe())
            }
            Err(e) => format!("error: {}", e.reason),
        };
        assert_eq!(actual, expected, "for input {input:?}");
    }

    #[test]
    fn level0_forms() {
        check("2020", "2020-01-01 2020-12-31 year | 2020");
        check("2020-10", "2020-10-01 2020-10-31 month | Oct 2020");
        check("2020-10-30", "2020-10-30 2020-10-30 day | Oct 30, 2020");
        check("2020-02", "2020-02-01 2020-02-29 month | Feb 2020");
        check("2019-02", "2019-02-01 2019-02-28 month | Feb 2019");
        check("1900-02", "1900-02-01 1900-02-28 month | Feb 1900");
        check("2000-02-29", "2000-02-29 2000-02-29 day | Feb 29, 2000");
        check("2020-07/2020-10-31", "2020-07-01 2020-10-31 interval | Jul 2020 – Oct 31, 2020");
    }

    #[test]
    fn level1_forms() {
        check("2019-10~", "2019-10-01 2019-10-31 month | Oct 2019, approx.");
        check("2018?", "2018-01-01 2018-12-31 year | 2018, uncertain");
        check("2021-10-30%", "2021-10-30 2021-10-30 day | Oct 30, 2021, approx., uncertain");
        check("2020/..", "2020-01-01 .. interval | 2020 onwards");
        check("../2020-10-31", ".. 2020-10-31 interval | up to Oct 31, 2020");
        check("2018-04/", "2018-04-01 .. interval | from Apr 2018, end unknown");
        check("/2021", ".. 2021-12-31 interval | until 2021, start unknown");
        check("201X", "2010-01-01 2019-12-31 decade | 2010s");
        check("20XX", "2000-01-01 2099-12-31 century | 2000–2099");
        check("2020-XX", "2020-01-01 2020-12-31 year | 2020");
        check("2020-10-XX", "2020-10-01 2020-10-31 month | Oct 2020");
        check("2020-21", "2020-03-01 2020-05-31 season | Spring 2020");
        check("2020-24", "2020-12-01 2021-02-28 season | Winter 2020");
        check("-0044-03-15", "-0044-03-15 -0044-03-15 day | Mar 15, 45 BCE");
        check("0000", "0000-01-01 0000-12-31 year | 1 BCE");
        check("-0001-06", "-0001-06-01 -0001-06-30 month | Jun 2 BCE");
        check("0001", "0001-01-01 0001-12-31 year | 1");
        check("000X", "0000-01-01 0009-12-31 decade | 1 BCE–9");
        check("00XX", "0000-01-01 0099-12-31 century | 1 BCE–99");
        check("2019-10~/2020-10-16", "2019-10-01 2020-10-16 interval | Oct 2019, approx. – Oct 16, 2020");
    }

    #[test]
    fn rejected_forms() {
        check("", "error: the year must have exactly four digits");
        check("20", "error: the year must have exactly four digits");
        check("2020-13", "error: month 13 does not exist (01–12, or 21–24 for seasons)");
        check("2019-02-29", "error: day 29 does not exist in 2019-02 (it has 28 days)");
        check("2020-10-32", "error: day 32 does not exist in 2020-10 (it has 31 days)");
        check("2020-1", "error: the month must have two digits");
        // Level 0's date-times: refused as times, not as a malformed day.
        check(
            "2020-10-05T10:00:00",
            "error: times of day (`T10:00:00`) are not supported, only whole days; write the day alone: `2020-10-05`",
        );
        check(
            "2020-10-05T10:00:00-05:00",
            "error: times of day (`T10:00:00-05:00`) are not supported, only whole days; write the day alone: `2020-10-05`",
        );
        check(
            "2020-10-05T10:00:00Z/2020-10-06",
            "error: times of day (`T10:00:00Z`) are not supported, only whole days; write the day alone: `2020-10-05`",
        );
        check("2020-10-30-1", "error: expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`");
        check("2021/2020", "error: the interval starts after it ends");
        check("/", "error: an interval needs at least one known or open end");
        check("2020/2021/2022", "error: an interval has exactly one `/`");
        check("Y170000002", "error: years beyond four digits (`Y...`) are not supported");
        check("2X20", "error: the year must be digits");
        check("2020-21-01", "error: a season cannot have a day");
        check("October 2020", "error: the year must have exactly four digits");
        check("Octo", "error: the year must be digits");
        check("20XX-10", "error: a year with `X` digits cannot have a month");
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in (-4_000_000..4_000_000).step_by(997) {
            let (y, m, d) = Day(days).ymd();
            if (MIN_YEAR..=MAX_YEAR).contains(&y) {
                assert_eq!(Day::from_ymd(y, m, d), Some(Day(days)));
            }
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2020, 10, 30).map(|d| d.next().to_string()), Some("2020-10-31".into()));
        assert_eq!(
            Day::from_ymd(2020, 2, 29).and_then(|d| d.add_years(1)).map(|d| d.to_string()),
            Some("2021-02-28".into())
        );
    }

    fn range(a: &str, b: &str) -> DateRange {
        DateRange { earliest: Day::parse_iso(a), latest: Day::parse_iso(b) }
    }

    #[test]
    fn overlap_and_within_at_boundaries() {
        let october = Edtf::parse("2020-10").map(|e| e.range()).ok();
        let october = october.as_ref().map_or_else(|| range("", ""), |r| *r);
        // A range ending on the first day of the month overlaps it but does not contain it.
        assert!(october.overlaps(&range("2020-09-01", "2020-10-01")));
        assert!(!october.is_within(&range("2020-09-01", "2020-10-01")));
        // Ending the day before: no overlap.
        assert!(!october.overlaps(&range("2020-09-01", "2020-09-30")));
        // Starting on the last day of the month overlaps.
        assert!(october.overlaps(&range("2020-10-31", "2020-12-31")));
        assert!(!october.overlaps(&range("2020-11-01", "2020-12-31")));
        // Exactly the month: within.
        assert!(october.is_within(&range("2020-10-01", "2020-10-31")));
        assert!(!october.is_within(&range("2020-10-02", "2020-10-31")));
        assert!(!october.is_within(&range("2020-10-01", "2020-10-30")));
        // Open range ends.
        let from_only = DateRange { earliest: Day::parse_iso("2020-10-31"), latest: None };
        assert!(october.overlaps(&from_only));
        assert!(!october.is_within(&from_only));
        // An open-ended event never lies within a bounded range, but overlaps it.
        let open_event = Edtf::parse("2018-04/..").map(|e| e.range()).ok().unwrap_or(october);
        assert!(open_event.overlaps(&range("2030-01-01", "2030-12-31")));
        assert!(!open_event.is_within(&range("2018-01-01", "2030-12-31")));
        assert!(open_event.is_within(&DateRange { earliest: Day::parse_iso("2018-04-01"), latest: None }));
    }

    #[test]
    fn year_boundaries() {
        let y2020 = Edtf::parse("2020").map(|e| e.range()).ok().unwrap_or(range("", ""));
        assert!(y2020.overlaps(&range("2019-06-01", "2020-01-01")));
        assert!(!y2020.overlaps(&range("2019-06-01", "2019-12-31")));
        assert!(y2020.overlaps(&range("2020-12-31", "2021-01-01")));
        assert!(y2020.is_within(&range("2020-01-01", "2020-12-31")));
        assert!(!y2020.is_within(&range("2020-01-01", "2020-12-30")));
    }

    #[test]
    fn bounds_accept_day_month_year_only() {
        let to = DateBound::parse("2020-10").ok().map(|b| b.last_day().to_string());
        assert_eq!(to.as_deref(), Some("2020-10-31"));
        let from = DateBound::parse("2018").ok().map(|b| b.first_day().to_string());
        assert_eq!(from.as_deref(), Some("2018-01-01"));
        assert_eq!(DateBound::parse(" 2020-02 ").ok().map(|b| b.last_day().to_string()).as_deref(), Some("2020-02-29"));
        for bad in ["2020~", "2020/2021", "201X", "2020-21", "soon"] {
            assert!(DateBound::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn formats_days_at_a_precision() {
        let day = Day::from_ymd(2021, 10, 30).unwrap_or(Day(0));
        assert_eq!(format_day(day, Precision::Day, Qualifier::Approximate), "2021-10-30~");
        assert_eq!(format_day(day, Precision::Month, Qualifier::None), "2021-10");
        assert_eq!(format_day(day, Precision::Year, Qualifier::Uncertain), "2021?");
    }
}
