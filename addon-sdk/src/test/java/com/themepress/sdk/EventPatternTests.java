package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternTests {

    @ParameterizedTest
    @CsvSource({
            "payment.completed, payment.completed, true",
            "payment.completed, payment.failed,    false",
            "payment.*,         payment.completed, true",
            "payment.*,         payment.card.declined, false",
            "*.completed,       order.completed,   true",
            "*,                 payment.completed, false",
            "payment,           payment.completed, false",
    })
    void matchesOneSegmentPerStar(String pattern, String type, boolean matches) {
        assertThat(new EventPattern(pattern).matches(type)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Payment.completed", "payment..completed", "payment.**", "payment."})
    void rejectsWhatTheManifestWouldReject(String pattern) {
        assertThatThrownBy(() -> new EventPattern(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
