//! The knowledge base: every seed message, every reply code, every IANA enhanced status code and
//! the common provider texts are recognised and explained in every locale, with no missing message
//! or argument; matching is by data (text, status, code, stage, format) and most specific first.

use bounce::explain::{explain, to_markdown, to_plain};
use bounce::i18n::{self, Localizer};
use bounce::kb::{self, codes, Party};
use bounce::model::{Command, Kind, Reason, Recipient, Report};

/// Reply texts from the seed documents and common providers, with the rule that must come first.
/// The texts are the servers' replies (facts); IPs and domains are documentation values.
const FIXTURES: &[(&str, &str)] = &[
    // The twelve "554 5.7.1" variants.
    ("554 5.7.1 : Delivery not authorized", "delivery-not-authorized"),
    ("554 5.7.1 : You are not allowed to connect", "not-allowed-to-connect"),
    ("554 5.7.1 : Client host rejected: Access denied", "client-host-rejected"),
    ("554 5.7.1 : Service unavailable; Client host X.X.X.X blocked", "client-host-blocked"),
    ("554 5.7.1 : Relay access denied", "relay-denied"),
    ("554 5.7.1 : Recipient address rejected: Access denied", "recipient-access-denied"),
    ("554 5.7.1 : Message cannot be accepted, rules rejection", "rules-rejection"),
    ("554 5.7.1 : Message refused by Dictionary check", "dictionary-check"),
    ("554 5.7.1 : Relay Access Denied for One Domain", "relay-denied-one-domain"),
    ("554 5.7.1 : Message cannot be accepted, spam rejection", "spam-rejection"),
    ("554 5.7.1 : Message refused by DNSBL check", "dnsbl-check"),
    ("554 5.7.1 : Sender address rejected: Access denied", "sender-access-denied"),
    // MailEnable's reference of SMTP responses.
    ("421 Service not available, closing transmission channel", "me-service-unavailable"),
    ("451 Requested action aborted: error in processing", "me-error-in-processing"),
    ("451 Temporary server error. Please try again later.", "me-temporary-server-error"),
    (
        "451 Requested action aborted: This mail account has sent too many messages in a short amount of time. Please try later.",
        "me-sending-limit",
    ),
    ("451 This server employs greylisting as a means of reducing spam. Please resend e-mail shortly", "greylisting"),
    (
        "451 The IP Address you are sending from was reported as a source of spam. Please contact your e-mail administrator.",
        "me-reported-spam-source",
    ),
    (
        "451 ESMTP MailEnable Service temporarily refused connection at 10:12 from IP [192.0.2.10] because the server is too busy",
        "me-server-too-busy",
    ),
    (
        "451 ESMTP MailEnable Service temporarily refused connection at 10:12 from IP (192.0.2.10) because of policy violation",
        "me-auth-abuse",
    ),
    ("452 Too many recipients", "too-many-recipients"),
    ("452 You are not permitted to send to remote domains", "me-remote-domains-denied"),
    ("500 Message rejected because it contains links to an IP address that is blacklisted", "me-url-blacklist"),
    ("500 Syntax Error, command unrecognized", "me-command-unrecognized"),
    ("501 Syntax error in parameters or arguments", "me-syntax-params"),
    ("501 Invalid Address", "me-invalid-address"),
    (
        "501 Your domain does not seem to be valid, Could not find MX record for your domain.",
        "me-sender-domain-no-mx",
    ),
    ("502 Command not implemented", "me-not-implemented"),
    ("503 Bad sequence of Commands", "bad-sequence"),
    (
        "503 Bad sequence of commands.  You must specify the recipients of a message before you can send it",
        "me-no-recipients",
    ),
    ("503 Bad sequence of commands.  Could not process DATA command when in this state", "me-bad-sequence-state"),
    ("503 Bad sequence of commands.  Could not process RCPT command when in this state", "me-bad-sequence-state"),
    (
        "503 This mail server requires authentication when attempting to send to a non-local e-mail address.  Please check your mail client settings or contact your administrator to verify that the domain or address is defined for this server.",
        "me-auth-non-local",
    ),
    ("503 Too many invalid commands were received.  Terminating Session", "me-too-many-invalid-commands"),
    ("504 Access to this user account has been denied by the mail administrator", "me-account-access-denied"),
    ("504 User account has been disabled by the mail administrator", "me-account-disabled"),
    ("550 Requested action not taken: mailbox unavailable or not local", "me-mailbox-unavailable"),
    (
        "550 Requested action not taken. The domain you are sending from is not permitted to access this",
        "me-domain-not-permitted",
    ),
    (
        "550 A user policy is preventing you from sending e-mail to this address. Please contact your e-mail administrator.",
        "me-user-policy",
    ),
    (
        "550 This mail server requires authentication (1) when attempting to send via this SMTP (submission) port",
        "me-auth-required-port",
    ),
    (
        "551 This mail server requires authentication before sending mail from a locally hosted domain. Please reconfigure your mail client to authenticate before sending mail.",
        "me-auth-local-domain",
    ),
    ("551 Sender address is not valid for your login.  Check your email program settings", "me-sender-not-valid-for-login"),
    ("552 Message size exceeds fixed maximum message size", "me-size-exceeded"),
    (
        "554 The IP address of the sender (192.0.2.10) was found in a DNS blacklist database and was therefore refused",
        "me-dnsbl-ip",
    ),
    (
        "554 The IP address of the sender (192.0.2.10) does not match the SPF record for the sender domain",
        "me-spf-mismatch",
    ),
    // Microsoft 365 / Outlook.com.
    (
        "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
        "ms-block-list",
    ),
    (
        "550 5.7.606 Access denied, banned sending IP [192.0.2.10]. To request removal from this list please visit https://sender.office.com/",
        "ms-banned-ip",
    ),
    (
        "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.",
        "ms-dmarc-reject",
    ),
    (
        "550 5.7.515 Access denied, sending domain example.com doesn't meet the required authentication level.",
        "ms-auth-level",
    ),
    ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "ms-recipient-not-found"),
    ("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "ms-dbeb-access-denied"),
    ("451 4.4.316 Connection refused", "ms-connection-refused"),
    ("550 5.7.708 Access denied, traffic not accepted from this IP.", "ms-traffic-not-accepted"),
    ("550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.", "ms-unregistered-domain"),
    ("550 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM", "ms-anonymous-not-allowed"),
    ("550 5.7.520 Access denied, Your organization does not allow external forwarding.", "ms-external-forwarding"),
    (
        "Each of the following recipients was rejected by a remote mail server.",
        "mobile-reception-filter",
    ),
    ("550 5.1.8 Access denied, bad outbound sender.", "ms-bad-outbound-sender"),
    ("550 5.7.705 Access denied, tenant has exceeded threshold.", "ms-tenant-threshold"),
    (
        "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized to send to this recipient",
        "ms-restricted-group",
    ),
    ("550 5.7.511 Access denied, banned sender [192.0.2.10].", "ms-banned-ip"),
    (
        "451 4.7.650 The mail server [192.0.2.10] has been temporarily rate limited due to IP reputation.",
        "ms-ip-reputation-throttle",
    ),
    // Gmail.
    (
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.",
        "gmail-unauthenticated",
    ),
    (
        "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
        "gmail-dmarc-policy",
    ),
    (
        "550-5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.",
        "gmail-ptr",
    ),
    ("550-5.7.1 Our system has detected that this message is likely unsolicited mail.", "gmail-likely-spam"),
    (
        "550-5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address.",
        "gmail-ip-reputation",
    ),
    (
        "550-5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
        "gmail-direct-not-authorized",
    ),
    ("552-5.7.0 This message was blocked because its content presents a potential security issue.", "gmail-security-issue"),
    (
        "421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.",
        "gmail-rate-limited",
    ),
    (
        "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.",
        "gmail-receiving-rate",
    ),
    ("550 5.4.5 Daily user sending limit exceeded.", "gmail-daily-limit"),
    (
        "450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.",
        "gmail-receiving-rate",
    ),
    (
        "550-5.7.1 Our system has detected that this message does not meet IPv6 sending guidelines regarding PTR records and authentication.",
        "gmail-ptr",
    ),
    // Yahoo / AOL.
    (
        "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints",
        "yahoo-deferred",
    ),
    (
        "421 4.7.0 [TS03] All messages from 192.0.2.10 will be permanently deferred; Retrying will NOT succeed.",
        "yahoo-permanently-deferred",
    ),
    ("554 5.7.9 Message not accepted for policy reasons.", "yahoo-policy"),
    (
        "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.10, because the ip is in Spamhaus's list",
        "yahoo-pbl",
    ),
    ("554 delivery error: dd This user doesn't have a yahoo.com account", "yahoo-no-account"),
    ("521 5.2.1 : AOL will not accept delivery of this message.", "aol-not-accepted"),
    // Block-list operators.
    (
        "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10",
        "spamhaus",
    ),
    ("554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using pbl.spamhaus.org", "spamhaus-pbl"),
    ("554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using Barracuda Reputation", "barracuda"),
    (
        "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.10",
        "spamcop",
    ),
    ("554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using xbl.spamhaus.org", "spamhaus-xbl"),
    ("554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using sbl.spamhaus.org", "spamhaus-sbl"),
    (
        "554 5.7.1 <info@example.com>: Sender address rejected: domain listed at dbl.spamhaus.org",
        "spamhaus-dbl",
    ),
    (
        "554 5.7.1 Mail rejected by Symantec reputation; see ipremoval.sms.symantec.com/lookup",
        "symantec-reputation",
    ),
    ("550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using dnsbl.sorbs.net", "dead-list-sorbs"),
    ("554 Service unavailable; Client host [192.0.2.10] blocked using dnsbl-3.uceprotect.net", "uceprotect"),
    ("554 5.7.1 Client host [192.0.2.10] blocked using bl.example.org", "client-host-blocked-list"),
    // Generic texts.
    ("451 4.7.1 Greylisted, please try again later", "greylisting"),
    ("450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.10]", "client-host-no-hostname"),
    ("550 5.7.25 Reverse DNS lookup failed for 192.0.2.10", "ptr-missing"),
    ("530 5.7.0 Must issue a STARTTLS command first", "tls-required"),
    ("454 4.7.0 TLS handshake failed", "tls-failed"),
    ("550 5.7.23 Message rejected due to SPF fail for example.com", "spf-fail"),
    ("550 5.7.20 Message rejected: no valid DKIM signature", "dkim-fail"),
    ("550 5.7.1 Email rejected per DMARC policy for example.com", "dmarc-fail"),
    ("535 5.7.8 Authentication credentials invalid", "auth-credentials"),
    ("556 5.1.10 Recipient address has null MX", "null-mx"),
    ("554 5.7.1 Message rejected: virus found in attachment", "virus"),
    ("554 5.4.6 Too many hops, mail loop detected", "mail-loop"),
];

