//! The articles of a corpus, each with its publisher, date and fact count: a checkbox per article
//! filters by source (`source=ID`), and one more keeps only facts that several articles tell.

use factline_core::view::ArticleRow;
use yew::prelude::*;

/// The articles of a corpus. `rows` are the rendered rows of the `total` articles (a long list is
/// rendered near where it is scrolled, with spacers for the rest); `selected` the ids of the
/// articles the source filter keeps; `min_sources` the corroboration filter (0 or 1: off);
/// `onsources` gets a new list of selected article ids, `oncorroborated` whether to keep only
/// facts told by two or more articles.
pub fn articles_list(
    rows: &[ArticleRow],
    total: usize,
    selected: &[String],
    min_sources: usize,
    onsources: &Callback<Vec<String>>,
    oncorroborated: &Callback<bool>,
) -> Html {
    let rendered = rows.iter().map(|article| {
        let onchange = {
            let (selected, id, cb) = (selected.to_vec(), article.id.clone(), onsources.clone());
            Callback::from(move |_: Event| {
                let mut next = selected.clone();
                if let Some(at) = next.iter().position(|s| *s == id) {
                    next.remove(at);
                } else {
                    next.push(id.clone());
                }
                cb.emit(next);
            })
        };
        let input_id = format!("source-{}", article.id);
        html! {
            <li class="article-row" key={article.id.clone()}>
                <label for={input_id.clone()}>
                    <input type="checkbox" id={input_id} data-article-id={article.id.clone()} checked={article.selected} {onchange} />
                    <span class="article-row-title">{ &article.title }</span>
                    <span class="person-count" aria-label={format!("{} facts", article.facts)}>{ article.facts }</span>
                    <span class="person-aliases">{ format!("{} · {}", article.publisher, article.published) }</span>
                </label>
            </li>
        }
    });
    let on_corroborated =
        oncorroborated.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    html! {
        <>
            // Like the people list: a long list scrolls in its own box, in rows of one height.
            <div id="articles-scroller" class={classes!("articles-scroller", factline_core::view::is_windowed(total).then_some("is-long"))}>
                <div id="articles-before" class="spacer" aria-hidden="true"></div>
                <ul class="people articles" aria-label={format!("Articles ({total})")}>{ for rendered }</ul>
                <div id="articles-after" class="spacer" aria-hidden="true"></div>
            </div>
            <label class="field check" for="corroborated">
                <input type="checkbox" id="corroborated" checked={min_sources >= 2} onchange={on_corroborated} />
                { " Only facts told by two or more articles" }
            </label>
        </>
    }
}
