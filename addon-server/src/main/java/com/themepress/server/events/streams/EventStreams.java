package com.themepress.server.events.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.themepress.model.cluster.BroadcastChannels;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventProperties;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.resource.ClientResources;

/**
 * All Redis access of the event bus. One stream holds every event ({@code <prefix>:log}); each
 * subscribing addon has a consumer group {@code addon:<name>} on it. Failed deliveries wait in the
 * {@link RetrySchedule}; blocking reads go through a {@link GroupReader}.
 *
 * <p>Commands fail fast while Redis is unreachable (no queueing), so callers can answer 503 at once.
 */
public final class EventStreams implements AutoCloseable {

    /**
     * Appends a batch in one step: a script runs without interleaving, and the append-only file gets
     * all of its entries or none. ARGV[1] is the most entries the stream may hold afterwards (0: no
     * bound), then four values per event (type, source, site or '', envelope). Answers the stream ids
     * in order, or an error starting {@code BACKLOGFULL} when the batch does not fit (nothing written).
     * XLEN is a counter Redis keeps, so the check costs nothing per publish.
     */
    private static final String APPEND_ALL = """
            local limit = tonumber(ARGV[1])
            if limit > 0 and redis.call('XLEN', KEYS[1]) + (#ARGV - 1) / 4 > limit then
              return redis.error_reply('BACKLOGFULL the event stream holds its bound of ' .. ARGV[1] .. ' entries')
            end
            local ids = {}
            for i = 2, #ARGV, 4 do
              if ARGV[i + 2] == '' then
                ids[#ids + 1] = redis.call('XADD', KEYS[1], '*',
                  'type', ARGV[i], 'source', ARGV[i + 1], 'event', ARGV[i + 3])
              else
                ids[#ids + 1] = redis.call('XADD', KEYS[1], '*',
                  'type', ARGV[i], 'source', ARGV[i + 1], 'site', ARGV[i + 2], 'event', ARGV[i + 3])
              end
            end
            return ids
            """;

    /**
     * Appends each event unless it was appended before: KEYS[1] is the stream, KEYS[2..] one mark per
     * event ({@code <prefix>:sent:<event id>}), set with the append in the same script so that no
     * crash can separate them. ARGV[1] is how long a mark is kept (seconds), then four values per
     * event as in {@link #APPEND_ALL}. Answers how many were appended. No bound: these are events of
     * calls that already took effect.
     */
    private static final String APPEND_ONCE = """
            local appended = 0
            for k = 2, #KEYS do
              local i = 2 + (k - 2) * 4
              if redis.call('SET', KEYS[k], '1', 'NX', 'EX', ARGV[1]) then
                if ARGV[i + 2] == '' then
                  redis.call('XADD', KEYS[1], '*', 'type', ARGV[i], 'source', ARGV[i + 1], 'event', ARGV[i + 3])
                else
                  redis.call('XADD', KEYS[1], '*', 'type', ARGV[i], 'source', ARGV[i + 1], 'site', ARGV[i + 2], 'event', ARGV[i + 3])
                end
                appended = appended + 1
              end
            end
            return appended
            """;

    private static final String SHORTEN_MARKS = """
            for k = 1, #KEYS do
              redis.call('EXPIRE', KEYS[k], ARGV[1])
            end
            return #KEYS
            """;

    private final StreamConnection redis;
    private final EventProperties properties;
    private final String logKey;
    private final RetrySchedule retries;
    private final StreamTrim trim;
    private final PausedSubscribers paused;

    public EventStreams(RedisURI uri, @Nullable ClientResources resources, EventProperties properties) {
        this.redis = new StreamConnection(uri, resources, properties);
        this.properties = properties;
        this.logKey = properties.keyPrefix() + ":log";
        this.retries = new RetrySchedule(redis, properties.keyPrefix(), logKey);
        this.trim = new StreamTrim(redis, logKey);
        this.paused = new PausedSubscribers(redis, properties.keyPrefix());
    }

    public String logKey() {
        return logKey;
    }

    public String broadcastChannel() {
        return BroadcastChannels.clusterEvents(properties.keyPrefix());
    }

    public static String group(String addon) {
        return "addon:" + addon;
    }

    public RetrySchedule retries() {
        return retries;
    }

    public StreamTrim trim() {
        return trim;
    }

    public PausedSubscribers paused() {
        return paused;
    }

    /** Appends an event; answers its stream id once Redis has it. See {@link #appendAll} for {@code maxEntries}. */
    public String append(EventEnvelope event, String json, long maxEntries) {
        return appendAll(List.of(event), List.of(json), maxEntries).get(0);
    }

