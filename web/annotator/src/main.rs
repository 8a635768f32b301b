//! Mounts the annotator; everything else is in the library so tests can render it.

/// Talc, as the viewer uses: less code than dlmalloc for single-threaded wasm.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    factline_annotator::mount();
}
