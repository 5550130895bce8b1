// First-visit benchmark (issue 16): a help-desk agent opens the app for the first time and pastes
// a bounce the moment the text box exists. For each network profile and compression, an old and
// a new build take turns (old, new, then new, old, ...), each run in a new Chromium with a fresh
// profile. Measured:
//   - text box: navigation start → `#bounce-input` exists (the paste is made then);
//   - first explanation: navigation start → the explanation of tests/fixtures/user-unknown.eml is
//     rendered (`#results` phase done, reply code 550 highlighted);
//   - distinct bytes on the wire before the first explanation: the compressed bodies the server
//     finished sending before the explanation rendered, each file counted once; also the whole
//     first visit's bytes (until the service worker is ready: its precaching included) and every
//     file sent twice;
//   - serial round trips: the longest chain of requests, before the first explanation, each made
//     after the previous one had been answered (from the server's log);
//   - a repeat visit (the same profile, a new tab): the first explanation again and every request
//     the server saw (the service worker's own update check of sw.js is listed apart).
// The timed first visit runs with service workers blocked (see run() below); a second fresh
// browser, with the service worker, gives the whole first visit's bytes and the repeat visit.
// The network is throttled by the browser (DevTools protocol: Network.emulateNetworkConditions
// on the page, which also covers its dedicated workers' requests). The server (tests/e2e/server.mjs,
// `encoding`) sends every file compressed (its precompressed copy, else brotli 11 / gzip -9 on the
// fly) with the cache headers of README "Deploying".
//
//   node tests/e2e/bench.cold.mjs --old DIR --new DIR [--runs 3] [--networks loopback,4g,3g]
//        [--encodings br,gzip] [--out target/bench/cold.json]
// scripts/bench-cold.sh wraps it (and builds the old build from a git revision).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { serve } from './server.mjs';
import { CHROMIUM_ARGS, ROOT } from './helpers.mjs';

const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const builds = [
  { label: arg('old-label', 'old'), dir: arg('old') },
  { label: arg('new-label', 'new'), dir: arg('new') },
].filter((b) => b.dir);
if (!builds.length) {
  console.error('usage: node tests/e2e/bench.cold.mjs --old DIR --new DIR [--runs N] [--networks loopback,4g,3g] [--encodings br,gzip]');
  process.exit(2);
}
const RUNS = Number(arg('runs', 3));
const NETWORKS = {
  loopback: null,
  '4g': { latency: 170, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (9e6 / 8) | 0 },
  '3g': { latency: 560, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (0.75e6 / 8) | 0 },
};
const networks = arg('networks', 'loopback,4g,3g').split(',');
const encodings = arg('encodings', 'br,gzip').split(',');
const out = arg('out', join(ROOT, 'target', 'bench', 'cold.json'));
const TEXT = readFileSync(join(ROOT, 'www', 'examples', 'user-unknown.eml'), 'utf8').replace(/\r\n/g, '\n');
const epoch = () => performance.timeOrigin + performance.now();

// Runs in the page before its scripts: pastes the text the moment the text box exists and
// records when (epoch ms) the text box appeared and the explanation was rendered.
const PROBE = (text) => {
  const b = (window.__bench = { textbox: null, explained: null, engine: null, warmup: null });
  const at = () => performance.timeOrigin + performance.now();
  const check = () => {
    const ta = document.querySelector('#bounce-input');
    if (ta && b.textbox === null) {
      b.textbox = at();
      ta.value = text;
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    if (b.engine === null && document.documentElement.dataset.engine === 'ready') b.engine = at();
    if (b.warmup === null && document.documentElement.dataset.warmupMs !== undefined) b.warmup = Number(document.documentElement.dataset.warmupMs);
    const r = document.querySelector('#results');
    if (b.textbox !== null && b.explained === null && r?.dataset.phase === 'done' && r.querySelector('.summary') && r.querySelector('pre.source mark.hl-reply-code')?.textContent === '550') {
      b.explained = at();
      mo.disconnect();
    }
  };
  const mo = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', check);
  mo.observe(document, { childList: true, subtree: true, attributes: true });
};

// The page's conditions cover its dedicated workers' requests too (the old build's worker fetches
// its wasm itself: 664 KB took 16 s at "3G", not the 0.1 s of loopback); the service worker's
// requests are not throttled (its precaching takes the same time on every profile).
async function throttle(context, page, conditions) {
  if (!conditions) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable', {});
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
}

// The longest chain of requests each made after the previous one had been answered.
function serialChain(entries) {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  const depth = sorted.map(() => 1);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = 0; j < i; j++) if (sorted[j].end <= sorted[i].start) depth[i] = Math.max(depth[i], depth[j] + 1);
  }
  return Math.max(0, ...depth);
}

