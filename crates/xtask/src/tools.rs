//! Finding, and installing when missing, the pinned tools the web build and the browser tests
//! need. Nothing is downloaded except through the package registries (crates.io, npm, Debian).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{run_cmd, step};

/// The trunk version the build is tested with (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// Paths of the tools found or installed.
pub(crate) struct Tools {
    pub(crate) trunk: PathBuf,
    pub(crate) chromedriver: PathBuf,
    pub(crate) chromium: PathBuf,
    /// Directories to put first on PATH (wasm-opt, wasm-bindgen).
    extra_path: Vec<PathBuf>,
}

impl Tools {
    /// PATH with the tool directories first, so trunk finds the right wasm-opt and wasm-bindgen.
    pub(crate) fn path_with_tools(&self) -> String {
        let mut parts: Vec<String> = self.extra_path.iter().map(|p| p.display().to_string()).collect();
        parts.push(std::env::var("PATH").unwrap_or_default());
        parts.join(":")
    }

    /// The axe-core script injected by the accessibility checks.
    pub(crate) fn axe_js(&self, root: &Path) -> PathBuf {
        root.join("tests/e2e/node_modules/axe-core/axe.min.js")
    }
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into())).join(".cargo"));
    home.join("bin")
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn which(cmd: &str) -> Option<PathBuf> {
    output("sh", &["-c", &format!("command -v {cmd}")]).filter(|s| !s.is_empty()).map(PathBuf::from)
}

/// The `wasm-bindgen` version in Cargo.lock; the CLI must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|v| v.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_string());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        step("Adding the wasm32-unknown-unknown target (rustup, under a minute)");
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn ensure_trunk() -> Result<PathBuf> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    for candidate in [cargo_bin().join("trunk"), PathBuf::from("trunk")] {
        if output(&candidate.display().to_string(), &["--version"]).as_deref() == Some(wanted.as_str()) {
            return Ok(candidate);
        }
    }
    step(&format!("Installing trunk {TRUNK_VERSION} (cargo install --locked; about 20 minutes on 2 cores, once)"));
    run_cmd(Command::new("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))?;
    Ok(cargo_bin().join("trunk"))
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let version = locked_wasm_bindgen(root)?;
    let wanted = format!("wasm-bindgen {version}");
    let bin = cargo_bin().join("wasm-bindgen");
    if output(&bin.display().to_string(), &["--version"]).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    // Without --locked: the registry mirror lacks one of its locked dependencies.
    step(&format!("Installing wasm-bindgen-cli {version} to match Cargo.lock (cargo install; about 9 minutes, once)"));
    run_cmd(Command::new("cargo").args(["install", "--force", &format!("wasm-bindgen-cli@{version}")]))
}

/// Installs a package.json's exact dependencies with `npm ci` when they are missing or stale.
pub(crate) fn ensure_npm(dir: &Path, what: &str) -> Result<()> {
    let stamp = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if which("npm").is_none() {
        bail!("npm is needed for {what}; install Node.js and npm (apt-get install nodejs npm)");
    }
    step(&format!("Installing {what} from npm (npm ci in {}; under a minute)", dir.display()));
    run_cmd(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(dir))
}

fn ensure_apt(packages: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = packages.iter().filter(|(cmd, _)| which(cmd).is_none()).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = output("id", &["-u"]).as_deref() == Some("0");
    if !root_user {
        bail!("missing {}; install them with: sudo apt-get install -y {}", missing.join(", "), missing.join(" "));
    }
    step(&format!("Installing {} with apt-get (a few minutes, once)", missing.join(", ")));
    run_cmd(Command::new("apt-get").args(["update", "-qq"]))?;
    run_cmd(
        Command::new("apt-get").args(["install", "-y", "-qq"]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// What `trunk build` needs: the wasm target, trunk, a matching wasm-bindgen, wasm-opt.
pub(crate) fn ensure_web_build(root: &Path) -> Result<Tools> {
    ensure_wasm_target()?;
    let trunk = ensure_trunk()?;
    ensure_wasm_bindgen(root)?;
    ensure_npm(&root.join("web"), "binaryen (wasm-opt) and terser")?;
    ensure_apt(&[("brotli", "brotli")])?;
    Ok(Tools {
        trunk,
        chromedriver: PathBuf::new(),
        chromium: PathBuf::new(),
        extra_path: vec![root.join("web/node_modules/.bin"), cargo_bin()],
    })
}

/// What the browser tests need on top: Chromium, chromedriver and axe-core.
pub(crate) fn ensure_browser(root: &Path) -> Result<Tools> {
    let mut tools = ensure_web_build(root)?;
    ensure_apt(&[("chromium", "chromium"), ("chromedriver", "chromium-driver")])?;
    ensure_npm(&root.join("tests/e2e"), "axe-core")?;
    tools.chromium = which("chromium").context("chromium not found after install")?;
    tools.chromedriver = which("chromedriver").context("chromedriver not found after install")?;
    Ok(tools)
}

/// What `cargo xtask fuzz` needs: the nightly toolchain (installed with the machine) and cargo-fuzz.
pub(crate) fn ensure_fuzz() -> Result<()> {
    if output("rustup", &["run", "nightly", "rustc", "--version"]).is_none() {
        bail!("fuzzing needs the nightly toolchain (rustup toolchain install nightly)");
    }
    if output("cargo", &["fuzz", "--version"]).is_none() {
        step("Installing cargo-fuzz (cargo install; a few minutes, once)");
        // Without --locked: the registry mirror may lack one of its locked dependencies.
        run_cmd(Command::new("cargo").args(["install", "cargo-fuzz"]))?;
    }
    Ok(())
}

/// Everything.
pub(crate) fn ensure_all(root: &Path) -> Result<Tools> {
    let tools = ensure_browser(root)?;
    println!(
        "tools ready: {}, wasm-bindgen {}, {}",
        TRUNK_VERSION,
        locked_wasm_bindgen(root)?,
        tools.chromium.display()
    );
    Ok(tools)
}
