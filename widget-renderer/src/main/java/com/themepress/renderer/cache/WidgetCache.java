package com.themepress.renderer.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.renderer.cache.Served.Tier;
import com.themepress.renderer.fragment.Fragments;
import com.themepress.renderer.fragment.WidgetOutput;

/**
 * The two cache tiers and the render they protect.
 * <ol>
 *   <li>L1 (Caffeine, per renderer). A miss registers its load in a map of flights, so identical
 *       requests that arrive meanwhile wait for it instead of loading again (single flight across
 *       threads). A hit touches nothing but memory.</li>
 *   <li>L2 (Redis, shared, {@link L2Store}): read on an L1 miss. The read and, on a miss, a short {@code SET NX PX}
 *       lock are one script, one round trip; the renderer that gets the lock renders, the others
 *       repeat the script, backing off, until the value appears or they get the lock (single flight
 *       across renderers, as far as Redis allows: a holder that dies frees the lock by expiry).</li>
 *   <li>A render that succeeds is written to L2 and, with a longer life and without the version in
 *       its key, as the last good copy, by the same script that releases the lock. A render that
 *       fails (addon 5xx, timeout, runtime at capacity) is answered with the last good copy, marked
 *       stale, when there is one.</li>
 * </ol>
 * Redis trouble never fails a request: the tier is skipped and counted.
 */
@Component
public class WidgetCache {

    private static final Logger log = LoggerFactory.getLogger(WidgetCache.class);

    private final CacheProperties properties;
    private final L2Store l2;
    private final CacheMetrics metrics;
    private final Cache<CacheKey, Rendered> l1;
    /** {@code l1-max-size: 0}: no L1 at all, not one that evicts every entry it is given. */
    private final boolean l1Enabled;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Rendered>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Rendered> lastGood;
    private final Ticker ticker;
    private final Fragments fragments;

