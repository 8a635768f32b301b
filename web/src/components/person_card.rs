//! Shown when exactly one person is selected: who they are, their aliases with sources, their
//! claims, and their status on a chosen day.

use factline_core::view::PersonCard;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The card; `onday` gets the day the reader picks for the status.
pub fn person_card(card: &PersonCard, onday: &Callback<String>) -> Html {
    let on_day = onday.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <section class="panel person-card" aria-labelledby="person-card-name">
            <h2 id="person-card-name">{ &card.name }</h2>
            if let Some(kind) = &card.kind_note { <p class="help">{ kind }</p> }
            if let Some(description) = &card.description { <p>{ description }</p> }
            <dl>
                if let Some(roles) = &card.roles {
                    <dt>{ "Role" }</dt><dd>{ roles }</dd>
                }
                if let Some(affiliations) = &card.affiliations {
                    <dt>{ "Affiliation" }</dt><dd>{ affiliations }</dd>
                }
                if let Some(members) = &card.members {
                    <dt>{ "Members" }</dt><dd>{ members }</dd>
                }
                if !card.aliases.is_empty() {
                    <dt>{ "Also written" }</dt>
                    <dd>
                        <ul class="aliases">
                            { for card.aliases.iter().map(|a| html! {
                                <li>
                                    <strong>{ &a.name }</strong>
                                    { " — " }
                                    if let Some(href) = &a.href {
                                        <a href={href.clone()} rel="noopener noreferrer">{ &a.source }</a>
                                    } else {
                                        { &a.source }
                                    }
                                </li>
                            }) }
                        </ul>
                    </dd>
                }
            </dl>
            <div class="status-line">
                <label class="field" for="status-day">
                    <span class="field-label">{ "Status on" }</span>
                    <input id="status-day" type="date" value={card.status_day.clone()} onchange={on_day} />
                </label>
                <p class="status-value" aria-live="polite">{ &card.status }</p>
            </div>
            if let Some(undated) = &card.undated {
                <p class="help">{ undated }</p>
            }
            if !card.claims.is_empty() {
                <h3 class="section-title">{ "Their words, and words about them" }</h3>
                <ul class="claims">
                    { for card.claims.iter().map(|c| html! {
                        <li class="claim">
                            <span class="speaker">{ &c.speaker }</span>
                            { if c.direct { " (direct): " } else { " (reported): " } }
                            { &c.text }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
