// Starts the wasm app. An external file (not an inline script) so the page runs under a
// strict Content-Security-Policy; trunk writes the hashed file names on this script tag.
const tag = document.querySelector('script[data-wasm][data-js]');
const bindings = await import(new URL(tag.dataset.js, document.baseURI).href);
await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
