//! Transformations of a bounce into the shapes people paste it in: the visible text a mail client
//! shows, re-wrapped, quoted, indented, forwarded, rendered from HTML, without its intro, with CRLF
//! line ends. Used by `tests/metamorphic.rs`; every function accepts any input and never panics.

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

/// The text a person sees in a mail client: the visible header lines (`head`) and the readable
/// body (`body`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Visible {
    /// `From: …`, `To: …`, `Subject: …`, `Date: …` (those present), in that order.
    pub head: Vec<String>,
    /// The readable body parts, joined by a blank line.
    pub body: String,
}

impl Visible {
    /// Header lines, a blank line, the body (or the body alone when there are no header lines).
    pub fn render(&self) -> String {
        if self.head.is_empty() {
            self.body.clone()
        } else {
            format!("{}\n\n{}", self.head.join("\n"), self.body)
        }
    }
}

/// One derived variant: its name and its text.
#[derive(Debug, Clone)]
pub struct Variant {
    pub name: &'static str,
    pub text: String,
}

/// The names of [`all_variants`], in order.
pub const VARIANT_NAMES: [&str; 9] = [
    "visible",
    "wrap72",
    "wrap40",
    "quoted",
    "indented",
    "forwarded",
    "html",
    "no-intro",
    "crlf",
];

/// Text with every line end made `\n` (CRLF and lone CR too).
pub fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The visible text of an input. A `.txt` input is already what a person copied: it is its own
/// visible text. A message (`is_message`) is read as MIME: From/To/Subject/Date, then text/plain
/// parts (or the HTML alternative rendered to text), skipping delivery-status parts, returned
/// messages or headers, and attachments.
pub fn visible(raw: &[u8], is_message: bool) -> Visible {
    let text = String::from_utf8_lossy(raw);
    if !is_message {
        return Visible {
            head: Vec::new(),
            body: lf(&text),
        };
    }
    match MessageParser::default().parse(raw) {
        Some(msg) => visible_of_message(&msg),
        None => Visible {
            head: Vec::new(),
            body: lf(&text),
        },
    }
}

