package com.themepress.model.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventPatternTests {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "payment.completed, payment.completed, true",
            "payment.completed, payment.failed, false",
            "payment.*, payment.completed, true",
            "payment.*, payment, false",
            "payment.*, payment.card.declined, false",
            "*.completed, order.completed, true",
            "*, payment, true",
            "*, payment.completed, false",
            "payment.completed, payment.completed.late, false",
    })
    void starStandsForExactlyOneSegment(String pattern, String type, boolean expected) {
        assertThat(new EventPattern(pattern).matches(type)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"order.created, true", "payment.failed, true", "user.created, false"})
    void anyOfSeveralPatternsMayMatch(String type, boolean expected) {
        assertThat(EventPattern.anyMatches(List.of("order.*", "payment.failed"), type)).isEqualTo(expected);
    }
}
