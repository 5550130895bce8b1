// The DNS checks panel against a real DoH server on loopback (scripts/doh-server.sh: unbound +
// dnsdist with the zones of tests/doh/). Needs the test build of scripts/e2e.sh, whose CSP also
// allows http://127.0.0.1:* (scripts/build-web.sh --e2e-loopback-doh); the release CSP lists
// only the public resolvers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, DIST, ARTIFACTS, startServer, launch, openApp, paste, cspViolations } from './helpers.mjs';

const run = promisify(execFile);
const DOH_SCRIPT = join(ROOT, 'scripts', 'doh-server.sh');
const BLOCKED = readFileSync(join(ROOT, 'tests', 'doh', 'fixtures', 'blocked.eml'), 'utf8');

let server;
let url;
let doh;
let dohDir;

before(async () => {
  ({ server, url } = await startServer());
  // The servers also stop by themselves if this process dies (--owner).
  const { stdout } = await run(DOH_SCRIPT, ['start', '--owner', String(process.pid)], { timeout: 60000 });
  doh = /^DOH_URL=(.+)$/m.exec(stdout)?.[1];
  dohDir = /^DOH_DIR=(.+)$/m.exec(stdout)?.[1];
  assert.ok(doh && dohDir, `doh-server.sh printed DOH_URL and DOH_DIR: ${stdout}`);
});

after(async () => {
  server?.close();
  if (dohDir) await run(DOH_SCRIPT, ['stop', dohDir]);
});

/** Saves a screenshot of the DNS panel under tests/artifacts/. */
async function shot(page, name) {
  await page.locator('.dns-panel').screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** The evidence lines once the checks are done. */
async function evidence(page) {
  await page.waitForSelector('.dns-evidence li', { timeout: 30000 });
  return page.locator('.dns-evidence li').allTextContents();
}

/** Chooses a custom resolver URL in the panel. */
async function chooseCustom(page, resolver) {
  await page.selectOption('#dns-resolver', 'custom');
  await page.fill('#dns-custom-url', resolver);
  await page.waitForFunction((u) => document.querySelector('.dns-endpoint')?.textContent?.includes(u), resolver);
}

/** Every request went to the app's own files or to the DoH server's query URL (at least one). */
function assertOnlyAppAndDoh(requests) {
  const dohQuery = `${doh}?dns=`;
  const strays = requests.filter((r) => !r.startsWith(url) && !r.startsWith(dohQuery));
  assert.deepEqual(strays, [], 'no request other than the app and the chosen DoH resolver');
  assert.ok(requests.some((r) => r.startsWith(dohQuery)), 'the checks asked the DoH server');
}

test('release CSP: connect-src lists only the public resolvers of src/dns; the test build adds loopback', () => {
  const connect = (html) => /connect-src ([^;"]*)/.exec(html)[1].trim().split(/\s+/);
  const table = /pub const RESOLVERS[^=]*= &\[([\s\S]*?)\];/.exec(readFileSync(join(ROOT, 'src', 'dns', 'mod.rs'), 'utf8'))[1];
  const resolvers = [...table.matchAll(/"(https:\/\/[^"/]+)\/[^"]*"/g)].map((m) => m[1]);
  assert.equal(resolvers.length, 3, 'Cloudflare, Google, Quad9');
  assert.deepEqual(connect(readFileSync(join(ROOT, 'www', 'index.html'), 'utf8')).sort(), ["'self'", ...resolvers].sort());
  const built = connect(readFileSync(join(DIST, 'index.html'), 'utf8'));
  assert.deepEqual(built.sort(), ["'self'", 'http://127.0.0.1:*', ...resolvers].sort(), 'dist/ is the e2e test build');
});

test('DNS checks run only when asked, list the names first, and show the evidence (English)', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, url);
    rec.requests.length = 0;
    await paste(page, BLOCKED);
    // Before running: the names and the resolver are listed, nothing was asked.
    assert.equal(await page.locator('#dns-heading').textContent(), 'DNS checks');
    const names = await page.locator('.dns-names li').allTextContents();
    for (const n of ['20.2.0.192.in-addr.arpa', '20.2.0.192.zen.spamhaus.org', 'fail.test', '_dmarc.fail.test', 'nullmx.test', 'mail.good.test']) {
      assert.ok(names.includes(n), `${n} is listed among ${names.join(', ')}`);
    }
    assert.match(await page.locator('.dns-endpoint').textContent(), /Queries go to https:\/\/cloudflare-dns\.com\/dns-query/);
    const options = await page.locator('#dns-resolver option').allTextContents();
    assert.deepEqual(options, ['Cloudflare', 'Google', 'Quad9 (unfiltered)', 'Custom address…']);
    await chooseCustom(page, doh);
    await page.waitForTimeout(300);
    assert.deepEqual(rec.requests, [], 'pasting and choosing a resolver made no request');
    assert.equal(await page.locator('.dns-evidence').count(), 0, 'no evidence before the user asks');

    await page.click('#dns-run');
    const lines = await evidence(page);
    const all = lines.join('\n');
    assert.match(all, /Reverse DNS is missing: your server's IP 192\.0\.2\.20 has no PTR record/);
    assert.match(all, /nullmx\.test publishes a null MX/);
    assert.match(all, /SPF of fail\.test fails for 192\.0\.2\.20: .*"v=spf1 ip4:198\.51\.100\.0\/24 -all"/);
    assert.match(all, /DMARC of fail\.test .*p=reject/);
    assert.match(all, /Spamhaus ZEN, SpamCop, Barracuda, PSBL\) do not list their test address 127\.0\.0\.2/);
    assert.match(all, /The refusing server mail\.good\.test has the address 192\.0\.2\.10/);
    assert.doesNotMatch(all, /could not use the resolver/);
    assert.equal(await page.locator('.dns-evidence.unreachable').count(), 0);
    // The explanation is still there.
    assert.match(await page.locator('.recipient h3').first().textContent(), /\S/);
    assertOnlyAppAndDoh(rec.requests);
    await shot(page, 'dns-en');
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation');
    assert.deepEqual(rec.errors, [], 'no console error');

    // The remembered opt-in: after a reload, a pasted bounce is checked without a click, at the
    // remembered resolver.
    await page.check('#dns-auto');
    const { page: again, rec: rec2 } = await openApp(context, url);
    rec2.requests.length = 0;
    await paste(again, BLOCKED);
    assert.match((await evidence(again)).join('\n'), /192\.0\.2\.20 has no PTR record/);
    assertOnlyAppAndDoh(rec2.requests);
    assert.deepEqual(await cspViolations(again), [], 'no CSP violation');
  } finally {
    await close();
  }
});

