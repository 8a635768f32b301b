//! The engine behind the web app: it holds every dataset it has checked, and the built-in one,
//! behind a [`Handle`], and answers requests that name a handle — the screen for a filter, an
//! export — without sending, checking or indexing the dataset again.
//!
//! The web app runs it in a background worker; requests and replies cross as [`Message`]s, a
//! typed envelope (`id`, then the request or reply, whose variant is its kind) encoded with
//! postcard over the same serde derives. A message that cannot be read gets a reply saying so.

use serde::{Deserialize, Serialize};

use crate::embedded;
use crate::export::{self, Format};
use crate::format;
use crate::format::read::{Limits, LoadError, Stage};
use crate::query::catalog::Catalog;
use crate::query::filter::Filter;
use crate::view::{self, Screen, ViewParams};

/// A dataset the engine holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Handle(pub u32);

impl Handle {
    /// The built-in article, which the engine holds from the start.
    pub const BUILTIN: Handle = Handle(0);
}

/// What the page asks of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Check a file fully (limits, encoding, syntax, shape, validation) and keep it if it is valid.
    Open {
        /// Its bytes.
        bytes: Vec<u8>,
        /// The largest file accepted, in bytes.
        max_bytes: u64,
    },
    /// The screen for a filter and the reader's choices.
    View {
        /// The dataset.
        dataset: Handle,
        /// The filter and choices.
        params: ViewParams,
    },
    /// Export the events a filter keeps.
    Export {
        /// The dataset.
        dataset: Handle,
        /// The format.
        format: Format,
        /// The filter, as a query string.
        query: String,
    },
    /// Forget a dataset that is no longer shown.
    Close {
        /// The dataset.
        dataset: Handle,
    },
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// The file is valid and held under this handle.
    Opened {
        /// Its handle.
        dataset: Handle,
    },
    /// The file cannot be used.
    Refused {
        /// How many problems: `3 problems`, `at least 100 problems`.
        count: String,
        /// Each problem, one line with its path and position (at most 100).
        problems: Vec<String>,
        /// What the list leaves out, if it is capped.
        note: Option<String>,
    },
    /// A screen.
    View(Box<Screen>),
    /// An export, ready to download.
    File {
        /// A file name for it, from the first article's id and the format.
        name: String,
        /// Its media type.
        media_type: String,
        /// Its contents.
        body: String,
        /// What the format could not hold, and was left out.
        notes: Vec<String>,
    },
    /// The dataset is forgotten.
    Closed,
    /// Opening is under way: what it is doing now. More replies to the same request follow.
    Progress(String),
    /// The request could not be carried out.
    Failed(String),
}

/// The envelope every request and reply travels in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message<T> {
    /// Numbers a request; its reply carries the same number.
    pub id: u32,
    /// The request or reply.
    pub body: T,
}

impl<T: Serialize> Message<T> {
    /// The message's bytes.
    pub fn encode(&self) -> Vec<u8> {
        // Serializing to a growable buffer fails only for types serde cannot describe.
        postcard::to_allocvec(self).unwrap_or_default()
    }
}

impl<T: for<'de> Deserialize<'de>> Message<T> {
    /// Reads a message. When the envelope's number can be read but not the rest, the error
    /// comes with the number, so the sender can be answered.
    pub fn decode(bytes: &[u8]) -> Result<Message<T>, (Option<u32>, String)> {
        let (id, rest) = postcard::take_from_bytes::<u32>(bytes)
            .map_err(|e| (None, format!("the message has no request number ({e})")))?;
        let body = postcard::from_bytes::<T>(rest).map_err(|e| {
            (Some(id), format!("message {id} is not one this version understands ({e}); reload the page"))
        })?;
        Ok(Message { id, body })
    }
}

/// The datasets held, and what to do with them.
pub struct Engine {
    datasets: Vec<Option<Held>>,
}

struct Held {
    catalog: Catalog,
    /// The last screens answered, newest first: a reader goes back and forth between a few
    /// views (a person, then Reset), and the whole-corpus screen of 100,000 events takes tens of
    /// milliseconds to compute but microseconds to copy.
    recent: Vec<(ViewParams, Screen)>,
}

/// How many screens [`Held::recent`] keeps.
const RECENT_SCREENS: usize = 4;

impl Held {
    fn new(catalog: Catalog) -> Held {
        Held { catalog, recent: Vec::new() }
    }

