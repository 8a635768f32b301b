//! Replays the fuzz targets' saved corpus (`tests/fuzz/corpus/<target>/`): every input found
//! while fuzzing keeps passing the target's checks.

use std::path::Path;

#[test]
fn the_saved_corpus_still_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let mut replayed = 0;
    for (name, check) in factline_fuzz_checks::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no saved corpus for {name}");
        for file in files {
            let data = std::fs::read(&file).unwrap_or_default();
            check(&data);
            replayed += 1;
        }
    }
    assert!(replayed >= 8, "only {replayed} inputs replayed");
}
