//! The decision rules, as data: whether a report is final for a recipient, which side refused,
//! who must act, and which causes and fixes come first for the evidence in *this* report.
//!
//! [`crate::diagnose::decide`] applies them after the reason is known; the explanation
//! ([`crate::explain`]) only renders what they decided. Everything here is a table or a word
//! list, so a new provider's wording is one entry.
//!
//! Order of the decision for one recipient:
//! 1. finality: the DSN `Action`, then the notice's own words ([`GIVE_UP_WORDS`] before
//!    [`DELAY_WORDS`]), the bounce's subject ([`DELAY_SUBJECTS`]), failure words
//!    ([`FAILED_WORDS`]) and only then the status class;
//! 2. the refusing side: the sender's own submission server, smarthost or email service
//!    ([`Side::Own`]: [`OWN_SIDE_WORDS`], [`OWN_SIDE_REPLIES`]) or the recipient's side
//!    ([`Side::Remote`]: [`REMOTE_WORDS`], a named remote host);
//! 3. the first matching [`Decision`] (specific wording before class) replaces the rules' causes
//!    and fixes; otherwise the matched knowledge-base rules give them;
//! 4. evidence re-ranks them: forwarding, an email service, a generic PTR name, links in the reply;
//! 5. finality corrects them: a final report never says "waiting is enough", a delay notice
//!    never says "send again".

use super::{Fixes, Party as P};
use crate::model::Reason as R;

/// Which side gave the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The sender's own side: the submission server, smarthost or email service the sender uses.
    Own,
    /// The recipient's side: the remote MX or a gateway in front of it.
    Remote,
    /// The report does not say.
    Unknown,
}

/// Words of a notice that gave up: the message is over (lower case, matched ignoring ASCII case).
pub static GIVE_UP_WORDS: &[&str] = &[
    "retry time exceeded",
    "retry timeout exceeded",
    "retry time not reached for any host after a long failure period",
    "message expired",
    "message has expired",
    "has been expired",
    "expired after",
    "delivery time expired",
    "queue lifetime",
    "in the queue too long",
    "in queue too long",
    "giving up",
    "gave up",
    "given up",
    "i'm not going to try again",
    "will not be retried",
    "will not retry",
    "no further attempts",
    "no more attempts",
    "could not be delivered within",
    "was not delivered within",
    "maximum time",
    "status=expired",
    "status=bounced",
    "permanent failure",
    "permanently failed",
    "message timeout",
    "wygasła",
    "zrezygnowa",
];

/// Words of a warning about a delay: the sending server keeps trying.
pub static DELAY_WORDS: &[&str] = &[
    "this is a warning only",
    "warning message only",
    "you do not need to resend",
    "do not need to resend",
    "no need to resend",
    "no action is required on your part",
    "delivery attempts will continue",
    "will continue delivery attempts",
    "will keep trying",
    "will continue to try",
    "will continue trying",
    "will retry",
    "will be retried",
    "will try again",
    "will try to deliver",
    "still trying",
    "still being retried",
    "has not yet been delivered",
    "not yet been delivered",
    "is delayed",
    "delivery is delayed",
    "delivery has been delayed",
    "has been delayed",
    "status=deferred",
    "to tylko ostrzeżenie",
    "nie musisz ponownie wysyłać",
    "ponowi próbę",
    "będzie ponawiać",
];

/// Subjects of delay warnings.
pub static DELAY_SUBJECTS: &[&str] = &[
    "(delay)",
    "delayed mail",
    "delivery delayed",
    "message delayed",
    "delivery status notification (delay)",
    "warning: could not send message",
    "still being retried",
    "opóźni",
];

/// Words of a notice that says the message failed (checked after the delay words: Postfix's
/// delay warning also says "could not be delivered for more than 4 hours").
pub static FAILED_WORDS: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "wasn't delivered",
    "was not delivered",
    "undeliverable",
    "delivery has failed",
    "delivery failed",
    "permanent error",
    "permanent fatal error",
    "returned to sender",
    "returned mail",
    "failed permanently",
    "message not delivered",
    "nie została dostarczona",
    "nie zostala dostarczona",
    "niedostarczon",
];

/// Lines after which the returned message starts: notice words are not read past them (the
/// returned message is the sender's own text).
pub static RETURNED_MESSAGE_MARKERS: &[&str] = &[
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "content-type: message/global\r",
    "content-type: message/global\n",
    "content-type: message/global;",
    "this is a copy of the message",
    "below this line is a copy of the message",
    "original message follows",
    "----- original message -----",
    "------ original message",
    "--- below this line is a copy",
];

