// Renders the PNG app icons from the SVGs with Debian's Chromium (run once after editing the SVGs):
// node www/build/icons.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons') + '/';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const [src, size, out] of [['icon.svg',192,'icon-192.png'],['icon.svg',512,'icon-512.png'],['maskable.svg',512,'maskable-512.png'],['maskable.svg',192,'maskable-192.png'],['icon.svg',180,'apple-touch-icon.png']]) {
  const p = await b.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(DIR + '' + src, 'utf8');
  await p.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await p.screenshot({ path: DIR + '' + out, omitBackground: true });
  await p.close();
}
await b.close();
