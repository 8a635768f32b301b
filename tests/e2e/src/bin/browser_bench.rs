//! The browser benchmark, run by `cargo xtask bench`: Factline's release build against two
//! timeline libraries showing the same data (TimelineJS and vis-timeline, from npm), beside a
//! static page of one event (what navigation costs in this harness before any page's own work),
//! a Lighthouse run, and generated corpora of 10,000 and 100,000 events, all in headless Chromium on
//! 127.0.0.1. It prints figures, as a markdown table on stdout and in `target/browser-bench.md`;
//! it asserts nothing about them. A step that fails says so and the others go on.
//!
//! Every time is taken in the page: a probe polls once an animation frame from the starting
//! moment (navigation start, or the click or file choice, caught by a capturing listener), and
//! when what it waits for exists, the task after that frame's rendering reads the clock. So
//! "painted" means "the frame that first held it was rendered", the same rule for every page.
//!
//! Configured by `cargo xtask bench` through the environment: `FACTLINE_DIST`, `CHROMEDRIVER`
//! and `CHROMIUM` (as for the browser suite), `FACTLINE_PEERS` (tests/e2e/peers, with its
//! node_modules installed), `NODE`, `FACTLINE_BROWSER_BENCH_REPORT` (the markdown file) and
//! `FACTLINE_BROWSER_BENCH_RUNS` (fresh loads per navigation figure, 5 by default). While working
//! on one figure, `FACTLINE_BROWSER_BENCH_ONLY` names the parts to run, comma-separated, from
//! `navigation`, `lighthouse`, `corpora` and `vis-corpus` (all of them by default).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use factline_bench::Shape;
use factline_core::Dataset;
use factline_core::query::Catalog;
use factline_devserver::Server;
use factline_e2e::Session;
use fantoccini::Locator;
use serde_json::{Value, json};

/// The window every page is measured in.
const WINDOW: (u32, u32) = (1280, 900);
/// Rounds of each filter click on a corpus.
const ROUNDS: usize = 7;
/// CPU slow-downs the navigation figures are taken at.
const CPU_RATES: [u32; 2] = [1, 4];

/// Installed in a page before it runs (or injected later): `__bench.watch` polls a condition once
/// a frame from `__bench.mark` on; when it holds, the task after that frame's rendering records
/// `{start, painted, value}` in `__bench.done`. `__bench.arm(type, ...)` sets the mark at the
/// next click or change event, caught before the page's own listeners.
const PROBE: &str = r#"(() => {
  if (window.__bench) return;
  const b = window.__bench = { done: null, mark: null, armed: null, longest: 0, longTasks: 0 };
  const afterFrame = fn => { const c = new MessageChannel(); c.port1.onmessage = () => fn(performance.now()); c.port2.postMessage(null); };
  const check = cond => { try { return cond(); } catch (e) { return false; } };
  b.watch = (cond, limit) => {
    b.done = null;
    const deadline = performance.now() + limit;
    const tick = () => {
      if (b.mark !== null) {
        const v = check(cond);
        if (v) {
          const value = (typeof v === 'object' && !(v instanceof Node)) ? v : true;
          afterFrame(t => { b.done = { start: b.mark, painted: t, value }; });
          return;
        }
      }
      if (performance.now() > deadline) { b.done = { timeout: true }; return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  b.arm = (type, cond, limit) => { b.armed = type; b.mark = type ? null : performance.now(); b.watch(cond, limit); };
  for (const type of ['click', 'change']) {
    document.addEventListener(type, () => { if (b.armed === type && b.mark === null) b.mark = performance.now(); }, true);
  }
  b.observeLongTasks = () => {
    b.longest = 0; b.longTasks = 0;
    try {
      new PerformanceObserver(list => { for (const e of list.getEntries()) { b.longest = Math.max(b.longest, e.duration); b.longTasks += 1; } })
        .observe({ type: 'longtask' });
      return true;
    } catch (e) { return String(e); }
  };
})();"#;

/// A JavaScript condition: some result count reads "`n` event…" and an event card exists; or a
/// load error is shown, whose text becomes the value.
fn count_is(n: usize) -> String {
    format!(
        "() => {{ const a = document.querySelector('.alert[role=alert]'); if (a) return {{ refused: a.innerText }};
           return [...document.querySelectorAll('[role=status]')].some(s => s.textContent.startsWith('{n} event'))
             && document.querySelector('.event') !== null; }}"
    )
}

/// What the benchmark reads from its environment.
struct Config {
    peers: PathBuf,
    node: PathBuf,
    chromium: PathBuf,
    report: PathBuf,
    runs: usize,
    /// The parts to run; empty for all.
    only: Vec<String>,
}

