//! Which part of a long list to render. Only what is near the screen is in the DOM: the event
//! list is cut into blocks of [`BLOCK`] events whose heights are measured once rendered (cards
//! differ in height), and the rest of the list is a spacer of the measured, or else estimated,
//! height; the people list has rows of one height. The engine is asked only for the rows shown.

use std::collections::HashMap;

/// Events per block.
pub const BLOCK: usize = 20;

/// The estimated height of an event card, in CSS pixels, until cards are measured.
const CARD_ESTIMATE: f64 = 220.0;

/// How far beyond the screen, in screens, rows are rendered, so scrolling and tabbing find them.
const AHEAD: f64 = 1.0;

/// The heights measured of blocks of the event list, by block index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blocks {
    heights: HashMap<usize, f64>,
}

impl Blocks {
    /// Forgets every height (the list is a new one).
    pub fn clear(&mut self) {
        self.heights.clear();
    }

    /// Records a block's height; says whether it changed.
    pub fn measured(&mut self, block: usize, height: f64) -> bool {
        // A sub-pixel change is rounding, not a change: keeping the height keeps the spacers still.
        if self.heights.get(&block).is_some_and(|h| (h - height).abs() <= 1.0) {
            return false;
        }
        self.heights.insert(block, height);
        true
    }

    /// The height of an event not yet measured: the average of those measured, or an estimate.
    /// Worked out once per question, not once per block: a list of 100,000 events has 5,000.
    fn per_event(&self, total_events: usize) -> f64 {
        let (sum, count) = self
            .heights
            .iter()
            .map(|(&b, &h)| (h, events_in(b, total_events)))
            .fold((0.0, 0usize), |(s, c), (h, n)| (s + h, c + n));
        if count == 0 { CARD_ESTIMATE } else { sum / count as f64 }
    }

    /// A block's height: measured, or `per_event` times its events (the last block may be short).
    fn height_at(&self, block: usize, total_events: usize, per_event: f64) -> f64 {
        match self.heights.get(&block) {
            Some(h) => *h,
            None => per_event * events_in(block, total_events) as f64,
        }
    }

    /// The total height of blocks `from..to`.
    pub fn span(&self, from: usize, to: usize, total_events: usize) -> f64 {
        let per_event = self.per_event(total_events);
        (from..to).map(|b| self.height_at(b, total_events, per_event)).sum()
    }

    /// The blocks to render, `first..=last`, for a list whose top is `list_top` pixels below the
    /// top of the page, when the screen shows `view_top..view_top + view_height`.
    pub fn visible(&self, total_events: usize, list_top: f64, view_top: f64, view_height: f64) -> (usize, usize) {
        let count = total_events.div_ceil(BLOCK);
        if count == 0 {
            return (0, 0);
        }
        let (from, to) = (view_top - AHEAD * view_height - list_top, view_top + (1.0 + AHEAD) * view_height - list_top);
        let per_event = self.per_event(total_events);
        let mut first = None;
        let mut last = 0;
        let mut y = 0.0;
        for b in 0..count {
            let h = self.height_at(b, total_events, per_event);
            if y + h >= from && first.is_none() {
                first = Some(b);
            }
            if y <= to {
                last = b;
            }
            y += h;
            if y > to && first.is_some() {
                break;
            }
        }
        let first = first.unwrap_or(count - 1);
        (first.min(last), last.max(first))
    }

    /// The blocks to render when the screen is at the end of the page: the last ones, as many as
    /// fill the screen and the margin beyond. Placed by [`Blocks::visible`], a jump to the end
    /// lands where the estimates put it, which the heights measured there then move; a browser
    /// keeping what was on screen in place would follow them a block at a time.
    pub fn at_end(&self, total_events: usize, view_height: f64) -> (usize, usize) {
        let count = total_events.div_ceil(BLOCK);
        if count == 0 {
            return (0, 0);
        }
        let per_event = self.per_event(total_events);
        let mut first = count - 1;
        let mut filled = self.height_at(first, total_events, per_event);
        while first > 0 && filled < (1.0 + AHEAD) * view_height {
            first -= 1;
            filled += self.height_at(first, total_events, per_event);
        }
        (first, count - 1)
    }
}

