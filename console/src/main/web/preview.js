// Live preview: the widget rendered by the platform's real renderer (the same GET a site's page makes),
// shown in a sandboxed frame with no script, no same-origin and no forms: what the renderer sanitised
// and scoped is all that reaches it. Renders are asked for at most every 300 ms while typing.
import { html, useEffect, useState } from './vendor/preact-htm.js';
import { seg } from './api.js';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function Preview({ addon, widget, config, site, onErrors }) {
  const [doc, setDoc] = useState(null);
  const [state, setState] = useState('rendering');
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      setState('rendering');
      const q = new URLSearchParams({ config: JSON.stringify(config) });
      if (site) q.set('site', site);
      try {
        const r = await fetch(`/api/widgets/${seg(addon)}/${seg(widget)}?${q}`, { headers: { Accept: 'application/json' }, credentials: 'omit' });
        const body = await r.json().catch(() => ({}));
        if (stale) return;
        if (!r.ok) {
          setState(`refused: ${body.detail || body.title || r.status}`);
          onErrors && onErrors(Array.isArray(body.errors) ? body.errors : []);
          return;
        }
        onErrors && onErrors([]);
        setDoc(`<!doctype html><html><head><meta charset="utf-8"><style>${body.css || ''}</style></head>`
          + `<body><div class="tp-widget-root">${body.html || ''}</div></body></html>`);
        setState(`rendered version ${r.headers.get('X-Widget-Version') || '?'}`);
      } catch (e) {
        if (!stale) setState('renderer unreachable: ' + esc(e.message));
      }
    }, 300);
    return () => { stale = true; clearTimeout(timer); };
  }, [addon, widget, site, JSON.stringify(config)]);
  return html`<figure class="preview">
    <iframe title=${`Preview of ${widget}`} sandbox="" srcdoc=${doc || ''} data-widget=${widget}></iframe>
    <figcaption aria-live="polite" data-preview-state=${state.startsWith('rendered') ? 'rendered' : state.startsWith('rendering') ? 'rendering' : 'refused'}>Preview: ${state}</figcaption>
  </figure>`;
}
