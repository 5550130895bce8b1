//! The structure of a pasted message: its headers, the human-readable report
//! text, the machine-readable DSN fields and the returned original message.
//!
//! mail-parser does the MIME work (boundaries, transfer encodings, charsets,
//! RFC 2047 words); this module only sorts the parts by what they mean.

use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders, PartType};

/// Everything the format extractors may look at, decoded to text.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    /// True when the input starts with RFC 5322 headers.
    pub is_message: bool,
    /// Top-level headers, names lower-cased, values unfolded and decoded.
    pub headers: Vec<(String, String)>,
    /// The human-readable text of the report (text parts outside the returned message, HTML converted).
    pub body: String,
    /// The raw text of a `message/delivery-status` (or global) part.
    pub dsn: Option<String>,
    /// The raw text of a `message/feedback-report` part (RFC 5965).
    pub feedback: Option<String>,
    /// The headers of the returned message, one header per entry, values unfolded.
    pub returned_headers: Vec<(String, String)>,
    /// Received headers of the returned message, in header order (newest first), parsed.
    pub returned_received: Vec<ReceivedHop>,
    /// The raw bytes of the returned message when it was attached whole (it may itself be a bounce).
    pub returned_raw: Option<Vec<u8>>,
    /// True when `returned_raw` is an attached message (`message/rfc822`, or an attached `.eml` /
    /// `.msg` file), not text quoted in the body: a person's message carrying a bounce.
    pub returned_attached: bool,
    /// Top-level `Received` headers of the report itself, newest first.
    pub received: Vec<ReceivedHop>,
    /// The content type of the top-level message, e.g. `multipart/report`.
    pub content_type: Option<String>,
    /// The `report-type` parameter, e.g. `delivery-status`.
    pub report_type: Option<String>,
    /// Which of the formats' detection phrases the body holds, found in one pass on first need
    /// (`formats::body_has`); empty until then.
    pub phrases_found: std::cell::OnceCell<Vec<bool>>,
}

/// One parsed `Received` header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReceivedHop {
    /// The `from` host (HELO name or reverse name).
    pub from: Option<String>,
    /// The IP address of the `from` host.
    pub ip: Option<String>,
    /// The `by` host.
    pub by: Option<String>,
    /// The date after the `;`, as a Unix timestamp.
    pub timestamp: Option<i64>,
    /// The date as RFC 3339.
    pub date: Option<String>,
}

