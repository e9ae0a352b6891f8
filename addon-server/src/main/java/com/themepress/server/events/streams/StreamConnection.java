package com.themepress.server.events.streams;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.themepress.server.events.EventProperties;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;

/**
 * The bus's Lettuce client: one shared, pipelined connection for commands, and a connection of its
 * own for each blocking group read. Commands fail fast while Redis is unreachable (no queueing), so
 * callers can answer 503 at once; once connected, Lettuce reconnects by itself.
 */
final class StreamConnection implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final EventProperties properties;
    private volatile @Nullable StatefulRedisConnection<String, String> shared;
    private volatile boolean closed;

    StreamConnection(RedisURI uri, @Nullable ClientResources resources, EventProperties properties) {
        this.uri = uri;
        this.properties = properties;
        this.client = resources != null ? RedisClient.create(resources) : RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(properties.commandTimeout()).keepAlive(true).tcpNoDelay(true).build())
                .build());
    }

    /** The shared connection's commands; connected on first use. */
    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connection = shared;
        if (connection == null) {
            connection = connectShared();
        }
        return connection.sync();
    }

    private synchronized StatefulRedisConnection<String, String> connectShared() {
        requireOpen();
        StatefulRedisConnection<String, String> connection = shared;
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8, uri);
            connection.setTimeout(properties.commandTimeout());
            shared = connection;
        }
        return connection;
    }

    /** A new connection for blocking reads: its timeout covers the read's block on top of a command's. */
    StatefulRedisConnection<String, String> connectBlocking() {
        requireOpen();
        StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8, uri);
        connection.setTimeout(properties.readBlock().plus(properties.commandTimeout()));
        return connection;
    }

    private void requireOpen() {
        if (closed) {
            throw new RedisException("the event bus is shut down");
        }
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
