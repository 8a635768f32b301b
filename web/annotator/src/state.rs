//! The annotator's UI state in one reducer: the draft being made (shared, so forms can ask it for
//! people and dates), the words selected, the open form, and what the page has to say.

use std::cell::RefCell;
use std::rc::Rc;

use factline_core::Span;
use factline_core::author::{Draft, OrphanSpan};
use yew::prelude::*;

use factline_browser::drafts::Saved;

/// The dataset being annotated.
#[derive(Clone)]
pub struct Work {
    /// Its key in the browser's storage.
    pub key: String,
    /// The draft; the reducer and the forms' save callbacks change it.
    pub draft: Rc<RefCell<Draft>>,
    /// Counts accepted changes, so views know the draft changed and storage knows to write.
    pub version: u64,
}

impl PartialEq for Work {
    fn eq(&self, other: &Work) -> bool {
        self.key == other.key && Rc::ptr_eq(&self.draft, &other.draft) && self.version == other.version
    }
}

/// A form the person has open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// A new person (`None`) or the person with this id.
    Person(Option<String>),
    /// A new event, or an existing one.
    Event(Option<String>),
    /// A new claim, or an existing one.
    Claim(Option<String>),
    /// The selection as one more span of an existing fact.
    Evidence,
}

impl Form {
    /// The id of the form's first field, which gets focus when it opens.
    pub fn first_field(&self) -> &'static str {
        match self {
            Form::Person(_) => "person-name",
            Form::Event(_) => "event-kind",
            Form::Claim(_) => "claim-speaker",
            Form::Evidence => "evidence-fact",
        }
    }

    /// The id of the control that opened the form, to return focus to.
    pub fn opener(&self) -> String {
        match self {
            Form::Person(None) => "add-person".into(),
            Form::Event(None) => "add-event".into(),
            Form::Claim(None) => "add-claim".into(),
            Form::Evidence => "add-evidence".into(),
            Form::Person(Some(id)) | Form::Event(Some(id)) | Form::Claim(Some(id)) => format!("edit-{id}"),
        }
    }
}

/// Everything the annotator shows that is not in the draft.
#[derive(Clone, Default, PartialEq)]
pub struct State {
    /// The dataset being annotated; `None` on the start screen.
    pub work: Option<Work>,
    /// The words selected (or typed), as a span of the article.
    pub selection: Option<Span>,
    /// Why the last selection or typed quote made no span.
    pub selection_error: Option<String>,
    /// The open form.
    pub form: Option<Form>,
    /// The last thing done, for the status line.
    pub message: String,
    /// Something refused (a deletion, a download), until dismissed.
    pub alert: Option<String>,
    /// Why the last save to the browser's storage failed; `None` once one works.
    pub storage_error: Option<String>,
    /// The datasets in progress, for the start screen.
    pub saved: Vec<Saved>,
    /// The spans the last new text could not place.
    pub orphans: Vec<OrphanSpan>,
    /// An element to focus once rendered.
    pub focus: Option<String>,
}

/// What can happen.
pub enum Action {
    /// A dataset was opened for annotation.
    Opened {
        /// Its key in storage.
        key: String,
        /// The draft (boxed: it is far larger than the other actions).
        draft: Box<Draft>,
        /// What to say.
        message: String,
    },
    /// The draft took an edit (already applied); the open form closes.
    Changed(String),
    /// A new text was taken; these spans lost their place.
    Reanchored(String, Vec<OrphanSpan>),
    /// The selection changed.
    Selected(Result<Span, String>),
    /// Opens a form.
    Open(Form),
    /// Closes the form without saving.
    Close,
    /// Takes back the last change.
    Undo,
    /// Makes it again.
    Redo,
    /// Shows or clears an alert.
    Alert(Option<String>),
    /// The result of saving to storage.
    Stored(Option<String>),
    /// The datasets in progress.
    Listed(Vec<Saved>),
    /// Back to the start screen.
    Leave,
    /// Focus was moved.
    Focused,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Opened { key, draft, message } => {
                next = State { saved: next.saved, ..State::default() };
                next.work = Some(Work { key, draft: Rc::new(RefCell::new(*draft)), version: 0 });
                next.message = message;
                next.focus = Some("article-heading".into());
            }
            Action::Changed(message) => {
                if let Some(work) = &mut next.work {
                    work.version += 1;
                }
                next.focus = next.form.take().map(|f| f.opener()).or(next.focus);
                next.message = message;
                next.alert = None;
            }
            Action::Reanchored(message, orphans) => {
                if let Some(work) = &mut next.work {
                    work.version += 1;
                }
                next.orphans = orphans;
                next.message = message;
            }
            Action::Selected(Ok(span)) => {
                next.selection = Some(span);
                next.selection_error = None;
            }
            Action::Selected(Err(why)) => next.selection_error = Some(why),
            Action::Open(form) => {
                next.focus = Some(form.first_field().into());
                next.form = Some(form);
            }
            Action::Close => next.focus = next.form.take().map(|f| f.opener()),
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let Some(work) = &mut next.work else { return self };
                let done = if undo { work.draft.borrow_mut().undo() } else { work.draft.borrow_mut().redo() };
                if !done {
                    return self;
                }
                work.version += 1;
                next.form = None;
                next.message = if undo { "Undone.".into() } else { "Redone.".into() };
                let orphans = work.draft.borrow().orphans();
                next.orphans = orphans;
            }
            Action::Alert(alert) => next.alert = alert,
            Action::Stored(error) => {
                if next.storage_error == error {
                    return self;
                }
                next.storage_error = error;
            }
            Action::Listed(saved) => next.saved = saved,
            Action::Leave => {
                next = State { saved: next.saved, ..State::default() };
                next.focus = Some("start-heading".into());
            }
            Action::Focused => {
                if next.focus.is_none() {
                    return self;
                }
                next.focus = None;
            }
        }
        Rc::new(next)
    }
}
