// Browser benchmark of the web app (issue 7, item 3): Debian's Chromium through playwright-core.
// Measures and reports; it never fails on slowness, but it fails when an explanation does not
// render or is wrong (the rendered results must name the expected recipient and status code).
//
//   node tests/e2e/bench.web.mjs [--dist DIR] [--out FILE] [--runs N] [--runs-large N] [--rounds N] [--cold N] [--label TEXT]
//                                [--timing BIN] [--batch-ms MS] [--isolated]
// --timing: the native timing binary (default target/release/examples/timing), e.g. a copy built
// from another commit, to measure an older dist/ against its own native code; --batch-ms: the
// shortest batch of worker requests (default 300 ms); --isolated: serve the page cross-origin
// isolated (COOP + COEP headers), which gives performance.now() a finer resolution in Chromium.
//
// Needs target/release/examples/timing (cargo build --release --example timing) and a built app
// (scripts/build-web.sh); scripts/bench-web.sh does both and runs this under nice.
//
// What it measures (all times in milliseconds, medians over the runs; docs/performance-browser.md
// explains each number):
// - cold load: a fresh browser profile per run, HTTP cache disabled (DevTools protocol), from
//   navigation start until the app is interactive (the text area is there, #results is in phase
//   "empty", the locale's texts are loaded: the status line no longer says "…"), until the analysis
//   engine is ready (<html data-engine>) and warmed up (data-warmup-ms), and until the typical
//   bounce, pasted the moment the page is interactive, is explained;
// - paste → rendered, per input (small reply line, typical DSN, generated 10 MB DSN), after the
//   app warmed up: one insertFromPaste input event until #results shows phase "done" for the new
//   input with its summary, measured inside the page, with the steps in between; the analysis
//   time the app shows in its status line ("Done in N ms"); and "Open file" → rendered;
// - wasm analysis alone: the app's own analysis worker started by this script in the page and
//   sent each input directly in the app's request format; batches of requests, minus the same
//   request with an empty text (the round trip's fixed cost), alternating in rounds with native
//   samples of the same file (examples/timing.rs, in-process, the same work) so both see the
//   same load; the ratio is the median of the rounds' ratios; a second ratio takes the worker's
//   own per-request code compiled natively (timing's worker_work: web::analysis::run + its JSON);
// - reference: the same text in a bare <textarea> on an empty page (Chromium's own cost);
// - the raw, gzip -9 and brotli size of every file in the dist folder.
// Prints a table and writes the JSON (default target/bench/web.json).
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, release, tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM_ARGS } from './helpers.mjs';
import { serve } from './server.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const DIST = arg('dist', process.env.BOUNCE_DIST ?? join(ROOT, 'dist'));
const OUT = arg('out', join(ROOT, 'target', 'bench', 'web.json'));
const RUNS = Number(arg('runs', 15));
const RUNS_LARGE = Number(arg('runs-large', 7));
const COLD = Number(arg('cold', 7));
// Rounds of worker vs native timing for the small and typical inputs (their ratio is the
// noisiest: fractions of a millisecond on a shared machine); the 10 MB input uses --runs-large.
const ROUNDS = Number(arg('rounds', 31));
// Free text saved with the results, e.g. which commit the measured build came from.
const LABEL = arg('label', null);
const CHROME = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMING = arg('timing', join(ROOT, 'target', 'release', 'examples', 'timing'));
// Shortest batch of worker requests, ms, and the most requests in one batch. performance.now()
// in a page or worker that is not cross-origin isolated moves in steps of about 0.1 ms in
// Chromium (measured below and saved as `clock`); the engine's own per-request times are summed
// over a batch, so a batch of thousands of requests averages that step away.
const BATCH_MS = Number(arg('batch-ms', 300));
const MAX_BATCH = 5000;
const ISOLATED = process.argv.includes('--isolated');
const WORK = join(ROOT, 'target', 'bench');
mkdirSync(WORK, { recursive: true });

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The q-quantile (0..1) of xs, linear between neighbours. */
const quantile = (xs, q) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
const stats = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x));
  return { median: median(s), min: s.length ? Math.min(...s) : null, max: s.length ? Math.max(...s) : null, n: s.length, runs: s };
};
const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000);
const fail = (msg) => {
  console.error(`bench-web: FAILED: ${msg}`);
  process.exit(1);
};

