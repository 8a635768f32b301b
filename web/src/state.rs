//! The UI state that is not the filter (the filter lives only in the URL): which dataset is loaded,
//! load errors, and what the reader is pointing at. One reducer; its handle, [`AppHandle`], is passed
//! down to the pieces of the page, and its methods name the user's intents.

use std::rc::Rc;

use factline_core::Catalog;
use yew::prelude::*;

/// Where the loaded dataset came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The article compiled into the app.
    Builtin,
    /// A file the user opened or dropped.
    File {
        /// The file's name.
        name: String,
    },
}

/// A request to show an event's spans in the article; `seq` changes on every request so asking
/// twice for the same event scrolls again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The event or claim whose spans to show.
    pub fact_id: String,
    /// Increases with every request.
    pub seq: u32,
}

/// Everything the UI remembers apart from the filter.
pub struct AppState {
    /// The dataset in use.
    pub catalog: Rc<Catalog>,
    /// The same dataset packed (`factline_core::pack`), which the background worker exports from.
    pub packed: Rc<str>,
    /// Where it came from.
    pub source: Source,
    /// Problems with the last file the user tried to load; the current dataset stays loaded.
    pub load_errors: Vec<String>,
    /// The name of the file whose problems `load_errors` lists.
    pub rejected_file: Option<String>,
    /// The fact whose spans the reader highlights and scrolls to.
    pub focus: Option<Focus>,
    /// Whether the reader highlights the spans of every visible event.
    pub show_spans: bool,
    /// The highlighted passage whose supported facts are listed: article id and code-point offset.
    pub open_passage: Option<(String, u32)>,
    /// What the toolbar last said about an export or a copied link.
    pub toolbar_message: String,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &other.catalog)
            && Rc::ptr_eq(&self.packed, &other.packed)
            && self.source == other.source
            && self.load_errors == other.load_errors
            && self.rejected_file == other.rejected_file
            && self.focus == other.focus
            && self.show_spans == other.show_spans
            && self.open_passage == other.open_passage
            && self.toolbar_message == other.toolbar_message
    }
}

/// The verbs that change [`AppState`].
pub enum Action {
    /// A file loaded and validated: use it (its catalog, packed form and origin).
    UseDataset(Rc<Catalog>, Rc<str>, Source),
    /// A file was refused: keep the current dataset, show why.
    Reject {
        /// The file's name.
        file: String,
        /// Every problem found.
        errors: Vec<String>,
    },
    /// Hide the load errors.
    DismissErrors,
    /// Scroll the reader to a fact's spans.
    ShowInArticle(String),
    /// Highlight (or stop highlighting) the spans of all visible events.
    SetShowSpans(bool),
    /// List the facts a highlighted passage supports (or close the list).
    OpenPassage(Option<(String, u32)>),
    /// Say what an export or "copy link" did.
    SayInToolbar(String),
}

impl AppState {
    /// The state at start-up, with the built-in dataset.
    pub fn new(catalog: Rc<Catalog>) -> AppState {
        AppState::with_dataset(catalog, Rc::from(crate::builtin::PACKED), Source::Builtin)
    }

    fn with_dataset(catalog: Rc<Catalog>, packed: Rc<str>, source: Source) -> AppState {
        AppState {
            catalog,
            packed,
            source,
            load_errors: Vec::new(),
            rejected_file: None,
            focus: None,
            show_spans: true,
            open_passage: None,
            toolbar_message: String::new(),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = AppState {
            catalog: Rc::clone(&self.catalog),
            packed: Rc::clone(&self.packed),
            source: self.source.clone(),
            load_errors: self.load_errors.clone(),
            rejected_file: self.rejected_file.clone(),
            focus: self.focus.clone(),
            show_spans: self.show_spans,
            open_passage: self.open_passage.clone(),
            toolbar_message: self.toolbar_message.clone(),
        };
        match action {
            Action::UseDataset(catalog, packed, source) => {
                next = AppState { show_spans: self.show_spans, ..AppState::with_dataset(catalog, packed, source) };
            }
            Action::Reject { file, errors } => {
                next.rejected_file = Some(file);
                next.load_errors = errors;
            }
            Action::DismissErrors => {
                next.load_errors.clear();
                next.rejected_file = None;
            }
            Action::ShowInArticle(fact_id) => {
                let seq = self.focus.as_ref().map_or(1, |f| f.seq.wrapping_add(1));
                next.focus = Some(Focus { fact_id, seq });
                next.open_passage = None;
            }
            Action::SetShowSpans(on) => next.show_spans = on,
            Action::OpenPassage(at) => next.open_passage = at,
            Action::SayInToolbar(message) => next.toolbar_message = message,
        }
        Rc::new(next)
    }
}

/// The app state with intent methods; cheap to clone.
#[derive(Clone, PartialEq)]
pub struct AppHandle(UseReducerHandle<AppState>);

impl AppHandle {
    /// Wraps a reducer handle.
    pub fn new(handle: UseReducerHandle<AppState>) -> AppHandle {
        AppHandle(handle)
    }

    /// The current state.
    pub fn state(&self) -> &AppState {
        &self.0
    }

    /// Switches to a loaded dataset.
    pub fn use_dataset(&self, catalog: Rc<Catalog>, packed: Rc<str>, source: Source) {
        self.0.dispatch(Action::UseDataset(catalog, packed, source));
    }

    /// Reports a refused file without touching the loaded dataset.
    pub fn reject(&self, file: String, errors: Vec<String>) {
        self.0.dispatch(Action::Reject { file, errors });
    }

    /// Hides load errors.
    pub fn dismiss_errors(&self) {
        self.0.dispatch(Action::DismissErrors);
    }

    /// Scrolls the reader to a fact's spans and highlights them.
    pub fn show_in_article(&self, fact_id: &str) {
        self.0.dispatch(Action::ShowInArticle(fact_id.to_string()));
    }

    /// Turns span highlighting on or off.
    pub fn set_show_spans(&self, on: bool) {
        self.0.dispatch(Action::SetShowSpans(on));
    }

    /// Shows a message next to the export and copy-link buttons.
    pub fn say_in_toolbar(&self, message: String) {
        self.0.dispatch(Action::SayInToolbar(message));
    }

    /// Opens (or closes, with `None`) the list of facts the passage at an article offset supports.
    pub fn open_passage(&self, at: Option<(String, u32)>) {
        self.0.dispatch(Action::OpenPassage(at));
    }
}
