//! The reason classifier: applies the knowledge per reason ([`crate::kb::reasons`]) to one
//! recipient's facts, in the precedence documented there, then the SMTP stage (a "user unknown"
//! refused after DATA is `filtered`).

use crate::model::{Action, Command, Reason, Recipient};

/// Collapses runs of whitespace so patterns survive line wraps, and lower-cases letters outside
/// ASCII as the patterns write them.
pub fn normalize(text: &str) -> String {
    crate::kb::collapse_folded(text)
}

/// The reason the reply text names, if any.
pub fn by_text(diagnostic: &str) -> Option<Reason> {
    by_normalized_text(&normalize(diagnostic), None).map(|(r, _)| r)
}

/// [`by_text`] of a text already [`normalize`]d, with its literal hits in [`crate::kb::TEXTS`]
/// when they were found already; `true` when the phrase was an exact one.
fn by_normalized_text(n: &str, hits: Option<&crate::patterns::Hits>) -> Option<(Reason, bool)> {
    let set = crate::kb::TEXTS.as_ref()?;
    let table = &*crate::kb::REASON_PATTERNS;
    set.with_hits(n.as_bytes(), hits, |h| {
        set.first_match_in(h, n.as_bytes(), 0..table.len())
    })
    .map(|i| (table[i].1, table[i].2))
}

/// The reason an enhanced status code alone names outright, if any.
pub fn by_status_strong(s: &str) -> Option<Reason> {
    crate::kb::reasons::by_status_strong(s)
}

/// The reason an enhanced status code alone implies, if any.
pub fn by_status(s: &str) -> Option<Reason> {
    crate::kb::reasons::by_status(s)
}

/// The reason for one recipient's outcome.
pub fn classify(r: &Recipient) -> Reason {
    classify_normalized(r, r.diagnostic.as_deref().map(normalize).as_deref(), None)
}

/// [`classify`] with the recipient's diagnostic already [`normalize`]d, and its literal hits when
/// found (the knowledge base reads the same text, so [`crate::diagnose::diagnose`] makes and
/// searches it once).
pub(crate) fn classify_normalized(
    r: &Recipient,
    diagnostic: Option<&str>,
    hits: Option<&crate::patterns::Hits>,
) -> Reason {
    if r.action == Some(Action::Delivered) || r.status.as_deref().is_some_and(|s| s.starts_with('2')) {
        return Reason::Delivered;
    }
    // A provider's own code names the reason whatever the words, the status or the stage say.
    if let Some(reason) = diagnostic.and_then(crate::kb::reasons::by_provider_code) {
        return reason;
    }
    let found = diagnostic.and_then(|d| by_normalized_text(d, hits));
    let status = r.status.as_deref();
    let strong = status.and_then(by_status_strong);
    let text = found.map(|(t, _)| t);
    let reason = match (text, strong) {
        // An exact phrase names the reason whatever the code says.
        (Some(t), _) if found.is_some_and(|(_, exact)| exact) => t,
        // Words that name a cause the code cannot express win over it.
        (
            Some(
                t @ (Reason::AuthFailure
                | Reason::NotCompliantRfc
                | Reason::VirusDetected
                | Reason::NoRelaying
                | Reason::SpamDetected
                | Reason::MailboxFull
                | Reason::NotAccept),
            ),
            _,
        ) => t,
        (_, Some(s)) => s,
        (Some(t), None) => t,
        // A delay notice that quotes no server reply reports only that the message waits in the
        // queue; a status class such as 4.4.0 alone does not say why.
        (None, None) if r.action == Some(Action::Delayed) && r.reply_code.is_empty() => Reason::Expired,
        (None, None) => status
            .and_then(by_status)
            .filter(|s| !(*s == Reason::SyntaxError && status.is_some_and(|st| st.ends_with(".0.0"))))
            .or_else(|| crate::kb::reasons::by_reply_code(&r.reply_code))
            .unwrap_or_else(|| {
                if r.action == Some(Action::Delayed) {
                    Reason::Expired
                } else if status.is_some()
                    || !r.reply_code.is_empty()
                    || (r.address.is_some() && r.diagnostic.is_some())
                {
                    // A failed recipient we know, with a reply we cannot read: not enough to decide.
                    Reason::OnHold
                } else {
                    Reason::Undefined
                }
            }),
    };
    by_stage(reason, r)
}