const distinct = (entries) => {
  const seen = new Map();
  for (const e of entries) if (e.status === 200) seen.set(e.path, Math.max(seen.get(e.path) ?? 0, e.bytes));
  return [...seen.values()].reduce((a, b) => a + b, 0);
};

async function visit(context, url, log, conditions) {
  const page = await context.newPage();
  await throttle(context, page, conditions);
  await page.addInitScript(PROBE, TEXT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const nav = epoch();
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.explained, null, { timeout: 120000, polling: 50 });
  const b = await page.evaluate(() => window.__bench);
  return { page, nav, textbox: b.textbox, explained: b.explained, engine: b.engine, warmup: b.warmup, errors };
}

// One run, two new browsers with fresh profiles, both throttled:
//   1. the first visit with service workers blocked: the page's critical path alone. (Chromium's
//      DevTools throttling does not cover a service worker's requests, so a service worker that
//      precaches at once — the old build's — would fetch the engine unthrottled and the page then
//      take it from the HTTP cache);
//   2. the first visit with the service worker (its whole bytes, files sent twice), then a repeat
//      visit in a new tab of the same profile.
async function run(build, server, log, network, conditions) {
  const launchFresh = async (serviceWorkers) => {
    const profile = mkdtempSync(join(tmpdir(), 'bounce-cold-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'en-US',
      serviceWorkers,
    });
    return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
  };
  const a = await launchFresh('block');
  let first;
  let before;
  try {
    log.length = 0;
    first = await visit(a.context, server.url, log, conditions);
    before = log.filter((e) => e.end <= first.explained);
  } finally {
    await a.close();
  }
  const b = await launchFresh('allow');
  try {
    log.length = 0;
    const withSw = await visit(b.context, server.url, log, conditions);
    // The rest of the first visit: the service worker installs and precaches.
    await withSw.page.evaluate(() => navigator.serviceWorker?.ready);
    await withSw.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 }).catch(() => {});
    await withSw.page.waitForTimeout(1000);
    const whole = [...log];
    const counts = new Map();
    for (const e of whole) if (e.status === 200) counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
    await withSw.page.close();
    log.length = 0;
    const second = await visit(b.context, server.url, log, conditions);
    await second.page.waitForTimeout(500);
    const repeat = [...log];
    return {
      build: build.label,
      network,
      textbox_ms: first.textbox - first.nav,
      explained_ms: first.explained - first.nav,
      engine_ready_ms: first.engine === null ? null : first.engine - first.nav,
      engine_warmup_ms: first.warmup,
      bytes_before: distinct(before),
      requests_before: before.length,
      serial_round_trips: serialChain(before),
      files_before: [...new Set(before.map((e) => e.path))],
      with_sw_explained_ms: withSw.explained - withSw.nav,
      first_visit_bytes: whole.reduce((acc, e) => acc + e.bytes, 0),
      fetched_twice: twice,
      repeat_explained_ms: second.explained - second.nav,
      repeat_requests: repeat.filter((e) => !e.path.endsWith('/sw.js')).map((e) => `${e.path} ${e.status}`),
      repeat_sw_update_checks: repeat.filter((e) => e.path.endsWith('/sw.js')).length,
      // (With service workers blocked, Playwright's register() gives no registration: boot.js's
      // reading reg.waiting then fails, in both builds; not an error of the app.)
      errors: [...first.errors.filter((e) => !e.includes("reading 'waiting'")), ...withSw.errors, ...second.errors],
    };
  } finally {
    await b.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const results = [];
const started = new Date().toISOString();
for (const encoding of encodings) {
  const servers = [];
  for (const b of builds) {
    const log = [];
    const server = await serve({ dir: b.dir, encoding, log: (method, path, r) => log.push({ method, path, ...r, start: performance.timeOrigin + r.start, end: performance.timeOrigin + r.end }) });
    servers.push({ b, server, log });
  }
  for (const network of networks) {
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [...servers].reverse() : servers;
      for (const { b, server, log } of order) {
        const r = await run(b, server, log, network, NETWORKS[network]);
        r.encoding = encoding;
        r.run = i;
        r.load = loadavg()[0];
        results.push(r);
        console.error(
          `${encoding} ${network} ${b.label} #${i}: text box ${r.textbox_ms.toFixed(0)} ms, engine ready ${r.engine_ready_ms?.toFixed(0)} ms (warm-up ${r.engine_warmup_ms} ms), explained ${r.explained_ms.toFixed(0)} ms, ${r.bytes_before} B before (${r.requests_before} requests, ${r.serial_round_trips} serial), repeat ${r.repeat_explained_ms.toFixed(0)} ms with ${r.repeat_requests.length} requests${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`,
        );
      }
    }
  }
  for (const { server } of servers) server.server.close();
}

