//! Shown when exactly one person is selected: who they are, their aliases with sources, their
//! claims, and their status on a chosen day.

use factline_core::{AliasSource, Day, PersonKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::safe_href;
use crate::state::AppHandle;

/// The card for person `person_id`, with the claims among `claims` (the ids in view) that are by
/// or about them.
pub fn person_card(app: &AppHandle, person_id: &str, claims: &[String]) -> Html {
    let catalog = &app.state().catalog;
    let published = catalog.dataset().articles.first().map(|a| a.published.as_str()).unwrap_or_default();
    let day_text = app.state().status_day.as_deref().unwrap_or(published);
    let Some(person) = catalog.person(person_id) else { return Html::default() };
    let day = Day::parse_iso(day_text);
    let status = day.and_then(|d| catalog.status_on(&person.id, d));
    let undated: Vec<&str> = catalog.undated_status_events(&person.id).iter().map(|e| e.event.kind.label()).collect();
    let on_day = {
        let app = app.clone();
        Callback::from(move |e: Event| app.set_status_day(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let kind = match person.kind {
        PersonKind::Named => None,
        PersonKind::Unnamed => Some("Not named in the article"),
        PersonKind::Group => Some("A group the article names as one"),
    };
    let all_claims = catalog.all_claims();
    let own: Vec<_> = all_claims.iter().filter(|c| claims.contains(&c.claim.id)).collect();
    html! {
        <section class="panel person-card" aria-labelledby="person-card-name">
            <h2 id="person-card-name">{ &person.name }</h2>
            if let Some(kind) = kind { <p class="help">{ kind }</p> }
            if let Some(description) = &person.description { <p>{ description }</p> }
            <dl>
                if !person.roles.is_empty() {
                    <dt>{ "Role" }</dt><dd>{ person.roles.join(", ") }</dd>
                }
                if !person.affiliations.is_empty() {
                    <dt>{ "Affiliation" }</dt>
                    <dd>{ person.affiliations.iter().map(|a| match &a.role {
                        Some(role) => format!("{role}, {}", catalog.name_of(&a.organization)),
                        None => catalog.name_of(&a.organization).to_string(),
                    }).collect::<Vec<_>>().join("; ") }</dd>
                }
                if !person.members.is_empty() {
                    <dt>{ "Members" }</dt>
                    <dd>{ person.members.iter().map(|m| catalog.name_of(m)).collect::<Vec<_>>().join(", ") }</dd>
                }
                if !person.aliases.is_empty() {
                    <dt>{ "Also written" }</dt>
                    <dd>
                        <ul class="aliases">
                            { for person.aliases.iter().map(|a| html! {
                                <li>
                                    <strong>{ &a.name }</strong>
                                    { " — " }
                                    { match &a.source {
                                        AliasSource::Article { .. } => html! { { "in this article" } },
                                        AliasSource::Report { title, publisher, date, url } => {
                                            let text = format!("{publisher}, “{title}”, {date}");
                                            match url.as_deref().and_then(safe_href) {
                                                Some(href) => html! { <a href={href} rel="noopener noreferrer">{ text }</a> },
                                                None => html! { { text } },
                                            }
                                        }
                                    } }
                                </li>
                            }) }
                        </ul>
                    </dd>
                }
            </dl>
            <div class="status-line">
                <label class="field" for="status-day">
                    <span class="field-label">{ "Status on" }</span>
                    <input id="status-day" type="date" value={day_text.to_string()} onchange={on_day} />
                </label>
                <p class="status-value" aria-live="polite">
                    { match (&status, day) {
                        (_, None) => "Pick a day.".to_string(),
                        (Some(s), _) => s.label.clone(),
                        (None, Some(_)) => "No change of status (detention, conviction, release, refugee status, asylum, relocation) that the article dates by then.".to_string(),
                    } }
                </p>
            </div>
            if !undated.is_empty() {
                <p class="help">{ format!("Changes of status the article does not date: {}.", undated.join("; ")) }</p>
            }
            if !own.is_empty() {
                <h3 class="section-title">{ "Their words, and words about them" }</h3>
                <ul class="claims">
                    { for own.iter().map(|c| html! {
                        <li class="claim">
                            <span class="speaker">{ catalog.speaker_label(c.claim) }</span>
                            { if c.claim.direct { " (direct): " } else { " (reported): " } }
                            { &c.claim.text }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