// ---- inputs --------------------------------------------------------------------------------
// The text area holds LF line ends (the HTML value API normalizes CR LF), so the native side
// gets the same LF text, byte for byte.
const lf = (s) => s.replace(/\r\n?/g, '\n');
if (!existsSync(TIMING)) fail(`missing ${TIMING}: cargo build --release --example timing`);
const INPUTS = [
  {
    key: 'small',
    label: 'small: one reply line',
    text: '554 5.7.1 You are not allowed to connect',
    expect: { address: null, codes: ['5.7.1', '554'] },
    runs: RUNS,
  },
  {
    key: 'typical',
    label: 'typical: www/examples/user-unknown.eml',
    text: lf(readFileSync(join(ROOT, 'www', 'examples', 'user-unknown.eml'), 'utf8')),
    expect: { address: 'jan.kowalski@example.net', codes: ['5.1.1', '550'] },
    runs: RUNS,
  },
  {
    key: 'large',
    label: '10 MB: generated DSN, 10 MiB returned body',
    text: execFileSync(TIMING, ['--dump', 'bounce-10mb'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    expect: { address: 'user0@dest0.example.com', codes: ['5.1.1', '550'] },
    runs: RUNS_LARGE,
  },
];
for (const inp of INPUTS) {
  inp.file = join(WORK, `input-${inp.key}.txt`);
  writeFileSync(inp.file, inp.text);
  // For "Open file": two variants, so every opening is a new input.
  inp.files = [inp.file, join(WORK, `input-${inp.key}-nl.txt`)];
  writeFileSync(inp.files[1], inp.text + '\n');
  inp.bytes = Buffer.byteLength(inp.text);
}

// ---- native, in-process --------------------------------------------------------------------
// Native timing first (it also checks the answers); more native samples are taken later, in
// rounds alternating with the worker's (the machine is shared: side by side in time is fairer).
const runNative = () =>
  JSON.parse(execFileSync(TIMING, ['--runs', String(RUNS), ...INPUTS.map((i) => i.file)], { encoding: 'utf8', maxBuffer: 16 << 20 }));
console.error('== native (examples/timing.rs)');
const native = runNative();
for (const [i, inp] of INPUTS.entries()) {
  const n = native.files[i];
  const r = n.recipients[0] ?? {};
  if ((inp.expect.address && r.address !== inp.expect.address) || !inp.expect.codes.includes(r.status ?? r.reply_code)) {
    fail(`native answer for ${inp.key} is wrong: ${JSON.stringify(n.recipients)}`);
  }
  inp.native = n;
}

// ---- asset sizes ---------------------------------------------------------------------------
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f.startsWith('.')) return []; // trunk's .stage/ while a build runs
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
if (!existsSync(join(DIST, 'index.html'))) fail(`no ${DIST}/index.html: run scripts/build-web.sh`);
// A snapshot of the build, served and measured, so a rebuild of dist/ during the run (the tree is
// shared) cannot mix two builds.
const DIST_BUILT = statSync(join(DIST, 'index.html')).mtime.toISOString();
const SNAP = join(WORK, 'dist-snapshot');
rmSync(SNAP, { recursive: true, force: true });
cpSync(DIST, SNAP, { recursive: true, filter: (src) => !relative(DIST, src).split('/').some((part) => part.startsWith('.')) });
const indexHtml = readFileSync(join(SNAP, 'index.html'), 'utf8');
const assets = walk(SNAP)
  .sort()
  .map((p) => {
    const b = readFileSync(p);
    const file = relative(SNAP, p);
    return {
      file,
      bytes: b.length,
      gzip: gzipSync(b, { level: 9 }).length,
      brotli: brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
      referenced_by_index_html: indexHtml.includes(file),
    };
  });
const assetTotal = assets.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), {
  bytes: 0,
  gzip: 0,
  brotli: 0,
});

// ---- browser -------------------------------------------------------------------------------
const { server, url } = await serve({
  dir: SNAP,
  headers: ISOLATED ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {},
});
const profiles = [];
// Fresh profiles are removed however the run ends.
process.on('exit', () => {
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'bounce-bench-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    // The copied explanation is read back and compared with the native one.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // Records (page clock) when the app first becomes interactive.
  await page.addInitScript(() => {
    const ready = () => {
      const status = document.querySelector('.status-line');
      return (
        document.querySelector('#bounce-input') &&
        document.querySelector('#results')?.dataset.phase === 'empty' &&
        !(status?.textContent ?? '').includes('…')
      );
    };
    const mo = new MutationObserver(() => {
      if (window.__readyAt === undefined && ready()) window.__readyAt = performance.now();
      // The analysis engine (Web Worker) says it is ready / has compiled its patterns.
      const d = document.documentElement.dataset;
      if (window.__engineAt === undefined && d.engine === 'ready') window.__engineAt = performance.now();
      if (window.__warmAt === undefined && d.warmupMs !== undefined) window.__warmAt = performance.now();
      if (window.__readyAt !== undefined && window.__engineAt !== undefined && window.__warmAt !== undefined) mo.disconnect();
    });
    mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    // Resolves to performance.now() once #results shows phase "done" with a summary for an
    // input generation newer than `before`.
    window.__waitDone = (before, timeout) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const r = document.querySelector('#results');
          if (r && Number(r.dataset.generation) > before && r.dataset.phase === 'done' && r.querySelector('.summary')) {
            obs.disconnect();
            clearTimeout(timer);
            resolve(performance.now());
          } else if (r?.dataset.phase === 'failed') {
            obs.disconnect();
            clearTimeout(timer);
            reject(new Error('the app says the analysis failed'));
          }
        };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { childList: true, subtree: true, attributes: true });
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`no explanation rendered within ${timeout} ms`));
        }, timeout);
        check();
      });
  });
  return { context, page, errors, close: () => context.close() };
}

async function waitReady(page) {
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      ready: window.__readyAt,
      engine_ready: window.__engineAt ?? null,
      dom_content_loaded: nav?.domContentLoadedEventEnd ?? null,
      load: nav?.loadEventEnd || null,
      transferred_bytes: performance.getEntriesByType('resource').reduce((a, r) => a + (r.transferSize || 0), nav?.transferSize ?? 0),
    };
  });
}

/**
 * Pastes window.__texts[key] (one input event of type insertFromPaste) and waits for the
 * explanation of it. Returns { rendered, frame, statusMs, text } — `rendered`: input event →
 * results in phase "done" for the new generation with a summary; `frame`: the next frame after.
 */