fn recipient(reply: &str) -> Recipient {
    // The reply code and the enhanced status as a parser reads them off the reply.
    let code = reply
        .get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("")
        .to_string();
    let status = reply
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_end_matches([':', ',', ';']))
        .find(|w| codes::split_status(w).is_some())
        .map(str::to_string);
    Recipient {
        reply_code: code,
        status,
        diagnostic: Some(reply.to_string()),
        ..Recipient::default()
    }
}

fn report_of(recipients: Vec<Recipient>) -> Report {
    Report {
        kind: Kind::ReplyLine,
        format: "generic".into(),
        recipients,
        ..Report::default()
    }
}

fn locales() -> Vec<Localizer> {
    i18n::available_locales()
        .into_iter()
        .map(|l| Localizer::new(&[l]))
        .collect()
}

#[test]
fn every_fixture_gets_its_rule_and_a_full_explanation_in_every_locale() {
    let locs = locales();
    assert!(locs.len() >= 2);
    for (reply, want) in FIXTURES {
        let r = recipient(reply);
        let ids = kb::rule_ids(&r, "generic");
        assert_eq!(ids.first().map(String::as_str), Some(*want), "{reply}: matched {ids:?}");
        let mut rep = report_of(vec![r]);
        rep.recipients[0].rules = ids.clone();
        for loc in &locs {
            let e = explain(&rep, loc);
            let re = &e.recipients[0];
            assert_eq!(re.rule_ids, ids);
            let rule = kb::rule(want).expect("rule exists");
            assert_eq!(re.title, loc.msg(&rule.title_id(), &[]), "{}", loc.lang());
            assert!(!re.causes.is_empty() && !re.fixes.is_empty(), "{reply}");
            assert!(re.fixes.iter().all(|g| !g.steps.is_empty()));
            assert!(
                !re.code_meaning.is_empty() || rep.recipients[0].reply_code.is_empty(),
                "{reply}"
            );
            assert!(to_plain(&e).contains(&re.title));
            assert!(to_markdown(&e).contains("###"));
            let errors = loc.take_errors();
            assert!(errors.is_empty(), "{reply} in {}: {errors:?}", loc.lang());
        }
    }
}

