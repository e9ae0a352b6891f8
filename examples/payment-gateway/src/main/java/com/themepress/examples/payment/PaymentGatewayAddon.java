package com.themepress.examples.payment;

import java.time.Clock;

import com.themepress.sdk.Addon;

/**
 * A demo payment gateway: validates and "approves" payments in memory (nothing leaves the
 * container), publishes {@code payment.completed} / {@code payment.failed} / {@code payment.refunded},
 * and renders a checkout form, a status panel and a receipt.
 */
public final class PaymentGatewayAddon {

    private PaymentGatewayAddon() {
    }

    public static void main(String[] args) {
        addon(new Payments(new TransactionStore(10_000), Clock.systemUTC())).start();
    }

    static Addon addon(Payments payments) {
        PaymentWidgets widgets = new PaymentWidgets(payments.store());
        return Addon.builder()
                .name("payment-gateway")
                .version("1.0.0")
                .endpoint("process-payment", payments::process)
                .endpoint("verify-transaction", payments::verify)
                .endpoint("refund", payments::refund)
                .widget("checkout-form", CheckoutForm::render)
                .widget("payment-status", widgets::status)
                .widget("receipt", widgets::receipt)
                .build();
    }
}
