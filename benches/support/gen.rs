//! Input generators shared by the benchmarks, the hostile-input tests, the
//! property tests and the peak-memory example (each includes this file with
//! `#[path]`). Everything here is written for this project: small, plausible
//! bounce skeletons and the deliberately hostile shapes built from them.
#![allow(dead_code)]

/// Line ends a generated message can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eol {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// `\r` alone (old Mac mail clients).
    Cr,
}

impl Eol {
    /// The bytes of this line end.
    pub fn as_str(self) -> &'static str {
        match self {
            Eol::Lf => "\n",
            Eol::CrLf => "\r\n",
            Eol::Cr => "\r",
        }
    }
}

/// Re-joins LF-separated text with the given line end.
pub fn with_eol(text: &str, eol: Eol) -> String {
    if eol == Eol::Lf {
        return text.to_string();
    }
    text.replace('\n', eol.as_str())
}

/// One recipient of a generated DSN.
#[derive(Debug, Clone)]
pub struct Rcpt {
    /// The address.
    pub address: String,
    /// The DSN Status.
    pub status: String,
    /// The reply line the remote server gave.
    pub reply: String,
    /// The remote host.
    pub host: String,
}

impl Rcpt {
    /// A plausible refused recipient number `i`.
    pub fn nth(i: usize) -> Rcpt {
        let (status, reply) = match i % 4 {
            0 => (
                "5.1.1",
                "550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual mailbox table",
            ),
            1 => ("5.2.2", "552 5.2.2 <{a}>: Mailbox full, quota exceeded"),
            2 => (
                "4.7.1",
                "450 4.7.1 <{a}>: Recipient address rejected: Greylisted, try again later",
            ),
            _ => (
                "5.7.1",
                "554 5.7.1 Service unavailable; client host [192.0.2.44] blocked using zen.example.net",
            ),
        };
        let address = format!("user{i}@dest{}.example.com", i % 7);
        Rcpt {
            reply: reply.replace("{a}", &address),
            address,
            status: status.to_string(),
            host: format!("mx{}.dest{}.example.com", i % 3, i % 7),
        }
    }
}

/// A Postfix-style multipart/report DSN for the given recipients, with an
/// optional returned-message part (`returned` is its full text, headers included).
pub fn dsn(rcpts: &[Rcpt], returned: Option<&str>) -> String {
    let mut s = String::with_capacity(2048 + rcpts.len() * 400 + returned.map_or(0, str::len));
    s.push_str(concat!(
        "Return-Path: <>\n",
        "Received: by mail.sender.example.org (Postfix)\n\tid 4QxYz1abcD; Mon, 16 Nov 2026 10:15:02 +0100 (CET)\n",
        "Date: Mon, 16 Nov 2026 10:15:02 +0100 (CET)\n",
        "From: MAILER-DAEMON@mail.sender.example.org (Mail Delivery System)\n",
        "Subject: Undelivered Mail Returned to Sender\n",
        "To: alice@sender.example.org\n",
        "Auto-Submitted: auto-replied\n",
        "MIME-Version: 1.0\n",
        "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"B0UNDARY.1700000000/mail.sender.example.org\"\n",
        "Message-Id: <20261116091502.4QxYz1abcD@mail.sender.example.org>\n",
        "\n",
        "This is a MIME-encapsulated message.\n\n",
        "--B0UNDARY.1700000000/mail.sender.example.org\n",
        "Content-Description: Notification\n",
        "Content-Type: text/plain; charset=us-ascii\n\n",
        "This is the mail system at host mail.sender.example.org.\n\n",
        "I'm sorry to have to inform you that your message could not\n",
        "be delivered to one or more recipients. It's attached below.\n\n",
        "                   The mail system\n\n",
    ));
    for r in rcpts {
        s.push_str(&format!(
            "<{}>: host {}[192.0.2.25] said: {} (in reply to RCPT TO command)\n\n",
            r.address, r.host, r.reply
        ));
    }
    s.push_str(concat!(
        "--B0UNDARY.1700000000/mail.sender.example.org\n",
        "Content-Description: Delivery report\n",
        "Content-Type: message/delivery-status\n\n",
        "Reporting-MTA: dns; mail.sender.example.org\n",
        "X-Postfix-Queue-ID: 4QxYz1abcD\n",
        "X-Postfix-Sender: rfc822; alice@sender.example.org\n",
        "Arrival-Date: Mon, 16 Nov 2026 10:14:58 +0100 (CET)\n\n",
    ));
    for r in rcpts {
        let action = if r.status.starts_with('4') { "delayed" } else { "failed" };
        s.push_str(&format!(
            "Final-Recipient: rfc822; {a}\nOriginal-Recipient: rfc822;{a}\nAction: {action}\nStatus: {st}\nRemote-MTA: dns; {h}\nDiagnostic-Code: smtp; {rep}\n\n",
            a = r.address,
            st = r.status,
            h = r.host,
            rep = r.reply
        ));
    }
    if let Some(orig) = returned {
        s.push_str(concat!(
            "--B0UNDARY.1700000000/mail.sender.example.org\n",
            "Content-Description: Undelivered Message\n",
            "Content-Type: message/rfc822\n\n",
        ));
        s.push_str(orig);
        if !orig.ends_with('\n') {
            s.push('\n');
        }
        s.push('\n');
    }
    s.push_str("--B0UNDARY.1700000000/mail.sender.example.org--\n");
    s
}

