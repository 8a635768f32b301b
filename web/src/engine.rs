//! The page's side of the background worker, which runs `factline-core`'s engine: it holds the
//! datasets, and answers with the screens and exports the page shows. Requests are numbered and
//! queued until the worker says `"ready"`; if it cannot start, each waiting request is answered
//! with a message saying why, and the next request tries again.
//!
//! [`run_in_process`] swaps in an engine on the page itself, for the component tests.

use std::cell::RefCell;
use std::time::Duration;

use factline_core::service::{Engine, Message, Reply, Request, refuse_size};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// The worker's entry script, next to `index.html` (see `web/worker-loader.js`).
const WORKER_URL: &str = "./worker-loader.js";

/// How long a request waits for the worker to start before giving up.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// What to do when the worker's files could not be fetched.
const RETRY: &str = "Factline needs it to show and open datasets, so check the connection and reload the page";

/// What a request's answer is handed to: the reply, or why there is none.
type Done = Box<dyn FnOnce(Result<Reply, String>)>;

/// Runs requests on the page instead of in a worker (for tests). A boxed closure, so the page's
/// own build, which never makes one, carries none of the engine's code.
type InProcess = Box<dyn FnMut(Request) -> Reply>;

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
    in_process: Option<RefCell<InProcess>>,
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

/// Makes every later request run on the page with `engine` instead of in a worker. The component
/// tests use this, since their test page does not serve the worker's files.
pub fn run_in_process(mut engine: Engine) {
    let handle: InProcess = Box::new(move |request| engine.handle(request));
    CLIENT.with_borrow_mut(|client| client.in_process = Some(RefCell::new(handle)));
}

/// Sends `request` (with `file` beside it, for [`Request::Open`]); `done` gets the reply, or a
/// message saying why there is none.
pub fn request(request: Request, file: Option<web_sys::File>, done: impl FnOnce(Result<Reply, String>) + 'static) {
    let in_process = CLIENT.with_borrow(|client| client.in_process.is_some());
    if in_process {
        // Answer on a later turn, as the worker would.
        yew::platform::spawn_local(async move {
            let request = match (request, file) {
                (Request::Open { max_bytes, .. }, Some(file)) => {
                    if let Some(refusal) = refuse_size(file.size() as u64, max_bytes) {
                        return done(Ok(refusal));
                    }
                    match crate::browser::read_bytes(&file).await {
                        Ok(bytes) => Request::Open { bytes, max_bytes },
                        Err(why) => return done(Err(why)),
                    }
                }
                (request, _) => request,
            };
            let reply =
                CLIENT.with_borrow(|client| client.in_process.as_ref().map(|handle| (handle.borrow_mut())(request)));
            done(reply.ok_or_else(|| "no engine".to_string()));
        });
        return;
    }
    start();
    let waiting = CLIENT.with_borrow_mut(|client| {
        let id = client.next_id;
        client.next_id = client.next_id.wrapping_add(1);
        let bytes = Message { id, body: request }.encode();
        let message = Array::of1(&Uint8Array::from(bytes.as_slice()));
        if let Some(file) = file {
            message.push(&file);
        }
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
            // The worker could not even be created; `fail_all` below reports it.
            None => true,
        }
    });
    if waiting {
        let not_created = CLIENT.with_borrow(|client| client.live.is_none());
        if not_created {
            fail_all(format!("the browser refused to start Factline's background worker; {RETRY}"));
            return;
        }
        let worker = CLIENT.with_borrow(|client| client.started);
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(START_TIMEOUT).await;
            let still_waiting =
                CLIENT.with_borrow(|client| client.started == worker && client.live.as_ref().is_some_and(|l| !l.ready));
            if still_waiting {
                fail_all(format!("Factline's background worker did not start; {RETRY}"));
            }
        });
    }
}

fn spawn() -> Option<Live> {
    let worker = Worker::new(WORKER_URL).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| received(event.data()));
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        // Before "ready", its script could not be loaded; after, it failed on a request.
        let was_ready = CLIENT.with_borrow(|client| client.live.as_ref().is_some_and(|l| l.ready));
        fail_all(if was_ready {
            "Factline's background worker stopped with an error; try again".to_string()
        } else {
            format!("Factline's background worker could not be loaded; {RETRY}")
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Live { worker, ready: false, _on_message: on_message, _on_error: on_error })
}

fn received(data: JsValue) {
    if data.as_string().as_deref() == Some("ready") {
        CLIENT.with_borrow_mut(|client| {
            if let Some(live) = &mut client.live {
                live.ready = true;
                for message in client.queued.drain(..) {
                    let _ = live.worker.post_message(&message);
                }
            }
        });
        crate::browser::mark("factline:worker-ready");
        return;
    }
    // Sent by the loader when the worker's code could not be fetched or compiled.
    if Array::is_array(&data) {
        let why: Vec<String> = Array::from(&data).iter().skip(1).filter_map(|v| v.as_string()).collect();
        fail_all(format!("Factline's background worker could not start ({}); {RETRY}", why.join("; ")));
        return;
    }
    let bytes = Uint8Array::new(&data).to_vec();
    let (id, reply) = match Message::<Reply>::decode(&bytes) {
        Ok(message) => (Some(message.id), Ok(message.body)),
        Err((id, why)) => (id, Err(why)),
    };
    let done = CLIENT.with_borrow_mut(|client| {
        let at = client.pending.iter().position(|(n, _)| Some(*n) == id)?;
        Some(client.pending.remove(at).1)
    });
    if let Some(done) = done {
        done(reply);
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
