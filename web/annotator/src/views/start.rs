//! The start screen: a new dataset from a pasted article (or a text file) and what is known about
//! it, or an existing dataset to continue (a `factline/1` file, the built-in article, or one of
//! the datasets in progress kept in this browser).

use factline_core::author::{Draft, Field, FieldProblems};
use factline_core::format::new::ArticleInfo;
use factline_core::format::read::decode_text;
use factline_core::{Limits, parse_dataset};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::components::{field, on_text};
use factline_browser::drafts::Saved;

/// A draft to open, what to call it in storage (`None`: a new key), and what to say.
pub struct Opening {
    /// The draft.
    pub draft: Draft,
    /// Its key, when it is a dataset in progress.
    pub key: Option<String>,
    /// What to say.
    pub message: String,
}

/// What the start screen shows and changes.
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// The datasets in progress.
    pub saved: Vec<Saved>,
    /// Opens a draft.
    pub onopen: Callback<Opening>,
    /// Continues a dataset in progress, by key.
    pub oncontinue: Callback<String>,
    /// Forgets a dataset in progress, by key.
    pub onforget: Callback<String>,
    /// Why the last dataset could not be opened or stored.
    #[prop_or_default]
    pub error: Option<String>,
}

/// A dataset file (or the built-in one) as a draft, or why not.
pub fn draft_of(bytes: &[u8], name: &str) -> Result<Draft, String> {
    let dataset = parse_dataset(bytes, &Limits::default()).map_err(|e| format!("{name}: {e}"))?;
    Draft::new(dataset).map_err(|p| format!("{name} cannot be annotated: {p}"))
}

fn text_field(id: &str, label: &str, value: &UseStateHandle<String>, shown: field::Shown, hint: Option<&str>) -> Html {
    html! {
        <div class="field">
            <label for={id.to_string()}>{ label }</label>
            <input id={id.to_string()} type="text" value={(**value).clone()} oninput={on_text(value)}
                aria-describedby={shown.described_by} aria-invalid={shown.invalid} />
            if let Some(hint) = hint { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
            { shown.error }
        </div>
    }
}

/// A file input's `change`: the file chosen is read by `read` and handed to `done` with its
/// name. The input is emptied, so that choosing the same file again (corrected) reads it again.
fn on_chosen<T: 'static, F: std::future::Future<Output = Result<T, String>> + 'static>(
    read: impl Fn(web_sys::File) -> F + 'static,
    done: impl Fn(String, Result<T, String>) + 'static,
) -> Callback<Event> {
    let (read, done) = (std::rc::Rc::new(read), std::rc::Rc::new(done));
    Callback::from(move |e: Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let (read, done) = (read.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            done(name, read(file).await)
        });
    })
}

