//! The masthead: the article's title, byline and link to the original, or what a corpus covers.

use factline_browser::drafts;
use factline_core::view::Header;
use yew::prelude::*;

use crate::state::Source;

/// Masthead: for one article its title, publisher, author, date and original link; for a corpus
/// what it covers, how many articles and when they were published. `source` names the user's
/// file when one is shown, and links a dataset in progress back to the annotator.
pub fn article_header(header: &Header, source: &Source) -> Html {
    html! {
        <header class="masthead">
            <div class="masthead-inner">
                <p class="brand">
                    <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="6" fill="currentColor" /></svg>
                    { "Factline" }
                    if let Source::File { name } = source {
                        <span class="tag">{ format!("your file: {name}") }</span>
                    }
                    if let Source::Draft { key } = source {
                        <span class="tag">{ "in progress" }</span>
                        <a class="tag-link" href={format!("annotate/{}", drafts::naming(drafts::ANNOTATED, key))}>{ "Back to annotating" }</a>
                    }
                </p>
                if let Some(corpus) = &header.corpus {
                    <h1 class="article-title">{ corpus.description.clone().unwrap_or_else(|| format!("{} articles", corpus.articles)) }</h1>
                    <p class="article-meta">
                        <span>{ format!("{} articles", corpus.articles) }</span>
                        <span>{ &corpus.dates }</span>
                    </p>
                } else {
                    <h1 class="article-title">{ &header.title }</h1>
                    if let Some(subtitle) = &header.subtitle {
                        <p class="article-subtitle">{ subtitle }</p>
                    }
                    <p class="article-meta">
                        <span>{ &header.publisher }</span>
                        if let Some(author) = &header.author {
                            <span>{ format!("By {author}") }</span>
                        }
                        <span><time datetime={header.published.clone()}>{ &header.published_label }</time></span>
                        if let Some(href) = &header.href {
                            <a href={href.clone()} rel="noopener noreferrer">{ "Read the original" }</a>
                        }
                    </p>
                }
            </div>
        </header>
    }
}
