//! The page header: name, one-line purpose and the language switch.

use super::locale_switch::LocaleSwitch;
use super::t;
use crate::web::hooks::use_app;
use yew::prelude::*;

/// The top bar.
#[function_component(Header)]
pub fn header() -> Html {
    let app = use_app();
    let loc = &app.loc;
    html! {
        <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                    <rect x="3" y="7" width="26" height="18" rx="3" />
                    <path d="M3 9l13 9 13-9" />
                    <path class="logo-return" d="M22 27h-8m0 0l3-3m-3 3l3 3" />
                </svg>
                <div>
                    <h1 class="app-name">{ t(loc, "ui-app-name") }</h1>
                    <p class="tagline">{ t(loc, "ui-tagline") }</p>
                </div>
            </div>
            <LocaleSwitch />
        </header>
    }
}
