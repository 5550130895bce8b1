//! The `bounce` command: explains bounce messages from files or standard input.

use bounce::model::Report;
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the analysis makes and frees many small strings, and
/// glibc's malloc/free were about 14 % of the instructions of a run over the corpus (about 9 %
/// fewer instructions in all with mimalloc; docs/performance.md, "Fourth session").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Explains bounced-mail reports (NDR / DSN): which server refused, why, and who must act.
#[derive(Parser)]
#[command(name = "bounce", version)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Analyse bounce messages: files, `-` (standard input), mbox files, Maildir folders and
    /// directories (read recursively); one report per message.
    Explain {
        /// Print one JSON object per message (JSON Lines).
        #[arg(long)]
        json: bool,
        /// Language of the explanation (e.g. `pl`); defaults to LC_ALL / LANG, then English.
        #[arg(long)]
        lang: Option<String>,
        /// Also check the DNS facts behind the refusal (PTR, blocklists, SPF, DMARC, MX) over DoH.
        #[arg(long)]
        dns: bool,
        /// DNS-over-HTTPS resolver URL for --dns (RFC 8484 GET); implies --dns. Default: Cloudflare.
        #[arg(long, value_name = "URL")]
        doh: Option<String>,
        /// Print a summary of all the messages instead of one report each (as `bounce summary`).
        #[arg(long)]
        summary: bool,
        /// With --summary: print the hard-bounced recipients to remove, as CSV.
        #[arg(long, requires = "summary")]
        csv: bool,
        /// Files, mbox files, Maildir folders or directories to read; `-` for standard input. A file
        /// holding several reports one after another gives one report each (`path#N`).
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Summarise many bounces: counts by reason, by hard / soft, by recipient domain and by
    /// refusing server, and the hard-bounced recipients to remove from a list.
    Summary {
        /// Print the summary as one JSON object.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print only the hard-bounced recipients to remove, as CSV.
        #[arg(long)]
        csv: bool,
        /// Language of the summary (e.g. `pl`); defaults to LC_ALL / LANG, then English.
        #[arg(long)]
        lang: Option<String>,
        /// Files, mbox files, Maildir folders or directories to read; `-` for standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
}

/// What to print for the messages read.
enum Output {
    /// One report per message (text or JSON Lines).
    Reports { json: bool },
    /// One summary of them all.
    Summary { json: bool, csv: bool },
}

fn read_input(path: &str) -> std::io::Result<Vec<u8>> {
    let limit = bounce::input::MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut buf)?;
    } else {
        let file = std::fs::File::open(path)?;
        // `Take` hides the file's size from `read_to_end`: reserve it here, so the buffer is not
        // grown by doubling (one allocation instead of a dozen reallocations and page faults).
        let size = file.metadata().map_or(0, |m| m.len()).min(limit);
        buf.reserve_exact(usize::try_from(size).unwrap_or(0) + 1);
        file.take(limit).read_to_end(&mut buf)?;
    }
    Ok(buf)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let (output, lang, files, dns, doh) = match cli.command {
        Cmd::Explain {
            json,
            lang,
            files,
            dns,
            doh,
            summary,
            csv,
        } => {
            let output = if summary {
                Output::Summary { json, csv }
            } else {
                Output::Reports { json }
            };
            (output, lang, files, dns, doh)
        }
        Cmd::Summary { json, csv, lang, files } => (Output::Summary { json, csv }, lang, files, false, None),
    };
    let dns_config = match dns_config(dns, doh.as_deref()) {
        Ok(c) => c,
        Err(problem) => {
            // In the user's language, as the text output would be.
            let loc = localizer_for(lang.as_deref());
            let why = loc.msg(problem.message_id(), &[]);
            let url = doh.unwrap_or_default();
            eprintln!("bounce: {}", loc.msg("dns-url-refused", &[("url", url), ("why", why)]));
            return ExitCode::from(2);
        }
    };
    if dns_config.is_some() && matches!(output, Output::Summary { .. }) {
        eprintln!("bounce: --dns and --doh do not apply to a summary");
        return ExitCode::from(2);
    }
    let json = matches!(output, Output::Reports { json: true });
    let summary_only = matches!(output, Output::Summary { .. });
    // Only the text output needs messages: JSON skips parsing the Fluent resources.
    let localizer = match output {
        Output::Reports { json: false }
        | Output::Summary {
            json: false,
            csv: false,
        } => Some(localizer_for(lang.as_deref())),
        _ => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut summary = bounce::batch::Summary::default();
    let mut progress = Progress::new();
    let mut write_single = |path: &str, done: Done| -> std::io::Result<()> {
        progress.tick();
        let report = match done {
            Done::Failed(e) => {
                progress.clear();
                eprintln!("bounce: {path}: {e}");
                failed = true;
                summary.unreadable += 1;
                return Ok(());
            }
            Done::Json(line) => return out.write_all(&line),
            Done::Report(r) => r,
            // Split by `write_one`; never nested.
            Done::Many(_) => return Ok(()),
        };
        if summary_only {
            summary.add(&report);
            return Ok(());
        }
        let dns_report = dns_config.as_ref().map(|c| bounce::dns::run_blocking(&report, c));
        match (&dns_report, &localizer) {
            (Some(d), None) => print_json_with_dns(&mut out, &report, d),
            (None, None) => print_json(&mut out, &report),
            (d, Some(loc)) => print_text(&mut out, &report, loc, d.as_ref()).and_then(|_| match d {
                Some(d) => print_dns_text(&mut out, d, loc),
                None => Ok(()),
            }),
        }
    };
    let mut write_one = |path: &str, done: Done| match done {
        Done::Many(parts) => parts.into_iter().try_for_each(|(s, d)| write_single(&s, d)),
        d => write_single(path, d),
    };
    let sources = bounce::batch::Sources::new(&files);
    // Without DNS checks each message is independent: analyse on every core, print in input
    // order. A known number of single files needs no more threads than files.
    let finish = if dns_config.is_none() {
        let threads = if files.iter().any(|f| bounce::batch::is_many(f)) {
            usize::MAX
        } else {
            files.len()
        };
        for_each_in_order(sources, threads, |item| analyse_item(item, json), &mut write_one)
    } else {
        sources.into_iter().try_for_each(|item| {
            let (source, done) = analyse_item(item, false);
            write_one(&source, done)
        })
    };
    progress.clear();
    if finish.is_err() {
        return ExitCode::from(1);
    }
    let printed = match output {
        Output::Summary { json: true, .. } => serde_json::to_writer_pretty(&mut out, &summary)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        Output::Summary { csv: true, .. } => out.write_all(summary.to_csv().as_bytes()),
        Output::Summary { .. } => match &localizer {
            Some(loc) => out.write_all(summary.to_text(loc).as_bytes()),
            None => Ok(()),
        },
        Output::Reports { .. } => Ok(()),
    };
    if printed.and_then(|_| out.flush()).is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress line on standard error while many messages are read, when it is a terminal.
struct Progress {
    on: bool,
    count: usize,
    start: std::time::Instant,
    last: std::time::Instant,
    shown: bool,
}

impl Progress {
    fn new() -> Progress {
        let now = std::time::Instant::now();
        Progress {
            on: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            count: 0,
            start: now,
            last: now,
            shown: false,
        }
    }

    /// Counts one message; redraws the line at most every 200 ms.
    fn tick(&mut self) {
        self.count += 1;
        if !self.on || self.last.elapsed() < std::time::Duration::from_millis(200) {
            return;
        }
        self.last = std::time::Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(0.001);
        eprint!("\r\x1b[K{} messages, {:.0}/s", self.count, self.count as f64 / secs);
        self.shown = true;
    }

    /// Removes the line (before an error message, and at the end).
    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

/// One input's result, ready to print.
enum Done {
    /// The file could not be read.
    Failed(std::io::Error),
    /// The JSON line, already serialised (by the worker thread).
    Json(Vec<u8>),
    /// The report, for the text output or the DNS checks.
    Report(Box<Report>),
    /// One file's several reports (`split_reports`), each with its source.
    Many(Vec<(String, Done)>),
}

/// Reads and analyses one message; with `json`, also serialises the report (one line).
fn analyse_item(item: bounce::batch::Item, json: bool) -> (String, Done) {
    let source = item.source;
    let raw = match item.data {
        bounce::batch::Data::File(path) => match read_input(&path) {
            Ok(b) => {
                // A file (or standard input) holding several reports one after another: each
                // is a message of its own, `path#N` as in an mbox.
                let parts = bounce::batch::split_reports(&b);
                if parts.len() > 1 {
                    let done = parts
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| analyse_bytes(format!("{source}#{}", i + 1), b[r].to_vec(), json))
                        .collect();
                    return (source, Done::Many(done));
                }
                b
            }
            Err(e) => return (source, Done::Failed(e)),
        },
        bounce::batch::Data::Bytes(b) => b,
        bounce::batch::Data::Failed(e) => return (source, Done::Failed(e)),
    };
    analyse_bytes(source, raw, json)
}

/// Analyses one message's bytes; with `json`, also serialises the report (one line).
fn analyse_bytes(source: String, raw: Vec<u8>, json: bool) -> (String, Done) {
    let mut report = bounce::analyze(&raw);
    drop(raw);
    report.source = source.clone();
    if !json {
        return (source, Done::Report(Box::new(report)));
    }
    let mut line = Vec::with_capacity(4096);
    match print_json(&mut line, &report) {
        Ok(()) => (source, Done::Json(line)),
        Err(e) => (source, Done::Failed(e)),
    }
}

/// How many results may wait for their turn to be printed, per thread: past it the threads wait
/// (a slow message holds back at most this many finished ones, so memory stays bounded).
const WINDOW_PER_THREAD: usize = 256;

/// Runs `work` on every item on at most `threads` threads (as many as there are cores), and
/// hands the results to `emit` in the items' order (stopping at the first error `emit`
/// returns). The items are taken one at a time, so an mbox is read as it is analysed.
fn for_each_in_order<I, E>(
    items: I,
    threads: usize,
    work: impl Fn(I::Item) -> (String, Done) + Sync,
    emit: &mut impl FnMut(&str, Done) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator + Send,
    I::Item: Send,
{
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(threads);
    if threads <= 1 {
        for item in items {
            let (source, done) = work(item);
            emit(&source, done)?;
        }
        return Ok(());
    }
    let window = WINDOW_PER_THREAD * threads;
    // The items and how many were taken; `printed` is how many were emitted.
    let queue = std::sync::Mutex::new((0usize, items));
    let printed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    /// The next item, `Full` when the window is full, `Done` at the end.
    enum Take<T> {
        Item(usize, T),
        Full,
        Done,
    }
    let take = || {
        let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
        if q.0 >= printed.load(Ordering::Acquire) + window {
            return Take::Full;
        }
        match q.1.next() {
            Some(item) => {
                q.0 += 1;
                Take::Item(q.0 - 1, item)
            }
            None => Take::Done,
        }
    };
    std::thread::scope(|scope| {
        // The reply-text pattern set (reason classifier and knowledge base) is built once per
        // process, on first use: build it now, beside the workers' parsing, not when the first
        // worker reaches the diagnosis.
        scope.spawn(|| bounce::diagnose::reason::by_text("-"));
        let (tx, rx) = std::sync::mpsc::channel::<(usize, (String, Done))>();
        // Threads - 1 helpers; this thread works too and prints between its own items, so it
        // seldom sleeps on the channel (each such sleep costs a wake-up per result).
        for _ in 1..threads {
            let tx = tx.clone();
            let (stop, work, take) = (&stop, &work, &take);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match take() {
                        Take::Item(i, item) => {
                            if tx.send((i, work(item))).is_err() {
                                break;
                            }
                        }
                        Take::Full => std::thread::sleep(std::time::Duration::from_millis(1)),
                        Take::Done => break,
                    }
                }
            });
        }
        drop(tx);
        // Results arrive in any order; hold the early ones until their turn.
        let mut pending = std::collections::BTreeMap::new();
        let mut turn = 0;
        let mut flush = |pending: &mut std::collections::BTreeMap<usize, (String, Done)>, turn: &mut usize| {
            while let Some((source, done)) = pending.remove(turn) {
                if let Err(e) = emit(&source, done) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                *turn += 1;
                printed.store(*turn, Ordering::Release);
            }
            Ok(())
        };
        loop {
            match take() {
                Take::Item(i, item) => {
                    pending.insert(i, work(item));
                }
                // The window is full: what it waits for is a helper's, so wait for results.
                Take::Full => match rx.recv() {
                    Ok((j, done)) => {
                        pending.insert(j, done);
                    }
                    Err(_) => break,
                },
                Take::Done => break,
            }
            while let Ok((j, done)) = rx.try_recv() {
                pending.insert(j, done);
            }
            flush(&mut pending, &mut turn)?;
        }
        // What is still held waits for a helper's result, which flushes it.
        for (i, done) in rx {
            pending.insert(i, done);
            flush(&mut pending, &mut turn)?;
        }
        Ok(())
    })
}

