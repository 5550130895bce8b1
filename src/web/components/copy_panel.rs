//! "Copy explanation": plain text or Markdown, in the chosen locale, for a ticket.

use super::t;
use crate::web::action::{Action, CopyFormat, CopyStatus};
use crate::web::analysis::Analysis;
use crate::web::hooks::use_app;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Properties of [`CopyPanel`].
#[derive(Properties, PartialEq)]
pub struct CopyPanelProps {
    /// The analysis whose explanation is copied.
    pub analysis: Rc<Analysis>,
}

/// The text copied for `format`.
pub fn copy_text(a: &Analysis, format: CopyFormat) -> &str {
    match format {
        CopyFormat::Plain => &a.plain,
        CopyFormat::Markdown => &a.markdown,
    }
}

/// The copy controls.
#[function_component(CopyPanel)]
pub fn copy_panel(props: &CopyPanelProps) -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    let format = app.copy_format;
    let pick = |f: CopyFormat| {
        let app = app.clone();
        Callback::from(move |_e: Event| app.dispatch(Action::SetCopyFormat(f)))
    };
    let onclick = {
        let app = app.clone();
        let text = copy_text(&props.analysis, format).to_string();
        Callback::from(move |_e: MouseEvent| {
            let app = app.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match crate::web::dom::window() {
                    Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text))
                        .await
                        .is_ok(),
                    None => false,
                };
                app.dispatch(Action::Copied(if ok { CopyStatus::Copied } else { CopyStatus::Failed }));
            });
        })
    };
    let status = match app.copy_status {
        Some(CopyStatus::Copied) => t(&loc, "ui-copy-done"),
        Some(CopyStatus::Failed) => t(&loc, "ui-copy-failed"),
        None => String::new(),
    };
    html! {
        <section class="card copy-panel" aria-labelledby="copy-heading">
            <h2 id="copy-heading">{ t(&loc, "ui-copy-heading") }</h2>
            <fieldset class="copy-format">
                <legend>{ t(&loc, "ui-copy-format") }</legend>
                <label>
                    <input type="radio" name="copy-format" value="plain"
                        checked={format == CopyFormat::Plain} onchange={pick(CopyFormat::Plain)} />
                    { t(&loc, "ui-copy-plain") }
                </label>
                <label>
                    <input type="radio" name="copy-format" value="markdown"
                        checked={format == CopyFormat::Markdown} onchange={pick(CopyFormat::Markdown)} />
                    { t(&loc, "ui-copy-markdown") }
                </label>
            </fieldset>
            <button type="button" class="button primary" id="copy-button" {onclick}>{ t(&loc, "ui-copy-button") }</button>
            <span class="copy-status" role="status" aria-live="polite">{ status }</span>
        </section>
    }
}