    /**
     * Appends several events at once, all or none (see {@link #APPEND_ALL}); answers their stream ids
     * once Redis has them. {@code jsons} holds each envelope's JSON, in the order of {@code events}.
     *
     * @param maxEntries most entries the stream may hold afterwards, 0 for no bound
     * @throws BacklogFullException when the events do not fit; none was written
     */
    public List<String> appendAll(List<EventEnvelope> events, List<String> jsons, long maxEntries) {
        String[] args = new String[1 + 4 * events.size()];
        args[0] = Long.toString(maxEntries);
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            args[1 + 4 * i] = event.type();
            args[2 + 4 * i] = event.source();
            args[3 + 4 * i] = event.site() == null ? "" : event.site();
            args[4 + 4 * i] = jsons.get(i);
        }
        try {
            return redis.commands().eval(APPEND_ALL, ScriptOutputType.MULTI, new String[] {logKey}, args);
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().contains("BACKLOGFULL")) {
                throw new BacklogFullException(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Appends the entries in order, each at most once however often this is repeated within
     * {@code keepMarks} (see {@link #APPEND_ONCE}); answers how many were new. All or none: a
     * failure leaves the stream as it was.
     */
    public long appendOnce(List<StreamEntry> entries, Duration keepMarks) {
        String[] keys = new String[1 + entries.size()];
        String[] args = new String[1 + 4 * entries.size()];
        keys[0] = logKey;
        args[0] = Long.toString(Math.max(1, keepMarks.toSeconds()));
        for (int i = 0; i < entries.size(); i++) {
            StreamEntry entry = entries.get(i);
            keys[1 + i] = sentMark(entry.id());
            args[1 + 4 * i] = entry.type();
            args[2 + 4 * i] = entry.source();
            args[3 + 4 * i] = entry.site() == null ? "" : entry.site();
            args[4 + 4 * i] = entry.json();
        }
        Long appended = redis.commands().eval(APPEND_ONCE, ScriptOutputType.INTEGER, keys, args);
        return appended == null ? 0 : appended;
    }

    /**
     * Shortens the marks of entries whose record of waiting is gone to {@code linger}: only a relay
     * that read the record just before it went can still try them, and the marks would otherwise
     * take memory for {@code keepMarks}.
     */
    public void shortenMarks(List<StreamEntry> entries, Duration linger) {
        String[] keys = entries.stream().map(entry -> sentMark(entry.id())).toArray(String[]::new);
        redis.commands().eval(SHORTEN_MARKS, ScriptOutputType.INTEGER, keys, Long.toString(Math.max(1, linger.toSeconds())));
    }

    private String sentMark(String eventId) {
        return properties.keyPrefix() + ":sent:" + eventId;
    }

    /** Up to {@code count} entries, newest first, older than {@code before} (all when null). */
    public List<StreamMessage<String, String>> newestFirst(@Nullable String before, int count) {
        Range<String> range = before == null ? Range.unbounded()
                : Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(before));
        return redis.commands().xrevrange(logKey, range, Limit.from(count));
    }

    /** Creates the addon's group at the stream's end (new events only); a group that exists is left alone. */
    public void ensureGroup(String addon) {
        try {
            redis.commands().xgroupCreate(XReadArgs.StreamOffset.latest(logKey), group(addon), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    public void ack(String addon, String... ids) {
        redis.commands().xack(logKey, group(addon), ids);
    }

    public ClaimedMessages<String, String> autoclaim(String addon, String consumer, Duration minIdle, String start, long count) {
        return redis.commands().xautoclaim(logKey, new XAutoClaimArgs<String>().consumer(Consumer.from(group(addon), consumer))
                .minIdleTime(minIdle).startId(start).count(count));
    }

    public List<GroupInfo> groups() {
        if (redis.commands().exists(logKey) == 0) {
            return List.of();
        }
        List<GroupInfo> groups = new ArrayList<>();
        for (Object raw : redis.commands().xinfoGroups(logKey)) {
            Map<String, Object> info = pairs(raw);
            String name = String.valueOf(info.get("name"));
            if (name.startsWith("addon:")) {
                groups.add(new GroupInfo(name.substring("addon:".length()), asLong(info.get("consumers")),
                        asLong(info.get("pending")), info.get("lag") instanceof Long lag ? lag : null,
                        String.valueOf(info.get("last-delivered-id"))));
            }
        }
        return groups;
    }

    public List<ConsumerInfo> consumers(String addon) {
        List<ConsumerInfo> consumers = new ArrayList<>();
        for (Object raw : redis.commands().xinfoConsumers(logKey, group(addon))) {
            Map<String, Object> info = pairs(raw);
            consumers.add(new ConsumerInfo(String.valueOf(info.get("name")), asLong(info.get("pending")), asLong(info.get("idle"))));
        }
        return consumers;
    }

    /**
     * Deletes the group of an addon that no longer subscribes, with its retries and pause: until then
     * its position holds back trimming. Answers whether the group existed.
     */
    public boolean dropGroup(String addon) {
        boolean existed = redis.commands().exists(logKey) == 1 && Boolean.TRUE.equals(redis.commands().xgroupDestroy(logKey, group(addon)));
        retries.clear(addon);
        paused.forget(addon);
        return existed;
    }

    public void deleteConsumer(String addon, String consumer) {
        redis.commands().xgroupDelconsumer(logKey, Consumer.from(group(addon), consumer));
    }

    /** Returns how many subscribers received it. */
    public long publish(String channel, String message) {
        return redis.commands().publish(channel, message);
    }

    /** A connection of its own for blocking reads of {@code addon}'s group as {@code consumer}. */
    public GroupReader reader(String addon, String consumer) {
        return new GroupReader(redis, logKey, Consumer.from(group(addon), consumer), properties.readBlock());
    }

    private static Map<String, Object> pairs(Object raw) {
        Map<String, Object> map = new HashMap<>();
        if (raw instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                map.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return map;
    }

    private static long asLong(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    @Override
    public void close() {
        redis.close();
    }
}
