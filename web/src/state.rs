//! The UI state that is not the filter (the filter lives only in the URL): which dataset is shown
//! and the last screen the engine computed for it, load errors, what the reader is pointing at,
//! and what the pieces of the page remember between renders (a half-typed date, the people
//! search's text, the timeline's position). One reducer; its handle, [`AppHandle`], goes to the
//! pieces of the page that change state, and its methods name the user's intents.

use std::rc::Rc;

use factline_core::service::Handle;
use factline_core::view::{Screen, ViewParams, Window};
use yew::prelude::*;

/// Where the shown dataset came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The article built into the app.
    Builtin,
    /// A file the user opened or dropped.
    File {
        /// The file's name.
        name: String,
    },
    /// A dataset in progress in the annotator, read from the browser's storage and followed as
    /// it changes.
    Draft {
        /// Its key in the storage.
        key: String,
    },
}

/// A request to show a fact's spans in the article; `seq` numbers the requests, over every dataset
/// shown, so asking twice for the same fact scrolls again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The event or claim whose spans to show.
    pub fact_id: String,
    /// Increases with every request.
    pub seq: u32,
}

/// What a screen was computed for: the filter's query string and the "Show in article" request
/// whose fact it shows. Until the reply to a newer request arrives, the screen shown answers an
/// older one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answered {
    /// The filter, as a query string.
    pub query: String,
    /// The [`Focus::seq`] of the request whose fact the reader shows, if any.
    pub focus: Option<u32>,
}

/// A date input's state while it differs from the URL: what is typed, and why it was not applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateDraft {
    /// The typed text; `None` shows the URL's value.
    pub text: Option<String>,
    /// Why the text was not applied.
    pub error: Option<String>,
}

/// A file being opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opening {
    /// The file's name.
    pub name: String,
    /// What the worker is doing: `Checking every fact against the format's rules`.
    pub stage: String,
}

/// A file that was not opened, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    /// The file's name.
    pub file: String,
    /// How many problems: `3 problems`.
    pub count: String,
    /// Each problem, with its path and position.
    pub problems: Vec<String>,
    /// What the list leaves out, if anything.
    pub note: Option<String>,
}

/// Everything the UI remembers apart from the filter.
#[derive(Clone, PartialEq)]
pub struct AppState {
    /// The dataset shown, as the engine holds it.
    pub dataset: Handle,
    /// Counts the datasets opened: each opening has a worker of its own, whose handles start
    /// again at 1, so the handle alone does not tell two openings apart.
    pub opened: u32,
    /// Where it came from.
    pub source: Source,
    /// The last screen the engine computed for it.
    pub screen: Option<Rc<Screen>>,
    /// What that screen was asked for; the state may already ask for something else.
    pub answered: Answered,
    /// Why the engine cannot answer, if it cannot.
    pub unavailable: Option<String>,
    /// A file being opened, and what the worker is doing with it.
    pub opening: Option<Opening>,
    /// The largest file opened, in bytes (a setting, kept in the browser).
    pub max_bytes: u64,
    /// The last file refused; the shown dataset stays.
    pub refusal: Option<Refusal>,
    /// The fact whose spans the reader highlights and scrolls to.
    pub focus: Option<Focus>,
    /// How many times a fact was asked to be shown in the article, over every dataset: numbers
    /// the requests ([`Focus::seq`]).
    pub focus_asked: u32,
    /// Whether the reader highlights the spans of every fact in view.
    pub show_spans: bool,
    /// The highlighted passage whose facts are listed: article id and code-point offset.
    pub open_passage: Option<(String, u32)>,
    /// What the toolbar last said about an export or a copied link.
    pub toolbar_message: String,
    /// What is typed in the people search.
    pub people_query: String,
    /// The day the person card gives a status for, as typed; `None` until one is chosen, which
    /// means the article's publication date.
    pub status_day: Option<String>,
    /// Whether a file is being dragged over the page.
    pub dragging: bool,
    /// The timeline bar that keyboard focus enters at (the others are out of the tab order).
    pub timeline_bar: usize,
    /// The bar a pointer went down on, while it is held.
    pub timeline_drag: Option<usize>,
    /// The from and to date inputs' drafts.
    pub date_drafts: [DateDraft; 2],
    /// The first row of the people list rendered, and how many.
    pub people_window: Window,
    /// The first row of the article list rendered, and how many.
    pub articles_window: Window,
    /// The article the reader was asked to show.
    pub reader_article: Option<String>,
    /// Where the reader is in the lists of one filter; a new filter starts from their tops.
    pub lists: Lists,
}