/// Words around a reply that say it came from the recipient's side.
pub static REMOTE_WORDS: &[&str] = &[
    "remote server returned",
    "remote host said",
    "remote mail server",
    "the other server returned",
    "the recipient server",
    "the recipient's server",
    "recipient's email server",
    "while talking to",
    "said:",
    "remote-mta:",
    "serwer odbiorcy",
];

/// Words of a mail program's send error: the reply came from the sender's own submission server.
pub static OWN_SIDE_WORDS: &[&str] = &[
    "server response:",
    "the server responded",
    "the server rejected one or more recipient",
    "rejected by the server",
    "the message could not be sent",
    "sending reported error",
    "outgoing server",
    "secure(ssl)",
    "0x800ccc",
    "smtp auth",
];

/// Reply patterns (regex, on the collapsed lower-case reply) that only the sender's own
/// submission server, smarthost or email service gives: a login, a verified identity, the
/// account's own quota.
pub static OWN_SIDE_REPLIES: &[&str] = &[
    r"authentication (?:required|failed|unsuccessful|credentials invalid)|auth(?:entication)? required|must authenticate|username and password not accepted|invalid (?:login|credentials|user ?name or password)|application-specific password|app password",
    r"(?:email address|identity|domain|sender) (?:is |are )?not verified|not a verified|unverified (?:sender|identity|domain)|sender identity",
    r"daily (?:sending |relay |message |user sending |outbound )?(?:quota|limit)|sending (?:quota|limit) (?:exceeded|reached)|relay quota|outbound (?:quota|limit)|sending paused|account (?:is )?(?:suspended|blocked) from sending",
    r"sender address (?:is )?not owned|not (?:allowed|authori[sz]ed) to send (?:as|on behalf)|send ?as (?:permission|denied)",
];

/// Host-name endings and header markers of email services: a message that left through one of
/// them did not leave from a home connection, so PTR and home-connection advice does not apply.
/// (marker in the report, display name)
pub static EMAIL_SERVICES: &[(&str, &str)] = &[
    ("amazonses.com", "Amazon SES"),
    ("x-ses-outgoing", "Amazon SES"),
    ("sendgrid.net", "SendGrid"),
    ("x-sg-eid", "SendGrid"),
    ("mailgun.org", "Mailgun"),
    ("mailgun.net", "Mailgun"),
    ("x-mailgun", "Mailgun"),
    ("mcsv.net", "Mailchimp"),
    ("mandrillapp.com", "Mailchimp"),
    ("sparkpostmail.com", "SparkPost"),
    ("mailjet.com", "Mailjet"),
    ("sendinblue.com", "Brevo"),
    ("brevo.com", "Brevo"),
    ("mtasv.net", "Postmark"),
    ("postmarkapp.com", "Postmark"),
    ("outbound.protection.outlook.com", "Microsoft 365"),
    ("mail-sor-f", "Google"),
    ("google.com with smtp", "Google"),
    ("smtp-out.zoho", "Zoho"),
];

/// Causes and fixes that assume the message left from the sender's own connection; dropped when
/// an email service sent it.
pub static OWN_CONNECTION_ADVICE: &[&str] = &[
    "cause-home-isp",
    "cause-generic-ptr",
    "cause-no-ptr",
    "cause-fcrdns-mismatch",
    "cause-spamhaus-pbl",
    "fix-use-org-server",
    "fix-set-ptr",
    "fix-fcrdns-check",
    "fix-helo-name",
    "fix-spamhaus-pbl",
    "fix-find-outbound-ip",
    "fix-ask-isp",
];

/// Reasons about the sending connection (its IP, its name): where PTR and home-connection
/// evidence re-ranks the causes.
pub static CONNECTION_REASONS: &[R] = &[R::Blocked, R::BadReputation, R::RequirePtr, R::SecurityError];

/// Words in a host name that mark a generic or dynamic (home, dial-up) PTR name.
pub static GENERIC_PTR_WORDS: &[&str] = &[
    "dynamic",
    "dyn-",
    ".dyn.",
    "dhcp",
    "dsl",
    "pool",
    "dialup",
    "dial-up",
    "cable",
    "broadband",
    "customer",
    "ppp",
    "adsl",
    "fibre",
    "fiber",
];

