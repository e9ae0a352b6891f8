package com.themepress.model.hostapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InvocationTokensTests {

    private static final InvocationTokens TOKENS = new TokenKey("a-token-key-of-enough-length").tokens(Optional.empty()).orElseThrow();
    private static final InvocationToken TOKEN = new InvocationToken("inventory", "1.0.0+offline", "shop-a", "c1", "i-1", 10_000);

    @Test
    void aSignedTokenVerifiesUntilItExpires() {
        String text = TOKENS.sign(TOKEN);
        assertThat(TOKENS.verify(text, 9_999)).contains(TOKEN);
        assertThat(TOKENS.verify(text, 10_000)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        InvocationTokens other = new TokenKey("another-token-key-entirely").tokens(Optional.empty()).orElseThrow();
        assertThat(TOKENS.verify(other.sign(TOKEN), 0)).isEmpty();
    }

    @Test
    void aChangedPayloadIsRefused() {
        String text = TOKENS.sign(TOKEN);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1|inventory|1.0.0+offline|shop-b|c1|i-1|10000".getBytes(StandardCharsets.UTF_8));
        assertThat(TOKENS.verify(forged + text.substring(text.indexOf('.')), 0)).isEmpty();
    }

    @Test
    void malformedTextIsNoToken() {
        assertThat(TOKENS.verify(null, 0)).isEmpty();
        assertThat(TOKENS.verify("", 0)).isEmpty();
        assertThat(TOKENS.verify("abc", 0)).isEmpty();
        assertThat(TOKENS.verify("a.b.c", 0)).isEmpty();
        assertThat(TOKENS.verify("!!.!!", 0)).isEmpty();
        assertThat(TOKENS.verify("x".repeat(2000), 0)).isEmpty();
    }

    @Test
    void theServiceKeyIsUsedWhenNoTokenKeyIsSetAndNothingWithoutEither() {
        TokenKey none = new TokenKey(null);
        InvocationTokens derived = none.tokens(Optional.of("a-service-key-0123456789")).orElseThrow();
        assertThat(derived.verify(derived.sign(TOKEN), 0)).contains(TOKEN);
        assertThat(TOKENS.verify(derived.sign(TOKEN), 0)).isEmpty();
        assertThat(none.tokens(Optional.empty())).isEmpty();
    }

    @Test
    void fieldsThatWouldBreakThePayloadAreRefused() {
        assertThatThrownBy(() -> new InvocationToken("a|b", "1", "", "c", "i", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBearerHeaderIsReadWhenTheTokenHeaderIsAbsent() {
        assertThat(InvocationTokens.fromHeaders(null, "Bearer abc.def")).isEqualTo("abc.def");
        assertThat(InvocationTokens.fromHeaders("x.y", "Bearer abc.def")).isEqualTo("x.y");
        assertThat(InvocationTokens.fromHeaders(null, "Basic abc")).isNull();
    }
}
