//! Who said what, to whom and when; direct and reported speech told apart.

use factline_core::view::ClaimCard;
use yew::prelude::*;

/// The claims in view; `onshow` shows a claim's spans in the article.
pub fn claims_list(claims: &[ClaimCard], onshow: &Callback<String>) -> Html {
    if claims.is_empty() {
        return html! { <p class="empty">{ "No claims match these filters." }</p> };
    }
    html! {
        <ul class="claims">
            { for claims.iter().map(|claim| {
                let show = { let (cb, id) = (onshow.clone(), claim.id.clone()); Callback::from(move |_: MouseEvent| cb.emit(id.clone())) };
                html! {
                    <li class="claim" key={claim.id.clone()} data-claim-id={claim.id.clone()}>
                        <div class="claim-head">
                            <span class="speaker">{ &claim.speaker }</span>
                            if claim.direct {
                                <span class="badge direct">{ "Direct" }</span>
                            } else {
                                <span class="badge reported">{ "Reported" }</span>
                            }
                            <span class="claim-meta">{ &claim.when }</span>
                        </div>
                        <p class="claim-text">{ &claim.text }</p>
                        <p class="claim-meta">
                            if let Some(audience) = &claim.said_to { { format!("Said to {audience}. ") } }
                            if !claim.about.is_empty() { { format!("About: {}", claim.about.join("; ")) } }
                        </p>
                        <button type="button" class="link" onclick={show}>{ "Show in article" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}
