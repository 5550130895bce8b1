//! Throughput of `bounce::analyze`: per format on the project's fixtures (and
//! any directories in `BOUNCE_BENCH_DIRS`, colon-separated), a typical bounce,
//! a 10 MB bounce and a message with 10,000 Received headers.
//!
//! Each benchmark analyses a batch of messages per iteration; the batch's byte
//! and message counts go to `target/criterion/bounce-inputs.json` so
//! `scripts/bench.sh` can print messages/s and MB/s side by side.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "support/gen.rs"]
mod gen;

/// Every input file under `dir` (recursively), skipping expected-output JSON files.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if !matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "md" | "rs")) {
            out.push(p);
        }
    }
}

/// Fixture inputs grouped by the format the analysis detects.
fn fixtures_by_format() -> BTreeMap<String, Vec<Vec<u8>>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/fixtures")];
    if let Ok(extra) = std::env::var("BOUNCE_BENCH_DIRS") {
        dirs.extend(extra.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    let mut files = Vec::new();
    for d in &dirs {
        files_under(d, &mut files);
    }
    let mut groups: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else { continue };
        let format = bounce::analyze(&bytes).format;
        let format = if format.is_empty() { "none".to_string() } else { format };
        groups.entry(format).or_default().push(bytes);
    }
    groups
}

/// Records one benchmark's batch size for `scripts/bench.sh`.
fn note(sizes: &mut BTreeMap<String, (u64, u64)>, id: &str, batch: &[Vec<u8>]) {
    let bytes = batch.iter().map(|b| b.len() as u64).sum();
    sizes.insert(id.to_string(), (bytes, batch.len() as u64));
}

fn run_batch(c: &mut Criterion, sizes: &mut BTreeMap<String, (u64, u64)>, group: &str, name: &str, batch: &[Vec<u8>]) {
    let bytes: u64 = batch.iter().map(|b| b.len() as u64).sum();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes));
    if bytes > 1_000_000 {
        g.sample_size(10);
    }
    g.bench_with_input(BenchmarkId::from_parameter(name), batch, |b, batch| {
        b.iter(|| {
            for m in batch {
                black_box(bounce::analyze(black_box(m)));
            }
        })
    });
    g.finish();
    note(sizes, &format!("{group}/{name}"), batch);
}

fn benches(c: &mut Criterion) {
    let mut sizes = BTreeMap::new();
    for (format, batch) in fixtures_by_format() {
        run_batch(c, &mut sizes, "format", &format, &batch);
    }
    let generated: Vec<(&str, Vec<u8>)> = vec![
        ("typical", gen::typical().into_bytes()),
        ("postfix-text", gen::postfix_text(&gen::Rcpt::nth(0)).into_bytes()),
        ("reply-line", gen::REPLY_LINES[0].as_bytes().to_vec()),
        ("bounce-10MB", gen::big_bounce(10 * 1024 * 1024).into_bytes()),
        ("received-10000", gen::many_received(10_000).into_bytes()),
        ("recipients-1000", gen::many_recipients(1_000).into_bytes()),
    ];
    for (name, bytes) in generated {
        run_batch(c, &mut sizes, "generated", name, &[bytes]);
    }
    let json: BTreeMap<String, serde_json::Value> = sizes
        .into_iter()
        .map(|(k, (b, n))| (k, serde_json::json!({ "bytes": b, "messages": n })))
        .collect();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(
        out.join("bounce-inputs.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    );
}

criterion_group! {
    name = analyze;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = benches
}
criterion_main!(analyze);