/// The start screen.
#[function_component(Start)]
pub fn start(props: &StartProps) -> Html {
    let text = use_state(String::new);
    let title = use_state(String::new);
    let publisher = use_state(String::new);
    let published = use_state(String::new);
    let author = use_state(String::new);
    let url = use_state(String::new);
    let language = use_state(|| "en".to_string());
    let problems = use_state(|| None::<FieldProblems>);
    let file_error = use_state(|| None::<String>);

    let onsubmit = {
        let fields = (
            text.clone(),
            title.clone(),
            publisher.clone(),
            published.clone(),
            author.clone(),
            url.clone(),
            language.clone(),
        );
        let (problems, onopen) = (problems.clone(), props.onopen.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (text, title, publisher, published, author, url, language) = &fields;
            let optional = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let info = ArticleInfo {
                id: String::new(),
                title: title.trim().to_string(),
                publisher: publisher.trim().to_string(),
                published: published.trim().to_string(),
                author: optional(author),
                url: optional(url),
                language: optional(language),
                subtitle: None,
            };
            match Draft::start(text, info) {
                Ok(draft) => {
                    problems.set(None);
                    onopen.emit(Opening {
                        draft,
                        key: None,
                        message: "Started. Select words of the article to make a fact.".into(),
                    });
                }
                Err(p) => problems.set(Some(p)),
            }
        })
    };
    let on_text_file = {
        let (text, file_error) = (text.clone(), file_error.clone());
        // Decoded by core, as a dataset is: bytes of another encoding are refused, not turned
        // into U+FFFD.
        let read = |file| async move {
            let bytes = browser::read_bytes(&file).await?;
            decode_text(&bytes).map(str::to_string).map_err(|e| e.to_string())
        };
        on_chosen(read, move |name, read| match read {
            Ok(t) => {
                text.set(t);
                file_error.set(None);
            }
            Err(why) => file_error.set(Some(format!("{name} could not be read: {why}"))),
        })
    };
    let on_dataset_file = {
        let (file_error, onopen) = (file_error.clone(), props.onopen.clone());
        // The bytes as they are: core says where a file is not UTF-8, or is UTF-16.
        on_chosen(
            |file| async move { browser::read_bytes(&file).await },
            move |name, read: Result<Vec<u8>, String>| {
                let opened = read
                    .map_err(|why| format!("{name} could not be read: {why}"))
                    .and_then(|bytes| draft_of(&bytes, &name));
                match opened {
                    Ok(draft) => {
                        onopen.emit(Opening { draft, key: None, message: format!("Opened {name} to annotate.") })
                    }
                    Err(why) => file_error.set(Some(why)),
                }
            },
        )
    };
    let on_builtin = {
        let (file_error, onopen) = (file_error.clone(), props.onopen.clone());
        Callback::from(move |_: MouseEvent| {
            match draft_of(factline_core::embedded::DEFAULT_DATASET_JSON.as_bytes(), "The built-in dataset") {
                Ok(draft) => onopen.emit(Opening {
                    draft,
                    key: None,
                    message: "Opened the built-in dataset to annotate.".into(),
                }),
                Err(why) => file_error.set(Some(why)),
            }
        })
    };

    let current = (*problems).as_ref();
    let text_shown = field::shown(current, Field::Paragraphs, "article-text-input", Some("article-text-input-hint"));
    let shown = |f: Field, id: &str, hint: Option<&str>| field::shown(current, f, id, hint);
    let article_fields = [
        Field::Paragraphs,
        Field::Title,
        Field::Publisher,
        Field::Published,
        Field::Author,
        Field::Url,
        Field::Language,
    ];
    html! {
        <main class="start" aria-labelledby="start-heading">
            <h1 id="start-heading" tabindex="-1">{ "New dataset" }</h1>
            <p class="lead">{ "Paste an article, then select the words that support each fact. Your work stays in this browser, saved as you go; download it as a dataset when you are done." }</p>
            if let Some(error) = &props.error { <p class="alert" role="alert">{ error }</p> }
            <form class="panel start-form" aria-labelledby="new-heading" {onsubmit} novalidate=true>
                <h2 id="new-heading">{ "A new article" }</h2>
                { field::summary(current, &article_fields) }
                <div class="field">
                    <label for="article-text-input">{ "Article text" }</label>
                    <textarea id="article-text-input" rows="10" value={(*text).clone()} oninput={on_text(&text)}
                        aria-describedby={text_shown.described_by} aria-invalid={text_shown.invalid} />
                    <p class="hint" id="article-text-input-hint">{ "Paragraphs are separated by blank lines." }</p>
                    { text_shown.error }
                </div>
                <div class="field">
                    <label for="article-text-file">{ "Or open a text file" }</label>
                    <input id="article-text-file" type="file" accept=".txt,text/plain" onchange={on_text_file} />
                </div>
                <div class="field-grid">
                    { text_field("article-title", "Title", &title, shown(Field::Title, "article-title", None), None) }
                    { text_field("article-publisher", "Publisher", &publisher, shown(Field::Publisher, "article-publisher", None), None) }
                    { text_field("article-published", "Published", &published, shown(Field::Published, "article-published", Some("article-published-hint")), Some("The day, as YYYY-MM-DD.")) }
                    { text_field("article-author", "Author", &author, shown(Field::Author, "article-author", None), None) }
                    { text_field("article-url", "URL", &url, shown(Field::Url, "article-url", None), None) }
                    { text_field("article-language", "Language", &language, shown(Field::Language, "article-language", Some("article-language-hint")), Some("A language tag: en, ru, kk…")) }
                </div>
                <button type="submit" class="primary">{ "Start annotating" }</button>
            </form>
            <section class="panel" aria-labelledby="continue-heading">
                <h2 id="continue-heading">{ "Continue a dataset" }</h2>
                if let Some(error) = &*file_error { <p class="alert" role="alert">{ error }</p> }
                <div class="field">
                    <label for="dataset-to-annotate">{ "Open a factline/1 file" }</label>
                    <input id="dataset-to-annotate" type="file" accept=".json,application/json" onchange={on_dataset_file} />
                </div>
                <p><button type="button" id="annotate-builtin" onclick={on_builtin}>{ "Annotate the built-in article" }</button></p>
                if !props.saved.is_empty() {
                    <h3>{ "In progress in this browser" }</h3>
                    <ul class="saved-list">
                        { for props.saved.iter().map(|s| {
                            let oncontinue = { let (cb, key) = (props.oncontinue.clone(), s.key.clone()); Callback::from(move |_: MouseEvent| cb.emit(key.clone())) };
                            let onforget = { let (cb, key) = (props.onforget.clone(), s.key.clone()); Callback::from(move |_: MouseEvent| cb.emit(key.clone())) };
                            let when = String::from(js_sys::Date::new(&s.updated.into()).to_locale_string("en", &wasm_bindgen::JsValue::UNDEFINED));
                            html! {
                                <li>
                                    <span>{ format!("{} — {} facts, saved {when}", s.title, s.facts) }</span>
                                    <button type="button" onclick={oncontinue}>{ format!("Continue {}", s.title) }</button>
                                    <button type="button" class="link" onclick={onforget}>{ format!("Forget {}", s.title) }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </section>
            <p><a href="../">{ "Back to the viewer" }</a></p>
        </main>
    }
}