#[test]
fn seed_causes_are_explained() {
    // Symantec: a third-party block list, or a home ISP connection.
    let r = kb::rule("not-allowed-to-connect").expect("rule");
    for c in ["cause-third-party-dnsbl", "cause-home-isp"] {
        assert!(r.causes.contains(&c), "{c}");
    }
    // MIT: the sender's reputation and forward-confirmed reverse DNS.
    let r = kb::rule("delivery-not-authorized").expect("rule");
    for c in ["cause-bad-reputation", "cause-fcrdns-mismatch", "cause-no-ptr"] {
        assert!(r.causes.contains(&c), "{c}");
    }
}

#[test]
fn every_reply_code_is_explained_in_every_locale() {
    assert_eq!(codes::REPLY_CODES.len(), 34);
    for must in ["521", "530", "535", "556", "421", "554", "555"] {
        assert!(codes::REPLY_CODES.contains(&must), "{must}");
    }
    for loc in locales() {
        for code in codes::REPLY_CODES.iter().copied().chain(["299", "399", "499", "599"]) {
            let e = explain(&report_of(vec![recipient(&format!("{code} x"))]), &loc);
            let first = &e.recipients[0].code_meaning[0];
            assert!(first.starts_with(code), "{}: {first}", loc.lang());
            assert!(!first.contains("reply-"), "{first}");
        }
        assert!(loc.take_errors().is_empty());
    }
}

