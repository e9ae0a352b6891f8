package com.themepress.server.events.streams;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ScriptOutputType;

/**
 * Each subscriber's retries: a sorted set of stream entry ids by due time
 * ({@code <prefix>:retry:<addon>}) beside a hash with what each retry needs
 * ({@code <prefix>:retrying:<addon>}). A failed entry leaves the stream's pending list for it.
 */
public final class RetrySchedule {

    /** Moves a failed entry to the retry schedule: one step, so it is never both acknowledged and unscheduled. */
    private static final String SCHEDULE = """
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
            if ARGV[5] == '1' then redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) end
            return 1
            """;

    /** Takes up to ARGV[3] due retries and pushes their due time to the lease's end, so no other replica takes them meanwhile. */
    private static final String LEASE = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
            local out = {}
            for _, id in ipairs(ids) do
              redis.call('ZADD', KEYS[1], ARGV[2], id)
              out[#out + 1] = id
              out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
            end
            return out
            """;

    private static final String FINISH = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """;

    /** A due retry this replica now holds; {@code state} is empty when its record is gone. */
    public record Leased(String id, String state) {
    }

    private final StreamConnection redis;
    private final String keyPrefix;
    private final String logKey;

    RetrySchedule(StreamConnection redis, String keyPrefix, String logKey) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.logKey = logKey;
    }

    private String retryKey(String addon) {
        return keyPrefix + ":retry:" + addon;
    }

    private String retryingKey(String addon) {
        return keyPrefix + ":retrying:" + addon;
    }

    /** Records a retry due at {@code dueMillis}; {@code fromStream} also acknowledges the stream entry, atomically. */
    public void schedule(String addon, String id, long dueMillis, String state, boolean fromStream) {
        redis.commands().eval(SCHEDULE, ScriptOutputType.INTEGER, new String[] {logKey, retryKey(addon), retryingKey(addon)},
                EventStreams.group(addon), id, Long.toString(dueMillis), state, fromStream ? "1" : "0");
    }

    /** Up to {@code limit} retries due at {@code nowMillis}, held until {@code leaseUntilMillis}. */
    public List<Leased> leaseDue(String addon, long nowMillis, long leaseUntilMillis, int limit) {
        List<Object> flat = redis.commands().eval(LEASE, ScriptOutputType.MULTI, new String[] {retryKey(addon), retryingKey(addon)},
                Long.toString(nowMillis), Long.toString(leaseUntilMillis), Integer.toString(limit));
        List<Leased> leased = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            leased.add(new Leased((String) flat.get(i), (String) flat.get(i + 1)));
        }
        return leased;
    }

    public void finish(String addon, String id) {
        redis.commands().eval(FINISH, ScriptOutputType.INTEGER, new String[] {retryKey(addon), retryingKey(addon)}, id);
    }

    /** Removes every retry of {@code addon}: for a group dropped because the addon no longer subscribes. */
    void clear(String addon) {
        redis.commands().del(retryKey(addon), retryingKey(addon));
    }

    /** Retries waiting for {@code addon}. */
    public long count(String addon) {
        return redis.commands().zcard(retryKey(addon));
    }
}