    /// The screen for `params`, from those kept or computed and kept.
    fn screen(&mut self, params: &ViewParams) -> Screen {
        if let Some(at) = self.recent.iter().position(|(p, _)| p == params) {
            let kept = self.recent.remove(at);
            let screen = kept.1.clone();
            self.recent.insert(0, kept);
            return screen;
        }
        // The page sends the query it parsed itself; anything unusable would not narrow.
        let (filter, _) = Filter::parse_lenient(&params.query);
        let screen = view::screen(&self.catalog, &filter, params);
        self.recent.truncate(RECENT_SCREENS - 1);
        self.recent.insert(0, (params.clone(), screen.clone()));
        screen
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    /// An engine holding the built-in article under [`Handle::BUILTIN`].
    pub fn new() -> Engine {
        // The built-in article is validated by the web app's build, so it loads.
        let builtin = embedded::default_catalog().ok().map(Held::new);
        Engine { datasets: vec![builtin] }
    }

    /// The dataset behind a handle.
    pub fn catalog(&self, handle: Handle) -> Option<&Catalog> {
        self.datasets.get(handle.0 as usize)?.as_ref().map(|h| &h.catalog)
    }

    /// Carries out a request.
    pub fn handle(&mut self, request: Request) -> Reply {
        match request {
            Request::Open { bytes, max_bytes } => self.open(&bytes, max_bytes, &mut |_| {}),
            Request::View { dataset, params } => match self.datasets.get_mut(dataset.0 as usize) {
                Some(Some(held)) => Reply::View(Box::new(held.screen(&params))),
                _ => unknown(dataset),
            },
            Request::Export { dataset, format, query } => match self.catalog(dataset) {
                Some(catalog) => {
                    let (filter, _) = Filter::parse_lenient(&query);
                    let (selection, _) = catalog.select_lenient(&filter);
                    match export::export(catalog, &selection, format, &Limits::default()) {
                        Ok(file) => Reply::File {
                            name: export::file_name(catalog.dataset(), &format!(".{}", format.extension())),
                            media_type: format.media_type().to_string(),
                            body: file.body,
                            notes: file.notes,
                        },
                        Err(e) => Reply::Failed(e.to_string()),
                    }
                }
                None => unknown(dataset),
            },
            Request::Close { dataset } => {
                if dataset != Handle::BUILTIN
                    && let Some(slot) = self.datasets.get_mut(dataset.0 as usize)
                {
                    *slot = None;
                }
                Reply::Closed
            }
        }
    }

    /// Opens a file's bytes, telling `progress` what it is doing as it goes (in words, for the
    /// page), and holds the dataset if it is valid.
    pub fn open(&mut self, bytes: &[u8], max_bytes: u64, progress: &mut dyn FnMut(String)) -> Reply {
        let limits = Limits { max_bytes: usize::try_from(max_bytes).unwrap_or(usize::MAX) };
        let size = format::read::human(bytes.len() as u64);
        progress(format!("Reading {size} of JSON"));
        let loaded = format::read::load_in_steps(bytes, &limits, &mut |stage| {
            progress(match stage {
                Stage::Checking => "Checking every fact against the format's rules".to_string(),
                Stage::Indexing => "Indexing people, dates and text".to_string(),
            })
        });
        match loaded {
            Ok(catalog) => {
                self.datasets.push(Some(Held::new(catalog)));
                Reply::Opened { dataset: Handle(self.datasets.len() as u32 - 1) }
            }
            Err(e) => refused(&e),
        }
    }

    /// Reads a request message and gives the reply message's bytes; a message it cannot read
    /// gets a [`Reply::Failed`] saying why.
    pub fn handle_message(&mut self, bytes: &[u8]) -> Vec<u8> {
        let (id, body) = match Message::<Request>::decode(bytes) {
            Ok(message) => (message.id, self.handle(message.body)),
            Err((id, why)) => (id.unwrap_or(u32::MAX), Reply::Failed(why)),
        };
        Message { id, body }.encode()
    }
}

/// The reply for a file of `size` bytes when the limit is `max_bytes`, if it is too large: then
/// it is refused before it is read.
pub fn refuse_size(size: u64, max_bytes: u64) -> Option<Reply> {
    (size > max_bytes).then(|| {
        refused(&LoadError::TooLarge { size: Some(size), limit: usize::try_from(max_bytes).unwrap_or(usize::MAX) })
    })
}

/// The reply for a file that cannot be used.
pub fn refused(error: &LoadError) -> Reply {
    match error.problems() {
        Some(problems) => Reply::Refused {
            count: problems.count_text(),
            problems: problems.list.iter().map(ToString::to_string).collect(),
            note: problems.note(),
        },
        None => Reply::Refused { count: "1 problem".into(), problems: error.details(), note: None },
    }
}

fn unknown(dataset: Handle) -> Reply {
    Reply::Failed(format!("dataset {} is no longer open; open the file again", dataset.0))
}

#[cfg(test)]
mod tests;
