//! Reading an input file: a regular file, a pipe, a device or standard input (`-`), never more
//! than the limit allows, whatever the file claims its size to be.

use std::io::Read;
use std::path::Path;

use factline_core::format::read::{human, limit_words};

/// The file's bytes, or why they could not be read. Reading stops one byte past `limit`, so a
/// pipe or `/dev/zero` is refused as soon as it is too long.
pub(crate) fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let too_large = |size: Option<u64>| match size {
        Some(size) => format!(
            "{shown}: the file is {} ({size} bytes), more than the {} limit; raise it with --max-input",
            human(size),
            limit_words(size, limit)
        ),
        None => format!("{shown}: the input is more than the {} limit; raise it with --max-input", human(limit as u64)),
    };
    // A regular file's size, to read it into one allocation rather than copying it as it grows.
    let mut expected = 0;
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
        let metadata = file.metadata().map_err(|e| format!("{shown}: {e}"))?;
        if metadata.is_dir() {
            return Err(format!("{shown} is a folder; give a dataset file"));
        }
        // A regular file says how large it is; a pipe or device says 0 and is measured as it is read.
        if metadata.is_file() && metadata.len() > limit as u64 {
            return Err(too_large(Some(metadata.len())));
        }
        if metadata.is_file() {
            expected = metadata.len() as usize;
        }
        Box::new(file)
    };
    // One byte more, for the read that finds the end (saturating: a limit of `u64::MAX` bytes
    // plus one would wrap to a read of nothing).
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    reader.take((limit as u64).saturating_add(1)).read_to_end(&mut bytes).map_err(|e| format!("{shown}: {e}"))?;
    if bytes.len() > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// Refuses standard input (`-`) for more than one of `inputs`, each named as the message names it
/// (`the dataset`, `--text`): it can be read only once, and the second reading would find it empty.
pub(crate) fn stdin_once(inputs: &[(&str, Option<&Path>)]) -> Result<(), String> {
    let named: Vec<&str> =
        inputs.iter().filter(|(_, p)| p.is_some_and(|p| p.as_os_str() == "-")).map(|(n, _)| *n).collect();
    match named.as_slice() {
        [] | [_] => Ok(()),
        [all @ .., last] => Err(format!(
            "{} and {last} name standard input (`-`), which can be read only once; save all but one of them to a file",
            all.join(", ")
        )),
    }
}

/// The name to show for an input.
pub(crate) fn shown_name(path: &Path) -> String {
    if path.as_os_str() == "-" { "standard input".into() } else { path.display().to_string() }
}