/// The headers of a returned message with `n` Received headers (newest first).
pub fn returned_headers(n: usize) -> String {
    let mut s = String::with_capacity(n * 190 + 512);
    for i in (0..n).rev() {
        let secs = i % 60;
        let mins = (i / 60) % 60;
        s.push_str(&format!(
            "Received: from relay{i}.hop.example.net (relay{i}.hop.example.net [198.51.100.{o}])\n\tby relay{j}.hop.example.net (Postfix) with ESMTPS id H{i:06}; Mon, 16 Nov 2026 09:{mins:02}:{secs:02} +0100\n",
            o = i % 250 + 1,
            j = i + 1
        ));
    }
    s.push_str(concat!(
        "From: Alice <alice@sender.example.org>\n",
        "To: bob@dest0.example.com\n",
        "Subject: Quarterly figures\n",
        "Date: Mon, 16 Nov 2026 09:00:00 +0100\n",
        "Message-ID: <q3-figures-20261116@sender.example.org>\n",
        "MIME-Version: 1.0\n",
        "Content-Type: text/plain; charset=utf-8\n",
    ));
    s
}

/// A typical single-recipient bounce (about 3 KB) with a short returned message.
pub fn typical() -> String {
    let orig = format!(
        "{}\nHi Bob,\n\nthe figures are attached.\n\nAlice\n",
        returned_headers(3)
    );
    dsn(&[Rcpt::nth(0)], Some(&orig))
}

/// A bounce of at least `size` bytes: a typical DSN returning a large message body.
pub fn big_bounce(size: usize) -> String {
    let mut orig = returned_headers(4);
    orig.push('\n');
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore\n";
    while orig.len() < size {
        orig.push_str(line);
    }
    dsn(&[Rcpt::nth(0)], Some(&orig))
}

/// A bounce whose returned message carries `n` Received headers.
pub fn many_received(n: usize) -> String {
    let orig = format!("{}\nbody\n", returned_headers(n));
    dsn(&[Rcpt::nth(0)], Some(&orig))
}

/// A DSN listing `n` recipients.
pub fn many_recipients(n: usize) -> String {
    let rcpts: Vec<Rcpt> = (0..n).map(Rcpt::nth).collect();
    dsn(&rcpts, None)
}

/// `depth` multiparts nested inside each other, with a DSN in the innermost one.
pub fn nested_multipart(depth: usize) -> String {
    let mut s = String::from("From: MAILER-DAEMON@nest.example.org\nSubject: Undeliverable\nMIME-Version: 1.0\n");
    for d in 0..depth {
        s.push_str(&format!("Content-Type: multipart/mixed; boundary=\"n{d}\"\n\n--n{d}\n"));
    }
    s.push_str("Content-Type: text/plain\n\n550 5.1.1 <deep@dest.example.com>: User unknown\n");
    for d in (0..depth).rev() {
        s.push_str(&format!("--n{d}--\n"));
    }
    s
}

