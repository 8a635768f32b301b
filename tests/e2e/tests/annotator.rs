//! The annotator, end to end: from the viewer's **New dataset** to a pasted article, words
//! selected through the Selection API, a person, an event and a claim made from them, a reload that
//! loses nothing, a download that `factline validate` accepts, and that file open in the viewer.
//! Also its keyboard paths, its accessibility at 1280 and 390 px, and its screenshots.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use factline_e2e::{Session, record};
use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::json;

const ARTICLE: &str = "Dockworkers in Port Elin walked off the job on March 3, 2024, halting traffic at the harbour.

On March 5, police detained two union organisers, Tomas Reyn and Ilse Varg, outside the main gate. Both were released the following day without charge.

The port authority said in a statement that it remained open to talks.";

/// Selects the first occurrence of `words` in the annotator's article, as a reader's mouse would,
/// across however many text nodes (highlighted mentions) it spans.
async fn select(s: &Session, words: &str) -> Result<()> {
    let found = s
        .client
        .execute(
            "const words = arguments[0];
             const root = document.getElementById('article-text');
             const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
             const nodes = []; let text = '';
             for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
             const at = text.indexOf(words);
             if (at < 0) return false;
             const point = offset => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]]; };
             const [sn, so] = point(at); const [en, eo] = point(at + words.length);
             const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo);
             const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
             return true;",
            vec![json!(words)],
        )
        .await?;
    ensure!(found == json!(true), "the article holds {words:?}");
    s.wait_for(
        &format!("document.querySelector('.selected-quote')?.textContent === {}", json!(format!("“{words}”"))),
        "the selection to be taken",
    )
    .await
}

/// Types into a field found by its id, replacing what it holds.
async fn fill(s: &Session, id: &str, text: &str) -> Result<()> {
    let field = s.client.find(Locator::Id(id)).await.with_context(|| format!("no field #{id}"))?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Clicks the button whose text is `name` (or starts with it, with `prefix`), scrolled to the
/// middle of the window first, as a reader would.
async fn press_button(s: &Session, name: &str, prefix: bool) -> Result<()> {
    let xpath = if prefix {
        format!("//button[starts-with(normalize-space(.), '{name}')]")
    } else {
        format!("//button[normalize-space(.) = '{name}']")
    };
    let button = s.client.find(Locator::XPath(&xpath)).await.with_context(|| format!("no button {name:?}"))?;
    s.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
            vec![serde_json::to_value(&button)?],
        )
        .await?;
    button.click().await?;
    Ok(())
}

