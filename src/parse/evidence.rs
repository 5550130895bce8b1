//! Delivery evidence, wherever and however a text writes it.
//!
//! Runs on every input, before and apart from the format modules: it finds the shapes in which mail
//! servers, gateways and mail clients tie a recipient to a refusal — Postfix's `<addr>: host X[ip]
//! said: …`, Exim's `SMTP error from remote mail server after …`, qmail's `Remote host said:`,
//! sendmail's `550 5.1.1 <addr>... reason`, Exchange's `#550 5.1.1 … ##` and `Remote Server returned
//! '…'`, RFC 3464 fields copied as text, a reply introduced in any of several languages, or a bare
//! reply line. The text is read as paragraphs: quote marks and indentation are dropped and the
//! lines of a paragraph are joined, so a re-wrapped, quoted or indented copy reads like the
//! original. Format modules refine what this finds; they never decide whether a text is read.
//!
//! Limits: the first [`SCAN_LIMIT`] bytes of a text are scanned; a reply is at most
//! [`REPLY_LIMIT`] bytes. All patterns are linear-time (`regex`).

use crate::model::{Action, Command};
use crate::parse::codes;
use crate::parse::lean::{Groups, Text, Twin};

/// How much of a text the scanner reads (1 MiB): the evidence of a bounce is in its first part.
pub const SCAN_LIMIT: usize = 1 << 20;

/// The longest reply kept for one record.
pub const REPLY_LIMIT: usize = 2000;

/// One recipient's delivery evidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// The failed recipient, when the text ties one to the reply.
    pub address: Option<String>,
    /// The address the recipient was expanded from (an alias), when the text says so.
    pub alias: Option<String>,
    /// The remote host that replied.
    pub host: Option<String>,
    /// Its IP address.
    pub ip: Option<String>,
    /// The three-digit reply code.
    pub reply: Option<String>,
    /// The enhanced status code.
    pub status: Option<String>,
    /// The SMTP stage that was refused.
    pub command: Option<Command>,
    /// The reply text, unfolded.
    pub diagnostic: Option<String>,
    /// What happened, when the text says it (a DSN `Action:` field).
    pub action: Option<Action>,
    /// True when the text names the recipient apart from the reply (a report's own line or
    /// field), not only inside the reply text: a lone reply naming an address is still a reply.
    pub named_apart: bool,
}

impl Evidence {
    /// True when the record holds a failure or delay code (4xx / 5xx, 4.x.x / 5.x.x).
    pub fn is_failure(&self) -> bool {
        let class = |c: &Option<String>| c.as_deref().and_then(|c| c.chars().next());
        matches!(class(&self.reply), Some('4' | '5'))
            || matches!(class(&self.status), Some('4' | '5'))
            || matches!(self.action, Some(Action::Failed | Action::Delayed))
    }
}

/// An e-mail address, as [`crate::parse::formats::generic::ADDRESS`] reads it.
const ADDR: &str = r#"[^\x00-\x20\x7f<>()\[\]\\,;:@"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"#;
/// A host name with at least one dot.
const HOST: &str = r"[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]*[A-Za-z0-9]";
/// An IPv4 or IPv6 literal, loosely.
const IP: &str = r"[0-9A-Fa-f.:]+";

/// The kinds of head the scanner knows; each starts a record or gives context to the next ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// Postfix `<addr>: host X[ip] said:` or `<addr>: reason`; a Postfix log line's `to=<addr>`.
    Postfix,
    /// Exim `addr … SMTP error from remote mail server after CMD:`.
    Exim,
    /// qmail `<addr>: ip does not like recipient. Remote host said:`.
    Qmail,
    /// sendmail `550 5.1.1 <addr>... reason` (transcript or summary).
    Sendmail,
    /// Exchange `#550 5.1.1 … ##`, `<host #5.0.0 smtp; …>`, `Remote Server returned '…'`.
    Exchange,
    /// RFC 3464 per-recipient fields written as text.
    Field,
    /// A reply introduced by a verb ("said:", "odpowiedział:", "a répondu :", …).
    Intro,
    /// A line that starts with a reply code.
    Bare,
    /// A remote host named for what follows ("while talking to X", "host X [ip]"). Exchange's
    /// "Generating server" is the reporting server, not the remote one.
    HostContext,
}

/// One head found in the flattened text.
#[derive(Debug)]
struct Found {
    head: Head,
    start: usize,
    /// Where the reply (or field value) begins.
    body: usize,
    address: Option<String>,
    alias: Option<String>,
    host: Option<String>,
    ip: Option<String>,
    command: Option<Command>,
    /// For [`Head::Field`]: the lower-case field name.
    field: Option<&'static str>,
}

impl Found {
    fn new(head: Head, start: usize, body: usize) -> Found {
        Found {
            head,
            start,
            body,
            address: None,
            alias: None,
            host: None,
            ip: None,
            command: None,
            field: None,
        }
    }
}

static POSTFIX: Twin = Twin::new(|| {
    format!(
        r"(?mi)(?:^<({ADDR})>(?:\s*\(expanded from <?({ADDR})>?\))?:\s*(?:host\s+({HOST})\[({IP})\]\s+said:\s*|connect to ({HOST})\[({IP})\](?::\d+)?:\s*)?|(?-u:\b)to=<({ADDR})>,[^\n]*?(?-u:\b)status=(?:bounced|deferred|expired|undeliverable)\s*\((?:host\s+({HOST})\[({IP})\]\s+said:\s*)?)"
    )
});