/// A message whose Subject and body hold `n` RFC 2047 encoded words in mixed charsets.
pub fn encoded_words(n: usize) -> String {
    let words = [
        "=?UTF-8?B?WmHFvMOzxYLEhyBnxJnFm2zEhQ==?=",
        "=?ISO-8859-2?Q?Za=BF=F3=B3=E6_g=EA=B6l=B1?=",
        "=?windows-1250?Q?ja=9F=F1?=",
        "=?KOI8-R?B?8NLJ18XU?=",
        "=?utf-8?q?nie_dor=C4=99czono?=",
        "=?UTF-8?B?invalid***?=",
        "=?bogus-charset?Q?x?=",
    ];
    let mut subject = String::with_capacity(n * 40);
    for i in 0..n {
        subject.push_str(words[i % words.len()]);
        subject.push_str(if i % 8 == 7 { "\n " } else { " " });
    }
    format!(
        "From: =?UTF-8?Q?Serwer_poczty?= <postmaster@dest.example.pl>\nSubject: {subject}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nDelivery to the following recipient failed permanently:\n\n  ewa@dest.example.pl\n\n550 5.1.1 {subject}\n"
    )
}

/// A Postfix-style text bounce as copied from a mail client (no MIME).
pub fn postfix_text(r: &Rcpt) -> String {
    format!(
        "This is the mail system at host mail.sender.example.org.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n                   The mail system\n\n<{}>: host {}[192.0.2.25] said: {} (in reply to RCPT TO command)\n",
        r.address, r.host, r.reply
    )
}

/// A pasted Postfix text bounce (no MIME) listing `n` refused recipients.
pub fn many_text_recipients(n: usize) -> String {
    let mut s = postfix_text(&Rcpt::nth(0));
    for i in 1..n {
        let r = Rcpt::nth(i);
        s.push_str(&format!(
            "\n<{}>: host {}[192.0.2.25] said: {} (in reply to RCPT TO command)\n",
            r.address, r.host, r.reply
        ));
    }
    s
}

/// Short fragments a user might paste alone.
pub const REPLY_LINES: &[&str] = &[
    "554 5.7.1 You are not allowed to connect",
    "550-5.7.26 This mail is unauthenticated, which poses a security\n550-5.7.26 risk to the sender and Gmail users.\n550 5.7.26 Please authenticate.",
    "452 4.2.2 The email account that you tried to reach is over quota.",
    "Nov 16 10:15:02 mx postfix/smtp[1234]: 4QxYz1abcD: to=<bob@dest.example.com>, relay=mx.dest.example.com[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.dest.example.com[192.0.2.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
    "421 4.7.0 Try again later, closing connection.",
    "Remote Server returned '550 5.4.1 Recipient address rejected: Access denied'",
];

/// Names of the hostile inputs, in the order `tests/hostile.rs` and `examples/peakmem.rs` use.
pub const HOSTILE: &[&str] = &[
    "paste-20mb",
    "nested-multipart-1000",
    "received-100000",
    "line-1mb",
    "nul-bytes",
    "invalid-utf8-mixed-charsets",
    "encoded-words-flood",
    "recipients-10000",
    "over-limit-33mib",
];

/// A pasted text bounce followed by the returned message inline, about `size` bytes in all.
pub fn big_paste(size: usize) -> String {
    let mut s = postfix_text(&Rcpt::nth(0));
    s.push_str("\n------ This is a copy of the message, including all the headers. ------\n\n");
    s.push_str(&returned_headers(5));
    s.push('\n');
    let line = "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo\n";
    while s.len() < size {
        s.push_str(line);
    }
    s
}

/// A typical DSN with NUL bytes spliced into the text part and a block of 64 KiB of NULs.
pub fn nul_bytes() -> Vec<u8> {
    let mut v = typical().into_bytes();
    let at = v.windows(11).position(|w| w == b"I'm sorry t").unwrap_or(0);
    v.splice(at..at, std::iter::repeat_n(0u8, 65_536));
    // Every third space of the notification text becomes a NUL too.
    let end = at
        + 65_536
        + v[at + 65_536..]
            .windows(11)
            .position(|w| w == b"--B0UNDARY.")
            .unwrap_or(0);
    let mut spaces = 0;
    for b in &mut v[at + 65_536..end] {
        if *b == b' ' {
            spaces += 1;
            if spaces % 3 == 0 {
                *b = 0;
            }
        }
    }
    v
}

