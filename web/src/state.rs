//! The UI state that is not the filter (the filter lives only in the URL): which dataset is loaded,
//! load errors, what the reader is pointing at, and what the pieces of the page remember between
//! renders (a half-typed date, the people search's text, the timeline's position). One reducer; its
//! handle, [`AppHandle`], is passed down to the pieces of the page, and its methods name the user's
//! intents.

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

/// A date input's state while it differs from the URL: what is typed, and why it was not applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateDraft {
    /// The typed text; `None` shows the URL's value.
    pub text: Option<String>,
    /// Why the text was not applied.
    pub error: Option<String>,
}

/// Everything the UI remembers apart from the filter.
#[derive(Clone)]
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
    /// What is typed in the people search.
    pub people_query: String,
    /// The day the person card gives a status for, as typed (`YYYY-MM-DD`); `None` until one is
    /// chosen, which means the article's publication date.
    pub status_day: Option<String>,
    /// Whether a file is being dragged over the page.
    pub dragging: bool,
    /// The timeline bar that keyboard focus enters at (the others are out of the tab order).
    pub timeline_bar: usize,
    /// The bar a pointer went down on, while it is held.
    pub timeline_drag: Option<usize>,
    /// The from and to date inputs' drafts.
    pub date_drafts: [DateDraft; 2],
    /// Why the built-in article could not be read, which only a broken build can cause.
    pub startup_error: Option<String>,
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
            && self.people_query == other.people_query
            && self.status_day == other.status_day
            && self.dragging == other.dragging
            && self.timeline_bar == other.timeline_bar
            && self.timeline_drag == other.timeline_drag
            && self.date_drafts == other.date_drafts
            && self.startup_error == other.startup_error
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
    /// The people search's text.
    SearchPeople(String),
    /// The person card's day.
    SetStatusDay(String),
    /// A file is (or is no longer) dragged over the page.
    SetDragging(bool),
    /// Keyboard focus moved to a timeline bar.
    SetTimelineBar(usize),
    /// A pointer went down on a timeline bar (or came up: `None`).
    SetTimelineDrag(Option<usize>),
    /// A date input's draft (0 from, 1 to).
    SetDateDraft(usize, DateDraft),
    /// The URL's dates changed: the inputs show them again.
    ClearDateDrafts,
}

impl AppState {
    /// The state at start-up: the built-in dataset, or, if it cannot be read, an empty one and why.
    pub fn at_start() -> AppState {
        match crate::builtin::catalog() {
            Ok(catalog) => AppState::with_dataset(Rc::new(catalog), Rc::from(crate::builtin::PACKED), Source::Builtin),
            Err(e) => AppState {
                startup_error: Some(e.to_string()),
                ..AppState::with_dataset(
                    Rc::new(Catalog::new_prevalidated(factline_core::Dataset::empty())),
                    Rc::from(""),
                    Source::Builtin,
                )
            },
        }
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
            people_query: String::new(),
            status_day: None,
            dragging: false,
            timeline_bar: 0,
            timeline_drag: None,
            date_drafts: Default::default(),
            startup_error: None,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
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
            Action::SearchPeople(text) => next.people_query = text,
            Action::SetStatusDay(day) => next.status_day = Some(day),
            Action::SetDragging(on) => next.dragging = on,
            Action::SetTimelineBar(i) => next.timeline_bar = i,
            Action::SetTimelineDrag(start) => next.timeline_drag = start,
            Action::SetDateDraft(which, draft) => {
                if let Some(slot) = next.date_drafts.get_mut(which) {
                    *slot = draft;
                }
            }
            Action::ClearDateDrafts => next.date_drafts = Default::default(),
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

    /// Sets the people search's text.
    pub fn search_people(&self, text: String) {
        self.0.dispatch(Action::SearchPeople(text));
    }

    /// Sets the day the person card gives a status for.
    pub fn set_status_day(&self, day: String) {
        self.0.dispatch(Action::SetStatusDay(day));
    }

    /// Makes timeline bar `i` the one keyboard focus enters at.
    pub fn set_timeline_bar(&self, i: usize) {
        self.0.dispatch(Action::SetTimelineBar(i));
    }

    /// Remembers (or forgets) the bar a pointer went down on.
    pub fn set_timeline_drag(&self, start: Option<usize>) {
        self.0.dispatch(Action::SetTimelineDrag(start));
    }

    /// Sets a date input's draft (0 from, 1 to).
    pub fn set_date_draft(&self, which: usize, draft: DateDraft) {
        self.0.dispatch(Action::SetDateDraft(which, draft));
    }

    /// Drops both date inputs' drafts, so they show the URL's dates.
    pub fn clear_date_drafts(&self) {
        self.0.dispatch(Action::ClearDateDrafts);
    }

    /// Shows or hides the drop overlay.
    pub fn set_dragging(&self, on: bool) {
        self.0.dispatch(Action::SetDragging(on));
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