static EXIM: Twin = Twin::new(|| {
    format!(
        r"(?mi)(?:^<?({ADDR})>?(?:\s*\((?:generated from|expanded from)\s+<?({ADDR})>?\))?:?\s+(?:host\s+({HOST})\s*\[({IP})\]:?\s+)?)?SMTP error from remote (?:mail )?(?:server|host) after\s+(?:pipelined\s+)?([A-Za-z][A-Za-z ]{{1,20}}?)(?::?\s*<({ADDR})?>)?(?:\s*\([^)\n]{{0,80}}\))?\s*:\s*(?:host:?\s*({HOST})\s*\[({IP})\]:?\s*)?"
    )
});

static QMAIL: Twin =
    Twin::new(|| format!(r"(?mi)^<({ADDR})>:\s*(?:({IP})\s+[^\n]{{0,80}}?\.\s+)?Remote host said:\s*"));

static SENDMAIL: Twin = Twin::new(|| {
    format!(
        r"(?i)(?:<<<\s*)?(?-u:\b)([245][0-9][0-9])[ -](?:#?([245]\.[0-9]{{1,3}}\.[0-9]{{1,3}})\s+)?<?({ADDR})>?\.\.\.\s*"
    )
});

static EXCHANGE: Twin = Twin::new(|| {
    format!(
        r"(?i)(?:(?:^|\s)#([245][0-9][0-9])[ -]?|<({HOST})\s+#([245]\.[0-9]{{1,3}}\.[0-9]{{1,3}})\s*(?:smtp|x-[a-z-]+)?;?\s*|(?-u:\b)remote server returned\s*(?:an error\s*)?:?\s*'|(?-u:\b)server returned\s+')"
    )
});

static FIELD: Twin = Twin::new(|| {
    r"(?i)(?:^|\s)(final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|x-postfix-sender|reporting-mta|arrival-date|last-attempt-date|will-retry-until|received-from-mta|x-actual-recipient)\s*:\s*".to_string()
});

/// Verbs and labels that introduce a remote server's reply, in the languages mail clients and
/// servers write them in (en, pl, de, fr, es, it, pt, nl, ru, cs, sv). The reply must follow
/// with its code.
static INTRO: Twin = Twin::new(|| {
    r#"(?i)(?:(?-u:\b)(?:said|says|replied|responded|answered|returned|reported|wrote|error (?:was|is)|response (?:was|is)|reply (?:was|is)|response from [^:\n]{1,80}? was|server response|remote error|rejected with|failed with|did not like our [a-z]+(?: to| from)?|reason|diagnostic(?:[- ]code)?|odpowiedzia[łl]|odpowied[źz] serwera|meldete|antwortete|gemeldet|antwort(?: des [^:\n]{1,40})?|fehler(?:meldung)?|a r[ée]pondu|a renvoy[ée]|r[ée]ponse(?: du [^:\n]{1,40})?|erreur|respondi[óo]|devolvi[óo]|respuesta(?: del [^:\n]{1,40})?|ha risposto|ha restituito|risposta(?: del [^:\n]{1,40})?|errore|respondeu|retornou|resposta(?: do [^:\n]{1,40})?|antwoordde|gaf als antwoord|antwoord(?: van [^:\n]{1,40})?|foutmelding|odpov[ěe]d[ěe]l|odpov[ěe]ď(?: serveru)?|svarade|svar)|ответил|сообщил|ответ(?: сервера)?|ошибка)\s*:?\s*['"«„(]?\s*([245][0-9][0-9])(?:[ -]|$)"#.to_string()
});

static BARE: Twin =
    Twin::new(|| r"(?m)^\(?([245][0-9][0-9])[ -](?:#?[245]\.[0-9]{1,3}\.[0-9]{1,3}(?-u:\b)|[A-Za-z<])".to_string());

static HOST_CONTEXT: Twin = Twin::new(|| {
    format!(
        r"(?i)(?:while talking to\s+({HOST})\.?(?:\s*\[({IP})\])?|remote[- ]server:\s*({HOST})|(?-u:\b)host\s+({HOST})\s*\[({IP})\])"
    )
});

static ADDRESS: Twin = Twin::new(|| ADDR.to_string());

static IN_REPLY: Twin = Twin::new(|| {
    r"(?i)\(?\s*in reply to\s+(end of data|end of message|[a-z]+(?:\s+to|\s+from)?)(?:\s+command)?\s*\)?".to_string()
});

/// The text as paragraphs, one per line: quote marks (`>`), bullets and indentation dropped,
/// the lines of a paragraph joined by one space. Reads at most [`SCAN_LIMIT`] bytes.
pub fn flatten(text: &str) -> String {
    let mut cut = text.len().min(SCAN_LIMIT);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = String::with_capacity(cut);
    let mut open = false;
    for line in text[..cut].lines() {
        let t = strip_quote(line).trim();
        if t.is_empty() {
            if open {
                out.push('\n');
                open = false;
            }
            continue;
        }
        if open {
            out.push(' ');
        }
        for (i, w) in t.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        open = true;
    }
    out
}

/// A line without its leading quote marks (`>`, `> >`, `|`), unless they are an SMTP transcript's
/// `>>>` / `<<<`.
fn strip_quote(line: &str) -> &str {
    let mut t = line.trim_start();
    loop {
        if t.starts_with(">>>") {
            return t;
        }
        match t.strip_prefix('>').or_else(|| t.strip_prefix("| ")) {
            Some(rest) => t = rest.trim_start(),
            None => return t,
        }
    }
}

