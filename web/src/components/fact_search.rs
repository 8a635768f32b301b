//! The search over the facts' own words (the `q` filter): the browser's find-in-page cannot see
//! the events a long list does not render, so this is how a reader finds words in all of them.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A search field showing `draft` (what is typed, not yet searched) or else `applied` (the URL's
/// `q`). Typing calls `ondraft`; Enter, or clearing the field, calls `onsearch` with the text.
pub fn fact_search(
    applied: &str,
    draft: Option<&str>,
    ondraft: &Callback<String>,
    onsearch: &Callback<String>,
) -> Html {
    let value = draft.unwrap_or(applied).to_string();
    let oninput = {
        let (ondraft, onsearch) = (ondraft.clone(), onsearch.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            // Clearing the field (its × or the last Backspace) drops the search at once.
            if text.is_empty() { onsearch.emit(text) } else { ondraft.emit(text) }
        })
    };
    let onsubmit = {
        let (onsearch, value) = (onsearch.clone(), value.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            onsearch.emit(value.clone());
        })
    };
    html! {
        <form class="fact-search" role="search" {onsubmit}>
            // The label names the field alone; around the button too, it would add "Search".
            <div class="field">
                <label class="field-label" for="search-facts">{ "Search the facts" }</label>
                <span class="fact-search-row">
                    <input id="search-facts" type="search" placeholder="Words in a summary, quote or claim"
                        value={value} {oninput} autocomplete="off" enterkeyhint="search" />
                    <button type="submit">{ "Search" }</button>
                </span>
            </div>
        </form>
    }
}