/// The names of the facts listed as made.
async fn facts(s: &Session) -> Result<Vec<String>> {
    let value = s
        .js("return [...document.querySelectorAll('.facts li[data-fact-id] .fact-text')].map(e => e.textContent);")
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until a file appears in `dir` and stops growing; returns it.
async fn downloaded(dir: &Path) -> Result<PathBuf> {
    let started = Instant::now();
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        if let [file] = done.as_slice() {
            return Ok(file.clone());
        }
        if started.elapsed() > Duration::from_secs(10) {
            bail!("no download in {} after 10 s", dir.display());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Opens the annotator from the viewer's toolbar and starts a new dataset from `ARTICLE`.
async fn start_annotating(s: &Session) -> Result<()> {
    s.open("").await?;
    s.click("#new-dataset").await?;
    s.wait_for("document.getElementById('article-text-input') !== null", "the new dataset form").await?;
    let started = s.js("return performance.now();").await?;
    record(&format!("timing: New dataset to a usable annotator form: {:.0} ms", started.as_f64().unwrap_or(-1.0)));
    fill(s, "article-text-input", ARTICLE).await?;
    fill(s, "article-title", "Port Elin dockworkers strike").await?;
    fill(s, "article-publisher", "Coastal Wire").await?;
    fill(s, "article-published", "2024-03-07").await?;
    press_button(s, "Start annotating", false).await?;
    s.wait_for("document.querySelectorAll('#article-text p[data-paragraph]').length === 3", "the article").await
}

#[tokio::test(flavor = "current_thread")]
async fn an_article_is_annotated_kept_downloaded_validated_and_viewed() -> Result<()> {
    let s = Session::start(1280, 1000).await?;
    start_annotating(&s).await?;

    // A person, from the words that name him.
    select(&s, "Tomas Reyn").await?;
    s.click("#add-person").await?;
    let name = s.js("return document.getElementById('person-name').value;").await?;
    ensure!(name == json!("Tomas Reyn"), "the name is prefilled from the selection: {name}");
    press_button(&s, "Save", true).await?;
    s.wait_for("document.querySelectorAll('#article-text mark').length === 1", "the person's words marked").await?;

    // An event whose words cross that highlighted mention, with a date and the person.
    select(&s, "police detained two union organisers, Tomas Reyn and Ilse Varg").await?;
    s.click("#add-event").await?;
    let kind = s.client.find(Locator::Id("event-kind")).await?;
    kind.select_by_value("detention").await?;
    let label =
        s.js("const k = document.getElementById('event-kind'); return k.options[k.selectedIndex].textContent;").await?;
    ensure!(label == json!("Detention"), "kinds have readable labels: {label}");
    fill(&s, "event-date", "2024-03-05").await?;
    s.wait_for(
        "document.getElementById('event-date-description')?.textContent.includes('2024')",
        "the date described as it is typed",
    )
    .await?;
    fill(&s, "event-people", "tomas").await?;
    s.wait_for("document.querySelector('[role=option]')?.textContent.includes('Tomas Reyn')", "the person offered")
        .await?;
    s.click("[role=option]").await?;
    // Someone not yet a person is made one from the People field, where the article names her.
    fill(&s, "event-people", "Ilse Varg").await?;
    s.wait_for(
        "document.querySelector('[role=option]')?.getAttribute('aria-label') === 'New person: Ilse Varg'",
        "a new person offered",
    )
    .await?;
    s.click("[role=option]").await?;
    fill(&s, "event-summary", "Police detained the union organisers Tomas Reyn and Ilse Varg.").await?;
    s.js("document.activeElement?.blur(); document.querySelector('.side')?.scrollTo(0, 0); window.scrollTo(0, 0);")
        .await?;
    s.screenshot("1280-annotator-event").await?;
    let started = s.js("return performance.now();").await?.as_f64().unwrap_or_default();
    press_button(&s, "Save fact", false).await?;
    s.wait_for(
        "document.querySelectorAll('.facts li[data-fact-id]').length === 3",
        "the event and the new person listed",
    )
    .await?;
    let saved = s.js("return performance.now();").await?.as_f64().unwrap_or_default();
    record(&format!("timing: Save fact to listed, in a dataset of 1 fact: {:.0} ms", saved - started));

    // A reported claim, spoken by a label rather than a person.
    select(&s, "The port authority said in a statement that it remained open to talks.").await?;
    s.click("#add-claim").await?;
    fill(&s, "claim-speaker-label", "the port authority").await?;
    s.click("input[name=claim-direct]:not(:checked)").await?;
    fill(&s, "claim-text", "It remained open to talks.").await?;
    press_button(&s, "Save fact", false).await?;
    s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 4", "the claim listed").await?;

    // The viewer, in another tab, shows the dataset in progress and follows what is saved.
    let key = s.js("return decodeURIComponent(location.hash.replace('#dataset=', ''));").await?;
    let key = key.as_str().context("the annotator's address names its dataset")?.to_string();
    ensure!(!key.is_empty(), "the annotator's address names its dataset");
    let annotator = s.client.window().await?;
    let viewer = s.client.new_window(true).await?.handle;
    s.client.switch_to_window(viewer.clone()).await?;
    s.client.goto(&format!("{}#draft={key}", s.base)).await?;
    s.wait_for(
        "document.querySelector('.article-title')?.textContent === 'Port Elin dockworkers strike'",
        "the dataset in progress in the viewer",
    )
    .await?;
    s.wait_count(1).await?;
    // What the reader does in the viewer stays when the dataset changes under it.
    s.click("#person-search").await?;
    s.type_text("zz").await?;
    s.client.switch_to_window(annotator.clone()).await?;
    select(&s, "Both were released the following day without charge.").await?;
    s.click("#add-event").await?;
    s.client.find(Locator::Id("event-kind")).await?.select_by_value("release").await?;
    fill(&s, "event-date", "2024-03-06").await?;
    fill(&s, "event-summary", "Both organisers were released without charge.").await?;
    press_button(&s, "Save fact", false).await?;
    s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 5", "the second event listed").await?;
    s.client.switch_to_window(viewer).await?;
    s.wait_count(2).await?;
    let search = s.js("return document.getElementById('person-search').value;").await?;
    ensure!(search.as_str() == Some("zz"), "the people search is kept: {search}");
    s.client.close_window().await?;
    s.client.switch_to_window(annotator).await?;
    let made = facts(&s).await?;

    // A reload loses nothing.
    s.client.refresh().await?;
    s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 5", "the facts after a reload").await?;
    ensure!(facts(&s).await? == made, "the same facts after a reload");

    // The download is a dataset that `factline validate` accepts.
    let downloads = std::env::temp_dir().join(format!("factline-e2e-downloads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads)?;
    s.cdp(
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
    )
    .await?;
    press_button(&s, "Download dataset", false).await?;
    let file = downloaded(&downloads).await?;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = factline_cli::run(["factline", "validate", &file.display().to_string()], &mut out, &mut err);
    ensure!(
        code == 0,
        "factline validate refused the download: {}{}",
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    );
    let dataset = factline_core::parse_dataset(&std::fs::read(&file)?, &factline_core::Limits::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let events = &dataset.events;
    ensure!(events.len() == 2, "two events: {}", events.len());
    let event = events.iter().find(|e| e.date.edtf.as_deref() == Some("2024-03-05")).context("the detention")?;
    let span = event.spans.first().context("the event has a span")?;
    ensure!(span.exact == "police detained two union organisers, Tomas Reyn and Ilse Varg", "{:?}", span.exact);
    ensure!(event.date.edtf.as_deref() == Some("2024-03-05"), "{:?}", event.date.edtf);
    let people: Vec<&str> = event.participants.iter().map(|p| p.entity.as_str()).collect();
    ensure!(people == ["tomas-reyn", "ilse-varg"], "{people:?}");
    let ilse = dataset.persons.iter().find(|p| p.id == "ilse-varg").context("Ilse Varg is a person")?;
    ensure!(ilse.spans.first().is_some_and(|s| s.exact == "Ilse Varg"), "{:?}", ilse.spans);

    // Opened in the viewer, it shows the same facts.
    s.open("").await?;
    s.client.find(Locator::Id("dataset-file")).await?.send_keys(&file.display().to_string()).await?;
    s.wait_for(
        "document.querySelector('.article-title')?.textContent === 'Port Elin dockworkers strike'",
        "the downloaded dataset in the viewer",
    )
    .await?;
    s.wait_count(2).await?;
    let mut ids = s.event_ids().await?;
    ids.sort();
    let mut expected: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    expected.sort();
    ensure!(ids == expected, "{ids:?}");
    let _ = std::fs::remove_dir_all(&downloads);
    s.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn the_annotator_works_from_the_keyboard_and_passes_axe_at_both_widths() -> Result<()> {
    for (width, height, label) in [(1280, 1000, "1280"), (390, 844, "390")] {
        let s = Session::start(width, height).await?;
        s.open("").await?;
        s.click("#new-dataset").await?;
        s.wait_for("document.getElementById('article-text-input') !== null", "the new dataset form").await?;
        let violations = s.axe().await?;
        ensure!(violations.is_empty(), "the start form at {width} px: {violations:#?}");
        s.screenshot(&format!("{label}-annotator-start")).await?;
        // Problems are shown beside their fields, and nothing starts.
        press_button(&s, "Start annotating", false).await?;
        s.wait_for("document.querySelector('[aria-invalid=true]') !== null", "the problems shown").await?;
        let violations = s.axe().await?;
        ensure!(violations.is_empty(), "the start form's problems at {width} px: {violations:#?}");
        start_annotating(&s).await?;

        // Typed words instead of a pointer's selection (WCAG 2.5.7), then the form by keyboard.
        s.click(".quote-entry summary").await?;
        fill(&s, "quote-exact", "Ilse Varg").await?;
        s.client.find(Locator::Id("quote-exact")).await?.send_keys(&Key::Enter.to_string()).await?;
        s.wait_for("document.querySelector('.selected-quote')?.textContent === '“Ilse Varg”'", "the typed quote")
            .await?;
        s.click("#add-person").await?;
        s.wait_for("document.activeElement?.id === 'person-name'", "focus in the form").await?;
        let violations = s.axe().await?;
        ensure!(violations.is_empty(), "the person form at {width} px: {violations:#?}");
        s.press(Key::Escape).await?;
        s.wait_for(
            "!document.getElementById('person-name') && document.activeElement?.id === 'add-person'",
            "Escape to close the form and return focus",
        )
        .await?;
        ensure!(facts(&s).await?.is_empty(), "Escape saved nothing");
        s.click("#add-person").await?;
        s.client.find(Locator::Id("person-name")).await?.send_keys(&Key::Enter.to_string()).await?;
        s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 1", "the person saved by Enter")
            .await?;
        select(&s, "police detained two union organisers").await?;
        s.click("#add-event").await?;
        fill(&s, "event-date", "2024-03-5").await?;
        press_button(&s, "Save fact", false).await?;
        s.wait_for("document.getElementById('event-date')?.getAttribute('aria-invalid') === 'true'", "the bad date")
            .await?;
        ensure!(facts(&s).await?.len() == 1, "nothing invalid is saved");
        let violations = s.axe().await?;
        ensure!(violations.is_empty(), "the event form with a problem at {width} px: {violations:#?}");
        s.screenshot(&format!("{label}-annotator-event-form")).await?;
        fill(&s, "event-date", "2024-03-05").await?;
        fill(&s, "event-summary", "Police detained two union organisers.").await?;
        press_button(&s, "Save fact", false).await?;
        s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 2", "the event saved").await?;
        // Undo and redo from the keyboard, outside text fields.
        s.client.execute("document.activeElement?.blur();", vec![]).await?;
        s.client.execute("document.body.focus();", vec![]).await?;
        press_button(&s, "Undo", false).await?;
        s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 1", "undo").await?;
        press_button(&s, "Redo", false).await?;
        s.wait_for("document.querySelectorAll('.facts li[data-fact-id]').length === 2", "redo").await?;
        let violations = s.axe().await?;
        ensure!(violations.is_empty(), "the annotator with facts at {width} px: {violations:#?}");
        s.screenshot(&format!("{label}-annotator")).await?;
        record(&format!("axe-core: 0 violations in 5 annotator states at {width} px"));
        s.close().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn saving_a_fact_in_a_dataset_of_a_thousand_facts() -> Result<()> {
    // One article told in 900 events, with the people, places and claims the generator adds.
    let dataset = factline_bench::corpus(factline_bench::Shape { articles: 1, events_per_article: 900, persons: 40 });
    let facts_before = dataset.persons.len()
        + dataset.organizations.len()
        + dataset.places.len()
        + dataset.events.len()
        + dataset.claims.len();
    ensure!(facts_before >= 1000, "at least 1,000 facts: {facts_before}");
    let path = std::env::temp_dir().join(format!("factline-e2e-1000-facts-{}.json", std::process::id()));
    std::fs::write(&path, factline_core::format::write::to_pretty_json(&dataset))?;
    let s = Session::start(1280, 1000).await?;
    s.open("").await?;
    s.click("#new-dataset").await?;
    s.wait_for("document.getElementById('dataset-to-annotate') !== null", "the start screen").await?;
    s.client.find(Locator::Id("dataset-to-annotate")).await?.send_keys(&path.display().to_string()).await?;
    let count = format!("document.querySelectorAll('.facts li[data-fact-id]').length === {}", facts_before);
    s.wait_for(&count, "the dataset's facts listed").await?;
    let words = dataset.events[450].spans[0].exact.clone();
    select(&s, &words).await?;
    s.click("#add-person").await?;
    let elapsed = s
        .client
        .execute_async(
            "const [want, done] = arguments;
             const t0 = performance.now();
             const poll = () => document.querySelectorAll('.facts li[data-fact-id]').length === want
               ? requestAnimationFrame(() => done(performance.now() - t0)) : setTimeout(poll, 1);
             [...document.querySelectorAll('button')].find(b => b.textContent.trim().startsWith('Save')).click();
             poll();",
            vec![json!(facts_before + 1)],
        )
        .await?;
    record(&format!(
        "timing: Save person to listed and painted, in a dataset of {facts_before} facts: {:.0} ms",
        elapsed.as_f64().unwrap_or(-1.0)
    ));
    let _ = std::fs::remove_file(&path);
    s.close().await
}

#[tokio::test(flavor = "current_thread")]
async fn a_corrected_text_places_the_quotes_again_and_lists_what_it_cannot() -> Result<()> {
    let s = Session::start(1280, 1000).await?;
    start_annotating(&s).await?;
    for name in ["Tomas Reyn", "Ilse Varg"] {
        select(&s, name).await?;
        s.click("#add-person").await?;
        press_button(&s, "Save", true).await?;
        s.wait_for(&format!("document.querySelector('.facts')?.textContent.includes('{name}')"), name).await?;
    }
    // The correction adds a sentence before both names and drops one of them.
    let corrected = format!(
        "Updated: the union disputes the police account.\n\n{}",
        ARTICLE.replace("Ilse Varg", "a second organiser")
    );
    s.click(".correct-text summary").await?;
    fill(&s, "corrected-text", &corrected).await?;
    press_button(&s, "Re-anchor", false).await?;
    s.wait_for("document.querySelector('.orphans') !== null", "the orphaned span listed").await?;
    let orphans = s.client.find(Locator::Css(".orphans")).await?.text().await?;
    ensure!(orphans.contains("Ilse Varg") && !orphans.contains("Tomas Reyn"), "{orphans}");
    let status = s.client.find(Locator::Css(".annotator-header .status")).await?.text().await?;
    ensure!(status.contains("1 lost their place"), "{status}");
    ensure!(
        s.js("return document.querySelectorAll('#article-text p[data-paragraph]').length;").await? == json!(4),
        "the corrected text is shown"
    );
    // Selecting the new words settles it.
    select(&s, "a second organiser").await?;
    press_button(&s, "Use the selected words for ilse-varg", false).await?;
    s.wait_for("document.querySelector('.orphans') === null", "no orphans left").await?;
    s.close().await
}