impl Config {
    fn from_env() -> Config {
        let var = |name: &str| std::env::var_os(name).map(PathBuf::from);
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        Config {
            peers: var("FACTLINE_PEERS").unwrap_or_else(|| manifest.join("peers")),
            node: var("NODE").unwrap_or_else(|| "node".into()),
            chromium: var("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()),
            report: var("FACTLINE_BROWSER_BENCH_REPORT")
                .unwrap_or_else(|| manifest.join("../../target/browser-bench.md")),
            runs: std::env::var("FACTLINE_BROWSER_BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(5).max(1),
            only: std::env::var("FACTLINE_BROWSER_BENCH_ONLY")
                .map(|parts| parts.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect())
                .unwrap_or_default(),
        }
    }

    /// Whether to run this part.
    fn runs(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p == part)
    }
}

/// The tables being filled in, and what could not be measured.
#[derive(Default)]
struct Report {
    heading: Vec<String>,
    sections: Vec<Section>,
    notes: Vec<String>,
    failures: Vec<String>,
}

struct Section {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Report {
    fn section(&mut self, title: &str, header: &[&str]) -> &mut Section {
        self.sections.push(Section {
            title: title.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        });
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Says at once, and in the report, that a step failed; the run goes on.
    fn failed(&mut self, what: &str, error: &anyhow::Error) {
        eprintln!("browser-bench: FAILED: {what}: {error:#}");
        self.failures.push(format!("{what}: {error:#}"));
    }

    fn markdown(&self) -> String {
        let mut out = String::from("# Browser benchmark\n\n");
        for line in &self.heading {
            let _ = writeln!(out, "{line}");
        }
        for section in &self.sections {
            let _ = writeln!(out, "\n## {}\n", section.title);
            let _ = writeln!(out, "| {} |", section.header.join(" | "));
            let _ = writeln!(out, "|{}", section.header.iter().map(|_| "---|").collect::<String>());
            for row in &section.rows {
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
        }
        if !self.notes.is_empty() {
            out.push_str("\n## Notes\n\n");
            for note in &self.notes {
                let _ = writeln!(out, "- {note}");
            }
        }
        out.push_str("\n## Not measured\n\n");
        if self.failures.is_empty() {
            out.push_str("Everything above was measured.\n");
        }
        for failure in &self.failures {
            let _ = writeln!(out, "- {}", failure.replace('\n', " "));
        }
        out
    }
}

impl Section {
    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

fn progress(what: &str) {
    eprintln!("browser-bench: {what}");
}

/// Milliseconds for a reader.
fn ms(value: f64) -> String {
    if value >= 10_000.0 { format!("{:.1} s", value / 1000.0) } else { format!("{value:.0} ms") }
}

/// Bytes for a reader.
fn mib(bytes: f64) -> String {
    format!("{:.1} MiB", bytes / (1024.0 * 1024.0))
}

/// The median of some samples, with their range: "123 ms (110–140)".
fn median(samples: &[f64]) -> String {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.as_slice() {
        [] => "no samples".into(),
        [one] => ms(*one),
        all => format!("{} ({}–{})", ms(all[all.len() / 2]), ms(all[0]), ms(all[all.len() - 1])),
    }
}

/// A timed moment, as the probe recorded it.
struct Timed {
    /// From the starting moment to the painted frame, in milliseconds.
    elapsed: f64,
    /// The painted moment, from navigation start.
    painted: f64,
    /// What the condition returned, if it was more than `true`.
    value: Value,
}

/// Waits (at most `limit`) for the probe's result. While the page is busy, a script call can fail
/// or time out; it is tried again until the limit.
async fn wait_done(s: &Session, limit: Duration) -> Result<Timed> {
    let started = Instant::now();
    let mut last_error = None;
    loop {
        match s.js("return window.__bench ? window.__bench.done : 'no probe in the page';").await {
            Ok(Value::Null) => {}
            Ok(Value::String(why)) => bail!("{why}"),
            Ok(done) if done["timeout"] == json!(true) => bail!("not painted within {} s", limit.as_secs()),
            Ok(done) => {
                let (start, painted) = (done["start"].as_f64(), done["painted"].as_f64());
                let (Some(start), Some(painted)) = (start, painted) else {
                    bail!("the probe answered {done}");
                };
                return Ok(Timed { elapsed: painted - start, painted, value: done["value"].clone() });
            }
            Err(e) => last_error = Some(e),
        }
        if started.elapsed() > limit + Duration::from_secs(5) {
            bail!("no answer from the page within {} s (last error: {last_error:?})", limit.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Arms the probe (an event type to start at, or none to start now) and waits for `cond`.
async fn arm(s: &Session, event: Option<&str>, cond: &str, limit: Duration) -> Result<()> {
    let event = event.map_or("null".to_string(), |e| format!("'{e}'"));
    s.js(&format!("{PROBE}\n__bench.arm({event}, {cond}, {}); return null;", limit.as_millis())).await?;
    Ok(())
}

/// A value from a Chrome DevTools answer, as a number.
fn number(value: &Value, key: &str) -> Result<f64> {
    value[key].as_f64().with_context(|| format!("no `{key}` in {value}"))
}

/// The page's JavaScript heap after a full garbage collection, in bytes.
async fn page_heap(s: &Session) -> Result<f64> {
    s.cdp("HeapProfiler.collectGarbage", json!({})).await?;
    number(&s.cdp("Runtime.getHeapUsage", json!({})).await?, "usedSize")
}

fn main() {
    let config = Config::from_env();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("browser-bench: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let mut report = Report::default();
    if let Err(e) = runtime.block_on(run(&config, &mut report)) {
        report.failed("the benchmark", &e);
    }
    let markdown = report.markdown();
    println!("{markdown}");
    if let Some(dir) = config.report.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match std::fs::write(&config.report, &markdown) {
        Ok(()) => eprintln!("browser-bench: written to {}", config.report.display()),
        Err(e) => eprintln!("browser-bench: FAILED: cannot write {}: {e}", config.report.display()),
    }
}

async fn run(config: &Config, report: &mut Report) -> Result<()> {
    let peers = PeerSite::assemble(&config.peers).context("cannot assemble the peer pages' directory")?;
    let server = Server::start(&peers.root, "/peers/", 0).context("cannot serve the peer pages")?;
    let peers_url = server.url();
    let s = Session::start(WINDOW.0, WINDOW.1).await?;
    let version = s.cdp("Browser.getVersion", json!({})).await.map(|v| v["product"].as_str().map(String::from));
    report.heading.push(format!(
        "{} (headless, {}×{} window) on {} CPU cores, through chromedriver; all pages served from 127.0.0.1.",
        version.ok().flatten().unwrap_or_else(|| "Chromium".into()),
        WINDOW.0,
        WINDOW.1,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    ));
    report.heading.push(
        "Times are medians (min–max) of fresh page loads or rounds, taken in the page: from the \
         starting moment to the end of the first animation frame that holds what is waited for."
            .into(),
    );

    if config.runs("navigation") {
        if let Err(e) = throttling_check(&s, &peers_url, report).await {
            report.failed("the CPU throttling check", &e);
        }
        navigation(&s, &peers_url, config.runs, report).await;
    }
    if config.runs("lighthouse") {
        match lighthouse(config, &s.base) {
            Ok(lhr) => lighthouse_rows(&lhr, report),
            Err(e) => report.failed("Lighthouse (mobile) on Factline's page", &e),
        }
    }
    let mut person = None;
    if config.runs("corpora") {
        let section_at = report.sections.len();
        report.section(
            &format!("Corpora in Factline's page (file input, 1× CPU; filter clicks: {ROUNDS} rounds)"),
            &["figure", "10k events", "100k events"],
        );
        let mut columns = Vec::new();
        for (label, shape) in [
            ("10k", Shape { articles: 100, events_per_article: 100, persons: 300 }),
            ("100k", Shape { articles: 1000, events_per_article: 100, persons: 3000 }),
        ] {
            progress(&format!("opening the {label} corpus in Factline's page"));
            let figures = corpus_in_factline(&s, shape, label).await;
            if let Some(id) = figures.person.clone().filter(|_| person.is_none()) {
                person = Some(id);
            }
            for (what, e) in &figures.failures {
                report.failed(&format!("{label} corpus in Factline: {what}"), e);
            }
            columns.push(figures.cells);
        }
        for (at, name) in CORPUS_ROWS.iter().enumerate() {
            let row = std::iter::once(name.to_string()).chain(columns.iter().map(|c| c[at].clone())).collect();
            report.sections[section_at].row(row);
        }
    }
    if config.runs("vis-corpus") {
        progress("showing the 10k corpus in vis-timeline");
        if let Err(e) = vis_corpus(&s, &peers, &peers_url, person, report).await {
            report.failed("vis-timeline with the 10k corpus", &e);
        }
    }
    s.close().await?;
    drop(server);
    Ok(())
}

/// The peer pages and what they load, copied into a temporary directory to be served.
struct PeerSite {
    root: PathBuf,
}

impl PeerSite {
    fn assemble(peers: &Path) -> Result<PeerSite> {
        let modules = peers.join("node_modules");
        ensure!(
            modules.join(".package-lock.json").is_file(),
            "the peers' npm packages are missing in {}; `cargo xtask bench` installs them (npm ci)",
            modules.display()
        );
        let root = std::env::temp_dir().join(format!("factline-e2e-peers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("data"))?;
        for page in ["timelinejs.html", "vis-timeline.html"] {
            std::fs::copy(peers.join(page), root.join(page)).with_context(|| format!("cannot copy {page}"))?;
        }
        copy_dir(&modules.join("@knight-lab/timelinejs/dist"), &root.join("timelinejs"))?;
        std::fs::create_dir_all(root.join("vis-timeline"))?;
        std::fs::copy(
            modules.join("vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"),
            root.join("vis-timeline/vis-timeline-graph2d.min.js"),
        )?;
        std::fs::write(root.join("blank.html"), "<!doctype html><title>blank</title>")?;
        // The least a page can do: what navigation to a first event costs in this harness before
        // any page's own work.
        std::fs::write(
            root.join("floor.html"),
            "<!doctype html><html lang=\"en\"><title>One event</title><p class=\"event\">An event.</p></html>",
        )?;
        let catalog = factline_core::embedded::default_catalog().context("the built-in dataset")?;
        std::fs::write(root.join("data/builtin.timeline.json"), timelinejs(&catalog))?;
        Ok(PeerSite { root })
    }
}

impl Drop for PeerSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// What `factline export --format timelinejs` prints for the whole of a catalog.
fn timelinejs(catalog: &Catalog) -> String {
    factline_core::export::to_timelinejs(catalog, &catalog.all_events()).body
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Whether `Emulation.setCPUThrottlingRate` slows a dedicated worker as it slows the page:
/// Factline computes its screens in one. The same loop is timed on the main thread and in a
/// worker, at each rate.
async fn throttling_check(s: &Session, peers_url: &str, report: &mut Report) -> Result<()> {
    progress("checking what CPU throttling slows");
    s.client.goto(&format!("{peers_url}blank.html")).await?;
    let spin = "function spin() { let x = 0; for (let i = 0; i < 3e7; i++) { x = (x + i * 7) % 1000003; } return x; }";
    let mut cells = Vec::new();
    for rate in CPU_RATES {
        s.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await?;
        let script = format!(
            "{spin}
             const t0 = performance.now(); spin(); const main = performance.now() - t0;
             const source = `${{spin}}; onmessage = () => {{ const t = performance.now(); spin(); postMessage(performance.now() - t); }};`;
             window.__spin = null;
             const worker = new Worker(URL.createObjectURL(new Blob([source], {{ type: 'text/javascript' }})));
             worker.onmessage = e => {{ window.__spin = {{ main, worker: e.data }}; worker.terminate(); }};
             worker.postMessage(null);
             return null;"
        );
        s.js(&script).await?;
        let started = Instant::now();
        let result = loop {
            let value = s.js("return window.__spin;").await?;
            if !value.is_null() {
                break value;
            }
            ensure!(started.elapsed() < Duration::from_secs(60), "the worker's loop did not finish within 60 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        cells.push(format!(
            "{rate}×: main thread {}, worker {}",
            ms(number(&result, "main")?),
            ms(number(&result, "worker")?)
        ));
    }
    s.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 })).await?;
    report.notes.push(format!(
        "CPU throttling check (the same JavaScript loop; Factline computes its screens in a worker): {}.",
        cells.join("; ")
    ));
    Ok(())
}

/// Navigation to the first event painted, for Factline and the two peers, at each CPU rate.
async fn navigation(s: &Session, peers_url: &str, runs: usize, report: &mut Report) {
    let pages = [
        ("Factline (web/dist)", s.base.clone(), ".event"),
        ("TimelineJS 3.9.11", format!("{peers_url}timelinejs.html"), ".tl-timemarker"),
        ("vis-timeline 8.5.4", format!("{peers_url}vis-timeline.html"), ".vis-item"),
        ("floor: a static page of one event, nothing else", format!("{peers_url}floor.html"), ".event"),
    ];
    progress(&format!(
        "navigation to first event painted: {} pages × {} CPU rates × {runs} loads",
        pages.len(),
        CPU_RATES.len()
    ));
    let mut header = vec!["page (built-in article)", "first event is", "events shown"];
    let rate_names: Vec<String> = CPU_RATES.iter().map(|r| format!("{r}× CPU")).collect();
    header.extend(rate_names.iter().map(String::as_str));
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut marks = Vec::new();
    if let Err(e) = disable_cache(s).await {
        failures.push(("disabling the cache for the navigation figures".to_string(), e));
    }
    for (name, url, selector) in &pages {
        let mut row = vec![name.to_string(), format!("`{selector}`")];
        let mut shown = "—".to_string();
        let mut cells = Vec::new();
        for rate in CPU_RATES {
            match navigation_samples(s, url, selector, rate, runs).await {
                Ok((samples, count, mark)) => {
                    cells.push(median(&samples));
                    if rate == 1 {
                        shown = count.to_string();
                    }
                    if !mark.is_empty() {
                        marks.push(format!("{rate}×: {}", median(&mark)));
                    }
                }
                Err(e) => {
                    cells.push("failed".into());
                    failures.push((format!("navigation to {name} at {rate}× CPU"), e));
                }
            }
        }
        let _ = s.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 })).await;
        row.push(shown);
        row.extend(cells);
        rows.push(row);
    }
    let section = report.section("Navigation to the first event painted (cache disabled, fresh loads)", &header);
    for row in rows {
        section.row(row);
    }
    if !marks.is_empty() {
        report.notes.push(format!(
            "Factline's own `factline:first-events` mark (set when its first screen is rendered, \
             before that frame is painted): {}.",
            marks.join("; ")
        ));
    }
    report.notes.push(
        "The peers show Factline's TimelineJS export of the built-in article (`factline export --format \
         timelinejs`), which leaves out the undated events TimelineJS cannot place; vis-timeline gets \
         the same events converted to vis items in its page's script."
            .into(),
    );
    for (what, e) in failures {
        report.failed(&what, &e);
    }
}

async fn disable_cache(s: &Session) -> Result<()> {
    s.cdp("Network.enable", json!({})).await?;
    s.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
    Ok(())
}

/// Loads `url` afresh `runs` times at a CPU rate with the probe installed before the page runs;
/// returns the times to the first `selector` painted, how many matched after the last load, and
/// Factline's own mark when the page sets it.
async fn navigation_samples(
    s: &Session,
    url: &str,
    selector: &str,
    rate: u32,
    runs: usize,
) -> Result<(Vec<f64>, usize, Vec<f64>)> {
    let limit = Duration::from_secs(60);
    let source = format!(
        "{PROBE}\nif (location.protocol.startsWith('http')) {{ __bench.mark = 0; \
         __bench.watch(() => document.querySelector('{selector}'), {}); }}",
        limit.as_millis()
    );
    let script = s.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await?;
    let identifier = script["identifier"].clone();
    let result = async {
        s.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await?;
        let (mut samples, mut marks, mut count) = (Vec::new(), Vec::new(), 0);
        for _ in 0..runs {
            s.client.goto("about:blank").await?;
            let _ = s.cdp("HeapProfiler.collectGarbage", json!({})).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            s.client.goto(url).await?;
            let timed = wait_done(s, limit).await?;
            samples.push(timed.painted);
            // Let the page settle (a peer may add its other events a little later).
            tokio::time::sleep(Duration::from_millis(500)).await;
            let found = s
                .js(&format!(
                    "return [document.querySelectorAll('{selector}').length, \
                     performance.getEntriesByName('factline:first-events')[0]?.startTime ?? null];"
                ))
                .await?;
            count = found[0].as_u64().unwrap_or(0) as usize;
            if let Some(mark) = found[1].as_f64() {
                marks.push(mark);
            }
        }
        Ok::<_, anyhow::Error>((samples, count, marks))
    }
    .await;
    s.cdp("Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": identifier })).await?;
    result
}

/// Figures for one corpus, one per row of [`CORPUS_ROWS`], and what failed.
struct CorpusFigures {
    cells: Vec<String>,
    failures: Vec<(String, anyhow::Error)>,
    /// The person whose filter was timed.
    person: Option<String>,
}

/// Row names, ordered as the table shows them.
const CORPUS_ROWS: [&str; 9] = [
    "events (dated)",
    "file size",
    "file chosen → events painted",
    "longest main-thread task while opening",
    "person click → list painted",
    "Reset → list painted",
    "JS heap, page (after GC)",
    "JS heap, worker (after GC)",
    "ArrayBuffers and wasm memory, worker",
];

fn cell(figures: &mut CorpusFigures, row: usize, value: String) {
    figures.cells[row] = value;
}

async fn corpus_in_factline(s: &Session, shape: Shape, label: &str) -> CorpusFigures {
    let mut figures =
        CorpusFigures { cells: vec!["—".into(); CORPUS_ROWS.len()], failures: Vec::new(), person: None };
    let dataset = factline_bench::corpus(shape);
    let total = dataset.events.len();
    let dated = dataset.events.iter().filter(|e| e.date.edtf.is_some()).count();
    cell(&mut figures, 0, format!("{total} ({dated})"));
    let path = std::env::temp_dir().join(format!("factline-e2e-bench-corpus-{label}-{}.json", std::process::id()));
    let written = serde_json::to_vec(&dataset).map_err(anyhow::Error::from).and_then(|bytes| {
        std::fs::write(&path, &bytes)?;
        Ok(bytes.len())
    });
    match written {
        Ok(bytes) => cell(&mut figures, 1, mib(bytes as f64)),
        Err(e) => {
            figures.failures.push(("writing the corpus file".into(), e));
            return figures;
        }
    }
    if let Err(e) = corpus_steps(s, &dataset, &path, &mut figures).await {
        figures.failures.push(("measuring".into(), e));
    }
    let _ = std::fs::remove_file(&path);
    figures
}

async fn corpus_steps(s: &Session, dataset: &Dataset, path: &Path, figures: &mut CorpusFigures) -> Result<()> {
    let total = dataset.events.len();
    // A fresh page, and so a fresh worker, for each corpus; its app running (not only its HTML
    // shown) before a file is chosen.
    s.open("").await?;
    s.wait_for("performance.getEntriesByName('factline:first-events').length > 0", "the app to start").await?;
    s.js(&format!("{PROBE}\nreturn null;")).await?;
    let observing = s.js("return __bench.observeLongTasks();").await?;
    let limit = Duration::from_secs(600);
    arm(s, Some("change"), &count_is(total), limit).await?;
    s.client.find(Locator::Id("dataset-file")).await?.send_keys(&path.display().to_string()).await?;
    let opened = wait_done(s, limit).await?;
    if let Some(refused) = opened.value.get("refused") {
        let text = refused.as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        cell(figures, 2, format!("refused after {}: “{text}”", ms(opened.elapsed)));
        bail!("the page refused the file: {text}");
    }
    cell(figures, 2, ms(opened.elapsed));
    // Long-task entries are delivered a little after the task.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let longest = s.js("return [__bench.longest, __bench.longTasks];").await?;
    cell(
        figures,
        3,
        match (observing, longest[0].as_f64(), longest[1].as_u64()) {
            (Value::Bool(true), Some(_), Some(0)) => "no task over 50 ms".into(),
            (Value::Bool(true), Some(longest), Some(n)) => format!("{} ({n} tasks over 50 ms)", ms(longest)),
            (why, ..) => format!("no long-task observer: {why}"),
        },
    );
    match page_heap(s).await {
        Ok(bytes) => cell(figures, 6, mib(bytes)),
        Err(e) => figures.failures.push(("the page's heap".into(), e)),
    }
    match DevTools::connect(s.profile()).and_then(|mut d| d.worker_heaps(&s.base)) {
        Ok(heaps) if heaps.is_empty() => {
            figures.failures.push(("the worker's heap".into(), anyhow::anyhow!("the page has no worker")))
        }
        Ok(heaps) => {
            let used: f64 = heaps.iter().map(|h| h.used).sum();
            cell(
                figures,
                7,
                format!("{} ({} worker{})", mib(used), heaps.len(), if heaps.len() == 1 { "" } else { "s" }),
            );
            let backing: Option<f64> = heaps.iter().map(|h| h.backing).sum();
            cell(figures, 8, backing.map_or("not reported by this Chromium".into(), mib));
        }
        Err(e) => figures.failures.push(("the worker's heap (DevTools on the browser's own port)".into(), e)),
    }
    // The first person in the people list, and how many events the filter should keep.
    let id = s.js("return document.querySelector('input[data-person-id]')?.dataset.personId ?? null;").await?;
    let id = id.as_str().context("no person checkbox in the people list")?.to_string();
    let expected = dataset.events.iter().filter(|e| e.participants.iter().any(|p| p.entity == id)).count();
    figures.person = Some(id.clone());
    let (mut filtered, mut reset) = (Vec::new(), Vec::new());
    let round_limit = Duration::from_secs(120);
    for _ in 0..ROUNDS {
        arm(s, Some("click"), &count_is(expected), round_limit).await?;
        s.click(&format!("input[data-person-id='{id}']")).await?;
        filtered.push(wait_done(s, round_limit).await?.elapsed);
        arm(s, Some("click"), &count_is(total), round_limit).await?;
        s.click("#reset-filters").await?;
        reset.push(wait_done(s, round_limit).await?.elapsed);
    }
    cell(figures, 4, format!("{} · {expected} events", median(&filtered)));
    cell(figures, 5, median(&reset));
    Ok(())
}

/// vis-timeline with the 10k corpus's dated events: time to show, to filter to one person, heap.
async fn vis_corpus(
    s: &Session,
    peers: &PeerSite,
    peers_url: &str,
    person: Option<String>,
    report: &mut Report,
) -> Result<()> {
    let dataset = factline_bench::corpus(Shape { articles: 100, events_per_article: 100, persons: 300 });
    let person = person.or_else(|| dataset.persons.first().map(|p| p.id.clone())).context("no person")?;
    let people: BTreeMap<&str, Vec<&str>> = dataset
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.participants.iter().map(|p| p.entity.as_str()).collect()))
        .collect();
    std::fs::write(peers.root.join("data/corpus-10k.people.json"), serde_json::to_string(&people)?)?;
    let catalog = Catalog::new(dataset.clone()).map_err(|p| anyhow::anyhow!("the corpus is invalid: {p:?}"))?;
    std::fs::write(peers.root.join("data/corpus-10k.timeline.json"), timelinejs(&catalog))?;
    let section =
        report.section("vis-timeline 8.5.4 with the 10k corpus (1× CPU, default options)", &["figure", "value"]);
    let limit = Duration::from_secs(300);
    let source = format!(
        "{PROBE}\nif (location.protocol.startsWith('http')) {{ __bench.mark = 0; \
         __bench.watch(() => document.querySelector('.vis-item'), {}); }}",
        limit.as_millis()
    );
    let script = s.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await?;
    s.client
        .goto(&format!(
            "{peers_url}vis-timeline.html?data=data/corpus-10k.timeline.json&people=data/corpus-10k.people.json"
        ))
        .await?;
    let shown = wait_done(s, limit).await;
    s.cdp("Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": script["identifier"] })).await?;
    let shown = shown?;
    let ready = s.js("return performance.getEntriesByName('peer:data-ready')[0]?.startTime ?? null;").await?;
    let ready = ready.as_f64().context("the page set no peer:data-ready mark")?;
    let items = s.js("return window.peerItems ? window.peerItems() : null;").await?;
    section.row(vec!["items (dated events)".into(), items.to_string()]);
    section.row(vec!["navigation → first item painted".into(), ms(shown.painted)]);
    section.row(vec!["data in hand → first item painted".into(), ms(shown.painted - ready)]);
    let elements = s.js("return document.querySelectorAll('.vis-item').length;").await?;
    section.row(vec!["item elements in the DOM".into(), elements.to_string()]);
    let heap = page_heap(s).await;
    let (mut filtered, mut cleared) = (Vec::new(), Vec::new());
    let round_limit = Duration::from_secs(120);
    let mut kept = Value::Null;
    for _ in 0..ROUNDS {
        for (id, samples) in [(format!("'{person}'"), &mut filtered), ("null".to_string(), &mut cleared)] {
            s.js(&format!(
                "{PROBE}\nconst before = window.peerRedraws; __bench.arm(null, () => window.peerRedraws > before, {});
                 window.peerFilter({id}); return null;",
                round_limit.as_millis()
            ))
            .await?;
            samples.push(wait_done(s, round_limit).await?.elapsed);
            if id != "null" {
                kept = s.js("return window.peerItems();").await?;
            }
        }
    }
    section.row(vec![
        format!("filter to one person → painted (median of {ROUNDS})"),
        format!("{} · {kept} items", median(&filtered)),
    ]);
    section.row(vec![format!("clear the filter → painted (median of {ROUNDS})"), median(&cleared)]);
    section.row(vec!["JS heap (after GC)".into(), heap.map_or_else(|e| format!("failed: {e}"), mib)]);
    report.notes.push(format!(
        "vis-timeline is given Factline's TimelineJS export of the 10k corpus (dated events only) and \
         filters with a `DataView` over a `DataSet`; its time to show starts when the page has the \
         data (fetched, not yet parsed), Factline's when the file is chosen. The person filtered by \
         is `{person}` in both."
    ));
    Ok(())
}

/// One worker's heap, from DevTools.
struct Heap {
    used: f64,
    /// ArrayBuffer backing stores (wasm memory among them), when Chromium reports them.
    backing: Option<f64>,
}

/// A DevTools Protocol client on the browser's own debugging port (chromedriver's Chromium
/// writes it to `DevToolsActivePort` in its profile): chromedriver's `goog/cdp/execute` reaches
/// only the page, not its workers.
struct DevTools {
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    events: Vec<Value>,
}

impl DevTools {
    fn connect(profile: &Path) -> Result<DevTools> {
        let file = profile.join("DevToolsActivePort");
        let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let mut lines = text.lines();
        let port: u16 = lines.next().and_then(|p| p.trim().parse().ok()).context("no port in DevToolsActivePort")?;
        let path = lines.next().context("no browser path in DevToolsActivePort")?.trim().to_string();
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_millis(200)))?;
        let (socket, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .map_err(|e| anyhow::anyhow!("cannot open DevTools on 127.0.0.1:{port}: {e}"))?;
        Ok(DevTools { socket, next_id: 0, events: Vec::new() })
    }

