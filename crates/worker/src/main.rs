//! The web app's background worker. The page posts a [`Request`] as an array of strings, led by a
//! request number; the worker answers with the same number and a [`Reply`]'s fields. On start it
//! posts `["ready"]`, since messages that arrive before it listens would be lost.
//!
//! Everything it does is [`factline_core::tasks::handle`]; this file is only the transport.

use factline_core::tasks::{Reply, Request, handle};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Loaded outside a worker: there is nothing to serve.
        return;
    };
    let replier = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let fields: Vec<String> =
            Array::from(&event.data()).iter().map(|v| v.as_string().unwrap_or_default()).collect();
        let Some((id, fields)) = fields.split_first() else { return };
        let reply = match Request::from_fields(fields.to_vec()) {
            Ok(request) => handle(request),
            Err(e) => Reply::Failed(format!("the worker did not understand the request: {e}")),
        };
        let message: Array = std::iter::once(id.as_str()).chain(reply.to_fields()).map(JsValue::from_str).collect();
        let _ = replier.post_message(&message);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&Array::of1(&JsValue::from_str("ready")));
}
