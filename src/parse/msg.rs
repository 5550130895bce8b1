//! Outlook `.msg` files (MS-OXMSG): a Compound File Binary container of MAPI properties.
//!
//! The `cfb` crate reads the container; this module reads the properties it needs and renders
//! the item as an RFC 5322 message, which the MIME path then reads like any other. The analysed
//! text is that rendering (`Report::rendered`), and source spans point into it.
//!
//! - A non-delivery report item (`REPORT.IPM.Note.NDR`, `.DR`, `.Delayed…`) becomes a
//!   `multipart/report`: its body (or report text), then a `message/delivery-status` part built
//!   from the recipient table — `PidTagSupplementaryInfo` (`<remote-mta #status diagnostic>`,
//!   MS-OXCMAIL 2.2.3.7.1), `PidTagNonDeliveryReportStatusCode` (kind × 100 + subject × 10 +
//!   detail), `PidTagRemoteMessageTransferAgent` —, then the attached original message.
//! - Any other item becomes `multipart/mixed`: its body, then each attachment that is a message
//!   (an embedded message object, `__substg1.0_3701000D`, or an attached `.eml` / `.msg` file)
//!   as `message/rfc822`, rendered the same way. Other attachments are left out.
//!
//! The item's own headers are its transport headers (`PidTagTransportMessageHeaders`) when it
//! has them, less their MIME structure fields; otherwise From / To / Subject / Date /
//! Message-ID made from its properties. Strings are read as Unicode (`001F`, UTF-16LE) or ANSI
//! (`001E`, in the item's code page, `PidTagMessageCodepage` / `PidTagInternetCodepage`).
//!
//! Limits: embedded messages are read 8 levels deep; the rendering stops growing at
//! [`MAX_INPUT_BYTES`]; bodies stored only as compressed RTF are not read. A container that
//! cannot be opened is not given up on: its readable text runs (ASCII and UTF-16LE) are
//! analysed instead, with a `warn-msg-unreadable` warning. Work is linear in the file.

use crate::input::MAX_INPUT_BYTES;
use crate::model::Warning;
use std::io::{Cursor, Read};

/// The first eight bytes of every Compound File Binary file.
pub const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How many embedded messages deep the rendering reads.
const MAX_DEPTH: usize = 8;

/// True when the bytes start with the Compound File Binary signature.
pub fn is_cfb(raw: &[u8]) -> bool {
    raw.starts_with(&CFB_SIGNATURE)
}

/// A `.msg` file rendered as an RFC 5322 message.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The message text (UTF-8).
    pub bytes: Vec<u8>,
    /// What could not be read.
    pub warnings: Vec<Warning>,
}

/// Renders a Compound File Binary `.msg` as a message; never fails (see the module's limits).
pub fn render(raw: &[u8]) -> Rendered {
    render_at(raw, 0)
}

/// [`render`] for a `.msg` file attached `depth` messages deep.
fn render_at(raw: &[u8], depth: usize) -> Rendered {
    let mut out = Rendered::default();
    match cfb::CompoundFile::open(Cursor::new(raw)) {
        // Another kind of compound file (a Word or Excel document): its text, as for a broken one.
        Ok(file) if !file.is_stream("/__properties_version1.0") => {
            out.warnings.push(
                Warning::new("warn-msg-unreadable")
                    .arg("detail", "no __properties_version1.0 stream: not an Outlook item"),
            );
            out.bytes = readable_text(raw);
        }
        Ok(mut file) => {
            let mut r = Reader {
                file: &mut file,
                warnings: &mut out.warnings,
                codepage: None,
            };
            out.bytes = r.message("/", depth);
        }
        Err(e) => {
            out.warnings
                .push(Warning::new("warn-msg-unreadable").arg("detail", e.to_string()));
            out.bytes = readable_text(raw);
        }
    }
    out.bytes.truncate(MAX_INPUT_BYTES);
    out
}

