// A manifest shown as a tree, each member at its JSON pointer, with the server's errors placed at
// the member they name (or, for a member that is missing, at the nearest one that is there).
import { html } from './vendor/preact-htm.js';

const escape = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** The pointer of the deepest member of `doc` on the way to `pointer`. */
export function nearest(doc, pointer) {
  if (pointer === '' || pointer === '/') return '';
  let node = doc;
  let at = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) break;
    node = node[key];
    at += '/' + escape(key);
  }
  return at;
}

export function ManifestTree({ doc, errors }) {
  const byPointer = {};
  errors.forEach((e) => {
    const at = nearest(doc, e.pointer);
    const text = at === e.pointer ? e.message : `${e.pointer.slice(at.length + 1)}: ${e.message}`;
    (byPointer[at] = byPointer[at] || []).push(text);
  });
  return html`<div class="manifest-tree">${node('manifest', doc, '', byPointer)}</div>`;
}

function node(label, value, pointer, byPointer) {
  const messages = byPointer[pointer] || [];
  const mark = messages.length
    ? html`<ul class="field-errors" id=${'err' + pointer.replace(/[^a-zA-Z0-9]/g, '-')}>${messages.map((m) => html`<li>${m}</li>`)}</ul>` : null;
  const cls = 'node' + (messages.length ? ' has-error' : '');
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    // open where an error is, so a long manifest shows its problems and folds the rest
    const open = pointer === '' || Object.keys(byPointer).some((p) => p === pointer || p.startsWith(pointer + '/'));
    return html`<details class=${cls} open=${open} data-pointer=${pointer} aria-invalid=${messages.length ? 'true' : undefined}>
      <summary><code>${label}</code> ${Array.isArray(value) ? `[${value.length}]` : ''}</summary>
      ${mark}
      <div class="children">${entries.map(([k, v]) => node(k, v, `${pointer}/${escape(k)}`, byPointer))}</div>
    </details>`;
  }
  return html`<div class=${cls} data-pointer=${pointer}><code>${label}</code>: <span class="value">${JSON.stringify(value)}</span>${mark}</div>`;
}
