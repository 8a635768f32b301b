//! One small stable merge sort for the core's sorts, which are all of short lists of indexes and
//! offsets. The standard library's sorts are faster on long lists but large, and every element
//! type and every key closure compiles a copy of them: the web page carried six copies, 17 KB of
//! its wasm. Here a comparison is a `dyn Fn`, so there is one copy per element type, of a few
//! hundred bytes. It is O(n log n) with one buffer of `n` elements.

/// Sorts `items` so that no item is preceded by one it is `less` than; equal items keep their order.
pub(crate) fn sort_by<T: Copy>(items: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let n = items.len();
    if n < 2 {
        return;
    }
    let mut buffer = items.to_vec();
    let mut width = 1;
    // Runs of `width` sorted items are merged pairwise, alternating between the slice and the buffer.
    let mut in_items = true;
    while width < n {
        if in_items {
            merge_runs(items, &mut buffer, width, less);
        } else {
            merge_runs(&buffer, items, width, less);
        }
        in_items = !in_items;
        width = width.saturating_mul(2);
    }
    if !in_items {
        items.copy_from_slice(&buffer);
    }
}

/// Sorts `items` in ascending order.
pub(crate) fn sort<T: Copy + Ord>(items: &mut [T]) {
    sort_by(items, &|a, b| a < b);
}

fn merge_runs<T: Copy>(from: &[T], to: &mut [T], width: usize, less: &dyn Fn(&T, &T) -> bool) {
    let n = from.len();
    let mut start = 0;
    while start < n {
        let mid = start.saturating_add(width).min(n);
        let end = mid.saturating_add(width).min(n);
        let (mut left, mut right) = (start, mid);
        for slot in &mut to[start..end] {
            // The left run wins ties, which keeps the sort stable.
            let take_left = left < mid && (right >= end || !less(&from[right], &from[left]));
            if take_left {
                *slot = from[left];
                left += 1;
            } else {
                *slot = from[right];
                right += 1;
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut items in proptest::collection::vec(any::<u16>(), 0..300)) {
            let mut expected = items.clone();
            expected.sort_unstable();
            sort(&mut items);
            prop_assert_eq!(items, expected);
        }

        /// Pairs compared by their first element only: equal ones stay in their original order.
        #[test]
        fn is_stable(mut pairs in proptest::collection::vec((0..5u8, any::<u32>()), 0..200)) {
            let mut expected = pairs.clone();
            expected.sort_by_key(|p| p.0);
            sort_by(&mut pairs, &|a, b| a.0 < b.0);
            prop_assert_eq!(pairs, expected);
        }
    }
}