/// A DSN whose parts use several charsets and transfer encodings, with stray
/// bytes that are not valid UTF-8 in the headers and bodies.
pub fn mixed_charsets() -> Vec<u8> {
    let mut v: Vec<u8> = Vec::new();
    v.extend_from_slice(b"From: Administrator systemu <postmaster@dest.example.pl>\nSubject: Niedor\xea\xb1czona wiadomo\xb6\xe6 \xff\xfe\n");
    v.extend_from_slice(
        b"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"cs\"\n\n",
    );
    v.extend_from_slice(b"--cs\nContent-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: 8bit\n\n");
    v.extend_from_slice(b"Wiadomo\xb6\xe6 nie zosta\xb3a dor\xea\xb1czona do <ewa@dest.example.pl>.\n550 5.1.1 U\xbfytkownik nie istnieje\n\n");
    v.extend_from_slice(
        b"--cs\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n",
    );
    v.extend_from_slice(b"Tre=C5=9B=C4=87 =FF=FE uszkodzona =E2=82\n\n");
    v.extend_from_slice(b"--cs\nContent-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: base64\n\n");
    v.extend_from_slice(b"gqKC64LNgsmC2YLWgsYK\n\n");
    v.extend_from_slice(b"--cs\nContent-Type: message/delivery-status\n\n");
    v.extend_from_slice(b"Reporting-MTA: dns; mx.dest.example.pl\n\nFinal-Recipient: rfc822; ewa@dest.example.pl\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 U\xbfytkownik \xc3\x28 nie istnieje\n\n");
    v.extend_from_slice(b"--cs\nContent-Type: text/rfc822-headers; charset=koi8-r\n\nFrom: =?KOI8-R?B?8NLJ18XU?= <ivan@sender.example.ru>\nSubject: \xf0\xd2\xc9\xd7\xc5\xd4 \xed\xa0\x80\n\n--cs--\n");
    v
}

/// The input for one of the [`HOSTILE`] names.
pub fn hostile(name: &str) -> Vec<u8> {
    match name {
        "paste-20mb" => big_paste(20 * 1024 * 1024).into_bytes(),
        "nested-multipart-1000" => nested_multipart(1_000).into_bytes(),
        "received-100000" => many_received(100_000).into_bytes(),
        "line-1mb" => {
            let mut s = String::from("Remote Server returned '550 5.4.1 Recipient address rejected: Access denied. ");
            while s.len() < 1024 * 1024 {
                s.push_str("AS(201806281) lorem-ipsum.example.com [192.0.2.7] ");
            }
            s.push('\'');
            s.into_bytes()
        }
        "nul-bytes" => nul_bytes(),
        "invalid-utf8-mixed-charsets" => mixed_charsets(),
        "encoded-words-flood" => encoded_words(100_000).into_bytes(),
        "over-limit-33mib" => big_bounce(33 * 1024 * 1024).into_bytes(),
        // `recipients-N` and `received-N` for any N, to measure how time grows.
        other => match other.split_once('-').map(|(k, n)| (k, n.parse::<usize>())) {
            Some(("recipients", Ok(n))) => many_recipients(n).into_bytes(),
            Some(("received", Ok(n))) => many_received(n).into_bytes(),
            Some(("text", Ok(n))) => many_text_recipients(n).into_bytes(),
            Some(("dsn", Ok(n))) => dsn(&(0..n).map(Rcpt::nth).collect::<Vec<_>>(), None).into_bytes(),
            Some(("nested", Ok(n))) => nested_multipart(n).into_bytes(),
            Some(("words", Ok(n))) => encoded_words(n).into_bytes(),
            Some(("reply", Ok(n))) => REPLY_LINES.get(n).map_or(Vec::new(), |l| l.as_bytes().to_vec()),
            Some(("postfix", Ok(n))) => postfix_text(&Rcpt::nth(n)).into_bytes(),
            Some(("typical", Ok(_))) => typical().into_bytes(),
            _ => Vec::new(),
        },
    }
}