/// MAPI property ids (MS-OXPROPS) this module reads.
mod pid {
    pub const MESSAGE_CLASS: u16 = 0x001A;
    pub const SUBJECT: u16 = 0x0037;
    pub const CLIENT_SUBMIT_TIME: u16 = 0x0039;
    pub const TRANSPORT_MESSAGE_HEADERS: u16 = 0x007D;
    pub const SENDER_NAME: u16 = 0x0C1A;
    pub const SENDER_EMAIL_ADDRESS: u16 = 0x0C1F;
    pub const SENDER_SMTP_ADDRESS: u16 = 0x5D01;
    pub const SENT_REPRESENTING_NAME: u16 = 0x0042;
    pub const SENT_REPRESENTING_EMAIL_ADDRESS: u16 = 0x0065;
    pub const RECIPIENT_TYPE: u16 = 0x0C15;
    pub const SUPPLEMENTARY_INFO: u16 = 0x0C1B;
    pub const NDR_STATUS_CODE: u16 = 0x0C20;
    pub const REMOTE_MTA: u16 = 0x0C21;
    pub const MESSAGE_DELIVERY_TIME: u16 = 0x0E06;
    pub const BODY: u16 = 0x1000;
    pub const REPORT_TEXT: u16 = 0x1001;
    pub const HTML: u16 = 0x1013;
    pub const INTERNET_MESSAGE_ID: u16 = 0x1035;
    pub const DISPLAY_NAME: u16 = 0x3001;
    pub const ADDRESS_TYPE: u16 = 0x3002;
    pub const EMAIL_ADDRESS: u16 = 0x3003;
    pub const SMTP_ADDRESS: u16 = 0x39FE;
    pub const ATTACH_DATA: u16 = 0x3701;
    pub const ATTACH_FILENAME: u16 = 0x3704;
    pub const ATTACH_METHOD: u16 = 0x3705;
    pub const ATTACH_LONG_FILENAME: u16 = 0x3707;
    pub const ATTACH_MIME_TAG: u16 = 0x370E;
    pub const INTERNET_CODEPAGE: u16 = 0x3FDE;
    pub const MESSAGE_CODEPAGE: u16 = 0x3FFD;
    pub const REPORTING_MTA: u16 = 0x6820;
}

/// MAPI property types.
const PT_LONG: u16 = 0x0003;
const PT_SYSTIME: u16 = 0x0040;
const PT_STRING8: u16 = 0x001E;
const PT_UNICODE: u16 = 0x001F;
const PT_BINARY: u16 = 0x0102;

/// `PidTagAttachMethod` for an embedded message object.
const ATTACH_EMBEDDED_MSG: u32 = 5;

/// The fixed-size values of one property stream, by property id and type.
#[derive(Default)]
struct Fixed(Vec<(u16, u16, [u8; 8])>);

impl Fixed {
    fn long(&self, id: u16) -> Option<u32> {
        self.0
            .iter()
            .find(|(i, t, _)| *i == id && *t == PT_LONG)
            .map(|(_, _, v)| u32::from_le_bytes([v[0], v[1], v[2], v[3]]))
    }

    fn time(&self, id: u16) -> Option<u64> {
        self.0
            .iter()
            .find(|(i, t, _)| *i == id && *t == PT_SYSTIME)
            .map(|(_, _, v)| u64::from_le_bytes(*v))
    }
}

struct Reader<'a, F> {
    file: &'a mut cfb::CompoundFile<F>,
    warnings: &'a mut Vec<Warning>,
    /// The code page of the top-level message's ANSI strings.
    codepage: Option<u32>,
}

