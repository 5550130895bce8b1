//! The "Try an example" menu: loads one of the bundled example bounces into the input.

use super::t;
use crate::web::action::Action;
use crate::web::engine;
use crate::web::examples::EXAMPLE_IDS;
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
            // The texts are the engine's; it hands the picked one over.
            let app = app.clone();
            engine::example(&select.value(), move |text| {
                if let Some(text) = text {
                    app.dispatch(Action::SetText {
                        text: Rc::from(text),
                        immediate: true,
                        external: true,
                    });
                }
            });
            select.set_value("");
        })
    };
    html! {
        <div class="examples">
            <label for="examples-select">{ t(&loc, "ui-examples-label") }</label>
            <select id="examples-select" {onchange}>
                <option value="" selected=true>{ t(&loc, "ui-examples-choose") }</option>
                { for EXAMPLE_IDS.iter().map(|id| html! {
                    <option value={*id}>{ t(&loc, &format!("ui-example-{id}")) }</option>
                }) }
            </select>
        </div>
    }
}
