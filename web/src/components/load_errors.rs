//! Why the last file was refused, every problem with its JSON path and position.

use yew::prelude::*;

use crate::state::Refusal;

/// The alert listing a refused file's problems; the shown dataset is unchanged.
pub fn load_errors(refusal: Option<&Refusal>, ondismiss: &Callback<()>) -> Html {
    let Some(refusal) = refusal else { return Html::default() };
    let dismiss = ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="alert" role="alert">
            <h2>{ format!("“{}” was not loaded", refusal.file) }</h2>
            <p>{ format!("{} found; the current dataset is still shown.", refusal.count) }</p>
            <ol>{ for refusal.problems.iter().map(|e| html! { <li><code>{ e }</code></li> }) }</ol>
            if let Some(note) = &refusal.note {
                <p>{ note }</p>
            }
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
