//! Parts of the link that could not be used, shown rather than silently dropped.

use yew::prelude::*;

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// One sentence per ignored parameter or unknown person.
    pub notices: Vec<String>,
}

/// A polite notice listing what the URL asked for that the page ignored.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="notice" aria-live="polite">
            <strong>{ "Some of this link's filters were ignored:" }</strong>
            <ul>{ for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
        </div>
    }
}