#[test]
fn every_enhanced_status_code_is_explained_in_every_locale() {
    assert_eq!(codes::STATUS_DETAILS.len(), 80);
    for loc in locales() {
        let unregistered = loc.msg("status-detail-unregistered", &[("status", "".into())]);
        let mut texts = std::collections::BTreeSet::new();
        for detail in codes::STATUS_DETAILS {
            for class in ["4", "5"] {
                let status = format!("{class}.{detail}");
                let e = explain(&report_of(vec![recipient(&format!("{class}50 {status} x"))]), &loc);
                let m = &e.recipients[0].code_meaning;
                assert_eq!(m.len(), 4, "{status}: {m:?}");
                assert!(m[1].starts_with(&status), "{status}: {m:?}");
                assert!(!m[3].starts_with(unregistered.trim_end_matches('.')), "{status}");
                texts.insert(m[3].clone());
            }
        }
        assert_eq!(texts.len(), 80, "{}: each detail has its own text", loc.lang());
        assert!(loc.take_errors().is_empty());
    }
}

#[test]
fn unknown_detail_codes_still_get_class_and_subject() {
    for loc in locales() {
        let e = explain(&report_of(vec![recipient("550 5.7.999 Something new")]), &loc);
        let m = &e.recipients[0].code_meaning;
        assert_eq!(m.len(), 4);
        assert_eq!(m[2], loc.msg("status-subject-7", &[("status", "5.7.999".into())]));
        assert_eq!(
            m[3],
            loc.msg("status-detail-unregistered", &[("status", "5.7.999".into())])
        );
        assert!(m[3].contains("5.7.999"));
        assert!(loc.take_errors().is_empty());
    }
}

#[test]
fn every_reason_has_a_generic_rule() {
    for reason in Reason::ALL {
        let rule = kb::reason_rule(*reason).unwrap_or_else(|| panic!("no generic rule for {}", reason.as_str()));
        assert_eq!(rule.reason, *reason);
        assert_eq!(rule.id, format!("reason-{}", reason.as_str()));
        let r = Recipient {
            reason: *reason,
            ..Recipient::default()
        };
        assert_eq!(kb::rule_ids(&r, "generic"), vec![rule.id.to_string()]);
    }
}

#[test]
fn greylisting_is_soft_and_waiting_is_the_fix() {
    for text in [
        "451 4.7.1 Greylisted, please try again later",
        "451 This server employs greylisting as a means of reducing spam. Please resend e-mail shortly",
        "450 4.2.0 <user@example.com>: Recipient address rejected: Greylisted for 300 seconds",
    ] {
        let report = bounce::analyze(text.as_bytes());
        let r = &report.recipients[0];
        assert!(!r.hard, "{text}: greylisting must be soft");
        assert_eq!(
            r.rules.first().map(String::as_str),
            Some("greylisting"),
            "{text}: {:?}",
            r.rules
        );
        for loc in locales() {
            let e = explain(&report, &loc);
            let re = &e.recipients[0];
            assert!(!re.permanent);
            assert_eq!(re.permanence, loc.msg("permanence-greylisted", &[]));
            assert_eq!(re.who_must_act, loc.msg("party-nobody", &[]));
            assert_eq!(re.fixes[0].party, loc.msg("party-nobody", &[]));
            assert_eq!(re.fixes[0].steps[0], loc.msg("fix-wait-retry", &[]));
            assert!(loc.take_errors().is_empty());
        }
    }
}