    /// Reads one message if one comes within the read timeout.
    fn read(&mut self) -> Result<Option<Value>> {
        match self.socket.read() {
            Ok(tungstenite::Message::Text(text)) => Ok(Some(serde_json::from_str(&text)?)),
            Ok(_) => Ok(None),
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Calls a method (in a session, when given) and waits at most 30 s for its answer; events
    /// read meanwhile are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(tungstenite::Message::text(message.to_string()))?;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let Some(answer) = self.read()? else { continue };
            if answer["id"] == json!(id) {
                if let Some(error) = answer.get("error") {
                    bail!("{method}: {error}");
                }
                return Ok(answer["result"].clone());
            }
            if answer.get("method").is_some() {
                self.events.push(answer);
            }
        }
        bail!("no answer to {method} within 30 s")
    }

    /// The heaps of the workers of the page whose address starts with `page_url`, each after a
    /// full garbage collection.
    fn worker_heaps(&mut self, page_url: &str) -> Result<Vec<Heap>> {
        let targets = self.call(None, "Target.getTargets", json!({}))?;
        let page = targets["targetInfos"]
            .as_array()
            .and_then(|all| {
                all.iter().find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(page_url)))
            })
            .with_context(|| format!("no page at {page_url} among the browser's targets"))?;
        let attached =
            self.call(None, "Target.attachToTarget", json!({ "targetId": page["targetId"], "flatten": true }))?;
        let session = attached["sessionId"].as_str().context("no session for the page")?.to_string();
        self.call(
            Some(&session),
            "Target.setAutoAttach",
            json!({ "autoAttach": true, "waitForDebuggerOnStart": false, "flatten": true }),
        )?;
        // Running workers are announced just after the answer.
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(1000) {
            if let Some(event) = self.read()? {
                self.events.push(event);
            }
        }
        let workers: Vec<String> = self
            .events
            .iter()
            .filter(|e| e["method"] == "Target.attachedToTarget" && e["params"]["targetInfo"]["type"] == "worker")
            .filter_map(|e| e["params"]["sessionId"].as_str().map(String::from))
            .collect();
        let mut heaps = Vec::new();
        for worker in &workers {
            self.call(Some(worker), "HeapProfiler.collectGarbage", json!({}))?;
            let usage = self.call(Some(worker), "Runtime.getHeapUsage", json!({}))?;
            heaps.push(Heap { used: number(&usage, "usedSize")?, backing: usage["backingStorageSize"].as_f64() });
        }
        let _ = self.call(None, "Target.detachFromTarget", json!({ "sessionId": session }));
        Ok(heaps)
    }
}

