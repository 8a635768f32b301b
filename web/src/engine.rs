//! The page's side of the background workers, which run `factline-core`'s engine: they hold the
//! datasets and answer with the screens and exports the page shows.
//!
//! One worker serves the page. Opening a file starts a second one, which reads, checks and
//! indexes the file off the page's thread, telling its progress as it goes; once the file is
//! open, that worker serves the page and the first one is stopped. Cancelling stops the second
//! one, and nothing the page shows is lost. Requests are numbered and queued until a worker says
//! `"ready"`; if one cannot start, each waiting request is answered with a message saying why,
//! and the next request tries again.
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

/// How long a request waits for a worker to start before giving up.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// What to do when the worker's files could not be fetched.
const RETRY: &str = "Factline needs it to show and open datasets, so check the connection and reload the page";

/// What a request's answer is handed to: the reply, or why there is none.
type Done = Box<dyn FnOnce(Result<Reply, String>)>;

/// What is told of an opening's progress.
type Progress = std::rc::Rc<dyn Fn(String)>;

/// Runs requests on the page instead of in a worker (for tests). A boxed closure, so the page's
/// own build, which never makes one, carries none of the engine's code.
type InProcess = Box<dyn FnMut(Request) -> Reply>;

struct Pending {
    id: u32,
    done: Done,
    progress: Option<Progress>,
}

struct Slot {
    /// Tells this worker's messages apart from those of the other.
    serial: u32,
    worker: Worker,
    ready: bool,
    /// Messages waiting for it to be ready.
    queued: Vec<Array>,
    pending: Vec<Pending>,
    // Kept alive as long as the worker is.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

#[derive(Default)]
struct Client {
    /// The worker serving the page.
    main: Option<Slot>,
    /// A worker opening a file.
    opening: Option<Slot>,
    next_id: u32,
    next_serial: u32,
    in_process: Option<RefCell<InProcess>>,
}

impl Client {
    fn slot_mut(&mut self, serial: u32) -> Option<&mut Slot> {
        [self.main.as_mut(), self.opening.as_mut()].into_iter().flatten().find(|s| s.serial == serial)
    }
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
}

/// Starts the worker serving the page, if it is not running.
pub fn start() {
    CLIENT.with_borrow_mut(|client| {
        if client.main.is_none() && client.in_process.is_none() {
            client.next_serial += 1;
            client.main = spawn(client.next_serial);
        }
    });
}

/// Makes every later request run on the page with `engine` instead of in a worker. The component
/// tests use this, since their test page does not serve the worker's files.
pub fn run_in_process(mut engine: Engine) {
    let handle: InProcess = Box::new(move |request| engine.handle(request));
    CLIENT.with_borrow_mut(|client| client.in_process = Some(RefCell::new(handle)));
}

fn in_process(request: Request) -> Option<Reply> {
    CLIENT.with_borrow(|client| client.in_process.as_ref().map(|handle| (handle.borrow_mut())(request)))
}

/// Sends `request` to the worker serving the page; `done` gets the reply, or a message saying
/// why there is none.
pub fn request(request: Request, done: impl FnOnce(Result<Reply, String>) + 'static) {
    if CLIENT.with_borrow(|client| client.in_process.is_some()) {
        // Answer on a later turn, as the worker would.
        yew::platform::spawn_local(async move {
            done(in_process(request).ok_or_else(|| "no engine".to_string()));
        });
        return;
    }
    start();
    send(false, request, None, Box::new(done), None);
}

/// Has a new worker read, check and index `file` (at most `max_bytes`). `progress` is told what
/// it is doing; `done` gets the reply: on [`Reply::Opened`], that worker now serves the page and
/// the handle is its own.
pub fn open(
    file: web_sys::File,
    max_bytes: u64,
    progress: impl Fn(String) + 'static,
    done: impl FnOnce(Result<Reply, String>) + 'static,
) {
    if let Some(refusal) = refuse_size(file.size() as u64, max_bytes) {
        // Refused before a byte is read, in the engine's own words.
        yew::platform::spawn_local(async move { done(Ok(refusal)) });
        return;
    }
    if CLIENT.with_borrow(|client| client.in_process.is_some()) {
        yew::platform::spawn_local(async move {
            match crate::browser::read_bytes(&file).await {
                Ok(bytes) => done(in_process(Request::Open { bytes, max_bytes }).ok_or_else(|| "no engine".into())),
                Err(why) => done(Err(why)),
            }
        });
        return;
    }
    cancel_open();
    CLIENT.with_borrow_mut(|client| {
        client.next_serial += 1;
        client.opening = spawn(client.next_serial);
    });
    let request = Request::Open { bytes: Vec::new(), max_bytes };
    send(true, request, Some(file), Box::new(done), Some(std::rc::Rc::new(progress)));
}

/// Stops a worker that is opening a file; its request is answered "cancelled". The page keeps
/// what it shows.
pub fn cancel_open() {
    let stopped = CLIENT.with_borrow_mut(|client| client.opening.take());
    if let Some(mut slot) = stopped {
        for pending in std::mem::take(&mut slot.pending) {
            (pending.done)(Err("cancelled".into()));
        }
    }
}

/// Posts a request to the main worker or the opening one, or queues it until that one is ready.
fn send(opening: bool, request: Request, file: Option<web_sys::File>, done: Done, progress: Option<Progress>) {
    let outcome = CLIENT.with_borrow_mut(|client| {
        let id = client.next_id;
        client.next_id = client.next_id.wrapping_add(1);
        let bytes = Message { id, body: request }.encode();
        let message = Array::of1(&Uint8Array::from(bytes.as_slice()));
        if let Some(file) = file {
            message.push(&file);
        }
        let slot = if opening { client.opening.as_mut() } else { client.main.as_mut() };
        let Some(slot) = slot else { return Err(done) };
        slot.pending.push(Pending { id, done, progress });
        if slot.ready {
            let _ = slot.worker.post_message(&message);
            Ok(None)
        } else {
            slot.queued.push(message);
            Ok(Some(slot.serial))
        }
    });
    match outcome {
        Err(done) => done(Err(format!("the browser refused to start Factline's background worker; {RETRY}"))),
        Ok(Some(serial)) => {
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(START_TIMEOUT).await;
                let still_waiting =
                    CLIENT.with_borrow_mut(|client| client.slot_mut(serial).is_some_and(|slot| !slot.ready));
                if still_waiting {
                    fail(serial, format!("Factline's background worker did not start; {RETRY}"));
                }
            });
        }
        Ok(None) => {}
    }
}

