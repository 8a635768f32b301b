//! Parts of the link that could not be used, shown rather than silently dropped.

use yew::prelude::*;

/// A polite notice listing what the URL asked for that the page ignored: one sentence per ignored
/// parameter or unknown person.
pub fn notices(notices: &[String]) -> Html {
    if notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="notice" aria-live="polite">
            <strong>{ "Some of this link's filters were ignored:" }</strong>
            <ul>{ for notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
        </div>
    }
}
