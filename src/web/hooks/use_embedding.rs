//! Inside `<bounce-explainer>`: takes text and locale from the host, reports the frame's
//! height and every shown result (as the CLI's JSON object) back to it.

use super::AppHandle;
use crate::web::action::Action;
use crate::web::embed::{self, Mode};
use crate::web::locale;
use crate::web::state::Phase;
use std::rc::Rc;
use yew::prelude::*;

/// Does nothing unless the page runs as an embed (`?embed=1`).
#[hook]
pub fn use_embedding(app: AppHandle) {
    let embedded = embed::mode() == Mode::Embed;
    {
        let app = app.clone();
        use_effect_with(embedded, move |embedded| {
            if *embedded {
                embed::listen(move |req| {
                    if let Some(lang) = req.lang.filter(|l| locale::ui_source(l).is_some()) {
                        app.dispatch(Action::SetLocale {
                            loc: Rc::new(locale::ui_localizer(&lang)),
                            full: false,
                        });
                    }
                    if let Some(text) = req.text {
                        app.dispatch(Action::SetText {
                            text: Rc::from(text),
                            immediate: true,
                            external: true,
                        });
                    }
                });
                embed::observe_size();
            }
        });
    }
    let shown = (app.phase == Phase::Done).then(|| app.analysis.clone()).flatten();
    use_effect_with(shown, move |shown| {
        if embedded {
            if let Some(json) = shown.as_ref().and_then(|a| a.json.as_deref()) {
                embed::report_result(json);
            }
            embed::report_size();
        }
    });
}
