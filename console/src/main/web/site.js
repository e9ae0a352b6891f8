// A site: its installations (upgrade, roll back, uninstall), its allowed origins, its keys (rotate)
// and its audit log. For the site's secret key, or the operator.
import { html, useState } from './vendor/preact-htm.js';
import { api, get, query, seg, session } from './api.js';
import { Problem, Notice, go, useLoad, when } from './ui.js';
import { GrantPicker } from './permissions.js';

export function SitePicker() {
  const [id, setId] = useState('');
  return html`<section aria-labelledby="picker-title"><h1 id="picker-title">Sites</h1>
    <form onSubmit=${(e) => { e.preventDefault(); go('site', id.trim()); }}>
      <div class="field"><label for="site-id">Site id</label><input id="site-id" required value=${id} onInput=${(e) => setId(e.target.value)} /></div>
      <button type="submit">Open</button>
    </form></section>`;
}

export function SitePage({ site, identity }) {
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  const [info, error] = useLoad(() => get(`/api/sites/${seg(site)}`), [site, tick]);
  if (error) return html`<${Problem} error=${error} />`;
  if (!info) return html`<p class="loading">Loading ${site}…</p>`;
  return html`<section aria-labelledby="site-title">
    <h1 id="site-title">${info.name} <small class="muted">${info.id}</small></h1>
    <${Installations} site=${site} tick=${tick} onChange=${refresh} />
    <${Origins} site=${site} origins=${info.origins} onChange=${refresh} />
    <${Keys} site=${site} identity=${identity} tick=${tick} onChange=${refresh} />
    <${Audit} site=${site} tick=${tick} />
  </section>`;
}

function Installations({ site, tick, onChange }) {
  const [list, error] = useLoad(() => get(`/api/sites/${seg(site)}/addons`), [site, tick]);
  const [failure, setFailure] = useState(null);
  const [notice, setNotice] = useState('');
  const act = async (what, call) => {
    setFailure(null);
    setNotice('');
    try {
      const r = await call();
      setNotice(what + (r && r.json && r.json.version ? `: now ${r.json.version}` : ''));
      onChange();
      return null;
    } catch (e) {
      setFailure(e);
      return e;
    }
  };
  // each installation is keyed by its revision: after any change its version picker starts again from what is installed
  return html`<section aria-labelledby="inst-title">
    <h2 id="inst-title">Installations</h2>
    <${Problem} error=${error || failure} unplaced=${failure ? failure.errors.filter((x) => x.pointer !== '/grant') : undefined} />
    <${Notice} text=${notice} />
    ${list && list.length === 0 && html`<p>Nothing installed yet. <a href="#/catalogue">Browse the catalogue</a>.</p>`}
    <ul class="installations">
      ${list && list.map((i) => html`<${Installation} key=${i.addon + "@" + i.revision} site=${site} installation=${i} act=${act} />`)}
    </ul>
  </section>`;
}

function Installation({ site, installation: i, act }) {
  const [versions] = useLoad(() => get(`/api/addons/${seg(i.addon)}/versions`), [i.addon]);
  const [target, setTarget] = useState('');
  const path = `/api/sites/${seg(site)}/addons/${seg(i.addon)}`;
  const ifMatch = { 'If-Match': `"${i.revision}"` };
  const id = `upgrade-${i.addon}`;
  // a version that requests more than is granted is refused (409 grant-required, errors at /grant):
  // its permissions are then offered here, and the next change sends the grant with the version
  const [grantFor, setGrantFor] = useState(null);
  const change = async (e) => {
    e.preventDefault();
    const version = target || i.version;
    const body = grantFor && grantFor.version === version ? { version, grant: grantFor.grant } : { version };
    const err = await act(`Changed ${i.addon}`, () => api('PUT', path, { body, headers: ifMatch }));
    if (err && err.errors.some((x) => x.pointer === '/grant')) {
      const requested = (await get(`/api/addons/${seg(i.addon)}/versions/${seg(version)}`)).manifest.permissions || [];
      setGrantFor({ version, requested, grant: grantFor && grantFor.version === version ? grantFor.grant
        : i.grant.filter((p) => p === 'page.script' || requested.includes(p)),
        errors: err.errors.filter((x) => x.pointer === '/grant').map((x) => x.message) });
    }
  };
  return html`<li class="installation" data-addon=${i.addon}>
    <h3>${i.addon} <span class="version" data-version=${i.version}>${i.version}</span></h3>
    <p class="muted">revision ${i.revision} · granted ${i.grant.length ? i.grant.join(', ') : 'nothing'} · updated ${when(i.updatedAt)}</p>
    ${grantFor && html`<${GrantPicker} prefix=${'grant-' + i.addon} requested=${grantFor.requested} grant=${grantFor.grant} errors=${grantFor.errors}
      onChange=${(g) => setGrantFor({ ...grantFor, grant: g })} />`}
    <form class="row" onSubmit=${change}>
      <label for=${id}>Version</label>
      <select id=${id} value=${target || i.version} onChange=${(e) => setTarget(e.target.value)}>
        ${(versions || [{ version: i.version }]).filter((v) => !v.withdrawn).map((v) => html`<option value=${v.version}>${v.version}</option>`)}
      </select>
      <button type="submit">Upgrade / downgrade</button>
      <button type="button" onClick=${() => act(`Rolled back ${i.addon}`, () => api('POST', path + '/rollback', { headers: ifMatch }))}>Roll back</button>
      <a class="button-link" href=${'#/install/' + seg(i.addon) + '/' + seg(site)}>Configure…</a>
      <button type="button" class="danger" onClick=${() => confirm(`Uninstall ${i.addon} from ${site}?`)
        && act(`Uninstalled ${i.addon}`, () => api('DELETE', path, { headers: ifMatch }))}>Uninstall</button>
    </form>
  </li>`;
}