fn spawn(serial: u32) -> Option<Slot> {
    let worker = Worker::new(WORKER_URL).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| received(serial, event.data()));
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        // Before "ready", its script could not be loaded; after, it failed on a request.
        let was_ready = CLIENT.with_borrow_mut(|client| client.slot_mut(serial).is_some_and(|s| s.ready));
        fail(
            serial,
            if was_ready {
                "Factline's background worker stopped with an error; try again".to_string()
            } else {
                format!("Factline's background worker could not be loaded; {RETRY}")
            },
        );
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Slot {
        serial,
        worker,
        ready: false,
        queued: Vec::new(),
        pending: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn received(serial: u32, data: JsValue) {
    if data.as_string().as_deref() == Some("ready") {
        CLIENT.with_borrow_mut(|client| {
            if let Some(slot) = client.slot_mut(serial) {
                slot.ready = true;
                for message in slot.queued.drain(..) {
                    let _ = slot.worker.post_message(&message);
                }
            }
        });
        crate::browser::mark("factline:worker-ready");
        return;
    }
    // Sent by the loader when the worker's code could not be fetched or compiled.
    if Array::is_array(&data) {
        let why: Vec<String> = Array::from(&data).iter().skip(1).filter_map(|v| v.as_string()).collect();
        fail(serial, format!("Factline's background worker could not start ({}); {RETRY}", why.join("; ")));
        return;
    }
    let bytes = Uint8Array::new(&data).to_vec();
    let (id, reply) = match Message::<Reply>::decode(&bytes) {
        Ok(message) => (Some(message.id), Ok(message.body)),
        Err((id, why)) => (id, Err(why)),
    };
    if let Ok(Reply::Progress(stage)) = &reply {
        let progress = CLIENT.with_borrow_mut(|client| {
            let slot = client.slot_mut(serial)?;
            slot.pending.iter().find(|p| Some(p.id) == id).and_then(|p| p.progress.clone())
        });
        if let Some(progress) = progress {
            progress(stage.clone());
        }
        return;
    }
    let opened = matches!(reply, Ok(Reply::Opened { .. }));
    let done = CLIENT.with_borrow_mut(|client| {
        let slot = client.slot_mut(serial)?;
        let at = slot.pending.iter().position(|p| Some(p.id) == id)?;
        let pending = slot.pending.remove(at);
        // The worker that opened a file serves the page from now on; requests still waiting on
        // the other one are for a dataset no longer shown, and are dropped. One that refused
        // its file is stopped at once: it may hold most of a large file's memory.
        if client.opening.as_ref().is_some_and(|s| s.serial == serial) {
            let opening = client.opening.take();
            if opened {
                client.main = opening;
            }
        }
        Some(pending.done)
    });
    if let Some(done) = done {
        done(reply);
    }
}

/// Answers every request waiting on a worker with `why`, and stops it, so the next request
/// starts a new one (the network may be back).
fn fail(serial: u32, why: String) {
    let stopped = CLIENT.with_borrow_mut(|client| {
        if client.main.as_ref().is_some_and(|s| s.serial == serial) {
            client.main.take()
        } else if client.opening.as_ref().is_some_and(|s| s.serial == serial) {
            client.opening.take()
        } else {
            None
        }
    });
    if let Some(mut slot) = stopped {
        for pending in std::mem::take(&mut slot.pending) {
            (pending.done)(Err(why.clone()));
        }
    }
}
