// A tiny static file server for dist/ (tests and scripts/serve.sh): correct MIME types
// (application/wasm), the app's Content-Security-Policy as a header too, loopback only.
// Usage: node tests/e2e/server.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ftl': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.eml': 'text/plain; charset=utf-8',
};

// Content-hashed file names (trunk's and www/build/postbuild.mjs's): never change, so immutable.
const HASHED = /-[0-9a-f]{16}(_bg\.wasm|_loader\.js|\.[a-z]+)$/;
const SKIP_COMPRESSION = new Set(['.png', '.ico']);

/**
 * Starts serving `dir`; resolves to { server, url }. `headers` are added to every response.
 * `encoding` ('br' or 'gzip'): serve every compressible file compressed that way — its
 * precompressed `.br` / `.gz` copy when there is one, else compressed on the fly (brotli 11,
 * gzip -9, kept in memory) — with the cache headers of README "Deploying": content-hashed
 * files immutable for a year, every other file `no-cache` with an ETag (a 304 on revalidation).
 * `log(method, path, { status, bytes, start, end })` is called when a response has been sent.
 */
export async function serve({ dir = 'dist', port = 0, host = '127.0.0.1', headers = {}, log = null, encoding = null } = {}) {
  const root = resolve(dir);
  const compressed = new Map();
  // Compressed before the first request, so no response waits for brotli 11.
  if (encoding) {
    const ext = encoding === 'br' ? '.br' : '.gz';
    const walk = async (d) => (await readdir(d, { withFileTypes: true })).flatMap((e) => (e.isDirectory() ? [] : [join(d, e.name)]));
    const dirs = [root, ...(await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(root, e.name))];
    for (const d of dirs) {
      for (const f of await walk(d)) {
        if (/\.(br|gz)$/.test(f) || SKIP_COMPRESSION.has(extname(f))) continue;
        if (await stat(f + ext).catch(() => null)) continue;
        const raw = await readFile(f);
        compressed.set(
          f + ext,
          encoding === 'br'
            ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
            : gzipSync(raw, { level: 9 }),
        );
      }
    }
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const start = performance.now();
    if (encoding) {
      res.on('finish', () => log?.(req.method, url.pathname, { status: res.statusCode, bytes: res.__bytes ?? 0, start, end: performance.now() }));
    } else {
      log?.(req.method, url.pathname);
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      if (encoding) {
        await sendEncoded(req, res, path, encoding, compressed, headers);
        return;
      }
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: p } = server.address();
  return { server, url: `http://${host}:${p}/` };
}

async function sendEncoded(req, res, path, encoding, compressed, headers) {
  const info = await stat(path);
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}-${encoding}"`;
  const hashed = HASHED.test(path);
  const head = {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
    ...headers,
  };
  if (req.headers['if-none-match'] === etag) {
    res.__bytes = 0;
    res.writeHead(304, head).end();
    return;
  }
  let body;
  if (SKIP_COMPRESSION.has(extname(path))) {
    body = await readFile(path);
  } else {
    const ext = encoding === 'br' ? '.br' : '.gz';
    body = await readFile(path + ext).catch(() => null);
    if (!body) {
      body = compressed.get(path + ext);
      if (!body) {
        const raw = await readFile(path);
        body =
          encoding === 'br'
            ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
            : gzipSync(raw, { level: 9 });
        compressed.set(path + ext, body);
      }
    }
    head['content-encoding'] = encoding;
  }
  head['content-length'] = body.length;
  res.__bytes = req.method === 'HEAD' ? 0 : body.length;
  res.writeHead(200, head);
  res.end(req.method === 'HEAD' ? undefined : body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : def;
  };
  const { url } = await serve({ dir: arg('dir', 'dist'), port: Number(arg('port', 8080)), host: arg('host', '127.0.0.1') });
  console.log(`Bounce Explainer: ${url}`);
}
