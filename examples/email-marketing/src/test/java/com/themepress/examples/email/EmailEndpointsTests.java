package com.themepress.examples.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

class EmailEndpointsTests {

    static final AddonInfo INFO = new AddonInfo("email-marketing", "1.0.0", "test-1", Json.object());

    final Mailbox mailbox = new Mailbox(Clock.fixed(Instant.parse("2025-05-01T08:00:00Z"), ZoneOffset.UTC));
    final EmailEndpoints email = new EmailEndpoints(mailbox);

    @Test
    void sendEmailRecordsTheMessage() {
        Result result = email.sendEmail(call("{\"to\":\"Ann@Example.COM\",\"subject\":\"Hello\",\"body\":\"Hi Ann\"}"));

        assertThat(result.json().path("status").stringValue()).isEqualTo("recorded");
        assertThat(result.json().path("to").stringValue()).isEqualTo("Ann@example.com");
        assertThat(mailbox.outbox()).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Hello");
            assertThat(message.kind()).isEqualTo("manual");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann smith@example.com", "ann@exa_mple.com",
            "ann@-example.com", "<ann@example.com>"})
    void sendEmailRefusesAnInvalidAddress(String to) {
        ProblemException refused = refusal(() -> email.sendEmail(call(Json.write(Json.object("to", to, "subject", "x")))));

        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().detail()).isEqualTo("/to is not a valid email address");
        assertThat(mailbox.outbox()).isEmpty();
    }

    @Test
    void sendEmailNeedsAOneLineSubject() {
        assertThat(refusal(() -> email.sendEmail(call("{\"to\":\"a@b.co\",\"subject\":\"a\\nBcc: x@y.z\"}"))).problem().detail())
                .isEqualTo("/subject must be one line of 1 to 200 characters");
        assertThat(refusal(() -> email.sendEmail(call("{\"to\":\"a@b.co\"}"))).problem().status()).isEqualTo(400);
    }

    @Test
    void thePublicSubscribeAddsAndAnswersOnlyAboutTheGivenAddress() {
        email.manageSubscribers(call("{\"action\":\"add\",\"email\":\"ann@example.com\"}"));

        Result added = email.subscribe(call("{\"email\":\"bob@example.com\",\"name\":\"Bob\"}"));
        Result again = email.subscribe(call("{\"email\":\"bob@example.com\"}"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(added.json().toString()).doesNotContain("ann@example.com");
        assertThat(refusal(() -> email.subscribe(call("{\"email\":\"not-an-address\"}"))).problem().status()).isEqualTo(400);
        assertThat(email.manageSubscribers(call("{\"action\":\"list\"}")).json().path("count").intValue()).isEqualTo(2);
    }

    @Test
    void subscribersCanBeAddedListedAndRemoved() {
        Result added = email.manageSubscribers(call("{\"action\":\"add\",\"email\":\"bob@example.com\",\"name\":\"Bob\"}"));
        Result again = email.manageSubscribers(call("{\"action\":\"add\",\"email\":\"bob@example.com\"}"));
        email.manageSubscribers(call("{\"action\":\"add\",\"email\":\"ann@example.com\"}"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("new").booleanValue()).isFalse();
        Result list = email.manageSubscribers(call("{\"action\":\"list\"}"));
        assertThat(list.json().path("count").intValue()).isEqualTo(2);
        assertThat(list.json().path("subscribers").get(0).path("email").stringValue()).isEqualTo("ann@example.com");
        assertThat(list.json().path("subscribers").get(1).path("name").stringValue()).isEqualTo("Bob");

        assertThat(email.manageSubscribers(call("{\"action\":\"remove\",\"email\":\"bob@example.com\"}")).status()).isEqualTo(200);
        assertThat(email.manageSubscribers(call("{\"action\":\"remove\",\"email\":\"bob@example.com\"}")).status()).isEqualTo(404);
    }

    @Test
    void anUnknownActionIs400() {
        assertThat(refusal(() -> email.manageSubscribers(call("{\"action\":\"purge\"}"))).problem().detail())
                .isEqualTo("/action must be one of add, remove, list");
    }

    @Test
    void aCompletedPaymentWithAnEmailRecordsOneReceipt() {
        Event paid = new Event("e-1", "payment.completed", "payment-gateway", "2025-05-01T08:00:00Z", "site-1",
                Json.parse("{\"transactionId\":\"txn_1\",\"amount\":19.90,\"currency\":\"EUR\",\"email\":\"ann@example.com\"}"));

        email.onPaymentCompleted(paid);
        email.onPaymentCompleted(paid); // redelivered

        assertThat(mailbox.outbox()).singleElement().satisfies(message -> {
            assertThat(message.to()).isEqualTo("ann@example.com");
            assertThat(message.kind()).isEqualTo("receipt");
            assertThat(message.subject()).isEqualTo("Your receipt for 19.90 EUR");
            assertThat(message.body()).contains("txn_1");
        });
        Result outbox = email.outbox(call("{\"to\":\"ann@example.com\"}"));
        assertThat(outbox.json().path("messages")).hasSize(1);
    }

    @Test
    void aCompletedPaymentWithoutAnEmailIsSkipped() {
        email.onPaymentCompleted(new Event("e-2", "payment.completed", null, null, null, Json.object("amount", 5)));

        assertThat(mailbox.outbox()).isEmpty();
    }

    @Test
    void theOutboxListsTheNewestMessagesFirst() {
        for (int i = 0; i < Mailbox.LISTED + 5; i++) {
            mailbox.record("a@b.co", "s" + i, "", "manual");
        }

        assertThat(mailbox.outbox()).hasSize(Mailbox.LISTED);
        assertThat(mailbox.outbox().get(0).subject()).isEqualTo("s" + (Mailbox.LISTED + 4));
    }

    static Call call(String data) {
        return new Call("test", Json.parse(data), INFO);
    }

    static ProblemException refusal(Runnable action) {
        return catchThrowableOfType(ProblemException.class, action::run);
    }
}
