//! Many messages at once: the inputs of `bounce explain` / `bounce summary` split into messages
//! (single files, mbox files, Maildir folders, directories), and the summary of many reports.
//!
//! Reading is streaming: [`Sources`] yields one message at a time, and an mbox message is held
//! only until it is handed on, so memory is bounded by the largest message — and each message
//! by [`MAX_INPUT_BYTES`] + 1 bytes (the analysis cuts it there with a warning; the rest of an
//! over-long message is skipped, not stored). A directory is walked in name order, one
//! directory's names at a time; symbolic links to directories are not followed.

mod split;

pub use split::split_reports;

use crate::input::MAX_INPUT_BYTES;
use crate::model::{Action, Report};
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// One message to analyse.
#[derive(Debug)]
pub struct Item {
    /// What the report's `source` says: the path, `-`, or `path#N` for the N-th message of an mbox.
    pub source: String,
    /// Where its bytes are.
    pub data: Data,
}

/// Where a message's bytes are.
#[derive(Debug)]
pub enum Data {
    /// A whole file (or `-`, standard input), read by whoever analyses it.
    File(String),
    /// A message already read (from an mbox).
    Bytes(Vec<u8>),
    /// The input could not be read.
    Failed(std::io::Error),
}

/// True when the file starts like an mbox (`From ` at its first byte).
pub fn starts_like_mbox(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head == b"From ")
}

/// True when the argument needs splitting or walking (a directory or an mbox), so how many
/// messages it holds is not known before reading it.
pub fn is_many(arg: &str) -> bool {
    let p = Path::new(arg);
    arg != "-" && (p.is_dir() || starts_like_mbox(p))
}

/// The messages of the inputs named on the command line, in order.
pub struct Sources {
    /// Paths still to visit, in order; a directory's entries are put in front when it is visited.
    queue: VecDeque<(PathBuf, String)>,
    /// The mbox being read, its path and the number of the next message.
    mbox: Option<(Mbox<std::io::BufReader<std::fs::File>>, String, usize)>,
}

impl Sources {
    /// The inputs as given: files, `-`, mbox files, Maildir folders, directories.
    pub fn new(args: &[String]) -> Sources {
        Sources {
            queue: args.iter().map(|a| (PathBuf::from(a), a.clone())).collect(),
            mbox: None,
        }
    }

    fn next_from_mbox(&mut self) -> Option<Item> {
        let (mbox, path, n) = self.mbox.as_mut()?;
        let item = match mbox.next_message() {
            Ok(Some(m)) => Item {
                source: format!("{path}#{n}"),
                data: Data::Bytes(m),
            },
            Ok(None) => {
                self.mbox = None;
                return None;
            }
            Err(e) => {
                let source = format!("{path}#{n}");
                self.mbox = None;
                return Some(Item {
                    source,
                    data: Data::Failed(e),
                });
            }
        };
        *n += 1;
        Some(item)
    }
}

impl Iterator for Sources {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.next_from_mbox() {
                return Some(item);
            }
            let (path, name) = self.queue.pop_front()?;
            if name == "-" {
                return Some(Item {
                    source: name.clone(),
                    data: Data::File(name),
                });
            }
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                // Missing and unreadable inputs are reported by the reader, with its error.
                Err(_) => {
                    return Some(Item {
                        source: name.clone(),
                        data: Data::File(name),
                    })
                }
            };
            if meta.is_dir() {
                match dir_entries(&path) {
                    Ok(children) => {
                        for c in children.into_iter().rev() {
                            let n = c.to_string_lossy().into_owned();
                            self.queue.push_front((c, n));
                        }
                        continue;
                    }
                    Err(e) => {
                        return Some(Item {
                            source: name,
                            data: Data::Failed(e),
                        })
                    }
                }
            }
            if !starts_like_mbox(&path) {
                return Some(Item {
                    source: name.clone(),
                    data: Data::File(name),
                });
            }
            // An mbox: a file that holds one message only is read whole, as any file is.
            let mut mbox = match std::fs::File::open(&path) {
                Ok(f) => Mbox::new(std::io::BufReader::with_capacity(1 << 16, f)),
                Err(e) => {
                    return Some(Item {
                        source: name,
                        data: Data::Failed(e),
                    })
                }
            };
            let first = match mbox.next_message() {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(e) => {
                    return Some(Item {
                        source: name,
                        data: Data::Failed(e),
                    })
                }
            };
            if mbox.at_end() {
                return Some(Item {
                    source: name.clone(),
                    data: Data::File(name),
                });
            }
            self.mbox = Some((mbox, name.clone(), 2));
            return Some(Item {
                source: format!("{name}#1"),
                data: Data::Bytes(first),
            });
        }
    }
}

