//! The batch view: what the analysis engine sends about a batch of messages (progress while it
//! runs; then the summary, its tables and bar charts, the downloads and the list of messages),
//! drawn from the engine's [`Node`] tree. The engine lays the view out and localizes it
//! (`src/web/batch_run.rs`); this only draws it, with texts and attribute values always set as
//! such (never parsed as HTML), tags and attributes from a fixed list (links only to the
//! engine's `blob:` downloads), and hands the user's actions (an element's `data-act`) to its
//! owner.

use crate::web::protocol::Node;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

/// The elements a view may hold.
const TAGS: &[&str] = &[
    "section", "h2", "h3", "p", "div", "span", "button", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "progress", "svg", "rect", "a",
];

/// The attributes a view may set.
const ATTRS: &[&str] = &[
    "class",
    "id",
    "type",
    "role",
    "scope",
    "disabled",
    "max",
    "value",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "focusable",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "aria-valuemin",
    "aria-valuemax",
    "aria-valuenow",
    "aria-valuetext",
    "data-act",
    "data-key",
    "data-group",
    "data-messages",
    "download",
    "href",
];

/// The batch view: `view` drawn; `on_act` gets the `data-act` of what the user clicks.
pub fn batch_view(view: &Node, on_act: Callback<String>) -> Html {
    let onclick = Callback::from(move |e: MouseEvent| {
        let act = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-act]").ok().flatten())
            .and_then(|el| el.get_attribute("data-act"));
        if let Some(act) = act {
            on_act.emit(act);
        }
    });
    html! { <div class="batch-view" {onclick}>{ draw(view) }</div> }
}

/// One node of the tree.
fn draw(n: &Node) -> Html {
    let Some(tag) = TAGS.iter().find(|t| **t == n.0) else {
        return VText::new(n.3.clone()).into();
    };
    let mut el = VTag::new(*tag);
    for (k, v) in &n.1 {
        if let Some(k) = ATTRS
            .iter()
            .find(|a| **a == k && (k != "href" || v.starts_with("blob:")))
        {
            el.add_attribute(k, v.clone());
        }
    }
    if !n.3.is_empty() {
        el.add_child(VText::new(n.3.clone()).into());
    }
    el.add_children(n.2.iter().map(draw));
    el.into()
}
