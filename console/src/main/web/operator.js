// The operator's view of the platform: the event log with filters, dead letters with replay, each
// subscriber's lag, and the runtime's instances of an addon. Admin key only (the API refuses any other, and says so here).
import { html, useState } from './vendor/preact-htm.js';
import { api, get, query, seg } from './api.js';
import { Problem, Notice, useLoad, when } from './ui.js';

export function OperatorPage() {
  const [tick, setTick] = useState(0);
  return html`<section aria-labelledby="ops-title">
    <h1 id="ops-title">Operations</h1>
    <${Subscribers} tick=${tick} />
    <${Instances} />
    <${DeadLetters} tick=${tick} onReplay=${() => setTick((t) => t + 1)} />
    <${EventLog} tick=${tick} />
  </section>`;
}

const FILTERS = [['type', 'Type or pattern', 'payment.*'], ['source', 'Source addon', ''], ['site', 'Site', ''],
  ['from', 'From (ISO time)', '2026-01-01T00:00:00Z'], ['to', 'To (ISO time)', '']];

function EventLog({ tick }) {
  const [form, setForm] = useState({});
  const [filter, setFilter] = useState({});
  const [cursors, setCursors] = useState([]);
  const before = cursors[cursors.length - 1];
  const [page, error] = useLoad(() => get('/api/events' + query({ ...filter, before, size: 20 })), [filter, before, tick]);
  const errs = (error && error.errors) || [];
  return html`<section aria-labelledby="log-title">
    <h2 id="log-title">Event log</h2>
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); setCursors([]); setFilter({ ...form }); }}>
      ${FILTERS.map(([name, label, placeholder]) => html`<div class="field" data-pointer=${'/' + name}>
        <label for=${'ev-' + name}>${label}</label>
        <input id=${'ev-' + name} placeholder=${placeholder} value=${form[name] || ''} onInput=${(e) => setForm({ ...form, [name]: e.target.value })}
          aria-invalid=${errs.some((x) => x.pointer === '/' + name) ? 'true' : undefined} />
        <ul class="field-errors">${errs.filter((x) => x.pointer === '/' + name).map((x) => html`<li>${x.message}</li>`)}</ul>
      </div>`)}
      <button type="submit">Filter</button>
    </form>
    <${Problem} error=${error} unplaced=${errs.filter((x) => !FILTERS.some(([n]) => x.pointer === '/' + n))} />
    <div class="scroll"><table class="events"><thead><tr><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Source</th><th scope="col">Site</th><th scope="col">Data</th></tr></thead>
      <tbody>${page && page.items.map((e) => html`<tr><td>${when(e.time)}</td><td>${e.type}</td><td>${e.source}</td><td>${e.site || ''}</td>
        <td><code class="data">${JSON.stringify(e.data).slice(0, 200)}</code></td></tr>`)}</tbody></table></div>
    <div class="row">
      <button type="button" disabled=${cursors.length === 0} onClick=${() => setCursors(cursors.slice(0, -1))}>Newer</button>
      <button type="button" disabled=${!page || !page.next} onClick=${() => setCursors([...cursors, page.next])}>Older</button>
    </div>
  </section>`;
}

function DeadLetters({ tick, onReplay }) {
  const [status, setStatus] = useState('dead');
  const [page, error] = useLoad(() => get('/api/events/dead-letters' + query({ status, size: 50 })), [status, tick]);
  const [failure, setFailure] = useState(null);
  const [notice, setNotice] = useState('');
  const replay = async (d) => {
    setFailure(null);
    try {
      const r = await api('POST', `/api/events/dead-letters/${seg(d.id)}/replay`);
      setNotice(`Replayed ${d.id}: ${r.json.status}.`);
      onReplay();
    } catch (e) { setFailure(e); }
  };
  return html`<section aria-labelledby="dl-title">
    <h2 id="dl-title">Dead letters</h2>
    <div class="field"><label for="dl-status">Status</label>
      <select id="dl-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        ${['dead', 'replayed', 'delivered', ''].map((s) => html`<option value=${s}>${s || 'all'}</option>`)}
      </select></div>
    <${Problem} error=${error || failure} />
    <${Notice} text=${notice} />
    ${page && page.items.length === 0 && html`<p>No dead letters.</p>`}
    ${page && page.items.length > 0 && html`<div class="scroll"><table class="dead-letters"><thead><tr><th scope="col">Addon</th><th scope="col">Event</th><th scope="col">Attempts</th><th scope="col">Last failure</th>
      <th scope="col">Dead since</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
      <tbody>${page && page.items.map((d) => html`<tr data-dead-letter=${d.id}><td>${d.addon}</td><td>${d.event.type}</td><td>${d.attempts}</td>
        <td>${d.lastFailure}</td><td>${when(d.deadAt)}</td><td class="status">${d.status}</td>
        <td>${d.status === 'dead' && html`<button type="button" onClick=${() => replay(d)}>Replay</button>`}</td></tr>`)}</tbody></table></div>`}
  </section>`;
}

function Subscribers({ tick }) {
  const [list, error] = useLoad(() => get('/api/events/subscribers'), [tick]);
  return html`<section aria-labelledby="subs-title">
    <h2 id="subs-title">Subscribers</h2>
    <${Problem} error=${error} />
    <div class="scroll"><table><thead><tr><th scope="col">Addon</th><th scope="col">Lag</th><th scope="col">Pending</th><th scope="col">Retrying</th><th scope="col">Consumers</th></tr></thead>
      <tbody>${list && list.map((s) => html`<tr><td>${s.addon}</td><td>${s.lag ?? '?'}</td><td>${s.pending}</td><td>${s.retrying}</td><td>${s.consumers}</td></tr>`)}</tbody></table></div>
  </section>`;
}

function Instances() {
  const [addons] = useLoad(() => get('/api/addons' + query({ size: 100 })), []);
  const [addon, setAddon] = useState('');
  const [data, error] = useLoad(() => (addon ? get(`/api/addons/${seg(addon)}/instances`) : Promise.resolve(null)), [addon]);
  return html`<section aria-labelledby="inst-title">
    <h2 id="inst-title">Instances</h2>
    <div class="field"><label for="inst-addon">Addon</label>
      <select id="inst-addon" value=${addon} onChange=${(e) => setAddon(e.target.value)}>
        <option value="">(choose)</option>
        ${addons && addons.items.map((a) => html`<option value=${a.name}>${a.name}</option>`)}
      </select></div>
    <${Problem} error=${error} />
    ${data && data.deployments.length === 0 && html`<p>No instance: ${addon} has not been called since the runtime started.</p>`}
    ${data && data.deployments.length > 0 && html`<div class="scroll"><table class="instances"><thead><tr><th scope="col">Version</th>
      <th scope="col">Instance</th><th scope="col">State</th><th scope="col">In flight</th><th scope="col">Last used</th></tr></thead>
      <tbody>${data.deployments.flatMap((d) => d.instances.map((i) => html`<tr><td>${d.version}</td><td>${i.id}</td><td>${i.state}</td>
        <td>${i.inFlight}</td><td>${when(i.lastUsed)}</td></tr>`))}</tbody></table></div>`}
  </section>`;
}
