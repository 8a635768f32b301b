//! `cargo xtask`: what cargo alone cannot do. It installs the pinned web tools when they are
//! missing, builds the web app with trunk and pins its loader in a Content-Security-Policy, serves
//! it, runs the whole test suite (native, wasm component tests, browser end-to-end), and reports
//! the size of what a browser downloads.
//!
//! Every step says what it is doing; installs say roughly how long they take.

mod browser_bench;
mod compress;
mod csp;
mod minify;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

const HELP: &str = "\
cargo xtask <command>

Commands:
  serve [--port N] [--path /sub/path/]
                 Build the web app (release) and serve it on 127.0.0.1 (default port 8080).
  test           Run everything CI runs: format, lints (host and wasm32), unit, golden and
                 property tests, docs, the wasm component tests and the browser suite in
                 headless Chromium, then the size report.
  build          Build the web app into web/dist (release, CSP pinned).
  size           Build, then report the bytes a browser downloads, raw and brotli.
  e2e            Build, then run only the browser end-to-end suite.
  fuzz [--seconds N]
                 Run each cargo-fuzz target (tests/fuzz) for N seconds (default 60) on the
                 nightly toolchain, from the saved corpus, and report executions; new inputs
                 go to target/fuzz-corpus, crashes to tests/fuzz/artifacts.
  corpus --articles A --events-per-article E --persons P [--out FILE]
                 Write a generated corpus (deterministic: the same arguments, the same file).
  bench          Run the benchmarks (reading, validating, indexing; queries against SQLite on
                 10k, 100k and 1M events; FACTLINE_BENCH_SIZES=10k,100k narrows them), then print
                 the medians side by side.
  setup          Install what is missing: the wasm32 target, trunk, wasm-bindgen-cli, binaryen
                 and axe-core (npm), Chromium and chromedriver (apt).

A first run on a fresh machine installs trunk (about 20 minutes on 2 cores), wasm-bindgen-cli
(about 9 minutes), Chromium (a few minutes) and the npm tools (under a minute).";

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root()?;
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("serve") => serve(&root, &args[1..]),
        Some("test") => test(&root),
        Some("build") => build_web(&root).map(|_| ()),
        Some("size") => {
            let dist = build_web(&root)?;
            size_report(&dist)
        }
        Some("e2e") => {
            let dist = build_web(&root)?;
            e2e(&root, &dist)
        }
        Some("fuzz") => fuzz(&root, &args[1..]),
        Some("corpus") => run_cmd(
            cargo()
                .args(["run", "--quiet", "--release", "-p", "factline-bench", "--bin", "corpus", "--"])
                .args(&args[1..]),
        ),
        Some("bench") => bench(&root),
        Some("setup") => {
            tools::ensure_all(&root)?;
            Ok(())
        }
        None | Some("help" | "--help" | "-h") => {
            println!("{HELP}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

fn workspace_root() -> Result<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).map(Path::to_path_buf).context("cannot find the workspace root")
}

/// Prints a step heading.
pub(crate) fn step(what: &str) {
    println!("\n==> {what}");
}

/// Runs a command, failing with its name if it fails.
pub(crate) fn run_cmd(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Builds the web app for release into `web/dist` and pins its loader script in the CSP.
fn build_web(root: &Path) -> Result<PathBuf> {
    let tools = tools::ensure_web_build(root)?;
    step("Building the web app (trunk build --release)");
    let started = Instant::now();
    run_cmd(
        Command::new(&tools.trunk)
            .args(["build", "--release", "--offline"])
            .current_dir(root.join("web"))
            .env("PATH", tools.path_with_tools()),
    )?;
    let dist = root.join("web/dist");
    step("Pre-rendering the first view into index.html (yew's server renderer)");
    run_cmd(
        cargo()
            .args(["run", "--quiet", "-p", "factline-web", "--features", "prerender", "--bin", "prerender", "--"])
            .arg(dist.join("index.html")),
    )?;
    let terser = root.join("web/node_modules/.bin/terser");
    minify::page_glue(&dist, "factline-web-", &terser)?;
    csp::pin(&dist.join("index.html"))?;
    build_annotator(root, &tools, &dist.join(ANNOTATOR_DIR), &terser)?;
    step("Writing a brotli copy of each file beside it (name.br), as static hosts send them");
    compress::precompress(&dist)?;
    compress::precompress(&dist.join(ANNOTATOR_DIR))?;
    println!("built {} in {:.0?}", dist.display(), started.elapsed());
    Ok(dist)
}

/// Where in the site the annotator lives; the viewer's **New dataset** links to it.
const ANNOTATOR_DIR: &str = "annotate";

/// Builds the annotator, a page of its own fetched only when **New dataset** is chosen, into
/// `into` (`web/dist/annotate`). trunk builds it in its own folder, because it empties its `dist`
/// first and the viewer's is already there.
fn build_annotator(root: &Path, tools: &tools::Tools, into: &Path, terser: &Path) -> Result<()> {
    step("Building the annotator (trunk build --release)");
    let dir = root.join("web/annotator");
    run_cmd(
        Command::new(&tools.trunk)
            .args(["build", "--release", "--offline"])
            .current_dir(&dir)
            .env("PATH", tools.path_with_tools()),
    )?;
    if into.exists() {
        std::fs::remove_dir_all(into).with_context(|| format!("cannot empty {}", into.display()))?;
    }
    std::fs::create_dir_all(into).with_context(|| format!("cannot create {}", into.display()))?;
    for path in files_in(&dir.join("dist"))? {
        let name = path.file_name().context("a built file has no name")?;
        std::fs::copy(&path, into.join(name)).with_context(|| format!("cannot copy {}", path.display()))?;
    }
    minify::page_glue(into, "factline-annotator-", terser)?;
    csp::pin(&into.join("index.html"))
}

fn serve(root: &Path, args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut path = "/".to_string();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = rest.next().context("--port needs a number")?.parse().context("--port needs a number")?
            }
            "--path" => path = rest.next().context("--path needs a path such as /factline/")?.clone(),
            other => bail!("unknown option `{other}` for serve; use --port N or --path /sub/path/"),
        }
    }
    let dist = build_web(root)?;
    let server = factline_devserver::Server::start(&dist, &path, port)
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}; try --port with another number"))?;
    println!("\nFactline is being served at {}", server.url());
    println!("Press Ctrl-C to stop.");
    server.wait();
    Ok(())
}

