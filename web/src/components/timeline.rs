//! The timeline strip: one bar per month (or year) of the selected people's events. Click a bar to
//! select it, drag across bars or shift-click to select a span; with the keyboard, arrows move
//! between bars and Enter selects (Shift+Enter extends).

use factline_core::DateBound;
use factline_core::view::Bar;
use web_sys::{KeyboardEvent, PointerEvent};
use yew::prelude::*;

use crate::state::AppHandle;

// Integer SVG units (a tenth of a pixel at the natural size), so no float formatting is compiled in.
const WIDTH: usize = 3000;
const HEIGHT: usize = 580;

/// The event histogram with brushing. `from` is the range's start as the URL has it (shift-click
/// and Shift+Enter extend from the bar it names); `onselect` gets a new range, the first and last
/// selected bars' bounds.
pub fn timeline(
    app: &AppHandle,
    bars: &[Bar],
    from: Option<&DateBound>,
    onselect: &Callback<(DateBound, DateBound)>,
) -> Html {
    let active = app.state().timeline_bar;
    let drag_start = app.state().timeline_drag;
    if bars.is_empty() {
        return html! { <p class="help">{ "No dated events to chart." }</p> };
    }
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let n = bars.len();
    let x_of = |i: usize| i * WIDTH / n;
    let height_of = |count: usize| count * (HEIGHT - 40) / max;
    let select = {
        let (bars, cb) = (bars.to_vec(), onselect.clone());
        move |a: usize, b: usize| {
            let (a, b) = (a.min(b), a.max(b));
            if let (Some(first), Some(last)) = (bars.get(a), bars.get(b)) {
                cb.emit((first.bound.clone(), last.bound.clone()));
            }
        }
    };
    let anchor = bars.iter().position(|b| from == Some(&b.bound));
    let rendered = bars.iter().enumerate().map(|(i, bin)| {
        let (x, next_x) = (x_of(i), x_of(i + 1));
        let width = (next_x - x).saturating_sub(10).max(10);
        let h = height_of(bin.count);
        let precise_h = height_of(bin.count - bin.imprecise);
        let label = bin.description.clone();
        let onpointerdown = {
            let app = app.clone();
            Callback::from(move |e: PointerEvent| {
                // A touch captures its pointer to the bar it began on, whose pointerup would then
                // end every drag; released, the pointer's events go to the bar under it.
                if let Some(bar) = e.target_dyn_into::<web_sys::Element>() {
                    let _ = bar.release_pointer_capture(e.pointer_id());
                }
                app.set_timeline_drag(Some(i))
            })
        };
        let onpointerup = {
            let (app, select) = (app.clone(), select.clone());
            Callback::from(move |e: PointerEvent| {
                app.set_timeline_drag(None);
                app.set_timeline_bar(i);
                match (drag_start, anchor) {
                    (_, Some(a)) if e.shift_key() => select(a, i),
                    (Some(s), _) => select(s, i),
                    (None, _) => select(i, i),
                }
            })
        };
        let onkeydown = {
            let (app, select, n) = (app.clone(), select.clone(), bars.len());
            let move_to = move |bar: usize| {
                app.set_timeline_bar(bar);
                focus_bar(bar);
            };
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => {
                    e.prevent_default();
                    move_to(i.saturating_sub(1));
                }
                "ArrowRight" | "ArrowUp" => {
                    e.prevent_default();
                    move_to((i + 1).min(n - 1));
                }
                "Home" => {
                    e.prevent_default();
                    move_to(0);
                }
                "End" => {
                    e.prevent_default();
                    move_to(n - 1);
                }
                "Enter" | " " => {
                    e.prevent_default();
                    match anchor {
                        Some(a) if e.shift_key() => select(a, i),
                        _ => select(i, i),
                    }
                }
                _ => {}
            })
        };
        let class = classes!("bar", bin.in_range.then_some("in-range"));
        html! {
            <g class={class} id={format!("bar-{i}")} role="button" aria-label={label.clone()}
                aria-pressed={if bin.in_range { "true" } else { "false" }}
                tabindex={if i == active.min(n - 1) { "0" } else { "-1" }}
                {onpointerdown} {onpointerup} {onkeydown}>
                <title>{ label }</title>
                <rect class="imprecise" x={(x + 5).to_string()} y={(HEIGHT - h).to_string()}
                    width={width.to_string()} height={h.to_string()} />
                <rect class="fill" x={(x + 5).to_string()} y={(HEIGHT - precise_h).to_string()}
                    width={width.to_string()} height={precise_h.to_string()} />
                <rect class="hit" x={x.to_string()} y="0" width={(next_x - x).max(1).to_string()} height={HEIGHT.to_string()} />
            </g>
        }
    });
    let years =
        bars.iter().enumerate().filter_map(|(i, b)| b.axis_label.as_ref().map(|year| (i, year))).map(|(i, year)| {
            html! { <text class="axis" x={(x_of(i) + 10).to_string()} y={(HEIGHT + 110).to_string()}>{ year }</text> }
        });
    html! {
            <div class="timeline">
                <span class="field-label" id="timeline-label">{ "Events over time" }</span>
                <svg viewBox={format!("0 0 {WIDTH} {}", HEIGHT + 140)} role="group" aria-labelledby="timeline-label timeline-help"
    >
                    <line class="baseline" x1="0" x2={WIDTH.to_string()} y1={HEIGHT.to_string()} y2={HEIGHT.to_string()} />
                    { for rendered }
                    { for years }
                </svg>
                <p class="legend" id="timeline-help">
                    <span class="legend-swatch" aria-hidden="true"></span>{ "within the bar " }
                    <span class="legend-swatch faint" aria-hidden="true"></span>{ "overlapping it (coarser dates). Click or drag to set the range; arrow keys and Enter work too." }
                </p>
            </div>
        }
}

fn focus_bar(i: usize) {
    if let Some(el) =
        crate::browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("bar-{i}")))
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(el)
    {
        let _ = el.focus();
    }
}
