// Benchmark: time from paste to rendered explanation in Chromium, against the native CLI
// (`target/release/bounce explain`) on the same input. Writes tests/artifacts/timing.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openApp, paste, fixture, ROOT, ARTIFACTS } from './helpers.mjs';

const RUNS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let server;
let url;

before(async () => {
  ({ server, url } = await startServer());
});
after(() => server?.close());

test('paste to explanation: Chromium vs native CLI', { timeout: 90000 }, async () => {
  const name = 'user-unknown.eml';
  const input = fixture(name);
  const cli = join(ROOT, 'target', 'release', 'bounce');
  assert.ok(existsSync(cli), 'build the CLI first: cargo build --release --bin bounce');
  const file = join(ROOT, 'www', 'examples', name);
  const native = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const out = execFileSync(cli, ['explain', file], { encoding: 'utf8' });
    native.push(Number(process.hrtime.bigint() - t0) / 1e6);
    assert.match(out, /jan\.kowalski@example\.net/);
  }
  const { context, close } = await launch();
  try {
    // The app warms the core up once while idle after loading; the first paste comes after it.
    const { page } = await openApp(context, url, { warmUp: true });
    const warmup = Number(await page.evaluate(() => document.documentElement.dataset.warmupMs));
    const first = await paste(page, input);
    const browser = [];
    for (let i = 0; i < RUNS; i++) {
      await paste(page, i % 2 ? input : input + '\n');
      browser.push(await paste(page, i % 2 ? input + '\n' : input));
    }
    const result = {
      input: name,
      bytes: Buffer.byteLength(input),
      runs: RUNS,
      idle_warm_up_ms: warmup,
      chromium_first_ms: Math.round(first * 10) / 10,
      chromium_median_ms: Math.round(median(browser) * 10) / 10,
      native_cli_median_ms: Math.round(median(native) * 10) / 10,
      ratio_chromium_to_cli: Math.round((median(browser) / median(native)) * 100) / 100,
      ratio_first_paste_to_cli: Math.round((first / median(native)) * 100) / 100,
    };
    writeFileSync(join(ARTIFACTS, 'timing.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result));
    assert.ok(result.chromium_median_ms < 1000, 'a typical bounce is explained within a second');
  } finally {
    await close();
  }
});