fn print_json(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    writeln!(out)
}

/// The localizer for `--lang`, then the locale of `LC_ALL` / `LC_MESSAGES` / `LANG`, then English:
/// the first of these that is available wins.
fn localizer_for(lang: Option<&str>) -> bounce::i18n::Localizer {
    let env = bounce::i18n::env_locale();
    let requested: Vec<&str> = lang.into_iter().chain(env.as_deref()).collect();
    bounce::i18n::Localizer::new(&requested)
}

fn print_text(
    out: &mut impl Write,
    r: &Report,
    loc: &bounce::i18n::Localizer,
    dns: Option<&bounce::dns::DnsReport>,
) -> std::io::Result<()> {
    let mut explanation = bounce::explain::explain(r, loc);
    if let Some(d) = dns {
        // What the DNS checks say about each recipient's reason, first in its block.
        let lines: Vec<Option<String>> = bounce::dns::verdict::verdicts(r, d)
            .iter()
            .map(|v| v.as_ref().map(|v| v.line(loc)))
            .collect();
        bounce::explain::add_dns_verdicts(&mut explanation, &lines);
    }
    writeln!(out, "== {} ==", r.source)?;
    write!(out, "{}", bounce::explain::to_plain(&explanation))?;
    writeln!(out)
}

/// The DNS-check configuration for `--dns` / `--doh URL`; `None` when no checks are wanted. The
/// resolver is used as the URL parser serializes it (never the text as typed).
fn dns_config(dns: bool, doh: Option<&str>) -> Result<Option<bounce::dns::Config>, bounce::dns::UrlProblem> {
    match doh {
        Some(url) => Ok(Some(bounce::dns::Config::with_resolver(
            &bounce::dns::parse_resolver_url(url)?,
        ))),
        None if dns => Ok(Some(bounce::dns::Config::default())),
        None => Ok(None),
    }
}

/// The report as JSON with the DNS checks added as its `dns` field.
fn print_json_with_dns(out: &mut impl Write, r: &Report, d: &bounce::dns::DnsReport) -> std::io::Result<()> {
    let mut v = serde_json::to_value(r)?;
    // Each recipient gets its `dns_verdict` (when a check bears on its reason).
    if let Some(recipients) = v.get_mut("recipients").and_then(|x| x.as_array_mut()) {
        for (rv, verdict) in recipients.iter_mut().zip(bounce::dns::verdict::verdicts(r, d)) {
            if let (Some(obj), Some(verdict)) = (rv.as_object_mut(), verdict) {
                obj.insert("dns_verdict".into(), serde_json::to_value(verdict)?);
            }
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.insert("dns".into(), serde_json::to_value(d)?);
    }
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

/// The DNS evidence lines after the explanation.
fn print_dns_text(
    out: &mut impl Write,
    d: &bounce::dns::DnsReport,
    loc: &bounce::i18n::Localizer,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        loc.msg("dns-cli-heading", &[("resolver", d.resolver.clone())])
    )?;
    for line in bounce::dns::evidence(d, loc) {
        writeln!(out, "  - {line}")?;
    }
    Ok(())
}
