//! The harness for the browser suite: a static server for the release build under a sub-path, a
//! chromedriver on a free loopback port, and a headless Chromium session with its own profile.
//! Every wait is bounded; everything started is stopped when the [`Session`] is closed or dropped.
//!
//! Configured by `cargo xtask e2e` through the environment: `FACTLINE_DIST` (the built site),
//! `CHROMEDRIVER`, `CHROMIUM` and `AXE_JS` (axe-core's script).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use factline_devserver::Server;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The sub-path the site is served under, to prove it needs no particular location.
pub const SUB_PATH: &str = "/factline/demo/";

/// A running browser session on the served site.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    /// The static server; `None` once stopped (to test working offline).
    pub server: Option<Server>,
    /// The site's address.
    pub base: String,
    driver: Child,
    profile: PathBuf,
}

fn env_path(name: &str, fallback: &str) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(fallback))
}

/// The built site.
pub fn dist() -> PathBuf {
    env_path("FACTLINE_DIST", concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/dist"))
}

/// Where screenshots and timings are written for reviewers.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots"));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

impl Session {
    /// Serves the site, starts chromedriver and opens a headless window of the given size.
    pub async fn start(width: u32, height: u32) -> Result<Session> {
        let dist = dist();
        if !dist.join("index.html").is_file() {
            bail!("no built site at {}; run `cargo xtask e2e`", dist.display());
        }
        let server = Server::start(&dist, SUB_PATH, 0).context("cannot start the static server")?;
        let port = free_port()?;
        let driver = Command::new(env_path("CHROMEDRIVER", "chromedriver"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start chromedriver")?;
        let profile = std::env::temp_dir().join(format!("factline-e2e-{}-{port}", std::process::id()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": env_path("CHROMIUM", "/usr/bin/chromium"),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => bail!("capabilities must be an object"),
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            match builder.capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => bail!("chromedriver did not start a session within 20 s: {e}"),
            }
        };
        let base = server.url();
        let mut session = Session { client, server: Some(server), base, driver, profile };
        session.client.set_window_size(width, height).await.ok();
        let _ = &mut session;
        Ok(session)
    }

    /// Opens the site with a query string (without `?`) and waits for the engine's first screen
    /// to render (the result count starts with a number).
    pub async fn open(&self, query: &str) -> Result<()> {
        let url = if query.is_empty() { self.base.clone() } else { format!("{}?{query}", self.base) };
        self.client.goto(&url).await?;
        self.wait_rendered().await
    }

    /// Waits until the app shows a screen: it has replaced the pre-rendered page, and its result
    /// count starts with a number.
    pub async fn wait_rendered(&self) -> Result<()> {
        self.wait_for(
            "!document.getElementById('prerendered') && \
             /^\\d/.test(document.querySelector('#app [role=status]')?.textContent || '')",
            "the app to render",
        )
        .await
    }

    /// Waits (at most 10 s) until a JavaScript expression is true.
    pub async fn wait_for(&self, condition: &str, what: &str) -> Result<()> {
        let started = Instant::now();
        loop {
            let value = self.client.execute(&format!("return !!({condition});"), vec![]).await?;
            if value == Value::Bool(true) {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(10) {
                bail!("timed out after 10 s waiting for {what} ({condition})");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Calls a Chrome DevTools Protocol method through chromedriver (`goog/cdp/execute`), e.g.
    /// `Emulation.setCPUThrottlingRate` or `Profiler.start`, and returns its result.
    pub async fn cdp(&self, method: &str, params: Value) -> Result<Value> {
        Ok(self.client.issue_cmd(Cdp { method: method.to_string(), params }).await?)
    }

    /// The browser's own profile directory; chromedriver's Chromium writes its DevTools port to
    /// `DevToolsActivePort` there, for clients other than chromedriver (the browser benchmark).
    pub fn profile(&self) -> &std::path::Path {
        &self.profile
    }

    /// Runs JavaScript and returns its value.
    pub async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// The number at the start of the result count ("9 events · 4 claims" is 9).
    pub async fn count(&self) -> Result<usize> {
        let text = self.client.find(Locator::Css("[role=status]")).await?.text().await?;
        text.split_whitespace().next().and_then(|n| n.parse().ok()).with_context(|| format!("count in {text:?}"))
    }

    /// The ids of the listed events, in order.
    pub async fn event_ids(&self) -> Result<Vec<String>> {
        let value =
            self.js("return [...document.querySelectorAll('[data-event-id]')].map(e => e.dataset.eventId);").await?;
        Ok(serde_json::from_value(value)?)
    }

    /// The current query string, without `?`.
    pub async fn query(&self) -> Result<String> {
        let value = self.js("return location.search.replace(/^\\?/, '');").await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Scrolls the first element matching a CSS selector to the middle of its scroll containers,
    /// as a reader would before clicking (sticky panels can otherwise cover it), then clicks it.
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.client.find(Locator::Css(css)).await.with_context(|| format!("no element {css}"))?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Presses and releases one key on whatever has focus (a real key press, not text sent to an
    /// element: sending Tab "to" a file input would name a file).
    pub async fn press(&self, key: Key) -> Result<()> {
        let value: char = key.into();
        let actions = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Types text on whatever has focus.
    pub async fn type_text(&self, text: &str) -> Result<()> {
        let mut actions = KeyActions::new("keyboard".into());
        for value in text.chars() {
            actions = actions.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Waits until the result count equals `n`.
    pub async fn wait_count(&self, n: usize) -> Result<()> {
        self.wait_for(
            &format!("(document.querySelector('[role=status]')?.textContent || '').startsWith('{n} event')"),
            &format!("{n} events"),
        )
        .await
    }

    /// Saves a PNG screenshot under `tests/e2e/screenshots/`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let path = artifacts().join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Runs axe-core on the page (WCAG 2.0–2.2 A and AA rules and best practices) and returns the
    /// violations, each as "rule (impact): help — targets".
    pub async fn axe(&self) -> Result<Vec<String>> {
        let source = std::fs::read_to_string(env_path(
            "AXE_JS",
            concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/axe-core/axe.min.js"),
        ))
        .context("axe-core is missing; `cargo xtask e2e` installs it")?;
        self.client.execute(&format!("{source}\nreturn typeof axe;"), vec![]).await?;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
                   .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ')}`)))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(result)?)
    }

    /// Stops the static server, as if the network went away.
    pub fn stop_server(&mut self) {
        self.server = None;
    }

    /// Ends the browser session and stops what was started.
    pub async fn close(mut self) -> Result<()> {
        let client = self.client.clone();
        client.close().await?;
        self.shutdown();
        Ok(())
    }

    fn shutdown(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // A session that ended early (a failed test) leaves its browser running without the
        // driver; its profile directory names it.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(format!("--user-data-dir={}", self.profile.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A Chrome DevTools Protocol call, as chromedriver's vendor command.
#[derive(Debug)]
struct Cdp {
    method: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.method, "params": self.params }).to_string()))
    }
}

/// Appends a measured figure to `tests/e2e/screenshots/timings.txt` and prints it.
pub fn record(line: &str) {
    use std::io::Write;
    println!("{line}");
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(artifacts().join("timings.txt")) {
        let _ = writeln!(f, "{line}");
    }
}