/// "Unknown user" refused after the message was sent is a content filter's answer, and a refusal of
/// `MAIL FROM` concerns the sender, not the recipient.
fn by_stage(reason: Reason, r: &Recipient) -> Reason {
    let status_detail = r
        .status
        .as_deref()
        .and_then(|s| s.split_once('.'))
        .map_or("", |(_, d)| d);
    let temporary = r.status.as_deref().is_some_and(|s| s.starts_with('4'));
    match (reason, r.command) {
        (Reason::HostUnknown, Some(Command::Mail)) => Reason::Rejected,
        (Reason::HostUnknown, _) if temporary => Reason::NetworkError,
        // "Not accepting messages" for now (4.3.2) is the system's state, not a host that takes no mail.
        (Reason::NotAccept, _) if temporary && status_detail == "3.2" => Reason::SystemError,
        // Microsoft's temporary "4.4.316 Connection refused" is the route failing, not a block.
        (Reason::Blocked, _) if temporary && status_detail == "4.316" => Reason::NetworkError,
        (
            Reason::OnHold | Reason::Undefined | Reason::PolicyViolation | Reason::SecurityError | Reason::Rejected,
            Some(Command::Conn | Command::Helo | Command::Ehlo),
        ) => Reason::Blocked,
        (Reason::OnHold | Reason::SecurityError | Reason::PolicyViolation, Some(Command::Mail)) => Reason::Rejected,
        // With pipelining a refused RCPT is reported after DATA; a 5.1.x code still names the mailbox.
        (Reason::UserUnknown, Some(Command::Data | Command::Bdat)) if !status_detail.starts_with("1.") => {
            Reason::Filtered
        }
        (Reason::UserUnknown, Some(Command::Mail)) => Reason::Rejected,
        // A policy code on "no such user" is a filter's answer, unless the refusal came at RCPT,
        // where a mailbox check answers with whatever code the server uses.
        (Reason::UserUnknown, c) if (status_detail == "2.0" || status_detail == "7.1") && c != Some(Command::Rcpt) => {
            Reason::Filtered
        }
        (Reason::Blocked, Some(Command::Mail)) if status_detail == "7.1" || status_detail == "1.0" => Reason::Rejected,
        _ => reason,
    }
}

