//! The normalized report: what every input becomes, whatever its format.
//!
//! This is the one schema shared by the CLI (`--json`), the web app and the
//! embed API; see `../shared/notes/json-output.md` for field meanings.

use serde::{Deserialize, Serialize};

/// What kind of thing the user gave us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A MIME bounce with a `message/delivery-status` part (RFC 3464).
    Dsn,
    /// A bounce with only human-readable text (no DSN part), or its visible text.
    NdrText,
    /// A fragment: a lone SMTP reply or a log line.
    ReplyLine,
    /// An abuse / feedback report (RFC 5965, ARF).
    Feedback,
    /// An automatic reply (RFC 3834), e.g. an out-of-office note.
    AutoReply,
    /// Nothing that looks like a bounce.
    #[default]
    NotABounce,
}

/// DSN `Action` values (RFC 3464 section 2.3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Delivery failed for good.
    Failed,
    /// Delivery is delayed; the sender's server keeps trying.
    Delayed,
    /// Delivered to the recipient.
    Delivered,
    /// Passed on to a system that sends no DSNs.
    Relayed,
    /// Delivered to a list or alias that expanded it.
    Expanded,
}

impl Action {
    /// Reads a DSN `Action` field value, ignoring case and comments.
    pub fn parse(s: &str) -> Option<Action> {
        let w = s.trim().split(|c: char| c.is_whitespace() || c == '(').next()?;
        Some(match w.to_ascii_lowercase().as_str() {
            "failed" | "failure" => Action::Failed,
            "delayed" => Action::Delayed,
            "delivered" | "deliverable" => Action::Delivered,
            "relayed" => Action::Relayed,
            "expanded" => Action::Expanded,
            _ => return None,
        })
    }
}

/// The SMTP stage at which the remote server refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Command {
    /// The greeting, right after the TCP connection.
    Conn,
    /// `HELO`.
    Helo,
    /// `EHLO`.
    Ehlo,
    /// `MAIL FROM`.
    Mail,
    /// `RCPT TO`.
    Rcpt,
    /// `DATA` or the end of data.
    Data,
    /// `BDAT` (CHUNKING).
    Bdat,
    /// `STARTTLS`.
    Starttls,
    /// `AUTH`.
    Auth,
}

impl Command {
    /// Reads an SMTP command name as transcripts write it ("RCPT TO", "end of data", "initial connection").
    pub fn parse(s: &str) -> Option<Command> {
        let l = s.trim().to_ascii_lowercase();
        let l = l.trim_start_matches(['<', '>', ' ']);
        Some(if l.starts_with("rcpt") {
            Command::Rcpt
        } else if l.starts_with("mail") {
            Command::Mail
        } else if l.starts_with("data") || l.starts_with("end of data") || l.contains("end of message") {
            Command::Data
        } else if l.starts_with("bdat") {
            Command::Bdat
        } else if l.starts_with("ehlo") {
            Command::Ehlo
        } else if l.starts_with("helo") {
            Command::Helo
        } else if l.starts_with("starttls") {
            Command::Starttls
        } else if l.starts_with("auth") {
            Command::Auth
        } else if l.starts_with("conn")
            || l.contains("initial connection")
            || l.contains("greeting")
            || l.contains("banner")
        {
            Command::Conn
        } else {
            return None;
        })
    }

    /// The name used in JSON and in explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Conn => "CONN",
            Command::Helo => "HELO",
            Command::Ehlo => "EHLO",
            Command::Mail => "MAIL",
            Command::Rcpt => "RCPT",
            Command::Data => "DATA",
            Command::Bdat => "BDAT",
            Command::Starttls => "STARTTLS",
            Command::Auth => "AUTH",
        }
    }
}

macro_rules! reasons {
    ($($variant:ident = $id:literal),* $(,)?) => {
        /// The fixed reason vocabulary (`../shared/notes/reasons.md`), so results compare across tools.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Reason {
            $(
                #[doc = concat!("`", $id, "`")]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl Reason {
            /// Every reason, in vocabulary order.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),*];

            /// The lower-case id used in JSON and in message ids.
            pub fn as_str(self) -> &'static str {
                match self { $(Reason::$variant => $id),* }
            }

            /// Looks a reason up by its id.
            pub fn from_id(id: &str) -> Option<Reason> {
                match id { $($id => Some(Reason::$variant),)* _ => None }
            }
        }
    };
}