/// The reader's place in the lists of the filter given by `query`: the events window, how many
/// claims are shown and what is typed in the fact search. Keyed by the filter rather than reset
/// when it changes, so that a new filter is one request to the engine, not two.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lists {
    /// The filter's query string.
    pub query: String,
    /// The events rendered: a window, counted in events.
    pub events_window: Window,
    /// How many claims to show (0: the default).
    pub claims_shown: usize,
    /// What is typed in the fact search, before it is applied.
    pub search_draft: Option<String>,
}

impl Lists {
    /// How many events and claims the first view holds: the page is pre-rendered with them, so
    /// that a reader without JavaScript sees every fact of a small dataset, such as the built-in
    /// article, rather than the first screenful.
    pub const FIRST_VIEW: usize = 100;

    /// The lists of the first view: the unfiltered dataset, from the top.
    pub fn first_view() -> Lists {
        Lists {
            query: String::new(),
            events_window: Window { start: 0, len: Lists::FIRST_VIEW },
            claims_shown: Lists::FIRST_VIEW,
            search_draft: None,
        }
    }
}

/// The verbs that change [`AppState`].
pub enum Action {
    /// The engine computed a screen for a request.
    ShowScreen(Rc<Screen>, Answered),
    /// The engine cannot answer, and why.
    Unavailable(String),
    /// A file is being opened; what the worker is doing with it.
    Opening(Opening),
    /// Opening ended without a dataset (cancelled).
    OpeningDone,
    /// The largest file to open.
    SetMaxBytes(u64),
    /// A file was opened: show it.
    UseDataset(Handle, Source),
    /// A file was refused: keep the current dataset, show why.
    Reject(Refusal),
    /// Hide the load errors.
    DismissErrors,
    /// Scroll the reader to a fact's spans.
    ShowInArticle(String),
    /// Highlight (or stop highlighting) the spans of the facts in view.
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
    /// The events to render, for the filter of a query string.
    SetEventsWindow(Window, String),
    /// The people rows to render.
    SetPeopleWindow(Window),
    /// The article rows to render.
    SetArticlesWindow(Window),
    /// Show this many claims, for the filter of a query string.
    ShowClaims(usize, String),
    /// The article the reader shows.
    ShowArticle(String),
    /// What is typed in the fact search, while the filter is that of a query string.
    SetSearchDraft(Option<String>, String),
}

impl AppState {
    /// The state at start-up: the built-in article, no screen yet, and the lists placed as the
    /// pre-rendered page shows them ([`Lists::first_view`]), so the first screen replaces it
    /// unchanged.
    pub fn at_start() -> AppState {
        let max_bytes = crate::browser::stored("factline.max-input")
            .and_then(|v| v.parse().ok())
            .unwrap_or(factline_core::format::read::DEFAULT_MAX_BYTES as u64);
        AppState { lists: Lists::first_view(), ..AppState::fresh(Handle::BUILTIN, Source::Builtin, max_bytes) }
    }

    /// The state the page is pre-rendered in: the built-in article's first screen.
    pub fn prerendered(screen: Rc<Screen>) -> AppState {
        let max_bytes = factline_core::format::read::DEFAULT_MAX_BYTES as u64;
        AppState {
            screen: Some(screen),
            lists: Lists::first_view(),
            ..AppState::fresh(Handle::BUILTIN, Source::Builtin, max_bytes)
        }
    }

