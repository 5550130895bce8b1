// Starts the wasm app. An external file (not an inline script) so the page runs under a
// strict Content-Security-Policy; trunk writes the hashed file names on this script tag.
const tag = document.querySelector('script[data-wasm][data-js]');
const meta = (name) => [...document.querySelectorAll(`meta[name="${name}"]`)];

// The analysis engine starts with the page: its worker at once, its wasm as soon as the page's
// own wasm has downloaded (before the page's first render: the text box is not delayed by
// sharing a slow link), compiled while it streams in and handed to the worker. The page adopts
// the worker and its messages (src/web/engine.rs).
const workerMeta = meta('bounce-worker')[0];
const engineMeta = meta('bounce-engine-wasm')[0];
let fetchEngine = () => {};
if (workerMeta && engineMeta && typeof Worker === 'function') {
  try {
    const worker = new Worker(new URL(workerMeta.content, document.baseURI), { name: 'bounce-engine' });
    const early = { worker, messages: [], failed: false };
    worker.onmessage = (e) => early.messages.push(e.data);
    worker.onerror = () => {
      early.failed = true;
    };
    window.__bounceEngine = early;
    const url = new URL(engineMeta.content, document.baseURI).href;
    fetchEngine = () => {
      fetchEngine = () => {};
      WebAssembly.compileStreaming(fetch(url)).then(
        (module) => worker.postMessage(module),
        () => worker.postMessage(url),
      );
    };
    const pageWasm = new URL(tag.dataset.wasm, document.baseURI).href;
    new PerformanceObserver((list, obs) => {
      if (list.getEntries().some((e) => e.name === pageWasm)) {
        obs.disconnect();
        fetchEngine();
      }
    }).observe({ type: 'resource', buffered: true });
  } catch {
    // The page starts it.
  }
}

// The bundles of the locale the page will pick (src/web/locale.rs) travel with the engine.
{
  const offered = meta('bounce-ftl').map((m) => m.dataset.lang);
  const fits = (l) => offered.find((o) => l && (l.toLowerCase() === o || l.toLowerCase().startsWith(`${o}-`)));
  let remembered = null;
  try {
    remembered = localStorage.getItem('bounce-explainer.lang');
  } catch {
    // No storage.
  }
  const lang =
    fits(new URLSearchParams(location.search).get('lang')) ??
    (offered.includes(remembered) ? remembered : null) ??
    [...(navigator.languages ?? [navigator.language])].map(fits).find(Boolean) ??
    'en';
  for (const name of ['bounce-ftl', 'bounce-engine-ftl']) {
    const m = meta(name).find((x) => x.dataset.lang === lang);
    if (!m) continue;
    const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: m.content, crossOrigin: 'anonymous' });
    document.head.append(link);
  }
}

const bindings = await import(new URL(tag.dataset.js, document.baseURI).href);
await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
fetchEngine();

// Offline support: the service worker precaches this build (www/sw.js), registered once the
// first explanation is shown (or the engine has warmed up and 3 s passed), so it never competes
// with the first explanation. A newer build waits until the page accepts it (the app shows
// "update available"; see src/web).
const whenSettled = (then) => {
  const root = document.documentElement;
  let done = false;
  let timer = null;
  const go = () => {
    if (done) return;
    done = true;
    obs.disconnect();
    (window.requestIdleCallback ?? ((f) => setTimeout(f, 200)))(then, { timeout: 2000 });
  };
  const check = () => {
    if (document.querySelector('#results[data-phase="done"]')) go();
    else if (root.dataset.warmupMs !== undefined && timer === null) timer = setTimeout(go, 3000);
  };
  const obs = new MutationObserver(check);
  obs.observe(root, { attributes: true, subtree: true, attributeFilter: ['data-phase', 'data-warmup-ms'] });
  check();
  // Even if the engine never starts.
  setTimeout(go, 30000);
};
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  whenSettled(() => navigator.serviceWorker.register('sw.js').then((reg) => {
    const announce = () => {
      if (reg.waiting && navigator.serviceWorker.controller) {
        window.dispatchEvent(new CustomEvent('bounce-update-available'));
      }
    };
    announce();
    reg.addEventListener('updatefound', () => {
      reg.installing?.addEventListener('statechange', announce);
    });
  }));
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.__bounceUpdateAccepted && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

// Called by the app's "Reload to update" button: activates the waiting service worker; the
// controllerchange handler above then reloads the page once, on the new version.
window.bounceApplyUpdate = async () => {
  const reg = await navigator.serviceWorker?.getRegistration();
  if (!reg?.waiting) return location.reload();
  window.__bounceUpdateAccepted = true;
  reg.waiting.postMessage('skip-waiting');
};
