//! A batch in the analysis engine: many messages (a pasted mbox, dropped files, each an mbox or
//! one message) split with the core's [`crate::batch::Mbox`], analysed one after the other with
//! [`crate::analyze`] and counted with the CLI's [`Summary`], so the web app's numbers are
//! `bounce summary`'s. The engine pauses every [`SLICE_MS`] to report progress and to read a
//! cancel; the page only draws what it is sent.

use super::protocol::{BatchGroup, BatchRow, BatchSummary, Reply, LABELS};
use super::worker::Server;
use crate::batch::{csv_cell, Mbox, Summary};
use crate::i18n::Localizer;
use crate::model::{Action, Kind, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the engine works between two progress reports (ms).
const SLICE_MS: f64 = 60.0;

/// Domain and host tables show this many rows, then one for the rest.
const TOP: usize = 20;

/// The latest batch.
pub struct BatchRun {
    /// Its number (the page's).
    pub id: u64,
    /// Set by the page's cancel.
    pub cancelled: bool,
    /// Each message: where it came from and its bytes (`None`: it could not be read).
    messages: Vec<(String, Option<Vec<u8>>)>,
    /// One per recipient (or per message naming none), for the exports.
    records: Vec<Record>,
    summary: Summary,
}

/// One line of the exports.
#[derive(Debug, Serialize)]
struct Record {
    message: u32,
    source: String,
    kind: String,
    address: String,
    reason: String,
    permanence: &'static str,
    status: String,
    reply_code: String,
    host: String,
}

impl BatchRun {
    /// Message `index` as the text the single-bounce view reads.
    pub fn message_text(&self, index: u32) -> Option<String> {
        let (_, bytes) = self.messages.get(index as usize)?;
        Some(crate::input::Input::new(bytes.as_deref()?).text)
    }

    /// One CSV line per recipient (RFC 4180, cells defused as the CLI's summary does).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("message,source,kind,address,reason,permanence,status,reply_code,host\r\n");
        for r in &self.records {
            let cells = [
                &(r.message + 1).to_string(),
                &r.source,
                &r.kind,
                &r.address,
                &r.reason,
                r.permanence,
                &r.status,
                &r.reply_code,
                &r.host,
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The summary (as `bounce summary --json` prints it) and every recipient.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Export<'a> {
            summary: &'a Summary,
            recipients: &'a [Record],
        }
        serde_json::to_string_pretty(&Export {
            summary: &self.summary,
            recipients: &self.records,
        })
        .unwrap_or_default()
    }
}

/// Yields to the event loop (a 0 ms timeout), so the page's cancel can arrive.
async fn pause() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let g = js_sys::global();
        match js_sys::Reflect::get(&g, &"setTimeout".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
            Ok(f) => {
                let _ = f.call2(&g, &resolve, &JsValue::from(0));
            }
            Err(_) => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = JsFuture::from(p).await;
}

/// The messages of an mbox.
fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut m = Mbox::new(std::io::Cursor::new(bytes));
    let mut out = Vec::new();
    while let Ok(Some(msg)) = m.next_message() {
        out.push(msg);
    }
    out
}

