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
    if !body.contains("notificationType") {
        return None;
    }
    // The notification may follow a person's note or a pasted header block, and be followed by a
    // signature: read the first JSON value from its opening brace on.
    let t = &body[body.find('{')?..];
    // Mail transport folds long lines inside JSON strings ("\n " joins the fold); a mail client
    // re-wrapping the text replaces a space with a line break (a break becomes a space again).
    let folded = t.replace("\r\n", "\n").replace("\n ", "");
    let rewrapped = t.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let outer: Value = [t, folded.as_str(), rewrapped.as_str()]
        .into_iter()
        .find_map(first_json_value)?;
    let note: Value = match outer.get("Message").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str(inner).ok()?,
        None => outer,
    };
    // A bounce names each recipient with its own reply; a delivery notification names the
    // recipients the one reply (`smtpResponse`) accepted.
    let (event, recipients) = if let Some(bounce) = note.get("bounce") {
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
        (bounce, recipients)
    } else {
        let delivery = note.get("delivery")?;
        let diagnostic = delivery.get("smtpResponse").and_then(Value::as_str).map(str::to_string);
        let (reply, status) = diagnostic.as_deref().map(generic::codes_in).unwrap_or_default();
        let recipients = delivery
            .get("recipients")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .map(|a| Recipient {
                address: Some(a.to_string()),
                action: Some(Action::Delivered),
                status: status.clone(),
                reply_code: reply.clone().unwrap_or_default(),
                diagnostic: diagnostic.clone(),
                ..Recipient::default()
            })
            .collect();
        (delivery, recipients)
    };
    let reporting = event
        .get("reportingMTA")
        .and_then(Value::as_str)
        .map(|v| super::rfc3464::host_of(crate::parse::dsn::typed_value(v)));
    Some(Extracted {
        format: "amazonses",
        reporting_mta: reporting,
        recipients,
        ..Extracted::default()
    })
}

/// The first JSON value in `text`, whatever follows it.
fn first_json_value(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()?
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_notifications_rewrapped_and_with_text_around() {
        let bounce = "Hi, see below.\n\n{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"ola@example.net\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp;\n550 5.1.1 user\nunknown\"}],\"reportingMTA\":\"dsn;\na1.example.com\"}}\n-- \nsignature\n";
        let x = from_notification(bounce).expect("read");
        assert_eq!(x.recipients[0].address.as_deref(), Some("ola@example.net"));
        assert_eq!(x.recipients[0].status.as_deref(), Some("5.1.1"));
        assert_eq!(x.recipients[0].diagnostic.as_deref(), Some("550 5.1.1 user unknown"));
        let delivery = "{\"notificationType\":\"Delivery\",\"delivery\":{\"recipients\":[\"ola@example.net\"],\"smtpResponse\":\"250 2.6.0 Message received\",\"reportingMTA\":\"a2.example.com\"}}";
        let x = from_notification(delivery).expect("read");
        assert_eq!(x.recipients[0].action, Some(Action::Delivered));
        assert_eq!(x.recipients[0].status.as_deref(), Some("2.6.0"));
        assert_eq!(x.reporting_mta.as_deref(), Some("a2.example.com"));
    }
}
