//! The datasets in progress, kept in the browser's IndexedDB: one record per dataset, which the
//! annotator writes after every accepted change, so a reload, a crash or a closed tab loses
//! nothing, and which the viewer reads to show a dataset in progress with its own filters,
//! timeline and person cards. After each write the annotator [`announce`]s the key on a
//! `BroadcastChannel`, so a viewer showing that dataset in another tab [`listen`]s and follows it.
//!
//! A record is `{key, title, updated, facts, dataset}`, with the dataset as `factline/1` JSON
//! (orphaned spans included; the annotator reopens it with `Draft::new`). The undo history is not
//! kept across a reload.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::message_of;

const DATABASE: &str = "factline-annotator";
const STORE: &str = "datasets";
/// The channel on which a write is announced.
const CHANNEL: &str = "factline-drafts";

/// One dataset in progress, as the list of datasets shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Its key in the store.
    pub key: String,
    /// Its first article's title.
    pub title: String,
    /// When it was last saved, as milliseconds since 1970.
    pub updated: f64,
    /// How many facts it holds.
    pub facts: usize,
}

/// Why the store could not be used, in words for the page.
fn reason(e: &JsValue) -> String {
    let name = Reflect::get(e, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    if name.as_deref() == Some("QuotaExceededError") {
        return "the browser's storage is full".to_string();
    }
    message_of(e).or_else(|| e.as_string()).unwrap_or_else(|| "the browser refused to store it".to_string())
}

/// Waits for a request to succeed, with its result, or to fail, with its error.
async fn finished(request: &IdbRequest) -> Result<JsValue, String> {
    let mut handlers = None;
    let promise = Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let done = request.clone();
        let ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let err = Closure::<dyn FnMut()>::new(move || {
            let error = failed.error().ok().flatten().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::UNDEFINED, &error);
        });
        request.set_onsuccess(Some(ok.as_ref().unchecked_ref()));
        request.set_onerror(Some(err.as_ref().unchecked_ref()));
        handlers = Some((ok, err));
    });
    let result = JsFuture::from(promise).await.map_err(|e| reason(&e));
    drop(handlers);
    result
}

/// Waits for a transaction to commit; a full disk shows as an abort.
async fn committed(transaction: &IdbTransaction) -> Result<(), String> {
    let mut handlers = None;
    let promise = Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let failed = transaction.clone();
        let err = Closure::<dyn FnMut()>::new(move || {
            let error = failed.error().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::UNDEFINED, &error);
        });
        transaction.set_oncomplete(Some(ok.as_ref().unchecked_ref()));
        transaction.set_onerror(Some(err.as_ref().unchecked_ref()));
        transaction.set_onabort(Some(err.as_ref().unchecked_ref()));
        handlers = Some((ok, err));
    });
    let result = JsFuture::from(promise).await.map(|_| ()).map_err(|e| reason(&e));
    drop(handlers);
    result
}

/// Opens the database, making its one store on first use.
async fn open() -> Result<IdbDatabase, String> {
    let window = web_sys::window().ok_or("no window")?;
    let factory = window
        .indexed_db()
        .map_err(|e| reason(&e))?
        .ok_or("this browser offers no IndexedDB (a private window may turn it off)")?;
    let request = factory.open_with_u32(DATABASE, 1).map_err(|e| reason(&e))?;
    let upgrading = request.clone();
    let upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>())
            && !db.object_store_names().contains(STORE)
        {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&JsValue::from_str("key"));
            let _ = db.create_object_store_with_optional_parameters(STORE, &params);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = finished(&request).await;
    drop(upgrade);
    db?.dyn_into::<IdbDatabase>().map_err(|_| "the browser's storage did not open".to_string())
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Writes a dataset's record, replacing the one with the same key.
pub async fn put(saved: &Saved, dataset_json: &str) -> Result<(), String> {
    let db = open().await?;
    let transaction = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite).map_err(|e| reason(&e))?;
    let store = transaction.object_store(STORE).map_err(|e| reason(&e))?;
    let record = Object::new();
    set(&record, "key", &JsValue::from_str(&saved.key));
    set(&record, "title", &JsValue::from_str(&saved.title));
    set(&record, "updated", &JsValue::from_f64(saved.updated));
    set(&record, "facts", &JsValue::from_f64(saved.facts as f64));
    set(&record, "dataset", &JsValue::from_str(dataset_json));
    store.put(&record).map_err(|e| reason(&e))?;
    let result = committed(&transaction).await;
    db.close();
    result
}

