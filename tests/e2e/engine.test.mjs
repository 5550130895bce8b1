// The split between the page and the analysis engine (src/web/engine.rs, src/web/worker.rs):
// the page's wasm carries no analysis code, and a paste made while the engine is still loading
// waits for it with a progress bar and is then explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startServer, launch, paste, fixture, cspViolations } from './helpers.mjs';

let server;
let url;

before(async () => {
  ({ server, url } = await startServer());
});
after(() => server?.close());

test("the page's wasm holds no analysis code; the worker's does", () => {
  const files = readdirSync(DIST);
  const page = readFileSync(join(DIST, files.find((f) => /^bounce-web-.*_bg\.wasm$/.test(f))));
  const worker = readFileSync(join(DIST, files.find((f) => /^bounce-worker.*_bg\.wasm$/.test(f))));
  // A reason id of the core's vocabulary and a knowledge-base rule id: data only the core uses.
  for (const marker of ['mesgtoobig', 'spamhaus-pbl']) {
    assert.ok(worker.includes(marker), `the worker has ${marker}`);
    assert.ok(!page.includes(marker), `the page's wasm must not link the core (found ${marker})`);
  }
});

test('a paste made while the engine loads shows progress, then the explanation', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    // Hold the worker's wasm until the paste is in.
    let release;
    const held = new Promise((r) => (release = r));
    await context.route(/bounce-worker_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url);
    await page.waitForSelector('.empty-state');
    // The locale bundles are in (the status line no longer says it is loading them).
    await page.waitForFunction(() => !document.querySelector('.status-line')?.textContent?.includes('…'));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), undefined, 'engine not ready yet');
    const done = paste(page, fixture('user-unknown.eml'));
    await page.waitForSelector('.status-line progress');
    assert.equal(await page.getAttribute('#results', 'data-phase'), 'running');
    release();
    await done;
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'ready');
    assert.match(await page.locator('.summary .headline').textContent(), /\S/);
    assert.equal(await page.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    assert.equal(await page.locator('.status-line progress').count(), 0, 'the progress bar is gone');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