impl Mail {
    /// The first top-level header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first header of the returned message with this (lower-case) name.
    pub fn returned_header(&self, name: &str) -> Option<&str> {
        self.returned_headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The subject of the report.
    pub fn subject(&self) -> &str {
        self.header("subject").unwrap_or("")
    }

    /// The `From` header of the report.
    pub fn from(&self) -> &str {
        self.header("from").unwrap_or("")
    }
}

/// Reads the input as a message when it is one, or as plain text otherwise.
pub fn read(bytes: &[u8], text: &str) -> Mail {
    if !starts_with_header(text) {
        return Mail {
            body: pasted_text(text),
            ..Mail::default()
        };
    }
    let Some(msg) = MessageParser::default().parse(bytes) else {
        return Mail {
            body: text.to_string(),
            ..Mail::default()
        };
    };
    let mut mail = Mail {
        is_message: true,
        ..Mail::default()
    };
    mail.headers = header_list(&msg);
    mail.received = received_list(&msg);
    if let Some(ct) = msg.content_type() {
        mail.content_type = Some(content_type_name(ct.ctype(), ct.subtype()));
        mail.report_type = ct.attribute("report-type").map(|s| s.to_ascii_lowercase());
    }
    collect_parts(&msg, &mut mail);
    mail
}

/// Pasted text as it is, or converted to text when it is an HTML copy of a bounce.
fn pasted_text(text: &str) -> String {
    let head = text.get(..text.len().min(2048)).unwrap_or("").to_ascii_lowercase();
    if ["<html", "<body", "<p>", "<div", "<br", "<table"]
        .iter()
        .any(|t| head.contains(t))
    {
        mail_parser::decoders::html::html_to_text(text).to_string()
    } else {
        text.to_string()
    }
}

/// True when the first non-blank line of the text is a header field (`Name: value`)
/// or an mbox `From ` line.
pub fn starts_with_header(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.starts_with("From ") {
        return true;
    }
    // Field names are letters, digits and hyphens in practice; a line such as Postfix's
    // `<user@example.com>: host … said:` is text, not a header.
    match first.find(':') {
        Some(i) if i > 0 => first[..i]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        _ => false,
    }
}

fn content_type_name(ctype: &str, subtype: Option<&str>) -> String {
    let subtype = subtype.unwrap_or("");
    let mut name = String::with_capacity(ctype.len() + 1 + subtype.len());
    name.push_str(ctype);
    name.push('/');
    name.push_str(subtype);
    name.make_ascii_lowercase();
    name
}

/// The date as mail-parser's `DateTime::to_rfc3339` writes it (`2024-05-01T10:00:00+02:00`, `Z`
/// for a zero offset), without the formatting machinery (it ran for every date header and hop).
fn rfc3339(d: &mail_parser::DateTime) -> String {
    /// Appends `v` in decimal, at least two digits.
    #[inline(always)]
    fn two(out: &mut Vec<u8>, v: u8) {
        if v >= 100 {
            out.push(b'0' + v / 100);
        }
        out.push(b'0' + v / 10 % 10);
        out.push(b'0' + v % 10);
    }
    // Bytes, all ASCII: pushed without a `char`'s encoding step.
    let mut out = Vec::with_capacity(32);
    // The year, at least four digits.
    let mut digits = [0u8; 5];
    let mut n = 0;
    let mut x = d.year;
    while x > 0 || n < 4 {
        digits[n] = b'0' + (x % 10) as u8;
        n += 1;
        x /= 10;
    }
    out.extend(digits[..n].iter().rev());
    for (sep, v) in [
        (b'-', d.month),
        (b'-', d.day),
        (b'T', d.hour),
        (b':', d.minute),
        (b':', d.second),
    ] {
        out.push(sep);
        two(&mut out, v);
    }
    if d.tz_hour != 0 || d.tz_minute != 0 {
        out.push(if d.tz_before_gmt { b'-' } else { b'+' });
        two(&mut out, d.tz_hour);
        out.push(b':');
        two(&mut out, d.tz_minute);
    } else {
        out.push(b'Z');
    }
    String::from_utf8(out).unwrap_or_default()
}

fn header_list(msg: &Message) -> Vec<(String, String)> {
    msg.headers()
        .iter()
        .map(|h| (h.name().to_ascii_lowercase(), header_text(msg, h)))
        .collect()
}

/// A header's value as one line of decoded text.
fn header_text(msg: &Message, h: &mail_parser::Header) -> String {
    let decoded = match h.value() {
        HeaderValue::Text(t) => Some(t.to_string()),
        HeaderValue::TextList(l) => Some(l.join(", ")),
        HeaderValue::Address(a) => {
            let v: Vec<String> = a
                .iter()
                .map(|x| match (x.name(), x.address()) {
                    (Some(n), Some(e)) => {
                        let mut s = String::with_capacity(n.len() + e.len() + 3);
                        s.push_str(n);
                        s.push_str(" <");
                        s.push_str(e);
                        s.push('>');
                        s
                    }
                    (None, Some(e)) => e.to_string(),
                    (Some(n), None) => n.to_string(),
                    (None, None) => String::new(),
                })
                .collect();
            Some(v.join(", "))
        }
        HeaderValue::DateTime(d) => Some(rfc3339(d)),
        _ => None,
    };
    match decoded {
        Some(s) if !s.is_empty() => s,
        _ => {
            let raw = msg.raw_message();
            let (s, e) = (h.offset_start() as usize, h.offset_end() as usize);
            let v = raw.get(s..e).map(lossy).unwrap_or_default();
            unfold(&v)
        }
    }
}

/// The bytes as text, invalid UTF-8 replaced (`String::from_utf8_lossy`), checked by the fast
/// validator first: `from_utf8_lossy` walks every byte through its slower chunk reader even when
/// the bytes are valid, which almost all are.
fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Joins folded lines into one, collapsing the fold whitespace.
pub fn unfold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // The pieces between line feeds (found by memchr), each trimmed: the same as `str::lines`
    // trimmed, whose CR and final empty line the trimming and skipping remove anyway.
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', s.as_bytes()).chain(std::iter::once(s.len())) {
        // Every piece is trimmed, so the result needs no trimming (nor a copy) at the end.
        let t = s.get(start..end).unwrap_or_default().trim();
        start = end + 1;
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

fn received_list(msg: &Message) -> Vec<ReceivedHop> {
    msg.received_all().map(received_hop).collect()
}

fn received_hop(r: &mail_parser::Received) -> ReceivedHop {
    let host = |h: &Option<mail_parser::Host>| {
        h.as_ref().map(|h| match h {
            mail_parser::Host::Name(n) => n.to_string(),
            mail_parser::Host::IpAddr(ip) => ip_text(ip),
        })
    };
    let ip = r.from_ip.map(|i| ip_text(&i)).or_else(|| match &r.from {
        Some(mail_parser::Host::IpAddr(ip)) => Some(ip_text(ip)),
        _ => None,
    });
    let date = r.date.filter(|d| d.is_valid());
    ReceivedHop {
        from: host(&r.from)
            .or_else(|| r.from_iprev.as_ref().map(|s| s.to_string()))
            .or_else(|| host(&r.helo)),
        ip,
        by: host(&r.by),
        timestamp: date.map(|d| d.to_timestamp()),
        date: date.map(|d| rfc3339(&d)),
    }
}

/// An IP address as `Display` writes it; IPv4 (most hops) without the formatting machinery.
fn ip_text(ip: &std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let mut out = String::with_capacity(15);
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                if octet >= 100 {
                    out.push(char::from(b'0' + octet / 100));
                }
                if octet >= 10 {
                    out.push(char::from(b'0' + octet / 10 % 10));
                }
                out.push(char::from(b'0' + octet % 10));
            }
            out
        }
        std::net::IpAddr::V6(_) => ip.to_string(),
    }
}