/// Extensions of files that are not messages, skipped in a folder walk.
const NOT_MAIL: &[&str] = &[
    "json", "jsonl", "csv", "tsv", "md", "py", "sh", "rs", "toml", "yaml", "yml", "png", "jpg", "jpeg", "gif", "webp",
    "svg", "pdf", "zip", "gz", "bz2", "xz", "tar", "7z", "exe", "dll",
];

/// The entries of a directory worth reading, in name order. In a Maildir (a folder with `cur`
/// and `new`): `cur`, `new` and Maildir++ subfolders (`.Name` folders holding `cur`), never
/// `tmp` (messages still being written) nor the mail server's index files. Elsewhere: every
/// entry but hidden files and files whose extension names another kind of file
/// ([`NOT_MAIL`]: a folder of saved bounces often holds notes, scripts or exports beside them);
/// hidden folders only when they are Maildir folders. Symbolic links to directories are skipped.
/// A file named on the command line is always read.
fn dir_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let maildir = dir.join("cur").is_dir() && dir.join("new").is_dir();
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name();
        let name = name.to_string_lossy();
        let ty = e.file_type()?;
        let path = e.path();
        let is_dir = ty.is_dir();
        if ty.is_symlink() && path.is_dir() {
            continue;
        }
        let keep = if maildir {
            (is_dir && (name == "cur" || name == "new"))
                || (is_dir && name.starts_with('.') && path.join("cur").is_dir())
        } else if name.starts_with('.') {
            is_dir && path.join("cur").is_dir()
        } else {
            is_dir
                || !path
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| NOT_MAIL.iter().any(|n| n.eq_ignore_ascii_case(x)))
        };
        if keep {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Splits an mbox (mboxo / mboxrd) into messages: a message starts after a `From ` line that
/// begins the file or follows a blank line; `>From ` lines lose one `>`. Each message is kept
/// up to [`MAX_INPUT_BYTES`] + 1 bytes and each line read in bounded pieces, so memory stays
/// bounded whatever the file holds.
pub struct Mbox<R> {
    reader: R,
    /// The current line.
    line: Vec<u8>,
    /// True once the first `From ` line has been read.
    started: bool,
    /// True when the previous line was blank.
    after_blank: bool,
    /// True at the end of the input.
    end: bool,
}

impl<R: BufRead> Mbox<R> {
    /// Reads an mbox from its first line.
    pub fn new(reader: R) -> Mbox<R> {
        Mbox {
            reader,
            line: Vec::new(),
            started: false,
            after_blank: true,
            end: false,
        }
    }

    /// True when the input has no more messages.
    pub fn at_end(&self) -> bool {
        self.end
    }

    /// The next message, without its `From ` line; `None` at the end.
    pub fn next_message(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let cap = MAX_INPUT_BYTES + 1;
        let mut msg: Vec<u8> = Vec::new();
        let mut in_message = false;
        loop {
            if self.end {
                return Ok(in_message.then_some(msg));
            }
            self.line.clear();
            // Keep enough of each line to know a separator, and all of it while the message has room.
            let keep = cap.saturating_sub(msg.len()).max(8);
            if read_line_capped(&mut self.reader, &mut self.line, keep)? == 0 {
                self.end = true;
                continue;
            }
            let blank = self.line == b"\n" || self.line == b"\r\n";
            if self.line.starts_with(b"From ") && self.after_blank {
                self.after_blank = false;
                if in_message {
                    // The blank line before a separator belongs to the separator.
                    if msg.ends_with(b"\r\n") {
                        msg.truncate(msg.len() - 2);
                    } else if msg.ends_with(b"\n") {
                        msg.truncate(msg.len() - 1);
                    }
                    return Ok(Some(msg));
                }
                self.started = true;
                in_message = true;
                continue;
            }
            self.after_blank = blank;
            if !self.started {
                continue;
            }
            in_message = true;
            let gt = self.line.iter().take_while(|&&b| b == b'>').count();
            let line = if gt > 0 && self.line[gt..].starts_with(b"From ") {
                &self.line[1..]
            } else {
                &self.line[..]
            };
            let room = cap.saturating_sub(msg.len());
            msg.extend_from_slice(&line[..line.len().min(room)]);
        }
    }
}

/// Reads one line (through `\n`) into `line`, keeping at most `keep` bytes of it; returns the
/// number of bytes consumed (0 at the end of the input).
fn read_line_capped<R: BufRead>(r: &mut R, line: &mut Vec<u8>, keep: usize) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(total);
        }
        let (n, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = keep.saturating_sub(line.len());
        line.extend_from_slice(&buf[..n.min(room)]);
        r.consume(n);
        total += n;
        if done {
            return Ok(total);
        }
    }
}