/// Scans a text for delivery evidence. `exclude` holds addresses that are not recipients (the
/// sender's, the notice's own); records come in text order, one per recipient.
pub fn scan(text: &str, exclude: &[String]) -> Vec<Evidence> {
    let flat = flatten(text);
    scan_flat(&flat, exclude)
}

fn scan_flat(flat: &str, exclude: &[String]) -> Vec<Evidence> {
    let mut heads = heads(flat);
    heads.sort_by_key(|h| (h.start, std::cmp::Reverse(h.body)));
    // Two heads at one place: the longer (more specific) one stands; a head inside another's
    // (Exim's `host X [ip]` within its `SMTP error …` head) is part of it.
    let mut covered = 0;
    heads.retain(|h| {
        let keep = h.start >= covered;
        if keep {
            covered = h.body.max(h.start + 1);
        }
        keep
    });
    let excluded = |a: &str| exclude.iter().any(|e| e.eq_ignore_ascii_case(a));
    let mut out: Vec<Evidence> = Vec::new();
    let mut host: Option<(String, Option<String>)> = None;
    let mut fields: Option<Evidence> = None;
    let mut pending_original: Option<String> = None;
    let mut last_address: Option<(String, usize)> = None;
    let mut prose = ADDRESS.find_spans(&Text::new(flat)).into_iter().peekable();
    for (i, h) in heads.iter().enumerate() {
        // Addresses in prose before this head ("Your message to a@example.com couldn't be
        // delivered"): the nearest one names a reply that comes without its own.
        while let Some(m) = prose.next_if(|m| m.start < h.start) {
            let a = flat[m.range()].trim_matches('.');
            if !excluded(a) && !is_system(a) && !in_header_line(flat, m.start) {
                last_address = Some((a.to_string(), m.start));
            }
        }
        let end = heads
            .get(i + 1)
            .map_or(flat.len(), |n| n.start)
            .min(paragraph_end(flat, h.body));
        let value = flat.get(h.body..end.max(h.body)).unwrap_or("");
        match h.head {
            Head::HostContext => {
                if let Some(name) = &h.host {
                    host = Some((name.clone(), h.ip.clone()));
                }
                continue;
            }
            Head::Field => {
                field(h, value, &mut fields, &mut pending_original, &mut out);
                continue;
            }
            _ => {}
        }
        let mut e = Evidence {
            address: h.address.clone(),
            alias: h.alias.clone(),
            host: h.host.clone(),
            ip: h.ip.clone(),
            command: h.command,
            ..Evidence::default()
        };
        let (diagnostic, command) = reply_text(value, h.head);
        e.command = e.command.or(command);
        if let Some(d) = diagnostic.as_deref() {
            let (reply, status) = codes_of(d);
            e.reply = reply;
            e.status = status;
        }
        e.diagnostic = diagnostic;
        if e.address.is_none() {
            let inside = e
                .diagnostic
                .as_deref()
                .and_then(|d| {
                    ADDRESS
                        .find_spans(&Text::new(d))
                        .first()
                        .map(|m| d[m.range()].trim_matches('.').to_string())
                })
                .filter(|a| !excluded(a) && !is_system(a));
            let near = last_address
                .as_ref()
                .filter(|(_, at)| h.start - at <= 2000)
                .map(|(a, _)| a.clone());
            e.named_apart = near.is_some();
            e.address = near.or(inside);
        } else {
            e.named_apart = true;
        }
        if e.address.as_deref().is_some_and(|a| excluded(a) || is_system(a)) {
            e.address = None;
        }
        if e.host.is_none() {
            if let Some((name, ip)) = &host {
                e.host = Some(name.clone());
                e.ip = ip.clone();
            }
        }
        if e.reply.is_none() && e.status.is_none() && h.head == Head::Bare {
            continue;
        }
        push(&mut out, e);
    }
    if let Some(f) = fields.take() {
        push(&mut out, f);
    }
    out.retain(|e| e.is_failure() || e.diagnostic.is_some());
    out
}

/// Adds a record, merging it into an earlier one for the same recipient (the earlier keeps its
/// place; what it lacks is filled, and a reply with a code beats one without).
fn push(out: &mut Vec<Evidence>, e: Evidence) {
    let same = out.iter_mut().find(|o| match (&o.address, &e.address) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => o.reply == e.reply && o.status == e.status,
        _ => false,
    });
    let Some(o) = same else {
        out.push(e);
        return;
    };
    let coded = |x: &Evidence| x.reply.is_some() || x.status.is_some();
    if !coded(o) && coded(&e) {
        o.diagnostic = e.diagnostic.clone();
        o.reply = e.reply.clone();
    }
    if o.reply.is_none() {
        o.reply = e.reply;
    }
    o.status = codes::pick_status(o.status.as_deref(), e.status.as_deref());
    o.diagnostic = o.diagnostic.take().or(e.diagnostic);
    o.host = o.host.take().or(e.host);
    o.ip = o.ip.take().or(e.ip);
    o.command = o.command.or(e.command);
    o.alias = o.alias.take().or(e.alias);
    o.action = o.action.or(e.action);
}

