//! The "Try an example" menu: loads one of the bundled example bounces into the input.

use super::t;
use crate::web::action::Action;
use crate::web::examples::EXAMPLES;
use crate::web::hooks::use_app;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A labelled `<select>`; choosing an entry loads it and resets the menu.
#[function_component(ExamplesMenu)]
pub fn examples_menu() -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            if let Some(ex) = EXAMPLES.iter().find(|ex| ex.id == select.value()) {
                app.dispatch(Action::SetText {
                    text: Rc::from(ex.text),
                    immediate: true,
                    external: true,
                });
            }
            select.set_value("");
        })
    };
    html! {
        <div class="examples">
            <label for="examples-select">{ t(&loc, "ui-examples-label") }</label>
            <select id="examples-select" {onchange}>
                <option value="" selected=true>{ t(&loc, "ui-examples-choose") }</option>
                { for EXAMPLES.iter().map(|ex| html! {
                    <option value={ex.id}>{ t(&loc, &format!("ui-example-{}", ex.id)) }</option>
                }) }
            </select>
        </div>
    }
}
