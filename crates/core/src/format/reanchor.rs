//! Placing an article's spans again after its body text changes (`factline reanchor`): when a
//! publisher corrects an article, the new paragraphs replace the old ones and every span that
//! points into the body is found again in the new text.
//!
//! Each span is looked for the way the Hypothesis client re-anchors an annotation on a changed
//! page, with one step before and a stricter end:
//!
//! 1. A span wholly inside the stretch the two texts share at the start, or at the end, is where
//!    that shared text puts it: no search.
//! 2. Otherwise every exact occurrence of its quote is a candidate; when none fits well enough,
//!    so are the places where the new text is within a bounded number of edits of the quote
//!    ([`max_errors`]; Sellers' approximate search, edit distance with a free start, computed
//!    with Ukkonen's cut-off so rows past the error bound are skipped).
//! 3. Every candidate is scored by how similar its words are to the quote, the text before and
//!    after it to the span's old context, and its place to where the span is expected, weighted
//!    50, 20, 20 and 2 as Hypothesis weights them, over their sum. The best is taken when it
//!    reaches [`MIN_SCORE`] and no other place (not overlapping it) fits as well by words and
//!    context alone ([`AMBIGUITY_MARGIN`]): the expected place is a guess inside a changed
//!    stretch, so it breaks no ties.
//! 4. Failing that, a quote that still occurs exactly once is taken there: the same words, once,
//!    are the passage even when the sentences around them were rewritten; its lower score says
//!    so.
//! 5. Otherwise the span is an orphan, reported with the best score seen and why; nothing is
//!    attached by a guess.
//!
//! The old context of a span is up to [`CONTEXT_CHARS`] code points on each side of it: the end of
//! its stored `prefix` and the start of its stored `suffix` when it has them (Hypothesis, too,
//! compares a bounded context), else the old text's. Offsets count code points throughout, as in
//! the format. The work is bounded: [`MAX_CELLS`] per approximate search, [`MAX_CANDIDATES`]
//! places per quote, and about [`CONTEXT_CHARS`]² cells per context compared at each.

use crate::format::anchor::Haystack;
use crate::format::model::{Dataset, SpanSite, TextPart};
use crate::text::{CodePoints, excerpt};

/// How much old context, in code points on each side, is compared with a candidate's: a missing
/// prefix or suffix is this much of the old text, and a longer stored one is cut to the part of
/// this length that touches the quote.
pub const CONTEXT_CHARS: usize = 32;

/// The least combined score (0..=1) at which a candidate is taken. The exact words with unrelated
/// text around them score about 0.65 to 0.77 (edit distance finds some likeness in any two
/// stretches of prose); a quote with a typo fixed and its context intact about 0.99, one with a
/// quarter of its code points edited and its context intact about 0.86.
pub const MIN_SCORE: f64 = 0.8;

/// The least similarity of the new words to the quote (1 − edits / quote length). The error bound
/// of the approximate search ([`max_errors`]) already keeps every candidate above it; it is
/// checked again so the rule stands on its own.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.75;

/// The most edits an approximate match may have, whatever the quote's length.
pub const MAX_ERRORS: usize = 64;

/// How much better than any other place (not overlapping it) the chosen one must score. One code
/// point of difference in a 32-code-point context is worth about 0.007.
pub const AMBIGUITY_MARGIN: f64 = 0.005;

/// The most cells (quote length × text length) one approximate search may compute. Past it the
/// search is limited to the stretch of text around the span's former place, and a quote too long
/// for even that is an orphan.
pub const MAX_CELLS: usize = 16_000_000;

/// The most places one quote is scored at; a quote occurring more often is too short to place.
pub const MAX_CANDIDATES: usize = 1_000;

const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;

/// The dataset with the article's new text and its spans placed again, and what happened to them.
#[derive(Debug, Clone, PartialEq)]
pub struct Reanchored {
    /// The dataset with the new paragraphs and every placed span updated. Orphaned spans keep
    /// their quote and lose their offsets, so validating this dataset names each of them.
    pub dataset: Dataset,
    /// The spans whose offsets or words changed, in the order of [`Dataset::span_sites`].
    pub moved: Vec<Moved>,
    /// The spans that could not be placed with confidence.
    pub orphans: Vec<Orphan>,
}

/// A span placed at new offsets, or with new words.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The span's JSONPath, e.g. `$.events[3].spans[0]`.
    pub path: String,
    /// The id of the event, claim, person or organization holding it.
    pub owner: String,
    /// Its offsets in the old text.
    pub before: (u32, u32),
    /// Its offsets in the new text.
    pub after: (u32, u32),
    /// Its words in the old text.
    pub exact_before: String,
    /// Its words in the new text.
    pub exact_after: String,
    /// How well the new place fits, 0..=1: 1 for the same words in the same context.
    pub score: f64,
    /// Whether the words are unchanged (only the offsets moved).
    pub exact_match: bool,
}

