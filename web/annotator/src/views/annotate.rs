//! The annotating screen: the article as the reader shows it (one `<p>` per paragraph, the words of
//! facts marked), what the selected words can become, the open form, the facts made, and the work's
//! tools: undo, redo, downloads, a corrected text.

use factline_browser::drafts;
use factline_core::author::{Download, Edit, QuoteInput, SpanSlot};
use factline_core::format::tables::Table;
use factline_core::view::reader::{Mark, MarkKind, paragraphs};
use factline_core::{Limits, Span, TextPart};
use yew::prelude::*;

use crate::browser;
use crate::components::claim_form::ClaimForm;
use crate::components::event_form::EventForm;
use crate::components::evidence_form::EvidenceForm;
use crate::components::facts_list::facts_list;
use crate::components::person_form::PersonForm;
use crate::components::{OnSave, on_text};
use crate::state::{Action, Form, State, Work};

/// What the annotating screen shows and changes.
#[derive(Properties, PartialEq)]
pub struct AnnotateProps {
    /// The state; the screen dispatches its actions.
    pub state: UseReducerHandle<State>,
    /// Saves an edit through the draft.
    pub onsave: OnSave,
}

/// The body spans of every fact, in one article, as reader marks: every place core says a span
/// sits (people, their affiliations, organizations, events, claims and their dates).
fn marks(work: &Work, article: &str) -> Vec<Mark> {
    let draft = work.draft.borrow();
    let d = draft.dataset();
    d.span_sites()
        .into_iter()
        .filter_map(|site| site.get(d))
        .filter(|s| s.article == article && s.part == TextPart::Body)
        .filter_map(|s| s.range())
        .map(|(start, end)| Mark { start, end, kind: MarkKind::Span(0) })
        .collect()
}

/// The articles as paragraphs of marked segments.
fn reader(work: &Work) -> Html {
    let draft = work.draft.borrow();
    let articles = &draft.dataset().articles;
    html! {
        <div id="article-text" class="article-text">
            { for articles.iter().map(|article| {
                let segments = paragraphs(article, &marks(work, &article.id), None, None);
                html! {
                    <article data-article={article.id.clone()} lang={article.language.clone()} aria-labelledby={format!("title-{}", article.id)}>
                        <h2 id={format!("title-{}", article.id)} class="article-title">{ &article.title }</h2>
                        <p class="article-meta">{ format!("{}, {}", article.publisher, article.published) }</p>
                        { for segments.iter().enumerate().map(|(i, paragraph)| html! {
                            <p data-paragraph={i.to_string()}>
                                { for paragraph.iter().map(|s| if s.facts > 0 {
                                    html! { <mark class="span">{ &s.text }</mark> }
                                } else {
                                    html! { <>{ &s.text }</> }
                                }) }
                            </p>
                        }) }
                    </article>
                }
            }) }
        </div>
    }
}

/// The first article's text as it would be pasted: paragraphs separated by blank lines.
fn pasted_text(work: &Work) -> String {
    work.draft.borrow().dataset().articles.first().map(|a| a.paragraphs.join("\n\n")).unwrap_or_default()
}

