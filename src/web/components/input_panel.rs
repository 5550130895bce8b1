//! The input: a text area that takes typing, pasting and dropped files, plus "Open file",
//! the examples menu and "Clear".

use super::examples_menu::ExamplesMenu;
use super::status_line::size_args;
use super::status_line::StatusLine;
use super::{t, ta};
use crate::web::action::Action;
use crate::web::engine::BatchInput;
use crate::web::hooks::{start_batch, use_app, AppHandle};
use crate::web::state::EDITOR_LIMIT;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement, InputEvent};
use yew::prelude::*;

/// Reads a file the user gave (dropped or opened) as text and puts it in the input. An Outlook
/// `.msg` file (a Compound File Binary, known by its first 8 bytes) is binary: the engine renders
/// it as the text of a message, which goes in the input instead.
/// An mbox file (or several files) goes to the engine whole, as a batch.
fn load_file(app: AppHandle, file: web_sys::File) {
    wasm_bindgen_futures::spawn_local(async move {
        let head = head(&file).await;
        if head.starts_with(b"From ") {
            return start_batch(app, BatchInput::Files(vec![file]), None);
        }
        if head == crate::parse::msg::CFB_SIGNATURE {
            let whole = match JsFuture::from(file.array_buffer()).await {
                Ok(b) => js_sys::Uint8Array::new(&b),
                Err(_) => return app.dispatch(Action::FileFailed),
            };
            crate::web::engine::render_msg(whole, move |text| match text {
                Some(text) => app.dispatch(Action::SetText {
                    text: Rc::from(text),
                    immediate: true,
                    external: true,
                }),
                None => app.dispatch(Action::FileFailed),
            });
            return;
        }
        match JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
            Some(text) => app.dispatch(Action::SetText {
                text: Rc::from(text),
                immediate: true,
                external: true,
            }),
            None => app.dispatch(Action::FileFailed),
        }
    });
}

/// The file's first 8 bytes (an Outlook `.msg` starts with the Compound File Binary signature,
/// an mbox with `From `).
async fn head(file: &web_sys::File) -> Vec<u8> {
    let Ok(head) = file.slice_with_i32_and_i32(0, 8) else {
        return Vec::new();
    };
    match JsFuture::from(head.array_buffer()).await {
        Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// One file is read as one input (or a batch, when it is an mbox); several are a batch.
fn load_files(app: AppHandle, list: Option<web_sys::FileList>) -> bool {
    let mut files: Vec<web_sys::File> = list
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default();
    match files.len() {
        0 => return false,
        1 => load_file(app, files.remove(0)),
        _ => start_batch(app, BatchInput::Files(files), None),
    }
    true
}

/// The input panel.
#[function_component(InputPanel)]
pub fn input_panel() -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    let dragging = use_state(|| false);
    let file_input = use_node_ref();

    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let pasted = e.input_type().starts_with("insertFromPaste") || e.input_type() == "insertFromDrop";
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            app.dispatch(Action::SetText {
                text: Rc::from(text),
                immediate: pasted,
                external: false,
            });
        })
    };
    // A paste of megabytes is kept out of the text area, as an opened file is: laying out that
    // much text freezes the browser for seconds, while the analysis itself takes a fraction.
    let onpaste = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(text) = ce.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
                return;
            };
            if text.len() > EDITOR_LIMIT {
                e.prevent_default();
                app.dispatch(Action::SetText {
                    text: Rc::from(text),
                    immediate: true,
                    external: true,
                });
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_e: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let app = app.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if load_files(app.clone(), dt.files()) {
                e.prevent_default();
            }
        })
    };
    let open_click = {
        let file_input = file_input.clone();
        Callback::from(move |_e: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onfile = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            load_files(app.clone(), input.files());
            input.set_value("");
        })
    };
    let clear = {
        let app = app.clone();
        Callback::from(move |_e: MouseEvent| {
            crate::web::engine::batch_cancel();
            app.dispatch(Action::Clear)
        })
    };
    let empty = app.text.is_empty() && app.batch.is_none();
    let textarea = use_node_ref();
    {
        // The text area is uncontrolled: only text from elsewhere is written into it.
        let textarea = textarea.clone();
        let text = if app.text_hidden_from_editor() {
            Rc::from("")
        } else {
            app.text.clone()
        };
        use_effect_with(app.external_generation, move |_| {
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                if ta.value() != *text {
                    ta.set_value(&text);
                }
            }
        });
    }

    html! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">{ t(&loc, "ui-input-heading") }</h2>
            <p id="input-help" class="help">{ t(&loc, "ui-input-help") }</p>
            <div class={classes!("dropzone", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                <label for="bounce-input" class="visually-hidden">{ t(&loc, "ui-input-label") }</label>
                <textarea
                    ref={textarea}
                    id="bounce-input"
                    class="bounce-input"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby="input-help"
                    placeholder={t(&loc, "ui-input-placeholder")}
                    {oninput}
                    {onpaste}
                />
            </div>
            if app.file_failed {
                <p class="notice error" role="alert">{ t(&loc, "ui-error-file") }</p>
            }
            if app.text_hidden_from_editor() {
                <p class="notice large-note">{ ta(&loc, "ui-input-large-hidden", &size_args(app.text.len(), app.lang())) }</p>
            }
            <div class="input-actions">
                <button type="button" class="button" onclick={open_click}>{ t(&loc, "ui-open-file") }</button>
                <input
                    ref={file_input}
                    type="file"
                    hidden=true
                    tabindex="-1"
                    multiple=true
                    aria-hidden="true"
                    accept=".eml,.txt,.msg,.log,.mbox,message/rfc822,text/plain,application/mbox"
                    onchange={onfile}
                />
                <ExamplesMenu />
                <button type="button" class="button secondary" onclick={clear} disabled={empty}>
                    { t(&loc, "ui-clear") }
                </button>
            </div>
            <StatusLine />
        </section>
    }
}
