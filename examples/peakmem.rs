//! Peak memory and time of `bounce::analyze` on the hostile inputs.
//!
//! `cargo run --release --example peakmem -- CASE` builds one input from
//! `benches/support/gen.rs`, analyses it and prints one line: the input size,
//! the wall time, the recipient count and the process's peak RSS
//! (`getrusage` `ru_maxrss`, read from `/proc/self/status` `VmHWM`). Run one
//! case per process so each peak is its own. `--dump CASE` writes the input
//! to standard output instead (for `bounce explain -` or a fuzz seed); `--time FILE...`
//! prints each file's analysis time in milliseconds, its size and its recipient count.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::io::Write;
use std::time::Instant;

/// Peak resident set size of this process in KiB, from `/proc/self/status`.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, case] if flag == "--dump" => {
            let _ = std::io::stdout().write_all(&gen::hostile(case));
        }
        [flag, files @ ..] if flag == "--time" => {
            // Per-file analysis time (after one warm-up run, so lazy regex compilation is not counted).
            for f in files {
                let Ok(input) = std::fs::read(f) else { continue };
                let _ = bounce::analyze(&input);
                // The steps of `bounce::analyze`, timed one by one.
                let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
                let t = Instant::now();
                let inp = bounce::input::Input::new(&input);
                let mut report = bounce::parse::parse(&inp);
                let parse = ms(t);
                let t = Instant::now();
                bounce::diagnose::diagnose(&mut report);
                let diagnose = ms(t);
                let t = Instant::now();
                bounce::parse::spans::locate(&inp.text, &mut report);
                let spans = ms(t);
                println!(
                    "{:.3}\t{}\t{}\t{f}\tparse={parse:.3}\tdiagnose={diagnose:.3}\tspans={spans:.3}",
                    parse + diagnose + spans,
                    input.len(),
                    report.recipients.len()
                );
            }
        }
        [case] => {
            let input = gen::hostile(case);
            if input.is_empty() {
                eprintln!("unknown case {case}; one of {:?}", gen::HOSTILE);
                std::process::exit(2);
            }
            let before = peak_rss_kib();
            let t = Instant::now();
            let report = bounce::analyze(&input);
            let elapsed = t.elapsed();
            let after = peak_rss_kib();
            println!(
                "{case}\tinput_bytes={}\ttime_ms={:.1}\trecipients={}\thops={}\twarnings={}\tpeak_rss_before_kib={before}\tpeak_rss_kib={after}",
                input.len(),
                elapsed.as_secs_f64() * 1000.0,
                report.recipients.len(),
                report.hops.len(),
                report.warnings.iter().map(|w| w.id.as_str()).collect::<Vec<_>>().join(","),
            );
        }
        _ => {
            eprintln!("usage: peakmem CASE | --dump CASE   (CASE one of {:?})", gen::HOSTILE);
            std::process::exit(2);
        }
    }
}
