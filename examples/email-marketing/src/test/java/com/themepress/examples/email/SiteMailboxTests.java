package com.themepress.examples.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;

/** Issue 16: subscribers and the outbox live in the site's storage, shared by instances; a receipt is recorded once. */
class SiteMailboxTests {

    static final AddonInfo INFO = new AddonInfo("email-marketing", "1.0.0", "test-1", Json.object());

    final InMemoryHostApi shop = new InMemoryHostApi();
    final EmailEndpoints first = new EmailEndpoints(new Mailbox(Clock.systemUTC()));
    final EmailEndpoints second = new EmailEndpoints(new Mailbox(Clock.systemUTC()));

    @Test
    void aSubscriberAddedOnOneInstanceIsKnownToTheOther() {
        assertThat(first.subscribe(call("{\"email\":\"ada+news@example.com\"}")).status()).isEqualTo(201);
        assertThat(second.subscribe(call("{\"email\":\"ada+news@example.com\"}")).status()).isEqualTo(200);
        assertThat(second.manageSubscribers(call("{\"action\":\"list\"}")).json().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aPaymentDeliveredToBothInstancesRecordsOneReceipt() {
        Event paid = new Event("e-9", "payment.completed", "payment-gateway", null, "shop",
                Json.parse("{\"email\":\"bo@example.com\",\"amount\":5,\"currency\":\"EUR\"}"), shop);
        first.onPaymentCompleted(paid);
        second.onPaymentCompleted(paid);
        assertThat(first.outbox(call("{\"to\":\"bo@example.com\"}")).json().path("messages")).hasSize(1);
    }

    private Call call(String json) {
        return new Call("test", Json.parse(json), INFO, Optional.of("shop"), Json.object(), shop);
    }
}
