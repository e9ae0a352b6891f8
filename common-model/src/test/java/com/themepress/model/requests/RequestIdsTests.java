package com.themepress.model.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTests {

    @Test
    void keepsOnlyShortPlainIds() {
        assertThat(RequestIds.of("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(RequestIds.of("x".repeat(128))).hasSize(128);
        assertThat(RequestIds.of("x".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of("")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of("line\nbreak")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of(null)).matches("[0-9a-f]{32}");
    }

    @Test
    void newIdsDiffer() {
        assertThat(RequestIds.newId()).isNotEqualTo(RequestIds.newId());
    }
}
