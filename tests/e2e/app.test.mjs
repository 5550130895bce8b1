// End-to-end tests of the web app in Debian's Chromium (playwright-core + node:test).
// Needs a release build in dist/ (scripts/e2e.sh builds it and runs this suite).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, launch, openApp, paste, axe, shot, fixture, cspViolations } from './helpers.mjs';

let server;
let url;

before(async () => {
  ({ server, url } = await startServer());
});

after(() => server?.close());

/** Opens the app in a fresh browser, runs `fn`, then checks nothing went wrong on the page. */
async function withApp(opts, fn) {
  const { context, close } = await launch(opts);
  try {
    const { page, rec } = await openApp(context, url, { warmUp: opts.warmUp });
    await fn(page, rec);
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation');
    assert.deepEqual(rec.errors, [], 'no console error');
    assert.deepEqual(rec.dialogs, [], 'no dialog opened');
  } finally {
    await close();
  }
}

const text = (page, sel) => page.locator(sel).first().textContent();

test('empty state says what to paste, passes axe, no request after load', { timeout: 90000 }, async () => {
  await withApp({}, async (page, rec) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.title(), /Bounce Explainer/);
    assert.match(await text(page, '.empty-state h3'), /Paste a bounce/);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'empty-en');
    const loaded = rec.requests.length;
    await page.waitForTimeout(300);
    assert.equal(rec.requests.length, loaded, 'nothing is fetched while idle');
  });
});

test('pasting a Postfix DSN highlights code, host and recipient, explains it, makes no request', { timeout: 90000 }, async () => {
  await withApp({}, async (page, rec) => {
    rec.requests.length = 0;
    await paste(page, fixture('user-unknown.eml'));
    assert.deepEqual(rec.requests, [], 'pasting and explaining makes no network request');
    assert.equal(await text(page, 'pre.source mark.hl-reply-code'), '550');
    assert.equal(await text(page, 'pre.source mark.hl-status'), '5.1.1');
    assert.equal(await text(page, 'pre.source mark.hl-remote-mta'), 'mx1.example.net');
    assert.equal(await text(page, 'pre.source mark.hl-recipient'), 'jan.kowalski@example.net');
    assert.match(await text(page, '.summary .headline'), /\S/);
    assert.match(await text(page, '.recipient .address'), /jan\.kowalski@example\.net/);
    assert.match(await text(page, '.recipient h3'), /not exist|unknown/i);
    assert.equal(await page.locator('.recipient.permanent').count(), 1);
    assert.match(await text(page, '.hop.failing .hop-host'), /mx1\.example\.net/);
    assert.match(await text(page, '.hop.failing .hop-flag'), /Refused here/);
    assert.match(await text(page, '.status-line'), /Done in \d+ ms: one recipient explained/);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'result-user-unknown-en');
    await page.click('.facts > summary');
    assert.match(await text(page, '.facts'), /userunknown/);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'result-facts-open-en');
  });
});

test('several failed recipients get one section each; Exim text bounce is understood', { timeout: 90000 }, async () => {
  await withApp({}, async (page) => {
    await paste(page, fixture('blocklist.eml'));
    assert.equal(await page.locator('article.recipient').count(), 2);
    assert.match(await text(page, '#recipients-heading'), /Recipients \(2\)/);
    const addrs = await page.locator('article.recipient .address').allTextContents();
    assert.deepEqual(addrs.map((a) => a.replace('Address:', '').trim()), ['orders@shop.example.net', 'info@shop.example.net']);
    assert.match(await text(page, 'article.recipient'), /block ?list/i);
    await shot(page, 'result-blocklist-en');
    await paste(page, fixture('exim-quota.eml'));
    assert.equal(await text(page, 'pre.source mark.hl-reply-code'), '552');
    assert.match(await text(page, '.facts'), /mailboxfull/);
  });
});

test('Polish UI from navigator.languages: lang, title, texts and explanation in Polish', { timeout: 90000 }, async () => {
  await withApp({ locale: 'pl-PL' }, async (page, rec) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    assert.match(await page.title(), /dlaczego mój e-mail wrócił/);
    assert.match(await text(page, '.empty-state h3'), /Wklej zwrotkę/);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'empty-pl');
    rec.requests.length = 0;
    await paste(page, fixture('mailbox-full.eml'));
    assert.deepEqual(rec.requests, []);
    assert.equal(await text(page, 'pre.source mark.hl-status'), '4.2.2');
    assert.match(await text(page, '#recipients-heading'), /^Odbiorca$/);
    assert.match(await text(page, '.recipient .badge.temporary'), /Serwer wciąż ponawia próby/);
    assert.match(await text(page, '.status-line'), /Gotowe w \d+ ms/);
    assert.match(await text(page, '#hops-heading'), /Droga wiadomości/);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'result-mailbox-full-pl');
  });
});

