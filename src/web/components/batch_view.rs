//! The batch view: what the analysis engine sends about a batch of messages (progress while it
//! runs; then the summary, its tables and bar charts, the downloads and the list of messages),
//! drawn from the engine's [`Node`] tree. The engine lays the view out and localizes it
//! (`src/web/batch_run.rs`); this only draws it, with texts and attribute values always set as
//! such (never parsed as HTML), tags and attributes from a fixed list, and hands the user's
//! actions (an element's `data-act`) to its owner.

use crate::web::protocol::Node;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

/// The elements a view may hold.
const TAGS: &[&str] = &[
    "section", "h2", "h3", "p", "div", "span", "button", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "progress", "svg", "rect",
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
];

/// The batch view's properties.
#[derive(Properties, PartialEq)]
pub struct BatchViewProps {
    /// The view.
    pub view: Rc<Node>,
    /// Gets the `data-act` of what the user clicked.
    pub on_act: Callback<String>,
}

/// The batch view.
#[function_component(BatchViewer)]
pub fn batch_viewer(p: &BatchViewProps) -> Html {
    let on_act = p.on_act.clone();
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
    html! { <div class="batch-view" {onclick}>{ draw(&p.view) }</div> }
}

/// One node of the tree.
fn draw(n: &Node) -> Html {
    let Some(tag) = TAGS.iter().find(|t| **t == n.0) else {
        return VText::new(n.3.clone()).into();
    };
    let mut el = VTag::new(*tag);
    for (k, v) in &n.1 {
        if let Some(k) = ATTRS.iter().find(|a| **a == k) {
            el.add_attribute(k, v.clone());
        }
    }
    if !n.3.is_empty() {
        el.add_child(VText::new(n.3.clone()).into());
    }
    el.add_children(n.2.iter().map(draw));
    el.into()
}
