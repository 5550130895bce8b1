// The split between the page and the analysis engine (src/web/engine.rs, src/web/worker.rs):
// the page's wasm carries no analysis code, and a paste made while the engine is still loading
// waits for it with a progress bar and is then explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DIST, ROOT, startServer, launch, paste, fixture, cspViolations } from './helpers.mjs';

let server;
let url;

before(async () => {
  ({ server, url } = await startServer());
});
after(() => server?.close());

test("the page's wasm holds no analysis code; the worker's does", () => {
  const files = readdirSync(DIST);
  const page = readFileSync(join(DIST, files.find((f) => /^bounce-web-.*_bg\.wasm$/.test(f))));
  const worker = readFileSync(join(DIST, files.find((f) => /^bounce-worker-[0-9a-f]{16}_bg\.wasm$/.test(f))));
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
    await context.route(/bounce-worker-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
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

test('the engine without East Asian charsets loads with the page; an ISO-2022-JP bounce fetches the full engine and is explained as the CLI does', { timeout: 120000 }, async () => {
  const cli = join(ROOT, 'target', 'release', 'bounce');
  // What the server sent (a nested worker's requests are not all reported to the page).
  const requests = [];
  const own = await startServer({ log: (_method, path) => requests.push(path) });
  const { context, close } = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(own.url);
    await page.waitForSelector('.empty-state');
    const copy = async () => {
      await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
      await page.click('#copy-button');
      await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '(nothing copied)');
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const native = (input) => execFileSync(cli, ['explain', '--lang', 'en', '-'], { input, encoding: 'utf8' }).replace(/^== - ==\n/, '').replace(/\n$/, '');
    // A UTF-8 bounce: the first engine answers; the full one is not fetched.
    const plain = fixture('user-unknown.eml').replace(/\r\n?/g, '\n');
    await paste(page, plain);
    assert.equal(await copy(), native(plain));
    assert.ok(requests.some((p) => /\/bounce-worker-[0-9a-f]{16}_bg\.wasm$/.test(p)), 'the first engine was fetched');
    assert.ok(!requests.some((p) => p.includes('bounce-worker-full')), 'the full engine is not fetched for a UTF-8 bounce');
    // ISO-2022-JP: the full engine answers, exactly as the CLI.
    const jp = readFileSync(join(ROOT, 'tests', 'fixtures', '46-ezweb-account-disabled.eml'), 'utf8').replace(/\r\n?/g, '\n');
    await paste(page, jp);
    assert.equal(await copy(), native(jp));
    assert.ok(requests.some((p) => /\/bounce-worker-full-[0-9a-f]{16}_bg\.wasm$/.test(p)), 'the full engine was fetched');
    assert.deepEqual(errors, []);
  } finally {
    await close();
    own.server.close();
  }
});
