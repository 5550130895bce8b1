// trunk post_build hook: finishes dist/ (run by trunk with TRUNK_STAGING_DIR set).
// 1. Two FTL bundles per locale (ui.ftl is compiled into the page's wasm), each with a content
//    hash in its name: the page's own messages (dns.ftl: the DNS panel) and the analysis
//    engine's (reasons, codes, rules, advice, explanations), which the page hands to the worker.
// 2. <meta> tags in index.html naming those bundles and the analysis engine's files (content-
//    hashed here), so the app finds hashed files without any inline script.
// 3. The service worker's precache list.  4. Precompressed .br and .gz copies of every file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);
const metas = [];

// 1. Locale bundles, two per locale: the page's (PAGE_FILES: the DNS panel's messages) and the
//    analysis engine's (every other .ftl file except ui.ftl).
const PAGE_FILES = ['dns.ftl'];
const i18nDir = join(root, 'i18n');
mkdirSync(join(stage, 'i18n'), { recursive: true });
const joinFtl = (dir, files) => files.map((f) => readFileSync(join(dir, f), 'utf8').replace(/\n*$/, '\n')).join('\n');
for (const lang of readdirSync(i18nDir).sort()) {
  const dir = join(i18nDir, lang);
  if (!existsSync(join(dir, 'ui.ftl'))) continue;
  const ftl = readdirSync(dir).filter((f) => f.endsWith('.ftl') && f !== 'ui.ftl').sort();
  const page = joinFtl(dir, ftl.filter((f) => PAGE_FILES.includes(f)));
  const engine = joinFtl(dir, ftl.filter((f) => !PAGE_FILES.includes(f)));
  const pageName = `i18n/${lang}-${hash(page)}.ftl`;
  const engineName = `i18n/${lang}-engine-${hash(engine)}.ftl`;
  writeFileSync(join(stage, pageName), page);
  writeFileSync(join(stage, engineName), engine);
  metas.push(`<meta name="bounce-ftl" data-lang="${lang}" content="${pageName}">`);
  metas.push(`<meta name="bounce-engine-ftl" data-lang="${lang}" content="${engineName}">`);
}

// 2. The analysis engine: one worker script and its wasm, both named by a hash of their content
//    (so they can be cached as immutable and precached without a second download). Trunk's
//    loader shim (importScripts, then fetch: two serial round trips) is replaced by a few lines
//    at the end of the worker's script. A worker that www/boot.js started with the page (named
//    "bounce-engine") is handed the engine's module, which the page fetches once its own wasm
//    has downloaded and compiles while it streams in; any other (a restart after a crash)
//    fetches and compiles it itself.
// Renames trunk's `<bin>.js` / `<bin>_bg.wasm` to content-hashed names; the script gets `start`
// (given the wasm's name) appended in place of trunk's loader shim. Returns the two names.
const hashEngine = (bin, start) => {
  const wasm = readFileSync(join(stage, `${bin}_bg.wasm`));
  const glue = readFileSync(join(stage, `${bin}.js`), 'utf8');
  const h = hash(Buffer.concat([wasm, Buffer.from(glue), Buffer.from(start('x'))]));
  const wasmName = `${bin}-${h}_bg.wasm`;
  const jsName = `${bin}-${h}.js`;
  writeFileSync(join(stage, wasmName), wasm);
  writeFileSync(join(stage, jsName), glue + start(wasmName));
  for (const f of [`${bin}.js`, `${bin}_bg.wasm`, `${bin}_loader.js`]) rmSync(join(stage, f), { force: true });
  return { wasmName, jsName };
};
if (existsSync(join(stage, 'bounce-worker.js')) && existsSync(join(stage, 'bounce-worker_bg.wasm'))) {
  // The full engine (every charset): started by the first engine in a nested worker, only for an
  // input that needs it (www/build/charsets.mjs); it fetches its own wasm.
  const full = existsSync(join(stage, 'bounce-worker-full.js'))
    ? hashEngine('bounce-worker-full', (w) => `\n// Starts the engine (www/build/postbuild.mjs).\nwasm_bindgen({ module_or_path: new URL('./${w}', self.location.href) });\n`)
    : null;
  const { LITE, LABELS, needsFull } = await import('./charsets.mjs');
  const router = (w) => `
// Starts the engine (added by www/build/postbuild.mjs in place of trunk's loader shim). A worker
// that www/boot.js started with the page (named "bounce-engine") is first handed the engine's
// module, compiled by the page while it streamed in; any other fetches its wasm itself.
// Requests this engine cannot answer exactly as the CLI (an input naming a charset it is built
// without, an Outlook .msg file: www/build/charsets.mjs) go to the full engine, a nested worker
// started the first time one comes; its replies go to the page unchanged.
(() => {
  const LITE = new Set(${JSON.stringify([...LITE])});
  const LABELS = ${LABELS.toString()};
  ${needsFull.toString()}
  const FULL = ${full ? `new URL('./${full.jsName}', self.location.href)` : 'null'};
  let handler = null;
  // The engine (src/web/worker.rs) sets onmessage; the router below decides what it gets.
  Object.defineProperty(self, 'onmessage', { configurable: true, get: () => handler, set: (f) => { handler = f; } });
  const locales = [];
  let full = null;
  // A message's variant (serde's externally tagged form): a string, or an object's one key.
  const tagOf = (d) => (typeof d === 'string' ? d : d && typeof d === 'object' ? Object.keys(d)[0] : undefined);
  const toFull = (data) => {
    if (!full) {
      const w = new Worker(FULL);
      full = { w, ready: false, queue: [...locales], pending: new Map() };
      w.onmessage = (e) => {
        // Replies as src/web/protocol.rs writes them: "Ready", or { Tag: { id, ... } }.
        const kind = tagOf(e.data);
        if (kind === 'Ready') {
          full.ready = true;
          for (const m of full.queue.splice(0)) w.postMessage(m);
        } else if (kind !== 'Warm') {
          if (kind === 'Analysis' || kind === 'Several' || kind === 'Text') full.pending.delete(e.data[kind]?.id);
          self.postMessage(e.data);
        }
      };
      // A full engine that fails answers every open request with nothing (the page shows the error).
      w.onerror = () => {
        for (const [id, tag] of full.pending) {
          self.postMessage(tag === 'Analyse' ? { Analysis: { id, analysis: null, ms: null } } : { Text: { id, text: null } });
        }
        full = null;
      };
    }
    const tag = tagOf(data);
    if (tag !== 'Locale') full.pending.set(data[tag]?.id, tag);
    if (full.ready) full.w.postMessage(data);
    else full.queue.push(data);
  };
  let started = false;
  const start = (moduleOrPath) => {
    started = true;
    wasm_bindgen({ module_or_path: moduleOrPath });
  };
  self.addEventListener('message', (e) => {
    // Requests as src/web/protocol.rs writes them: { Tag: { fields } }; anything else is the
    // engine's module (or its URL) from www/boot.js.
    const d = e.data;
    const tag = d instanceof WebAssembly.Module ? undefined : tagOf(d);
    if (!tag || typeof d === 'string') {
      if (!started) start(d);
      return;
    }
    if (tag === 'Locale') {
      locales.push(d);
      if (full) toFull(d);
    } else if (FULL && (tag === 'Msg' || ((tag === 'Analyse' || tag === 'Report') && needsFull(String(d[tag]?.text))))) {
      toFull(d);
      return;
    }
    handler?.(e);
  });
  if (self.name !== 'bounce-engine') start(new URL('./${w}', self.location.href));
})();
`;
  const { wasmName, jsName } = hashEngine('bounce-worker', router);
  metas.push(`<meta name="bounce-worker" content="${jsName}">`, `<meta name="bounce-engine-wasm" content="${wasmName}">`);
}

