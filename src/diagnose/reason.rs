//! The reason classifier. Three data tables, read top to bottom:
//! reply-text patterns, enhanced status codes, basic reply codes. A few
//! decisions combine them (a status code that names the reason outright beats
//! vague words; the SMTP stage turns "unknown user" after DATA into `filtered`).
//!
//! Patterns are `regex` (linear time), matched case-insensitively on the
//! diagnostic with whitespace collapsed.

use crate::model::{Action, Command, Reason, Recipient};

/// Reply-text patterns and the reason each one means, most specific first.
pub const TEXT_PATTERNS: &[(&str, Reason)] = &[
    // Specific phrasings that would otherwise fall under a broader word below.
    (
        r"blocked because its content|network not allowed|header error",
        Reason::PolicyViolation,
    ),
    (
        r"recipient address rejected: access denied|recipient address rejected\.?$",
        Reason::UserUnknown,
    ),
    (r"name service error for domain .{0,80}try again", Reason::NetworkError),
    (r"recipient preferences", Reason::Filtered),
    (
        r"groups\.google\.com|google groups|not a member of this (?:mailing )?list",
        Reason::Rejected,
    ),
    (
        r"@\S+>?\.\.\. access denied|sending to/from an address that has been blacklisted",
        Reason::Rejected,
    ),
    (r"\bon hold\b", Reason::OnHold),
    // A bare "Temporary failure" names no cause at all.
    (
        r"^(?:[245]\d\d[ -])?(?:[245]\.\d{1,3}\.\d{1,3} )?temporary failure\.?$",
        Reason::OnHold,
    ),
    (r"account or domain may not exist", Reason::HostUnknown),
    (r"does not match the spf|spf record for the sender", Reason::AuthFailure),
    (
        r"requires? authentication|authentication is required",
        Reason::SecurityError,
    ),
    (
        r"domain you are sending from is not permitted|your domain does not seem to be valid|could not find mx record for your domain",
        Reason::Rejected,
    ),
    (r"access to this user account has been denied", Reason::SecurityError),
    // Provider phrasings whose generic words ("access denied", "not authorized", "blocked") would
    // point elsewhere.
    (
        r"required authentication level|no valid dkim|dkim signature",
        Reason::AuthFailure,
    ),
    (
        r"does not allow external forwarding|external forwarding",
        Reason::PolicyViolation,
    ),
    (
        r"not authorized to send email directly|use the smtp relay at your service provider|permanently deferred|will not accept delivery of this message|client host .{0,80}blocked using",
        Reason::Blocked,
    ),
    (r"receiving mail too quickly", Reason::Speeding),
    (
        r"5\.7\.1 our system has detected an unusual rate of unsolicited mail",
        Reason::BadReputation,
    ),
    (r"links to an ip address that is blacklisted", Reason::SpamDetected),
    (
        r"not authenticated to send anonymous mail|anonymous mail",
        Reason::SecurityError,
    ),
    (r"reported as a source of spam", Reason::Blocked),
    (r"not permitted to send to remote domains", Reason::NoRelaying),
    (
        r"malformed (?:mime|header|message)|invalid mime|mime (?:error|structure|header)|media error|broken (?:mime|header)",
        Reason::ContentError,
    ),
    (
        r"reputation|user complaints|poor (?:sender )?score|sender score|complaint rate",
        Reason::BadReputation,
    ),
    // Authentication of the sender's domain (SPF, DKIM, DMARC).
    (
        r"\b(?:spf|dkim|dmarc)\b.{0,40}\b(?:fail|check|policy|reject|invalid|alignment|not pass)|unauthenticated (?:email|mail|message)|authentication checks? failed|not authenticated.{0,30}(?:sender|domain)|sender domain.{0,20}not authenticated|bad spf|per it's spf",
        Reason::AuthFailure,
    ),
    // RFC violations in the message itself.
    (
        r"duplicate header|multiple (?:\d+ \d\.\d\.\d+ )?addresses in from|not (?:rfc|rfc ?5322|rfc ?2822) compliant|rfc ?5322|violat\w* rfc|message is not rfc|missing (?:a )?(?:valid )?(?:date|from|message-id) header|header.{0,20}(?:missing|malformed)",
        Reason::NotCompliantRfc,
    ),
    // Greylisting: temporary by design.
    (
        r"greylist|gr[ae]y[- ]?list|try again (?:in|after) \d+ (?:seconds|minutes)",
        Reason::Blocked,
    ),
    (
        r"virus|malware|infected|trojan|harmful content|unsafe attachment|dangerous attachment",
        Reason::VirusDetected,
    ),
    (
        r"mailbox (?:is )?full|mailbox (?:is )?over|over ?quota|quota (?:exceeded|full)|exceeded (?:storage|quota)|insufficient (?:disk )?(?:storage|space)|mailbox size limit|mail ?box.{0,20}(?:exceeded|is full|capacity)|user'?s? (?:disk )?quota|disk quota|not enough (?:disk )?space|mailbox limit|mail ?folder is full|maildir over quota|storage (?:limit|quota)|exceeded the local limit|too many messages in (?:this|the) mailbox|full mailbox",
        Reason::MailboxFull,
    ),
    (
        r"message (?:is )?too (?:big|large)|too large for this recipient|size (?:exceeds|limit)|exceeds? (?:the )?(?:maximum|max|fixed maximum|size)|message size|mail size|length limit|message length exceeds|recipsizelimit|message file too big",
        Reason::MesgTooBig,
    ),
    (
        r"exceed(?:s|ed)? .{0,30}(?:recipients|limit)|recipient limit",
        Reason::ExceedLimit,
    ),
    (
        r"(?:account|mailbox|user|address|recipient)\S* (?:\S+ )?(?:is |has been )?(?:disabled|suspended|deactivated|inactive|frozen|locked|expired|blocked|closed|not active|unavailable due|on hold|temporarily unavailable)|mailbox is frozen|account.{0,20}(?:has been )?(?:disabled|suspended|closed|terminated)|disabled (?:recipient|mailbox|account)|le compte du destinataire est bloqu|recipient account is blocked|inactive (?:user|account|mailbox)|suspended (?:account|user|mailbox)",
        Reason::Suspend,
    ),
    (
        r"has moved|address (?:has )?changed|no longer (?:valid|in use|with)|moved permanently",
        Reason::HasMoved,
    ),
    (
        r"relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited|rejected)|not (?:permitted|allowed|configured) to relay|unable to relay|no relaying|relay not permitted|we do not relay|cannot relay|not a gateway|relaying (?:mail )?(?:to|for) .{0,40}(?:denied|not)|relay access|does not relay",
        Reason::NoRelaying,
    ),
    (
        r"reverse dns|reverse (?:lookup|resolution)|ptr record|no ptr|rdns|cannot find your hostname|cannot find your reverse hostname|reverse hostname|(?:unresolvable|unknown) (?:client )?(?:host ?name|address)|forward[- ]confirmed|client host .{0,40}(?:unknown|not resolv)|dns (?:lookup|check) (?:of your (?:ip|address)|failed for your)|no reverse|ip address does not resolve|helo command rejected|invalid helo|bad helo|helo.{0,40}(?:not|does not) (?:resolve|match)|address .{0,20}has no dns|not in dns|unverifiable sending ip|unverifyable sending ip",
        Reason::RequirePtr,
    ),
    (
        r"sender address rejected|sender (?:is )?(?:rejected|denied|blocked|not allowed|refused|verify failed|unknown)|domain of sender|sender domain (?:does not exist|must resolve|not found|is invalid)|from: domain is invalid|sender verification|invalid sender|unknown sender|bad sender|envelope sender|mail from.{0,30}(?:rejected|refused|not)|rejected by sender|sender.{0,20}not (?:exist|valid)|does not accept mail from|address.{0,40}\.\.\. access denied",
        Reason::Rejected,
    ),
    (
        r"ip frequency limited|server is too busy|too many recipients|too many (?:connections|sessions|concurrent)|connection limit|connection rate|rate limit(?:ed|ing)?.{0,20}connection|too many smtp sessions|maximum (?:number of )?connections|server busy|421 .{0,40}too many",
        Reason::TooManyConn,
    ),
    (
        r"rate limit|too many messages|sending limit|sent too much|exceeded .{0,20}(?:rate|sending)|temporarily deferred due to (?:unexpected )?volume|throttl|messages per|daily limit|receiving mail at a rate",
        Reason::Speeding,
    ),
    (
        r"\bspam\b|spam (?:detected|rejection|message|content)|junk|bulk mail|\bube\b|unsolicited|content (?:rejected|filter|policy)|message content rejected|blacklisted url|rejected due to content|suspicious (?:content|message)|looks like|classified as|dictionary check|high (?:spam|probability)|scor(?:e|ed) too high|mail rejete|mail rejected\. ofr_506",
        Reason::SpamDetected,
    ),
    (
        r"blacklist|blocklist|block list|black list|dnsbl|\brbl\b|spamhaus|spamcop|barracuda|sorbs|uceprotect|not allowed to connect|client host .{0,80}(?:blocked|rejected|refused|denied)|banned|\bblocked\b|access denied|connection refused|refused to talk|service refused|not accepting (?:connections|mail from)|your (?:ip|host|server) .{0,40}(?:denied|rejected|refused|not allowed)|messages from \S+ weren't sent|please use the smtp server of your isp|dynamic ip|dial-?up|residential|no access from mail server|you cannot send e-mail to yourself|rejected: .{0,20}listed|service (?:currently )?unavailable.{0,20}(?:for|from)|sc-001|sc-004|dyn\.|ip .{0,20}(?:is|was|has been) (?:listed|blocked|rejected)",
        Reason::Blocked,
    ),
    (
        r"smtp auth(?:entication)?|authentication (?:required|failed|is required)|turn on smtp auth|must (?:authenticate|be authenticated)|not authorized|unauthorized|delivery not authorized|permission denied|insufficient permission|security policy|encryption required|requires? (?:a )?secure|access not allowed",
        Reason::SecurityError,
    ),
    (
        r"starttls|\btls\b.{0,30}(?:required|fail|handshake|negotiat)|must issue a starttls|ssl (?:required|handshake)|encrypted connection required",
        Reason::FailedStartTls,
    ),
    (
        r"host (?:or domain name )?not found|unknown host|no such (?:domain|host)|domain (?:name )?not found|domain (?:is |was )?not (?:found|reachable|exist)|domain does not exist|domain .{0,40}does not exist|unrouteable|unroutable|couldn't find any host|could not find any host|name service error|nxdomain|host unknown|invalid domain|bad destination (?:system|host|mailbox address domain)|no route to host|mx .{0,20}not found|domain .{0,40}(?:not reachable|unreachable)|recipient domain|domain is not (?:configured|valid)|does not have an mx|unable to resolve|unknown domain|(?:^|\s)[a-z0-9-]+(?:\.[a-z0-9-]+)+ does not exist|dns error.{0,80}nxdomain|not our customer",
        Reason::HostUnknown,
    ),
    (
        r"null mx|no mx (?:record|host|found)|doesn'?t receive email|does not accept mail|accepts no mail|no smtp service|not accepting (?:any )?mail|mx or srv record indicated no smtp",
        Reason::NotAccept,
    ),
    (
        r"mailer error|local delivery failed|delivery to (?:a )?(?:program|pipe) failed|procmail:|exit (?:code|status) [1-9]|command (?:died|failed)|pipe to|x-unix; ?[1-9]",
        Reason::MailerError,
    ),
    (
        r"user unknown|unknown user|no such (?:user|mailbox|recipient|address|account)|mailbox (?:is )?unavailable|(?:address|mailbox|account|user|recipient)\S* (?:does not|doesn'?t) exist|does not exist (?:here|at|on)|user (?:not|doesn'?t) (?:exist|found)|user not exist|invalid (?:recipient|mailbox|address|user)|unknown (?:recipient|mailbox|address|local part|local-part)|no mailbox|mailbox not found|recipient not found|not a valid (?:user|mailbox|recipient)|address (?:not found|unknown|invalid)|not listed in|no account|doesn'?t have a .{0,40} account|recipient (?:unknown|invalid|rejected: user)|recipientnotfound|bad destination mailbox|unknown or illegal alias|account that you tried to reach does not exist|email address wasn'?t found|address couldn'?t be found|no valid recipients|not a registered|recipient address rejected: (?:user|undeliverable address|unknown)|undeliverable address|unrouteable address|invalid .{0,20}userid|name is not recognized|recipient name is not recognized|user doesn'?t have|mailbox doesn'?t exist|unknown or invalid|no such person|not our user|is not a valid mailbox|invalid address|this user doesn|rejected: user",
        Reason::UserUnknown,
    ),
    (
        r"routing loop|mail loop|loop detected|too many hops|hop count exceeded|maximum hop|name service error|host name lookup failure|dns (?:failure|error|lookup failed)|temporary (?:dns|lookup) failure|network (?:is )?unreachable|connection (?:reset|dropped|lost)|could not connect|can't connect|connect to .{0,80} failed|establish an smtp connection|no answer|lost connection",
        Reason::NetworkError,
    ),
    (
        r"timed out|timeout|host not reachable|did not accept our requests to connect|unable to connect|queue too long|message expired|expired|retry time(?:out)? (?:exceeded|reached)|delivery time expired|has been delayed|been in the queue|could not be delivered within|was not delivered within|gave up|giving up|will be retried|delivery attempts will continue|not yet been delivered",
        Reason::Expired,
    ),
    (
        r"disk full|out of (?:disk )?space|insufficient system storage|system (?:is )?full|no space left",
        Reason::SystemFull,
    ),
    (
        r"internal (?:server |system )?error|system error|local error|temporary (?:server |local )?(?:failure|error|problem)|service (?:currently |temporarily )?(?:not available|unavailable)|resources temporarily unavailable|try again later|try later|server error|unexpected error|processing error|temporarily unavailable|ldap server|unable to (?:handle|process)|closing transmission channel",
        Reason::SystemError,
    ),
    (
        r"policy|prohibited|rules rejection|not accepted|content.{0,20}not allowed|message (?:was )?(?:rejected|refused)|header error|refused by|administrative prohibition",
        Reason::PolicyViolation,
    ),
    (
        r"syntax error|command unrecognized|unrecognized command|bad sequence|command not implemented|line too long|invalid command|protocol error",
        Reason::SyntaxError,
    ),
];