impl<F: std::io::Read + std::io::Seek> Reader<'_, F> {
    /// One stream's bytes, at most [`MAX_INPUT_BYTES`]; `None` when it is missing or unreadable.
    fn stream(&mut self, path: &str) -> Option<Vec<u8>> {
        if !self.file.is_stream(path) {
            return None;
        }
        let mut buf = Vec::new();
        match self.file.open_stream(path) {
            Ok(s) => match s.take(MAX_INPUT_BYTES as u64).read_to_end(&mut buf) {
                Ok(_) => Some(buf),
                Err(e) => {
                    self.broken(path, &e);
                    None
                }
            },
            Err(e) => {
                self.broken(path, &e);
                None
            }
        }
    }

    fn broken(&mut self, path: &str, e: &std::io::Error) {
        // One warning per file is enough to say that something is missing.
        if !self.warnings.iter().any(|w| w.id == "warn-msg-part-unreadable") {
            self.warnings.push(
                Warning::new("warn-msg-part-unreadable")
                    .arg("part", path.trim_start_matches('/'))
                    .arg("detail", e),
            );
        }
    }

    /// The fixed-size property values of a storage; `header` is the property stream's header
    /// length (32 for the top-level message, 24 for an embedded one, 8 for a recipient or an
    /// attachment).
    fn fixed(&mut self, dir: &str, header: usize) -> Fixed {
        let Some(bytes) = self.stream(&join(dir, "__properties_version1.0")) else {
            return Fixed::default();
        };
        Fixed(
            bytes
                .get(header..)
                .unwrap_or_default()
                .chunks_exact(16)
                .map(|e| {
                    let tag = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
                    let mut v = [0u8; 8];
                    v.copy_from_slice(&e[8..16]);
                    ((tag >> 16) as u16, tag as u16, v)
                })
                .collect(),
        )
    }

    /// A string property, Unicode or ANSI, without trailing NULs.
    fn string(&mut self, dir: &str, id: u16) -> Option<String> {
        if let Some(b) = self.stream(&join(dir, &substg(id, PT_UNICODE))) {
            let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            return Some(String::from_utf16_lossy(&units).trim_end_matches('\0').to_string());
        }
        let b = self.stream(&join(dir, &substg(id, PT_STRING8)))?;
        Some(decode_ansi(&b, self.codepage).trim_end_matches('\0').to_string())
    }

    /// The names of the sub-storages of `dir` starting with `prefix`, in name order.
    fn children(&self, dir: &str, prefix: &str) -> Vec<String> {
        let Ok(entries) = self.file.read_storage(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter(|e| e.is_storage() && e.name().starts_with(prefix))
            .map(|e| e.name().to_string())
            .collect();
        names.sort();
        names
    }

    /// Renders the message stored at `dir` (the root, or an embedded message storage), `depth`
    /// messages deep.
    fn message(&mut self, dir: &str, depth: usize) -> Vec<u8> {
        // The top-level message's property stream has a longer header than an embedded one's.
        let top = dir == "/";
        let fixed = self.fixed(dir, if top { 32 } else { 24 });
        if top {
            self.codepage = fixed
                .long(pid::MESSAGE_CODEPAGE)
                .or_else(|| fixed.long(pid::INTERNET_CODEPAGE));
        }
        let class = self.string(dir, pid::MESSAGE_CLASS).unwrap_or_default();
        let upper = class.to_ascii_uppercase();
        let report = upper.starts_with("REPORT.") && !upper.contains(".IPNRN") && !upper.contains(".IPNNRN");
        let action = if upper.contains(".NDR") {
            "failed"
        } else if upper.contains("DELAYED") {
            "delayed"
        } else {
            "delivered"
        };
        let mut out = String::new();
        self.headers(dir, &fixed, &mut out);
        let body = self
            .string(dir, pid::BODY)
            .filter(|b| !b.trim().is_empty())
            .or_else(|| self.string(dir, pid::REPORT_TEXT).filter(|b| !b.trim().is_empty()));
        let html = match body {
            Some(_) => None,
            None => self.html(dir),
        };
        let dsn = report.then(|| self.delivery_status(dir, action));
        let attachments = if depth < MAX_DEPTH {
            self.attachments(dir, depth)
        } else {
            Vec::new()
        };
        let text_part = match (&body, &html) {
            (Some(b), _) => Some(("text/plain", b.as_str())),
            (None, Some(h)) => Some(("text/html", h.as_str())),
            (None, None) => None,
        };
        out.push_str("MIME-Version: 1.0\r\n");
        if dsn.is_none() && attachments.is_empty() {
            let (ctype, text) = text_part.unwrap_or(("text/plain", ""));
            out.push_str(&format!(
                "Content-Type: {ctype}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"
            ));
            return out.into_bytes();
        }
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        if let Some((ctype, text)) = text_part {
            parts.push((
                format!("{ctype}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit"),
                text.as_bytes().to_vec(),
            ));
        }
        if let Some(d) = dsn {
            parts.push(("message/delivery-status".into(), d.into_bytes()));
        }
        for a in attachments {
            parts.push(("message/rfc822".into(), a));
        }
        let boundary = boundary(&parts, depth);
        out.push_str(&format!(
            "Content-Type: {}; boundary=\"{boundary}\"\r\n\r\n",
            if report {
                "multipart/report; report-type=delivery-status"
            } else {
                "multipart/mixed"
            }
        ));
        let mut bytes = out.into_bytes();
        for (ctype, body) in parts {
            bytes.extend_from_slice(format!("--{boundary}\r\nContent-Type: {ctype}\r\n\r\n").as_bytes());
            bytes.extend_from_slice(&body);
            if !body.ends_with(b"\n") {
                bytes.extend_from_slice(b"\r\n");
            }
            if bytes.len() > MAX_INPUT_BYTES {
                break;
            }
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        bytes
    }

    /// The header block: the transport headers less their MIME structure, or headers made
    /// from the properties.
    fn headers(&mut self, dir: &str, fixed: &Fixed, out: &mut String) {
        let transport = self
            .string(dir, pid::TRANSPORT_MESSAGE_HEADERS)
            .filter(|h| h.contains(':'));
        let subject = self.string(dir, pid::SUBJECT);
        if let Some(h) = transport {
            let mut skipping = false;
            let mut has_subject = false;
            for line in h.trim_start().lines() {
                if line.trim().is_empty() {
                    break;
                }
                if !line.starts_with([' ', '\t']) {
                    let name = line.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
                    skipping = matches!(
                        name.as_str(),
                        "content-type" | "content-transfer-encoding" | "mime-version" | "content-disposition"
                    );
                    has_subject |= name == "subject";
                }
                if !skipping {
                    out.push_str(line);
                    out.push_str("\r\n");
                }
            }
            if !has_subject {
                if let Some(s) = subject {
                    header(out, "Subject", &s);
                }
            }
            return;
        }
        let name = self
            .string(dir, pid::SENDER_NAME)
            .or_else(|| self.string(dir, pid::SENT_REPRESENTING_NAME));
        let address = self
            .string(dir, pid::SENDER_SMTP_ADDRESS)
            .or_else(|| self.string(dir, pid::SENDER_EMAIL_ADDRESS))
            .or_else(|| self.string(dir, pid::SENT_REPRESENTING_EMAIL_ADDRESS))
            .filter(|a| a.contains('@'));
        match (name, address) {
            (Some(n), Some(a)) if n != a => header(out, "From", &format!("\"{}\" <{a}>", n.replace('"', "'"))),
            (_, Some(a)) => header(out, "From", &a),
            (Some(n), None) => header(out, "From", &n),
            (None, None) => {}
        }
        let (to, cc) = self.recipient_headers(dir);
        if !to.is_empty() {
            header(out, "To", &to.join(", "));
        }
        if !cc.is_empty() {
            header(out, "Cc", &cc.join(", "));
        }
        if let Some(s) = subject {
            header(out, "Subject", &s);
        }
        if let Some(t) = fixed
            .time(pid::CLIENT_SUBMIT_TIME)
            .or_else(|| fixed.time(pid::MESSAGE_DELIVERY_TIME))
            .and_then(rfc5322_date)
        {
            header(out, "Date", &t);
        }
        if let Some(id) = self.string(dir, pid::INTERNET_MESSAGE_ID) {
            header(out, "Message-ID", &id);
        }
    }

    /// The To and Cc addresses of the recipient table.
    fn recipient_headers(&mut self, dir: &str) -> (Vec<String>, Vec<String>) {
        let (mut to, mut cc) = (Vec::new(), Vec::new());
        for r in self.children(dir, "__recip_version1.0_#") {
            let rdir = join(dir, &r);
            let kind = self.fixed(&rdir, 8).long(pid::RECIPIENT_TYPE).unwrap_or(1);
            if let Some(a) = self.recipient_address(&rdir) {
                match kind & 0xF {
                    1 => to.push(a),
                    2 => cc.push(a),
                    _ => {}
                }
            }
        }
        (to, cc)
    }

    /// A recipient's SMTP address when it has one, else its e-mail address or display name.
    fn recipient_address(&mut self, rdir: &str) -> Option<String> {
        let smtp = self.string(rdir, pid::SMTP_ADDRESS).filter(|a| a.contains('@'));
        let email = || {
            let kind = self.string(rdir, pid::ADDRESS_TYPE).unwrap_or_default();
            self.string(rdir, pid::EMAIL_ADDRESS)
                .filter(|a| kind.is_empty() || kind.eq_ignore_ascii_case("SMTP") || a.contains('@'))
        };
        smtp.or_else(email)
            .or_else(|| self.string(rdir, pid::DISPLAY_NAME))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
    }

    /// The `message/delivery-status` fields of a report item's recipient table.
    fn delivery_status(&mut self, dir: &str, action: &str) -> String {
        let mut out = String::new();
        match self.string(dir, pid::REPORTING_MTA) {
            Some(mta) if !mta.trim().is_empty() => field(&mut out, "Reporting-MTA", &dsn_name(&mta)),
            _ => {}
        }
        for r in self.children(dir, "__recip_version1.0_#") {
            let rdir = join(dir, &r);
            let fixed = self.fixed(&rdir, 8);
            out.push_str("\r\n");
            if let Some(a) = self.recipient_address(&rdir) {
                field(&mut out, "Final-Recipient", &format!("rfc822; {a}"));
            }
            field(&mut out, "Action", action);
            let info = self
                .string(&rdir, pid::SUPPLEMENTARY_INFO)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
            let parsed = info.as_deref().map(supplementary_info).unwrap_or_default();
            let status = parsed.status.clone().or_else(|| {
                fixed
                    .long(pid::NDR_STATUS_CODE)
                    .filter(|c| (200..600).contains(c))
                    .map(|c| format!("{}.{}.{}", c / 100, c / 10 % 10, c % 10))
            });
            if let Some(s) = status {
                field(&mut out, "Status", &s);
            }
            let remote = self
                .string(&rdir, pid::REMOTE_MTA)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .or(parsed.remote_mta);
            if let Some(m) = remote {
                field(&mut out, "Remote-MTA", &dsn_name(&m));
            }
            match (parsed.diagnostic, &info) {
                (Some(d), _) => field(&mut out, "Diagnostic-Code", &d),
                (None, Some(i)) if parsed.status.is_none() => field(&mut out, "Diagnostic-Code", &format!("smtp; {i}")),
                _ => {}
            }
            if let Some(i) = info {
                field(&mut out, "X-Supplementary-Info", &i);
            }
        }
        out
    }

    /// The HTML body as text, when there is no plain body.
    fn html(&mut self, dir: &str) -> Option<String> {
        let bin = self.stream(&join(dir, &substg(pid::HTML, PT_BINARY)));
        match bin {
            Some(b) => Some(decode_ansi(&b, self.codepage)),
            None => self.string(dir, pid::HTML),
        }
        .filter(|h| !h.trim().is_empty())
    }

    /// Each attachment that is a message, rendered.
    fn attachments(&mut self, dir: &str, depth: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut total = 0;
        for a in self.children(dir, "__attach_version1.0_#") {
            let adir = join(dir, &a);
            let method = self.fixed(&adir, 8).long(pid::ATTACH_METHOD).unwrap_or(1);
            let embedded = join(&adir, &substg(pid::ATTACH_DATA, 0x000D));
            let rendered = if method == ATTACH_EMBEDDED_MSG || self.file.is_storage(&embedded) {
                if !self.file.is_storage(&embedded) {
                    continue;
                }
                self.message(&embedded, depth + 1)
            } else {
                let Some(data) = self.stream(&join(&adir, &substg(pid::ATTACH_DATA, PT_BINARY))) else {
                    continue;
                };
                let name = self
                    .string(&adir, pid::ATTACH_LONG_FILENAME)
                    .or_else(|| self.string(&adir, pid::ATTACH_FILENAME))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let mime = self
                    .string(&adir, pid::ATTACH_MIME_TAG)
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if is_cfb(&data) {
                    let inner = render_at(&data, depth + 1);
                    self.warnings.extend(inner.warnings);
                    inner.bytes
                } else if name.ends_with(".eml") || mime == "message/rfc822" {
                    data
                } else {
                    continue;
                }
            };
            total += rendered.len();
            out.push(rendered);
            if total > MAX_INPUT_BYTES {
                break;
            }
        }
        out
    }
}

/// The parts of `PidTagSupplementaryInfo` written as MS-OXCMAIL says:
/// `<remote-mta #status diagnostic-code>`, each part optional.
#[derive(Debug, Default, PartialEq)]
struct Supplementary {
    remote_mta: Option<String>,
    status: Option<String>,
    diagnostic: Option<String>,
}

fn supplementary_info(info: &str) -> Supplementary {
    let inner = info.trim();
    let inner = inner
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(inner)
        .trim();
    // The status follows the first `#` that starts a word and holds digit.digits.digits.
    let hash = inner
        .match_indices('#')
        .map(|(i, _)| i)
        .find(|&i| (i == 0 || inner[..i].ends_with(' ')) && status_prefix(&inner[i + 1..]).is_some());
    let Some(i) = hash else {
        return Supplementary::default();
    };
    let rest = &inner[i + 1..];
    let len = status_prefix(rest).unwrap_or(0);
    let remote = inner[..i].trim();
    let diag = rest[len..].trim();
    Supplementary {
        remote_mta: (!remote.is_empty()).then(|| remote.to_string()),
        status: Some(rest[..len].to_string()),
        diagnostic: (!diag.is_empty()).then(|| diag.to_string()),
    }
}

/// The length of an enhanced status code (`5.1.1`, `5.7.606`) at the start of `s`.
fn status_prefix(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'2' | b'4' | b'5')) || b.get(1) != Some(&b'.') {
        return None;
    }
    let mut i = 2;
    for part in 0..2 {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            i += 1;
        }
        if i == start {
            return None;
        }
        if part == 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
    }
    match b.get(i) {
        Some(c) if c.is_ascii_alphanumeric() => None,
        _ => Some(i),
    }
}

