//! Loads the active locale's explanation messages and keeps `<html lang>` and the title in step.

use super::AppHandle;
use crate::web::action::Action;
use crate::web::{engine, locale};
use std::rc::Rc;
use yew::prelude::*;

/// Whenever the locale changes: updates the document, then fetches its full bundle once and
/// hands it to the analysis engine too (which explains in that locale).
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
                    let loaded = match locale::full_sources(&lang).await {
                        Ok(sources) => {
                            engine::set_locale(&lang, &sources);
                            let refs: Vec<&str> = sources.iter().map(|s| &**s).collect();
                            crate::i18n::Localizer::from_sources(&lang, &refs)
                        }
                        Err(e) => Err(e),
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
