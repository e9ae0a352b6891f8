package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HealthBodyTests {

    @Test
    void isTheJsonJacksonWouldWrite() {
        AddonInfo info = new AddonInfo("shop", "1.0.0-rc.1", "odd \"id\" \\ \n\u0001 é", Json.object());

        String body = new String(HealthBody.of(info), StandardCharsets.UTF_8);

        assertThat(Json.parse(body)).isEqualTo(Json.object("status", "UP", "instance", info.instanceId(),
                "addon", "shop", "version", "1.0.0-rc.1"));
    }
}
