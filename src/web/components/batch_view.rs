//! The batch view: many messages analysed at once. While the engine works, a progress bar and
//! "Cancel"; then the summary (sentences, tables by reason, permanence, recipient domain and
//! refusing host, bars for reason and domain), CSV / JSON downloads and the list of messages,
//! each opening its own explanation. Every text comes localized from the engine; this only
//! lays it out.

use crate::web::protocol::{BatchGroup, BatchRow};
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
    let l = &b.labels;
    let body = match &b.summary {
        None => {
            let cancel = p.on_cancel.reform(|_: MouseEvent| ());
            html! {
                <div class="batch-progress">
                    <progress class="progress" max={b.total.to_string()} value={b.done.to_string()}
                        aria-label={l.progress.clone()} aria-valuemin="0" aria-valuemax={b.total.to_string()}
                        aria-valuenow={b.done.to_string()} aria-valuetext={b.label.clone()}></progress>
                    <span>{ &b.label }</span>
                    <button type="button" class="button secondary" onclick={cancel}>{ &l.cancel }</button>
                </div>
            }
        }
        Some(s) => {
            let csv = p.on_export.reform(|_: MouseEvent| false);
            let json = p.on_export.reform(|_: MouseEvent| true);
            html! {
                <>
                    if b.cancelled {
                        <p class="notice" role="status">{ &l.cancelled }</p>
                    }
                    { for s.lines.iter().map(|t| html! { <p>{ t }</p> }) }
                    <div class="input-actions">
                        <button type="button" class="button" onclick={csv}>{ &l.csv }</button>
                        <button type="button" class="button" onclick={json}>{ &l.json }</button>
                    </div>
                    { for s.groups.iter().map(|g| group(g, &l.columns)) }
                    <List rows={b.rows.clone()} batch={b.clone()} on_open={p.on_open.clone()} />
                </>
            }
        }
    };
    html! {
        <section class="facts batch" aria-labelledby="batch-heading" data-messages={b.summary.as_ref().map(|s| s.messages.to_string())}>
            <h2 id="batch-heading">{ &l.heading }</h2>
            { body }
        </section>
    }
}

/// One summary table; with `chart`, a bar per row (drawn, hidden from assistive technology:
/// the count beside it says the same).
fn group(g: &BatchGroup, columns: &[String; 2]) -> Html {
    let max = g.rows.iter().map(|r| r.2).max().unwrap_or(1).max(1) as f64;
    html! {
        <div class="table-wrap"><table data-group={g.id.clone()}>
            <caption>{ &g.title }</caption>
            <thead><tr>
                <th scope="col">{ &g.column }</th>
                <th scope="col">{ &columns[0] }</th>
                if g.chart { <th scope="col">{ &columns[1] }</th> }
            </tr></thead>
            <tbody>
                { for g.rows.iter().map(|(key, label, n)| html! {
                    <tr data-key={key.clone()}>
                        <th scope="row">{ label }</th>
                        <td class="count">{ n }</td>
                        if g.chart {
                            <td class="bar-cell">
                                <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                    <rect width={format!("{:.1}", *n as f64 * 100.0 / max)} height="8" />
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
    batch: Rc<Batch>,
    on_open: Callback<u32>,
}

/// The messages, a page at a time.
#[function_component(List)]
fn list(p: &ListProps) -> Html {
    let page = use_state(|| 0usize);
    let l = &p.batch.labels;
    let total = p.rows.len();
    let from = (*page * PAGE).min(total);
    let to = (from + PAGE).min(total);
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let range = l
        .page
        .replace("{from}", &(from + 1).min(total).to_string())
        .replace("{to}", &to.to_string())
        .replace("{total}", &total.to_string());
    html! {
        <>
            <h3 id="batch-list-heading">{ &l.list }</h3>
            <p class="help">{ &l.open }</p>
            <div class="table-wrap"><table class="batch-list" aria-labelledby="batch-list-heading">
                <thead><tr>{ for l.list_columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                <tbody>
                    { for p.rows[from..to].iter().map(|r| {
                        let index = r.index;
                        let open = p.on_open.reform(move |_: MouseEvent| index);
                        html! {
                            <tr>
                                <td><button type="button" class="link" onclick={open}>{ &r.cells[0] }</button></td>
                                { for r.cells[1..].iter().map(|c| html! { <td>{ c }</td> }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table></div>
            <div class="input-actions">
                <button type="button" class="button secondary" disabled={from == 0} onclick={go(page.saturating_sub(1))}>{ &l.prev }</button>
                <span class="batch-range">{ range }</span>
                <button type="button" class="button secondary" disabled={to >= total} onclick={go(*page + 1)}>{ &l.next }</button>
            </div>
        </>
    }
}
