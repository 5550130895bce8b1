// Measures the built app in dist/, raw, gzip -9 and brotli 11, for each locale, in three sets:
//   first load      — what the page fetches to render and be usable: its wasm, JS glue,
//                     boot.js, CSS and the active locale's page bundle (the 250 KB budget);
//   analysis engine — the worker (wasm, JS) and the active locale's explanation bundle,
//                     fetched with the page (www/boot.js); needed for the first explanation,
//                     not for the page to appear;
//   full engine     — the engine with every charset, fetched only for an input that needs it.
// Usage: node www/build/size.mjs [dist] [--check]   (--check: exit 1 if the first load is over
// the 250 KB budget). Also writes tests/artifacts/size.json.
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET = 250 * 1000;
const dist = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const attr = (re) => (html.match(re) ?? [])[1];
const size = (f) => {
  const b = readFileSync(join(dist, f));
  const br = brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } });
  return { file: f, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length, br: br.length };
};
const sum = (files) => files.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip, br: a.br + f.br }), { bytes: 0, gzip: 0, br: 0 });
const metas = (name) => new Map([...html.matchAll(new RegExp(`name="${name}" data-lang="([^"]+)" content="([^"]+)"`, 'g'))].map((m) => [m[1], m[2]]));

const shell = [
  size(attr(/data-wasm="\.?\/?([^"]+)"/)),
  size(attr(/data-js="\.?\/?([^"]+)"/)),
  size('boot.js'),
  size(attr(/rel="stylesheet" href="\.?\/?([^"]+)"/)),
];
const engineFiles = (re) => readdirSync(dist).filter((f) => re.test(f)).sort().map(size);
// The first engine (with the page) and the full one (only for inputs that need it).
const worker = engineFiles(/^bounce-worker(-[0-9a-f]{16})?(_bg\.wasm|\.js|_loader\.js)$/);
const fullEngine = engineFiles(/^bounce-worker-full(-[0-9a-f]{16})?(_bg\.wasm|\.js)$/);
const pageBundles = metas('bounce-ftl');
const engineBundles = metas('bounce-engine-ftl');
const report = { budget_gzip: BUDGET, shell, worker, index_html: size('index.html'), locales: {} };
let worst = 0;
const row = (label, f) => console.log(`  ${label.padEnd(50)} ${String(f.bytes).padStart(9)} ${String(f.gzip).padStart(8)} ${String(f.br).padStart(8)}`);
console.log('first load: page wasm + JS + CSS + the locale\'s page bundle (bytes raw / gzip -9 / brotli 11)');
for (const f of shell) row(f.file, f);
for (const [lang, file] of pageBundles) {
  const bundle = size(file);
  row(file, bundle);
  const total = sum([...shell, bundle]);
  row(`= first load, ${lang}`, total);
  report.locales[lang] = { page_bundle: bundle, first_load: total };
  worst = Math.max(worst, total.gzip);
}
console.log('analysis engine: worker + the locale\'s explanation bundle, fetched with the page');
for (const f of worker) row(f.file, f);
for (const [lang, file] of engineBundles) {
  const bundle = size(file);
  row(file, bundle);
  const total = sum([...worker, bundle]);
  row(`= analysis engine, ${lang}`, total);
  if (report.locales[lang]) Object.assign(report.locales[lang], { engine_bundle: bundle, engine: total });
}
if (fullEngine.length) {
  console.log('full analysis engine (every charset): fetched only for an input that needs it');
  for (const f of fullEngine) row(f.file, f);
  row('= full engine', sum(fullEngine));
  report.full_engine = fullEngine;
}
console.log(`first-load budget ${BUDGET} gzip: ${worst <= BUDGET ? `within (largest ${worst})` : 'OVER by ' + (worst - BUDGET)}`);
mkdirSync('tests/artifacts', { recursive: true });
writeFileSync('tests/artifacts/size.json', JSON.stringify(report, null, 2) + '\n');
if (process.argv.includes('--check') && worst > BUDGET) process.exit(1);
