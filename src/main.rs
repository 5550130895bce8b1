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
    let Cmd::Explain { json, lang, files } = cli.command;
    let localizer = localizer_for(lang.as_deref());
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
            print_text(&mut out, &report, &localizer)
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

/// The localizer for `--lang`, else the locale of `LC_ALL` / `LC_MESSAGES` / `LANG`, else English.
fn localizer_for(lang: Option<&str>) -> bounce::i18n::Localizer {
    let requested = lang.map(str::to_string).or_else(bounce::i18n::env_locale);
    match requested.as_deref() {
        Some(tag) => bounce::i18n::Localizer::new(&[tag]),
        None => bounce::i18n::Localizer::new(&[]),
    }
}

fn print_text(out: &mut impl Write, r: &Report, loc: &bounce::i18n::Localizer) -> std::io::Result<()> {
    let explanation = bounce::explain::explain(r, loc);
    writeln!(out, "== {} ==", r.source)?;
    write!(out, "{}", bounce::explain::to_plain(&explanation))?;
    writeln!(out)
}