test('DNS checks in Polish', { timeout: 90000 }, async () => {
  const { context, close } = await launch({ locale: 'pl-PL' });
  try {
    const { page, rec } = await openApp(context, url);
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    rec.requests.length = 0;
    await paste(page, BLOCKED);
    assert.equal(await page.locator('#dns-heading').textContent(), 'Kontrole DNS');
    assert.equal(await page.locator('#dns-run').textContent(), 'Sprawdź DNS');
    await chooseCustom(page, doh);
    assert.match(await page.locator('.dns-endpoint').textContent(), /^Zapytania trafią do http:\/\/127\.0\.0\.1:\d+\/dns-query$/);
    assert.deepEqual(rec.requests, [], 'no request before the user asks');
    await page.click('#dns-run');
    const all = (await evidence(page)).join('\n');
    assert.match(all, /Brak odwrotnego DNS: adres IP Twojego serwera 192\.0\.2\.20 nie ma rekordu PTR/);
    assert.match(all, /Domena nullmx\.test publikuje pusty rekord MX/);
    assert.match(all, /SPF domeny fail\.test nie przepuszcza 192\.0\.2\.20/);
    assert.match(all, /4 czarne listy \(Spamhaus ZEN, SpamCop, Barracuda, PSBL\)/);
    assert.match(all, /Serwer odbiorcy mail\.good\.test ma adres 192\.0\.2\.10/);
    assert.match(await page.locator('#dns-results-heading').textContent(), /Co mówi DNS/);
    assertOnlyAppAndDoh(rec.requests);
    await shot(page, 'dns-pl');
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation');
    assert.deepEqual(rec.errors, [], 'no console error');
  } finally {
    await close();
  }
});

test('an unreachable resolver is reported clearly and the explanation stays', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, url);
    const dead = `http://127.0.0.1:${await closedPort()}/dns-query`;
    rec.requests.length = 0;
    await paste(page, BLOCKED);
    await chooseCustom(page, dead);
    await page.click('#dns-run');
    const all = (await evidence(page)).join('\n');
    assert.equal(await page.locator('.dns-evidence.unreachable').count(), 1, 'shown as a failure');
    assert.match(all, new RegExp(`could not use the resolver ${dead.replaceAll('.', '\\.')} \\(offline, blocked or a wrong address\\)`));
    // Nothing else is claimed from a resolver that never answered.
    assert.doesNotMatch(all, /PTR record|null MX|SPF of/);
    assert.match(await page.locator('.summary .headline').textContent(), /\S/);
    assert.match(await page.locator('.recipient h3').first().textContent(), /\S/);
    assert.equal(await page.locator('pre.source mark.hl-status').first().textContent(), '5.7.1');
    const strays = rec.requests.filter((r) => !r.startsWith(url) && !r.startsWith(`${dead}?dns=`));
    assert.deepEqual(strays, [], 'only the chosen (dead) resolver was tried');
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation');
    // The browser logs each refused connection; nothing else may go wrong.
    assert.deepEqual(rec.errors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e)), [], 'no other console error');
    await shot(page, 'dns-unreachable');
  } finally {
    await close();
  }
});

