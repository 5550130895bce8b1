//! In-process native timing of the work the web app does per input, for the browser benchmark
//! (`scripts/bench-web.sh`), so wasm time can be compared with native time on the same bytes
//! without counting a process start-up.
//!
//! `timing [--runs N] [--lang L] FILE...` analyses each file once untimed (the patterns compile on
//! first use), then takes N samples (default 21) of two measures and prints one JSON object:
//! - `analyze_explain`: `bounce::analyze` + `explain::explain` (bytes in, localized explanation out);
//! - `app_work`: the same plus what the web app's analysis engine adds per request, through the
//!   core's public API: the DNS targets, the report's and the explanation's JSON (until
//!   2026-11-23 also `to_plain` and `to_markdown`, which the engine made for every request then;
//!   now the page makes them only when the user copies);
//! - `worker_work`: exactly what the engine (the Web Worker) does per "analyse" request, compiled
//!   natively: `web::analysis::run` (the same source file, included here, since `bounce::web` is
//!   built for wasm32 only) and the JSON of its view model (`analysis::to_json`), which the
//!   worker posts to the page.
//!
//! Each sample is the mean of a batch long enough (≥ 2 ms) to be above the clock's resolution;
//! the JSON gives the median, minimum and maximum sample in milliseconds, and per file the
//! recipients found (address, status, reply code) and the explanation as plain text, so the
//! caller can check the answer (and that the browser did the same work).
//! `timing --dump NAME` writes a generated input to standard output instead: `bounce-10mb`
//! (a Postfix DSN whose returned message carries a 10 MiB body, `benches/support/gen.rs`) or
//! `typical` (the generated 2.7 KB DSN).

#[path = "../benches/support/gen.rs"]
mod gen;

// The web app's view model, the same source the worker runs (its `crate::` paths resolve to the
// imports below). Not all of it is used here.
#[allow(dead_code)]
#[path = "../src/web/analysis.rs"]
mod analysis;
use bounce::{analyze, i18n, view};

use bounce::explain;
use bounce::i18n::Localizer;
use serde_json::{json, Value};
use std::io::Write;
use std::time::Instant;

/// Shortest batch that makes one sample, in seconds.
const MIN_BATCH_S: f64 = 0.002;

/// One analysis as the benchmark's "analyze + explain" measure; returns a value to keep alive.
fn analyze_explain(input: &[u8], loc: &Localizer) -> usize {
    let report = bounce::analyze(input);
    let ex = explain::explain(&report, loc);
    ex.headline.len() + ex.recipients.len()
}

/// The web app's analysis engine's per-input work, as far as it exists natively: analysis,
/// explanation, the DNS targets, and the answer's facts and texts as JSON (the report as the
/// CLI's JSON and the explanation), i.e. about `web::analysis::run` plus its serialization.
fn app_work(input: &[u8], loc: &Localizer) -> usize {
    let report = bounce::analyze(input);
    let ex = explain::explain(&report, loc);
    let json = serde_json::to_vec(&report).unwrap_or_default();
    let ex_json = serde_json::to_vec(&ex).unwrap_or_default();
    std::hint::black_box(bounce::dns::targets(&report));
    json.len() + ex_json.len()
}

/// The engine's work per "analyse" request (src/web/worker.rs): the view model and its JSON.
fn worker_work(text: &str, loc: &Localizer) -> usize {
    analysis::to_json(&analysis::run(text, loc)).len()
}

/// Median, minimum and maximum of `runs` samples of `f` in milliseconds, plus the batch size.
fn sample(runs: usize, f: &dyn Fn() -> usize) -> Value {
    // The fastest of three calls sets the batch size (one slow call must not make batches of 1).
    let once = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
        .max(1e-7);
    let batch = ((MIN_BATCH_S / once).ceil() as usize).clamp(1, 100_000);
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                std::hint::black_box(f());
            }
            t.elapsed().as_secs_f64() * 1000.0 / batch as f64
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    json!({
        "median_ms": ms[ms.len() / 2],
        "min_ms": ms[0],
        "max_ms": ms[ms.len() - 1],
        "batch": batch,
        "samples_ms": ms,
    })
}

fn usage() -> ! {
    eprintln!("usage: timing [--runs N] [--lang L] FILE...  |  timing --dump bounce-10mb|typical");
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut runs = 21usize;
    let mut lang = "en".to_string();
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => {
                let text = match args.next().as_deref() {
                    Some("bounce-10mb") => gen::big_bounce(10 * 1024 * 1024),
                    Some("typical") => gen::typical(),
                    _ => usage(),
                };
                let _ = std::io::stdout().write_all(text.as_bytes());
                return;
            }
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| usage())
            }
            "--lang" => lang = args.next().unwrap_or_else(|| usage()),
            _ if a.starts_with("--") => usage(),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        usage();
    }
    let loc = Localizer::new(&[lang.as_str()]);
    let mut out = Vec::new();
    for file in &files {
        let input = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(1);
            }
        };
        // The worker is given the text area's string (JS strings hold no invalid UTF-8).
        let text = String::from_utf8_lossy(&input).into_owned();
        // First call: compiles the patterns this input needs (reported, not part of the samples).
        let t = Instant::now();
        let report = bounce::analyze(&input);
        let ex = explain::explain(&report, &loc);
        let first_ms = t.elapsed().as_secs_f64() * 1000.0;
        let recipients: Vec<Value> = report
            .recipients
            .iter()
            .map(|r| json!({ "address": r.address, "status": r.status, "reply_code": r.reply_code }))
            .collect();
        out.push(json!({
            "file": file,
            "bytes": input.len(),
            "recipients": recipients,
            "plain": explain::to_plain(&ex),
            "first_ms": first_ms,
            "analyze_explain": sample(runs, &|| analyze_explain(&input, &loc)),
            "app_work": sample(runs, &|| app_work(&input, &loc)),
            "worker_work": sample(runs, &|| worker_work(&text, &loc)),
        }));
    }
    let result = json!({ "lang": loc.lang(), "runs": runs, "files": out });
    println!("{}", serde_json::to_string_pretty(&result).unwrap_or_default());
}
