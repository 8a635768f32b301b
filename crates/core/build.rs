//! Generates the search folding's tables from Unicode's data (the `unicode-normalization`
//! crate's): for each letter whose canonical decomposition differs from it, that decomposition
//! without its combining marks; and the ranges of combining marks. The crate itself, linked into
//! the web app's worker, cost 56 KB of brotli-compressed wasm; these tables cost a tenth of that.
//! `text::fold`'s tests check the tables against the crate for every character.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

fn main() {
    let mut bases = String::from("/// Letters whose decomposition, without marks, differs from them.\n");
    bases.push_str("pub(crate) static BASES: &[(char, &str)] = &[\n");
    let mut marks: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        if is_combining_mark(c) {
            match marks.last_mut() {
                Some((_, end)) if *end + 1 == c as u32 => *end = c as u32,
                _ => marks.push((c as u32, c as u32)),
            }
            continue;
        }
        // Hangul syllables decompose by arithmetic; `fold` does that itself.
        if (0xAC00..=0xD7A3).contains(&(c as u32)) {
            continue;
        }
        let base: String = std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)).collect();
        if base != c.to_string() {
            let _ = writeln!(bases, "    ({c:?}, {base:?}),");
        }
    }
    bases.push_str("];\n\n/// Ranges of combining marks, inclusive.\n");
    bases.push_str("pub(crate) static MARKS: &[(u32, u32)] = &[\n");
    for (start, end) in marks {
        let _ = writeln!(bases, "    (0x{start:X}, 0x{end:X}),");
    }
    bases.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("fold_tables.rs");
    if let Err(e) = std::fs::write(&out, bases) {
        panic!("cannot write {}: {e}", out.display());
    }
    println!("cargo::rerun-if-changed=build.rs");
}