    /// A dataset with nothing chosen yet, its lists at their tops.
    fn fresh(dataset: Handle, source: Source, max_bytes: u64) -> AppState {
        AppState {
            dataset,
            opened: 0,
            source,
            screen: None,
            answered: Answered::default(),
            unavailable: None,
            opening: None,
            max_bytes,
            refusal: None,
            focus: None,
            focus_asked: 0,
            show_spans: true,
            open_passage: None,
            toolbar_message: String::new(),
            people_query: String::new(),
            status_day: None,
            dragging: false,
            timeline_bar: 0,
            timeline_drag: None,
            date_drafts: Default::default(),
            people_window: Window::default(),
            articles_window: Window::default(),
            reader_article: None,
            lists: Lists::default(),
        }
    }

    /// The persons the filter of `query` selects: the screen's canonical ids once it answers that
    /// filter, and until then the URL's own, `persons` (a change built on the older screen's
    /// choice would undo the one before it).
    pub fn selected<'a>(&'a self, query: &str, persons: &'a [String]) -> &'a [String] {
        match &self.screen {
            Some(screen) if self.answered.query == query => &screen.selected,
            _ => persons,
        }
    }

    /// The reader's place in the lists, if it was for the filter of `query`.
    pub fn lists_for(&self, query: &str) -> Option<&Lists> {
        (self.lists.query == query).then_some(&self.lists)
    }

    /// What to ask the engine for, with the URL's filter as `query`.
    pub fn view_params(&self, query: String) -> ViewParams {
        let lists = self.lists_for(&query).cloned().unwrap_or_default();
        ViewParams {
            query,
            people_search: self.people_query.clone(),
            status_day: self.status_day.clone(),
            focus: self.focus.as_ref().map(|f| f.fact_id.clone()),
            show_spans: self.show_spans,
            passage: self.open_passage.clone(),
            events_window: lists.events_window,
            people_window: self.people_window,
            articles_window: self.articles_window,
            claims_shown: lists.claims_shown,
            reader_article: self.reader_article.clone(),
        }
    }
}

