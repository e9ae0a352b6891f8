// The catalogue: addons by category and text, and one addon's versions, widgets, endpoints,
// permissions and dependencies. Public: any key, or none, may browse.
import { html, useState } from './vendor/preact-htm.js';
import { get, query, seg } from './api.js';
import { Problem, go, useLoad, when } from './ui.js';
import { MEANING } from './permissions.js';

// the manifest schema's categories (common-model addon-manifest.schema.json)
const CATEGORIES = ['ecommerce', 'analytics', 'marketing', 'communication', 'utilities'];

export function Catalogue({ identity }) {
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState({ category: '', q: '' });
  const [page, error] = useLoad(() => get('/api/addons' + query({ category: submitted.category, q: submitted.q, size: 50 })), [submitted]);
  return html`<section aria-labelledby="catalogue-title">
    <h1 id="catalogue-title">Catalogue</h1>
    <form class="filters" role="search" onSubmit=${(e) => { e.preventDefault(); setSubmitted({ category, q: text }); }}>
      <div class="field"><label for="cat">Category</label>
        <select id="cat" value=${category} onChange=${(e) => { setCategory(e.target.value); setSubmitted({ category: e.target.value, q: text }); }}>
          <option value="">All</option>${CATEGORIES.map((c) => html`<option value=${c}>${c}</option>`)}
        </select></div>
      <div class="field"><label for="q">Search</label>
        <input id="q" type="search" maxlength="100" value=${text} onInput=${(e) => setText(e.target.value)} /></div>
      <button type="submit">Search</button>
    </form>
    <${Problem} error=${error} />
    ${page && (page.items || []).length === 0 && html`<p>No addon matches.</p>`}
    <ul class="cards">
      ${page && (page.items || []).map((a) => html`<li class="card" data-addon=${a.name}>
        <h2><a href=${'#/addon/' + seg(a.name)}>${a.name}</a></h2>
        <p class="muted">${a.category} · ${a.latestVersion} · by ${a.author || a.owner}</p>
        <p>${a.description}</p>
        ${canInstall(identity) && html`<button type="button" onClick=${() => go('install', a.name)}>Install…</button>`}
      </li>`)}
    </ul>
  </section>`;
}

export const canInstall = (identity) => identity.role === 'operator' || (identity.role === 'site' && identity.keyKind === 'secret');

export function AddonPage({ name, identity }) {
  const [addon, error] = useLoad(() => get(`/api/addons/${seg(name)}`), [name]);
  if (error) return html`<${Problem} error=${error} />`;
  if (!addon) return html`<p class="loading">Loading ${name}…</p>`;
  const m = addon.manifest || {};
  const deps = Object.entries(m.dependencies || {});
  return html`<article aria-labelledby="addon-title">
    <h1 id="addon-title">${addon.name}</h1>
    <p class="muted">${addon.category} · latest ${addon.latestVersion} · by ${addon.author} (owner ${addon.owner})</p>
    <p>${addon.description}</p>
    ${canInstall(identity) && html`<p><button type="button" onClick=${() => go('install', addon.name)}>Install on a site…</button></p>`}
    <h2>Versions</h2>
    <div class="scroll"><table><thead><tr><th scope="col">Version</th><th scope="col">Registered</th><th scope="col">State</th></tr></thead>
      <tbody>${addon.versions.map((v) => html`<tr><td>${v.version}</td><td>${when(v.registeredAt)}</td><td>${v.withdrawn ? 'withdrawn' : 'active'}</td></tr>`)}</tbody></table></div>
    <h2>Widgets</h2>
    <ul>${(m.widgets || []).map((w) => html`<li><strong>${w.displayName || w.name}</strong> <code>${w.name}</code> (${w.category}) — ${w.description}</li>`)}</ul>
    <h2>Endpoints</h2>
    <ul>${(m.endpoints || []).map((e) => html`<li><code>${e.name}</code>${e.public ? ' (public)' : ''} — ${e.description}
      ${e.permissions && e.permissions.length > 0 && html` (needs ${e.permissions.join(', ')})`}</li>`)}</ul>
    <h2>Permissions it asks for</h2>
    ${(m.permissions || []).length ? html`<ul>${m.permissions.map((p) => html`<li><code>${p}</code> — ${MEANING[p] || ''}</li>`)}</ul>` : html`<p>None.</p>`}
    <h2>Dependencies</h2>
    ${deps.length ? html`<ul>${deps.map(([d, r]) => html`<li><a href=${'#/addon/' + seg(d)}>${d}</a> ${r}</li>`)}</ul>` : html`<p>None.</p>`}
  </article>`;
}
