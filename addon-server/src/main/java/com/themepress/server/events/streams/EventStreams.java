package com.themepress.server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.resource.ClientResources;

/**
 * All Redis access of the event bus. One stream holds every event ({@code <prefix>:log}); each
 * subscribing addon has a consumer group {@code addon:<name>} on it. A failed delivery leaves the
 * stream's pending list for the subscriber's retry schedule: a sorted set of entry ids by due time
 * ({@code <prefix>:retry:<addon>}) beside a hash with what each retry needs ({@code <prefix>:retrying:<addon>}).
 *
 * <p>Commands fail fast while Redis is unreachable (no queueing), so callers can answer 503 at once.
 */
final class EventStreams implements AutoCloseable {

    /** Entry fields: the filterable attributes beside the envelope, so delivery need not parse JSON to filter. */
    static final String TYPE = "type";
    static final String SOURCE = "source";
    static final String SITE = "site";
    static final String EVENT = "event";

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

    /**
     * Appends a batch in one step: a script runs without interleaving, and the append-only file gets
     * all of its entries or none. ARGV[1] is the trim length, then four values per event
     * (type, source, site or '', envelope). Answers the stream ids in order.
     */
    private static final String APPEND_ALL = """
            local ids = {}
            for i = 2, #ARGV, 4 do
              if ARGV[i + 2] == '' then
                ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                  'type', ARGV[i], 'source', ARGV[i + 1], 'event', ARGV[i + 3])
              else
                ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                  'type', ARGV[i], 'source', ARGV[i + 1], 'site', ARGV[i + 2], 'event', ARGV[i + 3])
              end
            end
            return ids
            """;