/// Keeps the first returned message's headers.
fn set_returned(mail: &mut Mail, inner: &Message) {
    if mail.returned_headers.is_empty() {
        mail.returned_headers = header_list(inner);
        mail.returned_received = received_list(inner);
        mail.returned_raw = Some(inner.raw_message().to_vec());
    }
}

/// Parses raw returned headers and keeps them when none were found yet.
pub fn set_returned_raw(mail: &mut Mail, raw: &[u8]) {
    if mail.returned_headers.is_empty() {
        if let Some(inner) = MessageParser::default().parse_headers(raw) {
            set_returned(mail, &inner);
        }
    }
}

fn collect_parts(msg: &Message, mail: &mut Mail) {
    let mut html = Vec::new();
    for (i, part) in msg.parts.iter().enumerate() {
        let ct = part
            .content_type()
            .map(|c| content_type_name(c.ctype(), c.subtype()))
            .unwrap_or_else(|| "text/plain".to_string());
        match (&part.body, ct.as_str()) {
            (PartType::Message(inner), _) => {
                mail.returned_attached |= mail.returned_headers.is_empty();
                set_returned(mail, inner)
            }
            (_, "message/delivery-status" | "message/global-delivery-status") => {
                let t = lossy(part.contents());
                mail.dsn.get_or_insert_with(String::new).push_str(&t);
            }
            (_, "message/feedback-report") => {
                mail.feedback = Some(lossy(part.contents()).into_owned());
            }
            (_, "text/rfc822-headers" | "message/global-headers" | "message/rfc822-headers") => {
                set_returned_raw(mail, part.contents())
            }
            (PartType::Text(t), _) => {
                if i == 0 && part.is_multipart() {
                    continue;
                }
                if !mail.body.is_empty() {
                    mail.body.push('\n');
                }
                mail.body.push_str(t);
            }
            (PartType::Html(h), _) => html.push(h.as_ref()),
            // A returned message that mail-parser kept as bytes (e.g. nested too deep).
            (PartType::Binary(b) | PartType::InlineBinary(b), c) if c.starts_with("message/") => {
                mail.returned_attached |= mail.returned_headers.is_empty();
                set_returned_raw(mail, b.as_ref())
            }
            // A message attached as a file: an `.eml`, or an Outlook `.msg` (rendered first).
            (PartType::Binary(b), c) if mail.returned_headers.is_empty() && attached_message(part, c, b) => {
                mail.returned_attached = true;
                if super::msg::is_cfb(b) {
                    set_returned_raw(mail, &super::msg::render(b).bytes)
                } else {
                    set_returned_raw(mail, b.as_ref())
                }
            }
            _ => {}
        }
    }
    if mail.body.trim().is_empty() {
        for h in html {
            mail.body.push_str(&mail_parser::decoders::html::html_to_text(h));
            mail.body.push('\n');
        }
    }
}

