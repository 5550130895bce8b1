// The offline PWA: manifest and service worker make the app installable and usable offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, paste, fixture, shot, cspViolations } from './helpers.mjs';

let server;
let url;
before(async () => {
  ({ server, url } = await startServer());
});
after(() => server?.close());

test('installable: Chromium reports no installability errors', { timeout: 60000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, url);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await (await page.request.get(new URL('manifest.webmanifest', url).href)).json();
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  } finally {
    await close();
  }
});

test('offline: reload and explain a pasted bounce in both locales', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.empty-state');
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the service worker');
    await paste(page, fixture('user-unknown.eml'));
    assert.equal(await page.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    await page.selectOption('#locale-select', 'pl');
    await page.waitForFunction(() => document.documentElement.lang === 'pl');
    await page.waitForFunction(
      () => document.querySelector('#results').dataset.phase === 'done' && /Odbiorca/.test(document.querySelector('#recipients-heading')?.textContent ?? ''),
    );
    await paste(page, fixture('mailbox-full.eml'));
    assert.match(await page.locator('.recipient .badge.temporary').first().textContent(), /Serwer wciąż ponawia próby/);
    // DNS checks asked for while offline: the panel says the resolver could not be reached.
    await page.click('#dns-run');
    await page.waitForSelector('.dns-evidence.unreachable li', { timeout: 30000 });
    assert.match(
      await page.locator('.dns-evidence li').first().textContent(),
      /^Nie udało się połączyć z resolwerem https:\/\/cloudflare-dns\.com\/dns-query \(brak sieci/,
    );
    assert.match(await page.locator('.recipient .badge.temporary').first().textContent(), /Serwer wciąż ponawia próby/, 'the explanation stays');
    await shot(page, 'offline-pl');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(rec.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await close();
  }
});
