//! The root component: owns the state, provides it to every component, lays out the page.

use super::header::Header;
use super::input_panel::InputPanel;
use super::results::Results;
use super::t;
use super::update_banner::UpdateBanner;
use crate::web::hooks::{use_analysis, use_embedding, use_locale_loader, AppHandle};
use crate::web::locale;
use crate::web::state::AppState;
use std::rc::Rc;
use yew::prelude::*;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let app: AppHandle = use_reducer(|| AppState::new(Rc::new(locale::ui_localizer(locale::initial()))));
    use_locale_loader(app.clone());
    use_analysis(app.clone());
    use_embedding(app.clone());
    // The analysis engine (a worker with the whole core) loads right after the first render, so
    // the page appears at once and a paste finds the engine ready.
    use_effect_with((), |_| {
        crate::web::engine::start();
    });
    {
        // A shared link: the text is in the fragment, which never reached any server.
        let app = app.clone();
        use_effect_with((), move |_| {
            let hash = crate::web::dom::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if let Some(text) = crate::web::share::decode_fragment(&hash) {
                app.dispatch(crate::web::action::Action::SetText {
                    text: Rc::from(text),
                    immediate: true,
                    external: true,
                });
            }
        });
    }
    let loc = app.loc.clone();
    html! {
        <ContextProvider<AppHandle> context={app.clone()}>
            <a class="skip-link" href="#results">{ t(&loc, "ui-skip-to-results") }</a>
            <Header />
            <UpdateBanner loc={super::Loc(loc.clone())} />
            <main class="layout">
                <InputPanel />
                <Results />
            </main>
            <footer class="footer">
                <p>{ t(&loc, "ui-footer-privacy") }</p>
            </footer>
        </ContextProvider<AppHandle>>
    }
}