/// Reply words that name the recipient's own block list.
pub static RECIPIENT_LIST_WORDS: &str = r"blacklisted by (?:the )?(?:recipient|user)|blocked by (?:the )?(?:recipient|user)|(?:recipient|user) has blocked|in the (?:recipient's|user's) (?:block ?list|black ?list)|on the (?:recipient's|user's) (?:block ?list|black ?list)|recipient (?:does not|doesn't) accept mail from you";

/// Markers of forwarding in the report (besides an `Original-Recipient` that differs from the
/// `Final-Recipient`).
pub static FORWARDING_WORDS: &[&str] = &[
    "expanded from",
    "resent-from:",
    "x-forwarded-to:",
    "x-forwarded-for:",
    "forwarded message",
    "via forwarding",
];

/// Headers of the returned message that name the address a server delivered it to. When one of
/// them, or a `Received: … for <address>` clause, names another address than the failed recipient,
/// the message reached that address and was sent on: a forward (or a list) re-submitted it.
pub static ENVELOPE_RECIPIENT_HEADERS: &[&str] = &["delivered-to:", "x-original-to:", "envelope-to:", "x-envelope-to:"];

/// Reasons where forwarding, when the report shows it, is the first cause (the forwarder breaks
/// SPF or sends on behalf of the original sender).
pub static FORWARDING_REASONS: &[R] = &[
    R::AuthFailure,
    R::SpamDetected,
    R::Blocked,
    R::BadReputation,
    R::Rejected,
];

/// Words in a link that make it the fix (delisting, reset, lookup pages).
pub static FIX_LINK_WORDS: &[&str] = &[
    "delist",
    "removal",
    "remove",
    "unblock",
    "reset",
    "lookup",
    "blocklist",
    "blacklist",
    "block-list",
    "reputation",
    "rbl",
    "ipcheck",
    "ip-check",
    "sender-support",
    "sendersupport",
];

/// Well-known mailbox providers: a recipient domain one or two letters away from one of these
/// (and not itself one of them) is a typo of it.
pub static WELL_KNOWN_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "icloud.com",
    "aol.com",
    "wp.pl",
    "onet.pl",
    "o2.pl",
    "interia.pl",
    "gmx.de",
    "gmx.net",
    "web.de",
    "proton.me",
    "protonmail.com",
];

/// Fix steps that ask to send the message again: never advised while the server still retries.
pub static RESEND_FIXES: &[&str] = &["fix-resend-later", "fix-resend-tomorrow", "fix-send-smaller"];

/// The "wait" group: nothing to do, the server retries.
pub const WAIT: Fixes = (P::Nobody, &["fix-wait-retry"]);

/// The step that shows a link from the reply (the link is its argument).
pub const FIX_LINK: &str = "fix-follow-link";

/// The party a decision names from the side that refused: the sender's own side or the
/// recipient's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Any side.
    Any,
    /// Only when the sender's own side refused.
    Own,
    /// Only when the recipient's side refused (or the side is not known).
    NotOwn,
    /// Only when the report shows that the recipient's side refused.
    Remote,
}

/// One specific-beats-generic rule: when the reply's words (and, if set, the reason and side)
/// match, these causes and fixes replace the matched rules' ones.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    /// Stable id (for tests and documentation).
    pub id: &'static str,
    /// Reply pattern (regex syntax) on the collapsed lower-case reply; `None` matches any reply.
    pub text: Option<&'static str>,
    /// Reasons this decision is for; empty for any.
    pub reasons: &'static [R],
    /// The refusing side it needs.
    pub side: When,
    /// `Some(f)`: only when the report's finality for the recipient is `f`.
    pub finality: Option<bool>,
    /// Who must act.
    pub act: P,
    /// `Some` when the wording decides hard or soft whatever the class says.
    pub hard: Option<bool>,
    /// Ranked causes.
    pub causes: &'static [&'static str],
    /// Fix steps per party, the acting party first.
    pub fixes: &'static [Fixes],
    /// A weak decision only replaces the advice of a generic per-reason rule; a specific
    /// knowledge-base rule keeps its own (the decision's `hard` still applies).
    pub weak: bool,
}

