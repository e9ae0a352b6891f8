package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CallerKeysTests {

    private final CallerKeys untrusting = new CallerKeys(new TrustedProxies(List.of()));
    private final CallerKeys behindProxies = new CallerKeys(new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.7")));

    @Test
    void anApiKeyCountsBeforeASiteKeyAndASiteKeyBeforeTheAddress() {
        String byKey = untrusting.callerOf("tpk_abc", "key=pk_shop_1", "127.0.0.1", null);
        String bySiteKey = untrusting.callerOf(null, "site=x&key=pk_shop_1", "127.0.0.1", null);
        String byAddress = untrusting.callerOf(null, "site=x", "127.0.0.1", null);

        assertThat(byKey).isEqualTo(untrusting.callerOf("tpk_abc", null, "10.9.9.9", null));
        assertThat(bySiteKey).isEqualTo(untrusting.callerOf(null, "key=pk_shop_1", "127.0.0.1", null)).isNotEqualTo(byKey);
        assertThat(byAddress).isNotEqualTo(untrusting.callerOf(null, null, "127.0.0.2", null)).isNotEqualTo(bySiteKey);
    }

    /** Every visitor of a site's pages sends its publishable key: each visitor gets a budget, not the site as a whole. */
    @Test
    void aPublishableKeyCountsPerVisitorASecretKeyPerKey() {
        String visitor = untrusting.callerOf("pk_shop_1", null, "127.0.0.1", null);

        assertThat(untrusting.callerOf("pk_shop_1", null, "127.0.0.9", null)).isNotEqualTo(visitor);
        assertThat(untrusting.callerOf(null, "key=pk_shop_1", "127.0.0.1", null)).isEqualTo(visitor);
        assertThat(untrusting.callerOf("sk_shop_2", null, "127.0.0.9", null)).isEqualTo(untrusting.callerOf("sk_shop_2", null, "127.0.0.1", null));
    }

    @Test
    void neitherKeyNorAddressAppearsInTheCallerId() {
        String caller = untrusting.callerOf("sk_shop_secretsecret", null, "127.0.0.1", null);

        assertThat(caller).matches("[0-9a-f]{32}").doesNotContain("secret");
        assertThat(untrusting.callerOf(null, null, "127.0.0.1", null)).matches("[0-9a-f]{32}");
    }

    @Test
    void aKeyParameterThatIsNoSiteKeyIsIgnored() {
        assertThat(CallerKeys.siteKey("key=hello&site=a")).isNull();
        assertThat(CallerKeys.siteKey("monkey=pk_a_1&key=sk_b_2")).isEqualTo("sk_b_2");
        assertThat(CallerKeys.siteKey(null)).isNull();
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(untrusting.callerOf(null, null, "203.0.113.9", "198.51.100.1"))
                .isEqualTo(untrusting.callerOf(null, null, "203.0.113.9", null));
        assertThat(behindProxies.callerOf(null, null, "203.0.113.9", "198.51.100.1"))
                .as("a trusted-proxy list does not make every peer a proxy")
                .isEqualTo(behindProxies.callerOf(null, null, "203.0.113.9", null));
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedForwardedAddressCounts() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.7"));

        assertThat(proxies.clientAddress("10.1.2.3", "spoofed, 198.51.100.1, 192.168.1.7")).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("fd12::1", "198.51.100.2")).isEqualTo("198.51.100.2");
        assertThat(proxies.clientAddress("192.168.1.7", "10.0.0.1, 10.0.0.2")).as("all trusted: the left-most").isEqualTo("10.0.0.1");
        assertThat(proxies.clientAddress("192.168.1.8", "198.51.100.3")).as("outside the list").isEqualTo("192.168.1.8");
        assertThat(proxies.clientAddress("10.0.0.1", null)).isEqualTo("10.0.0.1");
    }

    @Test
    void cidrBlocksMatchByPrefix() {
        TrustedProxies proxies = new TrustedProxies(List.of("172.16.0.0/12"));

        assertThat(proxies.trusts(TrustedProxies.literal("172.31.255.255"))).isTrue();
        assertThat(proxies.trusts(TrustedProxies.literal("172.32.0.0"))).isFalse();
        assertThat(proxies.trusts(TrustedProxies.literal("not-an-address"))).isFalse();
        assertThat(TrustedProxies.literal("example.com")).as("never a DNS lookup").isNull();
    }

    @Test
    void aRememberedHashIsTheSameAsAFreshOneAndTheMemoryStaysBounded() {
        String first = untrusting.callerOf(null, null, "203.0.113.9", null);
        String page = untrusting.callerOf(null, "key=pk_shop_0123", "203.0.113.9", null);
        for (int i = 0; i <= CallerKeys.REMEMBERED + 1; i++) {
            untrusting.callerOf(null, null, "198.51." + (i >> 8) + "." + (i & 255), null);
        }

        assertThat(untrusting.callerOf(null, null, "203.0.113.9", null)).isEqualTo(first)
                .isEqualTo(new CallerKeys(new TrustedProxies(List.of())).callerOf(null, null, "203.0.113.9", null));
        assertThat(untrusting.callerOf(null, "key=pk_shop_0123", "203.0.113.9", null)).isEqualTo(page).isNotEqualTo(first);
    }
}