    private static final String FINISH = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """;

    record Leased(String id, String state) {
    }

    record GroupInfo(String addon, long consumers, long pending, @Nullable Long lag, String lastDeliveredId) {
    }

    record ConsumerInfo(String name, long pending, long idleMillis) {
    }

    private final RedisClient client;
    private final RedisURI uri;
    private final EventProperties properties;
    private final String logKey;
    private volatile @Nullable StatefulRedisConnection<String, String> shared;
    private volatile boolean closed;

    EventStreams(RedisURI uri, @Nullable ClientResources resources, EventProperties properties) {
        this.uri = uri;
        this.properties = properties;
        this.logKey = properties.keyPrefix() + ":log";
        this.client = resources != null ? RedisClient.create(resources) : RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(properties.commandTimeout()).keepAlive(true).tcpNoDelay(true).build())
                .build());
    }

    String logKey() {
        return logKey;
    }

    String broadcastChannel() {
        return properties.keyPrefix() + ":broadcast";
    }

    static String group(String addon) {
        return "addon:" + addon;
    }

    private String retryKey(String addon) {
        return properties.keyPrefix() + ":retry:" + addon;
    }

    private String retryingKey(String addon) {
        return properties.keyPrefix() + ":retrying:" + addon;
    }

    /**
     * The shared, pipelined connection; connected on first use and reconnected by Lettuce after that
     * (while it is away, commands are rejected at once).
     */
    RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> connection = shared;
        if (connection == null) {
            connection = connectShared();
        }
        return connection.sync();
    }

    private synchronized StatefulRedisConnection<String, String> connectShared() {
        if (closed) {
            throw new RedisException("the event bus is shut down");
        }
        StatefulRedisConnection<String, String> connection = shared;
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8, uri);
            connection.setTimeout(properties.commandTimeout());
            shared = connection;
        }
        return connection;
    }

    /** Appends an event; answers its stream id once Redis has it. */
    String append(EventEnvelope event, String json) {
        Map<String, String> fields = new HashMap<>(4);
        fields.put(TYPE, event.type());
        fields.put(SOURCE, event.source());
        if (event.site() != null) {
            fields.put(SITE, event.site());
        }
        fields.put(EVENT, json);
        return redis().xadd(logKey, new XAddArgs().maxlen(properties.streamMaxLength()).approximateTrimming(), fields);
    }

    /**
     * Appends several events at once, all or none (see {@link #APPEND_ALL}); answers their stream ids
     * once Redis has them. {@code jsons} holds each envelope's JSON, in the order of {@code events}.
     */
    List<String> appendAll(List<EventEnvelope> events, List<String> jsons) {
        String[] args = new String[1 + 4 * events.size()];
        args[0] = Long.toString(properties.streamMaxLength());
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            args[1 + 4 * i] = event.type();
            args[2 + 4 * i] = event.source();
            args[3 + 4 * i] = event.site() == null ? "" : event.site();
            args[4 + 4 * i] = jsons.get(i);
        }
        List<String> ids = redis().eval(APPEND_ALL, ScriptOutputType.MULTI, new String[] {logKey}, args);
        return ids;
    }

    /** Creates the addon's group at the stream's end (new events only); a group that exists is left alone. */
    void ensureGroup(String addon) {
        try {
            redis().xgroupCreate(XReadArgs.StreamOffset.latest(logKey), group(addon), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    void ack(String addon, String... ids) {
        redis().xack(logKey, group(addon), ids);
    }

    ClaimedMessages<String, String> autoclaim(String addon, String consumer, Duration minIdle, String start, long count) {
        return redis().xautoclaim(logKey, new XAutoClaimArgs<String>().consumer(Consumer.from(group(addon), consumer))
                .minIdleTime(minIdle).startId(start).count(count));
    }

    /** Records a retry due at {@code dueMillis}; {@code fromStream} also acknowledges the stream entry, atomically. */
    void scheduleRetry(String addon, String id, long dueMillis, String state, boolean fromStream) {
        redis().eval(SCHEDULE, ScriptOutputType.INTEGER, new String[] {logKey, retryKey(addon), retryingKey(addon)},
                group(addon), id, Long.toString(dueMillis), state, fromStream ? "1" : "0");
    }

    List<Leased> leaseDue(String addon, long nowMillis, long leaseUntilMillis, int limit) {
        List<Object> flat = redis().eval(LEASE, ScriptOutputType.MULTI, new String[] {retryKey(addon), retryingKey(addon)},
                Long.toString(nowMillis), Long.toString(leaseUntilMillis), Integer.toString(limit));
        List<Leased> leased = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            leased.add(new Leased((String) flat.get(i), (String) flat.get(i + 1)));
        }
        return leased;
    }

    void finishRetry(String addon, String id) {
        redis().eval(FINISH, ScriptOutputType.INTEGER, new String[] {retryKey(addon), retryingKey(addon)}, id);
    }

    long retrying(String addon) {
        return redis().zcard(retryKey(addon));
    }

    @Nullable Double retryDue(String addon, String id) {
        return redis().zscore(retryKey(addon), id);
    }

    List<GroupInfo> groups() {
        if (redis().exists(logKey) == 0) {
            return List.of();
        }
        List<GroupInfo> groups = new ArrayList<>();
        for (Object raw : redis().xinfoGroups(logKey)) {
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

    List<ConsumerInfo> consumers(String addon) {
        List<ConsumerInfo> consumers = new ArrayList<>();
        for (Object raw : redis().xinfoConsumers(logKey, group(addon))) {
            Map<String, Object> info = pairs(raw);
            consumers.add(new ConsumerInfo(String.valueOf(info.get("name")), asLong(info.get("pending")), asLong(info.get("idle"))));
        }
        return consumers;
    }

    void deleteConsumer(String addon, String consumer) {
        redis().xgroupDelconsumer(logKey, Consumer.from(group(addon), consumer));
    }

    /** Up to {@code count} entries, newest first, older than {@code before} (all when null). */
    List<StreamMessage<String, String>> newestFirst(@Nullable String before, int count) {
        Range<String> range = before == null ? Range.unbounded()
                : Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(before));
        return redis().xrevrange(logKey, range, Limit.from(count));
    }

    void publish(String channel, String message) {
        redis().publish(channel, message);
    }

    /** A connection of its own for a blocking group read. */
    Reader reader(String addon, String consumer) {
        return new Reader(addon, consumer);
    }

    final class Reader implements AutoCloseable {

        private final Consumer<String> consumer;
        private @Nullable StatefulRedisConnection<String, String> connection;

        private Reader(String addon, String consumer) {
            this.consumer = Consumer.from(group(addon), consumer);
        }

        List<StreamMessage<String, String>> readNew(int count) {
            return open().sync().xreadgroup(consumer, XReadArgs.Builder.count(count).block(properties.readBlock()),
                    XReadArgs.StreamOffset.lastConsumed(logKey));
        }

        /**
         * This consumer's own unacknowledged entries after {@code after}, without blocking. Redis
         * records a group read before it answers; when the answer is lost (Redis killed, connection
         * cut), the entries sit here, owned by a consumer that never saw them.
         */
        List<StreamMessage<String, String>> readOwnPending(String after, int count) {
            return open().sync().xreadgroup(consumer, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(logKey, after));
        }

        private StatefulRedisConnection<String, String> open() {
            StatefulRedisConnection<String, String> open = connection;
            if (open == null) { // once connected, Lettuce reconnects it
                if (closed) {
                    throw new RedisException("the event bus is shut down");
                }
                open = client.connect(StringCodec.UTF8, uri);
                open.setTimeout(properties.readBlock().plus(properties.commandTimeout()));
                connection = open;
            }
            return open;
        }

        @Override
        public void close() {
            StatefulRedisConnection<String, String> open = connection;
            connection = null;
            if (open != null) {
                open.closeAsync();
            }
        }
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
        closed = true;
        StatefulRedisConnection<String, String> connection = shared;
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
