package com.themepress.examples.payment;

import static com.themepress.sdk.Html.escape;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

/**
 * The {@code payment-status} and {@code receipt} widgets. Both render what this instance knows
 * about the configured transaction; the status panel also re-checks it from the browser, because
 * the platform caches rendered widgets for minutes while a status can change in seconds.
 */
final class PaymentWidgets {

    private static final String CSS = """
            .tp-pay-panel{font:15px/1.4 system-ui,sans-serif;max-width:26rem;padding:1rem;border:1px solid #d0d7de;border-radius:.5rem}
            .tp-pay-panel h3{margin:0 0 .5rem;font-size:1.1rem}
            .tp-pay-badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eaeef2;font-weight:600}
            .tp-pay-badge[data-status=approved]{background:#dafbe1;color:#1a7f37}
            .tp-pay-badge[data-status=declined]{background:#ffebe9;color:#cf222e}
            .tp-pay-receipt table{width:100%;border-collapse:collapse}
            .tp-pay-receipt td{padding:.25rem 0;border-bottom:1px solid #eaeef2}
            .tp-pay-receipt td:last-child{text-align:right}
            """;

    private static final String STATUS_SCRIPT = """
            (function () {
              document.querySelectorAll('[data-tp-payment-status]:not([data-tp-ready])').forEach(function (panel) {
                panel.setAttribute('data-tp-ready', '');
                var id = panel.dataset.transaction;
                if (!id) { return; }
                var badge = panel.querySelector('.tp-pay-badge');
                fetch(panel.dataset.api + '/addons/payment-gateway/execute', {
                  method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ action: 'verify-transaction', data: { transactionId: id } })
                }).then(function (response) { return response.ok ? response.json() : null; })
                  .then(function (tx) { if (tx) { badge.textContent = tx.status; badge.setAttribute('data-status', tx.status); } })
                  .catch(function () { /* keep the server-rendered status */ });
              });
            })();
            """;

    private final TransactionStore store;

    PaymentWidgets(TransactionStore store) {
        this.store = store;
    }

    Widget status(Render render) {
        String id = render.text("transactionId", "");
        String status = transaction(render, id).map(Transaction::status).orElse(id.isEmpty() ? "no transaction" : "unknown");
        String html = """
                <div class="tp-pay-panel" data-tp-payment-status data-api="%s" data-transaction="%s">
                  <h3>%s</h3>
                  <p>Transaction <code>%s</code>: <span class="tp-pay-badge" data-status="%s">%s</span></p>
                </div>
                """.formatted(escape(render.contextText("apiBase", "/api")), escape(id),
                escape(render.text("title", "Payment status")), escape(id.isEmpty() ? "\u2013" : id),
                escape(status), escape(status));
        return Widget.of(html, CSS, STATUS_SCRIPT);
    }

    Widget receipt(Render render) {
        String company = escape(render.text("companyName", "ThemePress Shop"));
        Optional<Transaction> found = transaction(render, render.text("transactionId", ""));
        if (found.isEmpty()) {
            return Widget.of("<div class=\"tp-pay-panel tp-pay-receipt\"><h3>" + company
                    + "</h3><p>No receipt is available for this payment yet.</p></div>", CSS, "");
        }
        Transaction tx = found.get();
        StringBuilder rows = new StringBuilder();
        row(rows, "Transaction", tx.id());
        row(rows, "Date", tx.createdAt().toString());
        if (render.bool("showMethod", true)) {
            row(rows, "Paid with", tx.cardLast4() == null ? tx.method() : "card ending " + tx.cardLast4());
        }
        row(rows, "Amount", tx.amount().toPlainString() + " " + tx.currency());
        if (tx.refunded().signum() > 0) {
            row(rows, "Refunded", tx.refunded().toPlainString() + " " + tx.currency());
        }
        row(rows, "Status", tx.status());
        String html = "<div class=\"tp-pay-panel tp-pay-receipt\"><h3>" + company + " \u2013 receipt</h3><table>"
                + rows + "</table></div>";
        return Widget.of(html, CSS, "");
    }

    /** From the render's site's transactions (its context names the site), else this instance's own. */
    private Optional<Transaction> transaction(Render render, String id) {
        JsonNode site = render.context().path("site");
        return id.isEmpty() ? Optional.empty() : store.forCall(site.isString() ? site.asString() : null, render.host()).find(id);
    }

    private static void row(StringBuilder rows, String label, String value) {
        rows.append("<tr><td>").append(escape(label)).append("</td><td>").append(escape(value)).append("</td></tr>");
    }
}
