// The console's shell: sign-in, who the key is, and the views that key may use.
import { html, render, useEffect, useState } from './vendor/preact-htm.js';
import { get, session } from './api.js';
import { Problem, go } from './ui.js';
import { Catalogue, AddonPage } from './catalogue.js';
import { InstallPage } from './install.js';
import { SitePage, SitePicker } from './site.js';
import { DeveloperPage } from './developer.js';
import { OperatorPage } from './operator.js';

function useRoute() {
  const read = () => (location.hash.replace(/^#\/?/, '') || '').split('/').map(decodeURIComponent);
  const [route, setRoute] = useState(read());
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function SignIn({ onIdentity }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    session.signIn(key.trim());
    try {
      onIdentity(await get('/api/keys/self'));
    } catch (err) {
      session.signOut();
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<main id="main" class="sign-in">
    <h1>ThemePress console</h1>
    <form onSubmit=${submit} aria-describedby="key-help">
      <label for="api-key">API key</label>
      <input id="api-key" type="password" autocomplete="off" spellcheck="false" required value=${key} onInput=${(e) => setKey(e.target.value)} />
      <small id="key-help">A site's secret key (sk_…), a developer key or the admin key. It stays in this tab only.</small>
      <button type="submit" disabled=${busy}>Sign in</button>
    </form>
    <${Problem} error=${error} />
    <p><a href="#/catalogue" onClick=${() => onIdentity({ role: 'anonymous' })}>Browse the catalogue without a key</a></p>
  </main>`;
}

function tabsFor(identity) {
  const tabs = [['catalogue', 'Catalogue']];
  if (identity.role === 'site' && identity.keyKind === 'secret') tabs.push(['site', 'My site']);
  if (identity.role === 'operator') tabs.push(['site', 'Sites']);
  if (identity.role === 'developer' || identity.role === 'operator') tabs.push(['developer', identity.role === 'operator' ? 'Addons' : 'My addons']);
  if (identity.role === 'operator') tabs.push(['operator', 'Operations']);
  return tabs;
}

function who(identity) {
  switch (identity.role) {
    case 'operator': return 'Operator';
    case 'developer': return `Developer ${identity.developer}`;
    case 'site': return `Site ${identity.site} (${identity.keyKind} key)`;
    default: return 'Not signed in';
  }
}

function View({ route, identity }) {
  const [page, a, b] = route;
  switch (page) {
    case 'addon': return html`<${AddonPage} name=${a} identity=${identity} />`;
    case 'install': return html`<${InstallPage} name=${a} site=${identity.role === 'site' ? identity.site : b} identity=${identity} />`;
    case 'site':
      if (identity.role === 'site') return html`<${SitePage} site=${identity.site} identity=${identity} />`;
      return a ? html`<${SitePage} site=${a} identity=${identity} />` : html`<${SitePicker} />`;
    case 'developer': return html`<${DeveloperPage} identity=${identity} />`;
    case 'operator': return html`<${OperatorPage} />`;
    default: return html`<${Catalogue} identity=${identity} />`;
  }
}

function App() {
  const route = useRoute();
  const [identity, setIdentity] = useState(null);
  const [checking, setChecking] = useState(!!session.key());
  useEffect(() => {
    if (!session.key()) return;
    get('/api/keys/self').then(setIdentity, () => session.signOut()).finally(() => setChecking(false));
  }, []);
  if (checking) return html`<p class="loading">Checking the key…</p>`;
  if (!identity) return html`<${SignIn} onIdentity=${(id) => { setIdentity(id); if (!location.hash) go('catalogue'); }} />`;
  const signOut = () => { session.signOut(); setIdentity(null); history.replaceState(null, '', location.pathname); };
  const current = route[0] || 'catalogue';
  return html`<header class="top">
      <strong class="brand">ThemePress</strong>
      <nav aria-label="Console"><ul>
        ${tabsFor(identity).map(([id, label]) => html`<li><a href=${'#/' + id} aria-current=${current === id ? 'page' : undefined}>${label}</a></li>`)}
      </ul></nav>
      <span class="who" data-role=${identity.role}>${who(identity)}</span>
      <button type="button" class="link" onClick=${signOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">
      ${identity.role === 'site' && identity.keyKind === 'publishable'
        && html`<p class="notice">A publishable key is for a site's pages: it manages nothing here. Sign in with the site's secret key to install.</p>`}
      <${View} route=${route} identity=${identity} />
    </main>`;
}

const root = document.getElementById('app');
root.textContent = ''; // the static "Loading" line: Preact would render beside it, not over it
render(html`<${App} />`, root);
