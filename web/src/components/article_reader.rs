//! The full article. Mentions of the selected people are highlighted; the spans of the facts in
//! view can be highlighted too, and clicking one lists the facts it supports. "Show in article"
//! scrolls here and focuses the fact's first span.

use factline_core::view::{FactAt, Reader, Segment};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The reader panel. `show_spans` says whether spans are highlighted and `ontoggle` changes it;
/// `onpassage` opens (or, with `None`, closes) the list of facts a passage supports, and `ongo`
/// goes to one of its events' cards (its id and place in the list); `onarticle` switches the
/// article shown, for a corpus. The app scrolls to the focused span (`focus-target`) after it
/// renders.
pub fn article_reader(
    reader: &Reader,
    show_spans: bool,
    ontoggle: &Callback<bool>,
    onpassage: &Callback<Option<(String, u32)>>,
    ongo: &Callback<(String, usize)>,
    onarticle: &Callback<String>,
) -> Html {
    let on_toggle = ontoggle.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let on_article = onarticle.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let shown = reader.articles.first().map(|a| a.id.clone()).unwrap_or_default();
    let articles = reader.articles.iter().map(|article| {
        let rendered = article.paragraphs.iter().map(|segments| {
            html! { <p>{ for segments.iter().map(|segment| render_segment(&article.id, segment, onpassage)) }</p> }
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
            if !reader.choices.is_empty() {
                <label class="field" for="reader-article">
                    <span class="field-label">{ format!("Article shown ({} in all)", reader.choices.len()) }</span>
                    <select id="reader-article" onchange={on_article}>
                        { for reader.choices.iter().map(|c| html! {
                            <option value={c.id.clone()} selected={c.id == shown}>{ &c.title }</option>
                        }) }
                    </select>
                </label>
            }
            <div class="reader-controls">
                <label class="check" for="show-spans">
                    <input id="show-spans" type="checkbox" checked={show_spans} onchange={on_toggle} />
                    <span>{ "Highlight the passages behind the facts in view" }</span>
                </label>
                if reader.mentions {
                    <span><mark class="mention">{ "Name" }</mark>{ " = mention of a selected person" }</span>
                }
            </div>
            if let Some(facts) = &reader.passage {
                { passage(facts, onpassage, ongo) }
            }
            { for articles }
        </>
    }
}

fn render_segment(article_id: &str, segment: &Segment, onpassage: &Callback<Option<(String, u32)>>) -> Html {
    if segment.facts == 0 {
        return match (segment.mention, segment.hit) {
            (_, true) => {
                html! { <mark class={classes!("hit", segment.mention.then_some("mention"))}>{ &segment.text }</mark> }
            }
            (true, false) => html! { <mark class="mention">{ &segment.text }</mark> },
            (false, false) => html! { { &segment.text } },
        };
    }
    // A <mark> with a button role, not a <button>: buttons cannot flow inline with the text.
    let at = (article_id.to_string(), segment.start);
    let onclick = {
        let (cb, at) = (onpassage.clone(), at.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Some(at.clone())))
    };
    let onkeydown = {
        let cb = onpassage.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                cb.emit(Some(at.clone()));
            }
        })
    };
    let id = segment.focus_target.then(|| "focus-target".to_string());
    let class = classes!(
        "span-mark",
        segment.mention.then_some("mention"),
        segment.hit.then_some("hit"),
        segment.focused.then_some("focused")
    );
    let n = segment.facts;
    let label = format!("{} — supports {n} fact{}; show which", segment.text, if n == 1 { "" } else { "s" });
    html! {
        <mark {id} class={class} role="button" tabindex="0" {onclick} {onkeydown} aria-label={label}>{ &segment.text }</mark>
    }
}

/// The facts a clicked passage supports.
fn passage(facts: &[FactAt], onpassage: &Callback<Option<(String, u32)>>, ongo: &Callback<(String, usize)>) -> Html {
    let close = onpassage.reform(|_: MouseEvent| None);
    html! {
        <div class="span-popover" id="passage-facts" tabindex="-1" role="region" aria-label="Facts this passage supports">
            <strong>{ "This passage supports:" }</strong>
            <ul>
                { for facts.iter().map(|fact| html! {
                    <li>
                        { &fact.text }
                        if let Some(position) = fact.position {
                            { " " }
                            <button type="button" class="link" onclick={ongo.reform({ let id = fact.id.clone(); move |_: MouseEvent| (id.clone(), position) })}>
                                { "Go to the fact" }
                            </button>
                        } else if fact.is_event {
                            <span class="help">{ " (not among the events these filters keep)" }</span>
                        }
                    </li>
                }) }
            </ul>
            <button type="button" class="link" onclick={close}>{ "Close" }</button>
        </div>
    }
}
