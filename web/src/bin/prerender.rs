//! Writes the built-in article's first view into a built `index.html`, inside its
//! `<div id="prerendered">`, so the page is readable before any wasm runs, and without JavaScript.
//!
//! `prerender PATH/index.html`; run by `cargo xtask build` after trunk.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: prerender PATH/index.html");
        return ExitCode::from(2);
    };
    let page = match std::fs::read_to_string(&path) {
        Ok(page) => page,
        Err(e) => {
            eprintln!("prerender: cannot read {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let Some(at) = slot(&page) else {
        eprintln!("prerender: {} has no empty <div id=\"prerendered\"></div> to fill", path.to_string_lossy());
        return ExitCode::FAILURE;
    };
    let filled = [&page[..at], &factline_web::prerender(), &page[at..]].concat();
    if let Err(e) = std::fs::write(&path, filled) {
        eprintln!("prerender: cannot write {}: {e}", path.to_string_lossy());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Where the pre-rendered markup goes: just before the `</div>` that closes an empty
/// `<div id="prerendered">`, however a minifier quoted the attribute.
fn slot(page: &str) -> Option<usize> {
    ["<div id=\"prerendered\">", "<div id=prerendered>"].iter().find_map(|open| {
        let end = page.find(open)? + open.len();
        page[end..].starts_with("</div>").then_some(end)
    })
}

#[cfg(test)]
mod tests {
    use super::slot;

    #[test]
    fn finds_the_empty_slot_quoted_or_not() {
        assert_eq!(slot("<body><div id=\"prerendered\"></div>"), Some(28));
        assert_eq!(slot("<body><div id=prerendered></div>"), Some(26));
        assert_eq!(slot("<body><div id=prerendered>filled</div>"), None);
        assert_eq!(slot("<body></body>"), None);
    }
}
