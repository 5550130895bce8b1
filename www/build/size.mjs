// Measures the built app in dist/, raw and gzip -9, for each locale, in two sets:
//   first load      — what the page fetches to render and be usable: its wasm, JS glue,
//                     boot.js, CSS and the active locale's page bundle (the 250 KB budget);
//   analysis engine — the worker (wasm, JS, loader) and the active locale's explanation
//                     bundle, fetched right after the first render; needed for the first
//                     explanation, not for the page to appear.
// Usage: node www/build/size.mjs [dist] [--check]   (--check: exit 1 if the first load is over
// the 250 KB budget). Also writes tests/artifacts/size.json.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET = 250 * 1000;
const dist = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const attr = (re) => (html.match(re) ?? [])[1];
const size = (f) => {
  const b = readFileSync(join(dist, f));
  return { file: f, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
};
const sum = (files) => files.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
const metas = (name) => new Map([...html.matchAll(new RegExp(`name="${name}" data-lang="([^"]+)" content="([^"]+)"`, 'g'))].map((m) => [m[1], m[2]]));

const shell = [
  size(attr(/data-wasm="\.?\/?([^"]+)"/)),
  size(attr(/data-js="\.?\/?([^"]+)"/)),
  size('boot.js'),
  size(attr(/rel="stylesheet" href="\.?\/?([^"]+)"/)),
];
const worker = readdirSync(dist).filter((f) => f.startsWith('bounce-worker')).sort().map(size);
const pageBundles = metas('bounce-ftl');
const engineBundles = metas('bounce-engine-ftl');
const report = { budget_gzip: BUDGET, shell, worker, index_html: size('index.html'), locales: {} };
let worst = 0;
const row = (label, f) => console.log(`  ${label.padEnd(50)} ${String(f.bytes).padStart(9)} ${String(f.gzip).padStart(8)}`);
console.log('first load: page wasm + JS + CSS + the locale\'s page bundle (bytes raw / gzip -9)');
for (const f of shell) row(f.file, f);
for (const [lang, file] of pageBundles) {
  const bundle = size(file);
  row(file, bundle);
  const total = sum([...shell, bundle]);
  row(`= first load, ${lang}`, total);
  report.locales[lang] = { page_bundle: bundle, first_load: total };
  worst = Math.max(worst, total.gzip);
}
console.log('analysis engine: worker + the locale\'s explanation bundle, fetched after the first render');
for (const f of worker) row(f.file, f);
for (const [lang, file] of engineBundles) {
  const bundle = size(file);
  row(file, bundle);
  const total = sum([...worker, bundle]);
  row(`= analysis engine, ${lang}`, total);
  if (report.locales[lang]) Object.assign(report.locales[lang], { engine_bundle: bundle, engine: total });
}
console.log(`first-load budget ${BUDGET} gzip: ${worst <= BUDGET ? `within (largest ${worst})` : 'OVER by ' + (worst - BUDGET)}`);
mkdirSync('tests/artifacts', { recursive: true });
writeFileSync('tests/artifacts/size.json', JSON.stringify(report, null, 2) + '\n');
if (process.argv.includes('--check') && worst > BUDGET) process.exit(1);
