//! A batch in the analysis engine: many messages (a pasted mbox or several reports pasted one
//! after another, dropped files, each an mbox or one message or several reports) split with the
//! core's [`crate::batch::Mbox`] and [`crate::batch::split_reports`], analysed one after the other with
//! [`crate::analyze`] and counted with the CLI's [`Summary`], so the web app's numbers are
//! `bounce summary`'s. The engine pauses every [`SLICE_MS`] to send the page the batch's view
//! (progress while it runs; then the summary, its tables and bar charts and a page of the list
//! of messages) and to read the user's actions (cancel, another page of the list). The view is
//! a [`Node`] tree the page draws without knowing what it shows: the batch view costs the
//! page's wasm (and its first load) a small generic renderer, not a component per table.

use super::protocol::{BatchView, Node, Reply};
use super::worker::Server;
use crate::batch::{csv_cell, Mbox, Summary};
use crate::i18n::Localizer;
use crate::model::{Action, Kind, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the engine works between two views sent to the page (ms).
const SLICE_MS: f64 = 80.0;

/// Domain and host tables show this many rows, then one for the rest.
const TOP: usize = 20;

/// Rows of the list of messages per page.
const PAGE: usize = 50;

/// The latest batch.
pub struct BatchRun {
    /// Its number (the page's).
    pub id: u64,
    lang: String,
    /// Set by the page's cancel.
    cancelled: bool,
    /// All messages analysed, or cancelled.
    finished: bool,
    /// Messages analysed.
    done: u32,
    /// Each message: where it came from and its bytes (`None`: it could not be read).
    messages: Vec<(String, Option<Vec<u8>>)>,
    /// The list's rows: the message's index and its cells (source, recipient, reason,
    /// permanent or temporary, refusing host), the reason and permanence as message ids (the
    /// view localizes them, in the language the page has now).
    rows: Vec<(u32, [String; 5])>,
    /// The list's page shown.
    page: usize,
    /// One per recipient (or per message naming none), for the exports.
    records: Vec<Record>,
    summary: Summary,
    /// Object URLs of the CSV and JSON downloads, made when the batch is over (revoked when the
    /// next batch replaces it).
    downloads: Option<(String, String)>,
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

/// The messages of an mbox; of a text that is not one (or holds one message only), the reports
/// it holds one after another (`crate::batch::split_reports`), as the CLI reads a file.
fn split_mbox_or_reports(bytes: &[u8]) -> Vec<Vec<u8>> {
    if bytes.starts_with(b"From ") {
        let split = split_mbox(bytes);
        if split.len() > 1 {
            return split;
        }
    }
    crate::batch::split_reports(bytes)
        .into_iter()
        .map(|r| bytes[r].to_vec())
        .collect()
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
        let split = split_mbox_or_reports(t.as_bytes());
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
            // As the CLI reads it: an mbox holding one message is read whole, as any file is,
            // and any file may hold several reports one after another.
            Some(b) => {
                let split = split_mbox_or_reports(&b);
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

/// The user's action on a batch's view: `cancel`, or `page:N` (the list's N-th page).
pub(super) fn act(server: &Server, batch: u64, action: &str) {
    {
        let mut b = server.batch.borrow_mut();
        let Some(b) = b.as_mut().filter(|b| b.id == batch) else {
            return;
        };
        match action.split_once(':') {
            None if action == "cancel" => b.cancelled = true,
            Some(("page", n)) => b.page = n.parse().unwrap_or(0),
            // The page's language changed: the view follows once the engine has the locale.
            Some(("lang", l)) if server.locales.borrow().contains_key(l) => b.lang = l.to_string(),
            _ => return,
        }
        if !b.finished {
            // The running batch sends its next view soon.
            return;
        }
    }
    send_view(server, batch);
}

/// Sends the batch's view to the page.
fn send_view(server: &Server, batch: u64) {
    let view = {
        let locales = server.locales.borrow();
        let b = server.batch.borrow();
        let Some(b) = b.as_ref().filter(|b| b.id == batch) else {
            return;
        };
        let Some(loc) = locales.get(&b.lang) else {
            return;
        };
        let v = b.view(loc);
        let _ = loc.take_errors();
        v
    };
    server.send(&Reply::BatchView { batch, view });
}

/// Analyses a batch, sending its views to the page; keeps it in `server.batch` for its messages
/// and exports.
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
    if !server.locales.borrow().contains_key(&lang) {
        return server.send(&Reply::BatchSingle { batch });
    }
    let total = messages.len();
    if let Some((csv, json)) = server.batch.borrow_mut().take().and_then(|b| b.downloads) {
        let _ = web_sys::Url::revoke_object_url(&csv);
        let _ = web_sys::Url::revoke_object_url(&json);
    }
    *server.batch.borrow_mut() = Some(BatchRun {
        id: batch,
        lang: lang.clone(),
        cancelled: false,
        finished: false,
        done: 0,
        messages,
        rows: Vec::new(),
        page: 0,
        records: Vec::new(),
        summary: Summary::default(),
        downloads: None,
    });
    send_view(&server, batch);
    let mut last = server.now();
    for i in 0..total {
        {
            let mut b = server.batch.borrow_mut();
            let Some(b) = b.as_mut().filter(|b| b.id == batch) else {
                return;
            };
            if b.cancelled {
                break;
            }
            b.analyse(i);
        }
        if server.now() - last >= SLICE_MS {
            send_view(&server, batch);
            pause().await;
            last = server.now();
        }
    }
    if let Some(b) = server.batch.borrow_mut().as_mut().filter(|b| b.id == batch) {
        b.finished = true;
        b.downloads = object_url(&b.to_csv(), "text/csv").zip(object_url(&b.to_json(), "application/json"));
    }
    send_view(&server, batch);
}

impl BatchRun {
    /// Analyses message `i`: its rows, records and counts.
    fn analyse(&mut self, i: usize) {
        let index = i as u32;
        let (source, bytes) = &self.messages[i];
        match bytes {
            Some(bytes) => {
                let mut report = crate::analyze(bytes);
                report.source = source.clone();
                self.summary.add(&report);
                add_rows(&report, index, source, &mut self.rows, &mut self.records);
            }
            None => {
                self.summary.unreadable += 1;
                let cell = "batch-web-unreadable".to_string();
                self.rows.push((
                    index,
                    [source.clone(), String::new(), cell, String::new(), String::new()],
                ));
                self.records.push(record(index, source, "unreadable"));
            }
        }
        self.done = index + 1;
    }

    /// The view: progress while the batch runs; then the summary, the downloads and a page of
    /// the list.
    fn view(&self, loc: &Localizer) -> BatchView {
        let m = |id: &str| loc.msg(id, &[]);
        let total = self.messages.len().to_string();
        let status = loc.msg(
            "batch-web-progress-count",
            &[("done", self.done.to_string()), ("total", total.clone())],
        );
        let mut section = el(
            "section",
            &[("class", "facts batch"), ("aria-labelledby", "batch-heading")],
            vec![txt("h2", &[("id", "batch-heading")], &m("batch-web-heading"))],
        );
        if !self.finished {
            let done = self.done.to_string();
            section.2.push(el(
                "div",
                &[("class", "batch-progress")],
                vec![
                    el(
                        "progress",
                        &[
                            ("class", "progress"),
                            ("max", &total),
                            ("value", &done),
                            ("aria-label", &m("batch-web-progress")),
                            ("aria-valuemin", "0"),
                            ("aria-valuemax", &total),
                            ("aria-valuenow", &done),
                            ("aria-valuetext", &status),
                        ],
                        Vec::new(),
                    ),
                    txt("span", &[], &status),
                    txt(
                        "button",
                        &[
                            ("type", "button"),
                            ("class", "button secondary"),
                            ("data-act", "cancel"),
                        ],
                        &m("batch-web-cancel"),
                    ),
                ],
            ));
            return BatchView {
                finished: false,
                status,
                back: m("batch-web-back"),
                tree: section,
            };
        }
        section
            .1
            .push(("data-messages".into(), self.summary.messages.to_string()));
        let c = &mut section.2;
        if self.cancelled {
            c.push(txt(
                "p",
                &[("class", "notice"), ("role", "status")],
                &m("batch-web-cancelled"),
            ));
        }
        for line in summary_lines(&self.summary, loc) {
            c.push(txt("p", &[], &line));
        }
        if let Some((csv, json)) = &self.downloads {
            c.push(el(
                "div",
                &[("class", "input-actions")],
                vec![
                    txt(
                        "a",
                        &[("class", "button"), ("href", csv), ("download", "bounces.csv")],
                        &m("batch-web-csv"),
                    ),
                    txt(
                        "a",
                        &[("class", "button"), ("href", json), ("download", "bounces.json")],
                        &m("batch-web-json"),
                    ),
                ],
            ));
        }
        c.extend(groups(&self.summary, loc));
        c.extend(self.list(loc));
        BatchView {
            finished: true,
            status,
            back: m("batch-web-back"),
            tree: section,
        }
    }

    /// The list's heading, help, a page of rows and the paging buttons.
    fn list(&self, loc: &Localizer) -> Vec<Node> {
        let m = |id: &str| loc.msg(id, &[]);
        let total = self.rows.len();
        let pages = total.div_ceil(PAGE).max(1);
        let page = self.page.min(pages - 1);
        let (from, to) = (page * PAGE, ((page + 1) * PAGE).min(total));
        let head = [
            "batch-web-col-message",
            "batch-web-col-recipient",
            "batch-web-col-reason",
            "batch-web-col-permanence",
            "batch-web-col-host",
        ]
        .iter()
        .map(|id| txt("th", &[("scope", "col")], &m(id)))
        .collect();
        let body = self.rows[from..to]
            .iter()
            .map(|(index, cells)| {
                let open = format!("open:{index}");
                let first = el(
                    "td",
                    &[],
                    vec![txt(
                        "button",
                        &[("type", "button"), ("class", "link"), ("data-act", &open)],
                        &cells[0],
                    )],
                );
                let mut tds = vec![first];
                tds.push(txt("td", &[], &cells[1]));
                // The reason and the permanence are message ids.
                tds.extend(cells[2..4].iter().map(|id| {
                    let text = if id.is_empty() { String::new() } else { m(id) };
                    txt("td", &[], &text)
                }));
                tds.push(txt("td", &[], &cells[4]));
                el("tr", &[], tds)
            })
            .collect();
        let range = loc.msg(
            "batch-web-page",
            &[
                ("from", (from + 1).min(total).to_string()),
                ("to", to.to_string()),
                ("total", total.to_string()),
            ],
        );
        let button = |id: &str, to: usize, enabled: bool| {
            let act = format!("page:{to}");
            let mut attrs = vec![
                ("type", "button"),
                ("class", "button secondary"),
                ("data-act", act.as_str()),
            ];
            if !enabled {
                attrs.push(("disabled", ""));
            }
            txt("button", &attrs, &m(id))
        };
        vec![
            txt("h3", &[("id", "batch-list-heading")], &m("batch-web-list")),
            txt("p", &[("class", "help")], &m("batch-web-open")),
            el(
                "div",
                &[("class", "table-wrap")],
                vec![el(
                    "table",
                    &[("class", "batch-list"), ("aria-labelledby", "batch-list-heading")],
                    vec![el("thead", &[], vec![el("tr", &[], head)]), el("tbody", &[], body)],
                )],
            ),
            el(
                "div",
                &[("class", "input-actions")],
                vec![
                    button("batch-web-prev", page.saturating_sub(1), page > 0),
                    txt("span", &[], &range),
                    button("batch-web-next", page + 1, page + 1 < pages),
                ],
            ),
        ]
    }
}

/// An object URL for a download of `text` (made here: nothing leaves the browser, and the page
/// needs no code for it).
fn object_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// An element.
fn el(tag: &str, attrs: &[(&str, &str)], children: Vec<Node>) -> Node {
    Node(
        tag.to_string(),
        attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        children,
        String::new(),
    )
}

/// An element holding a text.
fn txt(tag: &str, attrs: &[(&str, &str)], text: &str) -> Node {
    let mut n = el(tag, attrs, Vec::new());
    n.3 = text.to_string();
    n
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
fn add_rows(r: &Report, index: u32, source: &str, rows: &mut Vec<(u32, [String; 5])>, records: &mut Vec<Record>) {
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
            rows.push((
                index,
                [
                    source.to_string(),
                    address.clone(),
                    format!("rule-reason-{reason}-title"),
                    format!("batch-{permanence}"),
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
        let cell = id.to_string();
        rows.push((
            index,
            [source.to_string(), String::new(), cell, String::new(), String::new()],
        ));
        records.push(record(index, source, &kind));
    }
}

/// `(key, count)`, largest first, then by key.
fn sorted(m: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = m.iter().map(|(k, c)| (k.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The summary's sentences, as `bounce summary` prints them.
fn summary_lines(s: &Summary, loc: &Localizer) -> Vec<String> {
    let n = |v: usize| [("count", v.to_string())];
    let mut lines = vec![loc.msg("batch-messages", &n(s.messages))];
    for (id, v) in [("batch-not-bounces", s.not_bounces), ("batch-unreadable", s.unreadable)] {
        if v > 0 {
            lines.push(loc.msg(id, &n(v)));
        }
    }
    lines.push(loc.msg("batch-recipients", &n(s.recipients)));
    lines
}

/// The summary's tables: by reason and by recipient domain with a bar per row (drawn, hidden
/// from assistive technology: the count beside it says the same), by permanence and by
/// refusing host. Row keys (`data-key`) are `bounce summary --json`'s.
fn groups(s: &Summary, loc: &Localizer) -> Vec<Node> {
    let reason = |k: &str| loc.msg(&format!("rule-reason-{k}-title"), &[]);
    let permanence = |k: &str| loc.msg(&format!("batch-{k}"), &[]);
    let same = |k: &str| k.to_string();
    let group = |id: &str, chart: bool, map: &BTreeMap<String, usize>, label: &dyn Fn(&str) -> String, top: usize| {
        let all = sorted(map);
        let mut rows: Vec<(String, String, usize)> =
            all.iter().take(top).map(|(k, c)| (k.clone(), label(k), *c)).collect();
        let rest: usize = all.iter().skip(top).map(|(_, c)| c).sum();
        if rest > 0 {
            let others = loc.msg("batch-web-other", &[("count", (all.len() - top).to_string())]);
            rows.push(("(other)".into(), others, rest));
        }
        if rows.is_empty() {
            return None;
        }
        let max = rows.iter().map(|r| r.2).max().unwrap_or(1).max(1);
        let mut head = vec![
            txt("th", &[("scope", "col")], &loc.msg(&format!("batch-web-col-{id}"), &[])),
            txt("th", &[("scope", "col")], &loc.msg("batch-web-col-count", &[])),
        ];
        if chart {
            head.push(txt("th", &[("scope", "col")], &loc.msg("batch-web-col-bar", &[])));
        }
        let body = rows
            .iter()
            .map(|(key, label, n)| {
                let mut tds = vec![
                    txt("th", &[("scope", "row")], label),
                    txt("td", &[("class", "count")], &n.to_string()),
                ];
                if chart {
                    let width = (n * 100 / max).to_string();
                    let rect = el("rect", &[("width", &width), ("height", "8")], Vec::new());
                    let svg = el(
                        "svg",
                        &[
                            ("class", "bar"),
                            ("viewBox", "0 0 100 8"),
                            ("preserveAspectRatio", "none"),
                            ("aria-hidden", "true"),
                            ("focusable", "false"),
                        ],
                        vec![rect],
                    );
                    tds.push(el("td", &[], vec![svg]));
                }
                el("tr", &[("data-key", key)], tds)
            })
            .collect();
        let table = el(
            "table",
            &[("data-group", id)],
            vec![
                txt("caption", &[], &loc.msg(&format!("batch-web-by-{id}"), &[])),
                el("thead", &[], vec![el("tr", &[], head)]),
                el("tbody", &[], body),
            ],
        );
        Some(el("div", &[("class", "table-wrap")], vec![table]))
    };
    [
        group("reason", true, &s.by_reason, &reason, usize::MAX),
        group("permanence", false, &s.by_permanence, &permanence, usize::MAX),
        group("domain", true, &s.by_domain, &same, TOP),
        group("host", false, &s.by_host, &same, TOP),
    ]
    .into_iter()
    .flatten()
    .collect()
}
