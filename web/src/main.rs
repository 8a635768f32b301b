//! Mounts the app; everything else is in the library so tests can render it.

/// Talc instead of the default dlmalloc: the same job in less code (2.4 KB less of the page's wasm,
/// brotli), and faster. The page is single-threaded wasm, which this allocator is made for.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    factline_web::mount();
}