fn addresses(a: Option<&mail_parser::Address<'_>>) -> Option<String> {
    let a = a?;
    let list: Vec<String> = a
        .iter()
        .map(|x| {
            let addr = x.address.as_deref().unwrap_or("");
            match x.name.as_deref() {
                Some(n) if !n.is_empty() && !addr.is_empty() => format!("{n} <{addr}>"),
                Some(n) if !n.is_empty() => n.to_string(),
                _ => addr.to_string(),
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn visible_of_message(msg: &Message<'_>) -> Visible {
    let mut head = Vec::new();
    if let Some(v) = addresses(msg.from()) {
        head.push(format!("From: {}", one_line(&v)));
    }
    if let Some(v) = addresses(msg.to()) {
        head.push(format!("To: {}", one_line(&v)));
    }
    if let Some(v) = msg.subject() {
        head.push(format!("Subject: {}", one_line(v)));
    }
    if let Some(v) = msg.header_raw("Date") {
        head.push(format!("Date: {}", one_line(v)));
    }
    let mut parts = Vec::new();
    // The root part, walked with an explicit stack and a step limit (hostile MIME cannot loop).
    walk(msg, 0, &mut parts, 0);
    Visible {
        head,
        body: lf(&parts.join("\n")),
    }
}

fn walk(msg: &Message<'_>, id: u32, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Some(part) = msg.parts.get(id as usize) else {
        return;
    };
    let (ctype, subtype) = part
        .content_type()
        .map(|c| {
            (
                c.ctype().to_ascii_lowercase(),
                c.subtype().unwrap_or("").to_ascii_lowercase(),
            )
        })
        .unwrap_or_else(|| ("text".into(), "plain".into()));
    if part.content_disposition().is_some_and(|d| d.is_attachment()) {
        return;
    }
    match &part.body {
        PartType::Multipart(children) => {
            if subtype == "alternative" {
                let plain = children.iter().copied().find(|&c| {
                    msg.parts
                        .get(c as usize)
                        .is_some_and(|p| matches!(p.body, PartType::Text(_)) && is_plain(p))
                });
                if let Some(c) = plain.or_else(|| children.first().copied()) {
                    walk(msg, c, out, depth + 1);
                }
            } else {
                for &c in children {
                    if c != id {
                        walk(msg, c, out, depth + 1);
                    }
                }
            }
        }
        PartType::Text(t) => {
            if ctype == "text" && (subtype == "plain" || subtype.is_empty()) {
                out.push(t.to_string());
            }
        }
        PartType::Html(h) => out.push(html_to_text(h)),
        // Returned messages, delivery-status and other machine parts, binaries: not shown.
        PartType::Message(_) | PartType::Binary(_) | PartType::InlineBinary(_) => {}
    }
}

fn is_plain(p: &mail_parser::MessagePart<'_>) -> bool {
    p.content_type().is_none_or(|c| {
        c.ctype().eq_ignore_ascii_case("text") && c.subtype().is_none_or(|s| s.eq_ignore_ascii_case("plain"))
    })
}

/// Renders HTML to text roughly as a browser shows it: scripts and styles dropped, runs of
/// white space (line ends included) shown as one space, `<br>` and block elements as line
/// breaks, entities decoded, each line trimmed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut pending_space = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').map(|i| i + 1).unwrap_or(after.len());
            let tag = after.get(..end.saturating_sub(1)).unwrap_or("");
            rest = after.get(end..).unwrap_or("");
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if (name == "script" || name == "style") && !tag.starts_with('/') {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                let skip = lower.find(&close).unwrap_or(rest.len());
                rest = rest.get(skip..).unwrap_or("");
                continue;
            }
            match name.as_str() {
                "p" => {
                    while !out.is_empty() && !out.ends_with("\n\n") {
                        out.push('\n');
                    }
                    pending_space = false;
                }
                "br" => {
                    out.push('\n');
                    pending_space = false;
                }
                "div" | "tr" | "li" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "blockquote" | "pre" | "hr" => {
                    if !out.ends_with('\n') && !out.is_empty() {
                        out.push('\n');
                    }
                    pending_space = false;
                }
                "td" | "th" => pending_space = true,
                _ => {}
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let chunk = rest.get(..next).unwrap_or("");
        rest = rest.get(next..).unwrap_or("");
        for c in decode_entities(chunk).chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                pending_space = true;
            } else {
                if pending_space && !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                pending_space = false;
                out.push(if c == '\u{a0}' { ' ' } else { c });
            }
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = String::new();
    let mut blank = 0;
    for l in lines {
        if l.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        text.push_str(l);
        text.push('\n');
    }
    text
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        rest = rest.get(i..).unwrap_or("");
        let window = rest.len().min(12);
        let end = rest.as_bytes()[..window].iter().position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = rest.get(1..e)?;
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = rest.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text as simple HTML (a paragraph per block of lines, `<br>` between lines, as a mail
/// client composes it), so that [`html_to_text`] can render it back.
pub fn to_html(text: &str) -> String {
    let mut html = String::from("<html><body>\n");
    for para in paragraphs(text) {
        let lines: Vec<String> = para.iter().map(|l| escape_html(l)).collect();
        html.push_str("<p>");
        html.push_str(&lines.join("<br>\n"));
        html.push_str("</p>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// Paragraphs: runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut cur = Vec::new();
    for l in text.lines() {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(l);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Re-wraps each paragraph at `width` columns: the paragraph's words joined by single spaces and
/// filled greedily. A word is never broken: one longer than `width` stands on its own line.
pub fn rewrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in para.iter().flat_map(|l| l.split_whitespace()) {
            let w = word.chars().count();
            let cur = line.chars().count();
            if !line.is_empty() && cur + 1 + w > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            lines.push(line);
        }
        out.push(lines.join("\n"));
    }
    out.join("\n\n") + "\n"
}

/// Every line prefixed with `prefix` (a blank line gets the prefix trimmed at its end).
pub fn prefix_lines(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for l in text.lines() {
        if l.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

/// Quoted as a reply quotes it.
pub fn quoted(text: &str) -> String {
    prefix_lines(text, "> ")
}

/// Indented by four spaces.
pub fn indented(text: &str) -> String {
    prefix_lines(text, "    ")
}

/// Inside a forwarded message: a person's note and signature, then a "Forwarded message" header
/// block (the visible header lines, or a notice's usual ones when the input had none), then the
/// text.
pub fn forwarded(v: &Visible) -> String {
    let mut s = String::from(
        "Hi,\n\nI got this back when I sent the offer yesterday. Can you check what is wrong?\n\n\
         Thanks,\nMonika Nowak\nSales | Example Ltd. | +48 22 555 01 23 | monika.nowak@example.com\n\n\
         ---------- Forwarded message ---------\n",
    );
    if v.head.is_empty() {
        s.push_str(
            "From: Mail Delivery System <mailer-daemon@example.net>\n\
             Date: Mon, 30 Nov 2026 at 10:41\n\
             Subject: Undelivered Mail Returned to Sender\n\
             To: <monika.nowak@example.com>\n",
        );
    } else {
        for h in &v.head {
            s.push_str(h);
            s.push('\n');
        }
    }
    s.push_str("\n\n");
    s.push_str(&v.body);
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The visible text without the body's first paragraph (the intro a notice opens with).
pub fn without_intro(v: &Visible) -> String {
    let body = v.body.trim_start_matches(['\n', ' ', '\t']);
    let cut = body.find("\n\n").or_else(|| body.find("\n \n")).map(|i| i + 1);
    let rest = match cut {
        Some(i) => body.get(i..).unwrap_or("").trim_start_matches('\n').to_string(),
        None => String::new(),
    };
    Visible {
        head: v.head.clone(),
        body: rest,
    }
    .render()
}

/// CRLF line ends.
pub fn crlf(text: &str) -> String {
    lf(text).replace('\n', "\r\n")
}

/// Every variant of one input, in the order of [`VARIANT_NAMES`].
pub fn all_variants(raw: &[u8], is_message: bool) -> Vec<Variant> {
    let v = visible(raw, is_message);
    let text = v.render();
    let texts = [
        text.clone(),
        rewrap(&text, 72),
        rewrap(&text, 40),
        quoted(&text),
        indented(&text),
        forwarded(&v),
        html_to_text(&to_html(&text)),
        without_intro(&v),
        crlf(&text),
    ];
    VARIANT_NAMES
        .iter()
        .zip(texts)
        .map(|(&name, text)| Variant { name, text })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrap_never_breaks_a_word() {
        let long = "x".repeat(50);
        let w = rewrap(&format!("a b {long} c"), 10);
        assert!(w.lines().any(|l| l == long));
    }
}
