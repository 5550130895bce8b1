// trunk post_build hook: finishes dist/ (run by trunk with TRUNK_STAGING_DIR set).
// 1. Two FTL bundles per locale (ui.ftl is compiled into the page's wasm), each with a content
//    hash in its name: the page's own messages (dns.ftl: the DNS panel) and the analysis
//    engine's (reasons, codes, rules, advice, explanations), which the page hands to the worker.
// 2. <meta> tags in index.html naming those bundles and the worker's loader script, so the
//    app finds hashed files without any inline script.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
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

// 2. The worker's loader shim.
const loader = readdirSync(stage).find((f) => /^bounce-worker(-[0-9a-f]+)?_loader\.js$/.test(f));
if (loader) metas.push(`<meta name="bounce-worker" content="${loader}">`);

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
const precache = ['./', ...files.filter((f) => f !== 'index.html')];
const swPath = join(stage, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace('__BOUNCE_BUILD__', buildId)
  .replace("['__BOUNCE_FILES__']", JSON.stringify(precache));
writeFileSync(swPath, sw);
console.log(`postbuild: ${metas.length} meta tags, service worker build ${buildId} with ${precache.length} files`);
