//! The browser half of `cargo xtask bench`: installs the pages Factline is measured against
//! (TimelineJS, vis-timeline) and Lighthouse from npm, then runs the `browser-bench` binary of the
//! browser suite on an already built site. It prints a markdown table and writes it to
//! `target/browser-bench.md`.

use std::path::Path;

use anyhow::Result;

use crate::{cargo, run_cmd, step, tools};

/// Measures the built site in `dist` in headless Chromium against its peers.
pub(crate) fn run(root: &Path, dist: &Path) -> Result<()> {
    let browser = tools::ensure_browser(root)?;
    let peers = root.join("tests/e2e/peers");
    tools::ensure_npm(&peers, "the benchmark's peers (TimelineJS, vis-timeline) and Lighthouse")?;
    step("Running the browser benchmark (Factline against TimelineJS and vis-timeline, Lighthouse, corpora)");
    run_cmd(
        cargo()
            .args(["run", "--quiet", "--release", "-p", "factline-e2e", "--bin", "browser-bench"])
            .env("FACTLINE_DIST", dist)
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("CHROMIUM", &browser.chromium)
            .env("FACTLINE_PEERS", &peers)
            .env("FACTLINE_BROWSER_BENCH_REPORT", root.join("target/browser-bench.md")),
    )
}
