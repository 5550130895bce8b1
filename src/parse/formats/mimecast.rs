//! Mimecast: "An email that you attempted to send to the following address could not be
//! delivered:" then `-- user@example`, "The problem appears to be :" and "Additional information".

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &["attempted to send to the following address could not be"],
    end: &["this condition occurred after"],
};

/// Recognises a Mimecast notice and reads it.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(mail, &["the problem appears to be :", "mimecast"]) {
        return None;
    }
    let mut x = standard(mail, &RULES, "mimecast");
    if !x.from_dsn {
        let (_, region) = text::region(&mail.body, &RULES);
        let extra = after_label(region, "additional information follows");
        let problem = after_label(region, "the problem appears to be");
        for r in &mut x.recipients {
            let d = match (&problem, &extra) {
                (Some(p), Some(e)) => Some(format!("{e} ({p})")),
                (p, e) => e.clone().or(p.clone()),
            };
            if d.is_some() {
                let f = text::facts(d.as_deref().unwrap_or(""), None);
                r.diagnostic = d;
                r.status = f.status.or(r.status.take());
                if let Some(rc) = f.reply {
                    r.reply_code = rc;
                }
            }
        }
    }
    Some(x)
}

fn after_label(region: &str, label: &str) -> Option<String> {
    let lines: Vec<&str> = region.lines().collect();
    let i = lines.iter().position(|l| l.to_ascii_lowercase().contains(label))?;
    let mut out = String::new();
    for l in lines.iter().skip(i + 1) {
        let t = l.trim();
        if t.is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        let t = t.trim_start_matches('-').trim();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    text::clean(&out)
}