/// Reads one RFC 3464 field into the record being built.
fn field(
    h: &Found,
    value: &str,
    current: &mut Option<Evidence>,
    original: &mut Option<String>,
    out: &mut Vec<Evidence>,
) {
    let v = value.trim();
    match h.field {
        Some("original-recipient") => *original = address_in_field(v),
        Some("final-recipient") | Some("x-actual-recipient") => {
            if h.field == Some("x-actual-recipient") && current.is_some() {
                return;
            }
            if let Some(done) = current.take() {
                push(out, done);
            }
            let address = address_in_field(v).or_else(|| original.take());
            *original = None;
            *current = Some(Evidence {
                address,
                named_apart: true,
                ..Evidence::default()
            });
        }
        Some("action") => {
            if let Some(c) = current.as_mut() {
                c.action = Action::parse(v);
            }
        }
        Some("status") => {
            if let Some(c) = current.as_mut() {
                let field = codes::find_status(v.get(..v.len().min(16)).unwrap_or(v)).map(|f| f.code);
                // The field may come after the diagnostic it is weighed against.
                c.status = codes::pick_status(field.as_deref(), c.status.as_deref());
            }
        }
        Some("remote-mta") => {
            if let Some(c) = current.as_mut() {
                let name = v.split_once(';').map_or(v, |(_, n)| n).trim();
                let name = name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(['[', ']', '.']);
                if !name.is_empty() {
                    c.host = Some(name.to_string());
                }
            }
        }
        Some("diagnostic-code") => {
            if let Some(c) = current.as_mut() {
                let text = v.split_once(';').map_or(v, |(_, t)| t).trim();
                let (d, command) = reply_text(text, Head::Field);
                if let Some(d) = d {
                    let (reply, status) = codes_of(&d);
                    c.reply = reply;
                    c.status = codes::pick_status(c.status.as_deref(), status.as_deref());
                    c.diagnostic = Some(d);
                }
                c.command = c.command.or(command);
            }
        }
        _ => {}
    }
}

/// The mail address of an RFC 3464 recipient field (`rfc822; a@example.com`), or of any field
/// that carries one (an X.400 form with an RFC 822 element, `smtp=`, quotes).
fn address_in_field(v: &str) -> Option<String> {
    let v = &v[..floor(v, 400)];
    let a = crate::parse::formats::rfc3464::recipient_address(v);
    (a.contains('@') && !is_system(&a)).then_some(a)
}

/// The reply text after a head, with the SMTP stage it names: `(in reply to X command)` cut off,
/// Exchange's quotes and `##`, qmail's `Giving up on …` and field tails removed.
fn reply_text(value: &str, head: Head) -> (Option<String>, Option<Command>) {
    let mut t = value.trim();
    t = &t[..floor(t, REPLY_LIMIT)];
    let mut command = None;
    // The pattern holds `in reply to` (letters no other character folds to): without it, no match.
    let found = t
        .as_bytes()
        .windows(11)
        .any(|w| w.eq_ignore_ascii_case(b"in reply to"))
        .then(|| IN_REPLY.first(&Text::new(t)))
        .flatten();
    if let Some(c) = found {
        command = c.get_group(1).and_then(|m| t.get(m.range())).and_then(Command::parse);
        let m = c.get_match().map_or(0..0, |m| m.range());
        let before = t[..m.start].trim();
        t = if before.is_empty() { t[m.end..].trim() } else { before };
    }
    if head == Head::Exchange {
        if let Some(p) = t.find("##").or_else(|| t.find('\'')).or_else(|| t.find('>')) {
            t = t[..p].trim();
        }
    }
    for tail in [
        "Giving up on ",
        "I'm not going to try again",
        "This is a permanent error",
    ] {
        if let Some(p) = t.find(tail) {
            t = t[..p].trim();
        }
    }
    let t = t.trim().trim_matches(['\'', '"', '«', '»', '„', '“', '”']).trim();
    let t = t
        .strip_suffix(')')
        // A reason quoted in parentheses keeps its closing one: drop it when it opens nowhere.
        .filter(|s| !s.contains('('))
        .unwrap_or(t);
    ((!t.is_empty()).then(|| t.to_string()), command)
}

/// The reply code and enhanced status code a reply text starts with or holds.
fn codes_of(d: &str) -> (Option<String>, Option<String>) {
    crate::parse::formats::generic::codes_in(d)
}