async fn read_file(f: JsValue) -> Option<Vec<u8>> {
    let f: web_sys::File = f.dyn_into().ok()?;
    let buf = JsFuture::from(f.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Splits the input into messages; `None` when a text holds one message only.
async fn messages(text: Option<String>, names: Vec<String>, files: JsValue) -> Option<Vec<(String, Option<Vec<u8>>)>> {
    let mut out = Vec::new();
    if let Some(t) = text {
        let split = split_mbox(t.as_bytes());
        if split.len() <= 1 {
            return None;
        }
        out.extend(
            split
                .into_iter()
                .enumerate()
                .map(|(i, m)| (format!("#{}", i + 1), Some(m))),
        );
        return Some(out);
    }
    let files = files
        .dyn_into::<js_sys::Array>()
        .unwrap_or_else(|_| js_sys::Array::new());
    for (i, f) in files.iter().enumerate() {
        let name = names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
        match read_file(f).await {
            // As the CLI reads it: an mbox holding one message is read whole, as any file is.
            Some(b) if b.starts_with(b"From ") => {
                let split = split_mbox(&b);
                if split.len() <= 1 {
                    out.push((name, Some(b)));
                } else {
                    out.extend(
                        split
                            .into_iter()
                            .enumerate()
                            .map(|(i, m)| (format!("{name}#{}", i + 1), Some(m))),
                    );
                }
            }
            b => out.push((name, b)),
        }
    }
    Some(out)
}

/// Analyses a batch, reporting to the page; keeps it in `server.batch` for its messages and exports.
pub(super) async fn run(
    server: Rc<Server>,
    batch: u64,
    lang: String,
    text: Option<String>,
    names: Vec<String>,
    files: JsValue,
) {
    let Some(messages) = messages(text, names, files).await else {
        return server.send(&Reply::BatchSingle { batch });
    };
    // The page hands the locale over before it can start a batch; wait for it a little if not.
    for _ in 0..200 {
        if server.locales.borrow().contains_key(&lang) {
            break;
        }
        pause().await;
    }
    let Some(labels) = server.locales.borrow().get(&lang).map(labels) else {
        return server.send(&Reply::BatchSingle { batch });
    };
    let total = messages.len() as u32;
    *server.batch.borrow_mut() = Some(BatchRun {
        id: batch,
        cancelled: false,
        messages,
        records: Vec::new(),
        summary: Summary::default(),
    });
    server.send(&Reply::BatchStarted { batch, total, labels });
    let mut rows = Vec::new();
    let mut last = server.now();
    let mut done = 0;
    let mut cancelled = false;
    while done < total {
        {
            let locales = server.locales.borrow();
            let mut b = server.batch.borrow_mut();
            let (Some(b), Some(loc)) = (b.as_mut().filter(|b| b.id == batch), locales.get(&lang)) else {
                return;
            };
            if b.cancelled {
                cancelled = true;
                break;
            }
            let (source, bytes) = &b.messages[done as usize];
            match bytes {
                Some(bytes) => {
                    let mut report = crate::analyze(bytes);
                    report.source = source.clone();
                    b.summary.add(&report);
                    let source = source.clone();
                    add_rows(&report, done, &source, loc, &mut rows, &mut b.records);
                }
                None => {
                    b.summary.unreadable += 1;
                    let cell = loc.msg("batch-web-unreadable", &[]);
                    rows.push(BatchRow(
                        done,
                        vec![source.clone(), String::new(), cell, String::new(), String::new()],
                    ));
                    b.records.push(record(done, source, "unreadable"));
                }
            }
            let _ = loc.take_errors();
        }
        done += 1;
        if server.now() - last >= SLICE_MS || done == total {
            let label = progress_label(&server, &lang, done, total);
            server.send(&Reply::BatchProgress {
                batch,
                done,
                label,
                rows: std::mem::take(&mut rows),
            });
            pause().await;
            last = server.now();
        }
    }
    if !rows.is_empty() {
        let label = progress_label(&server, &lang, done, total);
        server.send(&Reply::BatchProgress {
            batch,
            done,
            label,
            rows,
        });
    }
    let summary = {
        let locales = server.locales.borrow();
        let b = server.batch.borrow();
        match (b.as_ref().filter(|b| b.id == batch), locales.get(&lang)) {
            (Some(b), Some(loc)) => summary_view(&b.summary, loc),
            _ => return,
        }
    };
    server.send(&Reply::BatchDone {
        batch,
        cancelled,
        summary,
    });
}

fn progress_label(server: &Server, lang: &str, done: u32, total: u32) -> String {
    server
        .locales
        .borrow()
        .get(lang)
        .map(|loc| {
            loc.msg(
                "batch-web-progress-count",
                &[("done", done.to_string()), ("total", total.to_string())],
            )
        })
        .unwrap_or_default()
}

fn record(message: u32, source: &str, kind: &str) -> Record {
    Record {
        message,
        source: source.to_string(),
        kind: kind.to_string(),
        address: String::new(),
        reason: String::new(),
        permanence: "",
        status: String::new(),
        reply_code: String::new(),
        host: String::new(),
    }
}

/// The list rows and export records of one report: one per recipient the summary counts, or
/// one for the message when it names none.
fn add_rows(
    r: &Report,
    index: u32,
    source: &str,
    loc: &Localizer,
    rows: &mut Vec<BatchRow>,
    records: &mut Vec<Record>,
) {
    let kind = serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let bounce = matches!(r.kind, Kind::Dsn | Kind::NdrText | Kind::ReplyLine);
    let before = records.len();
    if bounce {
        let hop_host = r.failing_hop.and_then(|i| r.hops.get(i)).and_then(|h| h.by.clone());
        for rc in &r.recipients {
            if matches!(rc.action, Some(Action::Delivered | Action::Relayed | Action::Expanded)) {
                continue;
            }
            let reason = rc.reason.as_str();
            let host = rc
                .remote_mta
                .clone()
                .or_else(|| hop_host.clone())
                .map(|h| h.to_ascii_lowercase())
                .unwrap_or_default();
            let permanence = if rc.hard { "hard" } else { "soft" };
            let address = rc.address.clone().unwrap_or_default();
            rows.push(BatchRow(
                index,
                vec![
                    source.to_string(),
                    address.clone(),
                    loc.msg(&format!("rule-reason-{reason}-title"), &[]),
                    loc.msg(&format!("batch-{permanence}"), &[]),
                    host.clone(),
                ],
            ));
            records.push(Record {
                message: index,
                source: source.to_string(),
                kind: kind.clone(),
                address,
                reason: reason.to_string(),
                permanence,
                status: rc.status.clone().unwrap_or_default(),
                reply_code: rc.reply_code.clone(),
                host,
            });
        }
    }
    if records.len() == before {
        let id = if bounce {
            "batch-web-no-recipient"
        } else {
            "batch-web-not-report"
        };
        let cells = vec![
            source.to_string(),
            String::new(),
            loc.msg(id, &[]),
            String::new(),
            String::new(),
        ];
        rows.push(BatchRow(index, cells));
        records.push(record(index, source, &kind));
    }
}

/// The batch view's texts in `loc`'s language, in [`LABELS`]' order.
fn labels(loc: &Localizer) -> Vec<String> {
    let page_args = [
        ("from", "{from}".to_string()),
        ("to", "{to}".to_string()),
        ("total", "{total}".to_string()),
    ];
    LABELS
        .iter()
        .map(|id| loc.msg(id, if *id == "batch-web-page" { &page_args } else { &[] }))
        .collect()
}

/// `(key, count)`, largest first, then by key.
fn sorted(m: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = m.iter().map(|(k, c)| (k.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The summary's sentences and tables, localized.
fn summary_view(s: &Summary, loc: &Localizer) -> BatchSummary {
    let n = |v: usize| [("count", v.to_string())];
    let mut lines = vec![loc.msg("batch-messages", &n(s.messages))];
    for (id, v) in [("batch-not-bounces", s.not_bounces), ("batch-unreadable", s.unreadable)] {
        if v > 0 {
            lines.push(loc.msg(id, &n(v)));
        }
    }
    lines.push(loc.msg("batch-recipients", &n(s.recipients)));
    let group = |id: &str, chart: bool, map: &BTreeMap<String, usize>, label: &dyn Fn(&str) -> String, top: usize| {
        let all = sorted(map);
        let mut rows: Vec<(String, String, u32)> = all
            .iter()
            .take(top)
            .map(|(k, c)| (k.clone(), label(k), *c as u32))
            .collect();
        let rest: usize = all.iter().skip(top).map(|(_, c)| c).sum();
        if rest > 0 {
            rows.push((
                "(other)".into(),
                loc.msg("batch-web-other", &[("count", (all.len() - top).to_string())]),
                rest as u32,
            ));
        }
        BatchGroup(
            id.to_string(),
            loc.msg(&format!("batch-web-by-{id}"), &[]),
            loc.msg(&format!("batch-web-col-{id}"), &[]),
            chart,
            rows,
        )
    };
    let reason = |k: &str| loc.msg(&format!("rule-reason-{k}-title"), &[]);
    let permanence = |k: &str| loc.msg(&format!("batch-{k}"), &[]);
    let same = |k: &str| k.to_string();
    let groups = [
        group("reason", true, &s.by_reason, &reason, usize::MAX),
        group("permanence", false, &s.by_permanence, &permanence, usize::MAX),
        group("domain", true, &s.by_domain, &same, TOP),
        group("host", false, &s.by_host, &same, TOP),
    ]
    .into_iter()
    .filter(|g| !g.4.is_empty())
    .collect();
    BatchSummary(s.messages as u32, lines, groups)
}