/// Enhanced status codes (subject.detail) that name the reason outright, beating vague words.
pub const STATUS_STRONG: &[(&str, Reason)] = &[
    ("1.2", Reason::HostUnknown),
    ("1.6", Reason::HasMoved),
    ("1.8", Reason::Rejected),
    ("1.10", Reason::UserUnknown),
    ("2.2", Reason::MailboxFull),
    ("2.3", Reason::ExceedLimit),
    ("3.4", Reason::MesgTooBig),
    ("7.13", Reason::Suspend),
    ("7.23", Reason::AuthFailure),
    ("7.24", Reason::AuthFailure),
    ("7.25", Reason::RequirePtr),
    ("7.26", Reason::AuthFailure),
    ("7.27", Reason::AuthFailure),
    ("7.7", Reason::VirusDetected),
    ("7.20", Reason::AuthFailure),
    ("7.21", Reason::AuthFailure),
    ("7.22", Reason::AuthFailure),
    ("7.515", Reason::AuthFailure),
];

/// Enhanced status codes (subject.detail) and the reason they suggest when the text says nothing clearer.
pub const STATUS_WEAK: &[(&str, Reason)] = &[
    ("1.1", Reason::UserUnknown),
    ("1.0", Reason::UserUnknown),
    ("1.3", Reason::UserUnknown),
    ("1.4", Reason::UserUnknown),
    ("1.5", Reason::UserUnknown),
    ("1.7", Reason::Rejected),
    ("2.1", Reason::Suspend),
    ("2.0", Reason::Filtered),
    ("2.4", Reason::MailerError),
    ("3.0", Reason::SystemError),
    ("3.1", Reason::SystemFull),
    ("3.2", Reason::NotAccept),
    ("3.3", Reason::SystemError),
    ("3.5", Reason::SystemError),
    ("4.0", Reason::NetworkError),
    ("4.1", Reason::Expired),
    ("4.2", Reason::NetworkError),
    ("4.3", Reason::NetworkError),
    ("4.4", Reason::HostUnknown),
    ("4.5", Reason::NetworkError),
    ("4.6", Reason::NetworkError),
    ("4.7", Reason::Expired),
    ("4.316", Reason::Expired),
    ("5.0", Reason::SyntaxError),
    ("5.1", Reason::SyntaxError),
    ("5.2", Reason::SyntaxError),
    ("5.3", Reason::TooManyConn),
    ("5.4", Reason::SyntaxError),
    ("5.5", Reason::SyntaxError),
    ("6.0", Reason::ContentError),
    ("6.1", Reason::ContentError),
    ("6.2", Reason::ContentError),
    ("6.3", Reason::ContentError),
    ("6.4", Reason::ContentError),
    ("6.5", Reason::ContentError),
    ("6.6", Reason::ContentError),
    ("7.0", Reason::SecurityError),
    ("7.1", Reason::Rejected),
    ("7.2", Reason::SecurityError),
    ("7.3", Reason::SecurityError),
    ("7.4", Reason::SecurityError),
    ("7.5", Reason::SecurityError),
    ("7.6", Reason::SecurityError),
    ("7.8", Reason::SecurityError),
    ("7.9", Reason::SecurityError),
    ("7.10", Reason::FailedStartTls),
    ("7.11", Reason::FailedStartTls),
    ("7.12", Reason::SecurityError),
    ("7.14", Reason::SecurityError),
    ("7.15", Reason::SecurityError),
    ("7.16", Reason::SecurityError),
    ("7.17", Reason::SecurityError),
    ("7.18", Reason::SecurityError),
    ("7.19", Reason::SecurityError),
    ("7.28", Reason::Speeding),
    ("7.29", Reason::AuthFailure),
    ("7.30", Reason::SecurityError),
];

