// Install an addon on a site: pick a version, grant permissions, fill in each widget's config in a
// form made from its configSchema while the real renderer previews it; the server's errors land at
// the fields their pointers name. Where the addon is installed already, the same form reconfigures
// it (its version is changed from the site's page).
import { html, useEffect, useState } from './vendor/preact-htm.js';
import { api, get, seg } from './api.js';
import { Problem, Notice, useLoad } from './ui.js';
import { SchemaForm, defaults, toConfig } from './schemaform.js';
import { GrantPicker } from './permissions.js';
import { Preview } from './preview.js';

export function InstallPage({ name, site: fixedSite, identity }) {
  const [addon, loadError] = useLoad(() => get(`/api/addons/${seg(name)}`), [name]);
  const [site, setSite] = useState(fixedSite || '');
  const [version, setVersion] = useState('');
  const [manifest, setManifest] = useState(null);
  const [grant, setGrant] = useState([]);
  const [values, setValues] = useState({});
  const [error, setError] = useState(null);
  const [previewErrors, setPreviewErrors] = useState({});
  const [done, setDone] = useState('');

  // undefined: not known yet; null: not installed on the site
  const [existing, setExisting] = useState(fixedSite ? undefined : null);
  useEffect(() => {
    if (!fixedSite) return;
    api('GET', `/api/sites/${seg(fixedSite)}/addons/${seg(name)}`).then((r) => setExisting({ ...r.json, etag: r.etag }),
      (e) => (e.status === 404 ? setExisting(null) : setError(e)));
  }, [fixedSite, name]);
  useEffect(() => {
    if (addon && existing !== undefined) setVersion(existing ? existing.version : addon.latestVersion);
  }, [addon, existing]);
  useEffect(() => {
    if (!version) return;
    get(`/api/addons/${seg(name)}/versions/${seg(version)}`).then((v) => {
      setManifest(v.manifest);
      const saved = (existing && existing.config && existing.config.widgets) || {};
      const initial = {};
      (v.manifest.widgets || []).forEach((w) => { initial[w.name] = { ...defaults(w.configSchema), ...(saved[w.name] || {}) }; });
      setValues(initial);
      setGrant(existing ? existing.grant
        : (g) => g.filter((p) => p === 'page.script' || (v.manifest.permissions || []).includes(p)));
    }, setError);
  }, [version]);

  if (loadError) return html`<${Problem} error=${loadError} />`;
  if (!addon) return html`<p class="loading">Loading ${name}…</p>`;
  const widgets = (manifest && manifest.widgets) || [];
  const serverErrors = (error && error.errors) || [];
  // the renderer (while typing) and the installation (on submit) often say the same: shown once
  const errorsAt = (pointer) => [...new Set([
    ...serverErrors.filter((e) => e.pointer === pointer).map((e) => e.message),
    ...(previewErrors[pointer] || []),
  ])];
  const placed = (e) => e.pointer === '/grant' || e.pointer === '/version' || e.pointer === '/site'
    || widgets.some((w) => (e.pointer === `/config/widgets/${w.name}` || e.pointer.startsWith(`/config/widgets/${w.name}/`))
      && document.querySelector(`[data-pointer="${e.pointer}"]`));

  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setDone('');
    const config = { widgets: {} };
    widgets.forEach((w) => { config.widgets[w.name] = toConfig(w.configSchema, values[w.name] || {}); });
    // settings have no schema (so no form) yet: a reconfiguration sends back what is saved
    if (existing && existing.config && existing.config.settings) config.settings = existing.config.settings;
    try {
      if (existing) {
        const r = await api('PATCH', `/api/sites/${seg(site)}/addons/${seg(name)}`, { body: { config, grant },
          headers: { 'If-Match': existing.etag } });
        setExisting({ ...r.json, etag: r.etag });
        setDone(`${name} is reconfigured on ${site} (revision ${r.json.revision}).`);
      } else {
        await api('POST', `/api/sites/${seg(site)}/addons`, { body: { addon: name, version, grant, config } });
        setDone(`${name} ${version} is installed on ${site}.`);
      }
    } catch (err) {
      setError(err);
    }
  };

  return html`<section aria-labelledby="install-title">
    <h1 id="install-title">${existing ? `Configure ${name} on ${site}` : `Install ${name}`}</h1>
    <form class="install" onSubmit=${submit} noValidate>
      ${!fixedSite && html`<div class="field" data-pointer="/site"><label for="install-site">Site id</label>
        <input id="install-site" required value=${site} onInput=${(e) => setSite(e.target.value)} /></div>`}
      <div class="field" data-pointer="/version">
        <label for="install-version">Version</label>
        <select id="install-version" value=${version} disabled=${!!existing} aria-describedby=${existing ? 'version-note' : undefined}
          onChange=${(e) => setVersion(e.target.value)}>
          ${addon.versions.filter((v) => !v.withdrawn).map((v) => html`<option value=${v.version}>${v.version}</option>`)}
        </select>
        ${existing && html`<small id="version-note">Installed; change its version on <a href=${identity.role === 'site' ? '#/site' : '#/site/' + seg(site)}>the site's page</a>.</small>`}
        <ul class="field-errors">${errorsAt('/version').map((m) => html`<li>${m}</li>`)}</ul>
      </div>
      ${manifest && html`<${GrantPicker} requested=${manifest.permissions || []} grant=${grant} onChange=${setGrant} errors=${errorsAt('/grant')} />`}
      ${widgets.map((w) => {
        const base = `/config/widgets/${w.name}`;
        return html`<div class="widget-config">
          <${SchemaForm} schema=${w.configSchema} values=${values[w.name] || {}} pointer=${base} errorsAt=${errorsAt}
            legend=${`Widget ${w.displayName || w.name}`}
            onChange=${(v) => setValues({ ...values, [w.name]: v })} />
          <${Preview} addon=${name} widget=${w.name} config=${toConfig(w.configSchema, values[w.name] || {})}
            onErrors=${(list) => setPreviewErrors((all) => {
              const next = { ...all };
              Object.keys(next).filter((k) => k === base || k.startsWith(base + '/')).forEach((k) => delete next[k]);
              list.forEach((x) => { const k = base + x.pointer; next[k] = [...(next[k] || []), x.message]; });
              return next;
            })} />
        </div>`;
      })}
      <button type="submit">${existing ? 'Save configuration' : 'Install'}</button>
    </form>
    <${Problem} error=${error} unplaced=${serverErrors.filter((x) => !placed(x))} />
    <${Notice} text=${done} />
    ${done && html`<p><a href=${identity.role === 'site' ? '#/site' : '#/site/' + seg(site)}>Go to the site</a></p>`}
  </section>`;
}
