package com.themepress.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** scripts/check-skips.sh accepts only skips whose message starts with exactly this text. */
class ComponentAbsentTests {

    @Test
    void aDisabledVerdictCarriesTheAcceptedPrefix() {
        assertThat(ComponentAbsent.disabled("redis-server is not installed").getReason())
                .hasValue("Component absent: redis-server is not installed");
        assertThat(ComponentAbsent.disabled("x").isDisabled()).isTrue();
    }

    @Test
    void aFailedAssumptionAbortsWithThePrefixAndAMetOneDoesNot() {
        ComponentAbsent.assume(true, "nothing");

        assertThatThrownBy(() -> ComponentAbsent.assume(false, "chromium is not installed"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Component absent: chromium is not installed");
    }
}
