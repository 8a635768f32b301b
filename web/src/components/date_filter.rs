//! From/to inputs that accept `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the overlap/within switch with its
//! explanation, and the undated toggle. An invalid value is flagged where it was typed and never
//! applied; the URL keeps the last valid filter.

use factline_core::{DateBound, Filter, RangeMode, Undated};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`BoundInput`].
#[derive(Properties, PartialEq)]
struct BoundInputProps {
    id: AttrValue,
    label: AttrValue,
    /// The applied value, from the URL.
    value: Option<String>,
    /// Applies a valid value (`None` clears it).
    onapply: Callback<Option<DateBound>>,
}

/// One date input with its own draft, so a half-typed date is not lost or applied.
#[function_component]
fn BoundInput(props: &BoundInputProps) -> Html {
    let applied = props.value.clone().unwrap_or_default();
    let draft = use_state(|| applied.clone());
    let error = use_state(|| None::<String>);
    {
        // When the URL changes (back/forward, reset, timeline), show what it now says.
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(applied.clone(), move |applied| {
            draft.set(applied.clone());
            error.set(None);
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onchange = {
        let (error, onapply) = (error.clone(), props.onapply.clone());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if text.trim().is_empty() {
                error.set(None);
                onapply.emit(None);
                return;
            }
            match DateBound::parse(&text) {
                Ok(bound) => {
                    error.set(None);
                    onapply.emit(Some(bound));
                }
                Err(e) => error.set(Some(format!("Not applied: {}.", e.reason))),
            }
        })
    };
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
    html! {
        <label class="field" for={props.id.clone()}>
            <span class="field-label">{ props.label.clone() }</span>
            <input id={props.id.clone()} type="text" inputmode="numeric" placeholder="YYYY-MM-DD"
                value={(*draft).clone()} {oninput} {onchange}
                aria-invalid={error.is_some().to_string()} aria-describedby={described} autocomplete="off" />
            <span id={hint_id} class="field-hint">{ "2020, 2020-10 or 2020-10-30" }</span>
            if let Some(message) = &*error {
                <span id={error_id} class="field-error" role="alert">{ message }</span>
            }
        </label>
    }
}

/// Date range, mode and undated controls for `filter`; `onchange` gets the filter with new date
/// settings.
pub fn date_filter(filter: &Filter, onchange: &Callback<Filter>) -> Html {
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
                <BoundInput id="date-from" label="From" value={filter.from.as_ref().map(|b| b.to_string())}
                    onapply={apply(|f, b| f.from = b)} />
                <BoundInput id="date-to" label="To" value={filter.to.as_ref().map(|b| b.to_string())}
                    onapply={apply(|f, b| f.to = b)} />
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