/// How many events block `block` holds.
pub fn events_in(block: usize, total_events: usize) -> usize {
    total_events.saturating_sub(block * BLOCK).min(BLOCK)
}

/// The rows of a list of rows of one height to render: `start..end` of `total`, for a container
/// scrolled `scroll_top` pixels and `view_height` tall.
pub fn rows(total: usize, row_height: f64, scroll_top: f64, view_height: f64) -> (usize, usize) {
    if total == 0 || row_height <= 0.0 {
        return (0, 0);
    }
    let buffer = (view_height / row_height).ceil() as usize;
    let first = (scroll_top / row_height).floor().max(0.0) as usize;
    let start = first.saturating_sub(buffer).min(total);
    let end = (first + 2 * buffer + 1).min(total);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_near_the_screen_are_rendered() {
        let mut blocks = Blocks::default();
        // 10,000 events, nothing measured: each block is estimated.
        assert_eq!(blocks.visible(10_000, 500.0, 0.0, 900.0), (0, 0));
        let per_block = CARD_ESTIMATE * BLOCK as f64;
        let (first, last) = blocks.visible(10_000, 500.0, 500.0 + 10.5 * per_block, 900.0);
        assert!(first <= 10 && last >= 10 && last - first <= 2, "{first}..{last}");
        // Measured blocks replace the estimate, and the average stands in for the others.
        assert!(blocks.measured(0, 5_000.0));
        assert!(!blocks.measured(0, 5_000.5), "a sub-pixel change is not a change");
        assert_eq!(blocks.span(0, 1, 10_000), 5_000.0);
        assert_eq!(blocks.span(7, 8, 10_000), 5_000.0);
        let per_event = 5_000.0 / BLOCK as f64;
        let last = 9_990usize.div_ceil(BLOCK) - 1;
        assert_eq!(
            blocks.span(last, last + 1, 9_990),
            (9_990 - last * BLOCK) as f64 * per_event,
            "the last block is short"
        );
        // The end of the list.
        let count = 10_000 / BLOCK;
        let bottom = blocks.span(0, count, 10_000);
        assert_eq!(blocks.visible(10_000, 0.0, bottom - 900.0, 900.0).1, count - 1);
    }

    #[test]
    fn the_end_of_the_page_renders_the_last_blocks() {
        let mut blocks = Blocks::default();
        assert_eq!(blocks.at_end(0, 900.0), (0, 0));
        assert_eq!(blocks.at_end(30, 900.0), (1, 1), "the last block, estimated, fills the screen");
        assert_eq!(blocks.at_end(30, 2_000.0), (0, 1), "a short list is all rendered");
        // Events of 250 px measured, so blocks of 5,000 px: 1,800 px of screen and margin take the
        // last block, or two when the last is short.
        for b in 0..5 {
            blocks.measured(b, 5_000.0);
        }
        assert_eq!(blocks.at_end(10_000, 900.0), (499, 499));
        assert_eq!(blocks.at_end(9_965, 900.0), (497, 498), "the last block holds 5 events, too few");
        assert_eq!(blocks.at_end(10_000, 6_000.0), (497, 499));
    }

    #[test]
    fn rows_of_one_height() {
        assert_eq!(rows(3000, 40.0, 0.0, 400.0), (0, 21));
        assert_eq!(rows(3000, 40.0, 4000.0, 400.0), (90, 121));
        assert_eq!(rows(3000, 40.0, 1e9, 400.0), (3000, 3000));
        assert_eq!(rows(5, 40.0, 0.0, 400.0), (0, 5));
        assert_eq!(rows(0, 40.0, 0.0, 400.0), (0, 0));
    }
}
