//! The full article. Mentions of the selected people are highlighted; the spans of the visible
//! facts can be highlighted too, and clicking one lists the facts it supports. "Show in article"
//! scrolls here and focuses the fact's first span.

use factline_core::reader::{Mark, MarkKind, Segment, paragraphs};
use factline_core::{EntityRef, Span};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::state::AppHandle;

/// The reader panel: `selected` are the selected persons' ids, `events` and `claims` the ids of
/// the facts in view. The app scrolls to the focused span (`focus-target`) after it renders.
pub fn article_reader(app: &AppHandle, selected: &[String], events: &[String], claims: &[String]) -> Html {
    let state = app.state();
    let catalog = &state.catalog;
    let focus = state.focus.clone();
    let spans_of = |id: &str| -> Vec<Span> {
        match catalog.lookup(id) {
            Some(EntityRef::Event(i)) => catalog.dataset().events[i].spans.clone(),
            Some(EntityRef::Claim(i)) => catalog.dataset().claims[i].spans.clone(),
            _ => Vec::new(),
        }
    };
    let focus_id = focus.as_ref().map(|f| f.fact_id.clone());
    let on_toggle = {
        let app = app.clone();
        Callback::from(move |e: Event| app.set_show_spans(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let articles = catalog.dataset().articles.iter().map(|article| {
        let mut marks: Vec<Mark> = Vec::new();
        for person in selected {
            for (start, end) in catalog.mentions(&article.id, person) {
                marks.push(Mark { start, end, kind: MarkKind::Mention, key: String::new() });
            }
        }
        let mut facts: Vec<String> = Vec::new();
        if state.show_spans {
            facts.extend(events.iter().cloned());
            facts.extend(claims.iter().cloned());
        }
        if let Some(f) = &focus_id {
            if !facts.contains(f) {
                facts.push(f.clone());
            }
        }
        for id in &facts {
            for span in spans_of(id).into_iter().filter(|s| s.article == article.id) {
                marks.push(Mark { start: span.start, end: span.end, kind: MarkKind::Span, key: id.clone() });
            }
        }
        let paragraphs = paragraphs(catalog, &article.id, &marks);
        // Focus goes to the fact's first listed span, its primary evidence, wherever it stands.
        let focus_start = focus_id
            .as_deref()
            .and_then(|f| spans_of(f).into_iter().find(|s| s.article == article.id))
            .map(|s| s.start);
        let rendered = paragraphs.iter().map(|segments| {
            let parts = segments.iter().map(|segment| {
                let focused = focus_id.as_ref().is_some_and(|f| segment.keys.contains(f));
                let id = (focused && Some(segment.start) == focus_start).then(|| "focus-target".to_string());
                render_segment(&article.id, segment, focused, id, app)
            });
            html! { <p>{ for parts }</p> }
        });
        html! {
            <article class="reader-text" lang={article.language.clone()} aria-label={article.title.clone()}>
                { for rendered }
            </article>
        }
    });
    html! {
        <>
            <h2 id="reader-heading">{ "The article" }</h2>
            <div class="reader-controls">
                <label class="check" for="show-spans">
                    <input id="show-spans" type="checkbox" checked={state.show_spans} onchange={on_toggle} />
                    <span>{ "Highlight the passages behind the facts in view" }</span>
                </label>
                if !selected.is_empty() {
                    <span><mark class="mention">{ "Name" }</mark>{ " = mention of a selected person" }</span>
                }
            </div>
            { passage(app) }
            { for articles }
        </>
    }
}

fn render_segment(article_id: &str, segment: &Segment, focused: bool, id: Option<String>, app: &AppHandle) -> Html {
    if segment.keys.is_empty() {
        return if segment.mention {
            html! { <mark class="mention">{ &segment.text }</mark> }
        } else {
            html! { { &segment.text } }
        };
    }
    // A <mark> with a button role, not a <button>: buttons cannot flow inline with the text.
    let at = (article_id.to_string(), segment.start);
    let onclick = {
        let (app, at) = (app.clone(), at.clone());
        Callback::from(move |_: MouseEvent| app.open_passage(Some(at.clone())))
    };
    let onkeydown = {
        let app = app.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                app.open_passage(Some(at.clone()));
            }
        })
    };
    let class = classes!("span-mark", segment.mention.then_some("mention"), focused.then_some("focused"));
    let n = segment.keys.len();
    let label = format!("{} — supports {n} fact{}; show which", segment.text, if n == 1 { "" } else { "s" });
    html! {
        <mark {id} class={class} role="button" tabindex="0" {onclick} {onkeydown} aria-label={label}>{ &segment.text }</mark>
    }
}

/// The facts a clicked passage supports.
fn passage(app: &AppHandle) -> Html {
    let state = app.state();
    let catalog = &state.catalog;
    let Some((article, at)) = state.open_passage.clone() else { return Html::default() };
    let covers = |spans: &[Span]| spans.iter().any(|s| s.article == article && s.start <= at && at < s.end);
    let events = catalog.dataset().events.iter().filter(|e| covers(&e.spans)).map(|e| e.id.clone());
    let claims = catalog.dataset().claims.iter().filter(|c| covers(&c.spans)).map(|c| c.id.clone());
    let keys: Vec<String> = events.chain(claims).collect();
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.open_passage(None))
    };
    html! {
        <div class="span-popover" role="region" aria-label="Facts this passage supports">
            <strong>{ "This passage supports:" }</strong>
            <ul>
                { for keys.iter().map(|id| {
                    let text = match catalog.lookup(id) {
                        Some(EntityRef::Event(_)) => catalog.event(id).map(|e| {
                            let derived = if e.event.derived.is_some() { " (derived)" } else { "" };
                            format!("{} — {}{derived}", factline_core::export::date_label(e.date), e.event.summary)
                        }),
                        Some(EntityRef::Claim(i)) => {
                            let c = &catalog.dataset().claims[i];
                            Some(format!("{}: {}", catalog.speaker_label(c), c.text))
                        }
                        _ => None,
                    };
                    let go = { let id = id.clone(); Callback::from(move |_| browser::scroll_to_and_focus(&format!("card-{id}"))) };
                    let is_event = matches!(catalog.lookup(id), Some(EntityRef::Event(_)));
                    html! {
                        <li>
                            { text.unwrap_or_default() }
                            if is_event { { " " } <button type="button" class="link" onclick={go}>{ "Go to the fact" }</button> }
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="link" onclick={close}>{ "Close" }</button>
        </div>
    }
}
