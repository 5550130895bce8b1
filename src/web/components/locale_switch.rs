//! The language switch: changes, remembers and applies the UI locale.

use super::t;
use crate::web::action::Action;
use crate::web::hooks::use_app;
use crate::web::locale;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A labelled `<select>` of the offered locales, each named in its own language.
#[function_component(LocaleSwitch)]
pub fn locale_switch() -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let lang = e.target_unchecked_into::<HtmlSelectElement>().value();
            if lang != app.lang() {
                let ui = locale::ui_localizer(&lang);
                locale::apply(&ui, true);
                app.dispatch(Action::SetLocale {
                    loc: Rc::new(ui),
                    full: false,
                });
            }
        })
    };
    html! {
        <div class="locale-switch">
            <label for="locale-select">{ t(&loc, "ui-language-label") }</label>
            <select id="locale-select" {onchange}>
                { for locale::locales().into_iter().map(|l| html! {
                    <option value={l} lang={l} selected={l == loc.lang()}>
                        { t(&loc, &format!("ui-language-name-{l}")) }
                    </option>
                }) }
            </select>
        </div>
    }
}
