(function () {
  var widget = JSON.parse(document.getElementById('tp-widget').textContent);
  var own = new URL(widget.api + '/addons/' + widget.addon + '/execute', document.baseURI).href;
  var calls = {}, next = 0, height = -1, nativeFetch = window.fetch;
  function post(message) { parent.postMessage(message, '*'); }
  window.fetch = function (input, init) {
    var request;
    try { request = new Request(input, init); } catch (e) { return Promise.reject(e); }
    if (request.method !== 'POST' || request.url.split(/[?#]/)[0] !== own) { return nativeFetch.call(window, input, init); }
    return request.text().then(function (text) {
      var call = JSON.parse(text || '{}');
      return new Promise(function (resolve, reject) {
        var id = String(++next);
        calls[id] = { resolve: resolve, reject: reject };
        post({ type: 'execute', id: id, addon: widget.addon, action: call.action, data: call.data, key: request.headers.get('Idempotency-Key') });
      });
    });
  };
  addEventListener('message', function (event) {
    var answer = event.data, call = answer && calls[answer.id];
    if (event.source !== parent || !call || answer.type !== 'result') { return; }
    delete calls[answer.id];
    if (typeof answer.status !== 'number' || answer.status < 200 || answer.status > 599) { call.reject(new TypeError('Failed to fetch')); return; }
    var empty = answer.status === 204 || answer.status === 205 || answer.status === 304;
    call.resolve(new Response(empty ? null : String(answer.body), { status: answer.status, headers: { 'Content-Type': String(answer.contentType || 'text/plain') } }));
  });
  function size() {
    var now = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (now !== height) { height = now; post({ type: 'resize', height: now }); }
  }
  var code = document.createElement('script');
  code.textContent = widget.code;
  document.body.appendChild(code);
  size();
  new ResizeObserver(size).observe(document.documentElement);
})();