#[test]
fn matching_ignores_case_and_line_wraps() {
    let r = recipient("554 5.7.1 You are   not\n  ALLOWED to\r\n connect");
    assert_eq!(kb::rule_ids(&r, "generic")[0], "not-allowed-to-connect");
}

#[test]
fn stage_format_and_status_criteria_narrow_the_match() {
    // Stage: a bare 554 at the greeting is about the sending IP.
    let mut r = recipient("554 mx.example.com");
    r.command = Some(Command::Conn);
    r.reason = Reason::PolicyViolation;
    assert_eq!(kb::rule_ids(&r, "generic")[0], "refused-at-connect");
    r.command = Some(Command::Data);
    assert_eq!(kb::rule_ids(&r, "generic")[0], "refused-after-data");
    r.command = Some(Command::Rcpt);
    assert_eq!(kb::rule_ids(&r, "generic")[0], "reason-policyviolation");
    // Format: Exchange's bare 5.7.1.
    let mut r = recipient("550 5.7.1 Delivery not permitted");
    assert!(!kb::rule_ids(&r, "generic").contains(&"exchange-5-7-1".to_string()));
    assert_eq!(kb::rule_ids(&r, "exchange")[0], "exchange-5-7-1");
    // Status alone: Microsoft's banned-IP range and 4.4.316.
    r = Recipient {
        status: Some("5.7.649".into()),
        ..Recipient::default()
    };
    assert_eq!(kb::rule_ids(&r, "generic")[0], "ms-banned-ip-code");
    r.status = Some("5.7.650".into());
    assert!(kb::rule_ids(&r, "generic").is_empty() || kb::rule_ids(&r, "generic")[0] != "ms-banned-ip-code");
    // Reply code alone.
    let r = recipient("535 nope");
    assert_eq!(kb::rule_ids(&r, "generic")[0], "auth-failed-535");
}

#[test]
fn facts_arrive_as_arguments() {
    for loc in locales() {
        let mut rep = report_of(vec![recipient(
            "554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using b.barracudacentral.org",
        )]);
        rep.recipients[0].remote_mta = Some("mx.example.net".into());
        rep.recipients[0].command = Some(Command::Rcpt);
        rep.recipients[0].address = Some("anna@example.net".into());
        rep.reporting_mta = Some("mail.example.org".into());
        let text = to_plain(&explain(&rep, &loc));
        for fact in [
            "198.51.100.23",
            "b.barracudacentral.org",
            "mx.example.net",
            "anna@example.net",
            "mail.example.org",
        ] {
            assert!(text.contains(fact), "{}: {fact} missing in {text}", loc.lang());
        }
        assert!(text.contains(&loc.msg("stage-rcpt", &[])));
        assert!(loc.take_errors().is_empty());
    }
}

#[test]
fn whole_reports_explain_end_to_end() {
    // A sendmail DSN like the one MIT's page shows (own fixture, documentation names).
    let dsn = "From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>\r\n\
To: sender@example.org\r\n\
Subject: Returned mail: see transcript for details\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain\r\n\
\r\n\
----- The following addresses had permanent fatal errors -----\r\n\
<user@example.edu>\r\n\
    (reason: 554 5.7.1 Delivery not authorized)\r\n\
\r\n\
   ----- Transcript of session follows -----\r\n\
... while talking to scanner-1.example.edu.:\r\n\
<<< 554 5.7.1 Delivery not authorized\r\n\
554 5.0.0 Service unavailable\r\n\
\r\n\
--b1\r\n\
Content-Type: message/delivery-status\r\n\
\r\n\
Reporting-MTA: dns; mail.example.org\r\n\
\r\n\
Final-Recipient: RFC822; user@example.edu\r\n\
Action: failed\r\n\
Status: 5.5.0\r\n\
Diagnostic-Code: SMTP; 554 5.7.1 Delivery not authorized\r\n\
\r\n\
--b1--\r\n";
    let report = bounce::analyze(dsn.as_bytes());
    assert_eq!(report.recipients.len(), 1);
    assert!(
        report.recipients[0]
            .rules
            .contains(&"delivery-not-authorized".to_string()),
        "{:?}",
        report.recipients[0]
    );
    let pl = Localizer::new(&["pl"]);
    let text = to_plain(&explain(&report, &pl));
    assert!(text.contains("Doręczenie niedozwolone"), "{text}");
    assert!(text.contains("user@example.edu"));
    assert!(pl.take_errors().is_empty());
    // The Polish hosting page's Exim line.
    let exim =
        "SMTP error from remote mail server after initial connection:\n554 5.7.1 You are not allowed to connect.\n";
    let report = bounce::analyze(exim.as_bytes());
    let r = &report.recipients[0];
    assert!(r.rules.contains(&"not-allowed-to-connect".to_string()), "{r:?}");
    assert!(r.hard);
}