/// A span no place in the new text fits well enough.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// The span's JSONPath.
    pub path: String,
    /// The id of the event, claim, person or organization holding it.
    pub owner: String,
    /// Its quote.
    pub exact: String,
    /// The best score seen: below [`MIN_SCORE`], or too close to another place's; `None` when no
    /// candidate was found at all.
    pub best: Option<f64>,
    /// Why it was not placed, in words.
    pub reason: String,
}

/// Replaces the body of article `article_id` with `new_paragraphs` and places every span that
/// points into it again.
///
/// `dataset` must be valid with every span placed (as `Catalog::new` or `validate::anchor` leave
/// it); a body span of the article without offsets is placed in the old text first. Spans into
/// other articles, and into titles and subtitles, are left as they are. The article's `updated`
/// day is not touched: the caller knows when the correction was made.
///
/// The only error is an article id the dataset does not have, or a span the old text does not
/// hold (a dataset that is not valid).
pub fn reanchor(dataset: &Dataset, article_id: &str, new_paragraphs: Vec<String>) -> Result<Reanchored, String> {
    let Some(index) = dataset.articles.iter().position(|a| a.id == article_id) else {
        let ids: Vec<&str> = dataset.articles.iter().map(|a| a.id.as_str()).collect();
        return Err(format!(
            "no article has the id `{}`; the dataset's articles are: {}",
            excerpt(article_id, 60),
            if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
        ));
    };
    let old_text = dataset.articles[index].text();
    let mut out = dataset.clone();
    out.articles[index].paragraphs = new_paragraphs;
    let new_text = out.articles[index].text();
    let old = Haystack::new(&old_text);
    let new = Text::new(&new_text);
    let haystack = Haystack::new(&new_text);
    let old_chars: Vec<char> = old_text.chars().collect();
    let shift = Shift::between(&old_chars, &new.chars);

    let mut moved = Vec::new();
    let mut orphans = Vec::new();
    for site in dataset.span_sites() {
        let Some(span) = site.get(dataset) else { continue };
        if span.article != article_id || span.part != TextPart::Body {
            continue;
        }
        let path = site.path();
        let (start, end) = match span.range() {
            Some(range) => range,
            None => old.place(&span.exact, span.prefix.as_deref(), span.suffix.as_deref()).map_err(|_| {
                format!(
                    "{path}: the span has no offsets and its quote cannot be placed in the old text; validate the \
                     dataset first"
                )
            })?,
        };
        let (s, e) = (start as usize, end as usize);
        if old.slice(s, e) != Some(span.exact.as_str()) || s >= e {
            return Err(format!(
                "{path}: offsets {start}..{end} do not cut out the span's quote in the old text; validate the \
                 dataset first"
            ));
        }
        let quote: Vec<char> = span.exact.chars().collect();
        let prefix: Vec<char> = match &span.prefix {
            Some(p) => stored_context(p, Side::Before),
            None => old_chars[s.saturating_sub(CONTEXT_CHARS)..s].to_vec(),
        };
        let suffix: Vec<char> = match &span.suffix {
            Some(x) => stored_context(x, Side::After),
            None => old_chars[e..(e + CONTEXT_CHARS).min(old_chars.len())].to_vec(),
        };
        let wanted = Wanted { quote: &quote, prefix: &prefix, suffix: &suffix, hint: shift.hint(s) };
        let owner = owner(dataset, site);
        // A span inside the stretch both texts share at the start or the end is where the shared
        // text puts it: no search, and no other place can be better.
        let placed = match shift.unchanged(s, e) {
            Some(at) => Ok(score(&new, &wanted, at, at + quote.len(), 0)),
            None => locate(&new, &wanted),
        };
        match placed {
            Ok(found) => {
                let exact_after = new.slice(found.start, found.end);
                let after = (found.start as u32, found.end as u32);
                let Some(target) = site.get_mut(&mut out) else { continue };
                let keep = |context: Option<String>, before: bool| {
                    context.filter(|c| {
                        let c = Some(c.as_str());
                        let (p, x) = if before { (c, None) } else { (None, c) };
                        haystack.context_fits(found.start, found.end, p, x)
                    })
                };
                target.prefix = keep(target.prefix.take(), true);
                target.suffix = keep(target.suffix.take(), false);
                target.start = Some(after.0);
                target.end = Some(after.1);
                target.exact = exact_after.clone();
                if after != (start, end) || exact_after != span.exact {
                    moved.push(Moved {
                        path,
                        owner,
                        before: (start, end),
                        after,
                        exact_before: span.exact.clone(),
                        exact_after,
                        score: found.score,
                        exact_match: found.errors == 0,
                    });
                }
            }
            Err(lost) => {
                if let Some(target) = site.get_mut(&mut out) {
                    target.start = None;
                    target.end = None;
                }
                orphans.push(Orphan { path, owner, exact: span.exact.clone(), best: lost.best, reason: lost.reason });
            }
        }
    }
    Ok(Reanchored { dataset: out, moved, orphans })
}

