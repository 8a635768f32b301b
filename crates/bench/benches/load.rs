//! Reading and validating a large dataset: an 8 MB generated corpus (about 10,000 events) read
//! from JSON, validated and indexed, as `factline --data` and the web app's worker do.

use criterion::{Criterion, criterion_group, criterion_main};
use factline_bench::{Shape, corpus};
use factline_core::format::write::to_pretty_json;
use factline_core::{Catalog, Limits, parse_dataset, validate};

fn load(c: &mut Criterion) {
    let dataset = corpus(Shape { articles: 100, events_per_article: 100, persons: 300 });
    let json = to_pretty_json(&dataset);
    println!("corpus: {} bytes of JSON, {} events, {} claims", json.len(), dataset.events.len(), dataset.claims.len());
    let limits = Limits::default();
    let mut group = c.benchmark_group("8 MB corpus");
    group.sample_size(20);
    group.bench_function("read (serde_json into the model)", |b| b.iter(|| parse_dataset(json.as_bytes(), &limits)));
    group.bench_function("validate", |b| b.iter(|| validate(&dataset)));
    group.bench_function("index (Catalog)", |b| b.iter(|| Catalog::new_prevalidated(dataset.clone())));
    group.bench_function("read + validate + index", |b| b.iter(|| factline_core::load_with(json.as_bytes(), &limits)));
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