test('switching the language re-explains, updates lang/title and is remembered', { timeout: 90000 }, async () => {
  const { context, close } = await launch({ locale: 'en-US' });
  try {
    const { page } = await openApp(context, url);
    await paste(page, fixture('user-unknown.eml'));
    const enHeadline = await text(page, '.summary .headline');
    await page.selectOption('#locale-select', 'pl');
    await page.waitForFunction(() => document.documentElement.lang === 'pl');
    await page.waitForFunction((en) => {
      const h = document.querySelector('.summary .headline')?.textContent;
      return h && h !== en && !document.querySelector('.results-body.stale');
    }, enHeadline);
    assert.match(await page.title(), /dlaczego/);
    assert.match(await text(page, '.copy-panel h2'), /Skopiuj wyjaśnienie/);
    await page.reload();
    await page.waitForSelector('.empty-state');
    assert.equal(await page.getAttribute('html', 'lang'), 'pl', 'the choice is remembered');
  } finally {
    await close();
  }
});

test('pasted markup in Subject and diagnostic renders as text and runs nothing', { timeout: 90000 }, async () => {
  await withApp({}, async (page, rec) => {
    await paste(page, fixture('xss.eml'));
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    assert.doesNotMatch(await page.title(), /pwned/);
    assert.equal(await page.locator('#results img, #results script, #results svg:not(.logo)').count(), 0);
    const source = await text(page, 'pre.source');
    assert.ok(source.includes('<img src=x onerror="window.__xss=3">'), 'payload shown literally');
    assert.ok(source.includes('<script>window.__xss=2</script>'));
    assert.match(await text(page, '.facts'), /<img src=x onerror/);
    assert.deepEqual(rec.dialogs, []);
    await shot(page, 'xss-as-text');
  });
});

test('keyboard only: skip link, language, input, examples, copy and facts', { timeout: 90000 }, async () => {
  await withApp({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'locale-select');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'bounce-input');
    await page.keyboard.type('550 5.1.1 <nobody@example.net>: User unknown');
    await page.waitForSelector('pre.source mark.hl-reply-code');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /Open file/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'examples-select');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('#bounce-input').value.includes('Postfix'));
    await page.waitForFunction(() => document.querySelector('.recipient .address')?.textContent.includes('jan.kowalski'));
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /Clear/);
    // On to the copy controls, by keyboard only.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.name === 'copy-format')) break;
    }
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.querySelector('input[value=markdown]').checked), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'redact');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'copy-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.copy-status').textContent.length > 0);
    assert.match(await text(page, '.copy-status'), /Copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /jan\\?\.kowalski@example\\?\.net/);
    assert.match(copied, /^#|\*\*|^- /m, 'Markdown formatting');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'share-button');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.querySelector('details.facts').open), true);
    await shot(page, 'keyboard-copy-facts');
  });
});

test('"Copy" puts exactly the CLI\'s explanation on the clipboard, in English and in Polish', { timeout: 90000 }, async () => {
  // The engine's answer carries each text once; the page makes the copied text from it when asked.
  const cli = join(ROOT, 'target', 'release', 'bounce');
  await withApp({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const input = fixture('user-unknown.eml').replace(/\r\n?/g, '\n');
    await paste(page, input);
    const copy = async () => {
      await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
      await page.click('#copy-button');
      await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '(nothing copied)');
      return page.evaluate(() => navigator.clipboard.readText());
    };
    // The CLI's text output is "== - ==", the plain-text explanation, then an empty line.
    const native = (lang) => execFileSync(cli, ['explain', '--lang', lang, '-'], { input, encoding: 'utf8' }).replace(/^== - ==\n/, '').replace(/\n$/, '');
    assert.equal(await copy(), native('en'));
    await page.selectOption('#locale-select', 'pl');
    await page.waitForFunction(() => document.documentElement.lang === 'pl' && document.querySelector('.summary .headline') && !document.querySelector('.results-body.stale'));
    await page.waitForFunction(() => document.querySelector('.copy-panel h2')?.textContent.includes('Skopiuj'));
    const pl = native('pl');
    assert.match(pl, /Odbiorca|odbiorc/i);
    await page.waitForFunction((want) => document.querySelector('.summary .headline')?.textContent === want.split('\n')[0], pl);
    assert.equal(await copy(), pl);
    // Markdown: the same texts, escaped, with headings.
    await page.check('input[name=copy-format][value=markdown]');
    const md = await copy();
    assert.match(md, /^## /);
    assert.match(md, /jan\\\.kowalski@example\\\.net/);
  });
});

