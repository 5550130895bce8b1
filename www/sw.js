// Service worker: precaches the app shell of one build and serves it offline.
// The build (www/build/postbuild.mjs) replaces the two placeholders below with the build id
// and the list of files, so each build gets its own cache and old caches are removed when the
// new version takes over (on the next load after every tab of the old one is closed, or at
// once when the page asks for it after the user accepted the "update available" prompt).
const BUILD = '__BOUNCE_BUILD__';
const FILES = ['__BOUNCE_FILES__'];
// Cached when first used, not precached: the full analysis engine (every charset), fetched only
// for an input that needs it.
const LAZY = ['__BOUNCE_LAZY__'];
const CACHE = `bounce-explainer-${BUILD}`;

// Files whose name carries a hash of their content (the wasm, its JS, the locale bundles, the
// CSS) never change under that name: the copy the page has just loaded is taken from the HTTP
// cache (served as immutable, see README "Deploying"), so precaching downloads nothing twice.
// Every other file (the page itself, boot.js, the manifest, the icons) is revalidated.
const HASHED = /-[0-9a-f]{16}(_bg\.wasm|_loader\.js|\.[a-z]+)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? 'default' : 'no-cache' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('bounce-explainer-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // Only our own files; DNS-over-HTTPS queries and everything else go to the network untouched.
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const scope = new URL(self.registration.scope);
      const key = req.mode === 'navigate' && url.pathname.startsWith(scope.pathname) ? scope.href : req;
      const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && LAZY.includes(url.pathname.slice(scope.pathname.length))) await cache.put(req, res.clone());
      return res;
    }),
  );
});
