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

/// Milliseconds of idle time after the locale loads before the analysis engine is warmed up.
pub const WARM_UP_DELAY_MS: u32 = 700;

/// Starts an analysis whenever the text (or the locale) changes and the locale is loaded.
/// Also warms the core up once while the page is idle (the knowledge base compiles its
/// patterns on first use), so the first paste is explained as fast as later ones.
#[hook]
pub fn use_analysis(app: AppHandle) {
    let warmed = use_mut_ref(|| false);
    {
        let app = app.clone();
        use_effect_with(app.loc_full, move |full| {
            let timer = (*full && !*warmed.borrow()).then(|| {
                Timeout::new(WARM_UP_DELAY_MS, move || {
                    // Only while there is still no input (the state handle here is a snapshot,
                    // so ask the page: the results column says its phase).
                    let idle = dom::document()
                        .and_then(|d| d.get_element_by_id("results"))
                        .and_then(|e| e.get_attribute("data-phase"))
                        .is_some_and(|p| p == "empty");
                    if idle && !*warmed.borrow() {
                        *warmed.borrow_mut() = true;
                        let t0 = dom::now_ms();
                        // A reply line and a whole DSN: both parsing paths compile their patterns.
                        for text in [
                            crate::web::examples::WARM_UP_TEXT,
                            crate::web::examples::EXAMPLES[1].text,
                        ] {
                            let _ = analysis::run(text, &app.loc);
                        }
                        dom::set_data_attribute("warmupMs", &format!("{:.0}", dom::now_ms() - t0));
                    }
                })
            });
            move || drop(timer)
        });
    }
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
