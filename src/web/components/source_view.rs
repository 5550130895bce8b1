//! The pasted text with the reply code, status, failing host and recipient highlighted.
//! Always rendered as text nodes (Yew escapes them), never as HTML.

use super::status_line::size_args;
use super::{t, ta, Loc};
use crate::web::analysis::{Analysis, Mark};
use crate::web::highlight::{pieces, Piece};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`SourceView`].
#[derive(Properties, PartialEq)]
pub struct SourceViewProps {
    /// The analysis with the spans.
    pub analysis: Rc<Analysis>,
    /// The text the spans point into.
    pub text: Rc<str>,
    /// The texts.
    pub loc: Loc,
}

const LEGEND: [Mark; 5] = [
    Mark::ReplyCode,
    Mark::Status,
    Mark::RemoteMta,
    Mark::Recipient,
    Mark::Diagnostic,
];

/// The highlighted source.
#[function_component(SourceView)]
pub fn source_view(props: &SourceViewProps) -> Html {
    let loc = &props.loc;
    let text = &*props.text;
    // Spans are only valid for the text that was analysed.
    let spans = if props.analysis.input_bytes == text.len() {
        &props.analysis.spans[..]
    } else {
        &[]
    };
    let parts = use_memo((props.text.clone(), spans.to_vec()), |(text, spans)| {
        pieces(text, spans)
    });
    let present: Vec<Mark> = LEGEND
        .iter()
        .copied()
        .filter(|m| spans.iter().any(|s| s.what == *m))
        .collect();
    let label = |m: Mark| t(loc, &format!("ui-mark-{}", m.as_str()));
    let pre = use_node_ref();
    {
        // Scroll the text box (not the page) to the first highlight of a new result.
        let pre = pre.clone();
        use_effect_with(props.analysis.clone(), move |_| {
            if let Some(pre) = pre.cast::<web_sys::HtmlElement>() {
                let first = pre
                    .query_selector("mark.hl-reply-code, mark.hl-status, mark.hl")
                    .ok()
                    .flatten()
                    .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(m) = first {
                    pre.set_scroll_top((m.offset_top() - 48).max(0));
                }
            }
        });
    }
    html! {
        <section class="card source-card" aria-labelledby="source-heading">
            <h2 id="source-heading">{ t(loc, "ui-source-heading") }</h2>
            if !present.is_empty() {
                <ul class="legend" aria-label={t(loc, "ui-legend-label")}>
                    { for present.iter().map(|m| html! {
                        <li><mark class={classes!("hl", format!("hl-{}", m.as_str()))}>{ label(*m) }</mark></li>
                    }) }
                </ul>
            }
            <pre ref={pre} class="source" tabindex="0" role="region" aria-label={t(loc, "ui-source-label")}><code>
                { for parts.iter().map(|p| match p {
                    Piece::Text { start, end, mark: None } => html! { { &text[*start..*end] } },
                    Piece::Text { start, end, mark: Some(m) } => html! {
                        <mark class={classes!("hl", format!("hl-{}", m.as_str()))} title={label(*m)}>
                            { &text[*start..*end] }
                        </mark>
                    },
                    Piece::Gap(n) => html! {
                        <span class="gap">{ ta(loc, "ui-source-gap", &size_args(*n, loc.lang())) }</span>
                    },
                }) }
            </code></pre>
        </section>
    }
}
