//! Generates the text tables from Unicode's data (the `unicode-normalization` crate's): each
//! character's canonical decomposition (NFD), where it has one, and the ranges of combining
//! marks. Search folding and the anchoring of quotes use them. The crate itself, linked into
//! the web app's worker, cost 56 KB of brotli-compressed wasm; these tables cost a tenth of that.
//! `text::fold`'s tests check the tables against the crate for every character.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

fn main() {
    let mut bases = String::from("/// Characters with a canonical decomposition, and that decomposition (NFD).\n");
    bases.push_str("pub(crate) static DECOMPOSITIONS: &[(char, &str)] = &[\n");
    let mut marks: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        if is_combining_mark(c) {
            match marks.last_mut() {
                Some((_, end)) if *end + 1 == c as u32 => *end = c as u32,
                _ => marks.push((c as u32, c as u32)),
            }
        }
        // Hangul syllables decompose by arithmetic, done where they are used.
        if (0xAC00..=0xD7A3).contains(&(c as u32)) {
            continue;
        }
        let decomposed: String = std::iter::once(c).nfd().collect();
        if decomposed != c.to_string() {
            let _ = writeln!(bases, "    ({c:?}, {decomposed:?}),");
        }
    }
    bases.push_str("];\n\n/// Ranges of combining marks, inclusive.\n");
    bases.push_str("pub(crate) static MARKS: &[(u32, u32)] = &[\n");
    for (start, end) in marks {
        let _ = writeln!(bases, "    (0x{start:X}, 0x{end:X}),");
    }
    bases.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("unicode_tables.rs");
    if let Err(e) = std::fs::write(&out, bases) {
        panic!("cannot write {}: {e}", out.display());
    }
    println!("cargo::rerun-if-changed=build.rs");
}