async function paste(page, key, timeout) {
  return page.evaluate(
    async ({ key, timeout }) => {
      const text = window.__texts[key];
      const results = document.querySelector('#results');
      const before = Number(results.dataset.generation);
      const ta = document.querySelector('#bounce-input');
      // Phase changes of #results as they happen (the observer runs right after each DOM change).
      const seen = {};
      const phases = new MutationObserver(() => {
        const r = document.querySelector('#results');
        if (r && Number(r.dataset.generation) > before && seen[r.dataset.phase] === undefined) seen[r.dataset.phase] = performance.now();
      });
      phases.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-phase', 'data-generation'] });
      const t0 = performance.now();
      ta.value = text;
      const tSet = performance.now();
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      const tHandler = performance.now();
      const t1 = await new Promise((resolve, reject) => {
        const check = () => {
          const r = document.querySelector('#results');
          if (Number(r.dataset.generation) > before && r.dataset.phase === 'done' && r.querySelector('.summary')) {
            mo.disconnect();
            clearTimeout(timer);
            resolve(performance.now());
          } else if (r.dataset.phase === 'failed') {
            mo.disconnect();
            clearTimeout(timer);
            reject(new Error('the app says the analysis failed'));
          }
        };
        const mo = new MutationObserver(check);
        mo.observe(document.body, { childList: true, subtree: true, attributes: true });
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error(`no explanation rendered within ${timeout} ms`));
        }, timeout);
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => r()));
      const t2 = performance.now();
      // The status line says "Done in N ms: …" (en); the app's own analysis time.
      await new Promise((r) => setTimeout(r, 0));
      const status = document.querySelector('.status-line')?.textContent ?? '';
      const m = status.match(/(\d+)\s*ms/);
      phases.disconnect();
      const since = (t) => (t === undefined ? null : t - t0);
      return {
        rendered: t1 - t0,
        frame: t2 - t0,
        steps: {
          set_value: tSet - t0,
          input_handler: tHandler - t0,
          phase_running: since(seen.running),
          phase_done: since(seen.done),
        },
        statusMs: m ? Number(m[1]) : null,
        text: document.querySelector('#results').textContent,
      };
    },
    { key, timeout },
  );
}

/**
 * Opens `path` with the app's "Open file" input (the text never goes into the text area, as
 * for a dropped file). Returns { rendered, text }: the input's change event → the explanation.
 */
async function openFile(page, path, timeout) {
  await page.evaluate((timeout) => {
    const before = Number(document.querySelector('#results').dataset.generation);
    window.__changeAt = undefined;
    document.addEventListener('change', () => (window.__changeAt = performance.now()), { capture: true, once: true });
    window.__fileDone = window.__waitDone(before, timeout);
    window.__fileDone.catch(() => {});
  }, timeout);
  await page.setInputFiles('.input-panel input[type=file]', path);
  return page.evaluate(async () => {
    const t1 = await window.__fileDone;
    return { rendered: t1 - window.__changeAt, text: document.querySelector('#results').textContent };
  });
}

/**
 * Reference: the same text put into a bare <textarea> on an empty page of the same browser
 * (value set, layout forced, next frame), i.e. what Chromium alone spends on holding the text.
 */
async function bareTextarea(context, inp, runs) {
  const page = await context.newPage();
  try {
    await page.setContent('<textarea id="t" rows="20" cols="80"></textarea>');
    await page.evaluate((t) => (window.__t = t), inp.text);
    const out = [];
    for (let i = 0; i < runs; i++) {
      out.push(
        await page.evaluate(async (i) => {
          const ta = document.querySelector('#t');
          ta.value = '';
          void ta.offsetHeight;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const t0 = performance.now();
          ta.value = window.__t + (i % 2 ? '\n' : '');
          void ta.scrollHeight;
          const t1 = performance.now();
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return { layout: t1 - t0, frame: performance.now() - t0 };
        }, i),
      );
    }
    return { value_and_layout: stats(out.map((o) => o.layout)), next_frame: stats(out.map((o) => o.frame)) };
  } finally {
    await page.close();
  }
}

/** Clicks "Copy" (plain text) and returns what went to the clipboard. */
async function copiedText(page) {
  const sentinel = `bench-${Math.random()}`;
  await page.evaluate(async (sentinel) => {
    const plain = document.querySelector('input[name=copy-format][value=plain]');
    if (plain && !plain.checked) plain.click();
    await navigator.clipboard.writeText(sentinel);
  }, sentinel);
  await page.click('#copy-button');
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    if (text !== sentinel) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  fail('"Copy" put nothing on the clipboard within 30 s');
}

function checkRendered(inp, text) {
  const missing = [];
  if (inp.expect.address && !text.includes(inp.expect.address)) missing.push(inp.expect.address);
  if (!inp.expect.codes.some((c) => text.includes(c))) missing.push(inp.expect.codes.join(' or '));
  if (missing.length) fail(`the rendered explanation of ${inp.key} does not show ${missing.join(', ')}`);
}

async function putTexts(page, inputs = INPUTS) {
  await page.evaluate(() => (window.__texts = {}));
  for (const inp of inputs) {
    // Two variants (trailing newline or not), so every paste is a new input.
    await page.evaluate(({ key, text }) => {
      window.__texts[key + '0'] = text;
      window.__texts[key + '1'] = text + '\n';
    }, { key: inp.key, text: inp.text });
  }
}

// Cold loads.
console.error(`== cold load (${COLD} fresh profiles, cache disabled)`);
const cold = [];
for (let i = 0; i < COLD; i++) {
  const b = await launch();
  try {
    const t0 = performance.now();
    await b.page.goto(url, { waitUntil: 'commit' });
    const r = await waitReady(b.page);
    r.node_wall_ms = performance.now() - t0;
    // A user who pastes the typical bounce at once (before the idle warm-up).
    await putTexts(b.page, [INPUTS[1]]);
    const p = await paste(b.page, 'typical0', 60000);
    r.first_explanation = r.ready + p.rendered;
    checkRendered(INPUTS[1], p.text);
    r.first_paste_typical = p.rendered;
    const late = await b.page.evaluate(() => ({ engine: window.__engineAt ?? null, warm: window.__warmAt ?? null }));
    r.engine_ready = late.engine;
    r.warmed_up = late.warm;
    r.first_paste_status_ms = p.statusMs;
    r.errors = b.errors.slice();
    cold.push(r);
    console.error(`  run ${i + 1}: ready ${r.ready.toFixed(0)} ms, first paste ${p.rendered.toFixed(1)} ms`);
  } finally {
    await b.close();
  }
}

