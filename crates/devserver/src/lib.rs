//! Serves a directory of static files over HTTP/1.1 on a loopback address, under a sub-path, as
//! any static host would: no rewriting, correct media types (`application/wasm` matters), a
//! file's brotli copy (`name.br`, written by the build) to a browser that accepts brotli, and
//! 404 for anything outside the directory. It records every request so tests can assert that the
//! page asked for nothing that failed. Std only, one thread per connection, stopped on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The request path, with query.
    pub path: String,
    /// The status sent.
    pub status: u16,
}

/// A running server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    prefix: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Logged>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root` under `prefix` (such as `/` or `/factline/demo/`) on 127.0.0.1:`port`
    /// (0 picks a free port).
    pub fn start(root: &Path, prefix: &str, port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let prefix = normalize_prefix(prefix);
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (root, prefix, stop, log) = (root.to_path_buf(), prefix.clone(), Arc::clone(&stop), Arc::clone(&log));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (root, prefix, log) = (root.clone(), prefix.clone(), Arc::clone(&log));
                            std::thread::spawn(move || {
                                let _ = handle(stream, &root, &prefix, &log);
                            });
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        Ok(Server { addr, prefix, stop, log, thread: Some(thread) })
    }

    /// The page's address, such as `http://127.0.0.1:43117/factline/demo/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.prefix)
    }

    /// Every request answered so far.
    pub fn requests(&self) -> Vec<Logged> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Blocks until the process is interrupted (for `cargo xtask serve`).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn normalize_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") }
}

/// The media type for a file name.
pub fn media_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `root`, refusing anything that climbs out of it.
pub fn resolve(root: &Path, prefix: &str, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix(prefix).or_else(|| (path.to_string() + "/" == prefix).then_some(""))?;
    let mut file = root.to_path_buf();
    for component in Path::new(rest).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// Whether an `Accept-Encoding` value (lower-cased) accepts brotli: `br` listed without `q=0`.
fn accepts_brotli(value: &str) -> bool {
    value.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        parts.next() == Some("br")
            && parts.all(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()).is_none_or(|q| q > 0.0))
    })
}

/// Where the build puts the brotli copy of `file` (`name.br`), which is sent in its place to a
/// browser that accepts brotli.
pub fn brotli_copy(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".br");
    PathBuf::from(name)
}

fn handle(stream: TcpStream, root: &Path, prefix: &str, log: &Mutex<Vec<Logged>>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or("/").to_string());
        let (mut content_length, mut close, mut brotli) = (0usize, false, false);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
            let header = header.to_ascii_lowercase();
            if let Some(v) = header.strip_prefix("content-length:") {
                content_length = v.trim().parse().unwrap_or(0);
            }
            close |= header.starts_with("connection:") && header.contains("close");
            if let Some(v) = header.strip_prefix("accept-encoding:") {
                brotli = accepts_brotli(v);
            }
        }
        let mut sink = vec![0; content_length.min(1 << 20)];
        reader.read_exact(&mut sink)?;
        let (mut encoding, mut vary) = ("", "");
        let (status, body, kind) = match (method.as_str(), resolve(root, prefix, &path)) {
            ("GET" | "HEAD", Some(file)) => {
                let copy = brotli_copy(&file);
                vary = if copy.is_file() { "Vary: Accept-Encoding\r\n" } else { "" };
                let sent = if brotli && copy.is_file() {
                    encoding = "Content-Encoding: br\r\n";
                    copy
                } else {
                    file.clone()
                };
                (200, std::fs::read(&sent)?, media_type(&file))
            }
            ("GET" | "HEAD", None) => (404, b"not found\n".to_vec(), "text/plain; charset=utf-8"),
            _ => (405, b"method not allowed\n".to_vec(), "text/plain; charset=utf-8"),
        };
        if let Ok(mut l) = log.lock() {
            l.push(Logged { path: path.clone(), status });
        }
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\n{encoding}{vary}Content-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
        if close {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> (u16, String) {
        get_with(url, "")
    }

    /// A GET with extra header lines (each ending in CRLF); the status, and the rest as text.
    fn get_with(url: &str, headers: &str) -> (u16, String) {
        let rest = url.trim_start_matches("http://");
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("{e}"));
        let _ = write!(stream, "GET /{path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n");
        let mut response = String::new();
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut reader = BufReader::new(stream);
        let _ = reader.read_line(&mut response);
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut rest = String::new();
        let mut buf = [0u8; 4096];
        // Headers and body, to the end: the request asked the server to close.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            rest.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        (status, rest)
    }

    #[test]
    fn serves_under_a_sub_path_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("factline-devserver-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("pkg"));
        let _ = std::fs::write(dir.join("index.html"), "hello\n");
        let _ = std::fs::write(dir.join("pkg/app.wasm"), "hello\n");
        let server = Server::start(&dir, "/sub/path", 0).unwrap_or_else(|e| panic!("{e}"));
        assert!(server.url().starts_with("http://127.0.0.1:") && server.url().ends_with("/sub/path/"));
        let (status, body) = get(&server.url());
        assert_eq!(status, 200);
        assert!(body.contains("text/html"), "{body}");
        let (status, body) = get(&format!("{}pkg/app.wasm?v=1", server.url()));
        assert_eq!(status, 200);
        assert!(body.contains("application/wasm"), "{body}");
        assert_eq!(get(&format!("{}../index.html", server.url())).0, 404);
        assert_eq!(get(&server.url().replace("/sub/path/", "/index.html")).0, 404);
        assert_eq!(server.requests().iter().filter(|r| r.status == 404).count(), 2);
        drop(server);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_brotli_copy_goes_to_browsers_that_accept_it() {
        let dir = std::env::temp_dir().join(format!("factline-devserver-br-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("app.js"), "plain\n");
        let _ = std::fs::write(brotli_copy(&dir.join("app.js")), "compressed\n");
        let _ = std::fs::write(dir.join("other.css"), "alone\n");
        let server = Server::start(&dir, "/", 0).unwrap_or_else(|e| panic!("{e}"));
        let js = format!("{}app.js", server.url());
        let (status, reply) = get_with(&js, "Accept-Encoding: gzip, deflate, br, zstd\r\n");
        assert_eq!(status, 200);
        assert!(reply.contains("Content-Encoding: br") && reply.ends_with("compressed\n"), "{reply}");
        assert!(reply.contains("text/javascript") && reply.contains("Vary: Accept-Encoding"), "{reply}");
        for refused in ["", "Accept-Encoding: gzip\r\n", "Accept-Encoding: br;q=0, gzip\r\n"] {
            let (status, reply) = get_with(&js, refused);
            assert_eq!(status, 200);
            assert!(!reply.contains("Content-Encoding") && reply.ends_with("plain\n"), "{refused}: {reply}");
        }
        let (_, reply) = get_with(&format!("{}other.css", server.url()), "Accept-Encoding: br\r\n");
        assert!(
            !reply.contains("Content-Encoding") && !reply.contains("Vary") && reply.ends_with("alone\n"),
            "{reply}"
        );
        drop(server);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