/// A host name as a DSN field value: `dns; name` unless it already names its type.
fn dsn_name(v: &str) -> String {
    let v = v.trim();
    if v.contains(';') {
        v.to_string()
    } else {
        format!("dns; {v}")
    }
}

fn field(out: &mut String, name: &str, value: &str) {
    header(out, name, value);
}

/// Appends one header line, its value on one line.
fn header(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    for c in value.trim().chars() {
        out.push(if c == '\r' || c == '\n' { ' ' } else { c });
    }
    out.push_str("\r\n");
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// The name of a variable-length property's stream.
fn substg(id: u16, ty: u16) -> String {
    format!("__substg1.0_{id:04X}{ty:04X}")
}

/// A boundary found in none of the parts, in one pass over them: `=_bounce-msg-<depth>-` and
/// then more digits than follow that prefix anywhere in them (a crafted part cannot make this
/// slow, nor hold the boundary or a longer string that starts with it).
fn boundary(parts: &[(String, Vec<u8>)], depth: usize) -> String {
    let prefix = format!("=_bounce-msg-{depth}-");
    let finder = memchr::memmem::Finder::new(prefix.as_bytes());
    let mut longest = None;
    for (_, body) in parts {
        for at in finder.find_iter(body) {
            let digits = body[at + prefix.len()..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            longest = longest.max(Some(digits));
        }
    }
    match longest {
        None => format!("{prefix}0"),
        Some(n) => format!("{prefix}{}", "1".repeat(n + 1)),
    }
}

/// ANSI text in a Windows code page (Windows-1252 when the item names none or an unknown one).
fn decode_ansi(bytes: &[u8], codepage: Option<u32>) -> String {
    let name = match codepage.unwrap_or(1252) {
        65001 => "utf-8".to_string(),
        20127 => "us-ascii".to_string(),
        cp @ 1250..=1258 => format!("windows-{cp}"),
        874 => "windows-874".to_string(),
        cp @ 28591..=28599 => format!("iso-8859-{}", cp - 28590),
        28603 => "iso-8859-13".to_string(),
        28605 => "iso-8859-15".to_string(),
        932 => "shift_jis".to_string(),
        936 => "gbk".to_string(),
        949 => "euc-kr".to_string(),
        950 => "big5".to_string(),
        51932 => "euc-jp".to_string(),
        50220..=50222 => "iso-2022-jp".to_string(),
        54936 => "gb18030".to_string(),
        20866 => "koi8-r".to_string(),
        21866 => "koi8-u".to_string(),
        866 => "ibm866".to_string(),
        _ => "windows-1252".to_string(),
    };
    match mail_parser::decoders::charsets::map::charset_decoder(name.as_bytes()) {
        Some(decode) => decode(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A FILETIME (100 ns since 1601) as an RFC 5322 date in UTC.
fn rfc5322_date(filetime: u64) -> Option<String> {
    let secs = i64::try_from(filetime / 10_000_000).ok()? - 11_644_473_600;
    if !(0..=253_402_300_799).contains(&secs) {
        return None;
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    Some(format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
        DAYS[days.rem_euclid(7) as usize],
        day,
        MONTHS[(month - 1) as usize],
        year,
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    ))
}

/// The readable text of a damaged container: runs of at least 4 printable ASCII characters and
/// of at least 4 UTF-16LE characters, one per line, in file order.
fn readable_text(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let printable = |b: u8| b == b'\t' || (0x20..0x7F).contains(&b);
    // ASCII runs.
    let mut start = None;
    for (i, &b) in raw.iter().chain(std::iter::once(&0)).enumerate() {
        match (printable(b) || b == b'\r' || b == b'\n', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= 4 {
                    out.extend_from_slice(&raw[s..i]);
                    out.push(b'\n');
                }
                start = None;
            }
            _ => {}
        }
    }
    // UTF-16LE runs (ASCII and Latin letters with a zero or small high byte), at both alignments.
    for align in 0..2 {
        let mut run = String::new();
        let units = raw.get(align..).unwrap_or_default().chunks_exact(2);
        for c in units
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .chain(std::iter::once(0))
        {
            let ch = char::from_u32(u32::from(c)).filter(|ch| {
                (0x20..0x7F).contains(&c) || matches!(*ch, '\n' | '\r' | '\t') || (0xA0..0x3000).contains(&c)
            });
            match ch {
                Some(ch) => run.push(ch),
                None => {
                    if run.chars().count() >= 4 && run.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 2 {
                        out.extend_from_slice(run.as_bytes());
                        out.push(b'\n');
                    }
                    run.clear();
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplementary_info_is_split_as_ms_oxcmail_writes_it() {
        assert_eq!(
            supplementary_info("<mx.example.com #5.1.1 smtp;550 5.1.1 <a@example.com>: User unknown>"),
            Supplementary {
                remote_mta: Some("mx.example.com".into()),
                status: Some("5.1.1".into()),
                diagnostic: Some("smtp;550 5.1.1 <a@example.com>: User unknown".into()),
            }
        );
        assert_eq!(
            supplementary_info("<#4.4.7>"),
            Supplementary {
                status: Some("4.4.7".into()),
                ..Supplementary::default()
            }
        );
        assert_eq!(supplementary_info("550 User unknown"), Supplementary::default());
        assert_eq!(supplementary_info("<a#5.1.1>"), Supplementary::default());
        assert_eq!(status_prefix("5.7.606 x"), Some(7));
        assert_eq!(status_prefix("5.7.6061"), None);
        assert_eq!(status_prefix("3.1.1"), None);
        assert_eq!(status_prefix("5."), None);
    }

    #[test]
    fn the_boundary_is_in_no_part() {
        let part = |b: &str| (String::new(), b.as_bytes().to_vec());
        assert_eq!(boundary(&[part("plain")], 0), "=_bounce-msg-0-0");
        let tricky = [part("--=_bounce-msg-1-0\n"), part("=_bounce-msg-1-11 =_bounce-msg-1-")];
        let b = boundary(&tricky, 1);
        assert_eq!(b, "=_bounce-msg-1-111");
        assert!(tricky
            .iter()
            .all(|(_, body)| !String::from_utf8_lossy(body).contains(&b)));
    }

    #[test]
    fn filetime_becomes_an_rfc5322_date() {
        // 2024-05-01T10:00:00Z.
        let unix = 1_714_557_600u64;
        let ft = (unix + 11_644_473_600) * 10_000_000;
        assert_eq!(rfc5322_date(ft).as_deref(), Some("Wed, 01 May 2024 10:00:00 +0000"));
        assert_eq!(rfc5322_date(0), None);
        assert_eq!(rfc5322_date(u64::MAX), None);
    }

    #[test]
    fn ansi_strings_use_the_code_page() {
        assert_eq!(decode_ansi(b"\xb9\xe6", Some(1250)), "ąć");
        assert_eq!(decode_ansi(b"caf\xe9", None), "café");
        assert_eq!(decode_ansi("żółć".as_bytes(), Some(65001)), "żółć");
    }

    #[test]
    fn garbage_and_truncated_containers_never_panic() {
        let mut raw = CFB_SIGNATURE.to_vec();
        raw.extend_from_slice(b"Final-Recipient: rfc822; a@example.com\0\0");
        let r = render(&raw);
        assert_eq!(r.warnings[0].id, "warn-msg-unreadable");
        assert!(String::from_utf8_lossy(&r.bytes).contains("a@example.com"));
        // UTF-16LE text in a broken container is found too.
        let mut raw = CFB_SIGNATURE.to_vec();
        for u in "550 5.1.1 user unknown".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        assert!(String::from_utf8_lossy(&render(&raw).bytes).contains("550 5.1.1 user unknown"));
        assert!(!is_cfb(b"From: a"));
    }

    #[test]
    fn a_compound_file_that_is_not_an_outlook_item_gives_its_text() {
        use std::io::Write;
        let mut doc = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        let text: Vec<u8> = "Returned: 550 5.1.1 <ala@example.com> user unknown"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        doc.create_stream("/WordDocument").unwrap().write_all(&text).unwrap();
        doc.flush().unwrap();
        let raw = doc.into_inner().into_inner();
        assert!(is_cfb(&raw));
        let r = render(&raw);
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].id, "warn-msg-unreadable");
        assert!(String::from_utf8_lossy(&r.bytes).contains("550 5.1.1 <ala@example.com> user unknown"));
    }

    /// A minimal `.msg` written with the `cfb` crate: a subject and, when given, a `.msg` file
    /// attached by value.
    fn tiny_msg(subject: &str, attached: Option<&[u8]>) -> Vec<u8> {
        use std::io::Write;
        let mut f = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        f.create_stream("/__properties_version1.0")
            .unwrap()
            .write_all(&[0; 32])
            .unwrap();
        f.create_stream("/__substg1.0_0037001F")
            .unwrap()
            .write_all(&utf16(subject))
            .unwrap();
        if let Some(data) = attached {
            let a = "/__attach_version1.0_#00000000";
            f.create_storage(a).unwrap();
            let mut props = vec![0u8; 8];
            props.extend_from_slice(&0x3705_0003u32.to_le_bytes());
            props.extend_from_slice(&[0; 4]);
            props.extend_from_slice(&1u64.to_le_bytes());
            f.create_stream(format!("{a}/__properties_version1.0"))
                .unwrap()
                .write_all(&props)
                .unwrap();
            f.create_stream(format!("{a}/__substg1.0_3704001F"))
                .unwrap()
                .write_all(&utf16("inner.msg"))
                .unwrap();
            f.create_stream(format!("{a}/__substg1.0_37010102"))
                .unwrap()
                .write_all(data)
                .unwrap();
        }
        f.flush().unwrap();
        f.into_inner().into_inner()
    }

    #[test]
    fn attached_msg_files_are_read_eight_levels_deep_and_no_deeper() {
        let mut raw = tiny_msg("level 40", None);
        for level in (0..40).rev() {
            raw = tiny_msg(&format!("level {level}"), Some(&raw));
        }
        let r = render(&raw);
        let text = String::from_utf8_lossy(&r.bytes);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(text.contains("Subject: level 0\r\n"));
        assert!(text.contains("Subject: level 8\r\n"), "{text}");
        assert!(!text.contains("Subject: level 9\r\n"));
    }

    #[test]
    fn cut_and_corrupted_fixtures_never_panic() {
        let fixtures: [&[u8]; 3] = [
            include_bytes!("../../tests/msg/forward-two-deep.msg"),
            include_bytes!("../../tests/msg/ndr-ansi-cp1250.msg"),
            include_bytes!("../../tests/msg/forward-attached-eml.msg"),
        ];
        let mut state = 0x9e37_79b9_u32;
        let mut rnd = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize
        };
        let mut tried = 0;
        for good in fixtures {
            // Every cut at a sector boundary, and one byte past it.
            for cut in (0..good.len()).step_by(512) {
                for c in [cut, cut + 1] {
                    let r = render(&good[..c.min(good.len())]);
                    assert!(r.bytes.len() <= MAX_INPUT_BYTES);
                    tried += 1;
                }
            }
            // Bytes overwritten at random, in the header, the FAT, the directory and the streams.
            for round in 0..150 {
                let mut bad = good.to_vec();
                for _ in 0..=(round % 12) {
                    let at = 8 + rnd() % (bad.len() - 8);
                    bad[at] = (rnd() >> 8) as u8;
                }
                let _ = render(&bad);
                tried += 1;
            }
        }
        assert!(tried > 500, "{tried}");
    }
}