const rows = [];
rows.push('| network | compression | build | text box ms | first explanation ms | distinct bytes before it | requests / serial round trips | with the service worker: first explanation ms, whole first visit bytes | files sent twice | repeat visit: explanation ms, requests |');
rows.push('|---|---|---|---:|---:|---:|---:|---:|---|---|');
for (const network of networks) {
  for (const encoding of encodings) {
    for (const b of builds) {
      const rs = results.filter((r) => r.network === network && r.encoding === encoding && r.build === b.label);
      if (!rs.length) continue;
      const m = (k) => median(rs.map((r) => r[k]));
      const rng = (k) => `${Math.min(...rs.map((r) => r[k])).toFixed(0)}–${Math.max(...rs.map((r) => r[k])).toFixed(0)}`;
      rows.push(
        `| ${network} | ${encoding} | ${b.label} | ${m('textbox_ms').toFixed(0)} (${rng('textbox_ms')}) | ${m('explained_ms').toFixed(0)} (${rng('explained_ms')}) | ${m('bytes_before').toLocaleString('en')} | ${m('requests_before')} / ${m('serial_round_trips')} | ${m('with_sw_explained_ms').toFixed(0)}, ${m('first_visit_bytes').toLocaleString('en')} | ${[...new Set(rs.flatMap((r) => r.fetched_twice))].join(', ') || '—'} | ${m('repeat_explained_ms').toFixed(0)}, ${Math.max(...rs.map((r) => r.repeat_requests.length))} (+${Math.max(...rs.map((r) => r.repeat_sw_update_checks))} sw.js check) |`,
      );
    }
    if (builds.length === 2) {
      const ratios = [];
      for (let i = 0; i < RUNS; i++) {
        const o = results.find((r) => r.network === network && r.encoding === encoding && r.build === builds[0].label && r.run === i);
        const n = results.find((r) => r.network === network && r.encoding === encoding && r.build === builds[1].label && r.run === i);
        if (o && n) ratios.push(n.explained_ms / o.explained_ms);
      }
      if (ratios.length) rows.push(`| ${network} | ${encoding} | ${builds[1].label} ÷ ${builds[0].label} | | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | | | | | |`);
    }
  }
}
console.log(rows.join('\n'));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ started, builds, networks: Object.fromEntries(networks.map((n) => [n, NETWORKS[n]])), encodings, runs: RUNS, results }, null, 2) + '\n');
console.error(`written ${out}`);