impl AppState {
    /// The place in the lists of the filter of `query`, starting afresh for a new filter.
    fn lists_mut(&mut self, query: String) -> &mut Lists {
        if self.lists.query != query {
            self.lists = Lists { query, ..Lists::default() };
        }
        &mut self.lists
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ShowScreen(screen, answered) => {
                next.screen = Some(screen);
                next.answered = answered;
                next.unavailable = None;
            }
            Action::Unavailable(why) => next.unavailable = Some(why),
            Action::Opening(opening) => next.opening = Some(opening),
            Action::OpeningDone => next.opening = None,
            Action::SetMaxBytes(bytes) => {
                crate::browser::store("factline.max-input", &bytes.to_string());
                next.max_bytes = bytes;
            }
            Action::UseDataset(dataset, source) if matches!(source, Source::Draft { .. }) && source == self.source => {
                // The dataset in progress shown, opened again after a change in the annotator: the
                // reader's view stays (a fact or person no longer there is dropped by the engine).
                next.dataset = dataset;
                next.opened = self.opened.wrapping_add(1);
                next.opening = None;
                // A refusal of an earlier version is answered by this one.
                next.refusal = None;
            }
            Action::UseDataset(dataset, source) => {
                // What belonged to the old dataset (the reader's focus, a person's day) goes with it.
                // The old screen stays until the new one comes, answering nothing asked of this one.
                next = AppState {
                    screen: self.screen.clone(),
                    show_spans: self.show_spans,
                    focus_asked: self.focus_asked,
                    opened: self.opened.wrapping_add(1),
                    ..AppState::fresh(dataset, source, self.max_bytes)
                };
            }
            Action::Reject(refusal) => {
                next.refusal = Some(refusal);
                next.opening = None;
            }
            Action::DismissErrors => next.refusal = None,
            Action::ShowInArticle(fact_id) => {
                next.focus_asked = self.focus_asked.wrapping_add(1);
                next.focus = Some(Focus { fact_id, seq: next.focus_asked });
                next.open_passage = None;
                // The reader follows the fact to its article.
                next.reader_article = None;
            }
            Action::SetShowSpans(on) => next.show_spans = on,
            Action::OpenPassage(at) => next.open_passage = at,
            Action::SayInToolbar(message) => next.toolbar_message = message,
            Action::SearchPeople(text) => {
                next.people_query = text;
                next.people_window = Window::default();
            }
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
            Action::SetEventsWindow(w, query) => next.lists_mut(query).events_window = w,
            Action::SetPeopleWindow(w) => next.people_window = w,
            Action::SetArticlesWindow(w) => next.articles_window = w,
            Action::ShowClaims(n, query) => next.lists_mut(query).claims_shown = n,
            Action::ShowArticle(id) => {
                next.reader_article = Some(id);
                next.open_passage = None;
            }
            Action::SetSearchDraft(text, query) => next.lists_mut(query).search_draft = text,
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

    /// Shows a screen the engine computed for what `answered` says.
    pub fn show_screen(&self, screen: Screen, answered: Answered) {
        self.0.dispatch(Action::ShowScreen(Rc::new(screen), answered));
    }

    /// Says that the engine cannot answer.
    pub fn unavailable(&self, why: String) {
        self.0.dispatch(Action::Unavailable(why));
    }

    /// Says a file is being opened, and what is being done with it.
    pub fn opening(&self, name: String, stage: String) {
        self.0.dispatch(Action::Opening(Opening { name, stage }));
    }

    /// Says an opening ended without a dataset.
    pub fn opening_done(&self) {
        self.0.dispatch(Action::OpeningDone);
    }

    /// Sets the largest file to open.
    pub fn set_max_bytes(&self, bytes: u64) {
        self.0.dispatch(Action::SetMaxBytes(bytes));
    }

    /// Switches to an opened dataset.
    pub fn use_dataset(&self, dataset: Handle, source: Source) {
        self.0.dispatch(Action::UseDataset(dataset, source));
    }

    /// Reports a refused file without touching the shown dataset.
    pub fn reject(&self, refusal: Refusal) {
        self.0.dispatch(Action::Reject(refusal));
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

    /// Renders the events of this window of the list for the filter of `query`.
    pub fn set_events_window(&self, window: Window, query: &str) {
        self.0.dispatch(Action::SetEventsWindow(window, query.to_string()));
    }

    /// Renders the people rows of this window.
    pub fn set_people_window(&self, window: Window) {
        self.0.dispatch(Action::SetPeopleWindow(window));
    }

    /// Renders the article rows of this window.
    pub fn set_articles_window(&self, window: Window) {
        self.0.dispatch(Action::SetArticlesWindow(window));
    }

    /// Shows this many claims of the filter of `query`.
    pub fn show_claims(&self, n: usize, query: &str) {
        self.0.dispatch(Action::ShowClaims(n, query.to_string()));
    }

    /// Shows this article in the reader.
    pub fn show_article(&self, id: String) {
        self.0.dispatch(Action::ShowArticle(id));
    }

    /// Remembers what is typed in the fact search while the filter is that of `query`
    /// (`None`: what the URL says).
    pub fn set_search_draft(&self, text: Option<String>, query: &str) {
        self.0.dispatch(Action::SetSearchDraft(text, query.to_string()));
    }

    /// Opens (or closes, with `None`) the list of facts the passage at an article offset supports.
    pub fn open_passage(&self, at: Option<(String, u32)>) {
        self.0.dispatch(Action::OpenPassage(at));
    }
}
