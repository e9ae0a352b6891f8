package com.themepress.examples.email;

import static com.themepress.sdk.Html.escape;

import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

/** The {@code newsletter-signup} widget: an email form that calls the public {@code subscribe}. */
final class NewsletterSignup {

    private static final String CSS = """
            .tp-news{font:15px/1.4 system-ui,sans-serif;max-width:28rem;padding:1.25rem;border-radius:.5rem;background:#f6f8fa}
            .tp-news h3{margin:0 0 .25rem;font-size:1.2rem}
            .tp-news p{margin:0 0 .75rem}
            .tp-news__row{display:flex;gap:.5rem;flex-wrap:wrap}
            .tp-news input[type=email],.tp-news input[type=text]{flex:1 1 12rem;padding:.5rem;border:1px solid #8c959f;border-radius:.35rem;font:inherit}
            .tp-news button{padding:.5rem 1rem;border:0;border-radius:.35rem;background:#8250df;color:#fff;font:inherit;font-weight:600;cursor:pointer}
            .tp-news__consent{display:block;margin-top:.5rem;font-size:.85rem}
            .tp-news__status{min-height:1.4em;margin:.5rem 0 0}
            """;

    private static final String JAVASCRIPT = """
            (function () {
              // one Idempotency-Key per submit: a repeated request cannot make the addon act twice
              function actionKey() {
                var bytes = new Uint8Array(16);
                crypto.getRandomValues(bytes);
                return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
              }
              document.querySelectorAll('form[data-tp-newsletter]:not([data-tp-ready])').forEach(function (form) {
                form.setAttribute('data-tp-ready', '');
                var status = form.querySelector('.tp-news__status');
                form.addEventListener('submit', function (event) {
                  event.preventDefault();
                  if (!form.reportValidity()) { return; }
                  var data = { email: form.elements.email.value };
                  if (form.elements.name) { data.name = form.elements.name.value; }
                  status.textContent = 'Subscribing\\u2026';
                  fetch(form.dataset.api + '/addons/email-marketing/execute', {
                    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': actionKey() },
                    body: JSON.stringify({ action: 'subscribe', data: data })
                  }).then(function (response) {
                    return response.json().then(function (body) { return { ok: response.ok, body: body }; });
                  }).then(function (result) {
                    status.textContent = result.ok ? form.dataset.success : (result.body.detail || 'Could not subscribe.');
                    if (result.ok) { form.reset(); }
                  }).catch(function () { status.textContent = 'Could not reach the server; please try again.'; });
                });
              });
            })();
            """;

    private NewsletterSignup() {
    }

    static Widget render(Render render) {
        String nameField = render.bool("collectName", false)
                ? "<input name=\"name\" type=\"text\" autocomplete=\"name\" maxlength=\"100\" placeholder=\"Your name\">"
                : "";
        String html = """
                <form class="tp-news" data-tp-newsletter data-api="%s" data-success="%s" novalidate>
                  <h3>%s</h3>
                  <p>%s</p>
                  <div class="tp-news__row">
                    %s<input name="email" type="email" autocomplete="email" maxlength="254" placeholder="you@example.com" required>
                    <button type="submit">%s</button>
                  </div>
                  <label class="tp-news__consent"><input name="consent" type="checkbox" required> %s</label>
                  <p class="tp-news__status" role="status" aria-live="polite"></p>
                </form>
                """.formatted(escape(render.contextText("apiBase", "/api")),
                escape(render.text("successMessage", "Thanks for subscribing!")),
                escape(render.text("title", "Join our newsletter")),
                escape(render.text("description", "News and offers, at most once a week.")),
                nameField, escape(render.text("buttonLabel", "Subscribe")),
                escape(render.text("consentText", "I agree to receive emails and can unsubscribe at any time.")));
        return Widget.of(html, CSS, JAVASCRIPT);
    }
}
