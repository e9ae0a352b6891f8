// A developer's addons: register a version from a manifest file (errors at their pointers),
// withdraw a version, and each addon's calls: executions, errors and latency.
import { html, useState } from './vendor/preact-htm.js';
import { api, get, query, seg } from './api.js';
import { Problem, Notice, useLoad, when } from './ui.js';
import { ManifestTree } from './manifest.js';

export function DeveloperPage({ identity }) {
  const [tick, setTick] = useState(0);
  return html`<section aria-labelledby="dev-title">
    <h1 id="dev-title">${identity.role === 'operator' ? 'Addons' : 'My addons'}</h1>
    <${Register} onRegistered=${() => setTick((t) => t + 1)} />
    <${MyAddons} identity=${identity} tick=${tick} />
  </section>`;
}

function Register({ onRegistered }) {
  const [doc, setDoc] = useState(null);
  const [fileError, setFileError] = useState('');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const read = async (e) => {
    setError(null);
    setNotice('');
    setFileError('');
    const file = e.target.files[0];
    if (!file) return;
    try {
      setDoc(JSON.parse(await file.text()));
    } catch (err) {
      setDoc(null);
      setFileError(`${file.name} is not JSON: ${err.message}`);
    }
  };
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api('POST', '/api/addons/register', { body: doc });
      setNotice(`Registered ${r.json.name} ${r.json.version}.`);
      onRegistered();
    } catch (err) { setError(err); }
  };
  return html`<section aria-labelledby="reg-title">
    <h2 id="reg-title">Register a version</h2>
    <form onSubmit=${submit}>
      <div class="field"><label for="manifest-file">Manifest file (JSON)</label>
        <input id="manifest-file" type="file" accept="application/json,.json" onChange=${read}
          aria-describedby=${fileError ? 'manifest-file-error' : undefined} />
        ${fileError && html`<ul class="field-errors" id="manifest-file-error"><li>${fileError}</li></ul>`}</div>
      <button type="submit" disabled=${!doc}>Register</button>
    </form>
    <${Problem} error=${error} unplaced=${[]} />
    <${Notice} text=${notice} />
    ${doc && html`<${ManifestTree} doc=${doc} errors=${(error && error.errors) || []} />`}
  </section>`;
}

function MyAddons({ identity, tick }) {
  const [page, error] = useLoad(() => get('/api/addons' + query({ size: 100 })), [tick]);
  const mine = page ? page.items.filter((a) => identity.role === 'operator' || a.owner === identity.developer) : [];
  return html`<section aria-labelledby="mine-title">
    <h2 id="mine-title">Addons and versions</h2>
    <${Problem} error=${error} />
    ${page && mine.length === 0 && html`<p>No addon yet: register one above.</p>`}
    ${mine.map((a) => html`<${OwnedAddon} key=${a.name} addon=${a} tick=${tick} />`)}
  </section>`;
}

function OwnedAddon({ addon, tick }) {
  const [n, setN] = useState(0);
  const [versions, error] = useLoad(() => get(`/api/addons/${seg(addon.name)}/versions`), [addon.name, tick, n]);
  const [stats, statsError] = useLoad(() => get(`/api/addons/${seg(addon.name)}/stats`), [addon.name, tick, n]);
  const [failure, setFailure] = useState(null);
  const [notice, setNotice] = useState('');
  const withdraw = async (v) => {
    if (!confirm(`Withdraw ${addon.name} ${v}?`)) return;
    setFailure(null);
    setNotice('');
    try {
      await api('DELETE', `/api/addons/${seg(addon.name)}/versions/${seg(v)}`);
      setNotice(`Withdrew ${v}.`);
      setN(n + 1);
    } catch (e) { setFailure(e); }
  };
  return html`<article class="card" data-addon=${addon.name}>
    <h3><a href=${'#/addon/' + seg(addon.name)}>${addon.name}</a></h3>
    <${Problem} error=${error || failure} />
    <${Notice} text=${notice} />
    <div class="scroll"><table><thead><tr><th scope="col">Version</th><th scope="col">Registered</th><th scope="col">State</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
      <tbody>${versions && versions.map((v) => html`<tr data-version=${v.version}><td>${v.version}</td><td>${when(v.registeredAt)}</td>
        <td>${v.withdrawn ? 'withdrawn' : 'active'}</td>
        <td>${!v.withdrawn && html`<button type="button" onClick=${() => withdraw(v.version)}>Withdraw</button>`}</td></tr>`)}</tbody></table></div>
    <${Stats} stats=${stats} error=${statsError} />
  </article>`;
}

function Stats({ stats, error }) {
  if (error) return html`<p class="muted">Calls: ${error.message}</p>`;
  if (!stats) return null;
  return html`<dl class="stats">
    <div><dt>Executions</dt><dd>${stats.executions}</dd></div>
    <div><dt>Refused (4xx)</dt><dd>${stats.refused}</dd></div>
    <div><dt>Errors (5xx)</dt><dd>${stats.errors}</dd></div>
    <div><dt>Mean latency</dt><dd>${stats.executions ? `${stats.meanMillis.toFixed(1)} ms` : '–'}</dd></div>
    <div><dt>Max latency</dt><dd>${stats.executions ? `${stats.maxMillis.toFixed(1)} ms` : '–'}</dd></div>
  </dl>`;
}
