package com.themepress.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

class AllowedOriginsTests {

    static final CorsProperties PROPERTIES = new CorsProperties(List.of("https://console.example"), false, Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    @Test
    void startsWithTheConsoleOriginsAddsTheSitesAndKeepsThemWhileTheAddonServerFails() {
        AtomicReference<Reply> answer = new AtomicReference<>(Reply.json(200, "{\"origins\":[\"https://shop.example\"]}"));
        AtomicReference<String> key = new AtomicReference<>();
        try (HttpFake addonServer = HttpFake.start().route(AllowedOrigins.PATH, request -> {
            key.set(request.header("X-Service-Key"));
            return answer.get();
        })) {
            AllowedOrigins origins = new AllowedOrigins(PROPERTIES,
                    AllowedOrigins.client(addonServer.url(), new ServiceKeyProperties("origins-test-service-key")));
            assertThat(origins.allows("https://console.example")).isTrue();
            assertThat(origins.allows("https://shop.example")).isFalse();

            origins.refresh().block();
            assertThat(origins.allows("https://shop.example")).isTrue();
            assertThat(origins.allows("https://console.example")).isTrue();
            assertThat(key.get()).isEqualTo("origins-test-service-key");

            answer.set(Reply.status(503));
            origins.refresh().block();
            assertThat(origins.allows("https://shop.example")).as("kept while the addon-server fails").isTrue();

            answer.set(Reply.json(200, "{\"origins\":[]}"));
            origins.refresh().block();
            assertThat(origins.allows("https://shop.example")).as("a removed origin goes").isFalse();
            assertThat(origins.allows("https://console.example")).isTrue();
        }
    }
}
