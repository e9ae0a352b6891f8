package com.themepress.server.sites;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An origin in a site's list must be exactly what a browser sends in {@code Origin}, or it would never match. */
class SiteRequestsTests {

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example", "http://127.0.0.1:8080", "http://localhost:9280", "https://xn--bcher-kva.example"})
    void takesOriginsAsBrowsersSendThem(String origin) {
        assertThat(SiteRequests.isOrigin(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/", "https://shop.example/path", "https://Shop.example", "ftp://shop.example",
            "shop.example", "https://user@shop.example", "https://shop.example?x=1", "https://shop.example#top", "null", "*", ""})
    void refusesWhatNoBrowserSendsAsAnOrigin(String origin) {
        assertThat(SiteRequests.isOrigin(origin)).isFalse();
    }
}