fn floor(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn paragraph_end(flat: &str, from: usize) -> usize {
    flat.get(from..)
        .and_then(|t| t.find('\n'))
        .map_or(flat.len(), |i| from + i)
}

/// True for the addresses of mail systems rather than people.
fn is_system(a: &str) -> bool {
    crate::parse::formats::generic::is_system_address(a)
}

/// Header names (any language) whose line names the notice's own sender or recipient.
const HEADER_LABELS: &[&str] = &[
    "from",
    "to",
    "cc",
    "sent",
    "reply-to",
    "return-path",
    "sender",
    "von",
    "an",
    "gesendet",
    "de",
    "à",
    "a",
    "para",
    "enviado",
    "da",
    "inviato",
    "od",
    "do",
    "wysłano",
    "kopia",
    "van",
    "aan",
    "verzonden",
    "от",
    "кому",
    "envoyé",
    "cc/bcc",
];

/// True when the address at `at` stands on a header line of the paragraph ("To: a@example.com").
fn in_header_line(flat: &str, at: usize) -> bool {
    let start = flat[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &flat[start..at];
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    let label = label.trim().to_lowercase();
    HEADER_LABELS.iter().any(|h| *h == label)
}

/// Every head in the flattened text, unsorted.
/// Words one of which each pattern's match holds, found in one pass: a pattern runs (and is
/// built) only when its words occur, so a short reply costs a few patterns, not all of them.
const GATES: &[(&str, u16)] = &[
    // POSTFIX's `<` starts a line (or the text) or follows `to=`; QMAIL needs its "Remote host
    // said" and SENDMAIL its "...", both below.
    ("\n<", G_POSTFIX),
    ("to=<", G_POSTFIX),
    ("<", G_LT),
    ("smtp error from remote", G_EXIM),
    ("remote host said", G_QMAIL),
    ("...", G_SENDMAIL),
    ("#", G_EXCHANGE),
    ("returned", G_EXCHANGE | G_INTRO),
    ("recipient", G_FIELD),
    ("action", G_FIELD),
    ("status", G_FIELD),
    ("remote-mta", G_FIELD),
    ("diagnostic-code", G_FIELD),
    ("-mta", G_FIELD),
    ("-date", G_FIELD),
    ("will-retry", G_FIELD),
    ("talking to", G_HOST),
    ("remote", G_HOST),
    ("host", G_HOST),
    // [`INTRO`]'s verbs and labels, each as an ASCII part that every spelling of the Latin-script
    // ones holds (see [`heads`] for the others).
    ("said", G_INTRO),
    ("says", G_INTRO),
    ("replied", G_INTRO),
    ("respond", G_INTRO),
    ("answered", G_INTRO),
    ("reported", G_INTRO),
    ("wrote", G_INTRO),
    ("error", G_INTRO),
    ("ponse", G_INTRO),
    ("reply", G_INTRO),
    ("rejected with", G_INTRO),
    ("failed with", G_INTRO),
    ("did not like our", G_INTRO),
    ("reason", G_INTRO),
    ("diagnostic", G_INTRO),
    ("odpowied", G_INTRO),
    ("meldet", G_INTRO),
    ("antwort", G_INTRO),
    ("fehler", G_INTRO),
    ("pondu", G_INTRO),
    ("renvoy", G_INTRO),
    ("erreur", G_INTRO),
    ("devolvi", G_INTRO),
    ("respuesta", G_INTRO),
    ("rispost", G_INTRO),
    ("restituito", G_INTRO),
    ("retornou", G_INTRO),
    ("resposta", G_INTRO),
    ("antwoord", G_INTRO),
    ("foutmelding", G_INTRO),
    ("odpov", G_INTRO),
    ("svar", G_INTRO),
];
const G_POSTFIX: u16 = 1;
const G_EXIM: u16 = 2;
const G_QMAIL: u16 = 4;
const G_SENDMAIL: u16 = 8;
const G_EXCHANGE: u16 = 16;
const G_FIELD: u16 = 32;
const G_HOST: u16 = 64;
const G_INTRO: u16 = 128;
/// A `<` anywhere: opens nothing by itself (see [`gates`]).
const G_LT: u16 = 256;

/// The automaton of [`GATES`]' words, built when a text would take the short reads past
/// [`GATE_SHORT_READS`] bytes: until then texts are read word by word, which for a few short
/// texts (one pasted reply) costs less than building it.
static GATE_WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();

/// How many bytes of text [`gates`] reads word by word before it builds [`GATE_WORDS`].
const GATE_SHORT_READS: usize = 2048;

/// How many bytes of text [`gates`] has read word by word.
static GATE_SHORT_READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The gates of every word of [`GATES`] in `flat` (ASCII case-insensitively), with the automaton.
fn gate_words_automaton(flat: &str) -> u16 {
    let ac = GATE_WORDS.get_or_init(|| {
        let words: Vec<&str> = GATES.iter().map(|(w, _)| *w).collect();
        crate::parse::lean::words(&words)
    });
    ac.find_overlapping_iter(flat)
        .fold(0, |open, m| open | GATES[m.pattern().as_usize()].1)
}

/// [`gate_words_automaton`] word by word.
fn gate_words_short(flat: &str) -> u16 {
    let hay = flat.as_bytes();
    GATES
        .iter()
        .filter(|(w, _)| !w.is_empty() && hay.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes())))
        .fold(0, |open, (_, g)| open | g)
}

/// Which patterns may match in the text ([`GATES`]), and whether it holds a reply code's digits.
fn gates(flat: &str) -> (u16, bool) {
    use std::sync::atomic::Ordering::Relaxed;
    let short = GATE_WORDS.get().is_none()
        && GATE_SHORT_READ.load(Relaxed) + flat.len() <= GATE_SHORT_READS
        && GATE_SHORT_READ.fetch_add(flat.len(), Relaxed) + flat.len() <= GATE_SHORT_READS;
    let mut open = if short {
        gate_words_short(flat)
    } else {
        gate_words_automaton(flat)
    };
    if flat.starts_with('<') {
        open |= G_POSTFIX;
    }
    // Case-insensitive matching folds `ſ` to `s` and `K` (Kelvin) to `k`: a text holding one
    // may spell "Remote host said" without the ASCII word, so QMAIL runs whenever a `<` occurs.
    if open & G_LT != 0 && !flat.is_ascii() && flat.contains(['\u{17f}', '\u{212a}']) {
        open |= G_QMAIL;
    }
    let digits = flat
        .as_bytes()
        .windows(3)
        .any(|w| matches!(w[0], b'2' | b'4' | b'5') && w[1].is_ascii_digit() && w[2].is_ascii_digit());
    (open, digits)
}

