// Shared set-up for the end-to-end tests: a static server for dist/, Debian's Chromium through
// playwright-core (never a downloaded browser), a fresh profile per browser, and recorders for
// console errors, CSP violations and network requests.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve } from './server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.BOUNCE_DIST ?? join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Reads a test fixture or an example bounce. */
export function fixture(name) {
  const here = join(ROOT, 'tests', 'e2e', 'fixtures', name);
  try {
    return readFileSync(here, 'utf8');
  } catch {
    return readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');
  }
}

/** Starts the server for dist/. */
export async function startServer(opts = {}) {
  return serve({ dir: DIST, ...opts });
}

/**
 * Launches Chromium with a fresh profile. Options: locale ('en-US'), colorScheme, viewport,
 * permissions. Returns { context, close }.
 */
export async function launch({ locale = 'en-US', colorScheme = 'light', viewport = { width: 1280, height: 900 }, permissions = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'bounce-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    colorScheme,
    viewport,
    permissions,
  });
  return { context, close: () => context.close() };
}

/**
 * Opens the app and records console errors, page errors, CSP violations, dialogs and requests.
 * `rec.requests` lists every request URL after load (clear it with `rec.requests.length = 0`).
 */
export async function openApp(context, url, { warmUp = false } = {}) {
  const page = context.pages()[0] ?? (await context.newPage());
  const rec = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') rec.errors.push(m.text());
  });
  page.on('pageerror', (e) => rec.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    rec.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => rec.requests.push(r.url()));
  // Runs before any page script; records CSP violations the browser reports.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector('#bounce-input');
  await page.waitForSelector('.empty-state');
  // The service worker has precached this build (its downloads are not the page's).
  await page.evaluate(() => navigator.serviceWorker?.ready);
  // Wait for the active locale's explanation bundle (fetched once at start).
  await page.waitForFunction(() => !document.querySelector('.status-line')?.textContent?.includes('…'));
  // The analysis engine (the worker, started after the first render) has loaded.
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  if (warmUp) {
    // The engine's one-off warm-up (it compiles the knowledge base's patterns; src/web/worker.rs) has run.
    await page.waitForFunction(() => document.documentElement.dataset.warmupMs !== undefined, null, { timeout: 10000 });
  }
  return { page, rec };
}

/** CSP violations the page reported so far. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__csp ?? []);
}

/**
 * Puts `text` in the input the way a paste does (one input event of type insertFromPaste)
 * and waits until the explanation for it is rendered. Returns milliseconds from the input
 * event to the rendered explanation, measured inside the page.
 */
export async function paste(page, text, { timeout = 60000 } = {}) {
  return page.evaluate(
    async ({ text, timeout }) => {
      const results = document.querySelector('#results');
      const before = Number(results.dataset.generation);
      const ta = document.querySelector('#bounce-input');
      const t0 = performance.now();
      ta.value = text;
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      // Done when the results show phase "done" for a newer input generation.
      const t1 = await new Promise((resolve, reject) => {
        const check = () => {
          const r = document.querySelector('#results');
          if (Number(r.dataset.generation) > before && r.dataset.phase === 'done' && r.querySelector('.summary')) {
            mo.disconnect();
            clearTimeout(timer);
            resolve(performance.now());
          } else if (r.dataset.phase === 'failed') {
            mo.disconnect();
            reject(new Error('analysis failed'));
          }
        };
        const mo = new MutationObserver(check);
        mo.observe(results, { childList: true, subtree: true, attributes: true });
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error('no explanation rendered'));
        }, timeout);
        check();
      });
      // One more frame so the result is painted.
      await new Promise((r) => requestAnimationFrame(() => r()));
      return t1 - t0;
    },
    { text, timeout },
  );
}

/** Runs axe-core (WCAG 2.x A/AA rules) on the page; returns the violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Saves a full-page screenshot under tests/artifacts/. */
export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
