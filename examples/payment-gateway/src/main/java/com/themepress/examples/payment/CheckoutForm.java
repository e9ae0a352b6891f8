package com.themepress.examples.payment;

import static com.themepress.sdk.Html.escape;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

/**
 * The {@code checkout-form} widget: a card payment form whose title, currency and button label
 * come from its config (defaults as in the manifest's configSchema). The script posts to the
 * platform's execute API and shows the outcome; expiry and CVC are checked in the browser only
 * and never sent, since this demo gateway has no use for them.
 */
final class CheckoutForm {

    private static final String CSS = """
            .tp-checkout{font:15px/1.4 system-ui,sans-serif;max-width:26rem;padding:1.25rem;border:1px solid #d0d7de;border-radius:.5rem;background:#fff}
            .tp-checkout__title{margin:0 0 1rem;font-size:1.2rem}
            .tp-checkout label{display:block;margin-bottom:.75rem;font-weight:600}
            .tp-checkout input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.5rem;border:1px solid #8c959f;border-radius:.35rem;font:inherit}
            .tp-checkout__row{display:flex;gap:.75rem}
            .tp-checkout__row label{flex:1}
            .tp-checkout button{width:100%;padding:.65rem;border:0;border-radius:.35rem;background:#1f6feb;color:#fff;font:inherit;font-weight:600;cursor:pointer}
            .tp-checkout button[disabled]{opacity:.6;cursor:progress}
            .tp-checkout__status{min-height:1.4em;margin:.75rem 0 0}
            .tp-checkout__status[data-outcome=ok]{color:#1a7f37}
            .tp-checkout__status[data-outcome=error]{color:#cf222e}
            """;

    private static final String JAVASCRIPT = """
            (function () {
              // one Idempotency-Key per submit: a repeated request cannot make the addon act twice
              function actionKey() {
                var bytes = new Uint8Array(16);
                crypto.getRandomValues(bytes);
                return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
              }
              document.querySelectorAll('form[data-tp-checkout]:not([data-tp-ready])').forEach(function (form) {
                form.setAttribute('data-tp-ready', '');
                var status = form.querySelector('.tp-checkout__status');
                var button = form.querySelector('button[type=submit]');
                function show(text, outcome) { status.textContent = text; status.setAttribute('data-outcome', outcome); }
                form.addEventListener('submit', function (event) {
                  event.preventDefault();
                  if (!form.reportValidity()) { return; }
                  button.disabled = true;
                  show('Processing\\u2026', 'pending');
                  var data = { amount: Number(form.elements.amount.value), currency: form.dataset.currency,
                               method: 'card', cardNumber: form.elements.cardNumber.value };
                  fetch(form.dataset.api + '/addons/payment-gateway/execute', {
                    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': actionKey() },
                    body: JSON.stringify({ action: 'process-payment', data: data })
                  }).then(function (response) {
                    return response.json().then(function (body) { return { ok: response.ok, body: body }; });
                  }).then(function (result) {
                    if (result.ok) { show('Payment approved \\u2013 ' + result.body.transactionId, 'ok'); form.reset(); }
                    else { show(result.body.detail || 'The payment failed.', 'error'); }
                  }).catch(function () {
                    show('Could not reach the payment service; please try again.', 'error');
                  }).finally(function () { button.disabled = false; });
                });
              });
            })();
            """;

    private CheckoutForm() {
    }

    static Widget render(Render render) {
        String title = render.text("title", "Checkout");
        String currency = render.text("currency", "USD");
        String buttonLabel = render.text("buttonLabel", "Pay now");
        JsonNode amount = render.config().path("amount");
        String amountValue = amount.isNumber() ? " value=\"" + escape(amount.decimalValue().toPlainString()) + "\"" : "";
        String html = """
                <form class="tp-checkout" data-tp-checkout data-api="%s" data-currency="%s" novalidate>
                  <h3 class="tp-checkout__title">%s</h3>
                  <label>Amount (%s)<input name="amount" type="number" min="0.01" max="1000000" step="0.01" required%s></label>
                  <label>Name on card<input name="cardholder" autocomplete="cc-name" required></label>
                  <label>Card number<input name="cardNumber" inputmode="numeric" autocomplete="cc-number" pattern="[0-9 \\-]{12,23}" placeholder="4242 4242 4242 4242" required></label>
                  <div class="tp-checkout__row">
                    <label>Expiry<input name="expiry" autocomplete="cc-exp" pattern="(0[1-9]|1[0-2])/[0-9]{2}" placeholder="MM/YY" required></label>
                    <label>CVC<input name="cvc" inputmode="numeric" autocomplete="cc-csc" pattern="[0-9]{3,4}" required></label>
                  </div>
                  <button type="submit">%s</button>
                  <p class="tp-checkout__status" role="status" aria-live="polite"></p>
                </form>
                """.formatted(escape(render.contextText("apiBase", "/api")), escape(currency), escape(title),
                escape(currency), amountValue, escape(buttonLabel));
        return Widget.of(html, CSS, JAVASCRIPT);
    }
}
