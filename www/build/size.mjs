// Measures the first load of the built app in dist/: what the page fetches before it can
// explain anything (main wasm, its JS glue, boot.js, CSS, the active locale's bundle), raw
// and gzip -9, for each locale; plus what the worker and the service worker's precache add.
// Usage: node www/build/size.mjs [dist] [--check]   (--check: exit 1 over the 250 KB budget)
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
const shell = [
  size(attr(/data-wasm="\.?\/?([^"]+)"/)),
  size(attr(/data-js="\.?\/?([^"]+)"/)),
  size('boot.js'),
  size(attr(/rel="stylesheet" href="\.?\/?([^"]+)"/)),
];
const locales = [...html.matchAll(/name="bounce-ftl" data-lang="([^"]+)" content="([^"]+)"/g)];
const report = { budget_gzip: BUDGET, shell, index_html: size('index.html'), locales: {} };
let worst = 0;
for (const [, lang, file] of locales) {
  const bundle = size(file);
  const total = [...shell, bundle].reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  report.locales[lang] = { bundle, first_load: total };
  worst = Math.max(worst, total.gzip);
}
const worker = readdirSync(dist).filter((f) => f.startsWith('bounce-worker')).map(size);
report.worker = worker;
console.log('first load (bytes raw / gzip -9):');
for (const f of shell) console.log(`  ${f.file.padEnd(44)} ${String(f.bytes).padStart(9)} ${String(f.gzip).padStart(8)}`);
for (const [lang, l] of Object.entries(report.locales)) {
  console.log(`  ${l.bundle.file.padEnd(44)} ${String(l.bundle.bytes).padStart(9)} ${String(l.bundle.gzip).padStart(8)}`);
  console.log(`  = first load, ${lang}${' '.repeat(31)} ${String(l.first_load.bytes).padStart(9)} ${String(l.first_load.gzip).padStart(8)}`);
}
for (const f of worker) console.log(`  (worker, large inputs only) ${f.file.padEnd(28)} ${String(f.bytes).padStart(9)} ${String(f.gzip).padStart(8)}`);
console.log(`budget ${BUDGET} gzip: ${worst <= BUDGET ? 'within' : 'OVER by ' + (worst - BUDGET)}`);
mkdirSync('tests/artifacts', { recursive: true });
writeFileSync('tests/artifacts/size.json', JSON.stringify(report, null, 2) + '\n');
if (process.argv.includes('--check') && worst > BUDGET) process.exit(1);