impl Decision {
    const fn new(id: &'static str, act: P) -> Decision {
        Decision {
            id,
            text: None,
            reasons: &[],
            side: When::Any,
            finality: None,
            act,
            hard: None,
            causes: &[],
            fixes: &[],
            weak: false,
        }
    }
    const fn weak(mut self) -> Decision {
        self.weak = true;
        self
    }
    const fn text(mut self, t: &'static str) -> Decision {
        self.text = Some(t);
        self
    }
    const fn reasons(mut self, r: &'static [R]) -> Decision {
        self.reasons = r;
        self
    }
    const fn side(mut self, s: When) -> Decision {
        self.side = s;
        self
    }
    const fn finality(mut self, f: bool) -> Decision {
        self.finality = Some(f);
        self
    }
    const fn hard(mut self, h: bool) -> Decision {
        self.hard = Some(h);
        self
    }
    const fn causes(mut self, c: &'static [&'static str]) -> Decision {
        self.causes = c;
        self
    }
    const fn fixes(mut self, f: &'static [Fixes]) -> Decision {
        self.fixes = f;
        self
    }
}

/// The specific-beats-generic decisions, first match wins. Patterns match the collapsed reply
/// case-insensitively; they use ASCII classes (`[ -~]`, `(?-u:\b)`) and no counted repetitions so
/// the set compiles and runs fast (a Unicode `.` or `\b`, or `{0,80}`, costs milliseconds per
/// process).
pub static DECISIONS: &[Decision] = &[
    // The recipient's own block list: the recipient can undo it, nobody else can.
    Decision::new("recipient-own-list", P::Recipient)
        .text(RECIPIENT_LIST_WORDS)
        .hard(true)
        .causes(&["cause-recipient-blocks-you", "cause-sender-blocked-by-recipient"])
        .fixes(&[
            (P::Recipient, &["fix-recipient-unblock"]),
            (P::Sender, &["fix-contact-recipient-other-channel"]),
        ]),
    // The sender's own server or service refused the login.
    Decision::new("own-login", P::Sender)
        .text(r"authentication (?:failed|unsuccessful|credentials invalid)|username and password not accepted|invalid (?:login|credentials|user ?name or password)|application-specific password|app password|(?-u:\b)535(?-u:\b)")
        .side(When::Own)
        .hard(true)
        .causes(&["cause-auth-credentials", "cause-account-auth-locked"])
        .fixes(&[
            (P::Sender, &["fix-correct-password", "fix-app-password"]),
            (P::SenderAdmin, &["fix-unlock-account"]),
        ]),
    // The sender's own service does not know the sending identity.
    Decision::new("own-unverified-identity", P::SenderAdmin)
        .text(r"(?:email address|identity|domain|sender) (?:is |are )?not verified|not a verified|unverified (?:sender|identity|domain)")
        .hard(true)
        .causes(&["cause-identity-unverified"])
        .fixes(&[
            (P::SenderAdmin, &["fix-verify-identity"]),
            (P::Sender, &["fix-send-from-other-address"]),
        ]),
    // The sending account's own daily quota: not a block list, not the recipient's policy.
    Decision::new("own-daily-quota", P::Sender)
        .text(r"daily (?:sending |relay |message |user sending |outbound )?(?:quota|limit)|sending (?:quota|limit) (?:exceeded|reached)|relay quota|outbound (?:quota|limit)")
        .hard(false)
        .causes(&["cause-daily-quota", "cause-compromised-account"])
        .fixes(&[
            (P::Sender, &["fix-resend-tomorrow", "fix-use-bulk-service"]),
            (P::SenderAdmin, &["fix-raise-limit"]),
        ]),
    // The sender's own server refused to relay: the mail program did not log in.
    Decision::new("own-relay", P::Sender)
        .reasons(&[R::NoRelaying])
        .side(When::Own)
        .hard(true)
        .causes(&["cause-relay-not-authenticated", "cause-wrong-smtp-server"])
        .fixes(&[
            (P::Sender, &["fix-enable-smtp-auth"]),
            (P::SenderAdmin, &["fix-smtp-auth-enabled"]),
        ]),
    // The recipient's MX refused to relay: it does not take mail for that domain (a stale MX, a
    // domain not set up there). A lone reply with no sign of its side keeps the knowledge base's
    // advice, which names both.
    Decision::new("remote-relay", P::RecipientAdmin)
        .reasons(&[R::NoRelaying])
        .side(When::Remote)
        .hard(true)
        .causes(&["cause-relay-domain-not-local", "cause-relay-not-authenticated"])
        .fixes(&[
            (P::RecipientAdmin, &["fix-add-accepted-domain"]),
            (P::SenderAdmin, &["fix-check-mx"]),
            (P::Sender, &["fix-tell-recipient"]),
        ]),
    // The recipient's server offers no TLS while the sender's side requires it.
    Decision::new("remote-no-tls", P::RecipientAdmin)
        .text(r"(?:does not|doesn't|did not) (?:support|offer|advertise) (?:starttls|tls)|(?:tls|starttls) is required,? but was not offered|not offered by (?:the )?(?:remote )?host|(?:starttls|tls) (?:is )?(?:not (?:supported|available|offered|advertised)|unavailable)|no (?:starttls|tls) (?:support|available)")
        .hard(true)
        .causes(&["cause-remote-no-tls", "cause-tls-mismatch"])
        .fixes(&[
            (P::RecipientAdmin, &["fix-remote-enable-tls"]),
            (P::SenderAdmin, &["fix-tls-policy-exception"]),
        ]),
    // The receiving side requires TLS the sender did not use.
    Decision::new("tls-required", P::SenderAdmin)
        .text(r"must issue a starttls|(?:starttls|tls|encryption) (?:is )?required|requires? (?:starttls|tls|encryption)")
        .hard(true)
        .causes(&["cause-tls-required", "cause-tls-mismatch"])
        .fixes(&[(P::SenderAdmin, &["fix-enable-tls", "fix-tls-update"])]),
    // A per-IP or per-account hourly limit: it lifts by itself.
    Decision::new("hourly-limit", P::SenderAdmin)
        .weak()
        .text(r"per hour|hourly|an hour|too many (?:messages|mails|emails) (?:from (?:this|your) (?:ip|address|host)|in (?:a|one) hour)|rate limit(?:ed)?|sending rate|too fast")
        .reasons(&[R::Speeding, R::TooManyConn, R::ExceedLimit, R::Blocked, R::PolicyViolation, R::SystemError, R::Undefined, R::OnHold])
        .hard(false)
        .causes(&["cause-hourly-limit", "cause-volume-spike"])
        .fixes(&[
            (P::SenderAdmin, &["fix-reduce-rate", "fix-wait-hour"]),
            (P::Sender, &["fix-resend-later"]),
        ]),
    // The recipient's mailbox receives too fast: the recipient's side, not the sender's volume.
    Decision::new("recipient-flooded", P::Recipient)
        .text(r"receiving mail (?:at a rate|too fast)|receiving too (?:much|many)|rate that prevents additional messages|mailbox (?:is )?receiving")
        .hard(false)
        .causes(&["cause-recipient-flooded"])
        .fixes(&[
            (P::Recipient, &["fix-recipient-clean-mailbox"]),
            (P::Sender, &["fix-resend-later"]),
        ]),
    // The receiving server's own storage, not the mailbox.
    Decision::new("server-disk", P::RecipientAdmin)
        .text(r"insufficient (?:system )?storage|no space left|disk (?:is )?full|out of (?:disk )?space|file ?system (?:is )?full|system storage|server (?:disk|storage) (?:is )?full")
        .hard(false)
        .causes(&["cause-disk-full", "cause-server-fault"])
        .fixes(&[
            (P::RecipientAdmin, &["fix-check-storage"]),
            (P::Sender, &["fix-resend-later"]),
        ]),
    // A delay while the recipient's MX cannot be reached, or a queue lifetime that has not run
    // out yet: the server retries; waiting is the fix for now.
    Decision::new("still-retrying-unreachable", P::Nobody)
        .text(r"connection refused|connection timed out|timed out|no route to host|network is unreachable|host is unreachable|connection reset|connection died|connection (?:was )?(?:dropped|closed)|lost connection|connect to [^ ]+ failed|could not connect|unable to connect|did not accept our requests to connect")
        .reasons(&[R::Expired, R::NetworkError, R::SystemError, R::Undefined, R::OnHold, R::Blocked])
        .finality(false)
        .hard(false)
        .causes(&["cause-remote-refuses-connections", "cause-network"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-recipient-check-mx"])]),
    Decision::new("still-retrying-expiry", P::Nobody)
        .reasons(&[R::Expired])
        .finality(false)
        .hard(false)
        .causes(&["cause-remote-refuses-connections", "cause-network"])
        .fixes(&[WAIT, (P::RecipientAdmin, &["fix-recipient-check-mx"])]),
    // The recipient's MX could not be reached until the message expired.
    Decision::new("remote-unreachable", P::RecipientAdmin)
        .finality(true)
        .text(r"connection refused|connection timed out|timed out|no route to host|network is unreachable|host is unreachable|connection reset|connection died|connection (?:was )?(?:dropped|closed)|lost connection|connect to [^ ]+ failed|could not connect|unable to connect|did not accept our requests to connect")
        .reasons(&[R::Expired, R::NetworkError, R::SystemError, R::Undefined, R::OnHold, R::Blocked])
        .hard(false)
        .causes(&["cause-remote-refuses-connections", "cause-network"])
        .fixes(&[
            (P::RecipientAdmin, &["fix-recipient-check-mx"]),
            (P::Sender, &["fix-tell-recipient", "fix-resend-later"]),
            (P::SenderAdmin, &["fix-check-mx-connectivity"]),
        ]),
    // Refused for the IP's reputation (often with a reset or delisting link): not the content.
    Decision::new("ip-reputation", P::SenderAdmin)
        .text(r"(?-u:\b)(?:ip|ips|ip address)(?-u:\b)[ -~]*(?:reputation|block ?list|black ?list|listed|blocked|banned)|(?:reputation|block ?list|black ?list|listed|blocked|banned)[ -~]*(?-u:\b)(?:your|sending|the) ip(?-u:\b)|poor reputation|low reputation|bad reputation")
        .reasons(&[R::SpamDetected, R::PolicyViolation, R::SecurityError, R::Filtered, R::Undefined, R::OnHold])
        .hard(true)
        .causes(&["cause-bad-reputation", "cause-ip-on-dnsbl", "cause-compromised"])
        .fixes(&[
            (P::SenderAdmin, &["fix-check-reputation", "fix-stop-spam-source", "fix-request-delisting"]),
            (P::RecipientAdmin, &["fix-allowlist-sender"]),
        ]),
    // The queue lifetime ran out with no more specific error: the recipient's side was not
    // taking the mail.
    Decision::new("expired", P::RecipientAdmin)
        .reasons(&[R::Expired])
        .finality(true)
        .hard(false)
        .causes(&["cause-queue-expired", "cause-remote-refuses-connections", "cause-network"])
        .fixes(&[
            (P::RecipientAdmin, &["fix-recipient-check-mx"]),
            (P::Sender, &["fix-tell-recipient", "fix-resend-later"]),
        ]),
];

/// The decision for the typo domain of a well-known provider (found by spelling, not by a pattern).
pub static TYPO_DOMAIN: Decision = Decision::new("typo-domain", P::Sender)
    .hard(true)
    .causes(&["cause-domain-typo", "cause-address-typo"])
    .fixes(&[(P::Sender, &["fix-check-address"])]);

/// The reasons for which a typo domain is the first suspect (the domain does not work).
pub static TYPO_REASONS: &[R] = &[
    R::HostUnknown,
    R::NetworkError,
    R::Expired,
    R::NotAccept,
    R::SystemError,
    R::Undefined,
    R::OnHold,
];

/// Wrapper words mail programs put around the server's reply (lower case): the quoted reply
/// starts after them.
pub static REPLY_WRAPPERS: &[&str] = &[
    "remote server returned",
    "the error that the other server returned was:",
    "the response from the remote server was:",
    "the response was:",
    "the server response was:",
    "server response:",
    "the server responded:",
    "the server responded with",
    "the mail server responded:",
    "diagnostic-code:",
    "smtp;",
    "x-postfix;",
];

/// The title and text shown while the sending server still retries, for reasons whose own
/// title says it gave up: `(reason, title message id, text message id)`.
pub static RETRYING_TITLES: &[(R, &str, &str)] = &[(
    R::Expired,
    "decision-retrying-unreachable-title",
    "decision-retrying-unreachable-what",
)];

/// Every message id the decisions can ask for, so tests can check each exists in every locale.
pub fn message_ids() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut push = |id: &'static str| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for d in DECISIONS.iter().chain(std::iter::once(&TYPO_DOMAIN)) {
        d.causes.iter().for_each(|c| push(c));
        for (_, steps) in d.fixes {
            steps.iter().for_each(|s| push(s));
        }
    }
    WAIT.1.iter().for_each(|s| push(s));
    for id in [
        FIX_LINK,
        "cause-forwarding",
        "fix-forwarding-srs",
        "cause-shared-service-ip",
        "fix-contact-service-support",
        "cause-home-isp",
        "cause-generic-ptr",
        "fix-use-org-server",
        "fix-resend-later",
        "fix-resend-after-fix",
        "cause-unclear",
        "fix-forward-to-admin",
    ] {
        push(id);
    }
    out
}
