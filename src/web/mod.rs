//! The browser app (wasm32 only): Yew function components over the analysis core.
//!
//! Data flows one way: the pasted text goes to [`analysis::run`] (core `analyze` + `explain`,
//! on the main thread or in the [`worker`] for large inputs), which returns a plain
//! [`analysis::Analysis`] the components render. No parsing happens here.

pub mod action;
pub mod analysis;
pub mod components;
pub mod dom;
pub mod examples;
pub mod highlight;
pub mod hooks;
pub mod locale;
pub mod state;
pub mod worker;

/// Mounts the app on `#app` (or on `<body>` when the page has no such element).
pub fn start() {
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
