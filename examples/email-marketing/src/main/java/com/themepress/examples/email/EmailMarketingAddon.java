package com.themepress.examples.email;

import java.time.Clock;
import java.util.List;

import com.themepress.sdk.Addon;

/**
 * A demo email-marketing addon: subscribers, a newsletter sign-up widget, and an outbox that
 * records (never sends) manual emails and a receipt for every {@code payment.completed} that
 * names an email address. Only payment-gateway's word sends a receipt: the manifest's subscription
 * names it, and the handler checks again.
 */
public final class EmailMarketingAddon {

    private EmailMarketingAddon() {
    }

    public static void main(String[] args) {
        addon(new Mailbox(Clock.systemUTC())).start();
    }

    static Addon addon(Mailbox mailbox) {
        EmailEndpoints endpoints = new EmailEndpoints(mailbox);
        return Addon.builder()
                .name("email-marketing")
                .version("1.0.0")
                .endpoint("send-email", endpoints::sendEmail)
                .endpoint("subscribe", endpoints::subscribe)
                .endpoint("manage-subscribers", endpoints::manageSubscribers)
                .endpoint("outbox", endpoints::outbox)
                .widget("newsletter-signup", NewsletterSignup::render)
                .on("payment.completed", List.of("payment-gateway"), endpoints::onPaymentCompleted)
                .build();
    }
}