fn heads(flat: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let (open, digits) = gates(flat);
    let on = |g: u16| open & g != 0;
    let t = Text::new(flat);
    let ascii = t.is_ascii();
    let text = |c: &Groups, i: usize| {
        c.get_group(i)
            .and_then(|m| flat.get(m.range()))
            .map(|m| m.trim_end_matches('.').to_string())
    };
    for c in on(G_POSTFIX).then(|| POSTFIX.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let mut f = Found::new(Head::Postfix, m.start, m.end);
        f.address = text(&c, 1).or_else(|| text(&c, 7));
        f.alias = text(&c, 2);
        f.host = text(&c, 3).or_else(|| text(&c, 5)).or_else(|| text(&c, 8));
        f.ip = text(&c, 4).or_else(|| text(&c, 6)).or_else(|| text(&c, 9));
        if c.get_group(5).is_some() {
            // Postfix's own "connect to X[ip]:25: Connection refused": the text after is the reason.
            f.command = Some(Command::Conn);
        }
        out.push(f);
    }
    for c in on(G_EXIM).then(|| EXIM.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let mut f = Found::new(Head::Exim, m.start, m.end);
        f.address = text(&c, 1).or_else(|| text(&c, 6));
        f.alias = text(&c, 2);
        f.host = text(&c, 3).or_else(|| text(&c, 7));
        f.ip = text(&c, 4).or_else(|| text(&c, 8));
        f.command = c
            .get_group(5)
            .and_then(|m| flat.get(m.range()))
            .and_then(Command::parse);
        out.push(f);
    }
    for c in on(G_QMAIL).then(|| QMAIL.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let mut f = Found::new(Head::Qmail, m.start, m.end);
        f.address = text(&c, 1);
        f.ip = text(&c, 2);
        f.host = f.ip.clone();
        out.push(f);
    }
    for c in (on(G_SENDMAIL) && digits)
        .then(|| SENDMAIL.captures(&t))
        .into_iter()
        .flatten()
    {
        let m = c.get_match().map_or(0..0, |m| m.range());
        // The reply starts at the code: the record's text keeps `550 5.1.1 <a>... reason`.
        let code = c.get_group(1).map_or(m.start, |g| g.start);
        let mut f = Found::new(Head::Sendmail, m.start, code);
        f.address = text(&c, 3);
        out.push(f);
    }
    for c in on(G_EXCHANGE).then(|| EXCHANGE.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let body = c.get_group(1).or(c.get_group(3)).map_or(m.end, |g| g.start);
        // `<host #5.1.1 …>` names the server that wrote the notice, often the sender's own: not
        // taken as the remote host.
        out.push(Found::new(Head::Exchange, m.start, body));
    }
    for c in on(G_FIELD).then(|| FIELD.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let name = c
            .get_group(1)
            .and_then(|g| flat.get(g.range()))
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut f = Found::new(Head::Field, c.get_group(1).map_or(m.start, |g| g.start), m.end);
        f.field = FIELD_NAMES.iter().copied().find(|n| *n == name);
        out.push(f);
    }
    // On other texts INTRO's words may also be Cyrillic, or spelled with a character that folds
    // to an ASCII letter (`ſ`, `K`): such a text runs it whatever its other words.
    let intro = on(G_INTRO)
        || (!ascii
            && flat
                .chars()
                .any(|c| matches!(c, '\u{400}'..='\u{4ff}' | '\u{1c80}'..='\u{1c88}' | '\u{17f}' | '\u{212a}')));
    for c in (digits && intro).then(|| INTRO.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let code = c.get_group(1).map_or(m.end, |g| g.start);
        out.push(Found::new(Head::Intro, m.start, code));
    }
    for c in digits.then(|| BARE.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let code = c.get_group(1).map_or(m.start, |g| g.start);
        out.push(Found::new(Head::Bare, m.start, code));
    }
    for c in on(G_HOST).then(|| HOST_CONTEXT.captures(&t)).into_iter().flatten() {
        let m = c.get_match().map_or(0..0, |m| m.range());
        let mut f = Found::new(Head::HostContext, m.start, m.end);
        f.host = text(&c, 1).or_else(|| text(&c, 3)).or_else(|| text(&c, 4));
        f.ip = text(&c, 2).or_else(|| text(&c, 5));
        out.push(f);
    }
    out
}