/// Basic reply codes and the reason they suggest when nothing else does.
pub const REPLY_CODES: &[(&str, Reason)] = &[
    ("421", Reason::SystemError),
    ("450", Reason::SystemError),
    ("451", Reason::SystemError),
    ("452", Reason::SystemFull),
    ("500", Reason::SyntaxError),
    ("501", Reason::SyntaxError),
    ("502", Reason::SyntaxError),
    ("503", Reason::SyntaxError),
    ("504", Reason::SyntaxError),
    ("521", Reason::NotAccept),
    ("556", Reason::NotAccept),
    ("530", Reason::SecurityError),
    ("535", Reason::SecurityError),
    ("550", Reason::OnHold),
    ("551", Reason::HasMoved),
    ("552", Reason::MailboxFull),
    ("553", Reason::UserUnknown),
    ("554", Reason::OnHold),
];

/// Collapses runs of whitespace so patterns survive line wraps.
pub fn normalize(text: &str) -> String {
    crate::kb::collapse(text)
}

/// The reason the reply text names, if any.
pub fn by_text(diagnostic: &str) -> Option<Reason> {
    by_normalized_text(&normalize(diagnostic), None)
}

/// [`by_text`] of a text already [`normalize`]d, with its literal hits in
/// [`crate::diagnose::TEXTS`] when they were found already.
fn by_normalized_text(n: &str, hits: Option<&crate::patterns::Hits>) -> Option<Reason> {
    let set = super::TEXTS.as_ref()?;
    set.with_hits(n.as_bytes(), hits, |h| {
        set.first_match_in(h, n.as_bytes(), 0..TEXT_PATTERNS.len())
    })
    .map(|i| TEXT_PATTERNS[i].1)
}

