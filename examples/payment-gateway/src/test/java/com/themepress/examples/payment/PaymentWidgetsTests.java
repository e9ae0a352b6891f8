package com.themepress.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import com.themepress.sdk.Json;
import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

class PaymentWidgetsTests {

    final TransactionStore store = new TransactionStore(10);
    final Payments payments = new Payments(store, Clock.systemUTC());
    final PaymentWidgets widgets = new PaymentWidgets(store);

    @Test
    void theCheckoutFormUsesItsDefaults() {
        Widget form = CheckoutForm.render(render("checkout-form", "{}"));

        assertThat(form.html()).contains("<form class=\"tp-checkout\"", ">Checkout</h3>", "Amount (USD)",
                "name=\"amount\"", "name=\"cardNumber\"", "name=\"expiry\"", "name=\"cvc\"",
                "<button type=\"submit\">Pay now</button>", "data-api=\"/api\"");
        assertThat(form.css()).contains(".tp-checkout");
        assertThat(form.javascript()).contains("process-payment");
    }

    @Test
    void theCheckoutFormTakesItsConfigAndEscapesIt() {
        Widget form = CheckoutForm.render(render("checkout-form",
                "{\"title\":\"Pay <b>now</b>\",\"currency\":\"EUR\",\"buttonLabel\":\"Buy\",\"amount\":12.5}"));

        assertThat(form.html()).contains("Pay &lt;b&gt;now&lt;/b&gt;", "Amount (EUR)", "data-currency=\"EUR\"",
                ">Buy</button>", "value=\"12.5\"");
        assertThat(form.html()).doesNotContain("<b>");
    }

    @Test
    void theStatusShowsAKnownTransaction() {
        String id = PaymentsTests.id(payments.process(PaymentsTests.call("process-payment",
                "{\"amount\":5,\"currency\":\"USD\",\"method\":\"card\"}")));

        Widget status = widgets.status(render("payment-status", "{\"transactionId\":\"" + id + "\"}"));

        assertThat(status.html()).contains(id, "data-status=\"approved\"", ">Payment status</h3>");
        assertThat(status.javascript()).contains("verify-transaction");
    }

    @Test
    void theReceiptListsTheTransaction() {
        String id = PaymentsTests.id(payments.process(PaymentsTests.call("process-payment",
                "{\"amount\":7.25,\"currency\":\"GBP\",\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}")));

        Widget receipt = widgets.receipt(render("receipt", "{\"transactionId\":\"" + id + "\",\"companyName\":\"Ann's\"}"));

        assertThat(receipt.html()).contains("Ann&#39;s", id, "7.25 GBP", "card ending 4242", "approved");
    }

    @Test
    void aReceiptForAnUnknownTransactionSaysSo() {
        assertThat(widgets.receipt(render("receipt", "{\"transactionId\":\"txn_x\"}")).html())
                .contains("No receipt is available");
    }

    static Render render(String widget, String config) {
        return new Render(widget, Json.parse(config), Json.object(), PaymentsTests.INFO);
    }
}
