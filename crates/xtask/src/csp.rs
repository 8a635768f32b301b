//! Pins the built page's scripts in a Content-Security-Policy: trunk's inline loader is allowed by
//! its SHA-256 hash, wasm by `'wasm-unsafe-eval'`, and nothing else inline or from elsewhere.

use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

/// The policy, with `{hashes}` replaced by the inline scripts' hashes.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Rewrites `index.html` with a CSP meta tag that allows exactly its inline scripts.
pub(crate) fn pin(index: &Path) -> Result<()> {
    let html = std::fs::read_to_string(index).with_context(|| format!("cannot read {}", index.display()))?;
    let pinned = with_policy(&html)?;
    std::fs::write(index, pinned).with_context(|| format!("cannot write {}", index.display()))?;
    Ok(())
}

/// The page with its policy inserted right after `<meta charset>` (before any script).
fn with_policy(html: &str) -> Result<String> {
    if html.contains("Content-Security-Policy") {
        bail!("index.html already has a Content-Security-Policy");
    }
    let hashes: Vec<String> =
        inline_scripts(html).iter().map(|s| format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes())))).collect();
    if hashes.is_empty() {
        bail!("no inline loader script found in index.html; has trunk changed its output?");
    }
    let meta = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        POLICY.replace("{hashes}", &hashes.join(" "))
    );
    // `<meta charset="utf-8" />`, or `<meta charset=utf-8>` once minified.
    let start = html.find("<meta charset").context("index.html has no <meta charset>")?;
    let at = start + html[start..].find('>').context("index.html: unclosed <meta charset>")? + 1;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// The exact text of every inline `<script>` (one without `src`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else { break };
        if !tag.contains(" src=") {
            scripts.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    scripts
}

pub(crate) fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn pins_inline_scripts_only() {
        let html = "<html><head><meta charset=\"utf-8\" />\n<script type=\"module\">run()</script><script src=\"x.js\"></script></head></html>";
        let pinned = with_policy(html).unwrap_or_default();
        let expected_hash = base64(&Sha256::digest(b"run()"));
        assert!(pinned.contains(&format!("'sha256-{expected_hash}'")), "{pinned}");
        assert!(!pinned.contains("unsafe-inline") && !pinned.contains("'unsafe-eval'"));
        assert!(pinned.find("Content-Security-Policy") < pinned.find("<script"));
        assert!(with_policy(&pinned).is_err(), "pinning twice is refused");
        assert!(with_policy("<meta charset=\"utf-8\" />").is_err(), "no loader, no policy");
    }

    #[test]
    fn finds_the_charset_in_minified_pages_too() {
        let html = "<!doctype html><meta charset=utf-8><title>x</title><script type=module>go()</script>";
        let pinned = with_policy(html).unwrap_or_default();
        assert!(
            pinned.starts_with("<!doctype html><meta charset=utf-8>\n    <meta http-equiv=\"Content-Security-Policy\""),
            "{pinned}"
        );
        assert!(pinned.ends_with("<title>x</title><script type=module>go()</script>"), "{pinned}");
    }
}
