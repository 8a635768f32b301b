//! The web app's background worker: the [`Engine`] of `factline-core`, which holds the datasets
//! and answers the page's requests, behind `postMessage`.
//!
//! A request arrives as an array: the encoded [`Message`], and for [`Request::Open`] the `File`
//! the user chose, which is read here rather than on the page's thread. Replies are encoded
//! messages. On start the worker posts `"ready"`, since messages sent before it listens would be
//! lost.

use std::cell::RefCell;

use factline_core::service::{Engine, Message, Reply, Request, refuse_size};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Talc instead of the default dlmalloc, as on the page: the same job in less code.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
}

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Loaded outside a worker: there is nothing to serve.
        return;
    };
    // Load the built-in article now, before the first request asks for it.
    ENGINE.with(|_| ());
    let replier = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let parts = Array::from(&event.data());
        let bytes = Uint8Array::new(&parts.get(0)).to_vec();
        let post = |reply: &[u8]| {
            let out = Uint8Array::from(reply);
            let _ = replier.post_message_with_transfer(&out, &Array::of1(&out.buffer()));
        };
        let reply = answer(&bytes, parts.get(1).dyn_into::<File>().ok(), &post);
        post(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The reply's bytes for a request's bytes and, for opening, the chosen file; `post` sends
/// progress replies while a file is opened.
fn answer(bytes: &[u8], file: Option<File>, post: &dyn Fn(&[u8])) -> Vec<u8> {
    match (Message::<Request>::decode(bytes), file) {
        (Ok(Message { id, body: Request::Open { max_bytes, .. } }), Some(file)) => {
            let mut progress = |stage: String| post(&Message { id, body: Reply::Progress(stage) }.encode());
            let body = match read_file(&file, max_bytes) {
                Ok(bytes) => ENGINE.with_borrow_mut(|engine| engine.open(&bytes, max_bytes, &mut progress)),
                Err(reply) => reply,
            };
            Message { id, body }.encode()
        }
        _ => ENGINE.with_borrow_mut(|engine| engine.handle_message(bytes)),
    }
}

/// The file's bytes, unless it is larger than the limit (it is then not read at all).
fn read_file(file: &File, max_bytes: u64) -> Result<Vec<u8>, Reply> {
    if let Some(refusal) = refuse_size(file.size() as u64, max_bytes) {
        return Err(refusal);
    }
    let failed = |e: JsValue| {
        let why = js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
        Reply::Failed(format!("the file could not be read: {}", why.unwrap_or_else(|| "the browser refused".into())))
    };
    let reader = FileReaderSync::new().map_err(failed)?;
    let buffer = reader.read_as_array_buffer(file).map_err(failed)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
