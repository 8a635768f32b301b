//! Who said what, to whom and when; direct and reported speech told apart.

use yew::prelude::*;

use crate::state::AppHandle;

/// The claims with these ids, in this order: the same filters as the events.
pub fn claims_list(app: &AppHandle, ids: &[String]) -> Html {
    let catalog = &app.state().catalog;
    if ids.is_empty() {
        return html! { <p class="empty">{ "No claims match these filters." }</p> };
    }
    let claims = catalog.all_claims();
    html! {
        <ul class="claims">
            { for ids.iter().filter_map(|id| claims.iter().find(|c| &c.claim.id == id)).map(|c| {
                let claim = c.claim;
                let when = factline_core::export::date_label(c.date);
                let onshow = { let (app, id) = (app.clone(), claim.id.clone()); Callback::from(move |_| app.show_in_article(&id)) };
                let about: Vec<&str> = claim.about.iter().map(|id| catalog.name_of(id)).collect();
                html! {
                    <li class="claim" key={claim.id.clone()} data-claim-id={claim.id.clone()}>
                        <div class="claim-head">
                            <span class="speaker">{ catalog.speaker_label(claim) }</span>
                            if claim.direct {
                                <span class="badge direct">{ "Direct" }</span>
                            } else {
                                <span class="badge reported">{ "Reported" }</span>
                            }
                            <span class="claim-meta">{ when }</span>
                        </div>
                        <p class="claim-text">
                            if claim.direct { { format!("“{}”", claim.text.trim_end_matches(',')) } } else { { &claim.text } }
                        </p>
                        <p class="claim-meta">
                            if let Some(audience) = &claim.audience { { format!("Said to {}. ", catalog.name_of(audience)) } }
                            if !about.is_empty() { { format!("About {}.", about.join(", ")) } }
                        </p>
                        <button type="button" class="link" onclick={onshow}>{ "Show in article" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}
