//! Amazon SES (and WorkMail): DSNs from `MAILER-DAEMON@...amazonses.com` whose diagnostic
//! often wraps the remote reply (`5.1.0 - Unknown address error 550-'5.7.1 ...'`), and the
//! JSON bounce notifications SES publishes through SNS (`"notificationType": "Bounce"`).

use super::{has_header, header_has, standard, text, Extracted};
use crate::model::{Action, Recipient};
use crate::parse::codes;
use crate::parse::formats::generic;
use crate::parse::mime::Mail;
use serde_json::Value;

/// Recognises an SES bounce and reads its DSN part, its JSON notification or its text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if let Some(x) = from_notification(&mail.body) {
        return Some(x);
    }
    let sure = header_has(mail, "from", &["amazonses.com", "amazonaws.com"])
        || has_header(mail, "x-ses-outgoing")
        || mail
            .dsn
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("amazonses.com"));
    if !sure {
        return None;
    }
    Some(standard(mail, &text::DEFAULT, "amazonses"))
}

/// An SNS envelope (`{"Type": "Notification", "Message": "{...}"}`) or the bare SES notification.
fn from_notification(body: &str) -> Option<Extracted> {
    let t = body.trim_start();
    if !t.starts_with('{') || !t.contains("notificationType") {
        return None;
    }
    // Mail transport may fold long lines inside JSON strings; join the folds first.
    let joined = t.trim_end().replace("\r\n", "\n").replace("\n ", "");
    let outer: Value = serde_json::from_str(t.trim_end())
        .or_else(|_| serde_json::from_str(&joined))
        .ok()?;
    let note: Value = match outer.get("Message").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str(inner).ok()?,
        None => outer,
    };
    let bounce = note.get("bounce")?;
    let reporting = bounce
        .get("reportingMTA")
        .and_then(Value::as_str)
        .map(|v| super::rfc3464::host_of(crate::parse::dsn::typed_value(v)));
    let recipients = bounce
        .get("bouncedRecipients")?
        .as_array()?
        .iter()
        .map(|r| {
            let field = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
            let diagnostic = field("diagnosticCode").map(|d| crate::parse::dsn::typed_value(&d).to_string());
            let (reply, in_text) = diagnostic.as_deref().map(generic::codes_in).unwrap_or_default();
            Recipient {
                address: field("emailAddress"),
                action: field("action").as_deref().and_then(Action::parse),
                status: codes::pick_status(field("status").as_deref(), in_text.as_deref()),
                reply_code: reply.unwrap_or_default(),
                diagnostic,
                ..Recipient::default()
            }
        })
        .collect();
    Some(Extracted {
        format: "amazonses",
        reporting_mta: reporting,
        recipients,
        ..Extracted::default()
    })
}
