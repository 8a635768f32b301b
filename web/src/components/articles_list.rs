//! The articles of a corpus, each with its publisher, date and fact count: a checkbox per article
//! filters by source (`source=ID`), and one more keeps only facts that several articles tell.

use factline_core::view::ArticleRow;
use yew::prelude::*;

/// The articles of a corpus. `min_sources` is the corroboration filter (0 or 1: off);
/// `onsources` gets a new list of selected article ids, `oncorroborated` whether to keep only
/// facts told by two or more articles.
pub fn articles_list(
    articles: &[ArticleRow],
    min_sources: usize,
    onsources: &Callback<Vec<String>>,
    oncorroborated: &Callback<bool>,
) -> Html {
    let selected: Vec<String> = articles.iter().filter(|a| a.selected).map(|a| a.id.clone()).collect();
    let rows = articles.iter().map(|article| {
        let onchange = {
            let (selected, id, cb) = (selected.clone(), article.id.clone(), onsources.clone());
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
            <ul class="people articles" aria-label={format!("Articles ({})", articles.len())}>{ for rows }</ul>
            <label class="field check" for="corroborated">
                <input type="checkbox" id="corroborated" checked={min_sources >= 2} onchange={on_corroborated} />
                { " Only facts told by two or more articles" }
            </label>
        </>
    }
}