fn test(root: &Path) -> Result<()> {
    let started = Instant::now();
    let tools = tools::ensure_all(root)?;
    step("Checking that the web app never turns strings into HTML");
    check_no_raw_html(&root.join("web"))?;
    step("Checking formatting (cargo fmt --check)");
    run_cmd(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("Linting the native crates (clippy, warnings are errors)");
    run_cmd(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--exclude",
        "factline-web",
        "--exclude",
        "factline-annotator",
        "--",
        "-D",
        "warnings",
    ]))?;
    step(
        "Linting the web app, its worker, the annotator and the core library for wasm32 (clippy, warnings are errors)",
    );
    let wasm_clippy = ["clippy", "--target", "wasm32-unknown-unknown"];
    run_cmd(cargo().args(wasm_clippy).args(["-p", "factline-web", "--all-targets", "--", "-D", "warnings"]))?;
    run_cmd(cargo().args(wasm_clippy).args(["-p", "factline-worker", "--", "-D", "warnings"]))?;
    run_cmd(cargo().args(wasm_clippy).args(["-p", "factline-annotator", "--all-targets", "--", "-D", "warnings"]))?;
    run_cmd(cargo().args(wasm_clippy).args(["-p", "factline-browser", "--", "-D", "warnings"]))?;
    run_cmd(cargo().args(wasm_clippy).args(["-p", "factline-core", "--lib", "--", "-D", "warnings"]))?;
    step("Building the docs (warnings are errors)");
    run_cmd(
        cargo()
            .args(["doc", "--no-deps", "--workspace", "--exclude", "factline-e2e"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    step("Running the native tests: unit, golden, property, fixtures");
    run_cmd(cargo().args([
        "test",
        "--workspace",
        "--exclude",
        "factline-web",
        "--exclude",
        "factline-annotator",
        "--exclude",
        "factline-e2e",
    ]))?;
    step("Linting and testing the web app's native pre-renderer, and its logic that needs no browser");
    let prerender = ["-p", "factline-web", "--features", "prerender", "--bin", "prerender"];
    run_cmd(cargo().arg("clippy").args(prerender).args(["--", "-D", "warnings"]))?;
    run_cmd(cargo().arg("test").args(prerender))?;
    run_cmd(cargo().args(["test", "-p", "factline-web", "--lib"]))?;
    step("Running the wasm component tests of the viewer and the annotator in headless Chromium");
    for package in ["factline-web", "factline-annotator"] {
        run_cmd(
            cargo()
                .args(["test", "--target", "wasm32-unknown-unknown", "-p", package])
                .env("CHROMEDRIVER", &tools.chromedriver)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
                .env("PATH", tools.path_with_tools()),
        )?;
    }
    let dist = build_web(root)?;
    e2e(root, &dist)?;
    size_report(&dist)?;
    println!("\nAll checks passed in {:.0?}.", started.elapsed());
    Ok(())
}

/// Fails if any web source could write markup from a string: data must only ever become text nodes.
fn check_no_raw_html(dir: &Path) -> Result<()> {
    const FORBIDDEN: [&str; 5] =
        ["inner_html", "innerHTML", "outer_html", "from_html_unchecked", "insert_adjacent_html"];
    let mut offenders = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path)?.filter_map(|e| e.ok().map(|e| e.path())));
        } else if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path)?;
            for (n, line) in text.lines().enumerate() {
                if FORBIDDEN.iter().any(|f| line.contains(f)) {
                    offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    if !offenders.is_empty() {
        bail!("the web app must not write HTML from strings:\n{}", offenders.join("\n"));
    }
    println!("no raw HTML in {}", dir.display());
    Ok(())
}

fn e2e(root: &Path, dist: &Path) -> Result<()> {
    let tools = tools::ensure_browser(root)?;
    step("Running the browser end-to-end suite against the release build (headless Chromium)");
    // Timings are appended test by test; each run starts a fresh record.
    let _ = std::fs::remove_file(root.join("tests/e2e/screenshots/timings.txt"));
    run_cmd(
        cargo()
            .args(["test", "-p", "factline-e2e", "--", "--test-threads=1", "--nocapture"])
            .env("FACTLINE_DIST", dist)
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("CHROMIUM", &tools.chromium)
            .env("AXE_JS", tools.axe_js(root)),
    )
}

/// Runs the criterion benchmarks, then reads their medians back and prints each query next to
/// SQLite's, with the ratio.
fn bench(root: &Path) -> Result<()> {
    step("Running the benchmarks (cargo bench -p factline-bench)");
    run_cmd(cargo().args(["bench", "-p", "factline-bench"]))?;
    step("Medians (criterion)");
    let dir = root.join("target/criterion");
    let median = |group: &str, function: &str, case: &str| -> Option<f64> {
        let path = dir.join(group).join(function).join(case).join("new/estimates.json");
        let text = std::fs::read_to_string(path).ok()?;
        let at = text.find("\"median\"")?;
        let rest = &text[at..];
        let value = rest.split("\"point_estimate\":").nth(1)?;
        value.split([',', '}']).next()?.trim().parse().ok()
    };
    let show = |ns: f64| {
        if ns < 1e3 {
            format!("{ns:.0} ns")
        } else if ns < 1e6 {
            format!("{:.1} µs", ns / 1e3)
        } else {
            format!("{:.1} ms", ns / 1e6)
        }
    };
    println!("{:<8} {:<24} {:>12} {:>12} {:>8}", "corpus", "query", "factline", "sqlite", "ratio");
    for size in ["10k", "100k", "1M"] {
        for case in ["one person", "two people, all", "one person and text"] {
            let group = format!("queries {size}");
            let (ours, theirs) = (median(&group, "factline", case), median(&group, "sqlite", case));
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                println!("{size:<8} {case:<24} {:>12} {:>12} {:>7.1}x", show(ours), show(theirs), theirs / ours);
            }
        }
    }
    let dist = build_web(root)?;
    browser_bench::run(root, &dist)
}