// Warm pastes and direct worker timing, in one browser.
console.error('== paste → rendered (after the app warmed up)');
const b = await launch();
const perInput = {};
const copied = {};
let clock = null;
let warmupMs = null;
let workerNote = null;
try {
  await b.page.goto(url);
  await waitReady(b.page);
  try {
    await b.page.waitForFunction(() => document.documentElement.dataset.warmupMs !== undefined, null, { timeout: 15000 });
    warmupMs = Number(await b.page.evaluate(() => document.documentElement.dataset.warmupMs));
  } catch {
    warmupMs = null; // No warm-up marker in this build: measured anyway.
  }
  await putTexts(b.page);
  clock = await b.page.evaluate(() => {
    // The smallest step of performance.now() here (a dedicated worker started by this page has
    // the same resolution: both are cross-origin isolated or both are not).
    let min = Infinity;
    let steps = 0;
    let prev = performance.now();
    const end = prev + 200;
    while (steps < 2000) {
      const t = performance.now();
      if (t !== prev) {
        min = Math.min(min, t - prev);
        steps++;
        prev = t;
      }
      if (t > end) break;
    }
    return { resolution_ms: min, steps_seen: steps, cross_origin_isolated: self.crossOriginIsolated === true };
  });
  console.error(`  clock: performance.now() steps of ${clock.resolution_ms.toFixed(4)} ms, cross-origin isolated: ${clock.cross_origin_isolated}`);
  for (const inp of INPUTS) {
    const timeout = inp.key === 'large' ? 180000 : 60000;
    const first = await paste(b.page, inp.key + '0', timeout);
    checkRendered(inp, first.text);
    // What "Copy" puts on the clipboard (plain text, the default) must be the native explanation
    // of the same bytes: the browser did the same work as the native side.
    copied[inp.key] = await copiedText(b.page);
    const runs = [];
    for (let i = 1; i <= inp.runs; i++) {
      const p = await paste(b.page, inp.key + (i % 2), timeout);
      checkRendered(inp, p.text);
      runs.push(p);
    }
    perInput[inp.key] = {
      first_paste: first.rendered,
      rendered: stats(runs.map((r) => r.rendered)),
      next_frame: stats(runs.map((r) => r.frame)),
      status_line_ms: stats(runs.map((r) => r.statusMs).filter((x) => x !== null)),
      // Where the paste's time goes (ms after the paste, medians): text area value set, the
      // app's input handler returned, #results in phase "running", in phase "done".
      steps: Object.fromEntries(
        Object.keys(runs[0].steps).map((k) => [k, r3(median(runs.map((r) => r.steps[k]).filter((x) => x !== null)))]),
      ),
    };
    console.error(`  ${inp.key}: median ${median(runs.map((r) => r.rendered)).toFixed(1)} ms`);
  }

  console.error('== open file → rendered');
  for (const inp of INPUTS) {
    const timeout = inp.key === 'large' ? 180000 : 60000;
    const runs = [];
    for (let i = 0; i <= inp.runs; i++) {
      const r = await openFile(b.page, inp.files[i % 2], timeout);
      checkRendered(inp, r.text);
      if (i > 0) runs.push(r.rendered); // the first opening is a warm-up
    }
    perInput[inp.key].open_file = stats(runs);
    console.error(`  ${inp.key}: median ${median(runs).toFixed(1)} ms`);
  }

  // The analysis worker alone, started here with the app's own script and request format.
  console.error('== wasm analysis in the worker (direct)');
  const setup = await b.page.evaluate(async () => {
    const meta = (n) => document.querySelector(`meta[name="${n}"]`);
    const w = meta('bounce-worker')?.content;
    // The English sources the app gives its engine: the page bundle, plus (from ca0907c on)
    // the engine bundle (src/web/locale.rs engine_sources).
    const en = (name) => [...document.querySelectorAll(`meta[name="${name}"]`)].find((m) => m.dataset.lang === 'en')?.content;
    const ftls = [en('bounce-ftl'), en('bounce-engine-ftl')].filter(Boolean);
    if (!w || !ftls.length) return `no worker or en bundle in index.html (worker: ${w})`;
    window.__srcs = await Promise.all(ftls.map(async (f) => (await fetch(new URL(f, document.baseURI))).text()));
    window.__w = new Worker(new URL(w, document.baseURI));
    // Four request formats: serde's (src/web/protocol.rs since batchweb2: each message
    // { Variant: { fields } }: "Ready", then { Locale: { lang, sources } } once and
    // { Analyse: { id, lang, text, redact, report, one } } → { Analysis: { id, analysis, ms } }),
    // the typed protocol's before it (2026-12-02: each
    // message a JS array [variant, fields…]: ["Ready"], then ["Locale", lang, [ftl]] once and
    // ["Analyse", id, lang, text, redact, with report] → ["Analysis", id, view model as a flat
    // array, ms]), the engine's before it (src/web/engine.rs, since
    // ca0907c: ["ready"], then ["locale", lang, [ftl]] once and ["analyse", id, lang, text,
    // redact] → ["reply", id, json]) and the earlier large-input worker's ("ready", [id, lang,
    // [ftl], text] → [id, json]).
    const ok = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), 30000);
      window.__w.onmessage = (e) => {
        if (e.data === 'Ready') {
          clearTimeout(t);
          window.__proto = 'serde';
          window.__w.postMessage({ Locale: { lang: 'en', sources: window.__srcs } });
          resolve(true);
        } else if (Array.isArray(e.data) && e.data[0] === 'Ready') {
          clearTimeout(t);
          window.__proto = 'typed';
          window.__w.postMessage(['Locale', 'en', window.__srcs]);
          resolve(true);
        } else if (e.data === 'ready' || (Array.isArray(e.data) && e.data[0] === 'ready')) {
          clearTimeout(t);
          window.__proto = e.data === 'ready' ? 'v1' : 'engine';
          if (window.__proto === 'engine') window.__w.postMessage(['locale', 'en', window.__srcs]);
          resolve(true);
        }
      };
      window.__w.onerror = () => resolve(false);
    });
    return ok ? 'ok' : 'the worker did not say "ready" within 30 s';
  });
  if (setup !== 'ok') {
    workerNote = setup;
  } else {
    // Request helpers in the page: ask(t) → the worker's answer; timeBatch(t, n) → mean round trip.
    await b.page.evaluate(() => {
      let gen = 0;
      window.__ask = (t) =>
        new Promise((resolve, reject) => {
          const id = ++gen;
          const timer = setTimeout(() => reject(new Error('no reply within 180 s')), 180000);
          const engine = window.__proto === 'engine';
          window.__w.onmessage = (e) => {
            const d = e.data;
            if (window.__proto === 'serde') {
              if (d?.Analysis?.id === id) {
                clearTimeout(timer);
                window.__lastMs = typeof d.Analysis.ms === 'number' ? d.Analysis.ms : null;
                const a = d.Analysis.analysis;
                const recipients = (a?.facts ?? []).map((f, i) => ({
                  facts: { address: a.explanation.recipients[i]?.address, status: f.status, reply_code: f.reply_code },
                }));
                resolve(JSON.stringify({ recipients }));
              }
              return;
            }
            if (window.__proto === 'typed') {
              if (Array.isArray(d) && d[0] === 'Analysis' && d[1] === id) {
                clearTimeout(timer);
                window.__lastMs = typeof d[3] === 'number' ? d[3] : null;
                // The view model's flat array (protocol.rs `Out`): after lang, kind, format,
                // reporting MTA, headline and summary comes the recipient count, then the first
                // recipient's address, action, status and reply code.
                const a = d[2] ?? [];
                const recipients = a[6] > 0 ? [{ facts: { address: a[7], status: a[9], reply_code: a[10] } }] : [];
                resolve(JSON.stringify({ recipients, flat: a }));
              }
              return;
            }
            if (!Array.isArray(d)) return;
            if (engine ? d[0] === 'reply' && d[1] === id : d[0] === id) {
              clearTimeout(timer);
              // From 2026-11-22 (src/web/worker.rs) the engine adds how long it worked on the
              // request, by its own clock: ["reply", id, json, ms].
              window.__lastMs = engine && typeof d[3] === 'number' ? d[3] : null;
              resolve(engine ? d[2] : d[1]);
            }
          };
          if (window.__proto === 'serde') {
            window.__w.postMessage({ Analyse: { id, lang: 'en', text: t, redact: false, report: false, one: true } });
            return;
          }
          if (window.__proto === 'typed') {
            window.__w.postMessage(['Analyse', id, 'en', t, false, false]);
            return;
          }
          window.__w.postMessage(engine ? ['analyse', id, 'en', t, false] : [id, 'en', window.__srcs, t]);
        });
      // Mean round trip of `batch` requests; the mean of the engine's own times goes to
      // window.__batchEngineMs (null when the engine does not report them).
      window.__timeBatch = async (t, batch) => {
        let engineMs = 0;
        const t0 = performance.now();
        for (let j = 0; j < batch; j++) {
          await window.__ask(t);
          engineMs = window.__lastMs == null || engineMs == null ? null : engineMs + window.__lastMs;
        }
        window.__batchEngineMs = engineMs == null ? null : engineMs / batch;
        return (performance.now() - t0) / batch;
      };
    });
    for (const inp of INPUTS) {
      const cal = await b.page.evaluate(
        async ({ key, minBatchMs, maxBatch }) => {
          const text = window.__texts[key + '0'];
          try {
            const reply = await window.__ask(text);
            await window.__ask('');
            const once = await window.__timeBatch(text, 1);
            // The batch sizes from the faster of two single requests (a first slow one must not
            // make batches too short).
            const one = async (t) => Math.min(await window.__timeBatch(t, 1), await window.__timeBatch(t, 1));
            const size = (ms) => Math.max(1, Math.min(maxBatch, Math.ceil(minBatchMs / Math.max(ms, 0.005))));
            const batch = size(Math.min(once, await one(text)));
            const baseBatch = size(await one(''));
            // The first recipient's facts: in the view model (up to ca0907c), or in the core's
            // report, which crosses as the CLI's JSON in the `json` field (from 03d441b).
            // The answer is the view model's JSON: a string until 2026-11-23, UTF-8 bytes (a
            // Uint8Array) from then on.
            let facts;
            let plain;
            let answerBytes;
            try {
              const json = typeof reply === 'string' ? reply : new TextDecoder().decode(reply);
              answerBytes = typeof reply === 'string' ? new TextEncoder().encode(reply).length : reply.byteLength;
              const a = JSON.parse(json);
              facts = a.recipients?.[0]?.facts ?? (typeof a.json === 'string' ? JSON.parse(a.json).recipients?.[0] : null) ?? {};
              plain = a.plain ?? null;
            } catch {
              return { error: 'the reply is not the expected JSON (request format changed?)' };
            }
            return { batch, baseBatch, facts, plain, answerBytes, proto: window.__proto };
          } catch (e) {
            return { error: String(e) };
          }
        },
        { key: inp.key, minBatchMs: BATCH_MS, maxBatch: MAX_BATCH },
      );
      if (cal.error) {
        workerNote = `worker (${inp.key}): ${cal.error}`;
        break;
      }
      const facts = cal.facts;
      if ((inp.expect.address && facts.address !== inp.expect.address) || !inp.expect.codes.includes(facts.status ?? facts.reply_code)) {
        fail(`the worker's analysis of ${inp.key} is wrong: ${JSON.stringify(facts)}`);
      }
      // Same work as the native side: the explanation the app copies (and, while the answer
      // carried it, the worker's plain text) equals the native one.
      const samePlain = cal.plain == null ? null : cal.plain === inp.native.plain;
      if (samePlain === false) console.error(`  warning: the worker's plain-text explanation of ${inp.key} differs from the native one`);
      const sameCopied = copied[inp.key] == null ? null : copied[inp.key] === inp.native.plain;
      if (sameCopied === false) console.error(`  warning: the copied explanation of ${inp.key} differs from the native one`);
      // Rounds: a batch in the worker, a batch of the same request with an empty text (the
      // round trip's fixed cost: posting, the answer's JSON, waking the worker), then a native
      // sample of the same file in a fresh process (examples/timing.rs, 3 samples, median), so
      // wasm and native are measured side by side in time on the shared machine.
      const samples = [];
      const engineSamples = [];
      const pairedEngine = [];
      const pairedEngineSame = [];
      const baseline = [];
      const paired = [];
      const pairedSame = [];
      const rounds = inp.key === 'large' ? inp.runs : ROUNDS;
      for (let i = 0; i < rounds; i++) {
        const w = await b.page.evaluate(
          async ({ key, batch, baseBatch }) => ({
            t: await window.__timeBatch(window.__texts[key + '0'], batch),
            engine: window.__batchEngineMs,
            base: await window.__timeBatch('', baseBatch),
          }),
          { key: inp.key, batch: cal.batch, baseBatch: cal.baseBatch },
        );
        const n = JSON.parse(execFileSync(TIMING, ['--runs', '3', inp.file], { encoding: 'utf8', maxBuffer: 16 << 20 })).files[0];
        samples.push(w.t);
        if (w.engine != null) {
          engineSamples.push(w.engine);
          pairedEngine.push(w.engine / n.app_work.median_ms);
          if (n.worker_work) pairedEngineSame.push(w.engine / n.worker_work.median_ms);
        }
        baseline.push(w.base);
        inp.nativeRounds ??= { analyze_explain: [], app_work: [], worker_work: [] };
        inp.nativeRounds.analyze_explain.push(n.analyze_explain.median_ms);
        inp.nativeRounds.app_work.push(n.app_work.median_ms);
        paired.push(Math.max(0, w.t - w.base) / n.app_work.median_ms);
        // examples/timing.rs from 2026-11-22 22:40 on: the worker's own code compiled natively.
        if (n.worker_work) {
          inp.nativeRounds.worker_work.push(n.worker_work.median_ms);
          pairedSame.push(Math.max(0, w.t - w.base) / n.worker_work.median_ms);
        }
      }
      const base = median(baseline);
      perInput[inp.key].worker = {
        round_trip: { ...stats(samples), batch: cal.batch },
        empty_request: { ...stats(baseline), batch: cal.baseBatch },
        net_median: Math.max(0, median(samples) - base),
        net_min: Math.max(0, Math.min(...samples) - Math.min(...baseline)),
        // The engine's own clock per request (batch means), and its ratios to native per round.
        engine_clock: stats(engineSamples),
        paired_ratio_engine_clock: stats(pairedEngine),
        paired_ratio_engine_clock_same_code: stats(pairedEngineSame),
        paired_ratio: stats(paired),
        paired_ratio_same_code: stats(pairedSame),
        same_plain_text_as_native: samePlain,
        copied_text_same_as_native: sameCopied,
        answer_bytes: cal.answerBytes,
        protocol: cal.proto,
      };
      console.error(
        `  ${inp.key}: median ${median(samples).toFixed(3)} ms (batch ${cal.batch}), empty request ${base.toFixed(3)} ms, native ${median(inp.nativeRounds.app_work).toFixed(3)} ms`,
      );
    }
  }
  console.error('== reference: the same text in a bare <textarea>');
  for (const inp of INPUTS) {
    perInput[inp.key].bare_textarea = await bareTextarea(b.context, inp, Math.min(inp.runs, 5));
    console.error(`  ${inp.key}: median ${perInput[inp.key].bare_textarea.next_frame.median.toFixed(1)} ms`);
  }
  if (b.errors.length) console.error(`page errors: ${b.errors.join(' | ')}`);
} finally {
  await b.close();
  server.close();
}

