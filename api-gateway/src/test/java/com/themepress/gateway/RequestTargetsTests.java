package com.themepress.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths that Tomcat behind would resolve to another path are recognised; ordinary ones are not. */
class RequestTargetsTests {

    @ParameterizedTest
    @ValueSource(strings = {"/api/addons/../../internal/widgets/a/b", "/api/addons/..", "/api/addons/./x", "/api/addons/%2e%2E/x",
            "/api/addons/.%2e/x", "/api/addons/..;x=1/y", "/api/addons/..;/y", "/api/widgets/a%2Fb/c", "/api/widgets/a%5cb/c",
            "/api/widgets/a\\b/c", "/api/addons/.?q=1", "..", "/api/widgets/shop/..?config=%7B%7D"})
    void aPathThatWouldResolveElsewhereIsRecognised(String target) {
        assertThat(RequestTargets.leavesItsPath(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/addons", "/api/addons/shop.v2/versions", "/api/addons/.hidden", "/api/addons/...", "/api/addons/a..b",
            "/api/widgets/shop/cart?config=%7B%22a%22%3A%22..%2F..%22%7D", "/api/widgets/shop/cart?x=/../", "/", "",
            "/api/addons/a%20b", "/api/addons/%2", "/api/addons/;jsessionid=1"})
    void anOrdinaryPathIsNot(String target) {
        assertThat(RequestTargets.leavesItsPath(target)).isFalse();
    }
}
