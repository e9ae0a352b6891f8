package com.themepress.renderer.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.renderer.cache.Served.Tier;
import com.themepress.renderer.fragment.WidgetOutput;

/**
 * The two cache tiers and the render they protect.
 * <ol>
 *   <li>L1 (Caffeine, per renderer). A miss registers its load in a map of flights, so identical
 *       requests that arrive meanwhile wait for it instead of loading again (single flight across
 *       threads). A hit touches nothing but memory.</li>
 *   <li>L2 (Redis, shared): read on an L1 miss. On an L2 miss one renderer takes a short
 *       {@code SET NX PX} lock and renders; the others poll L2 until the value appears or the lock
 *       is gone (single flight across renderers, as far as Redis allows: a holder that dies frees
 *       the lock by expiry).</li>
 *   <li>A render that succeeds is written to L2 and, with a longer life and without the version in
 *       its key, as the last good copy. A render that fails (addon 5xx, timeout, runtime at capacity)
 *       is answered with the last good copy, marked stale, when there is one.</li>
 * </ol>
 * Redis trouble never fails a request: the tier is skipped and counted.
 */
@Component
public class WidgetCache {

    private static final Logger log = LoggerFactory.getLogger(WidgetCache.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);

    private final CacheProperties properties;
    private final StringRedisTemplate redis;
    private final CacheMetrics metrics;
    private final Cache<CacheKey, Rendered> l1;
    /** {@code l1-max-size: 0}: no L1 at all, not one that evicts every entry it is given. */
    private final boolean l1Enabled;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Rendered>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Rendered> lastGood;
    private final String owner = UUID.randomUUID().toString();

    WidgetCache(CacheProperties properties, StringRedisTemplate redis, CacheMetrics metrics, Ticker ticker) {
        this.properties = properties;
        this.redis = redis;
        this.metrics = metrics;
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
            Served served = landed != null ? new Served(landed, Tier.L1, false) : load(key, render);
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

    /** The L1 hit for {@code key} (counted), or null: memory only. */
    public @Nullable Served peek(CacheKey key) {
        Rendered hit = l1Enabled ? l1.getIfPresent(key) : null;
        if (hit == null) {
            return null;
        }
        metrics.l1(true);
        return new Served(hit, Tier.L1, false);
    }

    private Served await(CacheKey key, CompletableFuture<Rendered> inFlight) {
        try {
            Rendered rendered = inFlight.get(properties.lockTtl().toMillis(), TimeUnit.MILLISECONDS);
            metrics.coalesced(false);
            return new Served(rendered, Tier.COALESCED, false);
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
        Optional<Rendered> shared = readL2(key);
        if (shared.isPresent()) {
            metrics.l2(true);
            return new Served(shared.get(), Tier.L2, false);
        }
        metrics.l2(false);
        boolean locked = lock(key);
        if (!locked) {
            Optional<Rendered> awaited = awaitOtherRenderer(key);
            if (awaited.isPresent()) {
                metrics.coalesced(true);
                return new Served(awaited.get(), Tier.COALESCED, false);
            }
            locked = lock(key); // the holder failed or vanished; render here (locked or not)
        }
        try {
            Rendered rendered = Rendered.of(key, render.get());
            store(key, rendered);
            return new Served(rendered, Tier.MISS, false);
        } finally {
            if (locked) {
                unlock(key);
            }
        }
    }

    private Optional<Rendered> awaitOtherRenderer(CacheKey key) {
        long deadline = System.nanoTime() + properties.lockTtl().toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
            Optional<Rendered> shared = readL2(key);
            if (shared.isPresent()) {
                return shared;
            }
            if (!lockHeld(key)) {
                return readL2(key);
            }
        }
        return Optional.empty();
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
        return new Served(good, Tier.LAST_GOOD, true);
    }

    private void store(CacheKey key, Rendered rendered) {
        lastGood.put(key.lastGoodLocal(), rendered);
        try {
            String json = rendered.jsonText();
            redis.opsForValue().set(key.fresh(properties.keyPrefix()), json, properties.l2Ttl());
            redis.opsForValue().set(key.lastGood(properties.keyPrefix()), json, properties.lastGoodTtl());
        } catch (RuntimeException e) {
            l2Trouble("write", e);
        }
    }

    private Optional<Rendered> readL2(CacheKey key) {
        try {
            String json = redis.opsForValue().get(key.fresh(properties.keyPrefix()));
            return json == null ? Optional.empty() : Optional.of(Rendered.fromJson(key, json));
        } catch (RuntimeException e) {
            l2Trouble("read", e);
            return Optional.empty();
        }
    }

    private @Nullable Rendered readLastGood(CacheKey key) {
        try {
            String json = redis.opsForValue().get(key.lastGood(properties.keyPrefix()));
            if (json == null) {
                return null;
            }
            Rendered good = Rendered.fromJson(key, json);
            lastGood.put(key.lastGoodLocal(), good);
            return good;
        } catch (RuntimeException e) {
            l2Trouble("last-good read", e);
            return null;
        }
    }

    private boolean lock(CacheKey key) {
        try {
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key.lock(properties.keyPrefix()), owner, properties.lockTtl()));
        } catch (RuntimeException e) {
            l2Trouble("lock", e);
            return false;
        }
    }

    private boolean lockHeld(CacheKey key) {
        try {
            return Boolean.TRUE.equals(redis.hasKey(key.lock(properties.keyPrefix())));
        } catch (RuntimeException e) {
            l2Trouble("lock check", e);
            return false;
        }
    }

    private void unlock(CacheKey key) {
        try {
            redis.execute(RELEASE, java.util.List.of(key.lock(properties.keyPrefix())), owner);
        } catch (RuntimeException e) {
            l2Trouble("unlock", e);
        }
    }

    private void l2Trouble(String what, RuntimeException e) {
        metrics.l2Error();
        log.warn("Redis {} failed, going on without L2: {}", what, e.toString());
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
