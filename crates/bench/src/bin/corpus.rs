//! Writes a generated corpus as a `factline/1` dataset: `corpus --articles A --events-per-article E
//! --persons P [--out FILE]` (standard output without `--out`). Run through `cargo xtask corpus`.

use std::io::Write;

use factline_bench::{Shape, corpus};

fn main() {
    let mut shape = Shape { articles: 100, events_per_article: 100, persons: 300 };
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut number = |what: &str| -> usize {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => n,
                None => fail(&format!("{flag} needs a whole number of {what}")),
            }
        };
        match flag.as_str() {
            "--articles" => shape.articles = number("articles"),
            "--events-per-article" => shape.events_per_article = number("events"),
            "--persons" => shape.persons = number("persons"),
            "--out" => out = Some(args.next().unwrap_or_else(|| fail("--out needs a file name"))),
            other => fail(&format!("unknown option `{other}`; use --articles, --events-per-article, --persons, --out")),
        }
    }
    let dataset = corpus(shape);
    // Compact: the largest corpora are hundreds of megabytes, and whitespace would double that.
    let text = serde_json::to_string(&dataset).unwrap_or_default();
    let written = match &out {
        Some(path) => std::fs::write(path, &text),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        fail(&format!("cannot write the corpus: {e}"));
    }
    eprintln!(
        "corpus: {} articles, {} events, {} claims, {} persons; {} bytes",
        dataset.articles.len(),
        dataset.events.len(),
        dataset.claims.len(),
        dataset.persons.len(),
        text.len()
    );
}

fn fail(message: &str) -> ! {
    eprintln!("corpus: {message}");
    std::process::exit(2);
}