test('dark mode and a 360 px phone: readable, no horizontal scrolling, axe clean', { timeout: 90000 }, async () => {
  await withApp({ colorScheme: 'dark', viewport: { width: 360, height: 800 } }, async (page) => {
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(246, 247, 249)', 'dark background');
    await paste(page, fixture('blocklist.eml'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    assert.deepEqual(await axe(page), []);
    await shot(page, 'result-dark-360');
  });
});

test('a pasted megabyte-sized bounce stays out of the text box and is explained without freezing', { timeout: 90000 }, async () => {
  await withApp({ warmUp: true }, async (page) => {
    const base = fixture('user-unknown.eml');
    const filler = 'X-Filler: ' + 'abcdefghij'.repeat(7) + '\n';
    const big = base.replace('\n\n', '\n' + filler.repeat(Math.ceil((3 * 1024 * 1024) / filler.length)) + '\n');
    const result = await page.evaluate(async (text) => {
      let maxGap = 0;
      let last = performance.now();
      let running = true;
      const tick = () => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const area = document.querySelector('#bounce-input');
      area.focus();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      const t0 = performance.now();
      const kept = area.dispatchEvent(event);
      while (!(document.querySelector('pre.source mark.hl-reply-code') && document.querySelector('#results').dataset.phase === 'done')) {
        if (performance.now() - t0 > 60000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      running = false;
      return { defaultPrevented: !kept, ms: performance.now() - t0, maxGap, value: area.value.length };
    }, big);
    assert.ok(result.defaultPrevented, 'the browser did not insert the pasted megabytes itself');
    assert.equal(result.value, 0, 'megabytes are not laid out in the text box');
    assert.match(await text(page, '.large-note'), /large input \(3\.0 MB\)/);
    assert.match(await text(page, '#results'), /jan\.kowalski@example\.net/);
    console.log(`large paste (${(big.length / 1048576).toFixed(1)} MiB): explained after ${Math.round(result.ms)} ms, longest frame gap ${Math.round(result.maxGap)} ms`);
    assert.ok(result.maxGap < 500, `the page froze for ${Math.round(result.maxGap)} ms`);
  });
});

test('a large file is analysed in the worker with a progress indicator, page stays responsive', { timeout: 90000 }, async () => {
  await withApp({ warmUp: true }, async (page) => {
    const base = fixture('user-unknown.eml');
    const filler = 'X-Filler: ' + 'abcdefghij'.repeat(7) + '\n';
    const big = base.replace('\n\n', '\n' + filler.repeat(Math.ceil((4 * 1024 * 1024) / filler.length)) + '\n');
    // Watch frames and the progress indicator from inside the page while the file loads.
    await page.evaluate(() => {
      window.__watch = { progressSeen: false, maxGap: 0, running: true, t0: performance.now() };
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        window.__watch.maxGap = Math.max(window.__watch.maxGap, now - last);
        last = now;
        if (document.querySelector('.status-line progress')) window.__watch.progressSeen = true;
        if (window.__watch.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // A real file path: Chromium attaches it natively (a buffer would be decoded by page script).
    const path = join(mkdtempSync(join(tmpdir(), 'bounce-big-')), 'big.eml');
    writeFileSync(path, big);
    await page.setInputFiles('input[type=file]', path);
    await page.waitForFunction(
      () => document.querySelector('pre.source mark.hl-reply-code') && document.querySelector('#results').dataset.phase === 'done',
      null,
      { timeout: 60000 },
    );
    const result = await page.evaluate(() => {
      window.__watch.running = false;
      return { ...window.__watch, ms: performance.now() - window.__watch.t0, gaps: document.querySelectorAll('pre.source .gap').length };
    });
    assert.ok(result.progressSeen, 'a progress indicator was shown');
    assert.ok(result.gaps >= 1, 'the huge text is shown as excerpts');
    assert.match(await text(page, '.large-note'), /large input \(4\.0 MB\)/);
    assert.equal(await page.inputValue('#bounce-input'), '', 'megabytes are not laid out in the text box');
    console.log(
      `large file (${(big.length / 1048576).toFixed(1)} MiB): explained after ${Math.round(result.ms)} ms, ` +
        `longest frame gap meanwhile ${Math.round(result.maxGap)} ms`,
    );
    assert.ok(result.maxGap < 500, `the page froze for ${Math.round(result.maxGap)} ms`);
    await shot(page, 'large-input');
  });
});

test('share link: redacted text travels only in the fragment and opens explained', { timeout: 90000 }, async () => {
  const seen = [];
  const logged = await startServer({ log: (method, path) => seen.push(path) });
  const { context, close } = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { page } = await openApp(context, logged.url);
    await paste(page, fixture('user-unknown.eml'));
    await page.check('#redact');
    await page.click('#share-button');
    await page.waitForFunction(() => document.querySelector('.share-status').textContent.length > 0);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#text=[A-Za-z0-9_-]+$/);
    await page.click('#copy-button');
    await page.waitForFunction(() => document.querySelector('.copy-status').textContent.length > 0);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.doesNotMatch(copied, /kowalski|mx1\.example|198\.51\.100/, 'redacted explanation');
    assert.match(copied, /user1@example\.invalid|user\d@example\\?\.invalid/);
    const other = await context.newPage();
    await other.goto(link);
    await other.waitForFunction(() => document.querySelector('#results').dataset.phase === 'done' && document.querySelector('.summary'));
    const shown = await other.inputValue('#bounce-input');
    assert.match(shown, /Recipient address rejected/);
    assert.doesNotMatch(shown, /jan\.kowalski|mx1\.example\.net/);
    assert.equal(await other.locator('pre.source mark.hl-reply-code').first().textContent(), '550');
    assert.ok(seen.length > 0 && seen.every((p) => !p.includes('text=')), 'the text never reached the server');
    await shot(page, 'share-redact');
  } finally {
    await close();
    logged.server.close();
  }
});

test('dropping an .eml file on the text box explains it', { timeout: 60000 }, async () => {
  await withApp({}, async (page) => {
    const eml = fixture('exim-quota.eml');
    await page.evaluate((eml) => {
      const dt = new DataTransfer();
      dt.items.add(new File([eml], 'bounce.eml', { type: 'message/rfc822' }));
      const zone = document.querySelector('.dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, eml);
    await page.waitForFunction(() => document.querySelector('#results').dataset.phase === 'done' && document.querySelector('.summary'));
    assert.equal(await page.inputValue('#bounce-input'), eml, 'the file is shown in the text box');
    assert.equal(await text(page, 'pre.source mark.hl-reply-code'), '552');
  });
});

test('dropping an Outlook .msg file explains it as the .eml of the same bounce', { timeout: 90000 }, async () => {
  await withApp({}, async (page) => {
    const { readFileSync } = await import('node:fs');
    const msg = [...readFileSync(join(ROOT, 'tests', 'msg', 'ndr-ansi-cp1250.msg'))];
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'Undeliverable.msg', { type: 'application/vnd.ms-outlook' }));
      const zone = document.querySelector('.dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, msg);
    await page.waitForFunction(() => document.querySelector('#results').dataset.phase === 'done' && document.querySelector('.summary'));
    // The text box shows the rendering: the recipient table as delivery-status fields, the
    // ANSI (code page 1250) note decoded.
    const shown = await page.inputValue('#bounce-input');
    assert.match(shown, /Final-Recipient: rfc822; gosia@example\.net/);
    assert.match(shown, /zażółć gęślą jaźń/);
    const fromMsg = { summary: await text(page, '.summary'), recipients: await text(page, '.recipients') };
    assert.equal(await text(page, 'pre.source mark.hl-reply-code'), '550');
    await shot(page, 'msg-dropped');
    // The .eml the .msg was made from explains the same way.
    await paste(page, readFileSync(join(ROOT, 'tests', 'fixtures', '04-postfix-dsn-userunknown.eml'), 'utf8'));
    assert.equal(await text(page, '.summary'), fromMsg.summary);
    assert.equal(await text(page, '.recipients'), fromMsg.recipients);
    assert.match(fromMsg.recipients, /gosia@example\.net/);
  });
});
