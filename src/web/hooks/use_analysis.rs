//! Runs the analysis after the user stops typing (at once for a paste, drop or file), in the
//! analysis engine (a Web Worker, see [`crate::web::engine`]).

use super::AppHandle;
use crate::web::action::Action;
use crate::web::state::Phase;
use crate::web::{dom, engine};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds of quiet typing before the text is analysed.
pub const TYPING_DEBOUNCE_MS: u32 = 300;

/// Starts an analysis whenever the text (or the locale) changes and the locale is loaded.
/// (The engine compiles the knowledge base's patterns once when it starts, so the first paste
/// is explained as fast as later ones.)
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

/// Sends many messages to the engine as one batch; its replies go to the state. A batch of the
/// text of input `generation` is dropped if the text has changed since.
pub fn start_batch(app: AppHandle, input: engine::BatchInput, generation: Option<u64>) {
    let clear_text = matches!(input, engine::BatchInput::Files(_));
    let handle = app.clone();
    let id = engine::batch_start(app.lang(), input, Rc::new(move |r| handle.dispatch(Action::Batch(r))));
    app.dispatch(Action::BatchRequested {
        id,
        clear_text,
        generation,
    });
}

fn run(app: AppHandle, generation: u64) {
    let start = dom::now_ms();
    app.dispatch(Action::AnalysisStarted {
        generation,
        progress: app.text.len() > engine::LARGE_INPUT || !engine::is_ready(),
    });
    // An mbox (several messages): a batch, unless the engine found only one message in it.
    if app.text.starts_with("From ") && !app.single_only {
        let text = app.text.to_string();
        return start_batch(app, engine::BatchInput::Text(text), Some(generation));
    }
    let handle = app.clone();
    // Embedded, the result goes to the host page as the core's JSON: ask for it.
    let with_report = crate::web::embed::mode() == crate::web::embed::Mode::Embed;
    // Several reports pasted one after another: a batch (unless the text is one of a batch's
    // messages, or the engine already found one message only).
    let text = app.text.clone();
    engine::analyse(
        app.lang(),
        &app.text,
        false,
        with_report,
        app.single_only,
        move |result| match result {
            engine::Answer::Analysis(a) => handle.dispatch(Action::AnalysisDone {
                generation,
                analysis: Rc::from(a),
                elapsed_ms: dom::now_ms() - start,
            }),
            engine::Answer::Several => {
                start_batch(handle, engine::BatchInput::Text(text.to_string()), Some(generation))
            }
            engine::Answer::Failed => handle.dispatch(Action::AnalysisFailed { generation }),
        },
    );
}