const indexPath = join(stage, 'index.html');
let html = readFileSync(indexPath, 'utf8');
html = html.replace('</head>', `${metas.join('')}</head>`);
// Test builds only (scripts/build-web.sh --e2e-loopback-doh, used by scripts/e2e.sh): let the
// page reach the loopback DoH test server. A release build never gets this.
if (process.env.BOUNCE_E2E_LOOPBACK_DOH === '1') {
  const before = html;
  html = html.replace(/connect-src 'self'/, "connect-src 'self' http://127.0.0.1:*");
  if (html === before) {
    console.error('postbuild: no connect-src in index.html to extend');
    process.exit(1);
  }
  console.log('postbuild: TEST BUILD, connect-src allows http://127.0.0.1:* (not for release)');
}
writeFileSync(indexPath, html);

// The example host page, served next to the app: same origin.
const hostPath = join(stage, 'host-example.html');
if (existsSync(hostPath)) {
  writeFileSync(hostPath, readFileSync(hostPath, 'utf8').replaceAll('__APP_ORIGIN__', "'self'").replaceAll('__APP_URL__', ''));
}

// 3. The service worker's precache list and build id (a hash over every file it caches).
const walk = (dir, prefix = '') =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
const files = walk(stage)
  .filter((f) => f !== 'sw.js' && !f.startsWith('embed') && !f.startsWith('host-example'))
  .sort();
const build = createHash('sha256');
for (const f of files) build.update(f).update(readFileSync(join(stage, f)));
const buildId = build.digest('hex').slice(0, 16);
const lazy = files.filter((f) => f.startsWith('bounce-worker-full'));
const precache = ['./', ...files.filter((f) => f !== 'index.html' && !lazy.includes(f))];
const swPath = join(stage, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace('__BOUNCE_BUILD__', buildId)
  .replace("['__BOUNCE_FILES__']", JSON.stringify(precache))
  .replace("['__BOUNCE_LAZY__']", JSON.stringify(lazy));
writeFileSync(swPath, sw);
console.log(`postbuild: ${metas.length} meta tags, service worker build ${buildId} with ${precache.length} files`);

// 4. Precompressed copies next to every file (brotli 11, gzip -9), for hosts that serve them
//    as they are (nginx gzip_static / brotli_static and others; README "Deploying"). Not for
//    the PNG icons, which do not compress.
let compressed = 0;
for (const f of walk(stage)) {
  if (/\.(png|br|gz)$/.test(f)) continue;
  const body = readFileSync(join(stage, f));
  writeFileSync(join(stage, `${f}.gz`), gzipSync(body, { level: 9 }));
  writeFileSync(
    join(stage, `${f}.br`),
    brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  );
  compressed += 1;
}
console.log(`postbuild: ${compressed} files precompressed (.br, .gz)`);
