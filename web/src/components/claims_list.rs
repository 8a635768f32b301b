//! Who said what, to whom and when; direct and reported speech told apart.

use factline_core::view::{ClaimCard, MAX_WINDOW};
use yew::prelude::*;

/// The first claims in view, of `total`; `onshow` shows a claim's spans in the article, and
/// `onmore` asks for more of them.
pub fn claims_list(claims: &[ClaimCard], total: usize, onshow: &Callback<String>, onmore: &Callback<()>) -> Html {
    if claims.is_empty() {
        return html! { <p class="empty">{ "No claims match these filters." }</p> };
    }
    let more = onmore.reform(|_: MouseEvent| ());
    html! {
        <>
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
        if total > claims.len() {
            if claims.len() < MAX_WINDOW {
                <button type="button" id="more-claims" onclick={more}>{ format!("Show more claims ({} of {total} shown)", claims.len()) }</button>
            } else {
                // The engine sends at most this many at once.
                <p class="empty">{ format!("The first {} of {total} claims are shown; narrow the filters to see the others.", claims.len()) }</p>
            }
        }
        </>
    }
}
