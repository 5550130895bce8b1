//! "Copy explanation" (plain text or Markdown, in the chosen locale, for a ticket), the share
//! link (the text in the URL fragment only) and the "redact" switch for both.

use super::t;
use crate::web::action::{Action, CopyFormat, CopyStatus};
use crate::web::analysis::Analysis;
use crate::web::hooks::{use_app, AppHandle};
use crate::web::{dom, engine, share};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`CopyPanel`].
#[derive(Properties, PartialEq)]
pub struct CopyPanelProps {
    /// The analysis whose explanation is copied.
    pub analysis: Rc<Analysis>,
    /// Each recipient's DNS verdict sentence, once the DNS checks ran (copied first in its block).
    #[prop_or_default]
    pub dns_verdicts: Rc<Vec<Option<String>>>,
}

/// The text copied for `format`: the core's plain-text or Markdown rendering of the explanation,
/// made here when the user copies (the engine's answer carries each text once).
pub fn copy_text(a: &Analysis, format: CopyFormat) -> String {
    copy_text_with(a, format, &[])
}

/// [`copy_text`] with each recipient's DNS verdict sentence first in its block.
pub fn copy_text_with(a: &Analysis, format: CopyFormat, dns_verdicts: &[Option<String>]) -> String {
    let mut ex = a.explanation.clone();
    crate::explain::add_dns_verdicts(&mut ex, dns_verdicts);
    match format {
        CopyFormat::Plain => crate::explain::to_plain(&ex),
        CopyFormat::Markdown => crate::explain::to_markdown(&ex),
    }
}

async fn write_clipboard(text: &str) -> bool {
    match dom::window() {
        Some(w) => JsFuture::from(w.navigator().clipboard().write_text(text)).await.is_ok(),
        None => false,
    }
}

/// The share link for `text`: this page's address with the text in the fragment.
pub fn share_link(text: &str) -> Option<String> {
    let loc = dom::window()?.location();
    let href = loc.href().ok()?;
    let base = href.split('#').next().unwrap_or(&href).to_string();
    Some(format!("{base}#{}", share::encode_fragment(text)))
}

fn status_text(app: &AppHandle, st: Option<CopyStatus>) -> String {
    match st {
        Some(CopyStatus::Copied) => t(&app.loc, "ui-copy-done"),
        Some(CopyStatus::Failed) => t(&app.loc, "ui-copy-failed"),
        Some(CopyStatus::TooLong) => t(&app.loc, "ui-share-too-long"),
        None => String::new(),
    }
}

/// The copy and share controls.
#[function_component(CopyPanel)]
pub fn copy_panel(props: &CopyPanelProps) -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    let format = app.copy_format;
    let pick = |f: CopyFormat| {
        let app = app.clone();
        Callback::from(move |_e: Event| app.dispatch(Action::SetCopyFormat(f)))
    };
    let on_redact = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            app.dispatch(Action::SetRedact(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let onclick = {
        let app = app.clone();
        let analysis = props.analysis.clone();
        let verdicts = props.dns_verdicts.clone();
        Callback::from(move |_e: MouseEvent| {
            let copy = {
                let app = app.clone();
                move |text: Option<String>| {
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = match text {
                            Some(t) => write_clipboard(&t).await,
                            None => false,
                        };
                        app.dispatch(Action::Copied(if ok { CopyStatus::Copied } else { CopyStatus::Failed }));
                    })
                }
            };
            if app.redact {
                // Redacted: explain the masked text again, so the copy holds no real names at all
                // (nor the DNS verdicts, which name the real address and domains).
                engine::analyse(app.lang(), &app.text, true, false, true, move |masked| match masked {
                    engine::Answer::Analysis(m) => copy(Some(copy_text(&m, format))),
                    _ => copy(None),
                });
            } else {
                copy(Some(copy_text_with(&analysis, format, &verdicts)));
            }
        })
    };
    let on_link = {
        let app = app.clone();
        Callback::from(move |_e: MouseEvent| {
            let share = {
                let app = app.clone();
                move |text: Option<String>| {
                    let Some(text) = text else {
                        return app.dispatch(Action::LinkCopied(CopyStatus::Failed));
                    };
                    if text.len() > share::MAX_SHARE_BYTES {
                        return app.dispatch(Action::LinkCopied(CopyStatus::TooLong));
                    }
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = match share_link(&text) {
                            Some(link) => write_clipboard(&link).await,
                            None => false,
                        };
                        app.dispatch(Action::LinkCopied(if ok {
                            CopyStatus::Copied
                        } else {
                            CopyStatus::Failed
                        }));
                    })
                }
            };
            if app.redact {
                engine::redact(&app.text, share);
            } else {
                share(Some(app.text.to_string()));
            }
        })
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
            <label class="redact">
                <input type="checkbox" id="redact" checked={app.redact} onchange={on_redact} />
                { t(&loc, "ui-redact") }
            </label>
            <div class="copy-actions">
                <button type="button" class="button primary" id="copy-button" {onclick}>{ t(&loc, "ui-copy-button") }</button>
                <span class="copy-status" role="status" aria-live="polite">{ status_text(&app, app.copy_status) }</span>
            </div>
            <div class="copy-actions">
                <button type="button" class="button" id="share-button" onclick={on_link}>{ t(&loc, "ui-share-button") }</button>
                <span class="copy-status share-status" role="status" aria-live="polite">{ status_text(&app, app.link_status) }</span>
            </div>
            <p class="help share-privacy">{ t(&loc, "ui-share-privacy") }</p>
        </section>
    }
}