    WidgetCache(CacheProperties properties, L2Store l2, CacheMetrics metrics, Ticker ticker, Fragments fragments) {
        this.fragments = fragments;
        this.properties = properties;
        this.l2 = l2;
        this.metrics = metrics;
        this.ticker = ticker;
        this.l1Enabled = properties.l1MaxSize().toBytes() > 0;
        this.l1 = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.l1Ttl())
                .maximumWeight(properties.l1MaxSize().toBytes())
                .weigher((CacheKey k, Rendered v) -> v.weight())
                .build();
        this.lastGood = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.lastGoodTtl())
                .maximumWeight(properties.lastGoodL1MaxSize().toBytes())
                .weigher((String k, Rendered v) -> v.weight())
                .build();
    }

    /**
     * The render for {@code key}: from L1, L2, an identical render in flight, or {@code render}
     * (which answers sanitised output or throws a {@link PlatformException}; a 5xx one lets the
     * last good copy be served instead).
     */
    public Served get(CacheKey key, Supplier<WidgetOutput> render) {
        Served hit = peek(key);
        if (hit != null) {
            return hit;
        }
        if (l1Enabled) {
            metrics.l1(false);
        }
        CompletableFuture<Rendered> mine = new CompletableFuture<>();
        CompletableFuture<Rendered> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(key, running);
        }
        try {
            Rendered landed = l1Enabled ? l1.getIfPresent(key) : null; // a flight that ended between our two looks
            Served served = landed != null ? new Served(landed, Tier.L1, false, key.scope()) : load(key, render);
            if (l1Enabled) {
                l1.put(key, served.rendered());
            }
            mine.complete(served.rendered());
            return served;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            return fallback(key, e);
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * A render for this request alone, for a widget whose scope is {@code none}: no tier is read or
     * written, identical requests do not share it, and a failure is the caller's answer (a last good
     * copy would be an earlier request's render, which is what {@code none} rules out).
     */
    public Served bypass(CacheKey key, Supplier<WidgetOutput> render) {
        return new Served(Rendered.of(key, render.get(), fragments), Tier.BYPASS, false, key.scope());
    }

    /** The L1 hit for {@code key} (counted), or null: memory only. */
    public @Nullable Served peek(CacheKey key) {
        Rendered hit = l1Enabled ? l1.getIfPresent(key) : null;
        if (hit == null) {
            return null;
        }
        metrics.l1(true);
        return new Served(hit, Tier.L1, false, key.scope());
    }

    private Served await(CacheKey key, CompletableFuture<Rendered> inFlight) {
        try {
            Rendered rendered = inFlight.get(properties.lockTtl().toMillis(), TimeUnit.MILLISECONDS);
            metrics.coalesced(false);
            return new Served(rendered, Tier.COALESCED, false, key.scope());
        } catch (ExecutionException e) {
            return fallback(key, e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } catch (TimeoutException e) {
            return fallback(key, new PlatformException(ProblemType.UPSTREAM_TIMEOUT,
                    "The widget's render did not finish in time."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while waiting for the widget's render.");
        }
    }

    /** L2, else render once across renderers. */
    private Served load(CacheKey key, Supplier<WidgetOutput> render) {
        Claim claim = l2.claim(key);
        if (claim.stored() != null) {
            metrics.l2(true);
            return new Served(claim.stored(), Tier.L2, false, key.scope());
        }
        metrics.l2(false);
        if (claim.state() == Claim.State.BUSY) {
            claim = awaitOtherRenderer(key);
            if (claim.stored() != null) {
                metrics.coalesced(true);
                return new Served(claim.stored(), Tier.COALESCED, false, key.scope());
            }
            // the holder failed or vanished: render here, under the lock if this renderer got it
        }
        boolean locked = claim.state() == Claim.State.LOCKED;
        Rendered rendered;
        try {
            rendered = Rendered.of(key, render.get(), fragments);
        } catch (RuntimeException e) {
            if (locked) {
                l2.unlock(key);
            }
            throw e;
        }
        store(key, rendered, locked);
        return new Served(rendered, Tier.MISS, false, key.scope());
    }

    /**
     * Polls, backing off, until the other renderer's render lands in L2 or its lock is gone (then claimed here).
     * The deadline is on the cache's ticker, like every other expiry here; the lock itself expires on Redis's clock,
     * so even under a frozen test ticker the wait ends when the other renderer's lock does.
     */
    private Claim awaitOtherRenderer(CacheKey key) {
        long deadline = ticker.read() + properties.lockTtl().toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(2);
        while (ticker.read() < deadline) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
            Claim claim = l2.claim(key);
            if (claim.state() != Claim.State.BUSY) {
                return claim;
            }
        }
        return Claim.BUSY;
    }

    private Served fallback(CacheKey key, RuntimeException failure) {
        if (!(failure instanceof PlatformException problem) || problem.getStatusCode().value() < 500) {
            throw failure;
        }
        Rendered good = lastGood.getIfPresent(key.lastGoodLocal());
        if (good == null) {
            good = readLastGood(key);
        }
        if (good == null) {
            throw failure;
        }
        log.info("Serving the last good render of {}/{} ({}): {}", key.addon(), key.widget(), good.version(), problem.getMessage());
        metrics.staleServed(key);
        return new Served(good, Tier.LAST_GOOD, true, key.scope());
    }

    private void store(CacheKey key, Rendered rendered, boolean locked) {
        lastGood.put(key.lastGoodLocal(), rendered);
        l2.store(key, rendered, locked);
    }

    private @Nullable Rendered readLastGood(CacheKey key) {
        Rendered good = l2.lastGood(key);
        if (good != null) {
            lastGood.put(key.lastGoodLocal(), good);
        }
        return good;
    }

    /** Drops this renderer's L1 renders of {@code addon} (a registry or config change was broadcast). */
    public void evictAddon(String addon) {
        l1.asMap().keySet().removeIf(key -> key.addon().equals(addon));
        inFlight.keySet().removeIf(key -> key.addon().equals(addon));
    }

    /** For tests and the benchmark: drops every L1 render. */
    public void evictAll() {
        l1.invalidateAll();
    }

    Duration l1Ttl() {
        return properties.l1Ttl();
    }
}