// The native medians: the samples taken in the rounds next to the worker's (when measured),
// pooled with the first run's.
for (const inp of INPUTS) {
  if (!inp.nativeRounds) continue;
  for (const k of ['analyze_explain', 'app_work', 'worker_work']) {
    if (!inp.native[k]) continue;
    const all = [...inp.native[k].samples_ms, ...inp.nativeRounds[k]].sort((x, y) => x - y);
    inp.native[k] = { median_ms: median(all), min_ms: all[0], max_ms: all[all.length - 1], first_run: inp.native[k], rounds_ms: inp.nativeRounds[k] };
  }
}

// ---- report --------------------------------------------------------------------------------
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const machine = {
  cpu: cpus()[0]?.model ?? null,
  cores: cpus().length,
  memory_gib: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  chromium: sh(CHROME, ['--version']),
  node: process.version,
  rustc: sh('rustc', ['--version']),
  loadavg_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
const commit = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
const wasmFiles = assets.filter((a) => a.file.endsWith('.wasm')).map((a) => a.file);
const coldStats = {
  ready: stats(cold.map((c) => c.ready)),
  engine_ready: stats(cold.map((c) => c.engine_ready)),
  warmed_up: stats(cold.map((c) => c.warmed_up)),
  dom_content_loaded: stats(cold.map((c) => c.dom_content_loaded)),
  node_wall: stats(cold.map((c) => c.node_wall_ms)),
  first_paste_typical: stats(cold.map((c) => c.first_paste_typical)),
  first_explanation: stats(cold.map((c) => c.first_explanation)),
  transferred_bytes: median(cold.map((c) => c.transferred_bytes)),
  page_errors: [...new Set(cold.flatMap((c) => c.errors))],
};
const rows = INPUTS.map((inp) => {
  const p = perInput[inp.key];
  const nat = inp.native.analyze_explain.median_ms;
  const natApp = inp.native.app_work.median_ms;
  const natSame = inp.native.worker_work?.median_ms ?? null;
  const wasm = p.worker?.net_median ?? null;
  const status = p.status_line_ms.median;
  return {
    input: inp.key,
    label: inp.label,
    bytes: inp.bytes,
    native_analyze_explain_ms: r3(nat),
    native_app_work_ms: r3(natApp),
    // The worker's own per-request code (web::analysis::run + the view model's JSON), natively.
    native_worker_work_ms: r3(natSame),
    native_first_call_ms: r3(inp.native.first_ms),
    wasm_worker_net_ms: r3(wasm),
    wasm_worker_round_trip_ms: r3(p.worker?.round_trip.median ?? null),
    wasm_worker_empty_request_ms: r3(p.worker?.empty_request.median ?? null),
    app_status_line_ms: status,
    paste_to_rendered_ms: r3(p.rendered.median),
    paste_to_next_frame_ms: r3(p.next_frame.median),
    paste_steps_ms: p.steps,
    open_file_to_rendered_ms: r3(p.open_file?.median ?? null),
    bare_textarea_next_frame_ms: r3(p.bare_textarea?.next_frame.median ?? null),
    first_paste_ms: r3(p.first_paste),
    // Median over the rounds of (worker net time ÷ native app work measured right after it).
    ratio_wasm_worker_to_native_app_work: p.worker == null ? null : Math.round(p.worker.paired_ratio.median * 100) / 100,
    ratio_quartiles: p.worker == null ? null : [quantile(p.worker.paired_ratio.runs, 0.25), quantile(p.worker.paired_ratio.runs, 0.75)].map((x) => Math.round(x * 100) / 100),
    // The same, against the worker's own code compiled natively (rounds' median, quartiles).
    ratio_wasm_worker_to_native_worker_work: !p.worker?.paired_ratio_same_code.n ? null : Math.round(p.worker.paired_ratio_same_code.median * 100) / 100,
    ratio_quartiles_same_code: !p.worker?.paired_ratio_same_code.n
      ? null
      : [quantile(p.worker.paired_ratio_same_code.runs, 0.25), quantile(p.worker.paired_ratio_same_code.runs, 0.75)].map((x) => Math.round(x * 100) / 100),
    wasm_engine_clock_ms: r3(p.worker?.engine_clock.median ?? null),
    ratio_engine_clock_to_native_app_work: !p.worker?.paired_ratio_engine_clock.n ? null : Math.round(p.worker.paired_ratio_engine_clock.median * 100) / 100,
    ratio_engine_clock_to_native_worker_work: !p.worker?.paired_ratio_engine_clock_same_code.n
      ? null
      : Math.round(p.worker.paired_ratio_engine_clock_same_code.median * 100) / 100,
    ratio_quartiles_engine_clock_same_code: !p.worker?.paired_ratio_engine_clock_same_code.n
      ? null
      : [quantile(p.worker.paired_ratio_engine_clock_same_code.runs, 0.25), quantile(p.worker.paired_ratio_engine_clock_same_code.runs, 0.75)].map((x) => Math.round(x * 100) / 100),
    ratio_of_medians_wasm_worker_to_native_app_work: wasm == null ? null : Math.round((wasm / natApp) * 100) / 100,
    // Best worker sample against the best native sample of the same rounds.
    ratio_min_wasm_worker_to_native_app_work:
      p.worker == null ? null : Math.round((p.worker.net_min / Math.min(...inp.native.app_work.rounds_ms)) * 100) / 100,
    ratio_wasm_worker_to_native_analyze_explain: wasm == null ? null : Math.round((wasm / nat) * 100) / 100,
    ratio_app_status_to_native_app_work: status == null || status < 5 ? null : Math.round((status / natApp) * 100) / 100,
    runs: inp.runs,
    detail: { browser: p, native: { analyze_explain: inp.native.analyze_explain, app_work: inp.native.app_work, worker_work: inp.native.worker_work ?? null } },
  };
});
const result = {
  date: new Date().toISOString(),
  commit,
  dist: DIST,
  dist_built: DIST_BUILT,
  label: LABEL,
  wasm_files: wasmFiles,
  machine,
  app_warm_up_ms: warmupMs,
  clock,
  batch_ms: BATCH_MS,
  isolated: ISOLATED,
  worker_note: workerNote,
  cold_load: coldStats,
  inputs: rows,
  assets,
  assets_total: assetTotal,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');

const f = (x, d = 1) => (x == null ? '–' : x.toFixed(d));
const out = [];
out.push(`Browser benchmark${LABEL ? ` [${LABEL}]` : ''}, ${result.date} (work tree at ${commit}, web build of ${DIST_BUILT}; ${machine.chromium}; ${machine.cpu}, ${machine.cores} cores; load ${machine.loadavg_at_end})`);
out.push('');
out.push(`| cold load, ${COLD} fresh profiles, cache off | median ms | min–max |`);
out.push('|---|---:|---:|');
out.push(`| navigation start → app interactive | ${f(coldStats.ready.median, 0)} | ${f(coldStats.ready.min, 0)}–${f(coldStats.ready.max, 0)} |`);
if (coldStats.engine_ready.n) out.push(`| navigation start → analysis engine ready (data-engine) | ${f(coldStats.engine_ready.median, 0)} | ${f(coldStats.engine_ready.min, 0)}–${f(coldStats.engine_ready.max, 0)} |`);
if (coldStats.warmed_up.n) out.push(`| navigation start → engine warmed up (data-warmup-ms) | ${f(coldStats.warmed_up.median, 0)} | ${f(coldStats.warmed_up.min, 0)}–${f(coldStats.warmed_up.max, 0)} |`);
out.push(`| navigation start → DOMContentLoaded | ${f(coldStats.dom_content_loaded.median, 0)} | ${f(coldStats.dom_content_loaded.min, 0)}–${f(coldStats.dom_content_loaded.max, 0)} |`);
out.push(`| navigation start → first explanation (typical pasted when interactive) | ${f(coldStats.first_explanation.median, 0)} | ${f(coldStats.first_explanation.min, 0)}–${f(coldStats.first_explanation.max, 0)} |`);
out.push(`| first paste (typical) right after, → rendered | ${f(coldStats.first_paste_typical.median, 1)} | ${f(coldStats.first_paste_typical.min, 1)}–${f(coldStats.first_paste_typical.max, 1)} |`);
out.push('');
out.push('| input | bytes | native analyze+explain ms | native app work ms | wasm in worker, net ms | wasm ÷ native (paired rounds: median, quartiles) | wasm ÷ native, best runs | app status line ms | paste → rendered ms | open file → rendered ms | first paste ms |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const d = r.bytes > 1e5 ? 1 : 3;
  out.push(
    `| ${r.label} | ${r.bytes} | ${f(r.native_analyze_explain_ms, d)} | ${f(r.native_app_work_ms, d)} | ${f(r.wasm_worker_net_ms, d)} | ${f(r.ratio_wasm_worker_to_native_app_work, 2)}× (${r.ratio_quartiles ? r.ratio_quartiles.map((x) => f(x, 1)).join('–') : '–'}) | ${f(r.ratio_min_wasm_worker_to_native_app_work, 2)}× | ${r.app_status_line_ms ?? '–'} | ${f(r.paste_to_rendered_ms, 1)} | ${f(r.open_file_to_rendered_ms, 1)} | ${f(r.first_paste_ms, 1)} |`,
  );
}
if (rows.some((r) => r.native_worker_work_ms != null || r.wasm_engine_clock_ms != null)) {
  // The same rounds, two more ways: the engine's own clock (no waiting for threads) and the
  // worker's own code compiled natively (examples/timing.rs worker_work).
  const q = (a) => (a ? a.map((x) => f(x, 1)).join('–') : '–');
  out.push('');
  out.push("| input | native app work ms | native, the worker's own code ms | wasm net (round trip − empty) ms | wasm, engine's own clock ms | wasm net ÷ native app work | engine clock ÷ native app work | engine clock ÷ native same code (quartiles) | wasm net ÷ native same code (quartiles) |");
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const d = r.bytes > 1e5 ? 1 : 3;
    out.push(
      `| ${r.input} | ${f(r.native_app_work_ms, d)} | ${f(r.native_worker_work_ms, d)} | ${f(r.wasm_worker_net_ms, d)} | ${f(r.wasm_engine_clock_ms, d)} | ${f(r.ratio_wasm_worker_to_native_app_work, 2)}× | ${f(r.ratio_engine_clock_to_native_app_work, 2)}× | ${f(r.ratio_engine_clock_to_native_worker_work, 2)}× (${q(r.ratio_quartiles_engine_clock_same_code)}) | ${f(r.ratio_wasm_worker_to_native_worker_work, 2)}× (${q(r.ratio_quartiles_same_code)}) |`,
    );
  }
}
out.push('');
out.push('| input | worker round trip ms | empty-text request ms | paste: value set ms | input handler returned ms | phase "running" ms | phase "done" + summary ms | next frame ms | bare textarea, same text ms |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const s = r.paste_steps_ms;
  out.push(
    `| ${r.input} | ${f(r.wasm_worker_round_trip_ms, 3)} | ${f(r.wasm_worker_empty_request_ms, 3)} | ${f(s.set_value, 1)} | ${f(s.input_handler, 1)} | ${f(s.phase_running, 1)} | ${f(s.phase_done, 1)} | ${f(r.paste_to_next_frame_ms, 1)} | ${f(r.bare_textarea_next_frame_ms, 1)} |`,
  );
}
out.push('');
out.push('| asset (dist/) | bytes | gzip -9 | brotli 11 |');
out.push('|---|---:|---:|---:|');
for (const a of assets) out.push(`| ${a.file} | ${a.bytes} | ${a.gzip} | ${a.brotli} |`);
out.push(`| all ${assets.length} files | ${assetTotal.bytes} | ${assetTotal.gzip} | ${assetTotal.brotli} |`);
if (workerNote) out.push('', `worker not measured: ${workerNote}`);
else
  out.push(
    '',
    `copied explanation (plain text) identical to the native one: ${rows.map((r) => `${r.input} ${({ true: 'yes', false: 'NO', null: '?' })[String(r.detail.browser.worker?.copied_text_same_as_native ?? null)]}`).join(', ')}` +
      `; the worker's own plain text (answers before 2026-11-23): ${rows.map((r) => `${r.input} ${({ true: 'yes', false: 'NO', null: 'not in the answer' })[String(r.detail.browser.worker?.same_plain_text_as_native ?? null)]}`).join(', ')}`,
    `answer size (bytes): ${rows.map((r) => `${r.input} ${r.detail.browser.worker?.answer_bytes ?? '–'}`).join(', ')}; worker batches (requests): ${rows.map((r) => `${r.input} ${r.detail.browser.worker?.round_trip.batch ?? '–'}`).join(', ')}`,
  );
if (clock) out.push('', `clock: performance.now() moves in steps of ${clock.resolution_ms.toFixed(4)} ms here (cross-origin isolated: ${clock.cross_origin_isolated}); the engine's own times are means over the batches above`);
if (warmupMs != null) out.push('', `app idle warm-up (data-warmup-ms): ${warmupMs} ms`);
console.log(out.join('\n'));
console.error(`written: ${relative(ROOT, OUT)}`);