/// Whether retrying the same message cannot help: 5xx outcomes, except greylisting.
pub fn is_hard(r: &Recipient) -> bool {
    if let Some(d) = r.diagnostic.as_deref() {
        let l = d.to_ascii_lowercase();
        if l.contains("greylist") || l.contains("graylist") || l.contains("gray-list") || l.contains("grey-list") {
            return false;
        }
    }
    match r.reason {
        Reason::Delivered | Reason::Feedback | Reason::Vacation => return false,
        Reason::Expired => return r.status.as_deref().is_some_and(|s| s.starts_with('5')),
        _ => {}
    }
    match r
        .status
        .as_deref()
        .and_then(|s| s.chars().next())
        .or_else(|| r.reply_code.chars().next())
    {
        Some('5') => true,
        Some('4') | Some('2') => false,
        _ => r.action == Some(Action::Failed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rcpt(diag: &str, status: Option<&str>, code: &str) -> Recipient {
        Recipient {
            diagnostic: Some(diag.to_string()),
            status: status.map(str::to_string),
            reply_code: code.to_string(),
            action: Some(Action::Failed),
            ..Recipient::default()
        }
    }

    #[test]
    fn text_status_and_stage() {
        assert_eq!(
            classify(&rcpt(
                "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown",
                Some("5.1.1"),
                "550"
            )),
            Reason::UserUnknown
        );
        assert_eq!(
            classify(&rcpt("552 5.2.2 Over quota", Some("5.2.2"), "552")),
            Reason::MailboxFull
        );
        assert_eq!(
            classify(&rcpt(
                "550-5.7.26 Unauthenticated email from example.com is not accepted due to DMARC policy",
                Some("5.7.26"),
                "550"
            )),
            Reason::AuthFailure
        );
        let mut r = rcpt("550 Unknown user a@example.com", Some("5.0.0"), "550");
        r.command = Some(Command::Data);
        assert_eq!(classify(&r), Reason::Filtered);
        assert_eq!(
            classify(&rcpt(
                "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
                Some("5.7.1"),
                "554"
            )),
            Reason::Blocked
        );
    }

    #[test]
    fn temporary_failures_in_other_languages_are_system_errors() {
        for reply in [
            "451 4.4.0 Vorübergehender Fehler, versuchen Sie es später erneut",
            "451 4.4.0 Chwilowy problem po stronie serwera, spróbuj później",
            "451 4.4.0 Erreur temporaire, réessayez plus tard",
            "451 4.4.0 Error temporal, inténtelo de nuevo más tarde",
            "451 4.4.0 Errore temporaneo, riprova più tardi",
            "451 4.4.0 Временная ошибка, попробуйте позже",
            "451 4.4.0 ВРЕМЕННАЯ ОШИБКА",
        ] {
            assert_eq!(
                classify(&rcpt(reply, Some("4.4.0"), "451")),
                Reason::SystemError,
                "{reply}"
            );
        }
    }

    #[test]
    fn words_after_a_capital_letter_outside_ascii_match() {
        for (reply, want) in [
            ("550 5.1.1 Пользователь не найден", Reason::UserUnknown),
            ("550 5.1.1 ПОЛЬЗОВАТЕЛЬ НЕ СУЩЕСТВУЕТ", Reason::UserUnknown),
            ("552 5.2.2 Почтовый ящик переполнен", Reason::MailboxFull),
            ("550 5.1.1 Użytkownik nie istnieje", Reason::UserUnknown),
            (
                "552 5.2.2 Skrzynkę odbiorcy zapełniono: skrzynka jest pełna",
                Reason::MailboxFull,
            ),
        ] {
            assert_eq!(classify(&rcpt(reply, None, &reply[..3])), want, "{reply}");
        }
    }

    #[test]
    fn a_delay_without_a_server_reply_is_a_wait_in_the_queue() {
        let mut r = Recipient {
            action: Some(Action::Delayed),
            status: Some("4.4.0".to_string()),
            ..Recipient::default()
        };
        assert_eq!(classify(&r), Reason::Expired);
        // Words that name a cause still do.
        r.diagnostic = Some("cat.example.net: host name lookup failure".to_string());
        assert_eq!(classify(&r), Reason::NetworkError);
        // A quoted reply whose words are not known falls back to its status.
        r.diagnostic = Some("451 4.4.0 xyzzy".to_string());
        r.reply_code = "451".to_string();
        assert_eq!(classify(&r), Reason::NetworkError);
    }

    #[test]
    fn a_provider_code_wins_over_words_status_and_stage() {
        let mut r = rcpt(
            "550 5.1.0 <a@example.com> sender rejected. AUP#CDRBL",
            Some("5.1.0"),
            "550",
        );
        r.command = Some(Command::Mail);
        assert_eq!(classify(&r), Reason::Blocked);
    }

    #[test]
    fn greylisting_is_soft() {
        let mut r = rcpt("451 4.7.1 Greylisted, please try again later", Some("4.7.1"), "451");
        r.reason = classify(&r);
        assert!(!is_hard(&r));
        let mut r = rcpt("550 5.7.1 Greylisted for testing", Some("5.7.1"), "550");
        r.reason = classify(&r);
        assert!(!is_hard(&r));
    }

    #[test]
    fn every_pattern_compiles() {
        let all = crate::kb::text_patterns();
        assert_eq!(crate::kb::TEXTS.as_ref().unwrap().len(), all.len());
        assert!(all.len() > crate::kb::REASON_PATTERNS.len());
    }
}
