//! The batch view: many messages analysed at once. While the engine works, a progress bar and
//! "Cancel"; then the summary (sentences, tables by reason, permanence, recipient domain and
//! refusing host, bars for reason and domain), CSV / JSON downloads and the list of messages,
//! each opening its own explanation. Every text comes localized from the engine; this only
//! lays it out.

use crate::web::protocol::{label, BatchGroup, BatchRow, Label};
use crate::web::state::Batch;
use std::rc::Rc;
use yew::prelude::*;

/// List rows per page (a page renders in a few milliseconds, whatever the batch's size).
const PAGE: usize = 100;

/// The batch view's properties.
#[derive(Properties, PartialEq)]
pub struct BatchViewProps {
    /// The batch.
    pub batch: Rc<Batch>,
    /// Opens message `index`'s explanation.
    pub on_open: Callback<u32>,
    /// Cancels the batch.
    pub on_cancel: Callback<()>,
    /// Downloads the results: `true` JSON, `false` CSV.
    pub on_export: Callback<bool>,
}

/// The batch view.
#[function_component(BatchView)]
pub fn batch_view(p: &BatchViewProps) -> Html {
    let b = &p.batch;
    let labels: &[String] = &b.labels;
    let l = move |which| label(labels, which);
    let body = match &b.summary {
        None => html! {
            <div class="batch-progress">
                <progress class="progress" max={b.total.to_string()} value={b.done.to_string()}
                    aria-label={l(Label::Progress).to_string()} aria-valuemin="0" aria-valuemax={b.total.to_string()}
                    aria-valuenow={b.done.to_string()} aria-valuetext={b.label.clone()}></progress>
                <span>{ &b.label }</span>
                <button type="button" class="button secondary" onclick={p.on_cancel.reform(|_| ())}>{ l(Label::Cancel) }</button>
            </div>
        },
        Some(s) => html! {
            <>
                if b.cancelled {
                    <p class="notice" role="status">{ l(Label::Cancelled) }</p>
                }
                { for s.1.iter().map(|t| html! { <p>{ t }</p> }) }
                <div class="input-actions">
                    <button type="button" class="button" onclick={p.on_export.reform(|_| false)}>{ l(Label::Csv) }</button>
                    <button type="button" class="button" onclick={p.on_export.reform(|_| true)}>{ l(Label::Json) }</button>
                </div>
                { for s.2.iter().map(|g| group(g, l(Label::Count), l(Label::Bar))) }
                <List rows={b.rows.clone()} labels={b.labels.clone()} on_open={p.on_open.clone()} />
            </>
        },
    };
    html! {
        <section class="facts batch" aria-labelledby="batch-heading" data-messages={b.summary.as_ref().map(|s| s.0.to_string())}>
            <h2 id="batch-heading">{ l(Label::Heading) }</h2>
            { body }
        </section>
    }
}

/// One summary table; when it is a chart, a bar per row (hidden from assistive technology: the
/// count beside it says the same).
fn group(g: &BatchGroup, count: &str, bar: &str) -> Html {
    let chart = g.3;
    let max = g.4.iter().map(|r| r.2).max().unwrap_or(1).max(1) as f32;
    html! {
        <div class="table-wrap"><table data-group={g.0.clone()}>
            <caption>{ &g.1 }</caption>
            <thead><tr>
                <th scope="col">{ &g.2 }</th>
                <th scope="col">{ count }</th>
                if chart { <th scope="col">{ bar }</th> }
            </tr></thead>
            <tbody>
                { for g.4.iter().map(|(key, label, n)| html! {
                    <tr data-key={key.clone()}>
                        <th scope="row">{ label }</th>
                        <td class="count">{ n }</td>
                        if chart {
                            <td>
                                <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                    <rect width={((*n as f32 * 100.0 / max) as u32).to_string()} height="8" />
                                </svg>
                            </td>
                        }
                    </tr>
                }) }
            </tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    rows: Rc<Vec<BatchRow>>,
    labels: Rc<Vec<String>>,
    on_open: Callback<u32>,
}

/// The messages, a page at a time.
#[function_component(List)]
fn list(p: &ListProps) -> Html {
    let page = use_state(|| 0usize);
    let labels: &[String] = &p.labels;
    let l = move |which| label(labels, which);
    let total = p.rows.len();
    let from = (*page * PAGE).min(total);
    let to = (from + PAGE).min(total);
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let range = l(Label::Page)
        .replace("{from}", &(from + 1).min(total).to_string())
        .replace("{to}", &to.to_string())
        .replace("{total}", &total.to_string());
    let columns = p.labels.get(Label::Columns as usize..).unwrap_or_default();
    html! {
        <>
            <h3 id="batch-list-heading">{ l(Label::List) }</h3>
            <p class="help">{ l(Label::Open) }</p>
            <div class="table-wrap"><table class="batch-list" aria-labelledby="batch-list-heading">
                <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                <tbody>
                    { for p.rows[from..to].iter().map(|r| {
                        let index = r.0;
                        html! {
                            <tr>
                                { for r.1.iter().enumerate().map(|(i, c)| html! {
                                    <td>
                                        if i == 0 {
                                            <button type="button" class="link" onclick={p.on_open.reform(move |_| index)}>{ c }</button>
                                        } else {
                                            { c }
                                        }
                                    </td>
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table></div>
            <div class="input-actions">
                <button type="button" class="button secondary" disabled={from == 0} onclick={go(page.saturating_sub(1))}>{ l(Label::Prev) }</button>
                <span>{ range }</span>
                <button type="button" class="button secondary" disabled={to >= total} onclick={go(*page + 1)}>{ l(Label::Next) }</button>
            </div>
        </>
    }
}
