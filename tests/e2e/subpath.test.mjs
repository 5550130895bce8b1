// The release folder works from any sub-path of a static host (relative asset URLs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, openApp, paste, fixture, cspViolations, DIST } from './helpers.mjs';

let site;
before(async () => {
  const root = mkdtempSync(join(tmpdir(), 'bounce-site-'));
  mkdirSync(join(root, 'tools'));
  symlinkSync(DIST, join(root, 'tools', 'bounce'));
  site = await serve({ dir: root });
});
after(() => site?.server.close());

test('served from /tools/bounce/: loads, explains, service worker scoped there', { timeout: 60000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, new URL('tools/bounce/', site.url).href);
    await paste(page, fixture('user-unknown.eml'));
    assert.equal(await page.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, '/tools/bounce/');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(rec.errors, []);
  } finally {
    await close();
  }
});
