// The help-desk embed, from a host page served on another origin than the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { startServer, launch, DIST, ROOT, shot } from './helpers.mjs';

let app;
let host;

before(async () => {
  app = await startServer();
  // The host page of the example, pointing at the app's (other) origin.
  const dir = mkdtempSync(join(tmpdir(), 'bounce-host-'));
  const origin = new URL(app.url).origin;
  const page = readFileSync(join(ROOT, 'www', 'host-example.html'), 'utf8')
    .replaceAll('__APP_ORIGIN__', origin)
    .replaceAll('__APP_URL__', app.url);
  writeFileSync(join(dir, 'index.html'), page);
  writeFileSync(join(dir, 'host-example.js'), readFileSync(join(ROOT, 'www', 'host-example.js')));
  host = await serve({ dir });
});

after(() => {
  app?.server.close();
  host?.server.close();
});

test('embed on another origin: element, result event, JS API equal to the CLI JSON, no CSP violation', { timeout: 90000 }, async () => {
  assert.notEqual(new URL(app.url).origin, new URL(host.url).origin);
  assert.ok(existsSync(join(DIST, 'embed.js')));
  const { context, close } = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(host.url);
    await page.waitForFunction(() => document.getElementById('last-result').textContent.includes('userunknown'), null, { timeout: 30000 });
    assert.match(await page.textContent('#last-result'), /^reply-line: someone@example\.net 5\.1\.1 userunknown$/);
    await page.waitForFunction(() => document.getElementById('api-result').textContent.startsWith('{'), null, { timeout: 30000 });
    const apiResult = JSON.parse(await page.textContent('#api-result'));
    const cli = join(ROOT, 'target', 'release', 'bounce');
    if (existsSync(cli)) {
      const native = JSON.parse(execFileSync(cli, ['explain', '--json', '-'], { input: '452 4.2.2 <full@example.org>: Mailbox full', encoding: 'utf8' }));
      assert.deepEqual(apiResult, native, 'JS API object equals the CLI JSON');
    }
    assert.equal(apiResult.recipients[0].reason, 'mailboxfull');
    // The frame fits its content and shows the explanation.
    // The frame sits in a closed shadow root: reach it as a frame, not through the DOM.
    const frame = page.frames().find((f) => f.url().includes('embed=1'));
    assert.ok(frame, 'the element made a frame of the app');
    assert.equal(await page.evaluate(() => document.getElementById('explainer').shadowRoot), null, 'closed shadow root');
    assert.equal(await frame.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    const height = await page.evaluate(() => document.getElementById('explainer').getBoundingClientRect().height);
    assert.ok(height > 400, `frame grew to its content (${height}px)`);
    // Switching the element's language re-explains inside the frame.
    await page.evaluate(() => document.getElementById('explainer').setAttribute('lang', 'pl'));
    await frame.locator('html[lang=pl]').waitFor();
    await frame.locator('#recipients-heading', { hasText: 'Odbiorca' }).waitFor();
    await shot(page, 'embed-host-page');
    const csp = await page.evaluate(() => window.__csp);
    const frameCsp = await frame.evaluate(() => window.__csp ?? []);
    assert.deepEqual(csp, []);
    assert.deepEqual(frameCsp ?? [], []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
