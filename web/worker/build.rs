//! Fails the build when the built-in article (assets/data) does not load: the worker serves it
//! from the start, and a broken one would leave the page with nothing to show.

fn main() {
    if let Err(e) = factline_core::embedded::default_catalog() {
        let details = e.details().join("\n  ");
        panic!("the built-in article (assets/data) does not load:\n  {details}");
    }
    // factline-core is a build dependency, so a change to the article or to the core rebuilds
    // this script and runs it again; nothing else here needs watching.
    println!("cargo::rerun-if-changed=build.rs");
}
