//! The path of the message as a diagram: one node per hop, the delay between hops on the
//! connector, and the hop that refused clearly marked (colour, icon and words).

use super::{t, ta, Loc};
use crate::i18n::Localizer;
use crate::web::analysis::{Analysis, HopView};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`HopDiagram`].
#[derive(Properties, PartialEq)]
pub struct HopDiagramProps {
    /// The analysis whose hops are drawn.
    pub analysis: Rc<Analysis>,
    /// The texts.
    pub loc: Loc,
}

/// The message id and argument for a delay: seconds, minutes, hours or days, whichever reads
/// best; `None` for an unknown delay.
pub fn delay_parts(delay_s: Option<i64>) -> Option<(&'static str, i64)> {
    let s = delay_s?;
    Some(if s < 0 {
        ("ui-delay-clock-skew", -s)
    } else if s < 120 {
        ("ui-delay-seconds", s)
    } else if s < 2 * 3600 {
        ("ui-delay-minutes", s / 60)
    } else if s < 2 * 86400 {
        ("ui-delay-hours", s / 3600)
    } else {
        ("ui-delay-days", s / 86400)
    })
}

fn delay_text(loc: &Localizer, delay_s: Option<i64>) -> Option<String> {
    let (id, n) = delay_parts(delay_s)?;
    Some(ta(loc, id, &[("count", n.to_string())]))
}

/// "from HOST [IP]": where this hop received the message from.
fn hop_from(loc: &Localizer, hop: &HopView) -> String {
    let host = match (&hop.from, &hop.ip) {
        (Some(f), Some(ip)) if f != ip => format!("{f} [{ip}]"),
        (Some(f), _) => f.clone(),
        (None, Some(ip)) => format!("[{ip}]"),
        (None, None) => String::new(),
    };
    ta(loc, "ui-hop-from", &[("host", host)])
}

fn hop_node(loc: &Localizer, i: usize, hop: &HopView, failing: bool) -> Html {
    let host = hop.host.clone().unwrap_or_else(|| t(loc, "ui-hop-unknown-host"));
    let role = t(loc, &format!("ui-hop-role-{}", hop.role));
    let delay = if i == 0 { None } else { delay_text(loc, hop.delay_s) };
    html! {
        <li class={classes!("hop", format!("role-{}", hop.role), failing.then_some("failing"))}
            aria-current={failing.then_some("step")}>
            if i > 0 {
                <div class="hop-link" aria-hidden={delay.is_none().then_some("true")}>
                    if let Some(d) = delay {
                        <span class="hop-delay">{ ta(loc, "ui-hop-delay", &[("delay", d)]) }</span>
                    }
                </div>
            }
            <div class="hop-node">
                <span class="hop-role">{ role }</span>
                <span class="hop-host">{ host }</span>
                if hop.from.is_some() || hop.ip.is_some() {
                    <span class="hop-from">{ hop_from(loc, hop) }</span>
                }
                if failing {
                    <strong class="hop-flag">
                        <span aria-hidden="true">{ "✕ " }</span>{ t(loc, "ui-hop-failing") }
                    </strong>
                }
            </div>
        </li>
    }
}

/// The hop diagram.
#[function_component(HopDiagram)]
pub fn hop_diagram(props: &HopDiagramProps) -> Html {
    let loc = &props.loc;
    let a = &props.analysis;
    html! {
        <section class="card hops-card" aria-labelledby="hops-heading">
            <h2 id="hops-heading">{ t(loc, "ui-hops-heading") }</h2>
            if a.hops.is_empty() {
                <p class="muted">{ t(loc, "ui-hops-none") }</p>
            } else {
                <ol class="hops">
                    { for a.hops.iter().enumerate().map(|(i, h)| hop_node(loc, i, h, a.failing_hop == Some(i))) }
                </ol>
            }
        </section>
    }
}