/// The dataset JSON stored under `key`, if any.
pub async fn load(key: &str) -> Result<Option<String>, String> {
    let db = open().await?;
    let transaction = db.transaction_with_str(STORE).map_err(|e| reason(&e))?;
    let store = transaction.object_store(STORE).map_err(|e| reason(&e))?;
    let request = store.get(&JsValue::from_str(key)).map_err(|e| reason(&e))?;
    let record = finished(&request).await;
    db.close();
    let record = record?;
    Ok(if record.is_undefined() { None } else { get(&record, "dataset").as_string() })
}

/// Every dataset in progress, the most recently saved first.
pub async fn list() -> Result<Vec<Saved>, String> {
    let db = open().await?;
    let transaction = db.transaction_with_str(STORE).map_err(|e| reason(&e))?;
    let store = transaction.object_store(STORE).map_err(|e| reason(&e))?;
    let request = store.get_all().map_err(|e| reason(&e))?;
    let records = finished(&request).await;
    db.close();
    let records: js_sys::Array = records?.dyn_into().map_err(|_| "the stored list is not a list".to_string())?;
    let mut saved: Vec<Saved> = records
        .iter()
        .filter_map(|r| {
            Some(Saved {
                key: get(&r, "key").as_string()?,
                title: get(&r, "title").as_string().unwrap_or_default(),
                updated: get(&r, "updated").as_f64().unwrap_or_default(),
                facts: get(&r, "facts").as_f64().unwrap_or_default() as usize,
            })
        })
        .collect();
    saved.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    Ok(saved)
}

/// Forgets the dataset stored under `key`.
pub async fn remove(key: &str) -> Result<(), String> {
    let db = open().await?;
    let transaction = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite).map_err(|e| reason(&e))?;
    let store = transaction.object_store(STORE).map_err(|e| reason(&e))?;
    store.delete(&JsValue::from_str(key)).map_err(|e| reason(&e))?;
    let result = committed(&transaction).await;
    db.close();
    result
}

/// Tells other pages of this site that the dataset under `key` was written.
pub fn announce(key: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(key));
        channel.close();
    }
}

/// Calls `changed` with the key of every dataset another page writes, until the returned
/// listener is dropped; `None` where the browser has no `BroadcastChannel`.
pub fn listen(changed: impl Fn(String) + 'static) -> Option<Listener> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if let Some(key) = e.data().as_string() {
            changed(key);
        }
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    Some(Listener { channel, _handler: handler })
}

/// Listens while it lives (see [`listen`]).
pub struct Listener {
    channel: web_sys::BroadcastChannel,
    _handler: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// The hash by which the annotator names the dataset it annotates (`#dataset=KEY`), so a reload
/// reopens it.
pub const ANNOTATED: &str = "#dataset=";
/// The hash by which the viewer is asked to show a dataset in progress (`#draft=KEY`).
pub const SHOWN: &str = "#draft=";

/// `hash` (one of [`ANNOTATED`], [`SHOWN`]) naming the dataset in progress `key`.
pub fn naming(hash: &str, key: &str) -> String {
    format!("{hash}{}", String::from(js_sys::encode_uri_component(key)))
}

/// The key the address's hash names, if it is `hash` followed by one.
pub fn named_in_address(hash: &str) -> Option<String> {
    let current = web_sys::window()?.location().hash().ok()?;
    let key = js_sys::decode_uri_component(current.strip_prefix(hash)?).ok()?.as_string()?;
    (!key.is_empty()).then_some(key)
}
