//! The `bounce` command: explains bounce messages from files or standard input.

use bounce::model::Report;
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::process::ExitCode;

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
        std::fs::File::open(path)?.take(limit).read_to_end(&mut buf)?;
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
    let Cmd::Explain { json, lang: _, files } = cli.command;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &files {
        let raw = match read_input(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("bounce: {path}: {e}");
                failed = true;
                continue;
            }
        };
        let mut report = bounce::analyze(&raw);
        report.source = path.clone();
        let res = if json {
            print_json(&mut out, &report)
        } else {
            print_text(&mut out, &report)
        };
        if res.is_err() {
            return ExitCode::from(1);
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_json(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    writeln!(out)
}

fn print_text(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "{}: {:?} ({})", r.source, r.kind, r.format)?;
    for rc in &r.recipients {
        writeln!(
            out,
            "  {} {} {} {} {:?}",
            rc.address.as_deref().unwrap_or("-"),
            rc.reply_code,
            rc.status.as_deref().unwrap_or("-"),
            rc.reason.as_str(),
            rc.diagnostic
        )?;
    }
    Ok(())
}
