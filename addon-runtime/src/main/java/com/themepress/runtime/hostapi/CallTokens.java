package com.themepress.runtime.hostapi;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.runtime.time.Ticker;

/**
 * Issues each call's token and remembers the call while it runs and for {@code grace} after, so the
 * host API can refuse a token whose call is over (a signature alone would stay valid until it
 * expires) and one shown by any instance but the one the call went to. What a call binds: the
 * addon, the version, the site, the instance and its address.
 */
@Component
public class CallTokens {

    /** A call's record: its token and the address of the instance that holds it; {@code endedNanos} counts once it {@code ended}. */
    private record Running(InvocationToken token, String instanceAddress, boolean ended, long endedNanos) {
    }

    private record Ended(String callId, long at) {
    }

    private final @Nullable InvocationTokens tokens;
    private final Ticker ticker;
    private final long graceNanos;
    private final Map<String, Running> calls = new ConcurrentHashMap<>();
    /** Calls in the order they ended, so expired records go from the head; guarded by itself. */
    private final ArrayDeque<Ended> ended = new ArrayDeque<>();

    CallTokens(TokenKey key, ServiceKeyProperties serviceKey, HostApiProperties props, Ticker ticker) {
        this.tokens = props.enabled() ? key.tokens(serviceKey.key()).orElse(null) : null;
        this.ticker = ticker;
        this.graceNanos = props.grace().toNanos();
    }

    /** Whether tokens are issued at all (a key is configured and the host API is on). */
    public boolean active() {
        return tokens != null;
    }

    /** One issued token; closing it ends the call, after which the token lasts only the grace. */
    public final class Issued implements AutoCloseable {
        private final @Nullable String header;
        private final @Nullable String callId;

        private Issued(@Nullable String header, @Nullable String callId) {
            this.header = header;
            this.callId = callId;
        }

        /** The token's text for {@link InvocationToken#HEADER}; null when tokens are off. */
        public @Nullable String header() {
            return header;
        }

        @Override
        public void close() {
            if (callId != null) {
                end(callId);
            }
        }
    }

    /**
     * A token for one call of {@code addon@version} for {@code site} (null: a call of no site) on
     * {@code instance}, reachable at {@code instanceAddress}, that may run {@code timeoutMs}.
     */
    public Issued issue(String addon, String version, @Nullable String site, String instance, String instanceAddress, long timeoutMs) {
        if (tokens == null) {
            return new Issued(null, null);
        }
        String callId = UUID.randomUUID().toString();
        long expiresAt = ticker.instant().toEpochMilli() + timeoutMs + TimeUnit.NANOSECONDS.toMillis(graceNanos);
        InvocationToken token = new InvocationToken(addon, version, site == null ? "" : site, callId, instance, expiresAt);
        calls.put(callId, new Running(token, instanceAddress, false, 0));
        return new Issued(tokens.sign(token), callId);
    }

    /**
     * The token {@code text} stands for, if it is signed and unexpired, its call runs (or ended within
     * the grace) and {@code sourceAddress} is the address of the instance it was issued to.
     */
    public Optional<InvocationToken> admit(@Nullable String text, String sourceAddress) {
        if (tokens == null) {
            return Optional.empty();
        }
        sweep();
        return tokens.verify(text, ticker.instant().toEpochMilli()).filter(token -> {
            Running call = calls.get(token.callId());
            return call != null && call.token().equals(token) && call.instanceAddress().equals(sourceAddress)
                    && (!call.ended() || ticker.nanoTime() - call.endedNanos() <= graceNanos);
        });
    }

    /** Records held (running, or ended within the grace); for tests and the gauge. */
    int held() {
        sweep();
        return calls.size();
    }

    private void end(String callId) {
        long now = ticker.nanoTime();
        Running call = calls.computeIfPresent(callId, (id, running) -> new Running(running.token(), running.instanceAddress(), true, now));
        if (call != null) {
            synchronized (ended) {
                ended.addLast(new Ended(callId, now));
            }
        }
        sweep();
    }

    private void sweep() {
        long now = ticker.nanoTime();
        synchronized (ended) {
            while (!ended.isEmpty() && now - ended.peekFirst().at() > graceNanos) {
                calls.remove(ended.pollFirst().callId());
            }
        }
    }
}
