// The analysis engine's size, part by part (issue 16): every function and data segment of the
// engine's wasm as cargo built it (before wasm-bindgen and wasm-opt, so it still has its function
// names), grouped by the crate the code comes from, with `twiggy top` (cargo install twiggy).
// Generic code is counted under the crate named first in its symbol (a `Vec<T>` method under
// `alloc`, `<futures_util::Join<..> as Future>::poll` under futures_util).
// Usage: node scripts/engine-size.mjs [named.wasm] [--top N] [--json FILE]
//   default wasm: target/wasm32-unknown-unknown/wasm-engine/bounce-worker.wasm
// The shipped file is smaller (no names, no wasm-bindgen section, wasm-opt); the shares hold.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const wasm = args.find((a, i) => !a.startsWith('--') && !['--top', '--json'].includes(args[i - 1])) ??
  'target/wasm32-unknown-unknown/wasm-engine/bounce-worker.wasm';
const top = Number(opt('--top', 40));
const csv = execFileSync('twiggy', ['top', '-n', '10000000', '-f', 'csv', wasm], { maxBuffer: 1 << 28 }).toString();

// A CSV line: Name,ShallowSize,...; names may be quoted with "" escapes.
const rows = [];
for (const line of csv.split('\n').slice(1)) {
  if (!line) continue;
  let name, rest;
  if (line.startsWith('"')) {
    let i = 1;
    name = '';
    for (;;) {
      if (line[i] === '"' && line[i + 1] === '"') { name += '"'; i += 2; continue; }
      if (line[i] === '"') break;
      name += line[i++];
    }
    rest = line.slice(i + 2);
  } else {
    const c = line.indexOf(',');
    name = line.slice(0, c);
    rest = line.slice(c + 1);
  }
  const bytes = Number(rest.split(',')[0]);
  if (name.startsWith('Σ') || name.startsWith('... and')) continue;
  rows.push({ name, bytes });
}

const KIND = [
  [/^custom section '__wasm_bindgen_unstable'/, '(wasm-bindgen metadata; removed by wasm-bindgen)'],
  [/^"function names" subsection|^custom section|^".*" subsection/, '(names and custom sections; removed in the shipped file)'],
  [/^data segment/, '(data: string literals, tables, Unicode and charset tables of every crate)'],
  [/^(type|import|export|elem|table|memory|global|start)\b/i, '(wasm structure: types, imports, exports, tables)'],
];
const crateOf = (name) => {
  for (const [re, k] of KIND) if (re.test(name)) return k;
  const m = name.match(/[A-Za-z_][A-Za-z0-9_]*(?=::)/);
  if (!m) return name.startsWith('code[') ? '(unnamed code)' : '(other)';
  return m[0] === 'impl' ? '(other)' : m[0];
};
const groups = new Map();
let total = 0;
for (const r of rows) {
  const c = crateOf(r.name);
  const g = groups.get(c) ?? { crate: c, bytes: 0, items: 0, biggest: r };
  g.bytes += r.bytes;
  g.items += 1;
  if (r.bytes > g.biggest.bytes) g.biggest = r;
  groups.set(c, g);
  total += r.bytes;
}
const sorted = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
const code = sorted.filter((g) => !g.crate.startsWith('(')).reduce((a, g) => a + g.bytes, 0);
console.log(`${wasm}: ${total} bytes, of which code by crate ${code}`);
console.log('| part | bytes | % of file | items | largest item |');
console.log('|---|---:|---:|---:|---|');
for (const g of sorted.slice(0, top)) {
  const big = g.biggest.name.replace(/::h[0-9a-f]{16}$/, '').slice(0, 90).replaceAll('|', '\\|');
  console.log(`| ${g.crate} | ${g.bytes} | ${((100 * g.bytes) / total).toFixed(1)} | ${g.items} | \`${big}\` (${g.biggest.bytes}) |`);
}
// The project's own code by module (bounce::parse, bounce::dns, ...).
const mods = new Map();
for (const r of rows) {
  const m = r.name.match(/(?:^|[<\s&(])bounce::([a-z_0-9]+)/);
  if (crateOf(r.name) !== 'bounce' || !m) continue;
  mods.set(m[1], (mods.get(m[1]) ?? 0) + r.bytes);
}
console.log('');
console.log("| the engine's own code (crate bounce), by module | bytes |");
console.log('|---|---:|');
for (const [m, b] of [...mods].sort((a, b) => b[1] - a[1])) console.log(`| bounce::${m} | ${b} |`);
const json = opt('--json');
if (json) writeFileSync(json, JSON.stringify({ wasm, total, groups: sorted.map(({ crate, bytes, items }) => ({ crate, bytes, items })), bounce_modules: Object.fromEntries(mods) }, null, 2) + '\n');