reasons! {
    UserUnknown = "userunknown",
    HostUnknown = "hostunknown",
    MailboxFull = "mailboxfull",
    MesgTooBig = "mesgtoobig",
    ExceedLimit = "exceedlimit",
    Blocked = "blocked",
    BadReputation = "badreputation",
    RequirePtr = "requireptr",
    Rejected = "rejected",
    NoRelaying = "norelaying",
    AuthFailure = "authfailure",
    SecurityError = "securityerror",
    FailedStartTls = "failedstarttls",
    PolicyViolation = "policyviolation",
    SpamDetected = "spamdetected",
    VirusDetected = "virusdetected",
    ContentError = "contenterror",
    Filtered = "filtered",
    SyntaxError = "syntaxerror",
    NotCompliantRfc = "notcompliantrfc",
    TooManyConn = "toomanyconn",
    Speeding = "speeding",
    SystemError = "systemerror",
    SystemFull = "systemfull",
    NetworkError = "networkerror",
    Expired = "expired",
    Suspend = "suspend",
    HasMoved = "hasmoved",
    NotAccept = "notaccept",
    MailerError = "mailererror",
    Suppressed = "suppressed",
    OnHold = "onhold",
    Undefined = "undefined",
    Delivered = "delivered",
    Feedback = "feedback",
    Vacation = "vacation",
}

// The variants come from a macro, so `#[default]` cannot mark one.
#[allow(clippy::derivable_impls)]
impl Default for Reason {
    fn default() -> Self {
        Reason::Undefined
    }
}

/// Who has to do something about a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The person who sent the message.
    Sender,
    /// Whoever runs the sender's mail server or provider account.
    SenderAdmin,
    /// The person the message was for.
    Recipient,
    /// Whoever runs the recipient's mail server.
    RecipientAdmin,
    /// Nobody: the sending server retries by itself, or nothing failed; waiting is the fix.
    #[default]
    Nobody,
}

impl Party {
    /// Every party, in the order explanations list them.
    pub const ALL: &'static [Party] = &[
        Party::Sender,
        Party::SenderAdmin,
        Party::Recipient,
        Party::RecipientAdmin,
        Party::Nobody,
    ];

    /// The id used in message ids (`party-<id>`); JSON uses the snake_case form.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Sender => "sender",
            Party::SenderAdmin => "sender-admin",
            Party::Recipient => "recipient",
            Party::RecipientAdmin => "recipient-admin",
            Party::Nobody => "nobody",
        }
    }
}

/// The fix steps the explanation shows for one party, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixSteps {
    /// Who takes these steps.
    pub party: Party,
    /// Message ids of the steps (`fix-…` in `advice.ftl`), in order.
    pub steps: Vec<String>,
}

/// One recipient's outcome, in the order recipients appear in the message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Recipient {
    /// The recipient address; `None` for a bare reply line.
    pub address: Option<String>,
    /// The DSN action, or what the text says happened.
    pub action: Option<Action>,
    /// RFC 3463 enhanced status code found in the message (never invented).
    pub status: Option<String>,
    /// RFC 5321 three-digit reply code, or "" when the message carries none.
    pub reply_code: String,
    /// The remote server's reply text, unfolded to one line.
    pub diagnostic: Option<String>,
    /// The host that gave the reply: the failing hop.
    pub remote_mta: Option<String>,
    /// The SMTP stage that failed.
    pub command: Option<Command>,
    /// The reason id from the fixed vocabulary.
    pub reason: Reason,
    /// True when retrying the same message will not help.
    pub hard: bool,
    /// True when this message is over for this recipient: it came back and will not be retried
    /// (DSN `Action: failed`, an expiry, a give-up). False while the sending server still retries
    /// (a delay warning). Not the same as `hard`, which says whether the address will ever work.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The party the explanation names first: who must act.
    pub who_must_act: Party,
    /// Message ids of the likely causes (`cause-…`), most likely first, as the explanation shows them.
    pub causes: Vec<String>,
    /// Fix steps grouped by party, the acting party first, as the explanation shows them.
    pub fixes: Vec<FixSteps>,
    /// Links found in the reply that are the fix (delisting or reset pages), shown with the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Ids of the knowledge-base rules that matched, most specific first.
    pub rules: Vec<String>,
    /// When delivery was last tried (RFC 3339), if the report says.
    pub last_attempt: Option<String>,
    /// For feedback reports: the ARF `Feedback-Type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback_type: Option<String>,
}