#[test]
fn every_party_and_rule_is_well_formed() {
    let mut ids = std::collections::BTreeSet::new();
    for rule in kb::rules::RULES {
        assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
        assert!(
            rule.text.is_some()
                || !rule.status.is_empty()
                || !rule.codes.is_empty()
                || !rule.stages.is_empty()
                || !rule.formats.is_empty()
                || rule.on_reason.is_some(),
            "{} has no criterion",
            rule.id
        );
        assert!(!rule.causes.is_empty() && !rule.fixes.is_empty(), "{}", rule.id);
        if let Some(t) = rule.text {
            assert!(regex::Regex::new(&format!("(?i){t}")).is_ok(), "{}", rule.id);
        }
        if let Some(other) = rule.msg {
            assert!(
                kb::rule(other).is_some_and(|o| o.msg.is_none()),
                "{} shares a missing rule",
                rule.id
            );
        }
    }
    assert_eq!(Party::ALL.len(), 5);
}

/// The numbers the README quotes.
#[test]
fn coverage_counts() {
    let rules = kb::rules::RULES.len();
    let text_rules = kb::rules::RULES.iter().filter(|r| r.text.is_some()).count();
    let used = kb::message_ids().len() + bounce::explain::MESSAGES.len();
    println!(
        "rules={rules} text_rules={text_rules} reply_codes={} status_details={} fixtures={} kb+explain message ids={used}",
        codes::REPLY_CODES.len(),
        codes::STATUS_DETAILS.len(),
        FIXTURES.len()
    );
    assert_eq!(codes::REPLY_CODES.len(), 34);
    assert_eq!(codes::STATUS_DETAILS.len(), 80);
    assert_eq!(FIXTURES.len(), 103);
    assert_eq!(rules, 145);
}

#[test]
fn headline_counts_failed_and_delayed_recipients() {
    let mut hard = recipient("550 5.1.1 User unknown");
    hard.hard = true;
    hard.reason = Reason::UserUnknown;
    let soft = recipient("452 4.2.2 Mailbox full");
    let mut soft2 = soft.clone();
    soft2.address = Some("b@example.com".into());
    for loc in locales() {
        let e = explain(&report_of(vec![hard.clone(), soft.clone(), soft2.clone()]), &loc);
        assert!(
            e.headline
                .contains(&loc.msg("headline-failed", &[("count", "1".into())])),
            "{}",
            e.headline
        );
        assert!(
            e.headline
                .contains(&loc.msg("headline-delayed", &[("count", "2".into())])),
            "{}",
            e.headline
        );
        assert!(e
            .summary
            .contains(&loc.msg("summary-recipients", &[("count", "3".into())])));
        assert!(loc.take_errors().is_empty());
    }
}

#[test]
fn every_text_rule_is_the_best_match_of_some_fixture() {
    let tops: std::collections::BTreeSet<String> = FIXTURES
        .iter()
        .filter_map(|(reply, _)| kb::rule_ids(&recipient(reply), "generic").into_iter().next())
        .collect();
    for rule in kb::rules::RULES.iter().filter(|r| r.text.is_some()) {
        assert!(tops.contains(rule.id), "no fixture exercises {}", rule.id);
    }
}

#[test]
fn classifier_and_best_rule_agree_on_the_reason() {
    let mut bad = Vec::new();
    for (reply, want) in FIXTURES {
        // The diagnosis as the CLI and the app run it: the classifier, then the kb where it is silent.
        let mut rep = report_of(vec![recipient(reply)]);
        bounce::diagnose::diagnose(&mut rep);
        let classified = rep.recipients[0].reason;
        assert_eq!(
            rep.recipients[0].rules.first().map(String::as_str),
            Some(*want),
            "{reply}"
        );
        let rule = kb::rule(want).expect("rule exists");
        if classified != rule.reason {
            bad.push(format!(
                "{reply} => classifier {} / rule {want} {}",
                classified.as_str(),
                rule.reason.as_str()
            ));
        }
    }
    assert!(bad.is_empty(), "{} disagreements:\n{}", bad.len(), bad.join("\n"));
}
