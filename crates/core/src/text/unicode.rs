//! The Unicode data Factline needs beyond the standard library's: canonical decomposition and
//! combining marks, from tables generated at build time (see `build.rs`) and checked against the
//! `unicode-normalization` crate by the tests.

mod tables {
    include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));
}

/// Whether `c` is a combining mark (General Category M).
pub fn is_combining_mark(c: char) -> bool {
    let n = c as u32;
    let at = tables::MARKS.partition_point(|&(_, end)| end < n);
    tables::MARKS.get(at).is_some_and(|&(start, _)| start <= n)
}

/// Calls `each` with the characters of `c`'s canonical decomposition (NFD), in order.
pub fn decompose(c: char, mut each: impl FnMut(char)) {
    const S_BASE: u32 = 0xAC00;
    const L_BASE: u32 = 0x1100;
    const V_BASE: u32 = 0x1161;
    const T_BASE: u32 = 0x11A7;
    let n = c as u32;
    if (S_BASE..=0xD7A3).contains(&n) {
        // Hangul syllables decompose by arithmetic (Unicode §3.12).
        let s = n - S_BASE;
        let (l, v, t) = (s / (21 * 28), (s % (21 * 28)) / 28, s % 28);
        [Some(L_BASE + l), Some(V_BASE + v), (t > 0).then_some(T_BASE + t)]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .for_each(each);
        return;
    }
    match tables::DECOMPOSITIONS.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(at) => tables::DECOMPOSITIONS[at].1.chars().for_each(each),
        Err(_) => each(c),
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    /// The generated tables are the crate's, for every character.
    #[test]
    fn tables_agree_with_unicode() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "U+{:04X}", c as u32);
            let mut ours = String::new();
            decompose(c, |d| ours.push(d));
            assert_eq!(ours, std::iter::once(c).nfd().collect::<String>(), "U+{:04X}", c as u32);
        }
    }
}
