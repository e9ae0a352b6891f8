// The demo page: what a site's own page does to show ThemePress widgets. The site is "demo"; its
// publishable key comes from the address (/demo/?key=pk_…, as ./platform.sh prints it) and goes into
// <meta name="themepress-key">, where the widget bridge finds it for execute calls (docs/widget-bridge.md).
(function () {
  'use strict';
  var SITE = 'demo';
  var key = new URLSearchParams(location.search).get('key');
  var status = document.getElementById('demo-key-status');

  if (key && /^pk_[\x21-\x7e]{1,250}$/.test(key)) {
    var meta = document.createElement('meta');
    meta.name = 'themepress-key';
    meta.content = key;
    document.head.appendChild(meta);
    status.textContent = 'Execute calls carry the site\u2019s publishable key (' + key.slice(0, 12) + '\u2026).';
  } else {
    status.textContent = 'No publishable key in the address (/demo/?key=pk_\u2026): widgets call public endpoints anonymously.';
  }

  // The fragment is one <themepress-widget> element whose own script attaches its shadow root and, for a
  // framed widget, the bridge; a range's fragment (unlike innerHTML) runs those scripts when inserted.
  function show(slot) {
    var url = '/api/widgets/' + encodeURIComponent(slot.dataset.addon) + '/' + encodeURIComponent(slot.dataset.widget)
        + '?site=' + encodeURIComponent(SITE);
    return fetch(url, { headers: { Accept: 'text/html' }, credentials: 'omit' })
      .then(function (response) {
        return response.text().then(function (body) {
          if (!response.ok) { throw new Error(response.status + ' ' + body.slice(0, 300)); }
          slot.appendChild(document.createRange().createContextualFragment(body));
          slot.dataset.state = 'shown';
        });
      })
      .catch(function (error) {
        var message = document.createElement('p');
        message.className = 'demo-error';
        message.textContent = 'Could not load this widget: ' + error.message;
        slot.appendChild(message);
        slot.dataset.state = 'failed';
      });
  }

  var slots = Array.prototype.slice.call(document.querySelectorAll('.demo-slot'));
  Promise.all(slots.map(show)).then(function () { document.body.dataset.widgets = 'loaded'; });
})();
