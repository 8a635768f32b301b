//! The page's side of the background worker (`crates/worker`), which checks opened datasets and
//! produces exports with `factline_core::tasks`. The worker is started after the first render, so
//! its download never delays the page and it is there (also offline) by the time anyone opens a
//! file or exports. Requests made before it is ready wait for it; if it cannot start, they fail
//! with a message saying so, and the next request tries again.

use std::cell::RefCell;
use std::time::Duration;

use factline_core::tasks::{Reply, Request};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// The worker's entry script, next to `index.html` (see `web/worker-loader.js`).
const WORKER_URL: &str = "./worker-loader.js";

/// How long a request waits for the worker to start before giving up.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// What to do when the worker's files could not be fetched.
const RETRY: &str = "opening datasets and exporting need it, so check the connection and try again";

/// What a request's answer is handed to: the reply, or why there is none.
type Done = Box<dyn FnOnce(Result<Reply, String>)>;

/// Runs requests in the page instead of a worker (for tests).
type InProcess = Box<dyn Fn(Request) -> Reply>;

struct Live {
    worker: Worker,
    ready: bool,
    // Kept alive as long as the worker is.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

#[derive(Default)]
struct Client {
    live: Option<Live>,
    next_id: u32,
    /// Requests sent or waiting to be sent, by number.
    pending: Vec<(u32, Done)>,
    /// Messages waiting for the worker to be ready.
    queued: Vec<Array>,
    in_process: Option<InProcess>,
    /// How many workers have been started, so a timeout only ever gives up on its own one.
    started: u32,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
}

/// Starts the worker if it is not running.
pub fn start() {
    CLIENT.with_borrow_mut(|client| {
        if client.live.is_none() && client.in_process.is_none() {
            client.live = spawn();
            client.started = client.started.wrapping_add(1);
        }
    });
}

/// Makes every later request run in the page with `handle` instead of in a worker. The component
/// tests use this, since their test page does not serve the worker's files.
pub fn run_in_process(handle: impl Fn(Request) -> Reply + 'static) {
    CLIENT.with_borrow_mut(|client| client.in_process = Some(Box::new(handle)));
}

/// Sends `request` to the worker; `done` gets the reply, or a message saying why there is none.
pub fn run(request: Request, done: impl FnOnce(Result<Reply, String>) + 'static) {
    let in_process = CLIENT.with_borrow(|client| client.in_process.is_some());
    if in_process {
        // Answer on a later turn, as the worker would.
        yew::platform::spawn_local(async move {
            let reply = CLIENT.with_borrow(|client| client.in_process.as_ref().map(|handle| handle(request)));
            done(reply.ok_or_else(|| "no handler".to_string()));
        });
        return;
    }
    start();
    let waiting = CLIENT.with_borrow_mut(|client| {
        let id = client.next_id;
        client.next_id = client.next_id.wrapping_add(1);
        let id_text = id.to_string();
        let message: Array =
            std::iter::once(id_text.as_str()).chain(request.to_fields()).map(JsValue::from_str).collect();
        client.pending.push((id, Box::new(done)));
        match &client.live {
            Some(live) if live.ready => {
                let _ = live.worker.post_message(&message);
                false
            }
            Some(_) => {
                client.queued.push(message);
                true
            }
            None => {
                // The worker could not even be created; `fail_all` below reports it.
                true
            }
        }
    });
    if waiting {
        let not_created = CLIENT.with_borrow(|client| client.live.is_none());
        if not_created {
            fail_all(format!("the browser refused to start the background worker; {RETRY}"));
            return;
        }
        let worker = CLIENT.with_borrow(|client| client.started);
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(START_TIMEOUT).await;
            let still_waiting =
                CLIENT.with_borrow(|client| client.started == worker && client.live.as_ref().is_some_and(|l| !l.ready));
            if still_waiting {
                fail_all(format!("the background worker did not start; {RETRY}"));
            }
        });
    }
}

fn spawn() -> Option<Live> {
    let worker = Worker::new(WORKER_URL).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let fields: Vec<String> =
            Array::from(&event.data()).iter().map(|v| v.as_string().unwrap_or_default()).collect();
        received(fields);
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        // Before "ready", its script could not be loaded; after, it failed on a request.
        let was_ready = CLIENT.with_borrow(|client| client.live.as_ref().is_some_and(|l| l.ready));
        fail_all(if was_ready {
            "the background worker stopped with an error; try again".to_string()
        } else {
            format!("the background worker could not be loaded; {RETRY}")
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Live { worker, ready: false, _on_message: on_message, _on_error: on_error })
}

fn received(mut fields: Vec<String>) {
    match fields.first().map(String::as_str) {
        Some("ready") => {
            CLIENT.with_borrow_mut(|client| {
                if let Some(live) = &mut client.live {
                    live.ready = true;
                    for message in client.queued.drain(..) {
                        let _ = live.worker.post_message(&message);
                    }
                }
            });
            crate::browser::mark("factline:worker-ready");
        }
        // Sent by the loader when the worker's code could not be fetched or compiled.
        Some("failed") => {
            fail_all(format!("the background worker could not start ({}); {RETRY}", fields[1..].join("; ")))
        }
        Some(id) => {
            let Ok(id) = id.parse::<u32>() else { return };
            let done = CLIENT.with_borrow_mut(|client| {
                let at = client.pending.iter().position(|(n, _)| *n == id)?;
                Some(client.pending.remove(at).1)
            });
            if let Some(done) = done {
                done(Reply::from_fields(fields.split_off(1)));
            }
        }
        None => {}
    }
}

/// Answers every waiting request with `why`, and drops the worker so the next request starts a
/// new one (the network may be back).
fn fail_all(why: String) {
    let pending = CLIENT.with_borrow_mut(|client| {
        if let Some(live) = client.live.take() {
            live.worker.terminate();
        }
        client.queued.clear();
        std::mem::take(&mut client.pending)
    });
    for (_, done) in pending {
        done(Err(why.clone()));
    }
}
