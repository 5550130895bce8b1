//! The rule table. Add a rule by adding an entry here and its `rule-<id>-title` and
//! `rule-<id>-what` messages to `i18n/<locale>/rules.ftl` in every locale; causes and fixes name
//! messages in `advice.ftl`. `tests/kb.rs` checks that every id exists and every seed message matches.
//!
//! Order matters only between rules of equal specificity: put the narrower pattern first.

use super::{Party as P, Rule};
use crate::model::{Command as C, Reason as R};

const WAIT: super::Fixes = (P::Nobody, &["fix-wait-retry"]);

/// Every rule: specific replies first, then provider and block-list texts, then generic
/// patterns, stage rules and the one generic rule per reason.
pub static RULES: &[Rule] = &[
    // ---- Greylisting: temporary by design; waiting is the fix.
    Rule::new("greylisting", R::Blocked, P::Nobody)
        .text(r"gr[ae]y-?list")
        .causes(&["cause-greylisting"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-greylist-allowlist"])]),
    // ---- Block-list operators.
    Rule::new("spamhaus-pbl", R::Blocked, P::SenderAdmin)
        .text(r"pbl\.spamhaus|spamhaus.{0,40}\bpbl\b|\bpbl\b.{0,40}spamhaus")
        .causes(&["cause-spamhaus-pbl", "cause-home-isp"])
        .fixes(&[(P::SenderAdmin, &["fix-use-org-server", "fix-spamhaus-pbl"])]),
    Rule::new("spamhaus-xbl", R::Blocked, P::SenderAdmin)
        .text(r"xbl\.spamhaus|spamhaus.{0,40}\b(?:xbl|css)\b|\b(?:xbl|css)\b.{0,40}spamhaus")
        .causes(&["cause-compromised", "cause-spamhaus-xbl"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-spamhaus-lookup"])]),
    Rule::new("spamhaus-dbl", R::Rejected, P::Sender)
        .text(r"dbl\.spamhaus|spamhaus.{0,40}\bdbl\b|\bdbl\b.{0,40}spamhaus")
        .causes(&["cause-domain-on-dbl"])
        .fixes(&[
            (P::Sender, &["fix-remove-links"]),
            (P::SenderAdmin, &["fix-spamhaus-lookup"]),
        ]),
    Rule::new("spamhaus-sbl", R::Blocked, P::SenderAdmin)
        .text(r"sbl\.spamhaus|spamhaus.{0,40}\bsbl\b|\bsbl\b.{0,40}spamhaus")
        .causes(&["cause-spamhaus-sbl"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-spamhaus-lookup"])]),
    Rule::new("spamhaus", R::Blocked, P::SenderAdmin)
        .text(r"spamhaus")
        .causes(&["cause-ip-on-dnsbl", "cause-compromised"])
        .fixes(&[(P::SenderAdmin, &["fix-spamhaus-lookup", "fix-stop-spam-source"])]),
    Rule::new("barracuda", R::Blocked, P::SenderAdmin)
        .text(r"barracuda")
        .causes(&["cause-barracuda-listing"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-barracuda-removal"])]),
    Rule::new("spamcop", R::Blocked, P::SenderAdmin)
        .text(r"spamcop")
        .causes(&["cause-spamcop-reports"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-spamcop-expiry"])]),
    Rule::new("uceprotect", R::Blocked, P::SenderAdmin)
        .text(r"uceprotect")
        .causes(&["cause-uceprotect-range"])
        .fixes(&[(P::SenderAdmin, &["fix-ask-isp", "fix-uceprotect-wait"])]),
    Rule::new("dead-list-sorbs", R::Blocked, P::RecipientAdmin)
        .text(r"\bsorbs\b")
        .causes(&["cause-dead-list"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-remove-dead-list"]),
        ]),
    Rule::new("symantec-reputation", R::BadReputation, P::SenderAdmin)
        .text(r"symantec|brightmail")
        .causes(&["cause-bad-reputation", "cause-third-party-dnsbl"])
        .fixes(&[(P::SenderAdmin, &["fix-symantec-lookup", "fix-stop-spam-source"])]),
    // ---- The twelve "554 5.7.1" replies of the seeds.
    Rule::new("relay-denied-one-domain", R::NoRelaying, P::SenderAdmin)
        .text(r"relay access denied for one domain")
        .causes(&["cause-relay-domain-not-local", "cause-relay-not-authenticated"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-mx"]),
            (P::RecipientAdmin, &["fix-add-accepted-domain"]),
        ]),
    Rule::new("relay-denied", R::NoRelaying, P::SenderAdmin)
        .text(r"relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited|refused)|relaying (?:is )?not allowed|unable to relay|not permitted to relay|we do not relay")
        .causes(&["cause-relay-not-authenticated", "cause-relay-domain-not-local", "cause-wrong-smtp-server"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::SenderAdmin, &["fix-check-mx"]),
            (P::RecipientAdmin, &["fix-add-accepted-domain"]),
        ]),
    Rule::new("delivery-not-authorized", R::SecurityError, P::SenderAdmin)
        .text(r"delivery not authori[sz]ed")
        .causes(&["cause-bad-reputation", "cause-no-ptr", "cause-fcrdns-mismatch", "cause-ip-on-dnsbl"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-reputation", "fix-set-ptr", "fix-check-dnsbl"]),
            (P::Sender, &["fix-test-other-provider", "fix-contact-recipient-other-channel"]),
        ]),
    Rule::new("not-allowed-to-connect", R::Blocked, P::SenderAdmin)
        .text(r"not allowed to connect")
        .causes(&["cause-third-party-dnsbl", "cause-home-isp", "cause-bad-reputation", "cause-ip-private-block"])
        .fixes(&[
            (P::SenderAdmin, &["fix-find-outbound-ip", "fix-check-dnsbl", "fix-use-org-server"]),
            (P::RecipientAdmin, &["fix-review-dnsbl-config", "fix-allowlist-sender"]),
        ]),
    Rule::new("client-host-blocked-list", R::Blocked, P::SenderAdmin)
        .text(r"blocked using [a-z0-9-]+\.[a-z0-9.-]+")
        .causes(&["cause-ip-on-dnsbl", "cause-compromised"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-dnsbl", "fix-stop-spam-source", "fix-request-delisting"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    Rule::new("client-host-blocked", R::Blocked, P::SenderAdmin)
        .text(r"client host \S+ (?:is )?blocked|service unavailable;? client host")
        .causes(&["cause-ip-on-dnsbl", "cause-ip-private-block", "cause-bad-reputation"])
        .fixes(&[
            (P::SenderAdmin, &["fix-find-outbound-ip", "fix-check-dnsbl", "fix-stop-spam-source"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    Rule::new("client-host-no-hostname", R::RequirePtr, P::SenderAdmin)
        .text(r"cannot find your (?:reverse )?hostname|client host rejected: (?:reverse )?hostname")
        .causes(&["cause-no-ptr", "cause-fcrdns-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-set-ptr", "fix-fcrdns-check", "fix-helo-name"])]),
    Rule::new("client-host-rejected", R::Blocked, P::SenderAdmin)
        .text(r"client host rejected")
        .causes(&["cause-ip-private-block", "cause-no-ptr", "cause-home-isp"])
        .fixes(&[
            (P::SenderAdmin, &["fix-find-outbound-ip", "fix-set-ptr", "fix-use-org-server"]),
            (P::RecipientAdmin, &["fix-check-access-rules"]),
        ]),
    Rule::new("ms-dbeb-access-denied", R::UserUnknown, P::Sender)
        .text(r"recipient address rejected: access denied")
        .status(&["5.4.1"])
        .causes(&["cause-ms-dbeb", "cause-mailbox-missing"])
        .fixes(&[
            (P::Sender, &["fix-check-address"]),
            (P::RecipientAdmin, &["fix-ms-accepted-domain"]),
        ]),
    Rule::new("recipient-access-denied", R::Filtered, P::RecipientAdmin)
        .text(r"recipient address rejected: access denied")
        .causes(&["cause-recipient-access-rule", "cause-recipient-internal-only"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-check-access-rules"]),
        ]),
    Rule::new("sender-access-denied", R::Rejected, P::Sender)
        .text(r"sender address rejected: access denied")
        .causes(&["cause-sender-blocked-by-recipient", "cause-sender-domain-blocked"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel", "fix-send-from-other-address"]),
            (P::RecipientAdmin, &["fix-check-access-rules"]),
        ]),
    Rule::new("rules-rejection", R::PolicyViolation, P::RecipientAdmin)
        .text(r"rules rejection")
        .causes(&["cause-policy-rule", "cause-attachment-type"])
        .fixes(&[
            (P::Sender, &["fix-remove-attachments", "fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    Rule::new("dictionary-check", R::SpamDetected, P::Sender)
        .text(r"dictionary check")
        .causes(&["cause-dictionary-words", "cause-dictionary-attack"])
        .fixes(&[
            (P::Sender, &["fix-rewrite-content"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    Rule::new("spam-rejection", R::SpamDetected, P::Sender)
        .text(r"spam rejection")
        .causes(&["cause-content-spam", "cause-url-listed", "cause-bad-reputation"])
        .fixes(&[
            (P::Sender, &["fix-rewrite-content", "fix-remove-links"]),
            (P::SenderAdmin, &["fix-auth-dns-setup"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    Rule::new("dnsbl-check", R::Blocked, P::SenderAdmin)
        .text(r"dnsbl check|refused by dnsbl")
        .causes(&["cause-ip-on-dnsbl", "cause-compromised"])
        .fixes(&[(P::SenderAdmin, &["fix-check-dnsbl", "fix-stop-spam-source", "fix-request-delisting"])]),
    // ---- MailEnable's SMTP replies.
    Rule::new("me-service-unavailable", R::SystemError, P::Nobody)
        .text(r"service not available,? closing transmission channel")
        .codes(&["421"])
        .causes(&["cause-server-config-store", "cause-server-fault"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-check-storage", "fix-check-server-logs"])]),
    Rule::new("me-error-in-processing", R::SystemError, P::Nobody)
        .text(r"error in processing")
        .causes(&["cause-server-fault", "cause-disk-full"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-check-storage", "fix-check-server-logs"])]),
    Rule::new("me-temporary-server-error", R::SystemError, P::Nobody)
        .text(r"temporary server error")
        .causes(&["cause-server-fault", "cause-disk-full"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-check-storage", "fix-check-server-logs"])]),
    Rule::new("me-sending-limit", R::Speeding, P::Sender)
        .text(r"sent too many messages in a short (?:amount of )?time")
        .causes(&["cause-hourly-limit", "cause-compromised-account"])
        .fixes(&[
            (P::Sender, &["fix-reduce-rate", "fix-resend-later"]),
            (P::SenderAdmin, &["fix-raise-limit"]),
        ]),
    Rule::new("me-reported-spam-source", R::Blocked, P::SenderAdmin)
        .text(r"reported as a source of spam")
        .causes(&["cause-reported-by-users", "cause-compromised"])
        .fixes(&[
            (P::SenderAdmin, &["fix-stop-spam-source"]),
            (P::RecipientAdmin, &["fix-unblock-ip"]),
        ]),
    Rule::new("me-server-too-busy", R::TooManyConn, P::Nobody)
        .text(r"server (?:is )?too busy")
        .causes(&["cause-server-busy", "cause-slow-dnsbl"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-raise-limit", "fix-review-dnsbl-config"])]),
    Rule::new("me-auth-abuse", R::PolicyViolation, P::Sender)
        .text(r"refused connection .{0,80}because of policy violation")
        .causes(&["cause-auth-abuse"])
        .fixes(&[
            (P::Sender, &["fix-correct-password", "fix-wait-hour"]),
            (P::RecipientAdmin, &["fix-unblock-ip"]),
        ]),
    Rule::new("too-many-recipients", R::TooManyConn, P::Sender)
        .text(r"too many recipients")
        .causes(&["cause-too-many-recipients"])
        .fixes(&[
            (P::Sender, &["fix-fewer-recipients"]),
            (P::RecipientAdmin, &["fix-raise-limit"]),
        ]),
    Rule::new("me-remote-domains-denied", R::NoRelaying, P::SenderAdmin)
        .text(r"not permitted to send to remote domains")
        .causes(&["cause-local-only-policy"])
        .fixes(&[(P::SenderAdmin, &["fix-allow-remote-sending"])]),
    Rule::new("me-url-blacklist", R::SpamDetected, P::Sender)
        .text(r"links? to an ip address that is (?:black|block)listed")
        .causes(&["cause-url-listed"])
        .fixes(&[
            (P::Sender, &["fix-remove-links"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    Rule::new("me-command-unrecognized", R::SyntaxError, P::SenderAdmin)
        .text(r"command unrecogni[sz]ed")
        .causes(&["cause-client-bad-command"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-client-software"]),
            (P::RecipientAdmin, &["fix-check-server-logs"]),
        ]),
    Rule::new("me-syntax-params", R::SyntaxError, P::SenderAdmin)
        .text(r"syntax error in parameters")
        .causes(&["cause-client-bad-command", "cause-line-too-long"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-client-software"]),
            (P::RecipientAdmin, &["fix-check-server-logs"]),
        ]),
    Rule::new("me-sender-domain-no-mx", R::Rejected, P::Sender)
        .text(r"could not find (?:an? )?mx record for your domain|your domain does not seem to be valid")
        .causes(&["cause-sender-domain-invalid"])
        .fixes(&[
            (P::Sender, &["fix-check-sender-address"]),
            (P::SenderAdmin, &["fix-check-sender-domain-dns"]),
        ]),
    Rule::new("me-invalid-address", R::UserUnknown, P::Sender)
        .text(r"invalid address")
        .codes(&["501"])
        .causes(&["cause-address-bad-chars"])
        .fixes(&[
            (P::Sender, &["fix-check-address"]),
            (P::SenderAdmin, &["fix-check-client-software"]),
        ]),
    Rule::new("me-not-implemented", R::SyntaxError, P::SenderAdmin)
        .text(r"command not implemented")
        .causes(&["cause-command-unsupported"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("me-no-recipients", R::SyntaxError, P::Sender)
        .text(r"must specify the recipients")
        .causes(&["cause-no-valid-recipient"])
        .fixes(&[(P::Sender, &["fix-check-address"])]),
    Rule::new("me-bad-sequence-state", R::SyntaxError, P::SenderAdmin)
        .text(r"could not process (?:data|rcpt|mail) command when in this state")
        .causes(&["cause-command-order"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("me-auth-non-local", R::SecurityError, P::Sender)
        .text(r"requires authentication when attempting to send to a non-local")
        .causes(&["cause-relay-not-authenticated", "cause-recipient-missing-local"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::RecipientAdmin, &["fix-check-recipient-exists"]),
        ]),
    Rule::new("me-too-many-invalid-commands", R::SyntaxError, P::SenderAdmin)
        .text(r"too many invalid commands")
        .causes(&["cause-client-bad-command"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-client-software"]),
            (P::RecipientAdmin, &["fix-raise-limit"]),
        ]),
    Rule::new("bad-sequence", R::SyntaxError, P::SenderAdmin)
        .text(r"bad sequence of commands")
        .causes(&["cause-command-order"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("me-account-access-denied", R::SecurityError, P::Sender)
        .text(r"access to this user account has been denied")
        .causes(&["cause-account-auth-locked"])
        .fixes(&[
            (P::Sender, &["fix-ask-admin-unlock"]),
            (P::RecipientAdmin, &["fix-unlock-account"]),
        ]),
    Rule::new("me-account-disabled", R::Suspend, P::Sender)
        .text(r"user account has been disabled")
        .causes(&["cause-account-auth-locked"])
        .fixes(&[
            (P::Sender, &["fix-ask-admin-unlock"]),
            (P::RecipientAdmin, &["fix-unlock-account"]),
        ]),
    Rule::new("me-mailbox-unavailable", R::UserUnknown, P::Sender)
        .text(r"mailbox unavailable or not local")
        .causes(&["cause-mailbox-missing", "cause-address-typo"])
        .fixes(&[
            (P::Sender, &["fix-check-address"]),
            (P::RecipientAdmin, &["fix-check-recipient-exists"]),
        ]),
    Rule::new("me-domain-not-permitted", R::Rejected, P::Sender)
        .text(r"domain you are sending from is not permitted")
        .causes(&["cause-sender-domain-blocked"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-unblock-sender-domain"]),
        ]),
    Rule::new("me-user-policy", R::PolicyViolation, P::Recipient)
        .text(r"user policy is preventing you")
        .causes(&["cause-recipient-blocks-you"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::Recipient, &["fix-recipient-unblock"]),
        ]),
    Rule::new("me-auth-required-port", R::SecurityError, P::Sender)
        .text(r"requires authentication .{0,20}when attempting to send via this smtp")
        .causes(&["cause-port-requires-auth"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::RecipientAdmin, &["fix-port-auth-setting"]),
        ]),
    Rule::new("me-auth-local-domain", R::SecurityError, P::Sender)
        .text(r"requires authentication before sending mail from a locally hosted domain")
        .causes(&["cause-local-domain-spoof", "cause-sender-mailbox-disabled"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::RecipientAdmin, &["fix-spoofing-setting"]),
        ]),
    Rule::new("me-sender-not-valid-for-login", R::Rejected, P::Sender)
        .text(r"sender address is not valid for your login")
        .causes(&["cause-sender-login-mismatch"])
        .fixes(&[
            (P::Sender, &["fix-sender-matches-login"]),
            (P::SenderAdmin, &["fix-allow-send-as"]),
        ]),
    Rule::new("me-size-exceeded", R::MesgTooBig, P::Sender)
        .text(r"message size exceeds (?:fixed )?maximum")
        .causes(&["cause-message-too-big"])
        .fixes(&[
            (P::Sender, &["fix-send-smaller"]),
            (P::RecipientAdmin, &["fix-raise-size-limit"]),
        ]),
    Rule::new("me-dnsbl-ip", R::Blocked, P::SenderAdmin)
        .text(r"found in a dns ?(?:black|block)list")
        .causes(&["cause-ip-on-dnsbl", "cause-compromised"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-dnsbl", "fix-request-delisting"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    Rule::new("me-spf-mismatch", R::AuthFailure, P::SenderAdmin)
        .text(r"does not match the spf record")
        .causes(&["cause-spf-fail", "cause-forwarding"])
        .fixes(&[
            (P::SenderAdmin, &["fix-spf-add-ip"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    // ---- Microsoft 365 / Outlook.com.
    Rule::new("ms-block-list", R::Blocked, P::SenderAdmin)
        .text(r"\(S3\d{3}\)|part of their network is on our block list")
        .causes(&["cause-ms-network-blocked", "cause-bad-reputation"])
        .fixes(&[(P::SenderAdmin, &["fix-ms-delist", "fix-ask-isp"])]),
    Rule::new("ms-banned-ip", R::Blocked, P::SenderAdmin)
        .text(r"banned sending ip|banned sender")
        .causes(&["cause-ms-banned-ip", "cause-compromised"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-ms-delist"])]),
    Rule::new("ms-banned-ip-code", R::Blocked, P::SenderAdmin)
        .status(&["5.7.60*", "5.7.61*", "5.7.62*", "5.7.63*", "5.7.64*"])
        .msg("ms-banned-ip")
        .causes(&["cause-ms-banned-ip", "cause-compromised"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-ms-delist"])]),
    Rule::new("ms-dmarc-reject", R::AuthFailure, P::SenderAdmin)
        .text(r"(?:does not|doesn't) pass dmarc verification")
        .causes(&["cause-dmarc-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-dmarc-align", "fix-spf-add-ip", "fix-dkim-sign"])]),
    Rule::new("ms-dmarc-reject-code", R::AuthFailure, P::SenderAdmin)
        .status(&["5.7.509"])
        .msg("ms-dmarc-reject")
        .causes(&["cause-dmarc-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-dmarc-align", "fix-spf-add-ip", "fix-dkim-sign"])]),
    Rule::new("ms-auth-level", R::AuthFailure, P::SenderAdmin)
        .text(r"(?:does not|doesn't) meet the required authentication level")
        .causes(&["cause-ms-auth-level", "cause-spf-fail", "cause-dkim-fail"])
        .fixes(&[(P::SenderAdmin, &["fix-spf-add-ip", "fix-dkim-sign", "fix-dmarc-align"])]),
    Rule::new("ms-auth-level-code", R::AuthFailure, P::SenderAdmin)
        .status(&["5.7.515"])
        .msg("ms-auth-level")
        .causes(&["cause-ms-auth-level", "cause-spf-fail", "cause-dkim-fail"])
        .fixes(&[(P::SenderAdmin, &["fix-spf-add-ip", "fix-dkim-sign", "fix-dmarc-align"])]),
    Rule::new("ms-recipient-not-found", R::UserUnknown, P::Sender)
        .text(r"recipientnotfound|recipient not found by smtp address lookup")
        .causes(&["cause-mailbox-missing", "cause-address-typo"])
        .fixes(&[
            (P::Sender, &["fix-check-address", "fix-clear-autocomplete"]),
            (P::RecipientAdmin, &["fix-check-recipient-exists"]),
        ]),
    Rule::new("ms-connection-refused", R::NetworkError, P::Nobody)
        .status(&["4.4.316"])
        .causes(&["cause-remote-refuses-connections", "cause-network"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-check-mx-connectivity"])]),
    Rule::new("ms-traffic-not-accepted", R::Blocked, P::SenderAdmin)
        .text(r"traffic not accepted from this ip")
        .causes(&["cause-new-ip-no-history", "cause-bad-reputation"])
        .fixes(&[(P::SenderAdmin, &["fix-ms-delist", "fix-warm-up-ip"])]),
    Rule::new("ms-unregistered-domain", R::Blocked, P::SenderAdmin)
        .text(r"unregistered domains?")
        .causes(&["cause-ms-unregistered-domain"])
        .fixes(&[(P::SenderAdmin, &["fix-ms-add-domain"])]),
    Rule::new("ms-tenant-threshold", R::Blocked, P::SenderAdmin)
        .text(r"tenant has exceeded threshold|exceeded threshold restriction")
        .causes(&["cause-compromised-account", "cause-ms-tenant-spam"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-ms-support"])]),
    Rule::new("ms-bad-outbound-sender", R::Rejected, P::SenderAdmin)
        .text(r"bad outbound sender")
        .causes(&["cause-ms-restricted-sender", "cause-compromised-account"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-ms-unblock-user"])]),
    Rule::new("ms-anonymous-not-allowed", R::SecurityError, P::Sender)
        .text(r"not authenticated to send anonymous mail")
        .causes(&["cause-relay-not-authenticated"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::SenderAdmin, &["fix-smtp-auth-enabled"]),
        ]),
    Rule::new("ms-external-forwarding", R::PolicyViolation, P::SenderAdmin)
        .text(r"(?:does not|doesn't) allow external forwarding")
        .causes(&["cause-forwarding-blocked"])
        .fixes(&[(P::SenderAdmin, &["fix-ms-allow-forwarding"])]),
    // ---- Japanese mobile carriers (au / ezweb.ne.jp): the recipient's own reception filter.
    Rule::new("mobile-reception-filter", R::Filtered, P::Recipient)
        .text(r"each of the following recipients was rejected by a remote mail server")
        .causes(&["cause-mobile-reception-filter"])
        .fixes(&[
            (P::Recipient, &["fix-mobile-allow-sender"]),
            (P::Sender, &["fix-contact-recipient-other-channel"]),
        ]),
    Rule::new("ms-throttled", R::Speeding, P::Nobody)
        .status(&["4.7.5*", "4.7.6*"])
        .formats(&["exchange"])
        .causes(&["cause-new-ip-no-history", "cause-volume-spike"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-warm-up-ip"])]),
    Rule::new("ms-ip-reputation-throttle", R::BadReputation, P::Nobody)
        .text(r"rate limited due to ip reputation")
        .status(&["4.7.65*"])
        .msg("ms-throttled")
        .causes(&["cause-bad-reputation", "cause-new-ip-no-history"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-ms-delist", "fix-warm-up-ip"])]),
    Rule::new("ms-restricted-group", R::SecurityError, P::RecipientAdmin)
        .text(r"resolver\.rst\.|delivery restrictions|not authorized to send to this (?:recipient|group)")
        .causes(&["cause-group-restricted"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-group-allow-external"]),
        ]),
    Rule::new("exchange-5-7-1", R::PolicyViolation, P::RecipientAdmin)
        .status(&["5.7.1"])
        .formats(&["exchange"])
        .causes(&["cause-group-restricted", "cause-ip-private-block"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-group-allow-external", "fix-check-access-rules"]),
        ]),
    // ---- Gmail.
    Rule::new("gmail-dmarc-policy", R::AuthFailure, P::SenderAdmin)
        .text(r"due to (?:the )?domain'?s dmarc policy|isn't aligned with either the authenticated spf or dkim|not aligned with (?:either )?the authenticated")
        .causes(&["cause-dmarc-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-dmarc-align", "fix-spf-add-ip", "fix-dkim-sign"])]),
    Rule::new("gmail-unauthenticated", R::AuthFailure, P::SenderAdmin)
        .text(r"sender is unauthenticated|requires all senders to authenticate|spf (?:authentication )?did(?:n't| not) pass|dkim (?:authentication )?did(?:n't| not) pass")
        .causes(&["cause-spf-fail", "cause-dkim-fail"])
        .fixes(&[(P::SenderAdmin, &["fix-spf-add-ip", "fix-dkim-sign"])]),
    Rule::new("gmail-ptr", R::RequirePtr, P::SenderAdmin)
        .text(r"(?:does not|doesn't) have a ptr record|corresponding forward dns entry|ipv6 sending guidelines")
        .causes(&["cause-no-ptr", "cause-fcrdns-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-set-ptr", "fix-fcrdns-check"])]),
    Rule::new("gmail-rate-limited", R::Speeding, P::SenderAdmin)
        .text(r"unusual rate of unsolicited mail|rate limited")
        .status(&["4*"])
        .causes(&["cause-volume-spike", "cause-complaints", "cause-bad-reputation"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-reduce-rate", "fix-postmaster-tools", "fix-list-hygiene"])]),
    Rule::new("gmail-ip-reputation", R::BadReputation, P::SenderAdmin)
        .text(r"unusual rate of unsolicited mail|low reputation of the sending")
        .causes(&["cause-bad-reputation", "cause-compromised", "cause-bulk-mail"])
        .fixes(&[(P::SenderAdmin, &["fix-postmaster-tools", "fix-list-hygiene", "fix-stop-spam-source"])]),
    Rule::new("gmail-likely-spam", R::SpamDetected, P::Sender)
        .text(r"this message is likely (?:unsolicited|suspicious)")
        .causes(&["cause-content-spam", "cause-bad-reputation"])
        .fixes(&[
            (P::Sender, &["fix-rewrite-content", "fix-remove-links"]),
            (P::SenderAdmin, &["fix-auth-dns-setup", "fix-postmaster-tools"]),
        ]),
    Rule::new("gmail-security-issue", R::PolicyViolation, P::Sender)
        .text(r"potential security issue")
        .causes(&["cause-virus", "cause-blocked-attachment"])
        .fixes(&[(P::Sender, &["fix-remove-attachments", "fix-scan-malware"])]),
    Rule::new("gmail-direct-not-authorized", R::Blocked, P::SenderAdmin)
        .text(r"not authorized to send email directly to our servers")
        .causes(&["cause-home-isp"])
        .fixes(&[(P::SenderAdmin, &["fix-use-org-server"])]),
    Rule::new("gmail-receiving-rate", R::Speeding, P::Nobody)
        .text(r"receiving mail (?:at a rate that prevents|too quickly)")
        .causes(&["cause-recipient-flooded"])
        .fixes(&[WAIT, (P::Sender, &["fix-resend-later"])]),
    Rule::new("gmail-daily-limit", R::Speeding, P::Sender)
        .text(r"daily (?:user )?sending (?:quota|limit) exceeded")
        .causes(&["cause-daily-quota"])
        .fixes(&[
            (P::Sender, &["fix-resend-tomorrow"]),
            (P::SenderAdmin, &["fix-use-bulk-service"]),
        ]),
    // ---- Yahoo and AOL.
    Rule::new("yahoo-permanently-deferred", R::Blocked, P::SenderAdmin)
        .text(r"\[(?:TS03|TSS09)\]|permanently deferred|retrying will not succeed")
        .causes(&["cause-complaints", "cause-bad-reputation"])
        .fixes(&[(P::SenderAdmin, &["fix-stop-spam-source", "fix-contact-provider-postmaster"])]),
    Rule::new("yahoo-deferred", R::BadReputation, P::SenderAdmin)
        .text(r"\[(?:TS01|TS02|TSS04|TSS05|TSS07|GL01)\]|temporarily deferred due to (?:unexpected volume|user complaints)")
        .causes(&["cause-complaints", "cause-volume-spike", "cause-bad-reputation"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-reduce-rate", "fix-list-hygiene", "fix-feedback-loop"])]),
    Rule::new("yahoo-pbl", R::Blocked, P::SenderAdmin)
        .text(r"\[BL2\d\]")
        .codes(&["553", "554"])
        .causes(&["cause-spamhaus-pbl", "cause-home-isp"])
        .fixes(&[(P::SenderAdmin, &["fix-use-org-server", "fix-spamhaus-pbl"])]),
    Rule::new("yahoo-policy", R::PolicyViolation, P::SenderAdmin)
        .text(r"not accepted for policy reasons")
        .causes(&["cause-bad-reputation", "cause-content-spam", "cause-dmarc-fail"])
        .fixes(&[(P::SenderAdmin, &["fix-auth-dns-setup", "fix-contact-provider-postmaster"])]),
    Rule::new("yahoo-no-account", R::UserUnknown, P::Sender)
        .text(r"(?:doesn't|does not) have an? (?:yahoo|aol|ymail|rocketmail)\S* account")
        .causes(&["cause-mailbox-missing", "cause-address-typo"])
        .fixes(&[(P::Sender, &["fix-check-address"])]),
    Rule::new("aol-not-accepted", R::Blocked, P::SenderAdmin)
        .text(r"aol will not accept delivery")
        .causes(&["cause-bad-reputation", "cause-complaints"])
        .fixes(&[(P::SenderAdmin, &["fix-contact-provider-postmaster", "fix-list-hygiene"])]),
    // ---- Generic reply-text patterns.
    Rule::new("ptr-missing", R::RequirePtr, P::SenderAdmin)
        .text(r"reverse dns|\bptr\b|\brdns\b|reverse lookup|cannot find your hostname|forward-confirmed|\bfcrdns\b")
        .causes(&["cause-no-ptr", "cause-fcrdns-mismatch", "cause-generic-ptr"])
        .fixes(&[(P::SenderAdmin, &["fix-set-ptr", "fix-fcrdns-check", "fix-helo-name"])]),
    Rule::new("dmarc-fail", R::AuthFailure, P::SenderAdmin)
        .text(r"\bdmarc\b")
        .causes(&["cause-dmarc-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-dmarc-align"])]),
    Rule::new("dkim-fail", R::AuthFailure, P::SenderAdmin)
        .text(r"\bdkim\b")
        .causes(&["cause-dkim-fail"])
        .fixes(&[(P::SenderAdmin, &["fix-dkim-sign"])]),
    Rule::new("spf-fail", R::AuthFailure, P::SenderAdmin)
        .text(r"\bspf\b")
        .causes(&["cause-spf-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-spf-add-ip"])]),
    Rule::new("tls-required", R::FailedStartTls, P::SenderAdmin)
        .text(r"must issue a starttls|(?:starttls|tls|encryption) (?:is )?required|requiretls")
        .causes(&["cause-tls-required"])
        .fixes(&[(P::SenderAdmin, &["fix-enable-tls"])]),
    Rule::new("tls-failed", R::FailedStartTls, P::SenderAdmin)
        .text(r"(?:tls|ssl) (?:negotiation|handshake) failed|certificate verify failed|starttls failed")
        .causes(&["cause-tls-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-tls-update"])]),
    Rule::new("auth-credentials", R::SecurityError, P::Sender)
        .text(r"authentication credentials invalid|authentication failed|username and password not accepted|invalid credentials")
        .causes(&["cause-auth-credentials"])
        .fixes(&[(P::Sender, &["fix-correct-password", "fix-app-password"])]),
    Rule::new("null-mx", R::NotAccept, P::Sender)
        .text(r"null mx|does not accept (?:e-?)?mail")
        .causes(&["cause-null-mx"])
        .fixes(&[(P::Sender, &["fix-check-address", "fix-tell-recipient"])]),
    Rule::new("virus", R::VirusDetected, P::Sender)
        .text(r"virus|malware|infected|trojan")
        .causes(&["cause-virus", "cause-blocked-attachment"])
        .fixes(&[(P::Sender, &["fix-scan-malware", "fix-remove-attachments"])]),
    Rule::new("mail-loop", R::NetworkError, P::RecipientAdmin)
        .text(r"mail loop|too many hops|hop count exceeded|routing loop|loops back to myself")
        .causes(&["cause-mail-loop"])
        .fixes(&[(P::RecipientAdmin, &["fix-forwarding-loop"])]),
    // ---- Reply codes and stages.
    Rule::new("auth-required", R::SecurityError, P::Sender)
        .codes(&["530"])
        .causes(&["cause-relay-not-authenticated", "cause-port-requires-auth"])
        .fixes(&[(P::Sender, &["fix-enable-smtp-auth"])]),
    Rule::new("auth-failed-535", R::SecurityError, P::Sender)
        .codes(&["535"])
        .msg("auth-credentials")
        .causes(&["cause-auth-credentials"])
        .fixes(&[(P::Sender, &["fix-correct-password", "fix-app-password"])]),
    Rule::new("no-mail-service", R::NotAccept, P::Sender)
        .codes(&["521", "556"])
        .msg("null-mx")
        .causes(&["cause-null-mx"])
        .fixes(&[(P::Sender, &["fix-check-address", "fix-tell-recipient"])]),
    Rule::new("refused-at-connect", R::Blocked, P::SenderAdmin)
        .codes(&["550", "554"])
        .stages(&[C::Conn, C::Helo, C::Ehlo])
        .causes(&["cause-ip-on-dnsbl", "cause-ip-private-block", "cause-no-ptr", "cause-home-isp"])
        .fixes(&[(P::SenderAdmin, &["fix-find-outbound-ip", "fix-check-dnsbl", "fix-set-ptr"])]),
    Rule::new("refused-after-data", R::PolicyViolation, P::Sender)
        .codes(&["550", "552", "554"])
        .stages(&[C::Data, C::Bdat])
        .causes(&["cause-content-spam", "cause-policy-rule", "cause-dmarc-fail"])
        .fixes(&[
            (P::Sender, &["fix-rewrite-content", "fix-remove-attachments"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    // ---- One generic rule per reason (matched on the classified reason).
    Rule::new("reason-userunknown", R::UserUnknown, P::Sender)
        .on_reason(R::UserUnknown)
        .causes(&["cause-mailbox-missing", "cause-address-typo"])
        .fixes(&[
            (P::Sender, &["fix-check-address", "fix-tell-recipient"]),
            (P::RecipientAdmin, &["fix-check-recipient-exists"]),
        ]),
    Rule::new("reason-hostunknown", R::HostUnknown, P::Sender)
        .on_reason(R::HostUnknown)
        .causes(&["cause-domain-typo", "cause-domain-no-mx", "cause-network"])
        .fixes(&[
            (P::Sender, &["fix-check-address"]),
            (P::SenderAdmin, &["fix-check-mx-connectivity"]),
        ]),
    Rule::new("reason-mailboxfull", R::MailboxFull, P::Recipient)
        .on_reason(R::MailboxFull)
        .causes(&["cause-mailbox-full"])
        .fixes(&[
            (P::Recipient, &["fix-free-mailbox-space"]),
            (P::Sender, &["fix-resend-later", "fix-tell-recipient"]),
        ]),
    Rule::new("reason-mesgtoobig", R::MesgTooBig, P::Sender)
        .on_reason(R::MesgTooBig)
        .causes(&["cause-message-too-big"])
        .fixes(&[
            (P::Sender, &["fix-send-smaller"]),
            (P::RecipientAdmin, &["fix-raise-size-limit"]),
        ]),
    Rule::new("reason-exceedlimit", R::ExceedLimit, P::Sender)
        .on_reason(R::ExceedLimit)
        .causes(&["cause-admin-limit"])
        .fixes(&[(P::Sender, &["fix-send-smaller", "fix-fewer-recipients"])]),
    Rule::new("reason-blocked", R::Blocked, P::SenderAdmin)
        .on_reason(R::Blocked)
        .causes(&["cause-ip-on-dnsbl", "cause-ip-private-block", "cause-bad-reputation", "cause-home-isp"])
        .fixes(&[
            (P::SenderAdmin, &["fix-find-outbound-ip", "fix-check-dnsbl", "fix-stop-spam-source"]),
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    Rule::new("reason-badreputation", R::BadReputation, P::SenderAdmin)
        .on_reason(R::BadReputation)
        .causes(&["cause-bad-reputation", "cause-new-ip-no-history", "cause-bulk-mail"])
        .fixes(&[(P::SenderAdmin, &["fix-check-reputation", "fix-list-hygiene", "fix-warm-up-ip"])]),
    Rule::new("reason-requireptr", R::RequirePtr, P::SenderAdmin)
        .on_reason(R::RequirePtr)
        .causes(&["cause-no-ptr", "cause-fcrdns-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-set-ptr", "fix-fcrdns-check"])]),
    Rule::new("reason-rejected", R::Rejected, P::Sender)
        .on_reason(R::Rejected)
        .causes(&["cause-sender-domain-invalid", "cause-sender-blocked-by-recipient"])
        .fixes(&[
            (P::Sender, &["fix-check-sender-address"]),
            (P::SenderAdmin, &["fix-check-sender-domain-dns"]),
        ]),
    Rule::new("reason-norelaying", R::NoRelaying, P::SenderAdmin)
        .on_reason(R::NoRelaying)
        .causes(&["cause-relay-not-authenticated", "cause-relay-domain-not-local"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::SenderAdmin, &["fix-check-mx"]),
        ]),
    Rule::new("reason-authfailure", R::AuthFailure, P::SenderAdmin)
        .on_reason(R::AuthFailure)
        .causes(&["cause-spf-fail", "cause-dkim-fail", "cause-dmarc-fail", "cause-forwarding"])
        .fixes(&[(P::SenderAdmin, &["fix-spf-add-ip", "fix-dkim-sign", "fix-dmarc-align"])]),
    Rule::new("reason-securityerror", R::SecurityError, P::Sender)
        .on_reason(R::SecurityError)
        .causes(&["cause-auth-credentials", "cause-tls-required"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth", "fix-correct-password"]),
            (P::SenderAdmin, &["fix-enable-tls"]),
        ]),
    Rule::new("reason-failedstarttls", R::FailedStartTls, P::SenderAdmin)
        .on_reason(R::FailedStartTls)
        .causes(&["cause-tls-required", "cause-tls-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-enable-tls", "fix-tls-update"])]),
    Rule::new("reason-policyviolation", R::PolicyViolation, P::RecipientAdmin)
        .on_reason(R::PolicyViolation)
        .causes(&["cause-policy-rule", "cause-content-spam", "cause-bad-reputation"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    Rule::new("reason-spamdetected", R::SpamDetected, P::Sender)
        .on_reason(R::SpamDetected)
        .causes(&["cause-content-spam", "cause-url-listed", "cause-bulk-mail"])
        .fixes(&[
            (P::Sender, &["fix-rewrite-content", "fix-remove-links"]),
            (P::SenderAdmin, &["fix-auth-dns-setup"]),
        ]),
    Rule::new("reason-virusdetected", R::VirusDetected, P::Sender)
        .on_reason(R::VirusDetected)
        .causes(&["cause-virus", "cause-blocked-attachment"])
        .fixes(&[(P::Sender, &["fix-scan-malware", "fix-remove-attachments"])]),
    Rule::new("reason-contenterror", R::ContentError, P::SenderAdmin)
        .on_reason(R::ContentError)
        .causes(&["cause-broken-message"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("reason-filtered", R::Filtered, P::RecipientAdmin)
        .on_reason(R::Filtered)
        .causes(&["cause-policy-rule", "cause-recipient-blocks-you"])
        .fixes(&[
            (P::Sender, &["fix-contact-recipient-other-channel"]),
            (P::RecipientAdmin, &["fix-review-filter-rule"]),
        ]),
    Rule::new("reason-syntaxerror", R::SyntaxError, P::SenderAdmin)
        .on_reason(R::SyntaxError)
        .causes(&["cause-client-bad-command", "cause-command-order"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("reason-notcompliantrfc", R::NotCompliantRfc, P::SenderAdmin)
        .on_reason(R::NotCompliantRfc)
        .causes(&["cause-broken-message"])
        .fixes(&[(P::SenderAdmin, &["fix-check-client-software"])]),
    Rule::new("reason-toomanyconn", R::TooManyConn, P::Nobody)
        .on_reason(R::TooManyConn)
        .causes(&["cause-server-busy", "cause-too-many-recipients"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-reduce-rate"])]),
    Rule::new("reason-speeding", R::Speeding, P::Sender)
        .on_reason(R::Speeding)
        .causes(&["cause-volume-spike", "cause-hourly-limit"])
        .fixes(&[WAIT, (P::Sender, &["fix-reduce-rate"])]),
    Rule::new("reason-systemerror", R::SystemError, P::Nobody)
        .on_reason(R::SystemError)
        .causes(&["cause-server-fault"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-check-server-logs"])]),
    Rule::new("reason-systemfull", R::SystemFull, P::RecipientAdmin)
        .on_reason(R::SystemFull)
        .causes(&["cause-disk-full"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-check-storage"])]),
    Rule::new("reason-networkerror", R::NetworkError, P::Nobody)
        .on_reason(R::NetworkError)
        .causes(&["cause-network", "cause-remote-refuses-connections"])
        .fixes(&[WAIT, (P::SenderAdmin, &["fix-check-mx-connectivity"])]),
    Rule::new("reason-expired", R::Expired, P::SenderAdmin)
        .on_reason(R::Expired)
        .causes(&["cause-queue-expired", "cause-network"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-mx-connectivity"]),
            (P::Sender, &["fix-resend-later"]),
        ]),
    Rule::new("reason-suspend", R::Suspend, P::Recipient)
        .on_reason(R::Suspend)
        .causes(&["cause-account-disabled"])
        .fixes(&[
            (P::Sender, &["fix-tell-recipient"]),
            (P::Recipient, &["fix-reactivate-account"]),
        ]),
    Rule::new("reason-hasmoved", R::HasMoved, P::Sender)
        .on_reason(R::HasMoved)
        .causes(&["cause-moved"])
        .fixes(&[(P::Sender, &["fix-ask-new-address"])]),
    Rule::new("reason-notaccept", R::NotAccept, P::Sender)
        .on_reason(R::NotAccept)
        .causes(&["cause-null-mx"])
        .fixes(&[(P::Sender, &["fix-check-address", "fix-tell-recipient"])]),
    Rule::new("reason-mailererror", R::MailerError, P::RecipientAdmin)
        .on_reason(R::MailerError)
        .causes(&["cause-local-delivery-failed"])
        .fixes(&[(P::RecipientAdmin, &["fix-check-server-logs"])]),
    Rule::new("reason-suppressed", R::Suppressed, P::Sender)
        .on_reason(R::Suppressed)
        .causes(&["cause-suppressed"])
        .fixes(&[
            (P::Sender, &["fix-check-address"]),
            (P::SenderAdmin, &["fix-remove-suppression"]),
        ]),
    Rule::new("reason-onhold", R::OnHold, P::SenderAdmin)
        .on_reason(R::OnHold)
        .causes(&["cause-unclear"])
        .fixes(&[(P::SenderAdmin, &["fix-forward-to-admin"])]),
    Rule::new("reason-undefined", R::Undefined, P::SenderAdmin)
        .on_reason(R::Undefined)
        .causes(&["cause-unclear"])
        .fixes(&[(P::Sender, &["fix-forward-to-admin"])]),
    Rule::new("reason-delivered", R::Delivered, P::Nobody)
        .on_reason(R::Delivered)
        .causes(&["cause-none-delivered"])
        .fixes(&[(P::Nobody, &["fix-nothing"])]),
    Rule::new("unsubscribe-request", R::Feedback, P::Sender)
        .formats(&["unsubscribe"])
        .causes(&["cause-unsubscribe-request"])
        .fixes(&[(P::Sender, &["fix-honour-unsubscribe"])]),
    Rule::new("reason-feedback", R::Feedback, P::SenderAdmin)
        .on_reason(R::Feedback)
        .causes(&["cause-complaints"])
        .fixes(&[(P::SenderAdmin, &["fix-handle-complaint", "fix-list-hygiene"])]),
    Rule::new("reason-vacation", R::Vacation, P::Nobody)
        .on_reason(R::Vacation)
        .causes(&["cause-auto-reply"])
        .fixes(&[(P::Nobody, &["fix-nothing"])]),
];
