//! Why the last file was refused, every problem with its JSON path.

use yew::prelude::*;

use crate::state::AppHandle;

/// The alert listing a refused file's problems; the loaded dataset is unchanged.
pub fn load_errors(app: &AppHandle) -> Html {
    let state = app.state();
    if state.load_errors.is_empty() {
        return Html::default();
    }
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dismiss_errors())
    };
    let file = state.rejected_file.clone().unwrap_or_default();
    html! {
        <div class="alert" role="alert">
            <h2>{ format!("“{file}” was not loaded") }</h2>
            <p>{ format!("{} problem{} found; the current dataset is still shown.", state.load_errors.len(), if state.load_errors.len() == 1 { "" } else { "s" }) }</p>
            <ol>{ for state.load_errors.iter().map(|e| html! { <li><code>{ e }</code></li> }) }</ol>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
