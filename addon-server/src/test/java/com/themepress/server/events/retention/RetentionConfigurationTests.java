package com.themepress.server.events.retention;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The old count-based trim setting stops the start, naming its replacements, instead of being silently ignored. */
class RetentionConfigurationTests {

    @Test
    void theRetiredStreamMaxLengthStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty("themepress.events.stream-max-length", "1000000");

        assertThatThrownBy(() -> RetentionConfiguration.refuseRetired(environment)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("themepress.events.retention.max-backlog");
    }

    @Test
    void withoutItTheStartGoesOn() {
        assertThatCode(() -> RetentionConfiguration.refuseRetired(new MockEnvironment())).doesNotThrowAnyException();
    }
}
