// What each permission lets an addon do, in the words a site admin decides by (spec section 14).
import { html } from './vendor/preact-htm.js';

export const MEANING = {
  'events.publish': 'publish events for this site',
  'events.subscribe': "receive this site's events",
  'storage.read': 'read its own storage for this site',
  'storage.write': 'write its own storage for this site',
  'network.outbound': 'reach the internet from its container',
  'site.read': "read this site's details",
  'page.script': "run its widget script in this site's pages instead of a sandboxed frame",
};

/**
 * Checkboxes for what the manifest asks, plus page.script (the site's own decision, no manifest asks it).
 * `prefix` keeps the ids apart where a page shows several.
 */
export function GrantPicker({ requested, grant, onChange, errors, prefix = 'grant' }) {
  const all = [...requested, 'page.script'];
  const toggle = (p, on) => onChange(on ? [...grant, p] : grant.filter((g) => g !== p));
  return html`<fieldset class="grant" data-pointer="/grant" aria-describedby=${errors.length ? prefix + '-errors' : undefined}>
    <legend>Permissions to grant</legend>
    ${requested.length === 0 && html`<p class="muted">The addon asks for no permission.</p>`}
    ${all.map((p) => html`<div class="check">
      <input type="checkbox" id=${prefix + '-' + p} name="grant" value=${p} checked=${grant.includes(p)} onChange=${(e) => toggle(p, e.target.checked)} />
      <label for=${prefix + '-' + p}><code>${p}</code> — ${MEANING[p] || ''}${p === 'page.script' ? ' (optional)' : ''}</label>
    </div>`)}
    ${errors.length > 0 && html`<ul class="field-errors" id=${prefix + '-errors'}>${errors.map((m) => html`<li>${m}</li>`)}</ul>`}
  </fieldset>`;
}