/// Runs every fuzz target for a bounded time and prints how many inputs each ran.
fn fuzz(root: &Path, args: &[String]) -> Result<()> {
    let seconds: u64 = match args {
        [] => 60,
        [flag, n] if flag == "--seconds" => n.parse().context("--seconds needs a whole number")?,
        _ => bail!("usage: cargo xtask fuzz [--seconds N]"),
    };
    tools::ensure_fuzz()?;
    let fuzz_dir = root.join("tests/fuzz");
    let mut targets: Vec<String> = std::fs::read_dir(fuzz_dir.join("fuzz_targets"))?
        .filter_map(|e| e.ok()?.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    targets.sort();
    let mut report = Vec::new();
    for target in &targets {
        step(&format!("Fuzzing `{target}` for {seconds} s"));
        let work = root.join("target/fuzz-corpus").join(target);
        std::fs::create_dir_all(&work)?;
        let output = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", "--fuzz-dir"])
            .arg(&fuzz_dir)
            .arg(target)
            .arg(&work)
            .arg(fuzz_dir.join("corpus").join(target))
            .args(["--", &format!("-max_total_time={seconds}"), "-rss_limit_mb=4096", "-print_final_stats=1"])
            .output()
            .context("cannot run cargo fuzz")?;
        let log = String::from_utf8_lossy(&output.stderr);
        let runs = log.lines().find_map(|l| l.strip_prefix("Done ")).unwrap_or("no summary").to_string();
        println!("{target}: {runs}");
        if !output.status.success() {
            eprintln!(
                "{}",
                log.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
            );
            bail!("fuzz target `{target}` failed; the input is saved under tests/fuzz/artifacts/{target}/");
        }
        report.push(format!("{target:<10} {runs}"));
    }
    step("Fuzzing summary");
    for line in report {
        println!("{line}");
    }
    Ok(())
}

/// Prints the bytes of `dist`, raw and as sent (their brotli copies, quality 11): first what the
/// page itself loads (`index.html` and what it names), against the budget; then the background
/// worker, which the page starts as it mounts and which computes every screen, and the two
/// together; last the annotator, a page of its own.
fn size_report(dist: &Path) -> Result<()> {
    step("Size of the page (web/dist)");
    let index = std::fs::read_to_string(dist.join("index.html")).context("no index.html in dist")?;
    let files = files_in(dist)?;
    let (initial, later): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| is_initial(&index, p));
    let initial_total = size_table(&initial)?;
    // The browser paints the pre-rendered page once it has the HTML and the CSS.
    let first_paint: Vec<PathBuf> =
        initial.iter().filter(|p| p.extension().is_some_and(|e| e == "html" || e == "css")).cloned().collect();
    let mut first_paint_total = 0;
    for file in &first_paint {
        first_paint_total += compress::sent_size(file)?;
    }
    let first_budget = 20 * 1024;
    println!(
        "first paint (HTML with the pre-rendered view, and CSS): {:.1} KiB brotli, {} the {} KiB budget",
        first_paint_total as f64 / 1024.0,
        if first_paint_total <= first_budget { "within" } else { "OVER" },
        first_budget / 1024
    );
    let budget = 120 * 1024;
    let verdict = if initial_total <= budget { "within" } else { "OVER" };
    println!(
        "budget: {} KiB brotli; the page is {:.1} KiB, {verdict} budget",
        budget / 1024,
        initial_total as f64 / 1024.0
    );
    if !later.is_empty() {
        step("The background worker (started with the page; it holds the datasets and computes each screen)");
        let later_total = size_table(&later)?;
        println!(
            "worker: {:.1} KiB brotli; page and worker together: {:.1} KiB",
            later_total as f64 / 1024.0,
            (initial_total + later_total) as f64 / 1024.0
        );
    }
    let annotator = dist.join(ANNOTATOR_DIR);
    if annotator.is_dir() {
        step("The annotator (its own page, fetched only when New dataset is chosen)");
        let total = size_table(&files_in(&annotator)?)?;
        println!("annotator: {:.1} KiB brotli", total as f64 / 1024.0);
    }
    Ok(())
}

