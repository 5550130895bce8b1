//! Loads the active locale's explanation messages and keeps `<html lang>` and the title in step.

use super::AppHandle;
use crate::web::action::Action;
use crate::web::{engine, locale};
use std::rc::Rc;
use yew::prelude::*;

/// Whenever the locale changes: updates the document, then fetches its two bundles once: the
/// page's (for its own localizer) and the engine's (handed to the analysis engine, which
/// explains in that locale). Analysis waits for both (`loc_full`).
#[hook]
pub fn use_locale_loader(app: AppHandle) {
    let lang = app.lang().to_string();
    let full = app.loc_full;
    {
        let app = app.clone();
        use_effect_with((lang.clone(), full), move |(lang, full)| {
            locale::apply(&app.loc, false);
            if !*full {
                let lang = lang.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let (page, for_engine) =
                        futures::future::join(locale::page_sources(&lang), locale::engine_sources(&lang)).await;
                    let loaded = match (page, for_engine) {
                        (Ok(page), Ok(for_engine)) => {
                            engine::set_locale(&lang, &for_engine);
                            let refs: Vec<&str> = page.iter().map(|s| &**s).collect();
                            crate::i18n::Localizer::from_sources(&lang, &refs)
                        }
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    };
                    match loaded {
                        Ok(loc) => app.dispatch(Action::SetLocale {
                            loc: Rc::new(loc),
                            full: true,
                        }),
                        Err(_) => app.dispatch(Action::LocaleFailed),
                    }
                });
            }
        });
    }
}