/// The annotating screen.
#[function_component(Annotate)]
pub fn annotate(props: &AnnotateProps) -> Html {
    let quote = use_state(String::new);
    let prefix = use_state(String::new);
    let suffix = use_state(String::new);
    let corrected = use_state(|| None::<String>);
    let state = &props.state;
    let Some(work) = state.work.clone() else { return Html::default() };
    let dispatcher = state.dispatcher();

    let open = |form: Form| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Open(form.clone())))
    };
    let oncancel = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::Close))
    };
    let onedit = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |form: Form| dispatcher.dispatch(Action::Open(form)))
    };
    let ondelete = {
        let (dispatcher, work) = (dispatcher.clone(), work.clone());
        Callback::from(move |id: String| {
            let result = work.draft.borrow_mut().apply(Edit::Delete { id: id.clone() });
            match result {
                Ok(_) => dispatcher.dispatch(Action::Changed(format!("Deleted {id}. Undo brings it back."))),
                Err(p) => dispatcher.dispatch(Action::Alert(Some(
                    p.problems.first().map_or_else(|| p.to_string(), |f| f.message.clone()),
                ))),
            }
        })
    };
    let on_quote = {
        let (dispatcher, work, quote, prefix, suffix) =
            (dispatcher.clone(), work.clone(), quote.clone(), prefix.clone(), suffix.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let given = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
            let input = QuoteInput { exact: (*quote).clone(), prefix: given(&prefix), suffix: given(&suffix) };
            let draft = work.draft.borrow();
            let mut result = Err("the article has no text".to_string());
            for article in &draft.dataset().articles {
                result = draft.span_from_quote(&article.id, &input).map_err(|e| e.message);
                if result.is_ok() {
                    break;
                }
            }
            drop(draft);
            dispatcher.dispatch(Action::Selected(result));
        })
    };
    let download = {
        let (dispatcher, work) = (dispatcher.clone(), work.clone());
        move |what: Download| {
            let (dispatcher, work) = (dispatcher.clone(), work.clone());
            Callback::from(move |_: MouseEvent| {
                let made = work.draft.borrow().download(what, &Limits::default());
                match made {
                    Ok(file) => {
                        browser::download(&file.name, file.media_type, &file.body);
                        dispatcher.dispatch(Action::Alert(None));
                    }
                    Err(e) => dispatcher.dispatch(Action::Alert(Some(e.to_string()))),
                }
            })
        }
    };
    let on_reanchor = {
        let (dispatcher, work, corrected) = (dispatcher.clone(), work.clone(), corrected.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(text) = (*corrected).clone() else { return };
            let article = work.draft.borrow().dataset().articles.first().map(|a| a.id.clone()).unwrap_or_default();
            let result = work.draft.borrow_mut().apply(Edit::SetText { article, text });
            match result {
                Ok(applied) => {
                    let message = format!(
                        "The text was replaced: {} span(s) moved, {} lost their place.",
                        applied.moved,
                        applied.orphans.len()
                    );
                    corrected.set(None);
                    dispatcher.dispatch(Action::Reanchored(message, applied.orphans));
                }
                Err(p) => dispatcher.dispatch(Action::Alert(Some(p.to_string()))),
            }
        })
    };
    let orphan_action = |id: String, slot: SpanSlot, span: Option<Span>| {
        let (dispatcher, work) = (dispatcher.clone(), work.clone());
        Callback::from(move |_: MouseEvent| {
            let edit = match &span {
                Some(span) => Edit::ReplaceEvidence { id: id.clone(), slot, span: span.clone() },
                None => Edit::RemoveEvidence { id: id.clone(), slot },
            };
            let result = work.draft.borrow_mut().apply(edit);
            match result {
                Ok(_) => {
                    let orphans = work.draft.borrow().orphans();
                    dispatcher.dispatch(Action::Reanchored(format!("The span of {id} was settled."), orphans));
                }
                Err(p) => dispatcher.dispatch(Action::Alert(Some(p.to_string()))),
            }
        })
    };
    let undo = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Undo))
    };
    let redo = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Redo))
    };
    let leave = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            browser::set_key_in_address(None);
            dispatcher.dispatch(Action::Leave);
        })
    };
    let dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Alert(None)))
    };

    let (can_undo, can_redo, has_facts) = {
        let draft = work.draft.borrow();
        let d = draft.dataset();
        (draft.can_undo(), draft.can_redo(), !(d.persons.is_empty() && d.events.is_empty() && d.claims.is_empty()))
    };
    let selection = state.selection.clone();
    let no_selection = selection.is_none();
    let form = match &state.form {
        None => Html::default(),
        Some(Form::Person(editing)) => html! {
            <PersonForm key={format!("person-{editing:?}")} work={work.clone()} span={selection.clone()} editing={editing.clone()} onsave={props.onsave.clone()} oncancel={oncancel.clone()} />
        },
        Some(Form::Event(editing)) => html! {
            <EventForm key={format!("event-{editing:?}")} work={work.clone()} span={selection.clone()} editing={editing.clone()} onsave={props.onsave.clone()} oncancel={oncancel.clone()} />
        },
        Some(Form::Claim(editing)) => html! {
            <ClaimForm key={format!("claim-{editing:?}")} work={work.clone()} span={selection.clone()} editing={editing.clone()} onsave={props.onsave.clone()} oncancel={oncancel.clone()} />
        },
        Some(Form::Evidence) => match &selection {
            Some(span) => html! {
                <EvidenceForm work={work.clone()} span={span.clone()} onsave={props.onsave.clone()} oncancel={oncancel.clone()} />
            },
            None => Html::default(),
        },
    };
    let title = work.draft.borrow().dataset().articles.first().map(|a| a.title.clone()).unwrap_or_default();
    let orphans = work.draft.borrow().orphans();
    html! {
        <>
            <header class="annotator-header">
                <h1 id="article-heading" tabindex="-1">{ format!("Annotating: {title}") }</h1>
                <div class="annotator-tools" role="toolbar" aria-label="Dataset tools">
                    <button type="button" id="undo" onclick={undo} disabled={!can_undo} aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                    <button type="button" id="redo" onclick={redo} disabled={!can_redo} aria-keyshortcuts="Control+Shift+Z">{ "Redo" }</button>
                    <button type="button" id="download-dataset" class="primary" onclick={download(Download::Dataset)}>{ "Download dataset" }</button>
                    <details class="exports">
                        <summary>{ "Other downloads" }</summary>
                        <div class="exports-menu">
                            <button type="button" onclick={download(Download::Table(Table::Persons))} disabled={!has_facts}>{ "People table (CSV)" }</button>
                            <button type="button" onclick={download(Download::Table(Table::Events))} disabled={!has_facts}>{ "Events table (CSV)" }</button>
                            <button type="button" onclick={download(Download::Table(Table::Claims))} disabled={!has_facts}>{ "Claims table (CSV)" }</button>
                            <button type="button" onclick={download(Download::Annotations)} disabled={!has_facts}>{ "Web Annotations (JSON-LD)" }</button>
                        </div>
                    </details>
                    // A second tab follows every saved change with the viewer's filters, timeline and person cards.
                    <a class="button" href={format!("../{}", drafts::naming(drafts::SHOWN, &work.key))} target="_blank" rel="noopener">
                        { "Open in the viewer" }
                    </a>
                    <button type="button" onclick={leave}>{ "All datasets" }</button>
                </div>
                <p class="status" role="status" aria-live="polite">{ &state.message }</p>
            </header>
            if let Some(error) = &state.storage_error {
                <div class="alert" role="alert">
                    <p>{ format!("Your work could not be saved in this browser's storage: {error}. It is still here in this page; download it to keep it.") }</p>
                    <button type="button" onclick={download(Download::Dataset)}>{ "Download dataset now" }</button>
                </div>
            }
            if let Some(alert) = &state.alert {
                <div class="alert" role="alert">
                    <p>{ alert }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <main class="annotator">
                <section class="panel reader" aria-label="Article">
                    <p class="hint">{ "Select words with the mouse or by touch, then say what they are evidence of." }</p>
                    { reader(&work) }
                </section>
                <div class="side">
                    <section class="panel selection-actions" aria-labelledby="selection-heading">
                        <h2 id="selection-heading">{ "Selected words" }</h2>
                        <p class="selected-quote" aria-live="polite">
                            { match &selection { Some(s) => format!("“{}”", s.exact), None => "Nothing selected yet.".to_string() } }
                        </p>
                        if let Some(error) = &state.selection_error { <p class="field-error">{ error }</p> }
                        <div class="action-buttons">
                            <button type="button" id="add-person" onclick={open(Form::Person(None))} disabled={no_selection}>{ "Add person" }</button>
                            <button type="button" id="add-event" onclick={open(Form::Event(None))} disabled={no_selection}>{ "Add event" }</button>
                            <button type="button" id="add-claim" onclick={open(Form::Claim(None))} disabled={no_selection}>{ "Add claim" }</button>
                            <button type="button" id="add-evidence" onclick={open(Form::Evidence)} disabled={no_selection || !has_facts}>{ "Add evidence" }</button>
                        </div>
                        <details class="quote-entry">
                            <summary>{ "Type or paste the words instead" }</summary>
                            <form onsubmit={on_quote} novalidate=true>
                                <div class="field">
                                    <label for="quote-exact">{ "Quote" }</label>
                                    <input id="quote-exact" type="text" value={(*quote).clone()} oninput={on_text(&quote)} />
                                </div>
                                <div class="field-row">
                                    <div class="field">
                                        <label for="quote-prefix">{ "Words just before (if it occurs twice)" }</label>
                                        <input id="quote-prefix" type="text" value={(*prefix).clone()} oninput={on_text(&prefix)} />
                                    </div>
                                    <div class="field">
                                        <label for="quote-suffix">{ "Words just after" }</label>
                                        <input id="quote-suffix" type="text" value={(*suffix).clone()} oninput={on_text(&suffix)} />
                                    </div>
                                </div>
                                <button type="submit">{ "Use these words" }</button>
                            </form>
                        </details>
                    </section>
                    if state.form.is_some() {
                        <section class="panel form-panel">{ form }</section>
                    }
                    { facts_list(&work, &onedit, &ondelete) }
                    if !orphans.is_empty() {
                        <section class="panel orphans" aria-labelledby="orphans-heading">
                            <h2 id="orphans-heading">{ format!("Spans to select again ({})", orphans.len()) }</h2>
                            <ul>
                                { for orphans.iter().map(|o| html! {
                                    <li>
                                        <p>{ format!("{}: “{}” — {}", o.fact, o.exact, o.reason) }</p>
                                        <button type="button" onclick={orphan_action(o.fact.id.clone(), o.slot, selection.clone())} disabled={no_selection}>
                                            { format!("Use the selected words for {}", o.fact.id) }
                                        </button>
                                        <button type="button" class="link" onclick={orphan_action(o.fact.id.clone(), o.slot, None)}>
                                            { format!("Remove this span of {}", o.fact.id) }
                                        </button>
                                    </li>
                                }) }
                            </ul>
                        </section>
                    }
                    <details class="panel correct-text">
                        <summary>{ "Correct the article's text" }</summary>
                        <form onsubmit={on_reanchor} novalidate=true>
                            <div class="field">
                                <label for="corrected-text">{ "Corrected text" }</label>
                                <textarea id="corrected-text" rows="8" aria-describedby="corrected-text-hint"
                                    value={(*corrected).clone().unwrap_or_else(|| pasted_text(&work))}
                                    oninput={{ let corrected = corrected.clone(); Callback::from(move |e: InputEvent| {
                                        if let Some(t) = e.target() { corrected.set(Some(wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlTextAreaElement>(t).value())); }
                                    }) }} />
                                <p class="hint" id="corrected-text-hint">{ "Every span is placed again in the new text, as factline reanchor does; the ones that no longer fit are listed to select again." }</p>
                            </div>
                            <button type="submit" disabled={corrected.is_none()}>{ "Re-anchor" }</button>
                        </form>
                    </details>
                    if !state.orphans.is_empty() && orphans.is_empty() {
                        <p class="hint">{ "Every span has its place again." }</p>
                    }
                </div>
            </main>
        </>
    }
}