function Origins({ site, origins, onChange }) {
  const [text, setText] = useState(origins.join('\n'));
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const lines = text.split('\n').map((s) => s.trim()).filter(Boolean);
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PATCH', `/api/sites/${seg(site)}`, { body: { origins: lines } });
      setNotice('Origins saved.');
      onChange();
    } catch (err) { setError(err); }
  };
  const errs = (error && error.errors) || [];
  return html`<section aria-labelledby="origins-title">
    <h2 id="origins-title">Allowed origins</h2>
    <form onSubmit=${save}>
      <div class="field" data-pointer="/origins"><label for="origins">One origin a line (scheme, host, port; no path)</label>
        <textarea id="origins" rows="3" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
        <ul class="field-errors">${errs.filter((x) => x.pointer.startsWith('/origins')).map((x) => {
          const n = Number(x.pointer.split('/')[2]);
          return html`<li>${Number.isNaN(n) ? '' : `Line ${n + 1} (${lines[n]}): `}${x.message}</li>`;
        })}</ul></div>
      <button type="submit">Save origins</button>
    </form>
    <${Problem} error=${error} unplaced=${errs.filter((x) => !x.pointer.startsWith('/origins'))} />
    <${Notice} text=${notice} />
  </section>`;
}

function Keys({ site, identity, tick, onChange }) {
  const [keys, error] = useLoad(() => get(`/api/sites/${seg(site)}/keys`), [site, tick]);
  const [issued, setIssued] = useState(null);
  const [failure, setFailure] = useState(null);
  const rotate = async (k) => {
    if (!confirm(`Rotate the ${k.kind} key …${k.last4}? The old one stops working at once.`)) return;
    setFailure(null);
    try {
      const r = await api('POST', `/api/sites/${seg(site)}/keys/${seg(k.id)}/rotate`);
      // the tab's own key was the site's secret key: carry on with its successor
      if (identity.role === 'site' && k.kind === 'secret') session.signIn(r.json.secret);
      setIssued(r.json);
      onChange();
    } catch (e) { setFailure(e); }
  };
  return html`<section aria-labelledby="keys-title">
    <h2 id="keys-title">Keys</h2>
    <${Problem} error=${error || failure} />
    ${issued && html`<div class="issued" role="status"><p>New ${issued.key.kind} key, shown once: copy it now.</p>
      <input readonly aria-label="New key" value=${issued.secret} onFocus=${(e) => e.target.select()} /></div>`}
    <div class="scroll"><table><thead><tr><th scope="col">Kind</th><th scope="col">Ends with</th><th scope="col">Created</th><th scope="col">State</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
      <tbody>${keys && keys.map((k) => html`<tr><td>${k.kind}</td><td>…${k.last4}</td><td>${when(k.createdAt)}</td>
        <td>${k.revokedAt ? 'revoked ' + when(k.revokedAt) : 'active'}</td>
        <td>${!k.revokedAt && html`<button type="button" onClick=${() => rotate(k)}>Rotate</button>`}</td></tr>`)}</tbody></table></div>
  </section>`;
}

function Audit({ site, tick }) {
  const [page, setPage] = useState(0);
  const [data, error] = useLoad(() => get(`/api/sites/${seg(site)}/audit` + query({ page, size: 20 })), [site, page, tick]);
  return html`<section aria-labelledby="audit-title">
    <h2 id="audit-title">Audit log</h2>
    <${Problem} error=${error} />
    <div class="scroll"><table class="audit"><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Addon</th><th scope="col">Who</th><th scope="col">Detail</th></tr></thead>
      <tbody>${data && data.entries.map((a) => html`<tr><td>${when(a.at || a.createdAt)}</td><td>${a.action}</td><td>${a.addon || ''}</td><td>${a.actor}</td><td>${a.description || a.detail || ''}</td></tr>`)}</tbody></table></div>
    <div class="row">
      <button type="button" disabled=${page === 0} onClick=${() => setPage(page - 1)}>Newer</button>
      <button type="button" disabled=${!data || data.entries.length < 20} onClick=${() => setPage(page + 1)}>Older</button>
    </div>
  </section>`;
}