/// A Chromium started for Lighthouse on its own debugging port and profile; stopped, with
/// anything it left running, when dropped.
struct LighthouseBrowser {
    child: Child,
    profile: PathBuf,
}

impl Drop for LighthouseBrowser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        kill_processes_naming(&self.profile);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Kills, by id, the processes whose command line names `path` (a browser's helper processes
/// outliving it).
fn kill_processes_naming(path: &Path) {
    let needle = path.display().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|p| p.parse::<u32>().ok()) else { continue };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if pid != std::process::id() && String::from_utf8_lossy(&cmdline).contains(&needle) {
            let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).stderr(Stdio::null()).status();
        }
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// Runs Lighthouse (mobile, its defaults) on `url` against a Chromium of our own, and returns its
/// report (the LHR JSON).
fn lighthouse(config: &Config, url: &str) -> Result<Value> {
    progress("running Lighthouse (mobile) on Factline's page");
    let cli = config.peers.join("node_modules/lighthouse/cli/index.js");
    ensure!(
        cli.is_file(),
        "Lighthouse is not installed at {}; `cargo xtask bench` installs it (npm ci)",
        cli.display()
    );
    let port = free_port()?;
    let id = std::process::id();
    let profile = std::env::temp_dir().join(format!("factline-e2e-lighthouse-{id}-{port}"));
    let child = Command::new(&config.chromium)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            "--remote-debugging-address=127.0.0.1",
        ])
        .arg(format!("--remote-debugging-port={port}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", config.chromium.display()))?;
    let _browser = LighthouseBrowser { child, profile };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(started.elapsed() < Duration::from_secs(20), "Chromium did not open port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = std::env::temp_dir().join(format!("factline-e2e-lighthouse-{id}.json"));
    let log = std::env::temp_dir().join(format!("factline-e2e-lighthouse-{id}.log"));
    let _ = std::fs::remove_file(&out);
    let mut node = Command::new(&config.node)
        .arg(&cli)
        .arg(url)
        .arg(format!("--port={port}"))
        .args(["--hostname=127.0.0.1", "--output=json", "--quiet", "--max-wait-for-load=60000"])
        .arg("--only-categories=performance,accessibility,best-practices,seo")
        .arg(format!("--output-path={}", out.display()))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()
        .with_context(|| format!("cannot run {}", config.node.display()))?;
    let limit = Duration::from_secs(300);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = node.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = node.kill();
            let _ = node.wait();
            bail!("Lighthouse did not finish within {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let errors = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if !status.success() {
        let tail: Vec<&str> = errors.lines().rev().take(8).collect();
        bail!("Lighthouse failed ({status}): {}", tail.into_iter().rev().collect::<Vec<_>>().join(" / "));
    }
    let text = std::fs::read_to_string(&out).context("Lighthouse wrote no report")?;
    let _ = std::fs::remove_file(&out);
    let lhr: Value = serde_json::from_str(&text)?;
    if let Some(error) = lhr.get("runtimeError") {
        bail!("Lighthouse could not measure the page: {error}");
    }
    Ok(lhr)
}

