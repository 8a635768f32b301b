//! Counts of the costly steps, validating, indexing and computing a screen, per thread: tests use
//! them to show that a dataset is validated and indexed once however many requests name it, and
//! that a screen asked for again is not computed again.

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
}

thread_local! {
    static COUNTS: Cell<[u64; 3]> = const { Cell::new([0; 3]) };
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