/// Which side of its quote a context is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// The [`CONTEXT_CHARS`] code points of a stored prefix (`Before`) or suffix (`After`) nearest the
/// quote: comparing all of a long one would cost its length times the window's at every candidate.
fn stored_context(context: &str, side: Side) -> Vec<char> {
    match side {
        Side::Before => {
            let mut near: Vec<char> = context.chars().rev().take(CONTEXT_CHARS).collect();
            near.reverse();
            near
        }
        Side::After => context.chars().take(CONTEXT_CHARS).collect(),
    }
}

/// The id of what holds the span at `site`.
fn owner(d: &Dataset, site: SpanSite) -> String {
    let id = match site {
        SpanSite::Event(i, _) | SpanSite::EventDate(i) => d.events.get(i).map(|e| &e.id),
        SpanSite::Claim(i, _) | SpanSite::ClaimDate(i) => d.claims.get(i).map(|c| &c.id),
        SpanSite::Person(i, _) | SpanSite::Affiliation(i, _, _) => d.persons.get(i).map(|p| &p.id),
        SpanSite::Organization(i, _) => d.organizations.get(i).map(|o| &o.id),
    };
    id.cloned().unwrap_or_default()
}

/// The new text, as code points for the searches and as a string for finding exact quotes.
struct Text<'t> {
    text: &'t str,
    chars: Vec<char>,
    points: CodePoints,
}