/// True when an attachment is a whole message saved as a file: an Outlook `.msg` (by its
/// signature, and its name or type) or an `.eml` (by its name or type, and it starts with a
/// header).
fn attached_message(part: &mail_parser::MessagePart, ctype: &str, body: &[u8]) -> bool {
    let name = part.attachment_name().unwrap_or("").to_ascii_lowercase();
    if super::msg::is_cfb(body) {
        // Word and Excel files are compound files too: only Outlook items count.
        return name.ends_with(".msg") || ctype == "application/vnd.ms-outlook";
    }
    (name.ends_with(".eml") || ctype == "application/eml" || ctype == "application/x-eml")
        && starts_with_header(&lossy(body.get(..body.len().min(1024)).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_is_written_as_mail_parser_writes_it() {
        let mut d = mail_parser::DateTime {
            year: 2024,
            month: 5,
            day: 1,
            hour: 7,
            minute: 0,
            second: 9,
            tz_before_gmt: true,
            tz_hour: 2,
            tz_minute: 30,
        };
        let mut tried = 0;
        for year in [0, 7, 999, 2024, 9999, 10_000, u16::MAX] {
            for (before, h, m) in [
                (true, 2, 30),
                (false, 2, 0),
                (true, 0, 0),
                (false, 0, 45),
                (true, 123, 255),
            ] {
                for (month, hour, second) in [(1, 0, 0), (12, 23, 59), (255, 100, 9)] {
                    d.year = year;
                    d.month = month;
                    d.hour = hour;
                    d.second = second;
                    d.tz_before_gmt = before;
                    d.tz_hour = h;
                    d.tz_minute = m;
                    assert_eq!(rfc3339(&d), d.to_rfc3339(), "{d:?}");
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 105);
        assert_eq!(content_type_name("Message", Some("RFC822")), "message/rfc822");
        assert_eq!(content_type_name("text", None), "text/");
        for a in [0u8, 1, 9, 10, 99, 100, 109, 199, 200, 255] {
            for v4 in [[a, 0, 7, 255], [192, a, 2, 10], [10, 100, a, a]] {
                let ip = std::net::IpAddr::from(v4);
                assert_eq!(ip_text(&ip), ip.to_string());
            }
        }
        let v6: std::net::IpAddr = "2001:db8::ff00:42:8329".parse().unwrap();
        assert_eq!(ip_text(&v6), v6.to_string());
        // The line-by-line definition `unfold` must agree with.
        let by_lines = |s: &str| {
            s.lines()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let pieces = ["a", " ", "\n", "\r", "\r\n", "\t", "\u{a0}", "żó", "\u{2003}b", ""];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let s = [a, b, c, d].concat();
                        assert_eq!(unfold(&s), by_lines(&s), "{s:?}");
                    }
                }
            }
        }
        for b in [&b"plain"[..], b"", b"\xff", b"a\xe2\x82b", "żółć".as_bytes(), b"x\xc5"] {
            assert_eq!(lossy(b), String::from_utf8_lossy(b), "{b:?}");
        }
    }
}
