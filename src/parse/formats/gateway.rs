//! Content-filtering gateways that answer for the mail server behind them and write their own
//! notices: McAfee Email Gateway (`X-NAI-Header`), MailFoundry (`(MAILFOUNDRY)` in `Received`),
//! SurfControl E-mail Filter (`X-Mailer`, `X-SEF-*` headers). The format id names the product: the
//! reason vocabulary treats their refusals apart ([`crate::kb::reasons::FILTERING_GATEWAYS`]).

use super::{has_header, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

/// Recognises a gateway's notice by its headers and reads it like any report.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let id = if has_header(mail, "x-nai-header") || header_has(mail, "x-mailer", &["mcafee"]) {
        "mcafee"
    } else if header_has(mail, "x-mailer", &["surfcontrol"])
        || mail.headers.iter().any(|(n, _)| n.starts_with("x-sef-"))
    {
        "surfcontrol"
    } else if header_has(mail, "received", &["(mailfoundry)"]) {
        "mailfoundry"
    } else {
        return None;
    };
    Some(standard(mail, &text::DEFAULT, id))
}

#[cfg(test)]
mod tests {
    use crate::model::Reason;

    fn notice(header: &str, reply: &str) -> String {
        format!(
            "From: MAILER-DAEMON@gw.example.net\r\nTo: ola@example.org\r\nSubject: Delivery Status\r\n{header}\r\n\r\n\
             --- The following addresses had delivery problems ---\r\n\r\n<marek@example.net>   ({reply})\r\n"
        )
    }

    #[test]
    fn a_gateway_s_unknown_user_is_filtered_unless_the_mailbox_status_says_otherwise() {
        for header in [
            "X-NAI-Header: Modified by the appliance",
            "X-Mailer: SurfControl E-mail Filter",
            "Received: from localhost by gw.example.net (MAILFOUNDRY) id 1",
        ] {
            let r = crate::analyze(notice(header, "Unknown user marek@example.net").as_bytes());
            assert_eq!(
                r.recipients[0].address.as_deref(),
                Some("marek@example.net"),
                "{header}"
            );
            assert_eq!(r.recipients[0].reason, Reason::Filtered, "{header}");
            let r = crate::analyze(notice(header, "550 5.1.1 Unknown user marek@example.net").as_bytes());
            assert_eq!(r.recipients[0].reason, Reason::UserUnknown, "{header}");
        }
        // The same words from an ordinary server name the mailbox.
        let r = crate::analyze(notice("X-Mailer: Example MTA", "Unknown user marek@example.net").as_bytes());
        assert_eq!(r.recipients[0].reason, Reason::UserUnknown);
    }
}
