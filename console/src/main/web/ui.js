// Small shared pieces: a server problem shown whole, errors gathered by JSON pointer, ids for labels.
import { html, useEffect, useState } from './vendor/preact-htm.js';

let counter = 0;
export const uid = (prefix) => `${prefix}-${++counter}`;

/** Errors by pointer; `at(p)` gives those exactly at p, `rest(known)` those at no known pointer. */
export function errorIndex(error, base = '') {
  const list = error ? error.errors || [] : [];
  return {
    at: (pointer) => list.filter((e) => e.pointer === base + pointer).map((e) => e.message),
    rest: (known) => list.filter((e) => !known.some((k) => e.pointer === base + k)),
  };
}

/** The API's refusal as it came: title, detail, status, request id, and any error not shown at a field. */
export function Problem({ error, unplaced }) {
  if (!error) return null;
  const p = error.problem || {};
  const others = unplaced ?? error.errors;
  return html`<div class="problem" role="alert">
    <strong>${p.title || 'Error'}${error.status ? ` (${error.status})` : ''}</strong>
    ${p.detail && html`<p>${p.detail}</p>`}
    ${others && others.length > 0 && html`<ul>${others.map((e) => html`<li><code>${e.pointer}</code> ${e.message}</li>`)}</ul>`}
    ${p.permission && html`<p>Permission: <code>${p.permission}</code></p>`}
    ${p.requestId && html`<p class="muted">Request id ${p.requestId}</p>`}
  </div>`;
}

export function FieldErrors({ id, messages }) {
  if (!messages || messages.length === 0) return null;
  return html`<ul class="field-errors" id=${id}>${messages.map((m) => html`<li>${m}</li>`)}</ul>`;
}

export function Notice({ text }) {
  return text ? html`<p class="notice" role="status">${text}</p>` : null;
}

export const when = (instant) => (instant ? new Date(instant).toLocaleString() : '');

/** Moves to a view; the address holds only the view and the names it shows, never a key. */
export const go = (...parts) => { location.hash = '#/' + parts.map(encodeURIComponent).join('/'); };

/** Loads once per change of `deps`; answers [data, error, reload]. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, error: null }));
    load().then((data) => live && setState({ data, error: null }), (error) => live && setState({ data: null, error }));
    return () => { live = false; };
  }, [...deps, tick]);
  return [state.data, state.error, () => setTick((t) => t + 1)];
}
