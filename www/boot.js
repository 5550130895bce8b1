// Starts the wasm app. An external file (not an inline script) so the page runs under a
// strict Content-Security-Policy; trunk writes the hashed file names on this script tag.
const tag = document.querySelector('script[data-wasm][data-js]');
const bindings = await import(new URL(tag.dataset.js, document.baseURI).href);
await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });

// Offline support: the service worker precaches this build. A newer build found on the server
// waits until the page accepts it (the app shows "update available"; see src/web).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').then((reg) => {
    const announce = () => {
      if (reg.waiting && navigator.serviceWorker.controller) {
        window.dispatchEvent(new CustomEvent('bounce-update-available'));
      }
    };
    announce();
    reg.addEventListener('updatefound', () => {
      reg.installing?.addEventListener('statechange', announce);
    });
  });
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
