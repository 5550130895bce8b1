// Checks the split of the browser's analysis engine (issue 16, www/build/charsets.mjs): every
// input the router leaves to the first engine (built without the `full-charsets` feature) must
// be explained exactly as with every charset. Runs the CLI built both ways on each file and
// compares `explain --json` (English and Polish).
//   node scripts/check-charsets.mjs FULL_BOUNCE LITE_BOUNCE [DIR...]
// FULL_BOUNCE: a `bounce` with the default features, LITE_BOUNCE: one built with
// `--no-default-features`, e.g.
//   cargo build --no-default-features --bin bounce && cp target/debug/bounce /tmp/bounce-lite
//   cargo build --bin bounce && node scripts/check-charsets.mjs target/debug/bounce /tmp/bounce-lite
// Default dirs: tests/fixtures, tests/unseen, and /work/shared/corpus/real when it exists.
// Exit 1 if a file left to the first engine differs. Files sent to the full engine are counted,
// with how many of them the first engine would indeed have read differently.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { needsFull } from '../www/build/charsets.mjs';

const [full, lite, ...dirs] = process.argv.slice(2);
if (!full || !lite) {
  console.error('usage: node scripts/check-charsets.mjs FULL_BOUNCE LITE_BOUNCE [DIR...]');
  process.exit(2);
}
const roots = dirs.length ? dirs : ['tests/fixtures', 'tests/unseen', '/work/shared/corpus/real'].filter(existsSync);
const files = roots.flatMap((d) =>
  readdirSync(d)
    .filter((f) => !/\.(json|md)$/.test(f))
    .map((f) => join(d, f))
    .filter((f) => statSync(f).isFile()),
);
const run = (bin, file, lang) => {
  try {
    return execFileSync(bin, ['explain', '--json', '--lang', lang, file], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch (e) {
    return `exit ${e.status}: ${e.stdout}`;
  }
};
let lite_n = 0;
let full_n = 0;
let fullDiffers = 0;
const wrong = [];
for (const f of files) {
  // The browser holds the text as the page read it (UTF-8, invalid bytes replaced).
  const text = readFileSync(f).toString('utf8');
  const toFull = needsFull(text);
  const same = ['en', 'pl'].every((lang) => run(full, f, lang) === run(lite, f, lang));
  if (toFull) {
    full_n += 1;
    if (!same) fullDiffers += 1;
  } else {
    lite_n += 1;
    if (!same) wrong.push(f);
  }
}
console.log(`${files.length} files: ${lite_n} left to the first engine (${lite_n - wrong.length} identical, ${wrong.length} different), ${full_n} sent to the full engine (${fullDiffers} of them read differently without the East Asian charsets)`);
for (const f of wrong) console.log(`DIFFERENT: ${f}`);
process.exit(wrong.length ? 1 : 0);
