// Bounce Explainer for help desks: include this script from where the app is hosted, e.g.
//   <script src="https://tools.example.com/bounce/embed.js" defer></script>
//   <bounce-explainer lang="pl" theme="light" text="..."></bounce-explainer>
// The element shows the app in a frame of the app's own origin (styles and scripts stay
// isolated; the frame grows to fit its content) and fires `bounce-explained` with the CLI's
// JSON object whenever an explanation is shown, and `bounce-dns-checked` with
// `{ dns_verdicts }` (each recipient's `dns_verdict` as in `bounce explain --json --dns`, or
// null) when the user's DNS checks are done. `BounceExplainer.explain(text, { lang })`
// returns a Promise of the same object, without any UI. Nothing leaves the browser.
(() => {
  const script = document.currentScript;
  const base = new URL('./', script ? script.src : location.href);
  const appOrigin = base.origin;
  const appUrl = (params) => {
    const u = new URL('index.html', base);
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') u.searchParams.set(k, v);
    return u.href;
  };

  class BounceExplainerElement extends HTMLElement {
    static get observedAttributes() {
      return ['lang', 'text'];
    }

    connectedCallback() {
      if (this.frame) return;
      const root = this.attachShadow({ mode: 'closed' });
      const frame = document.createElement('iframe');
      frame.title = this.getAttribute('label') || 'Bounce Explainer';
      frame.src = appUrl({
        embed: '1',
        lang: this.getAttribute('lang'),
        theme: this.getAttribute('theme'),
        dns: this.getAttribute('dns'),
        resolver: this.getAttribute('resolver'),
      });
      // Styles set through the CSSOM, so a host CSP without 'unsafe-inline' styles still works.
      Object.assign(frame.style, { display: 'block', width: '100%', height: '480px', border: '0' });
      this.style.display = this.style.display || 'block';
      this.frame = frame;
      this.onMessage = (e) => {
        if (e.source !== frame.contentWindow || e.origin !== appOrigin || !e.data) return;
        switch (e.data.type) {
          case 'bounce-ready':
            this.ready = true;
            this.post({ type: 'bounce-hello' });
            if (this.hasAttribute('text')) this.post({ type: 'bounce-set', text: this.getAttribute('text') });
            break;
          case 'bounce-size':
            frame.style.height = `${Math.max(200, Number(e.data.height) || 0)}px`;
            break;
          case 'bounce-explained':
            this.dispatchEvent(new CustomEvent('bounce-explained', { detail: e.data.result, bubbles: true, composed: true }));
            break;
          case 'bounce-dns-checked':
            this.dispatchEvent(new CustomEvent('bounce-dns-checked', { detail: { dns_verdicts: e.data.dns_verdicts }, bubbles: true, composed: true }));
            break;
        }
      };
      window.addEventListener('message', this.onMessage);
      root.append(frame);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback(name, _old, value) {
      // Before the frame is ready, connectedCallback / bounce-ready send the current values.
      if (!this.frame || !this.ready) return;
      if (name === 'text') this.post({ type: 'bounce-set', text: value ?? '' });
      if (name === 'lang' && value) this.post({ type: 'bounce-set', lang: value });
    }

    post(msg) {
      this.frame?.contentWindow?.postMessage(msg, appOrigin);
    }
  }

  if (!customElements.get('bounce-explainer')) customElements.define('bounce-explainer', BounceExplainerElement);

  // The JS API: one hidden frame answers every request.
  let api = null;
  const pending = new Map();
  let seq = 0;
  const apiFrame = () => {
    if (api) return api;
    api = new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.setAttribute('aria-hidden', 'true');
      frame.src = appUrl({ api: '1' });
      window.addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || e.origin !== appOrigin || !e.data) return;
        if (e.data.type === 'bounce-ready') {
          frame.contentWindow.postMessage({ type: 'bounce-hello' }, appOrigin);
          resolve(frame);
        } else if (e.data.type === 'bounce-result') {
          const done = pending.get(e.data.id);
          pending.delete(e.data.id);
          if (done) e.data.error ? done.reject(new Error(e.data.error)) : done.resolve(e.data.result);
        }
      });
      (document.body || document.documentElement).append(frame);
    });
    return api;
  };

  window.BounceExplainer = {
    /** Analyses `text`; resolves to the same object as `bounce explain --json`. */
    async explain(text, { lang } = {}) {
      const frame = await apiFrame();
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        frame.contentWindow.postMessage({ type: 'bounce-explain', id, text: String(text), lang }, appOrigin);
      });
    },
  };
})();
