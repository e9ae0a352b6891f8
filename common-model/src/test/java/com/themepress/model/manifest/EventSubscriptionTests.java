package com.themepress.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EventSubscriptionTests {

    @Test
    void thePlainFormAcceptsEverySource() {
        EventSubscription any = EventSubscription.anySource("payment.*");

        assertThat(any.matches("payment.completed")).isTrue();
        assertThat(any.accepts("payment-gateway")).isTrue();
        assertThat(any.accepts("fake-gateway")).isTrue();
        assertThat(any.accepts(null)).isTrue();
    }

    @Test
    void namedSourcesAreTheOnlyOnesAccepted() {
        EventSubscription strict = new EventSubscription("payment.completed", List.of("payment-gateway", "backup-gateway"));

        assertThat(strict.accepts("payment-gateway")).isTrue();
        assertThat(strict.accepts("backup-gateway")).isTrue();
        assertThat(strict.accepts("fake-gateway")).isFalse();
        assertThat(strict.accepts("payment-gateway-2")).isFalse();
        assertThat(strict.accepts(null)).isFalse();
    }

    @Test
    void theTypeIsAPatternWhereStarIsOneSegment() {
        EventSubscription strict = new EventSubscription("payment.*", List.of("payment-gateway"));

        assertThat(strict.matches("payment.refunded")).isTrue();
        assertThat(strict.matches("payment.card.declined")).isFalse();
    }
}
