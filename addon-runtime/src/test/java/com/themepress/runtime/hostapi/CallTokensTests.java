package com.themepress.runtime.hostapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.runtime.time.Ticker;

class CallTokensTests {

    /** Time that moves only when the test says so. */
    static final class StillTicker implements Ticker {
        long nanos = 1_000;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(1_800_000_000L).plusNanos(nanos);
        }

        @Override
        public void awaitNanos(Condition condition, long timeout) {
        }

        @Override
        public void sleepNanos(long duration) {
            nanos += duration;
        }

        @Override
        public void schedule(Runnable task, long delay, Executor executor) {
        }

        void advance(Duration by) {
            nanos += by.toNanos();
        }
    }

    static HostApiProperties props(boolean enabled) {
        return new HostApiProperties(enabled, 0, URI.create("http://127.0.0.1:8081"), Duration.ofSeconds(2), DataSize.ofMegabytes(1),
                Duration.ofSeconds(10), 4);
    }

    final StillTicker ticker = new StillTicker();
    final CallTokens tokens = new CallTokens(new TokenKey("token-key-for-the-tests"), ServiceKeyProperties.NONE, props(true), ticker);

    @Test
    void aTokenWorksDuringItsCallFromItsInstanceOnly() {
        try (CallTokens.Issued issued = tokens.issue("inventory", "1.0.0", "shop-a", "i-1", "172.30.0.5", 5_000)) {
            Optional<InvocationToken> admitted = tokens.admit(issued.header(), "172.30.0.5");
            assertThat(admitted).hasValueSatisfying(token -> {
                assertThat(token.addon()).isEqualTo("inventory");
                assertThat(token.site()).isEqualTo("shop-a");
                assertThat(token.instance()).isEqualTo("i-1");
            });
            assertThat(tokens.admit(issued.header(), "172.30.0.6")).as("another instance's address").isEmpty();
        }
    }

    @Test
    void aTokenReplayedAfterItsCallAndTheGraceIsRefused() {
        String text;
        try (CallTokens.Issued issued = tokens.issue("inventory", "1.0.0", "shop-a", "i-1", "172.30.0.5", 60_000)) {
            text = issued.header();
        }
        assertThat(tokens.admit(text, "172.30.0.5")).as("within the grace").isPresent();
        ticker.advance(Duration.ofMillis(2_001));
        assertThat(tokens.admit(text, "172.30.0.5")).as("after the grace, though not expired").isEmpty();
        assertThat(tokens.held()).isZero();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedThoughItsCallRuns() {
        CallTokens other = new CallTokens(new TokenKey("a-different-token-key"), ServiceKeyProperties.NONE, props(true), ticker);
        try (CallTokens.Issued mine = tokens.issue("inventory", "1.0.0", "shop-a", "i-1", "172.30.0.5", 5_000);
                CallTokens.Issued theirs = other.issue("inventory", "1.0.0", "shop-a", "i-1", "172.30.0.5", 5_000)) {
            assertThat(tokens.admit(theirs.header(), "172.30.0.5")).isEmpty();
            assertThat(tokens.admit(mine.header(), "172.30.0.5")).isPresent();
        }
    }

    @Test
    void withTheHostApiOffNoTokenIsIssued() {
        CallTokens off = new CallTokens(new TokenKey("token-key-for-the-tests"), ServiceKeyProperties.NONE, props(false), ticker);
        try (CallTokens.Issued issued = off.issue("inventory", "1.0.0", null, "i-1", "172.30.0.5", 5_000)) {
            assertThat(issued.header()).isNull();
        }
        assertThat(off.active()).isFalse();
    }
}