test('the embed attributes reach the panel: resolver preset, dns="off" hides it', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, `${url}?resolver=${encodeURIComponent(doh)}`);
    rec.requests.length = 0;
    await paste(page, BLOCKED);
    assert.equal(await page.inputValue('#dns-resolver'), 'custom');
    assert.equal(await page.inputValue('#dns-custom-url'), doh);
    assert.deepEqual(rec.requests, [], 'a preset resolver is not asked before the click');

    const { page: google } = await openApp(context, `${url}?resolver=${encodeURIComponent('https://dns.google/dns-query')}`);
    await paste(google, BLOCKED);
    assert.equal(await google.inputValue('#dns-resolver'), 'https://dns.google/dns-query');

    const { page: off } = await openApp(context, `${url}?dns=off`);
    await paste(off, BLOCKED);
    assert.equal(await off.locator('.dns-panel').count(), 0);
    assert.match(await off.locator('.recipient h3').first().textContent(), /\S/);
  } finally {
    await close();
  }
});

test('a slow run shows its progress and can be stopped; its late answer is dropped', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, url);
    // The sender's SPF is nine includes deep under slow.test, each answer 0.3 s late.
    await paste(page, BLOCKED.replace('From: Alice <alice@fail.test>', 'From: Alice <alice@slow.test>'));
    await chooseCustom(page, doh);
    await page.click('#dns-run');
    await page.waitForFunction(() => /queries sent: [1-9]\d*, answered: \d+/.test(document.querySelector('.dns-status')?.textContent ?? ''));
    await page.click('#dns-cancel');
    assert.equal(await page.locator('.dns-status').textContent(), 'The DNS checks were stopped; nothing was concluded from them.');
    assert.equal(await page.locator('#dns-cancel').count(), 0);
    assert.equal(await page.isEnabled('#dns-run'), true);
    // Long enough for the stopped run to end: nothing of it is shown.
    await page.waitForTimeout(4000);
    assert.equal(await page.locator('.dns-evidence').count(), 0);
    assert.deepEqual(rec.errors.filter((e) => !/cancelled/.test(e)), [], 'no console error');
  } finally {
    await close();
  }
});

test('a resolver URL with a user name is refused in the field and as an embed preset', { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page, rec } = await openApp(context, url);
    rec.requests.length = 0;
    await paste(page, BLOCKED);
    await page.selectOption('#dns-resolver', 'custom');
    await page.fill('#dns-custom-url', 'http://127.0.0.1:80@198.51.100.53/dns-query');
    await page.waitForSelector('.dns-panel .notice.error');
    assert.match(await page.locator('.dns-panel .notice.error').textContent(), /user name or password/);
    assert.equal(await page.isDisabled('#dns-run'), true);
    assert.equal(await page.locator('.dns-endpoint').count(), 0);
    // The browser's parser gives the address the request would go to: 0x7f.1 is 127.0.0.1.
    const port = new URL(doh).port;
    await page.fill('#dns-custom-url', `http://0x7f.1:${port}/dns-query`);
    await page.waitForFunction((p) => document.querySelector('.dns-endpoint')?.textContent?.includes(`http://127.0.0.1:${p}/dns-query`), port);
    assert.deepEqual(rec.requests.filter((r) => !r.startsWith(url)), [], 'nothing was asked');

    const hidden = `http://198.51.100.53:80@127.0.0.1:${port}/dns-query`;
    const { page: embed } = await openApp(context, `${url}?resolver=${encodeURIComponent(hidden)}`);
    await paste(embed, BLOCKED);
    const typed = (await embed.locator('#dns-custom-url').count()) ? await embed.inputValue('#dns-custom-url') : '';
    assert.notEqual(typed, hidden, 'the preset was not taken');
    assert.doesNotMatch(await embed.locator('.dns-panel').textContent(), /198\.51\.100\.53/);
  } finally {
    await close();
  }
});

test("the DNS verdict comes first in the recipient's explanation", { timeout: 90000 }, async () => {
  const { context, close } = await launch();
  try {
    const { page } = await openApp(context, url);
    await paste(page, readFileSync(join(ROOT, 'tests', 'doh', 'fixtures', 'noptr.eml'), 'utf8'));
    await chooseCustom(page, doh);
    assert.equal(await page.locator('.recipient .dns-verdict').count(), 0, 'no verdict before the checks');
    await page.click('#dns-run');
    await evidence(page);
    const verdict = page.locator('.recipient .dns-verdict').first();
    assert.match(await verdict.textContent(), /^Confirmed now by DNS: reverse DNS of 192\.0\.2\.20 is still not in order/);
    // It comes before what happened.
    const order = await page.evaluate(() => [...document.querySelector('.recipient').querySelectorAll('.dns-verdict, .what-happened')].map((e) => e.className));
    assert.deepEqual(order, ['dns-verdict', 'what-happened']);
  } finally {
    await close();
  }
});