impl<'t> Text<'t> {
    fn new(text: &'t str) -> Text<'t> {
        Text { text, chars: text.chars().collect(), points: CodePoints::new(text) }
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default()
    }

    /// Code-point offsets where `quote` occurs exactly, overlapping ones included; at most
    /// [`MAX_CANDIDATES`] + 1.
    fn occurrences(&self, quote: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.text.get(from..).and_then(|rest| rest.find(quote)) {
            let byte = from + at;
            found.push(self.points.before(self.text, byte));
            if found.len() > MAX_CANDIDATES {
                break;
            }
            // One character on, so overlapping occurrences are found too.
            from = byte + self.text[byte..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }
}

/// Where a span's old place maps to in the new text: the text before the first change and after
/// the last one is the same in both, so a span there has a known new place; a span inside the
/// changed stretch keeps its old offset as the hint.
struct Shift {
    /// Code points the two texts share at the start.
    same_start: usize,
    /// Where the shared end begins in the old text.
    old_tail: usize,
    /// New length minus old length.
    delta: isize,
    new_len: usize,
}

impl Shift {
    fn between(old: &[char], new: &[char]) -> Shift {
        let same_start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - same_start;
        let same_end = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
        Shift {
            same_start,
            old_tail: old.len() - same_end,
            delta: new.len() as isize - old.len() as isize,
            new_len: new.len(),
        }
    }

    /// Where the span at `start..end` of the old text is in the new one, if it lies wholly in
    /// the shared start or the shared end.
    fn unchanged(&self, start: usize, end: usize) -> Option<usize> {
        if end <= self.same_start {
            Some(start)
        } else if start >= self.old_tail {
            start.checked_add_signed(self.delta)
        } else {
            None
        }
    }

    fn hint(&self, old_start: usize) -> usize {
        if old_start < self.same_start {
            old_start
        } else if old_start >= self.old_tail {
            old_start.saturating_add_signed(self.delta)
        } else {
            old_start.min(self.new_len)
        }
    }
}

/// What is being looked for.
struct Wanted<'a> {
    quote: &'a [char],
    prefix: &'a [char],
    suffix: &'a [char],
    /// Where the span is expected to start in the new text.
    hint: usize,
}

/// A place in the new text, scored.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    start: usize,
    end: usize,
    errors: usize,
    score: f64,
    /// The part of `score` that nearness to the expected place contributes.
    nearness: f64,
}

impl Found {
    /// The score from the words and their context alone.
    fn evidence(&self) -> f64 {
        self.score - self.nearness
    }
}

/// Why a span was not placed.
#[derive(Debug, Clone, PartialEq)]
struct Lost {
    best: Option<f64>,
    reason: String,
}

/// The most edits an approximate match of a quote of `len` code points may have: a quarter of its
/// length, at most [`MAX_ERRORS`].
pub fn max_errors(len: usize) -> usize {
    (len / 4).min(MAX_ERRORS)
}

fn locate(text: &Text<'_>, wanted: &Wanted<'_>) -> Result<Found, Lost> {
    let quote: String = wanted.quote.iter().collect();
    let m = wanted.quote.len();
    let exact = text.occurrences(&quote);
    if exact.len() > MAX_CANDIDATES {
        return Err(Lost {
            best: None,
            reason: format!(
                "the quote occurs more than {MAX_CANDIDATES} times in the new text; it is too short to place"
            ),
        });
    }
    let mut candidates: Vec<Found> = exact.iter().map(|&start| score(text, wanted, start, start + m, 0)).collect();
    let best_exact = candidates.iter().map(|c| c.score).fold(f64::NEG_INFINITY, f64::max);
    let mut limited = None;
    // Only when no exact occurrence fits is the costlier search run, as in Hypothesis; it may
    // find the old passage, lightly edited, when the same words also occur somewhere else.
    if best_exact < MIN_SCORE && max_errors(m) > 0 {
        let n = text.chars.len();
        let (from, to) = match approximate_window(n, m, wanted.hint) {
            Window::Whole => (0, n),
            Window::Around(from, to) => {
                limited = Some(to - from);
                (from, to)
            }
            Window::TooLong if candidates.is_empty() => {
                return Err(Lost {
                    best: None,
                    reason: format!(
                        "the quote is not in the new text as written, and at {m} code points it is too long to \
                         look for approximately in a text of {n} (at most {MAX_CELLS} quote × text code points)"
                    ),
                });
            }
            Window::TooLong => (0, 0),
        };
        for (start, end, errors) in approximate(&text.chars[from..to], wanted.quote, max_errors(m)) {
            let (start, end) = (start + from, end + from);
            if !candidates.iter().any(|c| c.start == start && c.end == end) {
                candidates.push(score(text, wanted, start, end, errors));
            }
        }
    }
    let within = limited.map_or(String::new(), |w| {
        format!(" (the approximate search looked only within {w} code points around its former place)")
    });
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
    let Some(&best) = candidates.first() else {
        return Err(Lost {
            best: None,
            reason: format!("no passage of the new text is within {} edits of the quote{within}", max_errors(m)),
        });
    };
    let similarity = 1.0 - best.errors as f64 / m.max(1) as f64;
    if best.score < MIN_SCORE || similarity < MIN_QUOTE_SIMILARITY {
        // The same words, once, with their surroundings rewritten: still the passage.
        if let [only] = exact.as_slice()
            && let Some(found) = candidates.iter().find(|c| c.start == *only && c.errors == 0)
        {
            return Ok(*found);
        }
        let what = match exact.len() {
            0 | 1 => String::new(),
            n => format!("; the quote occurs {n} times, none in a context like its old one"),
        };
        return Err(Lost {
            best: Some(best.score),
            reason: format!(
                "the best match, at {}..{} “{}”, scores {:.2}, below the threshold {MIN_SCORE}{what}{within}",
                best.start,
                best.end,
                excerpt(&text.slice(best.start, best.end), 80),
                best.score
            ),
        });
    }
    // Nearness to the old place only breaks ties between equally fitting places when the old
    // place is known (an unchanged stretch, placed before any search); here it is a guess, so
    // two places whose words and context fit alike are ambiguous whatever their positions.
    let rival = candidates.iter().skip(1).find(|c| c.end <= best.start || c.start >= best.end);
    if let Some(rival) = rival.filter(|r| best.evidence() - r.evidence() < AMBIGUITY_MARGIN) {
        let reason = format!(
            "it fits about equally well at {}..{} (score {:.3}) and at {}..{} (score {:.3}); add a prefix or \
             suffix to the span to say which",
            best.start, best.end, best.score, rival.start, rival.end, rival.score
        );
        return Err(Lost { best: Some(best.score), reason });
    }
    Ok(best)
}

/// Where the approximate search may look.
enum Window {
    /// The whole text.
    Whole,
    /// Code points `from..to` around the former place, the text being too long for the quote.
    Around(usize, usize),
    /// Nowhere: even the narrowest useful window would cost more than [`MAX_CELLS`].
    TooLong,
}

fn approximate_window(n: usize, m: usize, hint: usize) -> Window {
    if m.saturating_mul(n) <= MAX_CELLS {
        return Window::Whole;
    }
    let width = MAX_CELLS / m.max(1);
    if width < m + max_errors(m) {
        return Window::TooLong;
    }
    let from = hint.saturating_sub(width / 2).min(n.saturating_sub(width));
    Window::Around(from, (from + width).min(n))
}

/// Scores the candidate `start..end` with `errors` edits against the quote.
fn score(text: &Text<'_>, wanted: &Wanted<'_>, start: usize, end: usize, errors: usize) -> Found {
    let chars = &text.chars;
    let m = wanted.quote.len().max(1);
    let quote = (1.0 - errors as f64 / m as f64).max(0.0);
    // The window before the candidate is read backwards, so the prefix is compared from the end
    // that touches the quote; a little slack lets the context have grown or shrunk.
    let slack = |len: usize| len + len / 4 + 1;
    let before: Vec<char> =
        chars[start.saturating_sub(slack(wanted.prefix.len()))..start].iter().rev().copied().collect();
    let prefix: Vec<char> = wanted.prefix.iter().rev().copied().collect();
    let after = &chars[end..(end + slack(wanted.suffix.len())).min(chars.len())];
    let prefix = context_similarity(&prefix, &before);
    let suffix = context_similarity(wanted.suffix, after);
    let position = 1.0 - start.abs_diff(wanted.hint) as f64 / chars.len().max(1) as f64;
    let all = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
    let nearness = POSITION_WEIGHT * position / all;
    let score = (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix) / all + nearness;
    Found { start, end, errors, score, nearness }
}

/// How alike `context` is to the start of `window`, 0..=1: one minus the edit distance between
/// `context` and the closest prefix of `window`, over the context's length. An empty context (a
/// span at the very start or end of the old text) asks for nothing and scores 1.
fn context_similarity(context: &[char], window: &[char]) -> f64 {
    if context.is_empty() {
        return 1.0;
    }
    // Rows are the context, columns the window; the answer is the best cell of the last row.
    let mut row: Vec<usize> = (0..=window.len()).collect();
    for (i, &c) in context.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &w) in window.iter().enumerate() {
            let next = (diagonal + usize::from(c != w)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    let distance = row.iter().copied().min().unwrap_or(context.len());
    (1.0 - distance as f64 / context.len() as f64).max(0.0)
}

/// Places in `text` within `k` edits of `pattern`, as `(start, end, errors)`: for each run of
/// adjacent match ends, the end with the fewest errors (then the length nearest the pattern's),
/// and the start of its best alignment.
///
/// Sellers' algorithm: edit distance where the match may start anywhere in the text, one column
/// per code point of the text. Ukkonen's cut-off computes each column only down to the last row
/// that can still be within `k`, so the cost is near `k × text` for ordinary text and at most
/// `pattern × text`, which the caller bounds.
fn approximate(text: &[char], pattern: &[char], k: usize) -> Vec<(usize, usize, usize)> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    // cost[i]: errors of the best alignment of pattern[..i] ending at the current column;
    // from[i]: where in the text that alignment starts. Costs past k are kept at k + 1.
    let mut cost: Vec<usize> = (0..=m).map(|i| i.min(k + 1)).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut last = k.min(m);
    let mut ends: Vec<(usize, usize, usize)> = Vec::new();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let column = j + 1;
        let (mut diagonal_cost, mut diagonal_from) = (cost[0], from[0]);
        from[0] = column;
        let top = (last + 1).min(m);
        for i in 1..=top {
            let (left_cost, left_from) = (cost[i], from[i]);
            let mut best = (diagonal_cost + usize::from(pattern[i - 1] != c), diagonal_from);
            if cost[i - 1] + 1 < best.0 {
                best = (cost[i - 1] + 1, from[i - 1]);
            }
            if left_cost + 1 < best.0 {
                best = (left_cost + 1, left_from);
            }
            (diagonal_cost, diagonal_from) = (left_cost, left_from);
            cost[i] = best.0.min(k + 1);
            from[i] = best.1;
        }
        last = top;
        while last > 0 && cost[last] > k {
            last -= 1;
        }
        if last == m {
            if ends.last().is_some_and(|&(_, previous, _)| previous + 1 != column) {
                runs.push(pick(&ends, m));
                ends.clear();
            }
            ends.push((from[m], column, cost[m]));
        }
    }
    if !ends.is_empty() {
        runs.push(pick(&ends, m));
    }
    runs.sort_by_key(|&(_, _, errors)| errors);
    runs.truncate(MAX_CANDIDATES);
    runs.sort_unstable();
    runs
}