/// The role a host played on the path of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HopRole {
    /// The sender's own client or first server.
    Sender,
    /// A server that passed the message on.
    Relay,
    /// The server that wrote the bounce.
    Reporting,
    /// The receiving server that gave the refusal.
    Remote,
}

/// One step of the path the message took, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// The sending side of this step, as named in the header or transcript.
    pub from: Option<String>,
    /// The receiving side of this step.
    pub by: Option<String>,
    /// The IP address of the sending side, when known.
    pub ip: Option<String>,
    /// When this step happened (RFC 3339).
    pub date: Option<String>,
    /// Seconds since the previous hop, when both dates are known.
    pub delay_s: Option<i64>,
    /// What this host did.
    pub role: HopRole,
}

/// What a highlighted range of the input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// The three-digit reply code.
    ReplyCode,
    /// The enhanced status code.
    Status,
    /// The host that refused.
    RemoteMta,
    /// A recipient address.
    Recipient,
    /// The remote server's reply text.
    Diagnostic,
}

/// A byte range of the input exactly as given, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the range holds.
    pub what: SpanKind,
    /// Index of the recipient this span belongs to, when it belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<usize>,
}

/// An input problem, as a message id with arguments so every face can localize it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Fluent message id, e.g. `warn-input-truncated`.
    pub id: String,
    /// Named arguments for the message.
    pub args: Vec<(String, String)>,
}

impl Warning {
    /// A warning with no arguments.
    pub fn new(id: &str) -> Warning {
        Warning {
            id: id.to_string(),
            args: Vec::new(),
        }
    }

    /// Adds one named argument.
    pub fn arg(mut self, name: &str, value: impl ToString) -> Warning {
        self.args.push((name.to_string(), value.to_string()));
        self
    }
}

/// Facts about the message that bounced, from its returned headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Original {
    /// Its `From`.
    pub from: Option<String>,
    /// Its `To`.
    pub to: Option<String>,
    /// Its `Subject`.
    pub subject: Option<String>,
    /// Its `Message-ID`.
    pub message_id: Option<String>,
    /// Its `Date` (RFC 3339).
    pub date: Option<String>,
}

/// The whole analysis of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Report {
    /// The path as given, or "-" for standard input (set by the caller).
    pub source: String,
    /// What kind of input this is.
    pub kind: Kind,
    /// Which sender format produced it, e.g. `postfix`, or `generic`.
    pub format: String,
    /// The host that wrote the report.
    pub reporting_mta: Option<String>,
    /// Per-recipient outcomes, in message order.
    pub recipients: Vec<Recipient>,
    /// The path of the message, oldest first.
    pub hops: Vec<Hop>,
    /// Index into `hops` of the host that refused.
    pub failing_hop: Option<usize>,
    /// Byte ranges of the input worth highlighting.
    pub spans: Vec<Span>,
    /// Input problems, as message ids with arguments.
    pub warnings: Vec<Warning>,
    /// The subject of the bounce itself.
    pub subject: Option<String>,
    /// Facts about the message that bounced.
    pub original: Option<Original>,
    /// The IP address the report attributes to the sending side (the client the remote server
    /// named, or the last public hop before it); the only IP the advice names.
    pub sender_ip: Option<String>,
    /// The analysed text when it is not the input itself: the rendering of an Outlook `.msg`
    /// file (`parse::msg`). Spans point into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendered: Option<String>,
}
