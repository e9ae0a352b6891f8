package com.themepress.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs {@code limits/token-buckets.lua} on Lettuce's asynchronous API over the connection factory's shared
 * connection. Spring Data's reactive script executor wraps each call in a connection lease, serialisers and
 * a reactive command publisher, which cost the limited widget path about a tenth of its rate
 * (docs/benchmarks.md); one script call per batch of counts needs none of that.
 * <p>
 * Never blocks its caller, which is an event loop: the connection is made on start-up, or, when Redis
 * was not there then, on a worker thread at most once per {@link #RETRY_MILLIS}; until it exists a call
 * fails at once (and the limiter fails open or refuses, as set). Lettuce reconnects an existing connection
 * by itself. A Redis that lost its script cache (a restart, {@code SCRIPT FLUSH}) is sent the script itself.
 */
final class BucketScript {

    private static final Logger log = LoggerFactory.getLogger(BucketScript.class);
    static final long RETRY_MILLIS = 1000;

    private final LettuceConnectionFactory connections;
    private final String sha;
    private final byte[] source;
    private final Scheduler connector = Schedulers.boundedElastic();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;
    private volatile long nextAttempt;

    @SuppressWarnings("rawtypes")
    BucketScript(LettuceConnectionFactory connections, RedisScript<List> script) {
        this.connections = connections;
        this.sha = script.getSha1();
        this.source = script.getScriptAsString().getBytes(StandardCharsets.UTF_8);
    }

    /** Connects on the calling thread (start-up); a Redis that is not there yet is only logged. */
    BucketScript connectNow() {
        connect();
        return this;
    }

    /** The script's answer for these keys and arguments: a list of numbers, or a failed stage. */
    CompletionStage<List<Object>> run(List<String> keys, List<String> args) {
        RedisClusterAsyncCommands<byte[], byte[]> redis = commands;
        if (redis == null || !redis.isOpen()) {
            commands = null;
            connectInBackground();
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
        }
        byte[][] keyBytes = bytes(keys);
        byte[][] argBytes = bytes(args);
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keyBytes, argBytes)
                .exceptionallyCompose(error -> retried(redis, error, keyBytes, argBytes));
    }

    private CompletionStage<List<Object>> retried(RedisClusterAsyncCommands<byte[], byte[]> redis, Throwable error, byte[][] keys,
            byte[][] args) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisNoScriptException) {
            // EVAL runs it and puts it back into Redis's cache, so the next EVALSHA finds it
            return redis.eval(source, ScriptOutputType.MULTI, keys, args);
        }
        return CompletableFuture.failedFuture(cause);
    }

    private void connectInBackground() {
        if (System.currentTimeMillis() >= nextAttempt && connecting.compareAndSet(false, true)) {
            connector.schedule(() -> {
                try {
                    connect();
                } finally {
                    connecting.set(false);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private void connect() {
        nextAttempt = System.currentTimeMillis() + RETRY_MILLIS;
        try (RedisConnection connection = connections.getConnection()) {
            commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
        } catch (RuntimeException e) {
            log.debug("Rate limits: cannot connect to Redis yet ({})", e.toString());
        }
    }

    private static byte[][] bytes(List<String> values) {
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
