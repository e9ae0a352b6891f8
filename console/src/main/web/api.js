// The one way the console talks to the platform: the public API on the same origin, the key in a
// header. The key lives in sessionStorage (gone with the tab), never in a URL, never logged.

const KEY = 'themepress.console.key';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** A refusal of the API: its problem+json as it came, with `errors` ({pointer, message}) always a list. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export async function api(method, path, { body, headers = {}, accept = 'application/json' } = {}) {
  const sent = { Accept: accept, ...headers };
  const key = session.key();
  if (key) sent['X-API-Key'] = key;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The platform did not answer: ' + e.message });
  }
  const text = await response.text();
  let json = null;
  if (text && (response.headers.get('Content-Type') || '').includes('json')) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json || { title: response.statusText, detail: text.slice(0, 300) });
  }
  return { status: response.status, json: json ?? text, etag: response.headers.get('ETag') };
}

export const get = (path, options) => api('GET', path, options).then((r) => r.json);

export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  const s = q.toString();
  return s ? '?' + s : '';
}

/** A path segment, escaped. */
export const seg = encodeURIComponent;