/// What a person wants first from many reports: counts by reason, by hard / soft, by recipient
/// domain and by refusing host, and the hard-bounced recipients to remove from a list.
///
/// Memory grows with the number of distinct reasons, domains, hosts and hard-bounced addresses,
/// not with the messages.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    /// Messages read.
    pub messages: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Messages that are not delivery reports (kind `not-a-bounce`, auto-replies, feedback).
    pub not_bounces: usize,
    /// Failed or delayed recipients.
    pub recipients: usize,
    /// Recipients by reason id.
    pub by_reason: BTreeMap<String, usize>,
    /// Recipients by permanence: `hard`, `soft`.
    pub by_permanence: BTreeMap<String, usize>,
    /// Recipients by the domain of their address (`(none)` without one).
    pub by_domain: BTreeMap<String, usize>,
    /// Recipients by the host that refused (`(unknown)` when the report does not say).
    pub by_host: BTreeMap<String, usize>,
    /// Hard-bounced addresses, each once, in the order first seen.
    pub hard: Vec<HardBounce>,
    #[serde(skip)]
    hard_index: std::collections::HashMap<String, usize>,
}

/// A recipient to remove from a list: its address failed permanently.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HardBounce {
    pub address: String,
    pub reason: String,
    pub status: String,
    pub reply_code: String,
    pub host: String,
    /// How many reports say so.
    pub reports: usize,
    /// The first report that said so.
    pub source: String,
}

/// The messages of the summary's text (`i18n/<locale>/batch.ftl`) and the arguments each gets.
pub const MESSAGES: &[(&str, &[&str])] = &[
    ("batch-messages", &["count"]),
    ("batch-not-bounces", &["count"]),
    ("batch-unreadable", &["count"]),
    ("batch-recipients", &["count"]),
    ("batch-by-reason", &[]),
    ("batch-by-permanence", &[]),
    ("batch-hard", &[]),
    ("batch-soft", &[]),
    ("batch-by-domain", &[]),
    ("batch-by-host", &[]),
    ("batch-hard-list", &["count"]),
];

/// The messages of the web app's batch view (`i18n/<locale>/batch.ftl`, `batch-web-*`), which
/// its analysis engine localizes (`src/web/batch_run.rs`), and the arguments each gets.
pub const WEB_MESSAGES: &[(&str, &[&str])] = &[
    ("batch-web-heading", &[]),
    ("batch-web-progress", &[]),
    ("batch-web-progress-count", &["done", "total"]),
    ("batch-web-cancel", &[]),
    ("batch-web-cancelled", &[]),
    ("batch-web-by-reason", &[]),
    ("batch-web-by-permanence", &[]),
    ("batch-web-by-domain", &[]),
    ("batch-web-by-host", &[]),
    ("batch-web-col-reason", &[]),
    ("batch-web-col-permanence", &[]),
    ("batch-web-col-domain", &[]),
    ("batch-web-col-host", &[]),
    ("batch-web-col-count", &[]),
    ("batch-web-col-bar", &[]),
    ("batch-web-col-message", &[]),
    ("batch-web-col-recipient", &[]),
    ("batch-web-list", &[]),
    ("batch-web-open", &[]),
    ("batch-web-page", &["from", "to", "total"]),
    ("batch-web-prev", &[]),
    ("batch-web-next", &[]),
    ("batch-web-csv", &[]),
    ("batch-web-json", &[]),
    ("batch-web-back", &[]),
    ("batch-web-not-report", &[]),
    ("batch-web-no-recipient", &[]),
    ("batch-web-unreadable", &[]),
    ("batch-web-other", &["count"]),
];