/// The best of a run of adjacent match ends: fewest errors, then the length nearest `m`.
fn pick(run: &[(usize, usize, usize)], m: usize) -> (usize, usize, usize) {
    run.iter()
        .copied()
        .min_by_key(|&(start, end, errors)| (errors, (end - start).abs_diff(m), start))
        .unwrap_or((0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::model::{Article, Claim, Event, EventDate, EventKind, EventStatus, Span};
    use crate::format::validate::validate;
    use crate::query::Catalog;

    const P1: &str = "Ann Lee crosed the border from Eastland on May 5, 2020.";
    const P2: &str = "A week later she told reporters that it was hard. Officials said nothing about the case.";
    const P3: &str = "Ann and Bo left in 2021.";

    fn event(id: &str, spans: Vec<Span>) -> Event {
        Event {
            id: id.into(),
            kind: EventKind::Statement,
            date: EventDate::default(),
            participants: Vec::new(),
            places: Vec::new(),
            summary: "Something happened.".into(),
            status: EventStatus::Occurred,
            alleged_by: Vec::new(),
            spans,
            derived: None,
        }
    }

    /// A valid, anchored dataset with one article and one event per span (the last span a claim's).
    fn dataset(paragraphs: &[&str], spans: Vec<Span>) -> Dataset {
        let article = Article {
            id: "a".into(),
            title: "Ann Lee crossed".into(),
            publisher: "Sample News".into(),
            published: "2020-05-20".into(),
            language: "en".into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        };
        let mut spans = spans;
        let claim_span = spans.pop();
        let mut events: Vec<Event> =
            spans.into_iter().enumerate().map(|(i, s)| event(&format!("e{i}"), vec![s])).collect();
        let headline = Span { part: TextPart::Title, ..Span::quote("a", "Ann Lee") };
        events.push(event("headline", vec![headline]));
        let claims = claim_span
            .map(|s| Claim {
                id: "c".into(),
                speaker_label: Some("officials".into()),
                text: "Nothing.".into(),
                spans: vec![s],
                ..Claim::default()
            })
            .into_iter()
            .collect();
        let d = Dataset { articles: vec![article], events, claims, ..Dataset::empty() };
        match Catalog::new(d) {
            Ok(catalog) => catalog.into_dataset(),
            Err(problems) => panic!("the test dataset must be valid: {:#?}", problems.list),
        }
    }

    fn standard() -> Dataset {
        dataset(
            &[P1, P2, P3],
            vec![
                Span::quote("a", "Ann Lee crosed the border from Eastland"),
                Span::quote("a", "she told reporters that it was hard"),
                Span::quote("a", "left in 2021"),
                Span::quote("a", "Officials said nothing about the case"),
            ],
        )
    }

    fn run(d: &Dataset, new: &[&str]) -> Reanchored {
        reanchor(d, "a", new.iter().map(|p| p.to_string()).collect()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// What is expected of one span: moved to these words (exactly or not), unchanged, or orphaned.
    #[derive(Debug)]
    enum Expect {
        Exact(&'static str),
        Edited(&'static str),
        Same,
        Orphan,
    }

    fn check(name: &str, d: &Dataset, new: &[&str], expected: &[(&str, Expect)]) -> Reanchored {
        let r = run(d, new);
        let text = new.join("\n\n");
        let chars: Vec<char> = text.chars().collect();
        for (path, expect) in expected {
            let moved = r.moved.iter().find(|m| m.path == *path);
            let orphan = r.orphans.iter().find(|o| o.path == *path);
            match expect {
                Expect::Same => assert!(moved.is_none() && orphan.is_none(), "{name}: {path} should not change"),
                Expect::Orphan => assert!(orphan.is_some() && moved.is_none(), "{name}: {path} should be an orphan"),
                Expect::Exact(words) | Expect::Edited(words) => {
                    let m = moved.unwrap_or_else(|| panic!("{name}: {path} should move; {r:#?}"));
                    assert_eq!(m.exact_after, *words, "{name}: {path}");
                    let cut: String = chars[m.after.0 as usize..m.after.1 as usize].iter().collect();
                    assert_eq!(cut, *words, "{name}: {path} offsets count code points");
                    let exact = matches!(expect, Expect::Exact(_));
                    assert_eq!(m.exact_match, exact, "{name}: {path}");
                    assert!(m.score >= MIN_SCORE && m.score <= 1.0, "{name}: {path} score {}", m.score);
                    if !exact {
                        assert!(m.score < 1.0, "{name}: {path} an edited quote scores below 1");
                    }
                }
            }
        }
        if r.orphans.is_empty() {
            let problems = validate(&r.dataset);
            assert!(problems.is_empty(), "{name}: the result must be valid: {:#?}", problems.list);
        }
        assert_eq!(r.dataset.articles[0].text(), text, "{name}: the article has the new text");
        let title = &r.dataset.events.iter().find(|e| e.id == "headline").map(|e| e.spans[0].clone());
        assert_eq!(title.as_ref().and_then(Span::range), Some((0, 7)), "{name}: title spans stay");
        r
    }

    const CROSSING: &str = "$.events[0].spans[0]";
    const INTERVIEW: &str = "$.events[1].spans[0]";
    const DEPARTURE: &str = "$.events[2].spans[0]";
    const SILENCE: &str = "$.claims[0].spans[0]";

    #[test]
    fn an_insertion_before_the_spans_moves_them_all_by_its_length() {
        let d = standard();
        let note = "Editor’s note: this article was corrected on May 21.";
        let r = check(
            "insertion",
            &d,
            &[note, P1, P2, P3],
            &[
                (CROSSING, Expect::Exact("Ann Lee crosed the border from Eastland")),
                (INTERVIEW, Expect::Exact("she told reporters that it was hard")),
                (DEPARTURE, Expect::Exact("left in 2021")),
                (SILENCE, Expect::Exact("Officials said nothing about the case")),
            ],
        );
        let shift = note.chars().count() as u32 + 2;
        assert_eq!(r.moved.len(), 4);
        for m in &r.moved {
            assert_eq!((m.after.0 - m.before.0, m.after.1 - m.before.1), (shift, shift), "{}", m.path);
            assert!((m.score - 1.0).abs() < 1e-9, "same words, same context: {}", m.score);
        }
        assert_eq!(r.moved[0].owner, "e0");
        assert_eq!(r.moved[3].owner, "c");
    }

    #[test]
    fn a_small_edit_inside_a_quote_is_found_approximately() {
        let d = standard();
        let fixed = "Ann Lee crossed the border from Eastland on May 5, 2020.";
        let r = check(
            "typo",
            &d,
            &[fixed, P2, P3],
            &[
                (CROSSING, Expect::Edited("Ann Lee crossed the border from Eastland")),
                (INTERVIEW, Expect::Exact("she told reporters that it was hard")),
                (DEPARTURE, Expect::Exact("left in 2021")),
            ],
        );
        let crossing = &r.dataset.events[0].spans[0];
        assert_eq!(
            (crossing.exact.as_str(), crossing.range()),
            ("Ann Lee crossed the border from Eastland", Some((0, 40)))
        );
        assert!(r.moved[0].score > 0.95, "{}", r.moved[0].score);
    }

    #[test]
    fn a_deleted_sentence_orphans_its_span_and_no_other() {
        let d = standard();
        let r = check(
            "deletion",
            &d,
            &[P1, "A week later she told reporters that it was hard.", P3],
            &[
                (CROSSING, Expect::Same),
                (INTERVIEW, Expect::Same),
                (DEPARTURE, Expect::Exact("left in 2021")),
                (SILENCE, Expect::Orphan),
            ],
        );
        let orphan = &r.orphans[0];
        assert_eq!((orphan.owner.as_str(), orphan.exact.as_str()), ("c", "Officials said nothing about the case"));
        assert!(orphan.best.is_none_or(|b| b < MIN_SCORE), "{orphan:?}");
        assert_eq!(r.dataset.claims[0].spans[0].range(), None, "an orphan loses its offsets");
        assert!(!validate(&r.dataset).is_empty(), "so validation names it");
    }

    #[test]
    fn a_quote_found_twice_goes_where_its_context_fits() {
        let d = standard();
        // The new occurrence comes first and nearer the old offset, and the text changes after
        // the old one too, so only the context can tell them apart.
        let r = check(
            "twice",
            &d,
            &[P1, P2, "Cy left in 2021 as well.", "Ann and Bo left in 2021. Both are safe."],
            &[(DEPARTURE, Expect::Exact("left in 2021")), (CROSSING, Expect::Same), (SILENCE, Expect::Same)],
        );
        let text = r.dataset.articles[0].text();
        let at = text.rfind("left in 2021").map(|b| text[..b].chars().count() as u32);
        assert_eq!(r.dataset.events[2].spans[0].start, at);
    }

    #[test]
    fn a_passage_repeated_word_for_word_is_ambiguous() {
        let d = dataset(
            &[P1, P3],
            vec![
                Span { prefix: Some("Ann and Bo ".into()), ..Span::quote("a", "left in 2021") },
                Span::quote("a", "Eastland"),
            ],
        );
        // Both texts differ right before and after the passage, so its old place says nothing.
        let repeated = format!("{P3} Yes.");
        let r = run(&d, &[&format!("Reportedly, {P1}"), &repeated, &repeated]);
        let orphan = r.orphans.iter().find(|o| o.path == "$.events[0].spans[0]");
        let orphan = orphan.unwrap_or_else(|| panic!("expected an orphan: {r:#?}"));
        assert!(orphan.reason.contains("about equally well"), "{}", orphan.reason);
        assert!(r.orphans.iter().all(|o| o.path != SILENCE), "the other span is placed");
    }

    #[test]
    fn offsets_count_code_points_around_astral_characters() {
        let d = dataset(
            &["😀 Ann said “it was hard”.", "Bo 𝔹 left in 2021."],
            vec![Span::quote("a", "it was hard"), Span::quote("a", "Bo 𝔹 left in 2021"), Span::quote("a", "Ann")],
        );
        let r = check(
            "astral",
            &d,
            &["😀😀😀 Ann said “it was hard”.", "Bo 𝔹𝔹 left in 2021."],
            &[
                ("$.events[0].spans[0]", Expect::Exact("it was hard")),
                ("$.events[1].spans[0]", Expect::Edited("Bo 𝔹𝔹 left in 2021")),
                (SILENCE, Expect::Exact("Ann")),
            ],
        );
        assert_eq!(r.moved[0].before, (12, 23));
        assert_eq!(r.moved[0].after, (14, 25), "two code points in, not eight bytes or four UTF-16 units");
        assert_eq!(r.moved[1].after, (29, 47));
    }

    #[test]
    fn stored_context_is_kept_only_where_it_still_fits() {
        let d = dataset(
            &[P1, P3],
            vec![
                Span {
                    prefix: Some("Ann and Bo ".into()),
                    suffix: Some(".".into()),
                    ..Span::quote("a", "left in 2021")
                },
                Span { prefix: Some("from ".into()), ..Span::quote("a", "Eastland") },
            ],
        );
        let r = run(&d, &[P1, "Ann and Bo finally left in 2021 for good."]);
        let span = &r.dataset.events[0].spans[0];
        assert_eq!((span.prefix.as_deref(), span.suffix.as_deref()), (None, None), "neither fits any more");
        assert_eq!(span.exact, "left in 2021");
        assert!(r.moved[0].score < MIN_SCORE, "the words are the same, once, but the context is not");
        assert_eq!(r.dataset.claims[0].spans[0].prefix.as_deref(), Some("from "), "untouched context stays");
        assert!(validate(&r.dataset).is_empty());
    }

    #[test]
    fn only_the_context_nearest_the_quote_is_compared() {
        assert_eq!(stored_context(&format!("{}end.", "x".repeat(100)), Side::Before).len(), CONTEXT_CHARS);
        assert_eq!(stored_context("short", Side::Before), ['s', 'h', 'o', 'r', 't']);
        let near: String =
            stored_context(&format!("{}Ann and Bo ", "y".repeat(1000)), Side::Before).into_iter().collect();
        assert_eq!(near, format!("{}Ann and Bo ", "y".repeat(CONTEXT_CHARS - 11)));
        let near: String = stored_context(&format!(", the end{}", "z".repeat(1000)), Side::After).into_iter().collect();
        assert_eq!(near, format!(", the end{}", "z".repeat(CONTEXT_CHARS - 9)));
        // A stored prefix of the whole paragraph before the quote: its far start was rewritten,
        // the words next to the quote were not, so the span keeps a full score.
        let intro = noise(7, 300);
        let tail = "After a long wait at the border, Ann and Bo, the couple, left in 2021.";
        let old = format!("{intro} {tail}");
        let prefix = old[..old.find("left in 2021").unwrap_or_default()].to_string();
        let d = dataset(
            &[&old],
            vec![Span { prefix: Some(prefix), ..Span::quote("a", "left in 2021") }, Span::quote("a", "couple")],
        );
        let r = run(&d, &[&format!("{} {tail}", noise(8, 250))]);
        let m = r.moved.iter().find(|m| m.path == "$.events[0].spans[0]");
        let m = m.unwrap_or_else(|| panic!("the span moves with the text before it: {r:#?}"));
        assert!(m.score > 0.99, "score {}", m.score);
    }

    /// Pseudo-random words, so that no long stretch repeats.
    fn noise(seed: u64, words: usize) -> String {
        let mut state = seed;
        let mut out = String::new();
        for _ in 0..words {
            let mut word = String::new();
            for _ in 0..1 + (state >> 60) % 8 {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                word.push(char::from(b'a' + ((state >> 33) % 26) as u8));
            }
            out.push_str(&word);
            out.push(' ');
        }
        out.trim_end().to_string()
    }

    #[test]
    fn long_quotes_in_long_texts_are_searched_within_bounds() {
        let old = noise(1, 1500);
        let long_quote: String = old.chars().take(5000).collect::<String>().trim_end().to_string();
        let mid_quote: String = old.chars().skip(6000).take(2000).collect::<String>().trim().to_string();
        let d = dataset(&[&old], vec![Span::quote("a", &long_quote), Span::quote("a", &mid_quote)]);
        let replaced = noise(2, 40_000);
        let r = run(&d, &[&replaced]);
        assert_eq!(r.orphans.len(), 2, "{r:#?}");
        assert!(r.orphans[0].reason.contains("too long"), "{}", r.orphans[0].reason);
        assert!(r.orphans[1].reason.contains("looked only within"), "{}", r.orphans[1].reason);
    }

    #[test]
    fn an_unknown_article_is_an_error() {
        let d = standard();
        let err = reanchor(&d, "b", vec!["x".into()]).err().unwrap_or_default();
        assert!(err.contains("`b`") && err.contains("a"), "{err}");
    }

    #[test]
    fn the_approximate_search_finds_the_fewest_edits() {
        let text: Vec<char> = "the pair was jailed, the pear were jailed".chars().collect();
        let pattern: Vec<char> = "pair were jailed".chars().collect();
        let found = approximate(&text, &pattern, 4);
        let words = |&(s, e, _): &(usize, usize, usize)| text[s..e].iter().collect::<String>();
        let listed: Vec<(String, usize)> = found.iter().map(|f| (words(f), f.2)).collect();
        assert!(listed.contains(&("pair was jailed".to_string(), 3)), "{listed:?}");
        assert!(listed.contains(&("pear were jailed".to_string(), 2)), "{listed:?}");
        assert_eq!(context_similarity(&['a', 'b'], &['a', 'b', 'c']), 1.0);
        assert_eq!(context_similarity(&[], &['x']), 1.0);
        assert_eq!(context_similarity(&['a', 'b'], &['x', 'y']), 0.0);
    }
}
