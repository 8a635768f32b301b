//! Writes a brotli copy (`name.br`, quality 11) beside each file of the built site that compresses,
//! as static hosts that send precompressed files expect (nginx's `brotli_static`, Caddy's
//! `precompressed`). The dev server sends these copies to browsers that accept brotli, and the size
//! report counts them: the bytes it prints are the bytes sent.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use factline_devserver::brotli_copy;

use crate::run_cmd;

/// What compresses: text and wasm. Images such as PNG are compressed already.
const COMPRESSIBLE: [&str; 8] = ["html", "css", "js", "mjs", "wasm", "svg", "json", "txt"];

/// Writes `name.br` beside every compressible file directly in `dir`.
pub(crate) fn precompress(dir: &Path) -> Result<()> {
    for file in crate::files_in(dir)? {
        if file.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e)) {
            let mut output = OsString::from("--output=");
            output.push(brotli_copy(&file));
            run_cmd(Command::new("brotli").args(["--force", "--quality=11"]).arg(output).arg(&file))
                .context("cannot compress with `brotli` (apt-get install brotli)")?;
        }
    }
    Ok(())
}

/// The bytes a browser that accepts brotli downloads for `file`: its brotli copy's, or its own
/// when it has none.
pub(crate) fn sent_size(file: &Path) -> Result<u64> {
    let copy = brotli_copy(file);
    let sent = if copy.is_file() { copy } else { file.to_path_buf() };
    Ok(std::fs::metadata(&sent).with_context(|| format!("cannot read {}", sent.display()))?.len())
}
