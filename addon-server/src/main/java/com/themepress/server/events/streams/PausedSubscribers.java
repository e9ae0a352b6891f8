package com.themepress.server.events.streams;

import java.util.Map;
import java.util.TreeMap;

import io.lettuce.core.ScriptOutputType;

/**
 * Which subscribers are paused, shared by every replica: a hash {@code <prefix>:paused} of addon to
 * {@code <epoch ms>:<backlog>} when paused, and {@code <prefix>:resumed} of addon to its backlog when
 * an operator resumed it (it is paused again only if it grows a full bound beyond that).
 */
public final class PausedSubscribers {

    /** Pauses ARGV[1] unless it is paused already; answers 1 when it paused it now. */
    private static final String PAUSE = """
            return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            """;

    private static final String RESUME = """
            local was = redis.call('HDEL', KEYS[1], ARGV[1])
            if was == 1 then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
            return was
            """;

    /** A paused subscriber: since when, and its backlog when it was paused. */
    public record Paused(long sinceMillis, long backlog) {

        static Paused decode(String value) {
            int colon = value.indexOf(':');
            return new Paused(Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
        }
    }

    private final StreamConnection redis;
    private final String pausedKey;
    private final String resumedKey;

    PausedSubscribers(StreamConnection redis, String keyPrefix) {
        this.redis = redis;
        this.pausedKey = keyPrefix + ":paused";
        this.resumedKey = keyPrefix + ":resumed";
    }

    /** Every paused subscriber, by addon name. */
    public Map<String, Paused> all() {
        Map<String, Paused> paused = new TreeMap<>();
        redis.commands().hgetall(pausedKey).forEach((addon, value) -> paused.put(addon, Paused.decode(value)));
        return paused;
    }

    public boolean isPaused(String addon) {
        return redis.commands().hexists(pausedKey, addon);
    }

    /** Answers whether this call paused it (false: it was paused already). */
    public boolean pause(String addon, long nowMillis, long backlog) {
        Long set = redis.commands().eval(PAUSE, ScriptOutputType.INTEGER, new String[] {pausedKey}, addon, nowMillis + ":" + backlog);
        return set != null && set == 1L;
    }

    /** Answers whether it was paused; a resumed subscriber's backlog is remembered so it is not paused again at once. */
    public boolean resume(String addon, long backlog) {
        Long was = redis.commands().eval(RESUME, ScriptOutputType.INTEGER, new String[] {pausedKey, resumedKey}, addon,
                Long.toString(backlog));
        return was != null && was == 1L;
    }

    /** The backlogs of subscribers resumed by an operator and not yet caught up, by addon. */
    public Map<String, Long> resumed() {
        Map<String, Long> resumed = new TreeMap<>();
        redis.commands().hgetall(resumedKey).forEach((addon, value) -> resumed.put(addon, Long.parseLong(value)));
        return resumed;
    }

    void forget(String addon) {
        redis.commands().hdel(pausedKey, addon);
        redis.commands().hdel(resumedKey, addon);
    }

    /** A resumed subscriber caught up under the bound: the next time it falls behind, it is paused as usual. */
    public void caughtUp(String addon) {
        redis.commands().hdel(resumedKey, addon);
    }
}
