//! Packs the built-in article for the page (see `factline_core::pack`), after validating it: the
//! page indexes it without a validator of its own, so an invalid article must fail the build.

use std::path::PathBuf;

fn main() {
    let catalog = match factline_core::embedded::default_catalog() {
        Ok(catalog) => catalog,
        Err(e) => {
            let details = e.details().join("\n  ");
            panic!("the built-in article (assets/data) does not load:\n  {details}");
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("builtin.packed");
    if let Err(e) = std::fs::write(&out, factline_core::pack::pack(catalog.dataset())) {
        panic!("cannot write {}: {e}", out.display());
    }
    // factline-core is a build dependency, so a change to the article or to the core rebuilds
    // this script and runs it again; nothing else here needs watching.
    println!("cargo::rerun-if-changed=build.rs");
}