fn status_key(s: &str) -> Option<&str> {
    s.split_once('.').map(|(_, rest)| rest)
}

fn lookup(table: &[(&str, Reason)], key: &str) -> Option<Reason> {
    table.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
}

/// The reason an enhanced status code alone names outright, if any.
pub fn by_status_strong(s: &str) -> Option<Reason> {
    let key = status_key(s)?;
    lookup(STATUS_STRONG, key)
}

/// The reason an enhanced status code alone implies, if any.
pub fn by_status(s: &str) -> Option<Reason> {
    let key = status_key(s)?;
    if (key.starts_with("7.5") || key.starts_with("7.6") || key.starts_with("7.7")) && key.len() == 5 {
        // Microsoft's own 5.7.5xx-7xx: access, tenant and sender rules.
        return Some(Reason::SecurityError);
    }
    by_status_strong(s).or_else(|| lookup(STATUS_WEAK, key))
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
    let text = diagnostic.and_then(|d| by_normalized_text(d, hits));
    let status = r.status.as_deref();
    let strong = status.and_then(by_status_strong);
    let reason = match (text, strong) {
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
        (None, None) => status
            .and_then(by_status)
            .filter(|s| !(*s == Reason::SyntaxError && status.is_some_and(|st| st.ends_with(".0.0"))))
            .or_else(|| lookup(REPLY_CODES, &r.reply_code))
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
    let status_detail = r.status.as_deref().and_then(status_key).unwrap_or("");
    let temporary = r.status.as_deref().is_some_and(|s| s.starts_with('4'));
    match (reason, r.command) {
        (Reason::HostUnknown, Some(Command::Mail)) => Reason::Rejected,
        (Reason::HostUnknown, _) if temporary => Reason::NetworkError,
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
        (Reason::UserUnknown, _) if status_detail == "2.0" || status_detail == "7.1" => Reason::Filtered,
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
        let all = crate::diagnose::text_patterns();
        assert_eq!(crate::diagnose::TEXTS.as_ref().unwrap().len(), all.len());
        assert!(all.len() > TEXT_PATTERNS.len());
    }
}
