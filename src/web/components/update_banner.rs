//! "A new version is available" banner, shown when the service worker has a newer build
//! waiting (boot.js fires `bounce-update-available`); the button applies it and reloads.

use super::{t, Loc};
use crate::web::dom;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`UpdateBanner`].
#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    /// The texts.
    pub loc: Loc,
}

/// The update banner (renders nothing until an update is waiting).
#[function_component(UpdateBanner)]
pub fn update_banner(props: &UpdateBannerProps) -> Html {
    let available = use_state(|| false);
    {
        let available = available.clone();
        use_effect_with((), move |_| {
            let cb = Closure::<dyn FnMut()>::new(move || available.set(true));
            let win = dom::window();
            if let Some(w) = &win {
                let _ = w.add_event_listener_with_callback("bounce-update-available", cb.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = win {
                    let _ =
                        w.remove_event_listener_with_callback("bounce-update-available", cb.as_ref().unchecked_ref());
                }
            }
        });
    }
    if !*available {
        return html! {};
    }
    let onclick = Callback::from(|_e: MouseEvent| {
        if let Some(w) = dom::window() {
            if let Ok(f) = js_sys::Reflect::get(&w, &JsValue::from_str("bounceApplyUpdate")) {
                if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                    let _ = f.call0(&w);
                }
            }
        }
    });
    html! {
        <div class="update-banner" role="status">
            <span>{ t(&props.loc, "ui-update-available") }</span>
            <button type="button" class="button primary" {onclick}>{ t(&props.loc, "ui-update-reload") }</button>
        </div>
    }
}