/// The field names [`FIELD`] finds, lower-case.
const FIELD_NAMES: &[&str] = &[
    "final-recipient",
    "original-recipient",
    "action",
    "status",
    "remote-mta",
    "diagnostic-code",
    "x-postfix-sender",
    "reporting-mta",
    "arrival-date",
    "last-attempt-date",
    "will-retry-until",
    "received-from-mta",
    "x-actual-recipient",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Evidence {
        let v = scan(text, &[]);
        assert_eq!(v.len(), 1, "{v:?}");
        v.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn ascii_forms_match_like_the_full_patterns_on_ascii_texts() {
        let texts = [
            "<olga@example.ru>: host mx.example.ru[192.0.2.20] said: 550 5.1.1 <olga@example.ru>: User unknown (in reply to RCPT TO command)",
            "to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.7.1 Rejected (in reply to end of data command))",
            "kim@example.net host mx.example.net [198.51.100.3] SMTP error from remote mail server after RCPT TO:<kim@example.net>: 550 5.2.1 Mailbox disabled",
            "<jo@example.org>:\n192.0.2.7 does not like recipient. Remote host said: 554 5.7.1 denied. Giving up on 192.0.2.7.",
            "<<< 550 5.1.1 <neko@example.jp>... User unknown\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
            "Remote Server returned '554 5.4.4 SMTPSEND.DNS.NonExistentDomain' <mx.example.com #5.0.0 smtp; 550 no>",
            "Action: failed Final-Recipient: rfc822; ana@example.jp Diagnostic-Code: smtp; 550 5.1.1 <ana@example.jp>... User Unknown Status: 5.1.1",
            "The response from mail.example.com was: 452 4.2.2 Mailbox full\nServer said: '421 try later'\nsvar: 550 nej\nRESPONSE WAS 550 no",
            "(550-5.1.1 The email account does not exist\nwhile talking to mx.example.com. [192.0.2.9]: remote-server: mx2.example.com",
            "Diagnostic code 550 SK3 k s 5.7.1 sender@example.com;Kelvin Sigma x_y@z.example.com.",
        ];
        for (name, twin) in [
            ("POSTFIX", &POSTFIX),
            ("EXIM", &EXIM),
            ("QMAIL", &QMAIL),
            ("SENDMAIL", &SENDMAIL),
            ("EXCHANGE", &EXCHANGE),
            ("FIELD", &FIELD),
            ("INTRO", &INTRO),
            ("BARE", &BARE),
            ("HOST_CONTEXT", &HOST_CONTEXT),
            ("ADDRESS", &ADDRESS),
            ("IN_REPLY", &IN_REPLY),
        ] {
            let (ascii, full) = (twin.get(true), twin.get(false));
            assert_eq!(
                ascii.group_info().all_group_len(),
                full.group_info().all_group_len(),
                "{name}"
            );
            for t in texts {
                let spans = |re: &regex_automata::meta::Regex| -> Vec<Vec<Option<regex_automata::Span>>> {
                    re.captures_iter(t).map(|c| c.iter().collect()).collect()
                };
                assert_eq!(spans(ascii), spans(full), "{name} on {t:?}");
            }
        }
    }

    #[test]
    fn non_ascii_texts_match_like_the_full_patterns() {
        let texts = [
            "<olgą@example.ru>: host mx.example.ru[192.0.2.20] said: 550 5.1.1 <olgą@example.ru>: Użytkownik nieznany (in reply to RCPT TO command)",
            "宛先 <jo@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1 ユーザー不明 (in reply to RCPT TO command)",
            "kim@exämple.net host mx.example.net [198.51.100.3] SMTP error from remote mail server after RCPT TO:<kim@example.net> (ü日本語): 550 5.2.1 Mailbox disabled",
            "<jo@example.org>:\n192.0.2.7 ñ does not like recipient. Remote host said: 554 5.7.1 denied ✓. Giving up on 192.0.2.7.",
            "<<< 550 5.1.1 <neko@例え.jp>... User unknown\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; 見つかりません ##",
            "Remote Server returned '554 5.4.4 SMTPSEND.DNS.NonExistentDomain' <mx.example.com #5.0.0 smtp; 550 nö>",
            "Action: failed Final-Recipient: rfc822; añа@example.jp Diagnostic-Code: smtp; 550 5.1.1 <ana@example.jp>... User Ünknown Status: 5.1.1",
            "La réponse du serveur était : 550 boîte inconnue\nSerwer odpowiedział: 550 brak\nОтвет сервера: 550 нет\nantwort des servers für München: 550 nein",
            "Diagnostic code 550 ſK3 \u{212a} s 5.7.1 sender@example.com;Kelvin Sigma x_y@z.example.com ~ ~~ é~.",
            "(550-5.1.1 Das Konto existiert nicht\nwhile talking to mx.example.com. [192.0.2.9]: remote-server: mx2.exämple.com 日本\u{a0}語 ~",
            "error was\u{2003}550 no «550 non» „550 nie” — to=<ü@example.com>, status=bounced (host mx.example.com[192.0.2.1] said: 550 nö)",
        ];
        for (name, twin) in [
            ("POSTFIX", &POSTFIX),
            ("EXIM", &EXIM),
            ("QMAIL", &QMAIL),
            ("SENDMAIL", &SENDMAIL),
            ("EXCHANGE", &EXCHANGE),
            ("FIELD", &FIELD),
            ("INTRO", &INTRO),
            ("BARE", &BARE),
            ("HOST_CONTEXT", &HOST_CONTEXT),
            ("ADDRESS", &ADDRESS),
            ("IN_REPLY", &IN_REPLY),
        ] {
            // Every pattern can read a text through its stand-in.
            assert!(twin.reads_stand_ins(), "{name}");
            let full = twin.get(false);
            for t in texts {
                let want: Vec<Vec<Option<regex_automata::Span>>> =
                    full.captures_iter(t).map(|c| c.iter().collect()).collect();
                let text = Text::new(t);
                let got: Vec<Vec<Option<regex_automata::Span>>> = twin
                    .captures(&text)
                    .iter()
                    .map(|c| (0..want.first().map_or(0, Vec::len)).map(|g| c.get_group(g)).collect())
                    .collect();
                assert_eq!(got, want, "{name} on {t:?}");
                let spans: Vec<regex_automata::Span> = full.find_iter(t).map(|m| m.span()).collect();
                assert_eq!(twin.find_spans(&text), spans, "{name} on {t:?}");
            }
        }
    }

    #[test]
    fn short_texts_open_the_gates_the_automaton_opens() {
        let mut all: Vec<String> = vec![
            "550 5.1.1 user unknown".into(),
            "<a@b.example>: host X[1.2.3.4] said: 550 SMTP ERROR FROM REMOTE ... Remote Host Said # to=<x".into(),
            String::new(),
            "ſ K Réponse odpovědel".into(),
        ];
        for dir in ["tests/fixtures", "tests/unseen"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    all.push(flatten(&t));
                }
            }
        }
        for t in &all {
            assert_eq!(gate_words_short(t), gate_words_automaton(t), "{t:?}");
        }
    }

    #[test]
    fn postfix_line_alone_wrapped_and_quoted() {
        let line = "<olga@example.ru>: host mx.example.ru[192.0.2.20] said: 550 5.1.1 <olga@example.ru>: User unknown (in reply to RCPT TO command)";
        let wrapped = "<olga@example.ru>: host mx.example.ru[192.0.2.20] said:\n    550 5.1.1 <olga@example.ru>: User unknown (in reply to\n    RCPT TO command)";
        let quoted = "> <olga@example.ru>: host mx.example.ru[192.0.2.20]\n> said: 550 5.1.1 <olga@example.ru>: User\n> unknown (in reply to RCPT TO command)";
        for t in [line, wrapped, quoted] {
            let e = one(t);
            assert_eq!(e.address.as_deref(), Some("olga@example.ru"), "{t}");
            assert_eq!(e.host.as_deref(), Some("mx.example.ru"));
            assert_eq!(e.ip.as_deref(), Some("192.0.2.20"));
            assert_eq!(e.reply.as_deref(), Some("550"));
            assert_eq!(e.status.as_deref(), Some("5.1.1"));
            assert_eq!(e.command, Some(Command::Rcpt));
            assert_eq!(
                e.diagnostic.as_deref(),
                Some("550 5.1.1 <olga@example.ru>: User unknown")
            );
        }
    }

    #[test]
    fn flowed_dsn_fields_are_read() {
        let t = "Action: failed Final-Recipient: rfc822; ana@example.jp Diagnostic-Code: smtp; 550 5.1.1 <ana@example.jp>... User Unknown Status: 5.1.1";
        let e = one(t);
        assert_eq!(e.address.as_deref(), Some("ana@example.jp"));
        assert_eq!(e.status.as_deref(), Some("5.1.1"));
        assert_eq!(e.reply.as_deref(), Some("550"));
    }

    #[test]
    fn system_final_recipient_takes_the_original() {
        let t =
            "Original-Recipient: rfc822;piotr@example.pl\nFinal-Recipient: system;<>\nAction: failed\nStatus: 5.1.1\n";
        let e = one(t);
        assert_eq!(e.address.as_deref(), Some("piotr@example.pl"));
        assert_eq!(e.action, Some(Action::Failed));
    }

    #[test]
    fn replies_introduced_in_other_languages_name_the_prose_recipient() {
        for t in [
            "Wiadomość do jan@example.pl nie mogła zostać dostarczona.\nSerwer odbiorcy odpowiedział: 550 5.1.1 Skrzynka nie istnieje",
            "Ihre Nachricht an jan@example.pl konnte nicht zugestellt werden.\n\nDer Server meldete: 550 5.1.1 Benutzer unbekannt",
            "Votre message à jan@example.pl n'a pas pu être remis.\nLe serveur distant a répondu : « 550 5.1.1 Utilisateur inconnu »",
            "No se pudo entregar a jan@example.pl.\nEl servidor respondió: 550 5.1.1 Usuario desconocido",
        ] {
            let e = one(t);
            assert_eq!(e.address.as_deref(), Some("jan@example.pl"), "{t}");
            assert_eq!((e.reply.as_deref(), e.status.as_deref()), (Some("550"), Some("5.1.1")), "{t}");
        }
    }

    #[test]
    fn exchange_legacy_and_exim_shapes() {
        let t = "Diagnostic information for administrators:\n\nGenerating server: mail.example.org\n\nneko@example.co.jp\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n";
        let e = one(t);
        assert_eq!(e.address.as_deref(), Some("neko@example.co.jp"));
        assert_eq!(e.status.as_deref(), Some("5.1.1"));
        assert_eq!(e.host, None, "the generating server wrote the report");
        assert_eq!(
            e.diagnostic.as_deref(),
            Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
        );
        let t = "  kim@example.net\n    host mx.example.net [198.51.100.3]\n    SMTP error from remote mail server after RCPT TO:<kim@example.net>:\n    550 5.2.1 Mailbox disabled\n";
        let e = one(t);
        assert_eq!(e.address.as_deref(), Some("kim@example.net"));
        assert_eq!(e.host.as_deref(), Some("mx.example.net"));
        assert_eq!(e.command, Some(Command::Rcpt));
        assert_eq!(e.status.as_deref(), Some("5.2.1"));
    }

    #[test]
    fn the_senders_own_addresses_are_not_recipients_and_noise_gives_nothing() {
        let t = "To: me@example.com\nSubject: hello\n\nThe server said: 550 5.7.1 Relaying denied";
        let v = scan(t, &["me@example.com".to_string()]);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].address, None);
        assert!(scan("Lunch at 12? Room 550 on floor 5.", &[]).is_empty());
        let noise: String = (0..5000u32).map(|i| char::from(b' ' + (i * 7919 % 95) as u8)).collect();
        let _ = scan(&noise, &[]);
    }
}
