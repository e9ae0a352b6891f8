package com.themepress.server.events.streams;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;

/** One consumer's reads of its group, on a connection of its own (a read blocks for {@code read-block}). */
public final class GroupReader implements AutoCloseable {

    private final StreamConnection redis;
    private final String logKey;
    private final Consumer<String> consumer;
    private final Duration block;
    private @Nullable StatefulRedisConnection<String, String> connection;

    GroupReader(StreamConnection redis, String logKey, Consumer<String> consumer, Duration block) {
        this.redis = redis;
        this.logKey = logKey;
        this.consumer = consumer;
        this.block = block;
    }

    /** Up to {@code count} entries no consumer of the group was given yet, waiting up to {@code read-block} for them. */
    public List<StreamMessage<String, String>> readNew(int count) {
        return open().sync().xreadgroup(consumer, XReadArgs.Builder.count(count).block(block),
                XReadArgs.StreamOffset.lastConsumed(logKey));
    }

    /**
     * This consumer's own unacknowledged entries after {@code after}, without blocking. Redis
     * records a group read before it answers; when the answer is lost (Redis killed, connection
     * cut), the entries sit here, owned by a consumer that never saw them.
     */
    public List<StreamMessage<String, String>> readOwnPending(String after, int count) {
        return open().sync().xreadgroup(consumer, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(logKey, after));
    }

    private StatefulRedisConnection<String, String> open() {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null) { // once connected, Lettuce reconnects it
            open = redis.connectBlocking();
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
