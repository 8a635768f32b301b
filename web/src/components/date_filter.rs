//! From/to inputs that accept `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the overlap/within switch with its
//! explanation, and the undated toggle. An invalid value is flagged where it was typed and never
//! applied; the URL keeps the last valid filter.

use factline_core::{DateBound, Filter, RangeMode, Undated};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{AppHandle, DateDraft};

/// One date input (`which`: 0 from, 1 to) showing the URL's `applied` value, or a draft while
/// one is typed, so a half-typed date is neither lost nor applied. `onapply` gets a valid value
/// (`None` clears it); an invalid one stays, flagged.
fn bound_input(
    app: &AppHandle,
    which: usize,
    id: &'static str,
    label: &'static str,
    applied: Option<&str>,
    onapply: Callback<Option<DateBound>>,
) -> Html {
    let draft = app.state().date_drafts.get(which).cloned().unwrap_or_default();
    let text = draft.text.as_deref().or(applied).unwrap_or_default().to_string();
    let error = draft.error;
    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            app.set_date_draft(which, DateDraft { text: Some(text), error: None });
        })
    };
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if text.trim().is_empty() {
                app.set_date_draft(which, DateDraft::default());
                onapply.emit(None);
                return;
            }
            match DateBound::parse(&text) {
                Ok(bound) => {
                    app.set_date_draft(which, DateDraft::default());
                    onapply.emit(Some(bound));
                }
                Err(e) => {
                    let error = Some(format!("Not applied: {}.", e.reason));
                    app.set_date_draft(which, DateDraft { text: Some(text), error });
                }
            }
        })
    };
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
    // The label holds the field's name only: the hint and the error describe it (a label around
    // them would add them to the name).
    html! {
        <div class="field">
            <label class="field-label" for={id}>{ label }</label>
            <input {id} type="text" inputmode="numeric" placeholder="YYYY-MM-DD"
                value={text} {oninput} {onchange}
                aria-invalid={error.is_some().to_string()} aria-describedby={described} autocomplete="off" />
            <span id={hint_id} class="field-hint">{ "2020, 2020-10 or 2020-10-30" }</span>
            if let Some(message) = error {
                <span id={error_id} class="field-error" role="alert">{ message }</span>
            }
        </div>
    }
}

/// Date range, mode and undated controls for `filter`; `onchange` gets the filter with new date
/// settings.
pub fn date_filter(app: &AppHandle, filter: &Filter, onchange: &Callback<Filter>) -> Html {
    let apply = |set: fn(&mut Filter, Option<DateBound>)| {
        let (filter, cb) = (filter.clone(), onchange.clone());
        Callback::from(move |bound: Option<DateBound>| {
            let mut next = filter.clone();
            set(&mut next, bound);
            cb.emit(next);
        })
    };
    let mode_button = |mode: RangeMode, label: &str| {
        let (filter, cb) = (filter.clone(), onchange.clone());
        let id = if mode == RangeMode::Within { "range-mode-within" } else { "range-mode-overlap" };
        html! {
            <button type="button" {id} aria-pressed={(filter.range_mode == mode).to_string()}
                onclick={Callback::from(move |_| cb.emit(Filter { range_mode: mode, ..filter.clone() }))}>{ label }</button>
        }
    };
    let on_undated = {
        let (filter, cb) = (filter.clone(), onchange.clone());
        Callback::from(move |e: Event| {
            let include = e.target_unchecked_into::<HtmlInputElement>().checked();
            cb.emit(Filter { undated: if include { Undated::Include } else { Undated::Exclude }, ..filter.clone() });
        })
    };
    html! {
        <>
            <div class="date-grid">
                { bound_input(app, 0, "date-from", "From", filter.from.as_ref().map(DateBound::as_str), apply(|f, b| f.from = b)) }
                { bound_input(app, 1, "date-to", "To", filter.to.as_ref().map(DateBound::as_str), apply(|f, b| f.to = b)) }
            </div>
            <div class="row" role="group" aria-labelledby="range-mode-label" aria-describedby="range-mode-help">
                <span id="range-mode-label" class="field-label">{ "Match dates that" }</span>
                <span class="segmented">
                    { mode_button(RangeMode::Overlap, "overlap the range") }
                    { mode_button(RangeMode::Within, "lie within it") }
                </span>
            </div>
            <p id="range-mode-help" class="help">
                { "A month or year counts as all its days. “Overlap” keeps an event dated “Oct 2019” for a range ending Oct 1, 2019; “within” keeps it only if the whole month is inside the range." }
            </p>
            <label class="check" for="include-undated">
                <input id="include-undated" type="checkbox" checked={filter.undated == Undated::Include} onchange={on_undated} />
                <span>{ "Keep events the article does not date" }</span>
            </label>
            <p class="help">{ "Undated events always show when no range is set." }</p>
        </>
    }
}
