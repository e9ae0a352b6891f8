(function (script, addon, api) {
  var host = script.parentNode, root = host.shadowRoot, busy = 0, maxHeight = 10000, maxBody = 65536, maxCalls = 8;
  script.remove();
  if (!root) {
    var template = host.querySelector('template');
    root = host.attachShadow({ mode: 'open' });
    if (template) { root.appendChild(template.content); template.remove(); }
  }
  var frame = root.querySelector('iframe');
  if (!frame) { return; }
  // One Idempotency-Key per user action, so that a repeated call cannot make the addon act twice: the
  // widget's own when it sent a well-formed one, else a fresh random one (getRandomValues also works
  // on pages that are not a secure context, where randomUUID is missing).
  function keyOf(message) {
    if (typeof message.key === 'string' && /^[\x21-\x7e]{1,255}$/.test(message.key)) { return message.key; }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }
  // The site's publishable key, when the page names one: execute calls then run on behalf of that site
  // (its installation and grant). Read at each call, so a page may set it after the fragment. Only a
  // pk_ key: a secret key must never reach a page, so anything else is not sent.
  function siteKey() {
    var meta = document.querySelector('meta[name="themepress-key"]');
    var key = meta && meta.getAttribute('content');
    return typeof key === 'string' && /^pk_[\x21-\x7e]{1,250}$/.test(key) ? key : null;
  }
  function answer(id, status, contentType, body) {
    if (frame.contentWindow) { frame.contentWindow.postMessage({ type: 'result', id: id, status: status, contentType: contentType, body: body }, '*'); }
  }
  addEventListener('message', function (event) {
    var message = event.data;
    if (event.source !== frame.contentWindow || event.origin !== 'null' || !message || typeof message !== 'object') { return; }
    if (message.type === 'resize') {
      if (typeof message.height === 'number' && isFinite(message.height)) {
        frame.style.height = Math.max(0, Math.min(maxHeight, Math.ceil(message.height))) + 'px';
      }
      return;
    }
    if (message.type !== 'execute' || typeof message.id !== 'string' || message.id.length > 64) { return; }
    var body = null;
    try { body = JSON.stringify({ action: message.action, data: message.data === undefined ? {} : message.data }); } catch (e) { }
    if (message.addon !== addon || typeof message.action !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(message.action)
        || body === null || body.length > maxBody || busy >= maxCalls) {
      answer(message.id, 0, '', '');
      return;
    }
    busy++;
    var headers = { 'Content-Type': 'application/json', 'Idempotency-Key': keyOf(message) }, key = siteKey();
    if (key) { headers['X-API-Key'] = key; }
    fetch(api + '/addons/' + addon + '/execute', { method: 'POST', headers: headers, body: body,
        credentials: 'omit', cache: 'no-store', redirect: 'error' })
      .then(function (response) {
        return response.text().then(function (text) { answer(message.id, response.status, response.headers.get('Content-Type') || '', text); });
      }, function () { answer(message.id, 0, '', ''); })
      .finally(function () { busy--; });
  });
})(document.currentScript, ADDON, API);
