//! What the results column says before anything is pasted: what to paste and where it stays.

use super::{t, Loc};
use yew::prelude::*;

/// Properties of [`EmptyState`].
#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// The texts.
    pub loc: Loc,
}

/// The empty state.
#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let loc = &props.loc;
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
