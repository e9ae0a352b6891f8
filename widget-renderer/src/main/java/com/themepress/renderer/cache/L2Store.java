package com.themepress.renderer.cache;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.themepress.renderer.fragment.Fragments;

/**
 * The Redis side of the widget cache: L2 renders, last good copies, the cross-renderer render lock,
 * and the per-widget indexes that bound how many renders Redis keeps.
 *
 * <p>Every distinct config, site, locale and user is a variant with its own keys, and a caller picks
 * config and site. So each widget version keeps at most {@code max-variants} L2 renders, and each
 * widget at most as many last good copies (across its versions, like their keys). An index per widget
 * (a sorted set: key by time of writing) is kept by the script that writes, in the same atomic step:
 * a write adds its key and drops the least recently written beyond the bound, at O(log n) per key.
 * An index expires with its newest entry, and entries that expired on their own are dropped first.
 * Every failure is counted and answered as "no L2": Redis trouble never fails a request.
 */
@Component
class L2Store {

    private static final Logger log = LoggerFactory.getLogger(L2Store.class);
    // The scripts name the keys they are given (KEYS), as Redis requires of scripts; on a Redis Cluster
    // the keys of one render would need a hash tag to share a slot, and the indexes name further keys,
    // which standalone and Sentinel set-ups (the ones the renderer is configured for) allow.
    /** KEYS: fresh, lock; ARGV: owner, lock ttl (ms). Answers {stored, json}, {locked} or {busy}. */
    @SuppressWarnings("rawtypes") // a script's multi-bulk answer: Spring Data types it by the raw class
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local stored = redis.call('get', KEYS[1])
            if stored then return {'stored', stored} end
            if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'locked'} end
            return {'busy'}
            """, List.class);
    /**
     * KEYS: fresh, last good, lock, fresh index, last good index; ARGV: json, fresh ttl (ms), last good
     * ttl (ms), owner or empty when not locked, max variants. Scores are Redis's own clock in
     * microseconds, one clock for every renderer.
     */
    private static final RedisScript<Long> STORE = RedisScript.of("""
            local now = redis.call('time')
            local score = tonumber(now[1]) * 1000000 + tonumber(now[2])
            local max = tonumber(ARGV[5])
            local function keep(index, key, ttl)
              redis.call('zadd', index, score, key)
              local over = redis.call('zcard', index) - max
              if over > 0 then
                local dropped = redis.call('zrange', index, 0, over - 1)
                for i = 1, #dropped, 500 do
                  redis.call('del', unpack(dropped, i, math.min(i + 499, #dropped)))
                end
                redis.call('zremrangebyrank', index, 0, over - 1)
              end
              redis.call('pexpire', index, ttl)
            end
            redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[3])
            keep(KEYS[4], KEYS[1], ARGV[2])
            keep(KEYS[5], KEYS[2], ARGV[3])
            if ARGV[4] ~= '' and redis.call('get', KEYS[3]) == ARGV[4] then redis.call('del', KEYS[3]) end
            return 1
            """, Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);

    private final CacheProperties properties;
    private final StringRedisTemplate redis;
    private final CacheMetrics metrics;
    /** A stored render is JSON; what is served is built from it with today's fragment settings. */
    private final Fragments fragments;
    private final String owner = UUID.randomUUID().toString();

    L2Store(CacheProperties properties, StringRedisTemplate redis, CacheMetrics metrics, Fragments fragments) {
        this.fragments = fragments;
        this.properties = properties;
        this.redis = redis;
        this.metrics = metrics;
    }

    /** L2 read and, on a miss, the render lock: one round trip, and no other renderer can store and unlock in between. */
    Claim claim(CacheKey key) {
        try {
            List<?> answer = redis.execute(CLAIM, List.of(key.fresh(prefix()), key.lock(prefix())),
                    owner, String.valueOf(properties.lockTtl().toMillis()));
            return switch (String.valueOf(answer.get(0))) {
                case "stored" -> Claim.stored(Rendered.fromJson(key, String.valueOf(answer.get(1)), fragments));
                case "locked" -> Claim.LOCKED;
                default -> Claim.BUSY;
            };
        } catch (RuntimeException e) {
            trouble("read", e);
            return Claim.UNAVAILABLE;
        }
    }

    /** The render into L2 and as the last good copy, both indexes trimmed, and the lock released if held: one round trip. */
    void store(CacheKey key, Rendered rendered, boolean locked) {
        try {
            redis.execute(STORE, List.of(key.fresh(prefix()), key.lastGood(prefix()), key.lock(prefix()),
                    key.freshIndex(prefix()), key.lastGoodIndex(prefix())), rendered.jsonText(),
                    String.valueOf(properties.l2Ttl().toMillis()), String.valueOf(properties.lastGoodTtl().toMillis()),
                    locked ? owner : "", String.valueOf(properties.maxVariants()));
        } catch (RuntimeException e) {
            trouble("write", e); // a lock still held expires after lock-ttl
        }
    }

    /** The last good copy, or null when there is none or Redis cannot say. */
    @Nullable Rendered lastGood(CacheKey key) {
        try {
            String json = redis.opsForValue().get(key.lastGood(prefix()));
            return json == null ? null : Rendered.fromJson(key, json, fragments);
        } catch (RuntimeException e) {
            trouble("last-good read", e);
            return null;
        }
    }

    void unlock(CacheKey key) {
        try {
            redis.execute(RELEASE, List.of(key.lock(prefix())), owner);
        } catch (RuntimeException e) {
            trouble("unlock", e);
        }
    }

    private String prefix() {
        return properties.keyPrefix();
    }

    private void trouble(String what, RuntimeException e) {
        metrics.l2Error();
        log.warn("Redis {} failed, going on without L2: {}", what, e.toString());
    }
}
