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
    /// Analyse bounce messages; `-` reads standard input.
    Explain {
        /// Print one JSON object per input (JSON Lines).
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
        /// Files to read; `-` for standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
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
    let Cmd::Explain {
        json,
        lang,
        files,
        dns,
        doh,
    } = cli.command;
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
    // Only the text output needs messages: JSON skips parsing the Fluent resources.
    let localizer = (!json).then(|| localizer_for(lang.as_deref()));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut write_one = |path: &str, done: Done| -> std::io::Result<()> {
        let report = match done {
            Done::Failed(e) => {
                eprintln!("bounce: {path}: {e}");
                failed = true;
                return Ok(());
            }
            Done::Json(line) => return out.write_all(&line),
            Done::Report(r) => r,
        };
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
    // Without DNS checks each file is independent: analyse on every core, print in input order.
    let finish = if dns_config.is_none() {
        for_each_in_order(&files, |path| analyse_file(path, json), &mut write_one)
    } else {
        files
            .iter()
            .try_for_each(|path| write_one(path, analyse_file(path, false)))
    };
    if finish.is_err() {
        return ExitCode::from(1);
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
}

/// Reads and analyses one file; with `json`, also serialises the report (one line).
fn analyse_file(path: &str, json: bool) -> Done {
    let raw = match read_input(path) {
        Ok(b) => b,
        Err(e) => return Done::Failed(e),
    };
    let mut report = bounce::analyze(&raw);
    report.source = path.to_string();
    if !json {
        return Done::Report(Box::new(report));
    }
    let mut line = Vec::with_capacity(4096);
    match print_json(&mut line, &report) {
        Ok(()) => Done::Json(line),
        Err(e) => Done::Failed(e),
    }
}

/// Runs `work` on every item on as many threads as there are cores, and hands the results to
/// `emit` in the items' order (stopping at the first error `emit` returns). Standard input (`-`)
/// is read by whichever thread gets it, once.
fn for_each_in_order<E>(
    items: &[String],
    work: impl Fn(&str) -> Done + Sync,
    emit: &mut impl FnMut(&str, Done) -> Result<(), E>,
) -> Result<(), E> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().try_for_each(|p| emit(p, work(p)));
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        // The reply-text pattern set (reason classifier and knowledge base) is built once per
        // process, on first use: build it now, beside the workers' parsing, not when the first
        // worker reaches the diagnosis.
        scope.spawn(|| bounce::diagnose::reason::by_text("-"));
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Done)>();
        // Threads - 1 helpers; this thread works too and prints between its own items, so it
        // seldom sleeps on the channel (each such sleep costs a wake-up per result).
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = items.get(i) else { break };
                    if tx.send((i, work(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Results arrive in any order; hold the early ones until their turn.
        let mut pending = std::collections::BTreeMap::new();
        let mut turn = 0;
        let mut flush = |pending: &mut std::collections::BTreeMap<usize, Done>, turn: &mut usize| {
            while let Some(done) = pending.remove(turn) {
                if let Err(e) = emit(&items[*turn], done) {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
                *turn += 1;
            }
            Ok(())
        };
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(path) = items.get(i) else { break };
            pending.insert(i, work(path));
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
