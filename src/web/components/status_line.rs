//! A live region saying what the analysis is doing, with a progress bar for large inputs.

use super::ta;
use crate::web::engine::LARGE_INPUT;
use crate::web::hooks::use_app;
use crate::web::state::Phase;
use yew::prelude::*;

/// Bytes as message arguments for a short size ("12.5 MB", in Polish "12,5 MB").
pub fn size_args(bytes: usize, lang: &str) -> Vec<(&'static str, String)> {
    if bytes >= 1024 * 1024 {
        let n = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        let n = if lang == "pl" { n.replace('.', ",") } else { n };
        vec![("size", n), ("unit", "MB".into())]
    } else {
        vec![("size", format!("{}", bytes.div_ceil(1024))), ("unit", "KB".into())]
    }
}

/// The status line under the input.
#[function_component(StatusLine)]
pub fn status_line() -> Html {
    let app = use_app();
    let loc = &app.loc;
    let size = size_args(app.text.len(), app.lang());
    let (msg, busy) = match &app.phase {
        Phase::Empty => (String::new(), false),
        Phase::Waiting if !app.loc_full && !app.loc_failed => (ta(loc, "ui-status-loading-locale", &[]), true),
        Phase::Waiting => (String::new(), false),
        Phase::Running { .. } if app.text.len() > LARGE_INPUT => (ta(loc, "ui-status-analysing-large", &size), true),
        Phase::Running { .. } => (ta(loc, "ui-status-analysing", &[]), true),
        Phase::Done if app.batch.is_some() && !app.batch_hidden => {
            (app.batch.as_ref().map(|b| b.status.clone()).unwrap_or_default(), false)
        }
        Phase::Done => {
            let n = app.analysis.as_ref().map(|a| a.facts.len()).unwrap_or(0);
            let ms = app.elapsed_ms.unwrap_or(0.0);
            (
                ta(
                    loc,
                    "ui-status-done",
                    &[("count", n.to_string()), ("ms", format!("{}", ms.round() as i64))],
                ),
                false,
            )
        }
        Phase::Failed => (ta(loc, "ui-status-failed", &[]), false),
    };
    html! {
        <div class="status-line" role="status" aria-live="polite">
            if busy && matches!(app.phase, Phase::Running { progress: true }) {
                <progress class="progress" aria-label={ta(loc, "ui-progress-label", &[])}></progress>
            }
            <span>{ msg }</span>
        </div>
    }
}
