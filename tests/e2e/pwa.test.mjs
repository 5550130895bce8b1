// The offline PWA: manifest and service worker make the app installable and usable offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { ROOT, startServer, launch, openApp, paste, fixture, shot, cspViolations } from './helpers.mjs';

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

test('a repeat visit explains with no request to the server, in the page and in the embed frame', { timeout: 150000 }, async () => {
  const requests = [];
  const own = await startServer({ log: (_method, path) => requests.push(path) });
  // A help-desk page on another origin embedding the app (as in embed.test.mjs).
  const dir = mkdtempSync(join(tmpdir(), 'bounce-host-'));
  writeFileSync(
    join(dir, 'index.html'),
    readFileSync(join(ROOT, 'www', 'host-example.html'), 'utf8').replaceAll('__APP_ORIGIN__', new URL(own.url).origin).replaceAll('__APP_URL__', own.url),
  );
  writeFileSync(join(dir, 'host-example.js'), readFileSync(join(ROOT, 'www', 'host-example.js')));
  const host = await serve({ dir });
  const { context, close } = await launch();
  // What the app's server is asked besides the browser's own update check of sw.js (which
  // nothing waits for) and the host page's own use of the app's origin (embed.js, the icon).
  const appRequests = () => requests.filter((p) => !['/sw.js', '/embed.js', '/icons/icon.svg'].includes(p));
  try {
    const { page } = await openApp(context, own.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    requests.length = 0;
    await page.goto(own.url);
    await page.waitForSelector('.empty-state');
    await paste(page, fixture('user-unknown.eml'));
    assert.equal(await page.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    assert.deepEqual(appRequests(), [], 'no request on a repeat visit of the page');
    // The embed: a first visit of the host page installs the frame's service worker, a second
    // comes from its cache.
    const embedded = async () => {
      await page.goto(host.url);
      await page.waitForFunction(() => document.getElementById('last-result')?.textContent.includes('someone@example.net'), null, { timeout: 60000 });
      await page.waitForFunction(() => document.getElementById('api-result')?.textContent.includes('full@example.org'), null, { timeout: 60000 });
    };
    await embedded();
    const frame = page.frames().find((f) => f.url().startsWith(own.url) && f.url().includes('embed=1'));
    await frame.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    requests.length = 0;
    await embedded();
    assert.deepEqual(appRequests(), [], 'no request on a repeat visit of the embed frame');
  } finally {
    await close();
    own.server.close();
    host.server.close();
  }
});
