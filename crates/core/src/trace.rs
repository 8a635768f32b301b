//! Counts of the costly steps, validating, indexing, computing a screen, preparing a text for
//! quotes and searching it, per thread: tests use them to show that a dataset is validated and
//! indexed once however many requests name it, that a screen asked for again is not computed
//! again, and that a text is prepared, and a frequent quote searched for, once, not once per span.

use std::cell::Cell;

/// A step that is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// A dataset was validated ([`crate::format::validate::validate`]).
    Validation,
    /// A dataset was indexed ([`crate::query::Catalog`] built).
    Indexing,
    /// A screen was computed ([`crate::view::screen`]).
    Screen,
    /// A text was prepared for placing quotes ([`crate::format::anchor::Haystack::new`]).
    TextPrepared,
    /// A text was searched for every occurrence of a quote (not answered from what an earlier
    /// search of the same quote kept).
    QuoteSearch,
}

thread_local! {
    static COUNTS: Cell<[u64; 5]> = const { Cell::new([0; 5]) };
}

/// Counts one `counter` step on this thread.
pub fn count(counter: Counter) {
    COUNTS.with(|c| {
        let mut counts = c.get();
        counts[counter as usize] += 1;
        c.set(counts);
    });
}

/// How many `counter` steps this thread has taken.
pub fn total(counter: Counter) -> u64 {
    COUNTS.with(|c| c.get()[counter as usize])
}
