//! The browser app (wasm32 only): Yew function components over the analysis core.
//!
//! Data flows one way: the pasted text goes to the analysis [`engine`], which runs
//! [`analysis::run`] (core `analyze` + `explain`) in a Web Worker ([`worker`]) and hands back a
//! plain [`analysis::Analysis`] the components render. No parsing happens in the page, and the
//! page's wasm does not contain the analysis core (it loads fast; the worker follows).

pub mod action;
pub mod analysis;
pub mod batch_run;
pub mod components;
pub mod dom;
pub mod embed;
pub mod engine;
pub mod examples;
pub mod highlight;
pub mod hooks;
pub mod locale;
pub mod protocol;
pub mod share;
pub mod state;
pub mod worker;

/// Mounts the app on `#app` (or on `<body>` when the page has no such element); in the
/// embed API's hidden frame, only listens for requests.
pub fn start() {
    match embed::mode() {
        embed::Mode::Api => return embed::start_api(),
        embed::Mode::Embed => {
            embed::apply_theme();
            if let Some(html) = dom::document().and_then(|d| d.document_element()) {
                let _ = html.class_list().add_1("embedded");
            }
        }
        embed::Mode::App => {}
    }
    let root = dom::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<components::app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<components::app::App>::new().render();
        }
    }
}
