//! Runs the analysis after the user stops typing (at once for a paste, drop or file),
//! on the main thread for ordinary inputs and in the worker for large ones.

use super::AppHandle;
use crate::web::action::Action;
use crate::web::state::Phase;
use crate::web::{analysis, dom, locale, worker};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds of quiet typing before the text is analysed.
pub const TYPING_DEBOUNCE_MS: u32 = 300;

/// Starts an analysis whenever the text (or the locale) changes and the locale is loaded.
#[hook]
pub fn use_analysis(app: AppHandle) {
    let generation = app.generation;
    let ready = app.loc_full && app.phase == Phase::Waiting;
    use_effect_with((generation, ready), move |(generation, ready)| {
        let generation = *generation;
        let timer = ready.then(|| {
            let delay = if app.immediate { 0 } else { TYPING_DEBOUNCE_MS };
            Timeout::new(delay, move || run(app, generation))
        });
        move || drop(timer)
    });
}

fn run(app: AppHandle, generation: u64) {
    let text = app.text.clone();
    let loc = app.loc.clone();
    let start = dom::now_ms();
    if text.len() > worker::WORKER_THRESHOLD && worker::available() {
        if let Some(sources) = locale::cached_sources(loc.lang()) {
            app.dispatch(Action::AnalysisStarted {
                generation,
                in_worker: true,
            });
            let handle = app.clone();
            let started = worker::analyse(generation, loc.lang(), &sources, &text, move |g, result| {
                let g = if g == u64::MAX { generation } else { g };
                match result {
                    Some(a) => handle.dispatch(Action::AnalysisDone {
                        generation: g,
                        analysis: Rc::new(a),
                        elapsed_ms: dom::now_ms() - start,
                    }),
                    None => handle.dispatch(Action::AnalysisFailed { generation: g }),
                }
            });
            if started {
                return;
            }
        }
    }
    app.dispatch(Action::AnalysisStarted {
        generation,
        in_worker: false,
    });
    let result = analysis::run(&text, &loc);
    app.dispatch(Action::AnalysisDone {
        generation,
        analysis: Rc::new(result),
        elapsed_ms: dom::now_ms() - start,
    });
}