fn lighthouse_rows(lhr: &Value, report: &mut Report) {
    let score = |category: &str| {
        lhr["categories"][category]["score"].as_f64().map_or("no score".to_string(), |s| format!("{:.0}", s * 100.0))
    };
    let audit = |id: &str| lhr["audits"][id]["displayValue"].as_str().unwrap_or("—").replace('\u{a0}', " ");
    let observed = lhr["audits"]["metrics"]["details"]["items"][0]["observedLargestContentfulPaint"].as_f64();
    let section = report.section(
        &format!(
            "Lighthouse {} on Factline's page (mobile, simulated throttling)",
            lhr["lighthouseVersion"].as_str().unwrap_or_default()
        ),
        &["figure", "value"],
    );
    section.row(vec!["Largest Contentful Paint (simulated)".into(), audit("largest-contentful-paint")]);
    section.row(vec!["LCP as observed, unthrottled".into(), observed.map_or("—".into(), ms)]);
    section.row(vec!["First Contentful Paint".into(), audit("first-contentful-paint")]);
    section.row(vec!["Total Blocking Time".into(), audit("total-blocking-time")]);
    section.row(vec!["Cumulative Layout Shift".into(), audit("cumulative-layout-shift")]);
    section.row(vec!["Performance score".into(), score("performance")]);
    section.row(vec!["Accessibility score".into(), score("accessibility")]);
    section.row(vec!["Best practices score".into(), score("best-practices")]);
    section.row(vec!["SEO score".into(), score("seo")]);
    let mut missed = Vec::new();
    for category in ["accessibility", "best-practices", "seo"] {
        for reference in lhr["categories"][category]["auditRefs"].as_array().into_iter().flatten() {
            let id = reference["id"].as_str().unwrap_or_default();
            let audit = &lhr["audits"][id];
            if reference["weight"].as_f64().unwrap_or(0.0) > 0.0 && audit["score"].as_f64().is_some_and(|s| s < 1.0) {
                missed.push(format!("{category}: {id} ({})", audit["title"].as_str().unwrap_or_default()));
            }
        }
    }
    if !missed.is_empty() {
        report.notes.push(format!("Lighthouse audits not passed: {}.", missed.join("; ")));
    }
    for warning in lhr["runWarnings"].as_array().into_iter().flatten() {
        report.notes.push(format!("Lighthouse warned: {}", warning.as_str().unwrap_or_default()));
    }
}
