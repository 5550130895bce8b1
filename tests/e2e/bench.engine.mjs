// Analysis speed of the browser's engine, builds side by side (issue 16): each build's analysis
// worker (`<meta name="bounce-worker">`) is started in a Chromium page and sent the same inputs;
// the time is the engine's own clock (the 4th item of an `analyse` reply: from the message to the
// answer's JS string, src/web/worker.rs), the mean over a batch of requests. Builds take turns
// batch by batch (round robin), so they see the same moments of a shared machine.
//   node tests/e2e/bench.engine.mjs --dist LABEL=DIR [--dist LABEL=DIR ...] [--rounds 15]
// Inputs: the reply line `554 5.7.1 You are not allowed to connect`, www/examples/user-unknown.eml
// (typical), and the same DSN with a 1 MiB returned body (large). Prints a Markdown table; writes
// target/bench/engine.json.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { CHROMIUM_ARGS, ROOT } from './helpers.mjs';

const argv = process.argv.slice(2);
const dists = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--dist') dists.push(argv[++i].split(/=(.*)/s).slice(0, 2));
const roundsArg = argv.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 15;
if (!dists.length) {
  console.error('usage: node tests/e2e/bench.engine.mjs --dist LABEL=DIR [--dist LABEL=DIR ...] [--rounds N]');
  process.exit(2);
}
const typical = readFileSync(join(ROOT, 'www', 'examples', 'user-unknown.eml'), 'utf8').replace(/\r\n?/g, '\n');
const line = 'Returned message body line with some words in it, 64 bytes long.\n';
const INPUTS = [
  { key: 'reply line', text: '554 5.7.1 You are not allowed to connect', ms: 300 },
  { key: 'typical', text: typical, ms: 300 },
  { key: 'large (1 MiB)', text: typical + line.repeat(16384), ms: 600 },
];

const profile = mkdtempSync(join(tmpdir(), 'bounce-engine-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const builds = [];
for (const [label, dir] of dists) {
  const { server, url } = await serve({ dir });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.empty-state');
  const ok = await page.evaluate(async () => {
    const meta = (n) => document.querySelector(`meta[name="${n}"]`)?.content;
    const en = (name) => [...document.querySelectorAll(`meta[name="${name}"]`)].find((m) => m.dataset.lang === 'en')?.content;
    const srcs = await Promise.all([en('bounce-ftl'), en('bounce-engine-ftl')].map(async (f) => (await fetch(new URL(f, document.baseURI))).text()));
    window.__w = new Worker(new URL(meta('bounce-worker'), document.baseURI));
    const ready = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), 60000);
      window.__w.onmessage = (e) => {
        // Builds before the typed protocol (src/web/protocol.rs) tag in lower case; builds since
        // serde's wire form (batchweb2) post "Ready", then { Variant: { fields } }.
        if (e.data === 'Ready') {
          window.__serde = true;
          clearTimeout(t);
          resolve(true);
        } else if (e.data?.[0] === 'ready' || e.data?.[0] === 'Ready') {
          window.__typed = e.data[0] === 'Ready';
          clearTimeout(t);
          resolve(true);
        }
      };
    });
    if (!ready) return false;
    const tag = (t) => (window.__typed ? t[0].toUpperCase() + t.slice(1) : t);
    const analyse = (id, text) =>
      window.__serde
        ? { Analyse: { id, lang: 'en', text, redact: false, report: false, one: true } }
        : [tag('analyse'), id, 'en', text, false, false];
    window.__w.postMessage(window.__serde ? { Locale: { lang: 'en', sources: srcs } } : [tag('locale'), 'en', srcs]);
    // One batch: `n` analyses of `text`, or as many as fit in `ms`; the engine's mean ms.
    window.__batch = (text, ms) =>
      new Promise((resolve) => {
        let id = 0;
        let sum = 0;
        let n = 0;
        const t0 = performance.now();
        window.__w.onmessage = (e) => {
          if (window.__serde) {
            if (!e.data?.Analysis) return;
            if (e.data.Analysis.analysis == null) return resolve(NaN);
            sum += e.data.Analysis.ms;
          } else {
            if (e.data?.[0] !== (window.__typed ? 'Analysis' : 'reply')) return;
            if (window.__typed ? e.data[2] == null : typeof e.data[2] !== 'string') return resolve(NaN);
            sum += e.data[3];
          }
          n += 1;
          if (performance.now() - t0 < ms || n < 3) window.__w.postMessage(analyse(++id, text));
          else resolve(sum / n);
        };
        window.__w.postMessage(analyse(++id, text));
      });
    // Warm up: the patterns, the locale, the first answers.
    await window.__batch('554 5.7.1 You are not allowed to connect', 500);
    return true;
  });
  if (!ok) throw new Error(`${label}: the engine did not start`);
  builds.push({ label, dir, server, page, samples: Object.fromEntries(INPUTS.map((i) => [i.key, []])) });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const inp of INPUTS) {
    const order = r % 2 ? [...builds].reverse() : builds;
    for (const b of order) b.samples[inp.key].push(await b.page.evaluate(({ text, ms }) => window.__batch(text, ms), inp));
  }
  process.stderr.write(`round ${r + 1}/${ROUNDS}, load ${loadavg()[0].toFixed(1)}\n`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = ['| input | ' + builds.map((b) => `${b.label} ms`).join(' | ') + ' | ' + builds.slice(1).map((b) => `${b.label} ÷ ${builds[0].label} (quartiles of rounds)`).join(' | ') + ' |'];
rows.push('|---|' + builds.map(() => '---:').join('|') + '|' + builds.slice(1).map(() => '---:').join('|') + '|');
for (const inp of INPUTS) {
  const cells = builds.map((b) => median(b.samples[inp.key]).toFixed(3));
  const ratios = builds.slice(1).map((b) => {
    const rs = b.samples[inp.key].map((v, i) => v / builds[0].samples[inp.key][i]).sort((x, y) => x - y);
    return `${median(rs).toFixed(2)}× (${rs[Math.floor(rs.length / 4)].toFixed(2)}–${rs[Math.floor((3 * rs.length) / 4)].toFixed(2)})`;
  });
  rows.push(`| ${inp.key} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
}
console.log(rows.join('\n'));
mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'bench', 'engine.json'), JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, builds: builds.map(({ label, dir, samples }) => ({ label, dir, samples })) }, null, 2) + '\n');
await context.close();
for (const b of builds) b.server.close();
rmSync(profile, { recursive: true, force: true });
