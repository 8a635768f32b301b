// Entry point of the background worker (web/worker): wasm-bindgen's glue, then the module.
// A failure is posted to the page, which would otherwise wait for the worker's "ready" in vain.
try {
  importScripts("./factline-worker.js");
  wasm_bindgen("./factline-worker_bg.wasm").catch((e) => postMessage(["failed", String(e)]));
} catch (e) {
  postMessage(["failed", String(e)]);
}