/// The files (not folders) directly in `dir`, sorted, leaving out the brotli copies of others.
pub(crate) fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "br"))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether the page loads `file` up front: `index.html` itself, or a file it names as `./name`,
/// quoted or not (minified HTML leaves attribute values unquoted).
fn is_initial(index: &str, file: &Path) -> bool {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reference = format!("./{name}");
    let ends_name = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || "._-".contains(c));
    name == "index.html" || index.match_indices(&reference).any(|(at, _)| ends_name(&index[at + reference.len()..]))
}

/// Prints one row per file and a total; returns the brotli total.
fn size_table(files: &[PathBuf]) -> Result<u64> {
    let (mut raw_total, mut br_total) = (0u64, 0u64);
    println!("{:<44} {:>10} {:>10}", "file", "raw (B)", "brotli (B)");
    for file in files {
        let raw = std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?.len();
        let compressed = compress::sent_size(file)?;
        raw_total += raw;
        br_total += compressed;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("{name:<44} {raw:>10} {compressed:>10}");
    }
    println!("{:<44} {:>10} {:>10}", "total", raw_total, br_total);
    Ok(br_total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_check_finds_offending_lines() {
        let dir = std::env::temp_dir().join(format!("factline-xtask-html-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("components"));
        let _ = std::fs::write(dir.join("lib.rs"), "fn ok() { let text = \"innerText\"; }\n");
        assert!(check_no_raw_html(&dir).is_ok());
        let _ =
            std::fs::write(dir.join("components/bad.rs"), "fn bad(e: &Element) {\n    e.set_inner_html(data);\n}\n");
        let error = check_no_raw_html(&dir).map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(error.contains("bad.rs:2: e.set_inner_html(data);"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_initial_transfer_is_the_page_and_what_it_names() {
        let index = r#"<link rel="stylesheet" href="./app-1.css"/><script type="module">
import init from './factline-web-2.js'; await init({ module_or_path: './factline-web-2_bg.wasm' });</script>
<link href=./favicon-3.svg integrity=sha384-x rel=icon><link href=./last.css>"#;
        for name in
            ["index.html", "app-1.css", "factline-web-2.js", "factline-web-2_bg.wasm", "favicon-3.svg", "last.css"]
        {
            assert!(is_initial(index, Path::new(name)), "{name}");
        }
        for name in ["factline-worker.js", "factline-worker_bg.wasm", "worker-loader.js", "app-1.cs"] {
            assert!(!is_initial(index, Path::new(name)), "{name}");
        }
    }
}
