//! The article's title, byline and link to the original.

use yew::prelude::*;

use crate::components::safe_href;
use crate::state::{AppHandle, Source};

/// Masthead with the (first) article's title, publisher, author, date and original link.
pub fn article_header(app: &AppHandle) -> Html {
    let state = app.state();
    let Some(article) = state.catalog.dataset().articles.first() else { return Html::default() };
    let published = factline_core::Day::parse_iso(&article.published)
        .and_then(|d| factline_core::Edtf::parse(&d.to_string()).ok())
        .map_or_else(|| article.published.clone(), |d| d.describe());
    let source = match &state.source {
        Source::Builtin => None,
        Source::File { name } => Some(name.clone()),
    };
    html! {
        <header class="masthead">
            <div class="masthead-inner">
                <p class="brand">
                    <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="6" fill="currentColor" /></svg>
                    { "Factline" }
                    if let Some(name) = source {
                        <span class="tag">{ format!("your file: {name}") }</span>
                    }
                </p>
                <h1 class="article-title">{ &article.title }</h1>
                if let Some(subtitle) = &article.subtitle {
                    <p class="article-subtitle">{ subtitle }</p>
                }
                <p class="article-meta">
                    <span>{ &article.publisher }</span>
                    <span>{ format!("By {}", article.author) }</span>
                    <span><time datetime={article.published.clone()}>{ published }</time></span>
                    if let Some(href) = article.url.as_deref().and_then(safe_href) {
                        <a href={href} rel="noopener noreferrer">{ "Read the original" }</a>
                    }
                </p>
            </div>
        </header>
    }
}
