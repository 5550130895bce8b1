//! What the results column says before anything is pasted: what to paste and where it stays.

use super::t;
use crate::web::hooks::use_app;
use yew::prelude::*;

/// The empty state.
#[function_component(EmptyState)]
pub fn empty_state() -> Html {
    let app = use_app();
    let loc = &app.loc;
    html! {
        <div class="empty-state">
            <h3>{ t(loc, "ui-empty-heading") }</h3>
            <p>{ t(loc, "ui-empty-intro") }</p>
            <ul>
                <li>{ t(loc, "ui-empty-whole-message") }</li>
                <li>{ t(loc, "ui-empty-error-line") }</li>
                <li>{ t(loc, "ui-empty-file") }</li>
            </ul>
            <p class="privacy">{ t(loc, "ui-empty-privacy") }</p>
        </div>
    }
}