/// The `(unknown)` / `(none)` placeholders of the summary's keys.
const UNKNOWN_HOST: &str = "(unknown)";
const NO_DOMAIN: &str = "(none)";

impl Summary {
    /// Adds one report.
    pub fn add(&mut self, r: &Report) {
        use crate::model::Kind;
        self.messages += 1;
        if !matches!(r.kind, Kind::Dsn | Kind::NdrText | Kind::ReplyLine) {
            self.not_bounces += 1;
            return;
        }
        let hop_host = r.failing_hop.and_then(|i| r.hops.get(i)).and_then(|h| h.by.clone());
        for rc in &r.recipients {
            if matches!(rc.action, Some(Action::Delivered | Action::Relayed | Action::Expanded)) {
                continue;
            }
            self.recipients += 1;
            let reason = rc.reason.as_str().to_string();
            *self.by_reason.entry(reason.clone()).or_default() += 1;
            let perm = if rc.hard { "hard" } else { "soft" };
            *self.by_permanence.entry(perm.into()).or_default() += 1;
            let domain = rc
                .address
                .as_deref()
                .and_then(|a| a.rsplit_once('@'))
                .map(|(_, d)| d.to_ascii_lowercase())
                .unwrap_or_else(|| NO_DOMAIN.into());
            *self.by_domain.entry(domain).or_default() += 1;
            let host = rc
                .remote_mta
                .clone()
                .or_else(|| hop_host.clone())
                .map(|h| h.to_ascii_lowercase())
                .unwrap_or_else(|| UNKNOWN_HOST.into());
            *self.by_host.entry(host.clone()).or_default() += 1;
            let Some(address) = rc.address.as_deref().filter(|_| rc.hard) else {
                continue;
            };
            let key = address.to_ascii_lowercase();
            match self.hard_index.get(&key) {
                Some(&i) => self.hard[i].reports += 1,
                None => {
                    self.hard_index.insert(key, self.hard.len());
                    self.hard.push(HardBounce {
                        address: address.to_string(),
                        reason,
                        status: rc.status.clone().unwrap_or_default(),
                        reply_code: rc.reply_code.clone(),
                        host: if host == UNKNOWN_HOST { String::new() } else { host },
                        reports: 1,
                        source: r.source.clone(),
                    });
                }
            }
        }
    }

