//! Minifies the page's wasm-bindgen JS with terser. trunk's own minifier cannot parse that module
//! (it stops at `export { … as default }`) and leaves it whole; terser takes it from 6.8 to 5.2 KB
//! brotli. The file keeps its name, and its subresource-integrity hash in `index.html`, where the
//! loader preloads it with one (the annotator's does; the viewer fetches its app without preloads),
//! is replaced.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha384};

use crate::run_cmd;

/// Minifies the JS module that `index.html` imports (`{prefix}*.js`, such as `factline-web-*.js`)
/// in place.
pub(crate) fn page_glue(dist: &Path, prefix: &str, terser: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index =
        std::fs::read_to_string(&index_path).with_context(|| format!("cannot read {}", index_path.display()))?;
    let glue: Vec<_> = std::fs::read_dir(dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix) && n.ends_with(".js")))
        .collect();
    let [glue] = glue.as_slice() else { bail!("expected one {prefix}*.js in {}, found {glue:?}", dist.display()) };
    let before = std::fs::read(glue)?;
    run_cmd(Command::new(terser).arg(glue).args(["--module", "--compress", "--mangle", "--output"]).arg(glue))?;
    let after = std::fs::read(glue)?;
    let pinned = with_integrity(&index, &before, &after)?;
    std::fs::write(&index_path, pinned).with_context(|| format!("cannot write {}", index_path.display()))?;
    println!("minified {}: {} -> {} bytes", glue.display(), before.len(), after.len());
    Ok(())
}

/// `index.html` with the integrity hash of `before` replaced by that of `after`, if it names it:
/// once at most.
fn with_integrity(index: &str, before: &[u8], after: &[u8]) -> Result<String> {
    let old = sri(before);
    match index.matches(&old).count() {
        0 | 1 => Ok(index.replace(&old, &sri(after))),
        n => bail!("index.html names the glue's integrity hash {n} times, expected once at most"),
    }
}

fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", crate::csp::base64(&Sha384::digest(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_exactly_the_glues_hash() {
        let old = sri(b"long glue");
        let index = format!("<link href=./a.js integrity={old} rel=modulepreload><link integrity=sha384-other>");
        let updated = with_integrity(&index, b"long glue", b"glue").unwrap_or_default();
        assert_eq!(
            updated,
            format!("<link href=./a.js integrity={} rel=modulepreload><link integrity=sha384-other>", sri(b"glue"))
        );
        let unpinned = "<script type=module>await import('./a.js')</script><link integrity=sha384-other>";
        assert_eq!(with_integrity(unpinned, b"long glue", b"glue").unwrap_or_default(), unpinned);
        assert!(with_integrity(&format!("{index}{index}"), b"long glue", b"glue").is_err());
        // The SHA-384 of "abc" (FIPS 180-2), in base64, as `printf abc | openssl dgst -sha384 -binary | base64` gives.
        assert_eq!(sri(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
    }
}
