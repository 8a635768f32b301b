//! The timeline strip: one bar per month (or year) of the selected people's events. Click a bar to
//! select it, drag across bars or shift-click to select a span; with the keyboard, arrows move
//! between bars and Enter selects (Shift+Enter extends).

use factline_core::timeline::Bin;
use web_sys::{KeyboardEvent, PointerEvent};
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The bars.
    pub bars: Vec<Bin>,
    /// The current range start, as written in the URL.
    pub from: Option<String>,
    /// The current range end.
    pub to: Option<String>,
    /// A new range: first bar's bound and last bar's bound.
    pub onselect: Callback<(String, String)>,
}

// Integer SVG units (a tenth of a pixel at the natural size), so no float formatting is compiled in.
const WIDTH: usize = 3000;
const HEIGHT: usize = 580;

/// The event histogram with brushing.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let active = use_state(|| 0usize);
    let drag_start = use_mut_ref(|| None::<usize>);
    let bars = &props.bars;
    if bars.is_empty() {
        return html! { <p class="help">{ "No dated events to chart." }</p> };
    }
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let n = bars.len();
    let x_of = |i: usize| i * WIDTH / n;
    let height_of = |count: usize| count * (HEIGHT - 40) / max;
    let in_range = |bound: &str| {
        let after_from = props.from.as_deref().is_none_or(|f| bound >= &f[..f.len().min(bound.len())]);
        let before_to = props.to.as_deref().is_none_or(|t| bound <= &t[..t.len().min(bound.len())]);
        (props.from.is_some() || props.to.is_some()) && after_from && before_to
    };
    let select = {
        let (bars, cb) = (props.bars.clone(), props.onselect.clone());
        move |a: usize, b: usize| {
            let (a, b) = (a.min(b), a.max(b));
            if let (Some(first), Some(last)) = (bars.get(a), bars.get(b)) {
                cb.emit((first.bound.clone(), last.bound.clone()));
            }
        }
    };
    let anchor = bars.iter().position(|b| props.from.as_deref() == Some(b.bound.as_str()));
    let rendered = bars.iter().enumerate().map(|(i, bin)| {
        let (x, next_x) = (x_of(i), x_of(i + 1));
        let width = (next_x - x).saturating_sub(10).max(10);
        let h = height_of(bin.count);
        let precise_h = height_of(bin.count - bin.imprecise);
        let label = format!(
            "{}: {} event{}{}",
            bin.label,
            bin.count,
            if bin.count == 1 { "" } else { "s" },
            if bin.imprecise > 0 { format!(", {} with a wider or open date", bin.imprecise) } else { String::new() }
        );
        let onpointerdown = {
            let drag_start = drag_start.clone();
            Callback::from(move |_: PointerEvent| *drag_start.borrow_mut() = Some(i))
        };
        let onpointerup = {
            let (drag_start, select, active) = (drag_start.clone(), select.clone(), active.clone());
            Callback::from(move |e: PointerEvent| {
                let start = drag_start.borrow_mut().take();
                active.set(i);
                match (start, anchor) {
                    (_, Some(a)) if e.shift_key() => select(a, i),
                    (Some(s), _) => select(s, i),
                    (None, _) => select(i, i),
                }
            })
        };
        let onkeydown = {
            let (active, select, n) = (active.clone(), select.clone(), bars.len());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => {
                    e.prevent_default();
                    active.set(i.saturating_sub(1));
                    focus_bar(i.saturating_sub(1));
                }
                "ArrowRight" | "ArrowUp" => {
                    e.prevent_default();
                    let next = (i + 1).min(n - 1);
                    active.set(next);
                    focus_bar(next);
                }
                "Home" => {
                    e.prevent_default();
                    active.set(0);
                    focus_bar(0);
                }
                "End" => {
                    e.prevent_default();
                    active.set(n - 1);
                    focus_bar(n - 1);
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
        let class = classes!("bar", in_range(&bin.bound).then_some("in-range"));
        html! {
            <g class={class} id={format!("bar-{i}")} role="button" aria-label={label.clone()}
                tabindex={if i == *active { "0" } else { "-1" }}
                {onpointerdown} {onpointerup} {onkeydown}>
                <title>{ label }</title>
                <rect class="imprecise" x={(x + 5).to_string()} y={(HEIGHT - h).to_string()}
                    width={width.to_string()} height={h.to_string()} />
                <rect class="fill" x={(x + 5).to_string()} y={(HEIGHT - precise_h).to_string()}
                    width={width.to_string()} height={precise_h.to_string()} />
                <rect class="hit" x={x.to_string()} y="0" width={(next_x - x).to_string()} height={HEIGHT.to_string()} />
            </g>
        }
    });
    let years = bars.iter().enumerate().filter(|(_, b)| b.bound.len() == 4 || b.bound.ends_with("-01")).map(|(i, b)| {
        html! { <text class="axis" x={(x_of(i) + 10).to_string()} y={(HEIGHT + 110).to_string()}>{ &b.bound[..4] }</text> }
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
    {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(el) {
            let _ = el.focus();
        }
    }
}