    /// The hard-bounced recipients as CSV (RFC 4180), one per address, with a header line.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("address,reason,status,reply_code,host,reports,source\r\n");
        for h in &self.hard {
            let cells = [
                h.address.as_str(),
                &h.reason,
                &h.status,
                &h.reply_code,
                &h.host,
                &h.reports.to_string(),
                &h.source,
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The summary as text for a terminal, in the localizer's language.
    pub fn to_text(&self, loc: &crate::i18n::Localizer) -> String {
        let mut s = String::new();
        let n = |v: usize| ("count", v.to_string());
        s.push_str(&loc.msg("batch-messages", &[n(self.messages)]));
        s.push('\n');
        for (id, v) in [
            ("batch-not-bounces", self.not_bounces),
            ("batch-unreadable", self.unreadable),
        ] {
            if v > 0 {
                s.push_str(&loc.msg(id, &[n(v)]));
                s.push('\n');
            }
        }
        s.push_str(&loc.msg("batch-recipients", &[n(self.recipients)]));
        s.push('\n');
        let table = |s: &mut String, heading: &str, rows: Vec<(String, usize)>| {
            if rows.is_empty() {
                return;
            }
            s.push('\n');
            s.push_str(&loc.msg(heading, &[]));
            s.push('\n');
            let width = rows.iter().map(|(_, c)| c.to_string().len()).max().unwrap_or(1);
            for (label, count) in rows {
                s.push_str(&format!("  {count:>width$}  {label}\n"));
            }
        };
        let sorted = |m: &BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.iter().map(|(k, c)| (k.clone(), *c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let reasons = sorted(&self.by_reason)
            .into_iter()
            .map(|(id, c)| {
                let title = loc.msg(&format!("rule-reason-{id}-title"), &[]);
                (format!("{id} — {title}"), c)
            })
            .collect();
        table(&mut s, "batch-by-reason", reasons);
        let perm = sorted(&self.by_permanence)
            .into_iter()
            .map(|(k, c)| (loc.msg(&format!("batch-{k}"), &[]), c))
            .collect();
        table(&mut s, "batch-by-permanence", perm);
        table(&mut s, "batch-by-domain", sorted(&self.by_domain));
        table(&mut s, "batch-by-host", sorted(&self.by_host));
        if !self.hard.is_empty() {
            s.push('\n');
            s.push_str(&loc.msg("batch-hard-list", &[n(self.hard.len())]));
            s.push('\n');
            for h in &self.hard {
                s.push_str(&format!("  {} ({})\n", h.address, h.reason));
            }
        }
        s
    }
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break; a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so a spreadsheet does not read it as a formula.
pub fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &[u8]) -> Vec<Vec<u8>> {
        let mut m = Mbox::new(std::io::Cursor::new(text.to_vec()));
        let mut out = Vec::new();
        while let Some(msg) = m.next_message().unwrap() {
            out.push(msg);
        }
        assert!(m.at_end());
        out
    }

    #[test]
    fn mbox_messages_are_split_at_from_lines_after_blank_lines() {
        let text = b"From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\nFrom here, not a separator\n>From quoted\n>>From twice\n\nFrom b@x Mon Jan  1 00:00:01 2024\r\nSubject: two\r\n\r\nbody two\r\n";
        let msgs = split(text);
        assert_eq!(msgs.len(), 2);
        assert_eq!(
            String::from_utf8_lossy(&msgs[0]),
            "Subject: one\n\nbody\nFrom here, not a separator\nFrom quoted\n>From twice\n"
        );
        assert_eq!(String::from_utf8_lossy(&msgs[1]), "Subject: two\r\n\r\nbody two\r\n");
        assert!(split(b"").is_empty());
        assert_eq!(split(b"From x\n").len(), 1);
        // Text before the first separator is not a message.
        assert_eq!(split(b"junk\n\nFrom x\nA: b\n").len(), 1);
    }

    #[test]
    fn an_over_long_message_is_kept_up_to_the_limit_and_the_next_one_is_found() {
        let mut text = b"From a\nSubject: big\n\n".to_vec();
        // One line far longer than the limit, without a line break for a while.
        text.extend(std::iter::repeat_n(b'x', MAX_INPUT_BYTES + 5000));
        text.extend_from_slice(b"\n\nFrom b\nSubject: small\n\nok\n");
        let msgs = split(&text);
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].len(), MAX_INPUT_BYTES + 1);
        assert_eq!(msgs[1], b"Subject: small\n\nok\n");
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("a@b.example"), "a@b.example");
        assert_eq!(csv_cell("x,y"), "\"x,y\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=cmd()"), "'=cmd()");
        assert_eq!(csv_cell("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn summary_counts_recipients_and_lists_each_hard_bounce_once() {
        let a = crate::analyze(
            b"From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n\n<u@one.example>: host mx.one.example[192.0.2.1] said: 550 5.1.1 User unknown\n",
        );
        let mut s = Summary::default();
        s.add(&a);
        s.add(&a);
        s.add(&crate::analyze(b"Subject: lunch\n\nsee you"));
        assert_eq!((s.messages, s.not_bounces, s.recipients), (3, 1, 2));
        assert_eq!(s.by_reason.get("userunknown"), Some(&2));
        assert_eq!(s.by_domain.get("one.example"), Some(&2));
        assert_eq!(s.by_permanence.get("hard"), Some(&2));
        assert_eq!(s.hard.len(), 1);
        assert_eq!(s.hard[0].reports, 2);
        assert!(
            s.to_csv()
                .ends_with("u@one.example,userunknown,5.1.1,550,mx.one.example,2,\r\n"),
            "{}",
            s.to_csv()
        );
    }
}
